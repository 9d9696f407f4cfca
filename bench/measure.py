"""Run one command as a measured subprocess: wall time, CPU time, peak memory.

- wall: ``perf_counter`` from just before the fork to the moment ``wait4`` returns.
- ``maxrss_mib``: the kernel's peak RSS of the largest single process in the tree (the command
  and every descendant it waited for, e.g. extraction workers, Pagefind), read from ``wait4``'s
  rusage. Same figure as ``/usr/bin/time -v``'s "Maximum resident set size".
- ``tree_pss_mib``: the sampled peak of the *sum* of PSS over the whole tree (every 0.2 s from
  ``/proc/*/smaps_rollup``), i.e. the memory the tree holds at once, with copy-on-write pages
  shared by forked workers counted once. Sampling can miss a short spike; it is a lower bound.
"""

from __future__ import annotations

import os
import signal
import subprocess
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path


class BenchError(RuntimeError):
    """A step failed or timed out; the message says which and shows the end of its log."""


@dataclass(frozen=True)
class Measurement:
    step: str
    wall_s: float
    user_s: float
    sys_s: float
    maxrss_mib: float
    tree_pss_mib: float | None
    log: str

    def as_dict(self) -> dict:
        return {k: (round(v, 4) if isinstance(v, float) else v) for k, v in asdict(self).items()}


def _children(pid: int) -> list[int]:
    out: list[int] = []
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return out
    for tid in tasks:
        try:
            with open(f"/proc/{pid}/task/{tid}/children") as fh:
                out.extend(int(c) for c in fh.read().split())
        except OSError:
            continue
    return out


def _pss_kib(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as fh:
            for line in fh:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def tree_pss_kib(root: int) -> int:
    total, todo, seen = 0, [root], set()
    while todo:
        pid = todo.pop()
        if pid in seen:
            continue
        seen.add(pid)
        total += _pss_kib(pid)
        todo.extend(_children(pid))
    return total


def run_measured(
    step: str,
    cmd: list[str],
    cwd: Path,
    log_path: Path,
    env: dict[str, str] | None = None,
    timeout: float = 3600,
    sample_every: float | None = 0.2,
) -> Measurement:
    """Run ``cmd``; raise BenchError (with the log's tail) on a non-zero exit or a timeout."""
    log_path.parent.mkdir(parents=True, exist_ok=True)
    done: dict = {}
    peak_pss = [0]
    with open(log_path, "wb") as log:
        log.write(("$ " + " ".join(cmd) + f"\n# cwd: {cwd}\n").encode())
        log.flush()
        started = time.perf_counter()
        proc = subprocess.Popen(
            cmd,
            cwd=cwd,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

        def wait() -> None:
            _, status, usage = os.wait4(proc.pid, 0)
            done.update(end=time.perf_counter(), status=status, usage=usage)

        waiter = threading.Thread(target=wait, daemon=True)
        waiter.start()
        deadline = started + timeout
        sampling = sample_every is not None and os.path.exists(f"/proc/{proc.pid}/smaps_rollup")
        try:
            while waiter.is_alive() and time.perf_counter() < deadline:
                waiter.join(min(sample_every or 1.0, max(0.0, deadline - time.perf_counter())))
                if sampling and waiter.is_alive():
                    peak_pss[0] = max(peak_pss[0], tree_pss_kib(proc.pid))
        except BaseException:  # Ctrl-C: the command runs in its own session, so stop it here
            _kill_group(proc.pid, waiter)
            proc.returncode = -9
            raise
        if waiter.is_alive():
            _kill_group(proc.pid, waiter)
            proc.returncode = -9
            raise BenchError(f"{step}: timed out after {timeout:.0f} s\n{_tail(log_path)}")
    code = os.waitstatus_to_exitcode(done["status"])
    proc.returncode = code  # reaped by wait4: keep Popen from waiting again
    if code != 0:
        raise BenchError(f"{step}: exit status {code} (log: {log_path})\n{_tail(log_path)}")
    usage = done["usage"]
    return Measurement(
        step=step,
        wall_s=done["end"] - started,
        user_s=usage.ru_utime,
        sys_s=usage.ru_stime,
        maxrss_mib=usage.ru_maxrss / 1024,  # Linux: KiB
        tree_pss_mib=peak_pss[0] / 1024 if sampling and peak_pss[0] else None,
        log=str(log_path),
    )


def _kill_group(pid: int, waiter: threading.Thread) -> None:
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(pid, sig)
        except ProcessLookupError:
            return
        waiter.join(10)
        if not waiter.is_alive():
            return


def _tail(path: Path, lines: int = 40) -> str:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""
    return "\n".join("    " + line for line in text.splitlines()[-lines:])
