"""Planning the run: what each raw file needs, and for every post to write its date, slug and
story id.

``triage`` goes through the inbox in path order and decides each file: unchanged (its post is
up to date), kept (edited by hand), a duplicate, a conflict (the wire text changed under an
edited post), skipped (unreadable), or pending: a story whose post must be written. ``plan_posts``
then gives every pending story its date, slug and story id, in file order, before any metadata
is known, so they never depend on which stories the extraction cache already knew.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import NamedTuple

from wire_core.front_matter import read_post
from wire_core.post_file import FrontMatterError, slugify

from .dateline import resolve_date
from .dates import choose_date, reference_date
from .inbox import Inbox
from .post_index import UNREADABLE, ExistingPost
from .readers import READ_ERRORS, read_story
from .records import Story
from .report import Outcome


@dataclass(frozen=True)
class RawFile:
    path: Path
    key: str  # path relative to the site root, posix
    sha256: str


@dataclass(frozen=True)
class Pending:
    """A story whose post must be written (``old``: the post it replaces, if any)."""

    raw: RawFile
    story: Story
    old: ExistingPost | None


@dataclass(frozen=True)
class Conflict:
    """The wire text changed under a post an editor changed: the new text is kept aside."""

    key: str
    data: bytes
    old: ExistingPost


class Decision(NamedTuple):
    key: str
    row: list | None  # the raw index row of the file (None: it could not be read)
    then: Outcome | Pending | Conflict


@dataclass(frozen=True)
class PostPlan:
    date: datetime
    slug: str
    story_id: str
    target: Path


def post_version(fingerprint: str) -> str:
    """What a post records as the extractor that made it: the extraction fingerprint and the
    writer's code (``write.py`` and the post file format). A new writer rewrites the posts from
    the cache; it extracts nothing."""
    from wire_core import post_file

    from . import write

    digest = hashlib.sha256()
    for module in (write, post_file):
        digest.update(Path(module.__file__).read_bytes())
    return f"{fingerprint}.{digest.hexdigest()[:6]}"


def triage(root: Path, inbox: Inbox, remembered: dict, existing: dict, version: str) -> Iterator[Decision]:
    """Every raw file of the inbox, in path order: read and hashed (or its hash remembered by
    size, mtime and inode), checked against its post, parsed when its post must be written.
    Decisions come one at a time, so the caller can hand each story to the extraction workers
    as soon as it is parsed."""
    seen_sha: dict[str, str] = {}
    top = os.path.abspath(root)
    changed = inbox.changed
    for i, key in enumerate(inbox.keys):
        data = None
        stamp = changed.get(i)
        path = os.path.join(top, key)  # a key outside the site folder is an absolute path
        try:
            if stamp is None:  # as the raw index remembers it
                row = remembered[key]
                sha = row[3]
            else:
                with open(path, "rb") as fh:
                    data = fh.read()
                sha = hashlib.sha256(data).hexdigest()
                row = [*stamp, sha]
        except OSError as exc:
            yield Decision(key, None, Outcome(key, "skipped", f"cannot be read: {exc.strerror or exc}"))
            continue
        # ``row`` is the remembered row itself when unchanged: saving the index compares by identity
        if sha in seen_sha:
            yield Decision(key, row, Outcome(key, "duplicate", f"same text as {seen_sha[sha]}: published once"))
            continue
        seen_sha[sha] = key
        old = existing.get(key)
        if old and old.sha256 == sha and (old.extractor == version or old.edited):
            status = "kept" if old.edited and old.extractor != version else "unchanged"
            reason = "edited by hand; not regenerated with the new extractor" if status == "kept" else ""
            if old.extractor == UNREADABLE:
                reason = f"its post {old.name} has broken front matter: fix it to publish the story"
            yield Decision(key, row, Outcome(key, status, reason, old.shown))
            continue
        try:
            if data is None:
                with open(path, "rb") as fh:
                    data = fh.read()
        except OSError as exc:
            yield Decision(key, row, Outcome(key, "skipped", f"cannot be read: {exc.strerror or exc}"))
            continue
        if old and old.edited:
            yield Decision(key, row, Conflict(key, data, old))
            continue
        try:
            story = read_story(key, data)
        except READ_ERRORS as exc:
            yield Decision(key, row, Outcome(key, "skipped", str(exc)))
            continue
        yield Decision(key, row, Pending(RawFile(Path(path), key, sha), story, old))


def plan_posts(
    posts_dir: Path, pending: list[Pending], existing: dict, committed: dict, slugs_in_use
) -> tuple[dict[str, PostPlan], list[str]]:
    """Date, slug and story id of every pending post, decided in file order; and the warnings."""
    warnings: list[str] = []
    dates = {}
    for item in pending:
        dates[item.raw.key], said = story_date(item.raw, item.story, item.old, committed)
        warnings += said
    story_ids, said = assign_story_ids(pending, dates, existing)
    warnings += said
    plans: dict[str, PostPlan] = {}
    slug_of: dict[str, str] = {}
    taken = set(slugs_in_use)
    for item in pending:
        raw, story, old = item.raw, item.story, item.old
        slug = old.slug if old else new_slug(story.headline, raw.key, taken)
        taken.add(slug)
        story_id = old.story_id if old else story_ids.get(raw.key, slug)
        if story_id.startswith("new:"):  # a version of another story new in this run: use its slug
            story_id = slug_of.get(story_id[4:], slug)
        slug_of[raw.key] = slug
        target = old.path if old else posts_dir / f"{slug}.md"
        plans[raw.key] = PostPlan(dates[raw.key], slug, story_id, target)
        warnings += [f"{raw.key}: {w}" for w in story.warnings]
    return plans, warnings


def story_date(raw: RawFile, story: Story, old, committed) -> tuple[datetime, list[str]]:
    """A post's date: kept once written; else dateline, first commit, or mtime (warned)."""
    if old and old.date:
        return old.date, []
    mtime = raw.path.stat().st_mtime
    when = committed.get(raw.key)
    resolved = resolve_date(story.dateline.date_text if story.dateline else None, reference_date(when, mtime))
    date, warning = choose_date(resolved, when, mtime)
    warnings = []
    if story.dateline and story.dateline.date_text and resolved is None:
        warnings.append(
            f"{raw.key}: impossible date in the dateline ({story.dateline.date_text}); using the file's history"
        )
    if warning:
        warnings.append(f"{raw.key}: {warning}")
    return date, warnings


