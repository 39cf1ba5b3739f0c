"""Markdown source → content tree.

markdown-it-py tokens are nested with ``SyntaxTreeNode`` and turned into model nodes by one
small ``_read_<type>`` method per node type (after MyST-Parser). Anything the model cannot
hold gets a ``RoleExportWarning`` with the source line, and reading goes on; a source that
cannot be read at all raises ``SourceError`` naming the file and line.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urljoin

from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode
from mdit_py_plugins.attrs import attrs_plugin
from mdit_py_plugins.container import container_plugin
from mdit_py_plugins.deflist import deflist_plugin

from roleexport import frontmatter
from roleexport.diagnostics import warn
from roleexport.errors import SourceError
from roleexport.glossary import GLOSSARY_FILE, Glossary, load_glossary
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
    TableCell,
    Term,
    Text,
    ThematicBreak,
)
from roleexport.walk import inline_text

MAX_NESTING = 1000
"""markdown-it drops what lies deeper than this; a source nested deeper is refused."""
MAX_DEPTH = 16
"""Lists and quotes nested deeper are flattened into the 16th level, so no format has to
lay out (or a reader navigate) a list 100 levels deep."""
CONTROL = re.compile("[\x01-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
"""Characters XML 1.0 forbids (and no page means): the tree never holds them."""
SAFE_LINK = re.compile(r"^(https?:|mailto:|#)", re.IGNORECASE)
SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)
"""An absolute address starts with its scheme (RFC 3986); anything else is relative to the page."""
SLUG_DROP = re.compile(r"[^\w\s-]", re.UNICODE)
CAPITALS = re.compile(r"(?<![\w-])(?P<term>[A-Z][A-Z0-9]*[A-Z][A-Z0-9]*)s?(?!\w)")
"""A word of two or more capitals (digits allowed, a plural ``s``): an abbreviation a reader may not know."""
ROMAN = re.compile(r"^(?:X{0,3})(?:IX|IV|V?I{0,3})$")


def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"maxNesting": MAX_NESTING}).enable("table")
    md.use(deflist_plugin).use(container_plugin, "letter")
    md.use(attrs_plugin, spans=True, allowed=["lang"])
    # Accept every link at parse time so an unsafe one can be reported and reduced to its text
    # (markdown-it would otherwise leave the raw "[text](javascript:…)" in the page).
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    return md


_MD = _parser()


def slugify(text: str) -> str:
    """A lowercase, hyphenated id fragment; ``section`` when nothing is left."""
    text = SLUG_DROP.sub("", text.lower()).strip()
    text = re.sub(r"[\s_-]+", "-", text).strip("-")
    text = re.sub(r"[^a-z0-9-]", "", text)
    return text[:60].strip("-") or "section"


class _Reader:
    """One pass over one source; holds the counters that make ids unique."""

    def __init__(self, path: Path, line_offset: int, terms: Mapping[str, Term], base_url: str | None = None) -> None:
        self.path = path
        self.base_url = base_url
        """The page's own address: relative links are resolved against it."""
        self.line_offset = line_offset
        self.terms = terms
        self.term_pattern = _term_pattern(terms)
        self.used_terms: dict[str, Term] = {}
        self.counters: Counter[str] = Counter()
        self.heading_ids: Counter[str] = Counter()
        self.current_line: int | None = None
        self.depth = 0
        self.flattened = False
        self.heading_lines: dict[str, int | None] = {}
        self.unexpanded: set[str] = set()
        """All-capitals words that no glossary layer expands (one warning names them all)."""
        self.in_letter = False

    # ------------------------------------------------------------------ helpers

    def line(self, node: SyntaxTreeNode) -> int | None:
        if node.map:
            return node.map[0] + 1 + self.line_offset
        return self.current_line

    def warn(self, node: SyntaxTreeNode | None, message: str) -> None:
        warn(message, path=self.path, line=self.line(node) if node is not None else None)

    def next_id(self, kind: str) -> str:
        self.counters[kind] += 1
        return f"{kind}-{self.counters[kind]}"

    def heading_id(self, text: str) -> str:
        base = slugify(text)
        self.heading_ids[base] += 1
        n = self.heading_ids[base]
        return base if n == 1 else f"{base}-{n}"

    # ------------------------------------------------------------------ blocks

    def blocks(self, nodes: list[SyntaxTreeNode]) -> tuple[Block, ...]:
        out: list[Block] = []
        for node in nodes:
            self.current_line = self.line(node)
            reader = getattr(self, "_read_" + node.type, None)
            if reader is None:
                self.warn(node, f"unsupported markdown element '{node.type}' left out")
                continue
            result = reader(node)
            if result is None:
                continue
            if isinstance(result, tuple):
                out.extend(result)
            else:
                out.append(result)
        return tuple(out)

    def _read_heading(self, node: SyntaxTreeNode) -> Block | None:
        children = self.inlines(node.children[0]) if node.children else ()
        text = inline_text(children).strip()
        if not text:
            self.warn(node, "empty heading left out")
            return None
        heading = Heading(self.heading_id(text), int(node.tag[1]), children)
        self.heading_lines[heading.id] = self.line(node)
        return heading

    def _read_paragraph(self, node: SyntaxTreeNode) -> Block | None:
        children = self.inlines(node.children[0]) if node.children else ()
        if not inline_text(children).strip() and not any(isinstance(c, Image) for c in children):
            return None
        return Paragraph(self.next_id("p"), children)

    def nested(self, node: SyntaxTreeNode, children: list[SyntaxTreeNode]) -> tuple[Block, ...] | None:
        """The blocks of a container nested too deeply, to splice in flat; None when depth is fine."""
        if self.depth < MAX_DEPTH:
            return None
        if not self.flattened:
            self.flattened = True
            self.warn(node, f"lists and quotes nested deeper than {MAX_DEPTH} levels are flattened")
        return self.blocks(children)

    def _items(self, node: SyntaxTreeNode) -> tuple[ListItem, ...]:
        self.depth += 1
        try:
            return tuple(ListItem(self.next_id("li"), self.blocks(item.children)) for item in node.children)
        finally:
            self.depth -= 1

    def _read_bullet_list(self, node: SyntaxTreeNode) -> Block | tuple[Block, ...]:
        flat = self.nested(node, [c for item in node.children for c in item.children])
        if flat is not None:
            return flat
        list_id = self.next_id("ul")
        return BulletList(list_id, self._items(node))

    def _read_ordered_list(self, node: SyntaxTreeNode) -> Block | tuple[Block, ...]:
        flat = self.nested(node, [c for item in node.children for c in item.children])
        if flat is not None:
            return flat
        list_id = self.next_id("ol")
        start = int(node.attrs.get("start", 1))
        return OrderedList(list_id, start, self._items(node))

    def _read_dl(self, node: SyntaxTreeNode) -> Block:
        facts_id = self.next_id("facts")
        facts: list[Fact] = []
        label: tuple[Inline, ...] | None = None
        for child in node.children:
            if child.type == "dt":
                if label is not None:
                    facts.append(Fact(self.next_id("fact"), label, ()))
                label = self.inlines(child.children[0]) if child.children else ()
            elif child.type == "dd":
                value = self.blocks(child.children)
                facts.append(Fact(self.next_id("fact"), label or (), value))
                label = None
        if label is not None:
            facts.append(Fact(self.next_id("fact"), label, ()))
        return Facts(facts_id, tuple(facts))

    def _read_container_letter(self, node: SyntaxTreeNode) -> Block:
        letter_id = self.next_id("letter")
        self.in_letter = True  # a letter's line ends are its own (signature block, address)
        try:
            return Letter(letter_id, self.blocks(node.children))
        finally:
            self.in_letter = False

    def _read_blockquote(self, node: SyntaxTreeNode) -> Block | tuple[Block, ...]:
        flat = self.nested(node, node.children)
        if flat is not None:
            return flat
        quote_id = self.next_id("quote")
        self.depth += 1
        try:
            return BlockQuote(quote_id, self.blocks(node.children))
        finally:
            self.depth -= 1

    def _read_fence(self, node: SyntaxTreeNode) -> Block:
        return CodeBlock(self.next_id("code"), node.content.rstrip("\n"), node.info.strip())

    _read_code_block = _read_fence

    def _read_hr(self, node: SyntaxTreeNode) -> Block:
        return ThematicBreak(self.next_id("hr"))

    def _read_html_block(self, node: SyntaxTreeNode) -> None:
        self.warn(node, "raw HTML block left out (sources are markdown; HTML never passes through)")

    def _read_table(self, node: SyntaxTreeNode) -> Block:
        table_id = self.next_id("table")
        rows: list[tuple[TableCell, ...]] = []
        for section in node.children:
            for tr in section.children:
                rows.append(
                    tuple(
                        TableCell(self.inlines(cell.children[0]) if cell.children else (), cell.type == "th")
                        for cell in tr.children
                    )
                )
        return Table(table_id, tuple(rows))

    # ------------------------------------------------------------------ inlines

    def inlines(self, node: SyntaxTreeNode) -> tuple[Inline, ...]:
        out: list[Inline] = []
        for child in node.children:
            reader: Callable[[SyntaxTreeNode], tuple[Inline, ...]] | None = getattr(self, "_inline_" + child.type, None)
            if reader is None:
                self.warn(node, f"unsupported inline element '{child.type}' kept as text")
                out.append(Text(child.content))
                continue
            out.extend(reader(child))
        return _merge_text(out)

    def _inline_text(self, node: SyntaxTreeNode) -> tuple[Inline, ...]:
        return self.find_terms(node.content)

    def _inline_softbreak(self, node: SyntaxTreeNode) -> tuple[Inline, ...]:
        return (LineBreak(),) if self.in_letter else (Text(" "),)

    def _inline_hardbreak(self, node: SyntaxTreeNode) -> tuple[Inline, ...]:
        return (LineBreak(),)

    def _inline_code_inline(self, node: SyntaxTreeNode) -> tuple[Inline, ...]:
        return (Code(node.content),)

    def _inline_em(self, node: SyntaxTreeNode) -> tuple[Inline, ...]:
        return (Emph(self.inlines(node)),)

    def _inline_strong(self, node: SyntaxTreeNode) -> tuple[Inline, ...]:
        return (Strong(self.inlines(node)),)

    def _inline_span(self, node: SyntaxTreeNode) -> tuple[Inline, ...]:
        lang = str(node.attrs.get("lang", "")).strip()
        if lang and frontmatter.is_language_tag(lang):
            return (Lang(lang, self.inlines(node)),)
        self.warn(node, f"span without a valid lang attribute ({lang!r}) kept as plain text")
        return self.inlines(node)

    def _inline_link(self, node: SyntaxTreeNode) -> tuple[Inline, ...]:
        target = str(node.attrs.get("href", "")).strip()
        children = self.inlines(node)
        relative = not SCHEME.match(target) and not target.startswith("#")
        if relative and self.base_url:
            try:
                target = urljoin(self.base_url, target)
            except ValueError:  # an address urllib cannot parse ("//[bad") stays as written
                pass
        if SAFE_LINK.match(target):
            return (Link(target, children),)
        if relative:
            self.warn(
                node,
                f"relative link {target[:80]!r} kept as plain text: give the page's 'url' in the front matter to resolve it",
            )
        else:
            self.warn(node, f"link to {target[:80]!r} kept as plain text (only http, https, mailto and # links)")
        return children

    def _inline_image(self, node: SyntaxTreeNode) -> tuple[Inline, ...]:
        src = str(node.attrs.get("src", ""))
        alt = inline_text(self.inlines(node)).strip()
        if not alt:
            self.warn(node, f"image {src[:80]!r} has no alt text; a placeholder is shown")
        elif not SAFE_LINK.match(src) and not (self.path.parent / src).is_file():
            self.warn(node, f"image file {src[:80]!r} not found; its alt text is shown")
        return (Image(src, alt),)

    def _inline_html_inline(self, node: SyntaxTreeNode) -> tuple[Inline, ...]:
        self.warn(node, f"raw HTML {node.content[:40]!r} left out")
        return ()

    # ------------------------------------------------------------------ terms

    def find_terms(self, text: str) -> tuple[Inline, ...]:
        """Split text so every occurrence of a known term becomes an ``Abbr`` node."""
        if self.term_pattern is None:
            self.note_capitals(text)
            return (Text(text),)
        out: list[Inline] = []
        pos = 0
        for match in self.term_pattern.finditer(text):
            if match.start() > pos:
                out.append(Text(text[pos : match.start()]))
                self.note_capitals(text[pos : match.start()])
            key = match.group("term")
            term = self.terms[key]
            self.used_terms[key] = term
            if term.expansion is None:
                self.note_capitals(key)
            out.append(Abbr(match.group(0), key, term.expansion))
            pos = match.end()
        if pos < len(text):
            out.append(Text(text[pos:]))
            self.note_capitals(text[pos:])
        return tuple(out)

    def note_capitals(self, text: str) -> None:
        for match in CAPITALS.finditer(text):
            word = match.group("term")
            if not ROMAN.match(word):
                self.unexpanded.add(word)


