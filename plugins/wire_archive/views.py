"""What the templates see of a story: the post plus what the site knows about it (its URL, its
terms as objects, neighbours, versions, related stories), made only for the pages being written."""

from __future__ import annotations

from datetime import datetime
from functools import cached_property

from markupsafe import Markup
from wire_core.entities.resolve import other_names

from .model import SiteModel
from .store import Post

TERM_FIELDS = {"countries", "countries_mentioned", "people", "organizations", "topics"}


def _terms_of(kind: str) -> cached_property:
    """A story's terms of one kind, as the templates read them (``article.people``)."""

    def terms(self):
        return self._site.model.terms_of(self.post, kind)

    return cached_property(terms)


class ArticleView:
    """A story for the templates. Attributes of the post are read through; the rest is made on
    first use (most views only ever print a title and a link)."""

    def __init__(self, post: Post, site: Views):
        # plain attributes, as templates read them a lot; the terms are made from the post's keys
        self.__dict__.update((k, v) for k, v in zip(Post._fields, post, strict=True) if k not in TERM_FIELDS)
        self.post = post
        self._site = site

    @cached_property
    def date_iso(self) -> str:
        return self.post.date.isoformat()

    @cached_property
    def date_short(self) -> str:
        return datetime.strftime(self.post.date, "%d %b %Y")

    countries = _terms_of("country")
    countries_mentioned = _terms_of("country_mentioned")
    people = _terms_of("person")
    organizations = _terms_of("organization")
    topics = _terms_of("topic")

    def has_page(self, term) -> bool:
        return self._site.model.has_page(term.ref)

    def also_named(self, term) -> tuple[str, ...]:
        """Other names of a person or organisation, as this story knows it: the acronym the
        archive defines for it and the names the story wrote for it (``Reagan``)."""
        forms = self._site.model.written_forms(self.post.path, term.ref)
        acronym = getattr(term, "acronym", None)
        if not forms and not acronym:
            return ()
        return other_names(term.kind, term.name, (acronym, *forms) if acronym else forms)

    @property
    def newest_version(self):
        newest = self._site.model.newest_version.get(self.post.path)
        return self._site.view(newest) if newest else None

    @property
    def earlier_versions(self):
        return [self._site.view(p) for p in self._site.model.earlier_versions.get(self.post.path, [])]

    @property
    def newer_article(self):
        return self._site.neighbour(self.post, -1)

    @property
    def older_article(self):
        return self._site.neighbour(self.post, +1)

    @property
    def related(self):
        return [self._site.view(self._site.model.by_path[p]) for p in self._site.related.get(self.post.path, ())]

    @cached_property
    def related_items(self) -> list[Markup]:
        return self._site.items(self._site.model.by_path[p] for p in self._site.related.get(self.post.path, ()))

    @property
    def body_html(self) -> Markup:
        return body_with_dateline(self._site.body_of(self.post), self.post.dateline)


class Views:
    """The views of one build: each story's view and list item made at most once."""

    def __init__(self, model: SiteModel, related: dict, body_of, item_template):
        self.model = model
        self.related = related
        self.body_of = body_of  # Post -> body HTML
        self._item_template = item_template  # (view, heading) -> Markup
        self._views: dict[str, ArticleView] = {}
        self._items: dict[tuple[str, str], Markup] = {}

    def view(self, post: Post) -> ArticleView:
        found = self._views.get(post.path)
        if found is None:
            found = self._views[post.path] = ArticleView(post, self)
        return found

    def neighbour(self, post: Post, step: int):
        i = self.model.position.get(post.path)
        if i is None or not 0 <= i + step < len(self.model.listed):
            return None
        return self.view(self.model.listed[i + step])

    def item(self, post: Post, heading: str = "h3") -> Markup:
        """The story's entry in a list of stories (home, term and archive pages, related)."""
        key = (post.path, heading)
        found = self._items.get(key)
        if found is None:
            found = self._items[key] = self._item_template(self.view(post), heading)
        return found

    def items(self, posts, heading: str = "h3") -> list[Markup]:
        return [self.item(p, heading) for p in posts]


def body_with_dateline(html: str, dateline) -> Markup:
    """The body with the agency dateline leading its first paragraph, as wire copy prints it."""
    content = Markup(html)
    if not dateline or not dateline.places:
        return content
    text = " / ".join(dateline.places).upper()
    if dateline.date:
        text += f", {dateline.date}"
    if dateline.source:
        text += f" ({dateline.source})"
    lead = Markup('<span class="dateline">%s</span> — ') % text
    if content.startswith("<p>"):
        return Markup("<p>") + lead + content[3:]
    return Markup("<p>") + lead + Markup("</p>") + content
