"""decode_bytes: raw wire bytes → normalised text, or a DecodeError an editor can act on."""

from __future__ import annotations

import random
import unicodedata

import pytest
from wire_ingest.decode import MAX_BYTES, Decoded, DecodeError, decode_bytes

SAMPLE = "Café owners in Portville said “prices rose” – again, naïvely."


def test_plain_utf8_is_decoded_without_warnings():
    result = decode_bytes(SAMPLE.encode("utf-8"))
    assert isinstance(result, Decoded)
    assert result.text == SAMPLE
    assert result.encoding == "utf-8"
    assert result.warnings == ()


def test_utf8_with_bom_drops_the_bom():
    result = decode_bytes(b"\xef\xbb\xbf" + SAMPLE.encode("utf-8"))
    assert result.text == SAMPLE
    assert not result.text.startswith("\ufeff")
    assert result.encoding == "utf-8-sig"
    assert result.warnings == ()


@pytest.mark.parametrize(
    "raw",
    [
        b"\xff\xfe" + SAMPLE.encode("utf-16-le"),
        b"\xfe\xff" + SAMPLE.encode("utf-16-be"),
    ],
    ids=["utf-16-le", "utf-16-be"],
)
def test_utf16_with_bom(raw):
    result = decode_bytes(raw)
    assert result.text == SAMPLE
    assert "\ufeff" not in result.text
    assert result.encoding == "utf-16"
    assert any("utf-16" in w for w in result.warnings)


def test_truncated_utf16_is_rejected():
    raw = b"\xff\xfe" + "Bridge".encode("utf-16-le") + b"\x00"  # odd number of bytes
    with pytest.raises(DecodeError, match="UTF-16"):
        decode_bytes(raw)


def test_windows_1252_smart_quotes_and_dashes():
    text = "“We’re open,” the mayor said – twice."
    raw = text.encode("cp1252")
    assert b"\x93" in raw and b"\x92" in raw and b"\x96" in raw
    result = decode_bytes(raw)
    assert result.text == text
    assert result.encoding == "windows-1252"
    assert any("windows-1252" in w for w in result.warnings)


def test_latin1_accents():
    text = "Müller from Zürich met the café owner in Málaga."
    result = decode_bytes(text.encode("latin-1"))
    assert result.text == text
    assert result.encoding == "latin-1"
    assert any("latin-1" in w for w in result.warnings)


def test_mostly_utf8_with_a_few_invalid_bytes_keeps_the_utf8():
    raw = "Müller in Zürich — “fine”. ".encode() + b"\xff" + b" The rest is ok."
    result = decode_bytes(raw)
    assert result.text.startswith("Müller in Zürich — “fine”.")
    assert "\ufffd" in result.text
    assert result.text.endswith("The rest is ok.")
    assert "replaced" in result.encoding
    assert result.warnings  # the editor is told


def test_nul_bytes_are_removed_with_a_warning():
    raw = b"Bridge reopens\n\nPORTVILLE (AP) - The bridge\x00 reopened on Monday after repairs."
    result = decode_bytes(raw)
    assert "\x00" not in result.text
    assert result.text.endswith("The bridge reopened on Monday after repairs.")
    assert any("NUL" in w for w in result.warnings)


def test_other_control_characters_are_removed_but_tabs_and_newlines_stay():
    result = decode_bytes(b"Bridge\x07 reopens\tnow\n\nThe\x1b bridge reopened.")
    assert result.text == "Bridge reopens\tnow\n\nThe bridge reopened."


def test_mostly_nul_is_rejected_as_binary():
    with pytest.raises(DecodeError, match="NUL"):
        decode_bytes("Bridge".encode("utf-16-le"))  # UTF-16 without a BOM reads as mostly NUL


