"""The ingest's settings, read from the Pelican settings dict (``pelicanconf.py``).

| setting | default | meaning |
|---|---|---|
| WIRE_SOURCES | ["seeds"] | folders whose ``*.txt`` files are ingested |
| WIRE_POSTS_DIR | "content/posts" | where tagged posts are written |
| WIRE_OVERRIDES | "content/entities.yaml" | editors' archive-wide corrections |
| WIRE_CACHE | ".cache/extract.sqlite" | extraction cache |
| WIRE_WORKERS | number of cores | processes used to extract |
"""

from __future__ import annotations

import os
from pathlib import Path

from .ingest import IngestSettings


def ingest_settings(config: dict, root: Path) -> IngestSettings:
    def path(name: str, default: str) -> Path:
        value = Path(config.get(name, default))
        return value if value.is_absolute() else root / value

    sources = tuple(root / s if not Path(s).is_absolute() else Path(s) for s in config.get("WIRE_SOURCES", ["seeds"]))
    return IngestSettings(
        root=root,
        sources=sources,
        posts_dir=path("WIRE_POSTS_DIR", "content/posts"),
        cache_path=path("WIRE_CACHE", ".cache/extract.sqlite"),
        overrides_path=path("WIRE_OVERRIDES", "content/entities.yaml"),
        conflicts_dir=path("WIRE_CONFLICTS_DIR", ".cache/conflicts"),
        n_process=int(config.get("WIRE_WORKERS", os.cpu_count() or 1)),
    )
