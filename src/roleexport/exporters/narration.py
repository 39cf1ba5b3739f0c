"""The ``narration`` format: ``<slug>.txt``, exactly what the audio says, as plain text.

For people who record the page themselves or feed another engine. It is a rendering of the
shared speech plan, so it says what the SSML and the MP3 say: headings announced ("Section:
Overview."), questions and answers cued, symbols in words ("4 to 8 hours"), and terms as
they are said: an alias in place of the term ("eck-mo" for ECMO) and spelled-out
abbreviations as spaced letters ("C C P"), which a human reads and every engine spells.
One line per unit; a blank line where the plan pauses between paragraphs or sections, none
between the items of one list.
"""

from __future__ import annotations

from roleexport.exporters import ExportOptions
from roleexport.model import Document
from roleexport.styles import Style


class NarrationExporter:
    """Plain-text narration script rendered from the speech plan."""

    name = "narration"
    description = "Plain-text narration script, headings announced, terms as spoken"
    requires: frozenset[str] = frozenset()
    reads: tuple[str, ...] = ()

    def outputs(self, doc: Document) -> list[str]:
        return [f"{doc.meta.slug}.txt"]

    def export(self, doc: Document, style: Style, options: ExportOptions) -> dict[str, bytes]:
        from roleexport.speech.plan import Settings, build_plan, script_lines

        lines = script_lines(build_plan(doc, Settings.for_page(doc, style)))
        return {f"{doc.meta.slug}.txt": ("\n".join(lines).strip() + "\n").encode("utf-8")}
