"""Reading a PDF back for the tests: pikepdf for the structure tree, poppler for text and fonts.

Nothing here knows how roleexport writes PDFs; it reads what any PDF/UA reader would read.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pikepdf
import pytest

PAINTING = {"Tj", "TJ", "'", '"', "S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "sh", "Do", "EI"}


def tool(name: str, *args: str) -> str:
    """Run a poppler tool; its absence FAILS the test (CI installs poppler-utils)."""
    if shutil.which(name) is None:
        pytest.fail(
            f"{name} (poppler-utils) is not installed: the PDF tests read files back with it; "
            "install poppler-utils (apt-get install poppler-utils)"
        )
    done = subprocess.run([name, *args], capture_output=True, text=True, check=False)
    assert done.returncode == 0, f"{name} {' '.join(args)} failed: {done.stderr}"
    return done.stdout


@dataclass
class Element:
    """One structure element as read back: role, its dictionary, kids in order."""

    role: str
    obj: pikepdf.Dictionary
    kids: list[Element | tuple[int, int] | pikepdf.Dictionary] = field(default_factory=list)
    parent: Element | None = None

    def walk(self):  # type: ignore[no-untyped-def]
        yield self
        for kid in self.kids:
            if isinstance(kid, Element):
                yield from kid.walk()

    def content_order(self) -> list[tuple[int, int]]:
        """Every MCR below this element in reading order (kids interleaved as they stand)."""
        out: list[tuple[int, int]] = []
        for kid in self.kids:
            if isinstance(kid, tuple):
                out.append(kid)
            elif isinstance(kid, Element):
                out.extend(kid.content_order())
        return out

    def mcrs(self) -> list[tuple[int, int]]:
        """(page index, MCID) of this element's own content, in order."""
        return [k for k in self.kids if isinstance(k, tuple)]


def structure(pdf: pikepdf.Pdf) -> Element:
    """The structure tree under StructTreeRoot; MCRs as (page index, mcid), OBJRs as dictionaries."""
    pages = {p.objgen: i for i, p in enumerate(pdf.pages)}
    root = pdf.Root.StructTreeRoot
    kids = root.K if isinstance(root.K, pikepdf.Array) else [root.K]
    assert len(kids) == 1, "StructTreeRoot must have one Document element"

    def read(obj: pikepdf.Dictionary, parent: Element | None) -> Element:
        el = Element(str(obj.S)[1:], obj, parent=parent)
        k = obj.get("/K")
        items = list(k) if isinstance(k, pikepdf.Array) else ([] if k is None else [k])
        for item in items:
            if isinstance(item, int):
                el.kids.append((pages[obj.Pg.objgen], int(item)))
            elif item.get("/Type") == "/MCR":
                el.kids.append((pages[item.Pg.objgen], int(item.MCID)))
            elif item.get("/Type") == "/OBJR":
                el.kids.append(item)
            else:
                el.kids.append(read(item, el))
        return el

    return read(kids[0], None)


def content_marks(pdf: pikepdf.Pdf, page_index: int) -> tuple[list[int], list[str]]:
    """MCIDs in content order on a page, and painting operators found outside marked content."""
    page = pdf.pages[page_index]
    stack: list[str] = []
    mcids: list[int] = []
    loose: list[str] = []
    for operands, operator in pikepdf.parse_content_stream(page):
        op = str(operator)
        if op == "BDC":
            tag, props = operands
            if isinstance(props, pikepdf.Dictionary) and "/MCID" in props:
                mcids.append(int(props.MCID))
                stack.append("mcid")
            else:
                stack.append(str(tag))
        elif op == "BMC":
            stack.append(str(operands[0]))
        elif op == "EMC":
            stack.pop()
        elif op in PAINTING and not any(s in ("mcid", "/Artifact") for s in stack):
            loose.append(op)
    assert not stack, f"page {page_index + 1}: unbalanced BDC/EMC"
    return mcids, loose


def lines_per_mcid(pdf: pikepdf.Pdf, page_index: int) -> dict[int, int]:
    """How many text lines (T* line ends) each marked-content sequence on a page shows."""
    counts: dict[int, int] = {}
    stack: list[int | None] = []
    for operands, operator in pikepdf.parse_content_stream(pdf.pages[page_index]):
        op = str(operator)
        if op in ("BDC", "BMC"):
            props = operands[1] if op == "BDC" else None
            stack.append(int(props.MCID) if isinstance(props, pikepdf.Dictionary) and "/MCID" in props else None)
        elif op == "EMC":
            stack.pop()
        elif op == "T*" and stack and stack[-1] is not None:
            counts[stack[-1]] = counts.get(stack[-1], 0) + 1
    return counts


def parent_tree(pdf: pikepdf.Pdf) -> dict[int, object]:
    """The ParentTree's number tree flattened (key → array of elements, or one element)."""
    out: dict[int, object] = {}

    def visit(node: pikepdf.Dictionary) -> None:
        if "/Nums" in node:
            nums = list(node.Nums)
            for key, value in zip(nums[::2], nums[1::2], strict=True):
                out[int(key)] = value
        for kid in node.get("/Kids", []):
            visit(kid)

    visit(pdf.Root.StructTreeRoot.ParentTree)
    return out


def struct_words(pdf_path: Path) -> tuple[list[str], list[tuple[str, str]]]:
    """Poppler's reading of the structure tree: the words (list labels left out) and the headings.

    Text pieces inside one block element are joined as they stand; block elements are
    separated by a space, so "program (" + "MS" reads "program (MS" as a reader hears it.
    """
    text: list[str] = []
    heads: list[tuple[str, str]] = []
    skip_below: int | None = None
    current_heading: list[str] | None = None
    heading_indent = -1
    for line in tool("pdfinfo", "-struct-text", str(pdf_path)).splitlines():
        indent = len(line) - len(line.lstrip(" "))
        body = line.strip()
        if skip_below is not None and indent > skip_below:
            continue
        skip_below = None
        if current_heading is not None and indent <= heading_indent:
            heads[-1] = (heads[-1][0], " ".join("".join(current_heading).split()))
            current_heading = None
        if body.startswith('"') and body.endswith('"'):
            text.append(body[1:-1])
            if current_heading is not None:
                current_heading.append(body[1:-1])
            continue
        found = re.match(r"^([A-Za-z0-9]+)(?::)?(?: \((block|inline)\))?:?$", body)
        if not found:
            continue  # an attribute line
        role, kind = found.group(1), found.group(2)
        if role == "Lbl":
            skip_below = indent
            text.append(" ")
            continue
        if kind != "inline":
            text.append(" ")
        if re.fullmatch(r"H[1-6]", role):
            heads.append((role, ""))
            current_heading, heading_indent = [], indent
    if current_heading is not None:
        heads[-1] = (heads[-1][0], " ".join("".join(current_heading).split()))
    return "".join(text).split(), heads


def page_words(pdf_path: Path, page: int) -> list[str]:
    """The words poppler extracts from one page (artifacts included)."""
    return tool("pdftotext", "-f", str(page), "-l", str(page), "-enc", "UTF-8", str(pdf_path), "-").split()
