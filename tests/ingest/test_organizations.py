"""Organisations: the model's ORG spans cleaned, merged with their acronyms, people and headline
fragments left out. Hand-made spans over fictional stories, then the seed through the model."""

from __future__ import annotations

import pytest
from wire_ingest.nlp import Span
from wire_ingest.organizations import canonical_org, extract_organizations, find_acronyms

from tests.support import SEEDS
from tests.support.spans import span as make_span

PLACES = {"Ruritania", "Zenda", "Strelsau"}


def is_place(name: str) -> bool:
    return name in PLACES


def span(text: str, surface: str, label: str = "ORG", nth: int = 0) -> Span:
    return make_span(text, surface, label, nth)


def orgs(text: str, *spans: Span, people: set[str] = frozenset()) -> dict[str, int]:
    tags = extract_organizations(text, tuple(sorted(spans, key=lambda s: s.start)), is_place, set(people))
    return {o.name: o.mentions for o in tags}


def test_a_defined_acronym_and_its_later_uses_are_one_organisation():
    text = (
        "Attack in Zenda\n\nThe Tehrik-i-Taliban Pakistan (TTP) claimed the attack. "
        "A TTP spokesman said more would follow."
    )
    found = extract_organizations(text, (span(text, "Tehrik"), span(text, "TTP", nth=1)), is_place, set())
    assert [(o.name, o.mentions, o.acronym) for o in found] == [("Tehrik-i-Taliban Pakistan (TTP)", 2, "TTP")]


def test_an_undefined_acronym_spelled_by_a_name_of_the_story_is_merged():
    text = "Loan talks\n\nThe International Widget Federation met on Monday. IWF officials declined to comment."
    found = orgs(text, span(text, "The International Widget Federation"), span(text, "IWF"))
    assert found == {"International Widget Federation (IWF)": 2}


def test_corporate_suffixes_are_one_company():
    text = "Strike\n\nWorkers at Harbor Axle Corp walked out. Harbor Axle said talks would resume."
    assert orgs(text, span(text, "Harbor Axle Corp"), span(text, "Harbor Axle", nth=1)) == {"Harbor Axle": 2}


def test_an_unclosed_bracket_still_merges_with_the_acronym():
    text = "Vaccines\n\nThe World Vaccine Alliance (WVA) said the World Vaccine Alliance (WVA) would pay."
    found = orgs(text, span(text, "World Vaccine Alliance (WVA"), span(text, "World Vaccine Alliance (WVA)", nth=1))
    assert list(found) == ["World Vaccine Alliance (WVA)"]


def test_people_the_model_called_an_organisation_are_left_to_people():
    text = "Results\n\n1. Ilse Hartmann (Ruritania) 1:58.20 for the Strelsau Athletic Club."
    found = orgs(text, span(text, "Ilse Hartmann"), span(text, "Strelsau Athletic Club"), people={"Ilse", "Hartmann"})
    assert found == {"Strelsau Athletic Club": 1}


def test_headline_fragments_generic_words_and_places_are_dropped():
    text = (
        "Ruritania Hosts Fresh Round Of Talks\n\n"
        "STRELSAU - The talks resumed on Monday, the Group said. The Department declined to comment.\n\n"
        "SQUASH - HILL BRANDS did not attend. Zenda was quiet."
    )
    found = orgs(
        text,
        span(text, "Ruritania Hosts Fresh"),
        span(text, "Group"),
        span(text, "Department"),
        span(text, "SQUASH - HILL BRANDS"),
        span(text, "Zenda"),
    )
    assert found == {}


def test_a_name_cut_at_a_connector_is_joined():
    text = "Climate\n\nThe Ruritanian Nature and Heritage Federation criticised the plan."
    found = orgs(text, span(text, "Ruritanian Nature and"), span(text, "Heritage Federation"))
    assert found == {"Ruritanian Nature and Heritage Federation": 1}


