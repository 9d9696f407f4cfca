"""The whole site from structured wire items: one each of NITF, a NewsML-G2 item, a NewsML-G2
message, ninjs 1.x and ninjs 2.x, built by Pelican as `make html` does. Each story's page shows
its own date with its zone, its dateline, its countries and topics; a re-sent version updates
its page in place; a cancelled item leaves every list, term and search tier and its address
shows a notice."""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from wire_core.front_matter import read_post
from wire_core.mediatopics import load_media_topics
from wire_search.bundle import read_fragment
from wire_search.parts import page_url

from tests.search.test_index import tier_words
from tests.support import ROOT
from tests.support.sitebuild import build_site, make_site

pytestmark = pytest.mark.site
SPECIMENS = ROOT / "tests" / "data" / "formats"
FILES = {
    "nitf/port-strike-3.6.xml": "NITF 3.6",
    "newsml-g2/berlin-grid-v1.xml": "NewsML-G2 item",
    "newsml-g2/message-three-items.xml": "NewsML-G2 message",
    "ninjs/santiago-copper-1.4.json": "ninjs 1.4",
    "ninjs/accra-cocoa-2.1.json": "ninjs 2.1",
}
# headline → (date with its zone, dateline as the page prints it, country codes, topic qcodes)
EXPECTED = {
    "Rotterdam dockers end strike after pay deal": (
        "2026-03-04T09:15:00+01:00", "ROTTERDAM, March 4", ["NL"], ["medtop:09000000", "medtop:20000337"],
    ),
    "Germany to speed up grid links for eastern wind farms": (
        "2026-03-03T09:40:00+01:00", "BERLIN, March 3 (Northwire)", ["DE"], ["medtop:20000261"],
    ),
    "Moderate quake shakes Lima, no damage reported": (
        "2026-05-20T01:55:00-05:00", "LIMA, May 20 (Northwire)", ["PE"], ["medtop:20000148"],
    ),
    "Norway's wealth fund to publish annual results": (
        "2026-05-19T17:45:00+02:00", "OSLO", ["NO"], ["medtop:20000194"],
    ),
    "Chile copper output rises 3 percent on new mine": (
        "2026-07-08T10:15:00-04:00", "SANTIAGO, July 8 (Northwire)", ["CL"], ["medtop:20000320"],
    ),
    "Ghana raises cocoa farm-gate price by a fifth": (
        "2026-09-14T08:00:00+00:00", "ACCRA, Sept 14 (Northwire)", ["GH"], ["medtop:20000210"],
    ),
}  # fmt: skip


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = make_site(tmp_path_factory.mktemp("formats"))
    for name in FILES:
        shutil.copy(SPECIMENS / name, root / "content" / "wire" / Path(name).name)
    result = build_site(root)
    assert result.returncode == 0, result.stderr[-3000:]
    return root, result


def front_matters(root: Path) -> dict[str, object]:
    return {
        f.title: f
        for f in (read_post(p.read_text(encoding="utf-8"))[0] for p in (root / "content" / "posts").glob("*.md"))
    }


def page_of(root: Path, front, output: str = "output") -> Path:
    return root / output / f"{front.date:%Y}" / f"{front.date:%m}" / front.slug / "index.html"


def test_every_format_gives_its_stories_and_nothing_else(site):
    root, result = site
    fronts = front_matters(root)
    assert sorted(fronts) == sorted(EXPECTED)  # the inbox holds files: the seeds are left out
    log = " ".join((result.stdout + result.stderr).split())
    assert "message-three-items.xml#urn:newsml:northwire.example:20260520:LIMA-PHOTO: skipped" in log
    assert {f.wire.path.rsplit("/", 1)[1] for f in fronts.values()} == {Path(n).name for n in FILES}


@pytest.mark.parametrize("headline", sorted(EXPECTED))
def test_each_story_page_shows_its_date_zone_dateline_countries_and_topics(site, headline):
    root, _ = site
    front = front_matters(root)[headline]
    when, dateline, countries, topics = EXPECTED[headline]
    assert front.date.isoformat() == when  # the item's own time, its zone kept
    html = page_of(root, front).read_text(encoding="utf-8")
    assert f'<time datetime="{when}"' in html
    assert dateline in html
    for code in countries:
        assert f'countries/{code.lower()}/"' in html
        assert code in front.countries
    media = load_media_topics()
    for code in topics:
        assert code in [c for c, _ in front.topics]
        label = media.get(code).label.replace("'", "&#39;")
        assert f">{label}</a>" in html
    home = (root / "output" / "index.html").read_text(encoding="utf-8")
    assert front.slug in home


def test_a_resent_version_updates_its_page_and_a_cancelled_item_leaves_the_site(site):
    root, _ = site
    wire = root / "content" / "wire"
    shutil.copy(SPECIMENS / "newsml-g2" / "berlin-grid-v2.xml", wire / "berlin-grid-v2.xml")
    cocoa = json.loads((SPECIMENS / "ninjs" / "accra-cocoa-2.1.json").read_text(encoding="utf-8"))
    cocoa.update(version="2", pubstatus="canceled", versioncreated="2026-09-14T12:00:00+00:00")
    (wire / "accra-cocoa-kill.json").write_text(json.dumps(cocoa), encoding="utf-8")
    result = build_site(root, output="output2")
    assert result.returncode == 0, result.stderr[-3000:]
    out = root / "output2"
    fronts = front_matters(root)
    # version 2 of the grid story: the same post and address, the new text
    grid = fronts["Germany to speed up grid links for eastern wind farms"]
    assert grid.wire.version == 2 and grid.wire.path.endswith("berlin-grid-v2.xml")
    page = page_of(root, grid, "output2").read_text(encoding="utf-8")
    assert "promised to challenge it in court" in page
    assert len(list(out.glob("*/*/germany-to-speed-up-grid-links*/index.html"))) == 1
    # the cancelled cocoa story: its post kept, withdrawn; its address a notice; in no list
    cocoa_front = fronts["Ghana raises cocoa farm-gate price by a fifth"]
    assert cocoa_front.status == "withdrawn"
    notice = page_of(root, cocoa_front, "output2").read_text(encoding="utf-8")
    assert "Story withdrawn" in notice and 'name="robots" content="noindex' in notice
    assert "cocoa" not in notice.lower() and "data-pagefind-body" not in notice
    for path in (out / "index.html", out / "feeds" / "all.atom.xml", out / "sitemap.xml"):
        assert cocoa_front.slug not in path.read_text(encoding="utf-8"), path
    assert not (out / "archive" / "2026" / "09").exists()  # its month had no other story
    for term in ("countries/gh", "topics/agriculture", "organizations/ghana-cocoa-board", "people/joseph-aidoo"):
        assert (root / "output" / term / "index.html").is_file() and not (out / term).exists(), term
    feed = ET.parse(out / "feeds" / "all.atom.xml").getroot()
    assert len(feed.findall("{http://www.w3.org/2005/Atom}entry")) == len(EXPECTED) - 1
    # and in no search tier: the first build indexed it, the rebuild (with the same cache) drops it
    url = page_url(page_of(root, cocoa_front, "output2").relative_to(out).as_posix())
    assert url in tier_words(root / "output")["cocoa"]
    assert all(url not in pages for pages in tier_words(out).values())
    assert url not in {read_fragment(f.read_bytes())["url"] for f in (out / "pagefind" / "fragment").iterdir()}
