"""The contents list: every heading as a link, nested as the outline (EPUB nav, web page)."""

from __future__ import annotations

from lxml import etree

from roleexport.html.markup import Dialect, clean


def contents(dialect: Dialect, headings: list[tuple[int, str, str]], parent: etree._Element) -> etree._Element:
    """Nested ``<ol>`` of (level, text, href): a deeper heading opens a list inside the previous entry."""
    root = dialect.h("ol", parent=parent)
    stack: list[tuple[int, etree._Element]] = [(headings[0][0] if headings else 1, root)]
    last_li: etree._Element | None = None
    for level, text, href in headings:
        while len(stack) > 1 and level < stack[-1][0]:
            stack.pop()
        if level > stack[-1][0] and last_li is not None:
            stack.append((level, dialect.h("ol", parent=last_li)))
        li = dialect.h("li", parent=stack[-1][1])
        dialect.h("a", {"href": href}, li).text = clean(text)
        last_li = li
    return root
