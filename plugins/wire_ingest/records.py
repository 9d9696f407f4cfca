"""Frozen records passed between the ingest stages (parse → extract → write).

Every stage takes records and returns new ones; nothing is mutated after it is made, so a
stage can be cached, tested and run in another process without surprises.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Dateline:
    """The dateline as the agency wrote it: ``ISTANBUL / ISLAMABAD (Web Desk):``."""

    places: tuple[str, ...]
    source: str | None = None
    qualifier: str | None = None  # ", Mo." / ", United Arab Emirates": the state or country
    date_text: str | None = None
    raw: str = ""


@dataclass(frozen=True)
class Story:
    """One parsed wire item. ``date`` is only set when the text itself carries one."""

    headline: str
    paragraphs: tuple[str, ...]
    standfirst: str | None = None
    dateline: Dateline | None = None
    date: datetime | None = None
    byline: str | None = None
    signoff: str | None = None
    encoding: str = "utf-8"
    warnings: tuple[str, ...] = ()

    @property
    def body(self) -> str:
        return "\n\n".join(self.paragraphs)

    @property
    def text(self) -> str:
        """Headline and body: what the extractor reads."""
        return self.headline + "\n\n" + self.body


@dataclass(frozen=True)
class CountryTag:
    code: str  # ISO 3166-1 alpha-2 (historic codes such as SU kept when the text is historic)
    name: str
    salience: float
    mentions: int = 0


@dataclass(frozen=True)
class PersonTag:
    name: str
    mentions: int
    salience: float


@dataclass(frozen=True)
class OrganizationTag:
    name: str
    mentions: int
    acronym: str | None = None


@dataclass(frozen=True)
class PlaceTag:
    name: str
    country: str | None
    mentions: int = 1


@dataclass(frozen=True)
class TopicTag:
    code: str  # IPTC Media Topic qcode, e.g. "medtop:16000000"
    label: str
    score: float


@dataclass(frozen=True)
class Refusal:
    """A name the extractor found and left out, and why: recorded in the post so an editor's
    ``keep`` line brings it back when the site is built, without extracting again."""

    kind: str  # "person" or "organization"
    name: str
    reason: str


@dataclass(frozen=True)
class Metadata:
    """What the extractor found; every list is ordered most salient first."""

    countries: tuple[CountryTag, ...] = ()
    people: tuple[PersonTag, ...] = ()
    organizations: tuple[OrganizationTag, ...] = ()
    places: tuple[PlaceTag, ...] = ()
    topics: tuple[TopicTag, ...] = ()
    keywords: tuple[str, ...] = ()
    refused: tuple[Refusal, ...] = ()
