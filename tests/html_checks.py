"""Reading a web page back as a browser lays it out: its text, its ``main``, what follows its title.

Shared by the web page tests, the CommonMark corpus and the random-tree tests (html5lib trees
with namespaced elements).
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

H = "{http://www.w3.org/1999/xhtml}"

BLOCKS = {"p", "li", "dt", "dd", "div", "section", "td", "th", "pre", "blockquote", "figure", "figcaption", "hr"}
BLOCKS |= {"h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "dl", "table", "tr", "nav", "main", "header", "footer", "br"}


def pieces(element: Any) -> Iterator[str]:
    """Text as a browser lays it out: inline elements run on, block elements stand apart."""
    block = isinstance(element.tag, str) and element.tag[len(H) :] in BLOCKS
    if block:
        yield " "
    yield element.text or ""
    for child in element:
        if isinstance(child.tag, str):
            yield from pieces(child)
        yield child.tail or ""
    if block:
        yield " "


def text(element: Any) -> str:
    return " ".join("".join(pieces(element)).split())


def main_of(root: Any) -> Any:
    mains = root.findall(f".//{H}main")
    assert len(mains) == 1
    return mains[0]


def after_title(root: Any) -> list[Any]:
    """The elements that follow the page's H1, its siblings."""
    parent = next(p for p in main_of(root).iter() if any(c.tag == f"{H}h1" for c in p))
    children = list(parent)
    return children[[c.tag for c in children].index(f"{H}h1") + 1 :]


def tree_words(root: Any) -> str:
    """The text of ``main`` less what the page adds there (the contents list, the player)."""
    main = copy.deepcopy(main_of(root))
    added = [e for e in main.iter() if e.tag == f"{H}nav" or (e.tag == f"{H}figure" and e.get("class") == "listen")]
    assert added, "the contents list is inside main"
    for parent in list(main.iter()):
        for child in list(parent):
            if child in added:
                assert not (child.tail or "").strip()
                parent.remove(child)
    return text(main)