def _term_pattern(terms: Mapping[str, Term]) -> re.Pattern[str] | None:
    """Whole-word matches of any term, longest first, with an optional plural ``s``."""
    if not terms:
        return None
    alternatives = "|".join(re.escape(k) for k in sorted(terms, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?P<term>{alternatives})(?:s)?(?!\w)")


def _merge_text(nodes: list[Inline]) -> tuple[Inline, ...]:
    """Join adjacent Text nodes so equal sources give equal trees."""
    out: list[Inline] = []
    for node in nodes:
        if isinstance(node, Text) and out and isinstance(out[-1], Text):
            out[-1] = Text(out[-1].text + node.text)
        elif not (isinstance(node, Text) and not node.text):
            out.append(node)
    return tuple(out)


def _normalise_headings(blocks: tuple[Block, ...], path: Path, lines: dict[str, int | None]) -> tuple[Block, ...]:
    """Never let the outline skip a level (H1 → H4 becomes H1 → H2), with a warning."""
    out: list[Block] = []
    last = 0
    for block in blocks:
        if isinstance(block, Heading):
            level = min(block.level, last + 1)
            if level != block.level:
                warn(
                    f"heading '{inline_text(block.children)[:60]}' is H{block.level} after H{last}; read as H{level}",
                    path=path,
                    line=lines.get(block.id),
                )
                block = Heading(block.id, level, block.children)
            last = level
        out.append(block)
    return tuple(out)


def _group_questions(blocks: tuple[Block, ...], reader: _Reader) -> tuple[Block, ...]:
    """A heading ending in '?' and the blocks up to the next heading form a question/answer."""
    out: list[Block] = []
    i = 0
    while i < len(blocks):
        block = blocks[i]
        if isinstance(block, Heading) and block.level >= 2 and inline_text(block.children).rstrip().endswith("?"):
            j = i + 1
            while j < len(blocks) and not isinstance(blocks[j], Heading):
                j += 1
            out.append(QuestionAnswer(reader.next_id("qa"), block, blocks[i + 1 : j]))
            i = j
        else:
            out.append(block)
            i += 1
    return tuple(out)


@contextmanager
def _deep_recursion(limit: int = 30_000) -> Iterator[None]:
    """Room for markdown-it's and the reader's recursion over deeply nested sources.

    Python 3.11 runs pure-Python recursion without growing the C stack, so a higher limit is
    safe here; it is restored afterwards.
    """
    old = sys.getrecursionlimit()
    sys.setrecursionlimit(max(old, limit))
    try:
        yield
    finally:
        sys.setrecursionlimit(old)


def read_text(text: str, path: Path, glossary: Glossary | None = None) -> Document:
    """Read a source's text (already decoded) into a Document."""
    return read_text_terms(text, path, glossary)[0]


def read_text_terms(text: str, path: Path, glossary: Glossary | None = None) -> tuple[Document, tuple[str, ...]]:
    """The Document and the all-capitals words no glossary layer expands (warned about once)."""
    found = CONTROL.search(text)
    if found:
        line = text.count("\n", 0, found.start()) + 1
        warn(
            "control characters (terminal escapes, DEL …) removed: no output format can hold them", path=path, line=line
        )
        text = CONTROL.sub("", text)
    meta, page_terms, body, offset = frontmatter.split(text, path)
    glossary = glossary or Glossary({}, {})
    terms = glossary.for_language(str(meta.get("lang") or "")).terms_for(page_terms)
    reader = _Reader(path, offset, terms, meta.get("url"))
    with _deep_recursion():
        tokens = _MD.parse(body)
        if any(t.level >= MAX_NESTING - 1 for t in tokens):
            raise SourceError(
                "lists or quotes are nested too deeply to read (several hundred levels); flatten them", path=path
            )
        root = SyntaxTreeNode(tokens)
        blocks = reader.blocks(root.children)
    first_h1 = next((b for b in blocks if isinstance(b, Heading) and b.level == 1), None)
    title = meta.get("title") or (inline_text(first_h1.children).strip() if first_h1 else "")
    if not title:
        raise SourceError("no title: give 'title' in the front matter or start the page with '# Title'", path=path)
    if first_h1 is None:
        blocks = (Heading(reader.heading_id(title), 1, reader.find_terms(title)), *blocks)
    elif sum(1 for b in blocks if isinstance(b, Heading) and b.level == 1) > 1:
        warn("more than one H1; the outline keeps them all as top-level headings", path=path)
    blocks = _group_questions(_normalise_headings(blocks, path, reader.heading_lines), reader)
    metadata = frontmatter.metadata(meta, title=title, path=path)
    used = tuple(reader.used_terms[k] for k in sorted(reader.used_terms))
    unexpanded = tuple(sorted(reader.unexpanded))
    if unexpanded:
        warn(
            f"no glossary expands {', '.join(unexpanded)}: add each to 'abbreviations' in the front matter "
            f"or to a {GLOSSARY_FILE} beside the page ('roleexport tree --terms' shows where terms come from)",
            path=path,
        )
    return Document(metadata, used, blocks), unexpanded


def decode(data: bytes, path: Path) -> str:
    """UTF-8 text with a BOM dropped and line endings made LF; anything else is a SourceError."""
    if b"\x00" in data:
        raise SourceError("contains NUL bytes: this is not a text file", path=path)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise SourceError(
            f"not UTF-8 (byte 0x{data[exc.start]:02x}); save the file as UTF-8", path=path, line=line
        ) from exc
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_source(path: Path, glossary: Glossary | None = None) -> Document:
    """Read one source file, with the glossary and lexicon beside it unless one is given."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SourceError(f"cannot read: {exc.strerror or exc}", path=path) from exc
    if glossary is None:
        glossary = load_glossary(path.parent)
    return read_text(decode(data, path), path, glossary)
