"""Wire ingest: raw wire text → tagged Markdown posts (parse → extract → write).

The stages import no Pelican; only ``register`` (called by Pelican) touches it.
"""


def register():
    from .pelican_plugin import connect

    connect()
