"""Text into lxml trees, for every exporter that writes XML (XHTML, SSML, SMIL)."""

from __future__ import annotations

from lxml import etree


def append_text(parent: etree._Element, text: str) -> None:
    """Add text after whatever ``parent`` already holds (its text, or its last child's tail)."""
    if not text:
        return
    if len(parent):
        last = parent[-1]
        last.tail = (last.tail or "") + text
    else:
        parent.text = (parent.text or "") + text
