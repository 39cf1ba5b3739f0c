"""A new user's first hour, through the real command line (click's CliRunner): their own page in
their own folder, and the mistakes people make. Every mistake is one ``error:`` line on stderr
with the exit code that says what it was, and nothing is written or changed."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

import miniaudio
import pikepdf
import pytest
from click.testing import CliRunner, Result
from lxml import etree

from roleexport.cli import main

SSML_NS = {"s": "http://www.w3.org/2001/10/synthesis"}
EPUB_NS = {
    "h": "http://www.w3.org/1999/xhtml",
    "epub": "http://www.idpf.org/2007/ops",
    "opf": "http://www.idpf.org/2007/opf",
    "dc": "http://purl.org/dc/elements/1.1/",
}
ELECTRICIAN = """---
title: Electrician
lang: en-GB
abbreviations:
  NVQ: National Vocational Qualification
---
# Electrician

Electricians wire homes and hospital wards, including the ICU, and test what they fit.

## Qualifications

An NVQ at level 3 and a NICEIC registration; some hold an AI certificate. Pay is £32,000 a year.
"""


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args], prog_name="roleexport")


def one_error(result: Result, code: int) -> str:
    """The single stderr line of a failed command (and its exit code)."""
    assert result.exit_code == code, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    assert "Traceback" not in result.output
    return lines[0]


def snapshot(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture()
def page(tmp_path: Path) -> Path:
    """A page of another field in a folder of its own: no sources/, no glossary beside it."""
    folder = tmp_path / "mine"
    folder.mkdir()
    path = folder / "electrician.md"
    path.write_text(ELECTRICIAN, encoding="utf-8")
    return path


# ---------------------------------------------------------------------------- 2: glossary layers


def test_a_page_in_its_own_folder_keeps_the_default_glossary_and_lexicon(page: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run("all", page, "--format", "epub", "--format", "ssml", "--out", out, "--jobs", "1")
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(out / "electrician" / "electrician.epub") as book:
        xhtml = [etree.fromstring(book.read(n)) for n in book.namelist() if n.endswith(".xhtml")]
    abbrs = {(a.get("title"), a.text) for doc in xhtml for a in doc.iterfind(".//h:abbr", EPUB_NS)}
    assert ("intensive care unit", "ICU") in abbrs  # from roleexport's default glossary
    assert ("artificial intelligence", "AI") in abbrs
    assert ("National Vocational Qualification", "NVQ") in abbrs  # the page's own
    ssml = etree.parse(str(out / "electrician" / "electrician.ssml"))
    spelled = [e.text for e in ssml.iterfind(".//s:say-as[@interpret-as='characters']", SSML_NS)]
    assert "ICU" in spelled
    said = " ".join(e.text or "" for e in ssml.iter())
    assert "I C U" not in said  # the engine spells it; the letters are not written out twice


def test_tree_terms_names_the_layer_of_each_term(page: Path) -> None:
    (page.parent / "glossary.yaml").write_text("abbreviations:\n  ICU: intensive therapy unit\n", encoding="utf-8")
    result = run("tree", page, "--terms")
    assert result.exit_code == 0, result.output
    lines = {line.split(":", 1)[0]: line for line in result.stdout.splitlines()}
    assert "'intensive therapy unit' from " + str(page.parent / "glossary.yaml") in lines["ICU"]
    assert "from roleexport's default glossary" in lines["AI"]
    assert "from the page's front matter" in lines["NVQ"]
    assert "no expansion in any layer" in lines["NICEIC"]


def test_capitals_no_layer_expands_are_one_warning_per_page(page: Path, tmp_path: Path) -> None:
    page.write_text(ELECTRICIAN + "\nThe NICEIC register and the JIB grade; NICEIC again.\n", encoding="utf-8")
    result = run("all", page, "--format", "narration", "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if "no glossary expands" in line]
    assert warnings == [
        (
            f"warning: {page}: no glossary expands JIB, NICEIC: add each to 'abbreviations' in the front matter "
            "or to a glossary.yaml beside the page ('roleexport tree --terms' shows where terms come from)"
        )
    ]


# ---------------------------------------------------------------------------- 3: styles


@pytest.mark.parametrize(
    ("style", "expected"),
    [
        (None, "error: no style 'fancy' (styles: default; or give a path to a .toml file)"),
        ('base = "default"\n[pdf\npaper = "a4"\n', "bad.toml:2:5: style is not valid TOML: Expected ']'"),
        ('base = "default"\n[pdf]\nmargn_top = 40\n', "bad.toml: [pdf] unknown key 'margn_top' (did you mean"),
        ('[pdf]\nbody_size = "big"\n', "bad.toml: [pdf] body_size must be a number, not 'big'"),
        ("[pdf.large_print]\nleading = true\n", "bad.toml: [pdf.large_print] leading must be a number, not True"),
        ("[speech]\nannounce_headings = 1\n", "bad.toml: [speech] announce_headings must be true or false, not 1"),
        ("[epubb]\nsplit_level = 2\n", "bad.toml: unknown table 'epubb' (did you mean 'epub'?)"),
        ('[labels]\ncontentz = "Inhalt"\n', "bad.toml: [labels] unknown key 'contentz' (did you mean 'contents'?)"),
        ("[labels.fr]\npage_of = 3\n", "bad.toml: [labels.fr] page_of must be a string, not 3"),
        ("[summary.items]\ndutes = 3\n", "bad.toml: [summary.items] unknown key 'dutes' (did you mean 'duties'?)"),
        (
            '[summary]\nsections = ["pay"]\n[summary.items]\npya = 3\n',
            "bad.toml: [summary.items] unknown key 'pya' (did you mean 'pay'?)",
        ),
        ('[summary.items]\nduties = "all"\n', "bad.toml: [summary.items] duties must be a whole number, not 'all'"),
        ("[site]\npage_url = 1\n", "bad.toml: [site] page_url must be a string, not 1"),
        (
            '[audio]\nvoice = "elvish"\n',
            "bad.toml: [audio] voice: no espeak-ng voice 'elvish' ('roleexport voices' lists",
        ),
    ],
)
def test_a_bad_style_is_one_line_and_exit_2(page: Path, tmp_path: Path, style: str | None, expected: str) -> None:
    name = "fancy"
    if style is not None:
        name = str(tmp_path / "bad.toml")
        Path(name).write_text(style, encoding="utf-8")
    out = tmp_path / "out"
    line = one_error(run("all", page, "--style", name, "--out", out), 2)
    assert expected in line
    assert not out.exists()


def test_a_style_may_override_generated_words(page: Path, tmp_path: Path) -> None:
    """[labels], [labels.<language>] and the labels older styles set in [speech] pass the check."""
    style = tmp_path / "words.toml"
    style.write_text(
        'base = "default"\n[labels]\ncontents = "Inhalt"\n[labels.fr]\ncontents = "Table"\n'
        '[speech]\nsection_label = "Part"\n',
        encoding="utf-8",
    )
    out = tmp_path / "out"
    result = run("narration", page, "--style", style, "--out", out)
    assert result.exit_code == 0, result.stderr
    spoken = next(out.glob("*/*.txt")).read_text(encoding="utf-8")
    assert "Part: " in spoken and "Section: " not in spoken


def test_a_career_centre_style_for_the_summary_passes_the_check(page: Path, tmp_path: Path) -> None:
    """Where its pages are published and each section's item limit, keyed by the style's own
    section words: accepted by the command line's style check, and used."""
    style = tmp_path / "centre.toml"
    style.write_text(
        'base = "default"\n[site]\npage_url = "https://careers.example.edu/roles/{slug}/"\n'
        '[summary]\nsections = ["qualifications"]\n[summary.items]\nqualifications = 1\n',
        encoding="utf-8",
    )
    out = tmp_path / "out"
    result = run("summary", page, "--style", style, "--out", out)
    assert result.exit_code == 0, result.stderr
    with pikepdf.open(next(out.glob("*/*-summary.pdf"))) as pdf:
        annots = [str(a.A.URI) for p in pdf.pages for a in p.get("/Annots", []) if a.Subtype == "/Link"]
    assert "https://careers.example.edu/roles/electrician/" in annots


