"""SMIL 1.0 files of a DAISY 2.02 book: one per section, and the ``master.smil`` listing them.

Each section's body is one ``seq`` (its ``dur`` the section's length) of ``par``s, each a
``text`` pointing at a synchronised element of the content document and a ``seq`` holding
its one ``audio`` clip (``clip-begin``/``clip-end`` as ``npt=`` seconds), the shape DAISY
2.02 players and readers such as daisy-dtb expect. The head says how long this file plays
(``ncc:timeInThisSmil``) and how much comes before it (``ncc:totalElapsedTime``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from lxml import etree

from roleexport.xmlstream import xml_bytes

DOCTYPE = '<!DOCTYPE smil PUBLIC "-//W3C//DTD SMIL 1.0//EN" "http://www.w3.org/TR/REC-smil/SMIL10.dtd">'
FORMAT = "Daisy 2.02"


@dataclass(frozen=True, slots=True)
class Par:
    """One synchronised element: the ids the book gives it and its clip."""

    par_id: str
    text_src: str
    audio_src: str
    begin_ms: int
    end_ms: int


def clock(ms: int) -> str:
    """``hh:mm:ss`` rounded to the second (the NCC's ``ncc:totalTime``)."""
    seconds = (ms + 500) // 1000
    return f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


def clock_ms(ms: int) -> str:
    """``hh:mm:ss.sss`` (a SMIL file's times, kept to the millisecond)."""
    return f"{ms // 3_600_000:02d}:{ms // 60_000 % 60:02d}:{ms // 1000 % 60:02d}.{ms % 1000:03d}"


def npt(ms: int) -> str:
    """A clip boundary, ``npt=12.345s``."""
    return f"npt={ms // 1000}.{ms % 1000:03d}s"


def _head(title: str, identifier: str, generator: str, *meta: tuple[str, str]) -> etree._Element:
    """A SMIL file's ``head``: what every file of the book says of it, then ``meta``."""
    head = etree.Element("head")
    common = [("dc:format", FORMAT), ("dc:title", title), ("dc:identifier", identifier), ("ncc:generator", generator)]
    for name, content in [*common, *meta]:
        etree.SubElement(head, "meta", {"name": name, "content": content})
    etree.SubElement(etree.SubElement(head, "layout"), "region", {"id": "txtView"})
    return head


def _serialise(root: etree._Element) -> bytes:
    data: bytes = etree.tostring(root, xml_declaration=True, encoding="utf-8", doctype=DOCTYPE, pretty_print=True)
    return data


def _par(par: Par) -> etree._Element:
    node = etree.Element("par", {"endsync": "last", "id": par.par_id})
    etree.SubElement(node, "text", {"src": par.text_src, "id": f"{par.par_id}-text"})
    clip = {
        "src": par.audio_src,
        "clip-begin": npt(par.begin_ms),
        "clip-end": npt(par.end_ms),
        "id": f"{par.par_id}-audio",
    }
    etree.SubElement(etree.SubElement(node, "seq"), "audio", clip)
    return node


def section(
    title: str, identifier: str, generator: str, pars: Sequence[Par], elapsed_ms: int, duration_ms: int
) -> bytes:
    """One section's SMIL file (written par by par: a six-hour section has tens of thousands)."""
    elapsed, length = ("ncc:totalElapsedTime", clock_ms(elapsed_ms)), ("ncc:timeInThisSmil", clock_ms(duration_ms))
    with xml_bytes(DOCTYPE) as (out, buffer), out.element("smil"):
        out.leaf(_head(title, identifier, generator, elapsed, length, ("title", title)))
        with out.element("body"), out.element("seq", {"dur": f"{duration_ms // 1000}.{duration_ms % 1000:03d}s"}):
            for par in pars:
                out.leaf(_par(par))
    return buffer.getvalue()


def master(title: str, identifier: str, generator: str, files: Sequence[tuple[str, str]], total_ms: int) -> bytes:
    """``master.smil``: every section file in reading order, as (file name, title)."""
    root = etree.Element("smil")
    root.append(_head(title, identifier, generator, ("ncc:timeInThisSmil", clock_ms(total_ms))))
    body = etree.SubElement(root, "body")
    for n, (name, ref_title) in enumerate(files, 1):
        etree.SubElement(body, "ref", {"src": name, "title": ref_title, "id": f"ms-{n}"})
    return _serialise(root)
