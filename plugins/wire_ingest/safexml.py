"""Untrusted XML bytes → an element tree, or a refusal that says why.

Wire files come from outside, so the parser (``defusedxml`` over the standard expat parser)
expands no entity, loads no DTD, follows no external reference and never touches the network or
the disk: an entity-expansion bomb, an external entity (``file:///etc/passwd``), a parameter
entity or an external DTD are refused at the declaration, before anything is expanded or read.
A document type line in the forms NITF files carry (a bare ``*.dtd`` file name such as
``<!DOCTYPE nitf SYSTEM "nitf-3-6.dtd">``, or IPTC's public identifier ``-//IPTC//DTD NITF
3.4//EN``) is allowed: the DTD is never loaded, and the character entities it would
define (``&eacute;``, ``&mdash;``) come from the HTML table built into Python instead. Size,
depth and element count are bounded, so a small file cannot build a huge tree.
"""

from __future__ import annotations

import re
from html.entities import name2codepoint
from xml.etree.ElementTree import Element

from defusedxml import DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden
from defusedxml.ElementTree import DefusedXMLParser, ParseError

from .decode import MAX_BYTES

MAX_DEPTH = 64  # NITF tables inside blocks inside a G2 message are about 15 deep
MAX_ELEMENTS = 20_000  # a long NITF story is a few hundred elements, a message of 50 such a few thousand
_BARE_DTD = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*\.dtd")
_NITF_PUBLIC = re.compile(r"-//IPTC(?:-NAA)?//DTD NITF [0-9.]+//EN")
_CHARACTER_ENTITIES = {name: chr(code) for name, code in name2codepoint.items()}


class XMLRefused(ValueError):
    """The bytes are not XML we read; the message says why (for the ingest report)."""


def parse_xml(raw: bytes) -> Element:
    """The root element of ``raw``; ``XMLRefused`` for hostile, oversized or invalid XML."""
    if len(raw) > MAX_BYTES:
        raise XMLRefused(f"XML file is {len(raw) / 1048576:.1f} MB; a wire file is at most {MAX_BYTES // 1048576} MB")
    parser = _Parser()
    try:
        parser.feed(raw)
        return parser.close()
    except EntitiesForbidden as exc:
        target = f" → {exc.sysid}" if exc.sysid else ""
        raise XMLRefused(
            f"XML refused: it declares the entity '{exc.name}'{target}; entities are never expanded "
            "(they are how entity-expansion bombs and external-file reads work)"
        ) from None
    except ExternalReferenceForbidden as exc:
        raise XMLRefused(
            f"XML refused: external reference to {exc.sysid or exc.pubid}; nothing outside the file is read"
        ) from None
    except DTDForbidden as exc:
        raise XMLRefused(f"XML refused: external DTD {exc.sysid!r}; DTDs are never loaded") from None
    except _TooBig as exc:
        raise XMLRefused(f"XML refused: {exc}") from None
    except ParseError as exc:
        raise XMLRefused(f"invalid XML: {exc}") from None


class _TooBig(Exception):
    pass


class _Parser(DefusedXMLParser):
    """defusedxml's parser with our document-type rule, character entities and tree bounds."""

    def __init__(self) -> None:
        super().__init__(forbid_dtd=False, forbid_entities=True, forbid_external=True)
        self.parser.StartDoctypeDeclHandler = self._check_doctype
        self.entity.update(_CHARACTER_ENTITIES)  # used only for references the document did not declare
        self._depth = 0
        self._count = 0

    def _check_doctype(self, name, sysid, pubid, has_internal_subset) -> None:
        """A DTD is never loaded; naming one is allowed only in the forms NITF files use: a bare
        file name, or IPTC's public identifier for NITF (whatever address follows it)."""
        if sysid is None or _BARE_DTD.fullmatch(sysid) or (pubid and _NITF_PUBLIC.fullmatch(pubid)):
            return
        raise DTDForbidden(name, sysid, pubid)

    def _start(self, tag, attr_list):
        self._depth += 1
        self._count += 1
        if self._depth > MAX_DEPTH:
            raise _TooBig(f"elements nested more than {MAX_DEPTH} deep")
        if self._count > MAX_ELEMENTS:
            raise _TooBig(f"more than {MAX_ELEMENTS:,} elements")
        return super()._start(tag, attr_list)

    def _end(self, tag):
        self._depth -= 1
        return super()._end(tag)


def local(tag: str) -> str:
    """An element name without its namespace: ``{http://iptc.org/std/nar/2006-10-01/}newsItem``
    → ``newsItem`` (NITF comes with and without a namespace; G2 versions differ in theirs)."""
    return tag.rsplit("}", 1)[-1] if tag[:1] == "{" else tag
