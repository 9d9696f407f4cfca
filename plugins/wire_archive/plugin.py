"""Pelican wiring of the archive: the generator that reads the posts and writes every archive page
(stories, terms, indexes, home, date archives, feeds, search page, sitemap), the reader for
hand-written pages, and the template filters.

Pelican's own article generator re-reads and re-renders every page on every build; an archive
of tens of thousands of stories needs the opposite (read what changed, write what changed), so
the posts are this generator's: ``ARTICLE_PATHS`` is empty and ``ARCHIVE_POST_PATHS`` names the
post folders. Pages (``content/pages``), static files and ``TEMPLATE_PAGES`` stay Pelican's.
"""

from __future__ import annotations

import hashlib
import logging
import os
import secrets
import sys
import time
from pathlib import Path

import wire_core
from blinker import signal
from markupsafe import Markup
from pelican import signals
from pelican.generators import ArticlesGenerator, Generator
from pelican.utils import get_relative_path, path_to_url
from wire_core.kept import KeptDict
from wire_core.post_file import split_sections
from wire_core.runtime import collector_off, collector_reset, release_at_exit
from wire_core.vocabularies import COUNTRIES, MEDIA_TOPICS, TOPICS

from .body import BodyRenderer
from .entities import resolve_posts
from .jsonld import news_article_jsonld
from .model import SiteModel
from .plan import PlanSettings, SitePlan
from .reader import YamlMarkdownReader
from .related import compute_related
from .render import Renderer, digest, fingerprint
from .store import PostStore, ReadSettings
from .terms import KINDS, PLURAL, TITLE
from .views import Views

log = logging.getLogger(__name__)
HERE = Path(__file__).resolve().parent
CORE = Path(wire_core.__file__).resolve().parent
# settings that say nothing about the pages (where things are, the ingest's own settings; WIRE_NOW
# is the ingest's clock for embargoes: the posts it writes are what the pages show)
NOT_SHOWN = {
    "PATH", "OUTPUT_PATH", "CACHE_PATH", "PLUGIN_PATHS", "THEME", "WRITE_SELECTED", "ARCHIVE_WORKERS", "WIRE_NOW",
}  # fmt: skip

# Sent once the archive's pages are written, for a search indexer (plugins/wire_search) to
# connect to by name: ``sender`` is the generator (its ``settings``), with ``output_path``,
# ``cache_dir`` (where the archive keeps what it remembers) and ``stories``: the listed stories'
# pages, oldest first, as (path under the output folder, key): the key changes whenever what the
# page's ``data-pagefind-body`` shows may have (the story, the slugs it links to, the templates).
archive_written = signal("archive_written")


def add_filters(pelican) -> None:
    filters = pelican.settings.setdefault("JINJA_FILTERS", {})
    filters.setdefault("news_article_jsonld", news_article_jsonld)


def add_reader(readers) -> None:
    readers.reader_classes["md"] = YamlMarkdownReader
    readers.reader_classes["markdown"] = YamlMarkdownReader


