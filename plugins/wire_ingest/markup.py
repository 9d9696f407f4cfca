"""Body markup → paragraphs of plain text: NITF ``body.content``, XHTML in a G2 item, ninjs
``body_html`` or an HTML body, and plain-text bodies.

A paragraph is the text of one block element (``p``, a heading, a list item, ``pre``),
whitespace collapsed, inline markup (``em``, NITF ``person``, links) kept as its text. Blocks
that are not story text are left out: tables, media and their captions, editors' notes,
scripts. Markup never reaches a post: the post's body is made of these texts, escaped.
"""

from __future__ import annotations

import re
import unicodedata
from html.parser import HTMLParser
from xml.etree.ElementTree import Element

from .safexml import local

BLOCKS = frozenset({"p", "hl1", "hl2", "hl3", "hl4", "h1", "h2", "h3", "h4", "h5", "h6", "li", "pre", "dt", "dd"})
CONTAINERS = frozenset(
    {"block", "bq", "blockquote", "div", "section", "article", "ul", "ol", "dl", "body", "body.content", "main"}
)
SKIPPED = frozenset(
    {
        "table", "nitf-table", "media", "media-caption", "media-reference", "figure", "figcaption", "img",
        "note", "fn", "script", "style", "head", "title", "object", "iframe", "video", "audio", "aside", "nav",
    }
)  # fmt: skip
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\ufeff]")


def clean_text(text: str | None) -> str:
    """One line of text: control characters out, whitespace collapsed, NFC."""
    if not text:
        return ""
    return unicodedata.normalize("NFC", " ".join(_CONTROL.sub("", text).split()))


def element_text(el: Element | None) -> str:
    return clean_text("".join(el.itertext())) if el is not None else ""


def element_paragraphs(container: Element) -> list[str]:
    """Paragraphs of a body element (NITF or XHTML, any namespace)."""
    out: list[str] = []
    _walk(container, out)
    return [p for p in out if p]


def _walk(el: Element, out: list[str]) -> None:
    stray = clean_text(el.text)
    if stray:
        out.append(stray)  # text straight inside a container: a paragraph of its own
    for child in el:
        name = local(child.tag) if isinstance(child.tag, str) else ""
        if name in SKIPPED or not name:
            pass
        elif name in BLOCKS:
            out.append(element_text(child))
        elif name in CONTAINERS or len(child):
            _walk(child, out)
        else:
            out.append(element_text(child))
        tail = clean_text(child.tail)
        if tail:
            out.append(tail)


def html_paragraphs(html: str) -> list[str]:
    """Paragraphs of an HTML fragment (ninjs ``body_html``, a G2 XHTML body given as text)."""
    parser = _Blocks()
    parser.feed(html)
    parser.close()
    return [p for p in parser.paragraphs if p]


class _Blocks(HTMLParser):
    """Collects block texts; HTML need not be well-formed (an unclosed ``<p>`` ends at the next)."""

    _VOID = frozenset({"img", "br", "hr", "meta", "link", "input", "source", "track", "wbr", "area", "col", "embed"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self._buffer: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag == "br":
            self._buffer.append(" ")
        elif tag in self._VOID:
            pass
        elif tag in SKIPPED:
            self._skip += 1
        elif tag in BLOCKS or tag in CONTAINERS:
            self._flush()

    def handle_startendtag(self, tag, attrs):
        if tag == "br":
            self._buffer.append(" ")

    def handle_endtag(self, tag):
        if tag in SKIPPED and tag not in self._VOID:
            self._skip = max(0, self._skip - 1)
        elif tag in BLOCKS or tag in CONTAINERS:
            self._flush()

    def handle_data(self, data):
        if not self._skip:
            self._buffer.append(data)

    def close(self):
        super().close()
        self._flush()

    def _flush(self) -> None:
        text = clean_text("".join(self._buffer))
        self._buffer = []
        if text:
            self.paragraphs.append(text)


def text_paragraphs(text: str) -> list[str]:
    """Paragraphs of a plain-text body: blank-line blocks with their lines joined, or, when the
    text has no blank line, one paragraph a line."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        return []
    if re.search(r"\n[ \t]*\n", text):
        return [clean_text(block) for block in re.split(r"\n[ \t]*\n", text) if clean_text(block)]
    return [clean_text(line) for line in text.split("\n") if clean_text(line)]
