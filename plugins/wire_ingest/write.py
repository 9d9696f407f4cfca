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

from .records import Dateline, Metadata, Story

TAG_SALIENCE = 0.5  # a country or person at or above this is what the story is about
REFUSED_KEYS = {"person": "people", "organization": "organizations"}


@dataclass(frozen=True)
class WireRef:
    path: str  # the raw file, relative to the site root
    sha256: str
    extractor: str


@dataclass(frozen=True)
class PostText:
    slug: str
    date: datetime
    text: str


def render_post(
    story: Story, metadata: Metadata, slug: str, date: datetime, wire: WireRef, story_id: str | None = None
) -> PostText:
    front = build_front_matter(story, metadata, slug, date, wire, story_id or slug)
    return PostText(slug=slug, date=date, text=compose_post(front, story.paragraphs))


def build_front_matter(
    story: Story, metadata: Metadata, slug: str, date: datetime, wire: WireRef, story_id: str | None = None
) -> dict:
    tagged = [c for c in metadata.countries if c.salience >= TAG_SALIENCE]
    mentioned = [c for c in metadata.countries if c.salience < TAG_SALIENCE]
    dateline = story.dateline
    return {
        "title": story.headline,
        "date": date.isoformat(),
        "slug": slug,
        "story": story_id or slug,  # versions of one story (re-sends) share it
        "summary": summarise(story),
        "dateline": dateline_fields(dateline),
        "source": dateline.source if dateline and dateline.source else None,
        "byline": story.byline,
        "countries": [c.code for c in tagged],
        "countries_mentioned": [c.code for c in mentioned],
        "people": [p.name for p in metadata.people],
        "organizations": [o.name for o in metadata.organizations],
        "places": [{"name": p.name, "country": p.country} for p in metadata.places],
        "topics": [{"code": t.code, "label": t.label} for t in metadata.topics],
        "keywords": list(metadata.keywords),
        "signoff": story.signoff,
        "wire": wire_fields(wire, metadata),
    }


def wire_fields(wire: WireRef, metadata: Metadata) -> dict:
    """The ``wire`` block: where the post came from, the names the extractor left out (by kind,
    name → reason: what an editor's ``keep`` line can bring back) and, last, the hash that
    tells an edited post."""
    fields: dict = {"path": wire.path, "sha256": wire.sha256, "extractor": wire.extractor}
    refused: dict[str, dict[str, str]] = {}
    for r in metadata.refused:
        refused.setdefault(REFUSED_KEYS[r.kind], {})[r.name] = r.reason
    if refused:
        fields["refused"] = refused
    fields["generated"] = "-"
    return fields


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
