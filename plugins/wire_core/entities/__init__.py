"""What the ingest and the archive generator both know about people's and organisations' names.

``names`` (the written forms of one name), ``nonentities`` (names that are no one),
``institutions`` (generic institutions such as ``Finance Ministry``) shape what the extractor
tags; ``resolve`` turns the names of the whole archive into one entity each when the site is
built, and ``editors`` reads the editors' word on it (``content/entities.yaml``). Plain Python,
no Pelican, no import of either plugin.
"""
