"""People and organisations across builds: a new story that teaches the archive who a bare
surname is rewrites the pages it changes and leaves a redirect; the editors' file undoes a merge
and brings back a refused name without extracting anything; after every step the output equals
a build from nothing (an empty output folder and an empty site cache)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from tests.site.test_incremental import archive_pages, files
from tests.site.test_site import _REFRESH
from tests.support.sitebuild import ROOT, build_site, make_site

pytestmark = pytest.mark.site

FULL = b"""Norway sets lower cod quota as stocks shrink
OSLO, Jan 5, 2030 (Reuters) - Norway will cut its cod quota in the Barents Sea by a fifth next year, Fisheries Minister Ingrid Halvorsen said on Monday, after scientists warned that stocks were shrinking.
Ingrid Halvorsen said the fishing fleet would be compensated for part of the loss. Halvorsen added that talks with Russia on a shared quota would resume in March.
"""
BARE = b"""Norwegian fishermen protest quota cut in Tromsoe
TROMSOE, Norway, Jan 9, 2030 (Reuters) - Several hundred fishermen protested in Tromsoe on Friday against a cut in the cod quota, and called on Minister Halvorsen to reverse it.
"We were not consulted," said Ola Brekke, who chairs the fishing association. Halvorsen told reporters in Oslo that the cut was needed to protect stocks.
"""
EARNINGS = b"""Tennex Industries 4th qtr net
CLEVELAND, Jan 8, 2030 - Shr 1.20 dlrs vs 98 cts
Net 12.4 mln vs 10.1 mln
Revs 140.2 mln vs 131.0 mln
Note: Tennex Industries Inc said trading in its shares would resume at 1400 GMT.
"""
EDITORS = """people:
  distinct: [Halvorsen]
organizations:
  keep: [GMT]
"""


def fresh(root: Path, name: str) -> dict:
    """A build from nothing: an empty output folder and an empty site cache."""
    cache = json.dumps(str(root / ".cache" / f"{name}-site"))
    result = build_site(root, output=name, settings=[f"ARCHIVE_CACHE_PATH={cache}"])
    assert result.returncode == 0, result.stderr[-3000:]
    return files(root / name)


def refresh_target(found: dict, path: str) -> str | None:
    """Where the page at ``path`` redirects (as a path under the output folder), or None."""
    m = _REFRESH.search(found[path][0].decode())
    if m is None:
        return None
    parts = [*path.split("/")[:-1], *m.group(1).split("/")]
    out: list[str] = []
    for part in parts:
        if part == "..":
            out.pop()
        elif part:
            out.append(part)
    return "/".join(out) + "/index.html"


def same(a: dict, b: dict) -> bool:
    return a.keys() == b.keys() and all(a[k][0] == b[k][0] for k in a)


def posts(root: Path) -> dict:
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in (root / "content" / "posts").glob("*.md")}


def extracted(root: Path) -> int:
    """Entries of the extraction cache (one per raw file and extractor fingerprint)."""
    with sqlite3.connect(root / ".cache" / "extract.sqlite") as db:
        return db.execute("SELECT count(*) FROM extraction").fetchone()[0]


@pytest.fixture(scope="module")
def steps(tmp_path_factory):
    seeds = {p.name: p.read_bytes() for p in sorted((ROOT / "seeds").glob("*.txt"))}
    root = make_site(tmp_path_factory.mktemp("entities"), {**seeds, "bare.txt": BARE, "earnings.txt": EARNINGS})
    (root / "content" / "entities.yaml").unlink(missing_ok=True)
    out = root / "output"
    found = {}
    assert build_site(root).returncode == 0
    found["first"] = files(out)
    (root / "content" / "wire" / "full.txt").write_bytes(FULL)
    assert build_site(root).returncode == 0
    found["taught"], found["taught_fresh"] = files(out), fresh(root, "fresh-taught")
    found["posts_before_edit"], found["extracted_before_edit"] = posts(root), extracted(root)
    (root / "content" / "entities.yaml").write_text(EDITORS, encoding="utf-8")
    assert build_site(root).returncode == 0
    found["edited"], found["edited_fresh"] = files(out), fresh(root, "fresh-edited")
    found["posts_after_edit"], found["extracted_after_edit"] = posts(root), extracted(root)
    (root / "content" / "entities.yaml").unlink()
    (root / "content" / "wire" / "full.txt").unlink()
    assert build_site(root).returncode == 0
    found["undone"] = files(out)
    found["root"] = root
    return found


def test_a_story_that_teaches_a_full_name_merges_the_bare_surname(steps):
    first, taught = steps["first"], steps["taught"]
    assert "people/halvorsen/index.html" in first and "people/ingrid-halvorsen/index.html" not in first
    assert refresh_target(first, "people/halvorsen/index.html") is None
    assert refresh_target(taught, "people/halvorsen/index.html") == "people/ingrid-halvorsen/index.html"
    (bare,) = [k for k in taught if k.endswith("norwegian-fishermen-protest-quota-cut-in-tromsoe/index.html")]
    assert taught[bare][1] != first[bare][1]  # its chip now names Ingrid Halvorsen
    html = taught[bare][0].decode()
    assert "people/ingrid-halvorsen/" in html and "people/halvorsen/" not in html
    assert '"alternateName": ["Halvorsen"]' in html  # how this story wrote her name
    pages = archive_pages(first)
    rewritten = {k for k in pages if k in taught and taught[k][1] != pages[k][1]}
    untouched = {"countries/ke/index.html", "people/khawaja-asif/index.html", "organizations/index.html"}
    assert untouched <= pages.keys() - rewritten
    assert len(rewritten) < len(pages) / 3, sorted(rewritten)


def test_every_step_equals_a_build_from_nothing(steps):
    assert same(steps["taught"], steps["taught_fresh"])
    assert same(steps["edited"], steps["edited_fresh"])


def test_editors_lines_undo_a_merge_and_keep_a_refused_name_without_extracting(steps):
    assert steps["posts_after_edit"] == steps["posts_before_edit"]  # no post rewritten
    assert steps["extracted_after_edit"] == steps["extracted_before_edit"]  # nothing extracted again
    edited = steps["edited"]
    assert refresh_target(edited, "people/halvorsen/index.html") is None  # distinct: a page of its own again
    assert "organizations/gmt/index.html" in edited and "organizations/gmt/index.html" not in steps["taught"]
    (earnings,) = [k for k in edited if k.endswith("tennex-industries-4th-qtr-net/index.html")]
    assert "organizations/gmt/" in edited[earnings][0].decode()


def test_undoing_every_step_gives_the_first_site_back_byte_for_byte(steps):
    assert same(steps["first"], steps["undone"])
