"""The names scorer of `make eval` (tools/eval.py) counts what it says it counts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tools.eval import NAME_SETS, org_forms, score_names

GOLD = [
    {
        "file": "a.txt",
        "people": ["Mehmet Şimşek", "Robert F. Kennedy Jr.|Robert F. Kennedy Jr", "Pedro"],
        "organizations": ["Republican People's Party|CHP", "Ørsted"],
        "optional": ["Süper Lig"],
        "classes": ["unicode", "suffix"],
    },
    {"file": "b.txt", "people": ["Iga Świątek"], "organizations": [], "classes": ["lineup"]},
]


def test_exact_unicode_names_alternatives_and_optional_entries():
    predictions = [
        {
            "source": "dev/a.txt",
            "people": [{"name": "Mehmet Şimşek"}, {"name": "Robert F. Kennedy Jr"}, {"name": "Mehmet"}],
            "organizations": [{"name": "Republican People's Party (CHP)"}, {"name": "Süper Lig"}, {"name": "Pedro"}],
        },
        {"source": "b.txt", "people": [{"name": "Iga Swiatek"}], "organizations": []},
    ]
    result = score_names(predictions, GOLD)
    # Şimşek and Kennedy found; "Mehmet" and the accent-less Swiatek are wrong; Pedro and Świątek missed
    assert (result.people.tp, result.people.fp, result.people.fn) == (2, 2, 2)
    assert result.people.precision == pytest.approx(0.5)
    assert result.people.recall == pytest.approx(0.5)
    # the CHP matched by its long form, the optional league ignored, "Pedro" is a false organisation
    assert (result.organizations.tp, result.organizations.fp, result.organizations.fn) == (1, 1, 1)
    assert result.by_class["lineup"].recall == 0.0
    assert result.by_class["unicode"].tp == 2
    assert result.missing == 0


def test_a_second_spelling_of_one_person_is_a_false_positive_and_missing_items_count_as_empty():
    predictions = [{"source": "a.txt", "people": [{"name": "Robert F. Kennedy Jr."}, {"name": "Robert F. Kennedy Jr"}]}]
    result = score_names(predictions, GOLD)
    assert (result.people.tp, result.people.fp) == (1, 1)
    assert result.missing == 1
    assert result.people.fn == 3  # Şimşek, Pedro, Świątek


def test_an_organisation_matches_by_acronym_or_long_form_in_any_case():
    assert org_forms("International Atomic Energy Agency (IAEA)") == {
        "international atomic energy agency (iaea)",
        "international atomic energy agency",
        "iaea",
    }


@pytest.mark.parametrize(("name", "folder"), NAME_SETS)
def test_every_gold_item_of_the_names_sets_exists_and_names_its_people(name, folder: Path):
    gold = [json.loads(line) for line in (folder / "gold.jsonl").read_text(encoding="utf-8").splitlines()]
    files = {p.name for p in folder.glob("*.txt")}
    assert {g["file"] for g in gold} == files
    for item in gold:
        text = (folder / item["file"]).read_text(encoding="utf-8")
        for entry in item["people"]:
            assert any(alt in text for alt in entry.split("|")), (item["file"], entry)


def test_the_blind_set_prints_aggregate_figures_only_whatever_the_flags(tmp_path, monkeypatch, capsys):
    """The blind set exists so that nobody tunes on it: no option lists its errors or per-class figures."""
    import tools.eval as eval_tool

    def no_predictions(src: Path, out: Path):
        out.write_text("", encoding="utf-8")  # every gold name missed, so there are errors to withhold
        return "", 0.0

    monkeypatch.setattr(eval_tool, "run_extract", no_predictions)
    argv = ["eval.py", "--eval-dir", str(tmp_path / "none"), "--out", str(tmp_path), "--errors", "--heldout-errors"]
    monkeypatch.setattr("sys.argv", [*argv, "--only", "names_blind", "names_heldout"])
    assert eval_tool.main() == 0
    lines = capsys.readouterr().out.splitlines()
    blind = [line for line in lines if line.startswith("names_blind:")]
    assert len(blind) == 1 and "people_r=0.000" in blind[0]
    # the same flags list the heldout half's errors (one line per missed gold person) and nothing more
    assert any("by class" in line for line in lines if line.startswith("names_heldout:"))
    assert sum("FN person" in line for line in lines) == sum(
        len(g["people"]) for g in eval_tool.read_jsonl(eval_tool.NAMES_DIR / "heldout" / "gold.jsonl")
    )
