"""The content tree → tagged platypus flowables, with the structure tree built alongside.

Reading order is layout order: each block gets its structure element as the story is built,
and every flowable is wrapped in a ``Tagged`` proxy that marks what it draws.
"""

from __future__ import annotations

from contextlib import nullcontext
from functools import cached_property
from typing import Any, assert_never

from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfdoc import PDFDictionary, PDFName
from reportlab.platypus import CondPageBreak, Flowable, Table, TableStyle
from reportlab.platypus.flowables import HRFlowable

from roleexport.errors import ExportError
from roleexport.exporters.pdf.codelines import expand_tabs
from roleexport.exporters.pdf.flowables import Tagged, TaggedCode, TaggedParagraph
from roleexport.exporters.pdf.fonts import FontSet
from roleexport.exporters.pdf.keeping import KeepWhole
from roleexport.exporters.pdf.markup import Face, Markup, escape
from roleexport.exporters.pdf.settings import PdfSettings
from roleexport.exporters.pdf.structure import StructNode, Tagging
from roleexport.exporters.pdf.tagging import Rule, Tag
from roleexport.exporters.pdf.typography import typeset
from roleexport.i18n import Catalogue
from roleexport.model import (
    Block,
    BlockQuote,
    BulletList,
    CodeBlock,
    Document,
    Facts,
    Heading,
    Letter,
    Metadata,
    OrderedList,
    Paragraph,
    QuestionAnswer,
    ThematicBreak,
)
from roleexport.model import Table as TableBlock
from roleexport.walk import headings, inline_text

BULLETS = (("•", "Disc"), ("◦", "Circle"), ("▪", "Square"))  # by nesting depth, with /ListNumbering


def _norm(text: str) -> str:
    return " ".join(text.split())


class Styles:
    """Paragraph styles derived from the settings."""

    def __init__(self, s: PdfSettings, f: FontSet) -> None:
        text = HexColor(s.text_colour)
        # ragged right, widows and orphans kept off, over-long words broken; ReportLab's own hyphenation
        # off (words break only at the soft hyphens hyphenation.py puts in running text)
        common: dict[str, Any] = {
            "fontName": f.regular,
            "textColor": text,
            "alignment": TA_LEFT,
            "allowWidows": 0,
            "allowOrphans": 0,
            "splitLongWords": 1,
            "uriWasteReduce": 0,
            "hyphenationLang": "",
            "embeddedHyphenation": 0,
            "bulletFontName": f.regular,
        }
        size, lead = s.body_size, s.leading
        self.body = ParagraphStyle(
            "body", fontSize=size, leading=size * lead, spaceAfter=s.paragraph_space, bulletFontSize=size, **common
        )
        heading = dict(common, fontName=f.bold, textColor=HexColor(s.heading_colour), bulletFontName=f.bold)
        self.title = ParagraphStyle(
            "title", fontSize=s.h1_size, leading=s.h1_size * 1.2, spaceAfter=s.h1_size * 0.3, **heading
        )
        self.h: dict[int, ParagraphStyle] = {}
        for level, hs in ((1, s.h1_size), (2, s.h2_size), (3, s.h3_size)):
            self.h[level] = ParagraphStyle(
                f"h{level}",
                fontSize=hs,
                leading=hs * 1.25,
                spaceBefore=s.heading_space if level > 1 else s.heading_space * 1.5,
                spaceAfter=hs * (0.45 if level > 2 else 0.55),
                **heading,
            )
        self.meta = ParagraphStyle(
            "meta",
            fontSize=s.small_size + 1,
            leading=(s.small_size + 1) * 1.4,
            **dict(common, textColor=HexColor(s.muted_colour)),
        )
        self.label = ParagraphStyle("label", parent=self.body, fontName=f.bold, spaceAfter=0)
        self.cell = ParagraphStyle("cell", parent=self.body, spaceAfter=0)
        self.fonts = f
        self.size = size

    @cached_property
    def code(self) -> ParagraphStyle:
        """Made on first use: it registers the mono font, which most pages never need."""
        return ParagraphStyle(
            "code", parent=self.body, fontName=self.fonts.mono, fontSize=self.size * 0.9, leading=self.size * 0.9 * 1.35
        )

    def list_item(self, indent: float, ordered: bool) -> ParagraphStyle:
        """Hanging bullets: the label in the indent, every line of the item aligned after it."""
        return ParagraphStyle(
            f"li{ordered}",
            parent=self.body,
            leftIndent=indent,
            bulletIndent=0 if ordered else indent * 0.15,
            spaceAfter=self.body.spaceAfter * 0.6,
        )

    def indented(self, base: ParagraphStyle, left: float) -> ParagraphStyle:
        return ParagraphStyle(f"{base.name}+{left}", parent=base, leftIndent=base.leftIndent + left)


