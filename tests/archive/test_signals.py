"""Stock Pelican plugins see the archive's pages: the seed site built with ``pelican-touch``
(pelican-plugins/touch, from the package index), which listens to ``content_written`` and
``feed_written`` and sets each written file's mtime from what the signal says the file shows.
Every minifier and precompressor on the index walks the output at ``finalized`` instead, which
would prove nothing about the signals."""

from __future__ import annotations

import os
import time
import xml.etree.ElementTree as ET
from datetime import datetime

import pytest
from wire_core.front_matter import read_post

from tests.support.sitebuild import build_site, make_site

pytestmark = pytest.mark.site
ATOM = "{http://www.w3.org/2005/Atom}"


def _touched(when: datetime) -> float:
    return time.mktime(when.timetuple())  # as the plugin computes it


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = make_site(tmp_path_factory.mktemp("touched"))
    conf = root / "pelicanconf.py"
    conf.write_text(conf.read_text(encoding="utf-8") + '\nPLUGINS = [*PLUGINS, "pelican.plugins.touch"]\n')
    result = build_site(root)
    assert result.returncode == 0, result.stderr[-3000:]
    return root


def test_every_story_page_is_touched_with_its_story_date(site):
    posts = sorted((site / "content" / "posts").glob("*.md"))
    assert posts
    withdrawn = 0
    for post in posts:
        front, _ = read_post(post.read_text(encoding="utf-8"))
        page = site / "output" / f"{front.date:%Y}" / f"{front.date:%m}" / front.slug / "index.html"
        if front.status == "withdrawn":  # a notice, not the story: nothing of the story is announced
            assert "Story withdrawn" in page.read_text(encoding="utf-8")
            withdrawn += 1
            continue
        assert os.stat(page).st_mtime == _touched(front.date), page
    assert withdrawn < len(posts)


def test_feeds_are_announced_with_their_feed_object_and_lists_with_their_stories(site):
    out = site / "output"
    feeds = [out / "feeds" / "all.atom.xml", *sorted(out.glob("countries/*/feed.xml"))]
    assert len(feeds) > 3
    for feed in feeds:
        published = [e.findtext(f"{ATOM}published") for e in ET.parse(feed).getroot().iter(f"{ATOM}entry")]
        newest = max(datetime.fromisoformat(p) for p in published)
        assert os.stat(feed).st_mtime == _touched(newest), feed  # from feed.items: a feedgenerator feed
        if feed.name == "feed.xml":  # the term's page lists its newest stories: the same date
            assert os.stat(feed.parent / "index.html").st_mtime == _touched(newest)
    home = max(
        datetime.fromisoformat(p.findtext(f"{ATOM}published"))
        for p in ET.parse(feeds[0]).getroot().iter(f"{ATOM}entry")
    )
    assert os.stat(out / "index.html").st_mtime == _touched(home)


def test_a_rebuild_with_nothing_changed_writes_and_announces_nothing(site):
    def archive_pages():  # Pelican itself writes 404.html and the hand-written pages every time
        out = site / "output"
        pelicans = {out / "404.html", out / "about" / "index.html"}
        return {p: p.stat().st_mtime_ns for p in out.rglob("*.html") if p not in pelicans}

    before = archive_pages()
    result = build_site(site)
    assert result.returncode == 0, result.stderr[-3000:]
    assert archive_pages() == before and len(before) > 100
