"""Build the taxonomy from the articles: terms with stable slugs, term → articles, and each term's
profile (count, first and latest date, coverage per month, the terms most often seen with it).

Plain Python over article-like objects (anything with the metadata attributes), so it is tested
without a Pelican build.
"""

from __future__ import annotations

import csv
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from .terms import KINDS, Country, Organization, Person, Term, Topic, term_slug

DATA = Path(__file__).resolve().parent.parent / "wire_ingest" / "data"


@dataclass
class TermEntry:
    term: Term
    articles: list = field(default_factory=list)  # newest first

    @property
    def count(self) -> int:
        return len(self.articles)

    @property
    def first_date(self):
        return self.articles[-1].date if self.articles else None

    @property
    def latest_date(self):
        return self.articles[0].date if self.articles else None


@dataclass
class Taxonomy:
    entries: dict  # kind -> {key: TermEntry}
    cooccurrence: dict  # (kind, key) -> Counter of (kind, key)

    def terms(self, kind: str) -> list[TermEntry]:
        return list(self.entries[kind].values())

    def entry(self, term: Term) -> TermEntry:
        return self.entries[term.kind][term.key]

    def often_with(self, term: Term, limit: int = 6) -> list[TermEntry]:
        counts = self.cooccurrence.get((term.kind, term.key), Counter())
        ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        return [self.entries[k][key] for (k, key), _ in ranked[:limit]]


def load_countries(path: Path = DATA / "countries.tsv") -> dict[str, tuple[str, str, str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        return {
            r["code"]: (r["name"], r["continent"], r["region"])
            for r in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        }


def load_topic_parents(path: Path = DATA / "topics.yaml") -> dict[str, tuple[str, str | None]]:
    """qcode → (label, parent qcode) from our IPTC vocabulary."""
    import yaml

    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    items = data.get("topics", data) if isinstance(data, dict) else data
    out = {}
    for item in items if isinstance(items, list) else []:
        if isinstance(item, dict) and "code" in item:
            out[item["code"]] = (item.get("label", item["code"]), item.get("parent"))
    return out


def assign_slugs(names: set[str]) -> dict[str, str]:
    """Collision-free slugs that depend only on the set of names: the name whose own lower-case
    form equals the slug keeps the plain slug; every other name sharing it gets a hash suffix."""
    import hashlib

    groups: dict[str, list[str]] = defaultdict(list)
    for name in names:
        base = term_slug(name)
        if base in ("page", "feed", "index") or base.isdigit():
            base = f"{base}-x"
        groups[base].append(name)
    slugs = {}
    for base, group in groups.items():
        group.sort(key=lambda n: (term_slug(n) != n.lower().replace(" ", "-"), not n.isascii(), n))
        slugs[group[0]] = base
        for name in group[1:]:
            slugs[name] = f"{base}-{hashlib.sha1(name.encode()).hexdigest()[:6]}"
    return slugs


def build_taxonomy(articles: list, settings: dict, countries: dict, topics: dict, unlisted=()) -> Taxonomy:
    """Replace each article's metadata lists by Term objects and index them (articles newest first).
    ``unlisted`` articles (older versions) get Term objects too but are not indexed."""
    names = {"person": set(), "organization": set()}
    for article in [*articles, *unlisted]:
        names["person"].update(_strings(getattr(article, "people", [])))
        names["organization"].update(_strings(getattr(article, "organizations", [])))
    slugs = {kind: assign_slugs(values) for kind, values in names.items()}
    made: dict[tuple[str, str], Term] = {}

    def term(kind: str, key: str, label: str | None = None) -> Term:
        found = made.get((kind, key))
        if found is None:
            if kind == "country":
                name, continent, region = countries.get(key, (key, "", ""))
                found = Country(key, name, settings, continent, region)
            elif kind == "topic":
                label_, parent = topics.get(key, (label or key, None))
                found = Topic(key, label or label_, settings, parent)
            elif kind == "person":
                found = Person(key, settings, key=key, slug=slugs["person"][key])
            else:
                found = Organization(key, settings, key=key, slug=slugs["organization"][key])
            made[(kind, key)] = found
        return found

    def attach_terms(article) -> list[Term]:
        article.countries = [term("country", c) for c in _strings(getattr(article, "countries", []), upper=True)]
        article.countries_mentioned = [
            term("country", c) for c in _strings(getattr(article, "countries_mentioned", []), upper=True)
        ]
        article.people = [term("person", p) for p in _strings(getattr(article, "people", []))]
        article.organizations = [term("organization", o) for o in _strings(getattr(article, "organizations", []))]
        article.topics = [term("topic", code, label) for code, label in _topics(getattr(article, "topics", []))]
        return [*article.countries, *article.people, *article.organizations, *article.topics]

    for article in unlisted:
        attach_terms(article)
    entries: dict[str, dict[str, TermEntry]] = {kind: {} for kind in KINDS}
    cooccurrence: dict = defaultdict(Counter)
    for article in sorted(articles, key=lambda a: (a.date, a.slug), reverse=True):
        tagged = attach_terms(article)
        for t in tagged:
            entry = entries[t.kind].get(t.key)
            if entry is None:
                entry = entries[t.kind][t.key] = TermEntry(t)
            entry.articles.append(article)
        keys = [(t.kind, t.key) for t in tagged]
        for a in keys:
            for b in keys:
                if a != b:
                    cooccurrence[a][b] += 1
    for kind in KINDS:
        entries[kind] = dict(sorted(entries[kind].items(), key=lambda kv: kv[1].term.sort_key))
    return Taxonomy(entries=entries, cooccurrence=dict(cooccurrence))


def _strings(values, upper: bool = False) -> list[str]:
    if isinstance(values, str):
        values = [v.strip() for v in values.split(",")]
    out, seen = [], set()
    for value in values or []:
        if isinstance(value, Term):
            value = value.key
        if not isinstance(value, (str, int, float)):
            continue
        value = str(value).strip()
        value = value.upper() if upper else value
        if value and value not in seen:
            seen.add(value)
            out.append(value)
    return out


def _topics(values) -> list[tuple[str, str | None]]:
    out, seen = [], set()
    for value in values or []:
        if isinstance(value, Term):
            code, label = value.key, value.name
        elif isinstance(value, dict) and value.get("code"):
            code, label = str(value["code"]), value.get("label")
        elif isinstance(value, str) and value:
            code, label = (value, None) if value.startswith("medtop:") else (f"label:{term_slug(value)}", value)
        else:
            continue
        if code not in seen:
            seen.add(code)
            out.append((code, label))
    return out


def monthly_counts(articles: list) -> list[tuple[str, int]]:
    """Stories per month from the first to the latest month, zeros included."""
    if not articles:
        return []
    counts = Counter(a.date.strftime("%Y-%m") for a in articles)
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
