"""The posts the ingest wrote before, as it needs to know them: which raw file each came from
(and its hash), with which extractor, its slug, date, story id and dateline place, and whether
an editor changed it; for a post from a structured item also the item's key in its file, its
guid, version and status (``by_guid``: the post of each guid, which its later versions update).

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
_CLAIMED_WIRE = re.compile(
    r"^wire:\n  path: (.+)\n  sha256: ([0-9a-f]{64})\n(?:  item: (.+)\n)?(?:  guid: (.+)\n)?", re.MULTILINE
)


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
    item: str = ""  # the item's key in a file of several; "" for a file of one story
    guid: str | None = None
    version: int | None = None
    status: str | None = None  # the agency's: usable, withheld, canceled (None: plain text)

    @property
    def path(self) -> Path:
        return Path(self.folder, self.name)

    @property
    def source(self) -> str:
        """The raw file, and ``#key`` for an item of a file of several: how outcomes name it."""
        return f"{self.wire_path}#{self.item}" if self.item else self.wire_path

    @property
    def shown(self) -> str:
        """The post's path as the report prints it."""
        return f"{self.folder}/{self.name}"


class PostScan(NamedTuple):
    by_wire: dict[str, ExistingPost]  # source (raw-file key, ``#item`` for an item of several) → its post
    slugs: frozenset[str]  # every slug in use (posts the ingest does not manage included)
    broken: list[Outcome]  # posts that cannot be read, left untouched
    index: dict[str, list]  # the post index to keep: file name → [[size, mtime], row]
    by_guid: dict[str, ExistingPost]  # an item's guid → the post its versions update

    def by_file(self) -> dict[str, list[ExistingPost]]:
        """Raw-file key → the posts made from it (for a file that cannot be read at all: its
        posts are kept as they are)."""
        out: dict[str, list[ExistingPost]] = {}
        for post in self.by_wire.values():
            out.setdefault(post.wire_path, []).append(post)
        return out


def index_row(
    wire_path: str,
    sha256: str,
    extractor: str,
    slug: str,
    date: datetime | None,
    edited: bool,
    story_id: str,
    place: str,
    item: str = "",
    guid: str | None = None,
    version: int | None = None,
    status: str | None = None,
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
        "item": item,
        "guid": guid,
        "version": version,
        "status": status,
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
    wire = front.wire
    return index_row(
        wire.path, wire.sha256, wire.extractor, slug, front.date, is_edited(text), front.story or slug,
        places[0] if places else "", wire.item, wire.guid, wire.version, wire.status,
    )  # fmt: skip


def scan_posts(posts_dir: Path, remembered: dict | None = None) -> PostScan:
    """Existing generated posts by raw-file key, the slugs in use, the posts that cannot be read,
    and the post index to keep."""
    by_wire: dict[str, ExistingPost] = {}
    by_guid: dict[str, ExistingPost] = {}
    slugs: set[str] = set()
    broken: list[Outcome] = []
    fresh: dict[str, list] = {}
    if not posts_dir.is_dir():
        return PostScan(by_wire, frozenset(slugs), broken, fresh, by_guid)
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
                post = ExistingPost(
                    folder, name, claimed[0], claimed[1], UNREADABLE, name[:-3], None, edited=True,
                    item=claimed[2], guid=claimed[3] or None,
                )  # fmt: skip
                by_wire[post.source] = post
                if post.guid:
                    by_guid.setdefault(post.guid, post)
        elif found is not None:
            post = ExistingPost(
                folder, name, found["wire_path"], found["sha256"], found["extractor"], found["slug"],
                parse_date(found["date"]), found["edited"], found["story_id"], found["place"], found["item"],
                found["guid"], found["version"], found["status"],
            )  # fmt: skip
            slugs.add(post.slug)
            by_wire[post.source] = post
            if post.guid:
                other = by_guid.get(post.guid)
                if other is None or (other.version or 0, other.name) < (post.version or 0, post.name):
                    by_guid[post.guid] = post  # two posts of one guid (copied by hand?): the newest version's
    return PostScan(by_wire, frozenset(slugs), broken, fresh, by_guid)


def claimed_wire(path: Path) -> tuple[str, str, str, str] | None:
    """The raw file (and item key and guid) a post came from, read without YAML (for posts whose front
    matter is broken)."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    wire = _CLAIMED_WIRE.search(text)
    if not wire:
        return None
    unquote = lambda value: (value or "").strip().strip("'\"")  # noqa: E731
    return unquote(wire.group(1)), wire.group(2), unquote(wire.group(3)), unquote(wire.group(4))
