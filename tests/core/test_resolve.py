"""Archive-wide resolution (wire_core.entities.resolve) on made-up archives: one entity per real-world
person or organisation, whatever each story wrote, with the editors' file winning."""

from __future__ import annotations

import random

import pytest
from wire_core.entities.resolve import (
    EntityIndex,
    Overrides,
    StoryNames,
    build_index,
    resolve,
)

DAY = 738_000  # an ordinal day; only differences matter


def story(sid, day=0, countries=("NO",), topics=("medtop:04000000",), people=(), orgs=()):
    return StoryNames(sid, DAY + day, tuple(countries), tuple(topics), tuple(people), tuple(orgs))


def org(resolution, name, sid=None):
    return resolution.canonical("organization", name, sid)


def person(resolution, name, sid=None):
    return resolution.canonical("person", name, sid)


def reasons(resolution):
    return {(d.kind, d.variant): d.reason for d in resolution.decisions}


# --- written forms of one name -----------------------------------------------------------------


def test_headline_capitals_resolve_to_the_mixed_case_form():
    r = resolve(build_index([story("a", orgs=["TENNEX INDUSTRIES"]), story("b", orgs=["Tennex Industries"])]))
    assert org(r, "TENNEX INDUSTRIES") == "Tennex Industries"
    assert reasons(r)[("organization", "TENNEX INDUSTRIES")] == "capitals"
    assert r.redirects("organization") == {"TENNEX INDUSTRIES": "Tennex Industries"}


def test_angle_brackets_and_legal_suffix_give_the_common_name():
    r = resolve(
        build_index(
            [
                story("a", orgs=["Tennex Industries Inc>"]),
                story("b", orgs=["<Tennex Industries Inc>"]),
                story("c", orgs=["Tennex Industries"]),
            ]
        )
    )
    assert org(r, "Tennex Industries Inc>") == org(r, "<Tennex Industries Inc>") == "Tennex Industries"
    assert reasons(r)[("organization", "Tennex Industries Inc>")] == "brackets"


def test_a_name_written_only_with_its_suffix_is_shown_without_it():
    r = resolve(build_index([story("a", orgs=["Marlow Shipping Plc"]), story("b", orgs=["Marlow Shipping Plc"])]))
    assert org(r, "Marlow Shipping Plc") == "Marlow Shipping"
    assert ("organization", "Marlow Shipping") in r.entities


def test_spelled_out_suffix_is_part_of_the_name_unless_the_archive_writes_it_without():
    alone = resolve(build_index([story("a", orgs=["Vestland Broadcasting Corporation"])]))
    assert org(alone, "Vestland Broadcasting Corporation") == "Vestland Broadcasting Corporation"
    both = resolve(build_index([story("a", orgs=["Boreal Mining Company"]), story("b", orgs=["Boreal Mining"])]))
    assert org(both, "Boreal Mining Company") == "Boreal Mining"


def test_possessive_joins_the_plain_name():
    r = resolve(build_index([story("a", orgs=["Kestrel Bank's"]), story("b", orgs=["Kestrel Bank"])]))
    assert org(r, "Kestrel Bank's") == "Kestrel Bank"
    assert reasons(r)[("organization", "Kestrel Bank's")] == "possessive"


def test_a_possessive_name_alone_keeps_its_possessive():
    r = resolve(build_index([story("a", orgs=["Haldane's"])]))
    assert org(r, "Haldane's") == "Haldane's"


def test_an_acronym_in_capitals_stays_in_capitals_when_written_so_most():
    r = resolve(build_index([story(str(i), orgs=["ZMX"]) for i in range(4)] + [story("t", orgs=["Zmx"])]))
    assert org(r, "Zmx") == "ZMX"


def test_unicode_capitals_fold_like_ascii():
    r = resolve(
        build_index(
            [
                story("a", orgs=["ŁÓDŹ TEXTILE WORKS"]),
                story("b", orgs=["Łódź Textile Works"]),
                story("c", orgs=["İSTANBUL FERRY LINES"]),
                story("d", orgs=["İstanbul Ferry Lines"]),
            ]
        )
    )
    assert org(r, "ŁÓDŹ TEXTILE WORKS") == "Łódź Textile Works"
    assert org(r, "İSTANBUL FERRY LINES") == "İstanbul Ferry Lines"


