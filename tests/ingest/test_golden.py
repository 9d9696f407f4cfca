"""Every seed wire story gives exactly its golden post (regenerate with ``make golden``): plain
text and each structured format (NITF, a NewsML-G2 item and message, ninjs 1.x and 2.x)."""

from __future__ import annotations

import pytest

from tests.support.golden import GOLDEN, render_golden, seed_paths


@pytest.fixture(scope="module")
def rendered(extractor):
    return render_golden(seed_paths(), extractor)


def test_every_seed_has_a_golden_file(rendered):
    assert sorted(rendered) == sorted(p.name for p in GOLDEN.glob("*.md"))
    assert len(rendered) >= 12
    # each structured format has a seed story
    for suffix in (".nitf", ".xml", ".json"):
        assert any(p.name.endswith(suffix) for p in seed_paths())
    assert any("__" in name for name in rendered), "no seed file of several items"


@pytest.mark.parametrize("name", sorted(p.name for p in GOLDEN.glob("*.md")))
def test_seed_matches_golden(rendered, name):
    expected = (GOLDEN / name).read_text(encoding="utf-8")
    assert rendered[name] == expected, f"{name} differs from its golden file: run `make golden` and review the diff"
