"""Story-level corrections (wire_ingest.refine, wire_ingest.institutions) on made-up wire copy:
ampersand names kept whole, non-entities dropped, generic institutions qualified by country."""

from __future__ import annotations

import pytest
from wire_core.entities.institutions import generic_name
from wire_ingest.gazetteer import load_gazetteer
from wire_ingest.institutions import places_from, qualify_institutions
from wire_ingest.records import CountryTag, Dateline, OrganizationTag, PersonTag, Story
from wire_ingest.refine import home_country, refine_organizations, refine_people


@pytest.fixture(scope="module")
def places():
    return places_from(load_gazetteer())


def orgs(*names: str) -> tuple[OrganizationTag, ...]:
    return tuple(OrganizationTag(n, 1) for n in names)


def names(tags) -> list[str]:
    return [t.name for t in tags]


# --- ampersand names ---------------------------------------------------------------------------


def test_half_of_an_ampersand_name_is_the_whole_name(places):
    text = "Ratings cut\n\nStandard & Poor's said it cut Kestrel Bank. Poor's did not say more.\n"
    # "Poor's" is written alone once: it stays what it is; written only inside the name, it is the name
    assert names(refine_organizations(orgs("Poor"), text.replace(" Poor's did not say more.", ""), None, places)) == [
        "Standard & Poor's"
    ]


def test_half_of_an_and_name_of_founders_is_the_whole_name(places):
    text = "TENNEX DEBT CUT BY S/P\n\nStandard and Poor's Corp said it lowered the debt of Tennex Industries."
    assert names(refine_organizations(orgs("Poor's", "Tennex Industries"), text, None, places)) == [
        "Standard and Poor's",
        "Tennex Industries",
    ]


def test_two_names_joined_by_and_stay_two(places):
    text = "Merger talks\n\nHalt and Kestrel said talks went on. Torkham and Chaman crossings were shut."
    assert names(refine_organizations(orgs("Halt", "Kestrel", "Torkham"), text, None, places)) == [
        "Halt",
        "Kestrel",
        "Torkham",
    ]


def test_ampersand_inside_a_word_stays_whole(places):
    text = "Phone deal\n\nAT&T and Johnson & Johnson signed a supply contract."
    assert names(refine_organizations(orgs("AT&T", "Johnson & Johnson"), text, None, places)) == [
        "AT&T",
        "Johnson & Johnson",
    ]


def test_a_person_that_is_half_of_a_firm_is_no_one():
    text = "Health stocks\n\nJohnson & Johnson shares rose while Ingrid Halvorsen sold hers."
    people = (PersonTag("Johnson", 1, 1.0), PersonTag("Ingrid Halvorsen", 1, 0.5))
    assert names(refine_people(people, text)) == ["Ingrid Halvorsen"]


def test_a_person_named_beside_an_and_is_kept():
    text = "Talks\n\nHalvorsen and Brekke met in Oslo on Monday."
    people = (PersonTag("Halvorsen", 1, 1.0), PersonTag("Brekke", 1, 1.0))
    assert names(refine_people(people, text)) == ["Halvorsen", "Brekke"]


def test_a_name_only_ever_written_as_a_things_is_no_person():
    text = (
        "Awards night\n\nThe film won an Oscar and the Premiership leaders cheered. Lib Dem leader Ingrid "
        "Halvorsen said the Halvorsens were proud; Halvorsen thanked the crew and the Lib Dems. The Ola Brekke "
        "case was closed. The Brekke government fell."
    )
    people = tuple(
        PersonTag(n, 1, 1.0)
        for n in (
            "Oscar",
            "Premiership",
            "Lib Dem",
            "Lib Dems",
            "Ingrid Halvorsen",
            "Halvorsens",
            "Ola Brekke",
            "Brekke",
        )
    )
    # "the Halvorsens" are the family of a person of the story; "the Ola Brekke case" and "the Brekke
    # government" name a person
    assert names(refine_people(people, text)) == ["Ingrid Halvorsen", "Halvorsens", "Ola Brekke", "Brekke"]


# --- non-entities ---------------------------------------------------------------------------------


def test_table_rows_time_zones_calls_and_currencies_are_dropped(places):
    text = (
        "TENNEX 1ST QTR NET\n\nCLEVELAND, March 3 - Shr 1.20 dlrs vs 98 cts. Net 12.4 mln vs 10.1 mln. "
        "Trading resumes at 1400 GMT. Halt Securities rates the stock Buy."
    )
    found = refine_organizations(orgs("Shr", "Net", "GMT", "Buy", "Halt Securities", "Dlrs"), text, "US", places)
    assert names(found) == ["Halt Securities"]
    people = (PersonTag("Revs", 1, 1.0), PersonTag("H.K. Dlrs", 1, 1.0), PersonTag("Ingrid Halvorsen", 1, 0.5))
    assert names(refine_people(people, text)) == ["Ingrid Halvorsen"]


