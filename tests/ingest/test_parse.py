"""parse_text / parse_bytes: wire text → Story (headline, standfirst, byline, dateline, body)."""

from __future__ import annotations

import pytest
from wire_ingest.parse import ParseError, parse_bytes, parse_text
from wire_ingest.records import Story

from tests.support import SEEDS

LEAD = "The harbour bridge reopened on Monday after six weeks of repairs, and traffic was light."


def test_headline_dateline_and_paragraphs_in_blank_line_blocks():
    story = parse_text(
        "Harbour bridge reopens after repairs\n\n"
        "PORTVILLE, March 3 (Reuters) - The harbour bridge reopened on Monday.\n\n"
        "Traffic was light in the morning.\n\n"
        "Officials were pleased."
    )
    assert isinstance(story, Story)
    assert story.headline == "Harbour bridge reopens after repairs"
    assert story.paragraphs == (
        "The harbour bridge reopened on Monday.",
        "Traffic was light in the morning.",
        "Officials were pleased.",
    )
    assert story.dateline is not None
    assert story.dateline.places == ("Portville",)
    assert story.dateline.source == "Reuters"
    assert story.dateline.date_text == "March 3"
    assert story.standfirst is None
    assert story.byline is None
    assert story.signoff is None
    assert story.warnings == ()
    assert story.date is None  # parsing never resolves a date


def test_one_paragraph_per_line_without_blank_lines():
    story = parse_text(
        "Harbour bridge reopens\n"
        "PORTVILLE (AP) — The harbour bridge reopened on Monday.\n"
        "Traffic was light in the morning.\n"
        "Officials were pleased."
    )
    assert story.headline == "Harbour bridge reopens"
    assert story.paragraphs == (
        "The harbour bridge reopened on Monday.",
        "Traffic was light in the morning.",
        "Officials were pleased.",
    )
    assert story.dateline is not None and story.dateline.source == "AP"


def test_whitespace_inside_lines_is_collapsed():
    story = parse_text(
        "Bridge   reopens \t now\n\nPORTVILLE (AP) -   The bridge    reopened.\n\n  Traffic was light.  "
    )
    assert story.headline == "Bridge reopens now"
    assert story.paragraphs == ("The bridge reopened.", "Traffic was light.")


def test_hard_wrapped_copy_is_joined():
    story = parse_text(
        "Harbour bridge reopens after repairs\n\n"
        "PORTVILLE, March 3 (Reuters) - The harbour bridge reopened on Monday after six\n"
        "weeks of repairs, city officials said, adding that traffic was expected\n"
        "to return to normal levels by the end of the week as crews finished.\n\n"
        "Traffic was light in the morning, according to the city transport office\n"
        "which monitors the bridge and its approaches throughout the day and night."
    )
    assert story.paragraphs == (
        "The harbour bridge reopened on Monday after six weeks of repairs, city officials said, adding that "
        "traffic was expected to return to normal levels by the end of the week as crews finished.",
        "Traffic was light in the morning, according to the city transport office which monitors the bridge "
        "and its approaches throughout the day and night.",
    )


def test_hard_wrapped_lead_directly_under_the_headline_is_joined():
    story = parse_text(
        "Harbour bridge reopens after six weeks\n"
        "PORTVILLE, March 3 (Reuters) - The harbour bridge reopened on Monday after six\n"
        "weeks of repairs, city officials said, adding that traffic was expected\n"
        "to return to normal levels by the end of the week as crews finished.\n\n"
        "Traffic was light in the morning, officials said."
    )
    assert story.paragraphs[0] == (
        "The harbour bridge reopened on Monday after six weeks of repairs, city officials said, adding that "
        "traffic was expected to return to normal levels by the end of the week as crews finished."
    )
    assert len(story.paragraphs) == 2


def test_byline_after_headline():
    story = parse_text(
        "Harbour bridge reopens\nBy Jane Doe\n\nPORTVILLE (AP) — The harbour bridge reopened.\n\nTraffic was light."
    )
    assert story.byline == "Jane Doe"
    assert story.headline == "Harbour bridge reopens"
    assert all("Jane Doe" not in p for p in story.paragraphs)
    assert story.paragraphs == ("The harbour bridge reopened.", "Traffic was light.")


def test_uppercase_byline():
    story = parse_text("Harbour bridge reopens\nBY JANE DOE\nPORTVILLE (AP) — The bridge reopened.\nTraffic was light.")
    assert story.byline == "JANE DOE"
    assert story.paragraphs[0] == "The bridge reopened."


def test_reuters_signoff_is_kept_out_of_the_body():
    story = parse_text(
        "Harbour bridge reopens\n\n"
        "PORTVILLE, March 3 (Reuters) - The harbour bridge reopened on Monday.\n\n"
        "Traffic was light in the morning.\n\n"
        "(Reporting by Ana Ruiz; Editing by Tom Bell)"
    )
    assert story.signoff == "(Reporting by Ana Ruiz; Editing by Tom Bell)"
    assert story.paragraphs == ("The harbour bridge reopened on Monday.", "Traffic was light in the morning.")
    assert "Reporting" not in story.body


