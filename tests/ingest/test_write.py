"""The post file: write.py (render_post, summarise) and wire_core.post_file (split_post,
is_edited, escape_markdown, write_if_changed, slugify)."""

from __future__ import annotations

import html
import os
import re
from datetime import UTC, datetime
from pathlib import Path

import markdown
import pytest
from wire_core import post_file as write_module
from wire_core.post_file import (
    FrontMatterError,
    escape_markdown,
    is_edited,
    slugify,
    split_post,
    write_if_changed,
)
from wire_ingest.records import (
    CountryTag,
    Dateline,
    Metadata,
    OrganizationTag,
    PersonTag,
    PlaceTag,
    Story,
    TopicTag,
)
from wire_ingest.write import WireRef, render_post, summarise

WHEN = datetime(2025, 3, 3, 9, 30, tzinfo=UTC)
WIRE = WireRef(path="wire/2025/bridge.txt", sha256="ab" * 32, extractor="spacy-test-1")


def make_story(**changes) -> Story:
    fields = {
        "headline": "Harbour bridge reopens after repairs",
        "paragraphs": ("The harbour bridge reopened on Monday.", "Traffic was light in the morning."),
        "dateline": Dateline(
            places=("Portville",), source="Reuters", date_text="March 3", raw="PORTVILLE, March 3 (Reuters) -"
        ),
        "byline": "Jane Doe",
        "signoff": "(Reporting by Ana Ruiz; Editing by Tom Bell)",
    }
    fields.update(changes)
    return Story(**fields)


def make_metadata(**changes) -> Metadata:
    fields = {
        "countries": (
            CountryTag("FR", "France", 0.9, 4),
            CountryTag("BE", "Belgium", 0.5, 2),
            CountryTag("DE", "Germany", 0.49, 1),
            CountryTag("IT", "Italy", 0.1, 1),
        ),
        "people": (PersonTag("Ana Ruiz", 3, 0.8), PersonTag("Tom Bell", 1, 0.2)),
        "organizations": (OrganizationTag("Portville Harbour Authority", 2, "PHA"), OrganizationTag("City Council", 1)),
        "places": (PlaceTag("Portville", "FR", 3), PlaceTag("Atlantis", None)),
        "topics": (TopicTag("medtop:04000000", "economy, business and finance", 0.7),),
        "keywords": ("bridge", "traffic"),
    }
    fields.update(changes)
    return Metadata(**fields)


def render(story: Story | None = None, metadata: Metadata | None = None, slug: str = "harbour-bridge-reopens"):
    return render_post(story or make_story(), metadata or make_metadata(), slug, WHEN, WIRE)


# --- render_post / split_post ----------------------------------------------------------------


def test_post_starts_with_front_matter_and_carries_slug_and_date():
    post = render()
    assert post.text.startswith("---\n")
    assert post.slug == "harbour-bridge-reopens"
    assert post.date == WHEN
    assert post.text.endswith("\n")


def test_front_matter_fields():
    front, body = split_post(render().text)
    assert front["title"] == "Harbour bridge reopens after repairs"
    assert front["date"] == WHEN.isoformat()
    assert front["slug"] == "harbour-bridge-reopens"
    assert front["summary"] == "The harbour bridge reopened on Monday."
    assert front["dateline"] == {"places": ["Portville"], "source": "Reuters", "date": "March 3"}
    assert front["source"] == "Reuters"
    assert front["byline"] == "Jane Doe"
    assert front["countries"] == ["FR", "BE"]  # salience >= 0.5 only
    assert front["countries_mentioned"] == ["DE", "IT"]
    assert front["people"] == ["Ana Ruiz", "Tom Bell"]
    assert front["organizations"] == ["Portville Harbour Authority", "City Council"]
    assert front["places"] == [{"name": "Portville", "country": "FR"}, {"name": "Atlantis", "country": None}]
    assert front["topics"] == [{"code": "medtop:04000000", "label": "economy, business and finance"}]
    assert front["keywords"] == ["bridge", "traffic"]
    assert front["signoff"] == "(Reporting by Ana Ruiz; Editing by Tom Bell)"
    wire = front["wire"]
    assert wire["path"] == WIRE.path
    assert wire["sha256"] == WIRE.sha256
    assert wire["extractor"] == WIRE.extractor
    assert re.fullmatch(r"[0-9a-f]{64}", wire["generated"])


