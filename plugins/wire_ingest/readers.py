"""Which reader turns a raw wire file into its stories: the seam between the inbox and the
formats.

The inbox lists the files whose suffix is a wire suffix (``SUFFIXES``: ``.txt``, ``.xml``,
``.nitf``, ``.json``; a name test, no system call), and the ingest and ``make extract`` read each
one with ``read_items``. Which reader parses it is decided by its content
(``formats.read_items``: wire text, NITF, NewsML-G2 or ninjs), and a file gives one
``WireItem`` per story (a NewsML-G2 message or a ninjs array several). ``READ_ERRORS`` are the
refusals of a whole file (the file is then skipped with that message, and the run goes on); an
item that gives no story carries its reason in ``WireItem.error``.
"""

from __future__ import annotations

from .decode import DecodeError
from .formats import WIRE_SUFFIXES, FormatError
from .formats import read_items as _read_items
from .parse import ParseError
from .records import WireItem

SUFFIXES = WIRE_SUFFIXES
READ_ERRORS = (DecodeError, ParseError, FormatError)


def read_items(name: str, data: bytes) -> tuple[WireItem, ...]:
    """The stories in a raw file named ``name`` (a path or key: its suffix says how cautious the
    content sniffing is, see ``formats.sniff``)."""
    return _read_items(data, name)