# --- acronyms ------------------------------------------------------------------------------------


def test_a_definition_anywhere_joins_acronym_and_name():
    r = resolve(
        build_index(
            [
                story("a", orgs=["Northern Grain Council (NGC)"]),
                story("b", orgs=["NGC"]),
                story("c", orgs=["Northern Grain Council"]),
            ]
        )
    )
    assert {org(r, n) for n in ("Northern Grain Council (NGC)", "NGC", "Northern Grain Council")} == {
        "Northern Grain Council"
    }
    entity = r.entities[("organization", "Northern Grain Council")]
    assert entity.acronym == "NGC"
    assert set(entity.variants) == {"NGC", "Northern Grain Council (NGC)"}
    assert entity.also_written_as() == ("NGC",)


def test_also_written_as_leaves_out_capitals_brackets_and_suffixes():
    stories = [
        story("a", orgs=["Tennex Industries"]),
        story("b", orgs=["TENNEX INDUSTRIES"]),
        story("c", orgs=["<Tennex Industries Inc>"]),
        story("full", people=["Ingrid Halvorsen"]),
        story("bare", day=2, people=["Halvorsen"]),
    ]
    r = resolve(build_index(stories))
    assert r.entities[("organization", "Tennex Industries")].also_written_as() == ()
    assert r.entities[("person", "Ingrid Halvorsen")].also_written_as() == ("Halvorsen",)


def test_dotted_acronym_is_the_same_acronym():
    r = resolve(build_index([story("a", orgs=["Union of Nations (U.N.)"]), story("b", orgs=["UN", "U.N."])]))
    assert org(r, "UN") == org(r, "U.N.") == "Union of Nations"


def test_an_acronym_defined_for_two_names_stays_apart():
    stories = [story(f"p{i}", orgs=["Atlantic Ports Authority (APA)"]) for i in range(3)]
    stories += [story(f"q{i}", orgs=["Alpine Pilots Association (APA)"]) for i in range(3)]
    stories += [story("x", orgs=["APA"])]
    r = resolve(build_index(stories))
    assert org(r, "APA") == "APA"
    assert org(r, "Atlantic Ports Authority (APA)") == "Atlantic Ports Authority"
    assert org(r, "Alpine Pilots Association (APA)") == "Alpine Pilots Association"


def test_an_acronym_means_what_related_stories_nearby_define_it_as():
    stories = [
        story("asia", countries=["PH"], topics=["medtop:04000000"], orgs=["Atlantic Ports Authority (APA)"]),
        story("alps", countries=["CH"], topics=["medtop:15000000"], orgs=["Alpine Pilots Association (APA)"]),
        story("x", day=10, countries=["PH"], topics=["medtop:04000000"], orgs=["APA"]),
        story("y", day=12, countries=["CH"], topics=["medtop:15000000"], orgs=["APA"]),
    ]
    r = resolve(build_index(stories))
    assert org(r, "APA", "x") == "Atlantic Ports Authority"
    assert org(r, "APA", "y") == "Alpine Pilots Association"
    assert "APA" not in r.redirects("organization")


def test_an_acronym_used_apart_from_its_definitions_stays_apart():
    stories = [
        story("def", countries=["GB"], topics=["medtop:03000000"], orgs=["Disaster Relief Council (DRC)"]),
        *(story(f"u{i}", day=i, countries=["US"], topics=["medtop:04000000"], orgs=["DRC"]) for i in range(5)),
    ]
    r = resolve(build_index(stories))
    assert org(r, "DRC") == "DRC"
    far = [story("def", orgs=["Disaster Relief Council (DRC)"]), story("late", day=2000, orgs=["DRC"])]
    assert org(resolve(build_index(far)), "DRC") == "DRC"


def test_a_stray_misdefinition_does_not_make_an_acronym_ambiguous():
    stories = [story(f"p{i}", orgs=["Coastal Freight Board (CFB)"]) for i in range(6)]
    stories += [story("typo", orgs=["Costal Freight Board (CFB)"]), story("x", orgs=["CFB"])]
    r = resolve(build_index(stories))
    assert org(r, "CFB") == "Coastal Freight Board"


