"""Organisations the model missed, found by how wire copy introduces them (``org_cues``), and
the model's organisations that are weapons or quoted titles. Fictional stories, hand-made spans."""

from __future__ import annotations

import pytest
from wire_ingest.nlp import Span
from wire_ingest.org_cues import find_org_cues, foreign_acronyms, is_product, quoted_somewhere
from wire_ingest.organizations import extract_organizations

from tests.support.spans import span

CITIES = {"Strelsau", "Zenda", "Tarlenheim", "Zenda Bank"}
COUNTRIES = {"Ruritania", "Ruritanian", "Freedonia"}


def is_place(name: str) -> bool:
    return name in CITIES or name in COUNTRIES


def is_country(name: str) -> bool:
    return name in COUNTRIES


def cues(text: str, *spans: Span, people: set[str] = frozenset()) -> list[str]:
    return [s.text for s in find_org_cues(text, spans, is_place, is_country, set(people))]


def orgs(text: str, *spans: Span, people: set[str] = frozenset()) -> list[str]:
    tags = extract_organizations(text, tuple(sorted(spans, key=lambda s: s.start)), is_place, set(people), is_country)
    return sorted(o.name for o in tags)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Halvorsen Industries said on Monday it would close two plants.", ["Halvorsen Industries"]),
        ("The plant belongs to Corvina Petroleum and employs 400.", ["Corvina Petroleum"]),
        ("Voters backed the Strelsau Farmers Party in the north.", ["Strelsau Farmers Party"]),
        ("Ketil Marsh Holdings and Brandvik Group will merge.", ["Ketil Marsh Holdings", "Brandvik Group"]),
        # a place that ends in a designator's word is a place
        ("Clashes broke out in the Ruritanian Zenda Bank on Tuesday.", []),
        # a generic word alone is no name
        ("The Bank said rates would stay on hold.", []),
    ],
)
def test_a_run_ending_in_a_designator_is_an_organisation(text, expected):
    assert cues(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"This is theft," said a spokesman for the farmers\' union KMFR.', ["KMFR"]),
        ("Shares in the lender Corvina fell 4 percent.", ["Corvina"]),
        ("Ana Vidal, an analyst at Brandvik in Strelsau, said demand was weak.", ["Brandvik"]),
        ("Output rose, said Ola Berg, head of research at Halvard Kapital.", ["Halvard Kapital"]),
        ("Ketilco said it was in talks with its partner Norvane.", ["Norvane"]),
        ("The deal was agreed with Norvane, a Ruritanian shipping group, on Friday.", ["Norvane"]),
        ("Talks with Norvane, which is two-thirds owned by the state, resumed.", ["Norvane"]),
        ("Analysts expect Norvane's shareholders to back the plan.", ["Norvane"]),
        ("Ana Vidal, whose NaP party leads the polls, spoke in Zenda.", ["NaP"]),
        # a person's title or apposition is not an organisation's
        ("Ola Berg, the company's founder, said sales were strong.", []),
        ("Ola Berg, a former minister, said sales were strong.", []),
        ("Mr Berg's spokesman declined to comment.", []),
        # a common word opening a sentence is no name
        ("Analysts, which had expected a loss, were surprised.", []),
    ],
)
def test_names_in_apposition_to_an_organisations_noun(text, expected):
    assert cues(text, people={"Ana", "Vidal", "Ola", "Berg"}) == expected


def test_a_citys_name_before_a_players_position_is_its_club_a_countrys_is_its_side():
    text = "Strelsau winger Ana Vidal and Ruritania coach Ola Berg watched champions Zenda lose."
    assert orgs(text, span(text, "Strelsau", "GPE"), span(text, "Ruritania", "GPE"), span(text, "Zenda", "GPE")) == [
        "Strelsau",
        "Zenda",
    ]


def test_a_city_team_in_a_results_list_is_a_club():
    text = (
        "Results\n\nStrelsau 2 (Ana Vidal 14, Ola Berg 70) Tarlenheim 1 (Jan Kos 55)\n"
        "Freedonia 1 (Ivo Lind 10, Per Dahl 80) Ruritania 0\n"
    )
    assert orgs(text) == ["Strelsau", "Tarlenheim"]


def test_a_designated_name_joins_the_models_pieces_but_not_across_and():
    text = "Bozrah Light and Power Co, which sells power in Zenda, met the IMF and Halvard Bank."
    spans = (span(text, "Bozrah Light", "ORG"), span(text, "Power Co", "ORG"), span(text, "IMF", "ORG"))
    assert orgs(text, *spans) == ["Bozrah Light and Power", "Halvard Bank", "IMF"]


def test_a_place_or_an_adjective_before_the_models_name_stays_out():
    text = "Merger\n\nThe Ruritanian Farmers Party and the Strelsau-based Marsh Holdings agreed."
    spans = (span(text, "Farmers Party", "ORG"), span(text, "Marsh Holdings", "ORG"))
    assert orgs(text, *spans) == ["Farmers Party", "Marsh Holdings"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an acronym in the organisation's own language
        ("The Law and Order (PiP) party won.", [("Law and Order", "PiP")]),
        ("The Kurdish Workers' Party (PKK) denied it.", [("Kurdish Workers' Party", "PKK")]),
        ("The Halvard Electric Power (HELPO) plant.", [("Halvard Electric Power", "HELPO")]),
        # the person or the place before the name is not part of it
        ("Ana Vidal of the Marsh Workers Union (SDM) spoke.", [("Marsh Workers Union", "SDM")]),
        ("Ruritania and the Zenda Polar Institute (IPZ) drilled.", [("Zenda Polar Institute", "IPZ")]),
        # only the end of a longer name: its initials are inside the acronym but it starts elsewhere
        ("The Conference on Trade and Development (UNCTAD) met.", []),
        # a person's party, a thing's plural, a possessive
        ("Ana Vidal (PiP) voted against.", []),
        ("The bank sold Global Depositary Receipts (GDRs).", []),
        ("Ruritania's Farmers Union (RFU) met.", []),
    ],
)
def test_acronyms_in_another_language_are_defined(text, expected):
    assert foreign_acronyms(text, set(), is_place, {"Ana", "Vidal"}) == expected


def test_weapons_named_like_companies_are_not_organisations():
    text = "Ruritania expects more Patriot systems and Kinzhal missiles, Halvard Aerospace said."
    assert is_product(text, [text.index("Patriot")], "Patriot")
    assert is_product(text, [text.index("Kinzhal")], "Kinzhal")
    assert not is_product(text, [text.index("Halvard")], "Halvard")
    spans = (span(text, "Patriot", "ORG"), span(text, "Kinzhal", "ORG"), span(text, "Halvard Aerospace", "ORG"))
    assert orgs(text, *spans) == ["Halvard Aerospace"]


def test_a_title_the_story_quotes_is_a_work_wherever_it_is_written():
    text = "\"Marsh Light\", the studio's new drama, opened. Marsh Light took $9 million for Halvard's studio."
    starts = [0 + 1, text.index("Marsh Light took")]
    assert quoted_somewhere(text, starts, "Marsh Light")
    assert not quoted_somewhere(text, [text.index("Halvard")], "Halvard")  # a possessive is no quote
    spans = (span(text, "Marsh Light", "ORG"), span(text, "Marsh Light", "ORG", nth=1))
    assert orgs(text, *spans) == []
