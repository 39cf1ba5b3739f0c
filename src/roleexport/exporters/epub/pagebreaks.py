"""Print page breaks placed in the XHTML where the printed handout's pages start.

The page map says "page N starts ``offset`` characters into block B's whitespace-normalised
text"; here that point is found in B's element and an empty
``<span epub:type="pagebreak" role="doc-pagebreak">`` is put there, splitting a text node
when the page starts mid-paragraph. The span adds no text, so the words read are unchanged.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from lxml import etree

from roleexport.diagnostics import warn
from roleexport.html.book import Book
from roleexport.html.markup import XHTML, XHTML5
from roleexport.pagemap import PageMap

h = XHTML5.h

# Elements whose parent accepts flow content: a break at their very start goes before them.
_BEFORE = {f"{{{XHTML}}}{t}" for t in ("h1", "h2", "h3", "h4", "h5", "h6", "p", "pre", "table", "hr")}


@dataclass(frozen=True)
class Marker:
    """One page break that made it into the book."""

    page: int
    href: str


def _slots(element: etree._Element) -> Iterator[tuple[etree._Element, str]]:
    """(node, "text"|"tail"|"break") in document order: where the element's characters live."""
    yield element, "text"
    for child in element:
        if child.tag == f"{{{XHTML}}}br":
            yield child, "break"
        elif isinstance(child.tag, str):
            yield from _slots(child)
        yield child, "tail"


def _insert(element: etree._Element, offset: int, span: etree._Element) -> bool:
    """Put ``span`` ``offset`` normalised characters into ``element``; False when it is shorter."""
    count, pending_space = 0, False
    for node, kind in _slots(element):
        if kind == "break":
            pending_space = True
            continue
        text = (node.text if kind == "text" else node.tail) or ""
        for i, char in enumerate(text):
            if char.isspace():
                pending_space = True
                continue
            if pending_space and count:
                count += 1
            pending_space = False
            if count >= offset:
                _place(node, kind, i, span, element)
                return True
            count += 1
    element.append(span)
    return False


def _place(node: etree._Element, kind: str, index: int, span: etree._Element, top: etree._Element) -> None:
    """Insert ``span`` before character ``index`` of ``node``'s text or tail."""
    if kind == "text":
        if node is not top and not (node.text or "")[:index].strip():
            node.addprevious(span)  # at the very start of an inline (<abbr>, <em>): before it
            return
        span.tail, node.text = (node.text or "")[index:], (node.text or "")[:index]
        node.insert(0, span)
    else:
        parent = node.getparent()
        assert parent is not None  # a text node's element always sits inside the body
        span.tail, node.tail = (node.tail or "")[index:], (node.tail or "")[:index]
        parent.insert(parent.index(node) + 1, span)


def add(book: Book, page_map: PageMap) -> list[Marker]:
    """Insert every page's break; pages whose block the book lacks are reported and left out."""
    taken = set(book.file_of)
    prefix = "page-" if not any(f"page-{p.page}" in taken for p in page_map.pages) else "print-page-"
    markers: list[Marker] = []
    for start in page_map.pages:
        element = book.element(start.block_id)
        if any(m.page == start.page for m in markers):
            warn(f"EPUB: the page map gives page {start.page} twice; the first start is kept")
            continue
        if element is None:
            warn(f"EPUB: page {start.page} starts in block {start.block_id!r}, which the book does not have")
            continue
        span_id = f"{prefix}{start.page}"
        attrs = {"epub:type": "pagebreak", "role": "doc-pagebreak", "id": span_id, "aria-label": str(start.page)}
        span = h("span", attrs)
        if start.offset <= 0 and element.tag in _BEFORE:
            element.addprevious(span)
        elif start.offset <= 0:
            span.tail, element.text = element.text, None
            element.insert(0, span)
        elif not _insert(element, start.offset, span):
            warn(f"EPUB: page {start.page} starts past the end of block {start.block_id!r}; marked at its end")
        markers.append(Marker(start.page, f"{book.file_of[start.block_id]}#{span_id}"))
    return markers
