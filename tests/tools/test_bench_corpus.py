"""The benchmark's synthetic wire corpus (bench/corpus.py): deterministic, parseable, realistic.

Fast (no spaCy, no Pelican): a few hundred items are generated in memory and parsed."""

from __future__ import annotations

import re
import statistics
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from wire_ingest.dateline import resolve_date
from wire_ingest.parse import parse_bytes

from bench.corpus import CONVENTIONS, FIRST_DAY, LAST_DAY, make_item, write_corpus

N = 600


@pytest.fixture(scope="module")
def items():
    return [make_item(i, n_base=N) for i in range(N)]


@pytest.fixture(scope="module")
def stories(items):
    return [parse_bytes(item.data) for item in items]


def test_deterministic_and_prefix_stable(items):
    again = [make_item(i, n_base=N) for i in range(0, N, 37)]
    assert [a.data for a in again] == [items[i].data for i in range(0, N, 37)]
    # the corpus of N items is a prefix of a larger one; another seed gives another corpus
    assert make_item(5, n_base=10 * N).data == items[5].data
    assert make_item(5, seed=7, n_base=N).data != items[5].data
    assert len({item.name for item in items}) == N
    assert len({item.data for item in items}) == N


def test_every_dateline_convention_parses_with_its_date_and_place(items, stories):
    assert {item.facts["convention"] for item in items} == set(CONVENTIONS)
    for item, story in zip(items, stories, strict=True):
        facts = item.facts
        assert story.dateline is not None, item.data[:300]
        assert "no dateline found" not in story.warnings
        # the year is always there, so the date does not depend on git history or mtimes
        assert resolve_date(story.dateline.date_text, None) == date.fromisoformat(facts["date"]), facts["dateline"]
        assert story.dateline.places[0].casefold() == facts["place"].casefold(), facts["dateline"]
        if facts["agency"] and facts["convention"] != "iso_line":
            assert story.dateline.source == facts["agency"]


def test_layout_variants_parse(items, stories):
    layouts = Counter(item.facts["layout"].split("+")[0] for item in items)
    assert set(layouts) == {"blank", "lines", "wrapped"}
    assert {item.facts["encoding"] for item in items} >= {"utf-8", "utf-8-sig", "cp1252"}
    for item, story in zip(items, stories, strict=True):
        facts = item.facts
        assert (story.standfirst is not None) == facts["teaser"], item.data[:400]
        assert story.byline == (facts["byline"][3:] if facts["byline"] else None)
        if facts["signoff"]:
            assert story.signoff == facts["signoff"]
        assert not story.headline.startswith(("UPDATE", "REFILE"))  # service prefixes are stripped
    updates = [item for item in items if item.facts["update_of"] is not None]
    assert 0 < len(updates) < 0.05 * N


def test_lengths_and_dates(items, stories):
    words = [len(story.text.split()) for story in stories]
    assert min(words) >= 140 and max(words) <= 650
    assert 250 <= statistics.mean(words) <= 400
    years = Counter(item.facts["date"][:4] for item in items)
    assert set(years) == {"2020", "2021", "2022", "2023", "2024"}
    assert all(FIRST_DAY.isoformat() <= item.facts["date"] <= LAST_DAY.isoformat() for item in items)
    # items past the archive are new stories, dated after it (a freshly dropped file)
    extra = [make_item(N + k, n_base=N) for k in range(3)]
    assert all(e.facts["date"] > LAST_DAY.isoformat() and e.facts["update_of"] is None for e in extra)
    assert all(parse_bytes(e.data).dateline.date_text for e in extra)


def test_entity_distributions_are_long_tailed(items):
    people = Counter(p for item in items for p in item.facts["people"])
    countries = Counter(c for item in items for c in item.facts["countries"])
    organizations = Counter(o for item in items for o in item.facts["organizations"])
    assert len(people) >= 800  # thousands over a full-size corpus
    assert sum(1 for c in people.values() if c == 1) > len(people) / 2  # most appear once...
    assert people.most_common(1)[0][1] >= 5  # ...a few often
    assert len(countries) >= 100
    top = countries.most_common(1)[0][1] / N
    assert 0.1 <= top <= 0.5  # one country dominates, as the US does in real wires
    assert statistics.median(countries.values()) <= 0.02 * N
    assert len(organizations) >= 200
    acronyms = sum(
        1 for item in items if re.search(r"[A-Z][a-z]+ \([A-Z]{2,}\)", item.data.decode(item.facts["encoding"]))
    )
    assert acronyms > N / 2  # "Long Name (ACR)" first mentions
    assert len({item.facts["topic"] for item in items}) == 17


def test_topics_vary_for_the_classifier(stories):
    from wire_ingest.topics import classify_topics, load_vocabulary

    vocabulary = load_vocabulary()
    tops = Counter()
    for story in stories[:200]:
        topics = classify_topics(story.headline, story.body, vocabulary)
        tops.update({t.code for t in topics if t.code.endswith("000000")})
    assert len(tops) >= 12


def test_write_corpus_reuses_an_existing_one(tmp_path):
    messages: list[str] = []
    first = write_corpus(tmp_path, 12, extra=2, log=messages.append)
    files = sorted((tmp_path / "wire").glob("*.txt"))
    assert len(files) == 12 and len(list((tmp_path / "extra").glob("*.txt"))) == 2
    assert first["n"] == 12 and first["words_story"] > 12 * 140
    stamps = [f.stat().st_mtime_ns for f in files]
    second = write_corpus(tmp_path, 12, extra=2, log=messages.append)
    assert second == first and "reusing" in messages[-1]
    assert [f.stat().st_mtime_ns for f in files] == stamps


def test_committed_results_name_no_folder_of_the_machine_that_made_them():
    import json

    from bench.__main__ import RESULTS, repo_path

    def strings(value):
        if isinstance(value, dict):
            for v in value.values():
                yield from strings(v)
        elif isinstance(value, list):
            for v in value:
                yield from strings(v)
        elif isinstance(value, str):
            yield value

    assert not [s for s in strings(json.loads(RESULTS.read_text())) if s.startswith("/")]
    assert repo_path(RESULTS) == "bench/results.json" and repo_path(Path("/dev/shm/x")) is None
