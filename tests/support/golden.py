"""Golden files: every seed wire item → the tagged post the ingest writes for it.

``make golden`` regenerates tests/golden/*.md after an intended change (review the diff);
tests/ingest/test_golden.py checks that the pipeline still gives exactly these files. The date and
the extractor fingerprint are fixed so that the files show only what the stages produce.
"""

from __future__ import annotations

import hashlib
import sys
from datetime import UTC, datetime
from pathlib import Path

from tests.support import ROOT, SEEDS

GOLDEN = ROOT / "tests" / "golden"
FIXED_REFERENCE = datetime(2025, 12, 31, tzinfo=UTC)


def render_golden(paths: list[Path], extractor) -> dict[str, str]:
    from wire_ingest.dateline import resolve_date
    from wire_ingest.dates import choose_date
    from wire_ingest.extract import extract_many
    from wire_ingest.parse import parse_bytes
    from wire_ingest.planning import new_slug
    from wire_ingest.write import WireRef, render_post

    raws = [p.read_bytes() for p in paths]
    stories = [parse_bytes(raw) for raw in raws]
    metadata = extract_many(stories, extractor)
    out: dict[str, str] = {}
    taken: set[str] = set()
    for path, raw, story, md in zip(paths, raws, stories, metadata, strict=True):
        text_date = resolve_date(story.dateline.date_text if story.dateline else None, FIXED_REFERENCE.date())
        date, _ = choose_date(text_date, FIXED_REFERENCE, 0)
        slug = new_slug(story.headline, f"seeds/{path.name}", taken)
        taken.add(slug)
        wire = WireRef(f"seeds/{path.name}", hashlib.sha256(raw).hexdigest(), "golden")
        out[path.stem + ".md"] = render_post(story, md, slug, date, wire).text
    return out


def main() -> int:
    sys.path.insert(0, str(ROOT / "plugins"))
    from wire_ingest.extract import load_extractor

    GOLDEN.mkdir(exist_ok=True)
    rendered = render_golden(sorted(SEEDS.glob("*.txt")), load_extractor())
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
