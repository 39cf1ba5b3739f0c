"""A time limit on each exporter run, so one hung format cannot stall an unattended batch.

The limit is a real-time interval timer (SIGALRM) whose handler raises in the running
exporter, which then fails like any other format: one line, nothing written, the batch goes
on. It works in the main thread of the process doing the work (the CLI or a worker of
``--jobs``), the only thread a signal handler runs in; elsewhere there is no limit. Code
stuck inside a C library without returning to Python is stopped when it returns.
Forked children (the speech engine's) do not inherit the timer; they have deadlines of
their own, and an interrupted parent kills them as it unwinds.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

from roleexport.errors import ExportError

DEFAULT_SECONDS = 3600.0
"""One hour for one format of one page: far beyond any real page (the 6-hour audio of a
10,000-item page takes under 2 minutes), short enough that a stuck batch ends the same night."""


class TimeLimitExceeded(ExportError):
    """An exporter ran past ``--timeout``."""


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise TimeLimitExceeded in the body once ``seconds`` have passed (None or 0: no limit)."""
    if not seconds or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum: int, frame: FrameType | None) -> None:
        raise TimeLimitExceeded(f"stopped after {seconds:g} s (--timeout); nothing written")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
