"""extract_countries: which countries a story is about, how salient, and its places.

Every story here is made up for the test; the rules they check are the ones in
docs/extraction.md ("Countries").
"""

from __future__ import annotations

import time

import pytest
from wire_ingest.countries import extract_countries
from wire_ingest.gazetteer import load_gazetteer
from wire_ingest.parse import parse_bytes, parse_text

from tests.support import ROOT

SEED = ROOT / "seeds" / "000_1bd45749871db194.txt"


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer()


def run(gazetteer, text: str):
    return extract_countries(parse_text(text), gazetteer)


def codes(countries, min_salience: float = 0.0) -> list[str]:
    return [c.code for c in countries if c.salience >= min_salience]


def tags(gazetteer, text: str) -> list[str]:
    """The countries that become tags (salience >= 0.5), most salient first."""
    return codes(run(gazetteer, text)[0], 0.5)


def salience(countries, code: str) -> float:
    return next((c.salience for c in countries if c.code == code), 0.0)


# --- the dateline -----------------------------------------------------------------------------


def test_dateline_country_is_the_most_salient(gazetteer):
    countries, _ = run(
        gazetteer,
        "Port operators agree new tariffs\n\n"
        "NAIROBI, May 4 (Reuters) - Port operators agreed on new tariffs on Tuesday after talks "
        "that also involved shipping lines from Tanzania.",
    )
    assert countries[0].code == "KE"
    assert countries[0].salience == 1.0
    assert salience(countries, "TZ") < 0.5


def test_foreign_story_datelined_in_a_us_city_tags_the_foreign_country(gazetteer):
    text = (
        "JAPAN TRADE SURPLUS WIDENS IN MARCH\n\n"
        "WASHINGTON, April 2 - Japan's trade surplus with the rest of the world widened in "
        "March, Japanese customs figures showed, and officials in Tokyo said exports of cars "
        "rose for a third month."
    )
    found = tags(gazetteer, text)
    assert "JP" in found
    assert "US" in found  # the dateline is kept: the story was reported from Washington


def test_us_state_abbreviation_in_the_dateline_beats_a_same_named_city_abroad(gazetteer):
    assert tags(gazetteer, "Plant opens\n\nBIRMINGHAM, Ala., March 3 - Hollin Tools Inc opened a plant.") == ["US"]
    assert tags(gazetteer, "Profit up\n\nMELBOURNE, Fla., March 3 - Quorrel Systems Inc said profit rose.") == ["US"]
    # a province spelt out works the same way
    assert tags(gazetteer, "Dividend\n\nLONDON, Ontario, March 3 - Trevian Mills Ltd raised its dividend.") == ["CA"]


def test_title_case_dateline_without_agency_is_still_a_dateline(gazetteer):
    countries, places = run(gazetteer, "Reactor shut\n\nMiami, March 13 - Corlan Power Co shut a reactor for repairs.")
    assert codes(countries, 0.5) == ["US"]
    assert places[0].name == "Miami"


def test_misspelt_dateline_city_is_recognised(gazetteer):
    assert tags(gazetteer, "Unit formed\n\nPHILADEPHIA, March 18 - Dorrance Hale Inc formed a finance unit.") == ["US"]


# --- headline and lead ------------------------------------------------------------------------


def test_all_caps_headline_counts(gazetteer):
    countries, _ = run(
        gazetteer,
        "BRAZIL COFFEE EXPORTS SEEN LOWER\n\n"
        "LONDON, March 2 - Dealers expect lower shipments this season, an industry report said.",
    )
    assert codes(countries, 0.5) == ["GB", "BR"] or codes(countries, 0.5) == ["BR", "GB"]


def test_passing_body_mention_is_not_a_tag(gazetteer):
    countries, _ = run(
        gazetteer,
        "Grain harvest ends early\n\n"
        "OTTAWA, Aug 1 (Reuters) - Farmers finished the wheat harvest two weeks early this year, "
        "the farm ministry said.\n\n"
        "Officials said prices were firm and a small cargo might later go to Peru.",
    )
    assert codes(countries, 0.5) == ["CA"]
    assert 0 < salience(countries, "PE") < 0.5


def test_salience_range_and_order(gazetteer):
    countries, _ = run(
        gazetteer,
        "Kenya and Uganda sign rail deal\n\n"
        "KAMPALA, June 2 (Reuters) - Uganda and Kenya signed a rail financing deal on Monday, "
        "officials said, with support from lenders in China.\n\n"
        "The line will run from Mombasa to Kampala. Rwanda is expected to join later.",
    )
    values = [c.salience for c in countries]
    assert all(0.0 <= v <= 1.0 for v in values)
    assert values == sorted(values, reverse=True)
    assert countries[0].salience == 1.0
    assert codes(countries)[:2] == ["UG", "KE"]
    assert salience(countries, "RW") < 0.5


def test_roundup_that_names_many_countries_tags_each_of_them(gazetteer):
    text = (
        "Wheat export sales rise\n\n"
        "WASHINGTON, March 26 - Export sales of wheat rose last week, the agriculture department said.\n\n"
        "Buyers included Egypt, Morocco, Algeria, Tunisia, Jordan, Yemen, Iraq, Brazil and Chile, "
        "it said."
    )
    found = tags(gazetteer, text)
    assert {"US", "EG", "MA", "DZ", "TN", "JO", "YE", "IQ", "BR", "CL"} <= set(found)


# --- the kind of evidence ---------------------------------------------------------------------


def test_demonyms_count_for_their_country(gazetteer):
    countries, _ = run(
        gazetteer,
        "Dutch and Philippine ministers meet\n\n"
        "GENEVA, Oct 9 (Reuters) - Dutch and Filipino officials met at the trade body on Thursday.",
    )
    assert {"NL", "PH"} <= set(codes(countries, 0.5))


