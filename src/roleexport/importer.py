"""Turn a career page, as received in plain text, into a markdown source.

``import_page(text)`` reads one page in the JobDescription.org plain-text layout and
returns the text of a source file in the format of ``docs/source-format.md``. The
rules are general: they rely on the shape of the lines, not on one role's wording,
so pages for other roles work with sections missing or in another order.

The page is first split into lines (a leading BOM is dropped, line ends are
normalised, trailing spaces are removed) and then into *blocks*: runs of non-blank
lines separated by blank lines. A *title-like* line is at most 60 characters long,
starts with a letter or digit, is not a bullet, and does not end with ``. ! ? : ; ,``.

Header and site chrome
    * The first line, when it looks like a domain name (``JobDescription.org``), is
      the site name: it becomes ``publisher`` in the front matter, not body text.
    * Then come the category and the title, each a title-like line. When a
      ``Last updated`` line follows them, the one or two title-like lines before it
      are read as (category and) title; without that line the two lines after the
      site name are category and title (a single one is the title).
    * ``Last updated`` with a date on the same line (``Last updated March 3, 2025``,
      ``Last updated: 2025-03-03``) or on the next line gives ``updated`` as an ISO
      date. ``Last updated`` with no date is dropped. Text after it that is not a
      date is an error, rather than silently lost.
    * A final ``See all <Category> jobs →`` line is a link back to the site: it is
      dropped. Its category must agree with the header's (it fills ``category``
      when the header has none); a disagreement is an error, since it means the
      header was misread.
    * An empty page, one without a title line, or one with a title and no body
      raises ``SourceError``.
    * Limit: without a ``Last updated`` line the header is read as the two
      title-like lines after the site name, so a page with no category, no
      ``Last updated`` and no lead would take its first section title for the
      role title; the closing link's category check catches that case when the
      link is present.

Front matter (written with ``yaml.safe_dump``, keys in this order)
    title, category, lang (``en-US``), updated (only when dated), slug (the title
    lower-cased, ASCII-folded, runs of other characters turned into ``-``),
    summary (the first sentence of the lead paragraph), publisher, and
    abbreviations (see below).

Body
    * ``# Title``, then the lead: every block between the header and the first
      section title.
    * A *section title* is a one-line block (so followed by a blank line) that is
      title-like and is followed by a content block, that is a block that is not
      itself a title-like one-liner: a section is never empty. It becomes ``## Title``.
    * Inside a section, a one-line block that is a short line (≤ 60 characters)
      ending with ``:`` is a sub-section: ``### Label`` without the colon (not
      inside the letter nor the questions, where "Dear Director:" or "Steps:" are
      text).
    * Lines starting with ``•`` (indented or not) are bullets: ``- item``. Other
      lines of a block form a paragraph; the page's line breaks inside a paragraph
      are kept (markdown joins them).
    * The *glance* section (a title containing "at a glance", "quick facts" or
      "key facts"; or, when the title names no letter nor questions, any section
      whose blocks are all label/value line pairs, at least two, with title-like
      labels of at most 40 characters) becomes a definition list: ``Label`` then
      ``: value``, a blank line between pairs. An odd number of lines there is an
      error.
    * The *letter* section (a title containing "letter", e.g. "Sample cover
      letter") goes inside ``::: letter`` … ``:::``, one paragraph per block. The
      letter ends at the next section title by the rule above, with one more
      condition: inside the letter a line containing a comma or a bracket is never
      a section title. So the signature stays in the letter, whether it is
      "[Your Name], CCP-candidate" (comma, bracket), or "Jane Doe" followed by the
      next section's title or by the end of the page (no content after it).
    * The *questions* section (a title containing "question" or "FAQ"): a line
      ending with ``?`` that is a single sentence (no ``. `` / ``! `` / ``? `` inside)
      of at most 200 characters is a question, ``### Question?``; the lines after
      it, up to the next question, are its answer (a block boundary starts a new
      paragraph). Text before the first question stays a paragraph.
    * Text is escaped so the markdown means the text: backslash, ``* _ ` [ ] < { ~ |``
      everywhere, ``&`` when it would start an entity, and at line start ``#``,
      ``>``, ``:`` (definitions, containers), ``+ - =`` (lists, rules, setext
      underlines) and ``1.`` / ``1)``. Typographic characters (– — ’ →) are kept.

Abbreviations
    "ABBR (Expansion words)" and "Expansion words (ABBR)" are both recognised. ABBR
    is a token of ASCII letters and digits starting with a capital and holding at
    least two capitals (CCP, ECMO, CAAHEP, DoD; COVID-19 is not matched because of
    the hyphen). The expansion must spell the abbreviation: either the initials of
    its words do (stop words such as "of", "on", "and" may be skipped: "Commission
    on Accreditation of Allied Health Education Programs (CAAHEP)"), or, failing
    that, the Schwartz–Hearst way: its letters appear in order, the first starting
    a word ("ECMO (extracorporeal membrane oxygenation)"). "ABBR (…)" also needs
    the bracket to start with the abbreviation's first letter, so "ICU (where …)"
    or "ELSO guidelines" are not taken. For "Expansion (ABBR)" the words are
    looked for in the clause before the bracket, at most ``min(len+5, 2·len)`` of
    them. The first expansion found for an ABBR wins; the order is the order of
    first appearance. Tokens without an expansion (SvO2, ARDS) are not listed.
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml

from roleexport.errors import SourceError

__all__ = ["import_page"]

LANG = "en-US"
MAX_TITLE = 60
MAX_QUESTION = 200

_BULLET_RE = re.compile(r"^\s*[•·▪●◦]\s*")
_DOMAIN_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]*(\.[A-Za-z0-9-]+)+$")
_UPDATED_RE = re.compile(r"^(?:last\s+)?updated\b\s*:?\s*(.*)$", re.IGNORECASE)
_SEE_ALL_RE = re.compile(r"^See all\s+(.+?)\s+jobs\s*(?:→|->|»)?\s*$", re.IGNORECASE)
_GLANCE_TITLE_RE = re.compile(r"at a glance|quick facts|key facts", re.IGNORECASE)
_LETTER_TITLE_RE = re.compile(r"\bletter\b", re.IGNORECASE)
_FAQ_TITLE_RE = re.compile(r"question|\bFAQs?\b", re.IGNORECASE)
_TERMINAL = tuple(".!?:;,")
_INNER_SENTENCE_RE = re.compile(r"[.!?]\s+\S")

_DATE_FORMATS = (
    "%B %d, %Y",
    "%B %d %Y",
    "%b %d, %Y",
    "%b %d %Y",
    "%b. %d, %Y",
    "%d %B %Y",
    "%d %b %Y",
    "%Y-%m-%d",
)

# Words ending with a full stop that do not end a sentence.
_NOT_SENTENCE_END = {
    "e.g.",
    "i.e.",
    "etc.",
    "vs.",
    "approx.",
    "dr.",
    "mr.",
    "mrs.",
    "ms.",
    "st.",
    "no.",
    "inc.",
    "ltd.",
    "co.",
    "jr.",
    "sr.",
    "fig.",
    "u.s.",
    "u.k.",
    "a.m.",
    "p.m.",
}


@dataclass
class _Line:
    text: str  # stripped of trailing whitespace; leading kept for bullets only
    number: int  # 1-based line number in the page


@dataclass
class _Block:
    lines: list[_Line]

    @property
    def first(self) -> _Line:
        return self.lines[0]

    @property
    def is_one_line(self) -> bool:
        return len(self.lines) == 1


# ---------------------------------------------------------------------------
# public entry point


def import_page(text: str, *, path: Path | None = None) -> str:
    """Return the markdown source for one page in the JobDescription.org text layout.

    Raises ``SourceError`` when the text is not such a page (empty, no title, a
    glance list with a label and no value, an unreadable date).
    """
    page = _Page(text, path)
    return page.render()


# ---------------------------------------------------------------------------
# line shapes


def _is_bullet(line: str) -> bool:
    return bool(_BULLET_RE.match(line)) and bool(_BULLET_RE.sub("", line, count=1).strip())


def _is_title_like(line: str) -> bool:
    s = line.strip()
    return (
        0 < len(s) <= MAX_TITLE
        and s[0].isalnum()
        and not _is_bullet(line)
        and not s.endswith(_TERMINAL)
        and not s.endswith(("→", "->", "»"))
    )


def _is_label(line: str) -> bool:
    s = line.strip()
    return 1 < len(s) <= MAX_TITLE and s.endswith(":") and s[0].isalnum() and not _is_bullet(line)


def _is_question(line: str) -> bool:
    s = line.strip()
    return s.endswith("?") and len(s) <= MAX_QUESTION and not _is_bullet(line) and not _INNER_SENTENCE_RE.search(s[:-1])


def _parse_date(text: str) -> _dt.date | None:
    s = re.sub(r"\s+", " ", text.strip())
    s = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", s)
    for fmt in _DATE_FORMATS:
        try:
            return _dt.datetime.strptime(s, fmt).date()
        except ValueError:
            continue
    return None


def slugify(title: str) -> str:
    """Lower-case ASCII slug: letters and digits, other runs become ``-``."""
    folded = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")


def split_sentences(text: str) -> list[str]:
    """Split a paragraph into sentences (at ``. ! ?`` followed by space and a capital)."""
    text = re.sub(r"\s+", " ", text.strip())
    if not text:
        return []
    sentences: list[str] = []
    start = 0
    for m in re.finditer(r"[.!?][\"”’)\]]*\s+(?=[A-Z0-9\"“‘(\[])", text):
        candidate = text[start : m.end()].strip()
        last_word = candidate.split()[-1].lower() if candidate.split() else ""
        if last_word in _NOT_SENTENCE_END or re.fullmatch(r"[a-z]\.", last_word):
            continue
        sentences.append(candidate)
        start = m.end()
    rest = text[start:].strip()
    if rest:
        sentences.append(rest)
    return sentences


# ---------------------------------------------------------------------------
# markdown escaping

_INLINE_ESCAPE_RE = re.compile(r"([\\`*_\[\]<{}~|])")
_ENTITY_RE = re.compile(r"&(?=#?[A-Za-z0-9]+;)")


def escape_inline(text: str) -> str:
    """Escape the characters that would make markdown mean something else than ``text``."""
    text = _INLINE_ESCAPE_RE.sub(r"\\\1", text)
    return _ENTITY_RE.sub(r"\\&", text)


def escape_line(text: str) -> str:
    """Escape one line that will start a markdown line (paragraph, item, heading text)."""
    text = escape_inline(text.strip())
    m = re.match(r"^(\d+)([.)])(\s|$)", text)
    if m:
        return f"{m.group(1)}\\{m.group(2)}{text[m.end(2) :]}"
    if text[:1] in ("#", ">", ":", "+", "-", "="):
        return "\\" + text
    return text


def escape_heading(text: str) -> str:
    """Escape heading text: line-start rules, plus a trailing ``#`` run (a closing sequence)."""
    out = escape_line(text)
    if out.endswith("#") and not out.endswith("\\#"):
        out = out[:-1] + "\\#"
    return out


