"""Read-only views of the content tree shared by exporters and tests.

``plain_text`` is the contract every exporter's output is checked against: the words a
reader sees, blocks on their own lines, abbreviations as written.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from typing import Any, assert_never

from roleexport.i18n import FALLBACK, Catalogue, catalogue
from roleexport.model import (
    Abbr,
    Block,
    BlockQuote,
    BulletList,
    Code,
    CodeBlock,
    Document,
    Emph,
    Fact,
    Facts,
    Heading,
    Image,
    Inline,
    Lang,
    Letter,
    LineBreak,
    Link,
    ListItem,
    OrderedList,
    Paragraph,
    QuestionAnswer,
    Strong,
    Table,
    Text,
    ThematicBreak,
)


def image_text(alt: str, cat: Catalogue | None = None) -> str:
    """What a page shows where an image was (images are never embedded): its description in
    brackets, or a placeholder saying it has none, so a reader sees something was there
    (in the catalogue's language; English without one)."""
    cat = cat or catalogue(FALLBACK)
    alt = " ".join(alt.split())
    return cat("image", description=alt) if alt else cat("image_none")


def inline_text(inlines: tuple[Inline, ...], cat: Catalogue | None = None) -> str:
    """The visible text of inlines; a line break counts as a space; image placeholders in the
    catalogue's language."""
    parts: list[str] = []
    for node in inlines:
        match node:
            case Text(text=t) | Code(text=t) | Abbr(text=t):
                parts.append(t)
            case Emph(children=c) | Strong(children=c) | Link(children=c) | Lang(children=c):
                parts.append(inline_text(c, cat))
            case LineBreak():
                parts.append(" ")
            case Image(alt=alt):
                parts.append(image_text(alt, cat))
            case _:
                assert_never(node)
    return "".join(parts)


def child_blocks(block: Block | ListItem | Fact) -> tuple[Block, ...]:
    """The blocks directly inside a block (a question's heading counts as one)."""
    match block:
        case ListItem(blocks=b) | Letter(blocks=b) | BlockQuote(blocks=b):
            return b
        case Fact(value=v):
            return v
        case QuestionAnswer(question=q, answer=a):
            return (q, *a)
        case _:
            return ()


def iter_blocks(blocks: tuple[Block, ...]) -> Iterator[Block | ListItem | Fact]:
    """Every block, list item and fact in reading order, depth first, without recursion.

    Iterative so that a list nested hundreds of levels deep cannot exhaust the stack.
    """
    stack: list[Iterator[Block | ListItem | Fact]] = [iter(blocks)]
    while stack:
        node = next(stack[-1], None)
        if node is None:
            stack.pop()
            continue
        yield node
        match node:
            case BulletList(items=items) | OrderedList(items=items):
                stack.append(iter(items))
            case Facts(items=facts):
                stack.append(iter(facts))
            case _:
                inner = child_blocks(node)
                if inner:
                    stack.append(iter(inner))


def headings(doc: Document) -> list[Heading]:
    """Every heading in reading order, question headings included."""
    return [b for b in iter_blocks(doc.blocks) if isinstance(b, Heading)]


def outline(doc: Document) -> list[tuple[int, str]]:
    """(level, text) of every heading: the navigation every output must keep."""
    cat = catalogue(doc.meta.lang)
    return [(h.level, inline_text(h.children, cat)) for h in headings(doc)]


def text_lines(doc: Document) -> list[str]:
    """One line per leaf block of text, in reading order (see ``plain_text``); image placeholders
    in the page's language."""
    cat = catalogue(doc.meta.lang)
    lines: list[str] = []
    for node in iter_blocks(doc.blocks):
        match node:
            case Heading(children=c) | Paragraph(children=c):
                lines.append(inline_text(c, cat))
            case Fact(label=label):
                lines.append(inline_text(label, cat))
            case CodeBlock(text=t):
                lines.extend(t.splitlines())
            case Table(rows=rows):
                lines.extend(" ".join(inline_text(c.children, cat) for c in row) for row in rows)
            case (
                BulletList()
                | OrderedList()
                | Facts()
                | ListItem()
                | QuestionAnswer()
                | Letter()
                | BlockQuote()
                | ThematicBreak()
            ):
                pass
            case _:
                assert_never(node)
    return [line for line in lines if line.strip()]


def plain_text(doc: Document) -> str:
    """The document's words, one leaf block per line."""
    return "\n".join(text_lines(doc))


def words(text: str) -> list[str]:
    """Whitespace-separated words: the unit in which outputs are compared with the tree."""
    return text.split()


def to_data(node: Any) -> Any:
    """A JSON-ready form of any node: a dict with its ``type`` first."""
    if dataclasses.is_dataclass(node) and not isinstance(node, type):
        data: dict[str, Any] = {"type": type(node).__name__}
        for f in dataclasses.fields(node):
            data[f.name] = to_data(getattr(node, f.name))
        return data
    if isinstance(node, tuple | list):
        return [to_data(x) for x in node]
    return node


def to_json(doc: Document) -> str:
    """The whole tree as indented JSON (``roleexport tree``)."""
    return json.dumps(to_data(doc), ensure_ascii=False, indent=2)


def format_outline(doc: Document) -> str:
    """The headings as an indented list (``roleexport tree --outline``)."""
    return "\n".join("  " * (level - 1) + f"- {text}" for level, text in outline(doc))


def pformat(node: Any, indent: int = 0) -> str:
    """A compact indented rendering of a node: its type, its scalar fields, its children below.

    Used by the reader's fixture tests (``tests/fixtures/reader``), where a reviewer must
    see at a glance what the markdown became.
    """
    pad = "  " * indent
    if not (dataclasses.is_dataclass(node) and not isinstance(node, type)):
        return f"{pad}{node!r}"
    scalars: list[str] = []
    children: list[str] = []
    for f in dataclasses.fields(node):
        value = getattr(node, f.name)
        if isinstance(value, tuple) and value and all(dataclasses.is_dataclass(v) for v in value):
            children.extend(pformat(v, indent + 1) for v in value)
        elif isinstance(value, tuple) and value and all(isinstance(v, tuple) for v in value):
            for row in value:
                children.append(f"{pad}  row")
                children.extend(pformat(v, indent + 2) for v in row)
        elif dataclasses.is_dataclass(value):
            children.append(pformat(value, indent + 1))
        elif value != () and value is not None:
            scalars.append(f"{f.name}={value!r}")
    head = f"{pad}{type(node).__name__}" + (" " + " ".join(scalars) if scalars else "")
    return "\n".join([head, *children])