# --- bare surnames -------------------------------------------------------------------------------


def test_bare_surname_joins_the_one_full_name_nearby():
    r = resolve(
        build_index(
            [
                story("full", day=0, people=["Ingrid Halvorsen"]),
                story("bare", day=20, people=["Halvorsen"]),
            ]
        )
    )
    assert person(r, "Halvorsen") == "Ingrid Halvorsen"
    assert reasons(r)[("person", "Halvorsen")] == "surname"
    assert r.redirects("person") == {"Halvorsen": "Ingrid Halvorsen"}


def test_two_full_names_nearby_leave_the_surname_apart():
    r = resolve(
        build_index(
            [
                story("f1", day=0, people=["Ingrid Halvorsen"]),
                story("f2", day=5, people=["Per Halvorsen"]),
                story("bare", day=10, people=["Halvorsen"]),
            ]
        )
    )
    assert person(r, "Halvorsen") == "Halvorsen"
    assert r.redirects("person") == {}


def test_full_name_far_in_time_or_unrelated_does_not_count():
    far = resolve(
        build_index([story("full", day=0, people=["Ingrid Halvorsen"]), story("bare", day=400, people=["Halvorsen"])])
    )
    assert person(far, "Halvorsen") == "Halvorsen"
    unrelated = resolve(
        build_index(
            [
                story("full", day=0, countries=["CL"], topics=["medtop:15000000"], people=["Ingrid Halvorsen"]),
                story("bare", day=3, countries=["NO"], topics=["medtop:04000000"], people=["Halvorsen"]),
            ]
        )
    )
    assert person(unrelated, "Halvorsen") == "Halvorsen"


def test_a_shared_topic_is_enough_without_a_shared_country():
    r = resolve(
        build_index(
            [
                story("full", day=0, countries=["CL"], topics=["medtop:15000000"], people=["Ingrid Halvorsen"]),
                story("bare", day=3, countries=["NO"], topics=["medtop:15000000"], people=["Halvorsen"]),
            ]
        )
    )
    assert person(r, "Halvorsen") == "Ingrid Halvorsen"


def test_surname_joined_in_some_stories_only_keeps_its_page_for_the_rest():
    r = resolve(
        build_index(
            [
                story("full", day=0, people=["Ingrid Halvorsen"]),
                story("near", day=10, people=["Halvorsen"]),
                story("far", day=900, people=["Halvorsen"]),
            ]
        )
    )
    near = story("near", day=10, people=["Halvorsen"])
    far = story("far", day=900, people=["Halvorsen"])
    assert r.story_names("person", near) == ("Ingrid Halvorsen",)
    assert r.story_names("person", far) == ("Halvorsen",)
    assert "Halvorsen" not in r.redirects("person")
    assert ("person", "Halvorsen") in r.entities
    assert reasons(r)[("person", "Halvorsen")] == "partly surname"


def test_a_one_off_full_name_neither_absorbs_nor_blocks_a_frequent_surname():
    # "Quickly Halvorsen": an extraction slip written in one story only
    stories = [story(f"f{i}", day=i, people=["Ingrid Halvorsen"]) for i in range(3)]
    stories += [story("slip", day=4, people=["Quickly Halvorsen"])]
    stories += [story(f"b{i}", day=5 + i, people=["Halvorsen"]) for i in range(4)]
    assert person(resolve(build_index(stories)), "Halvorsen") == "Ingrid Halvorsen"
    alone = [story("slip", people=["Passing Brekke"])] + [story(f"b{i}", day=i, people=["Brekke"]) for i in range(4)]
    assert person(resolve(build_index(alone)), "Brekke") == "Brekke"


def test_particle_surname_joins_its_full_name():
    r = resolve(build_index([story("full", people=["Pieter van Oord"]), story("bare", day=1, people=["van Oord"])]))
    assert person(r, "van Oord") == "Pieter van Oord"


