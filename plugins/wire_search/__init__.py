"""Site search: run Pagefind over the built site (binary shipped in the pinned ``pagefind-bin``
wheel; no network). Pages mark what to index and filter on with ``data-pagefind-*``."""


def register():
    from .pagefind import connect

    connect()
