"""How pages are pronounced, checked with a real engine: the corpus in
``fixtures/speech/pronunciation.tsv`` (tokens of many fields in context sentences, each with
the spoken forms a careful human reader would use), and one per other language
(``pronunciation-es.tsv`` …: money, units, times, ranges, abbreviations and acronyms in that
language's words and letter names, on a page of that ``lang``) goes through the real reader, plan and
SSML, and libespeak-ng (the espeakng-loader wheel, in SSML mode: what ``espeak-ng -q -x -m``
prints) gives its phonemes; the same sentence with each acceptable form in the token's place
(``{X}`` spelled with ``say-as characters``) is rendered the same way. Stress marks, pauses and
word gaps are ignored. Everything is rendered in one engine process.

And for random text, the spoken form holds no symbol an engine would read by its name.
"""

from __future__ import annotations

import json
import random
import re
import subprocess
import sys
import warnings
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from roleexport.exporters import ExportOptions
from roleexport.exporters.ssml import SsmlExporter
from roleexport.model import Document, Metadata, Paragraph, Text
from roleexport.reader import read_source
from roleexport.speech.plan import build_plan, unit_text
from roleexport.styles import load_style

from .conftest import ROOT, fixture_path

S = "{http://www.w3.org/2001/10/synthesis}"
SEPARATOR = "xylophone"
SYMBOL_NAMES = ("slash", "backslash", "colon", "underscore", "asterisk", "tilde", "circumflex", "sign")
"""Words espeak-ng says for a symbol it reads by name ("percent sign", "dollar sign"). Not "dot":
a full stop inside a word is how a domain is said ("example dot com")."""


@dataclass(frozen=True, slots=True)
class Entry:
    field: str
    sentence: str
    token: str
    forms: tuple[str, ...]


LANGUAGES = {"en": "en-US", "es": "es-ES", "fr": "fr-FR", "de": "de-DE", "pt": "pt-BR"}
"""Each corpus and the page language it is read and spoken in."""


def corpus(language: str = "en") -> list[Entry]:
    name = "pronunciation.tsv" if language == "en" else f"pronunciation-{language}.tsv"
    entries = []
    for line in fixture_path("speech", name).read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        field, sentence, token, forms = line.split("\t")
        entries.append(Entry(field, sentence, token, tuple(f.strip() for f in forms.split("|"))))
    return entries


VARIANTS = (("O@", "o@"), ("DI", "D@"))
"""Phonemes that are one sound to a listener: espeak-ng's "or" after a digit and in a word
("40", "forty"), and "the" before a vowel, which it chooses by the next written letter."""


def phonemes(trace: str) -> str:
    """Phonemes without stress marks, pauses, syllable marks, espeak-ng's vowel-variant marks
    ("2", "#") and spaces ("p'i:_|,eI" → "pi:eI")."""
    plain = re.sub(r"_[:!|]?|[\s'ˈ,ˌ;%=#2-]", "", trace)
    for variant, sound in VARIANTS:
        plain = plain.replace(variant, sound)
    return plain


def form_ssml(sentence: str, token: str, form: str) -> str:
    """The sentence with an acceptable form in the token's place, as SSML ``<s>`` content."""
    said = "".join(
        f'<say-as interpret-as="characters">{escape(part[1:-1])}</say-as>' if part.startswith("{") else escape(part)
        for part in re.split(r"(\{[^}]*\})", form)
    )
    before, _, after = sentence.partition(token)
    return f"{escape(before)}{said}{escape(after)}"


