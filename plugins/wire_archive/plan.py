"""Every page of the archive, planned in groups with the fingerprints that say when to write
them again (see ``render.py``): story pages, term pages and feeds, the index of each taxonomy,
the home pages, date archives, the site feed, search and the sitemap.

Paginated lists (home, terms, months) use stable pages: numbered archive pages hold a fixed
number of stories counted from the oldest, so a new story changes the front page, not the
whole archive (``model.stable_pages``).
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from unidecode import unidecode

from .feeds import atom_feed, feed_text
from .model import SiteModel, monthly_counts, stable_pages
from .render import Group, Page, digest, fingerprint
from .sitemap import render_sitemap, sitemap_files
from .terms import KINDS, PLURAL, TITLE
from .timeline import timeline_svg
from .views import Views
from .worldmap import world_map_svg, world_svg_source


@dataclass(frozen=True)
class PlanSettings:
    site_url: str  # absolute address for feeds and the sitemap ("" while developing)
    site_name: str
    author: str
    lang: str
    per_page: int  # home and archive pages
    term_per_page: int
    min_indexed: int  # term pages with fewer stories: noindex, not in the sitemap
    feed_items: int  # site feed
    term_feed_items: int
    feed_all: str | None  # path of the site feed
    month_per_page: int
    index_split: int = 600  # past this many terms, a taxonomy's index is a page per initial
    index_top: int = 100  # the most covered terms on such an index's first page


class SitePlan:
    """The page groups of one build. ``render(template, save_as, **context)`` renders a theme
    template for a page; ``glob`` is the digest of everything site-wide (settings, templates,
    code, data): it is part of every fingerprint."""

    def __init__(
        self,
        model: SiteModel,
        views: Views,
        settings: PlanSettings,
        render: Callable[..., str],
        glob: int,
        often_memo: dict,
        search_bundles: list[str] | None = None,
    ):
        self.model = model
        self.views = views
        self.s = settings
        self.render = render
        self.glob = glob
        self.often_memo = often_memo
        self.search_bundles = search_bundles or []
        self.listed_digest = digest(tuple(p.uid for p in model.listed))

    def groups(self):
        yield from self.article_groups()
        yield from self.withdrawn_groups()
        for kind in KINDS:
            for entry in self.model.entries[kind].values():
                yield self.term_group(entry)
            yield self.index_group(kind)
            if self.model.redirects.get(kind):
                yield self.redirect_group(kind)
        yield self.home_front_group()
        yield self.home_archive_group()
        yield self.archive_group()
        if self.s.feed_all:
            yield self.site_feed_group()
        yield self.search_group()
        yield self.sitemap_group()

    # --- stories ----------------------------------------------------------------------------

    def article_groups(self):
        """One group per story. The archive's longest loop (every story on every build), so the
        listed stories, by far the most, take a short path: their position is their index, they
        are nobody's earlier version, and every term they are tagged with has a page."""
        model, glob = self.model, self.glob
        countries = model.entries["country"]
        has_page = countries.__contains__
        listed, link_ids = model.listed, model.link_ids
        uid_of = {path: post.uid for path, post in model.by_path.items()}.__getitem__
        earlier, related = model.earlier_versions, self.views.related
        last = len(listed) - 1
        for i, post in enumerate(listed):
            path = post.path
            versions = earlier.get(path)
            fp = fingerprint(
                glob, 1, post.uid, link_ids(post), tuple(map(has_page, post.countries_mentioned)),
                tuple(map(uid_of, related.get(path, ()))),
                listed[i - 1].uid if i > 0 else 0,  # 0, not None: see fingerprint
                listed[i + 1].uid if i < last else 0,
                0, tuple(p.uid for p in versions) if versions else (),
            )  # fmt: skip
            yield Group(f"article:{path}", fp, partial(self._article_pages, post, fp))
        for post in model.unlisted:
            # which of the terms it links to have a page: an unlisted story (an earlier version,
            # a hidden one) may name someone no listed story does
            entries = model.entries
            pages = (
                tuple(c in countries for c in post.countries_mentioned)
                + tuple(c in countries for c in post.countries)
                + tuple(n in entries["person"] for n in post.people)
                + tuple(n in entries["organization"] for n in post.organizations)
                + tuple(code in entries["topic"] for code, _ in post.topics)
            )
            newest = model.newest_version.get(post.path)
            fp = fingerprint(
                glob, 1, post.uid, link_ids(post), pages, tuple(map(uid_of, related.get(post.path, ()))),
                0, 0, newest.uid if newest else 0, tuple(p.uid for p in earlier.get(post.path, ())),
            )  # fmt: skip
            yield Group(f"article:{post.path}", fp, partial(self._article_pages, post, fp))

    def withdrawn_groups(self):
        """A story the agency withdrew keeps its address, answered by a short notice (noindex);
        it is in no list, feed, sitemap or search index."""
        for post in self.model.withdrawn:
            fp = fingerprint(self.glob, 3, post.uid)
            save_as = post.save_as

            def page(post=post, save_as=save_as):
                return self.render("withdrawn", save_as, withdrawn=post)

            yield Group(
                f"withdrawn:{post.path}", fp, lambda fp=fp, save_as=save_as, page=page: [Page(save_as, fp, page)]
            )

    def _article_pages(self, post, fp) -> list[Page]:
        save_as = post.save_as
        view = self.views.view
        return [
            Page(
                save_as,
                fp,
                lambda: self.render("article", save_as, article=view(post)),
                lambda: {"article": view(post)},
            )
        ]

    # --- terms ------------------------------------------------------------------------------

    def term_group(self, entry):
        term = entry.term
        often = self.model.often_with(term.ref, self.often_memo)
        often_terms = tuple(self.model.terms[r].stamp for r in often)
        identity = term.stamp
        also = getattr(term, "variants_id", 0)  # a person's or organisation's other names, on its front page
        fp = fingerprint(self.glob, 2, identity, entry.set_hash, entry.count, often_terms, also)
        return Group(f"term:{term.kind}:{term.key}", fp, lambda: self._term_pages(entry, often, identity, fp))

    def _term_pages(self, entry, often, identity, fp) -> list[Page]:
        term = entry.term
        front, archive = stable_pages(entry.articles, self.s.term_per_page)
        base = term.url
        count = len(archive)

        def url_of(number):  # archive page number → its address; 0 is the front page
            return base if number == 0 else f"{base}page/{number}/"

        def front_page():
            months = monthly_counts(entry.articles)
            profile = {
                "timeline": timeline_svg(months, term.name),
                "months": months,
                "often_with": [self.model.entry(r) for r in often],
                "noindex": entry.count < self.s.min_indexed,
            }
            return self.render(
                "term", term.save_as, term=term, entry=entry, profile=profile, items=self.views.items(front),
                page_number=0, archive_count=count, older_url=url_of(count) if count else None, newer_url=None,
                first_date=front[-1].date, last_date=front[0].date,
            )  # fmt: skip

        pages = [Page(term.save_as, fp, front_page, self._listing(front, term=term))]  # fp covers ``also``
        for number, block in enumerate(archive, start=1):
            save_as = f"{url_of(number)}index.html"
            newer = 0 if number == count else number + 1
            older = number - 1 if number > 1 else None

            def archive_page(block=block, number=number, save_as=save_as, newer=newer, older=older):
                return self.render(
                    "term", save_as, term=term, entry=None, profile=None, items=self.views.items(block),
                    page_number=number, archive_count=None, newer_url=url_of(newer),
                    older_url=url_of(older) if older else None, first_date=block[-1].date, last_date=block[0].date,
                )  # fmt: skip

            pfp = digest(self.glob, "term-page", identity, number, newer, tuple(p.uid for p in block))
            pages.append(Page(save_as, pfp, archive_page, self._listing(block, term=term)))
        newest = entry.articles[: self.s.term_feed_items]
        feed_fp = digest(self.glob, "term-feed", identity, tuple(p.uid for p in newest))
        title = f"{term.name} — {self.s.site_name}"
        pages.append(self._feed_page(term.feed_url, feed_fp, title, term.url, newest, False))
        return pages

    def index_group(self, kind: str):
        entries = list(self.model.entries[kind].values())
        rows = tuple((e.term.stamp, e.count) for e in entries)
        fp = digest(self.glob, "index", kind, rows)
        return Group(f"index:{kind}", fp, lambda: self._index_pages(kind, entries, fp))

    def _index_pages(self, kind: str, entries: list, fp: bytes) -> list[Page]:
        """The index of a taxonomy: one page, or, past ``index_split`` terms (people in a large
        archive number tens of thousands), the most covered terms and a page per initial."""
        plural = PLURAL[kind]
        has_map = kind == "country" and world_svg_source() is not None
        common = {"kind": kind, "kind_plural": plural, "kind_title": TITLE[kind], "total": len(entries)}
        save_as = f"{plural}/index.html"
        if kind in ("country", "topic") or len(entries) <= self.s.index_split:
            page = lambda: self.render(  # noqa: E731
                "terms", save_as, entries=entries, groups=group_entries(kind, entries), country_map=has_map,
                letters=None, letter=None, **common,
            )  # fmt: skip
            pages = [Page(save_as, fp, page)]
            if has_map:
                pages.append(Page(f"{plural}/map.svg", fp, lambda: world_map_svg(entries) or ""))
            return pages
        by_letter = dict(group_entries(kind, entries))
        letters = [(name, letter_url(plural, name), len(items)) for name, items in by_letter.items()]
        top = sorted(entries, key=lambda e: (-e.count, e.term.sort_key))[: self.s.index_top]
        main_fp = digest(self.glob, "index-main", kind, tuple(letters), tuple((e.term.stamp, e.count) for e in top))
        pages = [
            Page(
                save_as,
                main_fp,
                lambda: self.render(
                    "terms",
                    save_as,
                    entries=top,
                    groups=[("Most covered", top)],
                    country_map=False,
                    letters=letters,
                    letter=None,
                    **common,
                ),  # fmt: skip
            )
        ]
        for name, items in by_letter.items():
            path = f"{letter_url(plural, name)}index.html"
            # a letter's page also shows the other letters' counts and the total: a new name
            # under B changes the page of A
            letter_fp = digest(
                self.glob, "index-letter", kind, name, tuple(letters), tuple((e.term.stamp, e.count) for e in items)
            )

            def page(name=name, items=items, path=path):
                return self.render(
                    "terms", path, entries=items, groups=[(name, items)], country_map=False, letters=letters,
                    letter=name, **common,
                )  # fmt: skip

            pages.append(Page(path, letter_fp, page))
        return pages

    # --- redirects --------------------------------------------------------------------------

    def redirect_group(self, kind: str):
        """The old address of every written name that now names another entity: a small page
        that sends readers (meta refresh) and search engines (``rel=canonical``, ``noindex``)
        to the entity's page. Never in the sitemap; a target is always a page, never a redirect."""
        rows = self.model.redirects[kind]
        plural = PLURAL[kind]
        fp = digest(self.glob, "redirects", kind, tuple((slug, name, t.url, t.label) for slug, name, t in rows))

        def page(slug, name, target):
            save_as = f"{plural}/{slug}/index.html"
            pfp = digest(self.glob, "redirect", save_as, name, target.url, target.label)
            return Page(save_as, pfp, lambda: self.render("redirect", save_as, written=name, target=target))

        return Group(f"redirects:{kind}", fp, lambda: [page(*row) for row in rows])

    # --- home and date archives ---------------------------------------------------------------

    def home_front_group(self):
        front, archive = stable_pages(self.model.listed, self.s.per_page)
        trending = self.model.trending()
        rows = tuple((k, tuple((e.term.key, e.term.slug, e.term.name, n) for e, n in v)) for k, v in trending.items())
        fp = digest(self.glob, "home", tuple(p.uid for p in front), len(archive), rows)

        def page():
            return self.render(
                "index", "index.html", items=self.views.items(front, "h2"), trending=trending, page_number=0,
                older_url=f"page/{len(archive)}/" if archive else None, newer_url=None,
            )  # fmt: skip

        return Group("home", fp, lambda: [Page("index.html", fp, page, self._listing(front))])

    def home_archive_group(self):
        fp = digest(self.glob, "home-archive", self.listed_digest, self.s.per_page)
        return Group("home-archive", fp, lambda: self._paged("index", "", self.model.listed, self.s.per_page, "h2"))

    def _paged(self, template: str, base: str, posts: list, per_page: int, heading: str, **extra) -> list[Page]:
        """The numbered archive pages of a stable pagination (the front page is planned apart)."""
        _, archive = stable_pages(posts, per_page)
        count = len(archive)
        pages = []
        for number, block in enumerate(archive, start=1):
            save_as = f"{base}page/{number}/index.html"
            newer = base if number == count else f"{base}page/{number + 1}/"
            older = f"{base}page/{number - 1}/" if number > 1 else None

            def page(block=block, number=number, save_as=save_as, newer=newer, older=older):
                return self.render(
                    template, save_as, items=self.views.items(block, heading), trending=None, page_number=number,
                    newer_url=newer, older_url=older, first_date=block[-1].date, last_date=block[0].date, **extra,
                )  # fmt: skip

            pfp = digest(self.glob, template, base, number, newer, tuple(p.uid for p in block), repr(extra))
            pages.append(Page(save_as, pfp, page, self._listing(block)))
        return pages

    def archive_group(self):
        fp = digest(self.glob, "archives", self.listed_digest, self.s.month_per_page)
        return Group("archives", fp, self._archive_pages)

    def _archive_pages(self) -> list[Page]:
        by_month: dict[tuple[int, int], list] = {}
        for post in self.model.listed:  # newest first
            by_month.setdefault((post.date.year, post.date.month), []).append(post)
        years: dict[int, list] = {}
        for (year, month), posts in sorted(by_month.items(), reverse=True):
            years.setdefault(year, []).append((month, calendar.month_name[month], len(posts)))
        summary = [(year, months) for year, months in years.items()]
        pages = [
            Page(
                "archive/index.html",
                digest(self.glob, "archive-index", summary),
                lambda: self.render("archives", "archive/index.html", years=summary, total=len(self.model.listed)),
            )
        ]
        for year, months in summary:
            save_as = f"archive/{year}/index.html"
            pages.append(
                Page(
                    save_as,
                    digest(self.glob, "archive-year", year, months),
                    lambda year=year, months=months, save_as=save_as: self.render(
                        "period_archives",
                        save_as,
                        year=year,
                        month=None,
                        months=months,
                        items=None,
                        total=sum(n for _, _, n in months),
                        page_number=0,
                        newer_url=None,
                        older_url=None,
                    ),  # fmt: skip
                )
            )
        for (year, month), posts in by_month.items():
            base = f"archive/{year}/{month:02d}/"
            front, archive = stable_pages(posts, self.s.month_per_page)
            extra = {"year": year, "month": calendar.month_name[month], "months": None, "total": len(posts)}
            save_as = f"{base}index.html"
            count = len(archive)
            pages.append(
                Page(
                    save_as,
                    digest(self.glob, "archive-month", year, month, tuple(p.uid for p in front), count, len(posts)),
                    lambda front=front, save_as=save_as, extra=extra, base=base, count=count: self.render(
                        "period_archives",
                        save_as,
                        items=self.views.items(front, "h2"),
                        page_number=0,
                        newer_url=None,
                        older_url=f"{base}page/{count}/" if count else None,
                        **extra,
                    ),  # fmt: skip
                    self._listing(front),
                )
            )
            pages += self._paged("period_archives", base, posts, self.s.month_per_page, "h2", **extra)
        return pages

    # --- feeds, search, sitemap ---------------------------------------------------------------

    def _listing(self, posts: list, **extra) -> Callable[[], dict]:
        """What Pelican's ``content_written`` is told about a page that lists stories: the
        stories (as Pelican's list pages say it, ``dates``) and what the list is of."""
        return lambda: {"dates": [self.views.view(p) for p in posts], **extra}

    def _feed_page(self, path: str, fp, title: str, page_url: str, posts: list, with_text: bool) -> Page:
        def feed():
            views = [self.views.view(p) for p in posts]
            content = (lambda v: v.body_html) if with_text else None
            return atom_feed(title, self.s.site_url, page_url, path, views, self.s.author, self.s.lang, content)

        return Page(path, fp, lambda: feed_text(feed()), lambda: {"feed": feed()})

    def site_feed_group(self):
        newest = self.model.listed[: self.s.feed_items]
        fp = digest(self.glob, "site-feed", tuple(p.uid for p in newest))
        title = f"{self.s.site_name} — all stories"
        path = self.s.feed_all
        return Group("site-feed", fp, lambda: [self._feed_page(path, fp, title, "", newest, True)])

    def search_group(self):
        fp = digest(self.glob, "search", tuple(self.search_bundles))
        save_as = "search/index.html"
        page = Page(save_as, fp, lambda: self.render("search", save_as, bundles=self.search_bundles))
        return Group("search", fp, lambda: [page])

    def sitemap_group(self):
        urls: list[tuple[str, str | None]] = [("", None), ("archive/", None)]
        urls += [(f"{PLURAL[kind]}/", None) for kind in KINDS]
        urls += [(p.url, p.date.date().isoformat()) for p in reversed(self.model.listed)]
        for kind in KINDS:
            for entry in self.model.entries[kind].values():
                if entry.count >= self.s.min_indexed:
                    urls.append((entry.term.url, entry.latest_date.date().isoformat()))
        files = sitemap_files(self.s.site_url, urls)
        index = len(files) > 1
        fps = {path: digest(self.glob, "sitemap", path, rows) for path, rows in files.items()}
        fp = digest(*fps.values())

        def page(path, rows):
            return Page(path, fps[path], lambda: render_sitemap(self.s.site_url, rows, index and path == "sitemap.xml"))

        def pages():
            return [page(path, rows) for path, rows in files.items()]

        return Group("sitemap", fp, pages)


