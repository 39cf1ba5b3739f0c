"""Property-based tests: any markdown reads or fails with our error; any tree exports."""

from __future__ import annotations

import io
import itertools
import os
import unicodedata
import warnings
import zipfile
from pathlib import Path

import html5lib
import miniaudio
import pikepdf
import pytest
from hypothesis import HealthCheck, given, settings
from lxml import etree
from mutagen.id3 import ID3

from roleexport import exporters
from roleexport.errors import RoleExportError, SourceError
from roleexport.exporters import ExportOptions
from roleexport.model import Document, Heading, Inline, Metadata, Paragraph
from roleexport.reader import read_text
from roleexport.speech.plan import build_plan
from roleexport.styles import load_style
from roleexport.walk import headings, inline_text, iter_blocks, outline, plain_text, words

from .html_checks import tree_words as web_page_words
from .pdf_checks import struct_words
from .sentence_checks import Target, check_sentences
from .strategies import TERMS, documents, inlines, markdown_text

XHTML = "{http://www.w3.org/1999/xhtml}"

HEADING_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6"}

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
EXAMPLES = int(os.environ.get("ROLEEXPORT_TREE_EXAMPLES", "10"))
"""Random trees per fast format: 10 in CI; more for a local search once ("ROLEEXPORT_TREE_EXAMPLES=400
pytest tests/test_properties.py -k 'pdf or summary'", as when hyphenation was turned on)."""


@SETTINGS
@given(markdown_text)
def test_any_markdown_reads_into_a_sound_tree_or_fails_with_a_source_error(text: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            doc = read_text(text, Path("random.md"))
        except SourceError:
            return
    levels = [level for level, _ in outline(doc)]
    assert levels[0] == 1 or any(isinstance(b, Heading) and b.level == 1 for b in doc.blocks)
    assert all(b <= a + 1 for a, b in itertools.pairwise(levels)), levels
    ids = [b.id for b in iter_blocks(doc.blocks)]
    assert len(ids) == len(set(ids)), "block ids must be unique"
    assert len({h.id for h in headings(doc)}) == len(headings(doc))


SPOKEN_FORMATS = ("audio", "readaloud", "daisy")
FAST_FORMATS = [name for name in exporters.names() if name not in SPOKEN_FORMATS]


def _alnum(text: str) -> list[str]:
    """Words of letters and decimal digits: what speech must keep (symbols may be said or dropped)."""
    kept = "".join(c if unicodedata.category(c)[0] in "LM" or unicodedata.category(c) == "Nd" else " " for c in text)
    return [w.upper().lower() for w in kept.split()]  # narration capitalises sentence starts ("ı" → "I")


def _subsequence(needle: list[str], haystack: list[str]) -> bool:
    it = iter(haystack)
    return all(word in it for word in needle)


def _printed_as(seen: list[str], wanted: list[str]) -> bool:
    """Equal, except that a character no configured font has is printed as a stand-in.

    Its /ActualText carries the character for assistive technology (poppler's text output does
    not show it; test_pdf checks the ActualText).
    """
    return len(seen) == len(wanted) and all(
        len(s) == len(w) and all(a == b or a in "?\ufffd" for a, b in zip(s, w, strict=True))
        for s, w in zip(seen, wanted, strict=True)
    )


def _rule_sayings(doc: Document) -> list[str]:
    """The written forms the speech plan said by a rule rather than as written."""
    from roleexport.speech.plan import Foreign, Said, Stress

    found: list[str] = []

    def visit(segments: tuple[object, ...]) -> None:
        for seg in segments:
            if isinstance(seg, Said) and seg.saying.rule:
                found.append(seg.saying.written)
            elif isinstance(seg, Stress | Foreign):
                visit(seg.children)

    for unit in build_plan(doc).units:
        for sentence in unit.sentences:
            visit(sentence.segments)
    return found


def read_back(fmt: str, doc: Document, files: dict[str, bytes], folder: Path) -> None:
    """Read one format's output back with an independent tool and compare it with the tree."""
    slug = doc.meta.slug
    spoken_terms = {t.written.lower() for t in doc.terms}
    if fmt == "pdf":
        for name in (f"{slug}.pdf", f"{slug}-large-print.pdf"):
            path = folder / name
            path.write_bytes(files[name])
            got, heads = struct_words(path)
            expected = words(plain_text(doc))
            assert _printed_as(got, expected), (name, got, expected)
            assert [int(role[1]) for role, _ in heads] == [level for level, _ in outline(doc)]
            assert _printed_as([" ".join(t.split()) for _, t in heads], [" ".join(t.split()) for _, t in outline(doc)])
    elif fmt == "epub":
        with zipfile.ZipFile(io.BytesIO(files[f"{slug}.epub"])) as book:
            texts = [
                " ".join(etree.fromstring(book.read(n)).find(f"{XHTML}body").itertext())
                for n in sorted(book.namelist())
                if n.endswith(".xhtml") and "nav" not in n
            ]
        assert words(" ".join(texts)) == words(plain_text(doc))
    elif fmt == "ssml":
        speak = etree.fromstring(files[f"{slug}.ssml"])
        assert _subsequence(_alnum(plain_text(doc)), _alnum(" ".join(speak.itertext())))
    elif fmt == "narration":
        # words said by a rule ("0A" as "0 amps", "½" as "one half") are said differently on purpose
        by_rule = {w for s in _rule_sayings(doc) for w in _alnum(s)}
        expected = [w for w in _alnum(plain_text(doc)) if w not in spoken_terms and w not in by_rule]
        assert _subsequence(expected, _alnum(files[f"{slug}.txt"].decode("utf-8")))
    elif fmt == "audio":
        data = files[f"{slug}.mp3"]
        sound = miniaudio.decode(data, output_format=miniaudio.SampleFormat.SIGNED16, nchannels=1)
        assert sound.num_frames > sound.sample_rate  # the title at least is said
        chapters = sorted(ID3(io.BytesIO(data)).getall("CHAP"), key=lambda c: c.start_time)
        sections = [" ".join(text.split()) for level, text in outline(doc) if level == 2]
        first = build_plan(doc).units[0]
        if not sections or first.level != 2:  # the opening (title, lead) is a chapter of its own
            sections.insert(0, doc.meta.title)
        assert [c.sub_frames["TIT2"].text[0] for c in chapters] == sections
    elif fmt == "readaloud":
        with zipfile.ZipFile(io.BytesIO(files[f"{slug}-readaloud.epub"])) as book:
            names = sorted(book.namelist())
            pages = {n: etree.fromstring(book.read(n)) for n in names if n.endswith(".xhtml") and "nav" not in n}
            overlays = [etree.fromstring(book.read(n)) for n in names if n.endswith(".smil")]
        texts = [" ".join(root.find(f"{XHTML}body").itertext()) for root in pages.values()]
        assert words(" ".join(texts)) == words(plain_text(doc))
        ids = {
            f"{name.rsplit('/', 1)[-1]}#{e.get('id')}"
            for name, root in pages.items()
            for e in root.iter()
            if e.get("id")
        }
        targets = [t.get("src") for smil in overlays for t in smil.iter("{http://www.w3.org/ns/SMIL}text")]
        assert overlays and targets and set(targets) <= ids
        folder = {name.rsplit("/", 1)[-1]: name for name in pages}
        sentences = [Target(folder[src.partition("#")[0]], src.partition("#")[2]) for src in targets]
        check_sentences(doc, sentences, pages, strict=False)
    elif fmt == "html":
        parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=True)
        root = parser.parse(files[f"{slug}.html"], transport_encoding="utf-8")
        main = root.find(f".//{XHTML}main")
        assert words(web_page_words(root)) == words(plain_text(doc))  # main less the page's own contents list
        found = [e for e in main.iter() if isinstance(e.tag, str) and e.tag[len(XHTML) :] in HEADING_TAGS]
        assert [int(e.tag[-1]) for e in found] == [min(level, 6) for level, _ in outline(doc)]
    elif fmt == "summary":  # a selection of the tree, cut to fit: one sheet whose first heading is the title
        path = folder / f"{slug}-summary.pdf"
        path.write_bytes(files[path.name])
        with pikepdf.open(path) as pdf:
            assert 1 <= len(pdf.pages) <= 2
        _, heads = struct_words(path)
        assert heads and heads[0][0] == "H1"
        assert _printed_as([" ".join(heads[0][1].split())], [" ".join(doc.meta.title.split())])
    elif fmt == "daisy":
        from tests.daisy_checks import check_book

        path = folder / f"{slug}-daisy.zip"
        path.write_bytes(files[path.name])
        (folder / "dtds").mkdir(exist_ok=True)
        book = check_book(path, folder / "dtds", doc, every_sentence=False)
        body = book.content("content.html").find(f"{XHTML}body")
        assert words(" ".join(body.itertext())) == words(plain_text(doc))
    else:
        raise AssertionError(f"no read-back for format {fmt!r}: add one here")


