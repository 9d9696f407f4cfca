"""Story → Metadata: the extraction stage, and the fingerprint that keys its cache.

The heavy part (spaCy's NER) runs over a batch of stories at once and, for large batches, on
both cores; everything after it is plain Python over frozen spans.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from wire_core import mediatopics, vocabularies
from wire_core.entities import institutions as generic_institutions
from wire_core.entities import names, nonentities

from . import nlp
from .countries import build_sections, extract_countries
from .gazetteer import Gazetteer, load_gazetteer
from .institutions import places_from
from .keywords import extract_keywords
from .organizations import extract_organizations
from .overrides import Overrides, apply_overrides
from .people import extract_people
from .records import Metadata, Refusal, Story
from .refine import home_country, refine_organizations, refine_people
from .topics import TopicVocabulary, classify_topics, load_vocabulary

EXTRACTOR_VERSION = "1"
PACKAGE = Path(__file__).parent
PLACE_KINDS_FOR_PEOPLE = ("country", "alias", "historic", "demonym", "capital", "city", "region", "metonym")


@dataclass(frozen=True)
class Extractor:
    gazetteer: Gazetteer
    vocabulary: TopicVocabulary
    overrides: Overrides
    fingerprint: str

    def is_place(self, name: str) -> bool:
        return any(e.kind in PLACE_KINDS_FOR_PEOPLE for e in self.gazetteer.lookup(name))

    def is_country(self, name: str) -> bool:
        """A country's or a region's name, not a city's: its team is a national or a state side
        ("England coach"), where a city's is a club ("Barcelona winger")."""
        return any(e.is_country_name or e.kind == "region" for e in self.gazetteer.lookup(name))


def load_extractor(overrides: Overrides | None = None) -> Extractor:
    overrides = overrides or Overrides()
    return Extractor(
        gazetteer=load_gazetteer(pins=overrides.place_pins),
        vocabulary=load_vocabulary(),
        overrides=overrides,
        fingerprint=compute_fingerprint(overrides),
    )


# the modules whose code shapes the metadata of a raw file (the cache's key); the ingest's
# bookkeeping (ingest.py, cache.py, write.py, ...) can change without extracting anything again
STAGES = (
    "decode", "parse", "dateline", "records", "gazetteer", "countries", "nlp", "lineups", "people",
    "organizations", "org_cues", "topics", "keywords", "overrides", "extract", "institutions", "refine",
    "formats", "safexml", "markup", "itemparts", "nitf", "newsml", "ninjs", "geocodes",
)  # fmt: skip
# what the stages use of the names knowledge shared with the archive (not the resolver: it runs
# when the site is built, and a change to it must not extract the archive again)
SHARED_STAGES = (names, nonentities, generic_institutions)


def compute_fingerprint(overrides: Overrides) -> str:
    """Changes whenever anything that shapes the extracted metadata changes: the stages' code,
    the data files, the model, the editors' corrections."""
    digest = hashlib.sha256(EXTRACTOR_VERSION.encode())
    paths = [PACKAGE / f"{name}.py" for name in STAGES] + sorted((PACKAGE / "data").glob("*.*"))
    paths += [Path(vocabularies.__file__), vocabularies.COUNTRIES, vocabularies.TOPICS]  # the shared vocabularies
    paths += [Path(module.__file__) for module in SHARED_STAGES]
    paths += [Path(mediatopics.__file__), mediatopics.DATA]  # items' subjects read by IPTC's table
    for path in paths:
        if path.suffix in (".py", ".tsv", ".yaml"):
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    digest.update(nlp.model_version().encode())
    digest.update(overrides.digest.encode())
    return f"v{EXTRACTOR_VERSION}-{digest.hexdigest()[:16]}"


def refusals(kept, refused: list[tuple[str, str]], kind: str) -> tuple[Refusal, ...]:
    """The names left out, once each, and not a name the story kept after all (a half of
    "Standard & Poor's" refused while the whole is tagged)."""
    taken = {tag.name for tag in kept}
    out: dict[str, Refusal] = {}
    for name, reason in refused:
        if name not in taken and name not in out:
            out[name] = Refusal(kind, name, reason)
    return tuple(out.values())


def extract_many(stories: list[Story], extractor: Extractor) -> list[Metadata]:
    sections = [build_sections(s) for s in stories]
    spans = nlp.find_entities([s.text for s in sections])
    return [
        _extract_one(story, sec, ents, extractor) for story, sec, ents in zip(stories, sections, spans, strict=True)
    ]


def _extract_one(story: Story, sections, spans, extractor: Extractor) -> Metadata:
    countries, places = extract_countries(story, extractor.gazetteer)
    people = extract_people(sections.text, spans, extractor.is_place, sections.headline_end, sections.lead_end)
    refused_people: list[tuple[str, str]] = []
    refused_orgs: list[tuple[str, str]] = []
    people = refine_people(people, sections.text, refused_people)
    person_tokens = {token for p in people for token in p.name.split(" ")}
    organizations = extract_organizations(sections.text, spans, extractor.is_place, person_tokens, extractor.is_country)
    where = places_from(extractor.gazetteer)
    home = home_country(story, countries, where)
    organizations = refine_organizations(organizations, sections.text, home, where, refused_orgs)
    topics = classify_topics(story.headline, story.body, extractor.vocabulary)
    entity_words = {w.lower() for tag in (*people, *organizations) for w in tag.name.split(" ")}
    entity_words |= {w.lower() for c in countries for w in c.name.split(" ")}
    keywords = extract_keywords(story.headline, story.body, entity_words)
    metadata = Metadata(
        countries=countries,
        people=people,
        organizations=organizations,
        places=places,
        topics=topics,
        keywords=keywords,
        refused=refusals(people, refused_people, "person") + refusals(organizations, refused_orgs, "organization"),
    )
    return apply_overrides(metadata, extractor.overrides, extractor.gazetteer)