def test_bare_rating_is_dropped_only_where_the_story_speaks_of_ratings(places):
    rated = "Bonds cut\n\nThe agency cut the bank's bonds to AA from AAA on Tuesday."
    club = "Fuel prices\n\nThe AAA said petrol prices rose for a third week."
    assert names(refine_organizations(orgs("AAA"), rated, None, places)) == []
    assert names(refine_organizations(orgs("AAA"), club, None, places)) == ["AAA"]


def test_every_name_left_out_is_recorded_with_its_reason(places):
    """What an editor's ``keep`` line can bring back at build time, without extracting again."""
    text = (
        "TENNEX 1ST QTR NET\n\nCLEVELAND, March 3 - Shr 1.20 dlrs vs 98 cts, the Finance Ministry said. Its "
        "bonds were cut to AA from AAA at 1400 GMT. The film won an Oscar; Johnson & Johnson shares rose."
    )
    refused: list = []
    found = refine_organizations(
        orgs("Shr", "GMT", "AAA", "Finance Ministry", "Halt Securities"), text, None, places, refused
    )
    assert names(found) == ["Halt Securities"]
    assert dict(refused) == {
        "Shr": "financial table",
        "GMT": "time zone",
        "AAA": "rating grade",
        "Finance Ministry": "institution without a country",
    }
    refused = []
    people = (PersonTag("Oscar", 1, 1.0), PersonTag("Johnson", 1, 1.0), PersonTag("Ingrid Halvorsen", 1, 1.0))
    assert names(refine_people(people, text, refused)) == ["Ingrid Halvorsen"]
    assert dict(refused) == {"Oscar": "written as a thing's name", "Johnson": "half of an ampersand name"}


# --- generic institutions -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "parsed"),
    [
        ("Finance Ministry", (None, "Finance Ministry")),
        ("Ministry of Finance", (None, "Finance Ministry")),
        ("Ministry of Foreign Affairs", (None, "Foreign Ministry")),
        ("Japan's Finance Ministry", ("Japan", "Finance Ministry")),
        ("West German Finance Ministry", ("West German", "Finance Ministry")),
        ("U.S. Treasury", ("U.S.", "Treasury")),
        ("Treasury Department", (None, "Treasury")),
        ("Central Bank", (None, "Central Bank")),
        ("Supreme Court", (None, "Supreme Court")),
        ("Bank of Japan", None),
        ("Department of Trade and Industry", None),
        ("Senate Finance Committee", None),
        ("House", (None, "House")),
    ],
)
def test_generic_names(name, parsed):
    assert generic_name(name) == parsed


def test_the_story_says_whose_ministry(places):
    text = (
        "Yen watch\n\nLONDON, March 3 - Japan's Finance Ministry said it watched the yen. The West German "
        "Finance Ministry declined comment. A Finance Ministry official in Tokyo said more."
    )
    found = qualify_institutions(orgs("Finance Ministry", "West German Finance Ministry"), text, "GB", places)
    assert set(names(found)) == {"Finance Ministry (Japan)", "Finance Ministry (Germany)"}


def test_a_bare_institution_takes_the_dateline_country(places):
    text = "Rate call\n\nThe Treasury said it would sell more bills. Parliament meets next week."
    found = qualify_institutions(orgs("Treasury", "Parliament"), text, "GB", places)
    assert names(found) == ["Treasury (United Kingdom)", "Parliament (United Kingdom)"]


def test_no_country_no_tag(places):
    text = "Rate call\n\nThe Finance Ministry said it would sell more bonds."
    assert qualify_institutions(orgs("Finance Ministry"), text, None, places) == ()


def test_treasury_bills_are_not_the_treasury(places):
    text = "Bills\n\nTreasury bills rose and Treasury bond yields fell."
    assert qualify_institutions(orgs("Treasury"), text, "US", places) == ()


def test_an_institution_of_a_province_is_a_name_of_its_own(places):
    text = "Budget\n\nThe Ontario Finance Ministry said the deficit fell, the White House said."
    assert names(qualify_institutions(orgs("Ontario Finance Ministry", "White House"), text, "CA", places)) == [
        "Ontario Finance Ministry",
        "White House",
    ]


def test_after_qualification_nothing_bare_is_left(places):
    text = "Budget\n\nTOKYO, March 3 - The Cabinet approved the Budget; the Central Bank said nothing."
    found = refine_organizations(orgs("Cabinet", "Budget", "Central Bank"), text, "JP", places)
    assert names(found) == ["Cabinet (Japan)", "Central Bank (Japan)"]


