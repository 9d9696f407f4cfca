"""Extraction on a Dask cluster (``WIRE_EXTRACT_SCHEDULER``): the pool's backend past one machine.

The ingest stays where it runs (listing, parsing, planning, writing posts and the cache); only
batches of parsed stories go to the cluster's workers, and their metadata comes back through the
pool, in the order the stories were added, to the same cache and the same posts as with the
built-in pool. This module is imported only when a scheduler is configured: without one, Dask is
never imported.

- **One extractor per worker and run.** ``ExtractorPlugin`` is a Dask worker plugin: every worker
  (also one that joins mid-run) computes the extraction fingerprint of its own code, data files
  and model with this run's corrections, and loads the extractor and the model once, in a thread,
  when it is this run's. A worker on another version refuses and loads nothing. Either way it
  says so (a Dask event the client logs, naming the worker).
- **Only workers that agree get batches**: each batch is submitted restricted to the workers that
  said ready, and the pool checks the fingerprint that comes back with every answer.
- **A window of batches** (two per thread of the ready workers) is in the cluster at a time; the
  rest wait here. Memory stays bounded, and a worker that joins mid-run gets its share.
- **A worker lost mid-run:** the scheduler runs its batches again on another ready worker (or,
  when none of those a batch was restricted to is left, it is submitted again here). Each batch
  has one future, whose result is taken once: nothing is lost or doubled.
- **The scheduler unreachable, gone mid-run, or no worker able to extract** for ``timeout``
  seconds: ``ClusterError``, naming the address. Each batch's result is fetched as soon as it is
  done, so what arrived is written and cached before the error goes up (``pool.results``), and
  the next run starts from the cache.
- ``local``: a ``LocalCluster`` of two worker processes on this machine (the tests, the bench),
  with the workers' configuration of ``dask/distributed.yaml`` (what operators set with
  ``DASK_CONFIG``): glibc's own memory trimming instead of Dask's aggressive one.
"""

from __future__ import annotations

import asyncio
import logging
import os
import select
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections import deque
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path

import dask
import yaml
from distributed import Client, LocalCluster, WorkerPlugin

from .pool import ExtractionBackendError, release_worker

log = logging.getLogger(__name__)

LOCAL = "local"  # WIRE_EXTRACT_SCHEDULER value: a cluster of LOCAL_WORKERS processes on this machine
LOCAL_WORKERS = 2
TOPIC = "wire-extractor"  # the workers' events: ready, refused or failed
WATCH_EVERY = 0.5  # seconds between two looks at the cluster's workers
AHEAD = 2  # batches in the cluster per thread of the ready workers
# the workers' Dask configuration (also for an operator's workers: DASK_CONFIG=this folder)
WORKER_CONFIG_DIR = Path(__file__).resolve().parent / "dask"
AFTER_LOSS = (
    " before every batch came back; the stories that did are written and cached, the next run goes on from there"
)


class ClusterError(ExtractionBackendError):
    """The cluster cannot extract this run's stories (the message says which and why)."""


class ExtractorPlugin(WorkerPlugin):
    """Run on every worker of the cluster (those that join later too): the pool's worker
    initializer, in a thread so that the worker keeps answering the scheduler, then an event
    that says whether this worker extracts for the run."""

    def __init__(self, name: str, fingerprint: str, initializer, initargs: tuple):
        self.name = name
        self.fingerprint = fingerprint
        self.initializer = initializer
        self.initargs = initargs
        self.found: str | None = None  # the fingerprint this worker computed

    async def setup(self, worker) -> None:
        event = {
            "plugin": self.name,
            "worker": worker.address,
            "threads": worker.state.nthreads,
            "host": socket.gethostname(),
            "pid": os.getpid(),
        }
        try:
            loop = asyncio.get_running_loop()
            self.found = await loop.run_in_executor(None, self.initializer, *self.initargs)
        except Exception as exc:  # noqa: BLE001 - reported to the client, the worker lives on
            log.exception("could not load the extractor for %s", self.name)
            worker.log_event(TOPIC, {**event, "status": "failed", "reason": f"{type(exc).__name__}: {exc}"})
            return
        if self.found == self.fingerprint:
            worker.log_event(TOPIC, {**event, "status": "ready", "found": self.found})
            return
        log.warning("refusing to extract for %s: this worker's extractor is %s", self.name, self.found)
        worker.log_event(TOPIC, {**event, "status": "refused", "found": self.found})

    def teardown(self, worker) -> None:
        if self.found != self.fingerprint:
            return
        others = [p for p in worker.plugins.values() if isinstance(p, ExtractorPlugin) and p.found == self.found]
        if not others:  # no other run on this worker uses the same extractor
            release_worker(self.found)


