"""The archive names people and organisations by entity (wire_archive.entities, model, terms):
canonical names on every term, old addresses kept as redirects, the editors' file read at build
time with its last good version kept when it breaks."""

from __future__ import annotations

import logging

from wire_archive.entities import editors_overrides, resolve_posts, story_names
from wire_archive.model import SiteModel
from wire_archive.terms import assign_slugs

from tests.archive.test_taxonomy import day, post


def archive():
    return [
        post("def", day(2025, 1, 5), ["KE"], [], ["Central Bank of Kenya (CBK)"], [("medtop:04000000", "e")]),
        post("bare", day(2025, 1, 9), ["KE"], ["Njoroge"], ["CBK"], [("medtop:04000000", "e")]),
        post("full", day(2025, 1, 7), ["KE"], ["Patrick Njoroge"], ["CENTRAL BANK OF KENYA"]),
        post("far", day(2025, 3, 1), ["KE"], [], ["Kestrel Bank", "Shr"]),
    ]


def model_of(posts, tmp_path, entities: str | None = None):
    path = tmp_path / "entities.yaml"
    if entities is not None:
        path.write_text(entities, encoding="utf-8")
    resolution = resolve_posts(posts, tmp_path / "site", path)
    return SiteModel(posts, countries={"KE": ("Kenya", "Africa", "Eastern Africa")}, topics={}, resolution=resolution)


def test_terms_are_entities_named_by_their_canonical_name(tmp_path):
    model = model_of(archive(), tmp_path)
    orgs = model.entries["organization"]
    assert set(orgs) == {"Central Bank of Kenya", "Kestrel Bank"}  # "Shr" is no organisation
    bank = orgs["Central Bank of Kenya"]
    assert bank.count == 3 and bank.term.acronym == "CBK" and bank.term.label == "Central Bank of Kenya (CBK)"
    assert bank.term.also_written_as == ()  # the acronym is in the label; capitals are no other name
    assert set(model.entries["person"]) == {"Patrick Njoroge"}
    njoroge = model.by_path["posts/bare.md"]
    assert njoroge.people == ("Patrick Njoroge",) and njoroge.organizations == ("Central Bank of Kenya",)
    assert model.written_forms("posts/bare.md", ("person", "Patrick Njoroge")) == ("Njoroge",)


def test_every_written_name_keeps_its_address_as_a_redirect(tmp_path):
    model = model_of(archive(), tmp_path)
    written = {"Central Bank of Kenya (CBK)", "CBK", "CENTRAL BANK OF KENYA", "Kestrel Bank", "Shr"}
    slugs = assign_slugs(written | {"Central Bank of Kenya"})  # the rule over written and canonical names
    rows = {slug: (name, term.key) for slug, name, term in model.redirects["organization"]}
    assert rows == {
        slugs["Central Bank of Kenya (CBK)"]: ("Central Bank of Kenya (CBK)", "Central Bank of Kenya"),
        slugs["CBK"]: ("CBK", "Central Bank of Kenya"),
        slugs["CENTRAL BANK OF KENYA"]: ("CENTRAL BANK OF KENYA", "Central Bank of Kenya"),
    }
    assert model.entries["organization"]["Central Bank of Kenya"].term.slug == slugs["Central Bank of Kenya"]
    live = {e.term.slug for e in model.entries["organization"].values()}
    assert live.isdisjoint(rows)  # a redirect never hides a page
    assert {r[1] for r in model.redirects["person"]} == {"Njoroge"}


def test_a_story_whose_entities_are_named_otherwise_gets_another_uid(tmp_path):
    posts = archive()
    plain = SiteModel(posts, countries={}, topics={})
    model = model_of(posts, tmp_path)
    assert model.by_path["posts/bare.md"].uid != plain.by_path["posts/bare.md"].uid
    assert model.by_path["posts/far.md"].uid != plain.by_path["posts/far.md"].uid  # "Shr" left out
    again = model_of(posts, tmp_path)  # the same resolution from the kept index: the same uids
    assert [p.uid for p in again.listed] == [p.uid for p in model.listed]


def test_editors_file_is_read_at_build_time_and_a_broken_one_keeps_the_last(tmp_path, caplog):
    model = model_of(archive(), tmp_path, "people:\n  distinct: [Njoroge]\n")
    assert "Njoroge" in model.entries["person"] and not model.redirects["person"]
    with caplog.at_level(logging.ERROR):
        broken = model_of(archive(), tmp_path, "people: [unclosed\n")
    assert "entities.yaml" in caplog.text and "stay in force" in caplog.text
    assert "Njoroge" in broken.entries["person"]  # the last corrections read still hold
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    (fresh / "entities.yaml").write_text("people: [unclosed\n", encoding="utf-8")
    assert editors_overrides(fresh / "entities.yaml", fresh / "site").aliases == {}


def test_story_names_carry_what_resolution_reads():
    p = post("x", day(2025, 1, 5), ["KE"], ["A B"], ["C"], [("medtop:04000000", "e")])
    p = p._replace(refused=(("organization", "GMT", "time zone"),))
    names = story_names(p)
    assert names.day == day(2025, 1, 5).toordinal() and names.topics == ("medtop:04000000",)
    assert names.refused == (("organization", "GMT", "time zone"),)
