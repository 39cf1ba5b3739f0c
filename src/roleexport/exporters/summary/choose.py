"""Which parts of the page the one-sheet summary keeps, and how it is cut to fit.

The style lists sections by words of their heading (``sections``) and how many list items each
keeps (``items``). ``Cut`` is the state of the cutting: the layout asks it to give up one more
thing at a time, in the order a reader loses least: list items from the end of the longest
list, then whole paragraphs from the end of the longest section, then whole sections from the
end. Nothing is ever cut inside a sentence.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from roleexport.errors import ExportError
from roleexport.i18n import Catalogue
from roleexport.model import (
    Block,
    BulletList,
    Document,
    Emph,
    Facts,
    Heading,
    Inline,
    Link,
    OrderedList,
    Paragraph,
    Text,
)
from roleexport.styles import Style
from roleexport.walk import inline_text

Listing = BulletList | OrderedList | Facts


@dataclass(frozen=True)
class SummarySettings:
    """The style's ``[summary]`` table."""

    sections: tuple[str, ...] = ("at a glance", "duties", "qualifications", "outlook")
    """Sections kept, in this order, each the first H2 whose heading contains the words (any case)."""
    items: int = 6
    """The most list items (or facts) a list keeps before the layout cuts further."""
    more_url: str | None = None
    """Where the full page is, e.g. ``https://careers.example.edu/roles/{slug}/``; the page's ``url`` wins."""


def summary_settings(style: Style) -> SummarySettings:
    table: Mapping[str, Any] = style.section("summary")
    where = style.folder / f"{style.name}.toml"
    known = {"sections", "items", "more_url"}
    for key in table:
        if key not in known:
            raise ExportError(f"summary: unknown key {key!r} in the style's [summary] table", path=where)
    sections = table.get("sections", SummarySettings.sections)
    if not isinstance(sections, list | tuple) or not all(isinstance(s, str) and s.strip() for s in sections):
        raise ExportError("summary: sections must be a list of heading words", path=where)
    items = table.get("items", SummarySettings.items)
    if not isinstance(items, int) or isinstance(items, bool) or items < 1:
        raise ExportError(f"summary: items must be a whole number of at least 1, not {items!r}", path=where)
    more_url = table.get("more_url")
    if more_url is not None and (not isinstance(more_url, str) or not more_url.startswith(("https://", "http://"))):
        raise ExportError(f"summary: more_url must be an http(s) address template, not {more_url!r}", path=where)
    return SummarySettings(tuple(s.strip().lower() for s in sections), items, more_url)


def more_url(doc: Document, settings: SummarySettings) -> str | None:
    """The address of the full page, EPUB and audio: the page's ``url``, else the style's template."""
    if doc.meta.url:
        return doc.meta.url
    if settings.more_url:
        return settings.more_url.replace("{slug}", doc.meta.slug)
    return None


@dataclass
class Section:
    """One H2 section of the page and what of its body is kept."""

    term: str
    heading: Heading
    body: tuple[Block, ...]
    kept_blocks: int = 0
    kept_items: dict[int, int] = field(default_factory=dict)
    """Body index of a list → how many of its items are kept."""


def sections(doc: Document, terms: tuple[str, ...]) -> list[Section]:
    """The sections the style names, in the style's order."""
    found: list[tuple[Heading, tuple[Block, ...]]] = []
    current: tuple[Heading, list[Block]] | None = None
    for block in doc.blocks:
        if isinstance(block, Heading) and block.level <= 2:
            if current is not None:
                found.append((current[0], tuple(current[1])))
            current = (block, []) if block.level == 2 else None
        elif current is not None:
            current[1].append(block)
    if current is not None:
        found.append((current[0], tuple(current[1])))
    chosen: list[Section] = []
    taken: set[str] = set()
    for term in terms:
        for heading, body in found:
            if heading.id not in taken and term in " ".join(inline_text(heading.children).lower().split()):
                taken.add(heading.id)
                chosen.append(Section(term, heading, body, len(body)))
                break
    return chosen


def _items(block: Block) -> int:
    if isinstance(block, Facts):
        return len(block.items)
    if isinstance(block, BulletList | OrderedList):
        return len(block.items)
    return 0


