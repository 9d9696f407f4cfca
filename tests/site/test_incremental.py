"""Rebuilding after a change writes only the pages that change, and gives exactly what a build
into an empty folder gives: after a story is added, and after it is removed again."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.sitebuild import ROOT, build_site, make_site

pytestmark = pytest.mark.site
SEEDS = ROOT / "seeds"
STORY = b"""Lakeshore Axle and union agree three-year contract, ending Ohio strike
CLEVELAND, Jan 7, 2030 (Reuters) - Lakeshore Axle and the union representing its workers in Ohio agreed a three-year contract on Monday, ending a strike at two plants, the company said.
Union leader Dana Kowalski said members would vote on the deal later this week.
"""


def files(out: Path) -> dict[str, tuple[bytes, int]]:
    return {
        p.relative_to(out).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in out.rglob("*")
        if p.is_file() and "theme" not in p.parts  # the search index (pagefind/) included
    }


def archive_pages(found: dict) -> dict:
    # Pelican writes its own pages (about, 404, robots.txt) on every build
    return {k: v for k, v in found.items() if not k.startswith(("about/", "404.html", "robots.txt"))}


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    from wire_ingest.readers import SUFFIXES

    # every seed: text and agency items (versions, a withdrawn story) in the inbox
    seeds = {p.name: p.read_bytes() for p in sorted(SEEDS.iterdir()) if p.name.endswith(SUFFIXES)}
    root = make_site(tmp_path_factory.mktemp("incremental"), extra_wire=seeds)  # the inbox holds the seeds
    assert build_site(root).returncode == 0
    first = files(root / "output")
    (root / "content" / "wire" / "new-story.txt").write_bytes(STORY)
    assert build_site(root).returncode == 0
    second = files(root / "output")
    assert build_site(root, output="fresh").returncode == 0
    fresh = files(root / "fresh")
    (root / "content" / "wire" / "new-story.txt").unlink()
    assert build_site(root).returncode == 0
    third = files(root / "output")
    return first, second, fresh, third


def test_an_added_story_rewrites_only_what_shows_it(builds):
    first, second, _, _ = builds
    new = [k for k in second if k not in first]
    assert any(k.startswith("2030/01/") for k in new)
    first, second = archive_pages(first), archive_pages(second)
    rewritten = {k for k in first if k in second and second[k][1] != first[k][1]}
    assert "index.html" in rewritten and "feeds/all.atom.xml" in rewritten and "sitemap.xml" in rewritten
    assert "countries/us/index.html" in rewritten
    untouched = {"countries/ke/index.html", "countries/pk/index.html", "people/khawaja-asif/index.html"}
    assert untouched <= first.keys() - rewritten
    assert len(rewritten) < len(first) / 2, sorted(rewritten)


def test_the_incremental_result_equals_a_fresh_build(builds):
    _, second, fresh, _ = builds
    assert second.keys() == fresh.keys()
    assert [k for k in second if second[k][0] != fresh[k][0]] == []


def test_removing_the_story_takes_the_site_back_byte_for_byte(builds):
    first, _, _, third = builds
    assert not any(k.startswith("2030/") for k in third)
    assert third.keys() == first.keys()
    assert [k for k in first if first[k][0] != third[k][0]] == []
