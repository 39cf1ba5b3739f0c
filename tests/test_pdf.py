"""The pdf exporter: read every PDF back (pikepdf, poppler, an independent PDF/UA-1 validator)."""

from __future__ import annotations

import hashlib
import io
import itertools
import re
import subprocess
import sys
import warnings
from pathlib import Path

import page
import pikepdf
import pytest
from hypothesis import HealthCheck, given, settings

from roleexport import walk
from roleexport.diagnostics import RoleExportWarning
from roleexport.errors import ExportError
from roleexport.exporters import ExportOptions
from roleexport.exporters.pdf import PdfExporter, clear_cache
from roleexport.model import (
    Abbr,
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
    Lang,
    Letter,
    LineBreak,
    Link,
    ListItem,
    Metadata,
    OrderedList,
    Paragraph,
    Strong,
    Table,
    TableCell,
    Term,
    Text,
    ThematicBreak,
)
from roleexport.styles import load_style

from .pdf_checks import content_marks, lines_per_mcid, page_words, parent_tree, struct_words, structure, tool
from .strategies import documents

EXPORTER = PdfExporter()
FALLBACK_CHAR = "\u2312"  # ⌒ ARC: in DejaVu Sans Mono, not in DejaVu Sans
TYPOGRAPHY = "– — ’ “ ” → • ≥ ₂ é …"
HOSTILE = "Tags stay text: <b>not bold</b> & <script>alert(1)</script> &amp; done."


def _synthetic() -> Document:
    """A page made to break: a long paragraph, a long list and a tall fact cross page boundaries."""
    sentence = "Perfusionists keep the circuit primed and the patient perfused during bypass. "
    long_para = Paragraph("p-2", (Text(sentence * 90),))
    items = tuple(
        ListItem(
            f"li-{n}",
            (
                Paragraph(
                    f"p-li-{n}",
                    (
                        Text(
                            f"Item {n}: check the oxygenator, the reservoir and "
                            "the arterial line filter before every case."
                        ),
                    ),
                ),
            ),
        )
        for n in range(1, 41)
    )
    inline = Paragraph(
        "p-3",
        (
            Text("The "),
            Abbr("CCP", "CCP", "Certified Clinical Perfusionist"),
            Text(" exam, "),
            Lang("fr", (Text("la circulation extracorporelle"),)),
            Text(", an arc "),
            Text(FALLBACK_CHAR),
            Text(" and a "),
            Link("https://example.org/perfusion", (Text("link to the guide"),)),
            Text(". "),
            Text(HOSTILE),
            Text(f" Typography: {TYPOGRAPHY}."),
            Text(" A long URL: https://example.org/" + "very-long-path-segment/" * 8),
        ),
    )
    every_kind = (
        Heading("other-blocks", 2, (Text("Other blocks"),)),
        OrderedList(
            "ol-1",
            3,
            (
                ListItem(
                    "li-a",
                    (
                        Paragraph(
                            "p-a",
                            (
                                Text("Third, "),
                                Emph((Text("emphasised"),)),
                                Text(" and "),
                                Strong((Text("strong"),)),
                                Text(" and "),
                                Code("code()"),
                            ),
                        ),
                        BulletList("ul-2", (ListItem("li-b", (Paragraph("p-b", (Text("Nested item"),)),)),)),
                    ),
                ),
                ListItem(
                    "li-c",
                    (
                        Paragraph(
                            "p-c",
                            (
                                Text("Back to "),
                                Link("#long-list", (Text("the long list"),)),
                                Text(" and an image: "),
                                Image("x.png", "a heart-lung machine"),
                            ),
                        ),
                    ),
                ),
            ),
        ),
        BlockQuote("bq-1", (Paragraph("p-q", (Text("A quotation."),)),)),
        CodeBlock("code-1", "pump_flow = 2.4  # L/min\nif act < 480: give(heparin)", "python"),
        Table(
            "table-1",
            (
                (TableCell((Text("Setting"),), True), TableCell((Text("Value"),), True)),
                (TableCell((Text("Flow"),), False), TableCell((Text("2.4 L/min ≥ target"),), False)),
                (TableCell((Text("A short row"),), False),),
            ),
        ),
        ThematicBreak("hr-1"),
        Facts(
            "facts-1",
            (
                Fact("fact-1", (Text("A fact taller than a page"),), (Paragraph("p-f", (Text(sentence * 60),)),)),
                Fact("fact-2", (Text("Short"),), (Paragraph("p-g", (Text("A short value."),)),)),
            ),
        ),
        Letter(
            "letter-1",
            (
                Paragraph("p-l1", (Text("Dear reader,"),)),
                Paragraph("p-l2", (Text("Yours,"), LineBreak(), Text("A. Perfusionist"))),
            ),
        ),
    )
    blocks = (
        Heading("split-test", 1, (Text("Split test"),)),
        Paragraph("p-1", (Text("Opening paragraph."),)),
        Heading("long-paragraph", 2, (Text("Long paragraph"),)),
        long_para,
        Heading("long-list", 2, (Text("Long list"),)),
        BulletList("ul-1", items),
        Heading("inline", 2, (Text("Inline elements"),)),
        inline,
        *every_kind,
    )
    meta = Metadata(title="Split test", slug="split-test", lang="en-US", category="Testing", updated="2025-03-01")
    return Document(meta, (Term("CCP", "Certified Clinical Perfusionist"),), blocks)


