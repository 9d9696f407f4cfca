"""The ingest of structured wire items (NITF, NewsML-G2, ninjs): one post per story of a file,
versions of a guid updating one post, withdrawals, embargoes against an injected clock, the
item's metadata over the extractor's, and the report naming ``path#key``."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime
from pathlib import Path

import pytest
from wire_core.front_matter import read_post
from wire_core.post_file import is_edited, split_post
from wire_ingest.ingest import run_ingest

from tests.support.sitebuild import ingest_settings_for, wire_site

BODY = (
    "BERLIN, March 3 (Northwire) - Germany will cut planning times for power lines that bring wind power "
    "from the east to the industrial south, the economy ministry said on Tuesday.\n\n"
    "Economy Minister Katherina Reiche said grid operators would be allowed to start building before the "
    "last objections had been heard.\n\n"
    "Environmental groups said the change would weaken public consultation."
)


def g2_item(
    guid: str = "urn:newsml:northwire.example:20260303:DE-GRID",
    version: int = 1,
    headline: str = "Germany to speed up grid links for eastern wind farms",
    body: str | None = BODY,
    status: str = "usable",
    embargo: str | None = None,
    first: str = "2026-03-03T09:40:00+01:00",
    subjects: str = '<subject qcode="medtop:20000261"/>',
    people: tuple[str, ...] = ("Katherina Reiche",),
) -> str:
    """A NewsML-G2 news item of text (``body`` None: an item with a headline and no text)."""
    embargoed = f"<embargoed>{embargo}</embargoed>" if embargo is not None else ""
    persons = "".join(
        f'<subject type="cpnat:person" qcode="p:{i}"><name>{n}</name></subject>' for i, n in enumerate(people)
    )
    content = (
        f'<contentSet><inlineData contenttype="text/plain">{body}</inlineData></contentSet>' if body is not None else ""
    )
    return f"""<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="{guid}" version="{version}"
    standard="NewsML-G2" standardversion="2.33">
  <itemMeta>
    <itemClass qcode="ninat:text"/>
    <provider qcode="nprov:NWD"><name>Northwire</name></provider>
    <versionCreated>{first}</versionCreated>
    <firstCreated>{first}</firstCreated>
    <pubStatus qcode="stat:{status}"/>
    {embargoed}
  </itemMeta>
  <contentMeta>
    <located qcode="city:Berlin"><name>Berlin</name><broader qcode="iso3166-1a2:DE"/></located>
    <language tag="en-GB"/>
    {subjects}{persons}
    <headline>{headline}</headline>
  </contentMeta>
  {content}
</newsItem>"""


def g2_message(*items: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<newsMessage xmlns="http://iptc.org/std/nar/2006-10-01/">'
        "<header><sent>2026-03-03T09:00:00Z</sent></header><itemSet>" + "".join(items) + "</itemSet></newsMessage>"
    )


PICTURE = """<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:nwd:photo-1" version="1"
    standard="NewsML-G2" standardversion="2.33">
  <itemMeta><itemClass qcode="ninat:picture"/><versionCreated>2026-03-03T09:40:00+01:00</versionCreated></itemMeta>
  <contentMeta><headline>Wind turbines near Cottbus</headline></contentMeta>
