"""The entity index kept between builds, so a rebuild pays for the stories that changed only.

Building the index from every story (each name's facts, the evidence for surnames and acronyms)
and working out every bare surname's joins is the cold cost of resolution: seconds at 20,000
stories. Kept as one ``wire_core.kept.KeptDict`` of the index's flat entries (a story, a name's
count or facts, a key's evidence, a memo of joins), a rebuild loads it, adds and removes the
stories whose names changed, resolves with the memos, and writes only the entries it touched
to the journal. One file (base + journal) keeps the entries consistent with each other: a build
killed while saving leaves the last complete index.

Valid for one version of the code that made it (the resolver, the names knowledge): another
version starts from nothing.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

from ..kept import KeptDict
from ..runtime import collector_off
from . import institutions, names, nonentities, resolve
from .resolve import MISSING, EntityIndex, StoryNames

FORMAT = "1"


def index_version() -> str:
    digest = hashlib.sha256(FORMAT.encode())
    for module in (resolve, names, nonentities, institutions):
        digest.update(Path(module.__file__).read_bytes())
    return digest.hexdigest()[:16]


class KeptIndex:
    """``load`` the index, bring it up to date with ``sync``, resolve, then ``save`` it."""

    def __init__(self, path: Path | None):
        self.kept = KeptDict(path, index_version())
        self._flat: dict = {}

    def load(self) -> EntityIndex:
        with collector_off():  # tens of thousands of small records that live to the end of the build
            self._flat = self.kept.load()
            index = EntityIndex.from_entries(self._flat)
        index.dirty = set()
        return index

    def save(self, index: EntityIndex) -> None:
        flat = self._flat
        if not flat:  # nothing kept yet: every entry
            self._flat = dict(index.entries())
            self.kept.save(self._flat)
        else:
            for key in index.dirty:
                value = index.entry(key)
                if value is MISSING:
                    flat.pop(key, None)
                else:
                    flat[key] = value
            self.kept.save(flat, index.dirty)
        index.dirty = set()


def sync(index: EntityIndex, stories: Iterable[StoryNames]) -> int:
    """Bring the index to exactly these stories: add the new and changed ones, remove the ones
    that are gone. Returns how many it added or removed."""
    seen: set[str] = set()
    known = index.stories
    changed = 0
    for story in stories:
        seen.add(story.story)
        if known.get(story.story) != story:
            index.add(story)
            changed += 1
    for gone in known.keys() - seen:
        index.remove(gone)
        changed += 1
    return changed
