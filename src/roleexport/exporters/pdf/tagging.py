"""Tagged PDF on top of ReportLab, which has no tagging API of its own.

The story builds a tree of ``StructNode`` (Document > H1, P, L > LI > Lbl + LBody, Table > TR >
TH/TD, Span, Link) and wraps every flowable in a ``Tagged`` proxy (flowables.py). When a proxy draws, it
rewrites what its flowable just appended to the canvas: each text object becomes marked
content with an MCID owned by the proxy's element (paragraph markup carries zero-width
``onDraw`` markers where a Span or Link starts and ends, so inline elements get their own
sequences), and every other painting operation becomes an /Artifact. Split parts of a
paragraph share one element, so a paragraph broken by a page keeps one P with marked-content
references on both pages. ``TaggedCanvas.save`` then writes the structure elements, the
parent tree and the catalog entries PDF/UA-1 needs.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from reportlab.pdfbase.pdfdoc import (
    PDFArray,
    PDFDictionary,
    PDFName,
    PDFObject,
    PDFObjectReference,
    PDFPage,
    PDFString,
    pdfdocEnc,
)
from reportlab.pdfbase.pdfdoc import format as pdf_format
from reportlab.pdfgen.canvas import Canvas

from roleexport.exporters.pdf.structure import Mcr, Objr, StructNode, Tagging, prune

MARK_CALLBACK = "rxmc"
"""The ``onDraw`` name paragraph markup uses for inline element boundaries."""
HYPHEN_LABEL = "h"
"""The marker label that opens a line-end hyphen the layout added (closed by ``c``): an artifact."""
_MARKER = re.compile(r"\x00(o\d+|c|h)\x00")
_HYPHEN = StructNode("Artifact", attached=False)
"""Owner of the hyphens drawn where a word breaks at a line end: not text, the word stays whole."""
_SHOWS_TEXT = re.compile(r"(?:\)|>|\])\s*(?:Tj|TJ|'|\")(?=\s|$)")
_PAINT_OPS = {
    "S",
    "s",
    "f",
    "F",
    "f*",
    "B",
    "B*",
    "b",
    "b*",
    "n",
    "re",
    "m",
    "l",
    "c",
    "v",
    "y",
    "h",
    "Do",
    "sh",
    "BI",
    "W",
    "W*",
}


class _Raw(PDFObject):
    """A PDF token written as is (``true``), which ReportLab's formatter has no type for."""

    def __init__(self, token: bytes) -> None:
        self.token = token

    def format(self, document: Any) -> bytes:
        return self.token


TRUE = _Raw(b"true")


class _StructElem(PDFObject):
    """One structure element that writes itself, byte for byte as ReportLab writes the same dictionary.

    A page has hundreds of elements; ReportLab's generic formatting of their dictionaries,
    arrays and references was a third of the time to write a PDF.
    """

    def __init__(self, node: StructNode, names: dict[int, str]) -> None:
        self.node, self.names = node, names

    def format(self, document: Any) -> bytes:
        ids = document.idToObjectNumberAndVersion
        node, names = self.node, self.names

        def ref(name: str) -> bytes:
            return b"%d %d R" % ids[name]

        kids: list[bytes] = []
        for kid in node.kids:
            if isinstance(kid, StructNode):
                kids.append(ref(names[id(kid)]))
            elif isinstance(kid, Mcr):
                kids.append(b"<<\n/MCID %d /Pg %s /Type /MCR\n>>" % (kid.mcid, ref(f"Page{kid.page + 1}")))
            else:
                obj = document.refAnnotation(kid.annot).format(document)
                kids.append(b"<<\n/Obj %s /Pg %s /Type /OBJR\n>>" % (obj, ref(f"Page{kid.page + 1}")))
        entries = {
            "K": _array(kids),
            "P": ref(names[id(node.parent)] if node.parent else "RXStructTreeRoot"),
            "S": _name(node.role),
            "Type": b"/StructElem",
        }
        for key, value in node.attrs.items():
            entries[key] = pdf_format(PDFString(value) if isinstance(value, str) else value, document)
        return _dictionary([_name(k) + b" " + entries[k] for k in sorted(entries)])


