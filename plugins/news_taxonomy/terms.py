"""The four taxonomies as Pelican URLWrapper subclasses.

Each term has a stable, collision-free slug (countries by ISO code, topics by qcode label,
people and organisations by their name, with a short hash suffix when two names share a
slug) and its URL comes from the ``<KIND>_URL`` / ``<KIND>_SAVE_AS`` settings.
"""

from __future__ import annotations

import hashlib
import unicodedata

from pelican.urlwrappers import URLWrapper
from pelican.utils import slugify

KINDS = ("country", "person", "organization", "topic")
PLURAL = {"country": "countries", "person": "people", "organization": "organizations", "topic": "topics"}
TITLE = {"country": "Countries", "person": "People", "organization": "Organisations", "topic": "Topics"}
RESERVED = {"page", "feed", "index", "feed.xml"}


class Term(URLWrapper):
    kind = "term"

    def __init__(self, name, settings, key=None, slug=None):
        super().__init__(name, settings)
        self.key = key if key is not None else name
        if slug:
            self.slug = slug

    @property
    def plural(self):
        return PLURAL[self.kind]

    @property
    def url(self):
        return f"{self.plural}/{self.slug}/"

    @property
    def save_as(self):
        return f"{self.plural}/{self.slug}/index.html"

    @property
    def feed_url(self):
        return f"{self.plural}/{self.slug}/feed.xml"

    def __hash__(self):
        return hash((self.kind, self.key))

    def __eq__(self, other):
        return isinstance(other, Term) and (self.kind, self.key) == (other.kind, other.key)

    def __lt__(self, other):
        return (self.kind, self.sort_key) < (other.kind, other.sort_key)

    @property
    def sort_key(self):
        return unicodedata.normalize("NFKD", self.name).casefold()

    def __str__(self):
        return self.name

    def __repr__(self):
        return f"<{self.__class__.__name__} {self.key!r}>"


class Country(Term):
    kind = "country"

    def __init__(self, code, name, settings, continent="", region=""):
        super().__init__(name, settings, key=code, slug=code.lower())
        self.code = code
        self.continent = continent
        self.region = region

    @property
    def flag(self):
        """The flag emoji (regional indicator letters); historic codes have none."""
        if len(self.code) != 2 or self.code in ("SU", "DD", "YU", "CS"):
            return ""
        return "".join(chr(0x1F1E6 + ord(c) - ord("A")) for c in self.code.upper())


class Person(Term):
    kind = "person"


class Organization(Term):
    kind = "organization"


class Topic(Term):
    kind = "topic"

    def __init__(self, code, label, settings, parent=None):
        super().__init__(label, settings, key=code, slug=term_slug(label))
        self.code = code
        self.parent = parent

    @property
    def is_top_level(self):
        return self.code.endswith("000000")


def term_slug(name: str) -> str:
    slug = slugify(name, regex_subs=[(r"[^\w\s-]", ""), (r"[-\s]+", "-")])
    return slug or "x"


class SlugRegistry:
    """Hands out collision-free slugs per kind: the first name keeps the plain slug, any later
    name with the same slug gets a suffix from its own hash, so slugs do not depend on order
    of discovery more than necessary and never collide with page/feed paths."""

    def __init__(self):
        self._owner: dict[tuple[str, str], str] = {}

    def slug_for(self, kind: str, name: str) -> str:
        base = term_slug(name)
        if base in RESERVED or base.isdigit():
            base = f"{base}-{kind[0]}"
        owner = self._owner.setdefault((kind, base), name)
        if owner == name:
            return base
        slug = f"{base}-{hashlib.sha1(name.encode()).hexdigest()[:6]}"
        self._owner.setdefault((kind, slug), name)
        return slug
