"""Fonts: registration of the style's TrueType files, glyph coverage, fallback, clean ToUnicode maps.

Every character is drawn with a font that has a glyph for it, so a reader never sees a
missing-glyph box and PDF/UA's ban on ``.notdef`` holds: a character the text face lacks is
set in the first fallback font that has it, with a warning naming the character; one that no
configured font has is replaced by U+FFFD (with a warning), never drawn as ``.notdef``.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from roleexport.diagnostics import warn
from roleexport.errors import ExportError

REPLACEMENT = "\ufffd"
# Characters that never need a glyph: layout controls ReportLab handles itself.
_INVISIBLE = {"\n", "\t", "\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"}
_ZERO_WIDTH = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"}
"""Invisible format characters: left out of the drawn text when the face has no glyph for them,
since drawing them would paint .notdef (which PDF/UA forbids) and leaving them out shows nothing."""
_SHOWN_AS_IS = frozenset(_INVISIBLE - _ZERO_WIDTH)
"""Characters kept in the face's run whether or not it has a glyph for them."""
_SPACES = {chr(c): " " for c in (0x1680, *range(0x2000, 0x200B), 0x205F, 0x3000)} | {
    "\u2007": "\u00a0",
    "\u202f": "\u00a0",
}
"""Unicode's other spaces (em, thin, ideographic …): where the face has no glyph for one it is
set as a plain space (a no-break space for the figure and narrow no-break spaces), never as a
stand-in glyph that would print "?" between two words and join them for a reader."""


class CleanTTFont(TTFont):
    """A TrueType font whose ToUnicode CMaps map only the codes a subset really uses.

    ReportLab maps every unused code of a subset to U+0000, which PDF/UA (ISO 14289-1, 7.21.7)
    forbids, and writes characters beyond the BMP as 5-digit hex, which is malformed; the CMaps
    are rewritten after ReportLab writes the font.
    It also repairs ReportLab's reading of fonts whose 'hmtx' table lists fewer advances than
    glyphs (DejaVu Sans Mono): ReportLab stores the trailing glyphs' advance already scaled to
    1/1000 em, so the embedded subset would disagree with /Widths (ISO 14289-1, 7.21.5).
    """

    def __init__(self, name: str, filename: str) -> None:
        super().__init__(name, filename)
        metrics = self.face.hmetrics
        full = [aw for aw, _ in metrics if isinstance(aw, int)]
        if full and len(full) < len(metrics):
            last = full[-1]
            self.face.hmetrics = [(aw if isinstance(aw, int) else last, lsb) for aw, lsb in metrics]

    def addObjects(self, doc):  # type: ignore[no-untyped-def]
        state = self.state.get(doc)
        subsets = [list(s) for s in state.subsets] if state is not None else []
        names = [self.getSubsetInternalName(n, doc)[1:] for n in range(len(subsets))]
        super().addObjects(doc)
        for name, subset in zip(names, subsets, strict=True):
            font = doc.idToObject[name]
            cmap = doc.idToObject[f"toUnicodeCMap:{font.BaseFont}"]
            cmap.content = _to_unicode(font.BaseFont, subset)


def _to_unicode(font_name: str, subset: list[int]) -> str:
    """A ToUnicode CMap for one subset: only codes in use, characters beyond the BMP in UTF-16."""
    pairs = []
    for code, char in enumerate(subset):
        if char:
            utf16 = chr(char).encode("utf-16-be").hex().upper()
            pairs.append(f"<{code:02X}> <{utf16}>")
    blocks = [pairs[i : i + 100] for i in range(0, len(pairs), 100)]  # at most 100 per bfchar block
    return "\n".join(
        [
            "/CIDInit /ProcSet findresource begin",
            "12 dict begin",
            "begincmap",
            f"/CIDSystemInfo << /Registry ({font_name}) /Ordering ({font_name}) /Supplement 0 >> def",
            f"/CMapName /{font_name} def",
            "/CMapType 2 def",
            "1 begincodespacerange",
            f"<00> <{len(subset) - 1:02X}>",
            "endcodespacerange",
            *(line for block in blocks for line in (f"{len(block)} beginbfchar", *block, "endbfchar")),
            "endcmap",
            "CMapName currentdict /CMap defineresource pop",
            "end",
            "end",
        ]
    )


