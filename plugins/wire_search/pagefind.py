"""Pagefind over the story pages, one index part at a time, after the archive is written.

The archive generator (wire_archive) splits the listed stories, oldest first, into parts of
``SEARCH_SHARD_SIZE`` and gives each a fingerprint; here every part whose fingerprint changed (in
practice the newest one) is indexed again, into ``pagefind/<part>/``. Pagefind holds a whole
index in memory (about 165 KiB a page) and cannot update one: parts keep its memory bounded and
an update proportional to one part, not to the archive. The search page loads the newest part
and merges the others into it (``themes/wire/static/js/search.js``).

The binary comes from the pinned ``pagefind-bin`` wheel: nothing is downloaded.
"""

from __future__ import annotations

import logging
import os
import pickle
import secrets
import shutil
import subprocess
from pathlib import Path

from pelican.generators import Generator

log = logging.getLogger(__name__)
BUNDLES = "pagefind"
PARALLEL = 2  # parts indexed at once in a full build


def pagefind_binary() -> str | None:
    try:
        from pagefind_bin import get_executable
    except ImportError:
        return None
    return str(get_executable())


class SearchIndexGenerator(Generator):
    def generate_context(self):
        pass

    def generate_output(self, writer):
        shards = self.context.get("search_shards")
        if shards is None or not self.settings.get("SEARCH_INDEX", True):
            return
        binary = pagefind_binary()
        if binary is None:
            log.warning("search: pagefind-bin is not installed; the site has no search index")
            return
        from wire_archive.plugin import cache_dir, output_key

        output = Path(self.output_path)
        state = SearchState(cache_dir(self.settings) / f"search-{output_key(output)}.pickle")
        done = update_index(binary, output, shards, state.load())
        state.save(done)


class SearchState:
    """Which fingerprint each index part was last built from, per output folder."""

    def __init__(self, path: Path):
        self.path = path

    def load(self) -> dict[str, bytes]:
        try:
            with open(self.path, "rb") as fh:
                data = pickle.load(fh)
            return data if isinstance(data, dict) else {}
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, TypeError, ValueError):
            return {}

    def save(self, parts: dict[str, bytes]) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_name(self.path.name + ".part")
            tmp.write_bytes(pickle.dumps(parts))
            os.replace(tmp, self.path)
        except OSError as exc:
            log.warning("search: could not save %s: %s", self.path, exc)


def update_index(binary: str, output: Path, shards: list, before: dict[str, bytes]) -> dict[str, bytes]:
    """Index the parts whose fingerprint changed or whose bundle is missing; remove bundles of
    parts that no longer exist. Returns the fingerprints now on disk."""
    root = output / BUNDLES
    wanted = {name for name, _, _ in shards}
    if root.is_dir():  # anything that is not a current part: old parts, an older single index
        for child in root.iterdir():
            if child.name in wanted:
                continue
            if child.is_dir():
                shutil.rmtree(child)
            else:
                child.unlink()
    done = {name: fp for name, fp in before.items() if name in wanted}
    todo = [
        (name, fp, pages)
        for name, fp, pages in shards
        if done.get(name) != fp or not (root / name / "pagefind-entry.json").is_file()
    ]
    running: list[tuple[str, bytes, subprocess.Popen, Path, Path]] = []
    for name, fp, pages in todo:
        done.pop(name, None)
        while len(running) >= PARALLEL:
            _finish(running.pop(0), root, done)
        running.append(_start(binary, output, root, name, fp, pages))
    while running:
        _finish(running.pop(0), root, done)
    if todo:
        log.info("search: %d of %d index parts written", len(todo), len(shards))
    return done


def _start(binary: str, output: Path, root: Path, name: str, fp: bytes, pages: list[str]):
    """Pagefind over a folder of hard links to this part's pages (same paths, so same URLs)."""
    token = secrets.token_hex(4)
    staging = output / f".search-{name}-{token}"
    for page in pages:
        target = staging / page
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(output / page, target)
        except FileNotFoundError:
            continue  # a page that could not be written; the log already says so
        except OSError:
            shutil.copyfile(output / page, target)
    fresh = root / f".{name}-{token}"
    root.mkdir(parents=True, exist_ok=True)
    cmd = [binary, "--site", str(staging), "--output-path", str(fresh), "--silent"]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    return name, fp, proc, staging, fresh


def _finish(job, root: Path, done: dict) -> None:
    name, fp, proc, staging, fresh = job
    try:
        out, _ = proc.communicate(timeout=3600)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    if proc.returncode != 0 or not (fresh / "pagefind-entry.json").is_file():
        log.error("search: pagefind failed on index part %s (%s): %s", name, proc.returncode, (out or "")[-2000:])
        shutil.rmtree(fresh, ignore_errors=True)
        return
    final = root / name
    old = root / f".{name}-old-{secrets.token_hex(4)}"
    if final.exists():
        final.rename(old)
    fresh.rename(final)
    shutil.rmtree(old, ignore_errors=True)
    done[name] = fp