class Cut:
    """What is kept of the chosen sections; ``cut()`` gives up the next thing."""

    def __init__(self, chosen: list[Section], items: int) -> None:
        self.sections = chosen
        self.kept_sections = len(chosen)
        for section in chosen:
            for i, block in enumerate(section.body):
                if isinstance(block, BulletList | OrderedList | Facts):
                    section.kept_items[i] = min(items, _items(block))

    def _live(self) -> list[Section]:
        return self.sections[: self.kept_sections]

    def cut(self) -> bool:
        """Give up one more thing; False when nothing is left to give up."""
        lists = [
            (kept, s, i, section, i)
            for s, section in enumerate(self._live())
            for i, kept in section.kept_items.items()
            if i < section.kept_blocks and kept > 1
        ]
        if lists:
            *_, section, i = max(lists, key=lambda c: c[:3])
            section.kept_items[i] -= 1
            return True
        longest = max(self._live(), key=lambda s: s.kept_blocks, default=None)
        if longest is not None and longest.kept_blocks > 1:
            longest.kept_blocks -= 1
            while longest.kept_blocks > 1 and isinstance(longest.body[longest.kept_blocks - 1], Heading):
                longest.kept_blocks -= 1  # a subheading never ends what is kept
            return True
        if self.kept_sections > 1:
            self.kept_sections -= 1
            return True
        return False

    def document(self, doc: Document, t: Catalogue) -> Document:
        """The summary's tree: title, summary sentence, the kept sections, notes where something was cut."""
        blocks: list[Block] = [_title(doc)]
        sentence = _sentence(doc)
        if sentence:
            blocks.append(Paragraph("summary-sentence", sentence))
        for section in self._live():
            blocks.append(section.heading)
            for i, block in enumerate(section.body[: section.kept_blocks]):
                kept = section.kept_items.get(i)
                if kept is None or kept >= _items(block):
                    blocks.append(block)
                    continue
                blocks.append(_shortened(block, kept))
                blocks.append(_note(f"{block.id}-more", _more(t, _items(block) - kept, section.term, block)))
            if section.kept_blocks < len(section.body):
                blocks.append(_note(f"{section.heading.id}-more", t("summary_more_text")))
        dropped = [inline_text(s.heading.children) for s in self.sections[self.kept_sections :]]
        if dropped:
            blocks.append(_note("summary-also", t("summary_also", sections=", ".join(dropped))))
        return Document(doc.meta, doc.terms, tuple(blocks))

    def report(self) -> list[str]:
        """What was cut, for the warning."""
        out: list[str] = []
        for section in self.sections[: self.kept_sections]:
            name = inline_text(section.heading.children)
            for i, kept in section.kept_items.items():
                total = _items(section.body[i])
                if i < section.kept_blocks and kept < total:
                    out.append(f"{total - kept} of {total} items of {name!r}")
            if section.kept_blocks < len(section.body):
                out.append(f"{len(section.body) - section.kept_blocks} blocks at the end of {name!r}")
        out.extend(f"section {inline_text(s.heading.children)!r}" for s in self.sections[self.kept_sections :])
        return out


def _title(doc: Document) -> Heading:
    for block in doc.blocks:
        if isinstance(block, Heading) and block.level == 1:
            return block
    return Heading("summary-title", 1, (Text(doc.meta.title),))


def _sentence(doc: Document) -> tuple[Inline, ...]:
    """The front matter's summary sentence, else the page's first paragraph."""
    if doc.meta.summary:
        return (Text(doc.meta.summary),)
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            return block.children
        if isinstance(block, Heading) and block.level == 2:
            break
    return ()


def _shortened(block: Block, kept: int) -> Block:
    match block:
        case Facts():
            return Facts(block.id, block.items[:kept])
        case BulletList():
            return BulletList(block.id, block.items[:kept])
        case OrderedList():
            return OrderedList(block.id, block.start, block.items[:kept])
    return block


def _more(t: Catalogue, n: int, term: str, block: Block) -> str:
    what = t("summary_facts") if isinstance(block, Facts) else term
    return t("summary_more_one") if n == 1 else t("summary_more_items", n=n, what=what)


def _note(ident: str, text: str) -> Paragraph:
    return Paragraph(ident, (Emph((Text(text),)),))


def box_paragraph(url: str, t: Catalogue) -> Paragraph:
    """The footer box's words: where the rest is, the address printed in full (and a link)."""
    return Paragraph("summary-more-at", (Text(t("summary_more_at") + " "), Link(url, (Text(url),))))
