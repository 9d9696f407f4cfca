"""The run's writes: posts written as their metadata arrives, posts whose raw file is gone
removed, new wire text under an edited post saved aside. Each returns what happened (outcomes,
and the post index rows of what it wrote or removed); nothing an editor wrote is overwritten.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from wire_core.post_file import write_if_changed

from .cache import ExtractionCache
from .planning import Conflict, Pending, PostPlan
from .post_index import ExistingPost, index_row
from .records import Metadata
from .report import Outcome
from .write import WireRef, render_post

CACHE_BATCH = 64  # extracted stories cached per transaction: an interrupted run keeps what it had


def write_posts(
    pending: list[Pending],
    plans: dict[str, PostPlan],
    cached: dict[str, Metadata],
    extracted: Iterable[tuple[str, Metadata | None]],
    cache: ExtractionCache,
    fingerprint: str,
    version: str,
) -> tuple[list[Outcome], dict[str, list]]:
    """Posts of the stories the cache knew first, then of each extracted story as it arrives
    (``extracted``: key and metadata, None where the extractor failed), cached batch by batch.
    Returns the outcomes and the post index rows of the posts written (so the next run does
    not read them again). When ``extracted`` fails (a cluster gone), the posts written so far
    are complete and their metadata is cached before the error goes up."""
    by_key = {item.raw.key: item for item in pending}
    outcomes: list[Outcome] = []
    rows: dict[str, list] = {}

    def write(item: Pending, md: Metadata) -> None:
        plan = plans[item.raw.key]
        wire = WireRef(item.raw.key, item.raw.sha256, version)
        post = render_post(item.story, md, plan.slug, plan.date, wire, story_id=plan.story_id)
        try:
            changed = write_if_changed(plan.target, post.text)
        except OSError as exc:
            outcomes.append(Outcome(item.raw.key, "skipped", f"post could not be written: {exc}"))
            return
        status = "new" if item.old is None else ("updated" if changed else "unchanged")
        outcomes.append(Outcome(item.raw.key, status, "", plan.target.as_posix()))
        st = os.stat(plan.target)
        dateline = item.story.dateline
        place = dateline.places[0] if dateline and dateline.places else ""
        rows[plan.target.name] = [
            [st.st_size, st.st_mtime_ns],
            index_row(item.raw.key, item.raw.sha256, version, plan.slug, plan.date, False, plan.story_id, place),
        ]

    for item in pending:
        if item.raw.key in cached:
            write(item, cached[item.raw.key])
    batch: list[tuple[str, str, Metadata]] = []
    try:
        for key, md in extracted:
            item = by_key[key]
            if md is None:
                outcomes.append(Outcome(key, "skipped", "the extractor failed on this story (see the log)"))
                continue
            batch.append((item.raw.sha256, fingerprint, md))
            if len(batch) >= CACHE_BATCH:
                cache.put_many(batch)
                batch = []
            write(item, md)
    finally:  # also when the extraction backend failed: what arrived is kept for the next run
        cache.put_many(batch)
    return outcomes, rows


def remove_orphans(existing: dict[str, ExistingPost], gone: Iterable[str]) -> tuple[list[Outcome], list[str]]:
    """Posts whose raw file is gone (``gone``: their keys): removed unless an editor changed them.
    Returns the outcomes and the file names of the posts removed."""
    outcomes: list[Outcome] = []
    removed: list[str] = []
    for key in sorted(gone):
        post = existing[key]
        if post.edited:
            outcomes.append(
                Outcome(key, "kept", "raw wire file is gone but the post was edited by hand: kept", post.shown)
            )
            continue
        post.path.unlink(missing_ok=True)
        removed.append(post.name)
        outcomes.append(Outcome(key, "removed", "raw wire file is gone", post.shown))
    return outcomes, removed


def save_conflict(folder: Path, conflict: Conflict) -> Outcome:
    """The new wire text of an edited post, kept in ``folder`` for the editor to merge."""
    target = folder / conflict.key.replace("/", "__")
    write_if_changed(target, conflict.data.decode("utf-8", errors="replace"))
    reason = f"the wire text changed but the post was edited by hand; new text saved to {target.as_posix()}"
    return Outcome(conflict.key, "conflict", reason, conflict.old.shown)
