"""Speech plan → SSML 1.1, built with lxml so that no page text can become markup.

Structure a listener can hear: a pause, a ``<mark>`` (the heading id) and strong emphasis at
each heading; ``<p>`` and ``<s>``; list items and facts as sentences of one paragraph with a
short break between them. Terms become ``<say-as interpret-as="characters">`` (spelled) or
``<sub alias>`` (said as a word).

espeak-ng reads a full stop as "dot" right after a closing tag ("</sub>.") and, at the end of
an ``<s>``, after a bracket, quote or hyphenated term ("(training).</s>"). So a sentence's
closing full stop is left out (``</s>`` ends the sentence; "?" and "!" stay for their
intonation), and a full stop inside a sentence right after an element is moved inside it.
"""

from __future__ import annotations

from itertools import groupby
from typing import assert_never

from lxml import etree

from roleexport.speech.letters import SUBSCRIPTS
from roleexport.speech.plan import Foreign, Plan, Said, Segment, Sentence, Stress, Unit, Words
from roleexport.xmltext import append_text

SSML_NS = "http://www.w3.org/2001/10/synthesis"
XML_NS = "http://www.w3.org/XML/1998/namespace"
LEXICON_ID = "terms"


def _tag(name: str) -> str:
    return f"{{{SSML_NS}}}{name}"


def _segments(parent: etree._Element, segments: tuple[Segment, ...]) -> None:
    for seg in segments:
        match seg:
            case Words(text=t):
                append_text(parent, t)
            case Said(saying=s):
                plain = s.written.translate(SUBSCRIPTS)
                one_by_one = " ".join(c.upper() for c in plain) == s.said.upper()
                if s.how == "spell" and plain.isascii() and plain.isalnum() and one_by_one:
                    # "SpO₂" as "SpO2": espeak-ng spells a subscript digit as "subscript two";
                    # "B12" ("B 12") is not one character at a time: it takes the alias below
                    node = etree.SubElement(parent, _tag("say-as"), {"interpret-as": "characters"})
                    node.text = plain
                    continue
                if s.how in ("spell", "alias"):
                    node = etree.SubElement(parent, _tag("sub"), {"alias": s.engine_said})
                elif s.phoneme:
                    node = etree.SubElement(parent, _tag("phoneme"), {"ph": s.phoneme})
                    if s.alphabet:
                        node.set("alphabet", s.alphabet)
                else:
                    append_text(parent, s.written)
                    continue
                node.text = s.written
            case Stress(children=c):
                _segments(etree.SubElement(parent, _tag("emphasis")), c)
            case Foreign(lang=lang, children=c):
                _segments(etree.SubElement(parent, _tag("lang"), {f"{{{XML_NS}}}lang": lang}), c)
            case _:
                assert_never(seg)


def _full_stops_inside(parent: etree._Element) -> None:
    """Move a full stop that follows a closing tag into that element (see module docstring)."""
    for node in parent.iter():
        if node is parent or not node.tail or not node.tail.startswith("."):
            continue
        rest = node.tail[1:]
        if rest and not rest[0].isspace():
            continue  # "…</sub>.5": not a full stop
        node.tail = rest or None
        name = etree.QName(node).localname
        if name == "sub":
            node.set("alias", node.get("alias", "") + ".")
            if not (node.text or "").endswith("."):  # "etc." keeps its own full stop
                node.text = (node.text or "") + "."
        elif name in ("emphasis", "lang", "prosody"):
            append_text(node, ".")
        # say-as, phoneme: dropped; the enclosing <s> ends the sentence


def _drop_closing_full_stop(node: etree._Element) -> None:
    """Remove the full stop that ends the text of ``node`` (its last text, at any depth)."""
    if len(node):
        last = node[-1]
        if last.tail and last.tail.strip():
            if last.tail.rstrip().endswith(".") and not last.tail.rstrip().endswith(".."):
                last.tail = last.tail.rstrip()[:-1]
            return
        _drop_closing_full_stop(last)
    elif node.text and node.text.rstrip().endswith(".") and not node.text.rstrip().endswith(".."):
        node.text = node.text.rstrip()[:-1]


def _sentence(parent: etree._Element, sentence: Sentence, stressed: bool = False, label: str = "") -> None:
    s = etree.SubElement(parent, _tag("s"))
    if label:
        s.text = f"{label}: "
    target = etree.SubElement(s, _tag("emphasis"), {"level": "strong"}) if stressed else s
    _segments(target, sentence.segments)
    _drop_closing_full_stop(s)
    _full_stops_inside(s)


def _break(parent: etree._Element, ms: int) -> None:
    if ms > 0:
        etree.SubElement(parent, _tag("break"), {"time": f"{ms}ms"})


def _heading(parent: etree._Element, unit: Unit) -> None:
    _break(parent, unit.pause_before)
    p = etree.SubElement(parent, _tag("p"))
    etree.SubElement(p, _tag("mark"), {"name": unit.block_id})
    for i, sentence in enumerate(unit.sentences):
        _sentence(p, sentence, stressed=True, label=unit.label if i == 0 else "")
    if not unit.sentences:  # a heading with nothing to say ("→") is still announced
        etree.SubElement(p, _tag("s")).text = unit.label


def _group(parent: etree._Element, units: list[Unit]) -> None:
    """Units sharing a ``<p>``: a list's items, a fact group; short breaks between them."""
    _break(parent, units[0].pause_before)
    p = etree.SubElement(parent, _tag("p"))
    for n, unit in enumerate(units):
        if n:
            _break(p, unit.pause_before)
        for i, sentence in enumerate(unit.sentences):
            _sentence(p, sentence, label=unit.label if i == 0 else "")


def ssml_document(plan: Plan, lexicon_uri: str | None) -> bytes:
    """The SSML 1.1 document for a plan; ``lexicon_uri`` names the PLS written beside it."""
    root = etree.Element(_tag("speak"), nsmap={None: SSML_NS})
    root.set("version", "1.1")
    root.set(f"{{{XML_NS}}}lang", plan.lang)
    body = root
    if lexicon_uri:
        etree.SubElement(
            root,
            _tag("lexicon"),
            {
                "uri": lexicon_uri,
                f"{{{XML_NS}}}id": LEXICON_ID,
                "type": "application/pls+xml",
            },
        )
        body = etree.SubElement(root, _tag("lookup"), {"ref": LEXICON_ID})
    for key, run in groupby(plan.units, key=lambda u: (u.role, u.group) if u.group else (u.block_id, id(u))):
        units = list(run)
        first = units[0]
        if first.role in ("heading", "question"):
            _heading(body, first)
        elif first.role == "pause":
            continue  # its silence is in the next unit's pause
        else:
            _group(body, units)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))
