"""Related stories: the ones sharing the most entities with a story, then the most recent.

Rare terms say more than common ones (two stories sharing a minister are closer than two sharing
the United States), so a shared term counts by its kind and, in steps, by how rare it is. The
candidates are each term's stories nearest in time (a window of 60), which keeps the cost linear
in the archive and makes the answer local: it depends only on the story itself, the stories in
its windows and the rarity step of its terms. That is the memo key, so an incremental build
recomputes only the stories whose windows a new story entered.
"""

from __future__ import annotations

import heapq

from .model import SiteModel, refs_of

WEIGHT = {"person": 3.0, "organization": 2.0, "country": 1.0, "topic": 0.5}
WINDOW = 60  # per term, the stories nearest in time: enough to rank


def rarity_step(count: int) -> int:
    """1 + floor(log2(count)): a term's weight changes only when its count doubles."""
    return max(1, count).bit_length()


def compute_related(model: SiteModel, memo: dict | None = None, limit: int = 5) -> dict[str, tuple[str, ...]]:
    """Story path → paths of its related stories, best first.

    ``memo`` (kept between builds) holds each term's stories (set hash and uids, newest first)
    and, per story, its uid, the key of its windows and its answer. Where a term's list changed,
    only the stories within a window's reach of the change are looked at again (a new story
    enters the windows of the 60 stories around it, not of the thousands in "United States");
    their key then says whether their answer must be ranked again."""
    memo = {} if memo is None else memo
    old_terms = memo.get("terms", {})
    old_stories = memo.get("stories", {})
    terms: dict = {}
    dirty: set[str] = set()
    for kind, entries in model.entries.items():
        for key, entry in entries.items():
            ref = (kind, key)
            before = old_terms.get(ref)
            if before is not None and before[0] == entry.set_hash:
                terms[ref] = before
                continue
            uids = tuple(a.uid for a in entry.articles)
            terms[ref] = (entry.set_hash, uids)
            lo, hi = _reach(before[1] if before else None, uids)
            dirty.update(a.path for a in entry.articles[lo:hi])
    windows = _Windows(model)
    stories: dict[str, tuple] = {}
    related: dict[str, tuple[str, ...]] = {}
    order = None  # tie-breaks, made when a story needs ranking
    for post in model.listed:
        prev = old_stories.get(post.path)
        if prev is not None and prev[0] == post.uid and post.path not in dirty:
            stories[post.path] = prev
            related[post.path] = prev[2]
            continue
        places = [(ref, windows.span(ref, post.path)) for ref in refs_of(post)]
        key = hash((post.uid, *(windows.key(ref, span) for ref, span in places)))
        if prev is not None and prev[0] == post.uid and prev[1] == key:
            answer = prev[2]
        else:
            if order is None:
                order = {p.path: (-p.timestamp, p.slug, p.path) for p in model.listed}
            answer = _rank(post.path, places, windows, order, limit)
        stories[post.path] = (post.uid, key, answer)
        related[post.path] = answer
    memo["terms"], memo["stories"] = terms, stories
    return related


def _reach(old: tuple | None, new: tuple) -> tuple[int, int]:
    """The positions of ``new`` (a term's stories) whose windows may differ from ``old``'s:
    everything when the term is small or its rarity step changed, else the changed stretch
    between the common start and end, widened by a window on each side."""
    n = len(new)
    if old is None or n <= WINDOW or len(old) <= WINDOW or rarity_step(len(old)) != rarity_step(n):
        return 0, n
    shortest = min(len(old), n)
    start = 0
    while start < shortest and old[start] == new[start]:
        start += 1
    end = 0
    while end < shortest - start and old[-1 - end] == new[-1 - end]:
        end += 1
    return max(0, start - WINDOW), min(n, n - end + WINDOW)


class _Windows:
    """Each term's stories around a given story, made only for the terms that are looked at."""

    def __init__(self, model: SiteModel):
        self.model = model
        self._terms: dict = {}

    def _term(self, ref):
        found = self._terms.get(ref)
        if found is None:
            docs = self.model.entry(ref).articles
            paths = [a.path for a in docs]
            uids = [a.uid for a in docs]
            step = rarity_step(len(docs))
            whole = hash((step, *uids)) if len(docs) <= WINDOW else None  # one window for all
            at = {p: i for i, p in enumerate(paths)} if whole is None else None
            found = self._terms[ref] = (paths, uids, len(docs), step, whole, at, WEIGHT.get(ref[0], 1.0) / step)
        return found

    def span(self, ref, path: str) -> tuple[int, int]:
        paths, _, n, _, whole, at, _ = self._term(ref)
        if whole is not None:
            return 0, n
        lo = min(max(0, at[path] - WINDOW // 2), n - WINDOW)
        return lo, lo + WINDOW

    def key(self, ref, span) -> int:
        _, uids, _, step, whole, _, _ = self._term(ref)
        return whole if whole is not None else hash((step, *uids[span[0] : span[1]]))

    def stories(self, ref, span) -> tuple[list[str], float]:
        paths, _, _, _, _, _, weight = self._term(ref)
        return paths[span[0] : span[1]], weight


def _rank(path: str, places, windows: _Windows, order: dict, limit: int) -> tuple[str, ...]:
    """Most shared weight first; among equals the newest, then by slug."""
    scores: dict[str, float] = {}
    get = scores.get
    for ref, span in places:
        others, weight = windows.stories(ref, span)
        for other in others:
            scores[other] = get(other, 0.0) + weight
    scores.pop(path, None)
    if not scores:
        return ()
    rounded = {p: round(v, 6) for p, v in scores.items()}
    threshold = heapq.nlargest(limit, rounded.values())[-1]
    pool = [p for p, v in rounded.items() if v >= threshold]
    pool.sort(key=lambda p: (-rounded[p], order[p]))
    return tuple(pool[:limit])
