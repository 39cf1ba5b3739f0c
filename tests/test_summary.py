"""The one-sheet summary: read back with poppler, pikepdf, the PDF/UA-1 validator and a QR decoder."""

from __future__ import annotations

import io
import re
import subprocess
import tempfile
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
from roleexport.styles import Style, StyleError, load_style

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
    path.write_text(f'base = "default"\n[site]\npage_url = "{TEMPLATE}"\n', encoding="utf-8")
    return load_style(str(path))


@pytest.fixture(scope="session")
def items_style(tmp_path_factory: pytest.TempPathFactory) -> Style:
    """Each section its own limit; the facts and duties on the front, the rest on the back."""
    path = tmp_path_factory.mktemp("style") / "items.toml"
    path.write_text(
        'base = "default"\n[summary]\nfront = 2\n[summary.items]\ndefault = 5\n"at a glance" = 4\nduties = 3\n'
        "qualifications = 2\n",
        encoding="utf-8",
    )
    return load_style(str(path))


@pytest.fixture(scope="session")
def summaries(
    perfusionist: Document, template_style: Style, items_style: Style, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Built]:
    folder = tmp_path_factory.mktemp("summary")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RoleExportWarning)
        electrician = read_source(fixture_path("sources", "electrician.md"))
        accountant = read_source(fixture_path("sources", "staff-accountant.md"))
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
        ("perfusionist-items", perfusionist, items_style, None, None),
        ("accountant", accountant, template_style, None, TEMPLATE.format(slug="staff-accountant")),
        ("accountant-a4", accountant, template_style, "a4", TEMPLATE.format(slug="staff-accountant")),
    ):
        (folder / key).mkdir()
        path, said = _export(doc, style, folder / key, paper)
        out[key] = Built(path, said, url)
    return out


def _pages(path: Path) -> int:
    return int(re.search(r"Pages:\s+(\d+)", tool("pdfinfo", str(path))).group(1))  # type: ignore[union-attr]


ALL = [
    "perfusionist",
    "perfusionist-a4",
    "perfusionist-template",
    "electrician",
    "electrician-a4",
    "many-items",
    "perfusionist-items",
    "accountant",
    "accountant-a4",
]
WITH_URL = ["perfusionist-template", "electrician", "electrician-a4", "accountant", "accountant-a4"]


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
    assert "2 more duties in the full handout" in text  # 10 duties, the default style keeps 8
    assert any("list items" in w for w in summaries["perfusionist"].warnings)
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


def _lists(path: Path) -> tuple[list[int], list[int]]:
    """Items of every list (LI per L) and rows of every table (TR per Table), in reading order."""
    with pikepdf.open(path) as pdf:
        tree = list(structure(pdf).walk())
    lists = [sum(1 for k in el.kids if getattr(k, "role", "") == "LI") for el in tree if el.role == "L"]
    tables = [sum(1 for k in el.kids if getattr(k, "role", "") == "TR") for el in tree if el.role == "Table"]
    return lists, tables


def test_each_section_keeps_its_own_number_of_items(summaries: dict[str, Built]) -> None:
    """The style's [summary.items]: facts 4, duties 3, qualifications 2 (the perfusionist has 6 facts,
    10 duties, qualification lists of 3 to 6); one number for every list would fail here."""
    path = summaries["perfusionist-items"].path
    lists, tables = _lists(path)
    assert tables == [4]
    assert lists[0] == 3 and lists[1:] and max(lists[1:]) == 2
    text = " ".join(tool("pdftotext", str(path), "-").split())
    assert "2 more facts in the full handout" in text and "7 more duties in the full handout" in text
    assert "more qualifications in the full handout" in text
    lists, tables = _lists(summaries["perfusionist"].path)  # the default style: 10 facts, 8 duties, 6 others
    assert tables == [6] and lists[0] == 8 and max(lists[1:]) == 6


def _h2_pages(path: Path) -> list[tuple[str, int]]:
    """Each H2 the structure tree holds, with the page (from 1) its words are drawn on."""
    _, heads = struct_words(path)
    with pikepdf.open(path) as pdf:
        pages = [el.mcrs()[0][0] + 1 for el in structure(pdf).walk() if el.role == "H2"]
    texts = [text for role, text in heads if role == "H2"]
    assert len(texts) == len(pages)
    return list(zip(texts, pages, strict=True))


FRONT_AND_BACK = {
    "perfusionist": (["Role at a glance", "Duties and responsibilities"], ["Qualifications", "Career outlook"]),
    "perfusionist-a4": (["Role at a glance", "Duties and responsibilities"], ["Qualifications", "Career outlook"]),
    "accountant": (["Role at a glance", "Duties and responsibilities"], ["Qualifications", "Career outlook"]),
    "accountant-a4": (["Role at a glance", "Duties and responsibilities"], ["Qualifications", "Career outlook"]),
}


