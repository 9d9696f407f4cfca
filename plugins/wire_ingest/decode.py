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
    text, encoding = _decode(raw)
    warnings: list[str] = []
    if encoding not in ("utf-8", "utf-8-sig"):
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


def _decode(raw: bytes) -> tuple[str, str]:
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise DecodeError(f"broken UTF-16 text: {exc.reason}") from exc
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if _mostly_utf8(raw):
        return raw.decode("utf-8", errors="replace"), "utf-8 (invalid bytes replaced)"
    if _CP1252_ONLY.search(raw):
        try:
            return raw.decode("cp1252"), "windows-1252"
        except UnicodeDecodeError:
            pass
    return raw.decode("latin-1"), "latin-1"


_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def _mostly_utf8(raw: bytes) -> bool:
    """True when the text holds valid multi-byte UTF-8 sequences: it is UTF-8 with a few broken
    bytes, not a legacy encoding (where such sequences practically never occur)."""
    return _UTF8_SEQUENCE.search(raw) is not None
