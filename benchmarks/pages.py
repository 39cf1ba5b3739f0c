"""The benchmark's pages: N distinct variants of one source, and the same pages for the peers.

Variants keep every construct of the sample (facts, lists, the letter, questions) so each
exporter does its real work; they differ in title, slug and paragraph order, and some
paragraphs are repeated, so no output can be served from another page's. The peers get the
same text: pandoc reads the markdown itself (front matter as metadata); Typst and WeasyPrint
get a ``.typ`` and an ``.html`` made here with markdown-it-py, before any clock starts.
"""

from __future__ import annotations

import html
import random
import re
import shutil
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.attrs import attrs_plugin
from mdit_py_plugins.container import container_plugin
from mdit_py_plugins.deflist import deflist_plugin

FRONT_MATTER = re.compile(r"\A---\n(.*?\n)---\n", re.DOTALL)
NOT_PARAGRAPH = re.compile(r"^(#|[-*+] |: |:::|>|\||\d+[.)] |\s)")
SIDE_FILES = ("glossary.yaml", "lexicon.pls")


def _is_paragraph(block: str) -> bool:
    return bool(block.strip()) and not any(NOT_PARAGRAPH.match(line) for line in block.splitlines())


def _vary_body(body: str, rng: random.Random) -> str:
    """Shuffle each run of consecutive plain paragraphs and repeat a few of them."""
    blocks = body.split("\n\n")
    out: list[str] = []
    run: list[str] = []

    def flush() -> None:
        rng.shuffle(run)
        out.extend(run)
        run.clear()

    for block in blocks:
        if _is_paragraph(block):
            run.append(block)
        else:
            flush()
            out.append(block)
    flush()
    paragraphs = [i for i, b in enumerate(out) if _is_paragraph(b)]
    for i in sorted(rng.sample(paragraphs, min(len(paragraphs), rng.randint(1, 3))), reverse=True):
        out.insert(i + 1, out[i])
    return "\n\n".join(out)


def make_variants(source: Path, count: int, folder: Path, seed: int = 6) -> list[Path]:
    """Write ``count`` variants of ``source`` (with its glossary and lexicon) into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in SIDE_FILES:
        if (source.parent / name).is_file():
            shutil.copy2(source.parent / name, folder / name)
    text = source.read_text(encoding="utf-8")
    found = FRONT_MATTER.match(text)
    if not found:
        raise SystemExit(f"{source}: the benchmark needs a source with YAML front matter")
    head, body = found.group(1), text[found.end() :]
    title = re.search(r"^title:\s*(.+)$", head, re.MULTILINE)
    slug = re.search(r"^slug:\s*(.+)$", head, re.MULTILINE)
    base_title = title.group(1).strip() if title else source.stem
    base_slug = slug.group(1).strip() if slug else source.stem
    paths: list[Path] = []
    for n in range(count):
        rng = random.Random(seed * 100_003 + n)
        new_title, new_slug = f"{base_title} {n + 1:03d}", f"{base_slug}-{n + 1:03d}"
        new_head = re.sub(r"^title:.*$", f"title: {new_title}", head, count=1, flags=re.MULTILINE)
        new_head = re.sub(r"^slug:.*$", f"slug: {new_slug}", new_head, count=1, flags=re.MULTILINE)
        if not slug:
            new_head += f"slug: {new_slug}\n"
        new_body = re.sub(rf"^# {re.escape(base_title)}\s*$", f"# {new_title}", body, count=1, flags=re.MULTILINE)
        path = folder / f"{new_slug}.md"
        path.write_text(f"---\n{new_head}---\n{_vary_body(new_body, rng) if n else new_body}", encoding="utf-8")
        paths.append(path)
    return paths


def _parser() -> MarkdownIt:
    return (
        MarkdownIt("commonmark")
        .use(deflist_plugin)
        .use(container_plugin, name="letter")
        .use(attrs_plugin, spans=True)
        .enable("table")
    )


def split_source(path: Path) -> tuple[dict[str, str], str]:
    """The front matter's plain ``key: value`` lines (enough for title and lang) and the body."""
    text = path.read_text(encoding="utf-8")
    found = FRONT_MATTER.match(text)
    if not found:
        return {}, text
    meta = dict(re.findall(r"^(\w+):[ \t]*(\S.*)$", found.group(1), re.MULTILINE))
    return meta, text[found.end() :]


def to_html(path: Path) -> str:
    """A complete, language-tagged HTML page for WeasyPrint."""
    meta, body = split_source(path)
    lang, title = meta.get("lang", "en"), meta.get("title", path.stem)
    return (
        f'<!DOCTYPE html>\n<html lang="{html.escape(lang)}"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title></head>\n<body>\n{_parser().render(body)}</body></html>\n"
    )


TYPST_SPECIAL = re.compile(r"""([\\#*_`$<>@\[\]=\-+/~'"])""")


def _typst_text(text: str) -> str:
    return TYPST_SPECIAL.sub(r"\\\1", text)


def _typst_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _typst_inline(children: list[Token]) -> str:
    out: list[str] = []
    for tok in children:
        if tok.type == "text":
            out.append(_typst_text(tok.content))
        elif tok.type in ("softbreak", "hardbreak"):
            out.append(" ")
        elif tok.type == "code_inline":
            out.append(f"#raw({_typst_string(tok.content)})")
        elif tok.type == "strong_open":
            out.append("#strong[")
        elif tok.type == "em_open":
            out.append("#emph[")
        elif tok.type == "link_open":
            out.append(f"#link({_typst_string(str(tok.attrGet('href') or ''))})[")
        elif tok.type == "span_open":
            lang = tok.attrGet("lang")
            out.append(f"#text(lang: {_typst_string(str(lang).split('-')[0])})[" if lang else "#[")
        elif tok.type in ("strong_close", "em_close", "link_close", "span_close"):
            out.append("]")
    return "".join(out)


def to_typst(path: Path) -> str:
    """A Typst document with the page's headings, paragraphs, lists and facts."""
    meta, body = split_source(path)
    lang = meta.get("lang", "en").split("-")
    out = [
        f"#set document(title: {_typst_string(meta.get('title', path.stem))})",
        f"#set text(lang: {_typst_string(lang[0].lower())}"
        + (f", region: {_typst_string(lang[1].lower())})" if len(lang) > 1 else ")"),
        "",
    ]
    prefix: list[str] = []
    pending = ""
    for tok in _parser().parse(body):
        if tok.type == "heading_open":
            pending = "=" * int(tok.tag[1]) + " "
        elif tok.type == "bullet_list_open":
            prefix.append("- ")
        elif tok.type == "ordered_list_open":
            prefix.append("+ ")
        elif tok.type in ("bullet_list_close", "ordered_list_close"):
            prefix.pop()
            if not prefix:
                out.append("")
        elif tok.type == "list_item_open":
            pending = "  " * (len(prefix) - 1) + prefix[-1]
        elif tok.type == "dt_open":
            pending = "/ "
        elif tok.type == "dd_open":
            pending = ": "
        elif tok.type == "inline":
            text = _typst_inline(tok.children or [])
            if pending == ": ":
                out[-1] += ": " + text
            else:
                out.append(pending + text)
            pending = "  " * len(prefix) if prefix else ""
        elif tok.type in ("paragraph_close", "heading_close") and not prefix and pending != ": ":
            out.append("")
    return "\n".join(out) + "\n"
