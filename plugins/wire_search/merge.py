"""Index parts joined into one Pagefind bundle, as if Pagefind had indexed their stories at once.

Pagefind keeps a whole index in memory while it builds it and cannot add to one, so the archive
is indexed in parts, and the parts are merged into the few tiers the search page searches
(``plan.py``). The merge is a k-way merge of the parts' words, which are sorted in every part:
a word's pages are the parts' page lists one after the other, page numbers shifted by the pages
of the parts before (only the first entry of each part's list changes: the rest are differences
from the previous entry, so they are copied as the CBOR bytes the part keeps). Filters are
joined value by value; the date order is the archive's own order, in which the pages are
numbered.

Chunks are cut where Pagefind would cut them (by the same count of locations) and every file is
named by a digest of its content, so an unchanged chunk keeps its name and its bytes.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Iterator
from pathlib import Path

import cbor2

from .bundle import Meta, content_name, pack, write_atomic
from .parts import PartFile, cbor_head, postings_of

CHUNK_SIZE = 20_000  # locations (+ entries) per index chunk, Pagefind's own default
ARRAY1, ARRAY2, ENTRY3 = b"\x81", b"\x82", b"\x83"  # CBOR arrays of 1, 2, 3 items


class Merged:
    """What a merge wrote for one language."""

    def __init__(self, meta_name: str, pages: int, files: set[str]):
        self.meta_name = meta_name  # the metadata file is pagefind.<meta_name>.pf_meta
        self.pages = pages
        self.files = files  # paths under the bundle of every metadata, index and filter file


def merge_parts(
    parts: list[PartFile],
    root: Path,
    chronological: Iterable[str] = ("date",),
    chunk_size: int = CHUNK_SIZE,
    level: int = 6,
    fragments: str = "",
) -> Merged:
    """Join ``parts`` (one language, in the archive's order) into the bundle at ``root``.

    Sorts named in ``chronological`` follow the page numbers, i.e. the archive's listing order;
    any other sort is each part's own order, the parts one after another. ``level`` is the gzip
    level of the files written; ``fragments`` is put before every fragment name (Pagefind loads
    ``<bundle>/fragment/<name>.pf_fragment``: "../../fragment/" makes bundles in folders next to
    each other share one fragment folder beside them)."""
    headers = [p.header for p in parts]
    language = headers[0].language
    offsets, total = [], 0
    for h in headers:
        offsets.append(total)
        total += len(h.pages)
    meta_fields = sorted(set().union(*(h.meta_fields for h in headers)))
    remaps = [None if h.meta_fields == meta_fields else [meta_fields.index(f) for f in h.meta_fields] for h in headers]
    (root / "index").mkdir(parents=True, exist_ok=True)
    (root / "filter").mkdir(parents=True, exist_ok=True)
    files: set[str] = set()

    def write(folder: str, ext: str, payload: bytes) -> str:
        name = f"{language}_{content_name(payload + bytes((level,)))}"  # the same name, the same bytes
        path = root / folder / f"{name}.{ext}"
        files.add(f"{folder}/{name}.{ext}")
        if not path.exists():
            write_atomic(path, pack(payload, level))
        return name

    chunks: list[list] = []  # [first word, last word, name]
    block: list[bytes] = []
    first_word = last_word = ""
    size = 0

    def flush():
        payload = ARRAY1 + cbor_head(4, len(block)) + b"".join(block)
        chunks.append([first_word, last_word, write("index", "pf_index", payload)])

    streams = [_tagged(part.words(), j, remaps[j]) for j, part in enumerate(parts)]
    for word, encoded, word_size in _joined(heapq.merge(*streams), offsets):
        if not block:
            first_word = word
        block.append(encoded)
        last_word = word
        size += word_size
        if size >= chunk_size:
            flush()
            block, size = [], 0
    if block:
        flush()
    _trim_ranges(chunks)

    filters = []
    for name, values in sorted(_joined_filters(headers, offsets).items()):
        payload = cbor2.dumps([name, sorted(values.items())])
        filters.append([name, write("filter", "pf_filter", payload)])
    sorts = _joined_sorts(headers, offsets, set(chronological))
    pages = [[fragments + name, words] for h in headers for name, words in h.pages]
    meta = Meta(headers[0].version, pages, chunks, filters, sorts, meta_fields)
    payload = cbor2.dumps(list(meta))
    meta_name = f"{language}_{content_name(payload + bytes((level,)))}"
    path = root / f"pagefind.{meta_name}.pf_meta"
    files.add(path.name)
    if not path.exists():
        write_atomic(path, pack(payload, level))
    return Merged(meta_name, total, files)


def _tagged(words: Iterator[tuple], j: int, remap: list[int] | None):
    """(word, part, postings, variants, size): heapq.merge orders by word, then by part."""
    for word, postings, variants, size in words:
        if remap is not None:
            postings = _remap_fields(postings, remap)
            variants = tuple((form, _remap_fields(p, remap)) for form, p in variants)
        yield word, j, postings, variants, size


def _remap_fields(postings: tuple, remap: list[int]) -> tuple:
    """Meta locations name their field by its index (as ``-(id + 1)``) in the part's list of
    meta fields; the merged list is the union of them all. (Parts of one site almost always
    have the same fields; this decodes the entries only when they do not.)"""
    count, first, head, rest, last = postings
    if not count:
        return postings
    entries = [[first, *cbor2.loads(b"\x82" + head)], *cbor2.loads(cbor_head(4, count - 1) + rest)]
    for entry in entries:
        entry[2] = [-remap[-x - 1] - 1 if x < 0 else x for x in entry[2]]
    return tuple(postings_of(entries))


def _joined(merged, offsets: list[int]):
    """One (word, CBOR of the merged word, size) per word, its parts' entries one after the
    other."""
    current, group = None, []
    for word, j, postings, variants, size in merged:
        if word != current:
            if group:
                yield _join(current, group, offsets)
            current, group = word, []
        group.append((offsets[j], postings, variants, size))
    if group:
        yield _join(current, group, offsets)


def _join(word: str, group: list, offsets: list[int]) -> tuple:
    count, body = _concat([(offset, postings) for offset, postings, _, _ in group])
    forms: dict[str, list] = {}
    for offset, _, variants, _ in group:
        for form, postings in variants:
            forms.setdefault(form, []).append((offset, postings))
    out = [ENTRY3, _text(word), cbor_head(4, count), body, cbor_head(4, len(forms))]
    for form in sorted(forms):
        n, joined = _concat(forms[form])
        out += [ARRAY2, _text(form), cbor_head(4, n), joined]
    return word, b"".join(out), sum(g[3] for g in group)


def _concat(lists: list[tuple[int, tuple]]) -> tuple[int, bytes]:
    """Postings of several parts, each shifted by its offset, as one list of entries whose page
    numbers are differences: only the first entry of each part changes."""
    out: list[bytes] = []
    total = last = 0
    for offset, (count, first, head, rest, end) in lists:
        if not count:
            continue
        out += [ENTRY3, cbor_head(0, first + offset - last), head, rest]
        total += count
        last = offset + end
    return total, b"".join(out)


def _text(s: str) -> bytes:
    data = s.encode("utf-8")
    return cbor_head(3, len(data)) + data


def _trim_ranges(chunks: list[list]) -> None:
    """Pagefind's chunk ranges: the boundary between two chunks is the shortest prefixes that
    tell their last and first words apart (a query's prefix then finds every chunk it needs)."""
    for a, b in zip(chunks, chunks[1:], strict=False):
        common = 0
        for x, y in zip(b[0], a[1], strict=False):
            if x != y:
                break
            common += 1
        to, start = a[1][: common + 1], b[0][: common + 1]
        if to >= a[0]:
            a[1] = to
        b[0] = start


def _joined_filters(headers, offsets: list[int]) -> dict[str, dict[str, list[int]]]:
    out: dict[str, dict[str, list[int]]] = {}
    for h, offset in zip(headers, offsets, strict=True):
        for name, values in h.filters:
            joined = out.setdefault(name, {})
            for value, pages in values:
                joined.setdefault(value, []).extend([p + offset for p in pages])
    return out


def _joined_sorts(headers, offsets: list[int], chronological: set[str]) -> list:
    out: dict[str, list[int]] = {}
    for h, offset in zip(headers, offsets, strict=True):
        for name, pages in h.sorts:
            found = sorted(pages) if name in chronological else pages
            out.setdefault(name, []).extend([p + offset for p in found])
    return [[name, pages] for name, pages in sorted(out.items())]