# ---------------------------------------------------------------------------- 4: dates


def test_an_impossible_date_is_file_and_line_and_the_batch_goes_on(page: Path, tmp_path: Path) -> None:
    bad = [page.parent / "month.md", page.parent / "february.md"]
    bad[0].write_text("---\ntitle: A\nupdated: 2025-13-45\n---\n# A\n", encoding="utf-8")
    bad[1].write_text("---\ntitle: B\ncategory: Trades\nupdated: 2025-02-30\n---\n# B\n", encoding="utf-8")
    out = tmp_path / "out"
    result = run("all", *bad, page, "--format", "narration", "--out", out, "--jobs", "1")
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error")]
    assert errors == [
        f"error: {bad[0]}:3: updated: 2025-13-45 is not a date (YYYY-MM-DD)",
        f"error: {bad[1]}:4: updated: 2025-02-30 is not a date (YYYY-MM-DD)",
    ]
    assert sorted(p.name for p in out.iterdir()) == [".roleexport-manifest.json", "electrician"]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"abbreviations:\n  CPR: [unclosed\n", "glossary.yaml:3: glossary is not valid YAML: did not find expected"),
        (b"abbreviations:\n  CPR: caf\xe9\n", "glossary.yaml: glossary is not valid UTF-8: invalid continuation byte"),
    ],
)
def test_a_broken_glossary_is_one_line_and_the_batch_goes_on(
    page: Path, tmp_path: Path, content: bytes, expected: str
) -> None:
    """A glossary beside some pages only: those pages fail with the glossary's file and line, the rest build."""
    other = tmp_path / "other"
    other.mkdir()
    broken = other / "nurse.md"
    broken.write_text("---\ntitle: Nurse\n---\n# Nurse\n\nNurses give CPR.\n", encoding="utf-8")
    (other / "glossary.yaml").write_bytes(content)
    out = tmp_path / "out"
    result = run("all", broken, page, "--format", "narration", "--out", out, "--jobs", "1")
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error")]
    assert len(errors) == 1 and expected in errors[0], result.stderr
    assert "\n" not in errors[0] and "Traceback" not in result.stderr
    assert sorted(p.name for p in out.iterdir()) == [".roleexport-manifest.json", "electrician"]


