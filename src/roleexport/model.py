"""The content tree: a closed set of immutable nodes that every exporter reads.

Modelled on pandoc's AST (a document is metadata plus a flat list of blocks; sections are
derived, not stored), so an exporter never sees markdown: a new format reads this tree
(with ``walk``'s helpers, and ``roleexport.html`` or the speech plan when it is HTML- or
speech-shaped) and declares in the exporter protocol anything else it needs. Every block carries an ``id`` that is stable for a given source: headings
get a slug of their text, other blocks a kind-and-number id (``p-3``). Exporters use ids for
anchors, structure elements, SSML marks, page maps and media overlays. No I/O here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TypeAlias

# ---------------------------------------------------------------------------- inlines


@dataclass(frozen=True, slots=True)
class Text:
    """A run of plain text (soft line breaks are already folded to spaces)."""

    text: str


@dataclass(frozen=True, slots=True)
class Emph:
    """Emphasised inlines (markdown ``*x*``)."""

    children: tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class Strong:
    """Strongly emphasised inlines (markdown ``**x**``)."""

    children: tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class Code:
    """Inline code, kept verbatim."""

    text: str


@dataclass(frozen=True, slots=True)
class Link:
    """A hyperlink; ``target`` is already checked to be a safe scheme (http, https, mailto, #)."""

    target: str
    children: tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class LineBreak:
    """A hard line break inside a paragraph (the letter's sign-off, an address)."""


@dataclass(frozen=True, slots=True)
class Abbr:
    """One occurrence of a known term; ``term`` keys ``Document.terms``.

    ``expansion`` is None for a term the lexicon only says how to pronounce (MitraClip).
    """

    text: str
    term: str
    expansion: str | None


@dataclass(frozen=True, slots=True)
class Lang:
    """A passage in another language than the document's (BCP 47 ``lang``)."""

    lang: str
    children: tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class Image:
    """An image reference; exporters show ``alt`` (or a placeholder) and never guess one."""

    src: str
    alt: str


Inline: TypeAlias = Text | Emph | Strong | Code | Link | LineBreak | Abbr | Lang | Image

# ---------------------------------------------------------------------------- blocks


@dataclass(frozen=True, slots=True)
class Heading:
    """A heading; ``level`` 1-6 never skips a level in a document's outline."""

    id: str
    level: int
    children: tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph of inlines."""

    id: str
    children: tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class ListItem:
    """One list item: blocks, usually a single paragraph, possibly a nested list."""

    id: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True, slots=True)
class BulletList:
    """An unordered list."""

    id: str
    items: tuple[ListItem, ...]


@dataclass(frozen=True, slots=True)
class OrderedList:
    """A numbered list starting at ``start``."""

    id: str
    start: int
    items: tuple[ListItem, ...]


@dataclass(frozen=True, slots=True)
class Fact:
    """One key/value fact ("Typical education" → "Bachelor's degree …")."""

    id: str
    label: tuple[Inline, ...]
    value: tuple[Block, ...]


@dataclass(frozen=True, slots=True)
class Facts:
    """A group of key/value facts (a definition list in the source)."""

    id: str
    items: tuple[Fact, ...]


@dataclass(frozen=True, slots=True)
class QuestionAnswer:
    """A question, kept as a heading so it stays in the outline, and its answer."""

    id: str
    question: Heading
    answer: tuple[Block, ...]


@dataclass(frozen=True, slots=True)
class Letter:
    """A sample letter, set off from the surrounding text."""

    id: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True, slots=True)
class BlockQuote:
    """A quotation."""

    id: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True, slots=True)
class CodeBlock:
    """Preformatted text, kept verbatim."""

    id: str
    text: str
    language: str


@dataclass(frozen=True, slots=True)
class TableCell:
    """One table cell; ``header`` cells label their row or column."""

    children: tuple[Inline, ...]
    header: bool


@dataclass(frozen=True, slots=True)
class Table:
    """A simple table: rows of cells, the first row usually the header."""

    id: str
    rows: tuple[tuple[TableCell, ...], ...]


@dataclass(frozen=True, slots=True)
class ThematicBreak:
    """A scene break (``---`` in the body)."""

    id: str


Block: TypeAlias = (
    Heading
    | Paragraph
    | BulletList
    | OrderedList
    | Facts
    | QuestionAnswer
    | Letter
    | BlockQuote
    | CodeBlock
    | Table
    | ThematicBreak
)

# ---------------------------------------------------------------------------- document


@dataclass(frozen=True, slots=True)
class Pronunciation:
    """How a term is said: an ``alias`` to say instead, or phonemes, or letter by letter."""

    alias: str | None = None
    phoneme: str | None = None
    alphabet: str | None = None
    spell_out: bool = False


@dataclass(frozen=True, slots=True)
class Term:
    """One abbreviation or term of the page: the single source of truth for every format.

    The expansion drives ``<abbr title>`` in EPUB and ``/E`` in PDF; the pronunciation drives
    SSML and the PLS lexicon written next to it.
    """

    written: str
    expansion: str | None
    pronunciation: Pronunciation = field(default_factory=Pronunciation)


@dataclass(frozen=True, slots=True)
class Metadata:
    """Front matter, validated and typed."""

    title: str
    slug: str
    lang: str = "en"
    category: str | None = None
    updated: str | None = None
    summary: str | None = None
    publisher: str | None = None
    url: str | None = None
    """Where the page is published on the web (absolute http/https); relative links resolve against it."""
    source_name: str = ""


@dataclass(frozen=True, slots=True)
class Document:
    """One page: metadata, its terms and the flat list of blocks in reading order."""

    meta: Metadata
    terms: tuple[Term, ...]
    blocks: tuple[Block, ...]
