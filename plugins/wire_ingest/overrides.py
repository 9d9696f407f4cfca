"""Editors' archive-wide corrections, read from one YAML file (``content/entities.yaml``).

An editor fixes an entity once and every story follows on the next ingest: merge aliases,
declare that a name is not a person (or not an organisation), pin a place to a country,
rename a topic. See docs/editing.md for the format.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml

from .records import CountryTag, Metadata, OrganizationTag, PersonTag, PlaceTag, TopicTag


class OverridesError(ValueError):
    pass


@dataclass(frozen=True)
class Overrides:
    person_aliases: dict = field(default_factory=dict)
    not_people: frozenset = frozenset()
    organization_aliases: dict = field(default_factory=dict)
    not_organizations: frozenset = frozenset()
    place_pins: dict = field(default_factory=dict)  # place name -> ISO code
    topic_labels: dict = field(default_factory=dict)  # qcode -> label
    digest: str = "none"


def load_overrides(path: Path | None) -> Overrides:
    if path is None or not path.exists():
        return Overrides()
    raw = path.read_bytes()
    try:
        data = yaml.safe_load(raw) or {}
    except yaml.YAMLError as exc:
        raise OverridesError(f"{path}: not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise OverridesError(f"{path}: expected a mapping at the top level")
    people = _section(data, "people", path)
    orgs = _section(data, "organizations", path)
    places = _section(data, "places", path)
    topics = _section(data, "topics", path)
    return Overrides(
        person_aliases=_mapping(people.get("aliases"), path, "people.aliases"),
        not_people=frozenset(_names(people.get("not_people"), path, "people.not_people")),
        organization_aliases=_mapping(orgs.get("aliases"), path, "organizations.aliases"),
        not_organizations=frozenset(_names(orgs.get("not_organizations"), path, "organizations.not_organizations")),
        place_pins={k: v.upper() for k, v in _mapping(places.get("pin"), path, "places.pin").items()},
        topic_labels=_mapping(topics.get("rename"), path, "topics.rename"),
        digest=hashlib.sha256(raw).hexdigest()[:16],
    )


def _section(data: dict, key: str, path: Path) -> dict:
    value = data.get(key) or {}
    if not isinstance(value, dict):
        raise OverridesError(f"{path}: '{key}' must be a mapping")
    return value


def _mapping(value, path: Path, key: str) -> dict:
    value = value or {}
    if not isinstance(value, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
        raise OverridesError(f"{path}: '{key}' must map names to names")
    return dict(value)


def _names(value, path: Path, key: str) -> list:
    value = value or []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise OverridesError(f"{path}: '{key}' must be a list of names")
    return value


def apply_overrides(metadata: Metadata, overrides: Overrides, gazetteer) -> Metadata:
    """Apply the editors' corrections to one story's metadata (pins were applied at look-up)."""
    if overrides.digest == "none":
        return metadata
    people = _merge_people(metadata.people, overrides)
    organizations = _merge_orgs(metadata.organizations, overrides)
    places = tuple(replace(p, country=overrides.place_pins.get(p.name, p.country)) for p in metadata.places)
    topics = tuple(replace(t, label=overrides.topic_labels.get(t.code, t.label)) for t in metadata.topics)
    countries = tuple(
        replace(c, name=gazetteer.country_name(c.code)) if isinstance(c, CountryTag) else c for c in metadata.countries
    )
    return replace(
        metadata, people=people, organizations=organizations, places=places, topics=topics, countries=countries
    )


def _merge_people(people: tuple[PersonTag, ...], overrides: Overrides) -> tuple[PersonTag, ...]:
    merged: dict[str, PersonTag] = {}
    for person in people:
        name = overrides.person_aliases.get(person.name, person.name)
        if name in overrides.not_people or person.name in overrides.not_people:
            continue
        if name in merged:
            old = merged[name]
            merged[name] = PersonTag(name, old.mentions + person.mentions, max(old.salience, person.salience))
        else:
            merged[name] = replace(person, name=name)
    return tuple(merged.values())


def _merge_orgs(orgs: tuple[OrganizationTag, ...], overrides: Overrides) -> tuple[OrganizationTag, ...]:
    counts: Counter = Counter()
    acronyms: dict[str, str | None] = {}
    for org in orgs:
        name = overrides.organization_aliases.get(org.name, org.name)
        if name in overrides.not_organizations or org.name in overrides.not_organizations:
            continue
        counts[name] += org.mentions
        acronyms.setdefault(name, org.acronym)
    return tuple(OrganizationTag(n, counts[n], acronyms[n]) for n in counts)


__all__ = ["Overrides", "OverridesError", "PlaceTag", "TopicTag", "apply_overrides", "load_overrides"]
