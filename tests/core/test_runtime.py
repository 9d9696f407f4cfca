"""Work done by a forked process while the build goes on: the same answer as doing it here,
done here when forking is not safe, and done here again when the child fails."""

from __future__ import annotations

import os
import threading

from wire_core.runtime import Forked, safe_to_fork


def test_the_answer_comes_from_a_forked_process():
    here = os.getpid()
    job = Forked(lambda: (os.getpid(), [n * n for n in range(1000)]))
    assert job.forked
    pid, squares = job.result()
    assert pid != here and squares[999] == 998_001


def test_disabled_or_beside_a_live_thread_it_runs_here():
    here = os.getpid()
    assert Forked(os.getpid, enabled=False).result() == here
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)  # not a daemon: it could hold any lock at the fork
    other.start()
    try:
        assert not safe_to_fork()
        job = Forked(os.getpid)
        assert not job.forked and job.result() == here
    finally:
        stop.set()
        other.join()
    assert safe_to_fork()


def test_when_the_child_fails_the_work_is_done_here():
    here = os.getpid()

    def only_here():
        if os.getpid() != here:
            raise RuntimeError("broken in the child")
        return "done here"

    job = Forked(only_here)
    assert job.forked
    assert job.result() == "done here"


def test_fork_map_spreads_chunks_over_forked_workers_in_order():
    from wire_core.runtime import fork_map

    here = os.getpid()
    rows = fork_map(lambda chunk: [(n, os.getpid()) for n in chunk], [range(i, i + 10) for i in range(0, 100, 10)], 2)
    assert [n for n, _ in rows] == list(range(100))
    assert here not in {pid for _, pid in rows}


def test_one_switch_runs_everything_in_this_process(monkeypatch, extractor):
    from wire_core.runtime import fork_executor, fork_map, in_process
    from wire_ingest.parse import parse_bytes
    from wire_ingest.pool import ExtractionPool

    from tests.support.golden import SEEDS

    monkeypatch.setenv("ARCHIVE_IN_PROCESS", "1")
    assert in_process()
    here = os.getpid()
    assert Forked(os.getpid).result() == here and not Forked(os.getpid).forked
    assert {pid for _, pid in fork_map(lambda c: [(0, os.getpid())], [[1], [2], [3]], 2)} == {here}
    assert fork_executor(print) is None
    pool = ExtractionPool(extractor.overrides, workers=2, batch=1, extractor=extractor)
    pool.warm_up()
    stories = [parse_bytes(p.read_bytes()) for p in sorted(SEEDS.glob("*.txt"))[:3]]
    for i, story in enumerate(stories):
        pool.add(i, story)
    assert not pool.running and pool.processes() == []
    found = list(pool.results())
    assert [i for i, _ in found] == [0, 1, 2] and all(md is not None for _, md in found)
