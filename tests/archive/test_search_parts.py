"""The search index in parts: full parts from the oldest story, the newest in small parts."""

from __future__ import annotations

from wire_archive.search import part_ranges


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