@pytest.mark.parametrize("mark", ["Reuter", "REUTER", "Reuters"])
def test_agency_signoff_word_is_kept_out_of_the_body(mark):
    story = parse_text(f"Bridge reopens\nPORTVILLE (AP) - The bridge reopened.\nTraffic was light.\n{mark}")
    assert story.signoff == mark
    assert story.paragraphs == ("The bridge reopened.", "Traffic was light.")


def test_several_signoff_lines_are_kept_in_order():
    story = parse_text(
        "Bridge reopens\n\nPORTVILLE (AP) - The bridge reopened.\n\nThe mayor spoke.\n"
        "(Reporting by Ana Ruiz; Editing by Tom Bell)\nREUTER"
    )
    assert story.signoff == "(Reporting by Ana Ruiz; Editing by Tom Bell)\nREUTER"
    assert story.paragraphs == ("The bridge reopened.", "The mayor spoke.")


def test_body_sentence_starting_with_writing_is_not_a_signoff():
    story = parse_text(
        "Bridge reopens\n\nPORTVILLE (AP) - The harbour bridge reopened on Monday.\n\n"
        "Writing in a statement, the mayor thanked the crews for their work."
    )
    assert story.paragraphs[-1] == "Writing in a statement, the mayor thanked the crews for their work."
    assert story.signoff is None


@pytest.mark.parametrize("dateline", ["PORTVILLE (Web Desk): ", ""], ids=["teaser-with-dateline", "teaser-bare"])
@pytest.mark.parametrize("ellipsis", ["…", "..."])
def test_standfirst_teaser_that_repeats_the_lead(dateline, ellipsis):
    teaser = f"{dateline}The harbour bridge reopened on Monday after six weeks of repairs, and traffic{ellipsis}"
    story = parse_text(f"Harbour bridge reopens\n{teaser}\nPORTVILLE (Web Desk): {LEAD}\nOfficials were pleased.")
    assert (
        story.standfirst == f"The harbour bridge reopened on Monday after six weeks of repairs, and traffic{ellipsis}"
    )
    assert not story.standfirst.startswith("PORTVILLE")
    assert story.paragraphs == (LEAD, "Officials were pleased.")  # the teaser is not repeated in the body
    assert story.dateline is not None
    assert story.dateline.places == ("Portville",)
    assert story.dateline.source == "Web Desk"


def test_standfirst_after_a_byline():
    story = parse_text(
        "Harbour bridge reopens\nBy Jane Doe\n"
        "The harbour bridge reopened on Monday after six weeks of repairs, and…\n"
        f"PORTVILLE (AP) - {LEAD}\nOfficials were pleased."
    )
    assert story.byline == "Jane Doe"
    assert story.standfirst is not None and story.standfirst.endswith("and…")
    assert story.paragraphs == (LEAD, "Officials were pleased.")


def test_dateline_only_on_the_teaser_is_kept():
    story = parse_text(
        "Harbour bridge reopens\n"
        "PORTVILLE (Web Desk): The harbour bridge reopened on Monday after six weeks of repairs, and traffic…\n"
        f"{LEAD}\nOfficials were pleased."
    )
    assert story.standfirst is not None
    assert story.dateline is not None
    assert story.dateline.places == ("Portville",)


def test_ellipsis_line_that_does_not_repeat_the_lead_stays_in_the_body():
    story = parse_text(
        "Harbour bridge reopens\n"
        "PORTVILLE (Web Desk): The harbour bridge reopened on Monday.\n"
        "And then the mayor said that…\n"
        "Officials were pleased."
    )
    assert story.standfirst is None
    assert story.paragraphs == (
        "The harbour bridge reopened on Monday.",
        "And then the mayor said that…",
        "Officials were pleased.",
    )


def test_ellipsis_line_that_does_not_repeat_the_lead_before_the_dateline_stays_in_the_body():
    story = parse_text(
        "Harbour bridge reopens\n"
        "Residents had waited for weeks, hoping the work would end soon...\n"
        f"PORTVILLE (Web Desk): {LEAD}\n"
        "Officials were pleased."
    )
    assert story.standfirst is None
    assert story.paragraphs[0] == "Residents had waited for weeks, hoping the work would end soon..."
    assert len(story.paragraphs) == 3


def test_no_dateline_gives_a_warning():
    story = parse_text("Harbour bridge reopens\n\nThe harbour bridge reopened on Monday.\n\nOfficials were pleased.")
    assert story.dateline is None
    assert any("dateline" in w for w in story.warnings)
    assert story.paragraphs == ("The harbour bridge reopened on Monday.", "Officials were pleased.")


