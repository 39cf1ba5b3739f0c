"""Two pages of other fields, read as a listener hears them: a respiratory therapist (en-US:
units, money, times, clinical symbols) and a network engineer (en-GB: British spellings, day
first, IT acronyms). The narration and ``tree --speech`` are read back; the SSML is checked
with the W3C schema."""

from __future__ import annotations

import re
import warnings
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from roleexport.cli import main
from roleexport.exporters import ExportOptions
from roleexport.exporters.narration import NarrationExporter
from roleexport.exporters.ssml import SsmlExporter
from roleexport.model import Document
from roleexport.reader import read_source
from roleexport.styles import load_style

from .conftest import fixture_path

PAGES = ("respiratory-therapist", "network-engineer")


def page(name: str) -> Path:
    return fixture_path("speech", f"{name}.md")


@pytest.fixture(scope="module")
def docs() -> dict[str, Document]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return {name: read_source(page(name)) for name in PAGES}


@pytest.fixture(scope="module")
def scripts(docs: dict[str, Document]) -> dict[str, str]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return {
            name: NarrationExporter().export(doc, load_style(), ExportOptions())[f"{name}.txt"].decode()
            for name, doc in docs.items()
        }


def test_the_respiratory_page_is_read_as_a_clinician_reads_it(scripts: dict[str, str]) -> None:
    said = " ".join(scripts["respiratory-therapist"].split())
    for heard in (
        "In the I C U they manage ventilators",
        "adults with C O P D",
        "adjust F I O 2, peep and modes such as A P R V",
        "A C C S and N P S",
        "S P O 2 at 88 to 92 percent",
        "35 to 45 millimeters of mercury",
        "see-pap, bye-pap and high-flow nasal cannula at 40 to 60 liters per minute, for example",
        "the P F ratio (P A O 2 over F I O 2)",
        "6 to 8 milliliters per kilogram",
        "62,000 to 85,000 dollars a year",
        "seven A M to seven P M or seven P M to seven thirty A M, 36 hours per week",
        "twenty-four seven and keep a 1 to 1 ratio",
        "20 to 22 degrees Celsius (68 to 72 degrees Fahrenheit)",
        "Doctor Patel",
        "every January and July. In the twenty twenties, koh-vid nineteen",
        "three quarters of employers",
        "approximately 37 dollars 48 cents per hour",
        "100 thousand to 120 thousand dollars",
    ):
        assert heard in said, heard


def test_the_british_page_uses_british_spelling_and_it_terms(scripts: dict[str, str]) -> None:
    said = " ".join(scripts["network-engineer"].split())
    for heard in (
        "run lans, wans and V P N's",
        "plan I P V 4 and I P V 6 addressing",
        "35,000 to 55,000 pounds a year; contractors 450 pounds per day",
        "nine A M to five thirty P M, Monday to Friday",
        "10 gigabits per second",
        "1,200 square metres",
        "that is channel plans",
        "for example in yam-ul and jay-son",
        "versus the S L A",
        "10 Downing Street, third floor",
        "the twenty tens and the twenty twenties",
        "up 3 times",
    ):
        assert heard in said, heard
    assert "meter" not in said and "liter" not in said


@pytest.mark.parametrize("name", PAGES)
def test_no_symbol_is_left_for_the_engine_to_name(name: str, scripts: dict[str, str]) -> None:
    assert not re.search(r"[/%_#@|\\$€£°]|\d:\d|\be\.g\.|\bi\.e\.", scripts[name])


@pytest.mark.parametrize("name", PAGES)
def test_the_ssml_is_valid_and_marks_every_term(name: str, docs: dict[str, Document]) -> None:
    schema = etree.XMLSchema(etree.parse(str(fixture_path("schemas", "ssml11", "synthesis.xsd"))))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        root = etree.fromstring(SsmlExporter().export(docs[name], load_style(), ExportOptions())[f"{name}.ssml"])
    assert schema.validate(root), schema.error_log
    s = "{http://www.w3.org/2001/10/synthesis}"
    marked = {n.text for n in root.iter(f"{s}say-as", f"{s}sub")}
    for term in docs[name].terms:
        plain = term.written.translate(str.maketrans("₂", "2"))
        assert any(m.startswith((term.written, plain)) for m in marked if m), term.written  # "ABGs" too


def test_tree_speech_prints_the_page_as_said_and_what_was_guessed() -> None:
    result = CliRunner().invoke(main, ["tree", "--speech", str(page("network-engineer"))])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Network Engineer.\n\nNetwork engineers design")
    assert "warning" not in result.stdout
    assert "warning: said letter by letter: 6E; add them to lexicon.pls to change" in result.stderr
    assert "warning: said by rule: £35,000–£55,000 (money: 35,000 to 55,000 pounds)" in result.stderr
    assert result.stderr.count("said letter by letter") == 1
