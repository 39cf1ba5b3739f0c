"""The ssml export: SSML 1.1 and PLS 1.0 checked with the W3C schemas, read back with lxml
and spoken by a real engine (libespeak-ng from the espeakng-loader wheel, in SSML mode)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree

from roleexport import walk
from roleexport.exporters import ExportOptions
from roleexport.exporters.ssml import SsmlExporter
from roleexport.glossary import load_lexicon
from roleexport.model import Document
from roleexport.reader import read_text
from roleexport.styles import load_style

from .conftest import ROOT, fixture_path

S = "{http://www.w3.org/2001/10/synthesis}"
PLS = "{http://www.w3.org/2005/01/pronunciation-lexicon}"


def alnum_words(text: str) -> list[str]:
    """Words as letters and digits only: punctuation and symbols do not count."""
    return [w.lower() for w in re.split(r"[^\w]+|_", text) if w]


def is_subsequence(needle: list[str], haystack: list[str]) -> bool:
    it = iter(haystack)
    return all(word in it for word in needle)


def export(doc: Document) -> dict[str, bytes]:
    return SsmlExporter().export(doc, load_style(), ExportOptions())


@pytest.fixture(scope="session")
def ssml_schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(fixture_path("schemas", "ssml11", "synthesis.xsd"))))


@pytest.fixture(scope="session")
def pls_schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(fixture_path("schemas", "pls10", "pls-with-xml.xsd"))))


@pytest.fixture(scope="session")
def outputs(perfusionist: Document) -> dict[str, bytes]:
    return export(perfusionist)


@pytest.fixture(scope="session")
def speak(outputs: dict[str, bytes]) -> etree._Element:
    return etree.fromstring(outputs["perfusionist.ssml"])


@pytest.fixture(scope="session")
def espeak(outputs: dict[str, bytes], tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """What libespeak-ng made of the SSML: marks reached, words spoken, phonemes."""
    path = tmp_path_factory.mktemp("espeak") / "page.ssml"
    path.write_bytes(outputs["perfusionist.ssml"])
    proc = subprocess.run(
        [sys.executable, "-m", "tests.espeak_probe", "ssml", str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, f"espeak-ng (espeakng-loader wheel) could not be run: {proc.stderr[-2000:]}"
    return dict(json.loads(proc.stdout))


def test_outputs_are_the_ssml_and_its_lexicon(perfusionist: Document, outputs: dict[str, bytes]) -> None:
    assert sorted(outputs) == sorted(SsmlExporter().outputs(perfusionist)) == ["perfusionist.pls", "perfusionist.ssml"]


def test_ssml_is_valid_ssml_1_1(speak: etree._Element, ssml_schema: etree.XMLSchema) -> None:
    assert ssml_schema.validate(speak), ssml_schema.error_log
    assert speak.tag == f"{S}speak" and speak.get("version") == "1.1"
    assert speak.get("{http://www.w3.org/XML/1998/namespace}lang") == "en-US"


def test_a_broken_ssml_document_is_rejected(outputs: dict[str, bytes], ssml_schema: etree.XMLSchema) -> None:
    """The schema check can fail: a sentence inside a sentence, or no version, is refused."""
    nested = etree.fromstring(outputs["perfusionist.ssml"])
    first_s = next(nested.iter(f"{S}s"))
    etree.SubElement(first_s, f"{S}s").text = "nested"
    assert not ssml_schema.validate(nested)
    unversioned = etree.fromstring(outputs["perfusionist.ssml"])
    del unversioned.attrib["version"]
    assert not ssml_schema.validate(unversioned)


def test_pls_files_are_valid_pls_1_0(outputs: dict[str, bytes], pls_schema: etree.XMLSchema) -> None:
    written = etree.fromstring(outputs["perfusionist.pls"])
    assert pls_schema.validate(written), pls_schema.error_log
    shipped = etree.parse(str(ROOT / "src" / "roleexport" / "defaults" / "lexicon.pls"))
    assert pls_schema.validate(shipped), pls_schema.error_log
    broken = etree.fromstring(outputs["perfusionist.pls"])
    del broken.attrib["alphabet"]
    assert not pls_schema.validate(broken)


def test_the_ssml_references_the_lexicon_written_beside_it(speak: etree._Element) -> None:
    lexicons = speak.findall(f"{S}lexicon")
    assert [lx.get("uri") for lx in lexicons] == ["perfusionist.pls"]
    assert speak.find(f"{S}lookup").get("ref") == lexicons[0].get("{http://www.w3.org/XML/1998/namespace}id")


def test_the_lexicon_says_every_term_as_the_tree_does(
    perfusionist: Document, outputs: dict[str, bytes], tmp_path: Path
) -> None:
    path = tmp_path / "page.pls"
    path.write_bytes(outputs["perfusionist.pls"])
    read_back = load_lexicon(path)
    expected = {
        t.written: t.pronunciation
        for t in perfusionist.terms
        if t.pronunciation.alias or t.pronunciation.spell_out or t.pronunciation.phoneme
    }
    assert read_back == expected
    for needed in (
        "ECMO",
        "CCP",
        "ABCP",
        "CAAHEP",
        "ELSO",
        "SvO2",
        "INVOS",
        "TAVR",
        "MitraClip",
        "CABG",
        "IABP",
        "ARDS",
        "ACT",
        "ABG",
    ):
        assert needed in read_back, needed


def test_every_heading_is_marked_announced_and_stressed_in_order(perfusionist: Document, speak: etree._Element) -> None:
    heads = walk.headings(perfusionist)
    marks = list(speak.iter(f"{S}mark"))
    assert [m.get("name") for m in marks] == [h.id for h in heads]
    for mark, (level, text) in zip(marks, walk.outline(perfusionist), strict=True):
        p = mark.getparent()
        spoken = "".join(p.itertext()).strip()
        assert alnum_words(text) == alnum_words(spoken)[-len(alnum_words(text)) :], (text, spoken)
        assert p.find(f"{S}s/{S}emphasis[@level='strong']") is not None
        before = p.getprevious()
        if before is not None:
            assert before.tag == f"{S}break" and int(before.get("time").removesuffix("ms")) >= 500
        if level == 2:
            assert spoken.startswith("Section: ")


def test_every_word_of_the_page_is_in_the_ssml_in_order(perfusionist: Document, speak: etree._Element) -> None:
    written = alnum_words(" ".join(speak.itertext()))
    for line in walk.text_lines(perfusionist):
        assert is_subsequence(alnum_words(line), written), line
    assert is_subsequence(alnum_words(walk.plain_text(perfusionist)), written)


def test_paragraphs_sentences_items_and_facts(speak: etree._Element) -> None:
    sentences = ["".join(s.itertext()).strip() for s in speak.iter(f"{S}s")]
    assert any(s.startswith("Typical education: Bachelor's degree") for s in sentences)
    assert "Ability to maintain sharp focus during 4 to 8 hour operative cases" in sentences
    assert any(s.startswith("Question: What is CCP certification") for s in sentences)
    assert "Answer" in sentences
    duties = next(p for p in speak.iter(f"{S}p") if "".join(p.itertext()).lstrip().startswith("Set up and prime"))
    assert len(duties.findall(f"{S}s")) == 10 and len(duties.findall(f"{S}break")) == 9


def test_abbreviations_are_spelled_or_substituted(speak: etree._Element) -> None:
    spelled = {n.text for n in speak.iter(f"{S}say-as") if n.get("interpret-as") == "characters"}
    assert {"CCP", "ACT", "ABG", "ABCP", "IABP", "SvO2"} <= spelled
    subs = {n.text: n.get("alias") for n in speak.iter(f"{S}sub")}
    assert subs["ECMO"] == "eck-mo" and subs["CABG"] == "cabbage" and subs["MitraClip"] == "my-tra clip"


def test_no_full_stop_follows_a_closing_tag_or_ends_a_sentence(speak: etree._Element) -> None:
    for node in speak.iter():
        assert not (node.tail or "").startswith("."), etree.tostring(node)
    for s in speak.iter(f"{S}s"):
        assert not "".join(s.itertext()).rstrip().endswith("."), "".join(s.itertext())


def test_hostile_text_stays_text_and_symbols_are_spoken(ssml_schema: etree.XMLSchema) -> None:
    source = (
        "---\ntitle: Odd & <b>bold</b>\nslug: odd\nabbreviations:\n  XYZ: ex why zed\n---\n\n"
        '# Odd\n\nThe end `</speak><audio src="x.wav"/>` and `<mark name="bad"/>` & "quotes" → here.\n\n'
        "Work 4–8 hours with XYZ. Then 600+ cases — always XYZ.\n"
    )
    doc = read_text(source, Path("odd.md"))
    out = export(doc)
    root = etree.fromstring(out["odd.ssml"])
    assert ssml_schema.validate(root), ssml_schema.error_log
    assert not list(root.iter(f"{S}audio"))
    assert [m.get("name") for m in root.iter(f"{S}mark")] == ["odd"]
    text = " ".join(root.itertext())
    assert '</speak><audio src="x.wav"/>' in text and '<mark name="bad"/>' in text
    assert "→" not in text and "4 to 8 hours" in text and "600-plus cases" in text
    assert [n.text for n in root.iter(f"{S}say-as")] == ["XYZ", "XYZ"]
    etree.fromstring(out["odd.pls"])


def test_espeak_ng_reaches_every_mark_in_order(perfusionist: Document, espeak: dict[str, object]) -> None:
    assert espeak["status"] == 0
    assert espeak["marks"] == [h.id for h in walk.headings(perfusionist)]


def test_espeak_ng_speaks_the_words_not_the_markup(
    outputs: dict[str, bytes], espeak: dict[str, object], speak: etree._Element
) -> None:
    """Tags read aloud would add hundreds of words; a "dot" after a tag shows in the phonemes."""
    spoken_words = len(" ".join(speak.itertext()).split())
    assert 0.85 * spoken_words <= int(espeak["words"]) <= 1.15 * spoken_words  # type: ignore[call-overload]
    assert "d'0t" not in str(espeak["phonemes"])
    assert int(espeak["samples"]) > 22050 * 60  # type: ignore[call-overload]


def test_every_kind_of_block_is_spoken_validly(ssml_schema: etree.XMLSchema) -> None:
    """The EPUB tests' synthetic page (nested lists, table, code, scene break, image, French)."""
    import warnings

    from tests.test_epub import SYNTHETIC

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        doc = read_text(SYNTHETIC, Path("night-day-nurse.md"))
    root = etree.fromstring(export(doc)["night-day-nurse.ssml"])
    assert ssml_schema.validate(root), ssml_schema.error_log
    sentences = ["".join(s.itertext()).strip() for s in root.iter(f"{S}s")]
    assert "Shift: Night, Pay and extras: 20%" in sentences
    assert "Image: A nurse at a night desk" in sentences
    assert [n.get("{http://www.w3.org/XML/1998/namespace}lang") for n in root.iter(f"{S}lang")] == ["fr"]
    assert [m.get("name") for m in root.iter(f"{S}mark")] == [h.id for h in walk.headings(doc)]
    breaks = [int(b.get("time").removesuffix("ms")) for b in root.iter(f"{S}break")]
    assert max(breaks) == 1200  # the scene break, once, not added to the heading's pause
    written = alnum_words(" ".join(root.itertext()))
    for line in walk.text_lines(doc):
        assert is_subsequence(alnum_words(re.sub(r"\s&\s", " and ", line)), written), line
