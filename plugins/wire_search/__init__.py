"""Site search: Pagefind over the story pages, indexed in parts and served as a few tiers that
the search page searches newest first (``index.py``, ``plan.py``).

The archive generator announces its story pages with the ``archive_written`` signal (see
``wire_archive/plugin.py``); this plugin connects to it by name, so neither imports the other.
Pages mark what to index and filter on with ``data-pagefind-*``; the search page's script is
``themes/wire/static/js/search.js``.
"""

ARCHIVE_WRITTEN = "archive_written"


def index_archive(sender, *, output_path, cache_dir, stories, **_) -> None:
    """Bring the search index of ``output_path`` up to date with the archive's ``stories``."""
    import logging
    from pathlib import Path

    from .index import store_for, update_index
    from .pagefind import pagefind_binary

    settings = sender.settings
    if not settings.get("SEARCH_INDEX", True):
        return
    binary = pagefind_binary()
    if binary is None:
        logging.getLogger(__name__).warning("search: pagefind-bin is not installed; the site has no search index")
        return
    output = Path(output_path)
    update_index(
        binary,
        output,
        store_for(Path(cache_dir), output),
        stories,
        int(settings.get("SEARCH_SHARD_SIZE") or 4000),
        int(settings.get("SEARCH_TAIL_SIZE") or 500),
    )


def register():
    from blinker import signal

    signal(ARCHIVE_WRITTEN).connect(index_archive)
