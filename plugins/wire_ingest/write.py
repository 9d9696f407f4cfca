"""Story + Metadata → the text of a tagged post (front matter and escaped body).

The file format itself (front matter, body escaping, the ``wire.generated`` hash that tells an
edited post from a generated one) is ``wire_core.post_file``, shared with the archive generator;
this module decides what a post says. Together they are the writer whose version every post
records (``planning.post_version``): a change here rewrites the posts from the cache.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from wire_core.post_file import compose_post

from .records import Dateline, ItemMeta, Metadata, Provenance, Story

TAG_SALIENCE = 0.5  # a country or person at or above this is what the story is about
REFUSED_KEYS = {"person": "people", "organization": "organizations"}
WITHDRAWN = ("canceled", "withheld")  # the agency's statuses that take a story off the site


@dataclass(frozen=True)
class WireRef:
    """The post's ``wire`` block: where the story came from and how it was made."""

    path: str  # the raw file, relative to the site root
    sha256: str  # of the file; of the item's own bytes for an item of a file of several
    extractor: str
    item: str = ""  # the item's key in a file of several
    guid: str | None = None
    version: int | None = None
    status: str | None = None  # the agency's: usable, withheld, canceled

    @classmethod
    def of_item(cls, path: str, key: str, digest: str, extractor: str, meta: ItemMeta | None) -> WireRef:
        if meta is None:
            return cls(path, digest, extractor, key)
        return cls(path, digest, extractor, key, meta.guid, meta.version, meta.status)

    def fields(self, refused: dict | None = None) -> dict:
        """The block as written: ``refused`` (kind → name → reason, see ``refused_names``) are
        the names the extractor left out, what an editor's ``keep`` line can bring back."""
        out = {"path": self.path, "sha256": self.sha256}
        if self.item:
            out["item"] = self.item
        if self.guid:
            out["guid"] = self.guid
        if self.version is not None:
            out["version"] = self.version
        if self.status is not None:
            out["status"] = self.status
        out["extractor"] = self.extractor
        if refused:
            out["refused"] = refused
        return {**out, "generated": "-"}  # ``generated`` last: see post_file


@dataclass(frozen=True)
class PostText:
    slug: str
    date: datetime
    text: str


def render_post(
    story: Story,
    metadata: Metadata,
    slug: str,
    date: datetime,
    wire: WireRef,
    story_id: str | None = None,
    meta: ItemMeta | None = None,
    provenance: Provenance | None = None,
) -> PostText:
    front = build_front_matter(story, metadata, slug, date, wire, story_id or slug, meta, provenance)
    return PostText(slug=slug, date=date, text=compose_post(front, story.paragraphs))


def build_front_matter(
    story: Story, metadata: Metadata, slug: str, date: datetime, wire: WireRef,
    story_id: str | None = None, meta: ItemMeta | None = None, provenance: Provenance | None = None,
) -> dict:  # fmt: skip
    """The post's fields. A structured item (``meta``) adds what it says of itself: its agency
    as ``source``, its ``language``, ``status: withdrawn`` when the agency canceled or withheld
    it, and ``provenance`` (which values came from the item; the rest was extracted)."""
    tagged = [c for c in metadata.countries if c.salience >= TAG_SALIENCE]
    mentioned = [c for c in metadata.countries if c.salience < TAG_SALIENCE]
    dateline = story.dateline
    source = dateline.source if dateline and dateline.source else None
    front: dict = {
        "title": story.headline,
        "date": date.isoformat(),
        "slug": slug,
        "story": story_id or slug,  # versions of one story (re-sends) share it
    }
    if meta is not None and meta.status in WITHDRAWN:
        front["status"] = "withdrawn"  # a notice at its address; in no list, feed or search
    front.update(
        {
            "summary": summarise(story),
            "dateline": dateline_fields(dateline),
            "source": (meta.provider if meta is not None and meta.provider else None) or source,
        }
    )
    language = (meta.language if meta is not None else None) or story.language
    if language:
        front["language"] = language
    front.update(
        {
            "byline": story.byline,
            "countries": [c.code for c in tagged],
            "countries_mentioned": [c.code for c in mentioned],
            "people": [p.name for p in metadata.people],
            "organizations": [o.name for o in metadata.organizations],
            "places": [{"name": p.name, "country": p.country} for p in metadata.places],
            "topics": [{"code": t.code, "label": t.label} for t in metadata.topics],
            "keywords": list(metadata.keywords),
            "signoff": story.signoff,
        }
    )
    if meta is not None:
        front["provenance"] = provenance.as_dict() if provenance else {}
    front["wire"] = wire.fields(refused_names(metadata))
    return front


def refused_names(metadata: Metadata) -> dict[str, dict[str, str]]:
    """The names the extractor left out, by kind: ``{people: {name: reason}, ...}``."""
    refused: dict[str, dict[str, str]] = {}
    for r in metadata.refused:
        refused.setdefault(REFUSED_KEYS[r.kind], {})[r.name] = r.reason
    return refused


def summarise(story: Story, limit: int = 300) -> str:
    text = story.standfirst or (story.paragraphs[0] if story.paragraphs else story.headline)
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0] + "…"


def dateline_fields(dateline: Dateline | None) -> dict:
    """The dateline as posts and ``make extract`` record it."""
    return {
        "places": list(dateline.places) if dateline else [],
        "source": dateline.source if dateline else None,
        "date": dateline.date_text if dateline else None,
    }