def group_entries(kind: str, entries: list) -> list[tuple[str, list]]:
    """Countries by region, people and organisations A–Z, topics as the IPTC tree."""
    groups: dict[str, list] = {}
    if kind == "country":
        for e in entries:
            groups.setdefault(e.term.region or "Other", []).append(e)
        return sorted(groups.items())
    if kind == "topic":
        by_code = {e.term.key: e for e in entries}
        children: dict[str, list] = {}
        for e in entries:
            children.setdefault(getattr(e.term, "parent", None) or "", []).append(e)
        out = []
        for top in sorted((e for e in entries if e.term.is_top_level), key=lambda e: e.term.key):
            below = sorted(children.get(top.term.key, []), key=lambda e: e.term.sort_key)
            out.append((top.term.name, [top, *below]))
        orphans = [e for e in entries if not e.term.is_top_level and getattr(e.term, "parent", None) not in by_code]
        if orphans:
            out.append(("Other topics", orphans))
        return out
    for e in entries:
        initial = unidecode(e.term.sort_key[:1])[:1].upper()  # Émile under E, Ørjan under O
        groups.setdefault(initial if "A" <= initial <= "Z" else "#", []).append(e)
    return sorted(groups.items())


def letter_url(plural: str, letter: str) -> str:
    """``people/index/b/``: under "index", which no term's slug can be (terms.RESERVED)."""
    return f"{plural}/index/{letter.lower() if letter.isalpha() else 'other'}/"
