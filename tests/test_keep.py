"""Caches kept as base + journal give back exactly what was saved, build after build."""

from __future__ import annotations

import random

from wire_archive.search import part_ranges
from wire_core.kept import KeptDict


def test_kept_dict_round_trips_through_many_builds(tmp_path):
    rng = random.Random(3)
    path = tmp_path / "kept.pickle"
    truth: dict = {}
    for build in range(60):
        kept = KeptDict(path, "v1")  # a new process each build
        data = kept.load()
        assert data == truth, build
        for _ in range(rng.choice([0, 1, 3, 40])):
            op = rng.random()
            key = f"k{rng.randrange(80)}"
            if op < 0.6:
                data[key] = (build, rng.random())
            elif data:
                data.pop(rng.choice(sorted(data)))
        kept.save(data)
        truth = dict(data)
    assert path.exists()


def test_a_small_change_writes_the_journal_not_the_base(tmp_path):
    path = tmp_path / "kept.pickle"
    kept = KeptDict(path, "v1")
    kept.load()
    kept.save({f"k{i}": i for i in range(1000)})
    base = path.read_bytes()
    kept = KeptDict(path, "v1")
    data = kept.load()
    data["k5"] = -5
    del data["k6"]
    kept.save(data)
    assert path.read_bytes() == base
    assert path.with_name(path.name + ".journal").exists()
    again = KeptDict(path, "v1").load()
    assert again["k5"] == -5 and "k6" not in again and len(again) == 999


def test_another_version_or_a_broken_file_starts_empty(tmp_path):
    path = tmp_path / "kept.pickle"
    kept = KeptDict(path, "v1")
    kept.load()
    kept.save({"a": 1})
    assert KeptDict(path, "v2").load() == {}
    path.write_bytes(b"not a pickle")
    assert KeptDict(path, "v1").load() == {}


def test_search_parts_full_ones_then_small_ones_for_the_newest():
    assert part_ranges(0, 4000, 500) == []
    assert part_ranges(1200, 4000, 500) == [(0, 500, 500), (500, 1000, 500), (1000, 1200, 500)]
    parts = part_ranges(9100, 4000, 500)
    assert parts[:2] == [(0, 4000, 4000), (4000, 8000, 4000)]
    assert parts[2:] == [(8000, 8500, 500), (8500, 9000, 500), (9000, 9100, 500)]
    for n in range(1, 9000, 37):  # one more story changes only the last part (or completes a full one)
        before, after = part_ranges(n, 4000, 500), part_ranges(n + 1, 4000, 500)
        same = [p for p in after if p in before]
        assert len(after) - len(same) == 1 or (n + 1) % 4000 == 0
