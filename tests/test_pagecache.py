"""The handout's page map kept in the build's cache folder: reused only for the same inputs."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from roleexport.exporters import ExportOptions, get
from roleexport.exporters.pdf import clear_cache, pagecache
from roleexport.model import Document, Heading, Text
from roleexport.pagemap import PageMap
from roleexport.styles import load_style


@pytest.fixture(scope="session")
def laid_out(perfusionist: Document) -> PageMap:
    """The page map from a fresh layout, no cache involved."""
    clear_cache()
    return get("pdf").page_map(perfusionist, load_style(), ExportOptions())


def _no_layout(monkeypatch: pytest.MonkeyPatch) -> None:
    clear_cache()

    def fail(*_: object) -> None:
        raise AssertionError("the handout was laid out again")

    monkeypatch.setattr("roleexport.exporters.pdf._rendered", fail)


def _retitled(doc: Document) -> Document:
    """The same page with other words in its first heading."""
    first = next(i for i, b in enumerate(doc.blocks) if isinstance(b, Heading))
    heading = doc.blocks[first]
    assert isinstance(heading, Heading)
    changed = dataclasses.replace(heading, children=(Text("A rather longer title that wraps differently " * 3),))
    return dataclasses.replace(doc, blocks=(*doc.blocks[:first], changed, *doc.blocks[first + 1 :]))


def test_pdf_export_leaves_a_page_map_an_epub_build_reuses(
    tmp_path: Path,
    perfusionist: Document,
    laid_out: PageMap,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    options = ExportOptions(cache_dir=tmp_path)
    clear_cache()
    get("pdf").export(perfusionist, load_style(), options)
    assert (tmp_path / pagecache.FOLDER / f"{perfusionist.meta.slug}.json").is_file()
    _no_layout(monkeypatch)
    assert get("pdf").page_map(perfusionist, load_style(), options) == laid_out


def test_a_changed_page_or_paper_is_laid_out_again(
    tmp_path: Path,
    perfusionist: Document,
    laid_out: PageMap,
) -> None:
    options = ExportOptions(cache_dir=tmp_path)
    pdf, style = get("pdf"), load_style()
    clear_cache()
    assert pdf.page_map(perfusionist, style, options) == laid_out
    other = _retitled(perfusionist)
    assert pagecache.key(other, style, None) != pagecache.key(perfusionist, style, None)
    assert pagecache.key(perfusionist, style, "a4") != pagecache.key(perfusionist, style, None)
    clear_cache()
    fresh = pdf.page_map(other, style, ExportOptions())
    clear_cache()
    assert pdf.page_map(other, style, options) == fresh
    a4 = pdf.page_map(perfusionist, style, dataclasses.replace(options, paper="a4"))
    assert a4.edition == "perfusionist-a4.pdf, A4"


@pytest.mark.parametrize("damage", ["", "{", '{"key": 1}', "[]"])
def test_a_damaged_cache_file_is_ignored(
    tmp_path: Path,
    perfusionist: Document,
    laid_out: PageMap,
    damage: str,
) -> None:
    folder = tmp_path / pagecache.FOLDER
    folder.mkdir()
    (folder / f"{perfusionist.meta.slug}.json").write_text(damage, encoding="utf-8")
    clear_cache()
    assert get("pdf").page_map(perfusionist, load_style(), ExportOptions(cache_dir=tmp_path)) == laid_out


def test_a_stale_entry_is_not_used(
    tmp_path: Path,
    perfusionist: Document,
    laid_out: PageMap,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    options = ExportOptions(cache_dir=tmp_path)
    clear_cache()
    get("pdf").page_map(perfusionist, load_style(), options)
    path = tmp_path / pagecache.FOLDER / f"{perfusionist.meta.slug}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["key"] = "0" * 64
    data["pages"] = data["pages"][:1]
    path.write_text(json.dumps(data), encoding="utf-8")
    pagecache._STORED.clear()
    clear_cache()
    assert get("pdf").page_map(perfusionist, load_style(), options) == laid_out


def test_a_pdf_rebuilt_from_the_cache_lays_each_edition_out_once_into_the_same_bytes(
    tmp_path: Path, perfusionist: Document, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The sample's handout needs a remedy (an earlier page break): the first build tries it, the
    cache keeps what was settled on, and a later build lays that out at once, into the same file;
    a damaged plan is ignored."""
    from roleexport.exporters.pdf import layout

    attempts: list[object] = []
    real = layout._attempt

    def counted(*args: object) -> object:
        attempts.append(args[-1])  # where a page break is added (None: none)
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(layout, "_attempt", counted)
    options = ExportOptions(cache_dir=tmp_path)
    clear_cache()
    first = get("pdf").export(perfusionist, load_style(), options)
    tried = len(attempts)
    assert tried >= 3, attempts  # handout: the first layout and its remedy; large print: one
    stored = json.loads((tmp_path / pagecache.FOLDER / f"{perfusionist.meta.slug}.json").read_text())
    assert stored["plans"]["regular"][1] is not None and stored["plans"]["large"] == [False, None]
    clear_cache()
    assert get("pdf").export(perfusionist, load_style(), options) == first
    assert len(attempts) - tried == 2  # one layout per edition
    stored["plans"] = {"regular": "damaged", "large": [1]}
    (tmp_path / pagecache.FOLDER / f"{perfusionist.meta.slug}.json").write_text(json.dumps(stored))
    clear_cache()
    before = len(attempts)
    assert get("pdf").export(perfusionist, load_style(), options) == first
    assert len(attempts) - before == tried
