"""What a command imports: a heavy library the command does not need is start-up time on every
run (a page's EPUB is mostly imports). Checked by the modules a real process ends with, so a
regression is caught without a timing threshold."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from roleexport.i18n import LATIN_DIGITS, ONE_IS_ONE, Catalogue

PROBE = """
import json, sys
from roleexport.cli import main
try:
    main(sys.argv[1:])
except SystemExit as exc:
    code = exc.code
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""

LAYOUT = {"reportlab", "pyphen"}
"""Laying out the handout: not needed when its page map is cached."""
DRAWING = {"PIL"}
"""Drawing the EPUB's cover: not needed when the same cover is cached."""
NEVER_FOR_EPUB = LAYOUT | DRAWING | {"numpy", "lameenc", "mutagen", "pyttsx3", "babel"}
"""Speech and encoding, and Babel (an English page's words need none of its data)."""
START_UP = {"importlib.metadata", "multiprocessing", "concurrent.futures.process"}
"""Entry points come from their cache; one page needs no process pool."""
READING = {"markdown_it", "yaml"}
"""Parsing a page: not needed when its tree is cached (``treecache``)."""
WRITING = {"ebooklib", "lxml"}


def imported(cache: Path, cwd: Path, *args: str) -> set[str]:
    env = {**os.environ, "ROLEEXPORT_CACHE_DIR": str(cache)}
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args], check=False, cwd=cwd, env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["code"] in (0, None), done.stderr
    modules: set[str] = set(report["modules"])
    return modules | {m.split(".")[0] for m in modules}


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory, perfusionist_path: Path) -> dict[str, set[str]]:
    """One page's EPUB cold (lays the handout out), then into a new folder with the page map
    cached, then again (a no-op); ``list`` and ``--help``."""
    cache, cwd = tmp_path_factory.mktemp("cache"), tmp_path_factory.mktemp("work")
    page = str(perfusionist_path)
    found = {
        "cold epub": imported(cache, cwd, "epub", page, "--out", "first", "--quiet"),
        "cached epub": imported(cache, cwd, "epub", page, "--out", "second", "--quiet"),
        "no-op epub": imported(cache, cwd, "epub", page, "--out", "second", "--quiet"),
        "list": imported(cache, cwd, "list"),
        "help": imported(cache, cwd, "--help"),
    }
    for folder in ("first", "second"):
        with zipfile.ZipFile(cwd / folder / "perfusionist" / "perfusionist.epub") as book:
            assert book.read("mimetype") == b"application/epub+zip"
            assert any(name.endswith("nav.xhtml") for name in book.namelist())
    return found


def test_the_probe_sees_a_layout_when_there_is_one(runs: dict[str, set[str]]) -> None:
    """The check can fail: the first EPUB of a page lays its handout out with ReportLab."""
    assert {"reportlab", "reportlab.platypus"} <= runs["cold epub"]


def test_the_probe_sees_a_cover_drawn_when_there_is_one(runs: dict[str, set[str]]) -> None:
    """The check can fail: the first EPUB of a page draws its cover with Pillow."""
    assert {"PIL", "PIL.Image", "PIL.ImageFont"} <= runs["cold epub"]


def test_the_probe_sees_a_page_parsed_when_one_is(runs: dict[str, set[str]]) -> None:
    """The check can fail: the first build of a page parses it (markdown-it, YAML)."""
    assert READING <= runs["cold epub"]


def test_an_epub_with_its_tree_and_page_map_cached_imports_no_parser_layout_speech_or_pool(
    runs: dict[str, set[str]],
) -> None:
    modules = runs["cached epub"]
    assert WRITING <= modules
    unneeded = NEVER_FOR_EPUB | START_UP | READING
    assert not modules & unneeded, sorted(modules & unneeded)


def test_a_no_op_build_reads_no_source_and_writes_nothing(runs: dict[str, set[str]]) -> None:
    modules = runs["no-op epub"]
    unneeded = NEVER_FOR_EPUB | START_UP | READING | WRITING
    assert not modules & unneeded, sorted(modules & unneeded)


@pytest.mark.parametrize("command", ["list", "help"])
def test_list_and_help_import_no_reader_writer_or_metadata(runs: dict[str, set[str]], command: str) -> None:
    modules = runs[command]
    unneeded = NEVER_FOR_EPUB | START_UP | READING | WRITING
    assert "click" in modules
    assert not modules & unneeded, sorted(modules & unneeded)