# ---------------------------------------------------------------------------
# abbreviations

_ABBR_TOKEN = r"[A-Z][A-Za-z0-9]*"
_ABBR_THEN_EXPANSION_RE = re.compile(r"(?<![\w-])(" + _ABBR_TOKEN + r")\s+\(([^()]+)\)")
_EXPANSION_THEN_ABBR_RE = re.compile(r"\((" + _ABBR_TOKEN + r")\)")


def _is_abbr(token: str) -> bool:
    return (
        len(token) >= 2
        and token[0].isupper()
        and sum(c.isupper() for c in token) >= 2
        and token.isalnum()
        and token.isascii()
    )


def _long_form_start(abbr: str, words_text: str) -> int | None:
    """Schwartz–Hearst: index in ``words_text`` where the expansion of ``abbr`` starts, or None.

    Letters of the abbreviation are matched from the end, each one at or before the
    previous match; the first letter must start a word.
    """
    s = [c.lower() for c in abbr if c.isalnum()]
    lf = words_text.lower()
    si = len(s) - 1
    li = len(lf) - 1
    while si >= 0:
        c = s[si]
        while li >= 0 and (lf[li] != c or (si == 0 and li > 0 and lf[li - 1].isalnum())):
            li -= 1
        if li < 0:
            return None
        li -= 1
        si -= 1
    start = li + 1
    return start