def test_full_name_in_capitals_still_counts_once():
    r = resolve(
        build_index(
            [
                story("f1", people=["INGRID HALVORSEN"]),
                story("f2", day=2, people=["Ingrid Halvorsen"]),
                story("bare", day=4, people=["Halvorsen"]),
            ]
        )
    )
    assert person(r, "INGRID HALVORSEN") == "Ingrid Halvorsen"
    assert person(r, "Halvorsen") == "Ingrid Halvorsen"


# --- non-entities and the editors' file ----------------------------------------------------------


def test_non_entities_are_refused():
    r = resolve(build_index([story("a", orgs=["Shr", "GMT", "Kestrel Bank"], people=["Dlrs", "Ingrid Halvorsen"])]))
    assert org(r, "Shr") is None and org(r, "GMT") is None
    assert person(r, "Dlrs") is None
    assert org(r, "Kestrel Bank") == "Kestrel Bank"
    assert reasons(r)[("organization", "GMT")] == "refused: time zone"
    assert r.story_names("organization", story("a", orgs=["Shr", "GMT", "Kestrel Bank"])) == ("Kestrel Bank",)


def test_editor_alias_wins_over_context():
    stories = [story("full", people=["Ingrid Halvorsen"]), story("bare", day=1, people=["Halvorsen"])]
    r = resolve(build_index(stories), Overrides(aliases={"person": {"Halvorsen": "Per Halvorsen"}}))
    assert person(r, "Halvorsen") == "Per Halvorsen"
    assert ("person", "Per Halvorsen") in r.entities
    assert reasons(r)[("person", "Halvorsen")] == "editor"


def test_editor_alias_target_names_the_whole_group():
    stories = [story("a", orgs=["TENNEX INDUSTRIES"]), story("b", orgs=["Tennex Industries"])]
    r = resolve(build_index(stories), Overrides(aliases={"organization": {"Tennex Industries": "Tennex"}}))
    assert org(r, "TENNEX INDUSTRIES") == org(r, "Tennex Industries") == "Tennex"


@pytest.mark.parametrize(
    ("kind", "stories", "name", "merged_into"),
    [
        ("person", [story("f", people=["Ingrid Halvorsen"]), story("b", day=1, people=["Halvorsen"])], "Halvorsen",
         "Ingrid Halvorsen"),
        ("organization", [story("a", orgs=["Northern Grain Council (NGC)"]), story("b", orgs=["NGC"])], "NGC",
         "Northern Grain Council"),
        ("organization", [story("a", orgs=["TENNEX"]), story("b", orgs=["Tennex"])], "TENNEX", "Tennex"),
    ],
)  # fmt: skip
def test_one_distinct_line_undoes_any_merge(kind, stories, name, merged_into):
    index = build_index(stories)
    assert resolve(index).canonical(kind, name) == merged_into
    undone = resolve(index, Overrides(distinct={kind: frozenset({name})}))
    assert undone.canonical(kind, name) == name
    assert name not in undone.redirects(kind)


def test_editor_can_refuse_a_name_and_rescue_a_refused_one():
    index = build_index([story("a", orgs=["Kestrel Bank", "Net"])])
    r = resolve(
        index,
        Overrides(refused={"organization": frozenset({"Kestrel Bank"})}, kept={"organization": frozenset({"Net"})}),
    )
    assert org(r, "Kestrel Bank") is None
    assert reasons(r)[("organization", "Kestrel Bank")] == "refused: editor"
    assert org(r, "Net") == "Net"
    assert org(resolve(index), "Net") is None


# --- the index: incremental, order-free, frozen ---------------------------------------------------


def _archive():
    return [
        story("s1", day=0, people=["Ingrid Halvorsen"], orgs=["Northern Grain Council (NGC)", "Tennex Industries"]),
        story("s2", day=3, people=["Halvorsen"], orgs=["NGC", "TENNEX INDUSTRIES"]),
        story("s3", day=5, people=["Per Halvorsen"], orgs=["<Tennex Industries Inc>"]),
        story("s4", day=8, people=["Halvorsen", "Ola Brekke"], orgs=["Shr"]),
        story("s5", day=500, people=["Brekke"], orgs=["Kestrel Bank's", "Kestrel Bank"]),
    ]


