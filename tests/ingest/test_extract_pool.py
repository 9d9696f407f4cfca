"""The extraction pool: the same metadata as one process, in order, and a story that breaks the
extractor costs only itself. Also the indexed re-send lookup against the plain one."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest
from wire_ingest import extract
from wire_ingest.extract import extract_many
from wire_ingest.parse import parse_bytes
from wire_ingest.pool import ExtractionPool, extract_batch
from wire_ingest.versions import Candidate, CandidateIndex, find_version_of


@pytest.fixture(scope="module")
def stories(seed_paths):
    parsed = [parse_bytes(p.read_bytes()) for p in seed_paths]
    return parsed * 5  # 80 stories: enough for the pool to start its workers


def test_pool_on_two_workers_gives_the_single_process_result_in_order(stories, extractor):
    pool = ExtractionPool(extractor.overrides, workers=2, batch=8)
    for i, story in enumerate(stories):
        pool.add(i, story)
    assert len(pool.processes()) == 2  # the workers really ran
    results = list(pool.results())
    assert [key for key, _ in results] == list(range(len(stories)))
    assert [md for _, md in results] == extract_many(stories, extractor)


def test_a_pool_warmed_up_for_one_story_takes_its_second_worker_when_many_come(stories, extractor):
    pool = ExtractionPool(extractor.overrides, workers=2, batch=8)
    pool.warm_up(1)
    assert len(pool.processes()) == 1
    pool.warm_up(len(stories))
    assert len(pool.processes()) == 2
    for i, story in enumerate(stories):
        pool.add(i, story)
    results = list(pool.results())
    assert [key for key, _ in results] == list(range(len(stories)))
    assert [md for _, md in results] == extract_many(stories, extractor)


def test_a_few_stories_are_extracted_in_process(stories, extractor):
    pool = ExtractionPool(workers=2, extractor=extractor)
    for i, story in enumerate(stories[:3]):
        pool.add(f"k{i}", story)
    assert pool.processes() == []  # no worker started for three stories
    results = list(pool.results())
    assert [k for k, _ in results] == ["k0", "k1", "k2"]
    assert [md for _, md in results] == extract_many(stories[:3], extractor)


def test_a_story_that_breaks_the_extractor_costs_only_itself(stories, extractor, monkeypatch):
    broken = stories[1]
    real = extract._extract_one

    def flaky(story, sections, spans, extractor_):
        if story is broken:
            raise RuntimeError("boom")
        return real(story, sections, spans, extractor_)

    monkeypatch.setattr(extract, "_extract_one", flaky)
    found = extract_batch(stories[:4], extractor)
    assert found[1] is None
    assert found[0] is not None and found[2] is not None and found[3] is not None
    assert found[0] == extract_many([stories[0]], extractor)[0]


def test_candidate_index_answers_like_the_plain_search():
    rng = random.Random(7)
    base = datetime(2024, 3, 1, tzinfo=UTC)
    places = ["Paris", "Lagos", "Lima"]
    vocab = [frozenset(rng.sample(range(40), 12)) for _ in range(15)]
    index, plain = CandidateIndex(), []
    for i in range(300):
        place = rng.choice(places)
        date = None if rng.random() < 0.05 else base + timedelta(hours=rng.randrange(0, 24 * 60))
        text = rng.choice(vocab) | frozenset(rng.sample(range(40, 60), 2))
        expected = find_version_of(place, date, text, plain)
        assert index.find(place, date, text) == expected
        story_id = expected or f"s{i}"
        index.add(story_id, place, date, text)
        plain.append(Candidate(story_id, place, date, text))
    assert len({c.story_id for c in plain}) < 300  # some texts did match earlier ones


class TamperingBackend:
    """A remote backend in threads of this process whose answer for one batch claims another
    extractor: what a worker on another version would send."""

    remote = True

    def __init__(self, tampered: int):
        self.tampered = tampered
        self.batches = 0
        self.futures = []  # what the pool got, in order

    def __call__(self, initializer, initargs):
        from concurrent.futures import ThreadPoolExecutor

        assert initargs[1] is None  # a remote backend is not given this machine's kept extractor
        initializer(*initargs)
        backend, executor = self, ThreadPoolExecutor(1)

        class Executor:
            def submit(self, fn, *args):
                index, backend.batches = backend.batches, backend.batches + 1
                future = executor.submit(fn, *args)
                if index == backend.tampered:
                    future = executor.submit(lambda answer=future: ("v1-another", "elsewhere", answer.result()[2]))
                backend.futures.append(future)
                return future

            def shutdown(self, wait=True, cancel_futures=False):
                executor.shutdown(wait=wait, cancel_futures=cancel_futures)

        return Executor()


def test_an_answer_from_another_extractor_is_refused_and_what_arrived_is_handed_over(stories, extractor):
    from concurrent.futures import wait

    from wire_ingest.pool import ExtractionBackendError

    backend = TamperingBackend(tampered=1)
    pool = ExtractionPool(extractor.overrides, batch=8, start_executor=backend)
    for i, story in enumerate(stories[:32]):  # four batches; the second claims another extractor
        pool.add(i, story)
    assert backend.batches == 4
    wait(backend.futures)  # every batch has arrived before the pool looks
    got = []
    with pytest.raises(ExtractionBackendError, match="its extractor is v1-another, this run's is"):
        for key, md in pool.results():
            got.append((key, md))
    # the first batch in order, nothing of the refused one, then the batches that had arrived
    assert [key for key, _ in got] == [*range(8), *range(16, 32)]
    expected = extract_many(stories[:32], extractor)
    assert all(md == expected[key] for key, md in got)


def test_a_scheduler_without_dask_installed_says_how_to_install_it(monkeypatch):
    import sys

    from wire_core.runtime import fork_executor
    from wire_ingest.pool import ExtractionBackendError, start_executor_for

    assert start_executor_for(None, "v1-x") is fork_executor
    monkeypatch.setitem(sys.modules, "distributed", None)  # as if it were not installed
    monkeypatch.delitem(sys.modules, "wire_ingest.cluster", raising=False)
    with pytest.raises(ExtractionBackendError, match="make venv-cluster"):
        start_executor_for("tcp://10.0.0.5:8786", "v1-x")