_STOP_WORDS = {"a", "an", "and", "at", "for", "in", "of", "on", "or", "the", "to", "with", "&"}


def _initials_start(abbr: str, words: list[str]) -> int | None:
    """Index of the first word when the words' initials spell ``abbr`` (stop words may be skipped)."""
    letters = [c.lower() for c in abbr if c.isalpha()]
    if len(letters) < 2:
        return None
    li = len(letters) - 1
    wi = len(words) - 1
    while li >= 0 and wi >= 0:
        word = words[wi].strip("\"“”‘’'")
        if word[:1].lower() == letters[li]:
            li -= 1
            if li < 0:
                return wi if word.lower() not in _STOP_WORDS else None
        elif word.lower() not in _STOP_WORDS:
            return None
        wi -= 1
    return None


def find_abbreviations(texts: list[str]) -> dict[str, str]:
    """Collect ``ABBR: expansion`` from body texts, in order of first appearance."""
    found: list[tuple[int, int, str, str]] = []  # (text index, position, abbr, expansion)
    for ti, text in enumerate(texts):
        for m in _ABBR_THEN_EXPANSION_RE.finditer(text):
            abbr, expansion = m.group(1), m.group(2).strip()
            if not _is_abbr(abbr) or _is_abbr(expansion):
                continue
            words = expansion.split()
            if not words or len(words) > min(len(abbr) + 5, 2 * len(abbr)):
                continue
            if not re.fullmatch(r"[A-Za-z][\w'’ -]*", expansion):
                continue
            if expansion[0].lower() != abbr[0].lower():
                continue
            if _initials_start(abbr, words) != 0 and _long_form_start(abbr, expansion) is None:
                continue
            found.append((ti, m.start(1), abbr, expansion))
        for m in _EXPANSION_THEN_ABBR_RE.finditer(text):
            abbr = m.group(1)
            if not _is_abbr(abbr):
                continue
            before = text[: m.start()].rstrip()
            # the words just before the bracket, within one clause
            clause = re.split(r"[.;:!?,()—–]", before)[-1]
            limit = min(len(abbr) + 5, 2 * len(abbr))
            words = clause.split()[-limit:]
            if not words:
                continue
            first = _initials_start(abbr, words)
            if first is not None:
                expansion = " ".join(words[first:])
            else:
                window = " ".join(words)
                start = _long_form_start(abbr, window)
                if start is None or (start > 0 and window[start - 1].isalnum()):
                    continue
                expansion = window[start:].strip()
            if not expansion or expansion.lower() == abbr.lower():
                continue
            found.append((ti, m.start(), abbr, expansion))
    found.sort()
    result: dict[str, str] = {}
    for _, _, abbr, expansion in found:
        result.setdefault(abbr, expansion)
    return result


