"""Raw bytes → text. Wire files arrive in UTF-8 (with or without BOM), UTF-16, Windows-1252
or Latin-1, sometimes with NUL bytes or stray control characters; binaries get a `.txt` name
by mistake. This stage decides which, or refuses with a reason an editor can act on."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

MAX_BYTES = 5 * 1024 * 1024  # a wire item is a few KB; anything this big is not one

_MAGIC = {
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"GIF8": "a GIF image",
    b"\xff\xd8\xff": "a JPEG image",
    b"PK\x03\x04": "a ZIP archive (or Office document)",
    b"\x1f\x8b": "a gzip archive",
    b"\x7fELF": "an executable",
    b"\xd0\xcf\x11\xe0": "an old Office document",
}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_CP1252_ONLY = re.compile(rb"[\x80-\x9f]")


class DecodeError(ValueError):
    """The bytes are not a wire text; the message says why."""


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    warnings: tuple[str, ...] = ()


def decode_bytes(raw: bytes) -> Decoded:
    """Decode and normalise: NFC, ``\\n`` line ends, no control characters."""
    if len(raw) > MAX_BYTES:
        raise DecodeError(f"file is {len(raw) / 1048576:.1f} MB; a wire item is at most {MAX_BYTES // 1048576} MB")
    for magic, what in _MAGIC.items():
        if raw.startswith(magic):
            raise DecodeError(f"not a text file: looks like {what}")
    text, encoding, repaired = _decode(raw)
    warnings: list[str] = list(repaired)
    if encoding in ("windows-1252", "latin-1", "utf-16"):
        warnings.append(f"decoded as {encoding}")
    if "\x00" in text:
        if text.count("\x00") > len(text) // 10:
            raise DecodeError("not a text file: mostly NUL bytes (binary data?)")
        warnings.append("NUL bytes removed")
    controls = len(_CONTROL.findall(text))
    if controls > max(8, len(text) // 20):
        raise DecodeError("not a text file: too many control characters (binary data?)")
    text = _CONTROL.sub("", text).replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n").replace("\ufeff", "")
    text = unicodedata.normalize("NFC", text)
    return Decoded(text=text, encoding=encoding, warnings=tuple(warnings))


def _decode(raw: bytes) -> tuple[str, str, tuple[str, ...]]:
    """(text, encoding, warnings). UTF-8 with a few bad bytes stays UTF-8: only those bytes are
    replaced (``_repair_utf8``), never the whole file read as Latin-1 (which turns every other
    accented letter into mojibake)."""
    if raw.startswith(b"\xef\xbb\xbf"):
        text, warnings = _repair_utf8(raw[3:])
        return text, "utf-8-sig" if not warnings else "utf-8-sig (invalid bytes replaced)", warnings
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16"), "utf-16", ()
        except UnicodeDecodeError as exc:
            raise DecodeError(f"broken UTF-16 text: {exc.reason}") from exc
    try:
        return raw.decode("utf-8"), "utf-8", ()
    except UnicodeDecodeError:
        pass
    if _mostly_utf8(raw):
        text, warnings = _repair_utf8(raw)
        return text, "utf-8 (invalid bytes replaced)", warnings
    if _CP1252_ONLY.search(raw):
        try:
            return raw.decode("cp1252"), "windows-1252", ()
        except UnicodeDecodeError:
            pass
    return raw.decode("latin-1"), "latin-1", ()


_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_ESCAPED = re.compile("[\udc80-\udcff]+")  # bytes that are not UTF-8, as ``surrogateescape`` keeps them
_LETTER_BYTES = re.compile(rb"[\xa0-\xff]")


def _mostly_utf8(raw: bytes) -> bool:
    """True when the text is UTF-8 with a few broken bytes rather than a legacy encoding: it
    holds valid multi-byte sequences (which practically never occur in Latin-1 or Windows-1252
    text), and not many fewer than stray bytes that would be letters in Latin-1 (a long Latin-1
    text may hold one such sequence by chance, next to dozens of accented letters)."""
    valid = len(_UTF8_SEQUENCE.findall(raw))
    if not valid:
        return False
    stray = len(_LETTER_BYTES.findall(_UTF8_SEQUENCE.sub(b"", raw)))
    return valid * 4 >= stray


def _repair_utf8(raw: bytes) -> tuple[str, tuple[str, ...]]:
    """UTF-8 with only the invalid bytes replaced: stray Windows-1252 punctuation bytes (curly
    quotes, dashes, ellipsis, euro sign: 0x80-0x9F with no lead byte before them, pasted in from
    a Windows editor) become those characters; anything else (a truncated sequence, a lone
    Latin-1 letter) one U+FFFD. The warning says how many bytes and on which lines."""
    text = raw.decode("utf-8", errors="surrogateescape")
    lines: list[int] = []
    count = 0

    def replace(m: re.Match) -> str:
        nonlocal count
        count += len(m.group())
        if len(lines) < 5:
            lines.append(text.count("\n", 0, m.start()) + 1)
        run = bytes(ord(c) - 0xDC00 for c in m.group())
        if all(0x80 <= b <= 0x9F for b in run):
            try:
                return run.decode("cp1252")
            except UnicodeDecodeError:
                pass
        return "\ufffd"

    repaired = _ESCAPED.sub(replace, text)
    if not count:
        return repaired, ()
    where = ", ".join(str(n) for n in dict.fromkeys(lines)) + (", ..." if len(lines) == 5 else "")
    noun = "byte" if count == 1 else "bytes"
    return repaired, (f"invalid bytes replaced: {count} {noun} not UTF-8 (line {where}); the rest kept as UTF-8",)
