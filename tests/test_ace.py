"""Ace by DAISY, the accessibility checker that EPUB publishers and libraries use, on our EPUBs.

Ace (npm ``@daisy/ace-cli``, pinned by ``tests/ace/package-lock.json``, installed by the README's
test command with ``npm ci --ignore-scripts`` so Puppeteer downloads no browser) runs axe-core
in Debian's Chromium over every content document and checks the package's accessibility
metadata. Each book is checked once: the booklet of pages from several fields and in three
languages, in five languages, and the read-along booklet of the Spanish and French pages (media overlays).
A damaged copy (a content document without its language) shows that Ace's verdict can fail.
"""

from __future__ import annotations

import json
import os
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from roleexport import api
from roleexport.exporters import ExportOptions
from roleexport.model import Document
from roleexport.reader import read_source

from .conftest import FIXTURES, ROOT

ACE = ROOT / "tests" / "ace" / "node_modules" / ".bin" / "ace-cli"
CHROMIUM = Path("/usr/bin/chromium")
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

BOOKLETS = {
    "perfusionist": ROOT / "sources" / "perfusionist.md",
    "electrician": FIXTURES / "sources" / "electrician.md",
    "software-developer": FIXTURES / "careers" / "software-developer.md",
    "network-engineer": FIXTURES / "speech" / "network-engineer.md",
    "enfermera": FIXTURES / "i18n" / "enfermera.md",
    "technicien": FIXTURES / "i18n" / "technicien.md",
    "elektroniker": FIXTURES / "i18n" / "elektroniker.md",
    "analista": FIXTURES / "i18n" / "analista.md",
}
READ_ALONG = ("enfermera", "technicien")
"""Read-along booklets need the page's speech: two short pages in other languages."""


def _ace(epub: Path, out: Path) -> dict[str, Any]:
    """Ace's JSON report of one book."""
    if not ACE.exists():
        pytest.fail("Ace is not installed: run `npm ci --ignore-scripts` in tests/ace (the README's test command does)")
    if not CHROMIUM.exists():
        pytest.fail("Ace runs in Chromium: apt-get install chromium")
    env = os.environ | {"PUPPETEER_EXECUTABLE_PATH": str(CHROMIUM), "PUPPETEER_SKIP_DOWNLOAD": "1"}
    done = subprocess.run(
        [str(ACE), "--silent", "--force", "--outdir", str(out), "--tempdir", str(out / "tmp"), str(epub)],
        check=False,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        cwd=out.parent,
    )
    report = out / "report.json"
    assert done.returncode == 0 and report.exists(), f"Ace failed on {epub.name}: {done.stdout}{done.stderr}"
    result: dict[str, Any] = json.loads(report.read_text(encoding="utf-8"))
    return result


def _violations(report: dict[str, Any]) -> list[str]:
    """Every failed assertion: document, rule and impact."""
    found = []
    for document in report["assertions"]:
        for test in document.get("assertions", []):
            if test["earl:result"]["earl:outcome"] == "fail":
                rule = test["earl:test"]
                found.append(f"{document['earl:testSubject']['url']}: {rule['dct:title']} ({rule['earl:impact']})")
    return found


@pytest.fixture(scope="session")
def books(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every EPUB this module checks, built once, by name."""
    folder = tmp_path_factory.mktemp("ace-books")
    cache = tmp_path_factory.mktemp("ace-cache")
    options = ExportOptions(cache_dir=cache)
    out: dict[str, Path] = {}
    for name, source in BOOKLETS.items():
        doc: Document = read_source(source)
        formats = ("epub", "readaloud") if name in READ_ALONG else ("epub",)
        for fmt in formats:
            for file_name, data in api.export(doc, fmt, options=options).items():
                if file_name.endswith(".epub"):
                    path = folder / file_name
                    path.write_bytes(data)
                    out[name if fmt == "epub" else f"{name}-{fmt}"] = path
    return out


@pytest.fixture(scope="session")
def reports(books: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    """Ace's report of every book, one Ace run each."""
    folder = tmp_path_factory.mktemp("ace-reports")
    return {name: _ace(path, folder / name) for name, path in books.items()}


def test_every_book_is_checked(books: dict[str, Path]) -> None:
    expected = set(BOOKLETS) | {f"{name}-readaloud" for name in READ_ALONG}
    assert set(books) == expected


def test_ace_finds_no_violation_in_any_book(reports: dict[str, dict[str, Any]]) -> None:
    failed = {name: _violations(r) for name, r in reports.items() if r["earl:result"]["earl:outcome"] != "pass"}
    assert failed == {}
    assert all(_violations(r) == [] for r in reports.values())


def test_ace_checked_every_content_document(reports: dict[str, dict[str, Any]], books: dict[str, Path]) -> None:
    """Ace's assertions cover each XHTML document of the book (axe ran in each of them)."""
    for name, report in reports.items():
        with zipfile.ZipFile(books[name]) as z:
            xhtml = {Path(n).name for n in z.namelist() if n.endswith(".xhtml")}
        checked = {Path(a["earl:testSubject"]["url"]).name for a in report["assertions"]}
        assert xhtml <= checked, (name, xhtml - checked)


def test_ace_reads_the_accessibility_metadata_it_expects(reports: dict[str, dict[str, Any]]) -> None:
    """Only a certifier's credential and report are absent (no one has certified these books)."""
    for name, report in reports.items():
        metadata = report["a11y-metadata"]
        assert set(metadata["missing"]) <= {"a11y:certifierCredential", "a11y:certifierReport"}, name
        assert metadata["empty"] == [], name
        required = {"schema:accessMode", "schema:accessibilityFeature", "schema:accessibilityHazard"}
        assert required | {"schema:accessibilitySummary", "schema:accessModeSufficient"} <= set(metadata["present"])


def test_ace_fails_a_book_whose_documents_lost_their_language(
    books: dict[str, Path], tmp_path_factory: pytest.TempPathFactory
) -> None:
    """The verdict can fail: the French booklet with ``lang``/``xml:lang`` stripped from its documents."""
    source = books["technicien"]
    damaged = tmp_path_factory.mktemp("ace-damaged") / "technicien-no-lang.epub"
    with zipfile.ZipFile(source) as z, zipfile.ZipFile(damaged, "w") as out:
        for info in z.infolist():
            data = z.read(info)
            if info.filename.endswith(".xhtml"):
                root = etree.fromstring(data)
                for attribute in ("lang", XML_LANG):
                    root.attrib.pop(attribute, None)
                data = etree.tostring(root, xml_declaration=True, encoding="utf-8")
            out.writestr(info, data)
    report = _ace(damaged, damaged.parent / "report")
    assert report["earl:result"]["earl:outcome"] == "fail"
    assert any("lang" in v for v in _violations(report))