@pytest.mark.parametrize(
    ("surface", "expected"),
    [
        ("the Central Bank of Ruritania", "Central Bank of Ruritania"),
        ("Harbor Axle's", "Harbor Axle"),
        ("World Vaccine Alliance (WVA", "World Vaccine Alliance (WVA)"),
        ("Anna Berg (Ruritania", "Anna Berg"),
        ("U.N.", "U.N."),
        ("Ruritanian Nature and", "Ruritanian Nature"),
    ],
)
def test_canonical_org(surface, expected):
    assert canonical_org(surface) == expected


def test_find_acronyms_takes_the_shortest_spelling_run():
    text = "Officials of the Strelsau Port Authority (SPA) and the Zenda Canal Company (ZCC) met."
    assert {(a.long, a.short) for a in find_acronyms(text)} == {
        ("Strelsau Port Authority", "SPA"),
        ("Zenda Canal Company", "ZCC"),
    }


def test_seed_gives_the_ttp(extractor):
    from wire_ingest.extract import extract_many
    from wire_ingest.parse import parse_bytes

    metadata = extract_many([parse_bytes((SEEDS / "000_1bd45749871db194.txt").read_bytes())], extractor)[0]
    assert [o.name for o in metadata.organizations] == ["Tehrik-i-Taliban Pakistan (TTP)"]
    assert metadata.organizations[0].acronym == "TTP"


def test_unicode_acronyms_are_defined_and_merged():
    text = "Vote\n\nThe Özgür Ruritania Party (ÖRP) gained. ÖRP leaders celebrated in Zenda."
    found = orgs(text, span(text, "The Özgür Ruritania Party"), span(text, "ÖRP", nth=1))
    assert found == {"Özgür Ruritania Party (ÖRP)": 2}


def test_teams_of_a_results_list_and_companies_after_their_noun_are_organisations():
    text = (
        "Results\n\nVila Nova 2 (Tiquinho 14, Joao Paulo 70) Ceará 1 (Érick Pulga 55)\n\n"
        "Shares in drone maker Kestrel rose, and Halcyon Pictures bought the rights."
    )
    found = orgs(text, span(text, "Kestrel", "PERSON"), span(text, "Halcyon Pictures", "PERSON"), people={"Tiquinho"})
    assert set(found) == {"Vila Nova", "Ceará", "Kestrel", "Halcyon Pictures"}


def test_titled_people_works_awards_and_dateline_fragments_are_not_organisations():
    text = (
        'Review\n\nZENDA Leading critics praised "Night Harbour". Field Marshal Otto Brankovic ordered more '
        "tanks, and the film won seven Oscars."
    )
    found = orgs(
        text,
        span(text, "ZENDA Leading"),
        span(text, "Night Harbour"),
        span(text, "Field Marshal Otto Brankovic"),
        span(text, "Oscars"),
        people={"Otto", "Brankovic"},
    )
    assert found == {}


def test_a_name_before_its_heads_title_and_name_is_an_organisation():
    text = "Oil\n\nKestrelgas chief executive Ivo Lind said demand would grow. Defence chief Otto Brankovic agreed."
    assert orgs(text, people={"Ivo", "Lind", "Otto", "Brankovic"}) == {"Kestrelgas": 1}


def test_a_company_and_its_group_are_one():
    text = "Shares\n\nEngineering group Halvard jumped. Halvard Group shares rose 7 percent."
    assert orgs(text, span(text, "Halvard", "PERSON"), span(text, "Halvard Group")) == {"Halvard Group": 2}


def test_a_factions_acronym_parties_by_their_plural_and_listed_companies():
    text = (
        "Politics\n\nThe Jamiat Ulema-e-Ruritania (JUR-F) walked out, and the Conservatives and the Free Democrats "
        "objected. Halvard Lind shares rose 3 percent; shares in Orvik also gained."
    )
    found = orgs(
        text,
        span(text, "The Jamiat Ulema-e-Ruritania"),
        span(text, "Conservatives", "NORP"),
        span(text, "Free Democrats", "NORP"),
        span(text, "Halvard Lind", "PERSON"),
        span(text, "Orvik", "PERSON"),
    )
    assert set(found) == {
        "Jamiat Ulema-e-Ruritania (JUR-F)",
        "Conservatives",
        "Free Democrats",
        "Halvard Lind",
        "Orvik",
    }
