"""The archive as its pages see it, made from the posts on every build (plain Python, no Pelican):
which stories are listed and in what order, their neighbours and versions, the terms with
their stories, stable pagination, trending terms and each term's companions.

Everything here is a function of the posts alone, so a build that starts from nothing and an
incremental build arrive at the same model.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import timedelta
from functools import reduce
from operator import attrgetter, xor

from wire_core.entities.resolve import Resolution
from wire_core.vocabularies import country_names, topic_tree

from .entities import UNRESOLVED, story_names
from .store import Post
from .terms import KINDS, Ref, Term, assign_slugs, make_terms, stable_id


@dataclass
class TermEntry:
    term: Term
    articles: list = field(default_factory=list)  # newest first
    set_hash: int = 0  # XOR of the stories' uids: changes whenever the set of stories does

    @property
    def count(self) -> int:
        return len(self.articles)

    @property
    def first_date(self):
        return self.articles[-1].date if self.articles else None

    @property
    def latest_date(self):
        return self.articles[0].date if self.articles else None


def stable_pages(items: list, per_page: int) -> tuple[list, list[list]]:
    """Split a newest-first list into its front page and its numbered archive pages.

    Archive pages are counted from the oldest story and hold exactly ``per_page`` stories each,
    so a newer story never changes them; the front page holds the rest, the newest
    ``per_page`` to ``2 * per_page - 1`` stories. Returns (front, [page 1, page 2, ...])."""
    n, size = len(items), max(1, per_page)
    blocks = n // size
    if blocks <= 1:
        return items, []
    front_size = n - (blocks - 1) * size
    archive = [items[n - k * size : n - (k - 1) * size] for k in range(1, blocks)]
    return items[:front_size], archive


class SiteModel:
    """The listed stories (newest first), the unlisted ones (hidden posts, earlier versions of a
    story), their terms and everything derived from them. Withdrawn stories (taken back by the
    agency) are in none of these: each keeps its address, answered by a notice.

    With a ``resolution`` (``entities.resolve_posts``) a story's people and organisations are
    the entities it names, whatever it called them: its ``Post`` record here carries their
    canonical names (and a uid that changes with them), ``written_as`` keeps the other names it
    wrote for them, and every name written anywhere keeps its address (a redirect to its
    entity's page when it has become another's, ``redirects``)."""

    def __init__(
        self, posts, countries: dict | None = None, topics: dict | None = None, resolution: Resolution | None = None
    ):
        countries = country_names() if countries is None else countries
        topics = topic_tree() if topics is None else topics
        self.resolution = resolution
        self.written_as: dict[str, tuple[tuple[str, str, tuple[str, ...]], ...]] = {}  # path → (kind, name, forms)
        self._written: dict[str, set[str]] = {"person": set(), "organization": set()}
        if resolution is not None:
            posts = [p if p.status in UNRESOLVED else self._resolved(p, resolution) for p in posts]
        published = [p for p in posts if p.status == "published"]
        hidden = [p for p in posts if p.status == "hidden"]
        self.withdrawn: list[Post] = sorted((p for p in posts if p.status == "withdrawn"), key=_order)
        self.newest_version: dict[str, Post] = {}
        self.earlier_versions: dict[str, list[Post]] = {}
        listed = self._versions(published)
        self.listed: list[Post] = sorted(listed, key=_order, reverse=True)
        self.unlisted: list[Post] = sorted(
            [*hidden, *(p for p in published if p.path in self.newest_version)], key=_order
        )
        self.position = {p.path: i for i, p in enumerate(self.listed)}
        self.by_path = {p.path: p for p in [*self.listed, *self.unlisted]}
        self._make_terms(countries, topics)

    def _resolved(self, post: Post, resolution: Resolution) -> Post:
        """The post naming entities: each name as the resolution reads it in this story, once,
        in the story's order; refused names left out."""
        names = story_names(post)
        changes = {}
        other = []
        for kind, field_name in (("person", "people"), ("organization", "organizations")):
            written = self._written[kind]
            found: dict[str, list[str]] = {}
            for name, canonical in resolution.story_map(kind, names):
                written.add(name)
                if canonical is not None:
                    forms = found.setdefault(canonical, [])
                    if name != canonical:
                        forms.append(name)
            canonical_names = tuple(found)
            if canonical_names != getattr(post, field_name):
                changes[field_name] = canonical_names
            other += [(kind, name, tuple(forms)) for name, forms in found.items() if forms]
        if other:
            self.written_as[post.path] = tuple(other)
        if not changes and not other:
            return post
        # the uid says what the site shows of the story (every fingerprint, memo and set hash
        # takes it so): a story whose entities the archive names otherwise is shown otherwise
        shown = (changes.get("people", post.people), changes.get("organizations", post.organizations), other)
        return post._replace(uid=post.uid ^ stable_id(repr(shown)), **changes)

    def _versions(self, published: list[Post]) -> list[Post]:
        groups: dict[str, list[Post]] = defaultdict(list)
        for post in published:
            groups[post.story].append(post)
        listed = []
        for versions in groups.values():
            # a structured item's versions share their first-created date: its version number decides
            versions.sort(key=lambda p: (p.date, p.version or 0, p.wire_path, p.path), reverse=True)
            newest = versions[0]
            listed.append(newest)
            if len(versions) > 1:
                self.earlier_versions[newest.path] = versions[1:]
                for old in versions[1:]:
                    self.newest_version[old.path] = newest
        return listed

    def _make_terms(self, countries: dict, topics: dict) -> None:
        # one pass over the listed stories (the archive's largest loop, 100,000 stories with a
        # dozen terms each), then the few unlisted ones, which name terms but get no pages
        c_lists, p_lists, o_lists, t_lists = (defaultdict(list) for _ in KINDS)
        mentioned: set[str] = set()
        labels: dict[str, str | None] = {}  # the label of the newest story that carries the topic
        for post in self.listed:
            for code in post.countries:
                c_lists[code].append(post)
            mentioned.update(post.countries_mentioned)
            for name in post.people:
                p_lists[name].append(post)
            for name in post.organizations:
                o_lists[name].append(post)
            for code, label in post.topics:
                t_lists[code].append(post)
                if label and code not in labels:
                    labels[code] = label
        people, organizations = set(p_lists), set(o_lists)
        codes = mentioned | c_lists.keys()
        topic_codes = set(t_lists)
        for post in self.unlisted:
            people.update(post.people)
            organizations.update(post.organizations)
            codes.update(post.countries, post.countries_mentioned)
            for code, label in post.topics:
                topic_codes.add(code)
                if label and code not in labels:
                    labels[code] = label
        # a slug for every name written and every entity's name, by one rule over all of them: a
        # page keeps its address whatever resolution decides, and a name that became another's
        # keeps its old address for its redirect
        slugs = {
            "person": assign_slugs(people | self._written["person"]),
            "organization": assign_slugs(organizations | self._written["organization"]),
        }
        entities = self.resolution.entities if self.resolution is not None else {}
        terms = make_terms(codes, people, organizations, topic_codes, labels, countries, topics, slugs, entities)
        self.terms = terms
        uid = attrgetter("uid")
        self.entries = {}
        for kind, lists in zip(KINDS, (c_lists, p_lists, o_lists, t_lists), strict=True):
            found = [TermEntry(terms[(kind, k)], posts, reduce(xor, map(uid, posts), 0)) for k, posts in lists.items()]
            found.sort(key=lambda e: e.term.sort_key)
            self.entries[kind] = {e.term.key: e for e in found}
        self._links: dict[str, tuple[int, ...]] = {}
        self._stamps = (
            {t.key: t.stamp for (kind, _), t in terms.items() if kind == "person"},
            {t.key: t.stamp for (kind, _), t in terms.items() if kind == "organization"},
        )
        self.redirects = self._redirects(slugs)

    def _redirects(self, slugs: dict[str, dict[str, str]]) -> dict[str, list[tuple[str, str, Term]]]:
        """Per kind, (old slug, name as written, entity's term) of every written name whose every
        story names another entity, where that entity has a page: the name's old address
        redirects there. A redirect never points at another redirect: its target is a page."""
        out: dict[str, list] = {"person": [], "organization": []}
        if self.resolution is None:
            return out
        for kind, rows in out.items():
            entries, known = self.entries[kind], slugs[kind]
            live = {t.slug for (k, _), t in self.terms.items() if k == kind}
            for written, canonical in self.resolution.redirects(kind).items():
                entry = entries.get(canonical)
                if entry is not None and known.get(written, entry.term.slug) not in live:
                    rows.append((known[written], written, entry.term))
            rows.sort(key=lambda row: row[0])
        return out

    # --- looking things up ---------------------------------------------------------------

    def entry(self, ref: Ref) -> TermEntry | None:
        return self.entries[ref[0]].get(ref[1])

    def terms_of(self, post: Post, kind: str) -> list[Term]:
        if kind == "country":
            keys = post.countries
        elif kind == "country_mentioned":
            return [self.terms[("country", c)] for c in post.countries_mentioned]
        elif kind == "person":
            keys = post.people
        elif kind == "organization":
            keys = post.organizations
        else:
            keys = [code for code, _ in post.topics]
        return [self.terms[(kind, k)] for k in keys]

    def link_ids(self, post: Post) -> tuple[int, ...]:
        """The stamps of the people and organisations a story links to: the only part of its
        links that is not fixed by the story itself (a slug changes when a namesake arrives, an
        entity's name or acronym when another story teaches it; which entities the story names
        is in its uid, see ``_resolved``)."""
        found = self._links.get(post.path)
        if found is None:
            people, organizations = self._stamps
            found = tuple(map(people.__getitem__, post.people)) + tuple(
                map(organizations.__getitem__, post.organizations)
            )
            self._links[post.path] = found
        return found

    def written_forms(self, path: str, ref: Ref) -> tuple[str, ...]:
        """The other names a story wrote for one of its entities (``Reagan`` for Ronald Reagan)."""
        for kind, name, forms in self.written_as.get(path, ()):
            if (kind, name) == ref:
                return forms
        return ()

    def has_page(self, ref: Ref) -> bool:
        return ref[1] in self.entries[ref[0]]

    def often_with(self, ref: Ref, memo: dict | None = None, limit: int = 6, recent: int = 1000) -> list[Ref]:
        """The terms most often tagged together with this one in its ``recent`` newest stories
        (what it goes with now; and bounded work for "United States"), memoised by the term's
        set of stories."""
        entry = self.entry(ref)
        if entry is None:
            return []
        if memo is not None:
            found = memo.get(ref)
            if found is not None and found[0] == entry.set_hash:
                return found[1]
        counts: Counter = Counter()
        for post in entry.articles[:recent]:
            counts.update(refs_of(post))
        del counts[ref]
        ranked = [r for r, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]]
        if memo is not None:
            memo[ref] = (entry.set_hash, ranked)
        return ranked

    def trending(self, days: int = 30, limit: int = 8) -> dict[str, list[tuple[TermEntry, int]]]:
        """The busiest terms of the 30 days up to the newest story (not up to today: builds
        must not depend on the clock)."""
        out: dict[str, list] = {kind: [] for kind in KINDS}
        if not self.listed:
            return out
        since = self.listed[0].date - timedelta(days=days)
        counts: Counter = Counter()
        for post in self.listed:
            if post.date < since:
                break
            counts.update(refs_of(post))
        for kind in KINDS:
            ranked = sorted(
                ((ref, n) for ref, n in counts.items() if ref[0] == kind),
                key=lambda kv: (-kv[1], self.terms[kv[0]].sort_key),
            )
            out[kind] = [(self.entry(ref), n) for ref, n in ranked[:limit]]
        return out


def refs_of(post: Post) -> list[Ref]:
    """Every term a story is tagged with, as (kind, key): countries, people, organisations, topics."""
    return [
        *(("country", c) for c in post.countries),
        *(("person", p) for p in post.people),
        *(("organization", o) for o in post.organizations),
        *(("topic", code) for code, _ in post.topics),
    ]


def _order(post: Post):
    return (post.date, post.slug, post.path)


def monthly_counts(articles: list) -> list[tuple[str, int]]:
    """Stories per month from the first to the latest month, zeros included."""
    if not articles:
        return []
    counts = Counter(f"{a.date.year:04d}-{a.date.month:02d}" for a in articles)
    first, last = min(counts), max(counts)
    year, month = int(first[:4]), int(first[5:])
    out = []
    while True:
        key = f"{year:04d}-{month:02d}"
        out.append((key, counts.get(key, 0)))
        if key >= last:
            return out
        month += 1
        if month > 12:
            year, month = year + 1, 1
