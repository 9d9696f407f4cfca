"""The ingest run: raw wire files → tagged posts, with a report of what happened to each file.

parse → extract (cached) → write, for every ``*.txt`` under the configured sources. A file that
cannot be processed is reported with its reason and the rest go on; an edited post is never
overwritten; a post whose raw file is gone is removed unless an editor changed it.
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import NamedTuple

from .cache import ExtractionCache
from .dateline import resolve_date
from .dates import choose_date, first_commit_dates, reference_date
from .decode import DecodeError
from .forked import Forked
from .keep import KeptDict, collector_off
from .parse import ParseError, parse_bytes
from .records import Metadata, Story
from .write import (
    FrontMatterError,
    WireRef,
    is_edited,
    render_post,
    slugify,
    split_post,
    write_if_changed,
)

log = logging.getLogger(__name__)
UNREADABLE = "unreadable"  # the extractor field of a post whose front matter cannot be parsed
STATUSES = ("new", "updated", "unchanged", "kept", "conflict", "removed", "duplicate", "skipped")


@dataclass(frozen=True)
class IngestSettings:
    root: Path  # the site folder; wire paths in posts are relative to it
    sources: tuple[Path, ...]
    posts_dir: Path
    cache_path: Path | None = None
    overrides_path: Path | None = None
    conflicts_dir: Path | None = None
    n_process: int = 1


class Outcome(NamedTuple):
    """What happened to one file (a named tuple: a report has one per raw file, 100,000 of them
    on every build of a large archive)."""

    source: str
    status: str  # one of STATUSES
    reason: str = ""
    post: str | None = None


@dataclass(frozen=True)
class Report:
    outcomes: tuple[Outcome, ...]
    warnings: tuple[str, ...] = ()

    def count(self) -> Counter:
        return Counter(o.status for o in self.outcomes)

    @property
    def problems(self) -> tuple[Outcome, ...]:
        return tuple(o for o in self.outcomes if o.status in ("skipped", "conflict", "duplicate", "kept"))

    def summary(self) -> str:
        counts = self.count()
        return ", ".join(f"{counts[s]} {s}" for s in STATUSES if counts[s] or s in ("new", "updated", "unchanged"))


class ExistingPost(NamedTuple):
    """A generated post as the ingest knows it (from the post index or its front matter)."""

    folder: str
    name: str  # the post's file name in ``folder``
    wire_path: str
    sha256: str
    extractor: str
    slug: str
    date: datetime | None
    edited: bool
    story_id: str = ""
    place: str = ""

    @property
    def path(self) -> Path:
        return Path(self.folder, self.name)

    @property
    def shown(self) -> str:
        """The post's path as the report prints it."""
        return f"{self.folder}/{self.name}"


@dataclass(frozen=True)
class RawFile:
    path: Path
    key: str  # path relative to the site root, posix
    data: bytes = field(repr=False)
    sha256: str = ""


def list_raw_files(settings: IngestSettings) -> tuple[list[tuple[str, str, list]], list[Outcome]]:
    """(path, key, stamp) of every ``*.txt`` under the sources, in path order; what was refused.
    One directory read and one ``stat`` per file: an inbox of 100,000 files is listed on every
    build. The stamp (size, mtime, inode) says whether the file's remembered hash still holds."""
    files: list[tuple[str, str, list]] = []
    skipped: list[Outcome] = []
    root = os.path.abspath(settings.root) + os.sep
    for source in settings.sources:
        if not source.is_dir():
            continue
        base = str(source.resolve()) + os.sep
        for name, entry in _walk(os.path.abspath(source)):
            key = name[len(root) :].replace(os.sep, "/") if name.startswith(root) else Path(name).as_posix()
            try:
                if entry.is_symlink():
                    if not os.path.realpath(name).startswith(base):
                        skipped.append(Outcome(key, "skipped", "symbolic link pointing outside the wire folder"))
                        continue
                    regular = os.path.isfile(name)
                else:
                    regular = entry.is_file(follow_symlinks=False)
                st = entry.stat() if regular else None
            except OSError:  # gone since the folder was read
                continue
            if st is None:
                skipped.append(Outcome(key, "skipped", "not a regular file"))
                continue
            files.append((name, key, [st.st_size, st.st_mtime_ns, st.st_ino]))
    return files, skipped


class Inbox(NamedTuple):
    """The raw files of this run, in path order, as the forked listing sends them back."""

    keys: list[str]  # paths relative to the site root, posix
    changed: dict[int, list]  # index in ``keys`` → stamp, for files the raw index does not know as they are
    skipped: list[Outcome]


