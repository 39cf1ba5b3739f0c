"""Crash-safe file writes: a file is either its old complete version or its new one."""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Collection, Iterable
from pathlib import Path
from typing import BinaryIO

from roleexport.errors import ExportError

Writer = Callable[[BinaryIO], None]
"""Writes a file into a seekable binary file (a zip archive streamed entry by entry needs to
seek back to each entry's header)."""
FileData = bytes | Iterable[bytes] | Writer
"""A file: its bytes, its parts in turn, or what writes it; so a large file need not be held whole."""


def write_atomically(folder: Path, name: str, data: FileData, *, hidden: bool = False, durable: bool = True) -> Path:
    """Write ``data`` to ``folder/name`` through a temporary file in the same folder (a name
    starting with a dot only when ``hidden`` says so: exporters write deliverables).

    ``durable``: the data reaches the disk before the file takes its name, so even a power cut
    leaves the old file or the new one. A cache entry, which its reader checks and makes again
    when damaged, skips that wait (a few milliseconds a file; more on network storage)."""
    if not name or "/" in name or "\\" in name or (name.startswith(".") and not hidden):
        raise ExportError(f"exporter returned an unsafe file name {name!r}")
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / name
    temporary = folder / f".{name}.{unique()}.tmp"
    try:
        with open(temporary, "wb") as handle:
            if isinstance(data, bytes | bytearray | memoryview):
                handle.write(data)
            elif callable(data):
                data(handle)
            else:
                handle.writelines(data)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return target


def joined(data: FileData) -> bytes:
    """A file given in any of the ways ``write_atomically`` takes, as bytes."""
    if isinstance(data, bytes):
        return data
    if callable(data):
        buffer = io.BytesIO()
        data(buffer)
        return buffer.getvalue()
    return b"".join(data)


def unique() -> str:
    """A temporary file's own part: the process and a random tag, since processes of different
    machines sharing a folder (``--shard`` workers and their cache) can have the same id."""
    return f"{os.getpid()}.{os.urandom(4).hex()}"


def remove_stale_temporaries(out_dir: Path, only: Collection[str] | None = None) -> int:
    """Delete temporary files a killed build left in the page folders; returns how many.

    ``only`` names the page folders and top-level files this build owns (a shard's): another
    build writing into the same folder at the same time keeps its temporaries.
    """
    if only is None:
        stale = [*out_dir.glob("*/.*.tmp"), *out_dir.glob(".*.tmp")]
    else:
        stale = [p for name in only if name for p in (out_dir / name).glob(".*.tmp")]
        stale += [p for p in out_dir.glob(".*.tmp") if any(p.name.startswith(f".{name}.") for name in only)]
    for path in stale:
        path.unlink(missing_ok=True)
    return len(stale)
