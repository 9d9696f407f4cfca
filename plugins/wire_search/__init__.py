"""Site search: Pagefind over the story pages, in index parts that are rebuilt only when their
stories change (binary shipped in the pinned ``pagefind-bin`` wheel; no network). Pages mark
what to index and filter on with ``data-pagefind-*``."""


def get_generators(pelican):
    from .pagefind import SearchIndexGenerator

    return SearchIndexGenerator


def register():
    from pelican import signals

    signals.get_generators.connect(get_generators)
