"""Pelican wiring of the taxonomies: the reader, the term objects, and the page generator."""

from __future__ import annotations

import logging
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path

from markupsafe import Markup
from pelican import signals
from pelican.generators import Generator

from .index import build_taxonomy, load_countries, load_topic_parents, monthly_counts
from .jsonld import news_article_jsonld
from .reader import YamlMarkdownReader
from .related import compute_related
from .sitemap import write_sitemap
from .terms import KINDS, PLURAL, TITLE
from .timeline import timeline_svg
from .worldmap import world_map_svg, world_svg_source

log = logging.getLogger(__name__)


def add_filters(pelican) -> None:
    filters = pelican.settings.setdefault("JINJA_FILTERS", {})
    filters.setdefault("news_article_jsonld", news_article_jsonld)


def add_reader(readers) -> None:
    readers.reader_classes["md"] = YamlMarkdownReader
    readers.reader_classes["markdown"] = YamlMarkdownReader


def hide_older_versions(generator) -> None:
    """Re-sends of one story share a ``story`` id: the newest is listed everywhere; the older
    versions keep their pages (as hidden articles) and link to the newest."""
    groups: dict[str, list] = {}
    for article in generator.articles:
        groups.setdefault(str(getattr(article, "story", "") or article.slug), []).append(article)
    older = set()
    for versions in groups.values():
        if len(versions) < 2:
            continue
        versions.sort(
            key=lambda a: (
                a.date,
                str(getattr(a, "wire", {}).get("path", "")) if isinstance(getattr(a, "wire", None), dict) else "",
            ),
            reverse=True,
        )
        newest = versions[0]
        newest.earlier_versions = versions[1:]
        for old in versions[1:]:
            old.newest_version = newest
            older.add(id(old))
    if older:
        generator.hidden_articles.extend(a for a in generator.articles if id(a) in older)
        generator.articles = [a for a in generator.articles if id(a) not in older]


def build_context(generator) -> None:
    """After the articles are read: terms, indexes, neighbours, related stories, trending terms."""
    articles = generator.articles  # newest first (Pelican's default order)
    hidden = getattr(generator, "hidden_articles", [])
    taxonomy = build_taxonomy(articles, generator.settings, load_countries(), load_topic_parents(), unlisted=hidden)
    for i, article in enumerate(articles):
        article.newer_article = articles[i - 1] if i > 0 else None
        article.older_article = articles[i + 1] if i + 1 < len(articles) else None
    for article in [*articles, *hidden]:
        # Pelican works a URL out from the settings on every use (tens of thousands of times in
        # term pages); it cannot change from here on, so fix it once.
        article.override_url, article.override_save_as = article.url, article.save_as
        # the same for the dates every story list prints (Pelican's strftime wrapper is slow)
        article.date_iso = article.date.isoformat()
        article.date_short = datetime.strftime(article.date, "%d %b %Y")
        article.body_html = body_with_dateline(article)
        article.show_standfirst = standfirst_adds_something(article)
        article.related = []
    related = compute_related(articles)
    for article in articles:
        article.related = related.get(id(article), [])
    # Pelican's own categories, tags and authors are not written (their *_SAVE_AS are empty) but
    # would still be computed, with a quadratic step per category: drop them.
    generator.categories, generator.tags, generator.authors = [], {}, []
    generator.context["categories"], generator.context["tags"], generator.context["authors"] = [], {}, []
    generator.context["taxonomy"] = taxonomy
    generator.context["TAXONOMY_KINDS"] = [(k, PLURAL[k], TITLE[k]) for k in KINDS]
    generator.context["trending"] = trending_terms(taxonomy, articles)


def body_with_dateline(article) -> Markup:
    """The body with the agency dateline leading its first paragraph, as wire copy prints it."""
    content = Markup(article.content)
    dateline = getattr(article, "dateline", None)
    if not isinstance(dateline, dict) or not dateline.get("places"):
        return content
    text = " / ".join(str(p) for p in dateline["places"]).upper()
    if dateline.get("date"):
        text += f", {dateline['date']}"
    if dateline.get("source"):
        text += f" ({dateline['source']})"
    lead = Markup('<span class="dateline">%s</span> — ') % text
    if content.startswith("<p>"):
        return Markup("<p>") + lead + content[3:]
    return Markup("<p>") + lead + Markup("</p>") + content


def standfirst_adds_something(article) -> bool:
    """A teaser that only repeats the opening of the body is a summary for lists, not a
    standfirst: the article page does not print the same sentences twice."""
    import html
    import re

    summary = html.unescape(re.sub(r"<[^>]+>", "", str(getattr(article, "summary", "") or "")))
    body = html.unescape(re.sub(r"<[^>]+>", "", str(article.content)))
    stem = " ".join(summary.rstrip(" .…").split())[:80]
    return bool(stem) and not " ".join(body.split()).startswith(stem)


