"""Third-party exporters plug in through the entry-point group, exactly as the built-ins do."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from roleexport import exporters
from roleexport.cli import main
from roleexport.errors import PluginError

PLUGIN = """
from roleexport.walk import outline

class OutlineExporter:
    name = "outline"
    description = "Headings as an indented text outline"
    requires = frozenset()

    def outputs(self, doc):
        return [doc.meta.slug + ".outline.txt"]

    def export(self, doc, style, options):
        text = "\\n".join("  " * (level - 1) + title for level, title in outline(doc)) + "\\n"
        return {doc.meta.slug + ".outline.txt": text.encode()}
"""


def install_plugin(folder: Path, dist: str, entries: dict[str, str], module: str = "") -> None:
    """A minimal installed distribution: a module and a dist-info with entry_points.txt."""
    if module:
        (folder / "outline_plugin.py").write_text(module, encoding="utf-8")
    info = folder / f"{dist}-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {dist}\nVersion: 1.0\n", encoding="utf-8")
    lines = "\n".join(f"{name} = {target}" for name, target in entries.items())
    (info / "entry_points.txt").write_text(f"[roleexport.exporters]\n{lines}\n", encoding="utf-8")


@pytest.fixture()
def site(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "site"
    folder.mkdir()
    sys.path.insert(0, str(folder))
    exporters.clear_cache()
    yield folder
    sys.path.remove(str(folder))
    sys.modules.pop("outline_plugin", None)
    exporters.clear_cache()


def test_a_third_party_exporter_runs_in_roleexport_all(site: Path, tmp_path: Path, perfusionist_path: Path) -> None:
    install_plugin(site, "roleexport_outline", {"outline": "outline_plugin:OutlineExporter"}, PLUGIN)
    assert "outline" in exporters.names()
    listed = CliRunner().invoke(main, ["list"])
    assert "Headings as an indented text outline" in listed.output
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main,
        [
            "all",
            str(perfusionist_path),
            "--out",
            str(out),
            "--format",
            "outline",
            "--format",
            "narration",
            "--jobs",
            "1",
        ],
    )
    assert result.exit_code == 0, result.output
    written = (out / "perfusionist" / "perfusionist.outline.txt").read_text(encoding="utf-8").splitlines()
    assert written[:2] == ["Perfusionist", "  Role at a glance"]
    sub = CliRunner().invoke(main, ["outline", str(perfusionist_path), "--out", str(out)])
    assert sub.exit_code == 0, sub.output


def test_a_duplicate_exporter_name_is_an_error(site: Path) -> None:
    install_plugin(site, "rogue", {"narration": "outline_plugin:OutlineExporter"}, PLUGIN)
    with pytest.raises(PluginError, match="two exporters are named 'narration'"):
        exporters.names()
    result = CliRunner().invoke(main, ["list"])
    assert result.exit_code == 1
    assert "two exporters are named 'narration'" in result.output


def test_a_broken_plugin_is_reported_not_raised(site: Path, tmp_path: Path, perfusionist_path: Path) -> None:
    install_plugin(site, "broken", {"broken": "no_such_module:Exporter"})
    result = CliRunner().invoke(
        main,
        [
            "all",
            str(perfusionist_path),
            "--out",
            str(tmp_path / "o"),
            "--format",
            "broken",
            "--format",
            "narration",
            "--jobs",
            "1",
        ],
    )
    assert result.exit_code == 1
    assert "exporter 'broken' failed to load" in result.output
    assert (tmp_path / "o" / "perfusionist" / "perfusionist.txt").is_file()


HANGING = """
import time

class HangingExporter:
    name = "hang"
    description = "Does not finish in time"
    requires = frozenset()

    def outputs(self, doc):
        return [doc.meta.slug + ".never"]

    def export(self, doc, style, options):
        # 60 s, not forever: a time limit that fails to fire fails the test instead of hanging CI
        end = time.monotonic() + 60
        while time.monotonic() < end:
            time.sleep(0.05)
        return {doc.meta.slug + ".never": b"the time limit did not fire"}


class SlowWriterExporter:
    # exports at once, then takes too long writing its file (as a zip of hours of audio could)

    name = "hang"
    description = "Does not finish writing in time"
    requires = frozenset()

    def outputs(self, doc):
        return [doc.meta.slug + ".never"]

    def export(self, doc, style, options):
        return {doc.meta.slug + ".never": b"export is not what the build calls"}

    def export_parts(self, doc, style, options):
        def write(handle):
            handle.write(b"half of it")
            end = time.monotonic() + 60
            while time.monotonic() < end:
                time.sleep(0.05)
        return {doc.meta.slug + ".never": write}
"""


@pytest.mark.parametrize(
    ("jobs", "exporter"), [("1", "HangingExporter"), ("2", "HangingExporter"), ("1", "SlowWriterExporter")]
)
def test_a_hung_exporter_is_stopped_by_the_time_limit(site: Path, tmp_path: Path, jobs: str, exporter: str) -> None:
    """In the CLI's process and in worker processes alike: the hung format fails with one
    line per source, the other format and the other source still build. The limit covers
    writing a file given in parts too, and no half-written file or temporary is left."""
    install_plugin(site, "hanging", {"hang": f"outline_plugin:{exporter}"}, HANGING)
    sources = tmp_path / "sources"
    sources.mkdir()
    for name in ("one", "two"):
        (sources / f"{name}.md").write_text(f"# Page {name}\n\nText.\n", encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main,
        [
            "all",
            str(sources),
            "--out",
            str(out),
            "--format",
            "hang",
            "--format",
            "narration",
            "--jobs",
            jobs,
            "--timeout",
            "0.5",
        ],
    )
    assert result.exit_code == 1, result.output
    stopped = [line for line in result.output.splitlines() if "hang: stopped after 0.5 s (--timeout)" in line]
    assert len(stopped) == 2, result.output
    for name in ("one", "two"):
        assert sorted(p.name for p in (out / name).iterdir()) == [f"{name}.txt"]


def test_an_exporter_that_declares_no_requirements_is_refused_by_name(site: Path) -> None:
    """``requires`` is part of the protocol: the build must know what to hand over."""
    old = PLUGIN.replace("    requires = frozenset()\n", "")
    install_plugin(site, "old_outline", {"outline": "outline_plugin:OutlineExporter"}, old)
    with pytest.raises(PluginError, match=r"does not implement the Exporter protocol \(no requires\)"):
        exporters.get("outline")
