"""Story + Metadata → a Markdown post with YAML front matter, written only when it changes.

The post carries a hash of the text as generated (``wire.generated``). If the file no longer
matches it, an editor has changed it, and the ingest never overwrites it.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import yaml

from .records import Metadata, Story

TAG_SALIENCE = 0.5  # a country or person at or above this is what the story is about
_GENERATED_LINE = re.compile(r"^(  generated: )(\S*)$", re.MULTILINE)
_PLACEHOLDER = "'-'"  # how YAML writes the "-" placed in the front matter before hashing
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_SAFE_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


@dataclass(frozen=True)
class WireRef:
    path: str  # the raw file, relative to the site root
    sha256: str
    extractor: str


@dataclass(frozen=True)
class Post:
    slug: str
    date: datetime
    text: str


class FrontMatterError(ValueError):
    pass


def render_post(
    story: Story, metadata: Metadata, slug: str, date: datetime, wire: WireRef, story_id: str | None = None
) -> Post:
    front = build_front_matter(story, metadata, slug, date, wire, story_id or slug)
    head = yaml.dump(front, Dumper=_SAFE_DUMPER, sort_keys=False, allow_unicode=True, width=100000)
    body = "\n\n".join(escape_markdown(p) for p in story.paragraphs)
    draft = f"---\n{head}---\n\n{body}\n"
    m = _generated_line(draft)
    digest = hashlib.sha256(draft.encode("utf-8")).hexdigest()  # the draft holds the placeholder
    text = draft[: m.start(2)] + digest + draft[m.end(2) :]
    return Post(slug=slug, date=date, text=text)


def _generated_line(text: str) -> re.Match | None:
    """The ``wire.generated`` line: the last line of the front matter (``wire`` is written last),
    so a field value that happens to contain that text cannot be mistaken for it."""
    end = text.find("\n---\n", 3)
    if end == -1:
        return None
    matches = list(_GENERATED_LINE.finditer(text, 0, end + 1))
    return matches[-1] if matches else None


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
        "dateline": {
            "places": list(dateline.places) if dateline else [],
            "source": dateline.source if dateline else None,
            "date": dateline.date_text if dateline else None,
        },
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
        "wire": {"path": wire.path, "sha256": wire.sha256, "extractor": wire.extractor, "generated": "-"},
    }


def summarise(story: Story, limit: int = 300) -> str:
    text = story.standfirst or (story.paragraphs[0] if story.paragraphs else story.headline)
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0] + "…"


_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}#!])")  # all escapable in Python-Markdown
_LIST_DASH = re.compile(r"^(\s*)([-+])")
_LIST_NUMBER = re.compile(r"^(\s*\d+)([.)])")


def escape_markdown(paragraph: str) -> str:
    """Plain wire text as Markdown that renders to the same text: no markup, no HTML."""
    text = paragraph.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MD_SPECIAL.sub(r"\\\1", text)
    text = _LIST_DASH.sub(lambda m: m.group(1) + "\\" + m.group(2), text)  # "- x", "---", "+ x"
    text = _LIST_NUMBER.sub(lambda m: m.group(1) + "\\" + m.group(2), text)  # "1. x" → "1\. x"
    return text


def split_post(text: str) -> tuple[dict, str]:
    """Front matter and body of a post; FrontMatterError when the front matter is broken."""
    head, body = split_sections(text)
    try:
        front = yaml.load(head, Loader=_SAFE_LOADER)
    except yaml.YAMLError as exc:
        raise FrontMatterError(f"front matter is not valid YAML: {_first_line(exc)}") from exc
    if not isinstance(front, dict):
        raise FrontMatterError("front matter is not a mapping of fields")
    return front, body


def split_sections(text: str) -> tuple[str, str]:
    """The front matter's text and the body, without reading the YAML."""
    text = text.replace("\r\n", "\n")  # posts edited on Windows
    if not text.startswith("---\n"):
        raise FrontMatterError("no front matter (the file must start with a '---' line)")
    end = text.find("\n---\n", 3)
    if end == -1:
        raise FrontMatterError("front matter is not closed by a '---' line")
    return text[4 : end + 1], text[end + 5 :]


def _first_line(exc: Exception) -> str:
    return " ".join(str(exc).split())[:200]


def is_edited(text: str) -> bool:
    """True when the post differs from what the ingest generated (or cannot be checked)."""
    m = _generated_line(text)
    if not m:
        return True
    draft = text[: m.start(2)] + _PLACEHOLDER + text[m.end(2) :]
    return hashlib.sha256(draft.encode("utf-8")).hexdigest() != m.group(2)


def write_if_changed(path: Path, text: str) -> bool:
    """Atomically replace ``path`` with ``text`` unless it already holds exactly that."""
    data = text.encode("utf-8")
    try:
        if path.read_bytes() == data:
            return False
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o644)  # mkstemp makes 0600; posts are ordinary files in the repository
        os.replace(tmp, path)  # atomic: a killed run leaves the old post or the new one, never half
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True


def slugify(text: str, limit: int = 80) -> str:
    from unidecode import unidecode  # Pelican's own dependency: Ł → L, ß → ss, Ø → O

    ascii_text = unidecode(re.sub(r"[’']", "", unicodedata.normalize("NFC", text)))
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > limit:
        slug = slug[:limit].rsplit("-", 1)[0]
    return slug or "story"
