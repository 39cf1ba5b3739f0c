"""Tagged PDF on top of ReportLab, which has no tagging API of its own.

Layout builds a tree of ``StructNode`` (Document > H1, P, L > LI > Lbl + LBody, Table > TR >
TH/TD, Span, Link) and wraps every flowable in a ``Tagged`` proxy. When a proxy draws, it
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
from typing import Any

from reportlab.pdfbase.pdfdoc import (
    PDFArray,
    PDFDictionary,
    PDFName,
    PDFObject,
    PDFObjectReference,
    PDFPage,
    PDFString,
)
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph

MARK_CALLBACK = "rxmc"
"""The ``onDraw`` name paragraph markup uses for inline element boundaries."""
_MARKER = re.compile(r"\x00(o\d+|c)\x00")
_SHOWS_TEXT = re.compile(r"(?:\)|>|\])\s*(?:Tj|TJ|'|\")(?=\s|$)")
_PAINT_OPS = {"S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "n", "re", "m", "l", "c", "v", "y", "h",
              "Do", "sh", "BI", "W", "W*"}


class _Raw(PDFObject):
    """A PDF token written as is (``true``), which ReportLab's formatter has no type for."""

    def __init__(self, token: bytes) -> None:
        self.token = token

    def format(self, document: Any) -> bytes:
        return self.token


TRUE = _Raw(b"true")


@dataclass(frozen=True, slots=True)
class Mcr:
    """A marked-content reference: MCID ``mcid`` on page ``page`` (0-based)."""

    page: int
    mcid: int


@dataclass(frozen=True, slots=True)
class Objr:
    """An object reference to the link annotation named ``annot`` on page ``page``."""

    page: int
    annot: str


class StructNode:
    """One structure element; ``kids`` in reading order (elements, Mcr, Objr)."""

    __slots__ = ("attached", "attrs", "kids", "parent", "role")

    def __init__(self, role: str, parent: StructNode | None = None, attrs: dict[str, Any] | None = None,
                 attached: bool = True) -> None:
        self.role = role
        self.parent = parent
        self.attrs = attrs or {}
        self.kids: list[StructNode | Mcr | Objr] = []
        self.attached = attached and parent is not None
        if self.attached and parent is not None:
            parent.kids.append(self)

    def child(self, role: str, **attrs: Any) -> StructNode:
        """A block-level child, placed now (layout order is reading order)."""
        return StructNode(role, self, attrs)

    def inline(self, role: str, **attrs: Any) -> StructNode:
        """An inline child, placed among its parent's content only when its text is drawn."""
        return StructNode(role, self, attrs, attached=False)

    def attach(self) -> None:
        if not self.attached and self.parent is not None:
            self.parent.attach()
            self.parent.kids.append(self)
            self.attached = True

    def walk(self) -> Iterator[StructNode]:
        yield self
        for kid in self.kids:
            if isinstance(kid, StructNode):
                yield from kid.walk()

    def has_content(self) -> bool:
        return any(not isinstance(k, StructNode) or k.has_content() for k in self.kids)


