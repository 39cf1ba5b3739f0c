"""The ``epub`` format: ``<slug>.epub``, an accessible EPUB 3.3 booklet for library lending.

Semantic XHTML from the tree (``xhtml``), a navigation document with a nested toc, landmarks
and a page-list that follows the printed handout (``nav``, ``pagebreaks``), accessibility
metadata written from what the book contains (``metadata``), and a reproducible zip from
ebooklib's writer (``package``). The build passes the printed handout's page map
(it ``requires`` ``PAGE_MAP``); without one the booklet has no page-list and claims no page navigation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from roleexport.errors import ExportError
from roleexport.exporters import PAGE_MAP, ExportOptions
from roleexport.model import Document
from roleexport.settings import from_table
from roleexport.styles import Style


@dataclass(frozen=True)
class Settings:
    """The style's ``[epub]`` table (the navigation's words come from the page's catalogue,
    ``roleexport.i18n``, which a style overrides in ``[labels]``)."""

    stylesheet: str = "epub.css"
    split_level: int = 2
    certified_by: str = "roleexport"
    cover: bool = True
    cover_font: str = "fonts/AtkinsonHyperlegible-Regular.ttf"
    cover_bold_font: str = "fonts/AtkinsonHyperlegible-Bold.ttf"
    cover_fallback_fonts: tuple[str, ...] = ()
    cover_background: str = "#0b3a5c"
    cover_text: str = "#ffffff"
    cover_accent: str = "#9cc8ff"


class EpubExporter:
    """One EPUB 3 booklet per page."""

    name = "epub"
    description = "Accessible EPUB 3 booklet with a toc and print page-list (for library lending)"
    requires = frozenset({PAGE_MAP})
    reads: tuple[str, ...] = ("paper",)  # the printed edition its page-list follows

    def outputs(self, doc: Document) -> list[str]:
        return [f"{doc.meta.slug}.epub"]

    def export(self, doc: Document, style: Style, options: ExportOptions) -> dict[str, bytes]:
        from roleexport.exporters.epub.book import make
        from roleexport.i18n import for_page
        from roleexport.output import joined

        settings = from_table(Settings, style.section("epub"), "epub")
        css_path = style.path(settings.stylesheet)
        try:
            css = css_path.read_bytes()
        except OSError as exc:
            raise ExportError(f"the EPUB stylesheet cannot be read: {exc.strerror or exc}", path=css_path) from exc
        cat = for_page(doc.meta.lang, style)
        cover = cover_image(doc, style, settings, options.cache_dir)
        return {f"{doc.meta.slug}.epub": joined(make(doc, settings, css, options.page_map, cat, cover=cover))}


def cover_image(doc: Document, style: Style, settings: Settings, cache_dir: Path | None = None) -> bytes | None:
    """The cover image in the style's fonts and colours (None when the style turns it off), from
    ``cache_dir`` when a build drew the same cover before."""
    if not settings.cover:
        return None
    from roleexport.exporters.epub import covercache
    from roleexport.exporters.epub.cover import CoverStyle, draw

    fallback = [style.path(p) for p in settings.cover_fallback_fonts]
    regular, bold = style.path(settings.cover_font), style.path(settings.cover_bold_font)
    for path in (regular, bold, *fallback):
        if not path.is_file():
            raise ExportError("the cover font cannot be read", path=path)
    for key in ("cover_background", "cover_text", "cover_accent"):
        if not re.fullmatch(r"#[0-9a-fA-F]{6}", getattr(settings, key)):
            raise ExportError(f'[epub] {key} must be a colour like "#0b3a5c", not {getattr(settings, key)!r}')
    colours = CoverStyle(
        [regular, *fallback], [bold, *fallback], settings.cover_background, settings.cover_text, settings.cover_accent
    )
    key = covercache.key(doc.meta, colours)
    png = covercache.load(cache_dir, key)
    if png is None:
        png = draw(doc.meta, colours)
        covercache.store(cache_dir, key, png)
    return png
