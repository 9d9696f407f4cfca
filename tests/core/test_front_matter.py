"""The one post reader: what the ingest's post index, the archive's store and the pages reader
all get from a post's text."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from wire_core.front_matter import PostDateline, parse_date, read_post
from wire_core.post_file import FrontMatterError

POST = """---
title: "  Ceasefire   talks resume "
date: '2025-11-04T09:30:00+00:00'
slug: ceasefire-talks
story: ceasefire
status: Hidden
dateline:
  places: [Doha, ' Kabul ', Doha]
  source: Web Desk
countries: [qa, AF, qa]
people: Amir Khan Muttaqi, Ishaq Dar
topics:
- code: medtop:16000000
  label: conflict, war and peace
- medtop:11000000
- diplomacy
- {label: no code}
wire: {path: content/wire/doha.txt, sha256: abc, extractor: v1-x}
template: special
---

Body text.
"""


def test_fields_are_tidied_and_typed():
    front, body = read_post(POST)
    assert body == "\nBody text.\n"
    assert front.title == "Ceasefire talks resume"
    assert front.date == datetime(2025, 11, 4, 9, 30, tzinfo=UTC) and front.date_error is None
    assert (front.slug, front.story, front.status) == ("ceasefire-talks", "ceasefire", "hidden")
    assert front.dateline == PostDateline(("Doha", "Kabul"), "Web Desk", None)
    assert front.countries == ("QA", "AF") and front.countries_mentioned == ()
    assert front.people == ("Amir Khan Muttaqi", "Ishaq Dar")  # a comma-separated string is a list
    assert front.topics == (
        ("medtop:16000000", "conflict, war and peace"),
        ("medtop:11000000", None),
        (None, "diplomacy"),
    )
    assert (front.wire.path, front.wire.sha256, front.wire.extractor) == ("content/wire/doha.txt", "abc", "v1-x")
    assert front.fields["template"] == "special"  # everything as written, for Pelican's pages


def test_a_hand_written_post_has_no_wire_and_defaults():
    front, _ = read_post("---\ntitle: About\n---\n\nText\n")
    assert front.wire is None and front.status == "published" and front.date is None
    assert front.date_error == "the front matter has no date"
    assert (front.slug, front.summary, front.people, front.topics) == (None, None, (), ())


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-03-03T10:00:00+01:00", "2025-03-03T10:00:00+01:00"),
        (datetime(2025, 3, 3, 10), "2025-03-03T10:00:00"),
        ("2025-03-03", "2025-03-03T00:00:00"),
        ("3 March 2025 10:00", "2025-03-03T10:00:00"),
    ],
)
def test_dates_are_read_one_way(value, expected):
    assert parse_date(value).isoformat() == expected


def test_an_unreadable_date_says_so_and_broken_front_matter_raises():
    front, _ = read_post("---\ntitle: T\ndate: next tuesday-ish?\n---\n")
    assert front.date is None and front.date_error == "the date 'next tuesday-ish?' cannot be read"
    with pytest.raises(FrontMatterError, match="not closed"):
        read_post("---\ntitle: T\n")
    with pytest.raises(FrontMatterError, match="not a mapping"):
        read_post("---\n- a list\n---\n")


def test_an_items_wire_block_says_its_key_guid_version_and_status():
    text = POST.replace(
        "wire: {path: content/wire/doha.txt, sha256: abc, extractor: v1-x}",
        "wire: {path: content/wire/feed.json, sha256: abc, item: 'urn:x:1', guid: 'urn:x:1', version: 3,"
        " status: Canceled, extractor: v1-x}",
    ).replace("status: Hidden", "status: withdrawn")
    front, _ = read_post(text)
    assert front.status == "withdrawn"
    wire = front.wire
    assert (wire.item, wire.guid, wire.version, wire.status) == ("urn:x:1", "urn:x:1", 3, "canceled")
    assert wire.source == "content/wire/feed.json#urn:x:1"
    # a version that is not a whole number is no version; plain text has none of these
    odd, _ = read_post(text.replace("version: 3", "version: three"))
    assert odd.wire.version is None
    plain, _ = read_post(POST)
    assert (plain.wire.item, plain.wire.guid, plain.wire.version, plain.wire.status) == ("", None, None, None)
    assert plain.wire.source == "content/wire/doha.txt"
