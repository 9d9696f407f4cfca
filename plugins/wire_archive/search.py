"""The search index in parts: which stories each part of the Pagefind index holds.

Pagefind holds a whole index in memory (about 165 KiB a page) and cannot update one, so the
listed stories, oldest first, are split into parts: full parts of ``SEARCH_SHARD_SIZE`` stories,
then the newest stories in small parts of ``SEARCH_TAIL_SIZE``. A new story changes only the
last small part (a few hundred pages to index again); once the small parts add up to a full
one they are replaced by it. Memory stays bounded by one full part whatever the archive's size,
and the search page merges the parts (``wire_search``, ``themes/wire/static/js/search.js``).
"""

from __future__ import annotations

from .model import SiteModel
from .render import fingerprint


def part_ranges(count: int, size: int, tail: int) -> list[tuple[int, int, int]]:
    """(start, end, capacity) of each part over ``count`` stories in time order."""
    size, tail = max(1, size), max(1, min(tail, size))
    full = count // size
    parts = [(i * size, (i + 1) * size, size) for i in range(full)]
    start = full * size
    while start < count:
        parts.append((start, min(start + tail, count), tail))
        start += tail
    return parts


def search_parts(model: SiteModel, save_as, glob: int, size: int, tail: int) -> list[tuple[str, int, list[str]]]:
    """(name, fingerprint, page paths) of every index part, oldest first. A part's fingerprint
    covers what Pagefind reads of its pages: each story (its uid) and the slugs it links to."""
    chronological = model.listed[::-1]
    parts = []
    for start, end, capacity in part_ranges(len(chronological), size, tail):
        stories = chronological[start:end]
        fp = fingerprint(glob, tuple((p.uid, model.link_ids(p)) for p in stories))
        parts.append((f"{start:07d}-{capacity}", fp, [save_as(p) for p in stories]))
    return parts
