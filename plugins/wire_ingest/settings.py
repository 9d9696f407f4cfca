"""The ingest's settings, read from the Pelican settings dict (``pelicanconf.py``).

| setting | default | meaning |
|---|---|---|
| WIRE_SOURCES | None | folders to ingest; None: the inbox once it holds a file, else WIRE_FALLBACK |
| WIRE_INBOX | "content/wire" | where editors drop wire files |
| WIRE_FALLBACK | ["seeds"] | the sample corpus, ingested while the inbox is empty |
| WIRE_POSTS_DIR | "content/posts" | where tagged posts are written |
| WIRE_OVERRIDES | "content/entities.yaml" | editors' archive-wide corrections |
| WIRE_CACHE | ".cache/extract.sqlite" | extraction cache |
| WIRE_WORKERS | number of cores | processes used to extract |
| WIRE_NOW | None | the time embargoes are compared with (ISO 8601; the environment variable wins) |
| WIRE_EXTRACT_SCHEDULER | None | a Dask scheduler to extract on (``tcp://host:8786``), or ``local`` |
| WIRE_EXTRACT_TIMEOUT | 30 | seconds to reach the scheduler, and to wait for a worker able to extract |

Without ``WIRE_NOW`` the clock is read, once per run and only when a story is embargoed.

``local`` starts a cluster of two worker processes on this machine; None keeps the built-in pool.
The two ``WIRE_EXTRACT_*`` settings are overridden by environment variables of the same name
(``make ingest SCHEDULER=...`` sets the first).
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

from .ingest import IngestSettings
from .readers import SUFFIXES

SCHEDULER_VARIABLE = "WIRE_EXTRACT_SCHEDULER"
TIMEOUT_VARIABLE = "WIRE_EXTRACT_TIMEOUT"


def ingest_settings(config: dict, root: Path) -> IngestSettings:
    def path(name: str, default: str) -> Path:
        value = Path(config.get(name, default))
        return value if value.is_absolute() else root / value

    def folder(name: str) -> Path:
        return Path(name) if Path(name).is_absolute() else root / name

    listed = config.get("WIRE_SOURCES")
    if listed:
        sources = tuple(folder(s) for s in listed)
    else:  # the inbox once it holds a wire file, else the sample corpus
        inbox = folder(config.get("WIRE_INBOX", "content/wire"))
        has_wire = inbox.is_dir() and any(p.name.endswith(SUFFIXES) for p in inbox.rglob("*"))
        sources = (inbox,) if has_wire else tuple(folder(s) for s in config.get("WIRE_FALLBACK", ["seeds"]))
    return IngestSettings(
        root=root,
        sources=sources,
        posts_dir=path("WIRE_POSTS_DIR", "content/posts"),
        cache_path=path("WIRE_CACHE", ".cache/extract.sqlite"),
        overrides_path=path("WIRE_OVERRIDES", "content/entities.yaml"),
        conflicts_dir=path("WIRE_CONFLICTS_DIR", ".cache/conflicts"),
        n_process=int(config.get("WIRE_WORKERS", os.cpu_count() or 1)),
        now=fixed_now(os.environ.get("WIRE_NOW") or config.get("WIRE_NOW")),
        scheduler=os.environ.get(SCHEDULER_VARIABLE) or config.get(SCHEDULER_VARIABLE) or None,
        scheduler_timeout=float(os.environ.get(TIMEOUT_VARIABLE) or config.get(TIMEOUT_VARIABLE) or 30),
    )


def fixed_now(value) -> datetime | None:
    """``WIRE_NOW`` as a time (UTC when it names no zone): a build that sets it releases the
    same embargoed items whenever it runs."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        stamp = value
    else:
        try:
            stamp = datetime.fromisoformat(str(value).strip())
        except ValueError:
            raise ValueError(f"WIRE_NOW {value!r} is not an ISO 8601 time (2026-03-04T09:00:00+01:00)") from None
    return stamp if stamp.tzinfo else stamp.replace(tzinfo=UTC)