def test_company_and_person_names_are_not_places(gazetteer):
    countries, places = run(
        gazetteer,
        "Broadcaster bid\n\n"
        "NEW YORK, March 6 - A group led by Harlan Quist offered to buy Taft Broadcasting Co, "
        "the company said. Taft shares rose.\n\n"
        "Mr Jordan, a director of <York Research Corp>, said Taft would reply soon.",
    )
    assert codes(countries) == ["US"]
    assert [p.name for p in places] == ["New York City"]


def test_currency_names_count_little(gazetteer):
    countries, _ = run(
        gazetteer,
        "Utility prices bond\n\n"
        "LONDON, March 18 (Reuters) - Northwold Water is issuing 100 mln New Zealand dollar bonds "
        "due 1992, lead manager Hartley Securities said.",
    )
    assert codes(countries, 0.5) == ["GB"]


def test_acronym_spelled_out_with_a_country_counts_for_it(gazetteer):
    countries, _ = run(
        gazetteer,
        "KFB names new coach\n\n"
        "LONDON, Jan 5 (Reuters) - The Kenya Football Board (KFB) named a new national coach on "
        "Monday. The KFB said he would start next week.",
    )
    assert "KE" in codes(countries, 0.5)


# --- ambiguity --------------------------------------------------------------------------------


def test_georgia_the_us_state_by_context(gazetteer):
    countries, places = run(
        gazetteer,
        "Georgia runoff set\n\n"
        "ATLANTA, Nov 5 (AP) - Voters in Georgia will return to the polls next month, election "
        "officials in Savannah and Macon said.",
    )
    assert codes(countries) == ["US"]
    assert ("Georgia", "US") in [(p.name, p.country) for p in places]


def test_georgia_the_country_by_context(gazetteer):
    assert (
        tags(
            gazetteer,
            "Georgia protest\n\nTBILISI, May 2 (Reuters) - Thousands marched in Georgia's capital, "
            "and Georgian officials accused Russia of meddling.",
        )[0]
        == "GE"
    )
    # from Washington, with Russia next door named, Georgia is still the country
    countries, _ = run(
        gazetteer,
        "Troops near Georgia\n\nWASHINGTON (Reuters) - The U.S. condemned Russia's troop build-up "
        "near Georgia on Monday.",
    )
    assert "GE" in codes(countries, 0.5)


def test_new_england_is_not_england(gazetteer):
    countries, places = run(
        gazetteer,
        "Storm hits New England\n\nBOSTON, Feb 2 (AP) - A winter storm closed schools across New England on Monday.",
    )
    assert codes(countries) == ["US"]
    assert "GB" not in [p.country for p in places]


def test_town_named_after_a_country_in_a_us_state(gazetteer):
    countries, places = run(
        gazetteer,
        "Plant strike\n\n"
        "CLEVELAND, Feb 26 - Workers struck at plants in Cleveland and Lebanon, Ohio, the union said. "
        "The Lebanon plant makes axles.",
    )
    assert codes(countries) == ["US"]
    assert ("Lebanon", "US") in [(p.name, p.country) for p in places]


def test_salvador_the_brazilian_city_and_el_salvador(gazetteer):
    brazil = run(gazetteer, "Port reopens\n\nSAO PAULO, May 3 - The port of Salvador reopened on Friday.")
    assert codes(brazil[0], 0.5) == ["BR"]
    assert ("Salvador", "BR") in [(p.name, p.country) for p in brazil[1]]
    assert tags(gazetteer, "Vote count\n\nSAN SALVADOR, March 3 - El Salvador began counting votes.") == ["SV"]


def test_latin_america_is_not_the_united_states(gazetteer):
    countries, _ = run(
        gazetteer,
        "Debt talks\n\nMADRID, June 1 (Reuters) - Banks discussed Latin American debt and lending in "
        "South America on Monday.",
    )
    assert codes(countries) == ["ES"]


# --- historic names -------------------------------------------------------------------------


def test_historic_names(gazetteer):
    countries, places = run(
        gazetteer,
        "SOVIET GRAIN IMPORTS RISE\n\n"
        "PEKING, March 3 - The Soviet Union bought more grain from West Germany and Burma last "
        "year, officials in Moscow said.",
    )
    found = codes(countries)
    assert found[0] == "SU"  # headline and lead; the dateline keeps China a tag too
    assert "CN" in codes(countries, 0.5)
    assert {"DE", "MM"} <= set(found)
    assert "RU" not in found  # Moscow is the Soviet capital in this story
    assert places[0].name == "Beijing"


# --- places, the seed, speed ------------------------------------------------------------------


def test_places_carry_their_country(gazetteer):
    _, places = run(
        gazetteer,
        "Ministers meet\n\nISTANBUL / ISLAMABAD (Web Desk): Envoys met in Istanbul and Kabul.",
    )
    assert [(p.name, p.country) for p in places][:3] == [("Istanbul", "TR"), ("Islamabad", "PK"), ("Kabul", "AF")]


def test_seed_story_keeps_its_countries_and_places(gazetteer):
    countries, places = extract_countries(parse_bytes(SEED.read_bytes()), gazetteer)
    assert codes(countries)[:2] == ["PK", "AF"]
    assert {"TR", "QA"} <= set(codes(countries))
    assert {"Istanbul", "Islamabad", "Kabul"} <= {p.name for p in places}


def test_extraction_is_fast(gazetteer):
    story = parse_bytes(SEED.read_bytes())
    extract_countries(story, gazetteer)
    start = time.perf_counter()
    for _ in range(50):
        extract_countries(story, gazetteer)
    assert (time.perf_counter() - start) / 50 < 0.01  # well under 1 ms in practice; slack for CI
