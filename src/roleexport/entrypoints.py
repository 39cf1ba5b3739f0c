"""Installed entry points of a group, read once and kept in the cache folder.

Finding entry points means importing ``importlib.metadata`` (and ``email`` with it) and
reading every installed distribution's metadata: 20-30 ms on every start, more than
``--help`` itself. Entry points change only when a distribution is installed, upgraded or
removed, which adds, removes or rewrites a ``*.dist-info`` folder and its
``entry_points.txt``. So the list is stored in the cache folder (``ROLEEXPORT_CACHE_DIR`` or
the user's; ``entrypoints/<group>-<environment>.json``) with a stamp of ``sys.path``, the distributions on
it and when each one's entry points were written, and read again only when the stamp differs. A cache that
cannot be read or written only costs the reading.
"""

from __future__ import annotations

import contextlib
import importlib
import json
import os
import re
import sys
import zlib
from pathlib import Path
from typing import Any

from roleexport.cachedir import ENV_VAR, default_cache_dir
from roleexport.output import write_atomically

FOLDER = "entrypoints"
VALUE = re.compile(r"^(?P<module>[\w.]+)\s*(?::\s*(?P<attr>[\w.]+)\s*)?(?:\[.*\]\s*)?$")
"""``module:attr`` with optional extras, as ``importlib.metadata.EntryPoint`` reads it."""
METADATA_SUFFIXES = (".dist-info", ".egg-info")


def _stamp(group: str) -> list[object]:
    """What the installed entry points depend on: the search path, its distributions and when
    each one's ``entry_points.txt`` changed (a listing and a stat each: well under a millisecond)."""
    parts: list[object] = [group, sys.version, sys.prefix]
    for entry in sys.path:
        try:
            names = sorted(e.name for e in os.scandir(entry or ".") if e.name.endswith(METADATA_SUFFIXES))
        except OSError:
            continue
        for name in names:
            try:
                changed: int | None = os.stat(os.path.join(entry or ".", name, "entry_points.txt")).st_mtime_ns
            except OSError:
                changed = None
            parts.append([entry, name, changed])
    stamp: list[object] = json.loads(json.dumps(parts))  # as it reads back from the cache file
    return stamp


def _scan(group: str) -> list[tuple[str, str]]:
    from importlib.metadata import entry_points

    return [(ep.name, ep.value) for ep in entry_points(group=group)]


def _cache_file(group: str) -> Path:
    folder = Path(os.environ[ENV_VAR]) if os.environ.get(ENV_VAR) else default_cache_dir()
    # one file per environment, so two virtual environments sharing a cache folder do not take turns
    return folder / FOLDER / f"{group}-{zlib.crc32(sys.prefix.encode()):08x}.json"


def installed(group: str) -> list[tuple[str, str]]:
    """(name, value) of every installed entry point of ``group``, duplicates included."""
    stamp, path = _stamp(group), _cache_file(group)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data["stamp"] == stamp:
            return [(str(name), str(value)) for name, value in data["entries"]]
    except (OSError, ValueError, KeyError, TypeError):
        pass  # not cached yet, or stale, damaged or unreadable: read the metadata
    found = _scan(group)
    text = json.dumps({"stamp": stamp, "entries": found}, indent=1)
    with contextlib.suppress(OSError):  # a cache that cannot be written is only slower
        write_atomically(path.parent, path.name, text.encode(), durable=False)
    return found


def load(value: str) -> Any:
    """The object an entry point's value (``module:attr``) names, imported now."""
    found = VALUE.match(value)
    if not found:
        raise ValueError(f"{value!r} is not 'module:attribute'")
    obj: Any = importlib.import_module(found.group("module"))
    for part in (found.group("attr") or "").split("."):
        if part:
            obj = getattr(obj, part)
    return obj
