"""NewsML-G2 → wire items: a text ``newsItem``, or each ``newsItem`` of a ``newsMessage``.

The item's identity and life (``@guid``, ``@version``, ``itemMeta``: pubStatus, firstCreated,
versionCreated, embargoed, signal) and what it is about (``contentMeta``: headline, dateline,
located with its ``broader`` country, subjects, creator, description) are read from the item;
the text from ``contentSet``: inline NITF, inline XHTML, or inline plain text or HTML. Remote
content is never fetched. ``assert`` elements name the concepts subjects only point at (AP's
metadata does that). The field mapping is in docs/formats.md.
"""

from __future__ import annotations

from urllib.parse import urlsplit
from xml.etree.ElementTree import Element

from .geocodes import country_from_code, country_from_name, country_from_value
from .itemparts import ItemError, Parts, SubjectTopics, as_status, as_version, join_entities, parse_timestamp
from .markup import element_paragraphs, element_text, html_paragraphs, text_paragraphs
from .nitf import find, find_all, read_nitf_body
from .records import CarriedEntity, ItemMeta, Located
from .safexml import local

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
TEXT_CLASSES = {"text", "composite", ""}  # ninat: text (a composite carries text too)
PERSON_TYPES = {"person"}
ORGANISATION_TYPES = {"organisation", "organization", "company", "team"}
PLACE_TYPES = {"geoarea", "poi", "place"}
COUNTRY_TYPES = {"country", "nation"}


def news_items(root: Element) -> list[Element]:
    """The ``newsItem`` elements of a message, or the item itself."""
    if local(root.tag) == "newsItem":
        return [root]
    return [el for el in find_all(root, "itemSet") for el in el if local(el.tag) == "newsItem"]


def read_news_item(
    item: Element, standard_version: str | None, warnings: list[str]
) -> tuple[ItemMeta, Parts | None, str | None]:
    """The item's metadata, and its story parts or why it has none."""
    item_meta = find(item, "itemMeta")
    content_meta = find(item, "contentMeta")
    asserts = {a.get("qcode") or a.get("uri"): a for a in find_all(item, "assert") if a.get("qcode") or a.get("uri")}
    item_class = _code_word(_attr(find(item_meta, "itemClass"), "qcode"))
    language = _language(item, content_meta)
    status, _ = as_status(_attr(find(item_meta, "pubStatus"), "qcode"), warnings)
    embargoed_el = find(item_meta, "embargoed")
    embargo = parse_timestamp(element_text(embargoed_el), "embargoed", warnings) if embargoed_el is not None else None
    topics, unmapped, people, orgs, places = _subjects(content_meta, asserts, language, warnings)
    located = _located(find(content_meta, "located"), asserts, language)
    problem = None
    try:
        nitf_body, paragraphs = _content(find(item, "contentSet"))
    except ItemError as exc:
        nitf_body, paragraphs, problem = None, [], str(exc)
    if nitf_body is not None:
        people = join_entities(people, nitf_body.people)
        orgs = join_entities(orgs, nitf_body.organizations)
        places = join_entities(places, nitf_body.places)
        located = located or nitf_body.located
    meta = ItemMeta(
        format="newsml-g2",
        format_version=item.get("standardversion") or standard_version,
        guid=item.get("guid") or None,
        version=as_version(item.get("version"), warnings),
        status=status,
        first_created=parse_timestamp(element_text(find(item_meta, "firstCreated")), "firstCreated", warnings),
        version_created=parse_timestamp(element_text(find(item_meta, "versionCreated")), "versionCreated", warnings),
        content_created=parse_timestamp(element_text(find(content_meta, "contentCreated")), "contentCreated", warnings),
        embargoed=embargo,
        embargo_open=embargoed_el is not None and embargo is None,
        language=language,
        provider=_party(find(item_meta, "provider"), language),
        located=located,
        topics=topics,
        unmapped_subjects=unmapped,
        people=people,
        organizations=orgs,
        places=places,
        keywords=tuple(k for k in (element_text(el) for el in find_all(content_meta, "keyword")) if k),
        genres=tuple(g for g in (_concept_name(el, asserts, language) for el in find_all(content_meta, "genre")) if g),
        signals=tuple(_code_word(el.get("qcode") or el.get("uri")) for el in find_all(item_meta, "signal")),
        urgency=_int(element_text(find(content_meta, "urgency"))),
        slugline=element_text(find(content_meta, "slugline")) or None,
        ednote=element_text(find(item_meta, "edNote")) or None,
    )
    if item_class not in TEXT_CLASSES:
        return meta, None, f"not a text item (itemClass ninat:{item_class}): nothing to publish as a story"
    if problem:
        return meta, None, problem
    headline = _pick(find_all(content_meta, "headline"), ("", "main", "hld:main"))
    description = _pick(find_all(content_meta, "description"), ("", "summary", "drol:summary", "abstract"))
    parts = Parts(
        headline=headline or (nitf_body.headline if nitf_body else None),
        paragraphs=tuple(paragraphs),
        standfirst=description or (nitf_body.abstract if nitf_body else None),
        byline=element_text(find(content_meta, "by")) or (nitf_body.byline if nitf_body else None),
        dateline=element_text(find(content_meta, "dateline")) or (nitf_body.dateline if nitf_body else None),
        located=located,
        signoff=nitf_body.tagline if nitf_body else None,
        language=language,
        date=meta.date,
    )
    return meta, parts, None


