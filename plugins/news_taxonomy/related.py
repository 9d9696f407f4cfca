"""Related stories: the ones sharing the most entities with an article, then the most recent.

Rare terms say more than common ones (two stories sharing a minister are closer than two
sharing the United States), so each shared term counts by its inverse frequency. Very common
terms are not used to find candidates, which keeps the cost linear in the archive size.
"""

from __future__ import annotations

import math
from collections import defaultdict

WEIGHT = {"person": 3.0, "organization": 2.0, "country": 1.0, "topic": 0.5}
MAX_POSTINGS = 60  # per term, the stories nearest in time: enough to rank, linear in archive size


def compute_related(articles: list, limit: int = 5) -> dict:
    postings: dict = defaultdict(list)
    for index, article in enumerate(articles):
        for term in _terms(article):
            postings[(term.kind, term.key)].append(index)
    n = len(articles) or 1
    related = {}
    for index, article in enumerate(articles):
        scores: dict[int, float] = defaultdict(float)
        for term in _terms(article):
            docs = postings[(term.kind, term.key)]
            if len(docs) > MAX_POSTINGS:
                docs = _nearest(docs, index, MAX_POSTINGS)
            weight = WEIGHT.get(term.kind, 1.0) * math.log(1 + n / len(postings[(term.kind, term.key)]))
            for other in docs:
                if other != index:
                    scores[other] += weight
        ranked = sorted(scores, key=lambda j: (-round(scores[j], 6), -articles[j].date.timestamp(), articles[j].slug))
        related[id(article)] = [articles[j] for j in ranked[:limit]]
    return related


def _terms(article) -> list:
    return [*article.countries, *article.people, *article.organizations, *article.topics]


def _nearest(docs: list[int], index: int, k: int) -> list[int]:
    """Postings are in article order (newest first): take the k around this article."""
    import bisect

    pos = bisect.bisect_left(docs, index)
    lo = max(0, pos - k // 2)
    return docs[lo : lo + k]
