"""Run a command and measure it: wall time, and the peak RSS of its largest process.

``os.wait4`` returns the resource usage of that one child, which includes every descendant
it waited for (a ProcessPoolExecutor's workers), so ``ru_maxrss`` is the peak of the biggest
single process in the tree: the "memory per worker" figure. A timeout kills the whole
process group, so a hung exporter costs the benchmark a line, not the run.
"""

from __future__ import annotations

import os
import signal
import subprocess
import tempfile
import threading
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Run:
    """One finished (or killed) command."""

    cmd: list[str]
    wall: float
    peak_kb: int
    returncode: int
    stdout: str
    stderr: str
    timed_out: bool = False

    @property
    def ok(self) -> bool:
        return self.returncode == 0 and not self.timed_out

    def problem(self) -> str:
        """One line saying why the run did not succeed."""
        if self.timed_out:
            return f"timed out after {self.wall:.0f} s"
        last = (self.stderr.strip().splitlines() or self.stdout.strip().splitlines() or [""])[-1]
        return f"exit {self.returncode}: {last[:160]}"


def run(cmd: Sequence[str], timeout: float, cwd: Path | None = None, env: dict[str, str] | None = None) -> Run:
    """Run ``cmd`` to completion (or ``timeout``), timing it with a blocking ``wait4``."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(
            list(cmd), stdout=out, stderr=err, stdin=subprocess.DEVNULL, cwd=cwd, env=env, start_new_session=True
        )
        killed = threading.Event()

        def kill() -> None:
            killed.set()
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass

        timer = threading.Timer(timeout, kill)
        timer.start()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        timer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Run(
            list(cmd),
            wall,
            usage.ru_maxrss,
            proc.returncode,
            out.read().decode(errors="replace"),
            err.read().decode(errors="replace"),
            killed.is_set(),
        )


@dataclass
class Batch:
    """Several commands run ``jobs`` at a time."""

    runs: list[Run]
    wall: float

    @property
    def peak_kb(self) -> int:
        return max((r.peak_kb for r in self.runs), default=0)

    @property
    def failed(self) -> list[Run]:
        return [r for r in self.runs if not r.ok]


def run_parallel(cmds: Sequence[Sequence[str]], jobs: int, timeout: float) -> Batch:
    """Run every command, ``jobs`` at a time (a thread each waits on one process)."""
    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        runs = list(pool.map(lambda c: run(c, timeout), cmds))
    return Batch(runs, time.perf_counter() - start)
