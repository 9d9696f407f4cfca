"""Pagefind over one index part: its pages hard-linked into a staging folder (same paths, so the
same URLs), the binary from the pinned ``pagefind-bin`` wheel (nothing is downloaded) run on it,
two parts at a time in a full build."""

from __future__ import annotations

import logging
import os
import secrets
import shutil
import subprocess
import threading
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
    with Watch() as watch:
        for part in parts:
            while len(running) >= PARALLEL:
                _finish(running.pop(0), done, failed, peaks, watch)
            running.append(_start(binary, output, work, part))
            watch.add(running[-1][1].pid)
        while running:
            _finish(running.pop(0), done, failed, peaks, watch)
    return failed, max(peaks, default=0.0)


class Watch:
    """The peak memory (VmHWM) of the Pagefind processes, read every 50 ms while they run:
    once one has exited, the kernel's figure for a child also counts the fork from this (large)
    process before it became Pagefind."""

    def __init__(self):
        self.peaks: dict[int, int] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()

    def add(self, pid: int) -> None:
        self.peaks[pid] = 0

    def peak_mib(self, pid: int) -> float:
        """Its peak, once it has exited (no longer watched: the pid may be used again)."""
        return self.peaks.pop(pid, 0) / 1024

    def _run(self) -> None:
        while not self._stop.wait(0.05):
            for pid in list(self.peaks):
                self.peaks[pid] = max(self.peaks[pid], _peak_kib(pid))


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


def _peak_kib(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0


def _finish(job, done: Callable[[Part, Path], None], failed: list[str], peaks: list[float], watch: Watch) -> None:
    part, proc, staging, fresh = job
    try:
        out, _ = proc.communicate()
        peaks.append(watch.peak_mib(proc.pid))
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
