"""Which stories each part of the search index holds.

Pagefind holds a whole index in memory while it builds it (about 100 KiB a story) and cannot
add to one, so the stories, oldest first, are indexed in parts: full parts of ``size`` stories,
then the newest stories in small parts of ``tail``. A new story changes only the last small
part (a few hundred pages to index again); once the small parts add up to a full one they are
replaced by it. Pagefind's memory stays bounded by one full part whatever the archive's size;
``merge.py`` joins the parts into the one bundle the search page loads.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple


class Part(NamedTuple):
    name: str  # first story's position and capacity: "0004000-4000"
    fingerprint: int  # of what Pagefind reads of its pages
    pages: list[str]  # paths under the output folder, oldest first


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


def plan_parts(stories: Sequence[tuple[str, int]], size: int, tail: int, version: int = 0) -> list[Part]:
    """The parts over ``stories``: (page path, key of what the page shows Pagefind), oldest
    first, as the archive generator hands them. A part's fingerprint covers its stories' keys
    and ``version`` (a number standing for this plugin's format and Pagefind's version: Python's
    hash of a tuple of ints is the same in every process, so it can be kept between builds)."""
    parts = []
    for start, end, capacity in part_ranges(len(stories), size, tail):
        chunk = stories[start:end]
        fingerprint = hash((version, tuple(key for _, key in chunk)))
        parts.append(Part(f"{start:07d}-{capacity}", fingerprint, [path for path, _ in chunk]))
    return parts
