"""The reader against fixture files: markdown in, pretty-printed tree out (markdown-it-py style)."""

from __future__ import annotations

import re
import warnings
from pathlib import Path

import pytest

from roleexport.diagnostics import RoleExportWarning
from roleexport.errors import SourceError
from roleexport.glossary import Glossary
from roleexport.reader import read_text
from roleexport.walk import outline, pformat, plain_text

FIXTURES = Path(__file__).parent / "fixtures" / "reader"


def read_fixtures(path: Path) -> list[tuple[str, str, str]]:
    """(title, markdown, expected) triples from a file of '.'-separated sections."""
    cases: list[tuple[str, str, str]] = []
    lines = path.read_text(encoding="utf-8").splitlines()
    i = 0
    while i < len(lines):
        if not lines[i].strip():
            i += 1
            continue
        title = lines[i]
        assert lines[i + 1] == ".", f"{path.name}:{i + 2}: expected '.' after the title"
        parts: list[list[str]] = [[], []]
        j = i + 2
        for part in parts:
            while lines[j] != ".":
                part.append(lines[j])
                j += 1
            j += 1
        cases.append((title, "\n".join(parts[0]) + "\n", "\n".join(parts[1])))
        i = j
    return cases


CASES = [case for f in sorted(FIXTURES.glob("*.md")) for case in read_fixtures(f)]


@pytest.mark.parametrize(("title", "markdown", "expected"), CASES, ids=[c[0][:50] for c in CASES])
def test_fixture(title: str, markdown: str, expected: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RoleExportWarning)  # warnings have their own tests below
        doc = read_text(markdown, Path("fixture.md"), Glossary({}, {}))
    assert "\n".join(pformat(b) for b in doc.blocks) == expected


@pytest.mark.parametrize(
    ("markdown", "warning"),
    [
        ("# R\n#### Deep\n", "heading 'Deep' is H4 after H1; read as H2"),
        ("# R\n<script>x</script>\n", "raw HTML block left out"),
        ("# R\n[a](javascript:x)\n", "link to 'javascript:x' kept as plain text"),
        ("# R\n[x]{lang=1}\n", "span without a valid lang attribute"),
        ("# R\n![](missing.png)\n", "has no alt text"),
        ("# R\n![A chart](missing.png)\n", "image file 'missing.png' not found"),
        ("# R\n##\n", "empty heading left out"),
        ("# R\n# S\n", "more than one H1"),
        ("# R\n\nA\x1b[31m.\n", "w.md:3: control characters"),
    ],
)
def test_what_the_tree_cannot_hold_is_warned_about(markdown: str, warning: str) -> None:
    with pytest.warns(RoleExportWarning, match=re.escape(warning)):
        read_text(markdown, Path("w.md"), Glossary({}, {}))


def test_fixture_cases_were_found() -> None:
    assert len(CASES) >= 10


def test_title_from_front_matter_adds_an_h1() -> None:
    doc = read_text("---\ntitle: Nurse\n---\nText.\n", Path("nurse.md"))
    assert outline(doc) == [(1, "Nurse")]
    assert doc.meta.slug == "nurse"


def test_no_title_is_an_error_naming_the_file() -> None:
    with pytest.raises(SourceError, match=r"x\.md: no title"):
        read_text("Just text.\n", Path("x.md"))


def test_glossary_terms_are_overridden_by_the_page() -> None:
    glossary = Glossary({"ICU": "intensive care unit", "OR": "operating room"}, {})
    doc = read_text(
        "---\ntitle: T\nabbreviations:\n  OR: operating theatre\n---\nICU and OR.\n", Path("t.md"), glossary
    )
    assert {t.written: t.expansion for t in doc.terms} == {"ICU": "intensive care unit", "OR": "operating theatre"}


def test_plain_text_is_one_leaf_block_per_line() -> None:
    doc = read_text("# T\n\nA *b* c.\n\n- one\n- two\n\nKey\n: Value\n", Path("t.md"))
    assert plain_text(doc).splitlines() == ["T", "A b c.", "one", "two", "Key", "Value"]


def test_warnings_carry_the_source_line() -> None:
    with pytest.warns(RoleExportWarning) as record:
        read_text("---\ntitle: T\n---\n# T\n\nText <b>x</b>.\n", Path("t.md"))
    assert str(record[0].message).startswith("t.md:6: raw HTML")


def test_perfusionist_outline(perfusionist) -> None:  # type: ignore[no-untyped-def]
    questions = [
        "What is CCP certification and how is it obtained?",
        "What happens if something goes wrong during bypass?",
        "What procedures require a perfusionist?",
        "How is ECMO changing the perfusionist role?",
        "Is perfusion a good career for someone who wants work-life balance?",
    ]
    assert outline(perfusionist) == [
        (1, "Perfusionist"),
        (2, "Role at a glance"),
        (2, "Duties and responsibilities"),
        (2, "Overview"),
        (2, "Qualifications"),
        (3, "Education"),
        (3, "Certification"),
        (3, "Technical skills"),
        (3, "Non-technical requirements"),
        (2, "Career outlook"),
        (2, "Sample cover letter"),
        (2, "Frequently asked questions"),
        *[(3, q) for q in questions],
    ]


def test_a_letter_keeps_its_line_ends_and_a_paragraph_does_not() -> None:
    from roleexport.model import Letter, LineBreak, Paragraph, Text

    doc = read_text(
        "# Letter\n\nOne line\nfolded.\n\n::: letter\nDear Ms. Alvarez,\n\nSincerely,\nJordan Lee\n1420 Alder Street\n:::\n",
        Path("letter.md"),
    )
    intro = doc.blocks[1]
    assert isinstance(intro, Paragraph) and intro.children == (Text("One line folded."),)
    letter = doc.blocks[2]
    assert isinstance(letter, Letter) and isinstance(letter.blocks[1], Paragraph)
    assert letter.blocks[1].children == (
        Text("Sincerely,"),
        LineBreak(),
        Text("Jordan Lee"),
        LineBreak(),
        Text("1420 Alder Street"),
    )
