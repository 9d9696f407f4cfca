"""The wire-format readers: NITF, NewsML-G2 and ninjs items give the text reader's Story plus
their own metadata, chosen by content. Golden files (``make golden``) hold each specimen's full
reader output; the tests below check what matters for the archive field by field."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from wire_core.mediatopics import load_media_topics
from wire_ingest.formats import FormatError, read_items, sniff
from wire_ingest.itemparts import as_status, as_version, parse_timestamp

from tests.support.golden_formats import GOLDEN_FORMATS, SPECIMENS, golden_name, render_reader, specimen_paths

G2_NS = "http://iptc.org/std/nar/2006-10-01/"


def read(relative: str):
    path = SPECIMENS / relative
    return read_items(path.read_bytes(), path.name)


def one(relative: str):
    items = read(relative)
    assert len(items) == 1
    return items[0]


def offset_hours(stamp: datetime) -> float:
    return stamp.utcoffset() / timedelta(hours=1)


# --- golden files ------------------------------------------------------------------------


def test_every_specimen_has_a_golden_file():
    assert sorted(golden_name(p) for p in specimen_paths()) == sorted(p.name for p in GOLDEN_FORMATS.glob("*.json"))
    assert len(specimen_paths()) >= 25


@pytest.mark.parametrize("path", specimen_paths(), ids=golden_name)
def test_reader_output_matches_golden(path):
    expected = (GOLDEN_FORMATS / golden_name(path)).read_text(encoding="utf-8")
    assert render_reader(path) == expected, f"{path.name}: reader output changed; run `make golden` and review"


# --- NITF ---------------------------------------------------------------------------------


def test_nitf_36_story_and_metadata():
    item = one("nitf/port-strike-3.6.xml")
    story, meta = item.story, item.meta
    assert item.key == "" and item.error is None
    assert story.headline == "Rotterdam dockers end strike after pay deal"  # "UPDATE 1-" is the desk's, not the title
    assert story.standfirst.startswith("Dock workers in Rotterdam ended a five-day strike")
    assert story.byline == "Joost de Wit, Ports Correspondent"
    assert story.dateline.raw == "ROTTERDAM, March 4" and story.dateline.places == ("Rotterdam",)
    assert story.language == "en-GB"
    assert "Ships waiting" not in story.body and "Idle cranes" not in story.body  # table and media left out
    assert story.paragraphs[-1] == "“Nobody wanted this to last,” Verhoeven told reporters at the gate."
    assert story.signoff.startswith("(Reporting by Joost de Wit")
    assert meta.format == "nitf" and meta.format_version == "3.6"
    assert meta.guid == "nwd:2026-03-04:rotterdam-dockers" and meta.version == 2
    assert meta.date == datetime.fromisoformat("2026-03-04T09:15:00+01:00") and offset_hours(meta.date) == 1
    assert meta.embargoed == datetime.fromisoformat("2026-03-04T10:00:00+01:00")
    assert meta.located.name == "Rotterdam" and meta.located.country == "NL"  # iso-cc NLD, alpha-3
    assert [t.code for t in meta.topics] == ["medtop:09000000", "medtop:20000337"]
    assert meta.topics[0].given == "subj:09003000"  # no topic matches 09003000: its parent's, labour
    assert [p.name for p in meta.people] == ["Ria Verhoeven"]
    assert [o.name for o in meta.organizations] == ["FNV Havens"]
    assert "Joost de Wit" not in [p.name for p in meta.people]  # the byline's person is the author
    assert [p.name for p in meta.places] == ["Rotterdam", "Hook of Holland"]
    assert meta.keywords == ("ports", "strike") and meta.urgency == 3 and meta.provider == "Northwire"


def test_nitf_33_with_dtd_line_latin1_and_character_entities():
    item = one("nitf/lyon-coach-3.3-dtd.nitf")
    story, meta = item.story, item.meta
    assert story.headline == "Lyon fans celebrate élan of new coach — again"
    assert story.byline == "Amélie Garnier"
    assert "Saint-Étienne" in story.body and "«a team that attacks»" in story.body  # Latin-1 bytes and entities
    assert story.paragraphs[0].startswith("Supporters of Olympique Lyonnais")  # dateline moved out of the body
    assert story.dateline.places == ("Lyon",) and story.dateline.source == "Northwire"
    assert story.encoding == "iso-8859-1" and story.language == "fr-FR"
    assert meta.status == "canceled" and meta.version == 3
    assert meta.issued.tzinfo is not None and offset_hours(meta.issued) == 0
    assert any("no time zone" in w for w in story.warnings)


def test_nitf_35_withheld_correction_and_event_location():
    meta = one("nitf/river-bridge-3.5-withheld.xml").meta
    assert meta.status == "withheld"
    assert meta.signals == ("correction",)
    assert meta.issued == datetime.fromisoformat("2026-02-11T08:00:00+00:00")
    assert meta.places[0].name == "Novi Sad" and meta.places[0].country == "RS"
    assert meta.countries == ("RS",)


# --- NewsML-G2 ----------------------------------------------------------------------------


def test_g2_item_with_inline_nitf():
    item = one("newsml-g2/berlin-grid-v1.xml")
    story, meta = item.story, item.meta
    assert story.headline == "Germany to speed up grid links for eastern wind farms"  # hld:main, not the subheadline
    assert story.standfirst.startswith("Germany will cut planning times")
    assert story.byline == "Lena Brandt"
    assert story.dateline.raw == "BERLIN, March 3 (Northwire)" and story.dateline.source == "Northwire"
    assert story.paragraphs[0].startswith("Germany will cut planning times")  # the body's copy of the dateline is gone
    assert meta.guid == "urn:newsml:northwire.example:20260303:DE-GRID" and meta.version == 1
    assert meta.first_created == datetime.fromisoformat("2026-03-03T09:40:00+01:00")
    assert meta.located.name == "Berlin" and meta.located.country == "DE"
    assert [t.code for t in meta.topics] == ["medtop:20000261", "medtop:20000260"]  # subj:04005006 → electricity
    assert meta.people[0].name == "Katherina Reiche" and meta.organizations[0].name == "50Hertz"
    assert meta.places[0].name == "Brandenburg" and meta.places[0].country == "DE"  # broader iso3166-1a3:DEU
    assert meta.provider == "Northwire" and meta.urgency == 4 and meta.keywords == ("power grid",)
    assert meta.ednote.startswith("Corrects spelling")


def test_g2_resend_is_the_same_guid_with_a_higher_version():
    first, second = one("newsml-g2/berlin-grid-v1.xml"), one("newsml-g2/berlin-grid-v2.xml")
    assert first.meta.guid == second.meta.guid
    assert (first.meta.version, second.meta.version) == (1, 2)
    assert second.meta.signals == ("update",)
    assert second.meta.date == first.meta.date  # firstCreated: the story's date does not move
    assert second.meta.version_created > first.meta.version_created
    assert "challenge it in court" in second.story.body and "challenge it in court" not in first.story.body
    assert first.digest != second.digest


def test_g2_xhtml_body_and_cancelled_status():
    item = one("newsml-g2/nairobi-rates-xhtml-canceled.xml")
    story, meta = item.story, item.meta
    assert meta.status == "canceled"
    assert meta.located.name == "Nairobi" and meta.located.country == "KE"  # cntry:Kenya, a name
    assert "Kenya's central bank holds key rate" not in story.paragraphs  # the h1 repeats the headline
    assert "The Central Bank of Kenya kept its benchmark rate" in story.body
    assert "Inflation: 4.8 percent in March" in story.paragraphs
    assert "The bank in Nairobi" not in story.body  # figure caption left out
    assert story.dateline.places == ("Nairobi",) and story.dateline.source == "Northwire"
    assert meta.provider == "northwire.example"  # provider given only by its web address
    assert [t.code for t in meta.topics] == ["medtop:20000350", "medtop:20000274"]


def test_g2_news_message_gives_one_item_per_news_item():
    items = read("newsml-g2/message-three-items.xml")
    assert [i.key for i in items] == [
        "urn:newsml:northwire.example:20260520:LIMA-QUAKE",
        "urn:newsml:northwire.example:20260520:OSLO-FUND",
        "urn:newsml:northwire.example:20260520:LIMA-PHOTO",
    ]  # the packageItem is not a story
    quake, fund, photo = items
    assert (
        quake.source("content/wire/feed.xml")
        == "content/wire/feed.xml#urn:newsml:northwire.example:20260520:LIMA-QUAKE"
    )
    assert quake.story.signoff == "(Reporting by Lucia Paredes)"  # inline plain text
    assert quake.meta.located.country == "PE" and offset_hours(quake.meta.date) == -5
    assert fund.meta.embargoed == datetime.fromisoformat("2026-05-21T08:00:00+02:00")
    assert fund.meta.located.country == "NO"  # iso3166-1a3:NOR
    assert fund.meta.topics[0].code == "medtop:20000194"  # given as a Media Topic URI
    assert photo.story is None and "not a text item" in photo.error and photo.meta.guid.endswith("LIMA-PHOTO")
    assert len({i.digest for i in items}) == 3


def test_message_item_digest_ignores_the_envelope():
    raw = (SPECIMENS / "newsml-g2/message-three-items.xml").read_bytes()
    resent = raw.replace(b"2026-05-20T07:00:01.250Z", b"2026-05-20T08:30:00.000Z")
    edited = raw.replace(b"put the magnitude at 5.4", b"put the magnitude at 5.6")
    before, after, changed = read_items(raw, "m.xml"), read_items(resent, "m.xml"), read_items(edited, "m.xml")
    assert [i.digest for i in before] == [i.digest for i in after]  # same items in a new transmission
    assert changed[0].digest != before[0].digest and changed[1].digest == before[1].digest


def test_remote_content_is_never_fetched_and_an_open_embargo_is_kept():
    item = one("newsml-g2/remote-body.xml")
    assert item.story is None and "never fetched" in item.error
    assert item.meta.embargo_open and item.meta.embargoed is None


# --- ninjs --------------------------------------------------------------------------------


def test_ninjs_14_html_body_and_scheme_codes():
    item = one("ninjs/santiago-copper-1.4.json")
    story, meta = item.story, item.meta
    assert story.headline == "Chile copper output rises 3 percent on new mine"
    assert story.byline == "Camila Soto" and story.language == "es-CL"
    assert story.dateline.places == ("Santiago",)
    assert (
        "State miner Codelco said its own output was flat. Private producers accounted for the rise."
        in story.paragraphs
    )
    assert "alert" not in story.body  # a script is not text
    assert meta.format_version == "1.4" and meta.version == 2
    assert offset_hours(meta.date) == -4
    assert [t.code for t in meta.topics] == ["medtop:20000320", "medtop:20000386"]  # mining; subject code → commodities
    assert meta.places[0].country == "CL" and meta.countries == ("CL",)
    assert meta.provider == "Northwire" and meta.genres == ("Current",)


def test_ninjs_10_text_body_without_declared_version():
    item = one("ninjs/reykjavik-volcano-1.0.json")
    assert item.meta.format_version == "1.x" and item.meta.version is None
    assert item.story.paragraphs == (
        "A volcano on Iceland's Reykjanes peninsula erupted late on Monday, sending lava towards defences built around the town of Grindavik, the meteorological office said.",
        "The town had been evacuated hours earlier.",
        "Flights at Keflavik airport were not affected.",
    )
    assert item.meta.topics[0].code == "medtop:20000159" and item.meta.date.tzinfo is not None


def test_ninjs_21_roles_relevance_and_place_codes():
    item = one("ninjs/accra-cocoa-2.1.json")
    story, meta = item.story, item.meta
    assert story.headline == "Ghana raises cocoa farm-gate price by a fifth"  # role main, not the short one
    assert story.paragraphs[0].startswith("Ghana will pay cocoa farmers a fifth more for the 2026/27 season's crop")
    assert len(story.paragraphs) == 2  # the html body, not the plain one as well
    assert story.standfirst.startswith("Ghana will pay cocoa farmers a fifth more for the new season")
    assert story.byline == "Kwame Asante"
    assert meta.embargoed == datetime.fromisoformat("2026-09-14T09:00:00+00:00")
    assert [t.code for t in meta.topics] == ["medtop:20000210", "medtop:20000386"]  # the house literal is not a topic
    assert meta.countries == ("GH", "CI")
    assert meta.organizations[0].code == "COCOBOD"


def test_ninjs_array_gives_one_item_per_object():
    budget, photo = read("ninjs/feed-two-items-2.0.json")
    assert budget.key.endswith("nz-budget") and budget.meta.status == "withheld" and budget.meta.version == 5
    assert offset_hours(budget.meta.date) == 13
    assert budget.story.dateline.places == ("Wellington",)
    assert photo.story is None and "picture" in photo.error


# --- IPTC's specimens ---------------------------------------------------------------------


def test_iptc_sports_story():
    item = one("iptc/LISTING_22_Sports_story_in_NewsML-G2NITF.xml")
    meta = item.meta
    assert item.story.headline.startswith("Preview: Arizona Diamondbacks (29-23) at Philadelphia Phillies")
    assert item.story.standfirst.startswith("A pair of teams coming off big weekend sweeps")
    assert offset_hours(meta.date) == -5 and meta.date.year == 2016
    assert meta.located.name == "Philadelphia" and meta.located.country == "US"  # broader cntry:USA
    assert [t.code for t in meta.topics] == ["medtop:20000822", "medtop:20000849"]
    assert [p.name for p in meta.people] == ["Doug Davis", "Freddy Garcia"]
    assert [o.name for o in meta.organizations] == ["Philadelphia Phillies", "Arizona Diamondbacks"]


def test_iptc_text_document_and_item_without_body():
    text = one("iptc/LISTING_2_NewsML-G2_Text_Document.xml")
    assert text.story.headline == 'Fed to halt QE to avert "bubble"'
    assert text.story.byline == "Meredith Jameson, Staff Reporter"
    assert text.meta.located.name == "New York, NY" and text.meta.located.country is None
    assert [t.label for t in text.meta.topics] == ["economy, business and finance", "central bank", "monetary policy"]
    empty = one("iptc/LISTING_1_A_NewsML-G2_News_Item.xml")
    assert empty.story is None and "no body" in empty.error
    assert empty.meta.located.country == "DE" and empty.meta.embargoed.isoformat() == "2018-10-23T12:00:00+00:00"
    assert empty.meta.signals == ("update",) and empty.meta.genres == ("Interview",)


def test_iptc_located_subject_and_dateline_fragment():
    fragment = (SPECIMENS / "iptc/LISTING_28_Illustrating_Located_Subject_and_Dateline.xml").read_text()
    with pytest.raises(FormatError, match="contentMeta"):
        read_items(fragment.encode(), "fragment.xml")
    wrapped = (
        f'<newsItem xmlns="{G2_NS}" guid="wrapped" version="1"><itemMeta><itemClass qcode="ninat:text"/>'
        f"</itemMeta>{fragment.replace('<contentMeta>', '<contentMeta><headline>Talks</headline>', 1)}"
        '<contentSet><inlineData contenttype="text/plain">Officials met.</inlineData></contentSet></newsItem>'
    )
    item = read_items(wrapped.encode(), "wrapped.xml")[0]
    assert item.story.dateline.raw == "MOSCOW, Monday (Reuters)"
    assert item.story.dateline.places[0].lower() == "moscow" and item.story.dateline.source == "Reuters"
    assert item.meta.located.name == "Moscow" and item.meta.located.country == "RU"  # cntry:Russia
    assert offset_hours(item.meta.content_created) == 3
    places = {p.name: p.country for p in item.meta.places}
    assert places == {"Tskhinvali": None, "Tblisi": "GE"}


def test_iptc_agency_metadata_resolved_through_asserts():
    item = one("iptc/ap_metadata_example.xml")
    assert item.story is None and "ninat:video" in item.error
    assert item.meta.places[0].name == "Kentucky" and item.meta.places[0].country == "US"
    assert item.meta.places[0].relevance == 0.4
    assert item.meta.people[0].name == "Keegan Murray" and item.meta.organizations[0].name == "Volkswagen AG"


def test_iptc_message_of_placeholder_items_and_nitf_fragment():
    items = read("iptc/LISTING_24_News_Message_conveying_a_complete_News_Package.xml")
    assert [i.key for i in items] == ["N1", "N2", "N3", "N4"]
    assert all(i.story is None and i.error for i in items)
    fragment = one("iptc/LISTING_25_An_NITF_marked-up_article_conveyed_in_inlineXML.xml")
    assert fragment.story.headline.startswith("Arizona Diamondbacks (29-23)")
    assert "NITF read from inside <contentSet>" in fragment.story.warnings


# --- choosing the reader ------------------------------------------------------------------


NITF = b'<?xml version="1.0"?><nitf><body><body.head><hedline><hl1>Dam opens</hl1></hedline></body.head><body.content><p>KARACHI: A dam opened on Monday.</p></body.content></body></nitf>'
TEXT_BRACKET = b"[UPDATE] Dam opens\nKARACHI: A dam opened on Monday, officials said.\n"


@pytest.mark.parametrize(
    ("raw", "name", "kind"),
    [
        (NITF, "dam.xml", "xml"),
        (NITF, "dam.txt", "xml"),  # a .txt that is plainly NITF
        (NITF, "dam.json", "xml"),  # the content decides
        (b"\xef\xbb\xbf  " + NITF, "dam.nitf", "xml"),
        (TEXT_BRACKET, "dam.txt", "text"),  # a story may open with "["
        (b"<b>Dam</b> opens\nKARACHI: A dam opened.\n", "dam.txt", "text"),
        (b'{"uri": "u", "headline": "Dam opens", "body_text": "KARACHI: A dam opened."}', "dam.txt", "json"),
        (b'{"uri": "u", "headline": "Dam opens", "body_text": "KARACHI: A dam opened."}', "dam.json", "json"),
        (b"Dam opens\nKARACHI: A dam opened on Monday.\n", "dam.json", "text"),
    ],
)
def test_reader_is_chosen_by_content(raw, name, kind):
    assert sniff(raw, name) == kind


def test_text_in_an_xml_file_is_read_as_text_with_a_warning():
    item = read_items(b"Dam opens\nKARACHI: A dam opened on Monday, officials said.\n", "dam.xml")[0]
    assert item.meta is None and item.story.headline == "Dam opens"
    assert any("read as wire text" in w for w in item.story.warnings)


def test_plain_text_keeps_its_reader():
    item = read_items(TEXT_BRACKET, "dam.txt")[0]
    assert item.meta is None and item.key == "" and item.story.headline == "[UPDATE] Dam opens"


def test_repeated_or_missing_guids_key_items_by_position():
    item = '<newsItem guid="{g}" version="1"><contentMeta><headline>H{n}</headline></contentMeta><contentSet><inlineData>Text {n}.</inlineData></contentSet></newsItem>'
    raw = (
        f'<newsMessage xmlns="{G2_NS}"><itemSet>'
        + item.format(g="same", n=1)
        + item.format(g="same", n=2)
        + item.format(g="", n=3)
        + item.format(g="own", n=4)
        + "</itemSet></newsMessage>"
    ).encode()
    assert [i.key for i in read_items(raw, "m.xml")] == ["item-1", "item-2", "item-3", "own"]


def test_a_message_without_items_is_refused():
    with pytest.raises(FormatError, match="no newsItem"):
        read_items(f'<newsMessage xmlns="{G2_NS}"><header/></newsMessage>'.encode(), "m.xml")


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b"<rss><channel/></rss>", "root element <rss>"),
        (b'<NewsML Version="1.2"/>', "NewsML 1"),
        (b'["a", "b"]', "not ninjs"),
        (b"[]", "not ninjs"),
    ],
)
def test_other_xml_and_json_is_refused_with_the_reason(raw, reason):
    with pytest.raises(FormatError, match=reason):
        read_items(raw, "x.xml" if raw.startswith(b"<") else "x.json")


# --- small parts --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "iso", "warned"),
    [
        ("2018-10-21T16:25:32-05:00", "2018-10-21T16:25:32-05:00", False),
        ("2018-10-19T11:17:00.150Z", "2018-10-19T11:17:00+00:00", False),
        ("  2016-02-09T09:17:00+03:00\n    ", "2016-02-09T09:17:00+03:00", False),
        ("20180921T102300+0200", "2018-09-21T10:23:00+02:00", False),
        ("20180921T1023Z", "2018-09-21T10:23:00+00:00", False),
        ("2018-09-21T10:23:00+0530", "2018-09-21T10:23:00+05:30", False),
        ("20180921T102300", "2018-09-21T10:23:00+00:00", True),
        ("2018-09-21", "2018-09-21T00:00:00+00:00", True),
    ],
)
def test_timestamps_keep_their_zone(text, iso, warned):
    warnings: list[str] = []
    assert parse_timestamp(text, "firstCreated", warnings).isoformat() == iso
    assert bool(warnings) == warned


@pytest.mark.parametrize("text", ["yesterday", "2018-13-45T00:00:00Z", "2018-02-30"])
def test_a_timestamp_that_is_not_one_is_ignored_with_a_warning(text):
    warnings: list[str] = []
    assert parse_timestamp(text, "versionCreated", warnings) is None
    assert warnings and "versionCreated" in warnings[0]


def test_versions_and_statuses():
    warnings: list[str] = []
    assert as_version("7", warnings) == 7 and as_version(None, warnings) is None and not warnings
    assert as_version("v7", warnings) is None and "cannot be ordered" in warnings[0]
    assert as_status("stat:canceled", []) == ("canceled", False)
    assert as_status("cancelled", []) == ("canceled", False)
    assert as_status("http://cv.iptc.org/newscodes/pubstatusg2/withheld", []) == ("withheld", False)
    assert as_status("embargoed", []) == ("usable", True)
    noted: list[str] = []
    assert as_status("stat:draft", noted) == ("usable", False) and noted


def test_subject_codes_map_to_media_topics():
    topics = load_media_topics()
    assert topics.resolve("subj:15007000") == ("medtop:20000849", "15007000")  # baseball
    assert topics.resolve("http://cv.iptc.org/newscodes/subjectcode/15007000")[0] == "medtop:20000849"
    assert topics.resolve("iptc:09003000")[0] == "medtop:09000000"  # no topic: its parent's
    assert topics.resolve("subj:99001000") == (None, "99001000")
    assert topics.resolve("mediatopic:20000849")[0] == "medtop:20000849"
    assert topics.resolve("https://cv.iptc.org/newscodes/mediatopic/20000849/")[0] == "medtop:20000849"
    assert topics.resolve("medtop:99999999") == (None, None)
    assert topics.resolve("league:l.mlb.com") == (None, None)
    assert topics.top_level("medtop:20000849") == "medtop:15000000"
    assert all(topics.from_subject_code(f"{n:02d}000000") for n in range(1, 18))


def test_an_unmapped_subject_code_is_reported():
    raw = b'{"uri": "u", "headline": "H", "body_text": "Text.", "subject": [{"code": "subj:99001000"}]}'
    item = read_items(raw, "x.json")[0]
    assert item.meta.unmapped_subjects == ("subj:99001000",) and item.meta.topics == ()
    assert any("99001000" in w for w in item.story.warnings)


# --- items written after the readers (held out while they were built) ---------------------


@pytest.mark.parametrize(
    ("relative", "headline", "date", "place", "country", "topic", "status", "version"),
    [
        ("nitf/cape-town-water-3.4.xml", "Cape Town lifts water limits after rainy winter",
         "2026-02-03T07:15:00+02:00", "Cape Town", "ZA", "medtop:20000430", "usable", 4),
        ("newsml-g2/jakarta-rail-xhtml-withheld.xml", "Jakarta commuter line to add night trains",
         "2026-08-07T09:00:00+07:00", "Jakarta", "ID", "medtop:20000344", "withheld", 12),
        ("ninjs/lagos-fuel-2.0-canceled.json", "Nigeria cuts petrol price at state pumps",
         "2026-10-10T11:00:00+01:00", "Lagos", "NG", "medtop:20000257", "canceled", 2),
    ],
)  # fmt: skip
def test_held_out_items(relative, headline, date, place, country, topic, status, version):
    item = one(relative)
    assert item.story.headline == headline
    assert (
        item.meta.date == datetime.fromisoformat(date)
        and item.meta.date.utcoffset() == datetime.fromisoformat(date).utcoffset()
    )
    assert item.story.dateline.places == (place,)
    assert item.meta.countries[0] == country
    assert item.meta.topics[0].code == topic
    assert (item.meta.status, item.meta.version) == (status, version)
