"""The shared HTML writer in its three dialects: the same content, ids and outline; each
dialect's own syntax (XHTML5 for EPUB, XHTML 1.0 for DAISY, HTML5 for the web page)."""

from __future__ import annotations

import warnings

import html5lib
import pytest
from lxml import etree

from roleexport.html.book import Chapter, Layout, build, document, link_in_page
from roleexport.html.markup import HTML5, XHTML, XHTML1, XHTML5, Dialect
from roleexport.i18n import catalogue
from roleexport.model import Document
from roleexport.walk import iter_blocks, outline, plain_text, words

from .html_checks import text as _text


def _render(doc: Document, dialect: Dialect) -> bytes:
    def shell(d: Document, name: str, heading: str) -> Chapter:
        return document(dialect, d, name, heading)

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        book = build(doc, Layout(dialect, shell, catalogue(doc.meta.lang), None, lambda n: "page", link_in_page))
    return dialect.serialize(book.chapters[0].html)


@pytest.mark.parametrize("dialect", [XHTML5, XHTML1, HTML5], ids=["xhtml5", "xhtml1", "html5"])
def test_every_dialect_holds_the_same_words_ids_and_outline(perfusionist: Document, dialect: Dialect) -> None:
    data = _render(perfusionist, dialect)
    root = etree.fromstring(data) if dialect.xml else html5lib.HTMLParser(strict=True).parse(data)
    ns = f"{{{XHTML}}}"
    body = root.find(f"{ns}body")
    assert words(_text(body)) == words(plain_text(perfusionist))
    heads = [e for e in body.iter() if isinstance(e.tag, str) and e.tag[len(ns) :] in {"h1", "h2", "h3", "h4"}]
    assert [int(e.tag[-1]) for e in heads] == [level for level, _ in outline(perfusionist)]
    ids = {e.get("id") for e in body.iter() if isinstance(e.tag, str) and e.get("id")}
    assert {n.id for n in iter_blocks(perfusionist.blocks) if not n.id.startswith("li-")} - ids == set()
    tags = {e.tag[len(ns) :] for e in body.iter() if isinstance(e.tag, str)}
    attrs = {a for e in body.iter() if isinstance(e.tag, str) for a in e.attrib}
    if dialect is XHTML1:  # XHTML 1.0 Strict: no HTML5 sectioning, no ARIA
        assert "section" not in tags and "aria-labelledby" not in attrs
        assert data.startswith(b"<?xml") and b"-//W3C//DTD XHTML 1.0 Strict//EN" in data
        assert b'<meta http-equiv="Content-Type" content="text/html; charset=utf-8"/>' in data
    else:
        assert "section" in tags and "aria-labelledby" in attrs
    assert ("{http://www.w3.org/XML/1998/namespace}lang" in root.attrib) == dialect.xml
