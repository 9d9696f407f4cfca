"""People: canonical full names from the model's PERSON spans.

Titles are stripped ("Defense Minister Khawaja Asif" → "Khawaja Asif"), places and
organisations that the model mistook for people are dropped, and surname-only mentions
("Asif said") are folded into the full name seen in the same story.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from functools import lru_cache

from .nlp import Span
from .records import PersonTag

EXTRA_TITLES = {
    "defense", "defence", "interior", "finance", "foreign", "economy", "trade", "energy", "health",
    "education", "justice", "home", "prime", "deputy", "acting", "former", "minister", "secretary",
    "president", "vice", "chancellor", "premier", "governor", "senator", "sen", "rep", "gen",
    "general", "colonel", "col", "lt", "captain", "capt", "commander", "chairman", "chairwoman",
    "chair", "chief", "executive", "ceo", "spokesman", "spokeswoman", "spokesperson", "coach",
    "manager", "striker", "midfielder", "defender", "goalkeeper", "captain", "skipper", "judge",
    "justice", "attorney", "prosecutor", "mr", "mrs", "ms", "miss", "dr", "prof", "professor",
    "sir", "dame", "lord", "lady", "king", "queen", "prince", "princess", "sheikh", "emir", "pope",
    "cardinal", "archbishop", "bishop", "rev", "father", "imam", "mullah", "ayatollah", "sheik",
    "ambassador", "envoy", "mayor", "leader", "opposition", "labour", "party", "treasury",
    "agriculture", "commerce", "transport", "labor", "information", "state", "army", "police",
    "officer", "inspector", "superintendent", "analyst", "economist", "director", "official",
    "president-elect", "chief executive", "mp", "mep", "congressman", "congresswoman", "speaker",
}  # fmt: skip
ORG_WORDS = {
    "inc", "corp", "corporation", "co", "ltd", "plc", "llc", "group", "bank", "party", "ministry",
    "council", "university", "club", "fc", "united", "city", "association", "committee", "agency",
    "institute", "foundation", "company", "fund", "union", "league", "board", "court", "house",
    "office", "department", "commission", "airlines", "motors", "holdings", "securities", "trust",
}  # fmt: skip
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_NAME_TOKEN = re.compile(r"^(?:[A-ZÀ-Þ][\w.’'\-]*|(?:de|da|del|della|der|den|di|dos|du|la|le|van|von|bin|ibn|al|el|ul|ould|y|e|zu)|[A-Z]\.)$")


@lru_cache(maxsize=1)
def title_words() -> frozenset[str]:
    from nameparser.config import CONSTANTS

    return frozenset(set(CONSTANTS.titles) | EXTRA_TITLES)


def canonical_name(text: str) -> str | None:
    """Strip titles, possessives and stray punctuation; None when it cannot be a person's name."""
    text = " ".join(text.replace("\n", " ").split()).strip(" ,.;:-–—\"“”'’()")
    text = _POSSESSIVE.sub("", text)
    tokens = text.split(" ")
    titles = title_words()
    while tokens and tokens[0].lower().strip(".") in titles and len(tokens) > 1:
        tokens = tokens[1:]
    if not tokens or len(tokens) > 5:
        return None
    if any(t.lower().strip(".") in ORG_WORDS for t in tokens):
        return None
    if not all(_NAME_TOKEN.match(t) for t in tokens) or not tokens[0][0].isupper():
        return None
    if any(ch.isdigit() for ch in text) or (len(tokens) == 1 and tokens[0].isupper() and len(tokens[0]) > 1):
        return None
    if tokens[-1].lower() in titles or len(tokens[-1]) < 2:
        return None
    return " ".join(tokens)


def extract_people(
    text: str,
    spans: tuple[Span, ...],
    is_place: Callable[[str], bool],
    headline_end: int,
    lead_end: int,
) -> tuple[PersonTag, ...]:
    """Fold PERSON spans into people with mention counts and a salience in 0..1."""
    mentions: list[tuple[int, str]] = []
    for span in spans:
        if span.label != "PERSON":
            continue
        name = canonical_name(span.text)
        if name and not is_place(name) and not _is_place_phrase(name, is_place):
            mentions.append((span.start, name))
    full_names = [name for _, name in mentions if " " in name]
    resolved: list[tuple[int, str]] = []
    for start, name in mentions:
        if " " not in name:
            name = _fold_single(name, start, mentions) or name
        resolved.append((start, name))
    counts: Counter = Counter(name for _, name in resolved)
    # the model often misses later surname-only mentions: count them in the text
    surnames = Counter(_surname(n) for n in counts if " " in n)
    for name in list(counts):
        if " " in name and surnames[_surname(name)] == 1:
            occurrences = len(re.findall(rf"(?<![\w\-]){re.escape(_surname(name))}(?![\w\-])", text))
            counts[name] = max(counts[name], occurrences)
    first = {}
    for start, name in resolved:
        first.setdefault(name, start)
    del full_names
    score = {}
    for name, n in counts.items():
        pos = first[name]
        bonus = 2.0 if pos < headline_end else (1.0 if pos < lead_end else 0.0)
        score[name] = n + bonus
    if not score:
        return ()
    top = max(score.values())
    people = [PersonTag(name=n, mentions=counts[n], salience=round(score[n] / top, 3)) for n in score]
    people.sort(key=lambda p: (-p.salience, first[p.name], p.name))
    return tuple(people)


def _surname(name: str) -> str:
    return name.split(" ")[-1]


def _fold_single(token: str, start: int, mentions: list[tuple[int, str]]) -> str | None:
    """The full name this one-word mention stands for: the one with that surname (or given name)."""
    candidates = [(s, n) for s, n in mentions if " " in n and token in n.split(" ")]
    if not candidates:
        return None
    by_surname = [(s, n) for s, n in candidates if _surname(n) == token] or candidates
    names = {n for _, n in by_surname}
    if len(names) == 1:
        return names.pop()
    before = [(s, n) for s, n in by_surname if s <= start]
    return (max(before) if before else min(by_surname))[1]


def _is_place_phrase(name: str, is_place: Callable[[str], bool]) -> bool:
    tokens = name.split(" ")
    return len(tokens) <= 2 and all(is_place(t) for t in tokens)
