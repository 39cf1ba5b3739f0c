"""``ncc.html``, the DAISY 2.02 Navigation Control Center: the headings and print pages a
player moves between, and the book's metadata.

Its body is flat, in reading order: ``h1``–``h6`` as the page's outline (the first, the
title, ``class="title"``), and a ``span class="page-normal"`` where each page of the printed
handout starts, each holding one link to the SMIL ``par`` where the listener lands. It is
XHTML 1.0 Transitional, as DAISY 2.02 NCCs are (Strict allows no ``span`` in ``body``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from roleexport.html.markup import Dialect, clean

TRANSITIONAL = Dialect(
    xml=True,
    html5=False,
    doctype='<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" '
    '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">',
)


@dataclass(frozen=True, slots=True)
class Entry:
    """One navigation point: a heading (``level`` 1-6) or a print page (``level`` 0)."""

    level: int
    text: str
    href: str


def document(title: str, lang: str, meta: Sequence[tuple[str, str]], entries: Sequence[Entry]) -> bytes:
    """The NCC: ``meta`` as ``<meta name content>`` in order, then the entries (the first the title)."""
    h = TRANSITIONAL.h
    html = h("html")
    TRANSITIONAL.set_lang(html, lang)
    head = h("head", parent=html)
    h("meta", {"http-equiv": "Content-Type", "content": "text/html; charset=utf-8"}, head)
    h("title", parent=head).text = clean(title)
    for name, content in meta:
        h("meta", {"name": name, "content": clean(content)}, head)
    body = h("body", parent=html)
    headings = pages = 0
    for entry in entries:
        if entry.level:
            headings += 1
            attrs = {"id": f"nav-{headings}"} | ({"class": "title"} if headings == 1 else {})
            parent = h(f"h{entry.level}", attrs, body)
        else:
            pages += 1
            parent = h("span", {"class": "page-normal", "id": f"page-{pages}"}, body)
        h("a", {"href": entry.href}, parent).text = clean(entry.text)
    return TRANSITIONAL.serialize(html)
