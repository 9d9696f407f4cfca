"""Which folders are ingested: the inbox once it holds a wire file, else the sample corpus."""

from __future__ import annotations

from pathlib import Path

from wire_ingest.settings import ingest_settings

CONFIG = {"WIRE_INBOX": "content/wire", "WIRE_FALLBACK": ["seeds"], "WIRE_SOURCES": None}


def test_seeds_while_the_inbox_is_empty_then_the_inbox_alone(tmp_path):
    (tmp_path / "content" / "wire").mkdir(parents=True)
    assert ingest_settings(CONFIG, tmp_path).sources == (tmp_path / "seeds",)
    (tmp_path / "content" / "wire" / "story.txt").write_text("Headline\nLONDON (Reuters) - Body.\n")
    assert ingest_settings(CONFIG, tmp_path).sources == (tmp_path / "content" / "wire",)


def test_an_explicit_list_wins(tmp_path):
    config = {**CONFIG, "WIRE_SOURCES": ["a", "/abs/b"]}
    assert ingest_settings(config, tmp_path).sources == (tmp_path / "a", Path("/abs/b"))
