"""Taxonomy building without a Pelican run: slugs, indexes, profiles, related stories, the map."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from news_taxonomy.index import assign_slugs, build_taxonomy, load_countries, load_topic_parents, monthly_counts
from news_taxonomy.plugin import group_entries, trending_terms
from news_taxonomy.related import compute_related
from news_taxonomy.timeline import timeline_svg
from news_taxonomy.worldmap import shade, world_map_svg


@dataclass
class FakeArticle:
    slug: str
    date: datetime
    countries: list = field(default_factory=list)
    people: list = field(default_factory=list)
    organizations: list = field(default_factory=list)
    topics: list = field(default_factory=list)
    countries_mentioned: list = field(default_factory=list)


def day(y, m, d):
    return datetime(y, m, d, tzinfo=UTC)


def articles():
    return [
        FakeArticle(
            "a", day(2025, 1, 5), ["PK", "AF"], ["Khawaja Asif"], [], [{"code": "medtop:16000000", "label": "x"}]
        ),
        FakeArticle("b", day(2025, 3, 9), ["PK"], ["Khawaja Asif", "José Müller"], ["Pakistan Cricket Board (PCB)"]),
        FakeArticle("c", day(2025, 3, 1), ["KE"], ["Jose Muller"], [], [{"code": "medtop:04000000", "label": "y"}]),
        FakeArticle("d", day(2024, 12, 1), ["af"], ["Page"], []),
    ]


def taxonomy_of(items):
    return build_taxonomy(items, {}, load_countries(), load_topic_parents())


def test_slugs_are_collision_free_stable_and_avoid_reserved_paths():
    slugs = assign_slugs({"Jose Muller", "José Müller", "Page", "3", "Müller"})
    assert slugs["Jose Muller"] == "jose-muller"
    assert slugs["José Müller"].startswith("jose-muller-") and slugs["José Müller"] != "jose-muller"
    assert slugs["Page"] != "page" and slugs["3"] != "3"
    assert len(set(slugs.values())) == len(slugs)
    assert assign_slugs({"José Müller", "Jose Muller", "Extra Name"})["José Müller"] == slugs["José Müller"]


def test_terms_index_newest_first_with_counts_and_dates():
    items = articles()
    tax = taxonomy_of(items)
    pk = tax.entries["country"]["PK"]
    assert pk.term.name == "Pakistan" and pk.term.slug == "pk" and pk.term.url == "countries/pk/"
    assert [a.slug for a in pk.articles] == ["b", "a"]
    assert pk.first_date == day(2025, 1, 5) and pk.latest_date == day(2025, 3, 9)
    assert tax.entries["country"]["AF"].count == 2  # "af" normalised to the code
    asif = tax.entries["person"]["Khawaja Asif"]
    assert asif.term.url == "people/khawaja-asif/" and asif.count == 2
    assert {e.term.name for e in tax.often_with(asif.term)} >= {"Pakistan"}
    assert items[0].countries[0].flag == "\U0001f1f5\U0001f1f0"


def test_topic_tree_and_country_regions():
    tax = taxonomy_of(articles())
    groups = dict(group_entries("country", tax.terms("country")))
    assert "South Asia" in groups and {e.term.key for e in groups["South Asia"]} == {"PK", "AF"}
    topic_groups = group_entries("topic", tax.terms("topic"))
    # ordered by qcode; the label written in the post (an editor may rename it) is shown
    assert [name for name, _ in topic_groups] == ["y", "x"]


def test_monthly_counts_fill_gaps_and_timeline_has_a_text_label():
    items = articles()
    months = monthly_counts(items)
    assert months[0] == ("2024-12", 1) and months[-1] == ("2025-03", 2)
    assert ("2025-02", 0) in months and len(months) == 4
    svg = timeline_svg(months, "Pakistan")
    assert svg.startswith("<svg") and "<title" in svg and "2025-03: 2 stories" in svg
    assert svg.count("<rect") == 4


def test_related_prefers_shared_rare_entities():
    items = articles()
    taxonomy_of(items)
    related = compute_related(items)
    assert related[id(items[0])][0].slug == "b"  # shares a person and a country
    assert all(r is not items[2] for r in related[id(items[0])][:1])


def test_trending_counts_back_from_the_newest_story_not_the_clock():
    items = articles()
    tax = taxonomy_of(items)
    trending = trending_terms(tax, sorted(items, key=lambda a: a.date, reverse=True))
    # the newest story is 9 March 2025: the window holds b (PK) and c (KE), not a or d (AF)
    assert [(entry.term.key, n) for entry, n in trending["country"]] == [("KE", 1), ("PK", 1)]
    assert [entry.term.key for entry, _ in trending["person"]][0] in ("Jose Muller", "José Müller", "Khawaja Asif")


def test_world_map_shades_and_links_covered_countries():
    tax = taxonomy_of(articles())
    svg = world_map_svg(tax.terms("country"))
    assert svg is not None and "<metadata" not in svg
    assert '<a href="pk/" target="_top">' in svg and "Pakistan: 2 stories" in svg
    assert 'width="2754"' not in svg
    assert shade(1, 10) != shade(10, 10)
