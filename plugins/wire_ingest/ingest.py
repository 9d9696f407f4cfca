"""The ingest run: raw wire files → tagged posts, with a report of what happened to each story.

parse → extract (cached) → write, for every story of every raw file under the configured
sources (a NewsML-G2 message or a ninjs array holds several). A file or story that cannot be
processed is reported with its reason and the rest go on; an edited post is never
overwritten; a post whose story is gone is removed unless an editor changed it.

The jobs live in their own modules: the inbox (``inbox``), the posts already written
(``post_index``), what each file needs (``planning``), the writes (``writing``); which reader
parses a file is ``readers``, and the extraction workers are ``pool``. This module runs them in
order and keeps the run's state in one object (``IngestRun``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from wire_core.kept import KeptDict
from wire_core.runtime import Forked, collector_off

from .cache import ExtractionCache
from .dates import first_commit_dates
from .inbox import Inbox, inbox_changed, inbox_changes, raw_key
from .planning import Clock, Conflict, Pending, Triage, Withdrawal, plan_posts, post_version
from .post_index import PostScan, scan_posts
from .records import Metadata
from .report import Outcome, Report
from .writing import remove_orphans, save_conflict, withdraw_post, write_posts


@dataclass(frozen=True)
class IngestSettings:
    root: Path  # the site folder; wire paths in posts are relative to it
    sources: tuple[Path, ...]
    posts_dir: Path
    cache_path: Path | None = None
    overrides_path: Path | None = None
    conflicts_dir: Path | None = None
    n_process: int = 1
    now: datetime | None = None  # the time embargoes are compared with (WIRE_NOW); None: the clock
    scheduler: str | None = None  # a Dask scheduler to extract on (or "local"); None: forked workers
    scheduler_timeout: float = 30.0


def kept_index(cache_path: Path | None, name: str) -> KeptDict:
    """One of the ingest's indexes (what it read from each raw file or post, by file stamp),
    kept beside the extraction cache as a base plus a journal of the entries that changed: a
    run that adds one story to 100,000 writes a few rows, not the whole index. ``name`` says
    the rows' format."""
    return KeptDict(cache_path.with_name(f"{name}.pickle") if cache_path else None, f"{name}-2")


@dataclass
class IngestRun:
    """The state of one run: what it was given, what it found, and what it has done so far."""

    settings: IngestSettings
    fingerprint: str  # of the extraction (the cache's key)
    version: str  # what posts record as their extractor: fingerprint + writer
    raw_index: dict = field(default_factory=dict)  # raw-file key → [size, mtime, inode, sha256, stories]
    clock: Clock = field(default_factory=Clock)
    posts: PostScan | None = None
    inbox: Inbox | None = None
    outcomes: list[Outcome] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def report(self) -> Report:
        return Report(tuple(sorted(self.outcomes, key=lambda o: o.source)), tuple(self.warnings))


