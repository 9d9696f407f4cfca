"""The ingest run: raw wire files → tagged posts, with a report of what happened to each file.

parse → extract (cached) → write, for every ``*.txt`` under the configured sources. A file that
cannot be processed is reported with its reason and the rest go on; an edited post is never
overwritten; a post whose raw file is gone is removed unless an editor changed it.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from .cache import ExtractionCache
from .dateline import resolve_date
from .dates import choose_date, first_commit_dates, reference_date
from .decode import DecodeError
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


@dataclass(frozen=True)
class Outcome:
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


@dataclass(frozen=True)
class ExistingPost:
    path: Path
    wire_path: str
    sha256: str
    extractor: str
    slug: str
    date: datetime | None
    edited: bool
    story_id: str = ""
    place: str = ""


@dataclass(frozen=True)
class RawFile:
    path: Path
    key: str  # path relative to the site root, posix
    data: bytes = field(repr=False)
    sha256: str = ""


def list_raw_files(settings: IngestSettings) -> tuple[list[Path], list[Outcome]]:
    files: list[Path] = []
    skipped: list[Outcome] = []
    for source in settings.sources:
        if not source.is_dir():
            continue
        base = source.resolve()
        for path in sorted(source.rglob("*.txt")):
            if path.is_symlink():
                target = path.resolve()
                if not str(target).startswith(str(base) + os.sep):
                    skipped.append(
                        Outcome(_key(settings.root, path), "skipped", "symbolic link pointing outside the wire folder")
                    )
                    continue
            if not path.is_file():
                skipped.append(Outcome(_key(settings.root, path), "skipped", "not a regular file"))
                continue
            files.append(path)
    return files, skipped


def _key(root: Path, path: Path) -> str:
    try:
        return path.absolute().relative_to(root.absolute()).as_posix()
    except ValueError:
        return path.as_posix()


def scan_posts(
    posts_dir: Path, index_path: Path | None = None
) -> tuple[dict[str, ExistingPost], set[str], list[Outcome]]:
    """Existing generated posts by raw-file key; every slug in use; posts that cannot be read.

    With ``index_path``, what was read from each post is remembered with its size and mtime, so
    an unchanged archive of tens of thousands of posts is scanned with one ``stat`` per post."""
    by_wire: dict[str, ExistingPost] = {}
    slugs: set[str] = set()
    broken: list[Outcome] = []
    if not posts_dir.is_dir():
        return by_wire, slugs, broken
    for leftover in posts_dir.glob(".tmp-*.part"):
        leftover.unlink(missing_ok=True)  # from a run that was killed mid-write
    remembered = _load_index(index_path)
    fresh: dict[str, list] = {}
    for path in sorted(posts_dir.glob("*.md")):
        slugs.add(path.stem)
        try:
            st = path.stat()
        except OSError:
            continue
        stamp = [st.st_size, st.st_mtime_ns]
        row = remembered.get(path.name)
        if row is None or row[0] != stamp:
            row = [stamp, _read_post(path)]
        fresh[path.name] = row
        found = row[1]
        if isinstance(found, str):
            broken.append(Outcome(path.as_posix(), "kept", f"post cannot be read, left untouched: {found}"))
            claimed = _claimed_wire(path)
            if claimed:  # still the editor's version of that wire story: never write a second post
                by_wire[claimed[0]] = ExistingPost(
                    path, claimed[0], claimed[1], UNREADABLE, path.stem, None, edited=True
                )
        elif found is not None:
            post = ExistingPost(
                path=path, date=_as_datetime(found["date"]), **{k: v for k, v in found.items() if k != "date"}
            )
            slugs.add(post.slug)
            by_wire[post.wire_path] = post
    _save_index(index_path, fresh)
    return by_wire, slugs, broken


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


def _load_index(path: Path | None) -> dict:
    if path is None:
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def _save_index(path: Path | None, rows: dict) -> None:
    if path is None:
        return
    try:
        write_if_changed(path, json.dumps(rows, ensure_ascii=False, separators=(",", ":"), sort_keys=True))
    except OSError as exc:
        log.warning("could not save the post index %s: %s", path, exc)


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
    paths, outcomes = list_raw_files(settings)
    index_path = settings.cache_path.with_name("posts-index.json") if settings.cache_path else None
    existing, slugs_in_use, broken = scan_posts(settings.posts_dir, index_path)
    outcomes.extend(broken)
    warnings: list[str] = []
    committed = first_commit_dates(settings.root, list(settings.sources))
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
    from .extract import ExtractionPool

    cache = ExtractionCache(settings.cache_path)
    # stories the cache does not know go to the extraction workers as soon as they are parsed
    pool = ExtractionPool(overrides, workers=settings.n_process, extractor=extractor)
    try:
        pending, cached = _parse_changed(settings, paths, existing, fingerprint, committed, cache, pool, outcomes)
        plans = plan_posts(settings, pending, existing, committed, slugs_in_use, warnings)
        written = _write_posts(settings, fingerprint, pending, plans, cached, pool, cache, warnings)
        outcomes.extend(written)
    finally:
        pool.close()
        cache.close()
    outcomes.extend(_remove_orphans(settings, existing, {_key(settings.root, p) for p in paths}, outcomes))
    return Report(outcomes=tuple(sorted(outcomes, key=lambda o: o.source)), warnings=tuple(warnings))


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


def _parse_changed(settings, paths, existing, fingerprint, committed, cache, pool, outcomes) -> tuple[list, dict]:
    """Every raw file that needs a post written: read, hashed (or its hash remembered by size
    and mtime), checked against its post, parsed. Returns the pending stories and the metadata
    the cache already had; the others are handed to ``pool``."""
    raw_index_path = settings.cache_path.with_name("raw-index.json") if settings.cache_path else None
    remembered = _load_index(raw_index_path)
    fresh_index: dict[str, list] = {}
    seen_sha: dict[str, str] = {}
    pending: list[Pending] = []
    cached: dict[str, Metadata] = {}
    for path in paths:
        key = _key(settings.root, path)
        data = None
        try:
            st = path.stat()
            stamp = [st.st_size, st.st_mtime_ns, st.st_ino]
            row = remembered.get(key)
            if row and row[:3] == stamp:
                sha = row[3]
            else:
                data = path.read_bytes()
                sha = hashlib.sha256(data).hexdigest()
        except OSError as exc:
            outcomes.append(Outcome(key, "skipped", f"cannot be read: {exc.strerror or exc}"))
            continue
        fresh_index[key] = [*stamp, sha]
        if sha in seen_sha:
            outcomes.append(Outcome(key, "duplicate", f"same text as {seen_sha[sha]}: published once"))
            continue
        seen_sha[sha] = key
        old = existing.get(key)
        if old and old.sha256 == sha and (old.extractor == fingerprint or old.edited):
            status = "kept" if old.edited and old.extractor != fingerprint else "unchanged"
            reason = "edited by hand; not regenerated with the new extractor" if status == "kept" else ""
            if old.extractor == UNREADABLE:
                reason = f"its post {old.path.name} has broken front matter: fix it to publish the story"
            outcomes.append(Outcome(key, status, reason, old.path.as_posix()))
            continue
        try:
            data = data if data is not None else path.read_bytes()
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
                    old.path.as_posix(),
                )
            )
            continue
        try:
            story = parse_bytes(data)
        except (DecodeError, ParseError) as exc:
            outcomes.append(Outcome(key, "skipped", str(exc)))
            continue
        pending.append(Pending(RawFile(path, key, data, sha), story, old))
        md = cache.get(sha, fingerprint)
        if md is None:
            pool.add(key, story)
        else:
            cached[key] = md
    _save_index(raw_index_path, fresh_index)
    return pending, cached


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


def _write_posts(settings, fingerprint, pending, plans, cached, pool, cache, warnings) -> list[Outcome]:
    """Posts of the stories the cache knew first, then of each extracted batch as it arrives
    (each batch is cached at once, so an interrupted run keeps what it had extracted)."""
    by_key = {item.raw.key: item for item in pending}
    outcomes: list[Outcome] = []

    def write(item: Pending, md: Metadata) -> None:
        plan = plans[item.raw.key]
        wire = WireRef(item.raw.key, item.raw.sha256, fingerprint)
        post = render_post(item.story, md, plan.slug, plan.date, wire, story_id=plan.story_id)
        try:
            changed = write_if_changed(plan.target, post.text)
        except OSError as exc:
            outcomes.append(Outcome(item.raw.key, "skipped", f"post could not be written: {exc}"))
            return
        status = "new" if item.old is None else ("updated" if changed else "unchanged")
        outcomes.append(Outcome(item.raw.key, status, "", plan.target.as_posix()))

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
    for post in sorted(existing.values(), key=lambda p: p.path.name):
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


def _remove_orphans(settings, existing: dict[str, ExistingPost], present: set[str], outcomes) -> list[Outcome]:
    handled = {o.source for o in outcomes}
    removed: list[Outcome] = []
    for key, post in sorted(existing.items()):
        if key in present or key in handled:
            continue
        if post.edited:
            removed.append(
                Outcome(
                    key, "kept", "raw wire file is gone but the post was edited by hand: kept", post.path.as_posix()
                )
            )
            continue
        post.path.unlink(missing_ok=True)
        removed.append(Outcome(key, "removed", "raw wire file is gone", post.path.as_posix()))
    return removed


def _save_conflict(settings: IngestSettings, key: str, data: bytes) -> str:
    folder = settings.conflicts_dir or (settings.root / ".cache" / "conflicts")
    target = folder / (key.replace("/", "__"))
    write_if_changed(target, data.decode("utf-8", errors="replace"))
    return target.as_posix()
