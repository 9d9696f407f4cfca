"""Which reader turns a raw wire file into a ``Story``: chosen by the file's suffix.

The inbox lists the files whose suffix has a reader (``SUFFIXES``), and the ingest and
``make extract`` read each one with ``read_story``. A new wire format (NITF, NewsML-G2, ninjs)
is a reader added to ``READERS``: bytes in, a ``Story`` out, ``READ_ERRORS`` for a file it
refuses (the file is then skipped with that message, and the run goes on).
"""

from __future__ import annotations

import os
from collections.abc import Callable

from .decode import DecodeError
from .parse import ParseError, parse_bytes
from .records import Story

READERS: dict[str, Callable[[bytes], Story]] = {
    ".txt": parse_bytes,  # wire copy as agencies send it: headline, teaser, dateline, body
}
SUFFIXES = tuple(READERS)
READ_ERRORS = (DecodeError, ParseError)


def read_story(name: str, data: bytes) -> Story:
    """The story in a raw file named ``name`` (a path or key: only its suffix counts)."""
    return READERS[os.path.splitext(name)[1]](data)