@dataclass(frozen=True)
class FontSet:
    """The faces of one style: text faces (registered), mono and fallbacks in search order.

    Mono and the fallbacks are registered when first needed: parsing a large TrueType file
    (DejaVu Sans: ~10 ms) is wasted on a page that never shows code or a character the text
    face lacks.
    """

    regular: str
    bold: str
    italic: str
    bold_italic: str
    mono_file: Path
    fallback_files: tuple[Path, ...]

    @property
    def mono(self) -> str:
        return _register(self.mono_file)

    def first_with(self, ch: str) -> str | None:
        """The text face, else the first fallback, that has a glyph for ``ch``."""
        if has_glyph(self.regular, ch):
            return self.regular
        return next((name for name in map(_register, self.fallback_files) if has_glyph(name, ch)), None)

    def face(self, bold: bool, italic: bool, mono: bool = False) -> str:
        """The ReportLab font name for a combination of emphasis."""
        if mono:
            return self.mono
        return {
            (False, False): self.regular,
            (True, False): self.bold,
            (False, True): self.italic,
            (True, True): self.bold_italic,
        }[(bold, italic)]

    def runs(self, text: str, face: str) -> Iterator[tuple[str | None, str]]:
        """``text`` cut into runs: (None, text) for the face itself, (font, text) for a fallback,
        (REPLACEMENT, text) for characters no font has (the caller prints ``stand_in`` instead)."""
        cmap = pdfmetrics.getFont(face).face.charToGlyph
        chars = set(text)  # each character tested once, not each time it occurs
        swapped = {ch for ch in chars.intersection(_SPACES) if ord(ch) not in cmap}
        if swapped:
            text = "".join(_SPACES[ch] if ch in swapped else ch for ch in text)
            chars = set(text)
        if all(ord(ch) in cmap or ch in _SHOWN_AS_IS for ch in chars):  # the usual case, in one test
            if text:
                yield None, text
            return
        current: str | None = None
        buf: list[str] = []
        for ch in text:
            if ch in _ZERO_WIDTH and not has_glyph(face, ch):
                continue
            font = None if ch in _INVISIBLE or has_glyph(face, ch) else self._fallback_for(ch, face)
            if font != current and buf:
                yield current, "".join(buf)
                buf = []
            current = font
            buf.append(ch)
        if buf:
            yield current, "".join(buf)

    def drawable(self, text: str, face: str) -> Iterator[tuple[str | None, str]]:
        """Like ``runs``, with characters no font has already replaced by the stand-in."""
        for font, run in self.runs(text, face):
            yield (None, self.stand_in(face) * len(run)) if font == REPLACEMENT else (font, run)

    def stand_in(self, face: str) -> str:
        """What is printed for a character no configured font has."""
        return REPLACEMENT if has_glyph(face, REPLACEMENT) else "?"

    def _fallback_for(self, ch: str, face: str) -> str:
        for font in (self.regular, *map(_register, self.fallback_files)):
            if font != face and has_glyph(font, ch):
                _warn_once(ch, face, font)
                return font
        _warn_once(ch, face, None)
        return REPLACEMENT


def _warn_once(ch: str, face: str, font: str | None) -> None:
    """Warn about one character (the build shows each distinct message once per source)."""
    name = unicodedata.name(ch, "unnamed character")
    where = f"U+{ord(ch):04X} {name} ({ch!r})"
    if font is None:
        warn(f"pdf: no configured font has a glyph for {where}; it is printed as U+FFFD, and read out as itself")
    else:
        warn(f"pdf: {family(face)} has no glyph for {where}; it is set in the fallback font {family(font)}")


def has_glyph(font: str, ch: str) -> bool:
    """Whether a registered TrueType font maps this character to a real glyph."""
    face = pdfmetrics.getFont(font).face
    return ord(ch) in face.charToGlyph


def family(font: str) -> str:
    """A font's own name, for messages."""
    name = pdfmetrics.getFont(font).face.name
    return name.decode("latin-1") if isinstance(name, bytes) else str(name)


def _register(path: Path) -> str:
    """Register one TrueType file once per process under a name derived from its path."""
    name = f"rx-{path.stem}-{hashlib.sha256(str(path).encode()).hexdigest()[:8]}"
    # not getFont(name): for an unknown name ReportLab parses every Type 1 metrics file it ships
    if name not in pdfmetrics.getRegisteredFontNames():
        if not path.is_file():
            raise ExportError(f"pdf: font file not found: {path}")
        try:
            pdfmetrics.registerFont(CleanTTFont(name, str(path)))
        except Exception as exc:
            raise ExportError(f"pdf: cannot use font {path}: {exc}") from exc
    return name


def register(paths: dict[str, Path], fallbacks: list[Path]) -> FontSet:
    """Register the style's text faces; ``<b>``/``<i>`` in paragraph markup then pick the right file.

    Mono and fallback files are checked now (a missing one fails every page, not only those that
    need it) and registered on first use.
    """
    for path in (paths["mono"], *fallbacks):
        if not path.is_file():
            raise ExportError(f"pdf: font file not found: {path}")
    names = {key: _register(path) for key, path in paths.items() if key != "mono"}
    fonts = FontSet(
        regular=names["regular"],
        bold=names["bold"],
        italic=names["italic"],
        bold_italic=names["bold_italic"],
        mono_file=paths["mono"],
        fallback_files=tuple(fallbacks),
    )
    for bold in (0, 1):
        for italic in (0, 1):
            addMapping(fonts.regular, bold, italic, fonts.face(bool(bold), bool(italic)))
    return fonts
