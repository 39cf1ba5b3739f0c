"""The EPUB navigation document: the toc (every heading, nested as the outline), landmarks
and, when the printed handout's page map is known, the page-list.

The toc is also a page of the book (first in the spine), so a reader who turns pages sees
the contents; the landmarks and page-list are ``hidden`` and used by the reading app.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from roleexport.exporters.epub.pagebreaks import Marker
from roleexport.exporters.epub.xhtml import Book, clean, h, set_lang

FILE_NAME = "nav.xhtml"


@dataclass(frozen=True)
class Labels:
    """The nav's own words, from the page's catalogue."""

    contents: str
    landmarks: str
    pages: str
    start: str


def _toc(headings: list[tuple[int, str, str]], parent: etree._Element) -> None:
    """Nested ``<ol>``: a deeper heading opens a list inside the previous entry's ``<li>``."""
    root = h("ol", parent=parent)
    stack: list[tuple[int, etree._Element]] = [(headings[0][0] if headings else 1, root)]
    last_li: etree._Element | None = None
    for level, text, href in headings:
        while len(stack) > 1 and level < stack[-1][0]:
            stack.pop()
        if level > stack[-1][0] and last_li is not None:
            stack.append((level, h("ol", parent=last_li)))
        li = h("li", parent=stack[-1][1])
        h("a", {"href": href}, li).text = clean(text)
        last_li = li


def build(
    book: Book, title: str, lang: str, labels: Labels, markers: list[Marker] | None, stylesheet: str
) -> etree._Element:
    """The nav document as an XHTML tree."""
    html = h("html")
    set_lang(html, lang)
    head = h("head", parent=html)
    h("meta", {"charset": "utf-8"}, head)
    h("title", parent=head).text = clean(f"{labels.contents} - {title}")
    h("link", {"rel": "stylesheet", "type": "text/css", "href": stylesheet}, head)
    body = h("body", parent=html)

    toc = h("nav", {"epub:type": "toc", "role": "doc-toc", "id": "toc", "aria-labelledby": "toc-title"}, body)
    h("h1", {"id": "toc-title"}, toc).text = clean(labels.contents)
    _toc(book.headings or [(1, title, book.chapters[0].file_name)], toc)

    landmarks = h("nav", {"epub:type": "landmarks", "id": "landmarks", "aria-label": labels.landmarks}, body)
    landmarks.set("hidden", "hidden")
    ol = h("ol", parent=landmarks)
    h("a", {"epub:type": "toc", "href": f"{FILE_NAME}#toc"}, h("li", parent=ol)).text = clean(labels.contents)
    start = book.chapters[0].file_name
    h("a", {"epub:type": "bodymatter", "href": start}, h("li", parent=ol)).text = clean(labels.start)

    if markers:
        pages = h("nav", {"epub:type": "page-list", "role": "doc-pagelist", "id": "page-list"}, body)
        pages.set("aria-label", labels.pages)
        pages.set("hidden", "hidden")
        ol = h("ol", parent=pages)
        for marker in markers:
            h("a", {"href": marker.href}, h("li", parent=ol)).text = str(marker.page)
    return html