def _same(a, b):
    assert dict(a.names) == dict(b.names)
    assert dict(a.by_story) == dict(b.by_story)
    assert dict(a.entities) == dict(b.entities)
    assert a.decisions == b.decisions


def test_adding_and_removing_stories_equals_building_from_scratch():
    stories = _archive()
    index = build_index(stories[:3])
    index.add(story("gone", day=4, people=["Halvorsen"], orgs=["Gone Corp"]))
    index.update(stories[3:])
    index.remove("gone")
    index.add(stories[1])  # a re-read post replaces its earlier self
    _same(resolve(index), resolve(build_index(stories)))
    assert "Gone Corp" not in index.counts["organization"]
    assert "Gone Corp" not in index.facts["organization"]


def test_the_order_of_stories_does_not_matter():
    stories = _archive()
    shuffled = stories[:]
    random.Random(4).shuffle(shuffled)
    _same(resolve(build_index(shuffled)), resolve(build_index(stories)))


def test_a_new_story_that_teaches_an_alias_changes_only_those_names():
    stories = [story("a", orgs=["NGC", "Tennex Industries"]), story("b", orgs=["Northern Grain Council"])]
    index = build_index(stories)
    before = resolve(index)
    index.add(story("c", orgs=["Northern Grain Council (NGC)"]))
    after = resolve(index)
    changed = {k for k in after.names if before.names.get(k, k[1]) != after.names[k]}
    assert changed == {("organization", "NGC"), ("organization", "Northern Grain Council (NGC)")}


def test_the_resolution_is_frozen():
    r = resolve(build_index(_archive()))
    with pytest.raises(TypeError):
        r.names[("person", "x")] = "y"  # type: ignore[index]
    with pytest.raises(AttributeError):
        r.decisions = ()  # type: ignore[misc]


def test_an_unknown_name_resolves_to_itself():
    r = resolve(EntityIndex())
    assert person(r, "Nobody Known") == "Nobody Known"
    assert r.entities == {}


def test_a_merged_acronym_takes_its_other_forms_along():
    """``Opec`` is one name with ``OPEC``; when the bare acronym joins the long name, so does it
    (else its page would be a term and the redirect of ``OPEC`` at once)."""
    stories = [story(f"d{i}", day=i, orgs=["Oil Exporters Pact (OPEC)"]) for i in range(3)]
    stories += [story("bare", day=5, orgs=["OPEC"]), story("mixed", day=6, orgs=["Opec"])]
    r = resolve(build_index(stories))
    assert org(r, "OPEC") == org(r, "Opec") == "Oil Exporters Pact"
    assert r.redirects("organization").keys() >= {"OPEC", "Opec"}
    assert ("organization", "OPEC") not in r.entities


# --- names the extractor refused, brought back by the editors -----------------------------------


def test_a_keep_line_brings_back_a_name_where_the_extractor_refused_it():
    refused = (("organization", "GMT", "time zone"),)
    earnings = StoryNames("e", DAY, ("US",), ("medtop:04000000",), (), ("Tennex Industries",), refused)
    index = build_index([earnings, story("other", orgs=["Kestrel Bank"])])
    assert resolve(index).story_names("organization", earnings) == ("Tennex Industries",)
    kept = resolve(index, Overrides(kept={"organization": frozenset({"GMT"})}))
    assert kept.story_names("organization", earnings) == ("Tennex Industries", "GMT")
    assert ("organization", "GMT") in kept.entities and index.counts["organization"]["GMT"] == 1
    again = resolve(index)  # the line taken out again: the name is gone again
    assert again.story_names("organization", earnings) == ("Tennex Industries",)
    assert "GMT" not in index.counts["organization"]
    _same(again, resolve(build_index([earnings, story("other", orgs=["Kestrel Bank"])])))


# --- kept between builds -------------------------------------------------------------------------


