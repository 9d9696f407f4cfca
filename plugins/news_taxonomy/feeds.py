"""Atom feeds: the whole archive (newest stories, with their text) and one per term (newest
stories, with their summaries: a feed reader subscribed to a person wants the headlines)."""

from __future__ import annotations

from datetime import datetime
from urllib.parse import urlsplit
from xml.sax.saxutils import escape, quoteattr


def absolute(site: str, path: str) -> str:
    """A link for a feed: absolute when the site has an address, else from the site root."""
    path = path.lstrip("/")
    return f"{site.rstrip('/')}/{path}" if site else f"/{path}"


def tag_uri(site: str, path: str, when: datetime) -> str:
    """A stable Atom id (RFC 4151) that does not depend on where the site is served."""
    host = urlsplit(site).hostname if site else None
    return f"tag:{host or 'wire-archive'},{when.date().isoformat()}:/{path.lstrip('/')}"


def atom_feed(
    title: str,
    site: str,
    page_url: str,
    feed_url: str,
    entries: list,
    author: str = "",
    lang: str = "en",
    content=None,
) -> str:
    """``entries`` are article views (newest first); ``content(view)`` gives an entry's HTML, or
    None for summary-only entries."""
    updated = entries[0].date if entries else datetime(1970, 1, 1).astimezone()
    parts = [
        '<?xml version="1.0" encoding="utf-8"?>\n',
        f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang={quoteattr(lang)}>',
        f"<title>{escape(title)}</title>",
        f'<link href={quoteattr(absolute(site, page_url))} rel="alternate"/>',
        f'<link href={quoteattr(absolute(site, feed_url))} rel="self"/>',
        f"<id>{escape(absolute(site, page_url) if site else tag_uri(site, page_url, updated))}</id>",
        f"<updated>{updated.isoformat()}</updated>",
    ]
    for view in entries:
        link = absolute(site, view.url)
        parts.append("<entry>")
        parts.append(f"<title>{escape(view.title)}</title>")
        parts.append(f'<link href={quoteattr(link)} rel="alternate"/>')
        parts.append(f"<published>{view.date.isoformat()}</published><updated>{view.date.isoformat()}</updated>")
        parts.append(f"<author><name>{escape(view.source or author or 'Wire desk')}</name></author>")
        parts.append(f"<id>{escape(tag_uri(site, view.url, view.date))}</id>")
        parts.append(f'<summary type="html">{escape(str(view.summary))}</summary>')
        html = content(view) if content else None
        if html is not None:
            parts.append(f'<content type="html">{escape(str(html))}</content>')
        for term in view.topics:
            parts.append(f"<category term={quoteattr(term.name)}/>")
        parts.append("</entry>")
    parts.append("</feed>\n")
    return "".join(parts)
