"""Hostile and broken XML and JSON: refused with a reason an editor can act on, and nothing
outside the file is ever read (checked with an audit hook on every file open and network
connection the reader could make). How long each refusal takes is measured, not asserted:
``python -m bench.formats``."""

from __future__ import annotations

import json
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest
import wire_ingest
from wire_ingest.decode import MAX_BYTES
from wire_ingest.formats import FormatError, read_items
from wire_ingest.safexml import MAX_DEPTH, MAX_ELEMENTS, XMLRefused, parse_xml

from tests.support.golden_formats import SPECIMENS

HOSTILE = SPECIMENS / "hostile"

# file → words the refusal must contain
REFUSED = {
    "billion-laughs.xml": ("entity", "lol"),
    "quadratic-blowup.xml": ("entity",),
    "external-entity.xml": ("entity", "file:///etc/passwd"),
    "parameter-entity.xml": ("entity", "file:///etc/passwd"),
    "external-dtd.xml": ("external DTD", "never loaded"),
    "external-dtd-file.xml": ("external DTD", "file:///etc/passwd"),
    "deep-nesting.xml": ("nested", str(MAX_DEPTH)),
    "invalid.xml": ("invalid XML", "line 4"),
    "invalid.json": ("invalid JSON", "line 4"),
    "not-ninjs.json": ("not ninjs",),
}

_WATCHING: list[tuple] = []
_ACTIVE = False
_PACKAGE = str(Path(wire_ingest.__file__).resolve().parent)  # its code and data tables may be read


def _audit(event: str, args) -> None:
    if not _ACTIVE or event not in ("open", "socket.connect", "socket.getaddrinfo", "urllib.Request", "os.listdir"):
        return
    if event == "open" and isinstance(args[0], str) and str(Path(args[0]).resolve()).startswith(_PACKAGE):
        return
    _WATCHING.append((event, args))


sys.addaudithook(_audit)  # a hook cannot be removed; it records only inside ``nothing_opened``


@contextmanager
def nothing_opened():
    """Fail if anything inside opens a file or reaches for the network."""
    global _ACTIVE
    _WATCHING.clear()
    _ACTIVE = True
    try:
        yield
    finally:
        _ACTIVE = False
    assert _WATCHING == [], f"the reader reached outside the file: {_WATCHING}"


def test_the_watch_sees_a_file_being_opened(tmp_path):
    """The check below would catch a read: opening any file outside the package is recorded."""
    target = tmp_path / "x.txt"
    target.write_text("x")
    with pytest.raises(AssertionError, match="reached outside"), nothing_opened():
        target.read_text()


def test_every_hostile_specimen_is_covered():
    assert sorted(REFUSED) + ["xinclude.xml"] == sorted(p.name for p in HOSTILE.iterdir())


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_hostile_file_is_refused_with_its_reason_and_reads_nothing(name):
    raw = (HOSTILE / name).read_bytes()
    with nothing_opened(), pytest.raises(FormatError) as refused:
        read_items(raw, name)
    for word in REFUSED[name]:
        assert word in str(refused.value), str(refused.value)


@pytest.mark.parametrize("name", ["billion-laughs.xml", "external-entity.xml", "external-dtd.xml"])
def test_hostile_xml_in_a_txt_file_is_still_refused(name):
    """A ``.txt`` that is XML is read as XML (refused), not published as text."""
    with pytest.raises(FormatError):
        read_items((HOSTILE / name).read_bytes(), "story.txt")


