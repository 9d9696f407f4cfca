"""schema.org NewsArticle JSON-LD for an article page, safe to embed in a <script> element."""

from __future__ import annotations

import json

from markupsafe import Markup


def news_article_jsonld(article, sitename: str, siteurl: str) -> Markup:
    base = (siteurl or "").rstrip("/")
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": _plain(article.title)[:110],
        "datePublished": article.date.isoformat(),
        "url": f"{base}/{article.url}" if base else f"/{article.url}",
        "description": _plain(getattr(article, "summary", "")),
        "publisher": {"@type": "Organization", "name": sitename},
        "about": [{"@type": "Country", "name": c.name, "identifier": c.code} for c in getattr(article, "countries", [])]
        + [_entity("Person", article, p) for p in getattr(article, "people", [])],
        "mentions": [_entity("Organization", article, o) for o in getattr(article, "organizations", [])]
        + [{"@type": "Country", "name": c.name} for c in getattr(article, "countries_mentioned", [])],
        "keywords": [t.name for t in getattr(article, "topics", [])],
    }
    places = getattr(getattr(article, "dateline", None), "places", None)
    if places:
        data["dateline"] = " / ".join(str(p) for p in places)
    source = getattr(article, "source", None)
    if source:
        data["sourceOrganization"] = {"@type": "Organization", "name": str(source)}
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    # "</script>" or "<!--" inside a value must not end the element
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def _entity(kind: str, article, term) -> dict:
    """A person or organisation by its canonical name, with ``alternateName``: the acronym and
    the other names this story wrote for it (``Reagan``, ``IMF``)."""
    found = {"@type": kind, "name": term.name}
    other = article.also_named(term) if hasattr(article, "also_named") else ()
    if other:
        found["alternateName"] = list(other)
    return found


def _plain(value) -> str:
    import html
    import re

    return html.unescape(re.sub(r"<[^>]+>", "", str(value or "")))
