"""The CommonMark spec's own examples as a corpus nobody here wrote: every one builds, says what it says.

``tests/fixtures/commonmark/spec.json`` holds the examples of CommonMark 0.31.2 (652; see the
folder's README for their source and licence). Each becomes one page: front matter with a title
and the page's ``url`` (so relative links resolve), then the example verbatim. All are built
once, in one batch of two workers, in every format but audio; a spread sample of 20 is built as
audio and read-along too. What each example says is markdown-it's HTML of it with raw HTML left
out (sources never pass HTML through, by design) and the tags stripped; those words must be in
the EPUB and, as spoken words, in the narration script.
"""

from __future__ import annotations

import html
import json
import re
import unicodedata
import warnings
from dataclasses import dataclass
from pathlib import Path

import html5lib
import miniaudio
import numpy as np
import page
import pytest
from markdown_it import MarkdownIt

from roleexport.build import BuildRequest, SourceResult, build
from roleexport.diagnostics import RoleExportWarning
from roleexport.model import CodeBlock
from roleexport.reader import read_source
from roleexport.walk import iter_blocks
from tests.conftest import fixture_path
from tests.html_checks import tree_words as web_page_words
from tests.pdf_checks import tool
from tests.test_epub import read_epub, text_of
from tests.test_readaloud import open_book, own_words

FORMATS = ("pdf", "epub", "ssml", "narration", "html")
SPOKEN = ("audio", "readaloud")
SAMPLE = 20
PAGE_URL = "https://careers.example.edu/spec/examples/"


@dataclass(frozen=True)
class Example:
    number: int
    markdown: str
    section: str

    @property
    def slug(self) -> str:
        return f"example-{self.number:03d}"


@dataclass(frozen=True)
class Corpus:
    examples: list[Example]
    sources: dict[int, Path]
    out: Path
    results: dict[Path, SourceResult]
    spoken: dict[Path, SourceResult]

    def file(self, example: Example, suffix: str) -> Path:
        return self.out / example.slug / f"{example.slug}{suffix}"


def load_examples() -> list[Example]:
    data = json.loads(fixture_path("commonmark", "spec.json").read_text(encoding="utf-8"))
    return [Example(e["example"], e["markdown"], e["section"]) for e in data]


def page_source(example: Example) -> str:
    return (
        f"---\ntitle: CommonMark example {example.number}\nslug: {example.slug}\nlang: en\nurl: {PAGE_URL}\n---\n"
        + example.markdown
    )


def sample(examples: list[Example]) -> list[Example]:
    """Every ``len/20``-th example: spread over the spec's sections, the same on every run."""
    step = len(examples) // SAMPLE
    return examples[::step][:SAMPLE]


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    """Every example built once, in one batch (two workers, as ``roleexport all --jobs 2``)."""
    examples = load_examples()
    folder = tmp_path_factory.mktemp("commonmark")
    sources: dict[int, Path] = {}
    for example in examples:
        path = sources[example.number] = folder / "sources" / f"{example.slug}.md"
        path.parent.mkdir(exist_ok=True)
        path.write_text(page_source(example), encoding="utf-8")
    out = folder / "dist"
    paths = list(sources.values())
    results = {r.source: r for r in build(paths, BuildRequest(out_dir=out, formats=FORMATS), jobs=2)}
    chosen = [sources[e.number] for e in sample(examples)]
    spoken = {r.source: r for r in build(chosen, BuildRequest(out_dir=out, formats=SPOKEN), jobs=2)}
    return Corpus(examples, sources, out, results, spoken)


# ---------------------------------------------------------------------------- what each example says

_RENDER = MarkdownIt("commonmark")
_RENDER.add_render_rule("html_block", lambda *args, **kwargs: "")
_RENDER.add_render_rule("html_inline", lambda *args, **kwargs: "")
_INLINE_TAG = re.compile(r"</?(?:a|em|strong|code|img|span)\b[^>]*>")
_TAG = re.compile(r"<[^>]*>")


def expected_words(markdown: str) -> list[str]:
    """markdown-it's HTML of the example, raw HTML left out, tags stripped: inline tags join
    their text to what is around it, block tags separate words."""
    rendered = _RENDER.render(markdown)
    return html.unescape(_TAG.sub(" ", _INLINE_TAG.sub("", rendered))).split()


def spoken_words(text: str) -> list[str]:
    """Words as a listener hears them: letters and digits only, case and accents' composition
    ignored (the narration says symbols in words and starts sentences with a capital)."""
    return re.findall(r"[^\W_]+", unicodedata.normalize("NFKD", text).casefold())


def said(text: str) -> str:
    """The text as the speech normaliser says it ("$5" "five dollars", "¾" "three quarters",
    a web address by its host): what the narration must contain, rule by rule. The rules
    themselves are checked by the pronunciation corpus (tests/test_pronunciation.py)."""
    from roleexport.speech.normalise import normalise

    return " ".join(piece if isinstance(piece, str) else piece.said for piece in normalise(text, "en"))


def in_order(needles: list[str], haystack: list[str]) -> bool:
    it = iter(haystack)
    return all(word in it for word in needles)


def test_the_fixture_is_the_whole_spec() -> None:
    examples = load_examples()
    assert [e.number for e in examples] == list(range(1, 653))
    assert len({e.section for e in examples}) == 26


def test_every_example_builds_in_every_format(corpus: Corpus) -> None:
    assert len(corpus.results) == len(corpus.examples)
    failures = [f for r in corpus.results.values() for f in r.failures]
    assert not [f for f in failures if "internal error" in f], failures
    assert not failures
    assert all(r.built == list(FORMATS) for r in corpus.results.values())
    for example in corpus.examples:
        for suffix in (".pdf", "-large-print.pdf", ".epub", ".ssml", ".pls", ".txt", ".html"):
            assert corpus.file(example, suffix).stat().st_size > 0, (example.slug, suffix)


