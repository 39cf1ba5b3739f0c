"""The ``daisy`` format: ``<slug>-daisy.zip``, a DAISY 2.02 talking book, full text and full audio.

Hardware players (Victor Reader Stream, Plextalk) and apps (EasyReader, Thorium) let a
listener move by heading level, by print page and by phrase through a DAISY book. This one
is the page's text (the shared HTML writer's, in XHTML 1.0) synchronised with the audio
format's narration: the same plan, voice, lexicon and cached clips, and its encoded frames
cut into one MP3 per section, so adding it to a build that made the audio encodes nothing
(``frames``); ``sections`` times each synchronised element, ``smil`` and ``ncc`` write the
SMIL files and the Navigation Control Center, ``book`` puts them in the zip.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from roleexport.exporters import PAGE_MAP, ExportOptions
from roleexport.model import Document
from roleexport.styles import Style

if TYPE_CHECKING:
    from roleexport.output import Writer


class DaisyExporter:
    """One DAISY 2.02 book per page."""

    name = "daisy"
    description = "DAISY 2.02 talking book (full text and full audio), navigable by heading level and print page"
    requires = frozenset({PAGE_MAP})
    reads: tuple[str, ...] = ("paper", "voice", "rate")
    """The command-line options that change the book (the paper through the page map)."""

    def outputs(self, doc: Document) -> list[str]:
        return [f"{doc.meta.slug}-daisy.zip"]

    def export(self, doc: Document, style: Style, options: ExportOptions) -> dict[str, bytes]:
        from roleexport.output import joined

        return {name: joined(data) for name, data in self.export_parts(doc, style, options).items()}

    def export_parts(self, doc: Document, style: Style, options: ExportOptions) -> dict[str, Writer]:
        """``export``, with the zip written into the output file, its MP3s read from the cache
        folder as they go in."""
        from roleexport.exporters.daisy.book import make

        return {f"{doc.meta.slug}-daisy.zip": make(doc, style, options)}
