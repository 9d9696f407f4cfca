"""The editors' people and organisation sections of content/entities.yaml (wire_core.entities.editors)."""

from __future__ import annotations

import pytest
from wire_core.entities.editors import EntitiesFileError, read_resolution


def test_sections_are_read_by_kind(tmp_path):
    path = tmp_path / "entities.yaml"
    path.write_text(
        "people:\n  aliases: {Halvorsen: Ingrid  Halvorsen}\n  distinct: [Reagan]\n  not_people: [Grace Road]\n"
        "  keep: [Oscar]\norganizations:\n  aliases: {UN: United Nations}\n  not_organizations: [Reuters]\n"
        "  keep: [Net]\nplaces:\n  pin: {Lebanon: US}\n",
        encoding="utf-8",
    )
    overrides, warnings = read_resolution(path)
    assert warnings == []
    assert overrides.aliases == {"person": {"Halvorsen": "Ingrid Halvorsen"}, "organization": {"UN": "United Nations"}}
    assert overrides.distinct["person"] == {"Reagan"} and overrides.distinct["organization"] == frozenset()
    assert overrides.refused == {"person": {"Grace Road"}, "organization": {"Reuters"}}
    assert overrides.kept == {"person": {"Oscar"}, "organization": {"Net"}}


def test_alias_chains_end_at_their_last_name_and_cycles_are_left_out(tmp_path):
    path = tmp_path / "entities.yaml"
    path.write_text("organizations:\n  aliases: {A: B, B: C, X: Y, Y: X}\n", encoding="utf-8")
    overrides, warnings = read_resolution(path)
    assert overrides.aliases["organization"] == {"A": "C", "B": "C"}
    assert len(warnings) == 2 and all("leads back to itself" in w and str(path) in w for w in warnings)


def test_no_file_is_no_correction(tmp_path):
    overrides, warnings = read_resolution(tmp_path / "missing.yaml")
    assert overrides.aliases == {"person": {}, "organization": {}} and warnings == []


@pytest.mark.parametrize(
    "text, where",
    [
        ("people: [a]\n", "'people' must be a mapping"),
        ("people:\n  aliases: [a, b]\n", "people.aliases"),
        ("organizations:\n  keep: Net\n", "organizations.keep"),
        ("people: [unclosed\n", "not valid YAML"),
        ("- a list\n", "mapping at the top level"),
    ],
)
def test_a_broken_file_says_where(tmp_path, text, where):
    path = tmp_path / "entities.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(EntitiesFileError, match=where) as found:
        read_resolution(path)
    assert str(path) in str(found.value)
