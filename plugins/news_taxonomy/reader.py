"""Markdown posts with YAML front matter (the ingest's output, and editors' hand-written posts).

The front matter is loaded with a safe loader only: a post can never construct objects.
"""

from __future__ import annotations

from datetime import datetime

from pelican.readers import MarkdownReader
from pelican.utils import get_date
from wire_ingest.write import FrontMatterError as PostFrontMatterError
from wire_ingest.write import split_post

PASS_THROUGH = {"title", "slug", "summary", "date", "modified", "status", "template", "lang", "save_as", "url"}


class FrontMatterError(ValueError):
    pass


class YamlMarkdownReader(MarkdownReader):
    enabled = True
    file_extensions = ["md", "markdown"]

    def read(self, source_path):
        with open(source_path, encoding="utf-8") as fh:
            text = fh.read()
        front, body = split_front_matter(text)
        self._source_path = source_path
        if getattr(self, "_shared_md", None) is None:
            self._shared_md = self._make_markdown()  # building one costs more than converting a post
        self._md = self._shared_md.reset()
        content = self._md.convert(body)
        metadata = {}
        for name, value in front.items():
            key = str(name).lower()
            if key in ("date", "modified"):
                metadata[key] = _to_datetime(value)
            elif key == "summary":
                metadata[key] = _escape(str(value)) if value else ""
            elif key in PASS_THROUGH and value is not None:
                metadata[key] = self.process_metadata(key, str(value))
            else:
                metadata[key] = value
        return content, metadata

    def _make_markdown(self):
        from markdown import Markdown

        settings = dict(self.settings["MARKDOWN"])
        # the front matter is already split off: the meta extension would eat a first
        # paragraph such as "Officials: ..."
        configs = {k: v for k, v in settings.get("extension_configs", {}).items() if not k.endswith(".meta")}
        settings["extension_configs"] = configs
        settings["extensions"] = [e for e in settings.get("extensions", []) if not str(e).endswith("meta")]
        return Markdown(**settings)


def split_front_matter(text: str) -> tuple[dict, str]:
    """The ingest's own front-matter parser (safe YAML), plus what Pelican needs: a title."""
    try:
        front, body = split_post(text)
    except PostFrontMatterError as exc:
        raise FrontMatterError(str(exc)) from exc
    if not front.get("title"):
        raise FrontMatterError("the front matter has no title")
    return front, body


def _to_datetime(value) -> datetime:
    if isinstance(value, datetime):
        return value
    return get_date(str(value))


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
