"""Which element of the booklet each unit of the speech plan highlights.

A media overlay ``par`` pairs one element with one clip, so every unit is given a target:
the innermost element carrying its words (a list item's first paragraph, not the ``<li>``
around it), never both a parent and a child for the same audio. Two things the plain
booklet lacks are added to its XHTML first: a fact's label and value are wrapped in one
``<div>`` carrying the fact's id (the fact is spoken as one unit, "label: value"), and each
table body row gets the id of its spoken row. A unit with no text of its own (a cue such as
"Answer." or "Letter begins.", a scene break) joins the par of the element it opens, else
the par before it, so the clips of one document follow each other with no gap.

A heading or paragraph said in several sentences is highlighted sentence by sentence: the
HTML writer marks each sentence with a ``<span id>`` (``speech.written`` says which words),
and each span is a group of its own, starting where its first sentence is heard.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from lxml import etree

from roleexport import walk
from roleexport.html.book import Book
from roleexport.html.markup import XHTML, XHTML5
from roleexport.model import CodeBlock, Document, Fact, Heading, ListItem, Paragraph, Table
from roleexport.speech.plan import Plan
from roleexport.speech.written import Piece, span_id

h = XHTML5.h

TEXT_BLOCKS = (Heading, Paragraph, CodeBlock, Fact)
"""Blocks whose unit speaks their own words (a table row has its own id, given by ``prepare``)."""


@dataclass(frozen=True)
class Group:
    """Consecutive units of the plan (indices) read while one element is highlighted, from
    sentence ``sentence`` of the first of them."""

    text_id: str
    units: tuple[int, ...]
    sentence: int = 0


@dataclass(frozen=True)
class DocumentSync:
    """One content document's groups, in reading order."""

    file_name: str
    groups: tuple[Group, ...]


def index(book: Book) -> dict[str, etree._Element]:
    """Every element with an id, by id (one pass, so a page of 10,000 items stays linear)."""
    found: dict[str, etree._Element] = {}
    for chapter in book.chapters:
        for element in chapter.body.iter():
            ident = element.get("id") if isinstance(element.tag, str) else None
            if ident:
                found[ident] = element
    return found


def _wrap_facts(doc: Document, elements: dict[str, etree._Element]) -> None:
    """``<dt id>``+``<dd>`` → ``<div id><dt/><dd/></div>`` (HTML allows a div around a dl's group)."""
    for node in walk.iter_blocks(doc.blocks):
        dt = elements.get(node.id) if isinstance(node, Fact) else None
        if dt is None or dt.tag != f"{{{XHTML}}}dt":
            continue
        dd = dt.getnext()
        div = h("div", {"id": node.id})
        dt.addprevious(div)
        del dt.attrib["id"]
        div.append(dt)
        if dd is not None and dd.tag == f"{{{XHTML}}}dd":
            div.append(dd)


def _name_rows(book: Book, doc: Document, elements: dict[str, etree._Element]) -> None:
    """Give each table body row the id of its spoken unit (``<table id>-r<n>``), if free."""
    for node in walk.iter_blocks(doc.blocks):
        table = elements.get(node.id) if isinstance(node, Table) else None
        if table is None:
            continue
        for n, row in enumerate(table.xpath("h:tbody/h:tr", namespaces={"h": XHTML}), 1):
            row_id = f"{node.id}-r{n}"
            if row_id not in book.file_of:
                row.set("id", row_id)
                book.file_of[row_id] = book.file_of[node.id]


def prepare(book: Book, doc: Document, group_facts: bool = True) -> dict[str, etree._Element]:
    """Make every spoken unit's words an element with an id; the book's elements by id.

    Without ``group_facts`` a fact stays ``<dt id>`` + ``<dd>`` and its clip points at the
    label (XHTML 1.0, the DAISY book's, allows no ``<div>`` in a ``<dl>``)."""
    elements = index(book)
    if group_facts:
        _wrap_facts(doc, elements)
    _name_rows(book, doc, elements)
    return index(book)


def _own_target(block_id: str, nodes: dict[str, object], elements: dict[str, etree._Element]) -> str | None:
    """The element a unit's own words are in, or None for a cue or pause (their block is a container)."""
    node = nodes.get(block_id)
    if isinstance(node, ListItem) and node.blocks and isinstance(node.blocks[0], Paragraph):
        block_id = node.blocks[0].id
    elif node is not None and not isinstance(node, TEXT_BLOCKS):
        return None
    return block_id if block_id in elements else None


def targets(plan: Plan, doc: Document, elements: dict[str, etree._Element]) -> list[str | None]:
    """Each unit's target id (None only when the page has no text element at all)."""
    nodes: dict[str, object] = {n.id: n for n in walk.iter_blocks(doc.blocks)}
    own = [_own_target(u.block_id, nodes, elements) for u in plan.units]
    following: list[str | None] = [None] * len(own)  # the next unit's own target, from unit i+1 on
    for i in range(len(own) - 2, -1, -1):
        following[i] = own[i + 1] if own[i + 1] is not None else following[i + 1]
    out: list[str | None] = []
    for i, unit in enumerate(plan.units):
        if own[i] is not None:
            out.append(own[i])
            continue
        ahead, previous = following[i], out[-1] if out else None
        container = elements.get(unit.block_id)
        opens = (
            ahead is not None and container is not None and any(a is container for a in elements[ahead].iterancestors())
        )
        out.append(ahead if opens or previous is None else previous)
    return out


def _pieces(unit: int, target: str, pieces: tuple[Piece, ...]) -> list[Group]:
    """A unit's groups, one per sentence span of its element."""
    groups, sentence = [], 0
    for n, piece in enumerate(pieces, 1):
        groups.append(Group(span_id(target, n), (unit,), sentence))
        sentence += piece.says
    return groups


def documents(
    plan: Plan,
    book: Book,
    doc: Document,
    elements: dict[str, etree._Element],
    sentences: Mapping[str, tuple[Piece, ...]] | None = None,
) -> list[DocumentSync]:
    """The groups of each content document that has something to say, in spine order;
    ``sentences``: the elements written as sentence spans (``speech.written``), and theirs."""
    sentences = sentences or {}
    by_file: dict[str, list[Group]] = {}
    nodes: dict[str, object] = {n.id: n for n in walk.iter_blocks(doc.blocks)}
    heard: set[str] = set()
    for i, target in enumerate(targets(plan, doc, elements)):
        if target is None:
            continue
        groups = by_file.setdefault(book.file_of[target], [])
        pieces = sentences.get(target)
        if pieces and _own_target(plan.units[i].block_id, nodes, elements) == target:
            heard.add(target)
            found = _pieces(i, target, pieces)
            if groups and groups[-1].text_id == found[0].text_id:  # a cue before it
                found[0] = Group(found[0].text_id, (*groups.pop().units, i))
            groups.extend(found)
            continue
        if pieces:  # a cue joins the first sentence of the element it opens, or the last before
            target = span_id(target, len(pieces) if target in heard else 1)
        if groups and groups[-1].text_id == target:
            groups[-1] = Group(target, (*groups[-1].units, i), groups[-1].sentence)
        else:
            groups.append(Group(target, (i,)))
    return [DocumentSync(c.file_name, tuple(by_file[c.file_name])) for c in book.chapters if c.file_name in by_file]
