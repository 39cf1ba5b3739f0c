"""The one-sheet summary: read back with poppler, pikepdf, the PDF/UA-1 validator and a QR decoder."""

from __future__ import annotations

import io
import re
import subprocess
import warnings
from dataclasses import dataclass
from pathlib import Path

import page as validator
import pikepdf
import pytest
import zxingcpp
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from roleexport.diagnostics import RoleExportWarning
from roleexport.errors import ExportError
from roleexport.exporters import ExportOptions, get
from roleexport.model import BulletList, Document, Heading, ListItem, Metadata, Paragraph, Text
from roleexport.reader import read_source
from roleexport.styles import Style, load_style

from .conftest import fixture_path
from .pdf_checks import content_marks, struct_words, structure, tool

EXPORTER = get("summary")
TEMPLATE = "https://careers.example.edu/roles/{slug}/"


@dataclass
class Built:
    path: Path
    warnings: list[str]
    url: str | None


def _export(doc: Document, style: Style, folder: Path, paper: str | None = None) -> tuple[Path, list[str]]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", RoleExportWarning)
        files = EXPORTER.export(doc, style, ExportOptions(paper=paper))
    ((name, data),) = files.items()
    path = folder / name
    path.write_bytes(data)
    return path, [str(w.message) for w in caught if "summary" in str(w.message)]


@pytest.fixture(scope="session")
def template_style(tmp_path_factory: pytest.TempPathFactory) -> Style:
    path = tmp_path_factory.mktemp("style") / "centre.toml"
    path.write_text(f'base = "default"\n[summary]\nmore_url = "{TEMPLATE}"\n', encoding="utf-8")
    return load_style(str(path))


@pytest.fixture(scope="session")
def summaries(
    perfusionist: Document, template_style: Style, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Built]:
    folder = tmp_path_factory.mktemp("summary")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RoleExportWarning)
        electrician = read_source(fixture_path("sources", "electrician.md"))
        many = Document(
            Metadata(title="Many", slug="many-items"),
            (),
            (
                Heading("many", 1, (Text("Many"),)),
                BulletList(
                    "ul-1",
                    tuple(ListItem(f"li-{i}", (Paragraph(f"p-{i}", (Text(f"item {i}"),)),)) for i in range(10_000)),
                ),
            ),
        )
    out: dict[str, Built] = {}
    plain = load_style()
    for key, doc, style, paper, url in (
        ("perfusionist", perfusionist, plain, None, None),
        ("perfusionist-a4", perfusionist, plain, "a4", None),
        ("perfusionist-template", perfusionist, template_style, None, TEMPLATE.format(slug="perfusionist")),
        ("electrician", electrician, plain, None, electrician.meta.url),
        ("electrician-a4", electrician, template_style, "a4", electrician.meta.url),  # the page's url wins
        ("many-items", many, plain, None, None),
    ):
        (folder / key).mkdir()
        path, said = _export(doc, style, folder / key, paper)
        out[key] = Built(path, said, url)
    return out


def _pages(path: Path) -> int:
    return int(re.search(r"Pages:\s+(\d+)", tool("pdfinfo", str(path))).group(1))  # type: ignore[union-attr]


ALL = ["perfusionist", "perfusionist-a4", "perfusionist-template", "electrician", "electrician-a4", "many-items"]
WITH_URL = ["perfusionist-template", "electrician", "electrician-a4"]


def test_file_names_and_paper(summaries: dict[str, Built]) -> None:
    assert summaries["perfusionist"].path.name == "perfusionist-summary.pdf"
    assert summaries["perfusionist-a4"].path.name == "perfusionist-summary-a4.pdf"
    assert "595.276 x 841.89" in tool("pdfinfo", str(summaries["perfusionist-a4"].path))
    assert "612 x 792" in tool("pdfinfo", str(summaries["perfusionist"].path))


@pytest.mark.parametrize("key", ALL)
def test_at_most_one_sheet_and_pdf_ua_clean(summaries: dict[str, Built], key: str) -> None:
    path = summaries[key].path
    assert 1 <= _pages(path) <= 2
    report = validator.validate_pdf(str(path), profile="ua1")
    assert report.rules.total >= 100
    assert report.rules.failed == 0, [f"{f.rule_id}: {f.message}" for f in report.failures]


@pytest.mark.parametrize("key", ALL)
def test_reading_order_headings_and_bookmarks(summaries: dict[str, Built], key: str) -> None:
    path = summaries[key].path
    with pikepdf.open(path) as pdf:
        tree = structure(pdf)
        order: dict[int, list[int]] = {}
        for p, mcid in tree.content_order():
            order.setdefault(p, []).append(mcid)
        for index in range(len(pdf.pages)):
            mcids, loose = content_marks(pdf, index)
            assert not loose and mcids == order.get(index, [])
        marks: list[tuple[int, str]] = []
        stack = [(1, item) for item in reversed(list(pdf.open_outline().root))]
        while stack:
            level, item = stack.pop()
            marks.append((level, " ".join(item.title.split())))
            stack.extend((level + 1, c) for c in reversed(list(item.children)))
    _, heads = struct_words(path)
    assert [(int(role[1]), text) for role, text in heads] == marks


def test_the_sections_the_style_names_in_its_order(summaries: dict[str, Built]) -> None:
    _, heads = struct_words(summaries["perfusionist"].path)
    h2 = [text for role, text in heads if role == "H2"]
    assert h2 == ["Role at a glance", "Duties and responsibilities", "Qualifications", "Career outlook"]
    text = " ".join(tool("pdftotext", str(summaries["perfusionist"].path), "-").split())
    assert (
        "Perfusionists operate the heart-lung bypass machine" in text.split("Role at a glance")[0]
    )  # the sentence first
    assert "Sample cover letter" not in text and "Frequently asked questions" not in text