# ---------------------------------------------------------------------------- 5: voices


def test_an_unknown_voice_is_a_usage_error_saying_how_to_list_voices(page: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    line = one_error(run("audio", page, "--voice", "elvish", "--out", out), 2)
    assert (
        line == "error: --voice: no espeak-ng voice 'elvish' ('roleexport voices' lists the voices and their languages)"
    )
    assert not out.exists()


def test_voices_lists_the_installed_voices_with_their_languages() -> None:
    result = run("voices")
    assert result.exit_code == 0, result.output
    rows = {line.split()[0]: line for line in result.stdout.splitlines()}
    assert len(rows) > 50
    assert "fr" in rows["roa/fr"].split(maxsplit=1)[1] and "French" in rows["roa/fr"]
    assert "en-gb" in rows["gmw/en"]


def test_a_regional_language_is_spoken_by_its_language_s_voice(tmp_path: Path) -> None:
    from roleexport.exporters.audio.settings import choose_voice

    assert choose_voice(None, "fr-CA") == "roa/fr"
    assert choose_voice(None, "en-GB") == "gmw/en"
    assert choose_voice("French (Switzerland)", "en") == "roa/fr-CH"
    with pytest.warns(UserWarning, match="no voice for the page's language 'zz'"):
        assert choose_voice(None, "zz") == "gmw/en"
    folder = tmp_path / "fr"
    folder.mkdir()
    source = folder / "infirmiere.md"
    source.write_text("---\ntitle: Infirmière\nlang: fr-CA\n---\n# Infirmière\n\nElle soigne.\n", encoding="utf-8")
    result = run("audio", source, "--out", tmp_path / "out", "--jobs", "1")
    assert result.exit_code == 0 and result.stderr == "", result.output
    sound = miniaudio.decode((tmp_path / "out" / "infirmiere" / "infirmiere.mp3").read_bytes(), nchannels=1)
    assert sound.duration > 1.0


# ---------------------------------------------------------------------------- 6: import


def test_import_never_overwrites_a_file_without_force(tmp_path: Path) -> None:
    received = Path(__file__).parent / "fixtures" / "pages" / "perfusionist.txt"
    target = tmp_path / "role.md"
    target.write_text("my edits\n", encoding="utf-8")
    line = one_error(run("import", received, "-o", target), 1)
    assert line == f"error: {target} already exists; give --force to overwrite it (your edits in it would be lost)"
    assert target.read_text(encoding="utf-8") == "my edits\n"
    forced = run("import", received, "-o", target, "--force")
    assert forced.exit_code == 0 and target.read_text(encoding="utf-8").startswith("---\ntitle: Perfusionist")


# ---------------------------------------------------------------------------- 7: A4 editions


def test_a4_editions_have_their_own_names_and_the_epub_follows_them(page: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run("all", page, "--format", "pdf", "--out", out).exit_code == 0
    letter = snapshot(out / "electrician")
    result = run("all", page, "--format", "pdf,epub", "--paper", "a4", "--out", out)
    assert result.exit_code == 0, result.output
    folder = out / "electrician"
    assert {k: v for k, v in snapshot(folder).items() if k in letter} == letter  # the Letter files untouched
    assert sorted(p.name for p in folder.iterdir()) == [
        "electrician-a4.pdf",
        "electrician-large-print-a4.pdf",
        "electrician-large-print.pdf",
        "electrician.epub",
        "electrician.pdf",
    ]
    with pikepdf.open(folder / "electrician-a4.pdf") as pdf:
        assert [round(float(v)) for v in pdf.pages[0].mediabox][2:] == [595, 842]
        a4_pages = len(pdf.pages)
    with zipfile.ZipFile(folder / "electrician.epub") as book:
        opf = etree.fromstring(book.read(next(n for n in book.namelist() if n.endswith(".opf"))))
        nav = etree.fromstring(book.read(next(n for n in book.namelist() if n.endswith("nav.xhtml"))))
    source = opf.find("opf:metadata/dc:source", EPUB_NS)
    assert source is not None and "electrician-a4.pdf, A4" in (source.text or "")
    refined = opf.find(f"opf:metadata/opf:meta[@refines='#{source.get('id')}']", EPUB_NS)
    assert refined is not None and refined.get("property") == "source-of" and refined.text == "pagination"
    page_list = nav.find(".//h:nav[@epub:type='page-list']", EPUB_NS)
    assert page_list is not None and len(page_list.findall(".//h:a", EPUB_NS)) == a4_pages


# ---------------------------------------------------------------------------- 8: caches


def test_the_output_folder_holds_only_deliverables(page: Path, tmp_path: Path, user_cache_folder: Path) -> None:
    out = tmp_path / "out"
    result = run("all", page, "--format", "epub", "--out", out)
    assert result.exit_code == 0, result.output
    assert sorted(str(p.relative_to(out)) for p in out.rglob("*")) == [
        ".roleexport-manifest.json",
        "electrician",
        "electrician/electrician.epub",
    ]
    assert (user_cache_folder / "pagemap" / "electrician.json").is_file()  # the user's cache folder (XDG)
    chosen = tmp_path / "my-cache"
    assert run("all", page, "--format", "epub", "--out", out, "--cache-dir", chosen, "--force").exit_code == 0
    assert (chosen / "pagemap" / "electrician.json").is_file()


# ---------------------------------------------------------------------------- 9: no sources/


def test_all_without_a_sources_folder_says_what_to_do(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    line = one_error(run("all"), 2)
    assert line == (
        f"error: no sources/ folder in {tmp_path}: name the pages to build (roleexport all PAGE.md …) "
        "or run roleexport where sources/ is"
    )
    assert list(tmp_path.iterdir()) == []


# ---------------------------------------------------------------------------- 10: small things


@pytest.mark.parametrize(
    ("command", "offered", "not_offered"),
    [
        ("pdf", ["--paper"], ["--voice", "--rate"]),
        ("epub", ["--paper"], ["--voice", "--rate"]),
        ("audio", ["--voice", "--rate"], ["--paper"]),
        ("ssml", [], ["--paper", "--voice", "--rate"]),
        ("narration", [], ["--paper", "--voice", "--rate"]),
        ("readaloud", ["--paper", "--voice", "--rate"], []),
        ("all", ["--paper", "--voice", "--rate", "--cache-dir"], []),
    ],
)
def test_help_shows_only_the_options_a_command_reads(command: str, offered: list[str], not_offered: list[str]) -> None:
    text = run(command, "--help").stdout
    assert all(f"  {o} " in text for o in offered), text
    assert not any(f"  {o} " in text for o in not_offered), text
    if command != "all":
        assert run(command, "--voice" if "--voice" in not_offered else "--paper", "x").exit_code == 2


def test_summaries_count_in_words_and_say_up_to_date(page: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = run("all", page, "--format", "narration", "--out", out)
    assert "electrician: built narration (1 file)\n" in first.stdout
    assert first.stdout.endswith(f"1 of 1 source built into {out}/\n")
    again = run("all", page, "--format", "narration", "--out", out)
    assert again.stdout.endswith(f"1 source up to date in {out}/\n") and "built" not in again.stdout


def test_formats_may_be_a_comma_list(page: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run("all", page, "--format", "narration,ssml", "--out", out)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (out / "electrician").iterdir()) == [
        "electrician.pls",
        "electrician.ssml",
        "electrician.txt",
    ]
    line = one_error(run("all", page, "--format", "narration,docx", "--out", tmp_path / "o2"), 2)
    assert line.startswith("error: --format: unknown format docx (known: ")
    assert not (tmp_path / "o2").exists()


@pytest.mark.parametrize("args", [["import"], ["import", "a.txt", "--nope"], ["pdf", "--paper", "legal"]])
def test_every_usage_error_is_one_lowercase_error_line(args: list[str]) -> None:
    line = one_error(run(*args), 2)
    assert "(see 'roleexport " in line and "--help')" in line
