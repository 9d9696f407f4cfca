"""Dictionaries kept between builds: a base file plus a journal of what changed since.

The archive remembers tens of thousands of entries (the ingest's indexes of raw files and
posts; the site's posts, page fingerprints, related stories); a build that adds one story
changes a few hundred of them. Rewriting everything each time cost more than the build's own
work, so a save writes only the journal of changed entries, and the base is rewritten once the
journal holds a fifth of the entries. Both files are replaced
atomically and carry the same token, so a build killed between the two writes leaves an
ignored journal, never a mixture.
"""

from __future__ import annotations

import logging
import os
import pickle
import secrets
from pathlib import Path

log = logging.getLogger(__name__)
_MISSING = object()


class KeptDict:
    """A dictionary saved as base + journal under ``path`` (None: kept nowhere), valid for
    one ``version`` of the code that made it: another version loads as empty."""

    def __init__(self, path: Path | None, version: str):
        self.path = path
        self.version = version
        self._base: dict = {}
        self._journal: tuple[dict, set] = ({}, set())  # changed entries, deleted keys
        self._token = ""
        self._loaded: dict = {}

    @property
    def journal_path(self) -> Path | None:
        return self.path.with_name(self.path.name + ".journal") if self.path else None

    def exists(self) -> bool:
        """Is there anything kept (a first build has nothing to load)?"""
        return self.path is not None and self.path.exists()

    def saved_ns(self) -> int | None:
        """When it was last saved (base or journal, nanoseconds), or None if never."""
        times = []
        for path in (self.path, self.journal_path) if self.path else ():
            try:
                times.append(os.stat(path).st_mtime_ns)
            except OSError:
                continue
        return max(times) if times else None

    def load(self) -> dict:
        """The remembered entries (a new dict the caller may change and then ``save``)."""
        base = _read(self.path)
        if not base or base.get("version") != self.version:
            self._base, self._token, self._journal = {}, "", ({}, set())
        else:
            self._base, self._token = base["data"], base["token"]
            journal = _read(self.journal_path)
            ok = journal and journal.get("version") == self.version and journal.get("token") == self._token
            self._journal = (journal["changed"], journal["deleted"]) if ok else ({}, set())
        data = dict(self._base)
        data.update(self._journal[0])
        for key in self._journal[1]:
            data.pop(key, None)
        self._loaded = dict(data)
        return data

    def save(self, data: dict, changed_keys=None) -> None:
        """Save ``data``: the entries that differ from what was loaded (or last saved) go to the
        journal. With ``changed_keys`` the caller says which entries changed (its values may
        have changed in place), and nothing else is compared."""
        if self.path is None:
            return
        loaded = self._loaded
        fresh = {}
        if changed_keys is None:
            for key, value in data.items():
                old = loaded.get(key, _MISSING)
                if old is not value and old != value:
                    fresh[key] = value
            gone = loaded.keys() - data.keys()
        else:
            fresh = {k: data[k] for k in changed_keys if k in data}
            gone = {k for k in changed_keys if k not in data and k in loaded}
        if not fresh and not gone and self._token:
            return  # nothing new since the last save
        base = self._base
        changed = {k: v for k, v in {**self._journal[0], **fresh}.items() if k not in gone}
        deleted = (self._journal[1] | gone) - fresh.keys()
        deleted = {k for k in deleted if k in base}
        changed = {k: v for k, v in changed.items() if k in fresh or base.get(k, _MISSING) is not v}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            if not self._token or (len(changed) + len(deleted)) * 5 > max(len(data), 1):
                self._token = secrets.token_hex(8)
                _write(self.path, {"version": self.version, "token": self._token, "data": data})
                self.journal_path.unlink(missing_ok=True)
                self._base, self._journal = dict(data), ({}, set())
            else:
                journal = {"version": self.version, "token": self._token, "changed": changed, "deleted": deleted}
                _write(self.journal_path, journal)
                self._journal = (changed, deleted)
            self._loaded = dict(data)
        except OSError as exc:
            log.warning("could not save %s: %s", self.path, exc)


def _read(path: Path | None):
    if path is None:
        return None
    try:
        with open(path, "rb") as fh:
            data = pickle.load(fh)
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, TypeError, ValueError, ImportError):
        return None
    return data if isinstance(data, dict) else None


def _write(path: Path, data: dict) -> None:
    tmp = path.with_name(path.name + ".part")
    with open(tmp, "wb") as fh:
        pickle.dump(data, fh, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, path)
