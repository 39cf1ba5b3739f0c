"""Bad, odd and hostile sources through one batch: clear one-line errors, the rest still builds.

All the cases go through a single `roleexport all` run in every format, the spoken ones
included (the 10,000-item page is six hours of speech), so each exporter meets every odd
source once per test session.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pikepdf
import pytest
import yaml

from roleexport import exporters
from roleexport.model import Document

BROKEN: dict[str, tuple[bytes, str]] = {
    "empty": (b"", "empty.md: the file is empty"),
    "whitespace": (b"  \n\t\n", "whitespace.md: the file is empty"),
    "not-yaml": (b"---\ntitle: [unclosed\n---\n# T\n", "not-yaml.md:3: front matter is not valid YAML"),
    "list-title": (b"---\ntitle: [a, b]\n---\n# T\n", "list-title.md:2: 'title' must be text, not a list"),
    "number-lang": (b"---\ntitle: T\nlang: 42\n---\n# T\n", "number-lang.md:3: 'lang' must be text, not a number"),
    "string-abbr": (
        b"---\ntitle: T\nabbreviations: CCP\n---\n# T\n",
        "string-abbr.md:3: 'abbreviations' must be a mapping",
    ),
    "no-title": (b"Just a paragraph.\n", "no-title.md: no title"),
    "latin1": ("# Caf\u00e9\n\nna\u00efve\n".encode("latin-1"), "latin1.md:1: not UTF-8 (byte 0xe9)"),
    "nul": (b"# T\n\x00\x00\n", "nul.md: contains NUL bytes"),
    "garbage": (bytes(range(256)) * 4, "garbage.md: contains NUL bytes"),
    "unclosed": (b"---\ntitle: T\n# T\n", "unclosed.md:1: front matter opened with '---' is never closed"),
    "bad-slug": (b"---\ntitle: T\nslug: ../../x\n---\n# T\n", "bad-slug.md:3: 'slug' '../../x' must be lowercase"),
    "abs-slug": (b"---\ntitle: T\nslug: /abs/path\n---\n# T\n", "abs-slug.md:3: 'slug' '/abs/path' must be lowercase"),
    "relative-url": (
        b"---\ntitle: T\nurl: /roles/nurse\n---\n# T\n",
        "relative-url.md:3: 'url' '/roles/nurse' must be the page's full web address",
    ),
}

HOSTILE = (
    "Raw <script>alert(1)</script> and <img src=x onerror=alert(1)> and <iframe src=x></iframe>. "
    "Markup characters & < > \" ' <font color=red>red</font> <para>p</para> ]]> "
    'and </speak><audio src="x.wav"/> in text.'
)

ODD: dict[str, str] = {
    "bom": "\ufeff---\ntitle: Bom\n---\n# Bom\n\nText.\n",
    "crlf": "---\r\ntitle: Crlf\r\n---\r\n# Crlf\r\n\r\nLine one\r\nline two.\r\n",
    "skipped-levels": "# Skip\n\n#### Deep\n\nText.\n",
    "several-h1": "# One\n\nText.\n\n# Two\n\nMore.\n",
    "empty-headings": "# Empty\n\n##\n\nText.\n",
    "headings-only": "# A\n\n## B\n\n### C\n\n## D\n",
    "long-heading": "# " + "Long " * 100 + "\n\nText.\n",
    "deep-list": "# Deep list\n\n" + "".join("  " * i + f"- item {i}\n" for i in range(120)),
    "deep-quote": "# Deep quote\n\n" + "> " * 120 + "deep quote\n",
    "many-items": "# Many\n\n" + "".join(f"- item {i}\n" for i in range(10_000)),
    "table-code": "# Table\n\n| A | B |\n|---|---|\n| 1 | 2 |\n\n```\ncode <b>\n```\n",
    "images": "# Images\n\n![](missing.png) and ![A chart](missing.png)\n",
    "hostile-body": f"# Hostile\n\n{HOSTILE}\n\n- [click](javascript:alert(1))\n",
    "hostile-meta": "---\n"
    + yaml.safe_dump(
        {key: HOSTILE for key in ("title", "category", "summary", "publisher")} | {"abbreviations": {"XSS": HOSTILE}},
        allow_unicode=True,
    )
    + "---\nXSS everywhere.\n",
    "scripts": (
        "---\ntitle: Scripts\n---\n# Scripts\n\n中文 日本語 한국어 العربية עברית हिन्दी "
        "e\u0301 \u200d\U0001f469\u200d\U0001f4bb \U0001f600.\n"
    ),
    "control-chars": "# Control\n\nA terminal \x1b[31mescape\x1b[0m, a bell \x07 and DEL \x7f.\n",
    "long-runs": "# Long\n\nhttps://example.org/" + "a" * 300 + " and " + "x" * 2000 + ".\n",
    "title-only": "# Only a Title\n",
    "front-matter-only": "---\ntitle: Front Matter Only\n---\n",
}


@dataclass
class Batch:
    out: Path
    returncode: int
    stdout: str
    stderr: str
    formats: list[str]


@pytest.fixture(scope="session")
def batch(tmp_path_factory: pytest.TempPathFactory) -> Batch:
    folder = tmp_path_factory.mktemp("bad-sources")
    for name, (data, _) in BROKEN.items():
        (folder / f"{name}.md").write_bytes(data)
    for name, text in ODD.items():
        (folder / f"{name}.md").write_bytes(text.encode("utf-8"))
    (folder / "good.md").write_text("# Good\n\nAll fine.\n", encoding="utf-8")
    out = folder / "out"
    formats = exporters.names()
    args = [sys.executable, "-m", "roleexport", "all", str(folder), "--out", str(out), "--jobs", "2"]
    for fmt in formats:
        args += ["--format", fmt]
    proc = subprocess.run(args, check=False, capture_output=True, text=True, timeout=900)
    return Batch(out, proc.returncode, proc.stdout, proc.stderr, formats)


def test_the_batch_fails_but_builds_the_good_and_odd_sources(batch: Batch) -> None:
    assert batch.returncode == 1, batch.stderr
    assert "Traceback" not in batch.stderr + batch.stdout
    built = {line.split(":")[0] for line in batch.stdout.splitlines() if ": built " in line}
    assert len(built) == len(ODD) + 1, batch.stdout + batch.stderr
    assert f"{len(ODD) + 1} of {len(ODD) + 1 + len(BROKEN)} sources built" in batch.stdout, batch.stdout + batch.stderr


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_a_broken_source_gets_one_clear_line_and_no_output(batch: Batch, name: str) -> None:
    expected = BROKEN[name][1]
    lines = [line for line in batch.stderr.splitlines() if f"/{name}.md" in line and line.startswith("error:")]
    assert len(lines) == 1, batch.stderr
    assert expected in lines[0]
    assert not (batch.out / name).exists()


@pytest.mark.parametrize("name", sorted(ODD))
def test_an_odd_source_builds_every_format(batch: Batch, name: str) -> None:
    errors = [line for line in batch.stderr.splitlines() if line.startswith("error:") and f"/{name}.md" in line]
    assert not errors
    folder = batch.out / name  # the slug defaults to the file name
    produced = sorted(p.name for p in folder.iterdir())
    assert produced, f"{name} produced nothing"
    assert not [p for p in produced if p.endswith(".tmp") or p.startswith(".")]
    assert all((folder / p).stat().st_size > 0 for p in produced)


def test_nothing_is_written_outside_the_output_folder(batch: Batch) -> None:
    assert not (batch.out.parent / "x").exists()
    assert not Path("/abs/path").exists()


def test_warnings_name_the_file_and_line(batch: Batch) -> None:
    assert re.search(r"warning: .*/skipped-levels\.md:3: heading 'Deep' is H4 after H1; read as H2", batch.stderr)
    assert re.search(r"warning: .*/hostile-body\.md:3: raw HTML '<script>' left out", batch.stderr)
    assert re.search(r"warning: .*/images\.md:3: image 'missing.png' has no alt text", batch.stderr)
    assert re.search(r"warning: .*/deep-list\.md:\d+: lists and quotes nested deeper than 16 levels", batch.stderr)


def _outputs(batch: Batch, suffix: str) -> list[Path]:
    return sorted(p for name in ODD for p in (batch.out / name).glob(f"*{suffix}"))


def test_every_odd_pdf_passes_the_pdf_ua_validator(batch: Batch) -> None:
    import page

    pdfs = _outputs(batch, ".pdf")
    assert len(pdfs) == 3 * len(ODD)  # handout, large print, one-sheet summary
    failed = {}
    for path in pdfs:
        report = page.validate_pdf(str(path), profile="ua1")
        if report.rules.failed:
            failed[path.name] = [f"{f.rule_id}: {f.message}" for f in report.failures][:3]
    assert not failed


def test_the_10000_item_page_has_a_one_sheet_summary_and_a_warning_says_what_was_cut(batch: Batch) -> None:
    summary = batch.out / "many-items" / "many-items-summary.pdf"
    with pikepdf.open(summary) as pdf:
        assert len(pdf.pages) <= 2
    assert re.search(
        r"warning: .*/many-items\.md: the summary of many-items leaves out .*9994 list items", batch.stderr
    )


def test_every_odd_ssml_and_pls_is_valid(batch: Batch) -> None:
    from lxml import etree

    from .conftest import fixture_path

    ssml = etree.XMLSchema(etree.parse(str(fixture_path("schemas", "ssml11", "synthesis.xsd"))))
    pls = etree.XMLSchema(etree.parse(str(fixture_path("schemas", "pls10", "pls-with-xml.xsd"))))
    files = _outputs(batch, ".ssml") + _outputs(batch, ".pls")
    assert len(files) == 2 * len(ODD)
    invalid = {}
    for path in files:
        schema = ssml if path.suffix == ".ssml" else pls
        if not schema.validate(etree.parse(str(path))):
            invalid[path.name] = str(schema.error_log.last_error)
    assert not invalid


def test_every_odd_epub_passes_epubcheck(batch: Batch) -> None:
    from .epubcheck_runner import run_epubcheck_many

    epubs = _outputs(batch, ".epub")
    assert len(epubs) == 2 * len(ODD)  # the booklet and the read-along booklet
    reports = run_epubcheck_many(epubs)
    problems = {
        path.name: [f"{m['severity']} {m['ID']}: {m['message']}" for m in messages][:3]
        for path, (errors, warnings, messages) in reports.items()
        if errors or warnings
    }
    assert not problems


def _expected_chapters(source: Path) -> list[str]:
    import warnings

    from roleexport import walk
    from roleexport.reader import read_source

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        doc = read_source(source)
    return [doc.meta.title, *(text for level, text in walk.outline(doc) if level == 2)]


def test_every_odd_mp3_decodes_with_its_chapters(batch: Batch) -> None:
    """miniaudio decodes each MP3 (the whole file, except the six-hour one: its length); the
    ID3 chapters are the opening (titled with the page title), then the page's H2 sections."""
    import io

    import miniaudio
    import numpy as np
    from mutagen.id3 import ID3

    mp3s = _outputs(batch, ".mp3")
    assert len(mp3s) == len(ODD)
    for path in mp3s:
        name = path.stem
        data = path.read_bytes()
        if len(data) < 20_000_000:
            sound = miniaudio.decode(data, output_format=miniaudio.SampleFormat.SIGNED16, nchannels=1)
            samples = np.frombuffer(sound.samples, dtype=np.int16).astype(np.float64)
            seconds = samples.size / sound.sample_rate
            assert np.sqrt(np.mean(samples**2)) > 300, f"{name}: no speech"
        else:
            seconds = miniaudio.mp3_get_info(data).duration
            assert name == "many-items" and seconds > 10_000 * 1.0, f"{name}: {seconds:.0f} s"
        chapters = sorted(ID3(io.BytesIO(data)).getall("CHAP"), key=lambda c: c.start_time)
        assert [c.sub_frames["TIT2"].text[0] for c in chapters] == _expected_chapters(
            batch.out.parent / f"{name}.md"
        ), name
        assert chapters[0].start_time == 0 and abs(chapters[-1].end_time / 1000 - seconds) < 1.0, name
        listed = (path.parent / f"{name}.chapters.txt").read_text(encoding="utf-8").splitlines()
        assert len(listed) == len(chapters), name


