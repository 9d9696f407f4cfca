"""`make eval`: score the extractor on the development sets beside the repository.

Runs the same extraction as `make extract` on each set under EVAL (default ../shared/eval) and
prints score.py's summary line for each. The sets are research corpora used to measure only:
nothing from them is copied into the repository. Skips with a message when they are absent.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SETS = [
    ("reuters_dev", ["reuters", "--split", "ALL", "--min-salience", "0.5"]),
    ("conll_dev", ["conll"]),
    ("bbc_dev", ["topics", "--dataset", "bbc"]),
    ("bbc_short_dev", ["topics", "--dataset", "bbc"]),
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--eval-dir", type=Path, default=ROOT.parent / "shared" / "eval")
    parser.add_argument("--out", type=Path, default=ROOT / ".cache" / "eval")
    parser.add_argument("--only", nargs="*", help="set names to run (default: all)")
    args = parser.parse_args()
    score = args.eval_dir / "score.py"
    if not score.exists():
        print(f"eval: skipped: no development sets at {args.eval_dir} (score.py missing)")
        return 0
    args.out.mkdir(parents=True, exist_ok=True)
    for name, score_args in SETS:
        if args.only and name not in args.only:
            continue
        src = args.eval_dir / name
        if not src.is_dir():
            print(f"eval: {name}: skipped (not present)")
            continue
        out = args.out / f"{name}.jsonl"
        started = time.perf_counter()
        extract = subprocess.run(
            [sys.executable, "-m", "wire_ingest", "extract", str(src), str(out)], capture_output=True, text=True
        )
        if extract.returncode != 0:
            print(f"eval: {name}: extract failed\n{extract.stderr[-2000:]}")
            return 1
        took = time.perf_counter() - started
        scored = subprocess.run(
            [sys.executable, str(score), score_args[0], str(out), "--gold", str(src / "gold.jsonl"), *score_args[1:]],
            capture_output=True,
            text=True,
        )
        summary = (scored.stdout.strip().splitlines() or ["(no output)"])[-1]
        print(f"{name}: {extract.stdout.strip()}")
        print(f"{name}: {summary}  [{took:.0f} s]")
    return 0


if __name__ == "__main__":
    sys.exit(main())