def test_home_country_is_the_datelines_tagged_reading(places):
    story = Story("Vote", ("Body",), dateline=Dateline(("Georgia",)))
    assert home_country(story, (CountryTag("US", "United States", 1.0),), places) == "US"
    assert home_country(story, (CountryTag("GE", "Georgia", 1.0),), places) == "GE"
    assert home_country(story, (), places) == "GE"
    assert home_country(Story("No dateline", ("Body",)), (), places) is None


def test_a_month_in_an_earnings_headline_is_refused_as_a_date(places):
    table = "TESSALY MILLS INC 4TH QTR DEC 31 NET\n\nCHICAGO, March 3 - Shr 12 cts vs 10 cts."
    refused: list = []
    assert names(refine_organizations(orgs("DEC", "Tessaly Mills"), table, "US", places, refused)) == ["Tessaly Mills"]
    assert refused == [("DEC", "date")]
    company = "DEC RAISES PRICES\n\nMAYNARD, Mass., March 3 - DEC said its workstation prices rise 5 pct."
    assert names(refine_organizations(orgs("DEC"), company, "US", places)) == ["DEC"]


# --- written like people, not people ---------------------------------------------------------------


def test_a_plural_after_the_and_its_singular_are_a_group_not_a_person():
    text = (
        "Poll\n\nThe Free Dems accuse the government of drift. Free Dem leader Ingrid Halvorsen spoke; "
        "Halvorsen said the Halvorsens were proud. A Bob Deans try was ruled out."
    )
    people = tuple(
        PersonTag(n, 1, 1.0) for n in ("Free Dems", "Free Dem", "Ingrid Halvorsen", "Halvorsens", "Bob Deans")
    )
    # "the Halvorsens" are a family of the story; "a Bob Deans try" is a person's try
    assert names(refine_people(people, text)) == ["Ingrid Halvorsen", "Halvorsens", "Bob Deans"]


def test_a_name_only_written_after_in_is_a_place():
    text = "Show\n\nThe designer, from Dartley in Kessock, won. Vidal said in Vidal's view it was fair."
    people = (PersonTag("Kessock", 1, 1.0), PersonTag("Vidal", 2, 1.0))
    assert names(refine_people(people, text)) == ["Vidal"]


@pytest.mark.parametrize(
    ("sentence", "kept"),
    [
        ("In the film, in which she plays Mara Quell, Ana Vidal shines.", False),
        ("Ana Vidal was cast as Mara Quell in the remake.", False),
        ("Ana Vidal portrays Mara Quell, a surgeon.", False),
        # sport's "plays" is an opponent
        ("Ana Vidal plays Mara Quell in the final on Sunday.", True),
    ],
)
def test_a_part_an_actor_plays_is_no_person_of_the_story(sentence, kept):
    text = "Review\n\n" + sentence
    people = (PersonTag("Ana Vidal", 1, 1.0), PersonTag("Mara Quell", 1, 1.0))
    assert ("Mara Quell" in names(refine_people(people, text))) is kept


def test_a_club_in_brackets_after_a_player_is_no_person():
    text = (
        "Squad\n\nForwards: Ana Vidal (Strelsau Saints), Ola Berg (captain, Zenda Rugby). "
        "Ruritania (Ivo Lind, Per Dahl) won. Mark Kos (Jan Tull, 39) came off."
    )
    people = tuple(
        PersonTag(n, 1, 1.0)
        for n in (
            "Ana Vidal",
            "Strelsau Saints",
            "Ola Berg",
            "Zenda Rugby",
            "Ivo Lind",
            "Per Dahl",
            "Mark Kos",
            "Jan Tull",
        )
    )
    assert names(refine_people(people, text)) == [
        "Ana Vidal",
        "Ola Berg",
        "Ivo Lind",
        "Per Dahl",
        "Mark Kos",
        "Jan Tull",
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "Vidal collected her Oscar from the academy's president.",
        "Bookmakers make Oscar nominee Ana Vidal the favourite, with Oscar winner Ola Berg next.",
        "The Oscar hopefuls gathered in Kessock; their Oscars were counted.",
    ],
)
def test_an_award_had_or_with_its_nominees_is_no_person(sentence):
    text = "Awards\n\n" + sentence
    people = (PersonTag("Oscar", 2, 1.0), PersonTag("Ana Vidal", 1, 1.0), PersonTag("Ola Berg", 1, 1.0))
    refused: list = []
    kept = names(refine_people(people, text, refused))
    assert "Oscar" not in kept and ("Oscar", "written as a thing's name") in refused


def test_a_first_name_written_alone_stays_a_person():
    text = "Visit\n\nOscar Lind met the mayor. Later Oscar said his wife Ana would join the board."
    people = (PersonTag("Oscar", 1, 1.0), PersonTag("Oscar Lind", 1, 1.0))
    assert names(refine_people(people, text)) == ["Oscar", "Oscar Lind"]
