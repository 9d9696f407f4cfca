"""What the ingest (``wire_ingest``) and the archive generator (``wire_archive``) share, so that
neither imports the other: the post file format and its one reader, slugs, the vocabularies both
name things by, dictionaries kept between builds, and how work is forked and the collector kept
out of the way. Plain Python, no Pelican; not a Pelican plugin itself."""