@pytest.mark.parametrize(
    ("raw", "what"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (b"GIF89a\x01\x00\x01\x00", "GIF"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG"),
        (b"PK\x03\x04\x14\x00\x06\x00", "ZIP"),
        (b"\x1f\x8b\x08\x00\x00\x00", "gzip"),
        (b"\x7fELF\x02\x01\x01", "executable"),
    ],
)
def test_binary_magic_is_rejected_with_what_it_looks_like(raw, what):
    with pytest.raises(DecodeError) as info:
        decode_bytes(raw + b"The rest could even be text.")
    message = str(info.value)
    assert "not a text file" in message
    assert what in message


def test_random_bytes_are_rejected_as_binary():
    raw = random.Random(1234).randbytes(4096)
    with pytest.raises(DecodeError, match="binary"):
        decode_bytes(raw)


def test_oversize_is_rejected_before_decoding():
    with pytest.raises(DecodeError, match="MB"):
        decode_bytes(b"a" * (MAX_BYTES + 1))


def test_exactly_max_size_is_accepted():
    result = decode_bytes(b"a" * MAX_BYTES)
    assert len(result.text) == MAX_BYTES


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"one\r\ntwo\r\n\r\nthree", "one\ntwo\n\nthree"),
        (b"one\rtwo\r\rthree", "one\ntwo\n\nthree"),
        (b"one\r\ntwo\rthree\nfour", "one\ntwo\nthree\nfour"),
        ("one\u2028two\u2029three".encode(), "one\ntwo\nthree"),
    ],
    ids=["crlf", "cr", "mixed", "unicode-separators"],
)
def test_line_ends_are_normalised(raw, expected):
    assert decode_bytes(raw).text == expected


def test_nfc_normalisation():
    decomposed = "Cafe\u0301 in Zu\u0308rich"
    result = decode_bytes(decomposed.encode("utf-8"))
    assert result.text == "Café in Zürich"
    assert unicodedata.is_normalized("NFC", result.text)
    assert len(result.text) == len(decomposed) - 2


def test_stray_bom_inside_the_text_is_removed():
    result = decode_bytes("one\ufefftwo".encode())
    assert result.text == "onetwo"


def test_empty_bytes_decode_to_empty_text():
    result = decode_bytes(b"")
    assert result.text == ""
    assert result.encoding == "utf-8"


def test_utf8_file_with_one_invalid_byte_keeps_every_other_character():
    """One stray Latin-1 byte in a UTF-8 file: that byte is replaced, nothing else is touched
    (decoding the whole file as Latin-1 would turn every accent and quote into mojibake)."""
    from tests.support.golden_formats import SPECIMENS

    result = decode_bytes((SPECIMENS / "text" / "one-bad-byte.txt").read_bytes())
    assert result.text.count("\ufffd") == 1
    for kept in ("Señora", "Valparaíso", "“by a wide margin”", "port’s"):
        assert kept in result.text
    assert "Ã" not in result.text and "â€" not in result.text
    assert result.encoding == "utf-8 (invalid bytes replaced)"
    assert result.warnings == ("invalid bytes replaced: 1 byte not UTF-8 (line 2); the rest kept as UTF-8",)


def test_windows_1252_punctuation_pasted_into_utf8_becomes_that_punctuation():
    raw = "Zürich talks".encode() + b" \x93resume\x94 \x96 today\x85"
    result = decode_bytes(raw)
    assert result.text == "Zürich talks “resume” – today…"
    assert "4 bytes" in result.warnings[0]


def test_a_truncated_sequence_is_one_replacement_character():
    result = decode_bytes("Müller in Zürich".encode() + b"\xe2\x80 and on")
    assert result.text == "Müller in Zürich\ufffd and on"
    assert "2 bytes" in result.warnings[0]


def test_utf8_with_bom_and_a_bad_byte_is_reported_too():
    result = decode_bytes(b"\xef\xbb\xbf" + "Señora\nline two ".encode() + b"\xff")
    assert result.text == "Señora\nline two \ufffd"
    assert result.encoding == "utf-8-sig (invalid bytes replaced)"
    assert "line 2" in result.warnings[0]


def test_latin1_text_with_one_accidental_utf8_pair_stays_latin1():
    text = "Mañana en Málaga, Cádiz y Córdoba: el señor Muñoz habló de la región. " * 3 + "Â£ 5"
    result = decode_bytes(text.encode("latin-1"))
    assert result.encoding in ("latin-1", "windows-1252")
    assert result.text.startswith("Mañana en Málaga")
