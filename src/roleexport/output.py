"""Crash-safe file writes: a file is either its old complete version or its new one."""

from __future__ import annotations

import os
from pathlib import Path

from roleexport.errors import ExportError


def write_atomically(folder: Path, name: str, data: bytes, *, hidden: bool = False) -> Path:
    """Write ``data`` to ``folder/name`` through a temporary file in the same folder (a name
    starting with a dot only when ``hidden`` says so: exporters write deliverables)."""
    if not name or "/" in name or "\\" in name or (name.startswith(".") and not hidden):
        raise ExportError(f"exporter returned an unsafe file name {name!r}")
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / name
    temporary = folder / f".{name}.{os.getpid()}.tmp"
    try:
        with open(temporary, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return target


def remove_stale_temporaries(out_dir: Path) -> int:
    """Delete temporary files a killed build left in the page folders; returns how many."""
    removed = 0
    for stale in out_dir.glob("*/.*.tmp"):
        stale.unlink(missing_ok=True)
        removed += 1
    for stale in out_dir.glob(".*.tmp"):
        stale.unlink(missing_ok=True)
        removed += 1
    return removed
