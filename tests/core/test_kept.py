"""Caches kept as base + journal give back exactly what was saved, build after build."""

from __future__ import annotations

import random

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
