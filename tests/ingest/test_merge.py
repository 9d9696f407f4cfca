"""An item's own metadata over the extractor's: authoritative where the item speaks, the
extractor filling the rest, and the provenance saying which is which."""

from __future__ import annotations

from wire_ingest.formats import read_items
from wire_ingest.merge import merge_item_metadata
from wire_ingest.records import (
    CarriedEntity,
    CountryTag,
    ItemMeta,
    ItemTopic,
    Located,
    Metadata,
    OrganizationTag,
    PersonTag,
    PlaceTag,
    Refusal,
    Story,
    TopicTag,
)

from tests.support.golden_formats import SPECIMENS

STORY = Story(headline="Dockers end strike", paragraphs=("Dock workers ended a strike.",))
EXTRACTED = Metadata(
    countries=(CountryTag("BE", "Belgium", 0.6, 2), CountryTag("NL", "Netherlands", 0.9, 4)),
    people=(PersonTag("Verhoeven", 3, 0.9), PersonTag("Havens", 1, 0.3), PersonTag("Joost Klein", 1, 0.2)),
    organizations=(
        OrganizationTag("Port of Antwerp", 1),
        OrganizationTag("Federatie Nederlandse Vakbeweging", 2, "FNV"),
    ),
    places=(PlaceTag("Antwerp", "BE"), PlaceTag("Rotterdam", "NL")),
    topics=(TopicTag("medtop:04000000", "economy, business and finance", 0.7),),
    keywords=("strike", "wages"),
)
META = ItemMeta(
    format="nitf",
    located=Located("Rotterdam", country="NL"),
    topics=(ItemTopic("medtop:20000523", "labour market", "medtop:20000523"),),
    people=(CarriedEntity("Ria Verhoeven"),),
    organizations=(CarriedEntity("FNV"), CarriedEntity("FNV Havens", relevance=0.5)),
    places=(CarriedEntity("Hook of Holland", country="NL"), CarriedEntity("Zeebrugge", country="BE")),
    keywords=("ports", "strike"),
)


def test_plain_text_passes_through():
    merged, provenance = merge_item_metadata(STORY, None, EXTRACTED)
    assert merged is EXTRACTED and provenance.as_dict() == {}


def test_item_topics_replace_the_extractors_and_start_with_their_top_level():
    merged, provenance = merge_item_metadata(STORY, META, EXTRACTED)
    assert [(t.code, t.label) for t in merged.topics] == [
        ("medtop:09000000", "labour"),
        ("medtop:20000523", "labour market"),
    ]
    assert "topics" in provenance.fields and provenance.as_dict()["topics"] == ["medtop:09000000", "medtop:20000523"]


def test_without_item_topics_the_extractors_stay():
    merged, provenance = merge_item_metadata(STORY, ItemMeta(format="ninjs"), EXTRACTED)
    assert merged.topics == EXTRACTED.topics and "topics" not in provenance.fields


def test_item_countries_come_first_and_the_extractors_follow():
    merged, provenance = merge_item_metadata(STORY, META, EXTRACTED)
    assert [(c.code, c.salience, c.mentions) for c in merged.countries] == [("NL", 1.0, 4), ("BE", 1.0, 2)]
    assert provenance.as_dict()["countries"] == ["NL", "BE"]
    only_extracted = merge_item_metadata(STORY, ItemMeta(format="ninjs", located=Located("Ghent")), EXTRACTED)[0]
    assert only_extracted.countries == EXTRACTED.countries


def test_people_and_organisations_merge_by_name():
    merged, provenance = merge_item_metadata(STORY, META, EXTRACTED)
    assert [(p.name, p.mentions, p.salience) for p in merged.people] == [
        ("Ria Verhoeven", 3, 1.0),  # the extractor's "Verhoeven" is her: its mentions kept
        ("Joost Klein", 1, 0.2),
    ]  # "Havens" is part of the item's organisation FNV Havens, not a person
    assert [(o.name, o.mentions) for o in merged.organizations] == [
        ("FNV", 2),  # the extractor's long name with the acronym FNV
        ("FNV Havens", 0),
        ("Port of Antwerp", 1),
    ]
    assert provenance.as_dict()["people"] == ["Ria Verhoeven"]
    assert provenance.as_dict()["organizations"] == ["FNV", "FNV Havens"]


def test_written_forms_of_one_name_are_one_name():
    """The item's "Port of Antwerp NV" is the extractor's "Port of Antwerp's" (one key in
    wire_core.entities.names): one organisation, written as the item writes it."""
    extracted = Metadata(organizations=(OrganizationTag("Port of Antwerp's", 3),))
    meta = ItemMeta(format="ninjs", organizations=(CarriedEntity("Port of Antwerp NV"),))
    merged, _ = merge_item_metadata(STORY, meta, extracted)
    assert [(o.name, o.mentions) for o in merged.organizations] == [("Port of Antwerp NV", 3)]


def test_the_extractors_refusals_stay_less_the_names_the_item_carries():
    extracted = Metadata(
        refused=(
            Refusal("organization", "FNV Havens", "generic institution without a country"),
            Refusal("person", "Lib Dem", "never written as a person's"),
        )
    )
    merged, _ = merge_item_metadata(STORY, META, extracted)
    assert merged.refused == (Refusal("person", "Lib Dem", "never written as a person's"),)
    assert merge_item_metadata(STORY, None, extracted)[0].refused == extracted.refused


def test_places_and_keywords():
    merged, provenance = merge_item_metadata(STORY, META, EXTRACTED)
    assert [p.name for p in merged.places] == ["Rotterdam", "Hook of Holland", "Zeebrugge", "Antwerp"]
    assert provenance.as_dict()["places"] == ["Rotterdam", "Hook of Holland", "Zeebrugge"]
    assert merged.keywords == ("ports", "strike", "wages")


def test_provenance_of_a_real_item():
    (item,) = read_items((SPECIMENS / "newsml-g2/berlin-grid-v1.xml").read_bytes(), "berlin.xml")
    merged, provenance = merge_item_metadata(item.story, item.meta, Metadata())
    assert provenance.as_dict() == {
        "fields": ["title", "date", "dateline", "summary", "byline", "source", "language", "topics"],
        "countries": ["DE"],
        "people": ["Katherina Reiche"],
        "organizations": ["50Hertz"],
        "places": ["Berlin", "Brandenburg"],
        "topics": ["medtop:04000000", "medtop:20000261", "medtop:20000260"],
        "keywords": ["power grid"],
    }
    assert merged.countries[0].name == "Germany"
