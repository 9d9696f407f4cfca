"""Pagefind over one index part: its pages hard-linked into a staging folder (same paths, so the
same URLs), the binary from the pinned ``pagefind-bin`` wheel (nothing is downloaded) run on it,
two parts at a time in a full build."""

from __future__ import annotations

import logging
import os
import secrets
import shutil
import subprocess
from collections.abc import Callable, Iterable
from pathlib import Path

from .plan import Part

log = logging.getLogger(__name__)
PARALLEL = 2  # Pagefind runs at once: each holds one part in memory


def pagefind_binary() -> str | None:
    try:
        from pagefind_bin import get_executable
    except ImportError:
        return None
    return str(get_executable())


def pagefind_version() -> str:
    from importlib import metadata

    try:
        return metadata.version("pagefind_bin")
    except metadata.PackageNotFoundError:
        return "?"


def index_parts(
    binary: str, output: Path, work: Path, parts: Iterable[Part], done: Callable[[Part, Path], None]
) -> tuple[list[str], float]:
    """Run Pagefind over each part; ``done(part, bundle)`` takes each bundle as it is written
    (and may move its files away: the folder is removed afterwards). Returns the names of the
    parts that failed, with the reason logged, and the peak memory of one Pagefind run (MiB)."""
    failed: list[str] = []
    peaks: list[float] = []
    running: list[tuple] = []
    for part in parts:
        while len(running) >= PARALLEL:
            _finish(running.pop(0), done, failed, peaks)
        running.append(_start(binary, output, work, part))
    while running:
        _finish(running.pop(0), done, failed, peaks)
    return failed, max(peaks, default=0.0)


def _start(binary: str, output: Path, work: Path, part: Part):
    token = secrets.token_hex(4)
    staging = output / f".search-{part.name}-{token}"
    for page in part.pages:
        target = staging / page
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(output / page, target)
        except FileNotFoundError:
            continue  # a page that could not be written; the log already says so
        except OSError:
            shutil.copyfile(output / page, target)
    fresh = work / f".{part.name}-{token}"
    cmd = [binary, "--site", str(staging), "--output-path", str(fresh), "--silent"]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    return part, proc, staging, fresh


def _finish(job, done: Callable[[Part, Path], None], failed: list[str], peaks: list[float]) -> None:
    part, proc, staging, fresh = job
    try:
        out = proc.stdout.read() if proc.stdout else ""
        _, status, usage = os.wait4(proc.pid, 0)  # (not communicate: its rusage says how big it grew)
        proc.returncode = os.waitstatus_to_exitcode(status)
        peaks.append(usage.ru_maxrss / 1024)
        log.info("search: pagefind indexed part %s (%d pages), peak %.0f MiB", part.name, len(part.pages), peaks[-1])
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    try:
        if proc.returncode != 0 or not (fresh / "pagefind-entry.json").is_file():
            log.error(
                "search: pagefind failed on index part %s (%s): %s", part.name, proc.returncode, (out or "")[-2000:]
            )
            failed.append(part.name)
            return
        try:
            done(part, fresh)
        except (OSError, ValueError, KeyError, IndexError, TypeError) as exc:
            log.error("search: could not read what pagefind wrote for index part %s: %s", part.name, exc)
            failed.append(part.name)
    finally:
        shutil.rmtree(fresh, ignore_errors=True)
