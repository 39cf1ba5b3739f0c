"""Tests for the page importer (roleexport.importer.import_page).

The received page is kept in tests/fixtures/pages/, a byte-for-byte copy of the page as
received. When it is missing the test fails (it never skips): the check that every sentence
of the real page reaches the source is the point of these tests.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path

import pytest
import yaml
from markdown_it import MarkdownIt
from mdit_py_plugins.attrs import attrs_plugin
from mdit_py_plugins.container import container_plugin
from mdit_py_plugins.deflist import deflist_plugin

from roleexport.errors import SourceError
from roleexport.importer import import_page

REPO = Path(__file__).resolve().parents[1]
FIXTURE_PAGES = Path(__file__).resolve().parent / "fixtures" / "pages"


# ---------------------------------------------------------------------------
# helpers


def received_page(name: str) -> str:
    page = FIXTURE_PAGES / name
    if not page.is_file():
        pytest.fail(f"this test needs the received page {page}, which the repository should hold", pytrace=False)
    return page.read_text(encoding="utf-8")


def md() -> MarkdownIt:
    return (
        MarkdownIt("commonmark")
        .enable("table")
        .use(deflist_plugin)
        .use(container_plugin, name="letter")
        .use(attrs_plugin, spans=True, allowed=["lang"])  # the format's third extension
    )


def split_source(source: str) -> tuple[dict, str]:
    assert source.startswith("---\n"), "the source must start with front matter"
    end = source.index("\n---\n", 4)
    return yaml.safe_load(source[4:end]), source[end + 5 :]


def rendered_text(body: str) -> str:
    """The text a reader sees: HTML rendered from the markdown, tags stripped, unescaped."""
    out = md().render(body)
    out = re.sub(r"<[^>]+>", " ", out)
    return normalise(html.unescape(out))


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def inline_text(token) -> str:
    parts = []
    for child in token.children or []:
        if child.type in ("text", "code_inline", "text_special"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return "".join(parts)


def outline(body: str) -> list[tuple[int, str]]:
    tokens = md().parse(body)
    return [(int(tok.tag[1]), inline_text(tokens[i + 1])) for i, tok in enumerate(tokens) if tok.type == "heading_open"]


def body_sentences(page: str, header_lines: int) -> list[str]:
    """Sentences of the page body: after ``header_lines`` non-blank lines, without the
    closing "See all … jobs" link; bullet marks and the colon ending a label dropped."""
    lines = [line.strip() for line in page.splitlines() if line.strip()]
    lines = lines[header_lines:]
    if lines and lines[-1].startswith("See all"):
        lines = lines[:-1]
    sentences: list[str] = []
    for line in lines:
        line = re.sub(r"^•\s*", "", line)
        if line.endswith(":") and len(line) <= 60:
            line = line[:-1]
        sentences.extend(s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z0-9\[(])", line) if s.strip())
    return sentences


def assert_every_sentence(page: str, source: str, header_lines: int) -> int:
    _, body = split_source(source)
    text = rendered_text(body)
    page_text = normalise(page)
    sentences = body_sentences(page, header_lines)
    missing = [s for s in sentences if text.count(normalise(s)) < page_text.count(normalise(s))]
    assert not missing, f"{len(missing)} sentence(s) missing from the source: {missing[:5]}"
    return len(sentences)


# ---------------------------------------------------------------------------
# the received page


@pytest.fixture(scope="module")
def perfusionist_page() -> str:
    return received_page("perfusionist.txt")


@pytest.fixture(scope="module")
def perfusionist_source(perfusionist_page: str) -> str:
    return import_page(perfusionist_page)


PERFUSIONIST_OUTLINE = [
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
    (3, "What is CCP certification and how is it obtained?"),
    (3, "What happens if something goes wrong during bypass?"),
    (3, "What procedures require a perfusionist?"),
    (3, "How is ECMO changing the perfusionist role?"),
    (3, "Is perfusion a good career for someone who wants work-life balance?"),
]


def test_perfusionist_every_sentence_present(perfusionist_page, perfusionist_source):
    # header: site name, category, title, "Last updated"
    count = assert_every_sentence(perfusionist_page, perfusionist_source, header_lines=4)
    assert count >= 100  # the page body has over a hundred sentences, labels and items


def test_perfusionist_outline(perfusionist_source):
    _, body = split_source(perfusionist_source)
    assert outline(body) == PERFUSIONIST_OUTLINE


def test_perfusionist_front_matter(perfusionist_source):
    meta, _ = split_source(perfusionist_source)
    assert meta == {
        "title": "Perfusionist",
        "category": "Healthcare",
        "lang": "en-US",
        "slug": "perfusionist",
        "summary": (
            "Perfusionists operate the heart-lung bypass machine and extracorporeal life"
            " support systems during cardiac surgery and other procedures requiring"
            " cardiopulmonary bypass."
        ),
        "publisher": "JobDescription.org",
        "abbreviations": {
            "CCP": "Certified Clinical Perfusionist",
            "ECMO": "extracorporeal membrane oxygenation",
            "CAAHEP": "Commission on Accreditation of Allied Health Education Programs",
            "ABCP": "American Board of Cardiovascular Perfusion",
            "CABG": "coronary artery bypass grafting",
        },
    }
    assert list(meta) == ["title", "category", "lang", "slug", "summary", "publisher", "abbreviations"]


def test_perfusionist_site_chrome_dropped(perfusionist_source):
    _, body = split_source(perfusionist_source)
    text = rendered_text(body)
    assert "JobDescription.org" not in text
    assert "Last updated" not in text
    assert "See all" not in text and "→" not in text
    assert text.count("Healthcare") == 0


def test_perfusionist_glance_is_a_definition_list(perfusionist_source):
    _, body = split_source(perfusionist_source)
    tokens = md().parse(body)
    terms = [inline_text(tokens[i + 1]) for i, t in enumerate(tokens) if t.type == "dt_open"]
    assert terms == [
        "Typical education",
        "Typical experience",
        "Key certifications",
        "Top employer types",
        "Growth outlook",
        "AI impact (through 2030)",
    ]
    assert sum(t.type == "dd_open" for t in tokens) == 6


def test_perfusionist_bullets_are_list_items(perfusionist_page, perfusionist_source):
    _, body = split_source(perfusionist_source)
    tokens = md().parse(body)
    items = sum(t.type == "list_item_open" for t in tokens)
    assert items == perfusionist_page.count("•") == 26
    assert "•" not in body


def test_perfusionist_letter_container(perfusionist_source):
    _, body = split_source(perfusionist_source)
    html_out = md().render(body)
    m = re.search(r'<div class="letter">(.*?)</div>', html_out, re.DOTALL)
    assert m, "no ::: letter container"
    letter = m.group(1)
    paragraphs = re.findall(r"<p>(.*?)</p>", letter, re.DOTALL)
    assert len(paragraphs) == 7
    assert paragraphs[0] == "Dear Department Director,"
    assert paragraphs[-1] == "[Your Name], CCP-candidate"
    assert "[Heart Center]" in letter and "<a" not in letter
    assert "Frequently asked questions" not in letter
    assert "\\[Heart Center\\]" in body  # brackets escaped in the source


def test_perfusionist_typography_kept(perfusionist_page, perfusionist_source):
    for ch in "—–’":
        if ch in perfusionist_page:
            assert perfusionist_source.count(ch) >= perfusionist_page.count(ch)
    assert "4–8 hour" in perfusionist_source


# ---------------------------------------------------------------------------
# a second page: sections missing and reordered, dated, no letter


@pytest.fixture(scope="module")
def hygienist_page() -> str:
    return (FIXTURE_PAGES / "dental-hygienist.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def hygienist_source(hygienist_page: str) -> str:
    return import_page(hygienist_page, path=FIXTURE_PAGES / "dental-hygienist.txt")


def test_hygienist_outline(hygienist_source):
    _, body = split_source(hygienist_source)
    assert outline(body) == [
        (1, "Dental Hygienist"),
        (2, "Role at a glance"),
        (2, "Overview"),
        (2, "Duties and responsibilities"),
        (2, "Frequently asked questions"),
        (3, "How long does it take to become a dental hygienist?"),
        (3, "Do dental hygienists need continuing education?"),
        (2, "Skills"),
        (3, "Clinical skills"),
        (3, "Personal qualities"),
    ]
    assert "::: letter" not in body


def test_hygienist_front_matter(hygienist_source):
    meta, _ = split_source(hygienist_source)
    assert meta["title"] == "Dental Hygienist"
    assert meta["category"] == "Healthcare"
    assert meta["lang"] == "en-US"
    assert meta["updated"] == dt.date(2025, 3, 3)
    assert meta["slug"] == "dental-hygienist"
    assert meta["summary"] == (
        "Dental hygienists clean teeth, examine patients for signs of oral disease,"
        " and teach patients how to keep their teeth and gums healthy."
    )
    assert meta["publisher"] == "JobDescription.org"
    assert meta["abbreviations"] == {
        "CODA": "Commission on Dental Accreditation",
        "NBDHE": "National Board Dental Hygiene Examination",
        "CE": "continuing education",
    }
    assert "updated: 2025-03-03\n" in hygienist_source


def test_hygienist_every_sentence_present(hygienist_page, hygienist_source):
    # header: site name, category, title, "Last updated", the date line
    count = assert_every_sentence(hygienist_page, hygienist_source, header_lines=5)
    assert count >= 30


def test_hygienist_faq_answer_paragraphs(hygienist_source):
    _, body = split_source(hygienist_source)
    section = body.split("### Do dental hygienists need continuing education?", 1)[1]
    section = section.split("## Skills", 1)[0]
    paragraphs = [p for p in section.strip().split("\n\n") if p]
    assert len(paragraphs) == 2
    assert paragraphs[1].startswith("Many hygienists also keep")


# ---------------------------------------------------------------------------
# header variants


def page(*blocks: str, header: str = "JobDescription.org\n\nHealthcare\n\nTest Role\n\nLast updated\n\n") -> str:
    return header + "\n\n".join(blocks) + "\n"


LEAD = "Test roles do things. They do them well."


@pytest.mark.parametrize(
    "updated_line",
    [
        "Last updated March 3, 2025",
        "Last updated: March 3, 2025",
        "Last updated\nMarch 3, 2025",
        "Last updated\n\nMarch 3, 2025",
        "Last updated 2025-03-03",
        "Last updated 3 March 2025",
        "Last updated Mar 3, 2025",
    ],
)
def test_updated_date_forms(updated_line):
    text = page(LEAD, header=f"JobDescription.org\n\nHealthcare\n\nTest Role\n\n{updated_line}\n\n")
    meta, body = split_source(import_page(text))
    assert meta["updated"] == dt.date(2025, 3, 3)
    assert "2025" not in body and "Last updated" not in body


def test_undated_updated_is_dropped():
    meta, body = split_source(import_page(page(LEAD)))
    assert "updated" not in meta
    assert "Last updated" not in body
    assert meta["summary"] == "Test roles do things."


def test_header_without_updated_line_or_category():
    text = "JobDescription.org\n\nTest Role\n\n" + LEAD + "\n\nSee all Education jobs →\n"
    meta, body = split_source(import_page(text))
    assert meta["title"] == "Test Role"
    assert meta["category"] == "Education"  # from the closing link
    assert "See all" not in body


def test_header_without_publisher():
    meta, _ = split_source(import_page("Healthcare\n\nTest Role\n\nLast updated\n\n" + LEAD))
    assert "publisher" not in meta
    assert meta["category"] == "Healthcare" and meta["title"] == "Test Role"


def test_slug_is_ascii_lowercase():
    header = "JobDescription.org\n\nHealthcare\n\nNurse Practitioner – Café (ICU)\n\nLast updated\n\n"
    text = page(LEAD, header=header)
    meta, _ = split_source(import_page(text))
    assert meta["slug"] == "nurse-practitioner-cafe-icu"


def test_crlf_and_bom():
    text = "\ufeff" + page(LEAD).replace("\n", "\r\n")
    meta, body = split_source(import_page(text))
    assert meta["title"] == "Test Role"
    assert "Test roles do things." in body


# ---------------------------------------------------------------------------
# the letter's end


FAQ = "Frequently asked questions\n\nIs this a question?\nYes, it is."
APPLYING = "I am applying for the job."


def letter_paragraphs(source: str) -> list[str]:
    _, body = split_source(source)
    m = re.search(r'<div class="letter">(.*?)</div>', md().render(body), re.DOTALL)
    assert m, "no letter container"
    return re.findall(r"<p>(.*?)</p>", m.group(1), re.DOTALL)


def test_letter_signature_with_comma_and_brackets_stays_in_letter():
    text = page(LEAD, "Sample cover letter", "Dear Director,", APPLYING, "[Your Name], RDH", FAQ)
    assert letter_paragraphs(import_page(text))[-1] == "[Your Name], RDH"


def test_letter_plain_signature_before_next_section_stays_in_letter():
    # "Jane Doe" looks like a section title but is followed by another title-like
    # line, so it has no content: it is the signature.
    text = page(LEAD, "Sample cover letter", "Dear Director,", APPLYING, "Sincerely,", "Jane Doe", FAQ)
    source = import_page(text)
    assert letter_paragraphs(source)[-2:] == ["Sincerely,", "Jane Doe"]
    assert ("## Frequently asked questions") in source
    assert "### Is this a question?" in source


def test_letter_at_end_of_page_keeps_signature():
    text = page(LEAD, "Sample cover letter", "Dear Director,", APPLYING, "Jane Doe", "See all Healthcare jobs →")
    assert letter_paragraphs(import_page(text))[-1] == "Jane Doe"


def test_letter_ends_at_next_section_with_content():
    text = page(LEAD, "Sample cover letter", "Dear Director:", APPLYING, "Jane Doe", "Salary", "Pay is good.")
    source = import_page(text)
    assert letter_paragraphs(source) == ["Dear Director:", "I am applying for the job.", "Jane Doe"]
    _, body = split_source(source)
    assert outline(body) == [(1, "Test Role"), (2, "Sample cover letter"), (2, "Salary")]


# ---------------------------------------------------------------------------
# escaping and structure


def test_markdown_characters_are_escaped():
    lines = [
        "Use *stars* and _underscores_ and `ticks` freely.",
        "Visit [Heart Center] or <b>bold</b> or &amp; entities.",
        "# Not a heading.",
        "1. Not a list.",
        "2) Not a list either.",
        "- Not a bullet.",
        "+ Not a bullet.",
        "> Not a quote.",
        ": Not a definition.",
        "::: Not a container.",
        "~~~ Not a fence.",
        "A pipe | here and a backslash \\ there.",
        "Braces {lang=fr} stay.",
        "===",
    ]
    text = page(LEAD, "Notes", "\n\n".join(lines))
    _, body = split_source(import_page(text))
    html_out = md().render(body)
    unwanted = ("<em", "<strong", "<code", "<a ", "<ol", "<blockquote", "<dl", "<div", "<pre", "<b>", "<hr")
    for tag in (*unwanted, "<h1>Not", "<h2>Notes</h2>\n<h"):
        assert tag not in html_out, f"{tag} in {html_out}"
    assert html_out.count("<li>") == 0
    text_out = rendered_text(body)
    for line in lines:
        assert normalise(line) in text_out, line


def test_bullets_with_and_without_indent():
    text = page(LEAD, "Duties", "• One thing\n  • Another thing\n    •Third thing")
    _, body = split_source(import_page(text))
    assert "- One thing\n- Another thing\n- Third thing" in body


def test_label_line_directly_followed_by_bullets():
    text = page(LEAD, "Skills", "Clinical skills:\n• Scaling\n• Polishing")
    _, body = split_source(import_page(text))
    assert "### Clinical skills\n\n- Scaling\n- Polishing" in body


def test_unnamed_pairs_section_is_a_definition_list_but_letter_is_not():
    address = "Jane Doe\nMain Street\nSpringfield\nUSA"
    text = page(LEAD, "Pay and hours", "Salary\nHigh\nHours\nLong", "Sample letter", address)
    _, body = split_source(import_page(text))
    assert "Salary\n: High\n\nHours\n: Long" in body
    assert "::: letter\nJane Doe\nMain Street\nSpringfield\nUSA\n:::" in body


def test_label_subsections_only_outside_letter_and_faq():
    faq = ("Frequently asked questions", "What next?", "Steps:", "Apply now.")
    text = page(LEAD, "Qualifications", "Education:", "• A degree", *faq)
    _, body = split_source(import_page(text))
    assert outline(body) == [
        (1, "Test Role"),
        (2, "Qualifications"),
        (3, "Education"),
        (2, "Frequently asked questions"),
        (3, "What next?"),
    ]
    assert "Steps:" in body


def test_faq_question_rule_skips_multi_sentence_lines():
    text = page(LEAD, "Frequently asked questions", "Why now?\nBecause. Is that enough? Maybe not?\nHow much?\nA lot.")
    _, body = split_source(import_page(text))
    assert [h for h in outline(body) if h[0] == 3] == [(3, "Why now?"), (3, "How much?")]


def test_sections_in_any_order_and_missing():
    text = page(LEAD, "Career outlook", "Demand is high.", "Role at a glance", "Salary\nHigh\nHours\nLong")
    _, body = split_source(import_page(text))
    assert outline(body) == [(1, "Test Role"), (2, "Career outlook"), (2, "Role at a glance")]
    assert "Salary\n: High\n\nHours\n: Long" in body


def test_no_trailing_whitespace_and_final_newline(perfusionist_source):
    assert perfusionist_source.endswith("\n") and not perfusionist_source.endswith("\n\n")
    assert all(line == line.rstrip() for line in perfusionist_source.splitlines())


# ---------------------------------------------------------------------------
# errors


@pytest.mark.parametrize("text", ["", "   \n\n\t\n", "\ufeff"])
def test_empty_page_is_an_error(text):
    with pytest.raises(SourceError, match="empty"):
        import_page(text, path=Path("empty.txt"))


def test_error_carries_path():
    with pytest.raises(SourceError) as info:
        import_page("", path=Path("pages/x.txt"))
    assert info.value.path == Path("pages/x.txt")
    assert str(info.value).startswith("pages/x.txt")


@pytest.mark.parametrize(
    "text",
    [
        "This is a long paragraph without any header at all. It just starts talking.",
        "JobDescription.org\n\nLast updated\n\nA lead paragraph.",
        "JobDescription.org\n\nThis page starts with a sentence.\n\nMore text.",
    ],
)
def test_no_title_is_an_error(text):
    with pytest.raises(SourceError, match="no title"):
        import_page(text)


def test_title_without_body_is_an_error():
    with pytest.raises(SourceError, match="no body"):
        import_page("JobDescription.org\n\nHealthcare\n\nTest Role\n\nLast updated\n")


def test_bad_date_is_an_error():
    with pytest.raises(SourceError, match="date") as info:
        import_page(page(LEAD, header="JobDescription.org\n\nHealthcare\n\nTest Role\n\nLast updated: soon\n\n"))
    assert info.value.line == 7


def test_glance_label_without_value_is_an_error():
    with pytest.raises(SourceError, match="no value") as info:
        import_page(page(LEAD, "Role at a glance", "Salary\nHigh\nHours", "Overview", "Text."))
    assert info.value.line == 15


def test_see_all_category_mismatch_is_an_error():
    with pytest.raises(SourceError, match="category"):
        import_page(page(LEAD, "See all Finance jobs →"))