def test_an_external_entity_never_reaches_the_story(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("MARKER-4711")
    raw = (
        f'<?xml version="1.0"?><!DOCTYPE nitf [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>'
        "<nitf><body><body.head><hedline><hl1>&xxe;</hl1></hedline></body.head>"
        "<body.content><p>&xxe;</p></body.content></body></nitf>"
    ).encode()
    with nothing_opened(), pytest.raises(FormatError) as refused:
        read_items(raw, "leak.xml")
    assert "MARKER-4711" not in str(refused.value)


def test_xinclude_is_not_followed():
    raw = (HOSTILE / "xinclude.xml").read_bytes()
    with nothing_opened():
        (item,) = read_items(raw, "xinclude.xml")
    assert item.story.paragraphs == ("Before.", "After.")


def test_remote_content_is_not_fetched():
    raw = (SPECIMENS / "newsml-g2/remote-body.xml").read_bytes()
    with nothing_opened():
        (item,) = read_items(raw, "remote.xml")
    assert item.story is None and "never fetched" in item.error


def test_an_entity_in_a_ninjs_nitf_body_spoils_only_that_item():
    body = '<!DOCTYPE nitf [<!ENTITY x SYSTEM "file:///etc/passwd">]><nitf><body><body.content><p>&x;</p></body.content></body></nitf>'
    raw = json.dumps([
        {"uri": "a", "headline": "Poisoned", "body_nitf": body},
        {"uri": "b", "headline": "Fine", "body_text": "KARACHI: Markets rose on Monday."},
    ]).encode()  # fmt: skip
    with nothing_opened():
        poisoned, fine = read_items(raw, "feed.json")
    assert poisoned.story is None and "entity" in poisoned.error
    assert fine.story.headline == "Fine"


def test_the_nitf_document_type_lines_are_allowed_and_entities_come_from_the_html_table():
    for doctype in (
        '<!DOCTYPE nitf SYSTEM "nitf-3-4.dtd">',
        '<!DOCTYPE nitf PUBLIC "-//IPTC//DTD NITF 3.4//EN" "http://www.nitf.org/IPTC/NITF/3.4/specification/dtd/nitf-3-4.dtd">',
    ):
        with nothing_opened():
            root = parse_xml(f'<?xml version="1.0"?>{doctype}<nitf><p>caf&eacute; &mdash; &#233;</p></nitf>'.encode())
        assert "".join(root.itertext()) == "café — é"


@pytest.mark.parametrize(
    "doctype",
    [
        '<!DOCTYPE nitf SYSTEM "../../nitf.dtd">',
        '<!DOCTYPE nitf SYSTEM "/usr/share/xml/nitf.dtd">',
        '<!DOCTYPE nitf PUBLIC "-//EVIL//DTD X//EN" "http://127.0.0.1:9/x.dtd">',
    ],
)
def test_other_external_dtds_are_refused(doctype):
    with pytest.raises(XMLRefused, match="external DTD"):
        parse_xml(f"{doctype}<nitf/>".encode())


def test_a_named_entity_without_a_dtd_is_invalid_xml():
    with pytest.raises(XMLRefused, match="undefined entity"):
        parse_xml(b"<nitf><p>caf&eacute;</p></nitf>")


def test_oversized_xml_is_refused_before_parsing():
    raw = b"<nitf><body><body.content><p>" + b"x" * (MAX_BYTES + 1) + b"</p></body.content></body></nitf>"
    with pytest.raises(FormatError, match="MB"):
        read_items(raw, "huge.xml")


def test_too_many_elements_are_refused():
    raw = b"<nitf><body><body.content>" + b"<p/>" * (MAX_ELEMENTS + 1) + b"</body.content></body></nitf>"
    with pytest.raises(FormatError, match="elements"):
        read_items(raw, "many.xml")


def test_deeply_nested_json_is_refused():
    with pytest.raises(FormatError, match="nested too deeply"):
        read_items(b"[" * 100_000 + b"]" * 100_000, "deep.json")


def test_a_giant_number_in_json_is_refused():
    raw = b'{"uri": "u", "headline": "H", "urgency": ' + b"9" * 10_000 + b"}"
    with pytest.raises(FormatError, match="invalid JSON"):
        read_items(raw, "n.json")


def test_oversized_json_is_refused():
    raw = b'{"uri": "u", "headline": "H", "body_text": "' + b"x" * (MAX_BYTES + 1) + b'"}'
    with pytest.raises(FormatError, match="MB"):
        read_items(raw, "huge.json")
