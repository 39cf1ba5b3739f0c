"""The ``html`` format: ``<slug>.html``, the page as one accessible, self-contained web page.

The content is the shared HTML writer's (``roleexport.html``), the same headings, ids and
markup as the EPUB; ``page`` adds the landmarks, contents, source line and, when the audio
is built alongside (the build tells it which formats it builds), a player for ``<slug>.mp3``
with the WebVTT chapters the audio format writes. The stylesheet (``styles/page.css``) is
inlined: no scripts, no external requests.
"""

from __future__ import annotations

from dataclasses import dataclass

from roleexport.errors import ExportError
from roleexport.exporters import FORMATS, ExportOptions
from roleexport.model import Document
from roleexport.settings import from_table
from roleexport.styles import Style


@dataclass(frozen=True)
class Settings:
    """The style's ``[html]`` table."""

    stylesheet: str = "page.css"


class HtmlExporter:
    """One web page per source."""

    name = "html"
    description = "Accessible single-file web page (HTML5, WCAG 2.2 AA) with the audio's chapters when built"
    requires = frozenset({FORMATS})
    reads: tuple[str, ...] = ()

    def outputs(self, doc: Document) -> list[str]:
        return [f"{doc.meta.slug}.html"]

    def export(self, doc: Document, style: Style, options: ExportOptions) -> dict[str, bytes]:
        from roleexport.exporters.html.page import Audio, render
        from roleexport.i18n import for_page
        from roleexport.pageurl import with_page_url

        settings = from_table(Settings, style.section("html"), "html")
        css_path = style.path(settings.stylesheet)
        try:
            css = css_path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise ExportError(f"the web page's stylesheet cannot be read: {exc}", path=css_path) from exc
        slug = doc.meta.slug
        audio = Audio(f"{slug}.mp3", f"{slug}.chapters.vtt") if "audio" in options.formats else None
        page = with_page_url(doc, style)  # the source line gives the same address as the printed editions
        return {f"{slug}.html": render(page, css, audio, for_page(doc.meta.lang, style))}
