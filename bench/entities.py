"""`python -m bench.entities --n 20000`: how long archive-wide name resolution takes.

A synthetic archive of N stories' names (no text: resolution reads names, dates, countries and
topics only), written the ways wire copy writes them: full names and bare surnames, headline
capitals, Reuters' brackets, legal suffixes, possessives, ``Long Name (ABBR)`` definitions and
bare acronyms, non-entities. Measures a cold index plus resolution, and one new story added to a
kept index plus resolution (what a rebuild pays), several times; prints the spread.
"""

from __future__ import annotations

import argparse
import cProfile
import random
import statistics
import tempfile
import time
from pathlib import Path

from wire_core.entities.kept_index import KeptIndex, sync
from wire_core.entities.resolve import StoryNames, build_index, resolve

from .corpus import Picker

SYLLABLES = [
    "ka",
    "lo",
    "mi",
    "ren",
    "sa",
    "to",
    "vi",
    "bel",
    "dor",
    "fen",
    "gar",
    "hol",
    "jun",
    "kes",
    "lam",
    "nor",
    "pri",
    "quin",
    "ros",
    "tal",
    "ven",
    "wik",
    "yar",
    "zel",
]
SUFFIXES = ["Inc", "Corp", "Co", "Plc", "AG", "Ltd"]
JUNK = ["Shr", "Net", "GMT", "Dlrs", "Buy", "Budget"]
COUNTRIES = [
    "US",
    "GB",
    "FR",
    "DE",
    "JP",
    "CN",
    "IN",
    "PK",
    "KE",
    "NG",
    "BR",
    "MX",
    "TR",
    "RU",
    "AU",
    "CA",
    "IT",
    "ES",
    "ZA",
    "EG",
]
TOPICS = [f"medtop:{i:02d}000000" for i in range(1, 18)]


def _word(rng: random.Random, parts: int = 2) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts)).capitalize()


def make_archive(n: int, seed: int = 7) -> list[StoryNames]:
    rng = random.Random(seed)
    people = Picker([f"{_word(rng)} {_word(rng, 3)}" for _ in range(max(200, n // 2))], s=1.05)
    orgs = []
    for _ in range(max(100, n // 12)):
        words = [_word(rng) for _ in range(rng.choice((2, 3, 3, 4)))]
        orgs.append(" ".join(words))
    org_picker = Picker(orgs, s=1.05)
    stories = []
    for i in range(n):
        day = 737_000 + int(i * 1800 / n)
        written_people = []
        for _ in range(rng.randint(1, 4)):
            name = people.pick(rng)
            r = rng.random()
            written_people.append(name.split()[-1] if r < 0.15 else name.upper() if r < 0.17 else name)
        written_orgs = []
        for _ in range(rng.randint(1, 4)):
            name = org_picker.pick(rng)
            acronym = "".join(w[0] for w in name.split()).upper()
            r = rng.random()
            if r < 0.10:
                name = f"{name} ({acronym})"
            elif r < 0.18:
                name = acronym
            elif r < 0.24:
                name = f"{name} {rng.choice(SUFFIXES)}>"
            elif r < 0.28:
                name = name.upper()
            elif r < 0.30:
                name = f"{name}'s"
            written_orgs.append(name)
        if rng.random() < 0.05:
            written_orgs.append(rng.choice(JUNK))
        stories.append(
            StoryNames(
                f"posts/story-{i}.md",
                day,
                tuple(rng.sample(COUNTRIES, rng.randint(1, 3))),
                tuple(rng.sample(TOPICS, rng.randint(1, 3))),
                tuple(dict.fromkeys(written_people)),
                tuple(dict.fromkeys(written_orgs)),
            )
        )
    return stories


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--profile", action="store_true", help="a cProfile of one rebuild with the kept index")
    args = parser.parse_args()
    stories = make_archive(args.n + 1)
    archive, new = stories[:-1], stories[-1]
    cold, warm, kept_cold, kept_warm = [], [], [], []
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "entities.pickle"
        for _ in range(args.repeat):
            started = time.perf_counter()
            index = build_index(archive)
            resolution = resolve(index)
            cold.append(time.perf_counter() - started)
            started = time.perf_counter()
            index.add(new)
            resolve(index)
            warm.append(time.perf_counter() - started)
            index.remove(new.story)
            # what a build pays: the index kept in the site cache (load, bring up to date, resolve, save)
            path.unlink(missing_ok=True)
            path.with_name(path.name + ".journal").unlink(missing_ok=True)
            kept_cold.append(_kept_build(path, archive))
            kept_warm.append(_kept_build(path, [*archive, new]))
            _kept_build(path, archive)  # and back, for the next round
        if args.profile:
            local = {"path": path, "archive": archive, "new": new}
            cProfile.runctx("_kept_build(path, [*archive, new])", globals(), local, sort="cumulative")
    names = sum(len(c) for c in index.counts.values())
    print(
        f"entities: {args.n} stories, {names} written names, {len(resolution.entities)} entities, "
        f"{len(resolution.decisions)} decisions"
    )
    for label, times in (
        ("cold index + resolve (in memory)", cold),
        ("one story added + resolve (in memory)", warm),
        ("a first build: index made, resolved, saved", kept_cold),
        ("a rebuild with one new story: kept index loaded, synced, resolved, saved", kept_warm),
    ):
        print(f"  {label}: median {statistics.median(times):.3f} s, {min(times):.3f}-{max(times):.3f} s")
    return 0


def _kept_build(path: Path, stories: list[StoryNames]) -> float:
    started = time.perf_counter()
    kept = KeptIndex(path)
    index = kept.load()
    sync(index, stories)
    resolve(index)
    kept.save(index)
    return time.perf_counter() - started


if __name__ == "__main__":
    raise SystemExit(main())