@pytest.fixture(scope="session")
def pdfs(perfusionist: Document, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every PDF the tests read, built once: Letter, large print, A4, and the synthetic page."""
    folder = tmp_path_factory.mktemp("pdf")
    style = load_style()
    out: dict[str, Path] = {}
    letter = EXPORTER.export(perfusionist, style, ExportOptions())
    a4 = EXPORTER.export(perfusionist, style, ExportOptions(paper="a4"))
    assert sorted(a4) == ["perfusionist-a4.pdf", "perfusionist-large-print-a4.pdf"]  # never the Letter names
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", RoleExportWarning)
        synthetic = EXPORTER.export(_synthetic(), style, ExportOptions())
    (folder / "warnings.txt").write_text("\n".join(str(w.message) for w in caught))
    for key, data in (
        ("letter", letter["perfusionist.pdf"]),
        ("large", letter["perfusionist-large-print.pdf"]),
        ("a4", a4["perfusionist-a4.pdf"]),
        ("synthetic", synthetic["split-test.pdf"]),
        ("synthetic-large", synthetic["split-test-large-print.pdf"]),
    ):
        out[key] = folder / f"{key}.pdf"
        out[key].write_bytes(data)
    return out


ALL = ["letter", "large", "a4", "synthetic", "synthetic-large"]


@pytest.mark.parametrize("key", ALL)
def test_catalog_info_and_pages_carry_what_pdf_ua_requires(pdfs: dict[str, Path], key: str) -> None:
    with pikepdf.open(pdfs[key]) as pdf:
        assert pdf.pdf_version == "1.7"
        root = pdf.Root
        assert root.MarkInfo.Marked is True
        assert root.ViewerPreferences.DisplayDocTitle is True
        assert str(root.Lang) == "en-US"
        tree = root.StructTreeRoot
        assert "/ParentTree" in tree and int(tree.ParentTreeNextKey) > 0
        title = str(pdf.docinfo.Title)
        assert title.startswith("Split test" if key.startswith("synthetic") else "Perfusionist")
        with pdf.open_metadata() as xmp:
            assert xmp["dc:title"] == title
            assert xmp["pdfuaid:part"] == "1"
        for p in pdf.pages:
            assert p.obj.Tabs == "/S"
            assert "/StructParents" in p.obj
        raw = pdf.Root.Metadata.read_raw_bytes()
        assert "/Filter" not in pdf.Root.Metadata.stream_dict and raw.startswith(b"<?xpacket")


def test_paper_sizes_and_large_print_text_size(pdfs: dict[str, Path]) -> None:
    sizes = {}
    for key in ("letter", "a4", "large"):
        with pikepdf.open(pdfs[key]) as pdf:
            sizes[key] = tuple(round(float(v)) for v in pdf.pages[0].MediaBox[2:])
    assert sizes == {"letter": (612, 792), "a4": (595, 842), "large": (612, 792)}
    with pikepdf.open(pdfs["large"]) as pdf:
        font_sizes = {
            float(ops[1]) for p in pdf.pages for ops, op in pikepdf.parse_content_stream(p) if str(op) == "Tf"
        }
    assert min(font_sizes) >= 18, sorted(font_sizes)


ALLOWED_KIDS = {
    "Document": {"H1", "H2", "H3", "H4", "H5", "H6", "P", "L", "Table", "Div", "BlockQuote"},
    "Div": {"P", "L", "Table", "H1", "H2", "H3", "H4", "H5", "H6", "BlockQuote"},
    "BlockQuote": {"P", "L"},
    "L": {"LI"},
    "LI": {"Lbl", "LBody"},
    "LBody": {"P", "L", "Table", "Div", "BlockQuote"},
    "Table": {"TR"},
    "TR": {"TH", "TD"},
    "TD": {"P", "L"},
}


@pytest.mark.parametrize("key", ALL)
def test_structure_types_and_nesting(pdfs: dict[str, Path], key: str) -> None:
    with pikepdf.open(pdfs[key]) as pdf:
        doc = structure(pdf)
        assert doc.role == "Document"
        roles = set()
        for el in doc.walk():
            roles.add(el.role)
            for kid in el.kids:
                if isinstance(kid, type(el)):
                    if el.role in ALLOWED_KIDS:
                        assert kid.role in ALLOWED_KIDS[el.role], f"{kid.role} inside {el.role}"
                    else:
                        assert kid.role in {"Span", "Link"}, f"{kid.role} inside {el.role}"
            assert el.kids or el.role in ("TD", "TH"), f"empty {el.role}"
            if el.role == "Table":  # every row has as many cells as the widest, so the table is regular
                widths = {len(tr.kids) for tr in el.kids if isinstance(tr, type(el))}
                assert len(widths) == 1, widths
            if el.role == "LI":
                assert [k.role for k in el.kids if isinstance(k, type(el))] == ["Lbl", "LBody"]
            if el.role == "TH":
                assert el.obj.A.Scope in ("/Row", "/Column")
                if el.parent is not None and el.parent.kids.index(el) == 0 and not key.startswith("synthetic"):
                    assert el.obj.A.Scope == "/Row"
        assert {"H1", "H2", "P", "L", "LI", "Lbl", "LBody", "Span"} <= roles
        if key in ("letter", "large", "a4"):
            assert {"H3", "Table", "TR", "TH", "TD", "Div"} <= roles
            expansions = {str(el.obj.E) for el in doc.walk() if el.role == "Span" and "/E" in el.obj}
            assert "Certified Clinical Perfusionist" in expansions


@pytest.mark.parametrize("key", ALL)
def test_every_mcid_resolves_and_content_order_is_tree_order(pdfs: dict[str, Path], key: str) -> None:
    with pikepdf.open(pdfs[key]) as pdf:
        doc = structure(pdf)
        tree = parent_tree(pdf)
        owners = {mcr: el for el in doc.walk() for mcr in el.mcrs()}
        tree_order: dict[int, list[int]] = {}
        for p, mcid in doc.content_order():
            tree_order.setdefault(p, []).append(mcid)
        for index, p in enumerate(pdf.pages):
            mcids, loose = content_marks(pdf, index)
            assert not loose, f"page {index + 1}: painting outside marked content or artifact: {loose}"
            assert mcids, f"page {index + 1} has no tagged content"
            assert mcids == tree_order.get(index, []), f"page {index + 1}: content order differs from tree order"
            parents = tree[int(p.obj.StructParents)]
            assert len(parents) == len(mcids)
            for mcid in mcids:
                assert parents[mcid].objgen == owners[(index, mcid)].obj.objgen


@pytest.mark.parametrize("key", ["letter", "large", "a4"])
def test_structure_text_is_the_tree_text_and_headings_are_the_outline(
    pdfs: dict[str, Path], key: str, perfusionist: Document
) -> None:
    got, heads = struct_words(pdfs[key])
    expected = walk.words(walk.plain_text(perfusionist))
    # the title block adds the category and the source line under the H1 (no date in this source)
    assert got == expected[:1] + ["Healthcare", "Source:", "JobDescription.org"] + expected[1:]
    assert [(int(role[1]), text) for role, text in heads] == walk.outline(perfusionist)


def test_synthetic_text_headings_and_title_block(pdfs: dict[str, Path]) -> None:
    doc = _synthetic()
    got, heads = struct_words(pdfs["synthetic"])
    expected = walk.words(walk.plain_text(doc))
    assert got == expected[:2] + ["Testing", "Updated", "March", "1,", "2025"] + expected[2:]
    assert [(int(role[1]), text) for role, text in heads] == walk.outline(doc)
    assert HOSTILE in " ".join(got)


@pytest.mark.parametrize("key", ALL)
def test_every_font_is_embedded(pdfs: dict[str, Path], key: str) -> None:
    rows = tool("pdffonts", str(pdfs[key])).splitlines()[2:]
    assert rows
    for row in rows:
        assert row.split()[-5] == "yes", f"not embedded: {row}"
        assert "Helvetica" not in row
    with pikepdf.open(pdfs[key]) as pdf:
        for p in pdf.pages:
            for font in p.Resources.Font.values():
                cmap = font.ToUnicode.read_bytes()
                assert b"<0000>" not in cmap, "ToUnicode maps a code to U+0000"


def test_a_character_outside_the_main_font_uses_the_fallback_with_a_warning(pdfs: dict[str, Path]) -> None:
    fonts = tool("pdffonts", str(pdfs["synthetic"]))
    assert "DejaVuSansMono" in fonts and "DejaVuSans " in fonts and "AtkinsonHyperlegible" in fonts
    warned = (pdfs["synthetic"].parent / "warnings.txt").read_text().splitlines()
    # Atkinson Hyperlegible lacks → and ₂ (DejaVu Sans has them) and ⌒ (only DejaVu Sans Mono has it)
    assert {line.split("U+")[1][:4] for line in warned} == {"2192", "2082", "2312"}, warned
    assert all("set in the fallback font DejaVuSans" in line for line in warned), warned
    words, _ = struct_words(pdfs["synthetic"])
    assert FALLBACK_CHAR in words
    assert TYPOGRAPHY in " ".join(words)


def test_large_print_sets_emphasis_in_bold_not_italics(pdfs: dict[str, Path]) -> None:
    assert "Italic" in tool("pdffonts", str(pdfs["synthetic"]))
    assert "Italic" not in tool("pdffonts", str(pdfs["synthetic-large"]))


@pytest.mark.parametrize("key", ["letter", "synthetic"])
def test_bookmarks_equal_the_outline(pdfs: dict[str, Path], key: str, perfusionist: Document) -> None:
    doc = _synthetic() if key == "synthetic" else perfusionist
    found: list[tuple[int, str]] = []

    def visit(items, level):  # type: ignore[no-untyped-def]
        for item in items:
            found.append((level, item.title))
            visit(item.children, level + 1)

    with pikepdf.open(pdfs[key]) as pdf, pdf.open_outline() as outline:
        visit(outline.root, 1)
    assert found == walk.outline(doc)


@pytest.mark.parametrize("key", ALL)
def test_independent_pdf_ua_validator_reports_no_failed_rule(pdfs: dict[str, Path], key: str) -> None:
    report = page.validate_pdf(str(pdfs[key]), profile="ua1")
    failures = [f"{f.rule_id}: {f.message}" for f in report.failures]
    assert report.rules.total >= 100
    assert report.rules.failed == 0 and not failures, failures
    assert report.is_compliant


def test_a_paragraph_and_a_list_split_across_pages_stay_one_element_each(pdfs: dict[str, Path]) -> None:
    with pikepdf.open(pdfs["synthetic"]) as pdf:
        doc = structure(pdf)
        paragraphs = [el for el in doc.walk() if el.role == "P" and len({p for p, _ in el.content_order()}) > 1]
        assert len(paragraphs) >= 2, "the long paragraph and the tall fact must cross page breaks"
        lines = {i: lines_per_mcid(pdf, i) for i in range(len(pdf.pages))}
        for el in paragraphs:  # no widow, no orphan: at least two lines on each side of a break
            per_page: dict[int, int] = {}
            for p, mcid in el.content_order():
                per_page[p] = per_page.get(p, 0) + lines[p].get(mcid, 0)
            assert min(per_page.values()) >= 2, per_page
        lists = [el for el in doc.walk() if el.role == "L" and len(el.kids) == 40]
        assert len(lists) == 1
        pages = {p for el in lists[0].walk() for p, _ in el.mcrs()}
        assert len(pages) >= 2, "the list does not cross a page break"
        links = [el for el in doc.walk() if el.role == "Link"]
        assert len(links) == 2
        objrs = [k for k in links[0].kids if isinstance(k, pikepdf.Dictionary)]
        assert objrs and all(str(o.Obj.Contents).startswith("link to the guide") for o in objrs)
        assert {str(el.obj.Lang) for el in doc.walk() if "/Lang" in el.obj} == {"fr"}
    words, _ = struct_words(pdfs["synthetic"])
    sentence = "Perfusionists keep the circuit primed and the patient perfused during bypass."
    assert " ".join(words).count(sentence) == 150, "a page break glued or dropped words"


def test_same_input_gives_the_same_bytes(perfusionist: Document) -> None:
    style = load_style()
    first = EXPORTER.export(perfusionist, style, ExportOptions())
    clear_cache()
    second = EXPORTER.export(perfusionist, style, ExportOptions())
    for name in first:
        assert hashlib.sha256(first[name]).digest() == hashlib.sha256(second[name]).digest(), name


def test_document_date_comes_from_updated(pdfs: dict[str, Path]) -> None:
    info = tool("pdfinfo", "-isodates", str(pdfs["synthetic"]))
    assert "2025-03-01T00:00:00" in info


@pytest.mark.parametrize("key", ["letter", "synthetic"])
def test_page_map_points_at_the_first_text_of_each_page(
    perfusionist: Document, pdfs: dict[str, Path], key: str
) -> None:
    doc = _synthetic() if key == "synthetic" else perfusionist
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RoleExportWarning)  # the fallback character, checked elsewhere
        pages = EXPORTER.page_map(doc, load_style(), ExportOptions())
    assert pages.edition == f"{doc.meta.slug}.pdf, US Letter"  # the printed edition, named as the file
    with pikepdf.open(pdfs[key]) as pdf:
        count = len(pdf.pages)
    assert [s.page for s in pages.pages] == list(range(1, count + 1))
    assert pages.pages[0].block_id == doc.blocks[0].id and pages.pages[0].offset == 0
    texts = {}
    for node in walk.iter_blocks(doc.blocks):
        if isinstance(node, Heading | Paragraph):
            texts[node.id] = " ".join(walk.inline_text(node.children).split())
        elif hasattr(node, "label"):
            texts[node.id] = " ".join(walk.inline_text(node.label).split())
    head = walk.words(doc.meta.title)
    offsets = []
    for start in pages.pages[1:]:
        body = page_words(pdfs[key], start.page)
        body = [w for w in body[len(head) :] if w not in {"•", "◦", "▪"}]  # the running head, then bullets
        expected = walk.words(texts[start.block_id][start.offset :])[:5]
        assert body[: len(expected)] == expected, (start, body[:8])
        offsets.append(start.offset)
    if key == "synthetic":
        assert any(offsets), "a page that starts inside a paragraph has an offset into it"


def test_no_heading_ends_a_page(pdfs: dict[str, Path]) -> None:
    for key in ("letter", "large", "a4", "synthetic"):
        with pikepdf.open(pdfs[key]) as pdf:
            order = structure(pdf).content_order()
            owners = {mcr: el.role for el in structure(pdf).walk() for mcr in el.mcrs()}
        for here, after in itertools.pairwise(order):
            if owners[here] in ("H1", "H2", "H3", "H4", "H5", "H6"):
                assert here[0] == after[0], f"{key}: a heading ends page {here[0] + 1}"


def test_roleexport_all_writes_both_pdfs(perfusionist_path: Path, tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "roleexport", "all", str(perfusionist_path), "--format", "pdf", "--out", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    made = sorted(p.name for p in (tmp_path / "perfusionist").iterdir())
    assert made == ["perfusionist-large-print.pdf", "perfusionist.pdf"]


def test_a_style_can_choose_a4_and_reuse_the_shipped_fonts(perfusionist: Document, tmp_path: Path) -> None:
    path = tmp_path / "a4-handout.toml"
    path.write_text('base = "default"\n[pdf]\npaper = "a4"\nbody_size = 11\n', encoding="utf-8")
    files = EXPORTER.export(perfusionist, load_style(str(path)), ExportOptions())
    target = tmp_path / "out.pdf"
    target.write_bytes(files["perfusionist-a4.pdf"])
    assert "595.276 x 841.89" in tool("pdfinfo", str(target))


@pytest.mark.parametrize(
    "table",
    [
        'body_size = "big"',
        'text_colour = "red"',
        "unknown = 1",
        'paper = "legal"',
        'font_regular = "fonts/missing.ttf"',
    ],
)
def test_a_bad_pdf_style_is_one_clear_error(perfusionist: Document, tmp_path: Path, table: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(f'base = "default"\n[pdf]\n{table}\n', encoding="utf-8")
    with pytest.raises(ExportError, match="pdf: "):
        EXPORTER.export(perfusionist, load_style(str(path)), ExportOptions())


def test_a_character_no_font_has_is_a_stand_in_read_as_itself(tmp_path: Path) -> None:
    doc = Document(
        Metadata(title="Glyphs", slug="glyphs"),
        (),
        (
            Heading("glyphs", 1, (Text("Glyphs"),)),
            Paragraph("p-1", (Text("Perfusion in Chinese is 灌注, in Thai การไหลเวียน."),)),
        ),
    )
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", RoleExportWarning)
        files = EXPORTER.export(doc, load_style(), ExportOptions())
    messages = " ".join(str(w.message) for w in caught)
    assert "U+704C" in messages and "U+6CE8" in messages
    path = tmp_path / "glyphs.pdf"
    path.write_bytes(files["glyphs.pdf"])
    report = page.validate_pdf(str(path), profile="ua1")
    assert report.rules.failed == 0, [f.message for f in report.failures]
    with pikepdf.open(path) as pdf:
        spoken = [str(el.obj.ActualText) for el in structure(pdf).walk() if "/ActualText" in el.obj]
    assert "灌注" in spoken


def test_other_unicode_spaces_print_as_spaces_never_as_a_stand_in(tmp_path: Path) -> None:
    """An ideographic, em or thin space the font lacks is a space on paper and to pdftotext (the
    random tree's heading "0 0\u30000" printed "0?0", one word), with no warning about a glyph."""
    spaced = "A\u2003B\u2009C\u3000D\u205fE\u1680F"
    doc = Document(
        Metadata(title="Spaces", slug="spaces"),
        (),
        (
            Heading("spaces", 1, (Text("Spaces"),)),
            Heading("h-1", 2, (Text("0"), Text(" "), Text("0\u30000"))),
            Paragraph("p-1", (Text(spaced),)),
            Paragraph("p-2", (Text("1\u202f000 and 2\u2007000"),)),
        ),
    )
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", RoleExportWarning)
        files = EXPORTER.export(doc, load_style(), ExportOptions())
    assert not [w for w in caught if "glyph" in str(w.message)]
    for name, data in files.items():
        path = tmp_path / name
        path.write_bytes(data)
        printed = tool("pdftotext", "-bbox", str(path), "-")  # word boxes: poppler's plain text joins short gaps
        boxes = re.findall(r"<word [^>]*>([^<]*)</word>", printed)
        assert "?" not in printed and "\ufffd" not in printed, name
        assert boxes[:10] == ["Spaces", "0", "0", "0", "A", "B", "C", "D", "E", "F"], name
        heard, _ = struct_words(path)
        assert heard[:10] == ["Spaces", "0", "0", "0", "A", "B", "C", "D", "E", "F"], name


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_any_tree_gives_a_valid_tagged_pdf(doc: Document) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RoleExportWarning)
        data = EXPORTER.export(doc, load_style(), ExportOptions())[f"{doc.meta.slug}.pdf"]
    report = page.validate_pdf_bytes(data, profile="ua1")
    assert report.rules.failed == 0, [f"{f.rule_id}: {f.message}" for f in report.failures]
    with pikepdf.open(io.BytesIO(data)) as pdf:
        tree = structure(pdf)
        order: dict[int, list[int]] = {}
        for p, mcid in tree.content_order():
            order.setdefault(p, []).append(mcid)
        for index in range(len(pdf.pages)):
            mcids, loose = content_marks(pdf, index)
            assert not loose and mcids == order.get(index, [])
            for font in pdf.pages[index].Resources.Font.values():
                assert "/FontFile2" in font.FontDescriptor, f"{font.BaseFont} is not embedded"
        found: list[tuple[int, str]] = []
        stack = [(1, item) for item in reversed(list(pdf.open_outline().root))]
        while stack:
            level, item = stack.pop()
            found.append((level, " ".join(item.title.split())))
            stack.extend((level + 1, c) for c in reversed(list(item.children)))
    assert found == [(level, " ".join(text.split())) for level, text in walk.outline(doc)]
