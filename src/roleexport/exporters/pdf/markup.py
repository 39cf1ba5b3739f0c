"""Inlines → ReportLab paragraph markup, with every piece of source text escaped.

Text from the tree is never interpreted as markup: ``&``, ``<`` and ``>`` are escaped and the
only tags are the ones written here. Abbreviations with an expansion, links and passages in
another language become inline structure elements, delimited by zero-width ``onDraw``
markers that the tagging canvas turns into marked content.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import assert_never

from roleexport.exporters.pdf.fonts import REPLACEMENT, FontSet
from roleexport.exporters.pdf.hyphenation import SOFT_HYPHEN, hyphenate
from roleexport.exporters.pdf.structure import StructNode, Tagging
from roleexport.exporters.pdf.tagging import MARK_CALLBACK
from roleexport.exporters.pdf.typography import typeset
from roleexport.i18n import Catalogue
from roleexport.model import Abbr, Code, Emph, Image, Inline, Lang, LineBreak, Link, Strong, Text
from roleexport.walk import image_text, inline_text

BREAK_BEFORE_RUN_END = re.compile(
    rf"[^ \t\n\r\x0b\x0c<>]*{SOFT_HYPHEN}[^ \t\n\r\x0b\x0c<>]*(?=[ \t\n\r\x0b\x0c]+(?:<|$))"
)
"""A word with soft hyphens that ends a run of markup text, before the run's closing spaces.

