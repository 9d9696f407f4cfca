"""`make eval`: score the extractor on the development sets.

Two kinds of set:

* the research corpora beside the repository (EVAL, default ../shared/eval): runs the same
  extraction as `make extract` on each and prints score.py's summary line. They are used to
  measure only: nothing from them is copied into the repository. Skipped when absent.
* the repository's own names sets (tests/data/names/dev, heldout and blind): fictional wire items
  written for this project with gold people and organisations, scored here (`score_names`).
  The heldout half is never tuned on: its errors are printed only with --heldout-errors.
  The blind set was written apart from the extractor and is scored in aggregate only: no flag
  prints its errors or its per-class figures (tests/data/names/blind/README.md).

Gold of a names set (gold.jsonl, one object per item): "people" and "organizations" are lists
of entries, an entry being one name or alternatives joined by "|" (any of them counts);
"optional" lists names that are neither rewarded nor penalised (a museum, a league).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SETS = [
    ("reuters_dev", ["reuters", "--split", "ALL", "--min-salience", "0.5"]),
    ("conll_dev", ["conll"]),
    ("bbc_dev", ["topics", "--dataset", "bbc"]),
    ("bbc_short_dev", ["topics", "--dataset", "bbc"]),
]
NAMES_DIR = ROOT / "tests" / "data" / "names"
NAME_SETS = [
    ("names_dev", NAMES_DIR / "dev"),
    ("names_heldout", NAMES_DIR / "heldout"),
    ("names_blind", NAMES_DIR / "blind"),
]
# the option that lists a set's errors; a set not named here (names_blind) never shows them
ERROR_FLAGS = {"names_dev": "errors", "names_heldout": "heldout_errors"}


def normalise(name: str) -> str:
    """NFC, single spaces: "Şahin" written with a combining cedilla is the same name."""
    return " ".join(unicodedata.normalize("NFC", name).split())


def org_forms(name: str) -> set[str]:
    """A predicted organisation matches by its name, its long form or its acronym:
    "International Atomic Energy Agency (IAEA)" is also "International Atomic Energy Agency" and "IAEA"."""
    name = normalise(name)
    forms = {name}
    if name.endswith(")") and " (" in name:
        long, _, short = name[:-1].rpartition(" (")
        forms |= {long, short}
    return {f.casefold() for f in forms}


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class NamesScore:
    people: Tally
    organizations: Tally
    by_class: dict[str, Tally]
    items: int
    missing: int

    def summary(self) -> str:
        p, o = self.people, self.organizations
        return (
            f"people_p={p.precision:.3f} people_r={p.recall:.3f} people_f1={p.f1:.3f} "
            f"org_p={o.precision:.3f} org_r={o.recall:.3f} n={self.items} n_people={p.tp + p.fn} "
            f"n_orgs={o.tp + o.fn} missing={self.missing}"
        )


def score_names(predictions: list[dict], gold: list[dict]) -> NamesScore:
    """People: exact names (NFC, whitespace-normalised; case and accents count). A gold person
    found twice under two spellings counts the second as a false positive (two pages for one
    person). Organisations: case-insensitive, by name, long form or acronym; precision counts
    every predicted organisation that is neither gold nor optional as false."""
    by_file = {Path(p["source"]).name: p for p in predictions if "error" not in p}
    people, orgs = Tally(), Tally()
    by_class: dict[str, Tally] = defaultdict(Tally)
    missing = 0
    for item in gold:
        pred = by_file.get(item["file"])
        if pred is None:
            missing += 1
            pred = {}
        optional = {normalise(n).casefold() for n in item.get("optional", [])}
        entries = [{normalise(a) for a in e.split("|")} for e in item["people"]]
        matched: set[int] = set()
        item_tally = Tally()
        for person in pred.get("people", []):
            name = normalise(person["name"])
            hit = next((i for i, e in enumerate(entries) if name in e), None)
            if hit is None:
                if name.casefold() in optional:
                    continue
                item_tally.fp += 1
                item_tally.errors.append(f"{item['file']}: FP person {name!r}")
            elif hit in matched:
                item_tally.fp += 1
                item_tally.errors.append(f"{item['file']}: FP person {name!r} (a second name for one person)")
            else:
                matched.add(hit)
                item_tally.tp += 1
        for i, e in enumerate(entries):
            if i not in matched:
                item_tally.fn += 1
                item_tally.errors.append(f"{item['file']}: FN person {sorted(e)[0]!r}")
        for tally in (people, *(by_class[c] for c in item.get("classes", []))):
            tally.tp += item_tally.tp
            tally.fp += item_tally.fp
            tally.fn += item_tally.fn
        people.errors += item_tally.errors
        org_entries = [{a.casefold() for a in map(normalise, e.split("|"))} for e in item["organizations"]]
        found: set[int] = set()
        for org in pred.get("organizations", []):
            forms = org_forms(org["name"])
            hits = [i for i, e in enumerate(org_entries) if forms & e]
            if hits:
                found.update(hits)  # counted once per gold entry below
            elif not forms & optional:
                orgs.fp += 1
                orgs.errors.append(f"{item['file']}: FP org {org['name']!r}")
        orgs.tp += len(found)
        for i in range(len(org_entries)):
            if i not in found:
                orgs.fn += 1
                orgs.errors.append(f"{item['file']}: FN org {item['organizations'][i]!r}")
    return NamesScore(people, orgs, dict(by_class), len(gold), missing)


def read_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def without_errors(path: Path) -> None:
    """Leave out the lines of files the extractor could not read, which score.py cannot score."""
    rows = read_jsonl(path)
    with open(path, "w", encoding="utf-8") as fh:
        fh.writelines(json.dumps(row, ensure_ascii=False) + "\n" for row in rows if "error" not in row)


def run_extract(src: Path, out: Path) -> tuple[str, float] | None:
    started = time.perf_counter()
    extract = subprocess.run(
        [sys.executable, "-m", "wire_ingest", "extract", str(src), str(out)], capture_output=True, text=True
    )
    if extract.returncode != 0:
        print(f"eval: {src.name}: extract failed\n{extract.stderr[-2000:]}")
        return None
    return extract.stdout.strip(), time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--eval-dir", type=Path, default=ROOT.parent / "shared" / "eval")
    parser.add_argument("--out", type=Path, default=ROOT / ".cache" / "eval")
    parser.add_argument("--only", nargs="*", help="set names to run (default: all)")
    parser.add_argument("--errors", action="store_true", help="list the errors on names_dev")
    parser.add_argument("--heldout-errors", action="store_true", help="list the errors on names_heldout too")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    score = args.eval_dir / "score.py"
    if not score.exists():
        print(f"eval: research sets skipped: none at {args.eval_dir} (score.py missing)")
    for name, score_args in SETS if score.exists() else []:
        if args.only and name not in args.only:
            continue
        src = args.eval_dir / name
        if not src.is_dir():
            print(f"eval: {name}: skipped (not present)")
            continue
        out = args.out / f"{name}.jsonl"
        ran = run_extract(src, out)
        if ran is None:
            return 1
        without_errors(out)  # a set's own files (stats.json) are not stories; a story that failed is "missing"
        scored = subprocess.run(
            [sys.executable, str(score), score_args[0], str(out), "--gold", str(src / "gold.jsonl"), *score_args[1:]],
            capture_output=True,
            text=True,
        )
        summary = (scored.stdout.strip().splitlines() or ["(no output)"])[-1]
        print(f"{name}: {ran[0]}")
        print(f"{name}: {summary}  [{ran[1]:.0f} s]")
    for name, src in NAME_SETS:
        if args.only and name not in args.only:
            continue
        out = args.out / f"{name}.jsonl"
        ran = run_extract(src, out)
        if ran is None:
            return 1
        result = score_names(read_jsonl(out), read_jsonl(src / "gold.jsonl"))
        print(f"{name}: {result.summary()}  [{ran[1]:.0f} s]")
        flag = ERROR_FLAGS.get(name)
        if flag is None:
            continue  # blind: aggregate figures only
        classes = " ".join(f"{c}={t.recall:.2f}/{t.precision:.2f}" for c, t in sorted(result.by_class.items()))
        print(f"{name}: people recall/precision by class: {classes}")
        if getattr(args, flag):
            for line in result.people.errors + result.organizations.errors:
                print(f"  {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