def inbox_changes(settings: IngestSettings, remembered: dict) -> Inbox:
    """The listing (``list_raw_files``), compared with the raw index: only the files whose stamp
    changed are read again. Cheap to send back from a forked process: keys and a few stamps."""
    files, skipped = list_raw_files(settings)
    keys, changed = [], {}
    for i, (_, key, stamp) in enumerate(files):
        keys.append(key)
        row = remembered.get(key)
        if row is None or row[:3] != stamp:
            changed[i] = stamp
    return Inbox(keys, changed, skipped)


def _walk(folder: str):
    """(path, DirEntry) of the ``*.txt`` entries under ``folder``, in path order (a folder's
    entries sorted by name, subfolders read where they sort; folder symlinks not followed)."""
    try:
        with os.scandir(folder) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        try:
            is_dir = entry.is_dir()
        except OSError:
            continue
        if is_dir:
            if not entry.is_symlink():
                yield from _walk(entry.path)
        elif entry.name.endswith(".txt"):
            yield entry.path, entry


def _key(root: Path, path: Path) -> str:
    """A path relative to the site root, posix: how posts and reports name raw files."""
    text, top = os.path.abspath(path), os.path.abspath(root) + os.sep
    if text.startswith(top):
        return text[len(top) :].replace(os.sep, "/")
    return Path(path).as_posix()


def scan_posts(posts_dir: Path, remembered: dict | None = None) -> tuple[dict, set[str], list[Outcome], dict]:
    """Existing generated posts by raw-file key; every slug in use; posts that cannot be read;
    and the post index to keep (what was read from each post, by file name, with its size and
    mtime: an unchanged archive of tens of thousands of posts costs one ``stat`` per post)."""
    by_wire: dict[str, ExistingPost] = {}
    slugs: set[str] = set()
    broken: list[Outcome] = []
    fresh: dict[str, list] = {}
    if not posts_dir.is_dir():
        return by_wire, slugs, broken, fresh
    folder = posts_dir.as_posix()
    remembered = remembered or {}
    entries = []
    with os.scandir(posts_dir) as it:
        for entry in it:
            if entry.name.startswith(".tmp-") and entry.name.endswith(".part"):
                os.unlink(entry.path)  # from a run that was killed mid-write
            elif entry.name.endswith(".md") and not entry.name.startswith("."):
                entries.append(entry)
    entries.sort(key=lambda e: e.name)
    for entry in entries:
        name = entry.name
        slugs.add(name[:-3])
        try:
            st = entry.stat()
        except OSError:
            continue
        stamp = [st.st_size, st.st_mtime_ns]
        row = remembered.get(name)
        if row is None or row[0] != stamp:
            row = [stamp, _read_post(posts_dir / name)]
        fresh[name] = row
        found = row[1]
        if isinstance(found, str):
            broken.append(Outcome(f"{folder}/{name}", "kept", f"post cannot be read, left untouched: {found}"))
            claimed = _claimed_wire(posts_dir / name)
            if claimed:  # still the editor's version of that wire story: never write a second post
                by_wire[claimed[0]] = ExistingPost(
                    folder, name, claimed[0], claimed[1], UNREADABLE, name[:-3], None, edited=True
                )
        elif found is not None:
            post = ExistingPost(
                folder, name, found["wire_path"], found["sha256"], found["extractor"], found["slug"],
                _as_datetime(found["date"]), found["edited"], found["story_id"], found["place"],
            )  # fmt: skip
            slugs.add(post.slug)
            by_wire[post.wire_path] = post
    return by_wire, slugs, broken, fresh


def _read_post(path: Path) -> dict | str | None:
    """What the ingest needs from a post (JSON-able), an error message, or None (not ours)."""
    try:
        text = path.read_text(encoding="utf-8")
        front, _ = split_post(text)
    except (OSError, UnicodeDecodeError, FrontMatterError) as exc:
        return str(exc)
    wire = front.get("wire") if isinstance(front.get("wire"), dict) else None
    if not wire or not wire.get("path"):
        return None  # written by hand: not ours to manage
    slug = str(front.get("slug") or path.stem)
    dateline = front.get("dateline") if isinstance(front.get("dateline"), dict) else {}
    places = dateline.get("places") or [""]
    date = _as_datetime(front.get("date"))
    return {
        "wire_path": str(wire["path"]),
        "sha256": str(wire.get("sha256", "")),
        "extractor": str(wire.get("extractor", "")),
        "slug": slug,
        "date": date.isoformat() if date else None,
        "edited": is_edited(text),
        "story_id": str(front.get("story") or slug),
        "place": str(places[0] if isinstance(places, list) and places else ""),
    }


