"""The narration script: what is spoken, checked against the tree and against the SSML."""

from __future__ import annotations

import re

import pytest
from lxml import etree

from roleexport import walk
from roleexport.exporters import ExportOptions
from roleexport.exporters.narration import NarrationExporter
from roleexport.exporters.ssml import SsmlExporter
from roleexport.model import Document
from roleexport.styles import load_style

from .test_ssml import S, alnum_words, is_subsequence


@pytest.fixture(scope="session")
def script(perfusionist: Document) -> str:
    out = NarrationExporter().export(perfusionist, load_style(), ExportOptions())
    assert list(out) == NarrationExporter().outputs(perfusionist) == ["perfusionist.txt"]
    return out["perfusionist.txt"].decode("utf-8")


def said(doc: Document, text: str) -> str:
    """The page's text with each term as the brief says it is spoken: its alias, else spelled
    (a plural "CCPs" as "C C P's")."""
    for term in sorted(doc.terms, key=lambda t: len(t.written), reverse=True):
        p = term.pronunciation
        spoken = p.alias or (" ".join(term.written) if p.spell_out else term.written)
        text = re.sub(
            rf"(?<![\w-]){re.escape(term.written)}(s?)(?!\w)",
            lambda m, spoken=spoken: spoken + ("'s" if m.group(1) else ""),
            text,
        )
    return text


def test_every_heading_is_announced_in_order(perfusionist: Document, script: str) -> None:
    lines = script.splitlines()
    position = 0
    for level, text in walk.outline(perfusionist):
        label = {1: "", 2: "Section: "}.get(level, "Subsection: ")
        if text.endswith("?"):
            label = "Question: "
        expected = label + said(perfusionist, text).rstrip(".?")
        found = [i for i, line in enumerate(lines[position:], start=position) if line.startswith(expected)]
        assert found, f"heading {text!r} not announced as {expected!r} after line {position}"
        position = found[0] + 1
        assert lines[found[0] - 1] == "" or found[0] == 0, "a heading starts a new paragraph"


def test_every_sentence_of_the_page_is_in_the_script(perfusionist: Document, script: str) -> None:
    spoken = alnum_words(script)
    for line in walk.text_lines(perfusionist):
        assert is_subsequence(alnum_words(said(perfusionist, line)), spoken), line


def test_terms_symbols_and_facts_are_read_as_a_listener_hears_them(script: str) -> None:
    assert "Typical education: Bachelor's degree plus an accredited clinical perfusion program" in script
    assert "during 4 to 8 hour operative cases." in script
    assert "C C P (Certified Clinical Perfusionist) from A B C P" in script
    assert "point-of-care A B G and A C T interpretation" in script
    assert "eck-mo" in script and "ECMO" not in script
    assert "approximately 4,000 practicing C C P's nationally" in script
    assert "averaging 600-plus bypass cases" in script and "an additional 120-plus cases" in script
    assert "\nEck-mo use has expanded dramatically" in script
    assert "Answer.\n" in script and "Letter begins." in script and "Letter ends." in script
    assert not re.search(r"[<>→–—]", script)


def test_script_says_exactly_what_the_ssml_says(perfusionist: Document, script: str) -> None:
    """Both are renderings of one plan: the SSML, spoken (aliases, spelled letters), has the same words."""
    ssml = etree.fromstring(SsmlExporter().export(perfusionist, load_style(), ExportOptions())["perfusionist.ssml"])
    words: list[str] = []

    def speak(node: etree._Element) -> None:
        if node.tag == f"{S}sub":
            words.append(node.get("alias"))
        elif node.tag == f"{S}say-as":
            words.append(" ".join(node.text))
        else:
            words.append(node.text or "")
            for child in node:
                speak(child)
        if node is not ssml:
            words.append(node.tail or "")

    speak(ssml)
    assert alnum_words(" ".join(words)) == alnum_words(script)


def test_list_items_are_one_line_each_and_sections_are_separated(perfusionist: Document, script: str) -> None:
    block = script.split("Section: Duties and responsibilities.\n\n", 1)[1].split("\n\n", 1)[0]
    assert len(block.splitlines()) == 10
    assert all(line.endswith(".") for line in block.splitlines())


@pytest.mark.parametrize("source", ["*foo  \nbar*", "**foo\\\nbar**", "[*Dobrý  \nden*]{lang=cs}"])
def test_a_line_break_inside_emphasis_keeps_the_words_apart(source: str) -> None:
    from pathlib import Path

    from roleexport.reader import read_text

    doc = read_text(f"# Break\n\n{source}\n", Path("break.md"))
    text = NarrationExporter().export(doc, load_style(), ExportOptions())["break.txt"].decode("utf-8")
    first, second = re.findall(r"\w+", walk.plain_text(doc).split("Break", 1)[1])
    assert f"{first} {second}".lower() in text.lower(), text


def test_the_speech_plan_is_made_once_per_tree_and_its_guesses_are_reported_each_time(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The SSML, the narration and the audio of one tree share one plan (a build hands every
    format the same tree); a changed tree or changed settings get their own; each call still
    warns about what a rule guessed, so every build that asks is told."""
    import warnings

    from roleexport.reader import read_text
    from roleexport.speech import plan as planmod

    made: list[object] = []
    real = planmod._Planner

    class Counted(real):  # type: ignore[misc,valid-type]
        def __init__(self, *args: object) -> None:
            made.append(args[0])
            super().__init__(*args)

    monkeypatch.setattr(planmod, "_Planner", Counted)
    page = "# Rigger\n\nLift 2.5 t at 40 km/h on the NZ site.\n"
    doc = read_text(page, __import__("pathlib").Path("rigger.md"))
    settings = planmod.Settings()
    reports: list[tuple[planmod.Plan, list[str]]] = []
    for _ in range(2):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            reports.append((planmod.build_plan(doc, planmod.Settings()), [str(w.message) for w in caught]))
    (first, said_first), (again, said_again) = reports
    assert again is first and len(made) == 1
    assert said_first and said_again == said_first  # what a rule guessed, told again
    other = planmod.build_plan(doc, planmod.Settings(heading_pause_after=777))
    assert other is not first and other.units != first.units and len(made) == 2
    same_words = read_text(page, __import__("pathlib").Path("rigger.md"))
    assert planmod.build_plan(same_words, settings) == first and len(made) == 3  # another tree: made again