def assign_story_ids(pending: list[Pending], dates: dict, existing: dict) -> tuple[dict[str, str], list[str]]:
    """Raw key → story id for new files that are re-sends (near duplicates) of a known story;
    and the warnings that say so.

    Only stories from the same dateline place within a few days can match, so an existing post
    is read only when a new story could match it, and each new story is compared only with the
    candidates of its place and window (``versions.CandidateIndex``)."""
    from .versions import CandidateIndex, shingles

    new = []
    for item in pending:
        story = item.story
        if item.old is None and story.dateline and story.dateline.places:
            new.append((item.raw, story.dateline.places[0], dates[item.raw.key], story))
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
    for raw, place, date, story in new:
        text = shingles(story.body)
        found = index.find(place, date, text)
        if found:
            ids[raw.key] = found
            of = found[4:] if found.startswith("new:") else f"story {found}"
            warnings.append(f"{raw.key}: a new version of {of}; the site shows the newest version")
        index.add(found or f"new:{raw.key}", place, date, text)
    return ids, warnings


def new_slug(headline: str, key: str, taken) -> str:
    """Slug from the headline; a second story with that headline gets a suffix from its file path,
    so the slug does not depend on the order files are found in."""
    slug = slugify(headline)
    if slug not in taken and not slug.isdigit():
        return slug
    return f"{slug}-{hashlib.sha1(key.encode()).hexdigest()[:6]}"
