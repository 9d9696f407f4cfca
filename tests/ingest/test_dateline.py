"""split_dateline and resolve_date: every dateline convention the agencies use."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from wire_ingest.dateline import resolve_date, split_dateline

# (paragraph, places, source, qualifier, date_text, raw, rest)
CONVENTIONS = [
    (
        "ISTANBUL / ISLAMABAD (Web Desk): The talks ended without progress.",
        ("Istanbul", "Islamabad"),
        "Web Desk",
        None,
        None,
        "ISTANBUL / ISLAMABAD (Web Desk):",
        "The talks ended without progress.",
    ),
    (
        "LONDON, March 3 (Reuters) - Shares in Portville Mining fell.",
        ("London",),
        "Reuters",
        None,
        "March 3",
        "LONDON, March 3 (Reuters) -",
        "Shares in Portville Mining fell.",
    ),
    (
        "WASHINGTON (AP) — Voters head to the polls on Tuesday.",
        ("Washington",),
        "AP",
        None,
        None,
        "WASHINGTON (AP) —",
        "Voters head to the polls on Tuesday.",
    ),
    (
        "Paris (AFP) - A small gallery opened on Wednesday.",
        ("Paris",),
        "AFP",
        None,
        None,
        "Paris (AFP) -",
        "A small gallery opened on Wednesday.",
    ),
    (
        "KARACHI: The board named a new squad on Thursday.",
        ("Karachi",),
        None,
        None,
        None,
        "KARACHI:",
        "The board named a new squad on Thursday.",
    ),
    (
        "CLEVELAND, Feb 26 - Workers walked off the job.",
        ("Cleveland",),
        None,
        None,
        "Feb 26",
        "CLEVELAND, Feb 26 -",
        "Workers walked off the job.",
    ),
    (
        "NEW YORK, MARCH 23 - Stocks rose in early trade.",
        ("New York",),
        None,
        None,
        "March 23",
        "NEW YORK, MARCH 23 -",
        "Stocks rose in early trade.",
    ),
    (
        "ST. LOUIS, Mo., March 3 - A judge ruled on Monday.",
        ("St. Louis",),
        None,
        "Mo.",
        "March 3",
        "ST. LOUIS, Mo., March 3 -",
        "A judge ruled on Monday.",
    ),
    (
        "NAIROBI, Nov 4, 2025 (Xinhua) -- The bank cut its key rate.",
        ("Nairobi",),
        "Xinhua",
        None,
        "Nov 4, 2025",
        "NAIROBI, Nov 4, 2025 (Xinhua) --",
        "The bank cut its key rate.",
    ),
    (
        "BERLIN, 12 May (dpa) - Emissions fell again last year.",
        ("Berlin",),
        "dpa",
        None,
        "12 May",
        "BERLIN, 12 May (dpa) -",
        "Emissions fell again last year.",
    ),
    (
        "LONDON 1996-08-30",
        ("London",),
        None,
        None,
        "1996-08-30",
        "LONDON 1996-08-30",
        "",
    ),
    (
        "AL-AIN, United Arab Emirates 1996-12-06",
        ("Al-Ain",),
        None,
        "United Arab Emirates",
        "1996-12-06",
        "AL-AIN, United Arab Emirates 1996-12-06",
        "",
    ),
    (
        "MEXICO CITY, Sept 23 (AP) — A federal judge ruled.",
        ("Mexico City",),
        "AP",
        None,
        "Sept 23",
        "MEXICO CITY, Sept 23 (AP) —",
        "A federal judge ruled.",
    ),
    (
        "Kuala Lumpur (AFP) - Rain closed the airport.",
        ("Kuala Lumpur",),
        "AFP",
        None,
        None,
        "Kuala Lumpur (AFP) -",
        "Rain closed the airport.",
    ),
    (
        "SAN JUAN, Puerto Rico, March 3 (Reuters) - Power returned.",
        ("San Juan",),
        "Reuters",
        "Puerto Rico",
        "March 3",
        "SAN JUAN, Puerto Rico, March 3 (Reuters) -",
        "Power returned.",
    ),
    (
        "WASHINGTON, Dec. 5 - Congress adjourned.",
        ("Washington",),
        None,
        None,
        "Dec. 5",
        "WASHINGTON, Dec. 5 -",
        "Congress adjourned.",
    ),
]


@pytest.mark.parametrize(
    ("paragraph", "places", "source", "qualifier", "date_text", "raw", "rest"),
    CONVENTIONS,
    ids=[c[5] for c in CONVENTIONS],
)
def test_dateline_conventions(paragraph, places, source, qualifier, date_text, raw, rest):
    found = split_dateline(paragraph)
    assert found is not None
    assert found.dateline.places == places
    assert found.dateline.source == source
    assert found.dateline.qualifier == qualifier
    assert found.dateline.date_text == date_text
    assert found.dateline.raw == raw
    assert found.rest == rest


@pytest.mark.parametrize(
    "paragraph",
    [
        "NATO - the alliance said it would meet again.",
        "The minister said: no deal would be signed.",
        "UPDATE 1 - Shares rose in early trade.",
        "BREAKING: A bridge has closed.",
        "He said: yes.",
        "Note: the figures are provisional.",
        "The bridge reopened on Monday after six weeks of repairs.",
        "",
    ],
)
def test_non_datelines(paragraph):
    assert split_dateline(paragraph) is None


def test_qualifier_is_kept_separately_from_the_place():
    found = split_dateline("ST. LOUIS, Mo., March 3 - A judge ruled on Monday.")
    assert found is not None
    assert found.dateline.places == ("St. Louis",)
    assert found.dateline.qualifier == "Mo."
    assert "Mo." not in found.rest


def test_line_dateline_must_be_alone_on_its_line():
    # the ISO form without a separator only counts when nothing follows it
    assert split_dateline("LONDON 1996-08-30 The county side won.") is None


def test_raw_keeps_the_original_month_case():
    found = split_dateline("NEW YORK, MARCH 23 (Reuters) - Stocks rose.")
    assert found is not None
    assert found.dateline.raw == "NEW YORK, MARCH 23 (Reuters) -"
    assert found.dateline.date_text == "March 23"


# --- resolve_date --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("date_text", "reference", "expected"),
    [
        # year-less: the latest year that is not more than two days after the reference
        ("March 3", date(2025, 3, 10), date(2025, 3, 3)),
        ("March 3", datetime(2025, 3, 10, 23, 30), date(2025, 3, 3)),
        ("Dec 30", date(2025, 1, 2), date(2024, 12, 30)),
        ("Jan 4", date(2025, 1, 2), date(2025, 1, 4)),  # exactly two days ahead: this year
        ("Jan 5", date(2025, 1, 2), date(2024, 1, 5)),  # three days ahead: last year
        ("Dec 31", date(2024, 12, 29), date(2024, 12, 31)),
        ("12 May", date(2025, 6, 1), date(2025, 5, 12)),
        ("12 May", date(2025, 5, 1), date(2024, 5, 12)),
        ("Sept. 4", date(2025, 9, 10), date(2025, 9, 4)),
        ("Sept 23", date(2025, 9, 30), date(2025, 9, 23)),
        ("March 3rd", date(2025, 3, 10), date(2025, 3, 3)),
        ("MARCH 23", date(2025, 4, 1), date(2025, 3, 23)),
        # explicit years win over the reference
        ("Nov 4, 2025", date(2020, 1, 1), date(2025, 11, 4)),
        ("Nov 4 2025", None, date(2025, 11, 4)),
        ("5 March 2024", date(2030, 1, 1), date(2024, 3, 5)),
        ("June 30, 2025", date(2025, 7, 1), date(2025, 6, 30)),
        ("Feb 29, 2024", None, date(2024, 2, 29)),
        # ISO
        ("1996-08-30", None, date(1996, 8, 30)),
        ("1996-12-06", date(2025, 1, 1), date(1996, 12, 6)),
    ],
)
def test_resolve_date(date_text, reference, expected):
    assert resolve_date(date_text, reference) == expected


@pytest.mark.parametrize(
    ("date_text", "reference"),
    [
        ("Feb 30", date(2025, 3, 1)),
        ("Feb 30, 2024", None),
        ("Feb 29, 2023", None),
        ("31 April", date(2025, 5, 1)),
        ("2023-02-29", None),
        ("1996-13-01", None),
        (None, date(2025, 1, 1)),
        ("", date(2025, 1, 1)),
    ],
)
def test_resolve_impossible_or_missing_dates(date_text, reference):
    assert resolve_date(date_text, reference) is None


def test_resolve_never_returns_a_date_more_than_two_days_ahead():
    reference = date(2025, 6, 15)
    for text in ("June 17", "June 18", "July 1", "Dec 31", "Jan 1"):
        resolved = resolve_date(text, reference)
        assert resolved is not None
        assert (resolved - reference).days <= 2
        assert (reference - resolved).days < 366


def test_split_then_resolve_end_to_end():
    found = split_dateline("CLEVELAND, Feb 26 - Workers walked off the job.")
    assert found is not None
    assert resolve_date(found.dateline.date_text, date(2025, 3, 1)) == date(2025, 2, 26)
    assert resolve_date(found.dateline.date_text, date(2025, 2, 1)) == date(2024, 2, 26)
