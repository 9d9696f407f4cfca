"""``python -m bench.formats [--repeat R]``: how long the wire-format readers take on each
specimen, and how long each hostile input takes to be refused (the safety target is "well
under a second"). Prints min / median / max in milliseconds over R runs in this process; the
machine is shared, so the spread matters more than any one figure.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPECIMENS = ROOT / "tests" / "data" / "formats"


def cases() -> list[tuple[str, bytes, str]]:
    from wire_ingest.decode import MAX_BYTES
    from wire_ingest.safexml import MAX_ELEMENTS

    files = sorted(p for p in SPECIMENS.rglob("*") if p.suffix in (".txt", ".xml", ".nitf", ".json"))
    out = [(p.relative_to(SPECIMENS).as_posix(), p.read_bytes(), p.name) for p in files]
    out += [
        ("generated/oversized.xml", b"<nitf><p>" + b"x" * (MAX_BYTES + 1) + b"</p></nitf>", "huge.xml"),
        ("generated/many-elements.xml", b"<nitf>" + b"<p/>" * (MAX_ELEMENTS + 1) + b"</nitf>", "many.xml"),
        ("generated/nested.json", b"[" * 100_000 + b"]" * 100_000, "deep.json"),
        ("generated/oversized.json", b'{"uri": "u", "body_text": "' + b"x" * (MAX_BYTES + 1) + b'"}', "huge.json"),
    ]
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench.formats", description=__doc__)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT / "plugins"))
    from wire_core.mediatopics import load_media_topics
    from wire_ingest.formats import read_items

    load_media_topics()  # the tables load once per process; measure the readers
    read_items((SPECIMENS / "ninjs" / "accra-cocoa-2.1.json").read_bytes(), "warm.json")
    sys.stdout.write(f"{'input':70} {'result':8} {'min':>8} {'median':>8} {'max':>8}  ms\n")
    for label, raw, name in cases():
        times, result = [], ""
        for _ in range(args.repeat):
            started = time.perf_counter()
            try:
                items = read_items(raw, name)
                result = f"{sum(1 for i in items if i.story)}/{len(items)} ok"
            except ValueError:
                result = "refused"
            times.append((time.perf_counter() - started) * 1000)
        sys.stdout.write(f"{label:70} {result:8} {min(times):8.2f} {statistics.median(times):8.2f} {max(times):8.2f}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
