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
