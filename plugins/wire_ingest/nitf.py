"""NITF 3.x (News Industry Text Format) → a wire item.

A NITF document is ``head`` (``docdata``: id, version, dates, status, urgency, keywords,
identified people/organisations/places; ``tobject``: Subject Codes) and ``body`` (``body.head``:
headline, byline, dateline, abstract, distributor; ``body.content``: the text; ``body.end``:
tagline). Versions 3.0 to 3.6 differ in details this reader does not depend on; the namespace
is optional. NewsML-G2 items often carry their text as inline NITF: ``read_nitf_body`` is
that part, shared with the G2 reader. The field mapping is in docs/formats.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from xml.etree.ElementTree import Element

from .geocodes import country_from_value
from .itemparts import Parts, SubjectTopics, as_status, as_version, join_entities, parse_timestamp
from .markup import clean_text, element_paragraphs, element_text
from .records import CarriedEntity, ItemMeta, ItemTopic, Located
from .safexml import local


@dataclass(frozen=True)
class NitfBody:
    """What ``body`` says: the story's text parts and the entities marked up inside it."""

    headline: str | None
    byline: str | None
    dateline: str | None
    located: Located | None
    abstract: str | None
    paragraphs: tuple[str, ...]
    tagline: str | None
    story_date: str | None  # dateline/story.date@norm, as written
    distributor: str | None
    people: tuple[CarriedEntity, ...] = ()
    organizations: tuple[CarriedEntity, ...] = ()
    places: tuple[CarriedEntity, ...] = ()


def find(el: Element | None, path: str) -> Element | None:
    """First descendant along ``path`` (names without namespace, ``/``-separated; ``//`` anywhere)."""
    found = find_all(el, path)
    return found[0] if found else None


def find_all(el: Element | None, path: str) -> list[Element]:
    if el is None:
        return []
    current = [el]
    anywhere = path.startswith("//")
    for step in path.strip("/").split("/"):
        nxt: list[Element] = []
        for node in current:
            pool = node.iter() if anywhere else iter(node)
            nxt.extend(child for child in pool if child is not node and _name(child) == step)
        current, anywhere = nxt, False
    return current


def _name(el: Element) -> str:
    return local(el.tag) if isinstance(el.tag, str) else ""


def read_nitf_body(nitf: Element) -> NitfBody:
    body = find(nitf, "body")
    head = find(body, "body.head")
    content = find(body, "body.content")
    hedline = find(head, "hedline")
    headline = element_text(find(hedline, "hl1")) or element_text(find(nitf, "head/title")) or None
    bylines = [_byline_text(b) for b in find_all(head, "byline")]
    dateline_el = find(head, "dateline")
    located = _dateline_location(dateline_el)
    abstract_el = find(head, "abstract")
    abstract = " ".join(element_paragraphs(abstract_el)) if abstract_el is not None else None
    people, organizations, places = _inline_entities(content)
    return NitfBody(
        headline=headline,
        byline="; ".join(b for b in bylines if b) or None,
        dateline=_dateline_text(dateline_el) or None,
        located=located,
        abstract=abstract,
        paragraphs=tuple(element_paragraphs(content)) if content is not None else (),
        tagline=element_text(find(body, "body.end/tagline")) or None,
        story_date=_norm(find(dateline_el, "story.date")),
        distributor=element_text(find(head, "distributor")) or None,
        people=people,
        organizations=organizations,
        places=places,
    )


def _dateline_text(dateline: Element | None) -> str:
    """The dateline as written; a ``location``'s parts (city, state, country) are separate
    elements often set without a space between them, so they are joined with commas."""
    if dateline is None:
        return ""
    pieces = [dateline.text or ""]
    for child in dateline:
        if _name(child) == "location" and len(child):
            parts = [element_text(part) for part in child]
            pieces.append(", ".join(p for p in parts if p) or element_text(child))
        else:
            pieces.append("".join(child.itertext()))
        pieces.append(child.tail or "")
    return clean_text("".join(pieces))


def _byline_text(byline: Element) -> str:
    """The byline as written, "By Meredith Jameson, Staff Reporter"; "By" comes off later."""
    return element_text(byline)


def _dateline_location(dateline: Element | None) -> Located | None:
    location = find(dateline, "location")
    if location is None:
        return None
    city = element_text(find(location, "city"))
    country_el = find(location, "country")
    country = country_from_value(country_el.get("iso-cc")) if country_el is not None else None
    if country is None and country_el is not None:
        country = country_from_value(element_text(country_el))
    name = city or element_text(location)
    if name.isupper():  # ROTTERDAM, as datelines are set: the place's name is Rotterdam
        name = name.title()
    return Located(name=name, country=country) if name else None


def _inline_entities(content: Element | None):
    """People, organisations and places NITF marks up in the text (``<person>``, ``<org>``,
    ``<location>``): the agency's own entity tagging."""
    return _tagged(content.iter() if content is not None else ())