@cache
def _name(name: str) -> bytes:
    """A PDF name as bytes (a handful of keys and roles, written thousands of times)."""
    return bytes(pdfdocEnc(PDFName(name)))


def _array(items: list[bytes]) -> bytes:
    """``PDFArray.format``: space-separated, a line break every 10 items."""
    for i in reversed(range(10, len(items), 10)):
        items.insert(i, b"\n ")
    return b"[ " + b" ".join(items) + b" ]"


def _dictionary(entries: list[bytes]) -> bytes:
    """``PDFDictionary.format`` of sorted ``/Key value`` entries: a line break every 6 entries."""
    for i in reversed(range(6, len(entries), 6)):
        entries.insert(i, b"\n ")
    return b"<<\n" + b" ".join(entries) + b"\n>>"


@dataclass
class Rule:
    """A vertical rule drawn beside a flowable as an artifact (the letter's left bar)."""

    dx: float
    colour: Any
    width: float
    extend_below: float = 0.0


@dataclass
class Tag:
    """What a proxy marks: its element (None: all artifact), the list label, page-map identity."""

    node: StructNode | None
    label: StructNode | None = None
    block_id: str | None = None
    bookmark: tuple[str, str, int] | None = None
    rule: Rule | None = None
    figure: bool = False
    """Everything drawn is the element's content (a QR code as a Figure), not an artifact."""
    open: list[StructNode] = field(default_factory=list)
    parts_drawn: int = 0
    keeps: tuple[float, ...] = ()
    """Where the block could break instead, in points from its top (whole lines or rows), noted
    when it is drawn, so a layout can be redone with an earlier break without keeping the block."""


class Done(str):
    """Content already wrapped in marked content; enclosing proxies leave it alone."""

    __slots__ = ()


class TaggedPage(PDFPage):
    """A page dictionary that also writes /Tabs and /StructParents."""

    __NoDefault__ = (*PDFPage.__NoDefault__, "Tabs", "StructParents")


def _is_painting(entry: str) -> bool:
    return any(token in _PAINT_OPS for token in entry.split())


def _marker_callback(canvas: TaggedCanvas, kind: str, label: str | None) -> None:
    """Called by Paragraph at an inline boundary: leave a marker in the text object's code."""
    tx = canvas._curr_tx_info["tx"]
    tx._code.append(f"\x00{label}\x00")


