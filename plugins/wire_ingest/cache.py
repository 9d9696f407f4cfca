"""Extraction cache: raw file hash + extractor fingerprint → metadata, in one SQLite file.

SQLite gives atomic writes (an interrupted ingest leaves no half entry) and one file instead
of tens of thousands; the key includes the fingerprint, so a changed extractor never reads
stale results.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import asdict
from pathlib import Path

from .records import CountryTag, Metadata, OrganizationTag, PersonTag, PlaceTag, Refusal, TopicTag


class ExtractionCache:
    def __init__(self, path: Path | None):
        self.path = path
        self._db = None
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            try:
                self._db = sqlite3.connect(str(path), timeout=30)
                self._db.execute("CREATE TABLE IF NOT EXISTS extraction (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
            except sqlite3.DatabaseError:
                path.unlink(missing_ok=True)  # a corrupt cache is only a cache
                self._db = sqlite3.connect(str(path), timeout=30)
                self._db.execute("CREATE TABLE IF NOT EXISTS extraction (key TEXT PRIMARY KEY, value TEXT NOT NULL)")

    def get(self, sha256: str, fingerprint: str) -> Metadata | None:
        if self._db is None:
            return None
        row = self._db.execute("SELECT value FROM extraction WHERE key = ?", (f"{fingerprint}:{sha256}",)).fetchone()
        return metadata_from_dict(json.loads(row[0])) if row else None

    def put_many(self, items: list[tuple[str, str, Metadata]]) -> None:
        if self._db is None or not items:
            return
        with self._db:
            self._db.executemany(
                "INSERT OR REPLACE INTO extraction (key, value) VALUES (?, ?)",
                [(f"{fp}:{sha}", json.dumps(asdict(md), ensure_ascii=False)) for sha, fp, md in items],
            )

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None


def metadata_from_dict(data: dict) -> Metadata:
    return Metadata(
        countries=tuple(CountryTag(**c) for c in data["countries"]),
        people=tuple(PersonTag(**p) for p in data["people"]),
        organizations=tuple(OrganizationTag(**o) for o in data["organizations"]),
        places=tuple(PlaceTag(**p) for p in data["places"]),
        topics=tuple(TopicTag(**t) for t in data["topics"]),
        keywords=tuple(data["keywords"]),
        refused=tuple(Refusal(**r) for r in data.get("refused", ())),
    )
