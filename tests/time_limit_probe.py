"""Forty time limits over the first 0.3 s of a speech run, in a process of its own (one thread,
as a build worker has): prints what it saw, exits non-zero when a child or a held signal is left.
Run by tests/test_audio.py."""

from __future__ import annotations

import signal
import sys
from pathlib import Path

from roleexport.deadline import TimeLimitExceeded, time_limit
from roleexport.exporters.audio import engine


def children() -> set[int]:
    """This process's child processes, zombies included (from /proc, independent of os.wait)."""
    found: set[int] = set()
    for task in Path("/proc/self/task").iterdir():
        found |= {int(pid) for pid in (task / "children").read_text().split()}
    return found


def main() -> int:
    jobs = [(f"Sentence number {i} is spoken here.", "en", 175, 1.0) for i in range(200)]
    before = children()
    for n in range(40):
        limit = 0.02 + n * 0.007
        try:
            with time_limit(limit):
                engine.render_many(jobs, 8, lambda job, clip: None)
        except TimeLimitExceeded:
            pass
        else:
            print(f"limit {limit:.3f} s: the run finished before the limit fired")
            return 1
        left = children() - before
        if left:
            print(f"limit {limit:.3f} s: children left behind: {sorted(left)}")
            return 1
        if signal.pthread_sigmask(signal.SIG_BLOCK, ()) & engine.HELD_SIGNALS:
            print(f"limit {limit:.3f} s: signals left blocked")
            return 1
    print("40 limits, no child left, no signal left blocked")
    return 0


if __name__ == "__main__":
    sys.exit(main())
