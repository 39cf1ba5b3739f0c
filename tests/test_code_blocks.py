"""Code blocks in print, on a career page of another field: a software developer's, with SQL and Python.

The page (tests/fixtures/careers/software-developer.md) has tabs, indentation eight levels deep,
lines of 136 and 180 columns, a character the mono face lacks and three no bundled font has.
Both editions are read back with poppler (where each word is printed, the structure tree's text)
and pikepdf, and checked with the PDF/UA-1 validator.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from pathlib import Path

import page
import pikepdf
import pytest
from lxml import etree

from roleexport.diagnostics import RoleExportWarning
from roleexport.exporters import ExportOptions
from roleexport.exporters.pdf import PdfExporter
from roleexport.exporters.pdf.settings import settings
from roleexport.model import CodeBlock, Document
from roleexport.reader import read_source
from roleexport.styles import load_style
from roleexport.walk import iter_blocks
from tests.conftest import fixture_path
from tests.pdf_checks import structure, tool

MARK = "↪"
NO_FONT = "日本語"  # no bundled font has these: printed as stand-ins, read through /ActualText


@dataclass(frozen=True)
class Line:
    words: list[str]
    x: float
    x_max: float


@pytest.fixture(scope="session")
def developer() -> Document:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RoleExportWarning)
        return read_source(fixture_path("careers", "software-developer.md"))


@pytest.fixture(scope="session")
def editions(developer: Document, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("code-pdf")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", RoleExportWarning)
        files = PdfExporter().export(developer, load_style(), ExportOptions())
    messages = [str(w.message) for w in caught]
    assert any("U+01C5" in m and "fallback font" in m for m in messages), messages
    paths = {}
    for name, data in files.items():
        paths[name] = folder / name
        paths[name].write_bytes(data)
    return {"handout": paths["software-developer.pdf"], "large": paths["software-developer-large-print.pdf"]}


def codes(doc: Document) -> list[str]:
    return [b.text for b in iter_blocks(doc.blocks) if isinstance(b, CodeBlock)]


def printed_lines(pdf: Path) -> tuple[list[Line], float]:
    """Every printed line (poppler's reading of the page, artifacts included) and the page width."""
    root = etree.fromstring(tool("pdftotext", "-bbox-layout", "-enc", "UTF-8", str(pdf), "-").encode())
    ns = {"h": "http://www.w3.org/1999/xhtml"}
    width = float(root.find(".//h:page", ns).get("width"))
    lines = []
    for line in root.iterfind(".//h:line", ns):
        words = line.findall("h:word", ns)
        lines.append(Line([w.text or "" for w in words], float(words[0].get("xMin")), float(line.get("xMax"))))
    return lines, width


@pytest.mark.parametrize("edition", ["handout", "large"])
def test_the_pdf_passes_pdf_ua(editions: dict[str, Path], edition: str) -> None:
    report = page.validate_pdf(str(editions[edition]), profile="ua1")
    assert report.rules.failed == 0, [r for r in report.rules if getattr(r, "passed", True) is False]


@pytest.mark.parametrize("edition", ["handout", "large"])
def test_every_code_character_is_read_once_and_the_marks_not_at_all(
    editions: dict[str, Path], developer: Document, edition: str
) -> None:
    pdf = editions[edition]
    pieces = re.findall(r'^\s*"(.*)"$', tool("pdfinfo", "-struct-text", str(pdf)), re.MULTILINE)
    read = "".join("".join(pieces).split())
    for code in codes(developer):
        printed = "".join(code.split()).replace(NO_FONT, "\ufffd" * len(NO_FONT))
        assert read.count(printed) == 1, (printed, read)
    assert MARK not in read
    with pikepdf.open(pdf) as opened:
        actual = [str(e.obj.ActualText) for e in structure(opened).walk() if "/ActualText" in e.obj]
    assert actual == [NO_FONT]


@pytest.mark.parametrize("edition", ["handout", "large"])
def test_long_lines_wrap_inside_the_measure_with_a_mark(editions: dict[str, Path], edition: str) -> None:
    lines, width = printed_lines(editions[edition])
    right = width - settings(load_style(), None, edition == "large").margin_right
    assert all(line.x_max <= right + 0.5 for line in lines), [(ln.words, ln.x_max, right) for ln in lines]
    continued = [line for line in lines if line.words[0] == MARK]
    assert len(continued) >= (2 if edition == "handout" else 5), [ln.words for ln in lines]
    assert {"'west')", "'unknown')}"} <= {w for line in continued for w in line.words}


@pytest.mark.parametrize("edition", ["handout", "large"])
def test_tabs_go_to_the_tab_stop_of_four_and_indentation_is_kept(
    editions: dict[str, Path], developer: Document, edition: str
) -> None:
    lines, _ = printed_lines(editions[edition])
    for code in codes(developer):
        source = [ln.expandtabs(4) for ln in code.split("\n")]
        start = next(i for i, ln in enumerate(lines) if ln.words[: len(source[0].split())] == source[0].split())
        first = lines[start]
        column = (first.x_max - first.x) / len(source[0].rstrip())  # a mono face: every column is as wide
        found = iter(lines[start:])
        for text in source:
            # the next printed line that starts as this source line (continuations, page heads and feet between)
            line = next(ln for ln in found if ln.words[0] == text.split()[0])
            indent = len(text) - len(text.lstrip(" "))
            assert abs(line.x - first.x - indent * column) < 0.5, (text, line.x - first.x, indent * column)