def _index(path: Path | None, name: str) -> KeptDict:
    """One of the ingest's indexes (what it read from each raw file or post, by file stamp),
    kept as a base plus a journal of the entries that changed: a run that adds one story to
    100,000 writes a few rows, not the whole index. ``name`` says the rows' format."""
    return KeptDict(path.with_name(f"{name}.pickle") if path else None, f"{name}-1")


def _claimed_wire(path: Path) -> tuple[str, str] | None:
    """The raw file a post came from, read without YAML (for posts whose front matter is broken)."""
    import re

    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    wire = re.search(r"^wire:\n  path: (.+)\n  sha256: ([0-9a-f]{64})$", text, re.MULTILINE)
    return (wire.group(1).strip().strip("'\""), wire.group(2)) if wire else None


def _as_datetime(value) -> datetime | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value
    try:
        return datetime.fromisoformat(str(value))
    except ValueError:
        return None


def run_ingest(settings: IngestSettings, extractor=None) -> Report:
    raw_kept, posts_kept = _index(settings.cache_path, "raw-index"), _index(settings.cache_path, "posts-index")
    if extractor is None:
        from .extract import compute_fingerprint
        from .overrides import OverridesError, load_overrides

        try:
            overrides = load_overrides(settings.overrides_path)
        except OverridesError as exc:
            # a broken corrections file must not silently drop every correction: change nothing
            return Report(
                outcomes=(
                    Outcome(_key(settings.root, settings.overrides_path), "skipped", f"{exc}; nothing was re-ingested"),
                )
            )
        fingerprint = compute_fingerprint(overrides)
    else:
        overrides, fingerprint = extractor.overrides, extractor.fingerprint
    from .pool import ExtractionPool

    # stories the cache does not know go to the extraction workers as soon as they are parsed;
    # when a raw file is new or changed, the workers start loading the model right away, while
    # this process scans the posts
    saved = settings.cache_path.with_name("extractor.pickle") if settings.cache_path else None
    pool = ExtractionPool(overrides, workers=settings.n_process, extractor=extractor, saved=saved)
    dropped = extractor is None and _inbox_changed(settings.sources, raw_kept.saved_ns())
    with collector_off():  # the indexes: a million small objects that live to the end of the run
        raw_known = raw_kept.load()
    # the inbox is listed and compared with the raw index (one stat per raw file) by a forked
    # process while this one loads the post index and scans the posts (one stat per post):
    # 100,000 of each take about two seconds apiece. Forked before the extraction workers start
    # (their executors' threads would make a fork unsafe).
    listing = Forked(lambda: inbox_changes(settings, raw_known), settings.n_process > 1 and bool(raw_known))
    if dropped:
        pool.warm_up(1)  # a file was dropped: one worker starts loading the model right away
    with collector_off():
        remembered_posts = posts_kept.load()
        existing, slugs_in_use, broken, post_index = scan_posts(settings.posts_dir, remembered_posts)
        inbox = listing.result()
    outcomes = list(inbox.skipped)
    if extractor is None and inbox.changed:
        pool.warm_up(len(inbox.changed))
    outcomes.extend(broken)
    warnings: list[str] = []
    committed = first_commit_dates(settings.root, list(settings.sources))
    version = post_version(fingerprint)
    cache = ExtractionCache(settings.cache_path)
    try:
        pending, cached, raw_index = _parse_changed(
            settings, inbox, raw_known, existing, fingerprint, version, cache, pool, outcomes
        )
        plans = plan_posts(settings, pending, existing, committed, slugs_in_use, warnings)
        written = _write_posts(fingerprint, version, pending, plans, cached, pool, cache, post_index)
        outcomes.extend(written)
    finally:
        pool.close()
        cache.close()
    outcomes.extend(_remove_orphans(settings, existing, set(inbox.keys), outcomes, post_index))
    raw_kept.save(raw_index)
    posts_kept.save(post_index)
    return Report(outcomes=tuple(sorted(outcomes, key=lambda o: o.source)), warnings=tuple(warnings))


def _inbox_changed(sources, indexed: int | None) -> bool:
    """Was a file added to, removed from or renamed in a wire folder (not a subfolder) since the
    last ingest saved its index of raw files (``indexed``, ns)? A few stats; the full answer is
    the listing."""
    if indexed is None:
        return False  # a first ingest: the listing decides
    for source in sources:
        try:
            if os.stat(source).st_mtime_ns > indexed:
                return True
        except OSError:
            continue
    return False


