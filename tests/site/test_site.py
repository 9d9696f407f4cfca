"""The whole seed site, built once: every page type exists, every link resolves, feeds are Atom,
the sitemap lists what it must, and a second build gives byte-identical output."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from wire_core.post_file import split_post

from tests.support.sitebuild import build_site, make_site

pytestmark = pytest.mark.site
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = make_site(tmp_path_factory.mktemp("site"))
    result = build_site(root)
    assert result.returncode == 0, result.stderr[-3000:]
    return root


@pytest.fixture(scope="module")
def out(site) -> Path:
    return site / "output"


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.links.append(value)


def links_of(page: Path) -> list[str]:
    parser = Links()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.links


def resolve(out: Path, page: Path, link: str) -> Path | None:
    parts = urlsplit(link)
    if parts.scheme or parts.netloc or link.startswith(("#", "mailto:")):
        return None
    path = unquote(parts.path)
    target = (out / path.lstrip("/")) if path.startswith("/") else (page.parent / path)
    target = target.resolve()
    return target / "index.html" if target.is_dir() or path.endswith("/") else target


_REFRESH = re.compile(r'<meta http-equiv="refresh" content="0; url=([^"]+)">')


def redirect_of(out: Path, page: Path) -> Path | None:
    """Where a redirect page sends its reader (None: the page is no redirect)."""
    m = _REFRESH.search(page.read_text(encoding="utf-8"))
    return resolve(out, page, m.group(1)) if m else None


def seed_stories(site) -> int:
    """The seed stories the archive publishes: every story of every seed file, one per guid
    (only the newest version of an item is written)."""
    from wire_ingest.readers import SUFFIXES, read_items

    plain, versions = 0, set()
    for path in (site / "seeds").iterdir():
        if path.name.endswith(SUFFIXES):
            for item in read_items(path.name, path.read_bytes()):
                if item.meta is not None and item.meta.guid:
                    versions.add(item.meta.guid)
                elif item.story is not None:
                    plain += 1
    return plain + len(versions)


def test_every_seed_has_an_article_page(site, out):
    posts = sorted((site / "content" / "posts").glob("*.md"))
    assert len(posts) == seed_stories(site) > len(list((site / "seeds").glob("*.txt")))
    for post in posts:
        front, _ = split_post(post.read_text(encoding="utf-8"))
        date = str(front["date"])
        page = out / date[:4] / date[5:7] / front["slug"] / "index.html"
        assert page.is_file(), page
        html = page.read_text(encoding="utf-8")
        if front.get("status") == "withdrawn":
            assert "Story withdrawn" in html and front["title"] not in html
            continue
        assert front["title"].replace("&", "&amp;").replace("'", "&#39;") in html
        for code in front["countries"]:
            assert f'countries/{code.lower()}/"' in html
        for person in front["people"]:
            assert person.replace("'", "&#39;") in html


def test_article_page_shows_dateline_source_date_and_tags(out):
    page = next(out.glob("*/*/afghan-defiance-istanbul-talks-collapse-as-mediators-step-back/index.html"))
    html = page.read_text(encoding="utf-8")
    assert "ISTANBUL / ISLAMABAD (Web Desk)" in html
    assert re.search(r'<time datetime="\d{4}-\d\d-\d\dT', html)
    assert 'href="../../../countries/pk/"' in html and 'href="../../../people/khawaja-asif/"' in html
    assert "Tehrik-i-Taliban Pakistan (TTP)" in html
    assert '"@type": "NewsArticle"' in html and 'property="og:title"' in html and 'rel="canonical"' in html


@pytest.mark.parametrize("kind", ["countries", "people", "organizations", "topics"])
def test_index_and_term_pages_with_feeds(out, kind):
    index = out / kind / "index.html"
    assert index.is_file()
    terms = [p.parent for p in (out / kind).glob("*/index.html") if redirect_of(out, p) is None]
    assert terms, kind
    for term in terms:
        assert (term / "feed.xml").is_file()
        feed = ET.parse(term / "feed.xml").getroot()
        assert feed.tag == f"{ATOM}feed" and feed.findall(f"{ATOM}entry")


def test_every_redirect_leads_to_a_canonical_page_and_stays_out_of_the_sitemap(out):
    """A name written otherwise than its entity's (``Central Bank of Kenya (CBK)``, ``CBK``) keeps
    its address as a redirect: to a page that exists and is no redirect (no chains, no loops),
    with ``rel=canonical`` to it and ``noindex``, and never in the sitemap."""
    sitemap = (out / "sitemap.xml").read_text(encoding="utf-8")
    redirects = {}
    for kind in ("people", "organizations"):
        for page in (out / kind).glob("*/index.html"):
            target = redirect_of(out, page)
            if target is not None:
                redirects[page] = target
    assert redirects  # the seeds write "Central Bank of Kenya (CBK)" and "CBK" for one bank
    for page, target in redirects.items():
        html = page.read_text(encoding="utf-8")
        assert target.is_file() and redirect_of(out, target) is None, page
        canonical = re.search(r'<link rel="canonical" href="([^"]+)">', html).group(1)
        assert resolve(out, page, canonical) == target
        assert 'name="robots" content="noindex' in html
        assert "/" + page.parent.relative_to(out).as_posix() + "/" not in sitemap
    kenya = out / "organizations" / "central-bank-of-kenya-cbk" / "index.html"
    assert redirects[kenya] == out / "organizations" / "central-bank-of-kenya" / "index.html"
    bank = redirects[kenya].read_text(encoding="utf-8")
    assert "<h1>Central Bank of Kenya (CBK)</h1>" in bank


def test_the_canonical_name_is_what_readers_and_machines_see(out):
    """The post writes ``Central Bank of Kenya (CBK)``; chips, search filters, JSON-LD, the index
    and the term's feed name the entity ``Central Bank of Kenya`` (with its acronym where a
    title has room for it)."""
    (page,) = out.glob("*/*/kenyas-central-bank-cuts-key-rate-to-support-lending/index.html")
    html = page.read_text(encoding="utf-8")
    assert re.search(
        r'<a class="chip chip-org" href="[./]*/organizations/central-bank-of-kenya/" '
        r'data-pagefind-filter="organisation">Central Bank of Kenya</a>',
        html,
    )
    assert "Central Bank of Kenya (CBK)</a>" not in html
    ld = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    bank = next(m for m in ld["mentions"] if m["name"] == "Central Bank of Kenya")
    assert bank == {"@type": "Organization", "name": "Central Bank of Kenya", "alternateName": ["CBK"]}
    index = (out / "organizations" / "index.html").read_text(encoding="utf-8")
    assert 'href="../organizations/central-bank-of-kenya/">Central Bank of Kenya (CBK)</a>' in index
    feed = ET.parse(out / "organizations" / "central-bank-of-kenya" / "feed.xml").getroot()
    assert feed.find(f"{ATOM}title").text.startswith("Central Bank of Kenya — ")


def test_no_page_links_to_a_redirect(out):
    """Chips, indexes and profiles name entities by their canonical pages."""
    redirects = {
        page
        for kind in ("people", "organizations")
        for page in (out / kind).glob("*/index.html")
        if redirect_of(out, page) is not None
    }
    linking = []
    for page in out.rglob("*.html"):
        if "pagefind" in page.parts or page in redirects:
            continue
        linking += [
            f"{page.relative_to(out)} → {link}" for link in links_of(page) if resolve(out, page, link) in redirects
        ]
    assert not linking, linking[:10]


def test_country_page_profile(out):
    html = (out / "countries" / "pk" / "index.html").read_text(encoding="utf-8")
    assert "<svg" in html and "Often with:" in html and "stories" in html
    assert "data-pagefind-body" not in html  # term pages are not search results; articles are


def test_every_internal_link_resolves(out):
    broken = []
    for page in out.rglob("*.html"):
        if "pagefind" in page.parts:
            continue
        for link in links_of(page):
            target = resolve(out, page, link)
            if page.name == "404.html" and link.startswith("/"):
                target = out / link.lstrip("/") / "index.html" if link.endswith("/") else out / link.lstrip("/")
            if target is not None and not target.exists():
                broken.append(f"{page.relative_to(out)} → {link}")
    assert not broken, broken[:20]


def test_no_page_requests_another_site(out):
    for page in out.rglob("*.html"):
        if "pagefind" in page.parts:
            continue
        html = page.read_text(encoding="utf-8")
        for m in re.finditer(r'<(?:script|link|img|iframe)[^>]+(?:src|href)="(https?:)?//', html):
            if "application/atom+xml" in m.group(0):
                continue
            pytest.fail(f"{page}: external resource {m.group(0)}")


def test_site_feed_sitemap_robots_404_search(out):
    feed = ET.parse(out / "feeds" / "all.atom.xml").getroot()
    pages = list(out.glob("[0-9]*/[0-9]*/*/index.html"))
    unlisted = ("earlier version of this story", "Story withdrawn")  # and a withdrawn story's notice
    listed = [p for p in pages if not any(u in p.read_text(encoding="utf-8") for u in unlisted)]
    assert len(feed.findall(f"{ATOM}entry")) == len(listed) < len(pages)
    sitemap = ET.parse(out / "sitemap.xml").getroot()
    locs = {loc.text for loc in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")}
    for article in listed:
        assert "/" + article.parent.relative_to(out).as_posix() + "/" in locs
    for article in set(pages) - set(listed):  # earlier versions of a story, notices: not indexed
        assert "/" + article.parent.relative_to(out).as_posix() + "/" not in locs
        assert 'name="robots" content="noindex' in article.read_text(encoding="utf-8")
    assert "/countries/pk/" in locs
    assert (out / "robots.txt").read_text().startswith("User-agent")
    assert (out / "404.html").is_file() and (out / "search" / "index.html").is_file()
    index = out / "pagefind"  # a small archive: one search tier, the recent stories
    assert json.loads((index / "tiers.json").read_text()) == {"tiers": [{"path": "recent/", "stories": len(listed)}]}
    entry = json.loads((index / "recent" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry["languages"]["en"]["page_count"] == len(listed)
    assert (index / "recent" / f"pagefind.{entry['languages']['en']['hash']}.pf_meta").is_file()
    assert (index / "pagefind.js").is_file() and len(list((index / "fragment").iterdir())) == len(listed)
    assert 'data-bundle="../pagefind/"' in (out / "search" / "index.html").read_text(encoding="utf-8")
    assert (out / "archive" / "index.html").is_file()


def test_thin_term_pages_are_noindex_and_out_of_the_sitemap(out):
    sitemap = (out / "sitemap.xml").read_text(encoding="utf-8")
    thin = [p for p in (out / "people").glob("*/index.html") if 'name="robots" content="noindex' in p.read_text()]
    assert thin
    for page in thin:
        assert "/" + page.parent.relative_to(out).as_posix() + "/" not in sitemap


def test_second_build_is_byte_identical(site, out, tmp_path):
    result = build_site(site, output=str(tmp_path / "again"))
    assert result.returncode == 0, result.stderr[-2000:]
    first = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    again_root = tmp_path / "again"
    second = {p.relative_to(again_root): p.read_bytes() for p in again_root.rglob("*") if p.is_file()}
    assert any(k.parts[0] == "pagefind" for k in first)  # the search index too
    assert first.keys() == second.keys()
    assert [k for k in first if first[k] != second[k]] == []


def test_a_write_through_is_shown_once_with_its_earlier_version_kept(out):
    home = (out / "index.html").read_text(encoding="utf-8")
    assert "two dead as rescuers search rubble" in home
    assert "one dead and dozens injured" not in home
    older = next(out.glob("*/*/magnitude-5-9-quake-hits-western-turkiye-one-dead-and-dozens-injured/index.html"))
    html = older.read_text(encoding="utf-8")
    assert "earlier version of this story" in html and "two-dead-as-rescuers-search-rubble/" in html
    newest = next(out.glob("*/*/*two-dead-as-rescuers-search-rubble/index.html")).read_text(encoding="utf-8")
    assert "Earlier versions:" in newest
    turkiye = (out / "countries" / "tr" / "index.html").read_text(encoding="utf-8")
    assert "one dead and dozens injured" not in turkiye