class TaggedCanvas(Canvas):
    """A canvas that hands out MCIDs, records the parent tree and writes the structure tree."""

    def __init__(self, filename: Any, *, tagging: Tagging, **kw: Any) -> None:
        kw["invariant"] = 1
        kw["pdfVersion"] = (1, 7)
        super().__init__(filename, **kw)
        self.tagging = tagging
        self._mcid = 0
        self._page_nodes: list[list[StructNode]] = [[]]
        self._annots: list[tuple[PDFDictionary, StructNode]] = []
        self._pending_objr: list[tuple[StructNode, Objr]] = []
        self._outline_level = -1
        self.first_text: dict[int, tuple[str, int]] = {}
        self.lowest: dict[int, float] = {}
        """The lowest point content reaches on each page (how full the page is)."""
        self.tops: dict[int, tuple[int, float]] = {}
        """Where each tag's first part was drawn: (page index, top), by ``id`` of the tag."""
        self.extra_catalog: dict[str, Any] = {}
        self.late: Callable[[TaggedCanvas, int, int], None] | None = None
        self.measuring = False
        """Only where pages start and how full they are is wanted (a page map): paragraphs note
        what they would draw but draw no text, which is most of drawing's time."""
        self.setNamedCB(MARK_CALLBACK, _marker_callback)

    @property
    def page_index(self) -> int:
        return int(self._pageNumber) - 1

    # ------------------------------------------------------------------ marked content

    def begin(self, node: StructNode) -> str:
        """``BDC`` for a new marked-content sequence owned by ``node``."""
        mcid = self._mcid
        self._mcid += 1
        self._page_nodes[-1].append(node)
        node.attach()
        node.kids.append(Mcr(self.page_index, mcid))
        return f"/{node.role} <</MCID {mcid}>> BDC"

    @contextmanager
    def artifact(self, kind: str = "") -> Iterator[None]:
        """Everything drawn inside is one artifact (``kind``: Header or Footer pagination)."""
        start = len(self._code)
        yield
        props = f"<</Type /Pagination /Subtype /{kind}>> BDC" if kind else "BMC"
        body = "\n".join(self._code[start:])
        self._code[start:] = [Done(f"/Artifact {props}\n{body}\nEMC")]

    def tag_code(self, start: int, tag: Tag) -> None:
        """Rewrite the canvas code appended since ``start`` as marked content of ``tag``."""
        if tag.figure and tag.node is not None:
            body = "\n".join(self._code[start:])
            self._code[start:] = [Done(f"{self.begin(tag.node)}\n{body}\nEMC")]
            return
        out: list[str] = []
        for entry in self._code[start:]:
            text = entry.strip()
            if isinstance(entry, Done) or not text:
                out.append(entry)
            elif text.startswith("BT") and text.endswith("ET"):
                if tag.node is None:
                    out.append(f"/Artifact BMC\n{text}\nEMC")
                elif tag.label is not None:
                    out.append(f"{self.begin(tag.label)}\n{text}\nEMC")
                    tag.label = None
                else:
                    out.append(self._text_object(text, tag))
            elif _is_painting(text):
                out.append(f"/Artifact BMC\n{text}\nEMC")
            else:
                out.append(entry)
        self._code[start:] = [Done("\n".join(out))]
        for node, objr in self._pending_objr:
            node.attach()
            node.kids.append(objr)
        self._pending_objr.clear()

    def _text_object(self, text: str, tag: Tag) -> str:
        assert tag.node is not None
        pieces = _MARKER.split(text[2:-2])
        out = ["BT"]
        for i, piece in enumerate(pieces):
            if i % 2:
                if piece == "c":
                    if tag.open:
                        tag.open.pop()
                elif piece == HYPHEN_LABEL:
                    tag.open.append(_HYPHEN)
                else:
                    tag.open.append(self.tagging.inline[int(piece[1:])])
                continue
            owner = tag.open[-1] if tag.open else tag.node
            if not _SHOWS_TEXT.search(piece):
                out.append(piece)
            elif owner.role == "Artifact":  # printed only (a link's address, an added hyphen): not the element's text
                out.append(f"/Artifact BMC {piece} EMC")
            else:
                out.append(f"{self.begin(owner)} {piece} EMC")
        out.append("ET")
        return " ".join(out)

    def note_text(self, block_id: str, offset: int) -> None:
        """Remember the first body text of the current page (for the EPUB page-list)."""
        self.first_text.setdefault(self.page_index, (block_id, offset))

    def note_extent(self, tag: Tag, first: bool, x: float, y: float, height: float) -> None:
        """Remember how far down the current page content reaches, and where each block starts.

        ``x, y`` are in the current coordinates (a table's cells draw in the table's), so they are
        taken to the page's through the current matrix.
        """
        _a, b, _c, d, _e, f = self._currentMatrix
        bottom = b * x + d * y + f
        height *= d
        page = self.page_index
        self.lowest[page] = min(bottom, self.lowest.get(page, bottom))
        if first:
            self.tops.setdefault(id(tag), (page, bottom + height))

    def outline(self, key: str, title: str, level: int) -> None:
        """A bookmark to the current position, nested by heading level without skipping."""
        level = min(level, self._outline_level + 1)
        self._outline_level = level
        self.addOutlineEntry(title, key, level, closed=False)

    # ------------------------------------------------------------------ annotations

    def linkURL(
        self,
        url: str,
        rect: Any,
        relative: int = 0,
        thickness: int = 0,
        color: Any = None,
        dashArray: Any = None,
        kind: str = "URI",
        **kw: Any,
    ) -> None:
        """Link annotations from our paragraph markup (``rx:N``) become tagged, described links."""
        found = re.fullmatch(r"rx:(\d+)", url)
        if not found:
            super().linkURL(url, rect, relative, thickness, color, dashArray, kind, **kw)
            return
        number = int(found.group(1))
        target, text = self.tagging.links[number]
        node = self.tagging.inline[number]
        ann = PDFDictionary()
        ann["Type"] = PDFName("Annot")
        ann["Subtype"] = PDFName("Link")
        ann["Rect"] = PDFArray(self._absRect(rect, relative))
        ann["Border"] = PDFArray([0, 0, 0])
        ann["F"] = 4
        ann["Contents"] = PDFString(text)
        if target.startswith("#"):
            ann["Dest"] = self._bookmarkReference(target[1:])
        else:
            ann["A"] = PDFDictionary({"Type": PDFName("Action"), "S": PDFName("URI"), "URI": PDFString(target)})
        name = f"rxlink{len(self._annots)}"
        self._addAnnotation(ann, name)
        self._annots.append((ann, node))
        self._pending_objr.append((node, Objr(self.page_index, name)))

    # ------------------------------------------------------------------ pages and saving

    def showPage(self) -> None:
        super().showPage()
        pages = self._doc.Pages.pages
        page = pages[-1]
        page.__class__ = TaggedPage
        page.Tabs = PDFName("S")
        page.StructParents = len(pages) - 1
        self._mcid = 0
        self._page_nodes.append([])

    def save(self) -> None:
        if len(self._code):
            self.showPage()
        self._draw_late()
        self._write_structure()
        super().save()

    def _draw_late(self) -> None:
        """Run ``late(canvas, page, pages)`` for each page now that the page count is known.

        What it draws ("Page N of M") is appended to that page's content stream; it must be an
        artifact. One layout pass thus serves both the page count and the page map.
        """
        if self.late is None:
            return
        pages = self._doc.Pages.pages
        for number, page in enumerate(pages, start=1):
            del self._code[:]
            self.late(self, number, len(pages))
            page.stream += "\nq\n" + "\n".join(self._code) + "\nQ\n"
        del self._code[:]

    def _write_structure(self) -> None:
        doc = self._doc
        pages = len(doc.Pages.pages)
        root = self.tagging.root
        prune(root)
        names = {id(node): f"RXSE{i}" for i, node in enumerate(root.walk())}

        def ref(node: StructNode) -> PDFObjectReference:
            return PDFObjectReference(names[id(node)])

        for node in root.walk():
            doc.Reference(_StructElem(node, names), names[id(node)])

        nums: list[Any] = []
        for page in range(pages):
            nums += [page, PDFArray([ref(n) for n in self._page_nodes[page]])]
        for i, (ann, node) in enumerate(self._annots):
            ann["StructParent"] = pages + i
            nums += [pages + i, ref(node)]
        doc.Reference(PDFDictionary({"Nums": PDFArray(nums)}), "RXParentTree")
        tree_root = PDFDictionary(
            {
                "Type": PDFName("StructTreeRoot"),
                "K": PDFArray([ref(root)]),
                "ParentTree": PDFObjectReference("RXParentTree"),
                "ParentTreeNextKey": pages + len(self._annots),
            }
        )
        doc.Reference(tree_root, "RXStructTreeRoot")
        catalog = doc.Catalog
        catalog.StructTreeRoot = tree_root
        catalog.MarkInfo = PDFDictionary({"Marked": TRUE})
        for key, value in self.extra_catalog.items():
            setattr(catalog, key, value)
