"""Organisations: the model's ORG spans, cleaned, with acronyms merged.

"Tehrik-i-Taliban Pakistan (TTP)" defines TTP once; later "TTP" (and the model's broken
piece "Tehrik", split at the hyphens) count as the same organisation.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from .nlp import Span
from .records import OrganizationTag

_CONNECTOR = r"(?:of|for|the|and|on|de|du|des|la|le|del|i|al|el|&|in|to)"
_WORD = r"[A-ZÀ-Þ][\w’'\-&.]*"
_DEFINITION = re.compile(rf"((?:{_WORD}|{_CONNECTOR})(?:[ ](?:{_WORD}|{_CONNECTOR})){{0,9}})[ ]\(([A-Z][A-Za-z&.\-]{{1,9}})\)")
_ROLE_AFTER = re.compile(r"^\s+(?:Minister|Ministry|Secretary|Department|Committee)\b")
_LEADING = re.compile(r"^(?:the|The|a|an)\s+")
AGENCIES = {"Reuters", "Reuter", "AP", "AFP", "Xinhua", "dpa", "Web Desk", "APP", "PTI", "UPI", "IANS"}


@dataclass(frozen=True)
class Acronym:
    long: str
    short: str


def find_acronyms(text: str) -> tuple[Acronym, ...]:
    """Schwartz–Hearst style: the shortest capitalised run before ``(ABBR)`` whose words give
    ABBR's letters in order, starting with ABBR's first letter."""
    found: dict[str, Acronym] = {}
    for m in _DEFINITION.finditer(text):
        words, short = m.group(1).split(" "), m.group(2)
        letters = [c for c in short if c.isalpha()]
        for i in range(len(words) - 1, -1, -1):
            if re.fullmatch(_CONNECTOR, words[i]):
                continue
            candidate = words[i:]
            if candidate[0][0].upper() == letters[0].upper() and _letters_in_order(letters, " ".join(candidate)):
                long = " ".join(candidate)
                if long != short and short not in found:
                    found[short] = Acronym(long=long, short=short)
                break
    return tuple(found.values())


def _letters_in_order(letters: list[str], phrase: str) -> bool:
    capitals = [c for c in phrase if c.isupper()] or list(phrase)
    it = iter(c.upper() for c in capitals)
    return all(any(letter.upper() == c for c in it) for letter in letters)


def canonical_org(text: str) -> str:
    text = " ".join(text.split()).strip(" ,.;:\"“”()")
    text = _LEADING.sub("", text)
    return re.sub(r"['’]s$", "", text)


def extract_organizations(
    text: str,
    spans: tuple[Span, ...],
    is_place: Callable[[str], bool],
    person_tokens: set[str],
) -> tuple[OrganizationTag, ...]:
    acronyms = find_acronyms(text)
    by_short = {a.short: a for a in acronyms}
    counts: Counter = Counter()
    first: dict[str, int] = {}
    for span in spans:
        if span.label != "ORG":
            continue
        name = canonical_org(span.text)
        if not name or name in AGENCIES or is_place(name) or len(name) < 2 or len(name) > 80:
            continue
        if " " not in name and (_ROLE_AFTER.match(text[span.end :]) or name in person_tokens):
            continue  # "Defense" of "Defense Minister"; a surname the model called an ORG
        name = _merge(name, acronyms, by_short)
        counts[name] += 1
        first.setdefault(name, span.start)
    for acronym in acronyms:
        key = f"{acronym.long} ({acronym.short})"
        if is_place(acronym.long):
            continue
        uses = len(re.findall(rf"(?<![\w\-]){re.escape(acronym.short)}(?![\w\-])", text))
        uses += len(re.findall(rf"(?<![\w\-]){re.escape(acronym.long)}(?![\w\-])", text)) - 1
        counts[key] = max(counts[key], uses)
        first.setdefault(key, text.find(acronym.long))
    ranked = sorted(counts, key=lambda n: (-counts[n], first[n], n))
    return tuple(
        OrganizationTag(name=n, mentions=counts[n], acronym=_acronym_of(n, acronyms)) for n in ranked if counts[n] > 0
    )


def _merge(name: str, acronyms: tuple[Acronym, ...], by_short: dict[str, Acronym]) -> str:
    if name in by_short:
        a = by_short[name]
        return f"{a.long} ({a.short})"
    for a in acronyms:
        long_words = re.split(r"[ \-]", a.long)
        if name == a.long or name == f"{a.long} ({a.short})" or (len(name) > 3 and name in long_words):
            return f"{a.long} ({a.short})"
        if len(name) > 5 and a.long.startswith(name):
            return f"{a.long} ({a.short})"
    return name


def _acronym_of(name: str, acronyms: tuple[Acronym, ...]) -> str | None:
    for a in acronyms:
        if name == f"{a.long} ({a.short})":
            return a.short
    return None
