"""Sentence-level synchronisation read back: the sentences are the SSML's ``<s>`` elements, and
each sentence of a heading, paragraph or list item is heard in one ``par`` whose text is a
``span`` of that block (a block said in one sentence is its own target, as before).

Shared by the read-along EPUB's and the DAISY book's tests, the random-tree tests and the
bad-input batch. The SSML comes from the ``ssml`` exporter, the content documents and pars
from the book under test; the only thing taken from roleexport besides is the speech plan's
units, to know which ``<s>`` belong to which block (the SSML groups a list's items in one
``<p>``).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from lxml import etree

from roleexport import walk
from roleexport.exporters import ExportOptions, get
from roleexport.model import Document, Heading, ListItem, Paragraph
from roleexport.speech.plan import Settings, build_plan
from roleexport.styles import load_style

SSML = "{http://www.w3.org/2001/10/synthesis}"
XHTML = "{http://www.w3.org/1999/xhtml}"


@dataclass(frozen=True)
class Target:
    """A par's text target: the content document and the id."""

    text_file: str
    text_id: str


def tokens(text: str) -> list[str]:
    """Words of letters and digits, lower case: what a written sentence and its ``<s>`` share
    (the ``<s>`` keeps each term's written form; symbols may be said in words)."""
    text = unicodedata.normalize("NFKC", text)  # "SpO₂" is "SpO2" in the SSML
    kept = "".join(c if unicodedata.category(c)[0] in "LMN" else " " for c in text)
    return [w.lower() for w in kept.split()]


def ssml_sentences(doc: Document) -> list[str]:
    """The text of every ``<s>`` of the page's SSML, in order."""
    style = load_style()
    files = get("ssml").export(doc, style, ExportOptions())
    root = etree.fromstring(files[f"{doc.meta.slug}.ssml"])
    return ["".join(s.itertext()) for s in root.iter(f"{SSML}s")]


def _element_of(doc: Document) -> dict[str, str]:
    """Block id of a heading, paragraph or list item → the id of the element its words are in."""
    out: dict[str, str] = {}
    for node in walk.iter_blocks(doc.blocks):
        if isinstance(node, Heading | Paragraph):
            out[node.id] = node.id
        elif isinstance(node, ListItem) and node.blocks and isinstance(node.blocks[0], Paragraph):
            out[node.id] = node.blocks[0].id
    return out


def check_sentences(
    doc: Document, targets: Sequence[Target], contents: dict[str, etree._Element], strict: bool = True
) -> int:
    """Check the pars against the SSML's sentences; how many blocks are read sentence by sentence.

    ``strict``: every sentence of a block is its own par. Otherwise (random text, where a full
    stop may sit inside an image's description) a par may read several sentences of a block,
    but never part of one, and never a sentence of two blocks.
    """
    said = ssml_sentences(doc)
    plan = build_plan(doc, Settings.for_page(doc, load_style()))
    counts = [0 if u.role == "pause" else max(1, len(u.sentences)) for u in plan.units]
    assert sum(counts) == len(said), "the plan's sentences are the SSML's"
    elements = {
        e.get("id"): (name, e) for name, root in contents.items() for e in root.iter() if isinstance(e.tag, str)
    }
    assert len({(t.text_file, t.text_id) for t in targets}) == len(targets), "one par per element"
    element_of = _element_of(doc)
    blocks = set(element_of.values())
    read: dict[str, list[etree._Element]] = {}  # block id → the elements of its pars, in order
    for t in targets:
        name, target = elements[t.text_id]
        assert name == t.text_file, t
        parent = target.getparent()
        owner = t.text_id if t.text_id in blocks else parent.get("id") if parent is not None else None
        if owner in blocks:
            read.setdefault(owner, []).append(target)
    position, split = 0, 0
    for unit, count in zip(plan.units, counts, strict=True):
        mine = said[position : position + count]
        position += count
        block = element_of.get(unit.block_id)
        if block is None or block not in elements:
            continue  # a fact, a row, code, a cue: one par as before (``test_readaloud``'s checks)
        element = elements[block][1]
        inside = read.get(block, [])
        assert inside, f"{block} is not read"
        if len(inside) == 1 and inside[0] is element:
            assert not strict or count == 1 or not unit.sentences, f"{block}: {count} sentences in one par"
            continue
        split += 1
        assert all(e.tag == f"{XHTML}span" and e.getparent() is element for e in inside), block
        assert not strict or len(inside) == count == len(unit.sentences), (block, len(inside), count)
        assert 1 < len(inside) <= count, (block, len(inside), count)
        spans = [tokens("".join(e.itertext())) for e in inside]
        assert [w for s in spans for w in s] == tokens("".join(element.itertext())), f"{block}: words outside spans"
        if strict:
            label = tokens(unit.label)
            for n, (span, sentence) in enumerate(zip(spans, mine, strict=True)):
                heard = tokens(sentence)[len(label) if n == 0 else 0 :]
                # the same words, starting alike; the <s> may say a symbol in words ("4 to 8")
                assert span[:1] == heard[:1] and _within(span, heard), (block, n, span, heard)
    return split


def _within(needle: list[str], haystack: list[str]) -> bool:
    it = iter(haystack)
    return all(word in it for word in needle)
