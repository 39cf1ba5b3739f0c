"""The Python API integrators use (and the CLI is built on): typed, documented, tested here."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from io import BytesIO
from pathlib import Path

import html5lib
import pytest
from lxml import etree

from roleexport import api
from roleexport.walk import outline

PAGE = """---
title: Electrician
category: Skilled trades
publisher: Northfield College Careers Service
url: https://careers.example.ac.uk/roles/electrician/
updated: 2025-05-01
---

# Electrician

Electricians install and repair wiring to BS 7671. Apprentices earn about £9 an hour.

## Duties

- Test circuits
- Fit consumer units

## Is the work safe?

Yes, with isolation and testing before every job.
"""


def test_read_string_and_read_give_the_same_tree(tmp_path: Path) -> None:
    doc = api.read_string(PAGE, name="electrician.md")
    assert outline(doc) == [(1, "Electrician"), (2, "Duties"), (2, "Is the work safe?")]
    assert doc.meta.url == "https://careers.example.ac.uk/roles/electrician/"
    path = tmp_path / "electrician.md"
    path.write_text(PAGE, encoding="utf-8")
    assert api.read(path) == doc


def test_a_bad_page_raises_one_source_error_naming_it() -> None:
    with pytest.raises(api.SourceError, match=r"^bad\.md:2: 'title' must be text"):
        api.read_string("---\ntitle: [a, b]\n---\n# T\n", name="bad.md")


def test_export_gives_bytes_and_satisfies_what_the_format_requires() -> None:
    doc = api.read_string(PAGE, name="electrician.md")
    page = api.export(doc, "html")
    assert list(page) == ["electrician.html"]
    parser = html5lib.HTMLParser(strict=True)
    parser.parse(page["electrician.html"])
    assert b"<audio" not in page["electrician.html"]
    assert b'src="electrician.chapters.vtt"' in api.export(doc, "html", alongside=["audio"])["electrician.html"]
    # the EPUB requires the printed page map: computed for the caller, so the booklet has its page-list
    book = zipfile.ZipFile(BytesIO(api.export(doc, "epub")["electrician.epub"]))
    nav = etree.fromstring(book.read("EPUB/nav.xhtml"))
    assert nav.find(".//{*}nav[@{http://www.idpf.org/2007/ops}type='page-list']") is not None


def test_an_unknown_format_is_one_plugin_error() -> None:
    doc = api.read_string(PAGE)
    with pytest.raises(api.PluginError, match="no exporter named 'docx'"):
        api.export(doc, "docx")
    with pytest.raises(api.PluginError, match="unknown format docx"):
        api.build([], "out", ["docx"])
    assert {"html", "epub", "pdf"} <= set(api.formats())


def test_build_writes_a_folder_and_reports_a_broken_source_without_raising(tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "electrician.md").write_text(PAGE, encoding="utf-8")
    (sources / "broken.md").write_bytes(b"\x00")
    results = {r.source.name: r for r in api.build([sources], tmp_path / "out", ["html", "narration"], jobs=1)}
    assert results["electrician.md"].ok and sorted(results["electrician.md"].built) == ["html", "narration"]
    assert (tmp_path / "out" / "electrician" / "electrician.html").is_file()
    assert not results["broken.md"].ok and "contains NUL bytes" in results["broken.md"].failures[0]
    again = list(api.build([sources / "electrician.md"], tmp_path / "out", ["html", "narration"], jobs=1))
    assert again[0].skipped == ["html", "narration"] and not again[0].built


def test_an_integrators_script_type_checks_against_the_installed_package(tmp_path: Path) -> None:
    """``py.typed`` ships, so mypy --strict checks a caller's use of the API (and catches a misuse)."""
    import roleexport

    assert (Path(roleexport.__file__).parent / "py.typed").is_file()
    good = tmp_path / "good.py"
    good.write_text(
        "from roleexport import api\n"
        "doc = api.read_string('# T\\n\\nText.\\n')\n"
        "files: dict[str, bytes] = api.export(doc, 'html')\n"
        "for result in api.build(['sources'], 'dist', ['html'], jobs=1):\n"
        "    failures: list[str] = result.failures\n",
        encoding="utf-8",
    )
    bad = tmp_path / "bad.py"
    bad.write_text("from roleexport import api\napi.export('not a tree', 'html')\n", encoding="utf-8")
    run = [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--follow-imports=silent"]
    ok = subprocess.run([*run, str(good)], capture_output=True, text=True, check=False, cwd=tmp_path)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    wrong = subprocess.run([*run, str(bad)], capture_output=True, text=True, check=False, cwd=tmp_path)
    assert wrong.returncode == 1 and 'incompatible type "str"; expected "Document"' in wrong.stdout