@pytest.mark.parametrize("key", FRONT_AND_BACK)
def test_the_front_holds_the_first_sections_and_the_back_the_rest(summaries: dict[str, Built], key: str) -> None:
    """Front: title, category, summary sentence, the facts and duties; back: the rest (the style's
    ``front = 2``), read back by pdftotext page by page and from the structure tree."""
    path = summaries[key].path
    front, back = FRONT_AND_BACK[key]
    assert _pages(path) == 2
    one = " ".join(tool("pdftotext", "-f", "1", "-l", "1", str(path), "-").split())
    two = " ".join(tool("pdftotext", "-f", "2", "-l", "2", str(path), "-").split())
    title = "Perfusionist" if key.startswith("perfusionist") else "Staff Accountant"
    assert one.startswith(title) and ("Healthcare" in one or "Finance and accounting" in one)
    assert all(h in one for h in front) and not any(h in one for h in back)
    assert two.startswith(back[0]) and all(h in two for h in back) and not any(h in two for h in front)
    assert _h2_pages(path) == [(h, 1) for h in front] + [(h, 2) for h in back]


def test_a_page_whose_sections_fit_one_side_is_one_page(summaries: dict[str, Built]) -> None:
    path = summaries["electrician"].path
    assert _pages(path) == 1
    assert [h for h, _ in _h2_pages(path)] == ["At a glance", "Duties", "Qualifications", "Outlook"]


def test_the_source_line_and_the_footer_box_give_one_address(summaries: dict[str, Built]) -> None:
    """The style's [site] page_url, for a page without a url: on page 1's source line and in the box."""
    built = summaries["perfusionist-template"]
    one = "".join(tool("pdftotext", "-f", "1", "-l", "1", str(built.path), "-").split())
    assert f"Source:JobDescription.org·{built.url}" in one
    assert built.url and built.url.endswith("/roles/perfusionist/")


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        ('[summary]\nsections = "duties"', "[summary] sections must be a list of strings, not 'duties'"),
        ("[summary]\nsections = []", "[summary] sections must be a list of heading words"),
        ("[summary]\nfront = -1", "[summary] front must be 0 or more sections, not -1"),
        ("[summary]\nitems = 0", "[summary.items] default must be a whole number of at least 1, not 0"),
        ("[summary.items]\nduties = 0", "[summary.items] duties must be a whole number of at least 1, not 0"),
        ("[summary.items]\ndutes = 3", "[summary.items] unknown key 'dutes' (did you mean 'duties'?)"),
        ("[summary.items]\nduties = 2.5", "[summary.items] duties must be a whole number, not 2.5"),
        (
            '[site]\npage_url = "roles/{slug}"',
            "[site] page_url must be an http(s) address template, not 'roles/{slug}'",
        ),
        ("[summary]\ncolour = 1", "[summary] unknown key 'colour'"),
    ],
)
def test_a_bad_summary_style_is_one_clear_error(
    perfusionist: Document, tmp_path: Path, table: str, expected: str
) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(f'base = "default"\n{table}\n', encoding="utf-8")
    with pytest.raises(StyleError) as caught:
        EXPORTER.export(perfusionist, load_style(str(path)), ExportOptions())
    assert str(caught.value) == f"{path}: {expected}" or str(caught.value).startswith(f"{path}: {expected}")
    assert "\n" not in str(caught.value)


def test_items_as_one_number_still_reads(perfusionist: Document, tmp_path: Path) -> None:
    """``items = 3`` (one limit for every section) is accepted as the default for all."""
    path = tmp_path / "one.toml"
    path.write_text('base = "default"\n[summary]\nitems = 3\n', encoding="utf-8")
    (tmp_path / "out").mkdir()
    out, _ = _export(perfusionist, load_style(str(path)), tmp_path / "out")
    lists, tables = _lists(out)
    assert tables == [3] and max(lists) == 3


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


FRONT_TERMS = ("at a glance", "duties")  # the default style's first two sections: its ``front = 2``


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(long_pages())
def test_any_page_fits_one_sheet_tagged_front_and_back(doc: Document) -> None:
    """At most two pages, PDF/UA-1 clean; on two pages with sections for both sides, every front
    section's heading is on page 1 (pdftotext) and every back section's on page 2."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RoleExportWarning)
        data = EXPORTER.export(doc, load_style(), ExportOptions())["generated-summary.pdf"]
    with pikepdf.open(io.BytesIO(data)) as pdf:
        assert 1 <= len(pdf.pages) <= 2
        pages = len(pdf.pages)
    report = validator.validate_pdf_bytes(data, profile="ua1")
    assert report.rules.failed == 0, [f"{f.rule_id}: {f.message}" for f in report.failures]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "generated-summary.pdf"
        path.write_bytes(data)
        placed = _h2_pages(path)
        text = [" ".join(tool("pdftotext", "-f", str(n), "-l", str(n), str(path), "-").split()) for n in (1, pages)]
    front = [(h, n) for h, n in placed if any(t in h.lower() for t in FRONT_TERMS)]
    back = [(h, n) for h, n in placed if (h, n) not in front]
    if pages == 2 and front and back:
        assert {n for _, n in front} == {1} and {n for _, n in back} == {2}, placed
        assert text[1].startswith(back[0][0]), "the back begins with its first section"
        assert all(h in text[0] for h, _ in front) and all(h in text[1] for h, _ in back)