def test_every_odd_page_is_a_valid_daisy_book(batch: Batch, tmp_path: Path) -> None:
    """Each book passes the checks a player's reading implies (``daisy_checks``), headings as
    the page's outline; a page with nothing but its title is a one-section book."""
    from .daisy_checks import check_book

    books = _outputs(batch, "-daisy.zip")
    assert len(books) == len(ODD)
    for path in books:
        name = path.name.removesuffix("-daisy.zip")
        book = check_book(path, tmp_path, _read(batch.out.parent / f"{name}.md"))
        if name in ("title-only", "front-matter-only"):
            assert len(book.smils) == 1 and len(book.pars) == 1 and [e.level for e in book.entries] == [1, 0], name


def test_every_odd_read_along_booklet_reads_sentence_by_sentence(batch: Batch) -> None:
    """Each sentence of the SSML is one par of the read-along booklet (``sentence_checks``)."""
    from .sentence_checks import Target, check_sentences
    from .test_readaloud import open_book

    booklets = _outputs(batch, "-readaloud.epub")
    assert len(booklets) == len(ODD)
    for path in booklets:
        book = open_book(path)
        targets = [Target(p.text_file, p.text_id) for pars in book.pars.values() for p in pars]
        contents = {href: book.document(href) for href in {t.text_file for t in targets}}
        check_sentences(_read(batch.out.parent / f"{path.name.removesuffix('-readaloud.epub')}.md"), targets, contents)


