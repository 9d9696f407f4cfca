"""Generic institutions: one page per country, named by the country the story places them in.

"The Finance Ministry", "the Treasury", "Parliament", "the Supreme Court" are not names of one
organisation: every country has one, and the wire writes them bare whenever the dateline or the
sentence says whose. The story tells which: "Japan's Finance Ministry", "the Japanese Finance
Ministry", "the Finance Ministry of Japan", else the dateline's country ("TOKYO - The Finance
Ministry said"). The tag becomes ``Finance Ministry (Japan)``; a story that does not say (no
qualifier, no dateline) tags none. "Ministry of Finance" is written as "Finance Ministry", so
both forms share the page. Named institutions ("Bank of Japan", "Bundesbank", "Department of
Trade and Industry (DTI)") are names already and are left alone.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from wire_core.entities.institutions import generic_name

from .records import OrganizationTag

# a capitalised run just before a mention: "Japan's ", "the West German ", "U.S. "
_BEFORE = re.compile(r"((?:[A-Z][\w.'’\-]*\s){0,2}[A-Z][\w.'’\-]*?)(?:['’]s)?\s$")
_AFTER = re.compile(r"^\s(?:[a-z]+\s)?(?:of|in)\s(?:the\s)?([A-Z][\w.'’\-]*(?:\s[A-Z][\w.'’\-]*){0,2})")
# "Treasury bills", "Treasury bond yields": the securities, not the institution
_INSTRUMENT = re.compile(
    r"^\s(?:bills?|bonds?|notes?|securities|yields?|issues?|debt|paper|market|prices?|auctions?|futures|"
    r"refunding|coupons?|curve|rally|strips)\b"
)
QUALIFIER_KINDS = ("country", "alias", "historic", "demonym")


@dataclass(frozen=True)
class Places:
    """What qualifying needs of the gazetteer: a country code for a qualifier ("Japanese",
    "West German", "U.S.", "Tokyo" after "in"), and a country's name."""

    country_of: Callable[[str, bool], str | None]  # (words, capitals allowed) → ISO code
    country_name: Callable[[str], str]
    readings: Callable[[str], tuple[str, ...]]  # a dateline place → the codes it may be in, likeliest first


def places_from(gazetteer) -> Places:
    def country_of(text: str, capitals: bool) -> str | None:
        kinds = (*QUALIFIER_KINDS, "capital") if capitals else QUALIFIER_KINDS
        for entry in gazetteer.lookup(text):
            if entry.kind in kinds:
                return entry.code
        return None

    def readings(place: str) -> tuple[str, ...]:
        codes = (e.code for e in gazetteer.lookup(place) if e.kind != "other")
        return tuple(dict.fromkeys(codes))

    return Places(country_of, gazetteer.country_name, readings)


NO_COUNTRY = "institution without a country"


def qualify_institutions(
    organizations: tuple[OrganizationTag, ...], text: str, home: str | None, places: Places, refused: list | None = None
) -> tuple[OrganizationTag, ...]:
    """Each generic institution of the story → ``Generic (Country)`` tags, or none (then added to
    ``refused`` as (name, reason))."""
    counts: Counter = Counter()
    acronyms: dict[str, str | None] = {}
    order: dict[str, int] = {}
    for org in organizations:
        parsed = generic_name(org.name) if org.acronym is None else None
        if parsed is None:
            found = {org.name: org.mentions}
        else:
            found = _countries_of(org, parsed, text, home, places)
            if not found and refused is not None:
                refused.append((org.name, NO_COUNTRY))
        for name, n in found.items():
            counts[name] += n
            acronyms.setdefault(name, org.acronym if name == org.name else None)
            order.setdefault(name, len(order))
    return tuple(OrganizationTag(n, counts[n], acronyms[n]) for n in sorted(counts, key=order.__getitem__))


def _countries_of(org, parsed, text: str, home: str | None, places: Places) -> dict[str, int]:
    qual, generic = parsed
    if qual is not None:  # "Japan's Finance Ministry"; "Ontario Finance Ministry" is a name of its own
        code = places.country_of(qual, False)
        return {f"{generic} ({places.country_name(code)})" if code else org.name: org.mentions}
    explicit: Counter = Counter()
    bare = seen = 0
    for m in re.finditer(rf"(?<![\w\-]){re.escape(org.name)}(?![\w\-])", text):
        seen += 1
        if _INSTRUMENT.match(text[m.end() : m.end() + 30]):
            continue  # "Treasury bills"
        code = _qualifier_before(text[max(0, m.start() - 40) : m.start()], places) or _qualifier_after(
            text[m.end() : m.end() + 40], places
        )
        if code:
            explicit[code] += 1
        else:
            bare += 1
    if bare:
        fallback = next(iter(explicit)) if len(explicit) == 1 else home
        if fallback:
            explicit[fallback] += bare
    if not seen and home:  # written otherwise in the text than in the tag
        explicit[home] += org.mentions
    return {f"{generic} ({places.country_name(code)})": n for code, n in explicit.items()}


def _qualifier_before(before: str, places: Places) -> str | None:
    m = _BEFORE.search(before)
    if m is None:
        return None
    run = m.group(1).split()
    for i in range(len(run)):  # the longest run of words ending at the mention: "West German"
        code = places.country_of(" ".join(run[i:]), False)
        if code:
            return code
    return None


def _qualifier_after(after: str, places: Places) -> str | None:
    m = _AFTER.match(after)
    if m is None:
        return None
    run = m.group(1).split()
    for j in range(len(run), 0, -1):
        code = places.country_of(" ".join(run[:j]), True)
        if code:
            return code
    return None
