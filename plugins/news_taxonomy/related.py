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

    ``memo`` (kept between builds) holds each term's set hash and, per story, its uid, the key
    of its windows and its answer. A story whose own file and whose terms' sets of stories are
    unchanged keeps its answer without a look at its windows; for the others the key says
    whether a new story entered one of them."""
    memo = {} if memo is None else memo
    old_terms = memo.get("terms", {})
    old_stories = memo.get("stories", {})
    sets = {(kind, key): e.set_hash for kind, entries in model.entries.items() for key, e in entries.items()}
    changed = {ref for ref, h in sets.items() if old_terms.get(ref) != h}
    windows = _Windows(model)
    stories: dict[str, tuple] = {}
    related: dict[str, tuple[str, ...]] = {}
    order = None  # tie-breaks, made when a story needs ranking
    for post in model.listed:
        refs = refs_of(post)
        prev = old_stories.get(post.path)
        if prev is not None and prev[0] == post.uid and not any(r in changed for r in refs):
            stories[post.path] = prev
            related[post.path] = prev[2]
            continue
        places = [(ref, windows.span(ref, post.path)) for ref in refs]
        key = hash((post.uid, *(windows.key(ref, span) for ref, span in places)))
        if prev is not None and prev[0] == post.uid and prev[1] == key:
            answer = prev[2]
        else:
            if order is None:
                order = {p.path: (-p.timestamp, p.slug, p.path) for p in model.listed}
            answer = _rank(post.path, places, windows, order, limit)
        stories[post.path] = (post.uid, key, answer)
        related[post.path] = answer
    memo["terms"], memo["stories"] = sets, stories
    return related


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
