"""A source's parsed tree kept in the build's cache folder, so a page whose source, side files
and code are unchanged is not parsed again, and markdown-it and YAML are not even imported.

Reading a page is about a third of a cached ``roleexport epub`` (importing the parser and the
glossary's YAML, parsing, matching terms). The key hashes everything the tree and the
reader's warnings depend on: the source's path and bytes, the glossary and lexicon beside it,
roleexport's code and package data (the shipped glossary and lexicon) and the parser's and
YAML's versions. The warnings the reader gave are stored with the tree and given again, and
so is whether each image file it looked for was there: when one appears or goes, the page is
read again. The tree is stored as ``roleexport tree``'s JSON, naming only the model's classes (a cache folder
may be shared between machines: nothing in it is ever executed); a damaged or unknown entry
is read again, never trusted. Entries unused for a month go with the other caches.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import warnings
from pathlib import Path
from typing import Any

from roleexport import model, walk
from roleexport.cacheage import mark_used
from roleexport.diagnostics import RoleExportWarning
from roleexport.manifest import code_digest, hash_source
from roleexport.output import write_atomically
from roleexport.pkgversion import installed_version

FOLDER = "tree"
FORMAT = 1
"""Part of the key and of each entry: a new layout of the entries is never misread."""
CLASSES = {
    cls.__name__: cls
    for cls in vars(model).values()
    if isinstance(cls, type) and dataclasses.is_dataclass(cls) and cls.__module__ == model.__name__
}


def read(source: Path, cache_dir: Path | None) -> model.Document:
    """The tree of ``source``, from the cache when it is there and still true, else read (and kept)."""
    if cache_dir is None:
        return _parse(source)
    try:
        path = cache_dir / FOLDER / f"{_key(source)}.json"
    except OSError:
        return _parse(source)  # the reader says what is wrong with the file
    cached = _load(path, source)
    if cached is not None:
        doc, said = cached
        for message, line in said:
            warnings.warn(RoleExportWarning(message, source, line), stacklevel=2)
        mark_used(path)
        return doc
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        doc = _parse(source)
    for w in caught:  # given on to the build, which collects them per source
        warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
    kept: list[list[Any]] = [
        [w.message.message, w.message.line]
        for w in caught
        if isinstance(w.message, RoleExportWarning) and w.message.path == source
    ]
    if len(kept) == len(caught):  # a warning about another file, or of another kind: not kept
        _store(path, source, doc, kept)
    return doc


def _parse(source: Path) -> model.Document:
    from roleexport.reader import read_source  # markdown-it and YAML: only when a page is parsed

    return read_source(source)


def _key(source: Path) -> str:
    digest = hashlib.sha256()
    fields = [
        FORMAT,
        str(source),
        code_digest(),
        installed_version("markdown_it", "__init__.py", "__version__"),
        installed_version("yaml", "__init__.py", "__version__"),
    ]
    digest.update(json.dumps(fields).encode())
    hash_source(source, digest)
    return digest.hexdigest()


def _images(tree: Any, source: Path) -> list[list[Any]]:
    """Each image the page names (in the tree's JSON form), and whether a file of that name is
    beside the page now."""
    found: dict[str, bool] = {}
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            src = node.get("src") if node.get("type") == "Image" else None
            if isinstance(src, str) and src not in found:
                found[src] = bool(src) and (source.parent / src).is_file()
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return sorted([src, there] for src, there in found.items())


def _store(path: Path, source: Path, doc: model.Document, said: list[list[Any]]) -> None:
    tree = walk.to_data(doc)
    entry = {"format": FORMAT, "tree": tree, "warnings": said, "images": _images(tree, source)}
    try:
        write_atomically(path.parent, path.name, json.dumps(entry, ensure_ascii=False).encode(), durable=False)
    except OSError:
        pass  # a cache that cannot be written only costs the parsing next time


def _load(path: Path, source: Path) -> tuple[model.Document, list[tuple[str, int | None]]] | None:
    try:
        entry = json.loads(path.read_bytes())
        doc = _node(entry["tree"])
        said = [(str(message), line if isinstance(line, int) else None) for message, line in entry["warnings"]]
        fresh = entry["format"] == FORMAT and _images(entry["tree"], source) == entry["images"]
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    return (doc, said) if fresh and isinstance(doc, model.Document) else None


def _node(data: Any) -> Any:
    """``walk.to_data`` undone; ValueError for anything that is not one of the model's nodes."""
    if isinstance(data, dict):
        cls = CLASSES.get(data.get("type", ""))
        if cls is None:
            raise ValueError(f"not a node of the model: {data.get('type')!r}")
        return cls(**{name: _node(value) for name, value in data.items() if name != "type"})
    if isinstance(data, list):
        return tuple(_node(value) for value in data)
    if data is None or isinstance(data, str | int | bool):
        return data
    raise ValueError(f"not a value of the model: {type(data).__name__}")
