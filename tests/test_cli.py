"""The command line through click's CliRunner: exit codes, output layout, formats, failures."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from roleexport import __version__
from roleexport.cli import main

GOOD = "---\ntitle: Nurse\nslug: nurse\n---\n# Nurse\n\nNurses care.\n\n## Duties\n\n- Care\n"


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


def write(folder: Path, name: str, text: str | bytes) -> Path:
    path = folder / name
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    return path


def test_version_and_list(runner: CliRunner) -> None:
    assert runner.invoke(main, ["--version"]).output.strip() == f"roleexport, version {__version__}"
    listed = runner.invoke(main, ["list"])
    assert listed.exit_code == 0
    assert "narration" in listed.output


def test_all_writes_the_layout_and_exits_0(runner: CliRunner, tmp_path: Path) -> None:
    source = write(tmp_path, "nurse.md", GOOD)
    result = runner.invoke(
        main, ["all", str(source), "--out", str(tmp_path / "out"), "--format", "narration", "--jobs", "1"]
    )
    assert result.exit_code == 0, result.output
    script = (tmp_path / "out" / "nurse" / "nurse.txt").read_text(encoding="utf-8")
    assert "Nurses care." in script
    assert "nurse: built narration (1 file)" in result.output
    assert sorted(p.name for p in (tmp_path / "out" / "nurse").iterdir()) == ["nurse.txt"]


def test_a_failing_source_among_good_ones_exits_1_and_the_rest_build(runner: CliRunner, tmp_path: Path) -> None:
    good = write(tmp_path, "nurse.md", GOOD)
    bad = write(tmp_path, "bad.md", b"\xff\xfe latin")
    other = write(tmp_path, "medic.md", GOOD.replace("Nurse", "Medic").replace("nurse", "medic"))
    out = tmp_path / "out"
    result = runner.invoke(
        main, ["all", str(good), str(bad), str(other), "--out", str(out), "--format", "narration", "--jobs", "1"]
    )
    assert result.exit_code == 1
    assert (out / "nurse" / "nurse.txt").is_file() and (out / "medic" / "medic.txt").is_file()
    assert f"error: {bad}:1: not UTF-8" in result.output
    assert "Traceback" not in result.output
    assert "2 of 3 sources built" in result.output


def test_unknown_format_is_a_usage_error(runner: CliRunner, tmp_path: Path) -> None:
    source = write(tmp_path, "nurse.md", GOOD)
    result = runner.invoke(main, ["all", str(source), "--format", "docx"])
    assert result.exit_code == 2
    assert "unknown format docx" in result.output


def test_exporter_subcommand_builds_one_format(runner: CliRunner, tmp_path: Path) -> None:
    source = write(tmp_path, "nurse.md", GOOD)
    result = runner.invoke(main, ["narration", str(source), "--out", str(tmp_path / "o"), "--quiet"])
    assert result.exit_code == 0, result.output
    assert result.output == ""
    assert (tmp_path / "o" / "nurse" / "nurse.txt").is_file()


def test_missing_source_is_one_line(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(
        main, ["all", str(tmp_path / "nope.md"), "--out", str(tmp_path / "o"), "--format", "narration"]
    )
    assert result.exit_code == 1
    assert "nope.md: cannot read: No such file or directory" in result.output


def test_tree_prints_json_and_outline(runner: CliRunner, perfusionist_path: Path) -> None:
    tree = runner.invoke(main, ["tree", str(perfusionist_path)])
    assert tree.exit_code == 0
    data = json.loads(tree.stdout)
    assert data["meta"]["title"] == "Perfusionist"
    assert data["blocks"][0] == {
        "type": "Heading",
        "id": "perfusionist",
        "level": 1,
        "children": [{"type": "Text", "text": "Perfusionist"}],
    }
    lines = runner.invoke(main, ["tree", str(perfusionist_path), "--outline"]).stdout.splitlines()
    assert lines[:3] == ["- Perfusionist", "  - Role at a glance", "  - Duties and responsibilities"]


def test_bad_front_matter_names_file_and_line(runner: CliRunner, tmp_path: Path) -> None:
    source = write(tmp_path, "x.md", "---\ntitle: [a, b]\n---\n# X\n")
    result = runner.invoke(main, ["tree", str(source)])
    assert result.exit_code == 1
    assert result.output.strip() == f"error: {source}:2: 'title' must be text, not a list"


def test_import_writes_a_source(runner: CliRunner, tmp_path: Path) -> None:
    page = Path(__file__).parent / "fixtures" / "pages"
    text_page = min(page.glob("*.txt"))
    target = tmp_path / "role.md"
    result = runner.invoke(main, ["import", str(text_page), "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert target.read_text(encoding="utf-8").startswith("---\ntitle: ")
    empty = write(tmp_path, "empty.txt", "  \n")
    failed = runner.invoke(main, ["import", str(empty)])
    assert failed.exit_code == 1 and failed.output.startswith("error: ")