@pytest.mark.parametrize("fmt", exporters.names())
def test_any_tree_exports_and_reads_back_as_the_tree(fmt: str, tmp_path: Path) -> None:
    """Speech takes a second or two a tree, so the spoken formats get fewer examples, sharing
    one clip cache; they must not fail at all (a random paragraph of symbols is no reason for
    a page to have no audio)."""
    exporter = exporters.get(fmt)
    style = load_style()
    spoken = fmt in SPOKEN_FORMATS
    options = ExportOptions(cache_dir=tmp_path / "cache") if spoken else ExportOptions()

    @settings(max_examples=8 if spoken else EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(documents())
    def check(doc: Document) -> None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                files = exporter.export(doc, style, options)
            except RoleExportError:
                if spoken:
                    raise
                return
        assert sorted(files) == sorted(exporter.outputs(doc))
        assert all(data for data in files.values())
        read_back(fmt, doc, files, tmp_path)

    check()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(inlines())
def test_written_sentences_cut_a_block_into_the_plans_sentences(children: tuple[Inline, ...]) -> None:
    """The pieces a block is cut into for sentence highlighting hold all its text once, in
    order, and together say exactly the plan's sentences, each piece whole ones."""
    from roleexport.speech.plan import sentence_splitter, sentence_text
    from roleexport.speech.written import pieces

    doc = Document(Metadata(title="t", slug="t", lang="en"), TERMS, (Paragraph("p-1", children),))
    split = sentence_splitter(doc)
    found = pieces(children, split)
    assert "".join(inline_text(p.inlines) for p in found) == inline_text(children)
    said = [sentence_text(s, engine=True) for s in split(children)]
    assert sum(p.says for p in found) == len(said)
    done = 0
    for piece in found:
        if len(found) > 1:
            mine = [sentence_text(s, engine=True) for s in split(piece.inlines)]
            assert mine == said[done : done + piece.says], (piece, said)
        done += piece.says