def test_numbers_and_plurals_without_babel_agree_with_babel_in_every_locale() -> None:
    """The shortcuts that keep Babel out of an English EPUB give Babel's own answers, in every
    CLDR locale of the languages they cover."""
    from babel import Locale
    from babel.localedata import locale_identifiers
    from babel.numbers import format_decimal

    checked = 0
    for identifier in locale_identifiers():
        language = identifier.split("_")[0]
        if language not in LATIN_DIGITS | ONE_IS_ONE:
            continue
        locale = Locale.parse(identifier)
        tag = identifier.replace("_", "-")
        fast = Catalogue(language, {"n_one": "{count} one", "n_other": "{count} other"}, tag)
        for n in (0, 1, 2, 3, 11, 21, 101, 999):
            if language in LATIN_DIGITS:
                assert fast.number(n) == format_decimal(n, locale=locale), identifier
            if language in ONE_IS_ONE:
                assert fast.plural("n", n).endswith("one" if locale.plural_form(n) == "one" else "other"), identifier
        checked += 1
    assert checked > 100


def test_the_built_in_table_says_what_the_exporters_say() -> None:
    """``--help`` and ``list`` describe built-ins from a table instead of importing them: it must
    name the installed entry points and repeat each exporter's own description and options."""
    from importlib.metadata import entry_points

    from roleexport import exporters
    from roleexport.exporters.builtin import BUILT_IN

    installed = {ep.name: ep.value for ep in entry_points(group=exporters.GROUP)}
    ours = {name for name, value in installed.items() if value.startswith("roleexport.exporters.")}
    assert ours, "no built-in exporter is installed"
    missing = sorted(ours - set(BUILT_IN))
    assert not missing, f"add {missing} to roleexport/exporters/builtin.py"
    for name in ours:
        summary = BUILT_IN[name]
        assert installed[name] == summary.value, name
        exporter = exporters.get(name)
        assert (exporter.description, exporters.reads_options(exporter)) == (summary.description, summary.reads)
        assert exporters.describe(name) == (summary.description, summary.reads)


def test_installing_a_plug_in_is_seen_through_the_entry_point_cache(tmp_path: Path) -> None:
    """The cached list is read again when a distribution appears on the path."""
    from roleexport import entrypoints

    site = tmp_path / "site"
    site.mkdir()
    sys.path.insert(0, str(site))
    try:
        before = entrypoints.installed("roleexport.exporters")
        assert entrypoints.installed("roleexport.exporters") == before  # from the cache now
        info = site / "extra_exporter-1.0.dist-info"
        info.mkdir()
        (info / "METADATA").write_text("Metadata-Version: 2.1\nName: extra-exporter\nVersion: 1.0\n", encoding="utf-8")
        (info / "entry_points.txt").write_text("[roleexport.exporters]\nextra = extra_mod:Extra\n", encoding="utf-8")
        after = entrypoints.installed("roleexport.exporters")
        assert ("extra", "extra_mod:Extra") in after and set(before) <= set(after)
    finally:
        sys.path.remove(str(site))
    assert ("extra", "extra_mod:Extra") not in entrypoints.installed("roleexport.exporters")


@pytest.mark.parametrize("xdg", [None, "", "  ", "/srv/cache", "relative/cache"])
@pytest.mark.parametrize("home", ["/home/someone", "relative-home"])
def test_the_cache_folder_is_where_platformdirs_puts_it(
    monkeypatch: pytest.MonkeyPatch, xdg: str | None, home: str
) -> None:
    """Found without importing platformdirs where that is safe, and the same folder."""
    from platformdirs import user_cache_path

    from roleexport.cachedir import default_cache_dir

    monkeypatch.setenv("HOME", home)
    if xdg is None:
        monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    else:
        monkeypatch.setenv("XDG_CACHE_HOME", xdg)
    assert default_cache_dir() == user_cache_path("roleexport", appauthor=False)


def test_the_shipped_glossary_reads_the_same_with_libyaml_as_with_pure_python_yaml() -> None:
    """Every page read parses the shipped glossary: libyaml does it faster, to the same terms."""
    from importlib.resources import as_file, files

    import yaml

    from roleexport.glossary import GLOSSARY_FILE, _load_expansions, default_glossary

    assert hasattr(yaml, "CSafeLoader"), "PyYAML without libyaml: the shipped glossary is read the slow way"
    with as_file(files("roleexport") / "defaults" / GLOSSARY_FILE) as path:
        slow = yaml.safe_load(path.read_text(encoding="utf-8"))["abbreviations"]
        assert _load_expansions(path) == default_glossary().expansions
    assert len(slow) > 100 and set(slow) == set(default_glossary().expansions)
