"""Sport results read by their shape: scorers, bowlers, draws, and the teams that met.
Fictional results lines; people found here need no help from the model."""

from __future__ import annotations

from wire_ingest.lineups import find_results

from tests.ingest.test_people import people


def names(text: str) -> tuple[list[str], list[str]]:
    found = find_results(text)
    for m in (*found.players, *found.teams):
        assert text[m.start : m.end] == m.name
    return [p.name for p in found.players], [t.name for t in found.teams]


def test_scorers_in_brackets_after_a_score_one_word_or_several():
    text = "Results:\nVila Nova 2 (Tiquinho 14, Joao Paulo de Sá 70) Ceará 1 (Érick Pulga 55 pen)\n"
    players, teams = names(text)
    assert players == ["Tiquinho", "Joao Paulo de Sá", "Érick Pulga"]
    assert teams == ["Vila Nova", "Ceará"]


def test_a_scorers_block_with_team_dashes_and_second_goals():
    text = "Scorers:\nKaragümrük - Emre Yıldız 23, 67, Onur Şen 90+2\nSivas - Ümit Ak 50\n"
    players, teams = names(text)
    assert players == ["Emre Yıldız", "Onur Şen", "Ümit Ak"]  # the one-scorer line counts inside a block
    assert teams == ["Karagümrük", "Sivas"]


def test_a_cricket_scorecard_and_a_draw_with_country_codes():
    text = (
        "Northland 301-6 (TN Varma 88 not out, Rafe Collins 54; Ishan Mehra 3-44)\n"
        "1-Petra Kovač (CRO) beat Ilse Moor (NED) 6-3 6-4\n"
    )
    players, _ = names(text)
    assert players == ["TN Varma", "Rafe Collins", "Ishan Mehra", "Petra Kovač", "Ilse Moor"]


def test_prose_brackets_and_acronym_definitions_are_not_results():
    text = (
        "The Apollo crew (Apollo 11) landed. Fans of the jet (Boeing 737) waited.\n"
        "The Party for Progress (PFP) and the Office for Budget Analysis (OBA) met on 12.3.\n"
    )
    assert names(text) == ([], [])


def test_results_lists_give_people_the_model_missed():
    text = "Soccer results\n\nResults on Sunday:\nVila Nova 2 (Tiquinho 14, Joao Paulo 70) Ceará 1 (Érick Pulga 55)\n"
    assert set(people(text)) == {"Tiquinho", "Joao Paulo", "Érick Pulga"}
