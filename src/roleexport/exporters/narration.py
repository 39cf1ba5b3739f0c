"""Plain narration script: the page as it would be read aloud, headings announced.

First cut: one line per spoken unit, a blank line between sections. Abbreviations are
read as written here; the audio issue brings expansions and the shared speech plan.
"""

from __future__ import annotations

from typing import assert_never

from roleexport.exporters import ExportOptions
from roleexport.model import (
    Block,
    BlockQuote,
    BulletList,
    CodeBlock,
    Document,
    Facts,
    Heading,
    Letter,
    OrderedList,
    Paragraph,
    QuestionAnswer,
    Table,
    ThematicBreak,
)
from roleexport.styles import Style
from roleexport.walk import inline_text

ANNOUNCE = {1: "Title", 2: "Section", 3: "Subsection"}


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    return text if not text or text[-1] in ".!?:" else text + "."


class NarrationExporter:
    """The ``narration`` format: ``<slug>.txt``."""

    name = "narration"
    description = "Plain-text narration script, headings announced"

    def outputs(self, doc: Document) -> list[str]:
        return [f"{doc.meta.slug}.txt"]

    def export(self, doc: Document, style: Style, options: ExportOptions) -> dict[str, bytes]:
        lines: list[str] = []
        for block in doc.blocks:
            self._block(block, lines)
        text = "\n".join(lines).strip() + "\n"
        return {f"{doc.meta.slug}.txt": text.encode("utf-8")}

    def _block(self, block: Block, lines: list[str]) -> None:
        match block:
            case Heading(level=level, children=c):
                lines.extend(["", f"{ANNOUNCE.get(level, 'Subsection')}: {_sentence(inline_text(c))}", ""])
            case Paragraph(children=c):
                lines.append(_sentence(inline_text(c)))
            case BulletList(items=items) | OrderedList(items=items):
                for item in items:
                    for inner in item.blocks:
                        self._block(inner, lines)
            case Facts(items=facts):
                for fact in facts:
                    value = " ".join(inline_text(p.children) for p in fact.value if isinstance(p, Paragraph))
                    lines.append(_sentence(f"{inline_text(fact.label)}: {value}"))
            case QuestionAnswer(question=q, answer=answer):
                lines.extend(["", f"Question: {_sentence(inline_text(q.children))}", "Answer:"])
                for inner in answer:
                    self._block(inner, lines)
            case Letter(blocks=inner) | BlockQuote(blocks=inner):
                for b in inner:
                    self._block(b, lines)
            case CodeBlock(text=t):
                lines.append(t)
            case Table(rows=rows):
                lines.extend(_sentence(", ".join(inline_text(c.children) for c in row)) for row in rows)
            case ThematicBreak():
                lines.append("")
            case _:
                assert_never(block)
