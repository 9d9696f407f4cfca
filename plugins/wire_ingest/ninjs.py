"""IPTC ninjs (news in JSON), generations 1.x and 2.x → a wire item.

1.x writes single fields (``headline``, ``byline``, ``description_text``, ``body_html``,
``subject``/``person``/``organisation``/``place`` with ``scheme`` + ``code``); 2.x writes
arrays of role-tagged objects (``headlines``, ``descriptions``, ``bodies``, ``subjects``,
``people``, ``organisations``, ``places`` with ``uri``/``literal``) and ``by``. The generation is
the declared ``standard``/``$standard`` version, else the shape of the object. 3.x keeps 2.x's
shape for everything read here. A body in NITF (``body_nitf``, or a body whose content type
says so) goes through the same safe XML parser as a NITF file. The field mapping is in
docs/formats.md.
"""

from __future__ import annotations

from dataclasses import replace

from .geocodes import country_from_code
from .itemparts import ItemError, Parts, SubjectTopics, as_status, as_version, join_entities, parse_timestamp
from .markup import clean_text, html_paragraphs, text_paragraphs
from .nitf import read_nitf_body
from .records import CarriedEntity, ItemMeta, Located
from .safexml import XMLRefused, local, parse_xml

NOT_TEXT = {"audio", "video", "picture", "graphic"}


def looks_like_ninjs(obj) -> bool:
    if not isinstance(obj, dict):
        return False
    standard = obj.get("standard") or obj.get("$standard")
    if isinstance(standard, dict) and str(standard.get("name", "")).lower() == "ninjs":
        return True
    return (
        "uri" in obj
        and any(k.startswith(("headline", "body", "description")) for k in obj)
        or any(k in obj for k in ("headline", "headlines", "bodies"))
    )


def generation(obj: dict) -> tuple[int, str | None]:
    standard = obj.get("standard") or obj.get("$standard")
    declared = str(standard.get("version")) if isinstance(standard, dict) and standard.get("version") else None
    if declared and declared[:1].isdigit():
        return (1 if declared.startswith("1") else 2), declared
    shaped = any(isinstance(obj.get(k), list) for k in ("headlines", "bodies", "descriptions", "subjects", "people"))
    return (2 if shaped or "by" in obj else 1), declared


def read_ninjs(obj: dict, warnings: list[str]) -> tuple[ItemMeta, Parts | None, str | None]:
    gen, declared = generation(obj)
    language = _str(obj.get("language")) or None
    status, _ = as_status(_str(obj.get("pubstatus")), warnings)
    subjects = SubjectTopics()
    for subject in _list(obj.get("subjects" if gen >= 2 else "subject")):
        subjects.add(_codes(subject, gen))
    topics, unmapped = subjects.result(warnings)
    located_name = clean_text(_str(obj.get("located")))
    meta = ItemMeta(
        format="ninjs",
        format_version=declared or f"{gen}.x",
        guid=_str(obj.get("uri")) or _str(obj.get("guid")) or None,
        version=as_version(obj.get("version"), warnings),
        status=status,
        first_created=parse_timestamp(obj.get("firstcreated"), "firstcreated", warnings),
        version_created=parse_timestamp(obj.get("versioncreated"), "versioncreated", warnings),
        content_created=parse_timestamp(obj.get("contentcreated"), "contentcreated", warnings),
        embargoed=parse_timestamp(obj.get("embargoed"), "embargoed", warnings),
        language=language,
        provider=_provider(obj, gen),
        located=Located(name=located_name) if located_name else None,
        topics=topics,
        unmapped_subjects=unmapped,
        people=_entities(obj.get("people" if gen >= 2 else "person"), gen),
        organizations=_entities(obj.get("organisations" if gen >= 2 else "organisation"), gen),
        places=_entities(obj.get("places" if gen >= 2 else "place"), gen, places=True),
        keywords=tuple(k for k in (clean_text(_str(k)) for k in _list(obj.get("keywords"))) if k),
        genres=tuple(
            g
            for g in (clean_text(_str(x.get("name"))) for x in _dicts(obj.get("genres" if gen >= 2 else "genre")))
            if g
        ),
        urgency=obj.get("urgency") if isinstance(obj.get("urgency"), int) else None,
        slugline=clean_text(_str(obj.get("slugline"))) or None,
        ednote=clean_text(_str(obj.get("ednote"))) or None,
    )
    kind = _str(obj.get("type")).lower()
    if kind in NOT_TEXT:
        return meta, None, f"not a text item (type {kind}): nothing to publish as a story"
    try:
        headline, standfirst, byline, paragraphs, nitf_body = _text(obj, gen, warnings)
    except ItemError as exc:
        return meta, None, str(exc)
    if nitf_body is not None:
        meta = replace(
            meta,
            people=join_entities(meta.people, nitf_body.people),
            organizations=join_entities(meta.organizations, nitf_body.organizations),
            places=join_entities(meta.places, nitf_body.places),
        )
    parts = Parts(
        headline=headline or (nitf_body.headline if nitf_body else None),
        paragraphs=tuple(paragraphs),
        standfirst=standfirst or (nitf_body.abstract if nitf_body else None),
        byline=byline or (nitf_body.byline if nitf_body else None),
        dateline=nitf_body.dateline if nitf_body else None,
        located=meta.located,
        signoff=nitf_body.tagline if nitf_body else None,
        language=language,
        date=meta.date,
    )
    return meta, parts, None