@dataclass(frozen=True)
class Pending:
    raw: RawFile
    story: Story
    old: ExistingPost | None


@dataclass(frozen=True)
class PostPlan:
    date: datetime
    slug: str
    story_id: str
    target: Path


def post_version(fingerprint: str) -> str:
    """What a post records as the extractor that made it: the extraction fingerprint and the
    writer's code. A new writer rewrites the posts from the cache; it extracts nothing."""
    writer = hashlib.sha256(Path(__file__).with_name("write.py").read_bytes()).hexdigest()[:6]
    return f"{fingerprint}.{writer}"


def _parse_changed(settings, inbox: Inbox, remembered, existing, fingerprint, version, cache, pool, outcomes):
    """Every raw file that needs a post written: read, hashed (or its hash remembered by size,
    mtime and inode), checked against its post, parsed. Returns the pending stories, the
    metadata the cache already had (the others are handed to ``pool``) and the raw index."""
    fresh_index: dict[str, list] = {}
    seen_sha: dict[str, str] = {}
    pending: list[Pending] = []
    cached: dict[str, Metadata] = {}
    root = os.path.abspath(settings.root)
    changed = inbox.changed
    for i, key in enumerate(inbox.keys):
        data = None
        stamp = changed.get(i)
        path = os.path.join(root, key)  # a key outside the site folder is an absolute path
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
            outcomes.append(Outcome(key, "skipped", f"cannot be read: {exc.strerror or exc}"))
            continue
        fresh_index[key] = row  # the remembered row itself when unchanged: saving compares by identity
        if sha in seen_sha:
            outcomes.append(Outcome(key, "duplicate", f"same text as {seen_sha[sha]}: published once"))
            continue
        seen_sha[sha] = key
        old = existing.get(key)
        if old and old.sha256 == sha and (old.extractor == version or old.edited):
            status = "kept" if old.edited and old.extractor != version else "unchanged"
            reason = "edited by hand; not regenerated with the new extractor" if status == "kept" else ""
            if old.extractor == UNREADABLE:
                reason = f"its post {old.name} has broken front matter: fix it to publish the story"
            outcomes.append(Outcome(key, status, reason, old.shown))
            continue
        try:
            if data is None:
                with open(path, "rb") as fh:
                    data = fh.read()
        except OSError as exc:
            outcomes.append(Outcome(key, "skipped", f"cannot be read: {exc.strerror or exc}"))
            continue
        if old and old.edited:
            saved = _save_conflict(settings, key, data)
            outcomes.append(
                Outcome(
                    key,
                    "conflict",
                    f"the wire text changed but the post was edited by hand; new text saved to {saved}",
                    old.shown,
                )
            )
            continue
        try:
            story = parse_bytes(data)
        except (DecodeError, ParseError) as exc:
            outcomes.append(Outcome(key, "skipped", str(exc)))
            continue
        pending.append(Pending(RawFile(Path(path), key, b"", sha), story, old))  # the bytes are not needed again
        md = cache.get(sha, fingerprint)
        if md is None:
            pool.add(key, story)
        else:
            cached[key] = md
    return pending, cached, fresh_index


def plan_posts(settings, pending: list[Pending], existing, committed, slugs_in_use, warnings) -> dict[str, PostPlan]:
    """Date, slug and story id of every pending post, decided in file order (so they do not
    depend on which stories the cache already knew), before any metadata is needed."""
    dates = {item.raw.key: story_date(item.raw, item.story, item.old, committed, warnings) for item in pending}
    story_ids = assign_story_ids(pending, dates, existing, warnings)
    plans: dict[str, PostPlan] = {}
    slug_of: dict[str, str] = {}
    for item in pending:
        raw, story, old = item.raw, item.story, item.old
        slug = old.slug if old else _new_slug(story.headline, raw.key, slugs_in_use)
        slugs_in_use.add(slug)
        story_id = old.story_id if old else story_ids.get(raw.key, slug)
        if story_id.startswith("new:"):  # a version of another story new in this run: use its slug
            story_id = slug_of.get(story_id[4:], slug)
        slug_of[raw.key] = slug
        target = old.path if old else settings.posts_dir / f"{slug}.md"
        plans[raw.key] = PostPlan(dates[raw.key], slug, story_id, target)
        for w in story.warnings:
            warnings.append(f"{raw.key}: {w}")
    return plans