def test_body_holds_the_escaped_paragraphs_separated_by_blank_lines():
    _, body = split_post(render().text)
    assert body.strip() == "The harbour bridge reopened on Monday.\n\nTraffic was light in the morning."


def test_story_without_dateline_or_byline():
    front, _ = split_post(render(make_story(dateline=None, byline=None, signoff=None)).text)
    assert front["dateline"] == {"places": [], "source": None, "date": None}
    assert front["source"] is None
    assert front["byline"] is None
    assert front["signoff"] is None


def test_summary_prefers_the_standfirst_and_is_trimmed():
    story = make_story(standfirst="The bridge is open again…")
    assert split_post(render(story).text)[0]["summary"] == "The bridge is open again…"
    long = make_story(paragraphs=("word " * 100, "Second."))
    summary = split_post(render(long).text)[0]["summary"]
    assert len(summary) <= 300
    assert summary.endswith("…")
    assert summary == summarise(long)


def test_rendering_is_deterministic():
    first = render().text
    second = render(make_story(), make_metadata()).text
    assert first == second


def test_different_stories_get_different_generated_hashes():
    a = split_post(render().text)[0]["wire"]["generated"]
    b = split_post(render(make_story(headline="Another headline")).text)[0]["wire"]["generated"]
    assert a != b


# --- is_edited -------------------------------------------------------------------------------


def test_fresh_post_is_not_edited():
    assert is_edited(render().text) is False


def test_changing_any_single_character_marks_the_post_edited():
    text = render().text
    for i, ch in enumerate(text):
        changed = text[:i] + ("Y" if ch == "X" else "X") + text[i + 1 :]
        assert is_edited(changed), f"change at offset {i} ({text[max(0, i - 10) : i + 10]!r}) went unnoticed"


@pytest.mark.parametrize(
    "edit",
    [
        lambda t: t.replace("title: Harbour bridge reopens after repairs", "title: Harbour bridge reopened"),
        lambda t: t.replace("- Ana Ruiz\n", "- Ana Ruíz\n"),
        lambda t: t.replace("Traffic was light", "Traffic was heavy"),
        lambda t: t + "An editor's note.\n",
        lambda t: t.rstrip("\n"),
        lambda t: re.sub(r"(?m)^  generated: .*\n", "", t),
    ],
    ids=["title", "person", "body", "appended", "trailing-newline", "hash-removed"],
)
def test_edits_are_detected(edit):
    text = render().text
    edited = edit(text)
    assert edited != text
    assert is_edited(edited)


# --- YAML safety -----------------------------------------------------------------------------

HOSTILE_TITLES = [
    'The "quoted" headline',
    "Minister: no deal",
    "Before --- after",
    "---",
    '!!python/object/apply:os.system ["echo hi"]',
    "&anchor *alias",
    "- not a list",
    "# not a comment",
    "{not: a mapping}",
    "[not, a, list]",
    "yes",
    "null",
    "2025-03-03",
    "1e3",
    "'single' quotes",
    "% directive",
    "@ at sign",
    "tab\there",
    "title: nested",
]


@pytest.mark.parametrize("title", HOSTILE_TITLES)
def test_hostile_titles_round_trip_through_yaml(title, monkeypatch):
    calls = []
    monkeypatch.setattr(os, "system", lambda *a: calls.append(a) or 0)
    story = make_story(headline=title, byline=title)
    metadata = make_metadata(people=(PersonTag(title, 1, 0.9),), keywords=(title,))
    text = render(story, metadata).text
    front, _ = split_post(text)
    assert front["title"] == title
    assert type(front["title"]) is str
    assert front["byline"] == title
    assert front["people"] == [title]
    assert front["keywords"] == [title]
    assert not is_edited(text)
    assert calls == []


def test_field_with_a_generated_line_does_not_hijack_the_checksum():
    title = "Bridge reopens\n\ngenerated: soon"
    text = render(make_story(headline=title)).text
    front, _ = split_post(text)
    assert front["title"] == title
    assert not is_edited(text)


