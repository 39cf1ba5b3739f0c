"""The style's ``[pdf]`` table (and ``[pdf.large_print]`` over it) as typed settings."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from reportlab.lib.pagesizes import A4, LETTER

from roleexport.errors import ExportError
from roleexport.styles import Style

PAPERS = {"letter": LETTER, "a4": A4}


@dataclass(frozen=True)
class PdfSettings:
    """Everything layout reads; defaults are the default style's values."""

    paper: str = "letter"
    margin_top: float = 58
    margin_bottom: float = 58
    margin_left: float = 66
    margin_right: float = 66
    font_regular: str = "fonts/AtkinsonHyperlegible-Regular.ttf"
    font_bold: str = "fonts/AtkinsonHyperlegible-Bold.ttf"
    font_italic: str = "fonts/AtkinsonHyperlegible-Italic.ttf"
    font_bold_italic: str = "fonts/AtkinsonHyperlegible-BoldItalic.ttf"
    font_mono: str = "fonts/DejaVuSansMono.ttf"
    fallback_fonts: tuple[str, ...] = ("fonts/DejaVuSans.ttf", "fonts/DejaVuSansMono.ttf")
    body_size: float = 10.5
    leading: float = 1.5
    h1_size: float = 26
    h2_size: float = 15
    h3_size: float = 12
    small_size: float = 8.5
    paragraph_space: float = 6
    heading_space: float = 16
    heading_space_min: float = 10
    """The least space before a heading when the layout tightens to pull a nearly empty last page back."""
    letter_keep_blank: float = 0.25
    """The share of a page the letter may leave blank by moving to the next page to stay whole."""
    list_indent: float = 16
    facts_label_width: float = 0.3
    text_colour: str = "#1a1a1a"
    heading_colour: str = "#0b3a5c"
    muted_colour: str = "#4d5660"
    rule_colour: str = "#a9b4be"
    link_colour: str = "#0a4a85"
    accent_colour: str = "#1f6fb2"
    hyphenate: bool = True
    """Break long words of running text at a line end (never headings, code, addresses)."""
    large_print: bool = False

    @property
    def pagesize(self) -> tuple[float, float]:
        width, height = PAPERS[self.paper]
        return float(width), float(height)


def settings(style: Style, paper: str | None, large_print: bool) -> PdfSettings:
    """Merge the style's table, its large-print overrides and ``--paper``; reject what is wrong."""
    table: dict[str, Any] = {k: v for k, v in style.section("pdf").items() if k != "large_print"}
    if large_print:
        over = style.section("pdf").get("large_print", {})
        if isinstance(over, Mapping):
            if over.get("hyphenate", False) is not False:
                raise ExportError(
                    "pdf: large print breaks no word (APH, UKAAF): [pdf.large_print] hyphenate must be false",
                    path=_style_file(style),
                )
            table.update(over)
        table["hyphenate"] = False
    if paper:
        table["paper"] = paper
    known = {f.name: f for f in fields(PdfSettings)}
    values: dict[str, Any] = {"large_print": large_print}
    for key, value in table.items():
        if key not in known or key == "large_print":
            raise ExportError(f"pdf: unknown key {key!r} in the style's [pdf] table", path=_style_file(style))
        values[key] = _checked(key, value, str(known[key].type), style)
    result = PdfSettings(**values)
    if not 0.1 <= result.facts_label_width <= 0.9:
        raise ExportError(
            "pdf: facts_label_width is the label column's share of the width, 0.1 to 0.9", path=_style_file(style)
        )
    if result.paper not in PAPERS:
        raise ExportError(f"pdf: paper must be one of {', '.join(PAPERS)}, not {result.paper!r}")
    return result


def _checked(key: str, value: Any, kind: str, style: Style) -> Any:
    """The value in the field's type (a number, a string, a list of font paths), or a clear error."""
    if kind.startswith("tuple") and isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    if kind == "float" and isinstance(value, int | float) and not isinstance(value, bool):
        if value < 0 or (key.endswith("_size") and value == 0):
            raise ExportError(f"pdf: {key} must be positive, not {value!r}", path=_style_file(style))
        return float(value)
    if kind == "bool" and isinstance(value, bool):
        return value
    if kind == "str" and isinstance(value, str):
        if key.endswith("_colour") and not _is_colour(value):
            raise ExportError(f'pdf: {key} must be a colour like "#1a1a1a", not {value!r}', path=_style_file(style))
        return value
    wanted = {"float": "a number", "str": "a string", "bool": "true or false"}.get(kind, "a list of font paths")
    raise ExportError(f"pdf: {key} must be {wanted}, not {value!r}", path=_style_file(style))


def _is_colour(value: str) -> bool:
    return len(value) == 7 and value[0] == "#" and all(c in "0123456789abcdefABCDEF" for c in value[1:])


def _style_file(style: Style) -> Path:
    return style.folder / f"{style.name}.toml"
