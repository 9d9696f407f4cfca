"""Writing only the pages whose inputs changed.

Every output page has a fingerprint: a digest of everything it shows (the stories on it by
their uids, the slugs it links to, the site-wide settings, templates and code). The last
build's fingerprints are kept in a manifest in the cache; a page is rendered again only when its
fingerprint changed or its file is gone, and a page that is no longer planned is deleted, so
the output equals what a build into an empty folder would write.

Pages are planned in groups (one story, one term, the home pages, ...) that have a fingerprint
of their own: an unchanged group is skipped without planning its pages, which is what keeps an
archive of 100,000 stories cheap to update.
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from wire_core.kept import KeptDict
from wire_core.runtime import Forked, collector_off, fork_map

log = logging.getLogger(__name__)
PARALLEL_FROM = 300  # pages: below this, forking the workers costs more than it saves


def digest(*parts) -> bytes:
    """A fingerprint of plain values (str, int, float, None, tuples and lists of them)."""
    return hashlib.blake2b(repr(parts).encode("utf-8", "surrogatepass"), digest_size=16).digest()


def fingerprint(*parts) -> int:
    """A fast fingerprint of non-negative ints, bools and tuples of them, for the tens of
    thousands of groups planned on every build. Python's hash of such a tuple is the same in
    every process, so it can be kept between builds; strings go in as ``terms.stable_id``
    numbers, and None as 0 (on Python 3.11 the hashes of str, bytes and None differ from one
    process to the next). Something else slipped in by mistake only makes its page look changed
    on every build, never unchanged when it is not."""
    return hash(parts)


class Page(NamedTuple):
    save_as: str  # path under the output folder
    fingerprint: bytes
    render: Callable[[], str]
    # what Pelican's signals are told about the page once it is written (``plugin.announce``):
    # a dict for ``content_written``'s context; for a feed, its ``feed`` object as well
    about: Callable[[], dict] | None = None


class Group(NamedTuple):
    """(Named tuples: a build plans one group per story and term, 120,000 at 100,000 stories.)"""

    key: str
    fingerprint: bytes
    pages: Callable[[], list[Page]]  # called only when the group changed


@dataclass
class Stats:
    groups: int = 0
    groups_changed: int = 0
    pages: int = 0
    rendered: int = 0
    removed: int = 0
    failed: list = field(default_factory=list)
    written: list = field(default_factory=list)  # the pages written, in plan order


class Renderer:
    """Writes the pages of an output folder whose fingerprints changed. ``manifest`` keeps, per
    group key, (group fingerprint, {page path: page fingerprint}) of the last build into it."""

    def __init__(self, output: Path, manifest: KeptDict, workers: int = 1):
        self.output = Path(output)
        self.manifest = manifest
        self.workers = workers

    def run(self, groups: Iterable[Group]) -> Stats:
        stats = Stats()
        with collector_off():  # the plan is 100,000s of objects that live to the end of the build
            known, new, todo, owner = self._plan(groups, stats)
        failed = self._render(todo)
        stats.rendered = len(todo) - len(failed)
        stats.failed = failed
        broken = {path for path, _ in failed}
        stats.written = [page for page in todo if page.save_as not in broken]
        if failed:  # not recorded: tried again next time
            for key, (_, rows) in list(new.items()):
                if broken & rows.keys():
                    new[key] = (b"", {p: f for p, f in rows.items() if p not in broken})
        planned = {p for _, rows in new.values() for p in rows}
        for path in sorted(known - planned):
            if path in owner:
                continue
            try:
                (self.output / path).unlink()
                stats.removed += 1
                _prune_dirs(self.output, path)
            except FileNotFoundError:
                pass
            except OSError as exc:
                log.warning("could not remove the stale page %s: %s", path, exc)
        self.manifest.save(new)
        return stats

    def _plan(self, groups: Iterable[Group], stats: Stats):
        """The pages of the last build, the new manifest, the pages to write (fingerprint
        changed or file gone) and which group owns each page."""
        old = self.manifest.load()
        base = str(self.output) + os.sep
        # a page deleted by hand, or the whole output, is written again: whether the pages of the
        # last build are still there is asked of a forked process while the groups are planned
        known = {p for _, rows in old.values() for p in rows}
        exists = os.path.exists
        gone = Forked(lambda: {p for p in known if not exists(base + p)}, self.workers > 1 and len(known) > 1000)
        planned: list[tuple[Group, tuple | None]] = []  # and whether its fingerprint is the last one
        for group in groups:
            prev = old.get(group.key)
            planned.append((group, prev if prev and prev[0] == group.fingerprint else None))
        missing = gone.result()

        def present(path: str) -> bool:
            return path not in missing if path in known else exists(base + path)

        new: dict[str, tuple[bytes, dict[str, bytes]]] = {}
        todo: list[Page] = []
        owner: dict[str, str] = {}
        for group, same in planned:
            stats.groups += 1
            if same is not None and (not missing or missing.isdisjoint(same[1])):
                new[group.key] = same
                stats.pages += len(same[1])
                for path in same[1]:
                    owner[path] = group.key
                continue
            stats.groups_changed += 1
            prev = old.get(group.key)
            before = prev[1] if prev else {}
            rows: dict[str, bytes] = {}
            for page in group.pages():
                if page.save_as in owner:
                    log.warning(
                        "%s is written by both %s and %s; keeping the first",
                        page.save_as,
                        owner[page.save_as],
                        group.key,
                    )
                    continue
                owner[page.save_as] = group.key
                rows[page.save_as] = page.fingerprint
                if before.get(page.save_as) != page.fingerprint or not present(page.save_as):
                    todo.append(page)
            stats.pages += len(rows)
            new[group.key] = (group.fingerprint, rows)
        return known, new, todo, owner

    def _render(self, pages: list[Page]) -> list[tuple[str, str]]:
        """Failures as (path, reason). Many pages go to forked writers, which inherit the pages
        (their render closures) and send back only their failures."""
        if len(pages) < PARALLEL_FROM or self.workers <= 1:
            return write_pages(self.output, pages, range(len(pages)))
        output = self.output
        chunks = [range(i, min(i + 64, len(pages))) for i in range(0, len(pages), 64)]
        return fork_map(lambda indices: write_pages(output, pages, indices, quiet=True), chunks, self.workers)


def write_pages(output: Path, pages: list[Page], indices, quiet: bool = False) -> list[tuple[str, str]]:
    """Render and write ``pages[i]`` for each index; (path, error) of those that failed (logged
    here unless ``quiet``: the caller reports them)."""
    failed = []
    made: set[str] = set()
    for i in indices:
        page = pages[i]
        try:
            text = page.render()
            target = output / page.save_as
            parent = str(target.parent)
            if parent not in made:
                os.makedirs(parent, exist_ok=True)
                made.add(parent)
            with open(target, "wb") as fh:
                fh.write(text.encode("utf-8") if isinstance(text, str) else text)
        except Exception as exc:  # noqa: BLE001 - one broken page must not stop the site
            if not quiet:
                log.exception("could not write %s", page.save_as)
            failed.append((page.save_as, f"{type(exc).__name__}: {exc}"))
    return failed


def _prune_dirs(output: Path, path: str) -> None:
    parent = (output / path).parent
    while parent != output and output in parent.parents:
        try:
            parent.rmdir()
        except OSError:
            return
        parent = parent.parent
