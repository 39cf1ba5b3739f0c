"""The ``epub`` format: ``<slug>.epub``, an accessible EPUB 3.3 booklet for library lending.

Semantic XHTML from the tree (``xhtml``), a navigation document with a nested toc, landmarks
and a page-list that follows the printed handout (``nav``, ``pagebreaks``), accessibility
metadata written from what the book contains (``metadata``), and a reproducible zip from
ebooklib's writer (``package``). The build passes the printed handout's page map
(``needs_page_map``); without one the booklet has no page-list and claims no page navigation.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from roleexport.errors import ExportError
from roleexport.exporters import ExportOptions
from roleexport.model import Document
from roleexport.styles import Style


@dataclass(frozen=True)
class Settings:
    """The style's ``[epub]`` table (the navigation's words come from the page's catalogue,
    ``roleexport.i18n``, which a style overrides in ``[labels]``)."""

    stylesheet: str = "epub.css"
    split_level: int = 2
    certified_by: str = "roleexport"

    @classmethod
    def from_table(cls, table: Mapping[str, Any]) -> Settings:
        known = {k: v for k, v in table.items() if k in cls.__dataclass_fields__}
        return cls(**known)


class EpubExporter:
    """One EPUB 3 booklet per page."""

    name = "epub"
    description = "Accessible EPUB 3 booklet with a toc and print page-list (for library lending)"
    reads: tuple[str, ...] = ("paper",)  # the printed edition its page-list follows
    needs_page_map = True

    def outputs(self, doc: Document) -> list[str]:
        return [f"{doc.meta.slug}.epub"]

    def export(self, doc: Document, style: Style, options: ExportOptions) -> dict[str, bytes]:
        from roleexport.exporters.epub.book import make
        from roleexport.i18n import for_page

        settings = Settings.from_table(style.section("epub"))
        css_path = style.path(settings.stylesheet)
        try:
            css = css_path.read_bytes()
        except OSError as exc:
            raise ExportError(f"the EPUB stylesheet cannot be read: {exc.strerror or exc}", path=css_path) from exc
        return {f"{doc.meta.slug}.epub": make(doc, settings, css, options.page_map, for_page(doc.meta.lang, style))}