def _content(content_set: Element | None):
    """(inline NITF body or None, paragraphs) from the first inline rendition with text."""
    if content_set is None:
        return None, []
    remote = None
    for rendition in content_set:
        kind = local(rendition.tag)
        contenttype = (rendition.get("contenttype") or "").lower()
        if kind == "inlineXML":
            nitf = next((el for el in rendition.iter() if local(el.tag) == "nitf"), None)
            if nitf is not None:
                body = read_nitf_body(nitf)
                return body, list(body.paragraphs)
            html_body = next((el for el in rendition.iter() if local(el.tag) == "body"), None)
            if html_body is not None:
                return None, element_paragraphs(html_body)
            paragraphs = element_paragraphs(rendition)
            if paragraphs:
                return None, paragraphs
        elif kind == "inlineData":
            text = "".join(rendition.itertext())
            paragraphs = html_paragraphs(text) if "html" in contenttype else text_paragraphs(text)
            if paragraphs:
                return None, paragraphs
        elif kind == "remoteContent":
            remote = rendition.get("href") or rendition.get("residref")
    if remote:
        raise ItemError(f"the text is remote content ({remote}): never fetched; send it inline")
    return None, []


def _subjects(content_meta, asserts, language, warnings):
    topics = SubjectTopics()
    people: list[CarriedEntity] = []
    orgs: list[CarriedEntity] = []
    places: list[CarriedEntity] = []
    for subject in find_all(content_meta, "subject"):
        code = subject.get("qcode") or subject.get("uri") or subject.get("literal") or ""
        kind = _code_word(subject.get("type") or _attr(asserts.get(code), "type"))
        name = _concept_name(subject, asserts, language)
        relevance = _relevance(subject.get("relevance"))
        if kind in PERSON_TYPES:
            if name:
                people.append(CarriedEntity(name, code or None, relevance=relevance))
            continue
        if kind in ORGANISATION_TYPES:
            if name:
                orgs.append(CarriedEntity(name, code or None, relevance=relevance))
            continue
        if kind in PLACE_TYPES:
            name = name or _name_in_code(code)
            if name:
                places.append(CarriedEntity(name, code or None, _country(subject, asserts), relevance))
            continue
        candidates = [code] + [el.get("qcode") or el.get("uri") or "" for el in find_all(subject, "sameAs")]
        topics.add(candidates)
    found, unmapped = topics.result(warnings)
    return found, unmapped, tuple(people), tuple(orgs), tuple(places)


def _located(el: Element | None, asserts, language) -> Located | None:
    if el is None:
        return None
    code = el.get("qcode") or el.get("uri")
    name = _concept_name(el, asserts, language) or _name_in_code(code)
    country = _country(el, asserts)
    if not name and not country:
        return None
    return Located(name=name or "", code=code, country=country)


