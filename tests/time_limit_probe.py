"""Time limits on speech, in a process of its own (one thread, as a build worker has): a test
runner's own threads (pytest-xdist's) would take the alarm while the main thread holds it or
waits in a system call. Prints what it saw; exits non-zero when a limit failed, a child or a
held signal is left. Run by tests/test_audio.py:

    python tests/time_limit_probe.py instants          # forty limits over the first 0.3 s
    python tests/time_limit_probe.py export PAGE OUT   # audio and narration of PAGE, 0.3 s each
"""

from __future__ import annotations

import functools
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


def export(page: Path, out: Path) -> int:
    from roleexport.build import BuildRequest, SourceResult, export_document
    from roleexport.reader import read_source

    before = children()
    result = SourceResult(page)
    doc = read_source(page)
    export_document(doc, BuildRequest(out, ("audio",), timeout=0.3), result)
    export_document(doc, BuildRequest(out, ("narration",), timeout=60), result)  # the same process goes on
    left = children() - before
    mp3s = sorted(p.name for p in out.rglob("*.mp3"))
    print(f"built {result.built}; failures {result.failures}; mp3 {mp3s}; children left {sorted(left)}")
    return 0


def _spoken(text: str, voice: str, rate: int, volume: float) -> bytes:
    return engine.speak_here(text, voice, rate, volume).pcm


def instants() -> int:
    jobs = [(f"Sentence number {i} is spoken here.", "en", 175, 1.0) for i in range(200)]
    before = children()
    for n in range(40):
        limit = 0.02 + n * 0.007
        try:
            with time_limit(limit):
                pool = engine.Pool(8)
                for text, voice, rate, volume in jobs:
                    work = functools.partial(_spoken, text, voice, rate, volume)
                    pool.add(engine.speech_task(text, voice, work, lambda data: None))
                pool.run()
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
    sys.exit(export(Path(sys.argv[2]), Path(sys.argv[3])) if sys.argv[1] == "export" else instants())
