"""sitemap.xml: every article, the index and archive pages, and the term pages that have enough
stories to be worth indexing (thin term pages carry ``noindex`` and stay out)."""

from __future__ import annotations

import os
from pathlib import Path
from xml.sax.saxutils import escape

from .terms import KINDS, PLURAL


def write_sitemap(output_path: str, context: dict, taxonomy, min_indexed: int) -> Path:
    site = (context.get("SITEURL") or "").rstrip("/")
    urls: list[tuple[str, str | None]] = [("", None), ("archive/", None)]
    urls += [(f"{PLURAL[kind]}/", None) for kind in KINDS]
    for article in context.get("articles", []):
        urls.append((article.url, article.date.date().isoformat()))
    for kind in KINDS:
        for entry in taxonomy.terms(kind):
            if entry.count >= min_indexed:
                urls.append((entry.term.url, entry.latest_date.date().isoformat()))
    lines = ['<?xml version="1.0" encoding="utf-8"?>', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for url, lastmod in urls:
        loc = f"{site}/{url}" if site else f"/{url}"
        lines.append(f"<url><loc>{escape(loc)}</loc>" + (f"<lastmod>{lastmod}</lastmod>" if lastmod else "") + "</url>")
    lines.append("</urlset>\n")
    path = Path(output_path) / "sitemap.xml"
    os.makedirs(path.parent, exist_ok=True)
    path.write_text("\n".join(lines), encoding="utf-8")
    return path