def _read(source: Path) -> Document:
    import warnings

    from roleexport.reader import read_source

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return read_source(source)


def test_hostile_text_is_never_markup(batch: Batch) -> None:
    import zipfile

    for name in ("hostile-body", "hostile-meta"):
        for book_path in (batch.out / name / f"{name}.epub", batch.out / name / f"{name}-readaloud.epub"):
            with zipfile.ZipFile(book_path) as book:
                checked = [m for m in book.namelist() if m.endswith((".xhtml", ".opf", ".smil"))]
                assert any(m.endswith(".smil") for m in checked) == ("readaloud" in book_path.name), checked
                for member in checked:
                    text = book.read(member).decode("utf-8")
                    assert not re.search(r"<(script|iframe|img|font|para)\b", text), member
                    assert not re.search(r"<audio\b(?![^>]*src=\"audio/)", text), member  # only our own clips
                    assert "onerror=" not in text.replace("onerror=alert", "")
                    assert "javascript:" not in text
        with zipfile.ZipFile(batch.out / name / f"{name}-daisy.zip") as book:
            for member in (m for m in book.namelist() if m.endswith((".html", ".smil"))):
                text = book.read(member).decode("utf-8")
                assert not re.search(r"<(script|iframe|img|font|para)\b", text), member
                assert not re.search(r"<audio\b(?![^>]*src=\"s\d+\.mp3\")", text), member  # only our own clips
                assert "onerror=" not in text.replace("onerror=alert", "") and "javascript:" not in text
        ssml = (batch.out / name / f"{name}.ssml").read_text(encoding="utf-8")
        assert "<audio" not in ssml and ssml.count("</speak>") == 1


