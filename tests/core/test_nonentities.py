"""Names that are never people or organisations (wire_core.entities.nonentities), and the written forms
of one name (wire_core.entities.names). Every example is made up or general finance vocabulary."""

from __future__ import annotations

import pytest
from wire_core.entities.names import (
    common_form,
    display_form,
    is_acronym,
    is_shouting,
    name_key,
    split_acronym,
    strip_legal_suffix,
)
from wire_core.entities.nonentities import date_in_context, non_entity_reason, rating_in_context


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("Shr", "financial table"),
        ("Net", "financial table"),
        ("Revs", "financial table"),
        ("Avg Shrs", "financial table"),
        ("Shr Loss", "financial table"),
        ("PCT", "financial table"),
        ("Oper Net", "financial table"),
        ("GMT", "time zone"),
        ("EDT", "time zone"),
        ("Eastern Standard Time", "time zone"),
        ("Dlrs", "currency"),
        ("U.S. Dlrs", "currency"),
        ("Swiss Francs", "currency"),
        ("Canadian Dollar", "currency"),
        ("Stg", "currency"),
        ("JPY", "currency"),
        ("Buy", "trading call"),
        ("Outperform", "trading call"),
        ("Strong Buy", "trading call"),
        ("Market Perform", "trading call"),
        ("BBB-plus", "rating grade"),
        ("Aa3", "rating grade"),
        ("Baa", "rating grade"),
        ("triple-A", "rating grade"),
        ("Hard Red Winter", "commodity grade"),
        ("No. 2 Yellow", "commodity grade"),
        ("Grade A", "commodity grade"),
        ("United", "bare word"),
        ("Budget", "bare word"),
        ("Cabinet", "bare word"),
        ("Treasury", "bare word"),
    ],
)
def test_non_entities_of_every_class(name, reason):
    assert non_entity_reason(name) == reason


@pytest.mark.parametrize(
    "name",
    [
        "Kestrel Bank", "Tennex Industries", "Net Applications Group", "United Grain Growers", "Budget Rent",
        "Northern Grain Council", "Marks Brothers", "ZMX", "AAA",  # bare AAA needs the story
        "Standard & Poor's", "AT&T", "Grade Street Partners", "Buy Rite Stores", "Winter Garden Theatre",
    ],
)  # fmt: skip
def test_real_names_are_not_refused(name):
    assert non_entity_reason(name) is None


def test_people_keep_names_that_are_also_currencies():
    assert non_entity_reason("Mark", "person") is None
    assert non_entity_reason("Rand", "person") is None
    assert non_entity_reason("Mark", "organization") == "currency"
    assert non_entity_reason("United", "person") is None  # bare words are an organisation matter


def test_bare_rating_needs_a_rating_word_nearby():
    rated = "Moody's said it cut the bonds of Kestrel Bank to AA from AAA, citing weaker capital."
    motoring = "The AAA said petrol prices rose for a third week before the holiday weekend."
    assert rating_in_context("AAA", rated)
    assert not rating_in_context("AAA", motoring)
    assert not rating_in_context("Kestrel Bank", rated)


@pytest.mark.parametrize(
    ("written", "form", "key"),
    [
        ("<Tennex Industries Inc>", "Tennex Industries", "tennex industries"),
        ("Tennex Industries Inc>", "Tennex Industries", "tennex industries"),
        ("TENNEX INDUSTRIES", "TENNEX INDUSTRIES", "tennex industries"),
        ("Morgan Halt & Co", "Morgan Halt", "morgan halt"),
        ("Boreal Mining Corp.", "Boreal Mining", "boreal mining"),
        ("Kestrel Bank's", "Kestrel Bank's", "kestrel bank"),
        ("Northern Grain Council (NGC)", "Northern Grain Council", "northern grain council"),
        ("Northern Grain Council (NGC) (NGC)", "Northern Grain Council", "northern grain council"),
        ("U.N.", "U.N.", "un"),
        ("TRANS-LUX", "TRANS-LUX", "translux"),
        ("Kestrel industries inc", "Kestrel industries", "kestrel industries"),
        ("Holding Co", "Holding Co", "holding co"),
        ("Vestland Broadcasting Corporation", "Vestland Broadcasting Corporation", "vestland broadcasting corporation"),
        ("Łódź Textile Works", "Łódź Textile Works", "łódź textile works"),
    ],
)
def test_written_forms(written, form, key):
    assert display_form(written) == form
    assert name_key(written) == key


def test_keys_ignore_hyphens_and_british_spelling():
    assert name_key("Organisation of Grain Exporters") == name_key("Organization of Grain Exporters")
    assert name_key("Inter-Andean Bank") == name_key("InterAndean Bank")
    assert name_key("Rise Partners") != name_key("Riz Partners")


def test_generic_institution_in_capitals_needs_a_country_too():
    assert non_entity_reason("SENATE") == "institution without a country"
    assert non_entity_reason("Finance Ministry") == "institution without a country"
    assert non_entity_reason("Finance Ministry (Japan)") is None


def test_common_form_drops_the_possessive_too():
    assert common_form("Kestrel Bank's") == "Kestrel Bank"
    assert common_form("Brokers'") == "Brokers"


def test_acronym_tail_is_only_an_acronym():
    assert split_acronym("Northern Grain Council (NGC)") == ("Northern Grain Council", "NGC")
    assert split_acronym("World Rowing Safety Agency (Wrsa)") == ("World Rowing Safety Agency", "Wrsa")
    assert split_acronym("Finance Ministry (Japan)") == ("Finance Ministry (Japan)", None)
    assert split_acronym("Anna Berg (Sweden)") == ("Anna Berg (Sweden)", None)
    assert split_acronym("(NGC)") == ("(NGC)", None)


def test_legal_suffix_leaves_a_name():
    assert strip_legal_suffix("Marlow Shipping Plc") == "Marlow Shipping"
    assert strip_legal_suffix("Group AG") == "Group AG"
    assert strip_legal_suffix("Banco Austral SA de C.V.") == "Banco Austral"


def test_shouting_and_acronyms_in_any_script():
    assert is_shouting("TENNEX INDUSTRIES") and is_shouting("ØRSTEDVERKET")
    assert not is_shouting("IBM") and not is_shouting("Tennex") and not is_shouting("U.N.")
    assert is_acronym("IBM") and is_acronym("U.N.") and is_acronym("AT&T") and is_acronym("ŁKS")
    assert not is_acronym("Ibm") and not is_acronym("I") and not is_acronym("TENNEX INDUSTRIES")


def test_a_month_before_a_day_is_a_date_not_an_organisation():
    table = "Tessaly Mills Inc 4TH QTR DEC 31 NET. Shr 12 cts vs 10 cts. Year to Dec. 31, 1986."
    company = "DEC said its new workstation ships in March; DEC shares rose."
    assert date_in_context("DEC", table)
    assert not date_in_context("DEC", company)
    assert not date_in_context("DEC", "DEC 31 results beat forecasts, DEC said.")  # one mention alone
    assert not date_in_context("Tessaly Mills", table)