def _country(concept: Element, asserts, depth: int = 0) -> str | None:
    """The country of a place: its own code when that is a country code, else the first
    ``broader`` that is a country (by code, by type, or by name), following ``assert``s."""
    code = concept.get("qcode") or concept.get("uri")
    country = country_from_code(code)
    if country:
        return country
    if _code_word(concept.get("type")) in COUNTRY_TYPES or _assert_is_country(asserts.get(code)):
        country = country_from_value((code or "").split(":", 1)[-1]) or country_from_name(
            _concept_name(concept, asserts, None)
        )
        if country:
            return country
    if depth > 4:
        return None
    broader = find_all(concept, "broader")
    if code in asserts:
        broader += find_all(asserts[code], "broader")
    for parent in broader:
        country = _country(parent, asserts, depth + 1)
        if country:
            return country
        parent_code = parent.get("qcode") or parent.get("uri")
        if parent_code in asserts:
            country = _country(asserts[parent_code], asserts, depth + 1)
            if country:
                return country
    return None


def _name_in_code(code: str | None) -> str | None:
    """A place named only by a readable qcode: ``city:Moscow`` → Moscow (``geo:345678`` has none)."""
    if not code or ":" not in code or code.startswith("http"):
        return None
    word = code.split(":", 1)[1]
    return word if word.replace(" ", "").replace("-", "").isalpha() else None


def _assert_is_country(assertion: Element | None) -> bool:
    if assertion is None:
        return False
    return any(
        _code_word(t.get("qcode")) in COUNTRY_TYPES or element_text(find(t, "name")).lower() in COUNTRY_TYPES
        for t in find_all(assertion, "type")
    )


def _concept_name(el: Element | None, asserts, language: str | None) -> str | None:
    """The concept's name in the item's language (else the first), else its ``assert``'s."""
    if el is None:
        return None
    names = [n for n in find_all(el, "name")]
    if not names:
        code = el.get("qcode") or el.get("uri")
        return _concept_name(asserts.get(code), {}, language) if code in asserts else None
    if language:
        base = language.split("-")[0].lower()
        for n in names:
            lang = (n.get(XML_LANG) or "").lower()
            if lang == language.lower() or lang.split("-")[0] == base:
                return element_text(n) or None
    return element_text(names[0]) or None


def _party(el: Element | None, language: str | None) -> str | None:
    """A provider's name, else its qcode's code (``nprov:REUTERS`` → REUTERS), else its web host."""
    if el is None:
        return None
    name = _concept_name(el, {}, language)
    if name:
        return name
    if el.get("qcode"):
        return el.get("qcode").split(":", 1)[-1] or None
    host = urlsplit(el.get("uri") or "").hostname or ""
    return host.removeprefix("www.") or None


def _pick(elements: list[Element], roles: tuple[str, ...]) -> str | None:
    """The text of the first element whose role is one of ``roles`` (no role counts as ""),
    else of the first element."""
    for el in elements:
        if (el.get("role") or "") in roles and element_text(el):
            return element_text(el)
    texts = [element_text(el) for el in elements if element_text(el)]
    return texts[0] if texts else None


def _language(item: Element, content_meta: Element | None) -> str | None:
    tag = _attr(find(content_meta, "language"), "tag")
    return tag or item.get(XML_LANG) or None


def _attr(el: Element | None, name: str) -> str | None:
    return el.get(name) if el is not None else None


def _code_word(code: str | None) -> str:
    """``ninat:text`` → ``text``, ``cpnat:geoArea`` → ``geoarea``, a URI's last segment."""
    if not code:
        return ""
    return code.rstrip("/").rsplit("/", 1)[-1].rsplit(":", 1)[-1].lower()


def _relevance(value: str | None) -> float | None:
    try:
        return max(0.0, min(1.0, float(value) / 100)) if value is not None else None
    except ValueError:
        return None


def _int(value: str) -> int | None:
    return int(value) if value.isdigit() else None