def _tagged(elements):
    """The people, organisations and places among NITF elements (each name once, first spelling)."""
    people: dict[str, CarriedEntity] = {}
    orgs: dict[str, CarriedEntity] = {}
    places: dict[str, CarriedEntity] = {}
    for el in elements:
        name = _name(el)
        if name == "person":
            _add(people, element_text(el) or clean_text(el.get("value")), el.get("idsrc"))
        elif name == "org":
            _add(orgs, element_text(el) or clean_text(el.get("value")), el.get("idsrc"))
        elif name == "location":
            place = element_text(find(el, "city")) or element_text(el)
            country_el = find(el, "country")
            country = None
            if country_el is not None:
                country = country_from_value(country_el.get("iso-cc")) or country_from_value(element_text(country_el))
            _add(places, place, el.get("idsrc"), country)
    return tuple(people.values()), tuple(orgs.values()), tuple(places.values())


def _add(into: dict[str, CarriedEntity], name: str, code: str | None, country: str | None = None) -> None:
    if name and name.casefold() not in into:
        into[name.casefold()] = CarriedEntity(name=name, code=code or None, country=country)


_VERSION = re.compile(r"(\d+(?:\.\d+)+)")


def read_nitf(nitf: Element, warnings: list[str]) -> tuple[ItemMeta, Parts, None]:
    """A whole NITF document: its metadata and its story parts."""
    body = read_nitf_body(nitf)
    head = find(nitf, "head")
    docdata = find(head, "docdata")
    version_text = nitf.get("version") or ""
    language = nitf.get("{http://www.w3.org/XML/1998/namespace}lang") or nitf.get("baselang")
    status, embargoed_status = as_status(docdata.get("management-status") if docdata is not None else None, warnings)
    release = _norm(find(docdata, "date.release"))
    embargo = parse_timestamp(release, "date.release", warnings)
    issued = parse_timestamp(_norm(find(docdata, "date.issue")), "date.issue", warnings)
    story_date = parse_timestamp(body.story_date, "dateline story.date", warnings) if body.story_date else None
    doc_id = find(docdata, "doc-id")
    du_key = find(docdata, "du-key")
    urgency = find(docdata, "urgency")
    copyright_el = find(docdata, "doc.copyright")
    topics, unmapped = _subject_codes(head, warnings)
    people, orgs, places = _identified(docdata)
    evloc = find(docdata, "evloc")
    if evloc is not None and (evloc.get("city") or evloc.get("iso-cc")):
        places = places + (
            CarriedEntity(
                name=evloc.get("city") or evloc.get("state-prov") or evloc.get("iso-cc"),
                country=country_from_value(evloc.get("iso-cc")),
            ),
        )
    meta = ItemMeta(
        format="nitf",
        format_version=(m.group(1) if (m := _VERSION.search(version_text)) else None),
        guid=(doc_id.get("id-string") if doc_id is not None else None) or None,
        version=as_version(du_key.get("version") if du_key is not None else None, warnings),
        status=status,
        content_created=story_date,
        issued=issued,
        embargoed=embargo,
        embargo_open=embargoed_status and embargo is None,
        language=language,
        provider=body.distributor or (copyright_el.get("holder") if copyright_el is not None else None),
        located=body.located,
        topics=topics,
        unmapped_subjects=unmapped,
        people=join_entities(people, body.people),
        organizations=join_entities(orgs, body.organizations),
        places=join_entities(places, body.places),
        keywords=tuple(k.get("key") for k in find_all(docdata, "key-list/keyword") if k.get("key")),
        signals=("correction",) if find(docdata, "correction") is not None else (),
        urgency=_int(urgency.get("ed-urg") if urgency is not None else None),
        ednote=(find(docdata, "ed-msg").get("info") if find(docdata, "ed-msg") is not None else None),
    )
    parts = Parts(
        headline=body.headline,
        paragraphs=body.paragraphs,
        standfirst=body.abstract,
        byline=body.byline,
        dateline=body.dateline,
        located=body.located,
        signoff=body.tagline,
        language=language,
        date=meta.date,
    )
    return meta, parts, None


def _norm(el: Element | None) -> str | None:
    return el.get("norm") if el is not None else None


def _int(value: str | None) -> int | None:
    return int(value) if value and value.strip().isdigit() else None


def _subject_codes(head: Element | None, warnings: list[str]) -> tuple[tuple[ItemTopic, ...], tuple[str, ...]]:
    """``tobject.subject`` refnums (Subject Codes) and ``classifier`` values that are Media Topics."""
    topics = SubjectTopics()
    for subject in find_all(head, "tobject/tobject.subject"):
        refnum = (subject.get("tobject.subject.refnum") or "").strip()
        if refnum:
            topics.add([refnum if ":" in refnum else f"subj:{refnum}"])
    for classifier in find_all(head, "//classifier"):
        topics.add([classifier.get("value") or ""], report_unmapped=False)
    return topics.result(warnings)


def _identified(docdata: Element | None):
    """The entities of ``docdata/identified-content``."""
    ident = find(docdata, "identified-content")
    return _tagged(ident if ident is not None else ())