ReportLab 5.1 (``paragraph._getFragWords``) makes such a word a ``_SHYWord`` where it should
make a ``_SHYWordHS``, so the layout drops the space after it and glues it to the next run's
first word ("Aabbaa0"). A run ends at any tag, wherever its spaces came from (the end of a
text node, or a text node of its own before an emphasis or a passage in another language), so
such words are found in the converted markup and kept whole. ReportLab's whitespace is ASCII's:
a no-break space joins words."""


def _whole_before_run_ends(markup: str) -> str:
    """``markup`` with the soft hyphens of each word that ends a run before spaces removed."""
    if SOFT_HYPHEN not in markup:
        return markup
    return BREAK_BEFORE_RUN_END.sub(lambda m: m.group(0).replace(SOFT_HYPHEN, ""), markup)


ARTIFACT = StructNode("Artifact", attached=False)
"""Owner of inline runs that are printed only (a link's address): the canvas marks them as artifacts."""


def escape(text: str) -> str:
    """``&``, ``<`` and ``>`` escaped (as xml.sax.saxutils does, whose import costs ~9 ms a run)."""
    return html.escape(text, quote=False)


def quoteattr(value: str) -> str:
    """An attribute value in double quotes, with markup characters and quotes escaped."""
    return f'"{html.escape(value)}"'


@dataclass(frozen=True)
class Face:
    """The emphasis in force where a run of text is set."""

    bold: bool = False
    italic: bool = False
    mono: bool = False


@dataclass
class Markup:
    """Converts inlines for one rendering (shared registry of inline elements and links)."""

    fonts: FontSet
    tagging: Tagging
    anchors: frozenset[str]
    link_colour: str
    cat: Catalogue
    lang: str
    """The language of the text being converted (the page's, or a passage's): its spacing rules apply."""
    address_size: float = 0.0
    """Size of a link's printed address after its text (paper has no links); 0: not printed."""
    printed_only: list[str] = field(default_factory=list)
    """The printed addresses of the text converted since the last ``take_printed``: artifacts, not tree text."""
    hyphenate: bool = False
    """Whether words of running text may break at a line end (soft hyphens by ``lang``'s dictionary)."""

    @contextmanager
    def whole_words(self) -> Iterator[None]:
        """What is converted inside never breaks a word (headings, header cells)."""
        outer, self.hyphenate = self.hyphenate, False
        try:
            yield
        finally:
            self.hyphenate = outer

    def take_printed(self) -> list[str]:
        """The addresses printed (as artifacts) in what was converted since the last call."""
        taken, self.printed_only = self.printed_only, []
        return taken

    def convert(self, inlines: tuple[Inline, ...], node: StructNode, face: Face = Face()) -> str:
        return _whole_before_run_ends("".join(self._inline(i, node, face) for i in inlines))

    def code(self, text: str, node: StructNode) -> str:
        """A code block's text in the mono face, with the same fallback and stand-ins as body text."""
        return self._text(text, Face(mono=True), node)

    def _text(self, text: str, face: Face, node: StructNode) -> str:
        font = self.fonts.face(face.bold, face.italic, face.mono)
        breaking = self.hyphenate and not face.mono
        if not breaking:  # the source's own soft hyphens would break the word too
            text = text.replace(SOFT_HYPHEN, "")
        out: list[str] = []
        for fallback, run in self.fonts.runs(typeset(text, self.lang), font):
            if fallback == REPLACEMENT:
                # printed as a stand-in glyph, read by assistive technology as what it is
                number = self.tagging.add_inline(node.inline("Span", ActualText=run))
                out.append(self._element(number, escape(self.fonts.stand_in(font) * len(run))))
            elif fallback:
                out.append(f"<font name={quoteattr(fallback)}>{escape(run)}</font>")
            elif breaking:
                out.append(escape(hyphenate(run, self.lang)))
            else:
                out.append(escape(run))
        return "".join(out)

    def _element(self, number: int, inner: str) -> str:
        """``inner`` delimited as inline element ``number`` (registered before its children)."""
        return f'<onDraw name="{MARK_CALLBACK}" label="o{number}"/>{inner}<onDraw name="{MARK_CALLBACK}" label="c"/>'

    def _inline(self, item: Inline, node: StructNode, face: Face) -> str:
        match item:
            case Text(text=t):
                return self._text(t, face, node)
            case Emph(children=c):
                return f"<i>{self.convert(c, node, Face(face.bold, True, face.mono))}</i>"
            case Strong(children=c):
                return f"<b>{self.convert(c, node, Face(True, face.italic, face.mono))}</b>"
            case Code(text=t):
                mono = Face(face.bold, face.italic, True)
                return f"<font name={quoteattr(self.fonts.mono)}>{self._text(t, mono, node)}</font>"
            case Link(target=target, children=c):
                if target.startswith("#") and target[1:] not in self.anchors:
                    return self.convert(c, node, face)
                link = node.inline("Link")
                number = self.tagging.add_inline(link)
                text = " ".join(inline_text(c, self.cat).split())
                self.tagging.links[number] = (target, f"{text} ({target})" if text != target else text)
                inner = self.convert(c, link, face)
                href = quoteattr(f"rx:{number}")
                linked = self._element(number, f"<a href={href} color={quoteattr(self.link_colour)}><u>{inner}</u></a>")
                return linked + self._address(target, text, face)
            case LineBreak():
                return " <br/>"  # the space keeps the words apart in the text read back
            case Abbr(text=t, expansion=expansion):
                if not expansion:
                    return self._text(t, face, node)
                span = node.inline("Span", E=expansion)
                number = self.tagging.add_inline(span)
                return self._element(number, self._text(t, face, span))
            case Lang(lang=lang, children=c):
                span = node.inline("Span", Lang=lang)
                number = self.tagging.add_inline(span)
                outer, self.lang = self.lang, lang
                try:
                    return self._element(number, self.convert(c, span, face))
                finally:
                    self.lang = outer
            case Image(alt=alt):
                return f"<i>{self._text(image_text(alt, self.cat), Face(face.bold, True, face.mono), node)}</i>"
            case _:
                assert_never(item)

    def _address(self, target: str, text: str, face: Face) -> str:
        """A web or mail link's address printed after its text, in the small face, as an artifact.

        On paper a link is only its words; the address is what a reader can type. It is an
        artifact because the Link element (and its annotation's /Contents) already carries the
        address: a screen reader hears the link once.
        """
        if not self.address_size or target.startswith("#"):
            return ""
        shown = target.removeprefix("mailto:")
        if shown == text or not shown:
            return ""
        printed = f"({shown})"
        self.printed_only.append(printed)
        number = self.tagging.add_inline(ARTIFACT)
        font = self.fonts.face(face.bold, False, False)
        body = "".join(
            escape(self.fonts.stand_in(font) * len(run))
            if fallback == REPLACEMENT
            else f"<font name={quoteattr(fallback)}>{escape(run)}</font>"
            if fallback
            else escape(run)
            for fallback, run in self.fonts.runs(printed, font)
        )
        # the space belongs to the artifact too, so "Association," is read without a gap
        return self._element(number, f"<font size={quoteattr(str(self.address_size))}> {body}</font>")
