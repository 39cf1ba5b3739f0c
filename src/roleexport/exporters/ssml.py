"""The ``ssml`` format: ``<slug>.ssml`` (SSML 1.1) and ``<slug>.pls`` (its PLS 1.0 lexicon).

One export writes both because the SSML references the lexicon by its relative name
(``<lexicon uri="<slug>.pls">``): shipped together, an engine that reads PLS finds it.
"""

from __future__ import annotations

from roleexport.exporters import ExportOptions
from roleexport.model import Document
from roleexport.styles import Style


class SsmlExporter:
    """SSML for any speech engine, with the page's pronunciation lexicon beside it."""

    name = "ssml"
    description = "SSML 1.1 speech markup with a PLS pronunciation lexicon"
    requires: frozenset[str] = frozenset()
    reads: tuple[str, ...] = ()

    def outputs(self, doc: Document) -> list[str]:
        return [f"{doc.meta.slug}.ssml", f"{doc.meta.slug}.pls"]

    def export(self, doc: Document, style: Style, options: ExportOptions) -> dict[str, bytes]:
        from roleexport.speech.plan import Settings, build_plan
        from roleexport.speech.pls import pls_document
        from roleexport.speech.ssml import ssml_document

        slug = doc.meta.slug
        plan = build_plan(doc, Settings.for_page(doc, style))
        return {
            f"{slug}.ssml": ssml_document(plan, f"{slug}.pls"),
            f"{slug}.pls": pls_document(doc),
        }
