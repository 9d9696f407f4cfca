"""Keywords: the content words a story leans on, headline first.

Deliberately simple (term frequency with a headline boost, entities and stop words removed):
the archive is organised by entities and topics; keywords only help search and summaries.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

_WORD = re.compile(r"[a-zà-ÿ][a-zà-ÿ\-]{3,}")
EXTRA_STOP = {
    "said", "says", "would", "could", "also", "told", "year", "years", "percent", "pct", "million",
    "billion", "reuters", "reuter", "week", "month", "last", "first", "new", "added", "including",
    "according", "officials", "official", "statement", "monday", "tuesday", "wednesday", "thursday",
    "friday", "saturday", "sunday", "today", "yesterday", "since", "while", "will", "mln", "dlrs",
    "cts", "shr", "three", "four", "five", "time", "well", "still", "many", "much", "made", "make",
}  # fmt: skip


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS | EXTRA_STOP)


def extract_keywords(headline: str, body: str, entity_words: set[str], limit: int = 8) -> tuple[str, ...]:
    stops = stop_words()
    counts: Counter = Counter()
    first: dict[str, int] = {}
    for weight, text in ((3, headline), (1, body)):
        for m in _WORD.finditer(text.lower()):
            word = m.group(0).strip("-")
            if word in stops or word in entity_words or len(word) < 4:
                continue
            counts[word] += weight
            first.setdefault(word, len(first))
    ranked = [w for w in sorted(counts, key=lambda w: (-counts[w], first[w])) if counts[w] >= 2]
    return tuple(ranked[:limit])
