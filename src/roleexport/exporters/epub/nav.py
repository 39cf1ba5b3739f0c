"""The EPUB navigation document: the toc (every heading, nested as the outline), landmarks
and, when the printed handout's page map is known, the page-list.

The toc is also a page of the book (first in the spine), so a reader who turns pages sees
the contents; the landmarks and page-list are ``hidden`` and used by the reading app.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from roleexport.exporters.epub.pagebreaks import Marker
from roleexport.html.book import Book
from roleexport.html.contents import contents
from roleexport.html.markup import XHTML5, clean

h = XHTML5.h

FILE_NAME = "nav.xhtml"


@dataclass(frozen=True)
class Labels:
    """The nav's own words, from the page's catalogue."""

    contents: str
    landmarks: str
    pages: str
    start: str


SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"


@dataclass(frozen=True)
class Cover:
    """The cover image shown at the top of the contents page, and its text alternative."""

    href: str
    alt: str
    width: int
    height: int


def _cover(cover: Cover, parent: etree._Element) -> None:
    """The cover as an SVG ``<image>`` scaled to the screen (the way reading apps expect a cover
    page to be drawn), with ``role="img"``, an ``aria-label`` and a ``<title>`` as its alt text."""
    div = h("div", {"class": "cover"}, parent)
    svg = etree.SubElement(
        div,
        f"{{{SVG}}}svg",
        {
            "role": "img",
            "aria-label": clean(cover.alt),
            "viewBox": f"0 0 {cover.width} {cover.height}",
            "preserveAspectRatio": "xMidYMid meet",
        },
        nsmap={None: SVG, "xlink": XLINK},
    )
    etree.SubElement(svg, f"{{{SVG}}}title").text = clean(cover.alt)
    attrs = {"width": str(cover.width), "height": str(cover.height), f"{{{XLINK}}}href": cover.href}
    etree.SubElement(svg, f"{{{SVG}}}image", attrs)


def build(
    book: Book,
    title: str,
    lang: str,
    labels: Labels,
    markers: list[Marker] | None,
    stylesheet: str,
    cover: Cover | None = None,
) -> etree._Element:
    """The nav document as an XHTML tree (the cover, if any, above the contents)."""
    html = h("html")
    XHTML5.set_lang(html, lang)
    head = h("head", parent=html)
    h("meta", {"charset": "utf-8"}, head)
    h("title", parent=head).text = clean(f"{labels.contents} - {title}")
    h("link", {"rel": "stylesheet", "type": "text/css", "href": stylesheet}, head)
    body = h("body", parent=html)
    if cover is not None:
        _cover(cover, body)

    toc = h("nav", {"epub:type": "toc", "role": "doc-toc", "id": "toc", "aria-labelledby": "toc-title"}, body)
    h("h1", {"id": "toc-title"}, toc).text = clean(labels.contents)
    contents(XHTML5, book.headings or [(1, title, book.chapters[0].file_name)], toc)

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
