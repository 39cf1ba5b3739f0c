"""Elements and serialisation in one of the HTML dialects, built with lxml (escaped by construction).

The same tree of elements can be written as XHTML (an XML document in the XHTML namespace,
as EPUB and DAISY need) or as HTML5 (the HTML syntax a browser expects of a web page); a
dialect says which, and whether HTML5's sectioning elements and ARIA may be used.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

XHTML = "http://www.w3.org/1999/xhtml"
EPUB_NS = "http://www.idpf.org/2007/ops"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

# Characters XML 1.0 (and HTML) cannot carry (lxml refuses them): dropped rather than failing the build.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

# Elements whose content is text: pretty printing must not add whitespace inside them.
_PHRASING = (
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "dt",
    "th",
    "td",
    "pre",
    "a",
    "em",
    "strong",
    "abbr",
    "span",
    "code",
)


# HTML syntax (WHATWG): elements with no end tag, elements whose text is not escaped, and the
# containers between whose children a line break is only layout.
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_RAW = {"style", "script"}
_CONTAINERS = {"html", "head", "body", "header", "nav", "main", "footer", "section", "div", "ul", "ol", "dl"}
_CONTAINERS |= {"blockquote", "table", "thead", "tbody", "tr", "figure"}


def _escape(text: str, quote: bool = False) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace('"', "&quot;") if quote else text


def _html(element: etree._Element, out: list[str]) -> None:
    """One element in HTML syntax (lxml's HTML writer is HTML 4's: it closes ``<track>``)."""
    tag = str(element.tag)
    attrs = "".join(f' {k}="{_escape(str(v), quote=True)}"' for k, v in element.attrib.items())
    out.append(f"<{tag}{attrs}>")
    if tag in _VOID:
        return
    if tag in _RAW:
        text = element.text or ""
        if f"</{tag}" in text.lower():
            raise ValueError(f"<{tag}> content cannot hold '</{tag}'")
        out.append(text)
    else:
        out.append(_escape(element.text or ""))
        for child in element:
            if tag in _CONTAINERS:
                out.append("\n")
            _html(child, out)
            out.append(_escape(child.tail or ""))
        if tag in _CONTAINERS and len(element):
            out.append("\n")
    out.append(f"</{tag}>")


def clean(text: str) -> str:
    """Text safe for XML 1.0."""
    return _NOT_XML.sub("", text)


@dataclass(frozen=True, slots=True)
class Dialect:
    """How elements are named and written."""

    xml: bool
    """XHTML (an XML document, elements in the XHTML namespace) rather than HTML syntax."""
    html5: bool = True
    """HTML5's ``section``/``nav``/``main`` and ARIA may be used (not in XHTML 1.0)."""
    doctype: str = "<!DOCTYPE html>"

    def tag(self, name: str) -> str:
        """An element's qualified name (``{namespace}name`` in XHTML)."""
        return f"{{{XHTML}}}{name}" if self.xml else name

    def h(self, tag: str, attrib: dict[str, str] | None = None, parent: etree._Element | None = None) -> etree._Element:
        """An element (``epub:`` prefixed attribute names go to the OPS namespace)."""
        attrs = {(f"{{{EPUB_NS}}}{k[5:]}" if k.startswith("epub:") else k): v for k, v in (attrib or {}).items()}
        if parent is None:
            nsmap = {None: XHTML, "epub": EPUB_NS} if self.xml and self.html5 else {None: XHTML} if self.xml else None
            return etree.Element(self.tag(tag), attrs, nsmap=nsmap)
        return etree.SubElement(parent, self.tag(tag), attrs)

    def set_lang(self, element: etree._Element, lang: str) -> None:
        """``lang``, and ``xml:lang`` too in XHTML (EPUB reading systems read either)."""
        element.set("lang", lang)
        if self.xml:
            element.set(XML_LANG, lang)

    def serialize(self, root: etree._Element) -> bytes:
        """The document with its doctype, indented between blocks only.

        An empty text node in every text-bearing element keeps libxml2's pretty printer from
        indenting inside it, where added whitespace would change the words (``<pre>``, or two
        adjacent inlines).
        """
        for element in root.iter(*(self.tag(t) for t in _PHRASING)):
            if len(element) and element.text is None:
                element.text = ""
        if self.xml:
            data: bytes = etree.tostring(
                root, xml_declaration=True, encoding="utf-8", doctype=self.doctype, pretty_print=True
            )
            return data
        out = [self.doctype, "\n"]
        _html(root, out)
        out.append("\n")
        return "".join(out).encode("utf-8")


XHTML5 = Dialect(xml=True)
"""EPUB 3 content documents: XHTML syntax, HTML5 elements, the ``epub:`` namespace."""
XHTML1 = Dialect(
    xml=True,
    html5=False,
    doctype='<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">',
)
"""XHTML 1.0 Strict (DAISY 2.02 content documents): no sectioning elements, no ARIA."""
HTML5 = Dialect(xml=False)
"""A web page: HTML syntax."""
