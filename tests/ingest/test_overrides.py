"""Editors' corrections in content/entities.yaml: places and topics applied on the next ingest;
the people and organisation sections are the site's (applied at build time), never the
extraction's."""

from __future__ import annotations

from pathlib import Path

import pytest
from wire_core.post_file import split_post
from wire_ingest.extract import load_extractor
from wire_ingest.ingest import run_ingest
from wire_ingest.overrides import OverridesError, load_overrides

from tests.support.sitebuild import ingest_settings_for, wire_site

ENTITIES = """
people:
  aliases:
    Khawaja Asif: Khawaja Muhammad Asif
  not_people: [Grace Njeri Mutua]
organizations:
  aliases:
    Tehrik-i-Taliban Pakistan (TTP): Pakistani Taliban (TTP)
places:
  pin:
    Kabul: PK
topics:
  rename:
    "medtop:16000000": war and peace
"""


@pytest.fixture
def site(tmp_path):
    return wire_site(tmp_path)


settings_for = ingest_settings_for


def fronts(root: Path) -> dict[str, dict]:
    return {p.name: split_post(p.read_text(encoding="utf-8"))[0] for p in (root / "content" / "posts").glob("*.md")}


def test_corrections_apply_on_the_next_ingest_and_keep_hand_edits(site):
    run_ingest(settings_for(site))
    posts = site / "content" / "posts"
    kenya = next(posts.glob("kenya*.md"))
    edited = kenya.read_text(encoding="utf-8").replace("keywords:", "keywords:\n- edited-by-desk", 1)
    kenya.write_text(edited, encoding="utf-8")
    (site / "content" / "entities.yaml").write_text(ENTITIES, encoding="utf-8")
    report = run_ingest(settings_for(site))
    assert report.count()["updated"] == 1 and report.count()["kept"] == 1
    afghan = next(f for f in fronts(site).values() if f["title"].startswith("Afghan Defiance"))
    assert {"name": "Kabul", "country": "PK"} in afghan["places"]
    assert afghan["topics"][0] == {"code": "medtop:16000000", "label": "war and peace"}
    assert kenya.read_text(encoding="utf-8") == edited  # the hand edit survives


def test_people_and_organisation_sections_re_extract_nothing(site):
    """Aliases, refusals, distinct and keep lines are applied when the site is built: the posts
    keep what the extractor found, and the extraction's fingerprint does not move."""
    run_ingest(settings_for(site))
    before = {p.name: p.read_bytes() for p in (site / "content" / "posts").glob("*.md")}
    people_only = ENTITIES.split("places:")[0]
    (site / "content" / "entities.yaml").write_text(people_only, encoding="utf-8")
    report = run_ingest(settings_for(site))
    assert report.count()["unchanged"] == len(before) and report.count()["updated"] == 0
    assert {p.name: p.read_bytes() for p in (site / "content" / "posts").glob("*.md")} == before
    kenya = next(f for f in fronts(site).values() if f["title"].startswith("Kenya"))
    assert "Grace Njeri Mutua" in kenya["people"]  # refused on the site, not in the post


def test_broken_corrections_file_changes_nothing_and_says_why(site):
    run_ingest(settings_for(site))
    before = {p.name: p.read_bytes() for p in (site / "content" / "posts").glob("*.md")}
    (site / "content" / "entities.yaml").write_text("people: [unclosed\n", encoding="utf-8")
    report = run_ingest(settings_for(site))
    assert [o.status for o in report.outcomes] == ["skipped"]
    assert "entities.yaml" in report.outcomes[0].source and "YAML" in report.outcomes[0].reason
    assert {p.name: p.read_bytes() for p in (site / "content" / "posts").glob("*.md")} == before


def test_overrides_file_is_validated(tmp_path):
    bad = tmp_path / "entities.yaml"
    bad.write_text("places:\n  pin: [a, b]\n", encoding="utf-8")
    with pytest.raises(OverridesError, match="places.pin"):
        load_overrides(bad)
    bad.write_text("!!python/object/apply:os.system ['true']\n", encoding="utf-8")
    with pytest.raises(OverridesError):
        load_overrides(bad)


def test_only_places_and_topics_are_in_the_fingerprint(tmp_path):
    plain = load_extractor().fingerprint
    path = tmp_path / "entities.yaml"
    path.write_text(ENTITIES.split("places:")[0], encoding="utf-8")
    assert load_extractor(load_overrides(path)).fingerprint == plain
    path.write_text(ENTITIES, encoding="utf-8")
    assert load_extractor(load_overrides(path)).fingerprint != plain
