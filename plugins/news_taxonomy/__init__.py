"""News taxonomies: countries, people, organisations and topics as first-class Pelican objects,
with index pages, paginated term pages, per-term feeds, related stories and a sitemap."""


def register():
    from .plugin import connect

    connect()
