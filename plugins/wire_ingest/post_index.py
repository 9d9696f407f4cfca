"""The posts the ingest wrote before, as it needs to know them: which raw file each came from
(and its hash), with which extractor, its slug, date, story id and dateline place, and whether
an editor changed it.

Reading the front matter of tens of thousands of posts on every run cost more than the run, so
what was read from each post is kept in the post index (``.cache/posts-index.pickle``) by file
name with its size and mtime: an unchanged archive costs one ``stat`` per post, and only posts
that changed are read again (with the one post reader, ``wire_core.front_matter``).
"""

from __future__ import annotations

import os
import re
from datetime import datetime
from pathlib import Path
from typing import NamedTuple

from wire_core.front_matter import parse_date, read_post
from wire_core.post_file import FrontMatterError, is_edited

from .report import Outcome

UNREADABLE = "unreadable"  # the extractor field of a post whose front matter cannot be parsed
_CLAIMED_WIRE = re.compile(r"^wire:\n  path: (.+)\n  sha256: ([0-9a-f]{64})$", re.MULTILINE)


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


class PostScan(NamedTuple):
    by_wire: dict[str, ExistingPost]  # raw-file key → its post
    slugs: frozenset[str]  # every slug in use (posts the ingest does not manage included)
    broken: list[Outcome]  # posts that cannot be read, left untouched
    index: dict[str, list]  # the post index to keep: file name → [[size, mtime], row]


def index_row(
    wire_path: str,
    sha256: str,
    extractor: str,
    slug: str,
    date: datetime | None,
    edited: bool,
    story_id: str,
    place: str,
) -> dict:
    """What the post index keeps of a post (plain data: it is pickled with the index)."""
    return {
        "wire_path": wire_path,
        "sha256": sha256,
        "extractor": extractor,
        "slug": slug,
        "date": date.isoformat() if date else None,
        "edited": edited,
        "story_id": story_id,
        "place": place,
    }


def read_index_row(path: Path) -> dict | str | None:
    """What the ingest needs from a post, an error message, or None (not ours: no ``wire``)."""
    try:
        text = path.read_text(encoding="utf-8")
        front, _ = read_post(text)
    except (OSError, UnicodeDecodeError, FrontMatterError) as exc:
        return str(exc)
    if front.wire is None:
        return None  # written by hand: not ours to manage
    slug = front.slug or path.stem
    places = front.dateline.places
    return index_row(
        front.wire.path, front.wire.sha256, front.wire.extractor, slug, front.date, is_edited(text),
        front.story or slug, places[0] if places else "",
    )  # fmt: skip


def scan_posts(posts_dir: Path, remembered: dict | None = None) -> PostScan:
    """Existing generated posts by raw-file key, the slugs in use, the posts that cannot be read,
    and the post index to keep."""
    by_wire: dict[str, ExistingPost] = {}
    slugs: set[str] = set()
    broken: list[Outcome] = []
    fresh: dict[str, list] = {}
    if not posts_dir.is_dir():
        return PostScan(by_wire, frozenset(slugs), broken, fresh)
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
            row = [stamp, read_index_row(posts_dir / name)]
        fresh[name] = row
        found = row[1]
        if isinstance(found, str):
            broken.append(Outcome(f"{folder}/{name}", "kept", f"post cannot be read, left untouched: {found}"))
            claimed = claimed_wire(posts_dir / name)
            if claimed:  # still the editor's version of that wire story: never write a second post
                by_wire[claimed[0]] = ExistingPost(
                    folder, name, claimed[0], claimed[1], UNREADABLE, name[:-3], None, edited=True
                )
        elif found is not None:
            post = ExistingPost(
                folder, name, found["wire_path"], found["sha256"], found["extractor"], found["slug"],
                parse_date(found["date"]), found["edited"], found["story_id"], found["place"],
            )  # fmt: skip
            slugs.add(post.slug)
            by_wire[post.wire_path] = post
    return PostScan(by_wire, frozenset(slugs), broken, fresh)


def claimed_wire(path: Path) -> tuple[str, str] | None:
    """The raw file a post came from, read without YAML (for posts whose front matter is broken)."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    wire = _CLAIMED_WIRE.search(text)
    return (wire.group(1).strip().strip("'\""), wire.group(2)) if wire else None
