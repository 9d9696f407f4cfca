"""The archive model without a Pelican run: slugs, versions, term indexes, stable pagination,
profiles, related stories, trending terms, the map."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from wire_archive.model import SiteModel, monthly_counts, stable_pages
from wire_archive.plan import group_entries
from wire_archive.related import WINDOW, compute_related
from wire_archive.store import Post
from wire_archive.terms import assign_slugs
from wire_archive.timeline import timeline_svg
from wire_archive.worldmap import shade, world_map_svg
from wire_core.front_matter import PostDateline


def day(y, m, d):
    return datetime(y, m, d, tzinfo=UTC)


def post(slug, date, countries=(), people=(), organizations=(), topics=(), **extra) -> Post:
    fields = {
        "path": f"posts/{slug}.md",
        "uid": hash(slug) & (2**64 - 1),
        "title": slug.title(),
        "slug": slug,
        "date": date,
        "summary": "",
        "story": slug,
        "dateline": PostDateline(),
        "source": None,
        "byline": None,
        "signoff": None,
        "countries": tuple(countries),
        "countries_mentioned": (),
        "people": tuple(people),
        "organizations": tuple(organizations),
        "topics": tuple(topics),
        "status": "published",
        "wire_path": f"wire/{slug}.txt",
        "show_standfirst": False,
        "url": f"{date:%Y}/{slug}/",
        "save_as": f"{date:%Y}/{slug}/index.html",
    }
    return Post(**{**fields, **extra})


def posts():
    return [
        post("a", day(2025, 1, 5), ["PK", "AF"], ["Khawaja Asif"], [], [("medtop:16000000", "x")]),
        post("b", day(2025, 3, 9), ["PK"], ["Khawaja Asif", "José Müller"], ["Pakistan Cricket Board (PCB)"]),
        post("c", day(2025, 3, 1), ["KE"], ["Jose Muller"], [], [("medtop:04000000", "y")]),
        post("d", day(2024, 12, 1), ["AF"], ["Page"], []),
    ]


def test_slugs_are_collision_free_stable_and_avoid_reserved_paths():
    slugs = assign_slugs({"Jose Muller", "José Müller", "Page", "3", "Müller"})
    assert slugs["Jose Muller"] == "jose-muller"
    assert slugs["José Müller"].startswith("jose-muller-") and slugs["José Müller"] != "jose-muller"
    assert slugs["Page"] != "page" and slugs["3"] != "3"
    assert len(set(slugs.values())) == len(slugs)
    assert assign_slugs({"José Müller", "Jose Muller", "Extra Name"})["José Müller"] == slugs["José Müller"]


def test_terms_index_newest_first_with_counts_and_dates():
    model = SiteModel(posts())
    pk = model.entries["country"]["PK"]
    assert pk.term.name == "Pakistan" and pk.term.slug == "pk" and pk.term.url == "countries/pk/"
    assert [a.slug for a in pk.articles] == ["b", "a"]
    assert pk.first_date == day(2025, 1, 5) and pk.latest_date == day(2025, 3, 9)
    assert model.entries["country"]["AF"].count == 2
    asif = model.entries["person"]["Khawaja Asif"]
    assert asif.term.url == "people/khawaja-asif/" and asif.count == 2
    assert ("country", "PK") in model.often_with(asif.term.ref)
    assert model.terms[("country", "PK")].flag == "\U0001f1f5\U0001f1f0"
    assert [p.slug for p in model.listed] == ["b", "c", "a", "d"]


def test_set_hash_changes_with_the_set_of_stories_only():
    base = SiteModel(posts()).entries["country"]["PK"].set_hash
    reordered = SiteModel(list(reversed(posts()))).entries["country"]["PK"].set_hash
    assert base == reordered
    changed = posts()
    changed[0] = changed[0]._replace(uid=changed[0].uid + 1)  # the story's file changed
    assert SiteModel(changed).entries["country"]["PK"].set_hash != base
    assert SiteModel(changed).entries["country"]["KE"].set_hash == SiteModel(posts()).entries["country"]["KE"].set_hash


def test_often_with_is_memoised_by_the_terms_stories():
    model = SiteModel(posts())
    memo: dict = {}
    ref = ("person", "Khawaja Asif")
    first = model.often_with(ref, memo)
    assert memo[ref] == (model.entry(ref).set_hash, first)
    memo[ref] = (model.entry(ref).set_hash, [("country", "ZZ")])  # a remembered answer is used as is
    assert model.often_with(ref, memo) == [("country", "ZZ")]
    memo[ref] = (0, [("country", "ZZ")])  # but not for another set of stories
    assert model.often_with(ref, memo) == first


def test_earlier_versions_are_unlisted_and_point_to_the_newest():
    items = posts() + [post("b-update", day(2025, 3, 10), ["PK"], story="b")]
    items[1] = items[1]._replace(story="b")
    model = SiteModel(items)
    assert "posts/b.md" not in model.position and "posts/b-update.md" in model.position
    assert model.newest_version["posts/b.md"].slug == "b-update"
    assert [p.slug for p in model.earlier_versions["posts/b-update.md"]] == ["b"]
    # the earlier version still has terms (for its own page) but is not counted in them
    assert model.entries["person"].get("José Müller") is None
    assert model.terms[("person", "José Müller")].slug.startswith("jose-muller")


def test_stable_pages_keep_numbered_pages_fixed_when_stories_arrive():
    stories = list(range(100, 0, -1))  # newest first
    front, archive = stable_pages(stories, 20)
    assert len(front) == 20 and [len(p) for p in archive] == [20] * 4
    assert archive[0] == list(range(20, 0, -1))  # page 1 holds the 20 oldest
    for extra in range(1, 45):
        newer = list(range(100 + extra, 100, -1)) + stories
        front2, archive2 = stable_pages(newer, 20)
        assert archive2[: len(archive)] == archive  # older pages never change
        assert 20 <= len(front2) < 40 and front2 + [s for page in reversed(archive2) for s in page] == newer
    assert stable_pages(stories[:39], 20) == (stories[:39], [])


def test_topic_tree_and_country_regions():
    model = SiteModel(posts())
    groups = dict(group_entries("country", list(model.entries["country"].values())))
    assert "South Asia" in groups and {e.term.key for e in groups["South Asia"]} == {"PK", "AF"}
    topic_groups = group_entries("topic", list(model.entries["topic"].values()))
    # ordered by qcode; the label written in the post (an editor may rename it) is shown
    assert [name for name, _ in topic_groups] == ["y", "x"]


def test_monthly_counts_fill_gaps_and_timeline_has_a_text_label():
    items = posts()
    months = monthly_counts(items)
    assert months[0] == ("2024-12", 1) and months[-1] == ("2025-03", 2)
    assert ("2025-02", 0) in months and len(months) == 4
    svg = timeline_svg(months, "Pakistan")
    assert svg.startswith("<svg") and "<title" in svg and "2025-03: 2 stories" in svg
    assert svg.count("<rect") == 4


def test_related_prefers_shared_rare_entities():
    model = SiteModel(posts())
    related = compute_related(model)
    assert related["posts/a.md"][0] == "posts/b.md"  # shares a person and a country
    assert "posts/a.md" not in related["posts/a.md"]


def test_related_memo_is_reused_and_recomputed_only_where_a_new_story_reaches():
    base = day(2020, 1, 1)
    items = [post(f"s{i:03d}", base + timedelta(days=i), ["US"], [f"P{i % 7}"]) for i in range(200)]
    memo: dict = {}
    first = compute_related(SiteModel(items), memo)
    assert compute_related(SiteModel(items), memo) == first
    keys = {path: key for path, (_, key, _) in memo["stories"].items()}
    newest = post("s999", base + timedelta(days=400), ["US"], ["P1"])
    second = compute_related(SiteModel([*items, newest]), memo)
    again = compute_related(SiteModel([*items, newest]), {})
    assert second == again  # the memo never changes an answer
    recomputed = [p for p, (_, key, _) in memo["stories"].items() if keys.get(p) != key]
    assert "posts/s999.md" in recomputed
    assert 1 < len(recomputed) <= 2 * WINDOW  # the stories whose windows the new one entered
    assert memo["stories"]["posts/s000.md"][1] == keys["posts/s000.md"]  # the oldest are untouched


def test_trending_counts_back_from_the_newest_story_not_the_clock():
    model = SiteModel(posts())
    trending = model.trending()
    # the newest story is 9 March 2025: the window holds b (PK) and c (KE), not a or d (AF)
    assert [(entry.term.key, n) for entry, n in trending["country"]] == [("KE", 1), ("PK", 1)]
    assert [entry.term.key for entry, _ in trending["person"]][0] in ("Jose Muller", "José Müller", "Khawaja Asif")


def test_world_map_shades_and_links_covered_countries():
    model = SiteModel(posts())
    svg = world_map_svg(list(model.entries["country"].values()))
    assert svg is not None and "<metadata" not in svg
    assert '<a href="pk/" target="_top">' in svg and "Pakistan: 2 stories" in svg
    assert 'width="2754"' not in svg
    assert shade(1, 10) != shade(10, 10)


def test_a_large_taxonomy_index_is_split_by_initial():
    from wire_archive.plan import PlanSettings, SitePlan

    names = [f"{first} Person{i}" for i, first in enumerate(["Ann", "Bob", "Cy", "Émile", "Ørjan", "42nd"] * 3)]
    items = [post(f"s{i}", day(2024, 1, 1) + timedelta(days=i), ["FR"], [name]) for i, name in enumerate(names)]
    model = SiteModel(items)
    calls = []

    def render(template, save_as, **context):
        calls.append((save_as, context))
        return ""

    settings = PlanSettings(
        "", "Site", "", "en", 20, 20, 3, 50, 20, "feeds/all.atom.xml", 50, index_split=5, index_top=4
    )
    plan = SitePlan(model, None, settings, render, 0, {})
    group = plan.index_group("person")
    pages = {p.save_as: p for p in group.pages()}
    assert set(pages) == {
        "people/index.html", "people/index/a/index.html", "people/index/b/index.html", "people/index/c/index.html",
        "people/index/e/index.html", "people/index/o/index.html", "people/index/other/index.html",
    }  # fmt: skip
    pages["people/index/e/index.html"].render()
    save_as, context = calls[-1]
    assert context["letter"] == "E" and {e.term.name for e in context["entries"]} == {n for n in names if n[0] == "É"}
    pages["people/index.html"].render()
    assert len(calls[-1][1]["entries"]) == 4
    small = SitePlan(model, None, settings, render, 0, {}).index_group("country")
    assert [p.save_as for p in small.pages()][0] == "countries/index.html"
    # a new name under another initial changes every letter's page: each shows all letters' counts
    more = SiteModel([*items, post("s99", day(2025, 1, 1), ["FR"], ["Bea Person99"])])
    after = {p.save_as: p for p in SitePlan(more, None, settings, render, 0, {}).index_group("person").pages()}
    assert after["people/index/a/index.html"].fingerprint != pages["people/index/a/index.html"].fingerprint
    same = {
        p.save_as: p for p in SitePlan(SiteModel(items), None, settings, render, 0, {}).index_group("person").pages()
    }
    assert same["people/index/a/index.html"].fingerprint == pages["people/index/a/index.html"].fingerprint


def test_related_with_a_memo_equals_related_from_scratch_through_many_changes():
    import random

    rng = random.Random(11)
    base = day(2020, 1, 1)
    people = [f"Person {i}" for i in range(40)]

    def story(i):
        return post(
            f"s{i:04d}", base + timedelta(hours=rng.randrange(0, 24 * 900)),
            rng.sample(["US", "GB", "FR", "KE"], rng.randint(1, 2)), rng.sample(people, rng.randint(0, 3)),
            [], [("medtop:04000000", "economy")] if rng.random() < 0.7 else [],
        )  # fmt: skip

    items = {i: story(i) for i in range(260)}
    memo: dict = {}
    for step in range(25):
        model = SiteModel(list(items.values()))
        assert compute_related(model, memo) == compute_related(SiteModel(list(items.values())), {}), step
        for _ in range(rng.randint(1, 4)):
            what = rng.random()
            if what < 0.5:
                i = max(items) + 1
                items[i] = story(i)  # a new story, of any date
            elif what < 0.8 and items:
                del items[rng.choice(sorted(items))]
            else:
                i = rng.choice(sorted(items))
                items[i] = items[i]._replace(uid=items[i].uid + 7, people=tuple(rng.sample(people, 2)))