def test_a_kept_index_loaded_and_brought_up_to_date_resolves_like_a_new_one(tmp_path):
    from wire_core.entities.kept_index import KeptIndex, sync

    filler = [story(f"f{i}", day=100 + i, people=[f"Person {i}"], orgs=[f"Firm {i}"]) for i in range(40)]
    stories = _archive()[:3] + filler
    kept = KeptIndex(tmp_path / "entities.pickle")
    index = kept.load()
    assert sync(index, stories[:4]) == 4
    resolve(index)
    kept.save(index)
    for step in range(3):  # builds: load, bring up to date, resolve, save
        kept = KeptIndex(tmp_path / "entities.pickle")
        index = kept.load()
        now = [*stories[: 30 + step], story("late", day=9 + step, people=["Halvorsen"], orgs=["NGC"])]
        assert sync(index, now) == (27 if step == 0 else 2)  # the filler arrives, then one story and a change
        found = resolve(index)
        kept.save(index)
        _same(found, resolve(build_index(now)))
    assert (tmp_path / "entities.pickle.journal").exists()  # later builds wrote only what changed
    reloaded = KeptIndex(tmp_path / "entities.pickle").load()
    assert reloaded.stories == index.stories and reloaded.joins == index.joins
    assert sync(reloaded, now) == 0


# --- definitions spelled otherwise, stories without a country -----------------------------------


@pytest.mark.parametrize(
    "spellings",
    [
        ("General Agreement on Tariffs and Trade (GATT)", "General Agreement on Trade and Tariffs (GATT)"),
        ("Food and Agriculture Organisation (FAO)", "Food & Agricultural Organization (FAO)"),
        ("Tennex Business Machines (TBM)", "Tennex Business Machine (TBM)"),
    ],
)
def test_one_acronym_defined_in_two_spellings_is_one_name(spellings):
    first, second = spellings
    stories = [story(f"a{i}", day=i, orgs=[first]) for i in range(2)] + [story("b", day=3, orgs=[second])]
    stories += [story("bare", day=5, orgs=[first.rsplit("(", 1)[1].rstrip(")")])]
    r = resolve(build_index(stories))
    expected = first.rsplit(" (", 1)[0]
    assert org(r, second) == expected and org(r, stories[-1].organizations[0]) == expected
    assert reasons(r)[("organization", second)] == "spelling"


def test_two_names_for_one_acronym_stay_two():
    stories = [story(f"a{i}", day=i, orgs=["European Community (EC)"]) for i in range(3)]
    stories += [story(f"b{i}", day=i, orgs=["European Commission (EC)"]) for i in range(3)]
    r = resolve(build_index(stories))
    assert org(r, "European Community (EC)") == "European Community"
    assert org(r, "European Commission (EC)") == "European Commission"


def test_a_story_without_a_country_relates_by_any_topic_for_an_acronym():
    define = StoryNames("def", DAY, (), ("medtop:11000000", "medtop:09000000"), (), ("Trades Union Council (TUC)",))
    use = StoryNames("use", DAY + 3, ("GB",), ("medtop:11000000", "medtop:20000775"), (), ("TUC",))
    assert org(resolve(build_index([define, use])), "TUC") == "Trades Union Council"
    placed = define._replace(countries=("NZ",))  # both say where: a country or a specific topic must match
    assert org(resolve(build_index([placed, use])), "TUC") == "TUC"


def test_of_two_full_names_the_one_sharing_country_and_topic_takes_the_surname():
    politics, sport, arts = "medtop:11000000", "medtop:15000000", "medtop:01000000"
    stories = [story(f"g{i}", day=i, countries=["GB"], topics=[politics], people=["Edwina Marlowe"]) for i in range(3)]
    stories += [story(f"w{i}", day=i, countries=["GB"], topics=[sport], people=["Tom Marlowe"]) for i in range(2)]
    stories += [
        story("vote", day=4, countries=["GB"], topics=[politics], people=["Marlowe"]),
        story("match", day=4, countries=["GB"], topics=[sport], people=["Marlowe"]),
        story("gig", day=4, countries=["GB"], topics=[arts], people=["Marlowe"]),
    ]
    r = resolve(build_index(stories))
    assert person(r, "Marlowe", "vote") == "Edwina Marlowe"
    assert person(r, "Marlowe", "match") == "Tom Marlowe"
    assert person(r, "Marlowe", "gig") == "Marlowe"  # both share only the country: still two