class Story:
    """Builds the flowables and the structure tree together, in reading order."""

    def __init__(self, doc: Document, s: PdfSettings, f: FontSet, cat: Catalogue) -> None:
        self.doc, self.s, self.fonts, self.cat = doc, s, f, cat
        self.root = StructNode("Document")
        self.tagging = Tagging(self.root)
        anchors = frozenset(h.id for h in headings(doc))
        self.markup = Markup(
            f, self.tagging, anchors, s.link_colour, cat, doc.meta.lang, s.small_size, hyphenate=s.hyphenate
        )
        self.st = Styles(s, f)
        self.width = s.pagesize[0] - s.margin_left - s.margin_right
        self.titled = False
        self.depth = 0
        self.in_cell = False

    def build(self) -> list[Flowable]:
        flow = self.blocks(self.doc.blocks, self.root, 0.0, None)
        if not flow:
            raise ExportError("pdf: the page has no content to print")
        return _lead_into_letters(_keep_headings_together(flow))

    def blocks(self, blocks: tuple[Block, ...], parent: StructNode, left: float, rule: str | None) -> list[Flowable]:
        out: list[Flowable] = []
        for i, block in enumerate(blocks):
            last = i == len(blocks) - 1
            out.extend(self.block(block, parent, left, rule, last))
        return out

    def block(self, block: Block, parent: StructNode, left: float, rule: str | None, last: bool) -> list[Flowable]:
        st = self.st
        match block:
            case Heading():
                return self.heading(block, parent)
            case Paragraph():
                style = st.indented(st.body, left) if left else st.body
                return [self.paragraph(block, parent, style, rule=self._rule(rule, left, last))]
            case BulletList() | OrderedList():
                return self.list_block(block, parent, left)
            case Facts():
                return self.facts(block, parent, left)
            case QuestionAnswer(question=q, answer=answer):
                return [*self.heading(q, parent), *self.blocks(answer, parent, left, rule)]
            case Letter(blocks=inner):
                flows = self.blocks(inner, parent.child("Div"), left + 16, self.s.accent_colour)
                return flows if self.in_cell else [_letter(flows, self.s.letter_keep_blank)]
            case BlockQuote(blocks=inner):
                return self.blocks(inner, parent.child("BlockQuote"), left + 16, self.s.rule_colour)
            case CodeBlock(text=t):
                node = parent.child("P")
                para = TaggedCode(self.markup.code(expand_tabs(t), node), st.indented(st.code, left + 8))
                return [Tagged(para, Tag(node, block_id=block.id))]
            case TableBlock():
                return self.table(block, parent, left)
            case ThematicBreak():
                rule_flow = HRFlowable(
                    width="30%",
                    thickness=0.75,
                    color=HexColor(self.s.rule_colour),
                    spaceBefore=st.size,
                    spaceAfter=st.size,
                )
                return [Tagged(rule_flow, Tag(None))]
            case _:
                assert_never(block)

    def _rule(self, colour: str | None, left: float, last: bool) -> Rule | None:
        if colour is None:
            return None
        return Rule(
            dx=left - 10,
            colour=HexColor(colour),
            width=2.5 if colour == self.s.accent_colour else 1.5,
            extend_below=0 if last else self.st.body.spaceAfter,
        )

    def paragraph(
        self,
        p: Paragraph,
        parent: StructNode,
        style: ParagraphStyle,
        *,
        bullet: str | None = None,
        label: StructNode | None = None,
        rule: Rule | None = None,
    ) -> Tagged:
        node = parent.child("P")
        para = self.para(self.markup.convert(p.children, node), style, bullet)
        return Tagged(para, Tag(node, label=label, block_id=p.id, rule=rule))

    def para(self, markup: str, style: ParagraphStyle, bullet: str | None = None) -> TaggedParagraph:
        """A paragraph of converted markup, knowing which of its text is printed only (link addresses)."""
        para = TaggedParagraph(markup, style, bulletText=bullet)
        para.rx_printed_only = self.markup.take_printed()
        return para

    def heading(self, h: Heading, parent: StructNode) -> list[Flowable]:
        node = parent.child(f"H{h.level}")
        title = _norm(inline_text(h.children, self.cat))
        first = h.level == 1 and not self.titled
        style = self.st.title if first else self.st.h[min(h.level, 3)]
        with self.markup.whole_words():
            para = self.para(self.markup.convert(h.children, node, Face(bold=True)), style)
        # never strand a heading at a page foot: it needs room for itself and a few lines after it
        room = style.spaceBefore + 2 * style.leading + 4 * self.st.body.leading
        out: list[Flowable] = [
            CondPageBreak(room),
            Tagged(para, Tag(node, block_id=h.id, bookmark=(h.id, title, h.level - 1))),
        ]
        if first:
            self.titled = True
            out.extend(self.title_block(parent))
        return out

    def title_block(self, parent: StructNode) -> list[Flowable]:
        """Category, then the source line (publisher, updated date, web address) under the title, then a rule."""
        lang = self.doc.meta.lang
        out: list[Flowable] = []
        for line in title_lines(self.doc.meta, self.cat):
            node = parent.child("P")
            text = "  ·  ".join(escape(typeset(p, lang)) for p in line)
            out.append(Tagged(TaggedParagraph(self._fallback_markup(text), self.st.meta), Tag(node)))
        rule = HRFlowable(
            width="100%",
            thickness=1.2,
            color=HexColor(self.s.accent_colour),
            spaceBefore=self.st.size * 0.6,
            spaceAfter=self.st.size * 0.4,
        )
        out.append(Tagged(rule, Tag(None)))
        return out

    def _fallback_markup(self, escaped: str) -> str:
        """Already-escaped text with fallback fonts where the text face lacks a glyph."""
        return "".join(
            f'<font name="{f}">{r}</font>' if f else r for f, r in self.fonts.drawable(escaped, self.fonts.regular)
        )

    def list_block(self, lst: BulletList | OrderedList, parent: StructNode, left: float) -> list[Flowable]:
        ordered = isinstance(lst, OrderedList)
        mark, kind = BULLETS[self.depth % len(BULLETS)]
        numbering = PDFDictionary({"O": PDFName("List"), "ListNumbering": PDFName("Decimal" if ordered else kind)})
        node = parent.child("L", A=numbering)
        indent = self.s.list_indent * (1.6 if ordered else 1.0)
        self.depth += 1
        try:
            return self._items(lst, node, left, indent, None if ordered else mark)
        finally:
            self.depth -= 1

    def _items(
        self, lst: BulletList | OrderedList, node: StructNode, left: float, indent: float, mark: str | None
    ) -> list[Flowable]:
        style = self.st.list_item(indent, mark is None)
        style = self.st.indented(style, left) if left else style
        style.bulletIndent += left
        if mark is not None:  # the bullet in the text face if it has one, else in a fallback font
            style.bulletFontName = self.fonts.first_with(mark) or self.fonts.regular
        out: list[Flowable] = []
        start = lst.start if isinstance(lst, OrderedList) else 1
        for n, item in enumerate(lst.items):
            li = node.child("LI")
            lbl = li.child("Lbl")
            body = li.child("LBody")
            bullet = mark or f"{start + n}."
            for i, inner in enumerate(item.blocks):
                if i == 0 and isinstance(inner, Paragraph):
                    out.append(self.paragraph(inner, body, style, bullet=bullet, label=lbl))
                else:
                    out.extend(self.block(inner, body, left + indent, None, False))
        return out

    def facts(self, facts: Facts, parent: StructNode, left: float) -> list[Flowable]:
        """The "Role at a glance" facts: a two-column table, label cells as row headers."""
        table = parent.child("Table")
        rows: list[list[Any]] = []
        for fact in facts.items:
            tr = table.child("TR")
            th = tr.child("TH", A=PDFDictionary({"O": PDFName("Table"), "Scope": PDFName("Row")}))
            td = tr.child("TD")
            with self.markup.whole_words():
                label = self.para(self.markup.convert(fact.label, th, Face(bold=True)), self.st.label)
            label_flow = Tagged(label, Tag(th, block_id=fact.id))
            rows.append([label_flow, self._cell_blocks(fact.value, td)])
        return [self._table(rows, [self.s.facts_label_width, 1 - self.s.facts_label_width], table, left)]

    def _cell_blocks(self, blocks: tuple[Block, ...], node: StructNode) -> list[Flowable]:
        out: list[Flowable] = []
        self.in_cell = True  # no page-keeping groups inside a table cell
        try:
            for block in blocks:
                if isinstance(block, Paragraph):
                    out.append(self.paragraph(block, node, self.st.cell))
                else:
                    out.extend(self.block(block, node, 0.0, None, False))
        finally:
            self.in_cell = False
        return out

    def table(self, t: TableBlock, parent: StructNode, left: float) -> list[Flowable]:
        node = parent.child("Table")
        columns = max((len(r) for r in t.rows), default=0)
        if not columns:
            return []
        rows: list[list[Any]] = []
        for r, row in enumerate(t.rows):
            tr = node.child("TR")
            cells: list[Any] = []
            for cell in row:
                scope = "Column" if r == 0 else "Row"
                attrs = {"A": PDFDictionary({"O": PDFName("Table"), "Scope": PDFName(scope)})} if cell.header else {}
                cn = tr.child("TH" if cell.header else "TD", **attrs)
                style = self.st.label if cell.header else self.st.cell
                face = Face(bold=cell.header)
                with self.markup.whole_words() if cell.header else nullcontext():
                    para = self.para(self.markup.convert(cell.children, cn, face), style)
                cells.append(Tagged(para, Tag(cn, block_id=t.id)))
            for _ in range(columns - len(row)):  # a short row gets empty cells, in print and in the tree
                tr.child("TD")
                cells.append("")
            rows.append(cells)
        return [self._table(rows, [1 / columns] * columns, node, left)]

    def _table(self, rows: list[list[Any]], fractions: list[float], node: StructNode, left: float) -> Tagged:
        width = self.width - left
        pad = self.st.size * 0.45
        rule = HexColor(self.s.rule_colour)
        table = RuledTable(
            rows,
            colWidths=[width * f for f in fractions],
            hAlign="RIGHT" if left else "LEFT",
            splitByRow=1,
            splitInRow=1,
            style=TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("FONTNAME", (0, 0), (-1, -1), self.fonts.regular),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (0, -1), pad * 2),
                    ("RIGHTPADDING", (1, 0), (-1, -1), 0),
                    ("TOPPADDING", (0, 0), (-1, -1), pad),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), pad),
                    ("LINEABOVE", (0, 0), (-1, 0), 0.75, rule),
                    ("LINEBELOW", (0, 0), (-1, -1), 0.75, rule),
                ]
            ),
        )
        table.spaceAfter = self.st.body.spaceAfter * 1.5
        return Tagged(table, Tag(node))


