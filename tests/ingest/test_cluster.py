"""Extraction on a Dask cluster (``WIRE_EXTRACT_SCHEDULER``) against the built-in pool: the same
posts byte for byte and the same cache, through faults.

Everything that touches Dask runs in child processes (the ingest's command line, ``dask
scheduler``, ``dask worker``): Dask's threads would stay in the test process and make every later
fork of the suite unsafe. The clusters: ``local`` (a LocalCluster of two worker processes,
started by the ingest itself) and, for a cluster reached by address, a ``dask scheduler`` with
``dask worker`` processes, one of them on another version of the code.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.support import ROOT

PLUGINS = ROOT / "plugins"
DASK = Path(sys.executable).with_name("dask")
CORPUS = 500  # stories of the bench corpus
READY = re.compile(r"the Dask worker (\S+) \(\S+, pid (\d+)\) extracts for this run")


@pytest.fixture(scope="module")
def dask_installed():
    if importlib.util.find_spec("distributed") is None or not DASK.exists():
        message = "Dask's distributed is not installed: `make venv-cluster` (make test installs it)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)


# --- sites, runs and what they wrote ---------------------------------------------------------


def make_site(root: Path, wire: dict[str, bytes]) -> Path:
    """A site folder as `make ingest` sees it: the settings and an inbox of wire files."""
    (root / "content" / "wire").mkdir(parents=True)
    shutil.copy(ROOT / "pelicanconf.py", root / "pelicanconf.py")
    for name, data in wire.items():
        (root / "content" / "wire" / name).write_bytes(data)
    return root


def ingest_env(scheduler: str | None = None, timeout: float | None = None, plugins: Path = PLUGINS) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("WIRE_EXTRACT_")}
    env["PYTHONPATH"] = str(plugins)
    if scheduler:
        env["WIRE_EXTRACT_SCHEDULER"] = scheduler
    if timeout:
        env["WIRE_EXTRACT_TIMEOUT"] = str(timeout)
    return env


def ingest_command() -> list[str]:
    return [sys.executable, "-m", "wire_ingest", "ingest", "--config", "pelicanconf.py"]


def ingest(site: Path, scheduler: str | None = None, timeout: float | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        ingest_command(),
        cwd=site,
        env=ingest_env(scheduler, timeout),
        capture_output=True,
        text=True,
        timeout=600,
    )


class Running:
    """An ingest running in a child process, its log read as it comes."""

    def __init__(self, site: Path, scheduler: str):
        self.site = site
        self.process = subprocess.Popen(
            ingest_command(),
            cwd=site,
            env=ingest_env(scheduler),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.lines: list[str] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        for line in self.process.stderr:
            self.lines.append(line)

    def wait_for(self, condition, what: str, limit: float = 300):
        """Polls ``condition()`` until it is true (returned), the ingest ends, or ``limit``."""
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            found = condition()
            if found:
                return found
            if self.process.poll() is not None:
                break
            time.sleep(0.05)
        self.process.kill()
        raise AssertionError(f"never saw {what}; the ingest's log:\n{''.join(self.lines)[-3000:]}")

    def finish(self) -> tuple[int, str, str]:
        out = self.process.stdout.read()  # not communicate(): it would read the log too, away from the reader
        self.process.wait(600)
        self._reader.join(10)
        return self.process.returncode, out, "".join(self.lines)

    def ready_workers(self) -> list[tuple[str, int]]:
        return [(m[1], int(m[2])) for m in map(READY.search, list(self.lines)) if m]


def posts(site: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((site / "content" / "posts").glob("*.md"))}


def cache_rows(site: Path) -> dict[str, str]:
    db = sqlite3.connect(site / ".cache" / "extract.sqlite")
    try:
        return dict(db.execute("SELECT key, value FROM extraction"))
    finally:
        db.close()


def forget(site: Path) -> None:
    """Back to a site that was never ingested."""
    shutil.rmtree(site / "content" / "posts", ignore_errors=True)
    shutil.rmtree(site / ".cache", ignore_errors=True)


def assert_ingested(result: subprocess.CompletedProcess, count: int) -> None:
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.startswith(f"ingest: {count} new, 0 updated, 0 unchanged"), result.stdout
    assert "an extraction worker failed" not in result.stderr  # no batch fell back to this process


@pytest.fixture(scope="module")
def bench_site(tmp_path_factory, dask_installed):
    """The first 500 items of the bench corpus, ingested by the built-in pool: its posts and cache
    are what every cluster run must give."""
    from bench.corpus import make_item

    items = [make_item(i, n_base=CORPUS) for i in range(CORPUS)]
    site = make_site(tmp_path_factory.mktemp("bench"), {item.name: item.data for item in items})
    assert_ingested(ingest(site), CORPUS)
    reference = posts(site), cache_rows(site)
    forget(site)
    return site, reference


@pytest.fixture(scope="module")
def seed_site(tmp_path_factory, dask_installed):
    """The seed stories, ingested by the built-in pool (their dates come from the files' times:
    the cluster's runs use the same files)."""
    site = make_site(
        tmp_path_factory.mktemp("seeds"), {p.name: p.read_bytes() for p in sorted(ROOT.glob("seeds/*.txt"))}
    )
    result = ingest(site)
    assert_ingested(result, 16)
    reference = posts(site), cache_rows(site)
    forget(site)
    return site, reference


# --- a cluster reached by address: dask scheduler, dask worker --------------------------------


class Cluster:
    """``dask scheduler`` and ``dask worker`` processes on this machine (as an operator would
    start them on several), stopped at the end."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.file = folder / "scheduler.json"
        self.processes: list[subprocess.Popen] = []
        log = open(folder / "scheduler.log", "w")  # noqa: SIM115 - kept open by the child
        self.processes.append(
            subprocess.Popen(
                [
                    str(DASK),
                    "scheduler",
                    "--host",
                    "127.0.0.1",
                    "--port",
                    "0",
                    "--no-dashboard",
                    "--scheduler-file",
                    str(self.file),
                ],
                stdout=log,
                stderr=subprocess.STDOUT,
                env=ingest_env(),  # the scheduler reads the batches' tasks: it needs the archive's code too
            )
        )
        deadline = time.monotonic() + 120
        self.address = None
        while self.address is None and time.monotonic() < deadline:
            try:
                self.address = json.loads(self.file.read_text())["address"]
            except (OSError, ValueError, KeyError):  # not written yet, or half
                time.sleep(0.05)
        assert self.address, (folder / "scheduler.log").read_text()[-2000:]

    def worker(self, name: str, plugins: Path = PLUGINS) -> Path:
        """A one-thread worker whose code is ``plugins``; returns its log."""
        log_path = self.folder / f"worker-{name}.log"
        log = open(log_path, "w")  # noqa: SIM115 - kept open by the child
        self.processes.append(
            subprocess.Popen(
                [str(DASK), "worker", "--scheduler-file", str(self.file), "--nthreads", "1", "--no-nanny",
                 "--no-dashboard", "--name", name],
                stdout=log, stderr=subprocess.STDOUT, env=ingest_env(plugins=plugins),
            )
        )  # fmt: skip
        return log_path

    def wait_for_workers(self, count: int) -> None:
        """Until ``count`` workers have registered (their logs say so)."""
        deadline = time.monotonic() + 120
        logs = sorted(self.folder.glob("worker-*.log"))
        while time.monotonic() < deadline:
            if sum("Registered to" in p.read_text() for p in logs) >= count:
                return
            time.sleep(0.05)
        raise AssertionError("the workers did not register: " + " | ".join(p.read_text()[-500:] for p in logs))

    def stop(self) -> None:
        for process in reversed(self.processes):
            process.terminate()
        for process in self.processes:
            try:
                process.wait(20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@pytest.fixture
def other_version(tmp_path) -> Path:
    """The code of another version of the extractor (one stage changed by a comment)."""
    target = tmp_path / "other-plugins"
    shutil.copytree(PLUGINS, target, ignore=shutil.ignore_patterns("__pycache__"))
    stage = target / "wire_ingest" / "extract.py"
    stage.write_text(stage.read_text() + "\n# another version of the extractor\n")
    return target


def test_a_cluster_of_workers_on_another_version_is_refused_with_a_clear_error(tmp_path, seed_site, other_version):
    site, _ = seed_site
    cluster = Cluster(tmp_path)
    try:
        cluster.worker("other", other_version)
        cluster.wait_for_workers(1)
        result = ingest(site, cluster.address, timeout=20)
    finally:
        cluster.stop()
    assert result.returncode == 2, result.stderr[-3000:]
    assert f"no worker of the Dask cluster at {cluster.address} can extract" in result.stderr
    assert re.search(r"tcp://\S+ has extractor v1-\w+, this run v1-\w+", result.stderr), result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    assert not list((site / "content" / "posts").glob("*.md"))  # nothing written from that cluster
    forget(site)


def test_a_cluster_by_address_gives_the_pool_posts_and_refuses_a_worker_on_another_version(
    tmp_path, seed_site, other_version
):
    site, (reference_posts, reference_cache) = seed_site
    cluster = Cluster(tmp_path)
    try:
        cluster.worker("same")
        other_log = cluster.worker("other", other_version)
        cluster.wait_for_workers(2)
        result = ingest(site, cluster.address, timeout=60)
    finally:
        cluster.stop()
    assert_ingested(result, 16)
    assert posts(site) == reference_posts
    assert cache_rows(site) == reference_cache
    refused = re.search(
        r"refused the Dask worker (\S+) .*: its extractor is (v1-\w+), this run's is (v1-\w+)", result.stderr
    )
    assert refused, result.stderr[-3000:]
    assert refused[2] != refused[3]
    assert "refusing to extract" in other_log.read_text()  # the worker says so in its own log too
    assert len(READY.findall(result.stderr)) == 1  # the one worker of this version extracted
    forget(site)


def test_an_unreachable_scheduler_is_a_clear_error_naming_it(tmp_path, dask_installed):
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        address = f"tcp://127.0.0.1:{probe.getsockname()[1]}"
    site = make_site(tmp_path, {p.name: p.read_bytes() for p in sorted(ROOT.glob("seeds/*.txt"))[:2]})
    result = ingest(site, address, timeout=2)
    assert result.returncode == 2
    assert f"cannot reach the Dask scheduler at {address}" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (site / "content" / "posts").exists() or not list((site / "content" / "posts").iterdir())


# --- a local cluster: two worker processes, one killed; the scheduler killed ------------------


def test_a_worker_killed_mid_run_loses_and_doubles_nothing(bench_site):
    """500 bench stories on a local cluster of two workers, one of them killed once the first
    posts are written: every story's post and cache entry, byte for byte the pool's."""
    site, (reference_posts, reference_cache) = bench_site
    run = Running(site, "local")
    workers = run.wait_for(lambda: len(run.ready_workers()) >= 2 and run.ready_workers(), "two ready workers")
    written = run.wait_for(lambda: len(posts(site)) >= 32 and len(posts(site)), "the first posts")
    address, pid = workers[0]
    os.kill(pid, signal.SIGKILL)
    code, out, log = run.finish()
    assert written < CORPUS  # killed mid-run
    assert code == 0, log[-3000:]
    assert out.startswith(f"ingest: {CORPUS} new, 0 updated, 0 unchanged"), out
    assert f"the Dask worker {address} left" in log
    assert "an extraction worker failed" not in log
    assert posts(site) == reference_posts
    assert cache_rows(site) == reference_cache
    forget(site)


def test_the_scheduler_gone_mid_run_stops_the_run_and_the_next_run_goes_on_from_the_cache(bench_site):
    """The local cluster (its scheduler, nannies and workers) killed once the first posts are
    written: a clear error naming it; the posts written are the pool's; what arrived is cached,
    and an ingest without the cluster finishes the archive from there."""
    site, (reference_posts, reference_cache) = bench_site
    run = Running(site, "local")
    started = run.wait_for(
        lambda: re.search(r"starting a local Dask cluster \(pid (\d+)\)", "".join(run.lines)), "the cluster"
    )
    run.wait_for(lambda: len(posts(site)) >= 32, "the first posts")
    os.kill(int(started[1]), signal.SIGKILL)
    code, _, log = run.finish()
    assert code == 2, log[-3000:]
    address = re.search(r"extracting on the Dask cluster at (\S+)", log)[1]
    assert f"ingest stopped: lost the Dask scheduler at {address}" in log
    written, cached = posts(site), cache_rows(site)
    assert 32 <= len(written) < CORPUS
    assert all(reference_posts[name] == data for name, data in written.items())  # complete, the pool's bytes
    assert len(cached) >= len(written)  # every story written was cached, and the batches that arrived after
    assert all(reference_cache[key] == value for key, value in cached.items())

    result = ingest(site)  # the next run, on this machine's pool: the posts written are kept as they are
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.startswith(f"ingest: {CORPUS - len(written)} new, 0 updated, {len(written)} unchanged")
    assert posts(site) == reference_posts
    assert cache_rows(site) == reference_cache
    forget(site)


def test_without_the_setting_dask_is_never_imported(tmp_path):
    site = make_site(tmp_path, {p.name: p.read_bytes() for p in sorted(ROOT.glob("seeds/*.txt"))[:2]})
    script = (
        "import runpy, sys\n"
        "from pathlib import Path\n"
        "from wire_ingest.ingest import run_ingest\n"
        "from wire_ingest.settings import ingest_settings\n"
        "settings = ingest_settings(runpy.run_path('pelicanconf.py'), Path('.').resolve())\n"
        "assert settings.scheduler is None\n"
        "print(run_ingest(settings).summary())\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('dask', 'distributed')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=site, env=ingest_env(), capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr[-3000:]
    summary, imported = result.stdout.splitlines()[-2:]
    assert summary.startswith("2 new")  # the stories were extracted
    assert imported == "[]"


def test_the_local_clusters_workers_leave_memory_trimming_to_glibc(dask_installed):
    """Dask's nanny would start its workers with MALLOC_TRIM_THRESHOLD_=65536 (about 40 % more CPU
    per story: the NER's arrays freed back to the system one by one); ``dask/distributed.yaml``
    unsets it and keeps Dask's other settings (one BLAS thread)."""
    script = (
        "import os\n"
        "from distributed import Client\n"
        "from wire_ingest.cluster import LocalDaskCluster\n"
        "cluster = LocalDaskCluster()\n"
        "try:\n"
        "    with Client(cluster.address(60)) as client:\n"
        "        for name in ('MALLOC_TRIM_THRESHOLD_', 'OMP_NUM_THREADS'):\n"
        "            print(name, sorted(set(client.run(os.getenv, name, 'unset').values())))\n"
        "finally:\n"
        "    cluster.close()\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=ingest_env(), timeout=180
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "MALLOC_TRIM_THRESHOLD_ ['unset']" in result.stdout, result.stdout
    assert "OMP_NUM_THREADS ['1']" in result.stdout, result.stdout
