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
    language: str | None = None  # BCP 47 tag, from a structured item (plain text does not say)

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


# --- Structured wire items (NITF, NewsML-G2, ninjs): what the agency itself said ------------


@dataclass(frozen=True)
class CarriedEntity:
    """A person, organisation or place the item names in its metadata (not found by us)."""

    name: str
    code: str | None = None  # the agency's qcode or URI, kept as given
    country: str | None = None  # ISO alpha-2, for places whose code or broader place says it
    relevance: float | None = None  # 0..1 when the item scores it (G2 @relevance, ninjs relevance)


@dataclass(frozen=True)
class Located:
    """Where the story was filed from (G2 ``located``, ninjs ``located``, NITF dateline location)."""

    name: str
    code: str | None = None
    country: str | None = None  # ISO alpha-2 from a ``broader`` country, an ISO qcode or the code itself


@dataclass(frozen=True)
class ItemTopic:
    """A Media Topic the item carries, with where it came from when it was mapped."""

    code: str  # medtop qcode, e.g. "medtop:20000849"
    label: str  # IPTC's en-GB label
    given: str  # as the item wrote it: "medtop:20000849", a Media Topic URI, "subj:15007000", ...


@dataclass(frozen=True)
class ItemMeta:
    """The metadata a structured wire item carries about itself. Authoritative where present:
    the ingest takes it over the extractor's guesses and extracts only what is missing.

    Identity and updates: the same ``guid`` with a higher ``version`` replaces the story; a
    lower or equal one never does. ``status`` "canceled"/"withheld" takes the story off the
    site; ``embargoed`` holds it until that time (``embargo_open``: until a later version lifts
    it). Times keep the zone the item gave (UTC assumed, with a warning, when it gave none)."""

    format: str  # "nitf" | "newsml-g2" | "ninjs"
    format_version: str | None = None  # "3.6", "2.35", "1.4", "2.1" as the item declares it
    guid: str | None = None  # G2 @guid, ninjs uri, NITF doc-id@id-string
    version: int | None = None  # G2 @version, ninjs version, NITF du-key@version
    status: str = "usable"  # usable | withheld | canceled
    first_created: datetime | None = None
    version_created: datetime | None = None
    content_created: datetime | None = None
    issued: datetime | None = None  # NITF date.issue
    embargoed: datetime | None = None
    embargo_open: bool = False  # embargoed with no end time
    language: str | None = None
    provider: str | None = None  # the agency (G2 provider, NITF distributor or copyright holder, ninjs copyrightholder)
    located: Located | None = None
    topics: tuple[ItemTopic, ...] = ()  # Media Topics, the item's order, subject codes mapped
    unmapped_subjects: tuple[str, ...] = ()  # IPTC subject codes we have no Media Topic for
    people: tuple[CarriedEntity, ...] = ()
    organizations: tuple[CarriedEntity, ...] = ()
    places: tuple[CarriedEntity, ...] = ()
    keywords: tuple[str, ...] = ()
    genres: tuple[str, ...] = ()
    signals: tuple[str, ...] = ()  # "update", "correction", ... (G2 signal, NITF correction)
    urgency: int | None = None
    slugline: str | None = None
    ednote: str | None = None  # for the desk, never published

    @property
    def date(self) -> datetime | None:
        """The story's publication date: when the item was first created, else when its content
        was, else its issue date, else this version's time."""
        return self.first_created or self.content_created or self.issued or self.version_created

    @property
    def countries(self) -> tuple[str, ...]:
        """ISO codes the item itself gives: the located country first, then its places'."""
        codes = [self.located.country] if self.located and self.located.country else []
        codes += [p.country for p in self.places if p.country]
        return tuple(dict.fromkeys(codes))


@dataclass(frozen=True)
class WireItem:
    """One story of a wire file. A NewsML-G2 ``newsMessage`` or a JSON array of ninjs objects
    holds several: each has its own ``key`` (its guid when that is unique in the file, else
    ``item-N``), and the file's other items go on when one fails (``error``). A file of one
    item has the key "". ``digest`` hashes the item's own bytes, so an item re-sent unchanged
    inside a new message is recognised (the extraction cache key)."""

    key: str
    digest: str
    story: Story | None
    meta: ItemMeta | None  # None for plain wire text: nothing in it is authoritative
    error: str | None = None

    def source(self, file_key: str) -> str:
        """How reports and post indexes name this item: the file, and ``#key`` inside it."""
        return f"{file_key}#{self.key}" if self.key else file_key


@dataclass(frozen=True)
class Provenance:
    """Which values of a post came from the item and which were extracted: ``fields`` names the
    single-valued fields the item set (date, dateline, source, language, topics), ``values`` the
    entries of each list field (countries, people, ...) that the item carried. Everything else
    was extracted from the text."""

    fields: tuple[str, ...] = ()
    values: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def as_dict(self) -> dict:
        out: dict = {"fields": list(self.fields)} if self.fields else {}
        out.update({name: list(vals) for name, vals in self.values if vals})
        return out
