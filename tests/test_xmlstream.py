"""``roleexport.xmlstream`` writes element by element exactly what lxml's ``pretty_print``
writes for the whole tree (checked against lxml's own serialiser on random trees)."""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from roleexport.xmlstream import XmlStream, xml_bytes

NS = "http://www.w3.org/ns/SMIL"
DOCTYPE = '<!DOCTYPE smil PUBLIC "-//W3C//DTD SMIL 1.0//EN" "http://www.w3.org/TR/REC-smil/SMIL10.dtd">'

TAGS = st.sampled_from(["seq", "par", "text", "audio", "meta"])
VALUES = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=12)
ATTRIBUTES = st.dictionaries(st.sampled_from(["id", "src", "clipBegin", "name"]), VALUES, max_size=3)


@dataclass
class Node:
    tag: str
    attrib: dict[str, str]
    children: list[Node]
    whole: bool
    """Written with ``leaf`` (with all its children), else opened with ``element``."""


def nodes(depth: int) -> st.SearchStrategy[Node]:
    leaf = st.builds(Node, TAGS, ATTRIBUTES, st.just([]), st.just(True))
    if depth == 0:
        return leaf
    inner = st.builds(Node, TAGS, ATTRIBUTES, st.lists(nodes(depth - 1), min_size=1, max_size=3), st.booleans())
    return st.one_of(leaf, inner)


def tree(node: Node, parent: etree._Element | None, namespace: str | None) -> etree._Element:
    tag = f"{{{namespace}}}{node.tag}" if namespace else node.tag
    if parent is None:  # the namespace, if any, is the default one, declared on the root
        element = etree.Element(tag, node.attrib, nsmap={None: namespace} if namespace else None)
    else:
        element = etree.SubElement(parent, tag, node.attrib)
    for child in node.children:
        tree(child, element, namespace)
    return element


def stream(out: XmlStream, node: Node, namespace: str | None) -> None:
    if node.whole:
        out.leaf(tree(node, None, None))  # a leaf's tags are in the default namespace around it
        return
    with out.element(f"{{{namespace}}}{node.tag}" if namespace else node.tag, node.attrib):
        for child in node.children:
            stream(out, child, namespace)


@given(st.lists(nodes(3), min_size=1, max_size=4), st.booleans())
def test_a_streamed_document_is_the_pretty_printed_tree(children: list[Node], namespaced: bool) -> None:
    namespace = NS if namespaced else None
    root = Node("smil", {"version": "3.0"}, children, False)
    whole = tree(root, None, namespace)
    expected = etree.tostring(whole, xml_declaration=True, encoding="utf-8", doctype=DOCTYPE, pretty_print=True)
    with xml_bytes(DOCTYPE) as (out, buffer):
        nsmap = {None: NS} if namespaced else None
        with out.element(f"{{{NS}}}smil" if namespaced else "smil", root.attrib, nsmap):
            for child in children:
                stream(out, child, namespace)
    assert buffer.getvalue() == expected