@dataclass
class Tagging:
    """The structure of one rendering: the root and the registry of inline elements."""

    root: StructNode
    inline: list[StructNode] = field(default_factory=list)
    links: dict[int, tuple[str, str]] = field(default_factory=dict)
    """Link number → (target, text for the annotation's /Contents)."""

    def add_inline(self, node: StructNode) -> int:
        self.inline.append(node)
        return len(self.inline) - 1


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
    open: list[StructNode] = field(default_factory=list)
    parts_drawn: int = 0


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
        self.extra_catalog: dict[str, Any] = {}
        self.late: Callable[[TaggedCanvas, int, int], None] | None = None
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
                else:
                    tag.open.append(self.tagging.inline[int(piece[1:])])
                continue
            owner = tag.open[-1] if tag.open else tag.node
            out.append(f"{self.begin(owner)} {piece} EMC" if _SHOWS_TEXT.search(piece) else piece)
        out.append("ET")
        return " ".join(out)

    def note_text(self, block_id: str, offset: int) -> None:
        """Remember the first body text of the current page (for the EPUB page-list)."""
        self.first_text.setdefault(self.page_index, (block_id, offset))

    def outline(self, key: str, title: str, level: int) -> None:
        """A bookmark to the current position, nested by heading level without skipping."""
        level = min(level, self._outline_level + 1)
        self._outline_level = level
        self.addOutlineEntry(title, key, level, closed=False)

    # ------------------------------------------------------------------ annotations

    def linkURL(self, url: str, rect: Any, relative: int = 0, thickness: int = 0, color: Any = None,
                dashArray: Any = None, kind: str = "URI", **kw: Any) -> None:
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
        _prune(root)
        names = {id(node): f"RXSE{i}" for i, node in enumerate(root.walk())}

        def ref(node: StructNode) -> PDFObjectReference:
            return PDFObjectReference(names[id(node)])

        def page_ref(page: int) -> PDFObjectReference:
            return PDFObjectReference(f"Page{page + 1}")

        for node in root.walk():
            entries: dict[str, Any] = {
                "Type": PDFName("StructElem"),
                "S": PDFName(node.role),
                "P": ref(node.parent) if node.parent else PDFObjectReference("RXStructTreeRoot"),
            }
            kids: list[Any] = []
            for kid in node.kids:
                if isinstance(kid, StructNode):
                    kids.append(ref(kid))
                elif isinstance(kid, Mcr):
                    kids.append(PDFDictionary({"Type": PDFName("MCR"), "Pg": page_ref(kid.page), "MCID": kid.mcid}))
                else:
                    kids.append(PDFDictionary({"Type": PDFName("OBJR"), "Pg": page_ref(kid.page),
                                               "Obj": doc.refAnnotation(kid.annot)}))
            entries["K"] = PDFArray(kids)
            for key, value in node.attrs.items():
                entries[key] = PDFString(value) if isinstance(value, str) else value
            doc.Reference(PDFDictionary(entries), names[id(node)])

        nums: list[Any] = []
        for page in range(pages):
            nums += [page, PDFArray([ref(n) for n in self._page_nodes[page]])]
        for i, (ann, node) in enumerate(self._annots):
            ann["StructParent"] = pages + i
            nums += [pages + i, ref(node)]
        doc.Reference(PDFDictionary({"Nums": PDFArray(nums)}), "RXParentTree")
        tree_root = PDFDictionary({
            "Type": PDFName("StructTreeRoot"),
            "K": PDFArray([ref(root)]),
            "ParentTree": PDFObjectReference("RXParentTree"),
            "ParentTreeNextKey": pages + len(self._annots),
        })
        doc.Reference(tree_root, "RXStructTreeRoot")
        catalog = doc.Catalog
        catalog.StructTreeRoot = tree_root
        catalog.MarkInfo = PDFDictionary({"Marked": TRUE})
        for key, value in self.extra_catalog.items():
            setattr(catalog, key, value)


def _prune(node: StructNode) -> None:
    """Drop elements that ended up with no content (an empty span); PDF/UA wants none."""
    node.kids = [k for k in node.kids if not isinstance(k, StructNode) or k.has_content()]
    for kid in node.kids:
        if isinstance(kid, StructNode):
            _prune(kid)


class TaggedParagraph(Paragraph):
    """A Paragraph that keeps the space at each line end in the text it draws.

    Paragraph drops it, so text read per structure element would glue the last word of a
    line to the first of the next ("systemsduring"). A space is drawn (invisibly, at the line
    end) wherever the paragraph's full text has one, so a long word or URL broken across lines
    stays one word. Split parts share ``rx_full``, the unsplit paragraph's text, and
    ``rx_cursor``, how much of it earlier parts have drawn (parts are drawn in order).
    """

    def full_text(self) -> str:
        if "rx_full" not in self.__dict__:
            self.rx_full = _norm(self.getPlainText())
            self.rx_cursor = [0]
        return str(self.rx_full)

    def drawn(self) -> int:
        """Characters of the paragraph's text that earlier parts drew."""
        self.full_text()
        return int(self.rx_cursor[0])

    def drawPara(self, debug: int = 0) -> None:
        original: Any = self.__dict__["blPara"]
        full = self.full_text()
        pos = self.drawn()
        patched = []
        for line in original.lines:
            text = _line_text(line)
            found = full.find(text, pos) if text else pos
            pos = (found if found >= 0 else pos) + len(text)
            if pos < len(full) and full[pos] == " ":
                pos += 1
                line = _spaced(line)
            patched.append(line)
        self.rx_cursor[0] = pos
        self.blPara = original.clone(lines=patched)
        try:
            super().drawPara(debug)
        finally:
            self.blPara = original