@pytest.mark.parametrize("text", ["Harbour bridge reopens", "Harbour bridge reopens\n\n", "Bridge reopens\nReuter"])
def test_headline_only_is_a_parse_error(text):
    with pytest.raises(ParseError, match="headline only"):
        parse_text(text)


@pytest.mark.parametrize("text", ["", "   ", "\n\n\n", " \t \n \n\t\n  "])
def test_empty_or_whitespace_is_a_parse_error(text):
    with pytest.raises(ParseError, match="empty"):
        parse_text(text)


def test_dateline_only_is_a_parse_error():
    with pytest.raises(ParseError):
        parse_text("Harbour bridge reopens\n\nPORTVILLE (AP) -")


def test_missing_headline_line_takes_the_first_sentence():
    story = parse_text(
        "PORTVILLE, March 3 (Reuters) - The harbour bridge reopened on Monday after six weeks of repairs. "
        "Traffic was light.\n\nOfficials were pleased."
    )
    assert story.headline == "The harbour bridge reopened on Monday after six weeks of repairs."
    assert not story.headline.startswith("PORTVILLE")
    assert any("headline" in w for w in story.warnings)
    assert story.dateline is not None and story.dateline.date_text == "March 3"
    assert story.paragraphs == (
        "The harbour bridge reopened on Monday after six weeks of repairs. Traffic was light.",
        "Officials were pleased.",
    )


def test_overlong_first_line_is_not_a_headline():
    first = "The harbour bridge reopened on Monday after repairs. " + "More detail follows here. " * 10
    story = parse_text(first + "\n\nOfficials were pleased.")
    assert story.headline == "The harbour bridge reopened on Monday after repairs."
    assert any("too long" in w for w in story.warnings)
    assert story.paragraphs[0] == " ".join(first.split())


@pytest.mark.parametrize("sep", ["\n", "\n\n"], ids=["lines", "blocks"])
def test_conll_style_caps_headline_then_dateline_line(sep):
    story = parse_text(
        sep.join(
            [
                "CRICKET - COUNTY TEAM WINS",
                "LONDON 1996-08-30",
                "The county side won by six wickets on Friday after a late rally.",
                "The captain praised the bowlers.",
            ]
        )
    )
    assert story.headline == "CRICKET - COUNTY TEAM WINS"
    assert story.dateline is not None
    assert story.dateline.places == ("London",)
    assert story.dateline.date_text == "1996-08-30"
    assert story.paragraphs == (
        "The county side won by six wickets on Friday after a late rally.",
        "The captain praised the bowlers.",
    )
    assert not any("headline" in w for w in story.warnings)


def test_parse_bytes_carries_encoding_and_decode_warnings():
    raw = "Café reopens\n\nPORTVILLE (AP) - The café reopened on Monday.\n\nIt was busy.".encode("latin-1")
    story = parse_bytes(raw)
    assert story.headline == "Café reopens"
    assert story.encoding == "latin-1"
    assert any("latin-1" in w for w in story.warnings)


def test_parse_bytes_merges_decode_and_parse_warnings():
    story = parse_bytes(b"Bridge reopens\r\n\r\nThe bridge\x00 reopened.\r\n\r\nIt was busy.")
    assert story.paragraphs == ("The bridge reopened.", "It was busy.")
    assert any("NUL" in w for w in story.warnings)
    assert any("dateline" in w for w in story.warnings)


# --- the seed files ---------------------------------------------------------------------------

SEED_FILES = sorted(SEEDS.glob("*.txt"))


def test_there_are_seed_files():
    assert len(SEED_FILES) >= 10


@pytest.mark.parametrize("path", SEED_FILES, ids=[p.name for p in SEED_FILES])
def test_every_seed_parses(path):
    story = parse_bytes(path.read_bytes())
    assert story.headline and len(story.headline) <= 200
    assert len(story.paragraphs) >= 2
    assert all(p and p == " ".join(p.split()) for p in story.paragraphs)
    assert story.dateline is not None
    assert story.dateline.places
    assert not story.paragraphs[0].startswith(story.dateline.raw)
    assert not any("headline" in w for w in story.warnings)


def test_seed_with_standfirst_teaser():
    story = parse_bytes((SEEDS / "000_1bd45749871db194.txt").read_bytes())
    assert story.standfirst is not None
    assert story.standfirst.startswith("The latest round")
    assert story.dateline is not None
    assert story.dateline.places == ("Istanbul", "Islamabad")
    assert story.dateline.source == "Web Desk"
    first_sentence = story.standfirst.split(". ")[0]
    assert story.body.count(first_sentence) == 1  # the teaser is not repeated as an extra paragraph
    assert story.paragraphs[0].startswith("The latest round")
    assert story.paragraphs[0] != story.standfirst
    assert not story.paragraphs[1].startswith("The latest round")
