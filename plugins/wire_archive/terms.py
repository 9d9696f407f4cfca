"""The four taxonomies' terms: countries, people, organisations and topics.

Each term has a stable, collision-free slug (countries by ISO code, topics by their label,
people and organisations by their name, with a short hash suffix when two names share a slug)
and its pages live under ``/<plural>/<slug>/``. Terms are small frozen records: the archive
makes tens of thousands of them on every build.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import ClassVar

from markupsafe import Markup
from unidecode import unidecode
from wire_core.entities.names import acronym_key
from wire_core.entities.resolve import other_names

KINDS = ("country", "person", "organization", "topic")
PLURAL = {"country": "countries", "person": "people", "organization": "organizations", "topic": "topics"}
TITLE = {"country": "Countries", "person": "People", "organization": "Organisations", "topic": "Topics"}
RESERVED = {"page", "feed", "index", "feed.xml"}
Ref = tuple[str, str]  # (kind, key) of a term
HISTORIC = ("SU", "DD", "YU", "CS")  # codes without a flag


@dataclass(frozen=True, eq=False)
class Term:
    key: str
    name: str
    slug: str
    sort_key: str = field(init=False, repr=False)
    stamp: int = field(init=False, repr=False)  # changes with the name or slug: see ``stable_id``
    kind: ClassVar[str] = "term"

    def __post_init__(self):
        object.__setattr__(self, "sort_key", unicodedata.normalize("NFKD", self.name).casefold())
        object.__setattr__(self, "stamp", stable_id(f"{self.kind}\0{self.key}\0{self.name}\0{self.slug}"))

    @property
    def plural(self) -> str:
        return PLURAL[self.kind]

    @property
    def url(self) -> str:
        return f"{self.plural}/{self.slug}/"

    @property
    def save_as(self) -> str:
        return f"{self.plural}/{self.slug}/index.html"

    @property
    def feed_url(self) -> str:
        return f"{self.plural}/{self.slug}/feed.xml"

    @property
    def ref(self) -> tuple[str, str]:
        return (self.kind, self.key)

    @property
    def label(self) -> str:
        """The name as a heading or an index shows it."""
        return self.name

    def __hash__(self):
        return hash((self.kind, self.key))

    def __eq__(self, other):
        return isinstance(other, Term) and (self.kind, self.key) == (other.kind, other.key)

    def __lt__(self, other):
        return (self.kind, self.sort_key) < (other.kind, other.sort_key)

    def __str__(self):
        return self.name


@dataclass(frozen=True, eq=False)
class CodedTerm(Term):
    """A term keyed by a code of a standard vocabulary (ISO 3166, IPTC), not by its name."""

    @property
    def code(self) -> str:
        return self.key


@dataclass(frozen=True, eq=False)
class Country(CodedTerm):
    continent: str = ""
    region: str = ""
    kind: ClassVar[str] = "country"

    @property
    def flag(self) -> str:
        """The flag emoji (regional indicator letters); historic codes have none."""
        if len(self.key) != 2 or not self.key.isalpha() or self.key in HISTORIC:
            return ""
        return "".join(chr(0x1F1E6 + ord(c) - ord("A")) for c in self.key.upper())


@dataclass(frozen=True, eq=False)
class EntityTerm(Term):
    """A person or organisation: one entity, named by its canonical name, with the acronym the
    archive defines for it and the other names stories wrote for it (``resolve.Entity``)."""

    acronym: str | None = None
    variants: tuple[str, ...] = ()  # names written for it, most used first (raw: see also_written_as)
    variants_id: int = field(init=False, repr=False)  # changes with the variants

    def __post_init__(self):
        super().__post_init__()
        if self.acronym:  # the acronym is shown wherever the term is ("Name (ABBR)"): part of the stamp
            stamp = stable_id(f"{self.kind}\0{self.key}\0{self.name}\0{self.slug}\0{self.acronym}")
            object.__setattr__(self, "stamp", stamp)
        object.__setattr__(self, "variants_id", stable_id("\0".join(self.variants)) if self.variants else 0)

    @property
    def label(self) -> str:
        """The name with its acronym: ``International Monetary Fund (IMF)``."""
        if self.acronym and self.acronym != self.name and not self.name.endswith(f"({self.acronym})"):
            return f"{self.name} ({self.acronym})"
        return self.name

    @property
    def also_written_as(self) -> tuple[str, ...]:
        """The other names a reader would recognise, as the term page lists them under its title
        (which shows the acronym)."""
        shown = acronym_key(self.acronym) if self.label != self.name else None
        return tuple(n for n in other_names(self.kind, self.name, self.variants) if acronym_key(n) != shown)


@dataclass(frozen=True, eq=False)
class Person(EntityTerm):
    kind: ClassVar[str] = "person"


@dataclass(frozen=True, eq=False)
class Organization(EntityTerm):
    kind: ClassVar[str] = "organization"


@dataclass(frozen=True, eq=False)
class Topic(CodedTerm):
    parent: str | None = None
    kind: ClassVar[str] = "topic"

    @property
    def is_top_level(self) -> bool:
        return self.key.endswith("000000")


_NOT_SLUG = re.compile(r"[^\w\s-]")
_SEPARATORS = re.compile(r"[-\s]+")


def stable_id(text: str) -> int:
    """A 64-bit number for a string, the same in every process (``hash`` of a str is not)."""
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "big")


@lru_cache(maxsize=200_000)
def term_slug(name: str) -> str:
    """Pelican's ``slugify`` with our substitutions, without its per-call overheads (tens of
    thousands of names per build): tags stripped, NFKC, ASCII, lower case, hyphens."""
    name = Markup(name).striptags() if "<" in name or "&" in name else " ".join(name.split())
    slug = unidecode(unicodedata.normalize("NFKC", name))
    slug = _SEPARATORS.sub("-", _NOT_SLUG.sub("", slug)).lower().strip()
    return slug or "x"


def assign_slugs(names) -> dict[str, str]:
    """Collision-free slugs that depend only on the set of names: the name whose own lower-case
    form equals the slug keeps the plain slug; every other name sharing it gets a hash suffix."""
    groups: dict[str, list[str]] = defaultdict(list)
    for name in names:
        base = term_slug(name)
        if base in RESERVED or base.isdigit():
            base = f"{base}-x"
        groups[base].append(name)
    slugs = {}
    for base, group in groups.items():
        if len(group) == 1:
            slugs[group[0]] = base
            continue
        group.sort(key=lambda n: (term_slug(n) != n.lower().replace(" ", "-"), not n.isascii(), n))
        slugs[group[0]] = base
        for name in group[1:]:
            slugs[name] = f"{base}-{hashlib.sha1(name.encode()).hexdigest()[:6]}"
    return slugs


def make_terms(
    country_codes,
    people,
    organizations,
    topic_codes,
    labels: dict,
    countries: dict,
    topics: dict,
    slugs: dict | None = None,
    entities: Mapping | None = None,
) -> dict[Ref, Term]:
    """Every term the stories name, by (kind, key), each with its slug. ``people`` and
    ``organizations`` are entities' canonical names (the model resolves the names posts write,
    ``entities.py``); ``slugs``: kind → name → slug, assigned over the names written and the
    entities' names (by default over these names alone); ``entities``: (kind, name) →
    ``resolve.Entity`` (its acronym and other names). ``countries``: code → (name, continent,
    region); ``topics``: qcode → (label, parent); ``labels``: a topic's label as the newest
    story carrying it writes it."""
    terms: dict[Ref, Term] = {}
    entities = entities or {}
    for code in country_codes:
        name, continent, region = countries.get(code, (code, "", ""))
        terms[("country", code)] = Country(code, name, code.lower(), continent, region)
    for kind, cls, names in (("person", Person, people), ("organization", Organization, organizations)):
        found = slugs[kind] if slugs else assign_slugs(names)
        for name in names:
            entity = entities.get((kind, name))
            if entity is None:
                terms[(kind, name)] = cls(name, name, found[name])
            else:
                terms[(kind, name)] = cls(name, name, found[name], entity.acronym, entity.variants)
    for code, slug in _topic_slugs(topic_codes, labels, topics).items():
        label, parent = topics.get(code, (code, None))
        terms[("topic", code)] = Topic(code, labels.get(code) or label, slug, parent)
    return terms


def _topic_slugs(codes, labels: dict, topics: dict) -> dict[str, str]:
    """A slug per topic from its label; when two labels share one, the lower qcode keeps it."""
    out: dict[str, str] = {}
    taken: dict[str, str] = {}
    for code in sorted(codes):
        label = labels.get(code) or topics.get(code, (code, None))[0]
        slug = term_slug(label)
        if slug in taken:
            slug = f"{slug}-{''.join(ch for ch in code if ch.isdigit()) or term_slug(code)}"
        taken[slug] = code
        out[code] = slug
    return out
