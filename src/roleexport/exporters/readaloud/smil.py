"""SMIL 3.0 media overlay documents (EPUB Media Overlays 3.3), built with lxml.

One overlay per content document: a ``par`` per highlighted element (``text`` by id, ``audio``
with its clip), and a ``seq`` around the pars of a list, fact list, table, quotation, letter
or question and answer, pointing at that structure (``epub:textref``), so reading apps can
skip or escape it. Clock values are written in whole milliseconds.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from lxml import etree

SMIL = "http://www.w3.org/ns/SMIL"
EPUB_NS = "http://www.idpf.org/2007/ops"
MEDIA_TYPE = "application/smil+xml"

ESCAPABLE = {"ul": "list", "ol": "list", "dl": "list", "table": "table"}
"""Structures a reader may escape, and their ``epub:type`` (EPUB Media Overlays 3.3, 4.5)."""


@dataclass(frozen=True)
class Par:
    """One highlighted element and its clip of the audio file, in milliseconds."""

    text_id: str
    begin_ms: int
    end_ms: int
    within: tuple[tuple[str, str], ...] = ()
    """(id, tag) of the structures around the element, outermost first (each becomes a ``seq``)."""


def clock(ms: int) -> str:
    """A SMIL full clock value, ``H:MM:SS.mmm``."""
    return f"{ms // 3_600_000}:{ms // 60_000 % 60:02d}:{ms // 1000 % 60:02d}.{ms % 1000:03d}"


def offset(ms: int) -> str:
    """A SMIL timecount in seconds with milliseconds (``12.345s``)."""
    return f"{ms // 1000}.{ms % 1000:03d}s"


def _seq(parent: etree._Element, text: str, structure: tuple[str, str]) -> etree._Element:
    seq = etree.SubElement(parent, f"{{{SMIL}}}seq", {f"{{{EPUB_NS}}}textref": f"{text}#{structure[0]}"})
    kind = ESCAPABLE.get(structure[1])
    if kind:
        seq.set(f"{{{EPUB_NS}}}type", kind)
    return seq


def document(text: str, audio: str, pars: Sequence[Par]) -> bytes:
    """The overlay of content document ``text`` (href) whose clips are in ``audio`` (href)."""
    root = etree.Element(f"{{{SMIL}}}smil", {"version": "3.0"}, nsmap={None: SMIL, "epub": EPUB_NS})
    body = etree.SubElement(root, f"{{{SMIL}}}body", {f"{{{EPUB_NS}}}textref": text})
    open_: list[tuple[tuple[str, str], etree._Element]] = []
    for n, par in enumerate(pars, 1):
        depth = 0
        while depth < min(len(open_), len(par.within)) and open_[depth][0] == par.within[depth]:
            depth += 1
        del open_[depth:]
        for structure in par.within[depth:]:
            open_.append((structure, _seq(open_[-1][1] if open_ else body, text, structure)))
        node = etree.SubElement(open_[-1][1] if open_ else body, f"{{{SMIL}}}par", {"id": f"par-{n}"})
        etree.SubElement(node, f"{{{SMIL}}}text", {"src": f"{text}#{par.text_id}"})
        etree.SubElement(
            node, f"{{{SMIL}}}audio", {"src": audio, "clipBegin": offset(par.begin_ms), "clipEnd": offset(par.end_ms)}
        )
    data: bytes = etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True)
    return data
