"""IPTC Media Topics for a story: a weighted keyword vocabulary matched in one Aho-Corasick pass.

The vocabulary (``wire_core/data/topics.yaml``, shared with the archive generator) lists the
17 IPTC top-level Media Topics and a set of sub-topics. Every topic has keywords (a word or
phrase and a weight); a sub-topic names its top-level ``parent`` and its evidence also counts
toward that parent.

Matching, per text zone (headline, first paragraph, rest of the body):

* the text is lower-cased and every run of characters that are not Unicode letters or digits is
  folded to one space, so a keyword can only match whole words (``strike`` never matches inside
  ``striker``, ``art`` never inside ``start``); keywords are folded the same way, so
  ``cease-fire`` matches "cease fire" and "cease-fire" alike;
* at one place in the text the longest keyword wins: "air strike" hides "strike",
  "european union" hides "union"; the file's ``ignore`` phrases ("state of the art", "at stake")
  win the same way but count for nothing;
* a regular plural is generated for every keyword (``election`` -> ``elections``) unless the
  plural is a keyword of its own;
* a keyword's hits are weighted by zone (headline x3, first paragraph x1.5, rest x1) and summed;
  the sum is damped (square root) so one word repeated twenty times in a long article does not
  outvote the rest, then multiplied by the keyword's weight.

Ranking: a top-level topic's evidence is its own plus its sub-topics', times the topic's
``prior`` (below 1 for subjects that are rarely the main one of a general wire story, such as
weather or religion). Scores are shares of all top-level evidence (0..1). The result is ordered
by score; a sub-topic's score never exceeds its parent's and ties go to the parent, so the first
entry is always a top-level topic and every sub-topic follows its parent. A top-level topic is
listed when it has at least 20% of the best one's evidence; a sub-topic only with enough evidence
of its own. When nothing matches at all, the vocabulary's fallback topic (politics) is returned
with score 0.

Pure Python: pyyaml and pyahocorasick only.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

import ahocorasick
import yaml
from wire_core.vocabularies import TOPICS, DuplicateKeyError, read_topics

from .records import TopicTag

HEADLINE_WEIGHT = 3.0
LEAD_WEIGHT = 1.5
BODY_WEIGHT = 1.0

TOP_MIN_RATIO = 0.2  # a top-level topic is listed when its evidence is >= 20% of the best one's
SUB_MIN_EVIDENCE = 4.0  # a sub-topic needs this much evidence of its own ...
SUB_MIN_SHARE = 0.15  # ... and this share of its parent's evidence

_QCODE = re.compile(r"^medtop:\d{8}$")
_NON_WORD = re.compile(r"[\W_]+")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n")


class VocabularyError(ValueError):
    """The topic vocabulary file is malformed."""


@dataclass(frozen=True)
class MediaTopic:
    code: str  # "medtop:NNNNNNNN"
    label: str
    parent: str | None  # top-level qcode for a sub-topic, None for a top-level topic
    keywords: Mapping[str, float] = field(hash=False)  # folded keyword -> weight (read-only view)
    prior: float = 1.0  # top-level only: multiplies the evidence of the topic and its sub-topics

    @property
    def is_top_level(self) -> bool:
        return self.parent is None

    def __reduce__(self):  # a mappingproxy cannot be pickled; rebuild it from a plain dict
        return _make_media_topic, (self.code, self.label, self.parent, dict(self.keywords), self.prior)


def _make_media_topic(
    code: str, label: str, parent: str | None, keywords: dict[str, float], prior: float
) -> MediaTopic:
    return MediaTopic(code, label, parent, MappingProxyType(keywords), prior)


@dataclass(frozen=True)
class TopicVocabulary:
    """A loaded vocabulary; build it with :func:`load_vocabulary`."""

    topics: tuple[MediaTopic, ...]
    fallback: str
    path: Path | None = None
    # keyword id -> ((topic index, weight), ...); the automaton maps " keyword " -> (id, length)
    _entries: tuple[tuple[tuple[int, float], ...], ...] = field(default=(), repr=False, compare=False)
    _top_index: tuple[int, ...] = field(default=(), repr=False, compare=False)
    _prior: tuple[float, ...] = field(default=(), repr=False, compare=False)  # by topic index
    _automaton: Any = field(default=None, repr=False, compare=False)

    def topic(self, code: str) -> MediaTopic:
        for t in self.topics:
            if t.code == code:
                return t
        raise KeyError(code)

    @property
    def top_level(self) -> tuple[MediaTopic, ...]:
        return tuple(t for t in self.topics if t.parent is None)

    @property
    def keyword_count(self) -> int:
        """Distinct keywords as written (generated plurals not counted)."""
        return len({k for t in self.topics for k in t.keywords})


# ---------------------------------------------------------------------------------------------
# loading


def fold(text: str) -> str:
    """Lower-case and fold every run of non-letters/digits to one space (no padding)."""
    return _NON_WORD.sub(" ", text.lower()).strip()


def _plural(folded: str) -> str | None:
    """Regular English plural of the last word, or None when no safe one exists."""
    head, _, last = folded.rpartition(" ")
    if len(last) < 3 or not last.isalpha() or last.endswith(("s", "ed")):
        return None
    if last.endswith(("x", "z", "ch", "sh")):
        last += "es"
    elif last.endswith("y") and last[-2] not in "aeiou":
        last = last[:-1] + "ies"
    else:
        last += "s"
    return f"{head} {last}" if head else last


def load_vocabulary(path: Path | str | None = None) -> TopicVocabulary:
    """Read and check a topics YAML file (default: the shared ``topics.yaml``) and build its
    automaton."""
    src = Path(path) if path is not None else TOPICS
    try:
        raw = read_topics(src)
    except (yaml.YAMLError, DuplicateKeyError) as exc:
        raise VocabularyError(f"{src}: {exc}") from exc
    return build_vocabulary(raw, src)


def build_vocabulary(raw: Any, path: Path | None = None) -> TopicVocabulary:
    """Check an already-parsed vocabulary document and build the matcher."""
    where = str(path) if path else "vocabulary"
    if not isinstance(raw, dict) or not isinstance(raw.get("topics"), list) or not raw["topics"]:
        raise VocabularyError(f"{where}: expected a mapping with a non-empty 'topics' list")

    topics: list[MediaTopic] = []
    codes: dict[str, int] = {}
    for i, item in enumerate(raw["topics"]):
        if not isinstance(item, dict):
            raise VocabularyError(f"{where}: topics[{i}] is not a mapping")
        code, label, parent = item.get("code"), item.get("label"), item.get("parent")
        if not isinstance(code, str) or not _QCODE.match(code):
            raise VocabularyError(f"{where}: topics[{i}]: code {code!r} is not medtop:NNNNNNNN")
        if code in codes:
            raise VocabularyError(f"{where}: duplicate topic {code}")
        if not isinstance(label, str) or not label.strip():
            raise VocabularyError(f"{where}: {code}: missing label")
        if parent is not None and (not isinstance(parent, str) or not _QCODE.match(parent)):
            raise VocabularyError(f"{where}: {code}: parent {parent!r} is not medtop:NNNNNNNN")
        kws = item.get("keywords") or {}
        if not isinstance(kws, dict):
            raise VocabularyError(f"{where}: {code}: keywords must be a mapping")
        folded: dict[str, float] = {}
        for k, w in kws.items():
            if not isinstance(k, str):
                raise VocabularyError(f"{where}: {code}: keyword {k!r} is not a string (quote it)")
            if isinstance(w, bool) or not isinstance(w, (int, float)) or not (0 < w <= 10):
                raise VocabularyError(f"{where}: {code}: weight of {k!r} must be a number in (0, 10]")
            fk = fold(k)
            if not fk:
                raise VocabularyError(f"{where}: {code}: keyword {k!r} has no letters or digits")
            if fk in folded:
                raise VocabularyError(f"{where}: {code}: keyword {k!r} duplicates another after folding")
            folded[fk] = float(w)
        prior = item.get("prior", 1.0)
        if isinstance(prior, bool) or not isinstance(prior, (int, float)) or not (0 < prior <= 2):
            raise VocabularyError(f"{where}: {code}: prior must be a number in (0, 2]")
        if parent is not None and "prior" in item:
            raise VocabularyError(f"{where}: {code}: only a top-level topic can have a prior")
        codes[code] = len(topics)
        topics.append(MediaTopic(code, label.strip(), parent, MappingProxyType(folded), float(prior)))

    for t in topics:
        if t.parent is not None:
            if t.parent not in codes:
                raise VocabularyError(f"{where}: {t.code}: unknown parent {t.parent}")
            if topics[codes[t.parent]].parent is not None:
                raise VocabularyError(f"{where}: {t.code}: parent {t.parent} is not a top-level topic")
    if not any(t.parent is None for t in topics):
        raise VocabularyError(f"{where}: no top-level topic")

    fallback = raw.get("fallback", "medtop:11000000")
    if fallback not in codes or topics[codes[fallback]].parent is not None:
        raise VocabularyError(f"{where}: fallback {fallback!r} is not a top-level topic of the file")

    # keyword (folded) -> {topic index: weight}; explicit entries first, then generated plurals
    table: dict[str, dict[int, float]] = {}
    for ti, t in enumerate(topics):
        for k, w in t.keywords.items():
            table.setdefault(k, {})[ti] = w
    plurals: dict[str, dict[int, float]] = {}
    for k, by_topic in table.items():
        p = _plural(k)
        if p is not None and p not in table:
            slot = plurals.setdefault(p, {})
            for ti, w in by_topic.items():
                slot[ti] = max(w, slot.get(ti, 0.0))
    table.update(plurals)

    ignore = raw.get("ignore") or []
    if not isinstance(ignore, list) or not all(isinstance(x, str) for x in ignore):
        raise VocabularyError(f"{where}: 'ignore' must be a list of phrases")
    for phrase in ignore:
        fp = fold(phrase)
        if not fp or fp in table and table[fp]:
            raise VocabularyError(f"{where}: ignore phrase {phrase!r} is empty or also a keyword")
        table[fp] = {}  # matched (so it hides the keywords inside it) but counts for nothing

    automaton = ahocorasick.Automaton()
    entries: list[tuple[tuple[int, float], ...]] = []
    for kid, (k, by_topic) in enumerate(sorted(table.items())):
        key = f" {k} "
        automaton.add_word(key, (kid, len(key)))
        entries.append(tuple(sorted(by_topic.items())))
    automaton.make_automaton()

    top_index = tuple(codes[t.parent] if t.parent is not None else i for i, t in enumerate(topics))
    return TopicVocabulary(
        topics=tuple(topics),
        fallback=fallback,
        path=path,
        _entries=tuple(entries),
        _top_index=top_index,
        _prior=tuple(topics[top_index[i]].prior for i in range(len(topics))),
        _automaton=automaton,
    )


# ---------------------------------------------------------------------------------------------
# classifying


def _split_lead(body: str) -> tuple[str, str]:
    """First paragraph and the rest. Paragraphs are split by blank lines; a body without blank
    lines but with line breaks (one paragraph a line) gives its first line."""
    body = body.strip()
    m = _PARAGRAPH_BREAK.search(body)
    if m:
        return body[: m.start()], body[m.end() :]
    first, _, rest = body.partition("\n")
    return first, rest


def _scan(automaton: Any, text: str, factor: float, acc: dict[int, float]) -> None:
    """Add ``factor`` to ``acc[keyword id]`` for each whole-word hit, longest match winning."""
    folded = " " + _NON_WORD.sub(" ", text.lower()) + " "
    kept: list[list[int]] = []  # [start, end, keyword id] of the inner (unpadded) spans
    for end, (kid, length) in automaton.iter(folded):
        start = end - length + 2
        stop = end - 1
        # drop earlier hits that this one contains (it is longer and ends later or equal)
        while kept and kept[-1][1] >= start and start <= kept[-1][0]:
            kept.pop()
        if kept and kept[-1][1] >= start:
            continue  # partial overlap with an earlier hit: keep the earlier one
        kept.append([start, stop, kid])
    for _, _, kid in kept:
        acc[kid] = acc.get(kid, 0.0) + factor


def _evidence(title: str, body: str, vocabulary: TopicVocabulary) -> dict[int, float]:
    """Non-zero evidence by topic index, prior applied, sub-topics not folded into parents."""
    lead, rest = _split_lead(body or "")
    zones = ((title or "", HEADLINE_WEIGHT), (lead, LEAD_WEIGHT), (rest, BODY_WEIGHT))
    acc: dict[int, float] = {}
    automaton = vocabulary._automaton
    for text, factor in zones:
        if text:
            _scan(automaton, text, factor, acc)
    evidence: dict[int, float] = {}
    entries, prior = vocabulary._entries, vocabulary._prior
    for kid, zoned in acc.items():
        damped = math.sqrt(zoned)
        for ti, w in entries[kid]:
            evidence[ti] = evidence.get(ti, 0.0) + w * damped * prior[ti]
    return evidence


def topic_evidence(title: str, body: str, vocabulary: TopicVocabulary) -> dict[str, float]:
    """Evidence by topic code (only topics with some), prior applied, for inspection and tests.
    A sub-topic's figure is its own; a top-level topic's is its own plus its sub-topics'."""
    topics, top_index = vocabulary.topics, vocabulary._top_index
    out: dict[str, float] = {}
    for i, ev in _evidence(title, body, vocabulary).items():
        out[topics[i].code] = out.get(topics[i].code, 0.0) + ev
        if top_index[i] != i:
            top = topics[top_index[i]].code
            out[top] = out.get(top, 0.0) + ev
    return out