def _norm(text: str) -> str:
    return " ".join(text.split())


def _line_text(line: Any) -> str:
    if isinstance(line, tuple):
        return _norm(" ".join(line[1]))
    return _norm("".join(f.text for f in line.words if not hasattr(f, "cbDefn")))


def _spaced(line: Any) -> Any:
    if isinstance(line, tuple):
        extra, words = line
        return (extra, [*words[:-1], words[-1] + " "]) if words else line
    frags = [f for f in line.words if not hasattr(f, "cbDefn")]
    if not frags:
        return line
    space = frags[-1].clone(text=" ", link=[], us_lines=[])
    return line.clone(words=[*line.words, space])


class Tagged(Flowable):
    """A proxy that marks whatever its flowable draws, and wraps every part of a split."""

    def __init__(self, inner: Flowable, tag: Tag) -> None:
        super().__init__()
        self.inner = inner
        self.tag = tag

    def __getattr__(self, name: str) -> Any:
        if name in ("inner", "tag") or name.startswith("__"):
            raise AttributeError(name)
        return getattr(self.inner, name)

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.width, self.height = self.inner.wrap(aw, ah)
        return self.width, self.height

    def wrapOn(self, canv: Any, aw: float, ah: float) -> tuple[float, float]:
        self.width, self.height = self.inner.wrapOn(canv, aw, ah)
        return self.width, self.height

    def split(self, aw: float, ah: float) -> list[Flowable]:
        return self._parts(self.inner.split(aw, ah))

    def splitOn(self, canv: Any, aw: float, ah: float) -> list[Flowable]:
        return self._parts(self.inner.splitOn(canv, aw, ah))

    def _parts(self, parts: list[Flowable]) -> list[Flowable]:
        if isinstance(self.inner, TaggedParagraph):
            full = self.inner.full_text()
            for part in parts:
                if isinstance(part, TaggedParagraph):
                    part.rx_full, part.rx_cursor = full, self.inner.rx_cursor
        return [p if isinstance(p, Tagged) else Tagged(p, self.tag) for p in parts]

    def getSpaceBefore(self) -> float:
        return float(self.inner.getSpaceBefore())

    def getSpaceAfter(self) -> float:
        return float(self.inner.getSpaceAfter())

    def getKeepWithNext(self) -> bool:
        # handle_keepWithNext clears the flag on the proxy itself once it has grouped it
        if "keepWithNext" in self.__dict__:
            return bool(self.__dict__["keepWithNext"])
        return bool(self.inner.getKeepWithNext())

    def drawOn(self, canvas: TaggedCanvas, x: float, y: float, _sW: float = 0) -> None:
        tag = self.tag
        start = len(canvas._code)
        first = tag.parts_drawn == 0
        if first and tag.bookmark is not None:
            key, title, level = tag.bookmark
            canvas.bookmarkHorizontal(key, x, y + self.height)
            canvas.outline(key, title, level)
        if tag.block_id is not None:
            canvas.note_text(tag.block_id, self._offset())
        self.inner.drawOn(canvas, x, y, _sW)
        if tag.rule is not None:
            rule = tag.rule
            canvas.saveState()
            canvas.setStrokeColor(rule.colour)
            canvas.setLineWidth(rule.width)
            canvas.line(x + rule.dx, y - rule.extend_below, x + rule.dx, y + self.height)
            canvas.restoreState()
        canvas.tag_code(start, tag)
        tag.parts_drawn += 1

    def _offset(self) -> int:
        """Characters of the block's text before this part (0 for the first part)."""
        return self.inner.drawn() if isinstance(self.inner, TaggedParagraph) else 0
