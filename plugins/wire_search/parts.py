"""One index part: what Pagefind wrote for a slice of the archive, made ready to merge.

Pagefind numbers a site's pages in the order it happens to read their files, so two runs over
the same pages give different bytes. Here a part's pages are renumbered in the order the
archive lists them (oldest first, as ``plan.py`` hands them), word variants are put in order
of their form, and every fragment is renamed by a digest of its bytes and moved into the
served bundle's ``fragment/`` folder: the same stories then give the same part, whatever the
run, and fragments of parts indexed apart never clash.

A part is kept as a pickle stream in the cache (``PartFile``): a header (version, meta fields,
pages, filters, sorts) and then its words in order, in blocks, so that the merge can read all
parts at once without holding them in memory. A word's pages are kept as the CBOR bytes
Pagefind's format wants (``Postings``): the merge joins them without decoding a single entry,
which is what makes merging a few thousand stories take a fraction of a second.
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Iterator
from operator import itemgetter
from pathlib import Path
from typing import NamedTuple

import cbor2

from .bundle import Meta, content_name, read_cbor, read_entry, read_fragment, read_meta

FORMAT = 2  # of the part files below
BLOCK = 2048  # words per pickled block


class Header(NamedTuple):
    format: int
    version: str  # Pagefind's
    language: str
    wasm: str | None  # which of Pagefind's WebAssembly files the language uses
    meta_fields: list[str]
    pages: list  # [[fragment name, word count], ...] in the archive's order
    filters: list  # [[filter, [[value, [page, ...]], ...]], ...]
    sorts: list  # [[sort, [page, ...]], ...]
    include_characters: list


class Postings(NamedTuple):
    """A word's pages in one part: ``count`` entries ``[page delta, locations, meta locations]``
    whose first page is ``first`` and last ``last`` (numbers within the part). ``head`` is the
    CBOR of the first entry without its page number, ``rest`` that of the other entries, so the
    merge writes ``[shifted first page] + head + rest`` for each part."""

    count: int
    first: int
    head: bytes
    rest: bytes
    last: int


class Word(NamedTuple):
    word: str
    postings: Postings
    variants: tuple  # ((form, Postings), ...) by form: the word with diacritics
    size: int  # what Pagefind counts to cut chunks: locations + entries


def page_url(save_as: str) -> str:
    """The URL Pagefind gives a page written at ``save_as`` (``index.html`` dropped)."""
    url = "/" + save_as.replace(os.sep, "/").lstrip("/")
    return url[: -len("index.html")] if url.endswith("/index.html") else url


def adopt(fresh: Path, fragments: Path, order: list[str], target: Path) -> list[Path]:
    """Turn the bundle Pagefind wrote in ``fresh`` into part files under ``target`` (one per
    language), moving its fragments into ``fragments``. ``order`` lists the part's page URLs
    in the archive's order. Returns the part files written."""
    entry = read_entry(fresh)
    position = {url: i for i, url in enumerate(order)}
    fragments.mkdir(parents=True, exist_ok=True)
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for language, info in sorted(entry.get("languages", {}).items()):
        meta = read_meta(fresh / f"pagefind.{info['hash']}.pf_meta")
        header, words = _canonical(fresh, meta, language, info.get("wasm"), entry, position, fragments)
        path = target / f"{language}.part"
        write_part(path, header, words)
        written.append(path)
    return written


