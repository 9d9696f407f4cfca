"""sitemap.xml: every listed story, the index and archive pages, and the term pages with enough
stories to be worth indexing (thin term pages carry ``noindex`` and stay out).

The protocol allows 50,000 addresses a file: a larger archive gets a sitemap index
(``sitemap.xml``) pointing at numbered parts (``sitemaps/1.xml``, ...), oldest stories first,
so that a new story changes only the last part."""

from __future__ import annotations

from xml.sax.saxutils import escape

PER_FILE = 50_000
NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


def _loc(site: str, url: str) -> str:
    return escape(f"{site}/{url}" if site else f"/{url}")


def urlset(site: str, urls: list[tuple[str, str | None]]) -> str:
    lines = ['<?xml version="1.0" encoding="utf-8"?>', f'<urlset xmlns="{NS}">']
    for url, lastmod in urls:
        modified = f"<lastmod>{lastmod}</lastmod>" if lastmod else ""
        lines.append(f"<url><loc>{_loc(site, url)}</loc>{modified}</url>")
    lines.append("</urlset>\n")
    return "\n".join(lines)


def sitemap_files(site: str, urls: list[tuple[str, str | None]], per_file: int = PER_FILE) -> dict[str, list]:
    """Output path → the (url, lastmod) rows it lists; ``sitemap.xml`` is an index when needed."""
    site = (site or "").rstrip("/")
    if len(urls) <= per_file:
        return {"sitemap.xml": urls}
    parts = {f"sitemaps/{i // per_file + 1}.xml": urls[i : i + per_file] for i in range(0, len(urls), per_file)}
    return {"sitemap.xml": [(path, None) for path in parts], **parts}


def render_sitemap(site: str, rows: list, index: bool) -> str:
    site = (site or "").rstrip("/")
    if not index:
        return urlset(site, rows)
    lines = ['<?xml version="1.0" encoding="utf-8"?>', f'<sitemapindex xmlns="{NS}">']
    lines += [f"<sitemap><loc>{_loc(site, part)}</loc></sitemap>" for part, _ in rows]
    lines.append("</sitemapindex>\n")
    return "\n".join(lines)
