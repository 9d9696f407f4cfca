"""Planning the run: what each story of the inbox needs, and for every post to write its date,
slug and story id.

``Triage`` goes through the inbox in path order and decides each story (a file of plain text,
NITF or a single NewsML-G2 or ninjs item is one; a NewsML-G2 message or a ninjs array one per
item, named ``path#key``): unchanged (its post is up to date), kept (edited by hand), a
duplicate, a conflict (the wire text changed under an edited post), skipped (unreadable), held
(embargoed), superseded (an older or equal version of a story the archive has), withdrawn, or
pending: a story whose post must be written. Items with a guid are decided once the whole inbox
is known: the highest version present updates the guid's post. ``plan_posts`` then gives every
pending story its date, slug and story id, in file order, before any metadata is known, so they
never depend on which stories the extraction cache already knew.

The clock: builds do not read it, except here, for embargoes. ``Clock`` reads it once per run,
and only when a story that would be written is embargoed; ``WIRE_NOW`` fixes it for builds that
must be reproducible. A story whose embargo has passed is decided the same whenever it runs.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import NamedTuple

from wire_core.front_matter import read_post
from wire_core.post_file import FrontMatterError, slugify

from .dateline import resolve_date
from .dates import choose_date, reference_date
from .inbox import Inbox
from .post_index import UNREADABLE, ExistingPost, PostScan
from .readers import READ_ERRORS, read_items
from .records import ItemMeta, Story, WireItem
from .report import Outcome
from .write import WITHDRAWN


@dataclass(frozen=True)
class RawFile:
    path: Path
    key: str  # path relative to the site root, posix
    sha256: str  # of the whole file


@dataclass(frozen=True)
class Pending:
    """A story whose post must be written (``old``: the post it replaces, if any)."""

    raw: RawFile
    item: WireItem  # its story and, for a structured item, the item's metadata
    old: ExistingPost | None

    @property
    def source(self) -> str:
        return self.item.source(self.raw.key)

    @property
    def story(self) -> Story:
        assert self.item.story is not None
        return self.item.story

    @property
    def meta(self) -> ItemMeta | None:
        return self.item.meta


@dataclass(frozen=True)
class Conflict:
    """The wire text changed under a post an editor changed: the new text is kept aside."""

    key: str  # the story's source
    data: bytes
    old: ExistingPost
    reason: str = ""  # what changed, when it is more than the text


@dataclass(frozen=True)
class Withdrawal:
    """The agency withdrew a story (canceled or withheld) with an item that has no story of its
    own: its post keeps its text and is marked withdrawn."""

    key: str  # the withdrawing item's source
    raw: RawFile
    item: ItemRow
    old: ExistingPost


@dataclass(frozen=True)
class PostPlan:
    date: datetime
    slug: str
    story_id: str
    target: Path


class Decision(NamedTuple):
    key: str  # the story's source
    then: Outcome | Pending | Conflict | Withdrawal


class ItemRow(NamedTuple):
    """What the raw index keeps of one item of a structured file, so that an unchanged file is
    decided without reading it: its key in the file, the digest of its bytes, guid, version,
    status, embargo (an ISO time, or "open": until a later version lifts it) and, when it gives
    no story, why."""

    key: str
    digest: str
    guid: str | None = None
    version: int | None = None
    status: str = "usable"
    embargo: str | None = None
    error: str | None = None

    def source(self, file_key: str) -> str:
        return f"{file_key}#{self.key}" if self.key else file_key


OPEN_EMBARGO = "open"


def item_rows(items: tuple[WireItem, ...]) -> tuple[ItemRow, ...] | None:
    """The raw index's summary of a file's stories; None for plain wire text (one story, no
    metadata of its own: the file's hash is its digest)."""
    if len(items) == 1 and items[0].meta is None and items[0].story is not None and not items[0].key:
        return None
    rows = []
    for item in items:
        meta = item.meta
        if meta is None:
            rows.append(ItemRow(item.key, item.digest, error=item.error))
            continue
        embargo = meta.embargoed.isoformat() if meta.embargoed else (OPEN_EMBARGO if meta.embargo_open else None)
        error = item.error if item.story is None else None
        rows.append(ItemRow(item.key, item.digest, meta.guid, meta.version, meta.status, embargo, error))
    return tuple(rows)


class Clock:
    """The one place a build reads the time: whether an embargo has passed. Read once, when
    first asked (so a run with no embargoed story never reads it); ``fixed`` (``WIRE_NOW``)
    stands in for it."""

    def __init__(self, fixed: datetime | None = None):
        self._now = fixed
        self.read = False  # whether the system clock was read

    def now(self) -> datetime:
        if self._now is None:
            self._now = datetime.now(UTC)
            self.read = True
        return self._now


def held_until(row: ItemRow, clock: Clock) -> str | None:
    """Why a story must wait, or None: an embargo still running (or one with no end)."""
    if row.embargo is None:
        return None
    if row.embargo == OPEN_EMBARGO:
        return "embargoed until further notice: held until a version lifts the embargo"
    until = datetime.fromisoformat(row.embargo)
    if clock.now() < until:
        return f"held until {row.embargo} (embargoed)"
    return None


@dataclass(frozen=True)
class _Candidate:
    """One version of a guid found in the inbox."""

    order: int
    source: str
    raw: RawFile
    row: ItemRow


_PARSE = object()  # a raw index row whose stories must be read from the file


class Triage:
    """Every story of the inbox, decided. ``run`` yields the decisions one at a time, so the
    caller can hand each story to the extraction workers as soon as it is parsed (items with a
    guid come last, once every version in the inbox is known). Afterwards ``rows`` is the raw
    index to keep (file key → [size, mtime, inode, sha256, stories]: None for plain text, the
    ``ItemRow`` of each item, or the reason the file cannot be read) and ``claimed`` the posts
    that stay (file names): a post no story claims is an orphan."""

    def __init__(self, root: Path, inbox: Inbox, remembered: dict, posts: PostScan, version: str, clock: Clock):
        self.top = os.path.abspath(root)
        self.inbox = inbox
        self.remembered = remembered
        self.posts = posts
        self.version = version
        self.clock = clock
        self.rows: dict[str, list] = {}
        self.claimed: set[str] = set()
        self._seen: dict[str, str] = {}  # digest → the source that had it first
        self._parsed: dict[str, tuple[WireItem, ...]] = {}  # file key → its stories, once read
        self._by_file: dict[str, list[ExistingPost]] | None = None

    def claim(self, post: ExistingPost | None) -> None:
        if post is not None:
            self.claimed.add(post.name)

    def run(self) -> Iterator[Decision]:
        by_wire = self.posts.by_wire
        changed = self.inbox.changed
        groups: dict[str, list[_Candidate]] = {}
        listed: set[str] = set()
        for i, key in enumerate(self.inbox.keys):
            stamp = changed.get(i)
            path = os.path.join(self.top, key)  # a key outside the site folder is an absolute path
            try:
                if stamp is None:  # as the raw index remembers it
                    row = self.remembered[key]
                else:
                    with open(path, "rb") as fh:
                        data = fh.read()
                    sha = hashlib.sha256(data).hexdigest()
                    row = [*stamp, sha, self._known(key, sha)]
                    if row[4] is _PARSE:
                        try:
                            items = read_items(key, data)
                        except READ_ERRORS as exc:
                            row[4] = str(exc)
                        else:
                            row[4] = item_rows(items)
                            self._parsed[key] = items
            except OSError as exc:
                self._claim_file(key)
                yield Decision(key, Outcome(key, "skipped", f"cannot be read: {exc.strerror or exc}"))
                continue
            # ``row`` is the remembered row itself when unchanged: saving the index compares by identity
            self.rows[key] = row
            raw = RawFile(Path(path), key, row[3])
            stories = row[4]
            if isinstance(stories, str):  # the file as a whole cannot be read: its posts stay as they are
                self._claim_file(key)
                yield Decision(key, Outcome(key, "skipped", stories))
                continue
            versioned = False
            for entry in (ItemRow("", row[3]),) if stories is None else stories:
                source = entry.source(key)
                listed.add(source)
                if entry.guid and (entry.error is None or entry.status in WITHDRAWN):
                    groups.setdefault(entry.guid, []).append(_Candidate(len(listed), source, raw, entry))
                    versioned = True
                    continue
                old = by_wire.get(source)
                if entry.error is not None and entry.status not in WITHDRAWN:
                    self.claim(old)
                    yield Decision(source, Outcome(source, "skipped", entry.error, old.shown if old else None))
                    continue
                if entry.error is None and entry.digest in self._seen:
                    self.claim(old)
                    first = self._seen[entry.digest]
                    yield Decision(source, Outcome(source, "duplicate", f"same text as {first}: published once"))
                    continue
                if entry.error is None:
                    self._seen[entry.digest] = source
                yield self._decide(source, raw, entry, old)
            if not versioned:  # its stories are decided: what is pending holds them
                self._parsed.pop(key, None)
        for guid, candidates in groups.items():
            yield from self._versions(guid, candidates, listed)
        self._parsed.clear()

    def _known(self, key: str, sha: str):
        """The stories of a changed file that need not be parsed: when its post was made from
        exactly these bytes by this extractor (a fresh clone: the raw index is empty but the
        posts are committed), the post says what the file holds."""
        old = self.posts.by_wire.get(key)
        if old is None or old.sha256 != sha or (old.extractor != self.version and not old.edited):
            return _PARSE
        if old.guid is None and old.version is None and old.status is None:
            return None
        return (ItemRow("", sha, old.guid, old.version, old.status or "usable"),)

    def _claim_file(self, key: str) -> None:
        if self._by_file is None:
            self._by_file = self.posts.by_file()
        for post in self._by_file.get(key, ()):
            self.claim(post)

    def _decide(self, source: str, raw: RawFile, entry: ItemRow, old: ExistingPost | None) -> Decision:
        """One story against the post it would replace."""
        self.claim(old)
        if (
            old
            and old.sha256 == entry.digest
            and old.source == source
            and (old.extractor == self.version or old.edited)
        ):
            status = "kept" if old.edited and old.extractor != self.version else "unchanged"
            reason = "edited by hand; not regenerated with the new extractor" if status == "kept" else ""
            if old.extractor == UNREADABLE:
                reason = f"its post {old.name} has broken front matter: fix it to publish the story"
            return Decision(source, Outcome(source, status, reason, old.shown))
        wait = held_until(entry, self.clock)
        if wait:
            return Decision(source, Outcome(source, "held", wait, old.shown if old else None))
        try:
            item = self._item(raw, entry.key)
        except (OSError, *READ_ERRORS) as exc:
            reason = f"cannot be read: {exc.strerror or exc}" if isinstance(exc, OSError) else str(exc)
            return Decision(source, Outcome(source, "skipped", reason, old.shown if old else None))
        if item is None:
            return Decision(source, Outcome(source, "skipped", "the item is no longer in its file"))
        if item.story is None:
            if item.meta is not None and item.meta.status in WITHDRAWN:
                if old is None:
                    reason = "withdrawn by the agency before it was published: nothing to take down"
                    return Decision(source, Outcome(source, "withdrawn", reason))
                if old.edited:
                    return self._conflict(source, raw, old, f"the agency withdrew this story ({item.meta.status})")
                return Decision(source, Withdrawal(source, raw, entry, old))
            return Decision(source, Outcome(source, "skipped", item.error or "no story in the item"))
        if old and old.edited:
            return self._conflict(source, raw, old)
        return Decision(source, Pending(raw, item, old))

    def _conflict(self, source: str, raw: RawFile, old: ExistingPost, what: str = "") -> Decision:
        try:
            with open(raw.path, "rb") as fh:
                data = fh.read()
        except OSError as exc:
            return Decision(source, Outcome(source, "skipped", f"cannot be read: {exc.strerror or exc}", old.shown))
        return Decision(source, Conflict(source, data, old, what))

    def _item(self, raw: RawFile, key: str) -> WireItem | None:
        items = self._parsed.get(raw.key)
        if items is None:
            with open(raw.path, "rb") as fh:
                items = read_items(raw.key, fh.read())
            self._parsed[raw.key] = items
        return next((item for item in items if item.key == key), None)

    def _versions(self, guid: str, candidates: list[_Candidate], listed: set[str]) -> Iterator[Decision]:
        """The versions of one story (one guid) in the inbox: the highest updates the guid's
        post, the others are superseded. An equal version never replaces the post's; the post
        follows the inbox (its version's file removed, the highest left is published)."""
        post = self.posts.by_guid.get(guid)
        self.claim(post)
        live: list[_Candidate] = []
        for c in candidates:
            if c.row.error is None and c.row.digest in self._seen:
                first = self._seen[c.row.digest]
                yield Decision(c.source, Outcome(c.source, "duplicate", f"same item as {first}: published once"))
                continue
            if c.row.error is None:
                self._seen[c.row.digest] = c.source
            live.append(c)
        shown = post.source if post else None
        ready: list[_Candidate] = []
        for c in live:
            published = post is not None and c.source == shown and c.row.digest == post.sha256
            wait = None if published else held_until(c.row, self.clock)
            if wait:
                yield Decision(c.source, Outcome(c.source, "held", wait, post.shown if post else None))
            else:
                ready.append(c)
        if not ready:
            return
        best = max(ready, key=lambda c: (c.row.version or 0, c.source == shown, -c.order))
        best_version = best.row.version or 0
        if post is not None and shown in listed and shown != best.source and (post.version or 0) > best_version:
            # the post's own file is still here but cannot be read or is held: it stays as it is
            for c in ready:
                reason = f"version {c.row.version} of {guid}: the post shows version {post.version} ({shown})"
                yield Decision(c.source, Outcome(c.source, "superseded", reason, post.shown))
            return
        for c in ready:
            if c is best:
                continue
            if (c.row.version or 0) == best_version:
                reason = f"version {c.row.version} of {guid} again (also in {best.source}): published once"
            else:
                reason = f"version {c.row.version} of {guid}: {best.source} has version {best.row.version}"
            yield Decision(c.source, Outcome(c.source, "superseded", reason, post.shown if post else None))
        yield self._decide(best.source, best.raw, best.row, post)


def post_version(fingerprint: str) -> str:
    """What a post records as the extractor that made it: the extraction fingerprint and the
    writer's code (``write.py``, ``merge.py`` — an item's metadata over the extractor's — and
    the post file format). A new writer rewrites the posts from the cache; it extracts nothing."""
    from wire_core import post_file

    from . import merge, write

    digest = hashlib.sha256()
    for module in (write, merge, post_file):
        digest.update(Path(module.__file__).read_bytes())
    return f"{fingerprint}.{digest.hexdigest()[:6]}"


def plan_posts(
    posts_dir: Path, pending: list[Pending], existing: dict, committed: dict, slugs_in_use
) -> tuple[dict[str, PostPlan], list[str]]:
    """Date, slug and story id of every pending post (by source), decided in file order; and the
    warnings. A structured item's story id is its guid: its versions are one story."""
    warnings: list[str] = []
    dates = {}
    for item in pending:
        dates[item.source], said = story_date(item, committed)
        warnings += said
    story_ids, said = assign_story_ids(pending, dates, existing)
    warnings += said
    plans: dict[str, PostPlan] = {}
    slug_of: dict[str, str] = {}
    taken = set(slugs_in_use)
    for item in pending:
        source, story, old = item.source, item.story, item.old
        slug = old.slug if old else new_slug(story.headline, source, taken)
        taken.add(slug)
        guid = item.meta.guid if item.meta is not None else None
        story_id = old.story_id if old else (guid or story_ids.get(source, slug))
        if story_id.startswith("new:"):  # a version of another story new in this run: use its slug
            story_id = slug_of.get(story_id[4:], slug)
        slug_of[source] = slug
        target = old.path if old else posts_dir / f"{slug}.md"
        plans[source] = PostPlan(dates[source], slug, story_id, target)
        warnings += [f"{source}: {w}" for w in story.warnings]
    return plans, warnings


def story_date(item: Pending, committed) -> tuple[datetime, list[str]]:
    """A post's date: kept once written; else the item's own time with its zone (a structured
    item says when); else dateline, first commit, or mtime (warned)."""
    raw, story, old = item.raw, item.story, item.old
    if old and old.date:
        return old.date, []
    if item.meta is not None and item.meta.date is not None:
        return item.meta.date, []
    mtime = raw.path.stat().st_mtime
    when = committed.get(raw.key)
    resolved = resolve_date(story.dateline.date_text if story.dateline else None, reference_date(when, mtime))
    date, warning = choose_date(resolved, when, mtime)
    warnings = []
    if story.dateline and story.dateline.date_text and resolved is None:
        warnings.append(
            f"{item.source}: impossible date in the dateline ({story.dateline.date_text}); using the file's history"
        )
    if warning:
        warnings.append(f"{item.source}: {warning}")
    return date, warnings


def assign_story_ids(pending: list[Pending], dates: dict, existing: dict) -> tuple[dict[str, str], list[str]]:
    """Source → story id for new stories that are re-sends (near duplicates) of a known story;
    and the warnings that say so. Items with a guid are left out: their guid says which story
    they are.

    Only stories from the same dateline place within a few days can match, so an existing post
    is read only when a new story could match it, and each new story is compared only with the
    candidates of its place and window (``versions.CandidateIndex``)."""
    from .versions import CandidateIndex, shingles

    new = []
    for item in pending:
        story = item.story
        if item.meta is not None and item.meta.guid:
            continue
        if item.old is None and story.dateline and story.dateline.places:
            new.append((item.source, story.dateline.places[0], dates[item.source], story))
    if not new:
        return {}, []
    wanted: dict[str, list] = {}
    for _, place, date, _ in new:
        wanted.setdefault(place, []).append(date)
    index = CandidateIndex()
    for post in sorted(existing.values(), key=lambda p: p.name):
        if post.place in wanted and any(CandidateIndex.near(d, post.date) for d in wanted[post.place]):
            try:
                _, body = read_post(post.path.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, FrontMatterError):
                continue
            index.add(post.story_id, post.place, post.date, shingles(body))
    ids: dict[str, str] = {}
    warnings: list[str] = []
    for source, place, date, story in new:
        text = shingles(story.body)
        found = index.find(place, date, text)
        if found:
            ids[source] = found
            of = found[4:] if found.startswith("new:") else f"story {found}"
            warnings.append(f"{source}: a new version of {of}; the site shows the newest version")
        index.add(found or f"new:{source}", place, date, text)
    return ids, warnings


def new_slug(headline: str, key: str, taken) -> str:
    """Slug from the headline; a second story with that headline gets a suffix from its file path,
    so the slug does not depend on the order files are found in."""
    slug = slugify(headline)
    if slug not in taken and not slug.isdigit():
        return slug
    return f"{slug}-{hashlib.sha1(key.encode()).hexdigest()[:6]}"