def _write_posts(fingerprint, version, pending, plans, cached, pool, cache, post_index: dict) -> list[Outcome]:
    """Posts of the stories the cache knew first, then of each extracted batch as it arrives
    (each batch is cached at once, so an interrupted run keeps what it had extracted). The post
    index learns what was written, so the next run does not read those posts again."""
    by_key = {item.raw.key: item for item in pending}
    outcomes: list[Outcome] = []

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
        post_index[plan.target.name] = [
            [st.st_size, st.st_mtime_ns],
            {
                "wire_path": item.raw.key,
                "sha256": item.raw.sha256,
                "extractor": version,
                "slug": plan.slug,
                "date": plan.date.isoformat(),
                "edited": False,
                "story_id": plan.story_id,
                "place": dateline.places[0] if dateline and dateline.places else "",
            },
        ]

    for item in pending:
        if item.raw.key in cached:
            write(item, cached[item.raw.key])
    batch: list[tuple[str, str, Metadata]] = []
    for key, md in pool.results():
        item = by_key[key]
        if md is None:
            outcomes.append(Outcome(key, "skipped", "the extractor failed on this story (see the log)"))
            continue
        batch.append((item.raw.sha256, fingerprint, md))
        if len(batch) >= 64:
            cache.put_many(batch)
            batch = []
        write(item, md)
    cache.put_many(batch)
    return outcomes


def story_date(raw: RawFile, story: Story, old, committed, warnings: list[str] | None) -> datetime:
    """A post's date: kept once written; else dateline, first commit, or mtime (warned)."""
    if old and old.date:
        return old.date
    mtime = raw.path.stat().st_mtime
    when = committed.get(raw.key)
    resolved = resolve_date(story.dateline.date_text if story.dateline else None, reference_date(when, mtime))
    date, warning = choose_date(resolved, when, mtime)
    if warnings is not None:
        if story.dateline and story.dateline.date_text and resolved is None:
            warnings.append(
                f"{raw.key}: impossible date in the dateline ({story.dateline.date_text}); using the file's history"
            )
        if warning:
            warnings.append(f"{raw.key}: {warning}")
    return date


def assign_story_ids(pending: list[Pending], dates: dict, existing: dict, warnings) -> dict[str, str]:
    """Raw key → story id for new files that are re-sends (near duplicates) of a known story.

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
        return {}
    wanted: dict[str, list] = {}
    for _, place, date, _ in new:
        wanted.setdefault(place, []).append(date)
    index = CandidateIndex()
    for post in sorted(existing.values(), key=lambda p: p.name):
        if post.place in wanted and any(CandidateIndex.near(d, post.date) for d in wanted[post.place]):
            try:
                _, body = split_post(post.path.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, FrontMatterError):
                continue
            index.add(post.story_id, post.place, post.date, shingles(body))
    ids: dict[str, str] = {}
    for raw, place, date, story in new:
        text = shingles(story.body)
        found = index.find(place, date, text)
        if found:
            ids[raw.key] = found
            of = found[4:] if found.startswith("new:") else f"story {found}"
            warnings.append(f"{raw.key}: a new version of {of}; the site shows the newest version")
        index.add(found or f"new:{raw.key}", place, date, text)
    return ids


def _new_slug(headline: str, key: str, taken: set[str]) -> str:
    """Slug from the headline; a second story with that headline gets a suffix from its file path,
    so the slug does not depend on the order files are found in."""
    slug = slugify(headline)
    if slug not in taken and not slug.isdigit():
        return slug
    return f"{slug}-{hashlib.sha1(key.encode()).hexdigest()[:6]}"


def _remove_orphans(settings, existing: dict, present: set[str], outcomes, post_index: dict) -> list[Outcome]:
    removed: list[Outcome] = []
    gone = existing.keys() - present
    if not gone:
        return removed
    gone -= {o.source for o in outcomes}
    for key in sorted(gone):
        post = existing[key]
        if post.edited:
            removed.append(
                Outcome(key, "kept", "raw wire file is gone but the post was edited by hand: kept", post.shown)
            )
            continue
        post.path.unlink(missing_ok=True)
        post_index.pop(post.name, None)
        removed.append(Outcome(key, "removed", "raw wire file is gone", post.shown))
    return removed


def _save_conflict(settings: IngestSettings, key: str, data: bytes) -> str:
    folder = settings.conflicts_dir or (settings.root / ".cache" / "conflicts")
    target = folder / (key.replace("/", "__"))
    write_if_changed(target, data.decode("utf-8", errors="replace"))
    return target.as_posix()
