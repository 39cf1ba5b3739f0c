"""Assembles the booklet: content documents, page breaks, nav, stylesheet and metadata."""

from __future__ import annotations

import struct
from collections.abc import Callable
from typing import TYPE_CHECKING

from ebooklib import epub

from roleexport.dates import document_date
from roleexport.exporters.epub import metadata, nav, pagebreaks, xhtml
from roleexport.exporters.epub.package import BookletWriter
from roleexport.html.book import Book, Spans
from roleexport.html.markup import XHTML5
from roleexport.i18n import Catalogue
from roleexport.model import Document
from roleexport.output import Writer
from roleexport.pagemap import PageMap

if TYPE_CHECKING:
    from roleexport.exporters.epub import Settings

CSS_NAME = "style.css"
XHTML_TYPE = "application/xhtml+xml"
COVER_NAME = "cover.png"

Extend = Callable[[epub.EpubBook, Book, metadata.PrintEdition | None], None]
"""A hook run on the assembled package just before it is written (the read-aloud booklet adds
its audio, media overlays and metadata there, and may change and re-serialise the content
documents)."""


def _item(uid: str, file_name: str, media_type: str, content: bytes, properties: list[str]) -> epub.EpubItem:
    item = epub.EpubItem(uid=uid, file_name=file_name, media_type=media_type, content=content)
    item.properties = properties
    return item


def png_size(png: bytes) -> tuple[int, int]:
    """A PNG's width and height from its header (the first chunk, IHDR, by the format's rule),
    so a cached cover needs no Pillow."""
    if png[:8] != b"\x89PNG\r\n\x1a\n" or png[12:16] != b"IHDR":
        raise ValueError("not a PNG")
    width, height = struct.unpack(">II", png[16:24])
    return width, height


def make(
    doc: Document,
    settings: Settings,
    css: bytes,
    page_map: PageMap | None,
    cat: Catalogue,
    extend: Extend | None = None,
    cover: bytes | None = None,
    sentences: Spans | None = None,
) -> Writer:
    """What writes the ``.epub`` file (everything in it decided here), its generated words from
    ``cat`` (``extend``, if given, runs on the package before it is written; ``cover``, a PNG,
    becomes the package's ``cover-image``; ``sentences`` are marked as spans, for the read-along
    booklet)."""
    book = xhtml.build(doc, CSS_NAME, settings.split_level, cat, sentences)
    markers = pagebreaks.add(book, page_map) if page_map else None
    edition = None
    if page_map and markers:
        edition = metadata.PrintEdition(doc.meta.title, page_map.edition, len(markers))
    labels = nav.Labels(cat("contents"), cat("epub_landmarks"), cat("epub_pages"), cat("epub_start"))

    ebook = epub.EpubBook()
    stamp = document_date(doc.meta)
    metadata.describe(ebook, doc, stamp, edition, settings.certified_by, cat)
    shown = None
    if cover is not None:
        shown = nav.Cover(COVER_NAME, cat("epub_cover", title=doc.meta.title), *png_size(cover))
    nav_tree = nav.build(book, doc.meta.title, doc.meta.lang, labels, markers, CSS_NAME, shown)
    properties = ["nav", "svg"] if shown else ["nav"]
    nav_doc = _item("nav", nav.FILE_NAME, XHTML_TYPE, XHTML5.serialize(nav_tree), properties)
    ebook.add_item(nav_doc)
    ebook.spine.append(nav_doc)
    for n, chapter in enumerate(book.chapters, 1):
        item = _item(f"part-{n:02d}", chapter.file_name, XHTML_TYPE, XHTML5.serialize(chapter.html), [])
        ebook.add_item(item)
        ebook.spine.append(item)
    ebook.add_item(_item("css", CSS_NAME, "text/css", css, []))
    if cover is not None:
        ebook.add_item(_item("cover-image", COVER_NAME, "image/png", cover, ["cover-image"]))
        ebook.add_metadata(None, "meta", "", {"name": "cover", "content": "cover-image"})  # EPUB 2 reading apps
    if extend is not None:
        extend(ebook, book, edition)
    return BookletWriter(ebook, doc.meta.lang, stamp).write_into