def test_any_script_keeps_its_characters_and_names_missing_glyphs(batch: Batch) -> None:
    text = subprocess.run(
        ["pdftotext", str(batch.out / "scripts" / "scripts.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    for word in ("Scripts", "e\u0301"):
        assert word in text
    assert re.search(r"warning: .*/scripts\.md: pdf: no configured font has a glyph for U\+4E2D .*'中'", batch.stderr)


def test_long_runs_break_inside_the_page(batch: Batch) -> None:
    """The 300-character URL and the 2,000-character word wrap within the margins (poppler's
    word boxes) in both editions, and the text layer keeps every character."""
    for edition in ("long-runs.pdf", "long-runs-large-print.pdf"):
        layout = subprocess.run(
            ["pdftotext", "-bbox", str(batch.out / "long-runs" / edition), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        width = float(re.search(r'<page width="([\d.]+)"', layout).group(1))
        words = re.findall(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>', layout)
        assert len(words) > 20, edition  # broken into many lines, not one run
        assert all(36 <= float(x0) and float(x1) <= width - 36 for x0, x1, _ in words), edition
        text = [w for _, _, w in words]  # a page's header and footer words come between its lines
        url = "".join(w for w in text if w.startswith("https://") or set(w) == {"a"})
        assert url == "https://example.org/" + "a" * 300, edition
        assert "".join(w for w in text if set(w) <= set("x.")) == "x" * 2000 + ".", edition


def test_an_image_is_a_visible_placeholder_never_an_image(batch: Batch) -> None:
    """No image is embedded anywhere: each shows, and is read as, its description or a
    placeholder saying it has none; both are warned about with the file and line."""
    import zipfile

    shown = ["[Image: no description]", "[Image: A chart]"]
    pdf_text = subprocess.run(
        ["pdftotext", str(batch.out / "images" / "images.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert all(p in pdf_text for p in shown), pdf_text
    for book_path in (batch.out / "images" / "images.epub", batch.out / "images" / "images-readaloud.epub"):
        with zipfile.ZipFile(book_path) as book:
            pages = [book.read(m).decode("utf-8") for m in book.namelist() if m.endswith(".xhtml") and "nav" not in m]
            images = [m for m in book.namelist() if m.lower().endswith((".png", ".jpg", ".jpeg", ".gif", ".svg"))]
            # the one image is the booklet's generated cover (the package's cover-image), never the source's
            assert images == ["EPUB/cover.png"] and 'href="cover.png"' in book.read("EPUB/content.opf").decode()
            assert 'properties="cover-image"' in book.read("EPUB/content.opf").decode()
        assert not any(re.search(r"<img\b", page) for page in pages)
        assert all(any(f'<span class="image-description">{p}</span>' in page for page in pages) for p in shown)
    script = (batch.out / "images" / "images.txt").read_text(encoding="utf-8")
    assert "Image: no description." in script and "Image: A chart." in script
    assert re.search(
        r"warning: .*/images\.md:3: image 'missing\.png' has no alt text; a placeholder is shown", batch.stderr
    )
    assert re.search(r"warning: .*/images\.md:3: image file 'missing\.png' not found", batch.stderr)


def test_a_5_mb_source_builds_in_bounded_memory(tmp_path: Path) -> None:
    para = "Perfusionists run the heart-lung machine, and CCP holders manage ECMO circuits in the ICU. " * 8
    body = "".join(f"\n## Section {i}\n\n{para}\n\n- item one {i}\n- item two {i}\n" for i in range(6500))
    source = tmp_path / "big.md"
    source.write_text("---\ntitle: Big Role\n---\n# Big Role\n" + body, encoding="utf-8")
    assert source.stat().st_size > 5_000_000
    args = [
        sys.executable,
        "-m",
        "roleexport",
        "all",
        str(source),
        "--out",
        str(tmp_path / "out"),
        "--quiet",
        "--format",
        "narration",
        "--format",
        "ssml",
        "--jobs",
        "1",
    ]
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)  # this build's own peak, not earlier children's
    assert os.waitstatus_to_exitcode(status) == 0, proc.stderr.read() if proc.stderr else ""
    script = (tmp_path / "out" / "big" / "big.txt").read_text(encoding="utf-8")
    assert script.count("Section: Section") == 6500
    peak_mb = usage.ru_maxrss / 1024
    assert peak_mb < 1024, f"peak memory {peak_mb:.0f} MB"