def test_split_post_never_constructs_python_objects(monkeypatch):
    calls = []
    monkeypatch.setattr(os, "system", lambda *a: calls.append(a) or 0)
    text = '---\ntitle: !!python/object/apply:os.system ["echo hi"]\n---\n\nBody.\n'
    with pytest.raises(FrontMatterError, match="not valid YAML"):
        split_post(text)
    assert calls == []


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("title: x\n---\nbody", "no front matter"),
        ("---\ntitle: x\nbody\n", "not closed"),
        ("---\ntitle: [unclosed\n---\nbody\n", "not valid YAML"),
        ("---\n- a\n- b\n---\nbody\n", "not a mapping"),
    ],
)
def test_split_post_errors(text, message):
    with pytest.raises(FrontMatterError, match=message):
        split_post(text)


def test_split_post_accepts_a_hand_written_post():
    front, body = split_post("---\ntitle: Hand written\ndate: 2025-03-03\n---\n\nSome *markdown*.\n")
    assert front["title"] == "Hand written"
    assert body == "\nSome *markdown*.\n"
    assert is_edited("---\ntitle: Hand written\n---\n\nSome text.\n")


# --- escape_markdown -------------------------------------------------------------------------

FORBIDDEN = ("<script", "<img", "href=", "<h1", "<ol", "<hr", "<em>")


def _visible(rendered: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", rendered)).strip()


HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[click](javascript:alert(1))",
    "# heading",
    "1. list",
    "---",
    "*bold*",
]


@pytest.mark.parametrize(
    "text", [pytest.param(t, marks=()) if t == "---" else t for t in HOSTILE], ids=lambda t: repr(t)
)
def test_escaped_hostile_text_renders_no_markup(text):
    rendered = markdown.markdown(escape_markdown(text))
    for tag in FORBIDDEN:
        assert tag not in rendered, f"{tag} in {rendered!r}"


@pytest.mark.parametrize(
    "text",
    HOSTILE,
    ids=lambda t: repr(t),
)
def test_escaped_hostile_text_shows_the_original_text(text):
    assert _visible(markdown.markdown(escape_markdown(text))) == text


@pytest.mark.parametrize(
    "text",
    [
        "Tom & Jerry &amp; co",
        "&lt;b&gt; is not bold",
        "> not a quote",
        "- not a bullet",
        "+ not a bullet",
        "***",
        "___",
        "`not code`",
        "![alt](image.png)",
        "[ref]: http://example.com",
        "<http://example.com>",
        "a_b_c and 2*3*4",
        "C# and F# rose 5%!",
        "back\\slash",
        "{braces}",
    ],
    ids=lambda t: repr(t),
)
def test_other_markdown_syntax_is_inert(text):
    rendered = markdown.markdown(escape_markdown(text))
    for tag in (*FORBIDDEN, "<a ", "<ul", "<blockquote", "<code", "<strong", "<h2"):
        assert tag not in rendered
    assert _visible(rendered) == text


@pytest.mark.parametrize(
    "text",
    ["Temperatures ~ 30C", "2024. A year of change", "= sign first"],
    ids=lambda t: repr(t),
)
def test_unneeded_escapes_do_not_show(text):
    assert _visible(markdown.markdown(escape_markdown(text))) == text


def test_render_post_escapes_every_paragraph():
    story = make_story(paragraphs=("<script>alert(1)</script>", "*bold* and [x](javascript:y)"))
    _, body = split_post(render(story).text)
    rendered = markdown.markdown(body)
    assert "<script" not in rendered and "<em>" not in rendered and "href=" not in rendered
    assert "&lt;script&gt;" in rendered


# --- write_if_changed ------------------------------------------------------------------------


def _part_files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.name.endswith(".part") or p.name.startswith(".tmp-")]


def test_write_creates_parent_directories(tmp_path):
    target = tmp_path / "content" / "posts" / "2025" / "bridge.md"
    assert write_if_changed(target, "hello\n") is True
    assert target.read_bytes() == b"hello\n"
    assert _part_files(tmp_path) == []


