"""Property-based tests: any markdown reads or fails with our error; any tree exports."""

from __future__ import annotations

import itertools
import warnings
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from roleexport import exporters
from roleexport.errors import RoleExportError, SourceError
from roleexport.exporters import ExportOptions
from roleexport.model import Document, Heading
from roleexport.reader import read_text
from roleexport.styles import load_style
from roleexport.walk import headings, iter_blocks, outline

from .strategies import documents, markdown_text

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(markdown_text)
def test_any_markdown_reads_into_a_sound_tree_or_fails_with_a_source_error(text: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            doc = read_text(text, Path("random.md"))
        except SourceError:
            return
    levels = [level for level, _ in outline(doc)]
    assert levels[0] == 1 or any(isinstance(b, Heading) and b.level == 1 for b in doc.blocks)
    assert all(b <= a + 1 for a, b in itertools.pairwise(levels)), levels
    ids = [b.id for b in iter_blocks(doc.blocks)]
    assert len(ids) == len(set(ids)), "block ids must be unique"
    assert len({h.id for h in headings(doc)}) == len(headings(doc))


FAST_FORMATS = [name for name in exporters.names() if name != "audio"]


@pytest.mark.parametrize("fmt", FAST_FORMATS)
def test_any_tree_exports_or_fails_with_our_error(fmt: str) -> None:
    exporter = exporters.get(fmt)
    style = load_style()

    @settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(documents())
    def check(doc: Document) -> None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                files = exporter.export(doc, style, ExportOptions())
            except RoleExportError:
                return
        assert sorted(files) == sorted(exporter.outputs(doc))
        assert all(data for data in files.values())

    check()
