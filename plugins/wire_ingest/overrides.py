"""Editors' corrections the extraction applies, from ``content/entities.yaml``: a place pinned
to a country, a topic renamed. See docs/editing.md for the format.

The file's people and organisation sections (aliases, distinct names, refusals, names to keep)
are not the extraction's: the site applies them to the whole archive when it is built
(``wire_core.entities``), so editing them extracts nothing again. Only the sections read here
are in the extraction's fingerprint.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field, replace
from pathlib import Path

from wire_core.entities.editors import EntitiesFileError, load_file, name_map, section

from .records import CountryTag, Metadata, PlaceTag, TopicTag

OverridesError = EntitiesFileError


@dataclass(frozen=True)
class Overrides:
    place_pins: dict = field(default_factory=dict)  # place name -> ISO code
    topic_labels: dict = field(default_factory=dict)  # qcode -> label
    digest: str = "none"  # of the sections above only


def load_overrides(path: Path | None) -> Overrides:
    data = load_file(path)
    pins = {k: v.upper() for k, v in name_map(section(data, "places", path).get("pin"), path, "places.pin").items()}
    labels = name_map(section(data, "topics", path).get("rename"), path, "topics.rename")
    if not pins and not labels:
        return Overrides()
    used = json.dumps({"pin": pins, "rename": labels}, sort_keys=True, ensure_ascii=False)
    return Overrides(place_pins=pins, topic_labels=labels, digest=hashlib.sha256(used.encode()).hexdigest()[:16])


def apply_overrides(metadata: Metadata, overrides: Overrides, gazetteer) -> Metadata:
    """Apply the editors' corrections to one story's metadata (pins were applied at look-up)."""
    if overrides.digest == "none":
        return metadata
    places = tuple(replace(p, country=overrides.place_pins.get(p.name, p.country)) for p in metadata.places)
    topics = tuple(replace(t, label=overrides.topic_labels.get(t.code, t.label)) for t in metadata.topics)
    countries = tuple(
        replace(c, name=gazetteer.country_name(c.code)) if isinstance(c, CountryTag) else c for c in metadata.countries
    )
    return replace(metadata, places=places, topics=topics, countries=countries)


__all__ = ["Overrides", "OverridesError", "PlaceTag", "TopicTag", "apply_overrides", "load_overrides"]
