"""The run's writes: posts written as their metadata arrives (a structured item's own metadata
merged over the extractor's), posts withdrawn by the agency marked so, posts whose story is gone
removed, new wire text under an edited post saved aside. Each returns what happened (outcomes,
and the post index rows of what it wrote or removed); nothing an editor wrote is overwritten.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from wire_core.post_file import FrontMatterError, seal_post, split_post, write_if_changed

from .cache import ExtractionCache
from .merge import merge_item_metadata
from .overrides import Overrides
from .planning import Conflict, Pending, PostPlan, Withdrawal
from .post_index import ExistingPost, index_row
from .records import Metadata
from .report import Outcome
from .write import WITHDRAWN, WireRef, render_post

CACHE_BATCH = 64  # extracted stories cached per transaction: an interrupted run keeps what it had


def write_posts(
    pending: list[Pending],
    plans: dict[str, PostPlan],
    cached: dict[str, Metadata],
    extracted: Iterable[tuple[str, Metadata | None]],
    cache: ExtractionCache,
    fingerprint: str,
    version: str,
    overrides: Overrides | None = None,
) -> tuple[list[Outcome], dict[str, list]]:
    """Posts of the stories the cache knew first, then of each extracted story as it arrives
    (``extracted``: source and metadata, None where the extractor failed), cached batch by
    batch (by the item's digest). Returns the outcomes and the post index rows of the posts
    written (so the next run does not read them again). When ``extracted`` fails (a cluster
    gone), the posts written so far are complete and their metadata is cached before the error
    goes up."""
    by_key = {item.source: item for item in pending}
    outcomes: list[Outcome] = []
    rows: dict[str, list] = {}

    def write(item: Pending, md: Metadata) -> None:
        source, meta, old = item.source, item.meta, item.old
        plan = plans[source]
        merged, provenance = merge_item_metadata(item.story, meta, md, overrides)
        wire = WireRef.of_item(item.raw.key, item.item.key, item.item.digest, version, meta)
        post = render_post(
            item.story, merged, plan.slug, plan.date, wire, story_id=plan.story_id, meta=meta, provenance=provenance
        )
        try:
            changed = write_if_changed(plan.target, post.text)
        except OSError as exc:
            outcomes.append(Outcome(source, "skipped", f"post could not be written: {exc}"))
            return
        status, reason = "new" if old is None else ("updated" if changed else "unchanged"), ""
        if changed and meta is not None:
            if meta.status in WITHDRAWN and (old is None or old.status not in WITHDRAWN):
                status = "withdrawn"
                reason = f"withdrawn by the agency ({meta.status}): written, its page a notice, in no list"
            elif old is not None and meta.version is not None and old.version != meta.version:
                reason = f"version {meta.version} (was {old.version})"
        outcomes.append(Outcome(source, status, reason, plan.target.as_posix()))
        st = os.stat(plan.target)
        dateline = item.story.dateline
        place = dateline.places[0] if dateline and dateline.places else ""
        rows[plan.target.name] = [
            [st.st_size, st.st_mtime_ns],
            index_row(
                wire.path,
                wire.sha256,
                version,
                plan.slug,
                plan.date,
                False,
                plan.story_id,
                place,
                wire.item,
                wire.guid,
                wire.version,
                wire.status,
            ),  # fmt: skip
        ]

    for item in pending:
        if item.item.digest in cached:
            write(item, cached[item.item.digest])
    batch: list[tuple[str, str, Metadata]] = []
    try:
        for key, md in extracted:
            item = by_key[key]
            if md is None:
                outcomes.append(Outcome(key, "skipped", "the extractor failed on this story (see the log)"))
                continue
            batch.append((item.item.digest, fingerprint, md))
            if len(batch) >= CACHE_BATCH:
                cache.put_many(batch)
                batch = []
            write(item, md)
    finally:  # also when the extraction backend failed: what arrived is kept for the next run
        cache.put_many(batch)
    return outcomes, rows


def withdraw_post(withdrawal: Withdrawal) -> tuple[Outcome, dict[str, list]]:
    """Mark a post withdrawn for an item that withdraws its story and carries none of its own
    (a kill notice): the post keeps its text and metadata, its ``wire`` block names the
    withdrawing item, and its page becomes a notice. Returns the outcome and its index row."""
    old, row, raw = withdrawal.old, withdrawal.item, withdrawal.raw
    try:
        front, body = split_post(old.path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, FrontMatterError) as exc:
        return Outcome(withdrawal.key, "skipped", f"its post {old.name} could not be read: {exc}", old.shown), {}
    wire = WireRef(raw.key, row.digest, old.extractor, row.key, row.guid, row.version, row.status)
    fields: dict = {}
    for name, value in front.items():
        if name in ("status", "wire"):
            continue
        fields[name] = value
        if name == "story":
            fields["status"] = "withdrawn"
    fields.setdefault("status", "withdrawn")
    old_wire = front.get("wire")
    fields["wire"] = wire.fields(old_wire.get("refused") if isinstance(old_wire, dict) else None)
    try:
        changed = write_if_changed(old.path, seal_post(fields, body.strip("\n")))
    except OSError as exc:
        return Outcome(withdrawal.key, "skipped", f"post could not be written: {exc}", old.shown), {}
    st = os.stat(old.path)
    index = {
        old.name: [
            [st.st_size, st.st_mtime_ns],
            index_row(
                wire.path,
                wire.sha256,
                wire.extractor,
                old.slug,
                old.date,
                False,
                old.story_id,
                old.place,
                wire.item,
                wire.guid,
                wire.version,
                wire.status,
            ),  # fmt: skip
        ]
    }
    if not changed:
        return Outcome(withdrawal.key, "unchanged", "", old.shown), index
    reason = f"withdrawn by the agency ({row.status}, version {row.version}): its page is a notice, its text kept"
    return Outcome(withdrawal.key, "withdrawn", reason, old.shown), index


def remove_orphans(gone: Iterable[ExistingPost]) -> tuple[list[Outcome], list[str]]:
    """Posts whose story is gone (its raw file, or its item from a file still there): removed
    unless an editor changed them. Returns the outcomes and the file names of the posts removed."""
    outcomes: list[Outcome] = []
    removed: list[str] = []
    for post in sorted(gone, key=lambda p: p.source):
        what = "its item is no longer in" if post.item else "raw wire file is gone"
        what = f"{what} {post.wire_path}" if post.item else what
        if post.edited:
            outcomes.append(Outcome(post.source, "kept", f"{what} but the post was edited by hand: kept", post.shown))
            continue
        post.path.unlink(missing_ok=True)
        removed.append(post.name)
        outcomes.append(Outcome(post.source, "removed", what, post.shown))
    return outcomes, removed


def save_conflict(folder: Path, conflict: Conflict) -> Outcome:
    """The new wire text of an edited post, kept in ``folder`` for the editor to merge."""
    target = folder / conflict.key.replace("/", "__").replace("#", "__")
    write_if_changed(target, conflict.data.decode("utf-8", errors="replace"))
    what = conflict.reason or "the wire text changed"
    reason = f"{what} but the post was edited by hand; new text saved to {target.as_posix()}"
    return Outcome(conflict.key, "conflict", reason, conflict.old.shown)
