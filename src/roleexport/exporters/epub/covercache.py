"""The booklet's cover PNG kept in the build's cache folder (``options.cache_dir``), keyed by content.

Drawing the cover means importing Pillow and rendering a 1600 x 2400 picture: a large part of
a cached ``roleexport epub``, whose words and page map are otherwise ready. The key hashes
everything the picture depends on: the words drawn (category, title, publisher), the fonts'
bytes and the colours, roleexport's code and Pillow's version (read without importing it).
One file per key, so pages that share a cover share the file; unused entries age out with the
other content-keyed caches (``cacheage``).
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from roleexport.cacheage import mark_used
from roleexport.manifest import code_digest
from roleexport.model import Metadata
from roleexport.output import write_atomically
from roleexport.pkgversion import installed_version

if TYPE_CHECKING:
    from roleexport.exporters.epub.cover import CoverStyle

FOLDER = "cover"


PNG_START = b"\x89PNG\r\n\x1a\n"
PNG_END = b"\0\0\0\0IEND\xaeB`\x82"
"""A PNG's signature and its closing IEND chunk (empty, with its CRC): a whole file has both."""


@cache
def _file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def pillow_version() -> str:
    """Pillow's version, without importing Pillow (which is what the cache saves)."""
    return installed_version("PIL", "_version.py", "__version__")


def key(meta: Metadata, style: CoverStyle) -> str:
    """The hash of what the cover picture depends on."""
    fonts = [[str(p.name), _file_digest(p)] for p in (*style.regular, *style.bold)]
    words = [meta.category, meta.title, meta.publisher]
    colours = [style.background, style.text, style.accent]
    data = json.dumps([words, fonts, colours, code_digest(), pillow_version()], ensure_ascii=False)
    return hashlib.sha256(data.encode()).hexdigest()


def load(cache_dir: Path | None, key: str) -> bytes | None:
    """The cached cover of this key, if there is one."""
    if cache_dir is None:
        return None
    path = cache_dir / FOLDER / f"{key}.png"
    try:
        data = path.read_bytes()
    except OSError:
        return None
    if not data.startswith(PNG_START) or not data.endswith(PNG_END):  # damaged or cut short: draw it again
        return None
    mark_used(path)
    return data


def store(cache_dir: Path | None, key: str, png: bytes) -> None:
    """Keep the cover for later builds; a cache that cannot be written is only slower."""
    if cache_dir is None:
        return
    try:
        write_atomically(cache_dir / FOLDER, f"{key}.png", png, durable=False)
    except OSError:
        return
