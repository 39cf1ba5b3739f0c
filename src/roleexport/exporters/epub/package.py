"""The package document's metadata and the ebooklib writer extended for reproducible output.

ebooklib has no way to put ``xml:lang`` on ``<package>``, always names an NCX in the spine,
stamps zip entries with the current time and holds every item's content in memory;
``BookletWriter`` extends its writer at those points on the element tree and the zip entries
(never by editing serialised text): an item whose content is ``Streamed`` (the read-along
booklet's MP3s) is read piece by piece as it goes into the zip, which is written straight
into the output file.
"""

from __future__ import annotations

import datetime as dt
import uuid
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, BinaryIO

from ebooklib import epub
from lxml import etree

from roleexport.html.markup import XML_LANG

"""``dcterms:modified`` for a page with no ``updated`` date when SOURCE_DATE_EPOCH is unset."""

ZIP_EPOCH = dt.datetime(1980, 1, 1, tzinfo=dt.UTC)
"""The earliest time a zip entry can carry."""


def identifier(publisher: str | None, slug: str) -> str:
    """A stable ``urn:uuid`` for the booklet: the same page from the same publisher, the same id."""
    return "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, f"roleexport:{publisher or 'roleexport'}/{slug}"))


def add_meta(book: epub.EpubBook, prop: str, value: str, **attrs: str) -> None:
    """An EPUB 3 ``<meta property>`` element."""
    book.add_metadata(None, "meta", value, {"property": prop, **attrs})


@dataclass(frozen=True)
class Streamed:
    """An item's content given as what reads it in pieces, compressed into the zip as they come."""

    pieces: Callable[[], Iterable[bytes]]


class _StampedZip(zipfile.ZipFile):
    """A zip whose entries all carry one fixed time and Unix attributes, whatever the machine."""

    def __init__(self, file: BinaryIO, stamp: dt.datetime) -> None:
        super().__init__(file, "w", zipfile.ZIP_DEFLATED, compresslevel=9)
        when = max(stamp, ZIP_EPOCH)
        self.stamp = (when.year, when.month, when.day, when.hour, when.minute, when.second)

    def writestr(  # type: ignore[override]
        self, name: str | zipfile.ZipInfo, data: str | bytes | Streamed, compress_type: int | None = None, **kw: Any
    ) -> None:
        if isinstance(name, str):
            info = zipfile.ZipInfo(name, self.stamp)
            info.create_system = 3
            info.external_attr = 0o100644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED if compress_type is None else compress_type
            name = info
        if not isinstance(data, Streamed):
            super().writestr(name, data, compress_type=compress_type, **kw)
            return
        with self.open(name, "w") as entry:
            for piece in data.pieces():
                entry.write(piece)


class BookletWriter(epub.EpubWriter):  # type: ignore[misc]
    """ebooklib's writer, with ``xml:lang`` on ``<package>``, no NCX and a reproducible zip."""

    def __init__(self, book: epub.EpubBook, lang: str, stamp: dt.datetime) -> None:
        super().__init__(None, book, {"epub2_guide": False, "mtime": stamp})
        self.lang = lang
        self.stamp = stamp

    def _write_opf_spine(self, root: etree._Element, ncx_id: str | None) -> None:
        super()._write_opf_spine(root, ncx_id)
        if ncx_id is None:  # EPUB 3 needs no NCX; ebooklib would name a missing one
            spine = root.find("spine")
            if spine is not None:
                spine.attrib.pop("toc", None)

    def _write_opf_file(self, root: etree._Element) -> None:
        root.set(XML_LANG, self.lang)
        if not self.book.prefixes:  # then ebooklib declares only the reserved rendition: prefix
            root.attrib.pop("prefix", None)
        super()._write_opf_file(root)

    def write_into(self, handle: BinaryIO) -> None:
        """ebooklib's ``write``, into a stamped zip in ``handle``: ``mimetype`` first and stored,
        then a fixed order."""
        self.process()
        self.out = _StampedZip(handle, self.stamp)
        self.out.writestr("mimetype", "application/epub+zip", compress_type=zipfile.ZIP_STORED)
        self._write_container()
        self._write_opf()
        self._write_items()
        self.out.close()
