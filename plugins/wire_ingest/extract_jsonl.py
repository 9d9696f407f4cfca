"""``make extract``: metadata of a folder of raw wire files as JSON Lines (docs/formats.md).

No Pelican, no posts written: the same parse and extract stages as the ingest, for measuring
the extractor and for other tools. Every format is read (``readers.read_items``): a plain-text
file gives one object, a NewsML-G2 message or a ninjs array one per item (``source`` is then
``path#key``). A structured item's own metadata is used over the extractor's (``merge.py``) and
its object says which values came from the item. A file or item that cannot be read gives
``{"source", "error"}``.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from .dateline import resolve_date
from .dates import first_commit_dates, reference_date
from .merge import merge_item_metadata
from .pool import ExtractionPool
from .readers import READ_ERRORS, SUFFIXES, read_items
from .records import ItemMeta, Metadata, Provenance, Story
from .write import dateline_fields


def extract_folder(src: Path, out: Path, workers: int = 1) -> tuple[int, int, int]:
    """Write one JSON object per story of every wire file under ``src`` (``*.txt``, ``*.xml``,
    ``*.nitf``, ``*.json``); returns (files, errors, words).

    Files are parsed here while the workers start and extract: the stories go to the
    extraction pool as soon as they are parsed."""
    paths = sorted(p for p in src.rglob("*") if p.name.endswith(SUFFIXES) and p.is_file())
    root = _git_root(src)
    committed = first_commit_dates(root, [src]) if root else {}
    rows: list[dict] = []
    stories: dict[int, tuple[Story, ItemMeta | None]] = {}
    pool = ExtractionPool(workers=workers)
    for path in paths:
        rel = path.relative_to(src).as_posix()
        try:
            items = read_items(path.name, path.read_bytes())
        except (OSError, *READ_ERRORS) as exc:
            rows.append({"source": rel, "error": str(exc)})
            continue
        for item in items:
            source = item.source(rel)
            if item.story is None:
                rows.append({"source": source, "error": item.error or "no story in the item"})
                continue
            story, meta = item.story, item.meta
            if meta is not None and meta.date is not None:
                date = meta.date.isoformat()  # the item says when, with its time zone
            else:
                key = path.resolve().relative_to(root).as_posix() if root else None
                when = committed.get(key) if key else None
                day = resolve_date(
                    story.dateline.date_text if story.dateline else None, reference_date(when, path.stat().st_mtime)
                )
                date = day.isoformat() if day else (when.isoformat() if when else None)
            rows.append({"source": source, "date": date})
            stories[len(rows) - 1] = (story, meta)
            pool.add(len(rows) - 1, story)
    words = 0
    for i, md in pool.results():
        story, meta = stories.pop(i)
        words += len(story.text.split())
        if md is None:
            rows[i] = {"source": rows[i]["source"], "error": "the extractor failed on this story (see the log)"}
        else:
            merged, provenance = merge_item_metadata(story, meta, md)
            rows[i] = to_json_record(rows[i]["source"], rows[i]["date"], story, merged, meta, provenance)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".part")
    with open(tmp, "w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    os.replace(tmp, out)
    return len(paths), sum(1 for r in rows if "error" in r), words


def to_json_record(
    source: str,
    date: str | None,
    story: Story,
    md: Metadata,
    meta: ItemMeta | None = None,
    provenance: Provenance | None = None,
) -> dict:
    record = {
        "source": source,
        "title": story.headline,
        "date": date,
        "dateline": dateline_fields(story.dateline),
        "countries": [{"code": c.code, "name": c.name, "salience": c.salience} for c in md.countries],
        "people": [{"name": p.name, "mentions": p.mentions, "salience": p.salience} for p in md.people],
        "organizations": [{"name": o.name, "mentions": o.mentions} for o in md.organizations],
        "places": [{"name": p.name, "country": p.country} for p in md.places],
        "topics": [{"code": t.code, "label": t.label, "score": t.score} for t in md.topics],
        "keywords": list(md.keywords),
    }
    if meta is not None:
        record["item"] = {
            "format": meta.format,
            "format_version": meta.format_version,
            "guid": meta.guid,
            "version": meta.version,
            "status": meta.status,
            "embargoed": meta.embargoed.isoformat()
            if meta.embargoed
            else ("until further notice" if meta.embargo_open else None),
            "language": meta.language,
            "source": meta.provider,
        }
        record["from_item"] = provenance.as_dict() if provenance else {}
    return record


def _git_root(path: Path) -> Path | None:
    for parent in (path.resolve(), *path.resolve().parents):
        if (parent / ".git").exists():
            return parent
    return None