class ArchiveGenerator(Generator):
    """Reads the posts (``PostStore``), builds the model, and writes the pages whose
    fingerprints changed (``SitePlan`` + ``Renderer``)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        settings = self.settings
        self.cache_dir = cache_dir(settings)
        self.workers = int(settings.get("ARCHIVE_WORKERS") or os.cpu_count() or 1)
        self.model: SiteModel | None = None
        self._mark = f"~siteurl-{secrets.token_hex(6)}~"  # SITEURL while rendering; see _render

    # --- reading --------------------------------------------------------------------------

    def generate_context(self):
        with collector_off():
            self._read_and_model()

    def _read_and_model(self):
        started = time.perf_counter()
        settings = self.settings
        store = PostStore(self.cache_dir / "posts.pickle", ReadSettings.from_pelican(settings))
        result = store.read(Path(self.path), list(settings.get("ARCHIVE_POST_PATHS", ["posts"])), self.workers)
        for path, reason in result.errors:
            log.error("%s: %s; the story is not published", path, reason)
        resolution = resolve_posts(result.posts, self.cache_dir, entities_file(settings))
        self.model = model = SiteModel(result.posts, resolution=resolution)
        drafts = sum(1 for p in result.posts if p.status == "draft")
        kept = {
            name: KeptDict(self.cache_dir / f"related-{name}.pickle", _code_version()) for name in ("terms", "stories")
        }
        memo = {name: k.load() for name, k in kept.items()}
        self.related = compute_related(model, memo)
        for name, k in kept.items():
            k.save(memo[name])
        self.context["TAXONOMY_KINDS"] = [(k, PLURAL[k], TITLE[k]) for k in KINDS]
        self.context["archive"] = model
        log.info(
            "archive: %d stories listed, %d unlisted, %d drafts; %d posts read, %d remembered, %d unreadable (%.1f s)",
            len(model.listed), len(model.unlisted), drafts, result.read, len(result.posts) - result.read,
            len(result.errors), time.perf_counter() - started,
        )  # fmt: skip

    # --- writing --------------------------------------------------------------------------

    def generate_output(self, writer):
        try:
            self._write(writer)
        finally:
            collector_reset()  # `make serve` builds again in this process: let this build's objects go

    def _write(self, writer):
        started = time.perf_counter()
        model, settings = self.model, self.settings
        glob = int.from_bytes(self._site_digest()[:8], "big")
        self.base = {k: v for k, v in self.context.items() if k.isupper()}
        self.base.update(
            SITEURL=self._mark,
            pages=self.context.get("pages", []),
            TAXONOMY_KINDS=self.context["TAXONOMY_KINDS"],
        )
        item_template = self.env.get_template("partials/story_item.html")

        def item(view, heading):
            return Markup(item_template.render({**self.base, "article": view, "heading": heading}))

        with collector_off():  # what the plan is made from lives to the end of the build
            body = BodyRenderer(settings.get("MARKDOWN"))
            views = Views(model, self.related, lambda post: self._body(post, body), item)
            link_ids = model.link_ids
            stories = [(p.save_as, fingerprint(glob, p.uid, link_ids(p))) for p in reversed(model.listed)]
            often_kept = KeptDict(self.cache_dir / "often.pickle", _code_version())
            often = often_kept.load()
            plan = SitePlan(
                model,
                views,
                self._plan_settings(),
                self._render,
                glob,
                often,
                search_bundles=["pagefind/"] if stories else [],
            )
        out = Path(self.output_path)
        manifest = KeptDict(self.cache_dir / f"manifest-{output_key(out)}.pickle", _code_version())
        stats = Renderer(out, manifest, self.workers).run(plan.groups())
        often_kept.save(often)
        archive_written.send(self, output_path=out, cache_dir=self.cache_dir, stories=stories)
        for path, error in stats.failed:
            log.error("could not write %s: %s", path, error)
        self._announce(out, stats.written)
        articles = getattr(self, "pelican_articles", None)
        if articles is not None:  # after Pelican's own generator has written (nothing)
            articles.articles, articles.hidden_articles = model.listed, model.unlisted
        log.info(
            "archive: %d pages written, %d removed, %d unchanged (%d of %d groups changed) in %.1f s",
            stats.rendered, stats.removed, stats.pages - stats.rendered - len(stats.failed),
            stats.groups_changed, stats.groups, time.perf_counter() - started,
        )  # fmt: skip

    def _render(self, name: str, save_as: str, **context) -> str:
        """A theme template rendered for one page. Everything is rendered with a marker for
        SITEURL that is replaced here by the page's own: story list entries are then rendered
        once per build, whatever the depth of the pages that show them."""
        html = self.get_template(name).render({**self.base, **context, "output_file": save_as})
        if self.settings.get("RELATIVE_URLS"):
            site = path_to_url(get_relative_path(save_as))
        else:
            site = self.settings.get("SITEURL", "")
        return html.replace(self._mark, site)

    def _announce(self, output: Path, pages: list) -> None:
        """Pelican's ``content_written`` (and ``feed_written`` for feeds, with their feedgenerator
        object) for every page written, as Pelican's own writer sends them, so that plugins
        that post-process output (minifiers, precompressors, ``touch``) see the archive's pages.
        Sent here, after the forked writers are done: receivers run in the build's process.
        Nothing is made for them when no plugin listens."""
        content, feeds = signals.content_written, signals.feed_written
        if not (content.receivers or feeds.receivers):
            return
        context = {k: v for k, v in self.context.items() if k.isupper()}
        for page in pages:
            about = page.about() if page.about else {}
            path = os.path.join(str(output), page.save_as)
            if "feed" in about:
                feeds.send(path, context=self.context, feed=about["feed"])
            else:
                content.send(path, context={**context, "output_file": page.save_as, **about})

    def _body(self, post, body) -> str:
        try:
            text = (Path(self.path) / post.path).read_text(encoding="utf-8")
            return body.html(split_sections(text.replace("\x00", ""))[1])
        except (OSError, ValueError) as exc:  # changed since it was read: the next build catches up
            log.warning("%s: could not read its body again: %s", post.path, exc)
            return ""

    def _plan_settings(self) -> PlanSettings:
        s = self.settings
        site = s.get("FEED_DOMAIN") or s.get("SITEURL") or ""
        return PlanSettings(
            site_url=site if site.startswith(("http://", "https://")) else "",
            site_name=s.get("SITENAME", ""),
            author=s.get("AUTHOR", ""),
            lang=s.get("DEFAULT_LANG", "en"),
            per_page=int(s.get("DEFAULT_PAGINATION") or 20),
            term_per_page=int(s.get("TAXONOMY_PAGINATION") or 20),
            min_indexed=int(s.get("TAXONOMY_MIN_INDEXED", 3)),
            feed_items=int(s.get("FEED_MAX_ITEMS") or 50),
            term_feed_items=int(s.get("TAXONOMY_FEED_ITEMS") or 20),
            feed_all=s.get("ARCHIVE_FEED_ATOM", "feeds/all.atom.xml") or None,
            month_per_page=int(s.get("ARCHIVE_MONTH_PAGINATION") or 50),
        )

    def _site_digest(self) -> bytes:
        """Everything site-wide that pages show: settings, templates, this plugin's code, the
        country and topic data, the nav pages."""
        settings = tuple(
            (k, _plain_setting(v)) for k, v in sorted(self.settings.items()) if k.isupper() and k not in NOT_SHOWN
        )
        files = []
        for base in self.env.loader.list_templates() if hasattr(self.env.loader, "list_templates") else []:
            source, _, _ = self.env.loader.get_source(self.env, base)
            files.append((base, hashlib.sha256(source.encode()).hexdigest()))
        pages = tuple((str(getattr(p, "title", "")), str(getattr(p, "url", ""))) for p in self.context.get("pages", []))
        return digest(settings, tuple(files), _code_version(), pages)


def entities_file(settings: dict) -> Path:
    """The editors' ``content/entities.yaml`` (``WIRE_OVERRIDES``, as the ingest reads it): its
    people and organisation sections are applied when the site is built."""
    path = Path(settings.get("WIRE_OVERRIDES") or "content/entities.yaml")
    root = Path(settings.get("WIRE_ROOT") or Path(settings["PATH"]).parent)
    return path if path.is_absolute() else root / path


def cache_dir(settings: dict) -> Path:
    """Where the archive remembers posts, memos and page fingerprints between builds."""
    found = settings.get("ARCHIVE_CACHE_PATH")
    return Path(found) if found else Path(settings.get("CACHE_PATH") or ".cache").parent / "site"


def output_key(output) -> str:
    """Per output folder: fingerprints of one folder say nothing about another."""
    return hashlib.sha256(str(Path(output).resolve()).encode()).hexdigest()[:12]


def _plain_setting(value):
    """A setting as plain, stably printed data; anything else (functions, classes) by type."""
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, (list, tuple)):
        return tuple(_plain_setting(v) for v in value)
    if isinstance(value, (set, frozenset)):
        return tuple(sorted(repr(_plain_setting(v)) for v in value))
    if isinstance(value, dict):
        return tuple((str(k), _plain_setting(v)) for k, v in value.items())
    if isinstance(value, Path):
        return str(value)
    return f"<{type(value).__name__}>"


_VERSION: str | None = None


def _code_version() -> str:
    """This plugin's code, the shared core's, the vocabularies and the interpreter: cached
    answers are only valid for the same."""
    global _VERSION
    if _VERSION is None:
        digest_ = hashlib.sha256(sys.version.encode())
        for path in sorted(HERE.glob("*.py")) + sorted(CORE.glob("**/*.py")) + [COUNTRIES, TOPICS, MEDIA_TOPICS]:
            digest_.update(path.name.encode() + path.read_bytes())
        _VERSION = digest_.hexdigest()[:16]
    return _VERSION


def get_generators(pelican):
    return ArchiveGenerator


def share_counts(generators) -> None:
    """Pelican's closing line ("Processed N articles") counts its own articles generator, which
    runs before ours and reads nothing: once the archive is written, it gets our stories."""
    articles = next((g for g in generators if isinstance(g, ArticlesGenerator)), None)
    for g in generators:
        if isinstance(g, ArchiveGenerator):
            g.pelican_articles = articles


def connect() -> None:
    release_at_exit()  # the model of the whole archive is left to the OS at exit (runtime.py)
    signals.initialized.connect(add_filters)
    signals.readers_init.connect(add_reader)
    signals.get_generators.connect(get_generators)
    signals.all_generators_finalized.connect(share_counts)
