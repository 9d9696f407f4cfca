"""How the archive's work runs: forked processes and the garbage collector. Every fork of the
ingest and of the archive generator goes through here, and so does every decision about the
cyclic collector (docs/performance.md says what each one bought).

Forking:

- ``Forked(fn).result()``: ``fn()`` run by a forked child while the caller goes on (listing
  100,000 posts or checking 177,000 pages is system calls another core can make meanwhile);
- ``fork_map(fn, chunks, workers)``: ``fn`` over chunks on a pool of forked workers (posts read,
  pages written), ``fn`` and what it refers to inherited through the fork, not pickled;
- ``fork_executor(initializer, initargs)``: one long-lived forked worker process (the extraction
  workers), that leaves as soon as the process that started it is gone.

Where forking is not safe (another live thread), fails, or a child fails, the work is done in
the caller instead: slower, never a different answer. ``ARCHIVE_IN_PROCESS=1`` in the
environment does all of it in the calling process, for debugging and profiling (cProfile then
sees everything).

The collector: the build's long-lived data (indexes, remembered posts, the model, the page
plan) is hundreds of thousands of small objects without cycles, and the collector walking them
again and again doubled a build's time; ``collector_off`` keeps it away while they are made and
freezes them afterwards, ``release_at_exit`` leaves them to the OS at exit, ``collector_reset``
lets them go when the same process builds again (``make serve``).
"""

from __future__ import annotations

import atexit
import gc
import logging
import os
import pickle
import threading
import time
from collections.abc import Callable, Iterable
from contextlib import contextmanager

log = logging.getLogger(__name__)
IN_PROCESS_VARIABLE = "ARCHIVE_IN_PROCESS"


def in_process() -> bool:
    """Is all work to be done in the calling process (``ARCHIVE_IN_PROCESS=1``)?"""
    return os.environ.get(IN_PROCESS_VARIABLE, "") not in ("", "0")


def safe_to_fork() -> bool:
    """No thread but daemons beside this one. Pelican's console status (rich's refresh thread)
    is a daemon that runs through every build: it only draws the status line, and forked
    children never write to the console, so a lock it holds at the fork cannot block them. A
    non-daemon thread (another build in this process, say) could be holding anything."""
    main = threading.main_thread()
    return all(t is main or t.daemon for t in threading.enumerate())


def can_fork() -> bool:
    return hasattr(os, "fork") and not in_process() and safe_to_fork()


class Forked:
    """``fn`` run by a forked child while the caller goes on; ``result()`` returns ``fn()``. The
    child sends its pickled answer through a pipe and leaves with ``os._exit`` (no cleanup, no
    logging)."""

    def __init__(self, fn: Callable[[], object], enabled: bool = True):
        self.fn = fn
        self._pid: int | None = None
        self._fd: int | None = None
        if not enabled or not can_fork():
            return
        try:
            read, write = os.pipe()
            pid = os.fork()
        except OSError:
            return
        if pid == 0:  # the child: answer through the pipe and leave without any cleanup
            code = 1
            try:
                os.close(read)
                data = pickle.dumps(fn(), protocol=pickle.HIGHEST_PROTOCOL)
                with os.fdopen(write, "wb") as fh:
                    fh.write(data)
                code = 0
            finally:
                os._exit(code)
        os.close(write)
        self._pid, self._fd = pid, read

    @property
    def forked(self) -> bool:
        return self._pid is not None

    def result(self):
        if self._pid is None:
            return self.fn()
        try:
            with os.fdopen(self._fd, "rb") as fh:
                data = fh.read()
            _, status = os.waitpid(self._pid, 0)
            if status == 0:
                return pickle.loads(data)
        except (OSError, EOFError, pickle.UnpicklingError):
            pass
        finally:
            self._pid = None
        log.debug("a forked helper failed; doing its work here")
        return self.fn()


_MAPPED: Callable | None = None  # what fork_map's workers inherit: the function to apply


def _apply(chunk):
    assert _MAPPED is not None
    return _MAPPED(chunk)


def fork_map(fn: Callable[[object], list], chunks: Iterable, workers: int) -> list:
    """``fn(chunk)`` for every chunk, concatenated in order; on ``workers`` forked processes
    when there are several and forking is safe, else here. Only the chunks and the answers
    are pickled: ``fn`` (a closure over the build's data, say) is inherited through the fork."""
    chunks = list(chunks)
    if workers <= 1 or len(chunks) <= 1 or not can_fork():
        return [row for chunk in chunks for row in fn(chunk)]
    import multiprocessing as mp

    global _MAPPED
    _MAPPED = fn
    try:
        with mp.get_context("fork").Pool(workers) as pool:
            return [row for part in pool.imap(_apply, chunks) for row in part]
    finally:
        _MAPPED = None


def fork_executor(initializer: Callable, initargs: tuple = ()):
    """A one-process executor whose worker is forked now (it runs ``initializer`` while the
    caller goes on) and leaves as soon as the process that started it is gone. None under
    ``ARCHIVE_IN_PROCESS``: the caller does the work itself."""
    if in_process():
        return None
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor

    executor = ProcessPoolExecutor(
        1, mp_context=mp.get_context("fork"), initializer=_start_worker, initargs=(os.getpid(), initializer, initargs)
    )
    executor.submit(_ready)  # forks the worker now
    return executor


def _start_worker(parent: int, initializer: Callable, initargs: tuple) -> None:
    _exit_with_parent(parent)
    initializer(*initargs)


def _ready() -> bool:
    return True


def _exit_with_parent(parent: int) -> None:
    """A worker whose parent was killed (Ctrl-C, SIGKILL, a CI timeout) would otherwise wait for
    work forever, holding what it loaded: it leaves as soon as its parent is gone. ``parent`` is
    the pid the executor was started from, not ``os.getppid()`` read here: a parent killed
    before the worker got this far has already been replaced by init."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


@contextmanager
def collector_off():
    """No cyclic garbage collection while long-lived data is loaded and built upon: hundreds of
    thousands of small objects and no cycles, and the collector walking them again and again
    doubled the time of a build. Afterwards they are frozen (never walked again, and left
    shared by forked children); objects made later are collected as usual, and frozen ones are
    still freed as soon as nothing refers to them."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was:
            gc.enable()


def release_at_exit() -> None:
    """At exit, leave the build's objects to the OS instead of collecting them one by one (0.8 s
    of a 5 s rebuild at 20,000 stories): frozen objects are not walked by the collector the
    interpreter runs when it shuts down. Registered once, however often it is called."""
    atexit.unregister(gc.freeze)
    atexit.register(gc.freeze)


def collector_reset() -> None:
    """Let the frozen objects of a finished build go (``make serve`` builds again in this
    process)."""
    gc.unfreeze()