def speak(sentences: list[str], tmp: Path, lang: str = "en-US") -> list[str]:
    """Phonemes of each ``<s>`` content, all rendered by one espeak-ng process in ``lang``'s voice."""
    body = "".join(f"<s>{SEPARATOR}</s><s>{s}</s>" for s in sentences)
    path = tmp / "corpus.ssml"
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<speak version="1.1" xmlns="http://www.w3.org/2001/10/synthesis"'
        f' xml:lang="{lang}">{body}<s>{SEPARATOR}</s></speak>',
        encoding="utf-8",
    )
    proc = subprocess.run(
        [sys.executable, "-m", "tests.espeak_probe", "ssml", str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert proc.returncode == 0, f"espeak-ng (espeakng-loader wheel) could not be run: {proc.stderr[-2000:]}"
    lines = [phonemes(line) for line in json.loads(proc.stdout)["phonemes"].splitlines() if line.strip()]
    separator = lines[0]
    chunks: list[str] = []
    for line in lines[1:]:
        if line == separator:
            chunks.append("")
        elif chunks:
            chunks[-1] += line
        else:
            chunks.append(line)
    assert chunks and chunks.pop() == "", "the closing separator is missing"
    assert len(chunks) == len(sentences), "the separators did not come back one per sentence"
    return chunks


@dataclass(frozen=True, slots=True)
class Heard:
    entry: Entry
    plan_ssml: str
    plan: str
    forms: dict[str, str]


@pytest.fixture(scope="session", params=list(LANGUAGES))
def heard(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> list[Heard]:
    """Every corpus sentence through reader → plan → SSML, and each acceptable form, spoken."""
    language: str = request.param
    lang = LANGUAGES[language]
    entries = corpus(language)
    tmp = tmp_path_factory.mktemp(f"pronunciation-{language}")
    source = tmp / "corpus.md"
    page = "\n\n".join(e.sentence for e in entries)
    source.write_text(f"---\ntitle: Corpus\nlang: {lang}\n---\n\n# Corpus\n\n{page}\n", encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        doc = read_source(source)
        root = etree.fromstring(SsmlExporter().export(doc, load_style(), ExportOptions())["corpus.ssml"])
    paragraphs = [p for p in root.iter(f"{S}p") if p.find(f"{S}mark") is None]
    assert len(paragraphs) == len(entries)
    planned = [
        "</s><s>".join(
            etree.tostring(s, encoding="unicode").split(">", 1)[1].rsplit("</", 1)[0] for s in p.iter(f"{S}s")
        )
        for p in paragraphs
    ]
    sentences = list(planned)
    for entry in entries:
        sentences.extend(form_ssml(entry.sentence, entry.token, form) for form in entry.forms)
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == lang
    spoken = iter(speak(sentences, tmp, lang))
    plan_phonemes = [next(spoken) for _ in entries]
    return [
        Heard(entry, ssml, said, {form: next(spoken) for form in entry.forms})
        for entry, ssml, said in zip(entries, planned, plan_phonemes, strict=True)
    ]


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_the_corpus_is_large_and_wide(language: str) -> None:
    entries = corpus(language)
    assert len(entries) >= (250 if language == "en" else 40)
    assert len({e.field for e in entries}) >= (6 if language == "en" else 5)
    assert all(e.token in e.sentence and e.forms for e in entries)
    if language != "en":  # money, units, times, ranges and acronyms in every language
        tokens = " ".join(e.token for e in entries)
        assert re.search(r"[€$]", tokens) and re.search(r"\d\s?(?:km|kg|mg|°C|m²|%)", tokens)
        assert re.search(r"\d[:h.]\d\d", tokens) and "–" in tokens
        assert any("{" in f for e in entries for f in e.forms)


def test_every_token_is_said_in_an_acceptable_way(heard: list[Heard]) -> None:
    wrong = [
        f"{h.entry.token!r} in {h.entry.sentence!r}: heard {h.plan!r} from {h.plan_ssml!r}; acceptable {h.forms}"
        for h in heard
        if h.plan not in h.forms.values()
    ]
    assert not wrong, f"{len(wrong)} of {len(heard)} tokens said wrong:\n" + "\n".join(wrong)


def test_every_known_token_is_marked_up_not_guessed(heard: list[Heard]) -> None:
    """Letters, numbers in words and capitals reach the engine inside <sub> or <say-as>."""
    for h in heard:
        if re.search(r"[A-Z]{2}|[/:%&#$€£]|\d[A-Za-z]|[A-Za-z]\d", h.entry.token):
            assert "<sub" in h.plan_ssml or "<say-as" in h.plan_ssml, h.plan_ssml


# ---------------------------------------------------------------------------- symbols

VOCABULARY = [
    "the",
    "nurse",
    "pay",
    "shift",
    "RN",
    "ICU",
    "mmHg",
    "L/min",
    "and",
    "or",
    "P/F",
    "SpO₂",
    "e.g.",
    "a.m.",
    "x",
    "y",
    "hours",
    "ABC",
    "Wi-Fi",
    "IPv6",
    "vs.",
    "Dr.",
    "etc.",
    "No.",
    "C++",
    "a/b",
    "key:value",
]
SYMBOLS = list("/:_%#@&+=<>|*~^\\–—()[]$€£°²₂½") + ["://", "%%", "__", "/ /"]
NUMBERS = ["1", "24", "7:30", "1:1", "3/4", "85,000", "2.5", "10", "2020", "1/15/2026", "600"]
piece = st.one_of(st.sampled_from(VOCABULARY), st.sampled_from(SYMBOLS), st.sampled_from(NUMBERS))
random_text = st.lists(st.tuples(piece, st.sampled_from(["", " ", " ", ", "])), min_size=1, max_size=14).map(
    lambda parts: "".join(p + sep for p, sep in parts)
)
NAMED_SYMBOLS = re.compile(r"[/\\_%#@|^*=<>~°²₂½$€£]|(?<=\S):(?=\S)")


def engine_text(text: str) -> str:
    """What the engine is given for a paragraph of this text (the plan's spoken form)."""
    doc = Document(Metadata(title="T", slug="t", lang="en-US"), (), (Paragraph("p", (Text(text),)),))
    return " ".join(unit_text(u, engine=True) for u in build_plan(doc).units if u.block_id == "p")


@settings(max_examples=400, deadline=None, derandomize=True)
@given(random_text)
def test_random_text_is_spoken_without_symbol_names(text: str) -> None:
    """No symbol is left for the engine to read by its name: it is said in words or dropped."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        spoken = engine_text(text)
    assert not NAMED_SYMBOLS.search(spoken), (text, spoken)


def test_espeak_says_no_symbol_name_for_random_text(tmp_path: Path) -> None:
    """The same, heard: 300 random strings (seeded) through the normaliser and espeak-ng."""
    rng = random.Random(20260115)
    texts = [
        "".join(rng.choice(VOCABULARY + SYMBOLS + NUMBERS) + rng.choice(["", " ", " "]) for _ in range(10))
        for _ in range(300)
    ]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        sentences = [escape(engine_text(t)) for t in texts]
    names = speak([*SYMBOL_NAMES, *sentences], tmp_path)
    references, heard = names[: len(SYMBOL_NAMES)], names[len(SYMBOL_NAMES) :]
    for text, said in zip(texts, heard, strict=True):
        for name, reference in zip(SYMBOL_NAMES, references, strict=True):
            assert reference not in said, f"{text!r} is heard with {name!r}: {engine_text(text)!r}"
