"""What the three structured readers share: an item's text parts → the ``Story`` the text reader
gives, and the item's timestamps → time-zone-aware datetimes.

The story is built by the same rules as plain wire text: service prefixes off the headline
(``UPDATE 1-``), a dateline that opens the body moved out of it, a trailing sign-off
(``(Reporting by …)``) kept apart. What the item states outright (its dateline element, its
located place, its abstract) wins over what the text would suggest.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from wire_core.mediatopics import load_media_topics

from .dateline import split_dateline
from .markup import clean_text
from .parse import clean_headline, split_signoff
from .records import CarriedEntity, Dateline, ItemTopic, Located, Story


class ItemError(ValueError):
    """This item gives no story (no text, not a text item); the message says why."""


@dataclass(frozen=True)
class Parts:
    """An item's story as its reader found it, before the common rules apply."""

    headline: str | None
    paragraphs: tuple[str, ...]
    standfirst: str | None = None
    byline: str | None = None
    dateline: str | None = None  # as written, when the item has a dateline of its own
    located: Located | None = None
    signoff: str | None = None
    language: str | None = None
    date: datetime | None = None
    encoding: str = "utf-8"


def build_story(parts: Parts, warnings: list[str]) -> Story:
    paragraphs = [clean_text(p) for p in parts.paragraphs]
    paragraphs = [p for p in paragraphs if p]
    headline = clean_text(parts.headline)
    if headline and paragraphs and headline.casefold().startswith(paragraphs[0].casefold()):
        paragraphs = paragraphs[1:]  # the body's own heading repeats the headline
    dateline = _dateline_of(clean_text(parts.dateline))
    if paragraphs:
        found = split_dateline(paragraphs[0])
        if found:  # the body repeats or carries the dateline: once is enough, in its place
            dateline = dateline or found.dateline
            paragraphs = ([found.rest] if found.rest else []) + paragraphs[1:]
    if dateline is None and parts.located and parts.located.name:
        dateline = Dateline(places=(parts.located.name,), raw="")  # the place as the item codes it
    paragraphs, signoff = split_signoff(paragraphs)
    signoff = "\n".join(s for s in (signoff, clean_text(parts.signoff)) if s) or None
    if not headline:
        if not paragraphs:
            raise ItemError("no headline and no body text")
        headline = re.split(r"(?<=[.!?])\s", paragraphs[0], maxsplit=1)[0][:200]
        warnings.append("no headline in the item; headline taken from the first sentence")
    if not paragraphs:
        raise ItemError("headline only: the story has no body")
    byline = clean_text(parts.byline)
    byline = re.sub(r"^(?:by|BY|By)\s+", "", byline) or None
    return Story(
        headline=clean_headline(headline),
        paragraphs=tuple(paragraphs),
        standfirst=clean_text(parts.standfirst) or None,
        dateline=dateline,
        date=parts.date,
        byline=byline,
        signoff=signoff,
        encoding=parts.encoding,
        warnings=tuple(warnings),
        language=parts.language,
    )


def _dateline_of(text: str) -> Dateline | None:
    """The item's own dateline element, read by the agency conventions where it follows one
    (``BERLIN, March 3 (Northwire)``), else split simply (``MOSCOW, Monday (Reuters)``)."""
    if text:
        found = split_dateline(text.rstrip(" -–—:") + " -")
        if found and not found.rest:
            return Dateline(**{**found.dateline.__dict__, "raw": text})
        place, _, rest = text.partition(",")
        source = re.search(r"\(([^()]{1,40})\)\s*$", text)
        date_text = re.sub(r"\([^()]*\)\s*$", "", rest).strip(" ,-–—") or None
        return Dateline(
            places=(place.strip(" (-–—"),) if place.strip(" (-–—") else (),
            source=source.group(1) if source else None,
            date_text=date_text,
            raw=text,
        )
    return None