class RuledTable(Table):
    """A table whose part continued on a new page has no top rule: the running head's rule is there."""

    def split(self, aW: float, aH: float) -> list[Flowable]:
        parts: list[Flowable] = super().split(aW, aH)
        for part in parts[1:]:
            part._linecmds = [c for c in part._linecmds if not (c[0] == "LINEABOVE" and c[1][1] == 0)]
        return parts


def _letter(flows: list[Flowable], blank: float) -> KeepWhole:
    """The letter's flowables grouped by paragraph: each whole, the last two together (its last line
    never alone on a page), the whole letter on one page when that leaves little blank."""
    groups: list[list[Flowable]] = []
    for flow in flows:
        if isinstance(flow, CondPageBreak) or not groups or not isinstance(flow, Tagged) or flow.tag.node is None:
            groups.append([flow])
        elif isinstance(groups[-1][-1], Tagged) and groups[-1][-1].tag.node is flow.tag.node:
            groups[-1].append(flow)  # parts of one element (a table and its cells) stay together
        else:
            groups.append([flow])
    if len(groups) >= 2:
        groups[-2:] = [groups[-2] + groups[-1]]
    return KeepWhole(groups, blank)


def _lead_into_letters(flow: list[Flowable]) -> list[Flowable]:
    """A heading straight before a letter moves and breaks with the letter's first paragraph."""
    out: list[Flowable] = []
    for item in flow:
        if isinstance(item, KeepWhole) and out and isinstance(out[-1], Tagged) and out[-1].tag.bookmark is not None:
            item.lead([out.pop()])
        out.append(item)
    return out


def _keep_headings_together(flow: list[Flowable]) -> list[Flowable]:
    """A heading straight after a heading (H2, then the first H3) shares the first one's room check,
    so the first never stays alone at a page foot while the second moves on."""
    out: list[Flowable] = []
    for item in flow:
        if (
            isinstance(item, CondPageBreak)
            and len(out) >= 2
            and isinstance(out[-2], CondPageBreak)
            and isinstance(out[-1], Tagged)
            and out[-1].tag.bookmark is not None
        ):
            out[-2].height += item.height
            continue
        out.append(item)
    return out


def title_lines(meta: Metadata, t: Catalogue) -> list[list[str]]:
    """The lines under the title: the category, then where the page comes from and when it was updated.

    A handout on its own should say whose it is, how current, and where to find it online.
    """
    lines = [[meta.category]] if meta.category else []
    source = [t("source_publisher", publisher=meta.publisher)] if meta.publisher else []
    if meta.updated:
        source.append(t("updated", date=t.iso_date(meta.updated)))
    if meta.url:
        source.append(meta.url)
    if source:
        lines.append(source)
    return lines
