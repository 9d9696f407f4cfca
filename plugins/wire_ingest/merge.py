"""An item's own metadata over what the extractor found: the item is authoritative, the
extractor fills only what the item does not say, and a ``Provenance`` records which is which.

- topics: the item's Media Topics when it has any, each preceded by its top-level topic (a
  post's topic list starts with one); else the extractor's.
- countries: the item's (located country, then its places'; salience 1), then the extractor's.
- people, organisations: the item's (salience from its relevance, else 1), then the
  extractor's others; the extractor's mention count is kept for a name both have.
- places, keywords: the item's (located place first), then the extractor's others.

A name the extractor found is the item's when both have one key (``wire_core.entities.names``:
blind to capitals, brackets, possessives and legal suffixes) or one key is the other's last or
first words ("Reiche" and "Katherina Reiche"). The names the extractor refused stay recorded
(``Metadata.refused``), less those the item carries. Plain text (``meta`` None) passes through.

Who the people and organisations are is decided for the whole archive when the site is built
(``wire_archive.entities``): the item's names go into the post as it wrote them, like the
extractor's, and the editors' people and organisation sections apply to both there. Of the
editors' file, only what the extraction applies applies here: places pinned, topics renamed. The
merge runs after the extraction cache, on every post written, so this module is part of the post
writer's version (``planning.post_version``), not of the extraction fingerprint.
"""

from __future__ import annotations

from dataclasses import replace

from wire_core.entities.names import name_key
from wire_core.mediatopics import load_media_topics

from .geocodes import country_name
from .overrides import Overrides
from .records import (
    CarriedEntity,
    CountryTag,
    ItemMeta,
    Metadata,
    OrganizationTag,
    PersonTag,
    PlaceTag,
    Provenance,
    Story,
    TopicTag,
)


def merge_item_metadata(
    story: Story, meta: ItemMeta | None, extracted: Metadata, overrides: Overrides | None = None
) -> tuple[Metadata, Provenance]:
    if meta is None:
        return extracted, Provenance()
    meta = corrected(meta, overrides)
    countries = _countries(meta, extracted)
    people = _people(meta.people, extracted.people, meta.organizations + meta.places)
    organizations = _organizations(meta.organizations, extracted.organizations, meta.people + meta.places)
    places = _places(meta, extracted)
    topics = _topics(meta, overrides) or extracted.topics
    keywords = tuple(dict.fromkeys((*meta.keywords, *extracted.keywords)))
    carried = {
        (kind, e.name) for kind, found in (("person", meta.people), ("organization", meta.organizations)) for e in found
    }
    refused = tuple(r for r in extracted.refused if (r.kind, r.name) not in carried)
    merged = Metadata(countries, people, organizations, places, topics, keywords, refused)
    fields = [
        name
        for name, present in (
            ("title", True),
            ("date", meta.date is not None),
            ("dateline", story.dateline is not None),
            ("summary", story.standfirst is not None),
            ("byline", story.byline is not None),
            ("source", meta.provider is not None),
            ("language", meta.language is not None),
            ("topics", bool(meta.topics)),
        )
        if present
    ]
    values = (
        ("countries", meta.countries),
        ("people", tuple(p.name for p in people[: len(meta.people)])),
        ("organizations", tuple(o.name for o in organizations[: len(meta.organizations)])),
        ("places", tuple(p.name for p in places[: _item_place_count(meta)])),
        ("topics", tuple(t.code for t in topics) if meta.topics else ()),
        ("keywords", tuple(dict.fromkeys(meta.keywords))),
    )
    return merged, Provenance(fields=tuple(fields), values=tuple((k, v) for k, v in values if v))


def corrected(meta: ItemMeta, overrides: Overrides | None) -> ItemMeta:
    """The item's places with the editors' pins applied (people and organisations are the
    archive's to resolve, see the module's docstring)."""
    if overrides is None or overrides.digest == "none":
        return meta
    pins = overrides.place_pins
    located = meta.located
    if located is not None and located.name in pins:
        located = replace(located, country=pins[located.name])
    return replace(
        meta, places=tuple(replace(p, country=pins.get(p.name, p.country)) for p in meta.places), located=located
    )


def _same(a: str, b: str) -> bool:
    a, b = name_key(a).split(), name_key(b).split()
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    return bool(short) and (long[-len(short) :] == short or long[: len(short)] == short)


def _countries(meta: ItemMeta, extracted: Metadata) -> tuple[CountryTag, ...]:
    found = {c.code: c for c in extracted.countries}
    item = tuple(
        CountryTag(
            code,
            found[code].name if code in found else country_name(code),
            1.0,
            found[code].mentions if code in found else 0,
        )
        for code in meta.countries
    )
    return item + tuple(c for c in extracted.countries if c.code not in meta.countries)


def _people(carried: tuple[CarriedEntity, ...], extracted: tuple[PersonTag, ...], others) -> tuple[PersonTag, ...]:
    """The item's people, then the extractor's others, less any the item names as an
    organisation or place ("Havens" of "FNV Havens")."""
    out = [
        PersonTag(
            e.name,
            next((p.mentions for p in extracted if _same(p.name, e.name)), 0),
            e.relevance if e.relevance is not None else 1.0,
        )
        for e in carried
    ]
    return tuple(out) + tuple(p for p in extracted if not any(_same(p.name, e.name) for e in (*carried, *others)))


def _organizations(carried, extracted: tuple[OrganizationTag, ...], others) -> tuple[OrganizationTag, ...]:
    def matches(o: OrganizationTag, e: CarriedEntity) -> bool:
        return _same(o.name, e.name) or (o.acronym or "").casefold() == e.name.casefold()

    out = [OrganizationTag(e.name, next((o.mentions for o in extracted if matches(o, e)), 0)) for e in carried]
    return tuple(out) + tuple(o for o in extracted if not any(matches(o, e) for e in (*carried, *others)))


def _item_places(meta: ItemMeta) -> list[PlaceTag]:
    places: dict[str, PlaceTag] = {}
    located = [CarriedEntity(meta.located.name, meta.located.code, meta.located.country)] if meta.located else []
    for e in (*located, *meta.places):
        if e.name and e.name.casefold() not in places:
            places[e.name.casefold()] = PlaceTag(e.name, e.country)
    return list(places.values())


def _item_place_count(meta: ItemMeta) -> int:
    return len(_item_places(meta))


def _places(meta: ItemMeta, extracted: Metadata) -> tuple[PlaceTag, ...]:
    item = _item_places(meta)
    names = {p.name.casefold() for p in item}
    return tuple(item) + tuple(p for p in extracted.places if p.name.casefold() not in names)


def _topics(meta: ItemMeta, overrides: Overrides | None = None) -> tuple[TopicTag, ...]:
    media = load_media_topics()
    renamed = overrides.topic_labels if overrides is not None else {}
    codes: list[str] = []
    for topic in meta.topics:
        top = media.top_level(topic.code)
        for code in (top, topic.code):
            if code not in codes:
                codes.append(code)
    return tuple(
        TopicTag(code, renamed.get(code) or (media.get(code).label if media.get(code) else code), 1.0) for code in codes
    )
