"""Extraction on both cores: a pool of worker processes, each with its own extractor and model.

spaCy's own n_process only spreads the NER; this spreads the whole stage. Workers are forked
when the first batch is ready (or earlier, by ``warm_up``) and load the extractor and the model
themselves, on both cores at once, while the parent goes on reading and parsing files; results
come back in the order the stories were added, so the caller can write each post as soon as it
is ready. Not part of the extraction fingerprint: how the work is spread does not change what
is extracted.

The backend is a parameter (``start_executor``): by default one forked worker per core
(``runtime.fork_executor``); past one machine, a Dask cluster (``cluster.ClusterBackend``).
Whatever runs a batch, the answer says which extractor made it (its fingerprint) and the pool
takes nothing made by another: a worker on other code, data, model or corrections would mix
results that the cache files under this run's key.
"""

from __future__ import annotations

import logging
import os
import pickle
import socket
from collections.abc import Callable
from pathlib import Path

from wire_core.runtime import fork_executor

from . import nlp
from .extract import Extractor, compute_fingerprint, extract_many, load_extractor
from .overrides import Overrides
from .records import Metadata, Story

log = logging.getLogger(__name__)

# the extractors a worker process has loaded, by fingerprint (a cluster's worker may serve runs
# with different corrections)
_WORKER_EXTRACTORS: dict[str, Extractor] = {}


class ExtractionBackendError(RuntimeError):
    """The extraction backend itself failed (a cluster's scheduler unreachable or gone, no worker
    able to extract): unlike a failed batch, extracting here instead is not the answer."""


class ExtractorMismatch(LookupError):
    """A worker has no extractor of the fingerprint asked for."""


def _init_worker(overrides: Overrides, saved: Path | None, expected: str | None = None) -> str:
    """A worker's start: the extractor and the model loaded once. Returns the fingerprint this
    worker computes from its own code, data and model; when it is not ``expected``, nothing is
    loaded (the worker is not to extract for this run)."""
    found = compute_fingerprint(overrides)
    if expected is not None and found != expected:
        return found
    if found not in _WORKER_EXTRACTORS:
        _WORKER_EXTRACTORS[found] = saved_extractor(overrides, saved)
    nlp.load_model()
    return found


def release_worker(fingerprint: str) -> None:
    """Forget the extractor of ``fingerprint`` in this worker (a cluster's run is over); the
    model stays loaded for the next run."""
    _WORKER_EXTRACTORS.pop(fingerprint, None)


