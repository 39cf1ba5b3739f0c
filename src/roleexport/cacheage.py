"""Cache entries unused for a month are removed, so the cache folder (``cachedir``: the user's,
or ``--cache-dir``) of nightly builds does not grow without end: each edited paragraph leaves
its old speech clip behind, each edit of a page its old encoded track and, for a new title,
its old cover (a 10,000-item page is about 1 GB of clips).

"Used" is a file's modification time, which a build refreshes on every cache hit
(``mark_used``); ``prune`` runs once a whole build has finished, so nothing a running worker
still needs is removed. A page not rebuilt for a month only costs its speech again.
"""

from __future__ import annotations

import contextlib
import os
import time
from pathlib import Path

KEEP_DAYS = 30
AGED_FOLDERS = ("speech", "encoded", "cover", "tree")
"""The content-keyed caches; the page map is one file per page and needs no pruning."""


def mark_used(path: Path) -> None:
    """Note that a cache entry served this build (a read-only cache only loses the note)."""
    with contextlib.suppress(OSError):
        os.utime(path)


def prune(cache_dir: Path, keep_days: float = KEEP_DAYS, now: float | None = None) -> int:
    """Remove the entries of the aged folders unused for ``keep_days``; how many went."""
    cutoff = (time.time() if now is None else now) - keep_days * 86_400
    removed = 0
    for name in AGED_FOLDERS:
        try:
            entries = list(os.scandir(cache_dir / name))
        except OSError:
            continue
        for entry in entries:
            with contextlib.suppress(OSError):
                if entry.is_file(follow_symlinks=False) and entry.stat(follow_symlinks=False).st_mtime < cutoff:
                    os.unlink(entry.path)
                    removed += 1
    return removed