def trending_terms(taxonomy, articles, days: int = 30, limit: int = 8) -> dict:
    """The busiest terms of the 30 days up to the newest story (not up to today: builds must
    not depend on the clock)."""
    if not articles:
        return {kind: [] for kind in KINDS}
    since = articles[0].date - timedelta(days=days)
    out = {}
    for kind in KINDS:
        counts = Counter()
        for entry in taxonomy.terms(kind):
            recent = sum(1 for a in entry.articles if a.date >= since)
            if recent:
                counts[entry.term.key] = recent
        ranked = sorted(counts.items(), key=lambda kv: (-kv[1], taxonomy.entries[kind][kv[0]].term.sort_key))
        out[kind] = [(taxonomy.entries[kind][key], n) for key, n in ranked[:limit]]
    return out


class TaxonomyGenerator(Generator):
    """Writes the index page of each taxonomy, every term page (paginated), per-term feeds and the
    sitemap."""

    def generate_context(self):
        pass

    def generate_output(self, writer):
        taxonomy = self.context.get("taxonomy")
        if taxonomy is None:
            return
        per_page = self.settings.get("TAXONOMY_PAGINATION", 20)
        min_indexed = self.settings.get("TAXONOMY_MIN_INDEXED", 3)
        for kind in KINDS:
            entries = taxonomy.terms(kind)
            writer.write_file(
                f"{PLURAL[kind]}/index.html",
                self.get_template("terms"),
                self.context,
                kind=kind,
                kind_plural=PLURAL[kind],
                kind_title=TITLE[kind],
                entries=entries,
                groups=group_entries(kind, entries),
                country_map=kind == "country" and world_svg_source() is not None,
                max_count=max((e.count for e in entries), default=1),
                page_name=f"{PLURAL[kind]}/index",
                url=f"{PLURAL[kind]}/",
                template_name="terms",
            )
            for entry in entries:
                self.write_term(writer, taxonomy, entry, per_page, min_indexed)
        self.write_world_map(writer.output_path, taxonomy.terms("country"))
        write_sitemap(writer.output_path, self.context, taxonomy, min_indexed)

    def write_world_map(self, output_path, entries) -> None:
        svg = world_map_svg(entries)
        if svg is not None:
            target = Path(output_path) / "countries" / "map.svg"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(svg, encoding="utf-8")

    def write_term(self, writer, taxonomy, entry, per_page, min_indexed):
        term = entry.term
        pages = [entry.articles[i : i + per_page] for i in range(0, len(entry.articles), per_page)] or [[]]
        months = monthly_counts(entry.articles)
        profile = {
            "timeline": timeline_svg(months, term.name),
            "months": months,
            "often_with": taxonomy.often_with(term),
            "noindex": entry.count < min_indexed,
        }
        template = self.get_template("term")
        for number, articles in enumerate(pages, start=1):
            base = f"{term.plural}/{term.slug}/"
            url = base if number == 1 else f"{base}page/{number}/"
            writer.write_file(
                url + "index.html",
                template,
                self.context,
                term=term,
                entry=entry,
                profile=profile,
                articles_page=articles,
                page_number=number,
                page_count=len(pages),
                prev_page_url=None if number == 1 else (base if number == 2 else f"{base}page/{number - 1}/"),
                next_page_url=f"{base}page/{number + 1}/" if number < len(pages) else None,
                page_name=url.rstrip("/"),
                url=url,
                template_name="term",
            )
        writer.write_feed(
            entry.articles,
            self.context,
            term.feed_url,
            feed_type="atom",
            feed_title=f"{term.name} — {self.settings.get('SITENAME', '')}",
        )


def group_entries(kind: str, entries: list) -> list[tuple[str, list]]:
    """Countries by region, people and organisations A–Z, topics as the IPTC tree."""
    groups: dict[str, list] = {}
    if kind == "country":
        for e in entries:
            groups.setdefault(e.term.region or "Other", []).append(e)
        return sorted(groups.items())
    if kind == "topic":
        by_code = {e.term.key: e for e in entries}
        tops = [e for e in entries if e.term.is_top_level]
        out = []
        for top in sorted(tops, key=lambda e: e.term.key):
            children = [e for e in entries if getattr(e.term, "parent", None) == top.term.key]
            out.append((top.term.name, [top, *sorted(children, key=lambda e: e.term.sort_key)]))
        orphans = [e for e in entries if not e.term.is_top_level and getattr(e.term, "parent", None) not in by_code]
        if orphans:
            out.append(("Other topics", orphans))
        return out
    for e in entries:
        initial = e.term.sort_key[:1].upper()
        groups.setdefault(initial if initial.isalpha() else "#", []).append(e)
    return sorted(groups.items())


def get_generators(pelican):
    return TaxonomyGenerator


def connect() -> None:
    signals.initialized.connect(add_filters)
    signals.readers_init.connect(add_reader)
    signals.article_generator_pretaxonomy.connect(hide_older_versions)
    signals.article_generator_finalized.connect(build_context)
    signals.get_generators.connect(get_generators)