def test_each_example_says_its_text_in_the_epub_and_the_narration(corpus: Corpus) -> None:
    missing: list[str] = []
    for example in corpus.examples:
        want = expected_words(example.markdown)
        booklet = read_epub(corpus.file(example, ".epub"))
        words = " ".join(text_of(root) for _, root in booklet.content).split()
        if not in_order(want, words):
            missing.append(f"epub {example.number}: {want} not in {words}")
        script = corpus.file(example, ".txt").read_text(encoding="utf-8")
        heard = spoken_words(script)
        # prose is said by the normaliser's rules, a web address by its host and path (no
        # "https"); code is said as written
        written = " ".join(want)
        candidates = (said(written), written, re.sub(r"https?://", " ", written))
        if not any(in_order(spoken_words(text), heard) for text in candidates):
            missing.append(f"narration {example.number}: {want} not in {script!r}")
    assert not missing, "\n".join(missing)


def test_each_example_is_a_web_page_that_parses_and_says_its_text(corpus: Corpus) -> None:
    """html5lib (strict: any WHATWG parse error raises) reads every example's web page, whose
    ``main`` holds the example's words in order."""
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=True)
    problems: list[str] = []
    for example in corpus.examples:
        try:
            root = parser.parse(corpus.file(example, ".html").read_bytes(), transport_encoding="utf-8")
        except html5lib.html5parser.ParseError as exc:
            problems.append(f"html {example.number}: {exc}")
            continue
        words = web_page_words(root).split()
        if not in_order(expected_words(example.markdown), words):
            problems.append(f"html {example.number}: {expected_words(example.markdown)} not in {words}")
    assert not problems, "\n".join(problems)


def test_raw_html_is_the_only_thing_left_out_and_it_is_reported(corpus: Corpus) -> None:
    for example in corpus.examples:
        with_html = [t for t in _RENDER.parse(example.markdown) if t.type == "html_block"]
        warned = [w for w in corpus.results[corpus.sources[example.number]].warnings if "raw HTML block" in w]
        assert bool(with_html) == bool(warned), (example.number, warned)


# ---------------------------------------------------------------------------- code blocks in print


def code_examples(corpus: Corpus) -> list[tuple[Example, list[str]]]:
    """The examples with a code block, and the code as the tree holds it (what the PDF must print)."""
    found = []
    for example in corpus.examples:
        if not any(t.type in ("fence", "code_block") for t in _RENDER.parse(example.markdown)):
            continue
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RoleExportWarning)  # the build reported them already
            doc = read_source(corpus.sources[example.number])
        found.append((example, [b.text for b in iter_blocks(doc.blocks) if isinstance(b, CodeBlock)]))
    return found


def structure_text(pdf: Path) -> str:
    """Every text piece of poppler's structure-tree reading, in order."""
    pieces = re.findall(r'^\s*"(.*)"$', tool("pdfinfo", "-struct-text", str(pdf)), re.MULTILINE)
    return "".join(pieces)


def test_code_block_pdfs_pass_pdf_ua_and_keep_every_code_character(corpus: Corpus) -> None:
    examples = code_examples(corpus)
    assert len(examples) >= 80  # indented and fenced code, tabs, code in lists and quotes
    problems: list[str] = []
    for example, codes in examples:
        for suffix in (".pdf", "-large-print.pdf"):
            pdf = corpus.file(example, suffix)
            report = page.validate_pdf(str(pdf), profile="ua1")
            if report.rules.failed:
                problems.append(f"{pdf.name}: {report.rules.failed} PDF/UA-1 rules failed")
            read = "".join(structure_text(pdf).split())
            assert "\ufffd" not in read, f"{pdf.name}: a stand-in glyph; the fonts should cover the spec"
            for code in codes:
                if "".join(code.split()) not in read:
                    problems.append(f"{pdf.name}: code {code!r} not in the structure text {read!r}")
    assert not problems, "\n".join(problems)


# ---------------------------------------------------------------------------- the spoken sample


def test_a_sample_is_heard_and_read_along(corpus: Corpus) -> None:
    chosen = sample(corpus.examples)
    assert len(chosen) == SAMPLE and len({e.section for e in chosen}) >= 12
    assert not [f for r in corpus.spoken.values() for f in r.failures]
    for example in chosen:
        assert corpus.spoken[corpus.sources[example.number]].built == list(SPOKEN)
        sound = miniaudio.decode(corpus.file(example, ".mp3").read_bytes(), nchannels=1)
        samples = np.frombuffer(sound.samples, dtype=np.int16).astype(np.float64)
        seconds = len(samples) / sound.sample_rate
        assert seconds > 1.0 and np.sqrt(np.mean(samples**2)) > 100, (example.number, seconds)
        book = open_book(corpus.file(example, "-readaloud.epub"))
        pars = [p for ps in book.pars.values() for p in ps]
        assert pars, example.number
        synced = {p.text_id for p in pars}
        words: list[str] = []
        for par in pars:
            (element,) = book.document(par.text_file).xpath("//*[@id=$id]", id=par.text_id)
            words.extend(own_words(element, synced))
            clip = miniaudio.decode(book.files[par.audio], nchannels=1)
            assert 0 <= par.begin_ms < par.end_ms <= clip.duration * 1000 + 1, (example.number, par)
        assert in_order(spoken_words(" ".join(expected_words(example.markdown))), spoken_words(" ".join(words)))
