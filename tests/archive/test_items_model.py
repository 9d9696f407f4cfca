"""What the archive does with posts from structured wire items: a story's versions ordered by
their item version, withdrawn stories in no list, term, entity or redirect, the item's names
resolved with the archive's, and Media Topics beyond our own vocabulary named and placed by
IPTC's tree."""

from __future__ import annotations

from wire_archive.model import SiteModel
from wire_archive.plan import group_entries
from wire_core.entities.kept_index import KeptIndex
from wire_core.vocabularies import topic_tree

from tests.archive.test_entities import archive, model_of
from tests.archive.test_taxonomy import day, post, posts


def test_versions_of_an_item_sharing_their_date_are_ordered_by_version():
    first = day(2026, 3, 3)  # both versions carry the item's firstCreated
    v2 = post("grid-v2", first, ["DE"], story="urn:grid", version=2, wire_path="wire/a.xml")
    v10 = post("grid-v10", first, ["DE"], story="urn:grid", version=10, wire_path="wire/0.xml")
    v9 = post("grid-v9", first, ["DE"], story="urn:grid", version=9, wire_path="wire/z.xml")
    model = SiteModel([*posts(), v2, v10, v9])
    assert "posts/grid-v10.md" in model.position  # 10 after 9 and 2: numbers, not file names
    assert [p.slug for p in model.earlier_versions["posts/grid-v10.md"]] == ["grid-v9", "grid-v2"]


def test_withdrawn_stories_are_in_no_list_and_no_term():
    gone = post("killed", day(2025, 4, 1), ["NG"], ["Bola Adeyemi"], ["NNPC"], [("medtop:04000000", "y")],
                status="withdrawn")  # fmt: skip
    model = SiteModel([*posts(), gone])
    assert [p.slug for p in model.withdrawn] == ["killed"]
    assert "posts/killed.md" not in model.by_path and gone not in model.listed and gone not in model.unlisted
    assert "NG" not in model.entries["country"] and ("country", "NG") not in model.terms
    assert ("person", "Bola Adeyemi") not in model.terms and ("organization", "NNPC") not in model.terms
    assert model.entries["topic"]["medtop:04000000"].count == 1  # story c only


def test_a_media_topic_beyond_our_vocabulary_is_named_and_placed_by_iptc():
    tree = topic_tree()
    assert tree["medtop:20000849"] == ("baseball", "medtop:15000000")  # level 3 under sport
    assert tree["medtop:15000000"][1] is None
    ball = post("ball", day(2025, 5, 1), ["JP"], topics=[("medtop:15000000", "sport"), ("medtop:20000849", None)])
    model = SiteModel([*posts(), ball])
    term = model.terms[("topic", "medtop:20000849")]
    assert term.name == "baseball" and term.parent == "medtop:15000000" and term.slug == "baseball"
    groups = dict(group_entries("topic", list(model.entries["topic"].values())))
    assert [e.term.key for e in groups["sport"]] == ["medtop:15000000", "medtop:20000849"]
    assert "Other topics" not in groups


# --- with the archive's entity resolution (wire_archive.entities) ---------------------------


def withdrawn_and_carried():
    """The entity test archive, a story from an agency item (its people as the item wrote them)
    and a withdrawn one naming a full name, an organisation with its acronym and a bare surname's
    full form that nothing published writes."""
    carried = post("grid", day(2025, 1, 8), ["KE"], ["Katherina Reiche", "Otieno"], ["CBK"],
                   [("medtop:04000000", "e")], wire_path="wire/grid.xml", version=2)  # fmt: skip
    gone = post("killed", day(2025, 1, 8), ["KE"], ["Wanjiru Otieno"], ["Kenya Revenue Authority (KRA)", "CBK"],
                [("medtop:04000000", "e")], status="withdrawn")  # fmt: skip
    return [*archive(), carried, gone]


def test_withdrawn_stories_name_no_entity_and_leave_no_redirect(tmp_path):
    model = model_of(withdrawn_and_carried(), tmp_path)
    people, orgs = model.entries["person"], model.entries["organization"]
    assert "Wanjiru Otieno" not in people and ("person", "Wanjiru Otieno") not in model.terms
    assert not any("Kenya Revenue" in key for key in orgs) and not any(
        k == "organization" and "KRA" in n for k, n in model.terms
    )
    written = {name for rows in model.redirects.values() for _, name, _ in rows}
    assert "Kenya Revenue Authority (KRA)" not in written and "Wanjiru Otieno" not in written
    assert "Otieno" in people  # the withdrawn story's full name joins no published surname
    assert orgs["Central Bank of Kenya"].count == 4  # def, bare, full, grid: not the withdrawn one
    kept = KeptIndex(tmp_path / "site" / "entities.pickle").load()  # the index the next build starts from
    assert "posts/killed.md" not in kept.stories and "posts/grid.md" in kept.stories


def test_an_items_names_are_resolved_with_the_archives(tmp_path):
    entities = "people:\n  aliases:\n    Katherina Reiche: Katherina Reiche-Lang\n"
    model = model_of(withdrawn_and_carried(), tmp_path, entities)
    grid = model.by_path["posts/grid.md"]
    assert grid.people[0] == "Katherina Reiche-Lang" and grid.organizations == ("Central Bank of Kenya",)
    assert model.written_forms("posts/grid.md", ("organization", "Central Bank of Kenya")) == ("CBK",)
    assert "Katherina Reiche-Lang" in model.entries["person"] and "Katherina Reiche" not in model.entries["person"]
