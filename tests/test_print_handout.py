"""The full handout and large print as paper: a source line, printed link addresses, the letter's
lines and keeping, no double rule at a continued table, no nearly empty page. Read back with poppler."""

from __future__ import annotations

import io
import re
import warnings
from pathlib import Path

import pikepdf
import pytest
from PIL import Image

from roleexport import walk
from roleexport.diagnostics import RoleExportWarning
from roleexport.exporters import ExportOptions
from roleexport.exporters.pdf import PdfExporter
from roleexport.exporters.pdf.layout import QUARTER, render
from roleexport.exporters.pdf.settings import settings
from roleexport.model import Document, Link
from roleexport.reader import read_source
from roleexport.styles import load_style

from .conftest import fixture_path
from .generated_pages import page
from .pdf_checks import struct_words, tool

EDITIONS = {"letter": (None, False), "a4": ("a4", False), "large": (None, True)}


@pytest.fixture(scope="session")
def electrician() -> Document:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RoleExportWarning)
        return read_source(fixture_path("sources", "electrician.md"))


@pytest.fixture(scope="session")
def accountant() -> Document:
    """A finance page without a ``url`` of its own: built with a career centre's ``[site] page_url``."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RoleExportWarning)
        return read_source(fixture_path("sources", "staff-accountant.md"))


TEMPLATE = "https://careers.example.edu/roles/{slug}/"


@pytest.fixture(scope="session")
def handouts(
    perfusionist: Document, electrician: Document, accountant: Document, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Path]:
    """The three pages in every edition, written once: ``<slug>-<edition>``; the finance page with a
    style that says where the centre publishes its pages."""
    folder = tmp_path_factory.mktemp("handouts")
    centre = folder / "centre.toml"
    centre.write_text(f'base = "default"\n[site]\npage_url = "{TEMPLATE}"\n', encoding="utf-8")
    out = {}
    for doc in (perfusionist, electrician, accountant):
        style = load_style(str(centre)) if doc is accountant else load_style()
        for paper in (None, "a4"):
            files = PdfExporter().export(doc, style, ExportOptions(paper=paper))
            for name, data in files.items():
                large = name.endswith("-large-print.pdf")
                if paper and large:
                    continue
                key = f"{doc.meta.slug}-{'large' if large else paper or 'letter'}"
                out[key] = folder / f"{key}.pdf"
                out[key].write_bytes(data)
    return out


def _text(path: Path, *args: str) -> str:
    return tool("pdftotext", *args, "-enc", "UTF-8", str(path), "-")


@pytest.mark.parametrize("edition", EDITIONS)
def test_page_one_carries_the_source_line(handouts: dict[str, Path], edition: str) -> None:
    first = " ".join(_text(handouts[f"electrician-{edition}"], "-f", "1", "-l", "1").split())
    assert "Source: Riverside Community College Career Centre" in first
    assert "Updated June 15, 2025" in first
    assert "https://careers.example.edu/roles/electrician/" in first.replace(" ", "")
    perfusionist = " ".join(_text(handouts[f"perfusionist-{edition}"], "-f", "1", "-l", "1").split())
    assert "Source: JobDescription.org" in perfusionist and "Updated" not in perfusionist
    assert "https://" not in perfusionist  # no url, no template: no address
    finance = " ".join(_text(handouts[f"staff-accountant-{edition}"], "-f", "1", "-l", "1").split())
    assert "Source: Lakeshore University Career Services" in finance and "Updated September 2, 2025" in finance
    assert TEMPLATE.format(slug="staff-accountant") in finance.replace(" ", "")  # the style's template


def _links(doc: Document) -> list[str]:
    found: list[str] = []

    def visit(node: object) -> None:
        if isinstance(node, Link):
            found.append(node.target)
        for name in getattr(node, "__slots__", ()):
            value = getattr(node, name)
            for child in value if isinstance(value, tuple) else (value,):
                if hasattr(child, "__slots__"):
                    visit(child)

    for block in doc.blocks:
        visit(block)
    return found


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_link_prints_its_address_and_is_heard_once(
    handouts: dict[str, Path], electrician: Document, accountant: Document, edition: str
) -> None:
    for doc, count in ((electrician, 4), (accountant, 2)):
        # an address may wrap; -layout keeps each line as drawn (plain pdftotext joins a line
        # that ends in a hyphen to the next without it: "accountants-and-" + "auditors")
        printed = "".join(_text(handouts[f"{doc.meta.slug}-{edition}"], "-layout").split())
        targets = _links(doc)
        assert len(targets) == count
        for target in targets:
            assert target.removeprefix("mailto:") in printed, target
    path = handouts[f"electrician-{edition}"]
    # the structure tree (what a screen reader reads) has the tree's words: no address twice
    got, _ = struct_words(path)
    expected = walk.words(walk.plain_text(electrician))
    assert [w for w in got if "bls.gov" in w] == []
    title_block = "Skilled trades Source: Riverside Community College Career Centre · Updated June 15, 2025 ·"
    url = ["https://careers.example.edu/roles/electrician/"]
    assert got == expected[:1] + title_block.split() + url + expected[1:]
    with pikepdf.open(path) as pdf:
        contents = [str(a.Contents) for p in pdf.pages for a in p.get("/Annots", []) if a.Subtype == "/Link"]
    assert any("https://www.bls.gov/ooh/" in c for c in contents)


SIGNATURES = {
    "electrician": ["Jordan Lee", "1420 Alder Street, Apt. 3", "Springfield, OR 97477"],
    "staff-accountant": ["Priya Raman", "88 Lakeview Avenue, Unit 4", "Chicago, IL 60614"],
}


@pytest.mark.parametrize("slug", SIGNATURES)
@pytest.mark.parametrize("edition", EDITIONS)
def test_the_letter_keeps_its_signature_lines(handouts: dict[str, Path], slug: str, edition: str) -> None:
    lines = [line.strip() for line in _text(handouts[f"{slug}-{edition}"], "-layout").splitlines()]
    at = lines.index("Sincerely,")
    assert lines[at + 1 : at + 4] == SIGNATURES[slug]


LETTER_ENDS = {
    "perfusionist": ("[Your Name]", "program director"),
    "electrician": ("Springfield", "reach me at"),
    "staff-accountant": ("Chicago, IL", "priya.raman@example.com"),
}


@pytest.mark.parametrize("slug", LETTER_ENDS)
@pytest.mark.parametrize("edition", EDITIONS)
def test_the_letters_last_line_is_never_alone_on_a_page(handouts: dict[str, Path], slug: str, edition: str) -> None:
    path = handouts[f"{slug}-{edition}"]
    last, before = LETTER_ENDS[slug]
    pages = int(re.search(r"Pages:\s+(\d+)", tool("pdfinfo", str(path))).group(1))  # type: ignore[union-attr]
    for number in range(1, pages + 1):
        text = " ".join(_text(path, "-f", str(number), "-l", str(number)).split())
        if last in text:
            assert before in text, f"the letter's end stands alone on page {number}"
            return
    pytest.fail("the letter's last line is not in the handout")


def _rule_rows(png: bytes, height_pt: float) -> list[float]:
    """Heights (pt from the top) of the long horizontal lines drawn on a page."""
    image = Image.open(io.BytesIO(png)).convert("L")
    width, height = image.size
    pixels = image.load()
    rows = []
    for y in range(height):
        dark = sum(1 for x in range(0, width, 2) if pixels[x, y] < 200)  # type: ignore[index]
        if dark > width / 2 * 0.5:
            rows.append(y * height_pt / height)
    return rows


@pytest.mark.parametrize("slug", ["perfusionist", "electrician"])
def test_the_running_head_rule_never_stacks_on_a_table_rule(handouts: dict[str, Path], slug: str) -> None:
    import subprocess

    path = handouts[f"{slug}-large"]
    for number in (2, 3):
        png = subprocess.run(
            ["pdftoppm", "-png", "-r", "100", "-f", str(number), "-l", str(number), "-gray", str(path)],
            capture_output=True,
            check=True,
        ).stdout
        rows = _rule_rows(png, 792.0)
        assert rows, "the running head's rule is drawn"
        head = rows[0]
        near = [r for r in rows if 2 < r - head < 20]
        assert not near, f"page {number}: a rule {near[0] - head:.1f} pt under the running head's"


def test_the_perfusionist_large_print_continues_its_table_on_page_two(handouts: dict[str, Path]) -> None:
    """The case above is real: a continued facts table at the top of page 2 (else the check proves nothing)."""
    text = " ".join(_text(handouts["perfusionist-large"], "-f", "2", "-l", "2").split())
    assert text.startswith("Perfusionist Top employer")


def _poppler_fill(path: Path, page_height: float, margin_top: float, margin_bottom: float) -> list[float]:
    """How far down each page the body text reaches (footer left out), as a share of the frame."""
    html = tool("pdftotext", "-bbox", str(path), "-")
    fills = []
    frame = page_height - margin_top - margin_bottom
    for body in html.split("<page ")[1:]:
        bottoms = [float(m) for m in re.findall(r'yMax="([\d.]+)"', body)]
        body_bottoms = [b for b in bottoms if b < page_height - margin_bottom]
        fills.append((max(body_bottoms, default=margin_top) - margin_top) / frame)
    return fills


@pytest.mark.parametrize("edition", EDITIONS)
def test_no_page_under_a_quarter_full_across_200_generated_pages(tmp_path: Path, edition: str) -> None:
    """200 pages of 1–14 sections (1 to 18 printed pages) in each edition, laid out in process; every
    twentieth is written and measured by poppler too. Every fourth is also laid out only to be
    measured (no text drawn, as for an EPUB's page map): the same pages, page starts, fill and
    remedies as drawing it."""
    style = load_style()
    s = settings(style, *EDITIONS[edition])
    counts: set[int] = set()
    for seed in range(200):
        rendered = render(page(seed), s, style.folder)
        counts.add(rendered.pages)
        if seed % 4 == 0:
            measured = render(page(seed), s, style.folder, draw=False)
            drawn = (rendered.pages, rendered.starts, rendered.fill, rendered.plan)
            assert (measured.pages, measured.starts, measured.fill, measured.plan) == drawn, seed
        if rendered.pages > 1:
            assert min(rendered.fill) >= QUARTER, (seed, rendered.fill)
        if seed % 20 == 0:
            path = tmp_path / f"{seed}.pdf"
            path.write_bytes(rendered.pdf)
            fills = _poppler_fill(path, s.pagesize[1], s.margin_top, s.margin_bottom)
            assert len(fills) == rendered.pages
            if len(fills) > 1:
                assert min(fills) >= QUARTER - 0.03, (seed, fills)
    assert min(counts) == 1 and max(counts) >= 8  # short and long pages were both tried


@pytest.mark.parametrize("slug", ["electrician", "staff-accountant"])
@pytest.mark.parametrize("edition", EDITIONS)
def test_the_handouts_pass_the_pdf_ua_validator(handouts: dict[str, Path], slug: str, edition: str) -> None:
    import page as validator

    report = validator.validate_pdf(str(handouts[f"{slug}-{edition}"]), profile="ua1")
    assert report.rules.total >= 100
    assert report.rules.failed == 0, [f"{f.rule_id}: {f.message}" for f in report.failures]
