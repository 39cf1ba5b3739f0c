"""The incremental-build manifest: what each (source, format) output was built from.

A key hashes everything an output depends on: the source bytes, the glossary and lexicon
beside it, every file of the style folder (TOML, CSS, fonts), roleexport's own code and the
options. An unchanged key and files still on disk mean the output is current. The manifest
is written after the outputs, atomically, so a crash leaves at worst a stale entry that
causes a rebuild, never a skipped output that is missing.

Shards of one batch (``--shard K/N``) building into one output folder at the same time each
write their own manifest file (``.roleexport-manifest.shard-K-of-N.json``), so no shard ever
overwrites another's record; every build reads them all together. Each entry carries the
generation of the build that wrote it (one more than the highest generation already in the
folder), and the newest entry for a source and format wins, whichever file it is in: a
later unsharded build, or another split, overrides an older shard's record without clocks.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import asdict
from functools import cache
from pathlib import Path
from typing import Any

from roleexport import __version__
from roleexport.glossary import GLOSSARY_FILE, LEXICON_FILE
from roleexport.output import write_atomically
from roleexport.shard import Shard

MANIFEST_NAME = ".roleexport-manifest.json"
"""Hidden: the output folder is for deliverables; this small file only says what is current."""


def _hash_files(paths: Iterable[Path], digest: Any) -> None:
    for path in sorted(paths):
        if path.is_file():
            digest.update(path.name.encode() + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())


@cache
def code_digest() -> str:
    """roleexport's own code and package data (default glossary, lexicon, message catalogues): any change
    invalidates every output."""
    digest = hashlib.sha256(__version__.encode())
    package = Path(__file__).resolve().parent
    _hash_files(
        (
            p
            for p in package.rglob("*")
            if p.suffix in {".py", ".yaml", ".pls", ".toml"} and "__pycache__" not in p.parts
        ),
        digest,
    )
    return digest.hexdigest()


def input_key(source: Path, fmt: str, style_files: str, style_name: str, options: Any) -> str:
    """The hash of everything one format's output of one source depends on; ``style_files`` is
    the style's ``files_digest``."""
    digest = hashlib.sha256()
    for part in (
        fmt,
        style_name,
        code_digest(),
        style_files,
        json.dumps(_plain(options), sort_keys=True),
    ):
        digest.update(part.encode() + b"\0")
    hash_source(source, digest)
    return digest.hexdigest()


def hash_source(source: Path, digest: Any) -> None:
    """Add the source's bytes and those of the glossary and lexicon beside it to ``digest``."""
    _hash_files([source, source.parent / GLOSSARY_FILE, source.parent / LEXICON_FILE], digest)


def _plain(options: Any) -> Any:
    data = asdict(options)
    data.pop("cache_dir", None)  # where clips are cached does not change what is built
    return {k: str(v) if v is not None else None for k, v in data.items()}


MANIFEST_FILES = ".roleexport-manifest*.json"


def manifest_name(shard: Shard | None = None) -> str:
    """The manifest file a build writes: the folder's own, or its shard's."""
    if shard is None:
        return MANIFEST_NAME
    return f".roleexport-manifest.shard-{shard.index}-of-{shard.count}.json"


def _entries(path: Path) -> dict[str, dict[str, dict[str, Any]]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}  # no manifest or a damaged one: what it recorded is rebuilt
    entries = data.get("entries") if isinstance(data, dict) else None
    return entries if isinstance(entries, dict) else {}


class Manifest:
    """Per source and format: the input key and the files it wrote (relative to the output folder),
    read from every manifest file of the folder; ``save`` writes this build's own file only."""

    def __init__(self, out_dir: Path, name: str = MANIFEST_NAME) -> None:
        self.out_dir = out_dir
        self.name = name
        self.entries: dict[str, dict[str, dict[str, Any]]] = {}
        newest: dict[str, dict[str, dict[str, Any]]] = {}
        for path in sorted(out_dir.glob(MANIFEST_FILES)):
            found = _entries(path)
            if path.name == name:
                self.entries = found
            for source, formats in found.items():
                for fmt, entry in formats.items() if isinstance(formats, dict) else ():
                    known = newest.setdefault(source, {}).get(fmt)
                    if isinstance(entry, dict) and (known is None or _generation(entry) > _generation(known)):
                        newest[source][fmt] = entry
        self.newest = newest
        self.generation = 1 + max((_generation(e) for f in newest.values() for e in f.values()), default=0)

    def is_current(self, source: Path, fmt: str, key: str) -> bool:
        entry = self.newest.get(str(source), {}).get(fmt)
        if not entry or entry.get("key") != key:
            return False
        return all((self.out_dir / f).is_file() for f in entry.get("files", []))

    def record(self, source: Path, fmt: str, key: str, files: list[Path]) -> None:
        rel = sorted(str(f.resolve().relative_to(self.out_dir.resolve())) for f in files)
        self._set(source, fmt, {"key": key, "files": rel, "gen": self.generation})

    def forget(self, source: Path, fmt: str) -> None:
        """No longer current; a marker when another manifest file still records it, so it is
        not taken as current from there."""
        if fmt in self.newest.get(str(source), {}):
            self._set(source, fmt, {"gen": self.generation})

    def _set(self, source: Path, fmt: str, entry: dict[str, Any]) -> None:
        self.entries.setdefault(str(source), {})[fmt] = entry
        self.newest.setdefault(str(source), {})[fmt] = entry

    def save(self) -> None:
        data = json.dumps({"version": 1, "entries": self.entries}, indent=1, sort_keys=True)
        write_atomically(self.out_dir, self.name, data.encode(), hidden=True)


def _generation(entry: dict[str, Any]) -> int:
    gen = entry.get("gen", 0)
    return gen if isinstance(gen, int) else 0
