"""Near-duplicate re-sends: a "write-through" of a story changes a few paragraphs and is sent as a
new file. It is recognised by word 4-gram overlap (Jaccard) with a story from the same dateline
place within a few days, and gets the same story id, so the site shows the newest version and
keeps the older ones as earlier versions."""

from __future__ import annotations

import bisect
import re
from array import array
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

SHINGLE = 4
SAME_STORY = 0.5  # Jaccard of 4-gram sets; a rewritten lead keeps well above, a new story well below
WINDOW_DAYS = 3
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Candidate:
    story_id: str
    place: str
    date: datetime | None
    shingles: frozenset


def shingles(text: str) -> frozenset:
    """Hashes (ints) of the text's word 4-grams; a text of fewer words is one shingle."""
    words = _WORD.findall(text.lower())
    if len(words) < SHINGLE:
        return frozenset({hash(tuple(words))}) if words else frozenset()
    return frozenset(hash(tuple(words[i : i + SHINGLE])) for i in range(len(words) - SHINGLE + 1))


def _packed(text_shingles: frozenset) -> array:
    """8 bytes a shingle instead of about 70 in a frozenset of ints: the index of a first ingest
    holds every new story's shingles (20,000 stories: about 70 MiB instead of 600)."""
    return array("q", text_shingles)


def similarity(a: frozenset, b: frozenset) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def find_version_of(
    place: str, date: datetime | None, text_shingles: frozenset, candidates: list[Candidate]
) -> str | None:
    """The story id this text is a new version of, or None."""
    best, best_score = None, SAME_STORY
    for c in candidates:
        if c.place != place:
            continue
        if date and c.date and abs((date - c.date).total_seconds()) > WINDOW_DAYS * 86400:
            continue
        score = similarity(text_shingles, c.shingles)
        if score >= best_score:
            best, best_score = c.story_id, score
    return best


class CandidateIndex:
    """Candidates by dateline place and date, so that finding the story a new text is a version
    of compares it only with stories of its place inside the window, not with the archive
    (``find_version_of`` over every candidate made the first ingest of 20,000 stories quadratic).
    Same answers as ``find_version_of`` over the candidates in the order they were added.
    Shingles are kept packed and made sets again only for the candidates of a search."""

    def __init__(self) -> None:
        self._dated: dict[str, list[tuple[float, int, tuple]]] = defaultdict(list)
        self._undated: dict[str, list[tuple[int, tuple]]] = defaultdict(list)
        self._seq = 0

    def add(self, story_id: str, place: str, date: datetime | None, text_shingles: frozenset) -> None:
        candidate = (story_id, place, date, _packed(text_shingles))
        self._seq += 1
        if date is None:
            self._undated[place].append((self._seq, candidate))
        else:
            bisect.insort(self._dated[place], (date.timestamp(), self._seq, candidate), key=lambda t: t[:2])

    def find(self, place: str, date: datetime | None, text_shingles: frozenset) -> str | None:
        dated = self._dated.get(place, [])
        if date is None:
            near = dated
        else:
            ts, window = date.timestamp(), WINDOW_DAYS * 86400
            lo = bisect.bisect_left(dated, ts - window, key=lambda t: t[0])
            hi = bisect.bisect_right(dated, ts + window, key=lambda t: t[0])
            near = dated[lo:hi]
        ordered = sorted([(seq, c) for _, seq, c in near] + self._undated.get(place, []), key=lambda t: t[0])
        candidates = [Candidate(sid, p, d, frozenset(packed)) for _, (sid, p, d, packed) in ordered]
        return find_version_of(place, date, text_shingles, candidates)

    @staticmethod
    def near(a: datetime | None, b: datetime | None) -> bool:
        """Could stories dated ``a`` and ``b`` be versions of each other?"""
        return a is None or b is None or abs((a - b).total_seconds()) <= WINDOW_DAYS * 86400
