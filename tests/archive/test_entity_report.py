"""`make entities` (wire_archive.entity_report): every decision with the line that undoes it."""

from __future__ import annotations

import pytest
from wire_archive.entity_report import main, report_lines
from wire_core.entities.resolve import Overrides, StoryNames, build_index, resolve
from wire_core.front_matter import read_post

from tests.support.sitebuild import make_site

DAY = 738_000


def story(sid, day=0, countries=("NO",), people=(), orgs=(), refused=()):
    return StoryNames(sid, DAY + day, countries, ("medtop:04000000",), tuple(people), tuple(orgs), refused)


def test_each_decision_is_listed_with_its_undo_line():
    index = build_index(
        [
            story("a", people=["Ingrid Halvorsen"], orgs=["Northern Grain Council (NGC)", "TENNEX INDUSTRIES"]),
            story("b", day=2, people=["Halvorsen"], orgs=["NGC", "Tennex Industries"]),
            story("c", day=3, people=["Per Brekke", "Ola Brekke"], orgs=["Kestrel Bank"]),
            story("d", day=4, people=["Brekke"], refused=(("organization", "GMT", "time zone"),)),
        ]
    )
    text = "\n".join(
        report_lines(index, resolve(index, Overrides(refused={"organization": frozenset({"Kestrel Bank"})})))
    )
    assert "4 stories write" in text
    assert "Halvorsen (1 story) → Ingrid Halvorsen  [surname]" in text
    assert "undo: people: distinct: [Halvorsen]" in text
    assert "TENNEX INDUSTRIES (1 story) → Tennex Industries  [capitals]" in text
    assert "NGC (1 story) → Northern Grain Council  [acronym]" in text
    assert "GMT (1 story): time zone" in text and "undo: organizations: keep: [GMT]" in text
    assert "refused by the editors: 1" in text and "take it out of organizations: not_organizations" in text
    assert "Brekke (1 story): Ola Brekke (1 story), Per Brekke (1 story)" in text
    assert "merged: shown under another name (undo one with a distinct line): 4" in text


@pytest.mark.site
def test_the_command_reads_a_built_sites_posts(tmp_path, capsys):
    from tests.support.sitebuild import build_site

    root = make_site(tmp_path / "site")
    assert build_site(root).returncode == 0
    assert main(["--config", str(root / "pelicanconf.py"), "--all"]) == 0
    out = capsys.readouterr().out
    posts = [read_post(p.read_text(encoding="utf-8"))[0] for p in (root / "content" / "posts").glob("*.md")]
    withdrawn = [p for p in posts if p.status == "withdrawn"]
    assert withdrawn  # a seed item the agency cancelled: its names are no one's
    assert out.startswith(f"entities: {len(posts) - len(withdrawn)} stories write")
    assert "Central Bank of Kenya (CBK)" in out and "undo: organizations: distinct: [" in out
