"""The written words of each spoken sentence: a block's inlines cut where the speech plan ends
a sentence, so a read-along book can highlight the sentence being read.

The cuts are not a second guess at where sentences end. A candidate cut (after a full stop,
question or exclamation mark and its closing quote or bracket, or between two inline
elements) is taken when the words before it, planned on their own by the speech planner,
are exactly the next sentence of the plan. So "2.5 mg", "e.g.", "U.S." or a URL are never
cut unless the plan (and so the SSML's ``<s>``) cuts them. Where no cut reproduces a sentence
(a full stop inside inline code, say), one written piece carries several spoken sentences,
and the reading app highlights them together.

An emphasis, abbreviation, code or language span is never cut (the plan never ends a
sentence inside one); a link is, when a sentence ends inside its text, into two links to the
same place.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from roleexport import walk
from roleexport.model import Document, Fact, Heading, Inline, Link, Paragraph, Text
from roleexport.speech.plan import Sentence, sentence_splitter, sentence_text

SENTENCE_END = re.compile(r"[.!?…][\"”’»)\]]*(?=\s)")
"""Where a written sentence may end inside a run of text (the cut goes before the space)."""


@dataclass(frozen=True, slots=True)
class Piece:
    """One highlighted stretch of a block: its inlines and how many spoken sentences it says."""

    inlines: tuple[Inline, ...]
    says: int = 1


def span_id(block_id: str, n: int) -> str:
    """The id of a block's ``n``-th sentence (from 1)."""
    return f"{block_id}-s{n}"


@dataclass(frozen=True, slots=True)
class _Leaf:
    """An inline that is never cut, or a run of text, with the link it is in (if any)."""

    node: Inline
    link: Link | None


def _leaves(inlines: tuple[Inline, ...]) -> list[_Leaf]:
    out: list[_Leaf] = []
    for node in inlines:
        if isinstance(node, Link):
            out.extend(_Leaf(child, node) for child in node.children)
        else:
            out.append(_Leaf(node, None))
    return out


Cut = tuple[int, int]
"""(leaf, character): where a piece starts; a character offset only in a run of text."""


def _candidates(leaves: list[_Leaf]) -> list[Cut]:
    cuts: list[Cut] = []
    for n, leaf in enumerate(leaves):
        if n:
            cuts.append((n, 0))
        if isinstance(leaf.node, Text):
            cuts.extend((n, m.end()) for m in SENTENCE_END.finditer(leaf.node.text) if m.end() < len(leaf.node.text))
    return cuts


def _slice(leaves: list[_Leaf], start: Cut, end: Cut) -> tuple[Inline, ...]:
    """The inlines from ``start`` up to ``end``, texts cut, links rebuilt around their leaves."""
    out: list[Inline] = []
    previous: Link | None = None
    for n in range(start[0], min(end[0] + 1, len(leaves))):
        leaf = leaves[n]
        node = leaf.node
        if isinstance(node, Text):
            text = node.text[start[1] if n == start[0] else 0 : end[1] if n == end[0] else len(node.text)]
            if not text:
                continue
            node = Text(text)
        elif n == end[0]:
            break  # an inline that is not text starts the next piece
        last = out[-1] if out else None
        if leaf.link is not None and leaf.link is previous and isinstance(last, Link):
            out[-1] = Link(last.target, (*last.children, node))
        else:
            out.append(Link(leaf.link.target, (node,)) if leaf.link is not None else node)
        previous = leaf.link
    return tuple(out)


def _said(sentences: tuple[Sentence, ...]) -> list[str]:
    return [sentence_text(s, engine=True) for s in sentences]


def pieces(inlines: tuple[Inline, ...], split: Callable[[tuple[Inline, ...]], tuple[Sentence, ...]]) -> list[Piece]:
    """The block's inlines as pieces that together say the plan's sentences, in order; one piece
    (the whole block) when it says one sentence or none."""
    wanted = _said(split(inlines))
    leaves = _leaves(inlines)
    if len(wanted) < 2:
        return [Piece(inlines, len(wanted))]
    end: Cut = (len(leaves), 0)
    out: list[Piece] = []
    start: Cut = (0, 0)
    done = 0
    candidates = _candidates(leaves)
    for n, cut in enumerate(candidates):
        if cut <= start:
            continue
        said = _said(split(_slice(leaves, start, cut)))
        if said and said == wanted[done : done + len(said)] and done + len(said) < len(wanted):
            for later in candidates[n + 1 :]:  # "ARDS" | ". Next": the full stop is the sentence's
                extra = walk.inline_text(_slice(leaves, cut, later))
                if not extra.strip() or _said(split(_slice(leaves, start, later))) != said:
                    break
                cut = later
            out.append(Piece(_slice(leaves, start, cut), len(said)))
            done += len(said)
            start = cut
    out.append(Piece(_slice(leaves, start, end), len(wanted) - done))
    return out


def sentence_pieces(doc: Document) -> dict[str, tuple[Piece, ...]]:
    """Each heading and paragraph spoken as its own unit and said in more than one sentence →
    its pieces. A fact's first value paragraph is said with the fact's label, as one
    highlight; a block whose sentence ids would clash with an id of the page is left whole."""
    split = sentence_splitter(doc)
    nodes = list(walk.iter_blocks(doc.blocks))
    ids = {n.id for n in nodes}
    with_label = {n.value[0].id for n in nodes if isinstance(n, Fact) and n.value and isinstance(n.value[0], Paragraph)}
    out: dict[str, tuple[Piece, ...]] = {}
    for node in nodes:
        if not isinstance(node, Heading | Paragraph) or node.id in with_label:
            continue
        found = pieces(node.children, split)
        if len(found) > 1 and not ids & {span_id(node.id, n) for n in range(1, len(found) + 1)}:
            out[node.id] = tuple(found)
    return out


def spans(found: dict[str, tuple[Piece, ...]]) -> dict[str, tuple[tuple[str, tuple[Inline, ...]], ...]]:
    """The pieces as the HTML writer takes them (``html.book.Layout.sentences``), each with its span's id."""
    return {b: tuple((span_id(b, n), p.inlines) for n, p in enumerate(ps, 1)) for b, ps in found.items()}
