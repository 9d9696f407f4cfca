"""How fast the search page answers: ``python -m bench.search SITE`` (also a step of ``make bench``).

The built site is served from localhost; for each query of a fixed list, headless Chromium
(Playwright) opens ``/search/?q=<query>`` in a fresh browser context (empty cache, as a
reader's first search) and the page's own clock records when the first result link is added
to the document (a ``MutationObserver`` installed before the page's scripts run). One query before the list
warms the browser process itself up and is not counted. Reported:
the median and slowest first-result time, and the requests and bytes fetched before the first
result and in all (until the network has been idle for half a second). A request leaving
localhost is blocked and fails the run.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import quote, urlsplit

QUERIES = (
    "minister", "central bank", "inflation", "election", "earthquake", "football",
    "ceasefire", "court ruling", "oil prices", "vaccine", "protest", "climate",
)  # fmt: skip
WARM_UP = "weather"
RESULT = "#search-results a.search-result-link"  # the theme's result links (themes/wire/static/js/search.js)
LAUNCH_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
]  # fmt: skip
NONE = "No stories match"  # the status line of a query without results
FIRST_RESULT_CLOCK = """(() => {
  const selector = %s;
  const mark = () => {
    if (window.__firstResult === undefined && document.querySelector(selector)) {
      window.__firstResult = performance.now();
    }
    const status = document.getElementById("search-status");
    if (window.__noResult === undefined && status && status.textContent.startsWith(%s)) {
      window.__noResult = performance.now();
    }
  };
  new MutationObserver(mark).observe(document, {subtree: true, childList: true});
})();"""


def chromium() -> str | None:
    """The browser the tests drive, found the same way (``tools/system-deps --check``:
    ``$CHROMIUM``, else chromium, chromium-browser, google-chrome on PATH)."""
    root = Path(__file__).resolve().parent.parent
    found = subprocess.run(
        ["bash", str(root / "tools" / "system-deps"), "--check"], capture_output=True, text=True, check=False
    )
    paths = dict(line.split("\t", 1) for line in found.stdout.splitlines() if "\t" in line)
    return paths.get("browser") or None


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class Server:
    """The site on 127.0.0.1 (a free port), in a thread, for the time of a ``with`` block."""

    def __init__(self, root: Path):
        handler = functools.partial(_Quiet, directory=str(root))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def __enter__(self):
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()


def measure(site: Path, queries=QUERIES, selector: str = RESULT, timeout_s: float = 60.0) -> dict:
    """First-result time and bytes for each query over the built site in ``site``."""
    from playwright.sync_api import sync_playwright

    browser_path = chromium()
    if browser_path is None:
        raise RuntimeError("no browser found: run tools/system-deps (as root) or set CHROMIUM")
    runs = []
    with Server(site) as server, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=browser_path, args=LAUNCH_ARGS)
        try:
            _one(browser, server.url, WARM_UP, selector, timeout_s)  # the browser's own first start, not counted
            for query in queries:
                runs.append(_one(browser, server.url, query, selector, timeout_s))
        finally:
            browser.close()
    found = [r for r in runs if r["first_result_s"] is not None]
    if not found:
        raise RuntimeError("no query of the list found anything on this site")
    first = [r["first_result_s"] for r in found]
    return {
        "queries": len(found),
        "queries_without_results": [r["query"] for r in runs if r["first_result_s"] is None],
        "first_result_median_s": round(statistics.median(first), 3),
        "first_result_max_s": round(max(first), 3),
        "first_result_min_s": round(min(first), 3),
        "bytes_before_first_median": int(statistics.median(r["bytes_before_first"] for r in found)),
        "bytes_total_median": int(statistics.median(r["bytes_total"] for r in found)),
        "requests_before_first_median": int(statistics.median(r["requests_before_first"] for r in found)),
        "requests_total_median": int(statistics.median(r["requests_total"] for r in found)),
        "runs": runs,
    }


def _one(browser, base: str, query: str, selector: str, timeout_s: float) -> dict:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    fetched: list[tuple[float, int, str]] = []
    outside: list[str] = []
    started = [0.0]

    def guard(route):
        url = route.request.url
        if url.startswith(("data:", "blob:")) or urlsplit(url).hostname in ("127.0.0.1", "localhost"):
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    def finished(request):
        try:
            sizes = request.sizes()
            size = sizes["responseBodySize"] + sizes["responseHeadersSize"]
        except Exception:  # noqa: BLE001 - a request torn down with its page has no sizes
            size = 0
        fetched.append((time.perf_counter() - started[0], size, request.url))

    context.route("**/*", guard)
    context.add_init_script(FIRST_RESULT_CLOCK % (json.dumps(selector), json.dumps(NONE)))
    page = context.new_page()
    page.on("requestfinished", finished)
    try:
        started[0] = time.perf_counter()
        page.goto(f"{base}/search/?q={quote(query)}", wait_until="commit")
        page.wait_for_function(
            "window.__firstResult !== undefined || window.__noResult !== undefined", timeout=timeout_s * 1000
        )
        first_ms = page.evaluate("window.__firstResult")
        page.wait_for_load_state("networkidle", timeout=timeout_s * 1000)
        results = page.locator(selector).count()
    finally:
        context.close()
    if outside:
        raise RuntimeError(f"requests left the site: {outside[:5]}")
    if first_ms is None:  # no story matches: nothing to time
        total = sum(f[1] for f in fetched)
        return {"query": query, "first_result_s": None, "results_shown": 0, "requests_before_first": None,
                "bytes_before_first": None, "requests_total": len(fetched), "bytes_total": total}  # fmt: skip
    first_s = first_ms / 1000
    before = [f for f in fetched if f[0] <= first_s]
    return {
        "query": query,
        "first_result_s": round(first_s, 3),
        "results_shown": results,
        "requests_before_first": len(before),
        "bytes_before_first": sum(f[1] for f in before),
        "requests_total": len(fetched),
        "bytes_total": sum(f[1] for f in fetched),
    }


def print_table(res: dict) -> None:
    print(f"{'query':<16}{'first result':>14}{'requests':>10}{'bytes':>12}{'all requests':>14}{'all bytes':>12}")
    for r in res["runs"]:
        if r["first_result_s"] is None:
            print(f"{r['query']:<16}{'no results':>14}")
            continue
        print(
            f"{r['query']:<16}{r['first_result_s']:>12.3f} s{r['requests_before_first']:>10}"
            f"{r['bytes_before_first']:>12,}{r['requests_total']:>14}{r['bytes_total']:>12,}"
        )
    print(
        f"first result: median {res['first_result_median_s']:.3f} s, slowest {res['first_result_max_s']:.3f} s "
        f"({res['queries']} queries); bytes before it (median) {res['bytes_before_first_median']:,}, "
        f"in all {res['bytes_total_median']:,}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.search", description=__doc__.split("\n\n")[0])
    parser.add_argument("site", help="a built site (the output folder)")
    parser.add_argument("--selector", default=RESULT, help="CSS selector of a result link")
    parser.add_argument("--query", action="append", help="a query (repeatable; default: the fixed list)")
    parser.add_argument("--json", help="write the results here")
    args = parser.parse_args(argv)
    res = measure(Path(args.site), tuple(args.query) if args.query else QUERIES, args.selector)
    print_table(res)
    if args.json:
        Path(args.json).write_text(json.dumps(res, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
