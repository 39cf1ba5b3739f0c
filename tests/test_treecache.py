"""The parsed tree kept in the cache folder (``roleexport.treecache``): a later build of an
unchanged page uses it, with the same outputs and the same warnings; anything the tree or a
warning depends on (the page, the glossary beside it, an image file appearing) reads the page
again; a damaged or foreign entry is read again, never trusted."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given, settings

from roleexport import treecache, walk
from roleexport.build import BuildRequest, SourceResult, build
from roleexport.exporters import ExportOptions
from roleexport.model import Document
from tests.strategies import documents

PAGE = """---
title: Network Engineer
lang: en-US
---
# Network Engineer

Network engineers keep a company's LAN and WAN up, from 1 Gbit/s access switches to the
10 Gbit/s core, for about $95,000 a year.

![](diagram.png)

## Duties

- Patch switches before 6 a.m. on Sundays.
- Answer tickets at https://example.org/helpdesk within 4 hours.
"""


def _build(page: Path, out: Path, cache: Path, parsed: list[Path]) -> SourceResult:
    """The page's SSML, narration and web page into ``out`` (forced), noting each time it is parsed."""
    from roleexport import reader

    read_source = reader.read_source

    def noted(path: Path, *args: object) -> Document:
        parsed.append(path)
        return read_source(path)

    reader.read_source = noted  # type: ignore[assignment]
    try:
        request = BuildRequest(out, ("ssml", "narration", "html"), options=ExportOptions(cache_dir=cache), force=True)
        (result,) = build([page], request)
    finally:
        reader.read_source = read_source  # type: ignore[assignment]
    assert result.ok, result.failures
    return result


def _files(out: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file() and p.suffix != ".json"
    }


def test_an_unchanged_page_is_not_parsed_again_and_gives_the_same_files_and_warnings(tmp_path: Path) -> None:
    page, cache, parsed = tmp_path / "network-engineer.md", tmp_path / "cache", []
    page.write_text(PAGE, encoding="utf-8")
    first = _build(page, tmp_path / "a", cache, parsed)
    second = _build(page, tmp_path / "b", cache, parsed)
    assert parsed == [page]  # the second build took the tree from the cache
    assert len(list((cache / "tree").iterdir())) == 1
    assert _files(tmp_path / "a") == _files(tmp_path / "b")
    assert any("no alt text" in w for w in first.warnings)
    assert second.warnings == first.warnings


def test_what_the_tree_or_its_warnings_depend_on_reads_the_page_again(tmp_path: Path) -> None:
    page, cache, parsed = tmp_path / "network-engineer.md", tmp_path / "cache", []
    page.write_text(PAGE.replace("![](diagram.png)", "![A diagram](diagram.png)"), encoding="utf-8")
    assert any("diagram.png" in w and "not found" in w for w in _build(page, tmp_path / "a", cache, parsed).warnings)
    (tmp_path / "diagram.png").write_bytes(b"\x89PNG\r\n\x1a\n")  # the image file appears
    assert not any("not found" in w for w in _build(page, tmp_path / "b", cache, parsed).warnings)
    (tmp_path / "glossary.yaml").write_text("abbreviations:\n  WAN: wide-area carrier network\n", encoding="utf-8")
    third = _build(page, tmp_path / "c", cache, parsed)
    assert (
        "wide-area carrier network" not in (tmp_path / "b" / "network-engineer" / "network-engineer.html").read_text()
    )
    assert "wide-area carrier network" in (tmp_path / "c" / "network-engineer" / "network-engineer.html").read_text()
    page.write_text(PAGE.replace("Sundays", "Saturdays"), encoding="utf-8")
    _build(page, tmp_path / "d", cache, parsed)
    assert "Saturdays" in (tmp_path / "d" / "network-engineer" / "network-engineer.txt").read_text()
    assert parsed == [page] * 4
    assert third.ok


def test_a_damaged_or_foreign_entry_is_read_again_never_trusted(tmp_path: Path) -> None:
    page, cache, parsed = tmp_path / "network-engineer.md", tmp_path / "cache", []
    page.write_text(PAGE, encoding="utf-8")
    _build(page, tmp_path / "a", cache, parsed)
    (entry,) = (cache / "tree").iterdir()
    intact = json.loads(entry.read_bytes())
    foreign = json.loads(json.dumps(intact).replace('"type": "Paragraph"', '"type": "Popen"', 1))
    torn = entry.read_bytes()[:100]
    for damaged in (torn, json.dumps(foreign).encode(), json.dumps({**intact, "format": 0}).encode()):
        entry.write_bytes(damaged)
        _build(page, tmp_path / "b", cache, parsed)
        assert _files(tmp_path / "a") == _files(tmp_path / "b")
    assert parsed == [page] * 4  # each damaged entry was read again (and rewritten whole)
    assert json.loads(entry.read_bytes()) == intact


@settings(max_examples=150, deadline=None)
@given(documents())
def test_any_tree_survives_its_cache_form(doc: Document) -> None:
    """Every kind of node, nested any way the model allows, comes back equal from its JSON."""
    assert treecache._node(json.loads(json.dumps(walk.to_data(doc)))) == doc
