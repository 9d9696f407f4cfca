"""The fast body renderer gives exactly what Python-Markdown gives, and is used for the posts
the ingest writes (their paragraphs are escaped plain text)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pelican.settings import DEFAULT_CONFIG
from wire_archive.body import BodyRenderer, fast_html
from wire_core.post_file import escape_markdown, split_post

from tests.support import ROOT

SETTINGS = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
POSTS = ROOT / "content" / "posts"
renderer = BodyRenderer(DEFAULT_CONFIG["MARKDOWN"])

# wire-like characters plus everything Markdown (with "extra") could read as syntax
alphabet = st.sampled_from(
    list("Aa Zz09.,;:!?-—'’\"()[]{}<>&#*_`\\|~^=+%$@/…Éü\t")
    + [
        "&amp;",
        "&lt;",
        "1. ",
        "- ",
        "+ ",
        "> ",
        ": ",
        "    ",
        "  ",
        "***",
        "---",
        "[x](y)",
        "<b>",
        "&copy;",
        "http://a.b",
    ]
)
paragraph = st.lists(alphabet, min_size=1, max_size=40).map("".join)


def test_the_seed_posts_take_the_fast_path_and_match_markdown():
    bodies = [split_post(p.read_text(encoding="utf-8"))[1] for p in sorted(POSTS.glob("*.md"))]
    assert bodies
    for body in bodies:
        fast = fast_html(body)
        assert fast is not None
        assert fast == renderer.markdown(body)


@SETTINGS
@given(st.lists(paragraph, min_size=1, max_size=5))
def test_escaped_paragraphs_render_like_markdown(paragraphs):
    cleaned = [" ".join(p.split()) for p in paragraphs]
    cleaned = [p for p in cleaned if p] or ["x"]
    body = "\n\n".join(escape_markdown(p) for p in cleaned)
    assert renderer.html(body) == renderer.markdown(body)


@SETTINGS
@given(st.lists(paragraph, min_size=1, max_size=4).map("\n\n".join))
def test_any_text_the_fast_path_accepts_renders_like_markdown(body):
    fast = fast_html(body)
    if fast is not None:
        assert fast == renderer.markdown(body)


def test_other_markdown_settings_always_use_markdown():
    custom = BodyRenderer({"extensions": ["markdown.extensions.smarty"], "output_format": "html5"})
    assert not custom.fast
    assert custom.html("It's \\*here\\*") == custom.markdown("It's \\*here\\*")
    assert "&rsquo;" in custom.html("It's")
