"""Countries and places of a story, with a salience in 0..1.

Evidence comes from the gazetteer hits in the dateline, headline, lead and body. A surface
that can mean several places ("Georgia", "Santiago") is resolved by the other evidence of
the story, not by first match. Salience says how much the story is *about* a country:
≥ 0.5 makes it a tag, the rest are kept as "also mentioned".
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from .gazetteer import Entry, Gazetteer, Hit
from .records import CountryTag, PlaceTag, Story

# how much one mention of each kind says about its country
KIND_WEIGHT = {
    "country": 1.0, "alias": 1.0, "historic": 1.0, "demonym": 0.8, "metonym": 0.8,
    "capital": 0.8, "region": 0.7, "city": 0.7,
}  # fmt: skip
PLACE_KINDS = ("capital", "city", "region")


@dataclass(frozen=True)
class Sections:
    """Where the text of a story sits, so that a hit knows whether it is in the headline or lead."""

    text: str
    headline_end: int
    lead_end: int

    def section(self, offset: int) -> str:
        if offset < self.headline_end:
            return "headline"
        return "lead" if offset < self.lead_end else "body"


@dataclass(frozen=True)
class Resolved:
    hit: Hit
    entry: Entry
    section: str


def build_sections(story: Story) -> Sections:
    headline = story.headline + "\n\n"
    lead = story.paragraphs[0] if story.paragraphs else ""
    rest = "\n\n".join(story.paragraphs[1:])
    text = headline + lead + "\n\n" + rest
    return Sections(text=text, headline_end=len(headline), lead_end=len(headline) + len(lead))


def resolve_hits(hits: list[Hit], dateline_codes: set[str]) -> list[Resolved]:
    """Choose one reading per hit, preferring countries the rest of the story supports."""
    support: Counter = Counter(dateline_codes)
    for hit in hits:
        codes = {e.code for e in hit.entries}
        if len(codes) == 1:
            support[hit.entries[0].code] += KIND_WEIGHT.get(hit.entries[0].kind, 0.5)
    resolved = []
    for hit in hits:
        best = max(hit.entries, key=lambda e: (support[e.code] - (e.code not in support) * 0, _prior(e)))
        if support[best.code] == 0:
            best = max(hit.entries, key=_prior)
        resolved.append(Resolved(hit=hit, entry=best, section=""))
    return resolved


def _prior(entry: Entry) -> tuple:
    return (entry.is_country_name, entry.kind == "capital", entry.population)


def dateline_entries(story: Story, gazetteer: Gazetteer) -> list[Entry]:
    """The dateline's places looked up one by one; a qualifier (", Mo.") narrows the choice."""
    if story.dateline is None:
        return []
    qualifier_codes = set()
    if story.dateline.qualifier:
        for hit in gazetteer.find(story.dateline.qualifier):
            qualifier_codes.update(e.code for e in hit.entries)
    found = []
    for place in story.dateline.places:
        candidates = gazetteer.lookup(place)
        if not candidates:
            continue
        if qualifier_codes:
            narrowed = [e for e in candidates if e.code in qualifier_codes]
            candidates = tuple(narrowed) or candidates
        found.append(max(candidates, key=lambda e: (e.kind in PLACE_KINDS or e.is_country_name, _prior(e))))
    if not found and qualifier_codes and story.dateline.qualifier:
        hits = gazetteer.find(story.dateline.qualifier)
        found.extend(h.entries[0] for h in hits)
    return found


def extract_countries(story: Story, gazetteer: Gazetteer) -> tuple[tuple[CountryTag, ...], tuple[PlaceTag, ...]]:
    sections = build_sections(story)
    in_dateline = dateline_entries(story, gazetteer)
    hits = gazetteer.find(sections.text)
    resolved = resolve_hits(hits, {e.code for e in in_dateline})
    score: dict[str, float] = defaultdict(float)
    mentions: Counter = Counter()
    first_seen: dict[str, int] = {}
    for index, entry in enumerate(in_dateline):
        score[entry.code] += 3.0 if index == 0 else 1.5
        first_seen.setdefault(entry.code, -1)
    by_section: dict[str, Counter] = defaultdict(Counter)
    for item in resolved:
        code, weight = item.entry.code, KIND_WEIGHT.get(item.entry.kind, 0.5)
        section = sections.section(item.hit.start)
        by_section[code][section] += weight
        mentions[code] += 1
        first_seen.setdefault(code, item.hit.start)
    for code, counts in by_section.items():
        score[code] += 2.0 * min(counts["headline"], 2.0) + 1.5 * min(counts["lead"], 2.0) + min(counts["body"], 6.0) * 0.6
    if not score:
        return (), ()
    top = max(score.values())
    tags = [
        CountryTag(code=code, name=gazetteer.country_name(code), salience=round(value / top, 3), mentions=mentions[code])
        for code, value in score.items()
    ]
    tags.sort(key=lambda t: (-t.salience, first_seen.get(t.code, 1 << 30), t.code))
    places = collect_places(in_dateline, resolved)
    return tuple(tags), places


def collect_places(in_dateline: list[Entry], resolved: list[Resolved]) -> tuple[PlaceTag, ...]:
    counts: Counter = Counter()
    codes: dict[str, str] = {}
    order: dict[str, int] = {}
    for index, entry in enumerate(in_dateline):
        if entry.kind in PLACE_KINDS:
            counts[entry.place] += 1
            codes[entry.place] = entry.code
            order.setdefault(entry.place, -100 + index)
    for item in resolved:
        if item.entry.kind in PLACE_KINDS:
            counts[item.entry.place] += 1
            codes[item.entry.place] = item.entry.code
            order.setdefault(item.entry.place, item.hit.start)
    ranked = sorted(counts, key=lambda p: (order[p] >= 0, -counts[p], order[p]))
    return tuple(PlaceTag(name=p, country=codes[p], mentions=counts[p]) for p in ranked)
