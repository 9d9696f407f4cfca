"""Every seed wire item gives exactly its golden post (regenerate with ``make golden``)."""

from __future__ import annotations

import pytest

from tests.support.golden import GOLDEN, SEEDS, render_golden


@pytest.fixture(scope="module")
def rendered(extractor):
    return render_golden(sorted(SEEDS.glob("*.txt")), extractor)


def test_every_seed_has_a_golden_file(rendered):
    assert sorted(rendered) == sorted(p.name for p in GOLDEN.glob("*.md"))
    assert len(rendered) >= 12


@pytest.mark.parametrize("name", sorted(p.stem + ".md" for p in SEEDS.glob("*.txt")))
def test_seed_matches_golden(rendered, name):
    expected = (GOLDEN / name).read_text(encoding="utf-8")
    assert rendered[name] == expected, f"{name} differs from its golden file: run `make golden` and review the diff"
