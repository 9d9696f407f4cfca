"""Near-duplicate re-sends: a "write-through" of a story changes a few paragraphs and is sent as a
new file. It is recognised by word 4-gram overlap (Jaccard) with a story from the same dateline
place within a few days, and gets the same story id, so the site shows the newest version and
keeps the older ones as earlier versions."""

from __future__ import annotations

import re
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
    words = _WORD.findall(text.lower())
    if len(words) < SHINGLE:
        return frozenset({" ".join(words)}) if words else frozenset()
    return frozenset(hash(tuple(words[i : i + SHINGLE])) for i in range(len(words) - SHINGLE + 1))


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
