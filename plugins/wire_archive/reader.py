"""Pelican's reader for hand-written pages (``content/pages``): Markdown with YAML front matter,
read by the one post reader (``wire_core.front_matter``) and rendered with the site's Markdown
settings by the archive's body renderer. The front matter is loaded with a safe loader only: a
page can never construct objects.
"""

from __future__ import annotations

from pelican.readers import MarkdownReader
from wire_core.front_matter import parse_date, read_post
from wire_core.post_file import FrontMatterError, escape_html

from .body import BodyRenderer

PASS_THROUGH = {"title", "slug", "summary", "date", "modified", "status", "template", "lang", "save_as", "url"}


class YamlMarkdownReader(MarkdownReader):
    enabled = True
    file_extensions = ["md", "markdown"]

    def read(self, source_path):
        with open(source_path, encoding="utf-8") as fh:
            front, body = read_post(fh.read())
        if not front.title:
            raise FrontMatterError("the front matter has no title")
        self._source_path = source_path
        if getattr(self, "_body", None) is None:
            self._body = BodyRenderer(self.settings["MARKDOWN"])  # one Markdown instance, reused
        content = self._body.markdown(body)
        metadata = {}
        for name, value in front.fields.items():
            key = str(name).lower()
            if key in ("date", "modified"):
                found = parse_date(value)
                if found is None:
                    raise FrontMatterError(f"the {key} {value!r} cannot be read")
                metadata[key] = found
            elif key == "summary":
                metadata[key] = escape_html(str(value)) if value else ""
            elif key in PASS_THROUGH and value is not None:
                metadata[key] = self.process_metadata(key, str(value))
            else:
                metadata[key] = value
        return content, metadata
