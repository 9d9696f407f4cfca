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
    seen_sha: dict[str, str] = {}
    pending: list[tuple[RawFile, Story, ExistingPost | None]] = []
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
    for path in paths:
        key = _key(settings.root, path)
        try:
            data = path.read_bytes()
        except OSError as exc:
            outcomes.append(Outcome(key, "skipped", f"cannot be read: {exc.strerror or exc}"))
            continue
        sha = hashlib.sha256(data).hexdigest()
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
        pending.append((RawFile(path, key, data, sha), story, old))
    story_ids = assign_story_ids(pending, existing, committed, warnings)
    if pending:
        if extractor is None:
            from .extract import load_extractor

            extractor = load_extractor(overrides)
        outcomes.extend(_extract_and_write(settings, extractor, pending, committed, slugs_in_use, warnings, story_ids))
    outcomes.extend(_remove_orphans(settings, existing, {_key(settings.root, p) for p in paths}, outcomes))
    return Report(outcomes=tuple(sorted(outcomes, key=lambda o: o.source)), warnings=tuple(warnings))


def _extract_and_write(settings, extractor, pending, committed, slugs_in_use, warnings, story_ids) -> list[Outcome]:
    from .extract import extract_parallel

    cache = ExtractionCache(settings.cache_path)
    outcomes: list[Outcome] = []
    try:
        metadata: list[Metadata | None] = [cache.get(raw.sha256, extractor.fingerprint) for raw, _, _ in pending]
        missing = [i for i, md in enumerate(metadata) if md is None]
        if missing:
            try:
                fresh = extract_parallel([pending[i][1] for i in missing], extractor, workers=settings.n_process)
            except Exception:  # noqa: BLE001 - one bad story must not stop the archive
                log.exception("extraction of a batch failed; retrying story by story")
                fresh = [_extract_alone(pending[i][1], extractor) for i in missing]
            for i, md in zip(missing, fresh, strict=True):
                metadata[i] = md
            cache.put_many([(pending[i][0].sha256, extractor.fingerprint, metadata[i]) for i in missing if metadata[i]])
        for (raw, story, old), md in zip(pending, metadata, strict=True):
            if md is None:
                outcomes.append(Outcome(raw.key, "skipped", "the extractor failed on this story (see the log)"))
                continue
            try:
                outcomes.append(
                    _write_one(settings, extractor, raw, story, old, md, committed, slugs_in_use, warnings, story_ids)
                )
            except OSError as exc:
                outcomes.append(Outcome(raw.key, "skipped", f"post could not be written: {exc}"))
    finally:
        cache.close()
    return outcomes


def _extract_alone(story: Story, extractor) -> Metadata | None:
    from .extract import extract_many

    try:
        return extract_many([story], extractor)[0]
    except Exception:  # noqa: BLE001
        log.exception("extraction failed for %r", story.headline[:80])
        return None


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


def assign_story_ids(pending, existing: dict[str, ExistingPost], committed, warnings) -> dict[str, str]:
    """Raw key → story id for new files that are re-sends (near duplicates) of a known story."""
    from .versions import Candidate, find_version_of, shingles

    new = [(raw, story) for raw, story, old in pending if old is None]
    if not new:
        return {}
    places = {story.dateline.places[0] for _, story in new if story.dateline and story.dateline.places}
    candidates: list[Candidate] = []
    for post in existing.values():
        if post.place in places and post.path.exists():
            try:
                _, body = split_post(post.path.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, FrontMatterError):
                continue
            candidates.append(Candidate(post.story_id, post.place, post.date, shingles(body)))
    ids: dict[str, str] = {}
    for raw, story in new:
        place = story.dateline.places[0] if story.dateline and story.dateline.places else ""
        if not place:
            continue
        date = story_date(raw, story, None, committed, None)
        text = shingles(story.body)
        found = find_version_of(place, date, text, candidates)
        if found:
            ids[raw.key] = found
            of = found[4:] if found.startswith("new:") else f"story {found}"
            warnings.append(f"{raw.key}: a new version of {of}; the site shows the newest version")
        candidates.append(Candidate(found or f"new:{raw.key}", place, date, text))
    return ids


def _write_one(
    settings, extractor, raw: RawFile, story: Story, old, md, committed, slugs_in_use, warnings, story_ids
) -> Outcome:
    date = story_date(raw, story, old, committed, warnings)
    slug = old.slug if old else _new_slug(story.headline, raw.key, slugs_in_use)
    slugs_in_use.add(slug)
    story_id = old.story_id if old else story_ids.get(raw.key, slug)
    if story_id.startswith("new:"):  # a version of another story new in this run: use its slug
        story_id = story_ids.get("slug-of:" + story_id[4:], slug)
    story_ids["slug-of:" + raw.key] = slug
    post = render_post(story, md, slug, date, WireRef(raw.key, raw.sha256, extractor.fingerprint), story_id=story_id)
    target = old.path if old else settings.posts_dir / f"{slug}.md"
    changed = write_if_changed(target, post.text)
    for w in story.warnings:
        warnings.append(f"{raw.key}: {w}")
    status = "new" if old is None else ("updated" if changed else "unchanged")
    return Outcome(raw.key, status, "", target.as_posix())


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