def run_ingest(settings: IngestSettings, extractor=None) -> Report:
    """One ingest run. ``extractor`` (tests) is used as it is, in this process; without it the
    extractor is made from the editors' corrections, in the extraction workers."""
    raw_kept, posts_kept = kept_index(settings.cache_path, "raw-index"), kept_index(settings.cache_path, "posts-index")
    if extractor is None:
        from .extract import compute_fingerprint
        from .overrides import OverridesError, load_overrides

        try:
            overrides = load_overrides(settings.overrides_path)
        except OverridesError as exc:
            # a broken corrections file must not silently drop every correction: change nothing
            key = raw_key(settings.root, settings.overrides_path)
            return Report(outcomes=(Outcome(key, "skipped", f"{exc}; nothing was re-ingested"),))
        fingerprint = compute_fingerprint(overrides)
    else:
        overrides, fingerprint = extractor.overrides, extractor.fingerprint
    from .pool import ExtractionPool, start_executor_for

    run = IngestRun(settings, fingerprint, post_version(fingerprint), clock=Clock(settings.now))
    # stories the cache does not know go to the extraction workers as soon as they are parsed;
    # when a raw file is new or changed, the workers start loading the model right away, while
    # this process scans the posts. The workers are forked here, or a Dask cluster's.
    saved = settings.cache_path.with_name("extractor.pickle") if settings.cache_path else None
    backend = start_executor_for(extractor is None and settings.scheduler, fingerprint, settings.scheduler_timeout)
    pool = ExtractionPool(
        overrides, settings.n_process, extractor=extractor, saved=saved, start_executor=backend, fingerprint=fingerprint
    )
    dropped = extractor is None and inbox_changed(settings.sources, raw_kept.saved_ns())
    with collector_off():  # the indexes: a million small objects that live to the end of the run
        raw_known = raw_kept.load()
    # the inbox is listed and compared with the raw index (one stat per raw file) by a forked
    # process while this one loads the post index and scans the posts (one stat per post):
    # 100,000 of each take about two seconds apiece. Forked before the extraction workers start
    # (their executors' threads would make a fork unsafe).
    listing = Forked(
        lambda: inbox_changes(settings.root, settings.sources, raw_known), settings.n_process > 1 and bool(raw_known)
    )
    if dropped:
        try:
            pool.warm_up(1)  # a file was dropped: one worker starts loading the model right away
        except BaseException:  # a cluster that cannot be reached: the forked listing is collected first
            listing.result()
            raise
    with collector_off():
        run.posts = scan_posts(settings.posts_dir, posts_kept.load())
        run.inbox = listing.result()
    run.outcomes += run.inbox.skipped
    if extractor is None and run.inbox.changed:
        pool.warm_up(len(run.inbox.changed))
    run.outcomes += run.posts.broken
    committed = first_commit_dates(settings.root, list(settings.sources))
    cache = ExtractionCache(settings.cache_path)
    try:
        pending, cached, claimed = _triage(run, raw_known, cache, pool)
        plans, warnings = plan_posts(settings.posts_dir, pending, run.posts.by_wire, committed, run.posts.slugs)
        run.warnings += warnings
        written, rows = write_posts(pending, plans, cached, pool.results(), cache, fingerprint, run.version, overrides)
        run.outcomes += written
        run.posts.index.update(rows)
    finally:
        pool.close()
        cache.close()
    gone = {post.name: post for post in run.posts.by_wire.values() if post.name not in claimed}
    removed, names = remove_orphans(gone.values())
    run.outcomes += removed
    for name in names:
        run.posts.index.pop(name, None)
    raw_kept.save(run.raw_index)
    posts_kept.save(run.posts.index)
    return run.report()


def _triage(
    run: IngestRun, remembered: dict, cache: ExtractionCache, pool
) -> tuple[list[Pending], dict[str, Metadata], set[str]]:
    """Each story's decision, acted on as it comes: a story the cache does not know goes to the
    extraction workers at once. Returns the pending stories, the metadata the cache had (by
    item digest) and the file names of the posts that stay."""
    pending: list[Pending] = []
    cached: dict[str, Metadata] = {}
    conflicts = run.settings.conflicts_dir or (run.settings.root / ".cache" / "conflicts")
    triage = Triage(run.settings.root, run.inbox, remembered, run.posts, run.version, run.clock)
    for key, then in triage.run():
        if isinstance(then, Outcome):
            run.outcomes.append(then)
        elif isinstance(then, Conflict):
            run.outcomes.append(save_conflict(conflicts, then))
        elif isinstance(then, Withdrawal):
            outcome, rows = withdraw_post(then)
            run.outcomes.append(outcome)
            run.posts.index.update(rows)
        else:
            pending.append(then)
            digest = then.item.digest
            md = cache.get(digest, run.fingerprint)
            if md is None:
                pool.add(key, then.story)
            else:
                cached[digest] = md
    run.raw_index = triage.rows
    return pending, cached, triage.claimed