def test_cut_lists_say_how_many_more_and_warn(summaries: dict[str, Built]) -> None:
    text = " ".join(tool("pdftotext", str(summaries["perfusionist"].path), "-").split())
    assert "4 more duties in the full handout" in text  # 10 duties, 6 kept
    assert any("4 list items" in w or "list items" in w for w in summaries["perfusionist"].warnings)
    many = summaries["many-items"]
    text = " ".join(tool("pdftotext", str(many.path), "-").split())
    assert "9,994 more items in the full handout" in text
    assert "item 0" in text and "item 6 " not in text
    assert many.warnings and "9994 list items" in many.warnings[0]


@pytest.mark.parametrize("key", WITH_URL)
def test_the_qr_code_decodes_to_the_url_printed_beside_it(summaries: dict[str, Built], key: str) -> None:
    built = summaries[key]
    assert built.url
    pages = _pages(built.path)
    png = subprocess.run(
        ["pdftoppm", "-png", "-r", "150", "-f", str(pages), "-l", str(pages), str(built.path)],
        capture_output=True,
        check=True,
    ).stdout
    decoded = [b.text for b in zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))]
    assert decoded == [built.url]
    text = " ".join(tool("pdftotext", str(built.path), "-").split())
    assert f"Full page, EPUB and audio: {built.url}" in text


@pytest.mark.parametrize("key", WITH_URL)
def test_the_qr_code_is_a_figure_whose_alt_gives_the_url(summaries: dict[str, Built], key: str) -> None:
    with pikepdf.open(summaries[key].path) as pdf:
        figures = [el for el in structure(pdf).walk() if el.role == "Figure"]
        assert len(figures) == 1
        alt = str(figures[0].obj.Alt)
        assert "QR code" in alt and summaries[key].url in alt
        assert figures[0].mcrs(), "the code's drawing is the Figure's content"


def test_no_url_no_box(summaries: dict[str, Built]) -> None:
    text = tool("pdftotext", str(summaries["perfusionist"].path), "-")
    assert "Full page, EPUB and audio" not in text
    with pikepdf.open(summaries["perfusionist"].path) as pdf:
        assert not [el for el in structure(pdf).walk() if el.role == "Figure"]


def test_same_input_same_bytes(perfusionist: Document, template_style: Style) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RoleExportWarning)
        first = EXPORTER.export(perfusionist, template_style, ExportOptions())
        second = EXPORTER.export(perfusionist, template_style, ExportOptions())
    assert first == second


def test_a_page_that_cannot_fit_is_one_error_naming_it() -> None:
    sentence = " ".join(["A very long summary sentence that never ends"] * 900)
    doc = Document(
        Metadata(title="Endless", slug="endless", summary=sentence, source_name="endless.md"),
        (),
        (Heading("endless", 1, (Text("Endless"),)),),
    )
    with pytest.raises(ExportError, match=r"summary: endless\.md does not fit on one sheet"):
        EXPORTER.export(doc, load_style(), ExportOptions())


@pytest.mark.parametrize("table", ['sections = "duties"', "items = 0", 'more_url = "roles/{slug}"', "colour = 1"])
def test_a_bad_summary_style_is_one_clear_error(perfusionist: Document, tmp_path: Path, table: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(f'base = "default"\n[summary]\n{table}\n', encoding="utf-8")
    with pytest.raises(ExportError, match="summary: "):
        EXPORTER.export(perfusionist, load_style(str(path)), ExportOptions())


WORDS = st.sampled_from(
    [
        "duties",
        "tasks",
        "outlook",
        "salary",
        "pay",
        "shifts",
        "safety",
        "ledger",
        "code",
        "$4,500",
        "24/7",
        "OSHA",
        "3",
        "%",
    ]
)
HEADINGS = st.sampled_from(["Duties", "Role at a glance", "Qualifications", "Career outlook", "Overview", "Pay", "FAQ"])


@st.composite
def long_pages(draw: st.DrawFn) -> Document:
    """Pages of 1–40 sections, some named as the style's sections, with lists of up to 60 items."""
    blocks: list[object] = [Heading("t", 1, (Text("Generated"),))]
    for s in range(draw(st.integers(1, 40))):
        blocks.append(Heading(f"h{s}", 2, (Text(draw(HEADINGS)),)))
        for b in range(draw(st.integers(0, 3))):
            if draw(st.booleans()):
                n = draw(st.integers(1, 60))
                items = tuple(
                    ListItem(
                        f"i{s}-{b}-{i}",
                        (
                            Paragraph(
                                f"ip{s}-{b}-{i}", (Text(" ".join(draw(st.lists(WORDS, min_size=3, max_size=30)))),)
                            ),
                        ),
                    )
                    for i in range(n)
                )
                blocks.append(BulletList(f"l{s}-{b}", items))
            else:
                words = draw(st.lists(WORDS, min_size=5, max_size=250))
                blocks.append(Paragraph(f"p{s}-{b}", (Text(" ".join(words) + "."),)))
    return Document(Metadata(title="Generated", slug="generated", url="https://example.org/g/"), (), tuple(blocks))  # type: ignore[arg-type]


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(long_pages())
def test_any_page_fits_one_sheet_tagged(doc: Document) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RoleExportWarning)
        data = EXPORTER.export(doc, load_style(), ExportOptions())["generated-summary.pdf"]
    with pikepdf.open(io.BytesIO(data)) as pdf:
        assert 1 <= len(pdf.pages) <= 2
    report = validator.validate_pdf_bytes(data, profile="ua1")
    assert report.rules.failed == 0, [f"{f.rule_id}: {f.message}" for f in report.failures]
