"""The EPUB's layout for the shared HTML writer: XHTML content documents, one per part.

The book is split into one document per top-level section (a heading of ``split_level`` or
higher), so reading apps start each part on a fresh screen; links name their document
(``part-02.xhtml#id``), and every document links the booklet's stylesheet. The writing
itself is ``roleexport.html``'s, shared with the web page.
"""

from __future__ import annotations

from functools import partial

from roleexport.html.book import Book, Chapter, Layout, Spans, document, link_in_file
from roleexport.html.book import build as build_book
from roleexport.html.markup import XHTML5
from roleexport.i18n import Catalogue, catalogue
from roleexport.model import Document

LABEL = "EPUB"
h = XHTML5.h
serialize = XHTML5.serialize


def _shell(stylesheet: str, doc: Document, file_name: str, heading: str) -> Chapter:
    chapter = document(XHTML5, doc, file_name, heading)
    h("link", {"rel": "stylesheet", "type": "text/css", "href": stylesheet}, chapter.html[0])
    return chapter


def build(
    doc: Document, stylesheet: str, split_level: int = 2, cat: Catalogue | None = None, sentences: Spans | None = None
) -> Book:
    """Every content document of the book, with ids indexed (a page with no blocks gets one empty
    part); generated words (image placeholders) from ``cat``, else the page language's catalogue;
    ``sentences`` (the read-along booklet's) marked as spans."""
    cat = cat or catalogue(doc.meta.lang)
    layout = Layout(
        XHTML5, partial(_shell, stylesheet), cat, split_level, link=link_in_file, label=LABEL, sentences=sentences or {}
    )
    return build_book(doc, layout)
