"""The booklet's cover image, drawn from the page with Pillow (title, category, publisher).

Without a cover, library catalogues and reading apps (calibre, Thorium, Apple Books) show a
blank tile. The cover is drawn in the style's fonts and colours (``[epub]`` ``cover_*``); a
text face that lacks a character of a line gives way to the first fallback face that has
them all, and characters no face has are left out of the picture (the alt text and the
package metadata carry the title whole). Pillow writes no time into a PNG, so the same page
and style give the same bytes. Pillow is imported only when a cover is drawn: a cached cover
(``covercache``) needs none of it.
"""

from __future__ import annotations

import io
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from roleexport.model import Metadata

if TYPE_CHECKING:
    from PIL import ImageDraw, ImageFont

WIDTH, HEIGHT = 1600, 2400
"""2:3, the shape catalogues and reading apps expect; 1600 px wide is sharp on any tile."""
MARGIN = 140
_NOTDEF = "\U0010fffd"  # a private-use code no font maps: what a missing glyph looks like


@dataclass(frozen=True)
class CoverStyle:
    """Fonts (paths) and colours (#rrggbb) the cover is drawn in."""

    regular: Sequence[Path]
    bold: Sequence[Path]
    background: str
    text: str
    accent: str


@cache
def _font(path: Path, size: int) -> ImageFont.FreeTypeFont:
    from PIL import ImageFont

    return ImageFont.truetype(str(path), size)


def _glyph(font: ImageFont.FreeTypeFont, ch: str) -> tuple[tuple[float, ...], tuple[int, ...]]:
    """A character's box and pixels in the face (equal to ``_NOTDEF``'s when the face lacks it)."""
    return tuple(font.getbbox(ch)), tuple(font.getmask(ch))


@lru_cache(maxsize=65536)
def _drawable(font: ImageFont.FreeTypeFont, ch: str) -> bool:
    """Kept per face and character: a batch's covers ask the same of the same faces."""
    return ch.isspace() or _glyph(font, ch) != _glyph(font, _NOTDEF)


def _has_all(font: ImageFont.FreeTypeFont, text: str) -> bool:
    """Whether the face draws every visible character of ``text`` (not as its missing-glyph box)."""
    return all(_drawable(font, ch) for ch in set(text))


def _face(paths: Sequence[Path], size: int, text: str) -> tuple[ImageFont.FreeTypeFont, str]:
    """The first face that has every character of ``text``; else the last, without what it lacks."""
    for path in paths:
        font = _font(path, size)
        if _has_all(font, text):
            return font, text
    font = _font(paths[-1], size)
    return font, "".join(ch for ch in text if _drawable(font, ch))


def _wrap(font: ImageFont.FreeTypeFont, text: str, width: int) -> list[str]:
    """Words into lines no wider than ``width`` (a word wider than a line is cut)."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        while font.getlength(word) > width:  # an over-long word: as much as fits, then the rest
            cut = max(1, next((n for n in range(len(word), 0, -1) if font.getlength(word[:n]) <= width), 1))
            if line:
                lines.append(line)
                line = ""
            lines.append(word[:cut])
            word = word[cut:]
        candidate = f"{line} {word}".strip()
        if font.getlength(candidate) <= width or not line:
            line = candidate
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    return lines


def _fit(
    paths: Sequence[Path], text: str, sizes: range, width: int, max_lines: int
) -> tuple[ImageFont.FreeTypeFont, list[str]]:
    """The largest size at which ``text`` fits in ``max_lines``; at the smallest, the lines that fit."""
    for size in sizes:
        font, drawn = _face(paths, size, text)
        lines = _wrap(font, drawn, width)
        if len(lines) <= max_lines:
            return font, lines
    lines = lines[:max_lines]
    lines[-1] = lines[-1].rstrip(" .") + "…"
    return font, lines


def _block(draw: ImageDraw.ImageDraw, font: ImageFont.FreeTypeFont, lines: list[str], top: int, colour: str) -> int:
    """Draw lines from ``top``; the y below the last."""
    ascent, descent = font.getmetrics()
    step = round((ascent + descent) * 1.12)
    for n, line in enumerate(lines):
        draw.text((MARGIN, top + n * step), line, font=font, fill=colour)
    return top + len(lines) * step


def draw(meta: Metadata, style: CoverStyle) -> bytes:
    """The cover as PNG bytes."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (WIDTH, HEIGHT), style.background)
    pen = ImageDraw.Draw(image)
    width = WIDTH - 2 * MARGIN
    y = 360
    if meta.category:
        font, lines = _fit(style.regular, meta.category.upper(), range(80, 47, -8), width, 2)
        y = _block(pen, font, lines, y, style.accent) + 40
    pen.rectangle((MARGIN, y, MARGIN + 260, y + 16), fill=style.accent)
    y += 110
    font, lines = _fit(style.bold, meta.title, range(190, 79, -10), width, 6)
    _block(pen, font, lines, y, style.text)
    if meta.publisher:
        font, lines = _fit(style.regular, meta.publisher, range(72, 39, -8), width, 2)
        ascent, descent = font.getmetrics()
        bottom = HEIGHT - 220 - (len(lines) - 1) * round((ascent + descent) * 1.12)
        pen.rectangle((MARGIN, bottom - 70, WIDTH - MARGIN, bottom - 64), fill=style.accent)
        _block(pen, font, lines, bottom, style.text)
    out = io.BytesIO()
    # zlib's run-length strategy: a cover is long runs of a few colours, so the same pixels take
    # about 40 % less time than zlib's default (110 -> 65 ms, most of a booklet in a batch of
    # new pages) for a file 15 % larger (60 KB, not 52); the highest level took twice as long
    image.save(out, format="PNG", compress_level=6, compress_type=zlib.Z_RLE)
    return out.getvalue()
