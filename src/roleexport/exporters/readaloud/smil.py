"""SMIL 3.0 media overlay documents (EPUB Media Overlays 3.3), written with lxml.

One overlay per content document: a ``par`` per highlighted element (``text`` by id, ``audio``
with its clip), and a ``seq`` around the pars of a list, fact list, table, quotation, letter
or question and answer, pointing at that structure (``epub:textref``), so reading apps can
skip or escape it. Clock values are written in whole milliseconds.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import ExitStack
from dataclasses import dataclass

from lxml import etree

from roleexport.xmlstream import xml_bytes

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


def _seq(text: str, structure: tuple[str, str]) -> dict[str, str]:
    """The attributes of the ``seq`` around a structure."""
    attrib = {f"{{{EPUB_NS}}}textref": f"{text}#{structure[0]}"}
    kind = ESCAPABLE.get(structure[1])
    if kind:
        attrib[f"{{{EPUB_NS}}}type"] = kind
    return attrib


def _par(n: int, text: str, audio: str, par: Par) -> etree._Element:
    """One ``par``, its tags in the SMIL namespace by the default declared on ``smil``."""
    node = etree.Element("par", {"id": f"par-{n}"})
    etree.SubElement(node, "text", {"src": f"{text}#{par.text_id}"})
    etree.SubElement(node, "audio", {"src": audio, "clipBegin": offset(par.begin_ms), "clipEnd": offset(par.end_ms)})
    return node


def document(text: str, audio: str, pars: Sequence[Par]) -> bytes:
    """The overlay of content document ``text`` (href) whose clips are in ``audio`` (href),
    written par by par (a six-hour page has tens of thousands)."""
    root = f"{{{SMIL}}}smil", {"version": "3.0"}, {None: SMIL, "epub": EPUB_NS}
    with (
        xml_bytes() as (out, buffer),
        out.element(*root),
        out.element(f"{{{SMIL}}}body", {f"{{{EPUB_NS}}}textref": text}),
        ExitStack() as whole,
    ):
        open_: list[tuple[tuple[str, str], ExitStack]] = []
        for n, par in enumerate(pars, 1):
            depth = 0
            while depth < min(len(open_), len(par.within)) and open_[depth][0] == par.within[depth]:
                depth += 1
            for _, closing in reversed(open_[depth:]):
                closing.close()
            del open_[depth:]
            for structure in par.within[depth:]:
                level = whole.enter_context(ExitStack())
                level.enter_context(out.element(f"{{{SMIL}}}seq", _seq(text, structure)))
                open_.append((structure, level))
            out.leaf(_par(n, text, audio, par))
    return buffer.getvalue()
