"""``make extract``: metadata of a folder of raw wire files as JSON Lines (docs/formats.md).

No Pelican, no posts written: the same parse and extract stages as the ingest, for measuring
the extractor and for other tools. A file that cannot be parsed gives ``{"source", "error"}``.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from .dateline import resolve_date
from .dates import first_commit_dates, reference_date
from .pool import ExtractionPool
from .readers import READ_ERRORS, SUFFIXES, read_story
from .records import Metadata, Story
from .write import dateline_fields


def extract_folder(src: Path, out: Path, workers: int = 1) -> tuple[int, int, int]:
    """Write one JSON object per raw file under ``src``; returns (files, errors, words).

    Files are parsed here while the workers start and extract: the stories go to the
    extraction pool as soon as they are parsed."""
    paths = sorted(p for suffix in SUFFIXES for p in src.rglob(f"*{suffix}") if p.is_file())
    root = _git_root(src)
    committed = first_commit_dates(root, [src]) if root else {}
    rows: list[dict] = []
    stories: dict[int, Story] = {}
    pool = ExtractionPool(workers=workers)
    for path in paths:
        rel = path.relative_to(src).as_posix()
        try:
            story = read_story(path.name, path.read_bytes())
        except (OSError, *READ_ERRORS) as exc:
            rows.append({"source": rel, "error": str(exc)})
            continue
        key = path.resolve().relative_to(root).as_posix() if root else None
        when = committed.get(key) if key else None
        date = resolve_date(
            story.dateline.date_text if story.dateline else None, reference_date(when, path.stat().st_mtime)
        )
        rows.append({"source": rel, "date": date.isoformat() if date else (when.isoformat() if when else None)})
        stories[len(rows) - 1] = story
        pool.add(len(rows) - 1, story)
    words = 0
    for i, md in pool.results():
        story = stories.pop(i)
        words += len(story.text.split())
        if md is None:
            rows[i] = {"source": rows[i]["source"], "error": "the extractor failed on this story (see the log)"}
        else:
            rows[i] = to_json_record(rows[i]["source"], rows[i]["date"], story, md)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".part")
    with open(tmp, "w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    os.replace(tmp, out)
    return len(paths), sum(1 for r in rows if "error" in r), words


def to_json_record(source: str, date: str | None, story: Story, md: Metadata) -> dict:
    return {
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


def _git_root(path: Path) -> Path | None:
    for parent in (path.resolve(), *path.resolve().parents):
        if (parent / ".git").exists():
            return parent
    return None