def test_unchanged_bytes_are_not_rewritten(tmp_path):
    target = tmp_path / "bridge.md"
    target.write_text("Café “text”\n", encoding="utf-8")
    os.utime(target, (1_000_000_000, 1_000_000_000))
    inode = target.stat().st_ino
    assert write_if_changed(target, "Café “text”\n") is False
    assert target.stat().st_mtime == 1_000_000_000
    assert target.stat().st_ino == inode


def test_changed_text_replaces_the_file_atomically(tmp_path):
    target = tmp_path / "bridge.md"
    target.write_text("old\n", encoding="utf-8")
    os.utime(target, (1_000_000_000, 1_000_000_000))
    inode = target.stat().st_ino
    assert write_if_changed(target, "new “text”\n") is True
    assert target.read_text(encoding="utf-8") == "new “text”\n"
    assert target.stat().st_mtime != 1_000_000_000
    assert target.stat().st_ino != inode  # a new file renamed into place, not rewritten in place
    assert _part_files(tmp_path) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bridge.md"]


def test_failed_replace_leaves_the_old_file_and_no_temp_file(tmp_path, monkeypatch):
    target = tmp_path / "bridge.md"
    target.write_text("old\n", encoding="utf-8")

    def broken_replace(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(write_module.os, "replace", broken_replace)
    with pytest.raises(OSError, match="disk full"):
        write_if_changed(target, "new\n")
    assert target.read_text(encoding="utf-8") == "old\n"
    assert _part_files(tmp_path) == []


def test_rendered_post_is_written_once(tmp_path):
    target = tmp_path / "posts" / "bridge.md"
    text = render().text
    assert write_if_changed(target, text) is True
    assert write_if_changed(target, text) is False
    assert not is_edited(target.read_text(encoding="utf-8"))


# --- slugify ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Harbour bridge reopens", "harbour-bridge-reopens"),
        ("Café Déjà Vu in Zürich", "cafe-deja-vu-in-zurich"),
        ("Türkiye’s quake: 1 dead, 29 hurt!", "turkiyes-quake-1-dead-29-hurt"),
        ("São Paulo's Ñandú", "sao-paulos-nandu"),
        ("  --Hello,   World--  ", "hello-world"),
        ("Москва", "moskva"),
        ("", "story"),
        ("!!!", "story"),
    ],
)
def test_slugify(text, expected):
    assert slugify(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Łódź mayor", "lodz-mayor"), ("Ørsted wins", "orsted-wins"), ("Straße closed", "strasse-closed")],
)
def test_slugify_transliterates_letters_without_a_decomposition(text, expected):
    assert slugify(text) == expected


def test_slugify_trims_at_a_word_boundary():
    text = "Harbour bridge reopens after six weeks of repairs while traffic stays light across the city"
    slug = slugify(text)
    assert len(slug) <= 80
    assert not slug.endswith("-")
    assert text.lower().replace(" ", "-").startswith(slug)
    assert slug == "harbour-bridge-reopens-after-six-weeks-of-repairs-while-traffic-stays-light"


def test_slugify_custom_limit_and_long_word():
    assert slugify("alpha beta gamma", limit=12) == "alpha-beta"
    assert slugify("x" * 100) == "x" * 80


def test_names_left_out_are_recorded_in_the_wire_block_and_read_back():
    from wire_core.front_matter import read_post
    from wire_ingest.records import Refusal

    refused = (
        Refusal("organization", "Shr", "financial table"),
        Refusal("person", "Oscar", "written as a thing's name"),
        Refusal("organization", "No", "bare word"),  # a YAML boolean as a key stays a name
    )
    text = render_post(make_story(), make_metadata(refused=refused), "bridge", WHEN, WIRE).text
    front, _ = split_post(text)
    assert front["wire"]["refused"] == {
        "organizations": {"Shr": "financial table", "No": "bare word"},
        "people": {"Oscar": "written as a thing's name"},
    }
    assert list(front["wire"])[-1] == "generated" and not is_edited(text)
    record, _ = read_post(text)
    assert set(record.wire.refused) == {(r.kind, r.name, r.reason) for r in refused}
    plain, _ = read_post(render_post(make_story(), make_metadata(), "bridge", WHEN, WIRE).text)
    assert (
        plain.wire.refused == ()
        and "refused" not in split_post(render_post(make_story(), make_metadata(), "b", WHEN, WIRE).text)[0]["wire"]
    )