class ClusterBackend:
    """``start_executor`` for the extraction pool: one executor on the Dask cluster whose
    scheduler is at ``address`` (or ``local``), for a run whose extraction fingerprint is
    ``fingerprint``."""

    remote = True  # the pool: one executor, worth it for any number of stories, no local paths

    def __init__(self, address: str, fingerprint: str, timeout: float = 30.0):
        self.address = address
        self.fingerprint = fingerprint
        self.timeout = timeout

    def __call__(self, initializer, initargs: tuple) -> ClusterExecutor:
        return ClusterExecutor(self.address, self.fingerprint, initializer, initargs, self.timeout)


@dataclass
class _Batch:
    fn: object
    args: tuple
    ours: Future = field(default_factory=Future)
    theirs: object = None  # the Dask future, once submitted
    allowed: frozenset = frozenset()  # the workers it was restricted to


class ClusterExecutor:
    """``submit(fn, *args)`` → a ``concurrent.futures.Future`` whose result was fetched from the
    cluster as soon as the batch was done; ``shutdown``. Connects at once (an unreachable
    scheduler is an error before anything is read), then registers the worker plugin and
    watches the workers in threads of its own."""

    def __init__(self, address: str, fingerprint: str, initializer, initargs: tuple, timeout: float):
        self.fingerprint = fingerprint
        self.timeout = timeout
        self.name = f"wire-extractor-{fingerprint}-{uuid.uuid4().hex[:12]}"
        self._lock = threading.RLock()
        self._waiting: deque[_Batch] = deque()  # not yet in the cluster
        self._inside: dict[str, _Batch] = {}  # in the cluster, by Dask key
        self._states: dict[str, dict] = {}  # worker address → its event for this run
        self._ready: dict[str, int] = {}  # workers that extract for this run → their threads
        self._failed: ClusterError | None = None
        self._closed = threading.Event()
        self._registered = threading.Event()  # the workers present have run the plugin (or it failed)
        self.client: Client | None = None
        self.cluster: LocalDaskCluster | None = None
        self.address = address
        if address == LOCAL:  # started by a child process while this one goes on reading files
            self.cluster = LocalDaskCluster()
            log.info("starting a local Dask cluster (pid %s)", self.cluster.process.pid)
        else:  # an address that cannot be reached is an error now, before any file is read
            self._connect(address)
        plugin = ExtractorPlugin(self.name, fingerprint, initializer, initargs)
        self._threads = [
            threading.Thread(target=self._register, args=(plugin,), name="wire-cluster-register", daemon=True),
            threading.Thread(target=self._watch, name="wire-cluster-watch", daemon=True),
        ]
        for thread in self._threads:
            thread.start()

    def _connect(self, address: str) -> None:
        try:
            self.client = Client(address, timeout=self.timeout, set_as_default=False)
        except (OSError, TimeoutError) as exc:
            raise ClusterError(
                f"cannot reach the Dask scheduler at {address} (tried for {self.timeout:g} s): {exc}. Is `dask "
                "scheduler` running there, and is its port open to this machine?"
            ) from exc
        self.client.subscribe_topic(TOPIC, self._on_event)
        log.info("extracting on the Dask cluster at %s", address)

    # --- the workers -------------------------------------------------------------------------

    def _register(self, plugin: ExtractorPlugin) -> None:
        """The plugin on every worker (the call returns when the present ones have run it);
        when every worker there refuses, the run cannot go on. A local cluster is waited for
        and connected to here first."""
        try:
            if self.client is None:
                self.address = self.cluster.address(max(self.timeout, 60.0))
                self._connect(self.address)
            self.client.register_plugin(plugin, name=self.name)
        except ClusterError as exc:
            self._fail(exc)
            return
        except Exception as exc:  # noqa: BLE001 - a worker that cannot even load the plugin
            if not self._closed.is_set():
                log.warning("a worker of the Dask cluster at %s could not start the extractor: %s", self.address, exc)
        finally:
            self._registered.set()
        workers = self._answered(self.timeout)
        if workers and not self._ready:
            self._fail(ClusterError(f"no worker of the Dask cluster at {self.address} can extract: {self._census()}"))

    def _answered(self, patience: float) -> list[str]:
        """The workers present now, once each has said how its start went (or ``patience`` ran out)."""
        deadline = time.monotonic() + patience
        while True:
            workers = list(self._workers() or ())
            if all(w in self._states for w in workers) or time.monotonic() > deadline or self._closed.is_set():
                return workers
            time.sleep(0.05)

    def _workers(self) -> dict | None:
        """The scheduler's workers by address, asked now; None when it did not answer (gone: the
        futures say so). Not ``Client.scheduler_info()``: it returns an attribute that the
        client's own periodic update may have just replaced with one that lists no worker."""
        try:
            return self.client.sync(self.client.scheduler.identity, n_workers=-1)["workers"]
        except Exception:  # noqa: BLE001
            return None

    def _on_event(self, event) -> None:
        _, message = event
        if not isinstance(message, dict) or message.get("plugin") != self.name:
            return
        worker = message["worker"]
        where = f"{worker} ({message.get('host')}, pid {message.get('pid')})"
        self._states[worker] = message
        if message["status"] == "ready":  # its share is sent by the watch (not from Dask's event loop)
            with self._lock:
                self._ready[worker] = max(1, int(message.get("threads") or 1))
            log.info("the Dask worker %s extracts for this run", where)
        elif message["status"] == "refused":
            log.warning(
                "refused the Dask worker %s: its extractor is %s, this run's is %s (a different commit, data files, "
                "model or corrections): it gets no stories",
                where,
                message["found"],
                self.fingerprint,
            )
        else:
            log.warning(
                "the Dask worker %s could not load the extractor (%s): it gets no stories", where, message["reason"]
            )

    def _census(self) -> str:
        """Each worker's answer, for the messages."""
        parts = []
        for worker in self._workers() or self._states:
            state = self._states.get(worker)
            if state is None:
                parts.append(f"{worker} did not answer (is PYTHONPATH=plugins set on it, from this commit?)")
            elif state["status"] == "refused":
                parts.append(f"{worker} has extractor {state['found']}, this run {self.fingerprint}")
            else:
                parts.append(f"{worker} {state['status']}" + (f" ({state['reason']})" if state.get("reason") else ""))
        return "; ".join(parts) or "it has no workers"

    def _watch(self) -> None:
        """Every ``WATCH_EVERY`` seconds: the ready workers that left are forgotten, a batch
        restricted to workers that are all gone is submitted again, and the run fails when
        no worker has been able to extract for ``timeout`` seconds while batches wait."""
        able_at = None  # the patience starts once the workers present have loaded the extractor
        while not self._closed.wait(WATCH_EVERY) and self._failed is None:
            if able_at is None and self._registered.is_set():
                able_at = time.monotonic()
            if self.client is None:
                continue
            present = self._workers()
            if present is None:
                if self.client.status != "running":  # batches still waiting here are told too
                    self._fail(ClusterError(f"lost the Dask scheduler at {self.address}{AFTER_LOSS}"))
                continue
            with self._lock:
                for worker in list(self._ready):
                    if worker not in present:
                        del self._ready[worker]
                        log.info("the Dask worker %s left; its batches go to the others", worker)
                for worker, info in present.items():  # an address is one worker process: still loaded
                    if worker not in self._ready and self._states.get(worker, {}).get("status") == "ready":
                        self._ready[worker] = max(1, int(info.get("nthreads") or 1))
                stranded = [b for b in self._inside.values() if not (b.allowed & present.keys())]
                busy = bool(self._waiting or self._inside)
            if self._ready:
                able_at = able_at and time.monotonic()
                for batch in stranded:
                    self._resubmit(batch)
                self._pump()
            elif busy and able_at is not None and time.monotonic() - able_at > self.timeout:
                self._fail(
                    ClusterError(
                        f"no worker of the Dask cluster at {self.address} has been able to extract for "
                        f"{self.timeout:g} s: {self._census()}"
                    )
                )

    # --- the batches -------------------------------------------------------------------------

    def submit(self, fn, *args) -> Future:
        batch = _Batch(fn, args)
        with self._lock:
            if self._failed is not None:
                batch.ours.set_exception(self._failed)
                return batch.ours
            self._waiting.append(batch)
        self._pump()
        return batch.ours

    def _pump(self) -> None:
        """Waiting batches into the cluster, in order, up to the window, restricted to the
        workers ready now."""
        with self._lock:
            if self._failed is not None or self._closed.is_set() or not self._ready:
                return
            window = AHEAD * sum(self._ready.values())
            while self._waiting and len(self._inside) < window:
                self._send(self._waiting.popleft())

    def _send(self, batch: _Batch) -> None:
        batch.allowed = frozenset(self._ready)
        batch.theirs = self.client.submit(
            batch.fn, *batch.args, workers=sorted(batch.allowed), allow_other_workers=False, pure=False
        )
        self._inside[batch.theirs.key] = batch
        batch.theirs.add_done_callback(self._arrived)

    def _resubmit(self, batch: _Batch) -> None:
        with self._lock:
            if self._inside.pop(batch.theirs.key, None) is None:
                return  # it came back meanwhile
            log.info("a batch's workers are all gone: submitting it again")
            self.client.cancel([batch.theirs])
            self._send(batch)

    def _arrived(self, theirs) -> None:
        """A batch is done (Dask's callback thread): its result fetched now, not when the pool
        gets to it, so that it survives the scheduler going away afterwards."""
        with self._lock:
            batch = self._inside.pop(theirs.key, None)
        if batch is None or batch.ours.done():
            return  # submitted again, or the run failed
        try:
            if theirs.status == "cancelled":
                raise ClusterError(f"lost the Dask scheduler at {self.address}{AFTER_LOSS}")
            batch.ours.set_result(theirs.result())
        except ClusterError as exc:
            batch.ours.set_exception(exc)
        except ImportError as exc:  # the scheduler reads each batch's task: it needs the archive's code too
            batch.ours.set_exception(
                ClusterError(
                    f"the Dask scheduler at {self.address} cannot read the batches ({exc}): start it, like the "
                    "workers, with PYTHONPATH=plugins from this commit"
                )
            )
        except Exception as exc:  # noqa: BLE001 - the batch's own failure (KilledWorker, ...): the pool decides
            if self.client.status != "running":
                exc = ClusterError(f"lost the Dask scheduler at {self.address} while fetching a batch: {exc}")
            batch.ours.set_exception(exc)
        self._pump()

    def _fail(self, error: ClusterError) -> None:
        with self._lock:
            self._failed = error
            batches = [*self._waiting, *self._inside.values()]
            self._waiting.clear()
            self._inside.clear()
        for batch in batches:
            if not batch.ours.done():
                batch.ours.set_exception(error)

    # --- the end -----------------------------------------------------------------------------

    def shutdown(self, wait: bool = True, cancel_futures: bool = False) -> None:
        """The plugin taken off the workers (they free the extractor; the model stays for the
        next run), the client closed, a local cluster stopped."""
        self._closed.set()
        # a plugin registered after its removal would stay on the scheduler (a local cluster goes whole)
        if self.cluster is None or wait:
            self._registered.wait(self.timeout + (60 if self.cluster else 0))
        with self._lock:
            theirs = [b.theirs for b in self._inside.values()]
            self._waiting.clear()
        if self.client is not None:
            if theirs:
                self._quietly(self.client.cancel, theirs)
            if self.client.status == "running":
                self._quietly(self.client.unregister_worker_plugin, self.name)
            self._quietly(self.client.unsubscribe_topic, TOPIC)
            self._quietly(self.client.close, timeout=min(self.timeout, 10))
        self._close_cluster()

    def _close_cluster(self) -> None:
        if self.cluster is not None:
            self._quietly(self.cluster.close, timeout=min(self.timeout, 20))
            self.cluster = None

    @staticmethod
    def _quietly(fn, *args, **kwargs) -> None:
        try:
            fn(*args, **kwargs)
        except Exception as exc:  # noqa: BLE001 - the end of a run: nothing left to save
            log.debug("while closing the cluster client: %s", exc)