def _text(obj: dict, gen: int, warnings: list[str]):
    """(headline, standfirst, byline, paragraphs, NITF body or None)."""
    if gen >= 2:
        headline = _role_value(obj.get("headlines"), ("main", ""))
        standfirst = _role_value(obj.get("descriptions"), ("summary", "abstract", "main", ""))
        byline = _str(obj.get("by"))
        bodies = [
            (_str(b.get("contenttype")).lower(), _str(b.get("value")), _str(b.get("role")))
            for b in _dicts(obj.get("bodies"))
        ]
        bodies.sort(key=lambda b: b[2] not in ("", "main", "text"))
    else:
        headline = _str(obj.get("headline"))
        standfirst = next((_str(obj[k]) for k in ("description_text", "description_html") if obj.get(k)), None)
        if standfirst is None:
            standfirst = next((_str(v) for k, v in sorted(obj.items()) if k.startswith("description_") and v), None)
        if standfirst and "<" in standfirst:
            standfirst = " ".join(html_paragraphs(standfirst))
        byline = _str(obj.get("byline"))
        order = {"body_text": 0, "body_html": 1, "body_xhtml": 2, "body_nitf": 3}
        bodies = [
            (k.removeprefix("body_"), _str(v), "")
            for k, v in obj.items()
            if k.startswith("body_") and isinstance(v, str)
        ]
        bodies.sort(key=lambda b: order.get("body_" + b[0], 9))
    for contenttype, value, _ in bodies:
        if not value.strip():
            continue
        if "nitf" in contenttype:
            try:
                root = parse_xml(value.encode("utf-8"))
            except XMLRefused as exc:
                raise ItemError(f"its NITF body: {exc}") from None
            nitf = root if local(root.tag) == "nitf" else next((e for e in root.iter() if local(e.tag) == "nitf"), None)
            if nitf is None:
                raise ItemError("its NITF body has no nitf element")
            body = read_nitf_body(nitf)
            return headline, standfirst, byline, list(body.paragraphs), body
        if "html" in contenttype or (contenttype in ("", "text") and value.lstrip().startswith("<")):
            return headline, standfirst, byline, html_paragraphs(value), None
        return headline, standfirst, byline, text_paragraphs(value), None
    return headline, standfirst, byline, [], None


def _codes(subject, gen: int) -> list[str]:
    """How a subject names its concept: 2.x ``uri``/``literal``; 1.x ``scheme`` + ``code``."""
    if not isinstance(subject, dict):
        return []
    if gen >= 2:
        return [c for c in (_str(subject.get("uri")), _str(subject.get("literal"))) if c]
    code, scheme = _str(subject.get("code")), _str(subject.get("scheme"))
    if not code:
        return []
    if ":" in code and not code.startswith("http"):
        return [code]
    if scheme:
        return [scheme.rstrip("/") + "/" + code]
    if code.isdigit() and len(code) == 8:  # no scheme: Media Topics are 2xxxxxxx, Subject Codes the rest
        return [f"medtop:{code}" if code.startswith("2") else f"subj:{code}"]
    return [code]


def _entities(values, gen: int, places: bool = False) -> tuple[CarriedEntity, ...]:
    out: dict[str, CarriedEntity] = {}
    for value in _dicts(values):
        name = clean_text(_str(value.get("name")))
        if not name:
            continue
        codes = _codes(value, gen)
        country = next((c for c in (country_from_code(code) for code in codes) if c), None) if places else None
        relevance = value.get("relevance")
        out.setdefault(
            name.casefold(),
            CarriedEntity(
                name=name,
                code=codes[0] if codes else None,
                country=country,
                relevance=max(0.0, min(1.0, relevance / 100)) if isinstance(relevance, int | float) else None,
            ),
        )
    return tuple(out.values())


def _provider(obj: dict, gen: int) -> str | None:
    holder = clean_text(_str(obj.get("copyrightholder")))
    if holder:
        return holder
    sources = _dicts(obj.get("infosources" if gen >= 2 else "infosource"))
    return clean_text(_str(sources[0].get("name"))) or None if sources else None


def _role_value(values, roles: tuple[str, ...]) -> str | None:
    items = _dicts(values)
    for item in items:
        if _str(item.get("role")) in roles and _str(item.get("value")).strip():
            return _text_of(item)
    return _text_of(items[0]) if items else None


def _text_of(item: dict) -> str:
    value = _str(item.get("value"))
    return " ".join(html_paragraphs(value)) if "html" in _str(item.get("contenttype")) else value


def _str(value) -> str:
    return value if isinstance(value, str) else "" if value is None else str(value)


def _list(value) -> list:
    return value if isinstance(value, list) else []


def _dicts(value) -> list[dict]:
    return [v for v in _list(value) if isinstance(v, dict)]
