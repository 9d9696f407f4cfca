"""The inbox: the raw wire files of this run, listed and compared with the raw index.

An inbox of 100,000 files is listed on every build, so the listing is one directory read and
one ``stat`` per file, and the comparison with what the raw index remembers (size, mtime and
inode of each file, and its hash) says which files must be read again. The run asks a forked
process for both (``Forked``) while it loads the post index: only keys and changed stamps come
back.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import NamedTuple

from .readers import SUFFIXES
from .report import Outcome


class Inbox(NamedTuple):
    """The raw files of this run, in path order, as the forked listing sends them back."""

    keys: list[str]  # paths relative to the site root, posix
    changed: dict[int, list]  # index in ``keys`` → stamp, for files the raw index does not know as they are
    skipped: list[Outcome]


def inbox_changes(root: Path, sources, remembered: dict) -> Inbox:
    """The listing (``list_raw_files``), compared with the raw index: only the files whose stamp
    changed are read again."""
    files, skipped = list_raw_files(root, sources)
    keys, changed = [], {}
    for i, (_, key, stamp) in enumerate(files):
        keys.append(key)
        row = remembered.get(key)
        if row is None or row[:3] != stamp:
            changed[i] = stamp
    return Inbox(keys, changed, skipped)


def list_raw_files(root: Path, sources) -> tuple[list[tuple[str, str, list]], list[Outcome]]:
    """(path, key, stamp) of every raw file under the sources (a suffix with a reader), in path
    order; what was refused. The stamp (size, mtime, inode) says whether the file's remembered
    hash still holds."""
    files: list[tuple[str, str, list]] = []
    skipped: list[Outcome] = []
    top = os.path.abspath(root) + os.sep
    for source in sources:
        if not source.is_dir():
            continue
        base = str(source.resolve()) + os.sep
        for name, entry in _walk(os.path.abspath(source)):
            key = name[len(top) :].replace(os.sep, "/") if name.startswith(top) else Path(name).as_posix()
            try:
                if entry.is_symlink():
                    if not os.path.realpath(name).startswith(base):
                        skipped.append(Outcome(key, "skipped", "symbolic link pointing outside the wire folder"))
                        continue
                    regular = os.path.isfile(name)
                else:
                    regular = entry.is_file(follow_symlinks=False)
                st = entry.stat() if regular else None
            except OSError:  # gone since the folder was read
                continue
            if st is None:
                skipped.append(Outcome(key, "skipped", "not a regular file"))
                continue
            files.append((name, key, [st.st_size, st.st_mtime_ns, st.st_ino]))
    return files, skipped


def _walk(folder: str):
    """(path, DirEntry) of the raw files under ``folder``, in path order (a folder's entries
    sorted by name, subfolders read where they sort; folder symlinks not followed)."""
    try:
        with os.scandir(folder) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        try:
            is_dir = entry.is_dir()
        except OSError:
            continue
        if is_dir:
            if not entry.is_symlink():
                yield from _walk(entry.path)
        elif entry.name.endswith(SUFFIXES):
            yield entry.path, entry


def inbox_changed(sources, indexed: int | None) -> bool:
    """Was a file added to, removed from or renamed in a wire folder (not a subfolder) since the
    last ingest saved its index of raw files (``indexed``, ns)? A few stats; the full answer is
    the listing."""
    if indexed is None:
        return False  # a first ingest: the listing decides
    for source in sources:
        try:
            if os.stat(source).st_mtime_ns > indexed:
                return True
        except OSError:
            continue
    return False


def raw_key(root: Path, path: Path) -> str:
    """A path relative to the site root, posix: how posts and reports name raw files."""
    text, top = os.path.abspath(path), os.path.abspath(root) + os.sep
    if text.startswith(top):
        return text[len(top) :].replace(os.sep, "/")
    return Path(path).as_posix()