class LocalDaskCluster:
    """``local``: a Dask scheduler and ``LOCAL_WORKERS`` worker processes of one thread each (the
    extraction is CPU-bound Python: threads would share a core) on this machine, run by a child
    process of their own (``python -m wire_ingest.cluster``). A child, not this process: Dask
    starts its workers with multiprocessing's spawn, which would import again whatever script
    runs here. The child stops the cluster when its standard input closes: at ``close``, or when
    this process dies, however it dies."""

    def __init__(self):
        plugins = str(Path(__file__).resolve().parent.parent)
        path = os.pathsep.join(p for p in (plugins, os.environ.get("PYTHONPATH", "")) if p)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "wire_ingest.cluster", str(LOCAL_WORKERS)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONPATH": path},
        )
        self._address: str | None = None

    def address(self, timeout: float) -> str:
        """The scheduler's address, once the cluster is up."""
        if self._address is None:
            line = _read_line(self.process.stdout, timeout)
            if not line.startswith("tcp://"):
                code = self.process.poll()
                how = f"stopped with exit code {code}" if code is not None else f"did not start within {timeout:g} s"
                raise ClusterError(f"the local Dask cluster {how} (its log is above)")
            self._address = line.strip()
        return self._address

    def close(self, timeout: float = 20.0) -> None:
        if self.process.stdin and not self.process.stdin.closed:
            self.process.stdin.close()
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def _read_line(stream, timeout: float) -> str:
    ready, _, _ = select.select([stream], [], [], timeout)
    return stream.readline() if ready else ""


def serve_local_cluster(workers: int) -> None:
    """The child of ``LocalDaskCluster``: starts the cluster, prints the scheduler's address,
    and keeps it until its standard input closes."""
    with open(WORKER_CONFIG_DIR / "distributed.yaml", encoding="utf-8") as fh:
        dask.config.update(dask.config.config, yaml.safe_load(fh), priority="new")
    with LocalCluster(
        n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0", silence_logs=logging.WARNING
    ) as cluster:
        sys.stdout.write(cluster.scheduler_address + "\n")
        sys.stdout.flush()
        sys.stdin.read()


if __name__ == "__main__":
    serve_local_cluster(int(sys.argv[1]) if len(sys.argv) > 1 else LOCAL_WORKERS)
