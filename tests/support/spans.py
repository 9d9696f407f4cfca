"""Hand-made model spans for extractor tests: what spaCy might say about a fictional text."""

from __future__ import annotations

from wire_ingest.nlp import Span


def span(text: str, surface: str, label: str, nth: int = 0) -> Span:
    """The ``nth`` occurrence of ``surface`` in ``text`` as a span with this label."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    return Span(start, start + len(surface), surface, label)