def _canonical(fresh: Path, meta: Meta, language: str, wasm, entry: dict, position: dict, fragments: Path):
    names, urls = [], []
    seen: dict[str, tuple[str, str]] = {}  # Pagefind's name → (ours, URL)
    for name, _ in meta.pages:
        if name not in seen:  # Pagefind gives identical pages one fragment
            source = fresh / "fragment" / f"{name}.pf_fragment"
            data = source.read_bytes()
            ours = content_name(data)
            dest = fragments / f"{ours}.pf_fragment"
            if dest.exists():
                source.unlink()
            else:
                os.replace(source, dest)
            seen[name] = (ours, read_fragment(data).get("url", ""))
        names.append(seen[name][0])
        urls.append(seen[name][1])
    count = len(meta.pages)
    far = len(position)
    order = sorted(range(count), key=lambda old: (position.get(urls[old], far), urls[old], names[old]))
    new_of = [0] * count
    for new, old in enumerate(order):
        new_of[old] = new
    pages = [[names[old], meta.pages[old][1]] for old in order]
    filters = []
    for filter_name, chunk in meta.filters:
        _, values = read_cbor(fresh / "filter" / f"{chunk}.pf_filter")
        filters.append([filter_name, [[value, sorted(new_of[p] for p in found)] for value, found in values]])
    sorts = [[name, [new_of[p] for p in found]] for name, found in meta.sorts]
    header = Header(
        FORMAT, meta.version, language, wasm, list(meta.meta_fields), pages, filters, sorts,
        list(entry.get("include_characters") or []),
    )  # fmt: skip

    def words():
        for _, _, chunk in meta.index_chunks:
            (found,) = read_cbor(fresh / "index" / f"{chunk}.pf_index")
            for word, pages, variants in found:
                size = len(variants)
                _renumber(pages, new_of)
                for _, entries in variants:
                    _renumber(entries, new_of)
                    size += _size(entries)
                variants.sort(key=itemgetter(0))
                yield Word(
                    word, postings_of(pages), tuple((f, postings_of(e)) for f, e in variants), size + _size(pages)
                )

    return header, words()


def postings_of(entries: list) -> Postings:
    """``entries`` (page numbers as differences, the first from 0) as ``Postings``."""
    if not entries:
        return Postings(0, 0, b"", b"", 0)
    first = entries[0]
    head = cbor2.dumps(first[1:])[1:]  # the two lists, without the array's one-byte header
    rest = cbor2.dumps(entries[1:])[len(cbor_head(4, len(entries) - 1)) :]
    return Postings(len(entries), first[0], head, rest, sum(e[0] for e in entries))


def cbor_head(major: int, n: int) -> bytes:
    """The shortest CBOR header of major type ``major`` (0 uint, 3 text, 4 array) and value ``n``."""
    if n < 24:
        return bytes((major << 5 | n,))
    if n < 0x100:
        return bytes((major << 5 | 24, n))
    if n < 0x10000:
        return bytes((major << 5 | 25,)) + n.to_bytes(2, "big")
    if n < 0x100000000:
        return bytes((major << 5 | 26,)) + n.to_bytes(4, "big")
    return bytes((major << 5 | 27,)) + n.to_bytes(8, "big")


def _renumber(entries: list, new_of: list[int]) -> None:
    """A word's pages ([page delta, locations, meta locations], page numbers as differences
    from the previous entry) renumbered, in order of the new numbers, still as differences."""
    absolute = 0
    for entry in entries:
        absolute += entry[0]
        entry[0] = new_of[absolute]
    entries.sort(key=itemgetter(0))
    previous = 0
    for entry in entries:
        number = entry[0]
        entry[0] = number - previous
        previous = number


def _size(entries: list) -> int:
    """A word's weight in an index chunk, as Pagefind counts it to cut chunks."""
    return sum(len(e[1]) + len(e[2]) + 1 for e in entries)


def write_part(path: Path, header: Header, words) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(tmp, "wb") as fh:
        pickle.dump(tuple(header), fh, protocol=pickle.HIGHEST_PROTOCOL)
        block = []
        for word in words:  # plain tuples: named tuples unpickle several times slower
            block.append((word.word, tuple(word.postings), tuple((f, tuple(p)) for f, p in word.variants), word.size))
            if len(block) >= BLOCK:
                pickle.dump(block, fh, protocol=pickle.HIGHEST_PROTOCOL)
                block = []
        if block:
            pickle.dump(block, fh, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, path)


class PartFile:
    """A kept part: its header at once, its words as a stream."""

    def __init__(self, path: Path):
        self.path = path
        with open(path, "rb") as fh:
            found = pickle.load(fh)
        if not isinstance(found, tuple) or len(found) != len(Header._fields) or found[0] != FORMAT:
            raise ValueError(f"{path}: not an index part of this version")
        self.header = Header(*found)

    def words(self) -> Iterator[tuple]:
        """(word, postings, variants, size) as in ``Word``, as plain tuples, in word order."""
        with open(self.path, "rb") as fh:
            pickle.load(fh)  # the header
            while True:
                try:
                    block = pickle.load(fh)
                except EOFError:
                    return
                yield from block
