"""The one reader of posts: a post's text → a typed front-matter record and its body.

The ingest's index of posts, the archive's store of posts and the reader of hand-written pages
all read posts here, so a field means the same everywhere: values are tidied (whitespace
folded, lists deduplicated, country codes upper-cased) and a date is read one way. What a
reader requires (a title, a date, a known status) is its own decision; the record only says
what is there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from types import MappingProxyType
from typing import NamedTuple

from .post_file import split_post

# hidden: written but not listed; draft: not written; withdrawn: taken back by the agency (its
# page is a short notice, it is in no list, feed, sitemap or search)
POST_STATUSES = ("published", "hidden", "draft", "withdrawn")


class PostDateline(NamedTuple):
    """The dateline as the post records it (``dateline:`` in the front matter). A named tuple:
    the archive keeps one in each of its 100,000 remembered posts, and tuples load fast."""

    places: tuple[str, ...] = ()
    source: str | None = None
    date: str | None = None  # the date as the agency wrote it


@dataclass(frozen=True)
class WireFields:
    """The ``wire`` block of a generated post: the raw file it came from and how it was made.
    A post from a structured item (NITF, NewsML-G2, ninjs) also records the item's key in a
    file of several (``item``), its ``guid``, ``version`` and the agency's ``status``."""

    path: str
    sha256: str = ""  # of the raw file; of the item's own bytes for an item of a multi-item file
    extractor: str = ""  # extraction fingerprint + writer version
    refused: tuple[tuple[str, str, str], ...] = ()  # (kind, name, reason): names the extractor left out
    item: str = ""  # the item's key in its file ("" for a file of one story)
    guid: str | None = None
    version: int | None = None
    status: str | None = None  # usable, withheld, canceled: as the agency said

    @property
    def source(self) -> str:
        """How the ingest names the story's origin: the file, and ``#key`` inside it."""
        return f"{self.path}#{self.item}" if self.item else self.path


@dataclass(frozen=True)
class FrontMatter:
    title: str | None
    date: datetime | None  # None when missing or unreadable: see ``date_error``
    slug: str | None
    story: str | None  # re-sends of one story share it
    summary: str | None
    status: str  # lower case; not checked against POST_STATUSES here
    dateline: PostDateline
    source: str | None
    byline: str | None
    signoff: str | None
    countries: tuple[str, ...]  # ISO codes, upper case
    countries_mentioned: tuple[str, ...]
    people: tuple[str, ...]
    organizations: tuple[str, ...]
    topics: tuple[tuple[str | None, str | None], ...]  # (qcode or None, label or None), as written
    wire: WireFields | None  # None: a post written by hand
    fields: MappingProxyType = field(repr=False)  # every field as written (for Pelican's pages)

    @property
    def date_error(self) -> str | None:
        """Why ``date`` is None, or None when it is not."""
        if self.date is not None:
            return None
        value = self.fields.get("date")
        if value is None or value == "":
            return "the front matter has no date"
        return f"the date {value!r} cannot be read"


def read_post(text: str) -> tuple[FrontMatter, str]:
    """The front matter and the Markdown body of a post; ``FrontMatterError`` (from
    ``post_file``) when the front matter cannot be read at all."""
    front, body = split_post(text)
    dateline = front.get("dateline") if isinstance(front.get("dateline"), dict) else {}
    wire = front.get("wire") if isinstance(front.get("wire"), dict) else {}
    wire_path = clean_text(wire.get("path"))
    return FrontMatter(
        title=clean_text(front.get("title")),
        date=parse_date(front.get("date")),
        slug=clean_text(front.get("slug")),
        story=clean_text(front.get("story")),
        summary=clean_text(front.get("summary")),
        status=str(front.get("status") or "published").lower(),
        dateline=PostDateline(
            clean_list(dateline.get("places")), clean_text(dateline.get("source")), clean_text(dateline.get("date"))
        ),
        source=clean_text(front.get("source")),
        byline=clean_text(front.get("byline")),
        signoff=clean_text(front.get("signoff")),
        countries=clean_list(front.get("countries"), upper=True),
        countries_mentioned=clean_list(front.get("countries_mentioned"), upper=True),
        people=clean_list(front.get("people")),
        organizations=clean_list(front.get("organizations")),
        topics=_topics(front.get("topics")),
        wire=_wire_fields(wire_path, wire) if wire_path else None,
        fields=MappingProxyType(front),
    ), body


def _wire_fields(path: str, wire: dict) -> WireFields:
    version = wire.get("version")
    return WireFields(
        path,
        str(wire.get("sha256", "")),
        str(wire.get("extractor", "")),
        refused=_refused(wire.get("refused")),
        item=clean_text(wire.get("item")) or "",
        guid=clean_text(wire.get("guid")),
        version=version if isinstance(version, int) and not isinstance(version, bool) else None,
        status=(clean_text(wire.get("status")) or "").lower() or None,
    )


def clean_text(value) -> str | None:
    """A scalar field as one line of text (whitespace folded); None when empty or not a scalar."""
    if value is None or isinstance(value, (dict, list)):
        return None
    text = " ".join(str(value).split())
    return text or None


def clean_list(values, upper: bool = False) -> tuple[str, ...]:
    """A list field (or a comma-separated string) as distinct, tidy strings, in order."""
    if isinstance(values, str):
        values = [v.strip() for v in values.split(",")]
    out, seen = [], set()
    for value in values if isinstance(values, (list, tuple)) else []:
        if not isinstance(value, (str, int, float)) or isinstance(value, bool):
            continue
        value = " ".join(str(value).split())
        value = value.upper() if upper else value
        if value and value not in seen:
            seen.add(value)
            out.append(value)
    return tuple(out)


def _topics(values) -> tuple[tuple[str | None, str | None], ...]:
    """``{code, label}`` mappings, bare qcodes and bare labels, as (code, label) pairs."""
    out = []
    for value in values if isinstance(values, (list, tuple)) else []:
        if isinstance(value, dict) and value.get("code"):
            out.append((str(value["code"]).strip(), clean_text(value.get("label"))))
        elif isinstance(value, str) and value.strip():
            value = value.strip()
            out.append((value, None) if value.startswith("medtop:") else (None, value))
    return tuple(out)


REFUSED_KINDS = {"people": "person", "organizations": "organization"}


def _refused(value) -> tuple[tuple[str, str, str], ...]:
    """``refused: {people: {name: reason}, organizations: {...}}`` as (kind, name, reason)."""
    out = []
    for key, kind in REFUSED_KINDS.items():
        names = value.get(key) if isinstance(value, dict) else None
        if isinstance(names, list):  # written by hand as a bare list
            names = dict.fromkeys(names, "")
        for name, reason in (names or {}).items() if isinstance(names, dict) else ():
            name = clean_text(name)
            if name:
                out.append((kind, name, clean_text(reason) or ""))
    return tuple(out)


def parse_date(value) -> datetime | None:
    """A front-matter date: a YAML timestamp, ISO 8601 text, or anything Pelican's ``get_date``
    reads (same parser, same defaults); None when missing or unreadable. No time zone is
    added: the reader decides which one a naive date is in."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    text = str(value).strip()
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        pass
    import dateutil.parser

    default = datetime.now().replace(hour=0, minute=0, second=0, microsecond=0)  # as Pelican's get_date
    try:
        return dateutil.parser.parse(re.sub(" +", " ", text), default=default)
    except (TypeError, ValueError, OverflowError):
        return None