# ---------------------------------------------------------------------------
# the page


class _Page:
    def __init__(self, text: str, path: Path | None) -> None:
        self.path = path
        text = text.removeprefix("\ufeff")
        raw = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        lines = [_Line(t.rstrip(), i + 1) for i, t in enumerate(raw)]
        self.blocks = self._blocks(lines)
        if not self.blocks:
            raise SourceError("empty page: there is no text to import", path=path)
        self.publisher: str | None = None
        self.category: str | None = None
        self.title: str | None = None
        self.updated: _dt.date | None = None
        self._read_header()
        self._drop_see_all()
        if not self.blocks:
            raise SourceError(f"the page has a title ({self.title!r}) but no body text", path=path)

    def error(self, message: str, line: int | None = None) -> SourceError:
        return SourceError(message, path=self.path, line=line)

    @staticmethod
    def _blocks(lines: list[_Line]) -> list[_Block]:
        blocks: list[_Block] = []
        current: list[_Line] = []
        for line in lines:
            if line.text.strip():
                current.append(line)
            elif current:
                blocks.append(_Block(current))
                current = []
        if current:
            blocks.append(_Block(current))
        return blocks

    # -- header -------------------------------------------------------------

    def _header_lines(self) -> list[_Line]:
        """The header's lines, in order, flattened out of their blocks."""
        out: list[_Line] = []
        for block in self.blocks:
            out.extend(block.lines)
        return out

    def _read_header(self) -> None:
        lines = self._header_lines()
        i = 0
        first = lines[0].text.strip()
        if _DOMAIN_RE.match(first):
            self.publisher = first
            i = 1
        # find a "Last updated" line within the next few lines
        updated_at = None
        rest = ""
        for j in range(i, min(i + 4, len(lines))):
            m = _UPDATED_RE.match(lines[j].text.strip())
            if m:
                updated_at, rest = j, m.group(1).strip()
                break
            if not _is_title_like(lines[j].text):
                break
        if updated_at is not None:
            names = lines[i:updated_at]
            consumed = updated_at + 1
            if rest:
                date = _parse_date(rest)
                if date is None:
                    raise self.error(
                        f"cannot read the date after 'Last updated': {rest!r}"
                        " (expected e.g. 'March 3, 2025' or '2025-03-03')",
                        lines[updated_at].number,
                    )
                self.updated = date
            elif consumed < len(lines):
                date = _parse_date(lines[consumed].text)
                if date is not None:
                    self.updated = date
                    consumed += 1
        else:
            names = []
            for j in range(i, min(i + 2, len(lines))):
                if _is_title_like(lines[j].text):
                    names.append(lines[j])
                else:
                    break
            consumed = i + len(names)
        bad = [n for n in names if not _is_title_like(n.text)]
        if not names or bad or len(names) > 2:
            where = (bad[0] if bad else lines[min(i, len(lines) - 1)]).number
            raise self.error(
                "no title: expected the site name, the category and the role title,"
                " each on its own short line, at the top of the page",
                where,
            )
        if len(names) == 2:
            self.category = names[0].text.strip()
        self.title = names[-1].text.strip()
        # drop the consumed lines from the blocks
        remaining = consumed
        while remaining and self.blocks:
            block = self.blocks[0]
            if len(block.lines) <= remaining:
                remaining -= len(block.lines)
                self.blocks.pop(0)
            else:
                self.blocks[0] = _Block(block.lines[remaining:])
                remaining = 0

    def _drop_see_all(self) -> None:
        if not self.blocks:
            return
        last_block = self.blocks[-1]
        m = _SEE_ALL_RE.match(last_block.lines[-1].text.strip())
        if not m:
            return
        link_category = m.group(1).strip()
        if self.category is None:
            self.category = link_category
        elif link_category.lower() != self.category.lower():
            raise self.error(
                f"the closing link names the category {link_category!r} but the header says {self.category!r}",
                last_block.lines[-1].number,
            )
        if last_block.is_one_line:
            self.blocks.pop()
        else:
            self.blocks[-1] = _Block(last_block.lines[:-1])

    # -- body structure -----------------------------------------------------

    def _is_section_title(self, index: int, in_letter: bool) -> bool:
        block = self.blocks[index]
        if not block.is_one_line or not _is_title_like(block.first.text):
            return False
        if in_letter and re.search(r"[,\[\]]", block.first.text):
            return False
        if index + 1 >= len(self.blocks):
            return False
        nxt = self.blocks[index + 1]
        return not (nxt.is_one_line and _is_title_like(nxt.first.text))

    def _sections(self) -> tuple[list[_Block], list[tuple[str, list[_Block]]]]:
        lead: list[_Block] = []
        sections: list[tuple[str, list[_Block]]] = []
        in_letter = False
        for index, block in enumerate(self.blocks):
            if self._is_section_title(index, in_letter):
                title = block.first.text.strip()
                sections.append((title, []))
                in_letter = bool(_LETTER_TITLE_RE.search(title))
            elif sections:
                sections[-1][1].append(block)
            else:
                lead.append(block)
        return lead, sections

    # -- rendering ----------------------------------------------------------

    def render(self) -> str:
        lead, sections = self._sections()
        body_texts = [line.text for block in self.blocks for line in block.lines]
        abbreviations = find_abbreviations([_BULLET_RE.sub("", t).strip() for t in body_texts])

        summary = None
        if lead:
            first_para = " ".join(l.text.strip() for l in lead[0].lines if not _is_bullet(l.text))
            sentences = split_sentences(first_para)
            summary = sentences[0] if sentences else None

        meta: dict[str, object] = {"title": self.title}
        if self.category:
            meta["category"] = self.category
        meta["lang"] = LANG
        if self.updated:
            meta["updated"] = self.updated
        meta["slug"] = slugify(self.title or "") or "page"
        if summary:
            meta["summary"] = summary
        if self.publisher:
            meta["publisher"] = self.publisher
        if abbreviations:
            meta["abbreviations"] = abbreviations
        front = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, default_flow_style=False, width=4096)

        parts: list[str] = [f"# {escape_heading(self.title or '')}"]
        for block in lead:
            parts.extend(self._render_blocks([block], labels=False))
        for title, blocks in sections:
            parts.append(f"## {escape_heading(title)}")
            parts.extend(self._render_section(title, blocks))
        return "---\n" + front + "---\n\n" + "\n\n".join(p for p in parts if p) + "\n"

    def _render_section(self, title: str, blocks: list[_Block]) -> list[str]:
        if _GLANCE_TITLE_RE.search(title):
            return self._render_glance(title, blocks)
        if _LETTER_TITLE_RE.search(title):
            inner = self._render_blocks(blocks, labels=False)
            return ["::: letter\n" + "\n\n".join(inner) + "\n:::"]
        if _FAQ_TITLE_RE.search(title):
            return self._render_faq(blocks)
        if self._looks_like_pairs(blocks):
            return self._render_glance(title, blocks)
        return self._render_blocks(blocks, labels=True)

    @staticmethod
    def _looks_like_pairs(blocks: list[_Block]) -> bool:
        pairs = 0
        for block in blocks:
            if len(block.lines) % 2:
                return False
            for k in range(0, len(block.lines), 2):
                label, value = block.lines[k].text, block.lines[k + 1].text
                if len(label.strip()) > 40 or not _is_title_like(label) or _is_bullet(value):
                    return False
                pairs += 1
        return pairs >= 2

    def _render_glance(self, title: str, blocks: list[_Block]) -> list[str]:
        out: list[str] = []
        for block in blocks:
            if len(block.lines) % 2:
                raise self.error(
                    f"section {title!r}: expected label/value line pairs, but the label"
                    f" {block.lines[-1].text.strip()!r} has no value line",
                    block.lines[-1].number,
                )
            for k in range(0, len(block.lines), 2):
                term = escape_line(block.lines[k].text)
                value = escape_inline(block.lines[k + 1].text.strip())
                out.append(f"{term}\n: {value}")
        return out

    def _render_faq(self, blocks: list[_Block]) -> list[str]:
        out: list[str] = []
        for block in blocks:
            run: list[_Line] = []
            for line in block.lines:
                if _is_question(line.text):
                    if run:
                        out.extend(self._render_blocks([_Block(run)], labels=False))
                        run = []
                    out.append(f"### {escape_heading(line.text)}")
                else:
                    run.append(line)
            if run:
                out.extend(self._render_blocks([_Block(run)], labels=False))
        return out

    def _render_blocks(self, blocks: list[_Block], *, labels: bool) -> list[str]:
        """Render ordinary blocks: sub-section labels, bullet lists and paragraphs."""
        out: list[str] = []
        for block in blocks:
            lines = block.lines
            if labels and _is_label(lines[0].text):
                out.append(f"### {escape_heading(lines[0].text.strip()[:-1].rstrip())}")
                lines = lines[1:]
            # group consecutive bullets and consecutive paragraph lines
            group: list[str] = []
            group_is_list: bool | None = None
            for line in lines:
                is_item = _is_bullet(line.text)
                if group and is_item != group_is_list:
                    out.append("\n".join(group))
                    group = []
                group_is_list = is_item
                if is_item:
                    group.append("- " + escape_line(_BULLET_RE.sub("", line.text, count=1)))
                else:
                    group.append(escape_line(line.text))
            if group:
                out.append("\n".join(group))
        return out
