"""``make extract`` over a folder of every format: one object per story (a message's items each
get one, named ``file#key``), the item's metadata used, plain-text objects as before."""

from __future__ import annotations

import json
import shutil

from wire_ingest.extract_jsonl import extract_folder

from tests.support.golden_formats import SPECIMENS

TEXT_KEYS = {
    "source",
    "title",
    "date",
    "dateline",
    "countries",
    "people",
    "organizations",
    "places",
    "topics",
    "keywords",
}


def test_extract_reads_every_format(tmp_path, seed_paths):
    src = tmp_path / "wire"
    (src / "sub").mkdir(parents=True)
    shutil.copy(seed_paths[1], src / "text.txt")
    shutil.copy(SPECIMENS / "nitf" / "port-strike-3.6.xml", src / "sub" / "strike.xml")
    shutil.copy(SPECIMENS / "newsml-g2" / "message-three-items.xml", src / "message.xml")
    shutil.copy(SPECIMENS / "ninjs" / "accra-cocoa-2.1.json", src / "cocoa.json")
    shutil.copy(SPECIMENS / "hostile" / "billion-laughs.xml", src / "bomb.xml")
    (src / "notes.md").write_text("not a wire file")
    out = tmp_path / "out.jsonl"
    files, errors, words = extract_folder(src, out, workers=1)
    rows = {row["source"]: row for row in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    assert files == 5 and words > 300
    quake = "message.xml#urn:newsml:northwire.example:20260520:LIMA-QUAKE"
    photo = "message.xml#urn:newsml:northwire.example:20260520:LIMA-PHOTO"
    assert sorted(rows) == sorted(
        ["bomb.xml", "cocoa.json", quake, "message.xml#urn:newsml:northwire.example:20260520:OSLO-FUND", photo,
         "sub/strike.xml", "text.txt"]
    )  # fmt: skip
    assert errors == 2 and "entity" in rows["bomb.xml"]["error"] and "not a text item" in rows[photo]["error"]
    assert set(rows["text.txt"]) == TEXT_KEYS  # plain text: the same object as before
    strike = rows["sub/strike.xml"]
    assert strike["title"] == "Rotterdam dockers end strike after pay deal"
    assert strike["date"] == "2026-03-04T09:15:00+01:00"
    assert strike["countries"][0] == {"code": "NL", "name": "Netherlands", "salience": 1.0}
    assert [t["code"] for t in strike["topics"]][:2] == ["medtop:09000000", "medtop:04000000"]
    assert strike["people"][0]["name"] == "Ria Verhoeven"
    assert strike["item"] == {
        "format": "nitf", "format_version": "3.6", "guid": "nwd:2026-03-04:rotterdam-dockers", "version": 2,
        "status": "usable", "embargoed": "2026-03-04T10:00:00+01:00", "language": "en-GB", "source": "Northwire",
    }  # fmt: skip
    assert strike["from_item"]["countries"] == ["NL"] and "date" in strike["from_item"]["fields"]
    assert rows[quake]["dateline"] == {"places": ["Lima"], "source": "Northwire", "date": "May 20"}
    assert rows["cocoa.json"]["countries"][:2] == [
        {"code": "GH", "name": "Ghana", "salience": 1.0},
        {"code": "CI", "name": "Côte d'Ivoire", "salience": 1.0},
    ]
