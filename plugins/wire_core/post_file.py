"""The post file: YAML front matter between ``---`` lines, then a Markdown body.

The ingest writes posts (``compose_post``); editors may change them; the archive generator and
the ingest read them back (``front_matter.read_post``). A generated post carries a hash of its
text as generated (``wire.generated``, the last line of the front matter): a file that no longer
matches it was edited by hand (``is_edited``), and the ingest never overwrites it.

Bodies written by the ingest are plain wire paragraphs escaped so that Markdown renders them to
the same text (``escape_markdown``); the archive's ``body.fast_html`` is its inverse.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
import unicodedata
from pathlib import Path

import yaml

_GENERATED_LINE = re.compile(r"^(  generated: )(\S*)$", re.MULTILINE)
_PLACEHOLDER = "'-'"  # how YAML writes the "-" placed in the front matter before hashing
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_SAFE_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class FrontMatterError(ValueError):
    """A post whose front matter cannot be read; the message says why."""


def split_sections(text: str) -> tuple[str, str]:
    """The front matter's text and the body, without reading the YAML."""
    text = text.replace("\r\n", "\n")  # posts edited on Windows
    if not text.startswith("---\n"):
        raise FrontMatterError("no front matter (the file must start with a '---' line)")
    end = text.find("\n---\n", 3)
    if end == -1:
        raise FrontMatterError("front matter is not closed by a '---' line")
    return text[4 : end + 1], text[end + 5 :]


def split_post(text: str) -> tuple[dict, str]:
    """Front matter (safe YAML: a post can never construct objects) and body."""
    head, body = split_sections(text)
    try:
        front = yaml.load(head, Loader=_SAFE_LOADER)
    except yaml.YAMLError as exc:
        raise FrontMatterError(f"front matter is not valid YAML: {' '.join(str(exc).split())[:200]}") from exc
    if not isinstance(front, dict):
        raise FrontMatterError("front matter is not a mapping of fields")
    return front, body


def compose_post(front: dict, paragraphs) -> str:
    """The text of a generated post: ``front`` (whose ``wire`` block, written last, has
    ``generated: "-"``) and the paragraphs escaped as Markdown, sealed with the hash of the text."""
    return seal_post(front, "\n\n".join(escape_markdown(p) for p in paragraphs))


def seal_post(front: dict, body: str) -> str:
    """``compose_post`` for a body that is Markdown already (a generated post's own body, kept
    when only its front matter changes)."""
    head = yaml.dump(front, Dumper=_SAFE_DUMPER, sort_keys=False, allow_unicode=True, width=100000)
    draft = f"---\n{head}---\n\n{body}\n"
    m = _generated_line(draft)
    digest = hashlib.sha256(draft.encode("utf-8")).hexdigest()  # the draft holds the placeholder
    return draft[: m.start(2)] + digest + draft[m.end(2) :]


def _generated_line(text: str) -> re.Match | None:
    """The ``wire.generated`` line: the last line of the front matter (``wire`` is written last),
    so a field value that happens to contain that text cannot be mistaken for it."""
    end = text.find("\n---\n", 3)
    if end == -1:
        return None
    matches = list(_GENERATED_LINE.finditer(text, 0, end + 1))
    return matches[-1] if matches else None


def is_edited(text: str) -> bool:
    """True when the post differs from what the ingest generated (or cannot be checked)."""
    m = _generated_line(text)
    if not m:
        return True
    draft = text[: m.start(2)] + _PLACEHOLDER + text[m.end(2) :]
    return hashlib.sha256(draft.encode("utf-8")).hexdigest() != m.group(2)


_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}#!])")  # all escapable in Python-Markdown
_LIST_DASH = re.compile(r"^(\s*)([-+])")
_LIST_NUMBER = re.compile(r"^(\s*\d+)([.)])")


def escape_markdown(paragraph: str) -> str:
    """Plain wire text as Markdown that renders to the same text: no markup, no HTML."""
    text = escape_html(paragraph)
    text = _MD_SPECIAL.sub(r"\\\1", text)
    text = _LIST_DASH.sub(lambda m: m.group(1) + "\\" + m.group(2), text)  # "- x", "---", "+ x"
    text = _LIST_NUMBER.sub(lambda m: m.group(1) + "\\" + m.group(2), text)  # "1. x" → "1\. x"
    return text


def escape_html(text: str) -> str:
    """``&``, ``<`` and ``>`` as entities (quotes are left alone: text, not attributes)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


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
    """A post's slug from its headline: ASCII (Ł → L, ß → ss, Ø → O), lower case, hyphens."""
    from unidecode import unidecode  # Pelican's own dependency

    ascii_text = unidecode(re.sub(r"[’']", "", unicodedata.normalize("NFC", text)))
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > limit:
        slug = slug[:limit].rsplit("-", 1)[0]
    return slug or "story"
