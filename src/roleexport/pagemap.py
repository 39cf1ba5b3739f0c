"""Where each printed page starts, expressed in the tree's terms.

The PDF exporter computes it from its layout; the build hands it to formats that mark print
pages (the EPUB page-list), so those never need to know how the PDF was laid out.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from roleexport.exporters import ExportOptions
    from roleexport.model import Document
    from roleexport.styles import Style

PRINT_FORMAT = "pdf"
"""The format whose printed pages an exporter that ``requires`` ``PAGE_MAP`` marks."""


@dataclass(frozen=True, slots=True)
class PageStart:
    """Page ``page`` (1-based) starts ``offset`` characters into block ``block_id``'s text."""

    page: int
    block_id: str
    offset: int = 0


@dataclass(frozen=True, slots=True)
class PageMap:
    """The page starts of one printed edition, in page order."""

    edition: str
    pages: tuple[PageStart, ...]


@runtime_checkable
class PageMapProvider(Protocol):
    """A format that lays out printed pages and can say where each starts."""

    def page_map(self, doc: Document, style: Style, options: ExportOptions) -> PageMap:
        """Where each page of the printed edition starts, in the tree's terms."""
        ...
