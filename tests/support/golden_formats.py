"""Golden files for the wire-format readers: every specimen under tests/data/formats → what
``formats.read_items`` gives for it (each item's story and metadata, or the reason it has
none, or the file's refusal), as JSON in tests/golden/formats/.

``make golden`` regenerates them (review the diff); tests/ingest/test_formats.py compares. Empty
values are left out so that a file shows what the reader found.
"""

from __future__ import annotations

import dataclasses
import json
from datetime import datetime
from pathlib import Path

from tests.support import ROOT

SPECIMENS = ROOT / "tests" / "data" / "formats"
GOLDEN_FORMATS = ROOT / "tests" / "golden" / "formats"
SUFFIXES = (".txt", ".xml", ".nitf", ".json")


def specimen_paths() -> list[Path]:
    return sorted(p for p in SPECIMENS.rglob("*") if p.suffix in SUFFIXES and p.is_file())


def golden_name(path: Path) -> str:
    return "__".join(path.relative_to(SPECIMENS).parts) + ".json"


def render_reader(path: Path) -> str:
    from wire_ingest.decode import DecodeError
    from wire_ingest.formats import FormatError, read_items
    from wire_ingest.parse import ParseError

    try:
        items = read_items(path.read_bytes(), path.name)
    except (FormatError, DecodeError, ParseError) as exc:
        value: object = {"error": str(exc)}
    else:
        value = [_compact(dataclasses.asdict(item)) for item in items]
    return json.dumps(value, ensure_ascii=False, indent=1, default=_default) + "\n"


def _compact(value):
    if isinstance(value, dict):
        return {k: _compact(v) for k, v in value.items() if v not in (None, (), [], "", False)}
    if isinstance(value, list | tuple):
        return [_compact(v) for v in value]
    return value


def _default(value):
    if isinstance(value, datetime):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} in a golden file")


def write_goldens() -> tuple[int, int]:
    GOLDEN_FORMATS.mkdir(parents=True, exist_ok=True)
    rendered = {golden_name(p): render_reader(p) for p in specimen_paths()}
    for stale in GOLDEN_FORMATS.glob("*.json"):
        if stale.name not in rendered:
            stale.unlink()
    changed = 0
    for name, text in rendered.items():
        target = GOLDEN_FORMATS / name
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")
            changed += 1
    return len(rendered), changed
