"""Which stories each part of the search index holds.

Pagefind holds a whole index in memory while it builds it (about 100 KiB a story) and cannot
add to one, so the stories, oldest first, are indexed in parts: full parts of ``size`` stories,
then the newest stories in small parts of ``tail``. A new story changes only the last small
part (a few hundred pages to index again); once the small parts add up to a full one they are
replaced by it. Pagefind's memory stays bounded by one full part whatever the archive's size.

The search page does not load parts: it loads tiers, each a bundle merged from parts
(``merge.py``), newest first. The small parts together are the ``recent`` tier, merged again on
every new story (a few thousand stories at most). The full parts are grouped as the digits of a
skew-binary counter: each new full part is a group of one, and when three groups have the same
size the two oldest of them become one. The newest full group is always one part, so the first
two tiers the page searches hold at most two full parts of stories whatever the archive's size;
the number of tiers grows with the logarithm of the archive (7 at 100,000 stories), and a
group is merged again only when it grows, so each part is merged about log(n) times in all.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple


class Part(NamedTuple):
    name: str  # first story's position and capacity: "0004000-4000"
    fingerprint: int  # of what Pagefind reads of its pages
    pages: list[str]  # paths under the output folder, oldest first
    full: bool  # a full part (else one of the newest, small ones)


class Tier(NamedTuple):
    name: str  # its folder under the bundle: "recent", or the first story's position and count
    parts: list[Part]  # oldest first
    stories: int


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
        parts.append(Part(f"{start:07d}-{capacity}", fingerprint, [path for path, _ in chunk], capacity == size))
    return parts


def group_sizes(count: int) -> list[int]:
    """Sizes, oldest first, of the groups of ``count`` full parts (see above)."""
    sizes: list[int] = []
    for _ in range(count):
        sizes.append(1)
        merged = True
        while merged:
            merged = False
            for size in sorted(set(sizes)):
                at = [i for i, s in enumerate(sizes) if s == size]
                if len(at) >= 3:  # equal sizes are next to each other: sizes never grow newer
                    sizes[at[0] : at[0] + 2] = [2 * size]
                    merged = True
                    break
    return sizes


def plan_tiers(parts: list[Part]) -> list[Tier]:
    """The tiers over ``parts`` (oldest first), oldest first."""
    full = [p for p in parts if p.full]
    tiers, start = [], 0
    for size in group_sizes(len(full)):
        group = full[start : start + size]
        stories = sum(len(p.pages) for p in group)
        tiers.append(Tier(f"{group[0].name.split('-')[0]}-{stories}", group, stories))
        start += size
    recent = [p for p in parts if not p.full]
    if recent:
        tiers.append(Tier("recent", recent, sum(len(p.pages) for p in recent)))
    return tiers
