"""An XML file written element by element (lxml's ``xmlfile``), laid out as lxml's
``pretty_print`` lays out a whole tree.

A SMIL file of a long page holds tens of thousands of elements; as one lxml tree it took
30 MB for a 10,000-item page (the largest part of the spoken formats' memory). Written this
way, only the element being written is ever held. The bytes are those of serialising the
whole tree with ``pretty_print``.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from lxml import etree

INDENT = "  "


class XmlStream:
    """Open elements with ``element`` (a context), write small whole elements with ``leaf``."""

    def __init__(self, xf: Any) -> None:
        self._xf = xf
        self._depth = 0

    @contextmanager
    def element(
        self, tag: str, attrib: dict[str, str] | None = None, nsmap: dict[str | None, str] | None = None
    ) -> Iterator[None]:
        """An element whose children are written inside the ``with`` block (it must get some)."""
        self._newline()
        with self._xf.element(tag, attrib or {}, nsmap=nsmap):
            self._depth += 1
            yield
            self._depth -= 1
            self._xf.write("\n" + INDENT * self._depth)

    def leaf(self, element: etree._Element) -> None:
        """A small element and its children, written whole. Its tags carry no namespace: they
        are in the default namespace of the element they are written in, as XML scopes them
        (a namespaced tag written alone would declare its namespace again)."""
        self._newline()
        etree.indent(element, space=INDENT, level=self._depth)
        self._xf.write(element)

    def _newline(self) -> None:
        if self._depth:  # the root's start tag follows the declaration's own line break
            self._xf.write("\n" + INDENT * self._depth)


@contextmanager
def xml_bytes(doctype: str | None = None) -> Iterator[tuple[XmlStream, io.BytesIO]]:
    """A stream to write one document into, with its declaration (and ``doctype``); the buffer
    holds the document once the ``with`` block ends."""
    buffer = io.BytesIO()
    with etree.xmlfile(buffer, encoding="utf-8") as xf:
        xf.write_declaration()
        if doctype:
            xf.write_doctype(doctype)
        yield XmlStream(xf), buffer
    buffer.write(b"\n")
