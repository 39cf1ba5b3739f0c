"""The page's pronunciation lexicon (W3C PLS 1.0), written from the tree's terms.

Built from ``Document.terms``, the same source as the SSML's ``<sub>`` and ``<say-as>``, the
EPUB's ``<abbr>`` and the PDF's ``/E``, so the lexicon can never contradict them. A spelled-out
term gets an alias of spaced letters ("C C P"), the convention ``glossary.load_lexicon`` reads
back; a term with neither alias, phonemes nor spelling is left out (engines say it as written).
"""

from __future__ import annotations

from lxml import etree

from roleexport.model import Document, Term
from roleexport.speech.terms import spelled

PLS_NS = "http://www.w3.org/2005/01/pronunciation-lexicon"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def lexeme(parent: etree._Element, term: Term, default_alphabet: str) -> None:
    """One ``<lexeme>`` for a term that says how it is pronounced."""
    pron = term.pronunciation
    alias = spelled(term.written) if pron.spell_out else pron.alias
    if not alias and not pron.phoneme:
        return
    node = etree.SubElement(parent, f"{{{PLS_NS}}}lexeme")
    etree.SubElement(node, f"{{{PLS_NS}}}grapheme").text = term.written
    if pron.phoneme:
        phoneme = etree.SubElement(node, f"{{{PLS_NS}}}phoneme")
        phoneme.text = pron.phoneme
        if pron.alphabet and pron.alphabet != default_alphabet:
            phoneme.set("alphabet", pron.alphabet)
    if alias:
        etree.SubElement(node, f"{{{PLS_NS}}}alias").text = alias


def pls_document(doc: Document) -> bytes:
    """The lexicon as UTF-8 XML, lexemes in the order of ``doc.terms`` (sorted by the reader)."""
    root = etree.Element(f"{{{PLS_NS}}}lexicon", nsmap={None: PLS_NS})
    root.set("version", "1.0")
    root.set("alphabet", "ipa")
    root.set(XML_LANG, doc.meta.lang)
    for term in doc.terms:
        lexeme(root, term, "ipa")
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))
