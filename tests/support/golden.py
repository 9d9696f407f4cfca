"""Golden files: every seed wire story → the tagged post the ingest writes for it (a file of
several items, a NewsML-G2 message or a ninjs array, gives one golden post per item with a story).

``make golden`` regenerates tests/golden/*.md after an intended change (review the diff);
tests/ingest/test_golden.py checks that the pipeline still gives exactly these files. The date and
the extractor fingerprint are fixed so that the files show only what the stages produce.
"""

from __future__ import annotations

import re
import sys
from datetime import UTC, datetime
from pathlib import Path

from tests.support import ROOT, SEEDS

GOLDEN = ROOT / "tests" / "golden"
FIXED_REFERENCE = datetime(2025, 12, 31, tzinfo=UTC)


def seed_paths() -> list[Path]:
    from wire_ingest.readers import SUFFIXES

    return sorted(p for p in SEEDS.iterdir() if p.name.endswith(SUFFIXES))


def golden_name(path: Path, key: str) -> str:
    """``016_lisbon-trams.md``; an item of a file of several: ``018_tokyo-message__<key>.md``."""
    return path.stem + ("__" + re.sub(r"[^A-Za-z0-9._-]+", "_", key) if key else "") + ".md"


def render_golden(paths: list[Path], extractor) -> dict[str, str]:
    from wire_ingest.dateline import resolve_date
    from wire_ingest.dates import choose_date
    from wire_ingest.extract import extract_many
    from wire_ingest.merge import merge_item_metadata
    from wire_ingest.planning import new_slug
    from wire_ingest.readers import read_items
    from wire_ingest.write import WireRef, render_post

    found = [(path, item) for path in paths for item in read_items(path.name, path.read_bytes()) if item.story]
    metadata = extract_many([item.story for _, item in found], extractor)
    out: dict[str, str] = {}
    taken: set[str] = set()
    for (path, item), md in zip(found, metadata, strict=True):
        story, meta = item.story, item.meta
        if meta is not None and meta.date is not None:
            date = meta.date
        else:
            text_date = resolve_date(story.dateline.date_text if story.dateline else None, FIXED_REFERENCE.date())
            date, _ = choose_date(text_date, FIXED_REFERENCE, 0)
        source = item.source(f"seeds/{path.name}")
        slug = new_slug(story.headline, source, taken)
        taken.add(slug)
        merged, provenance = merge_item_metadata(story, meta, md, extractor.overrides)
        wire = WireRef.of_item(f"seeds/{path.name}", item.key, item.digest, "golden", meta)
        story_id = meta.guid if meta is not None and meta.guid else None
        post = render_post(story, merged, slug, date, wire, story_id, meta, provenance)
        out[golden_name(path, item.key)] = post.text
    return out


def main() -> int:
    sys.path.insert(0, str(ROOT / "plugins"))
    from wire_ingest.extract import load_extractor

    GOLDEN.mkdir(exist_ok=True)
    rendered = render_golden(seed_paths(), load_extractor())
    for stale in GOLDEN.glob("*.md"):
        if stale.name not in rendered:
            stale.unlink()
    changed = 0
    for name, text in rendered.items():
        target = GOLDEN / name
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")
            changed += 1
    print(f"golden: {len(rendered)} files, {changed} changed in {GOLDEN.relative_to(ROOT)}")
    from tests.support.golden_formats import GOLDEN_FORMATS, write_goldens

    count, changed = write_goldens()
    print(f"golden: {count} files, {changed} changed in {GOLDEN_FORMATS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
