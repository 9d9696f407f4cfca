"""A function run in a forked process while this one goes on: the archive's fixed costs (listing
100,000 posts, checking 177,000 pages) are system calls that another core can make meanwhile.

``Forked(fn).result()`` returns ``fn()``. The child sends its pickled answer through a pipe and
leaves with ``os._exit`` (no cleanup, no logging). Where forking is not safe, fails, or the
child fails, ``fn`` runs here instead: slower, never a different answer."""

from __future__ import annotations

import logging
import os
import pickle
import threading
from collections.abc import Callable

log = logging.getLogger(__name__)


def safe_to_fork() -> bool:
    """No thread but daemons beside this one. Pelican's console status (rich's refresh thread)
    is a daemon that runs through every build: it only draws the status line, and forked
    children never write to the console, so a lock it holds at the fork cannot block them. A
    non-daemon thread (another build in this process, say) could be holding anything."""
    main = threading.main_thread()
    return all(t is main or t.daemon for t in threading.enumerate())


class Forked:
    def __init__(self, fn: Callable[[], object], enabled: bool = True):
        self.fn = fn
        self._pid: int | None = None
        self._fd: int | None = None
        if not enabled or not hasattr(os, "fork") or not safe_to_fork():
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
