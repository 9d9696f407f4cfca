"""tools/entity_audit.py on a small hand-made built site: the counts the entity targets are
measured by."""

from __future__ import annotations

import json
from pathlib import Path

from tools import entity_audit


def _index(kind: str, rows: list[tuple[str, str, int]]) -> str:
    items = "".join(
        f'<li><a href="../{kind}/{slug}/">{name}</a> <span class="count" title="{n} stories">{n}</span></li>\n'
        for name, slug, n in rows
    )
    return f'<html><body><ul class="term-list">{items}</ul></body></html>'


def _site(tmp_path: Path) -> Path:
    out = tmp_path / "output"
    (out / "people" / "index" / "r").mkdir(parents=True)
    (out / "organizations" / "index" / "t").mkdir(parents=True)
    people = [("Reagan", "reagan", 9), ("Ronald Reagan", "ronald-reagan", 5), ("Oscar", "oscar", 4)]
    (out / "people" / "index.html").write_text(_index("people", people[:2]))
    (out / "people" / "index" / "r" / "index.html").write_text(_index("people", people))
    orgs = [
        ("GMT", "gmt", 8),
        ("Tennex Industries", "tennex-industries", 6),
        ("TENNEX INDUSTRIES", "tennex-industries-1", 2),
        ("Tennex Industries Inc&gt;", "tennex-industries-inc", 1),
        ("Kestrel Bank (KB)", "kestrel-bank-kb", 3),
        ("Kestrel Bank", "kestrel-bank", 2),
        ("KB", "kb", 2),
        ("Northern Grain Council", "northern-grain-council", 2),
        ("NGC", "ngc", 2),
        ("Poor's", "poors", 1),
        ("Finance Ministry (Japan)", "finance-ministry-japan", 1),
        ("Finance Ministry (South Africa)", "finance-ministry-south-africa", 1),
    ]
    (out / "organizations" / "index.html").write_text(_index("organizations", orgs))
    article = out / "2026" / "03" / "grain" / "index.html"
    article.parent.mkdir(parents=True)
    article.write_text(
        '<script type="application/ld+json">{"@type": "NewsArticle"}</script><h1>Grain talks</h1>'
        '<div class="story-body"><p>The Northern Grain Council (NGC) met on Monday.</p></div>'
    )
    return out


def test_counts_of_a_small_site(tmp_path):
    report = entity_audit.audit(_site(tmp_path))
    assert report.people == 3 and report.organizations == 12 and report.articles == 1
    assert [name for name, _ in report.top_people_bare_surnames] == ["Reagan"]
    assert report.bare_surnames_all == 1
    flags = {name: f for name, _, f in report.top_organizations}
    assert flags["GMT"] == ["time zone"] and flags["Poor's"] == ["half a name"] and flags["Tennex Industries"] == []
    assert report.top_organizations_flagged == 2
    groups = [set(g) for g in report.variant_groups]
    assert {"Tennex Industries", "TENNEX INDUSTRIES", "Tennex Industries Inc>"} not in groups  # a suffix apart
    assert {"Tennex Industries", "TENNEX INDUSTRIES"} in groups
    assert {"Kestrel Bank (KB)", "Kestrel Bank"} in groups
    assert ["KB", "Kestrel Bank (KB)"] in report.split_acronyms
    assert ["NGC", "Northern Grain Council"] in report.split_acronyms  # defined in a story's text
    assert len(report.split_acronyms) == 2
    assert not any("Finance Ministry (Japan)" in g for g in groups)  # a country is no acronym


def test_command_line_writes_json_and_refuses_a_folder_that_is_no_site(tmp_path, capsys):
    out = _site(tmp_path)
    assert entity_audit.main([str(out), "--json", str(tmp_path / "r.json")]) == 0
    assert "split_acronyms=2" in capsys.readouterr().out
    assert json.loads((tmp_path / "r.json").read_text())["organizations"] == 12
    assert entity_audit.main([str(tmp_path / "nothing")]) == 2
