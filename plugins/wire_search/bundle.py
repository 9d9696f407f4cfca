"""Pagefind's bundle files, read and written: the format of the pinned Pagefind (1.5).

A bundle is what Pagefind writes for a site: ``pagefind-entry.json`` (version and, per
language, the name of its metadata file and its page count), and per language
``pagefind.<hash>.pf_meta`` (the pages with their word counts, the word range of each index
chunk, one file per filter, the page order of each sort, the names of the meta fields), word
index chunks ``index/<hash>.pf_index``, one ``filter/<hash>.pf_filter`` per filter and one
``fragment/<hash>.pf_fragment`` per page (its URL, text, filters and meta as JSON). Every file
but the entry is the signature ``pagefind_dcd`` followed by CBOR (fragments: JSON), gzipped.
The browser side finds every file through the entry and the metadata, so files may be named by
anything unique: here by a digest of their content.

Nothing here knows about HTML; ``merge.py`` uses these to join index parts into one bundle.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
import os
import zlib
from pathlib import Path
from typing import NamedTuple

import cbor2

SIGNATURE = b"pagefind_dcd"
ENTRY = "pagefind-entry.json"
# what the browser loads from the bundle besides the index itself (Pagefind's UI bundles are
# not used: the theme has its own, see themes/wire/static/js/search.js)
RUNTIME = ("pagefind.js", "pagefind-worker.js")


class Meta(NamedTuple):
    """A language's ``pf_meta``, as Pagefind 1.5 encodes it (a CBOR array in this order)."""

    version: str
    pages: list  # [[fragment name, word count], ...] by page number
    index_chunks: list  # [[first word, last word, chunk name], ...] in word order
    filters: list  # [[filter, chunk name], ...]
    sorts: list  # [[sort, [page numbers in ascending order of the sort's values]], ...]
    meta_fields: list  # names of the meta fields; field ids in an index's meta locations refer to it


def unpack(data: bytes, what: str = "file"):
    """The object in a bundle file's bytes (gzipped or not)."""
    if not data.startswith(SIGNATURE):
        try:
            data = zlib.decompress(data, 47)  # gzip or zlib header
        except zlib.error as exc:
            raise ValueError(f"{what}: not a Pagefind file ({exc})") from None
        if not data.startswith(SIGNATURE):
            raise ValueError(f"{what}: not a Pagefind file (no signature)")
    return data[len(SIGNATURE) :]


def read_cbor(path: Path):
    return cbor2.loads(unpack(path.read_bytes(), str(path)))


def read_meta(path: Path) -> Meta:
    found = read_cbor(path)
    if not isinstance(found, list) or len(found) != len(Meta._fields):
        raise ValueError(f"{path}: not the metadata of a Pagefind 1.5 index")
    return Meta(*found)


def read_fragment(data: bytes) -> dict:
    return json.loads(unpack(data, "fragment"))


def pack(payload: bytes, level: int = 6) -> bytes:
    """Signature + payload, gzipped without a time stamp (the same bytes on every build)."""
    return gzip.compress(SIGNATURE + payload, compresslevel=level, mtime=0)


def pack_cbor(obj, level: int = 6) -> bytes:
    return pack(cbor2.dumps(obj), level)


def content_name(data: bytes, prefix: str = "") -> str:
    """A file name from a digest of the bytes: 10 base-32 characters (50 bits), as short as
    Pagefind's own ``en_`` + 7 hex digits but safe across parts indexed apart."""
    raw = hashlib.blake2b(data, digest_size=10).digest()
    return prefix + base64.b32encode(raw).decode("ascii").lower()[:10]


def write_atomic(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def read_entry(root: Path) -> dict:
    with open(root / ENTRY, encoding="utf-8") as fh:
        return json.load(fh)