def saved_extractor(overrides: Overrides, path: Path | None) -> Extractor:
    """The extractor (gazetteer automaton, topic vocabulary) from a pickle kept beside the
    extraction cache when it was made from the same code, data and corrections: half the time
    of building it, and it is on the path of every new story."""
    fingerprint = compute_fingerprint(overrides)
    if path is not None:
        try:
            with open(path, "rb") as fh:
                found = pickle.load(fh)
            if isinstance(found, Extractor) and found.fingerprint == fingerprint:
                return found
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, TypeError, ValueError, ImportError):
            pass
    extractor = load_extractor(overrides)
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f"{path.name}.{os.getpid()}.part")
            with open(tmp, "wb") as fh:
                pickle.dump(extractor, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except OSError as exc:
            log.warning("could not keep the extractor in %s: %s", path, exc)
    return extractor


def _work(stories: list[Story], fingerprint: str) -> tuple[str, str, list[Metadata | None]]:
    """A batch extracted by a worker: the fingerprint of the extractor that did it, where it ran
    (for messages) and the metadata."""
    extractor = _WORKER_EXTRACTORS.get(fingerprint)
    where = f"{socket.gethostname()} pid {os.getpid()}"
    if extractor is None:
        known = ", ".join(sorted(_WORKER_EXTRACTORS)) or "none"
        raise ExtractorMismatch(f"the worker on {where} has no extractor {fingerprint} (it has: {known})")
    return extractor.fingerprint, where, extract_batch(stories, extractor)


def extract_batch(stories: list[Story], extractor: Extractor) -> list[Metadata | None]:
    """``extract_many``, but a story the extractor fails on gives None (logged) instead of
    losing its whole batch."""
    try:
        return list(extract_many(stories, extractor))
    except Exception:  # noqa: BLE001 - one bad story must not stop the archive
        if len(stories) == 1:
            log.exception("extraction failed for %r", stories[0].headline[:80])
            return [None]
    return [md for story in stories for md in extract_batch([story], extractor)]


def start_executor_for(scheduler: str | None, fingerprint: str, timeout: float = 30.0) -> Callable:
    """The extraction backend of a run: forked workers on this machine, or with ``scheduler``
    (``WIRE_EXTRACT_SCHEDULER``: an address, or ``local``) the Dask cluster there. Dask is
    imported only then."""
    if not scheduler:
        return fork_executor
    try:
        from .cluster import ClusterBackend
    except ImportError as exc:
        raise ExtractionBackendError(
            f"WIRE_EXTRACT_SCHEDULER is {scheduler!r} but Dask's distributed cannot be imported ({exc}): install "
            "the optional extra with `make venv-cluster` (pip install --require-hashes --no-deps -r "
            "requirements-cluster.txt)"
        ) from exc
    return ClusterBackend(scheduler, fingerprint, timeout)


class ExtractionPool:
    """Stories in, metadata out, in the same order; on ``workers`` processes once there are
    enough stories to pay for starting them, or once ``warm_up`` started them (a few stories
    and no warm-up: extracted in this process).

    Each worker is a one-process executor of its own, so that a pool warmed up with one worker
    (a story or two expected) can take the second when many turn up; a batch goes to the worker
    with the fewest words queued. A remote backend (``start_executor.remote``: a cluster) is one
    executor that spreads the batches itself. ``add`` never blocks; ``results`` yields
    ``(key, metadata or None)`` for every story added, in order, as batches finish."""

    def __init__(
        self,
        overrides: Overrides | None = None,
        workers: int = 2,
        batch: int = 32,
        extractor=None,
        saved: Path | None = None,
        start_executor: Callable = fork_executor,
        fingerprint: str | None = None,
    ):
        self.overrides = overrides if overrides is not None else (extractor.overrides if extractor else Overrides())
        # what every answer must have been made with (the caller's, when it has it: 10 ms to compute)
        self.fingerprint = fingerprint or (extractor.fingerprint if extractor else compute_fingerprint(self.overrides))
        self.saved = saved  # where the extractor is kept between runs (saved_extractor)
        # the extraction backend: (initializer, initargs) → an executor with ``submit(fn, *args)``
        # → future and ``shutdown``, whose workers run the initializer first; None: extract here.
        # A remote one (a cluster) is one executor however many workers it has, is worth using
        # for any number of stories, and does not get this machine's paths.
        self.start_executor = start_executor
        self.remote = bool(getattr(start_executor, "remote", False))
        self.workers = 1 if self.remote else max(1, workers)
        self.batch = batch
        self._extractor = extractor
        self._buffer: list[tuple[object, Story]] = []
        self._submitted: list[tuple[list, list, object]] = []  # (keys, stories, future)
        self._executors: list = []
        self._queued: list[int] = []  # words sent to each executor
        self._used = False

    @property
    def running(self) -> bool:
        return bool(self._executors)

    def processes(self) -> list:
        """The worker processes started so far (on this machine)."""
        return [p for ex in self._executors for p in (getattr(ex, "_processes", None) or {}).values()]

    def warm_up(self, expected: int = 0) -> None:
        """Start the workers now: they load the extractor and the model (seconds) while this
        process goes on reading files; one worker when only a few stories are ``expected``
        (a second would load the model for nothing on the core this process needs; called again
        with more, it starts the others). Costs nothing if no story comes: they are stopped."""
        self._start(1 if expected and expected <= 2 * self.batch else self.workers)

    def add(self, key, story: Story) -> None:
        self._buffer.append((key, story))
        running = self.running
        worth = running or self.workers > 1 or self.remote  # one local worker is no faster than here
        if len(self._buffer) >= (self.batch if running else 2 * self.batch) and worth:
            self._submit()

    def _start(self, count: int) -> None:
        """The extraction executors, ``count`` at most: by default one forked worker process each
        (``runtime.fork_executor``), started now so that it loads the model while this process
        goes on. Another backend (a cluster) is another ``start_executor``."""
        # the extractor kept beside the cache is a file of this machine: remote workers make their own
        saved = None if self.remote else self.saved
        while len(self._executors) < min(count, self.workers):
            executor = self.start_executor(_init_worker, (self.overrides, saved, self.fingerprint))
            if executor is None:  # ARCHIVE_IN_PROCESS: extracted in this process
                return
            self._executors.append(executor)
            self._queued.append(0)

    def _submit(self) -> None:
        if not self.running:
            self._start(self.workers)
            if not self.running:
                return  # ARCHIVE_IN_PROCESS: the stories wait for ``results``
        self._used = True
        while self._buffer:
            part, self._buffer = self._buffer[: self.batch], self._buffer[self.batch :]
            stories = [s for _, s in part]
            least = min(range(len(self._executors)), key=self._queued.__getitem__)
            self._queued[least] += sum(len(s.body) for s in stories) + 1
            future = self._executors[least].submit(_work, stories, self.fingerprint)
            self._submitted.append(([k for k, _ in part], stories, future))

    def extractor(self) -> Extractor:
        if self._extractor is None:
            self._extractor = saved_extractor(self.overrides, self.saved)
        return self._extractor

    def _verified(self, answer) -> list[Metadata | None]:
        """A batch's metadata, if the extractor that made it is this run's; else the backend is
        mixing extractor versions, and the run stops rather than cache their results."""
        fingerprint, where, found = answer
        if fingerprint != self.fingerprint:
            raise ExtractionBackendError(
                f"refused the results of the worker on {where}: its extractor is {fingerprint}, this run's is "
                f"{self.fingerprint} (different code, data, model or corrections)"
            )
        return found

    def results(self):
        try:
            if self.running and self._buffer:
                self._submit()  # the workers are up: even one story goes to them
            for i, (keys, stories, future) in enumerate(self._submitted):
                try:
                    found = self._verified(future.result())
                except ExtractionBackendError:
                    # the backend is gone: batches that already arrived are handed over (to be
                    # written and cached) before the error goes up; the next run starts from there
                    yield from self._arrived(self._submitted[i + 1 :])
                    raise
                except Exception:  # noqa: BLE001 - a worker died: extract that batch here
                    log.exception("an extraction worker failed; extracting its batch in this process")
                    found = extract_batch(stories, self.extractor())
                yield from zip(keys, found, strict=True)
            self._submitted = []
            if self._buffer:  # too few to start workers
                part, self._buffer = self._buffer, []
                found = extract_batch([s for _, s in part], self.extractor())
                yield from zip([k for k, _ in part], found, strict=True)
        finally:
            self.close()

    def _arrived(self, submitted: list):
        """The results of the batches among ``submitted`` that have already arrived, verified."""
        for keys, _, future in submitted:
            if future.done() and not future.cancelled() and future.exception() is None:
                try:
                    found = self._verified(future.result())
                except ExtractionBackendError:
                    continue
                yield from zip(keys, found, strict=True)

    def close(self) -> None:
        if not self.running:
            return
        if not self._used:  # warmed up for nothing: do not wait for the model to finish loading
            processes = self.processes()
            for process in processes:
                process.terminate()
            for process in processes:
                process.join(2)
                if process.exitcode is None:
                    process.kill()
                    process.join(5)
        for executor in self._executors:
            executor.shutdown(wait=self._used, cancel_futures=True)
        self._executors, self._queued = [], []
