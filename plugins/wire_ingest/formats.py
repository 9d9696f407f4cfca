"""Raw wire file → its stories: which format a file is (by its content, not its name) and the
reader for it.

| content starts with | reader |
|---|---|
| ``<`` (XML) | ``nitf``: root ``nitf``; ``newsml``: root ``newsItem`` or ``newsMessage`` |
| ``{`` or ``[`` (JSON) | ``ninjs``: an object, or an array of them |
| anything else | the plain-text reader (``parse.py``) |

Files named ``*.txt`` go to the XML or JSON readers only when they are unmistakably NITF,
NewsML-G2 or ninjs (a wire story may well open with "<" or "["); ``*.xml``, ``*.nitf`` and
``*.json`` follow their content. Every file gives a tuple of ``WireItem``: one for text, NITF,
a news item or a ninjs object; one per ``newsItem`` of a message or per object of a ninjs array.
A file that cannot be read raises ``FormatError``; an item that gives no story carries its
reason in ``WireItem.error`` and its file's other items go on.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import replace
from xml.etree.ElementTree import Element, tostring

from .decode import DecodeError, decode_bytes
from .itemparts import ItemError, build_story
from .newsml import news_items, read_news_item
from .ninjs import looks_like_ninjs, read_ninjs
from .nitf import read_nitf
from .parse import parse_bytes
from .records import WireItem
from .safexml import XMLRefused, local, parse_xml

WIRE_SUFFIXES = (".txt", ".xml", ".nitf", ".json")
_XML_START = re.compile(
    rb"^(?:<\?xml\b|<!DOCTYPE\s+(?:nitf|newsItem|newsMessage)\b|<(?:\w+:)?(?:nitf|newsItem|newsMessage)\b)"
)
_ENCODING = re.compile(rb"^<\?xml[^>]*\bencoding\s*=\s*[\"']([A-Za-z0-9._-]+)")


class FormatError(ValueError):
    """The file is not a wire file we can read; the message says why."""


def is_wire_file(name: str) -> bool:
    return name.endswith(WIRE_SUFFIXES)


def sniff(raw: bytes, name: str = "") -> str:
    """ "xml", "json" or "text": what the content is, with the caution for ``*.txt`` above."""
    head = _head(raw)
    loose = not name.endswith(".txt")
    if head.startswith(b"<") and (loose or _XML_START.match(head)):
        return "xml"
    if head[:1] in (b"{", b"[") and (loose or _ninjs_text(raw)):
        return "json"
    return "text"


def _head(raw: bytes) -> bytes:
    head = raw[:1024]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16: sniff its ASCII
        head = head.decode("utf-16", errors="ignore").encode("ascii", errors="ignore")
    return head.removeprefix(b"\xef\xbb\xbf").lstrip()


def _ninjs_text(raw: bytes) -> bool:
    try:
        value = json.loads(decode_bytes(raw).text)
    except (ValueError, DecodeError, RecursionError):
        return False
    return looks_like_ninjs(value) or (isinstance(value, list) and bool(value) and all(map(looks_like_ninjs, value)))


def read_items(raw: bytes, name: str = "") -> tuple[WireItem, ...]:
    """Every story of one wire file. Raises ``FormatError`` (or, for plain text, the text
    reader's ``DecodeError``/``ParseError``) when the file as a whole cannot be read."""
    kind = sniff(raw, name)
    digest = hashlib.sha256(raw).hexdigest()
    if kind == "xml":
        return _xml_items(raw, digest)
    if kind == "json":
        return _json_items(raw, digest)
    story = parse_bytes(raw)
    if not name.endswith(".txt") and name:
        story = replace(story, warnings=story.warnings + ("not XML or JSON: read as wire text",))
    return (WireItem(key="", digest=digest, story=story, meta=None),)


def _xml_items(raw: bytes, digest: str) -> tuple[WireItem, ...]:
    try:
        root = parse_xml(raw)
    except XMLRefused as exc:
        raise FormatError(str(exc)) from None
    declared = _ENCODING.match(_head(raw))
    encoding = declared.group(1).decode().lower() if declared else "utf-8"
    name = local(root.tag)
    if name == "nitf":
        return (_item("", digest, lambda w: read_nitf(root, w), encoding),)
    if name in ("newsItem", "newsMessage"):
        elements = news_items(root)
        if not elements:
            raise FormatError("NewsML-G2 newsMessage with no newsItem in its itemSet")
        version = root.get("standardversion")
        if len(elements) == 1 and name == "newsItem":
            return (_item("", digest, lambda w: read_news_item(root, version, w), encoding),)
        keys = _keys([el.get("guid") for el in elements])
        return tuple(
            _item(key, _element_digest(el), lambda w, el=el: read_news_item(el, version, w), encoding)
            for key, el in zip(keys, elements, strict=True)
        )
    if name == "NewsML":
        raise FormatError("NewsML 1 (root element <NewsML>) is not read; send NewsML-G2, NITF or ninjs")
    nitf = next((el for el in root.iter() if isinstance(el.tag, str) and local(el.tag) == "nitf"), None)
    if nitf is not None:
        item = _item("", digest, lambda w: read_nitf(nitf, w), encoding)
        return (_with_warning(item, f"NITF read from inside <{name}>"),)
    raise FormatError(f"XML, but neither NITF nor NewsML-G2 (root element <{name}>)")


def _json_items(raw: bytes, digest: str) -> tuple[WireItem, ...]:
    try:
        text = decode_bytes(raw).text
        value = json.loads(text)
    except DecodeError as exc:
        raise FormatError(str(exc)) from None
    except json.JSONDecodeError as exc:
        raise FormatError(f"invalid JSON: {exc.msg}: line {exc.lineno}, column {exc.colno}") from None
    except RecursionError:
        raise FormatError("JSON refused: nested too deeply") from None
    except ValueError as exc:  # e.g. an integer of thousands of digits
        raise FormatError(f"invalid JSON: {exc}") from None
    if isinstance(value, dict):
        if not looks_like_ninjs(value):
            raise FormatError("JSON, but not ninjs: no uri with a headline or body, no headline(s), no bodies")
        return (_item("", digest, lambda w: read_ninjs(value, w), "utf-8"),)
    if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
        keys = _keys([v.get("uri") if isinstance(v.get("uri"), str) else None for v in value])
        out = []
        for key, obj in zip(keys, value, strict=True):
            item_digest = hashlib.sha256(json.dumps(obj, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
            if not looks_like_ninjs(obj):
                out.append(WireItem(key, item_digest, None, None, "not a ninjs object (no uri, headline or body)"))
                continue
            out.append(_item(key, item_digest, lambda w, obj=obj: read_ninjs(obj, w), "utf-8"))
        return tuple(out)
    raise FormatError("JSON, but not ninjs: expected an object or an array of objects")


def _item(key: str, digest: str, read, encoding: str) -> WireItem:
    """Run one item's reader; build its story by the common rules, or keep why it has none."""
    warnings: list[str] = []
    try:
        found = read(warnings)
    except ItemError as exc:
        return WireItem(key, digest, None, None, str(exc))
    meta, parts, problem = found
    if problem or parts is None:
        return WireItem(key, digest, None, meta, problem or "no story in the item")
    try:
        story = build_story(replace(parts, encoding=encoding), warnings)
    except ItemError as exc:
        return WireItem(key, digest, None, meta, str(exc))
    return WireItem(key, digest, story, meta)


def _keys(guids: list[str | None]) -> list[str]:
    """Each item's key in its file: its guid when that is present and unique there, else its
    position (``item-2``), so a message with repeated or missing guids still keys every item."""
    counts: dict[str, int] = {}
    for g in guids:
        if g:
            counts[g] = counts.get(g, 0) + 1
    return [g if g and counts[g] == 1 else f"item-{i}" for i, g in enumerate(guids, start=1)]


def _element_digest(el: Element) -> str:
    """The item's own bytes as parsed: the whitespace after it (its ``tail``) is left out, so the
    item keeps its digest when the message around it changes."""
    tail, el.tail = el.tail, None
    try:
        return hashlib.sha256(tostring(el, encoding="utf-8")).hexdigest()
    finally:
        el.tail = tail


def _with_warning(item: WireItem, warning: str) -> WireItem:
    if item.story is None:
        return item
    return replace(item, story=replace(item.story, warnings=item.story.warnings + (warning,)))
