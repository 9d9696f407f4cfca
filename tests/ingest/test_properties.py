"""Property tests: the ingest stages fail only in the ways they promise, for any input."""

from __future__ import annotations

import contextlib
import unicodedata
from datetime import UTC, datetime

import markdown
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wire_core.post_file import escape_markdown, is_edited, split_post
from wire_ingest.decode import DecodeError, decode_bytes
from wire_ingest.parse import ParseError, parse_text
from wire_ingest.records import Dateline, Metadata, OrganizationTag, PersonTag, Story
from wire_ingest.write import WireRef, render_post, summarise

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# printable text: no control characters (so no newlines) and no lone surrogates
printable = st.text(st.characters(blacklist_categories=("Cc", "Cs")), min_size=1, max_size=80)

# text that looks a little like wire copy, so the parser's branches are reached
wire_alphabet = st.sampled_from(
    list("ABCDEFGHIKLMNOPRSTUWY abcdehilmnorstuy .,:;-—–()/'’\"…0123456789ÉÜé\n\n\n\t")
    + ["LONDON, March 3 (Reuters) - ", "KARACHI: ", "Paris (AFP) - ", "By Jane Doe", "Reuter", "...", "1996-08-30"]
)
wire_like = st.lists(wire_alphabet, max_size=120).map("".join)


@SETTINGS
@given(st.one_of(st.text(max_size=400), wire_like))
def test_parse_text_only_raises_parse_error(text):
    try:
        story = parse_text(text)
    except ParseError:
        return
    assert story.headline.strip()
    assert story.paragraphs
    assert all(p.strip() for p in story.paragraphs)


@SETTINGS
@given(st.binary(max_size=600))
def test_decode_bytes_only_raises_decode_error(raw):
    try:
        decoded = decode_bytes(raw)
    except DecodeError as exc:
        assert str(exc)  # always says why
        return
    assert "\x00" not in decoded.text
    assert "\r" not in decoded.text
    assert unicodedata.is_normalized("NFC", decoded.text)


@SETTINGS
@given(st.text(max_size=300), st.sampled_from(["utf-8", "utf-16", "cp1252", "latin-1"]))
def test_decode_encoded_text_never_crashes(text, encoding):
    raw = text.encode(encoding, errors="ignore")
    if encoding == "utf-16" and not raw:
        return
    with contextlib.suppress(DecodeError):
        decode_bytes(raw)


@SETTINGS
@given(
    title=printable,
    paragraphs=st.lists(printable, min_size=1, max_size=3),
    standfirst=st.none() | printable,
    people=st.lists(printable, max_size=4),
    organizations=st.lists(printable, max_size=4),
    source=st.none() | printable,
)
def test_render_then_split_round_trips(title, paragraphs, standfirst, people, organizations, source):
    story = Story(
        headline=title,
        paragraphs=tuple(paragraphs),
        standfirst=standfirst,
        dateline=Dateline(places=("Portville",), source=source),
    )
    metadata = Metadata(
        people=tuple(PersonTag(name, 1, 0.5) for name in people),
        organizations=tuple(OrganizationTag(name, 1) for name in organizations),
    )
    when = datetime(2025, 3, 3, tzinfo=UTC)
    post = render_post(story, metadata, "slug", when, WireRef("wire/x.txt", "0" * 64, "test"))
    front, _ = split_post(post.text)
    assert front["title"] == title
    assert front["summary"] == summarise(story)
    assert front["people"] == people
    assert front["organizations"] == organizations
    assert front["dateline"]["source"] == source
    assert not is_edited(post.text)


@SETTINGS
@given(st.text(max_size=200))
def test_escaped_text_renders_no_active_html(text):
    rendered = markdown.markdown(escape_markdown(text))
    assert "<script" not in rendered
    assert "<img" not in rendered
    assert "<a " not in rendered