</newsItem>"""
OTHER = dict(
    guid="urn:newsml:northwire.example:20260303:PL-COAL",
    headline="Poland to close two more coal mines in Silesia",
    body="KATOWICE, March 3 (Northwire) - Poland will close two more coal mines in Silesia next year, the "
    "state mining group said on Tuesday.\n\nThe miners' unions said they would accept the plan.",
    subjects='<subject qcode="medtop:20000320"/>',
    people=(),
)


@pytest.fixture
def site(tmp_path):
    return wire_site(tmp_path, seeds=())


def wire(site: Path, name: str, text: str) -> Path:
    path = site / "content" / "wire" / name
    path.write_text(text, encoding="utf-8")
    return path


def posts(site: Path) -> dict[str, dict]:
    return {p.name: split_post(p.read_text(encoding="utf-8"))[0] for p in (site / "content" / "posts").glob("*.md")}


def outcome(report, source_end: str):
    found = [o for o in report.outcomes if o.source.endswith(source_end)]
    assert len(found) == 1, report.outcomes
    return found[0]


def ingest(site, extractor, **changes):
    return run_ingest(dataclasses.replace(ingest_settings_for(site), **changes), extractor)


# --- one file, several stories --------------------------------------------------------------


def test_a_message_gives_a_post_per_story_named_by_its_key(site, extractor):
    wire(site, "message.xml", g2_message(g2_item(), PICTURE, g2_item(**OTHER)))
    report = ingest(site, extractor)
    assert report.count()["new"] == 2
    picture = outcome(report, "#urn:nwd:photo-1")
    assert picture.status == "skipped" and "picture" in picture.reason
    assert picture.source == "content/wire/message.xml#urn:nwd:photo-1"
    found = posts(site)
    grid = next(f for f in found.values() if f["title"].startswith("Germany"))
    assert grid["wire"]["path"] == "content/wire/message.xml"
    assert grid["wire"]["item"] == grid["wire"]["guid"] == "urn:newsml:northwire.example:20260303:DE-GRID"
    assert grid["wire"]["version"] == 1 and grid["wire"]["status"] == "usable"
    assert grid["story"] == grid["wire"]["guid"]  # a guid is the story's id
    assert grid["date"] == "2026-03-03T09:40:00+01:00"  # the item's time, with its zone
    assert grid["source"] == "Northwire" and grid["language"] == "en-GB"
    assert grid["countries"][0] == "DE" and grid["people"][0] == "Katherina Reiche"
    assert grid["topics"][:2] == [
        {"code": "medtop:04000000", "label": "economy, business and finance"},
        {"code": "medtop:20000261", "label": "energy industry"},
    ]
    assert "date" in grid["provenance"]["fields"] and grid["provenance"]["people"] == ["Katherina Reiche"]
    assert grid["provenance"]["countries"] == ["DE"]


def test_an_unchanged_message_is_not_read_again(site, extractor, monkeypatch):
    wire(site, "message.xml", g2_message(g2_item(), g2_item(**OTHER)))
    ingest(site, extractor)
    import wire_ingest.planning

    def refuse(*args):
        raise AssertionError("an unchanged file was parsed")

    monkeypatch.setattr(wire_ingest.planning, "read_items", refuse)
    again = ingest(site, extractor)
    assert again.count()["unchanged"] == 2 and len(again.outcomes) == 2


def test_an_item_gone_from_its_message_loses_its_post_unless_edited(site, extractor):
    path = wire(site, "message.xml", g2_message(g2_item(), g2_item(**OTHER)))
    ingest(site, extractor)
    path.write_text(g2_message(g2_item()), encoding="utf-8")
    report = ingest(site, extractor)
    removed = outcome(report, "PL-COAL")
    assert removed.status == "removed" and "no longer in content/wire/message.xml" in removed.reason
    assert outcome(report, "DE-GRID").status == "unchanged"  # the message changed, not this item
    assert [f["title"] for f in posts(site).values()] == ["Germany to speed up grid links for eastern wind farms"]
    # an edited post stays
    path.write_text(g2_message(g2_item(), g2_item(**OTHER)), encoding="utf-8")
    ingest(site, extractor)
    coal = next(p for p in (site / "content" / "posts").glob("poland-*.md"))
    coal.write_text(coal.read_text(encoding="utf-8") + "\nEditor's note.\n", encoding="utf-8")
    path.write_text(g2_message(g2_item()), encoding="utf-8")
    report = ingest(site, extractor)
    assert outcome(report, "PL-COAL").status == "kept" and coal.exists()


def test_the_same_item_in_two_files_is_published_once(site, extractor):
    wire(site, "a.xml", g2_item())
    wire(site, "b.xml", g2_item())
    report = ingest(site, extractor)
    assert outcome(report, "b.xml").status == "duplicate" and "a.xml" in outcome(report, "b.xml").reason
    assert len(posts(site)) == 1


def test_a_file_that_cannot_be_read_is_skipped_with_its_reason(site, extractor):
    wire(site, "broken.xml", g2_item().replace("</contentMeta>", "</contentMet>"))
    wire(site, "hostile.txt", '<?xml version="1.0"?><!DOCTYPE nitf [<!ENTITY a "aaaa">]><nitf>&a;</nitf>')
    wire(site, "fine.xml", g2_item(**OTHER))
    report = ingest(site, extractor)
    broken = outcome(report, "broken.xml")
    assert broken.status == "skipped" and "invalid XML" in broken.reason and "line" in broken.reason
    hostile = outcome(report, "hostile.txt")  # XML named .txt: refused as XML, not published as text
    assert hostile.status == "skipped" and "entit" in hostile.reason
    assert [f["title"] for f in posts(site).values()] == ["Poland to close two more coal mines in Silesia"]


# --- versions -------------------------------------------------------------------------------


def test_a_higher_version_updates_the_same_post_and_lower_ones_are_never_written(site, extractor):
    wire(site, "grid-v1.xml", g2_item())
    ingest(site, extractor)
    (name,) = posts(site)
    first = posts(site)[name]
    v2 = g2_item(version=2, headline="Germany to speed up grid links for wind farms in the east",
                 first="2026-03-03T09:40:00+01:00", body=BODY + "\n\nThe law takes effect in July.")  # fmt: skip
    wire(site, "grid-v2.xml", v2)
    report = ingest(site, extractor)
    assert outcome(report, "grid-v2.xml").status == "updated"
    assert "version 2 (was 1)" in outcome(report, "grid-v2.xml").reason
    superseded = outcome(report, "grid-v1.xml")
    assert superseded.status == "superseded" and "grid-v2.xml has version 2" in superseded.reason
    (same,) = posts(site)
    assert same == name  # one post
    second = posts(site)[name]
    assert second["slug"] == first["slug"] and second["date"] == first["date"]
    assert second["title"].endswith("in the east") and second["wire"]["version"] == 2
    assert second["wire"]["path"] == "content/wire/grid-v2.xml"
    # a lower version sent later, and the same version again with other text, change nothing
    wire(site, "grid-v1-resent.xml", g2_item(headline="An older headline"))
    wire(site, "grid-v2-again.xml", v2.replace("takes effect in July", "takes effect in August"))
    report = ingest(site, extractor)
    assert outcome(report, "grid-v1-resent.xml").status == "superseded"
    again = outcome(report, "grid-v2-again.xml")
    assert again.status == "superseded" and "again" in again.reason
    assert outcome(report, "grid-v2.xml").status == "unchanged"
    assert posts(site)[name]["title"].endswith("in the east")


def test_the_post_follows_the_inbox_when_the_newest_version_is_removed(site, extractor):
    wire(site, "grid-v1.xml", g2_item())
    v2 = wire(site, "grid-v2.xml", g2_item(version=2, headline="Germany speeds up grid links"))
    ingest(site, extractor)
    v2.unlink()
    report = ingest(site, extractor)
    assert outcome(report, "grid-v1.xml").status == "updated"
    (front,) = posts(site).values()
    assert front["wire"]["version"] == 1 and front["title"].startswith("Germany to speed up")


def test_a_new_version_under_an_edited_post_is_a_conflict(site, extractor):
    wire(site, "grid-v1.xml", g2_item())
    ingest(site, extractor)
    post = next((site / "content" / "posts").glob("*.md"))
    edited = post.read_text(encoding="utf-8").replace("- Katherina Reiche", "- Katherina Reiche (minister)")
    post.write_text(edited, encoding="utf-8")
    wire(site, "grid-v2.xml", g2_item(version=2, headline="Germany speeds up grid links"))
    report = ingest(site, extractor)
    conflict = outcome(report, "grid-v2.xml")
    assert conflict.status == "conflict" and "edited by hand" in conflict.reason
    assert post.read_text(encoding="utf-8") == edited
    saved = list((site / ".cache" / "conflicts").iterdir())
    assert saved and "Germany speeds up grid links" in saved[0].read_text(encoding="utf-8")


def test_items_with_a_guid_are_not_matched_as_near_duplicates(site, extractor):
    wire(site, "grid.xml", g2_item())
    wire(site, "grid-other-agency.xml", g2_item(guid="urn:other:grid", body=BODY.replace("Tuesday", "Tuesday morning")))
    ingest(site, extractor)
    stories = sorted(f["story"] for f in posts(site).values())
    assert stories == ["urn:newsml:northwire.example:20260303:DE-GRID", "urn:other:grid"]


# --- withdrawals ----------------------------------------------------------------------------


def test_a_canceled_version_withdraws_the_post_and_keeps_it(site, extractor):
    wire(site, "grid-v1.xml", g2_item())
    ingest(site, extractor)
    wire(site, "grid-v2.xml", g2_item(version=2, status="canceled"))
    report = ingest(site, extractor)
    withdrawn = outcome(report, "grid-v2.xml")
    assert withdrawn.status == "withdrawn" and "canceled" in withdrawn.reason
    (front,) = posts(site).values()
    assert front["status"] == "withdrawn" and front["wire"]["status"] == "canceled"
    assert ingest(site, extractor).count()["unchanged"] == 1  # and stays so


def test_a_kill_notice_without_text_withdraws_the_post_keeping_its_text(site, extractor):
    wire(site, "grid-v1.xml", g2_item())
    ingest(site, extractor)
    post = next((site / "content" / "posts").glob("*.md"))
    before, body_before = read_post(post.read_text(encoding="utf-8"))
    wire(site, "grid-kill.xml", g2_item(version=2, status="canceled", body=None))
    report = ingest(site, extractor)
    assert outcome(report, "grid-kill.xml").status == "withdrawn"
    text = post.read_text(encoding="utf-8")
    after, body_after = read_post(text)
    assert after.status == "withdrawn" and not is_edited(text)
    assert body_after == body_before and after.title == before.title and after.people == before.people
    assert after.wire.path == "content/wire/grid-kill.xml" and after.wire.version == 2
    assert ingest(site, extractor).count()["unchanged"] == 1
    # a usable version 3 brings the story back
    wire(site, "grid-v3.xml", g2_item(version=3, headline="Germany speeds up grid links after all"))
    ingest(site, extractor)
    back, _ = read_post(post.read_text(encoding="utf-8"))
    assert back.status == "published" and back.title == "Germany speeds up grid links after all"


def test_a_kill_notice_for_a_story_never_published_writes_nothing(site, extractor):
    wire(site, "grid-kill.xml", g2_item(version=2, status="canceled", body=None))
    report = ingest(site, extractor)
    assert outcome(report, "grid-kill.xml").status == "withdrawn" and not posts(site)


def test_a_withheld_item_is_written_withdrawn(site, extractor):
    wire(site, "grid.xml", g2_item(status="withheld"))
    report = ingest(site, extractor)
    assert outcome(report, "grid.xml").status == "withdrawn"
    (front,) = posts(site).values()
    assert front["status"] == "withdrawn"


# --- embargoes and the clock ----------------------------------------------------------------


def test_an_embargoed_item_is_held_until_a_build_after_its_time(site, extractor):
    wire(site, "grid.xml", g2_item(embargo="2026-03-03T12:00:00+01:00"))
    before = datetime(2026, 3, 3, 10, 59, tzinfo=UTC)  # 11:59 in Berlin
    report = ingest(site, extractor, now=before)
    held = outcome(report, "grid.xml")
    assert held.status == "held" and "held until 2026-03-03T12:00:00+01:00" in held.reason
    assert not posts(site)
    report = ingest(site, extractor, now=datetime(2026, 3, 3, 11, 0, tzinfo=UTC))
    assert outcome(report, "grid.xml").status == "new"
    (front,) = posts(site).values()
    assert front["date"] == "2026-03-03T09:40:00+01:00"  # its own time, not the embargo's
    # once published, a later run before the embargo (a clock set back) does not take it down
    assert ingest(site, extractor, now=before).count()["unchanged"] == 1


def test_an_open_embargo_holds_the_item_until_a_version_lifts_it(site, extractor):
    wire(site, "grid.xml", g2_item(embargo=""))
    report = ingest(site, extractor, now=datetime(2099, 1, 1, tzinfo=UTC))
    assert outcome(report, "grid.xml").status == "held" and "further notice" in outcome(report, "grid.xml").reason
    wire(site, "grid-v2.xml", g2_item(version=2))
    report = ingest(site, extractor, now=datetime(2099, 1, 1, tzinfo=UTC))
    assert outcome(report, "grid-v2.xml").status == "new" and outcome(report, "grid.xml").status == "held"


def test_stories_without_an_embargo_never_read_the_clock(site, extractor, monkeypatch):
    import wire_ingest.planning

    class NoClock(datetime):
        @classmethod
        def now(cls, tz=None):
            raise AssertionError("the clock was read")

    monkeypatch.setattr(wire_ingest.planning, "datetime", NoClock)
    wire(site, "grid.xml", g2_item())
    wire(site, "story.txt", (Path(__file__).parents[2] / "seeds" / "002_kenya-cbk-rate.txt").read_text("utf-8"))
    report = ingest(site, extractor)
    assert report.count()["new"] == 2
    # an embargoed one does read it, through the one Clock
    wire(site, "later.xml", g2_item(**{**OTHER, "embargo": "2026-03-03T12:00:00+01:00"}))
    with pytest.raises(AssertionError, match="clock"):
        ingest(site, extractor)
    assert outcome(ingest(site, extractor, now=datetime(2030, 1, 1, tzinfo=UTC)), "later.xml").status == "new"


def test_wire_now_is_read_from_the_settings_and_the_environment(tmp_path, monkeypatch):
    from wire_ingest.settings import ingest_settings

    monkeypatch.delenv("WIRE_NOW", raising=False)
    assert ingest_settings({"WIRE_NOW": "2026-03-03T12:00"}, tmp_path).now == datetime(2026, 3, 3, 12, tzinfo=UTC)
    monkeypatch.setenv("WIRE_NOW", "2026-03-04T08:00:00+01:00")
    assert ingest_settings({"WIRE_NOW": "2026-03-03T12:00"}, tmp_path).now.isoformat() == "2026-03-04T08:00:00+01:00"
    monkeypatch.setenv("WIRE_NOW", "tomorrow")
    with pytest.raises(ValueError, match="WIRE_NOW"):
        ingest_settings({}, tmp_path)


# --- the editors' corrections ---------------------------------------------------------------


def test_the_item_passes_the_extractions_corrections_and_keeps_its_names_for_the_archive(site):
    """Places pinned and topics renamed apply to the item as the extraction applies them; the
    people and organisation sections are the archive's, applied when the site is built
    (archive/test_entities.py): the post keeps the names the item wrote."""
    from wire_ingest.extract import load_extractor
    from wire_ingest.overrides import load_overrides

    entities = site / "content" / "entities.yaml"
    entities.write_text(
        "people:\n  aliases:\n    Katherina Reiche: Katherina Reiche-Lang\n"
        "  not_people:\n    - Wind Office\n"
        "places:\n  pin:\n    Berlin: AT\n"
        "topics:\n  rename:\n    medtop:20000261: energy sector\n",
        encoding="utf-8",
    )
    extractor = load_extractor(load_overrides(entities))
    wire(site, "grid.xml", g2_item(people=("Katherina Reiche", "Wind Office")))
    ingest(site, extractor)
    (front,) = posts(site).values()
    assert front["people"][:2] == ["Katherina Reiche", "Wind Office"]
    assert front["provenance"]["people"] == ["Katherina Reiche", "Wind Office"]
    assert {"code": "medtop:20000261", "label": "energy sector"} in front["topics"]
    assert {"name": "Berlin", "country": "AT"} in front["places"]  # the editors' pin over the item's DE
