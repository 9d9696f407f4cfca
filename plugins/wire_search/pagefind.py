"""Run the Pagefind CLI on output/ when Pelican has finished writing."""

from __future__ import annotations

import logging
import subprocess

from pelican import signals

log = logging.getLogger(__name__)
SEARCHED = "[0-9][0-9][0-9][0-9]/**/*.html"  # article pages: ARTICLE_SAVE_AS starts with the year


def pagefind_binary() -> str | None:
    try:
        from pagefind_bin import get_executable
    except ImportError:
        return None
    return str(get_executable())


def run_pagefind(pelican) -> None:
    if not pelican.settings.get("SEARCH_INDEX", True):
        return
    binary = pagefind_binary()
    if binary is None:
        log.warning("search: pagefind-bin is not installed; the site has no search index")
        return
    result = subprocess.run(
        # only story pages are search results: reading the index and term pages is wasted work
        [binary, "--site", pelican.output_path, "--output-subdir", "pagefind", "--glob", SEARCHED, "--silent"],
        capture_output=True,
        text=True,
        timeout=1800,
    )
    if result.returncode != 0:
        log.error("search: pagefind failed (%s): %s", result.returncode, (result.stderr or result.stdout)[-2000:])
    else:
        log.info("search: index written to %s/pagefind", pelican.output_path)


def connect() -> None:
    signals.finalized.connect(run_pagefind)