def classify_topics(title: str, body: str, vocabulary: TopicVocabulary, limit: int = 5) -> tuple[TopicTag, ...]:
    """Rank IPTC Media Topics for a story, most likely first; never empty.

    The first entry is always a top-level topic. Scores are shares of all top-level evidence,
    non-increasing along the tuple; a sub-topic is listed only after its parent.
    """
    if limit < 1:
        raise ValueError("limit must be >= 1")
    topics, top_index = vocabulary.topics, vocabulary._top_index
    evidence = _evidence(title, body, vocabulary)
    totals: dict[int, float] = {}
    for i, ev in evidence.items():
        top = top_index[i]
        totals[top] = totals.get(top, 0.0) + ev
    grand = sum(totals.values())
    if grand <= 0.0:
        fb = vocabulary.topic(vocabulary.fallback)
        return (TopicTag(fb.code, fb.label, 0.0),)

    floor = TOP_MIN_RATIO * max(totals.values())
    ranked: list[tuple[float, int, str, int]] = [
        (round(total / grand, 4), 0, topics[i].code, i) for i, total in totals.items() if total >= floor
    ]
    kept = {r[3] for r in ranked}
    for i, ev in evidence.items():
        parent = top_index[i]
        if parent != i and parent in kept and ev >= SUB_MIN_EVIDENCE and ev >= SUB_MIN_SHARE * totals[parent]:
            ranked.append((round(ev / grand, 4), 1, topics[i].code, i))
    ranked.sort(key=lambda r: (-r[0], r[1], r[2]))
    return tuple(TopicTag(topics[i].code, topics[i].label, score) for score, _, _, i in ranked[:limit])
