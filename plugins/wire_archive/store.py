"""The archive's posts as frozen records, read once and then remembered by file stamp.

Reading a post (safe YAML front matter, then its body) costs about a millisecond; an archive of
100,000 posts is read in full once and afterwards remembered in ``.cache/site/posts.pickle``,
keyed by each file's size, mtime and inode (as git does): a rebuild reads only the posts that
changed. The body's HTML is not kept; it is made again when the article page is written.

A post that cannot be read is reported with its file and the reason, and left out; the rest
of the archive builds.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import NamedTuple
from zoneinfo import ZoneInfo

from wire_core import front_matter, post_file
from wire_core.front_matter import POST_STATUSES, PostDateline, read_post
from wire_core.kept import KeptDict
from wire_core.post_file import FrontMatterError, escape_html, slugify
from wire_core.runtime import Forked, fork_map

from .body import BodyRenderer

log = logging.getLogger(__name__)
_TAG = re.compile(r"<[^>]+>")


class Post(NamedTuple):
    """One post as the site shows it. ``uid`` is a digest of the file's bytes: whatever an editor
    changes in the file, the uid changes, and every page that shows the post is written again.
    (A named tuple: frozen, and 20,000 of them load from the store in a tenth of a second.)"""

    path: str  # relative to the content folder, e.g. "posts/kenya-rate-cut.md"
    uid: int
    title: str
    slug: str
    date: datetime
    summary: str  # HTML-escaped text
    story: str  # re-sends of one story share it
    dateline: PostDateline
    source: str | None
    byline: str | None
    signoff: str | None
    countries: tuple[str, ...]  # ISO codes, the story's tags
    countries_mentioned: tuple[str, ...]
    people: tuple[str, ...]
    organizations: tuple[str, ...]
    topics: tuple[tuple[str, str | None], ...]  # (qcode, label as written)
    status: str  # published, hidden (a page, not listed), withdrawn (a notice page) or draft (not written)
    wire_path: str
    show_standfirst: bool  # the summary says more than the body's first lines
    url: str  # ARTICLE_URL and ARTICLE_SAVE_AS filled in
    save_as: str
    refused: tuple[tuple[str, str, str], ...] = ()  # (kind, name, why): names the extractor left out
    version: int | None = None  # a structured item's version (``wire.version``): orders a story's versions

    @property
    def timestamp(self) -> float:
        return self.date.timestamp()


class PostError(ValueError):
    """A post that cannot be published; the message says why."""


def file_uid(data: bytes) -> int:
    return int.from_bytes(hashlib.blake2b(data, digest_size=16).digest(), "big")


@dataclass(frozen=True)
class ReadSettings:
    timezone: str = "UTC"
    markdown: dict | None = None
    url: str = "{date:%Y}/{date:%m}/{slug}/"
    save_as: str = "{date:%Y}/{date:%m}/{slug}/index.html"
    lang: str = "en"

    @classmethod
    def from_pelican(cls, settings: dict) -> ReadSettings:
        return cls(
            timezone=settings.get("TIMEZONE") or "UTC",
            markdown=settings.get("MARKDOWN"),
            url=settings.get("ARTICLE_URL", "{slug}.html"),
            save_as=settings.get("ARTICLE_SAVE_AS", "{slug}.html"),
            lang=settings.get("DEFAULT_LANG", "en"),
        )


class _Blank(dict):
    def __missing__(self, key):
        return ""


def fill_url(pattern: str, slug: str, date: datetime, lang: str) -> str:
    """ARTICLE_URL / ARTICLE_SAVE_AS with {slug}, {date}, {lang}, {category} filled in."""
    return pattern.format_map(_Blank(slug=slug, date=date, lang=lang, category="news"))


def parse_post(data: bytes, path: str, settings: ReadSettings | None = None, body: BodyRenderer | None = None) -> Post:
    settings = settings or ReadSettings()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise PostError(f"not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
    try:
        front, markdown = read_post(text.replace("\x00", ""))
    except FrontMatterError as exc:
        raise PostError(str(exc)) from exc
    title = front.title
    if not title:
        raise PostError("the front matter has no title")
    if front.date is None:
        raise PostError(front.date_error)
    date = front.date if front.date.tzinfo else front.date.replace(tzinfo=ZoneInfo(settings.timezone or "UTC"))
    if front.status not in POST_STATUSES:
        raise PostError(f"unknown status {front.status!r} (one of {', '.join(POST_STATUSES)})")
    html = (body or BodyRenderer(settings.markdown)).html(markdown)
    plain = " ".join(_html_text(html).split())
    summary = front.summary
    summary_html = escape_html(summary) if summary else escape_html(_first_words(plain, 50))
    slug = front.slug or slugify(title)
    return Post(
        path=path,
        uid=file_uid(data),
        title=title,
        slug=slug,
        date=date,
        summary=summary_html,
        story=front.story or slug,
        dateline=front.dateline,
        source=front.source,
        byline=front.byline,
        signoff=front.signoff,
        countries=front.countries,
        countries_mentioned=front.countries_mentioned,
        people=front.people,
        organizations=front.organizations,
        topics=_topic_keys(front.topics),
        status=front.status,
        wire_path=front.wire.path if front.wire else "",
        show_standfirst=_adds_something(summary, plain),
        url=fill_url(settings.url, slug, date, settings.lang),
        save_as=fill_url(settings.save_as, slug, date, settings.lang),
        refused=front.wire.refused if front.wire else (),
        version=front.wire.version if front.wire else None,
    )


def _topic_keys(written) -> tuple[tuple[str, str | None], ...]:
    """(qcode, label) of each topic, once; a topic written as a bare label is keyed by it."""
    from .terms import term_slug

    out, seen = [], set()
    for code, label in written:
        code = code or f"label:{term_slug(label)}"
        if code not in seen:
            seen.add(code)
            out.append((code, label))
    return tuple(out)


def _html_text(html: str) -> str:
    import html as html_lib

    return html_lib.unescape(_TAG.sub(" ", html))


def _first_words(text: str, limit: int) -> str:
    words = text.split()
    return " ".join(words[:limit]) + (" …" if len(words) > limit else "")


def _adds_something(summary: str | None, body_plain: str) -> bool:
    """A teaser that only repeats the opening of the body is a summary for lists, not a
    standfirst: the article page does not print the same sentences twice."""
    stem = " ".join((summary or "").rstrip(" .…").split())[:80]
    return bool(stem) and not body_plain.startswith(stem)


# --- the store -------------------------------------------------------------------------------


def _version(settings: ReadSettings) -> str:
    """Remembered records are only valid for this code (the store, the body renderer, the post
    reader and format) and these reading settings."""
    digest = hashlib.sha256(repr(settings).encode())
    here = Path(__file__).parent
    for path in (here / "store.py", here / "body.py", Path(front_matter.__file__), Path(post_file.__file__)):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


@dataclass(frozen=True)
class ReadResult:
    posts: tuple[Post, ...]  # every readable post, drafts included
    errors: tuple[tuple[str, str], ...]  # (path, reason)
    read: int  # how many files were read (not remembered)


class PostStore:
    def __init__(self, cache_path: Path | None, settings: ReadSettings | None = None):
        self.settings = settings or ReadSettings()
        self.kept = KeptDict(cache_path, _version(self.settings))

    def read(self, content: Path, folders: list[str], workers: int = 1) -> ReadResult:
        # the folder is listed (one stat per post) by a forked process while the remembered
        # posts load here: both take about a second and a half at 100,000 posts
        listing = Forked(lambda: list_posts(content, folders), workers > 1 and self.kept.exists())
        rows = self.kept.load()  # path -> (stamp, Post or the reason it cannot be read)
        files = listing.result()
        todo = [(rel, stamp) for rel, stamp in files if rows.get(rel, (None,))[0] != stamp]
        for rel in rows.keys() - {rel for rel, _ in files}:
            del rows[rel]
        for rel, stamp, found in read_many(content, todo, self.settings, workers):
            rows[rel] = (stamp, found)
        self.kept.save(rows)
        posts = tuple(r[1] for r in rows.values() if isinstance(r[1], Post))
        errors = tuple((rel, r[1]) for rel, r in sorted(rows.items()) if isinstance(r[1], str))
        return ReadResult(posts, errors, len(todo))


def list_posts(content: Path, folders: list[str]) -> list[tuple[str, tuple]]:
    """(path relative to ``content``, stamp) of every ``*.md`` post, sorted (hidden files and
    folders left out)."""
    out: list[tuple[str, tuple]] = []

    def scan(folder: str, rel: str) -> None:
        try:
            entries = list(os.scandir(folder))
        except OSError:
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if entry.is_dir():
                scan(entry.path, f"{rel}{entry.name}/")
            elif entry.name.endswith((".md", ".markdown")):
                try:
                    st = entry.stat()
                except OSError:
                    continue
                out.append((rel + entry.name, (st.st_size, st.st_mtime_ns, st.st_ino)))

    for folder in folders:
        scan(str(content / folder), f"{Path(folder).as_posix().strip('/')}/")
    return sorted(out)


def _read_one(content: Path, rel: str, settings: ReadSettings, body: BodyRenderer) -> Post | str:
    try:
        data = (content / rel).read_bytes()
    except OSError as exc:
        return f"cannot be read: {exc.strerror or exc}"
    try:
        return parse_post(data, rel, settings, body)
    except PostError as exc:
        return str(exc)


def read_many(content: Path, todo: list, settings: ReadSettings, workers: int = 1) -> list[tuple]:
    """Read the posts in ``todo``; on ``workers`` forked processes when there are many (each
    makes its own Markdown instance on first use)."""
    body = BodyRenderer(settings.markdown)

    def read(items: list) -> list[tuple[str, tuple, Post | str]]:
        return [(rel, stamp, _read_one(content, rel, settings, body)) for rel, stamp in items]

    if len(todo) < 400:
        return read(todo)
    return fork_map(read, [todo[i : i + 200] for i in range(0, len(todo), 200)], workers)