_BASIC = re.compile(
    r"^(\d{4})-?(\d{2})-?(\d{2})(?:[T ](\d{2}):?(\d{2})(?::?(\d{2})(?:[.,]\d+)?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$"
)


def parse_timestamp(value, what: str, warnings: list[str]) -> datetime | None:
    """An ISO 8601 time as items write it (extended ``2018-10-21T16:25:32-05:00``, NITF's basic
    ``20180921T102300+0200``, fractions, ``Z``), keeping its zone; UTC with a warning when it
    gives none; None with a warning when it is not a time at all."""
    if value is None:
        return None
    text = str(value).strip()
    if not text:
        return None
    m = _BASIC.match(text)
    if not m:
        warnings.append(f"{what} {text!r} is not a date and time: ignored")
        return None
    year, month, day, hour, minute, second, zone = m.groups()
    iso = f"{year}-{month}-{day}T{hour or '00'}:{minute or '00'}:{second or '00'}"
    if zone:
        zone = "+00:00" if zone == "Z" else zone if ":" in zone or len(zone) == 3 else f"{zone[:3]}:{zone[3:]}"
        iso += zone if len(zone) > 3 else zone + ":00"
    try:
        stamp = datetime.fromisoformat(iso)
    except ValueError:
        warnings.append(f"{what} {text!r} is not a valid date: ignored")
        return None
    if stamp.tzinfo is None:
        warnings.append(f"{what} {text} has no time zone: UTC assumed")
        stamp = stamp.replace(tzinfo=UTC)
    return stamp


def as_version(value, warnings: list[str]) -> int | None:
    """An item's version as a number: G2 ``@version`` is one; ninjs writes a string ("3")."""
    if value is None or str(value).strip() == "":
        return None
    text = str(value).strip()
    if text.isdigit():
        return int(text)
    warnings.append(f"version {text!r} is not a whole number: versions of this item cannot be ordered")
    return None


STATUSES = {"usable": "usable", "withheld": "withheld", "canceled": "canceled", "cancelled": "canceled"}


def as_status(value: str | None, warnings: list[str]) -> tuple[str, bool]:
    """(status, embargoed) from ``stat:usable``, ``usable``, NITF ``embargoed``, ...: unknown
    values count as usable, with a warning."""
    if not value:
        return "usable", False
    word = value.strip().rsplit(":", 1)[-1].rsplit("/", 1)[-1].lower()
    if word == "embargoed":
        return "usable", True
    if word in STATUSES:
        return STATUSES[word], False
    warnings.append(f"publication status {value!r} not known: taken as usable")
    return "usable", False


def join_entities(first: tuple[CarriedEntity, ...], second: tuple[CarriedEntity, ...]) -> tuple[CarriedEntity, ...]:
    """``first``, then the entities of ``second`` with a name ``first`` does not have."""
    seen = {e.name.casefold() for e in first}
    return first + tuple(e for e in second if e.name.casefold() not in seen)


class SubjectTopics:
    """The Media Topics an item's subjects give (each once, in the item's order) and the old
    Subject Codes that map to none, which every reader reports the same way."""

    def __init__(self) -> None:
        self.media = load_media_topics()
        self.found: dict[str, ItemTopic] = {}
        self.unmapped: list[str] = []

    def add(self, candidates: Iterable[str], report_unmapped: bool = True) -> None:
        """One subject, written as one or more codes (a qcode and its ``sameAs``): the first that
        is a Media Topic or maps to one gives the topic."""
        for given in candidates:
            topic, subject_code = self.media.resolve(given)
            if topic:
                self.found.setdefault(topic, ItemTopic(topic, self.media.get(topic).label, given))
                return
            if subject_code and report_unmapped:
                self.unmapped.append(given)

    def result(self, warnings: list[str]) -> tuple[tuple[ItemTopic, ...], tuple[str, ...]]:
        if self.unmapped:
            warnings.append("Subject Codes with no Media Topic: " + ", ".join(self.unmapped))
        return tuple(self.found.values()), tuple(self.unmapped)
