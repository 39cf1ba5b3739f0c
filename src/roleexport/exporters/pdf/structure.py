"""The structure tree being built: elements, their content references, inline registry.

Layout creates block elements in reading order; inline elements (Span, Link) are placed among
their parent's content only when their text is drawn, so each element's kids stay in content
order. Pure data: the canvas turns it into PDF objects when it saves.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Mcr:
    """A marked-content reference: MCID ``mcid`` on page ``page`` (0-based)."""

    page: int
    mcid: int


@dataclass(frozen=True, slots=True)
class Objr:
    """An object reference to the link annotation named ``annot`` on page ``page``."""

    page: int
    annot: str


class StructNode:
    """One structure element; ``kids`` in reading order (elements, Mcr, Objr)."""

    __slots__ = ("attached", "attrs", "kids", "parent", "role")

    def __init__(
        self, role: str, parent: StructNode | None = None, attrs: dict[str, Any] | None = None, attached: bool = True
    ) -> None:
        self.role = role
        self.parent = parent
        self.attrs = attrs or {}
        self.kids: list[StructNode | Mcr | Objr] = []
        self.attached = attached and parent is not None
        if self.attached and parent is not None:
            parent.kids.append(self)

    def child(self, role: str, **attrs: Any) -> StructNode:
        """A block-level child, placed now (layout order is reading order)."""
        return StructNode(role, self, attrs)

    def inline(self, role: str, **attrs: Any) -> StructNode:
        """An inline child, placed among its parent's content only when its text is drawn."""
        return StructNode(role, self, attrs, attached=False)

    def attach(self) -> None:
        if not self.attached and self.parent is not None:
            self.parent.attach()
            self.parent.kids.append(self)
            self.attached = True

    def walk(self) -> Iterator[StructNode]:
        yield self
        for kid in self.kids:
            if isinstance(kid, StructNode):
                yield from kid.walk()

    def has_content(self) -> bool:
        """Whether anything was drawn for it; an empty table cell still counts, or its row would be short."""
        if self.role in ("TD", "TH"):
            return True
        return any(not isinstance(k, StructNode) or k.has_content() for k in self.kids)


@dataclass
class Tagging:
    """The structure of one rendering: the root and the registry of inline elements."""

    root: StructNode
    inline: list[StructNode] = field(default_factory=list)
    links: dict[int, tuple[str, str]] = field(default_factory=dict)
    """Link number → (target, text for the annotation's /Contents)."""

    def add_inline(self, node: StructNode) -> int:
        self.inline.append(node)
        return len(self.inline) - 1


def prune(node: StructNode) -> None:
    """Drop elements that ended up with no content (an empty span); PDF/UA wants none."""
    node.kids = [k for k in node.kids if not isinstance(k, StructNode) or k.has_content()]
    for kid in node.kids:
        if isinstance(kid, StructNode):
            prune(kid)
