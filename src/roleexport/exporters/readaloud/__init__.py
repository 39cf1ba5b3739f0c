"""The ``readaloud`` format: ``<slug>-readaloud.epub``, the EPUB booklet read aloud in sync.

The accessible EPUB of the ``epub`` format (same XHTML, navigation, print page-list and
metadata, built by its code) plus, for each content document, the narration as an MP3 and
an EPUB 3 Media Overlay (SMIL 3.0) pairing every sentence (of a heading, paragraph or list
item), fact and row with its clip, so reading apps highlight the text as it is read
(``sync`` decides what is highlighted, ``smil`` writes the overlays, ``package`` adds audio,
overlays and claims to the book). The narration is the audio format's: the same speech plan
and cached clips, so headings are announced and abbreviations said as everywhere else.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from roleexport.exporters import PAGE_MAP, ExportOptions
from roleexport.model import Document
from roleexport.settings import from_table
from roleexport.styles import Style

if TYPE_CHECKING:
    from roleexport.output import Writer


@dataclass(frozen=True)
class Settings:
    """The style's ``[readaloud]`` table: the highlight's stylesheet (added to the booklet's)
    and the class reading apps put on the element being read."""

    stylesheet: str = "readaloud.css"
    active_class: str = "-epub-media-overlay-active"


class ReadAloudExporter:
    """One read-along EPUB 3 booklet per page."""

    name = "readaloud"
    description = "Read-along EPUB 3: the booklet with narration highlighted as it plays (media overlays)"
    requires = frozenset({PAGE_MAP})
    reads: tuple[str, ...] = ("paper", "voice", "rate")

    def outputs(self, doc: Document) -> list[str]:
        return [f"{doc.meta.slug}-readaloud.epub"]

    def export(self, doc: Document, style: Style, options: ExportOptions) -> dict[str, bytes]:
        from roleexport.output import joined

        return {name: joined(data) for name, data in self.export_parts(doc, style, options).items()}

    def export_parts(self, doc: Document, style: Style, options: ExportOptions) -> dict[str, Writer]:
        """``export``, with the booklet written into the output file, its MP3s read from the
        cache folder as they go in (a six-hour page's narration is never held whole)."""
        from roleexport.exporters.audio import speak
        from roleexport.exporters.audio.settings import AudioSettings
        from roleexport.exporters.epub import Settings as EpubSettings
        from roleexport.exporters.epub import cover_image
        from roleexport.exporters.epub.book import make
        from roleexport.exporters.readaloud.package import Narration
        from roleexport.i18n import for_page
        from roleexport.speech.written import sentence_pieces, spans

        settings = from_table(Settings, style.section("readaloud"), "readaloud")
        booklet = from_table(EpubSettings, style.section("epub"), "epub")
        css = style.path(booklet.stylesheet).read_bytes() + b"\n" + style.path(settings.stylesheet).read_bytes()
        plan, clips, sample_rate = speak(doc, style, options)
        audio = AudioSettings.resolve(style.section("audio"), options, doc.meta.lang)
        cat = for_page(doc.meta.lang, style)
        written = sentence_pieces(doc)
        narration = Narration(
            doc, plan, clips, sample_rate, audio, settings.active_class, options.cache_dir, cat, written
        )
        cover = cover_image(doc, style, booklet, options.cache_dir)
        writer = make(doc, booklet, css, options.page_map, cat, narration.extend, cover, spans(written))
        return {f"{doc.meta.slug}-readaloud.epub": writer}
