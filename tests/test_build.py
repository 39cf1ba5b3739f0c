"""Batch builds: parallel equals serial, incremental rebuilds, crash safety."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from roleexport.cli import main

PAGE = "---\ntitle: {title}\n---\n# {title}\n\nThe {title} works hard.\n\n## Duties\n\n- Work\n- Rest\n"


def make_sources(folder: Path, count: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        path = folder / f"role-{i}.md"
        path.write_text(PAGE.format(title=f"Role {i}"), encoding="utf-8")
        paths.append(path)
    return paths


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def tree_hashes(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != ".roleexport-manifest.json"
    }


def test_parallel_output_equals_serial_output(tmp_path: Path) -> None:
    sources = make_sources(tmp_path / "src", 4)
    serial, parallel = tmp_path / "serial", tmp_path / "parallel"
    assert run("all", *map(str, sources), "--out", str(serial), "--format", "narration", "--jobs", "1")[0] == 0
    code, output = run("all", *map(str, sources), "--out", str(parallel), "--format", "narration", "--jobs", "2")
    assert code == 0, output
    assert tree_hashes(serial) == tree_hashes(parallel)
    assert len(tree_hashes(serial)) == 4


def test_second_run_rebuilds_nothing_and_touching_one_source_rebuilds_only_it(tmp_path: Path) -> None:
    sources = make_sources(tmp_path / "src", 3)
    out = tmp_path / "out"
    args = ("all", *map(str, sources), "--out", str(out), "--format", "narration", "--jobs", "1")
    assert run(*args)[0] == 0
    code, output = run(*args)
    assert code == 0
    assert output.count("unchanged narration") == 3 and "built" not in output.replace("sources built", "")
    sources[1].write_text(PAGE.format(title="Role 1b"), encoding="utf-8")
    code, output = run(*args)
    assert code == 0
    assert "role-1: built narration" in output
    assert output.count("unchanged narration") == 2
    assert "Role 1b" in (out / "role-1" / "role-1.txt").read_text(encoding="utf-8")
    code, output = run(*args, "--force")
    assert output.count("built narration") == 3


def test_a_changed_style_rebuilds_what_depends_on_it(tmp_path: Path) -> None:
    sources = make_sources(tmp_path / "src", 2)
    style = tmp_path / "mine.toml"
    style.write_text("[narration]\nannounce_headings = true\n", encoding="utf-8")
    args = (
        "all",
        *map(str, sources),
        "--out",
        str(tmp_path / "out"),
        "--format",
        "narration",
        "--jobs",
        "1",
        "--style",
        str(style),
    )
    assert run(*args)[0] == 0
    assert run(*args)[1].count("unchanged") == 2
    style.write_text("[narration]\nannounce_headings = false\n", encoding="utf-8")
    from roleexport import styles

    styles.load_style.cache_clear()
    assert run(*args)[1].count("built narration") == 2


def test_a_style_s_key_is_its_toml_and_the_files_it_names_not_its_whole_folder(tmp_path: Path) -> None:
    """A career centre's style kept in a busy folder (home, Downloads, /tmp): other files there
    change nothing, are never read (a FIFO would block a reader), and the stylesheet it names does."""
    from roleexport import styles

    folder = tmp_path / "centre"
    (folder / "big" / "deep").mkdir(parents=True)
    style_file = folder / "centre.toml"
    style_file.write_text('base = "default"\n[html]\nstylesheet = "centre.css"\n', encoding="utf-8")
    (folder / "centre.css").write_text("body { color: #111; }\n", encoding="utf-8")
    (folder / "big" / "deep" / "notes.txt").write_text("one", encoding="utf-8")
    os.mkfifo(folder / "big" / "pipe")  # reading it would block: the key must never open it
    first = styles.files_digest(styles.load_style(str(style_file)))
    (folder / "big" / "deep" / "notes.txt").write_text("two", encoding="utf-8")
    (folder / "other.css").write_text("p {}\n", encoding="utf-8")
    styles._files_digest.cache_clear()
    assert styles.files_digest(styles.load_style(str(style_file))) == first
    (folder / "centre.css").write_text("body { color: #000; }\n", encoding="utf-8")
    styles._files_digest.cache_clear()
    assert styles.files_digest(styles.load_style(str(style_file))) != first
    shipped = styles.load_style("default")
    assert styles.files_digest(shipped) != first  # the shipped fonts and stylesheets are named too


KILLER = r"""
import os, sys, time
import roleexport.output as output
real_fsync = os.fsync
out = os.path.realpath(sys.argv[sys.argv.index("--out") + 1])
def slow_fsync(fd):
    if not os.readlink(f"/proc/self/fd/{fd}").startswith(out + os.sep):
        return real_fsync(fd)  # a cache file (page map, entry points): not the write under test
    open(sys.argv[1], "w").close()   # tell the test a temporary output file is half-way written
    time.sleep(600)
os.fsync = slow_fsync
from roleexport.cli import main
main(sys.argv[2:])
"""


def test_a_build_killed_mid_write_leaves_no_partial_file_and_a_rerun_completes(tmp_path: Path) -> None:
    sources = make_sources(tmp_path / "src", 1)
    out = tmp_path / "out"
    args = ["all", str(sources[0]), "--out", str(out), "--format", "narration", "--jobs", "1"]
    assert run(*args)[0] == 0
    before = (out / "role-0" / "role-0.txt").read_bytes()
    sources[0].write_text(PAGE.format(title="Changed") * 50, encoding="utf-8")
    flag = tmp_path / "writing"
    proc = subprocess.Popen([sys.executable, "-c", KILLER, str(flag), *args])
    deadline = time.monotonic() + 300  # generous: a loaded CI machine, never a timing assertion
    while not flag.exists() and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    assert flag.exists(), "the build never reached the write"
    assert list((out / "role-0").glob(".*.tmp")), "a temporary file should be mid-write"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert (out / "role-0" / "role-0.txt").read_bytes() == before  # the previous complete version
    code, output = run(*args)
    assert code == 0, output
    assert "Changed" in (out / "role-0" / "role-0.txt").read_text(encoding="utf-8")
    assert not list(out.rglob("*.tmp"))


def test_two_sources_claiming_one_slug_do_not_mix_their_outputs(tmp_path: Path) -> None:
    first = tmp_path / "a.md"
    first.write_text("---\ntitle: A\nslug: same\n---\n# A\n\nFirst.\n", encoding="utf-8")
    second = tmp_path / "b.md"
    second.write_text("---\ntitle: B\nslug: 'same'\n---\n# B\n\nSecond.\n", encoding="utf-8")
    out = tmp_path / "out"
    code, output = run("all", str(first), str(second), "--out", str(out), "--format", "narration", "--jobs", "1")
    assert code == 1
    assert f"error: {second}: slug 'same' is already used by {first}" in output
    assert "First." in (out / "same" / "same.txt").read_text(encoding="utf-8")


def test_an_output_folder_that_cannot_be_written_is_one_line(tmp_path: Path) -> None:
    sources = make_sources(tmp_path / "src", 1)
    blocked = tmp_path / "out"
    blocked.write_text("a file where the output folder should be", encoding="utf-8")
    code, output = run("all", str(sources[0]), "--out", str(blocked), "--format", "narration", "--jobs", "1")
    assert code == 1
    errors = [line for line in output.splitlines() if line.startswith("error:")]
    assert errors == [f"error: cannot create the output folder {blocked}: File exists"], output


def test_a_disk_that_fills_mid_write_keeps_the_previous_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import errno

    import roleexport.output

    sources = make_sources(tmp_path / "src", 1)
    out = tmp_path / "out"
    args = ("all", str(sources[0]), "--out", str(out), "--format", "narration", "--jobs", "1")
    assert run(*args)[0] == 0
    before = (out / "role-0" / "role-0.txt").read_bytes()
    sources[0].write_text(PAGE.format(title="Other"), encoding="utf-8")

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(roleexport.output.os, "fsync", full)
    code, output = run(*args)
    assert code == 1
    assert f"narration: cannot write to {out / 'role-0'}: No space left on device" in output
    assert (out / "role-0" / "role-0.txt").read_bytes() == before
    assert not list(out.rglob("*.tmp"))


def test_a_style_file_an_exporter_cannot_read_is_named_not_blamed_on_the_output_folder(tmp_path: Path) -> None:
    """A style whose read-along stylesheet is missing: the error names that file, not the output folder."""
    import shutil

    from roleexport.styles import styles_folder

    styles = tmp_path / "styles"
    shutil.copytree(styles_folder(), styles)
    (styles / "default.toml").write_text(
        (styles / "default.toml").read_text(encoding="utf-8").replace('"readaloud.css"', '"missing.css"'),
        encoding="utf-8",
    )
    sources = make_sources(tmp_path / "src", 1)
    out = tmp_path / "out"
    style = str(styles / "default.toml")
    code, output = run("all", str(sources[0]), "--out", str(out), "--format", "readaloud", "--style", style)
    assert code == 1
    errors = [line for line in output.splitlines() if line.startswith("error:")]
    assert len(errors) == 1, output
    assert "cannot write" not in errors[0]
    assert "No such file or directory" in errors[0] and str(styles / "missing.css") in errors[0], errors[0]


def test_the_web_page_is_rebuilt_when_the_audio_joins_the_build(tmp_path: Path) -> None:
    """The page links to the MP3 only when the audio is built with it, so its manifest key
    includes the formats built alongside (it ``requires`` them)."""
    sources = make_sources(tmp_path / "src", 1)
    out = tmp_path / "out"
    page = out / "role-0" / "role-0.html"
    assert run("all", str(sources[0]), "--out", str(out), "--format", "html")[0] == 0
    assert b"<audio" not in page.read_bytes()
    code, output = run("all", str(sources[0]), "--out", str(out), "--format", "html", "--format", "audio")
    assert code == 0, output
    assert "built html, audio" in output
    assert b'<track kind="chapters" src="role-0.chapters.vtt"' in page.read_bytes()
    assert (out / "role-0" / "role-0.chapters.vtt").read_bytes().startswith(b"WEBVTT\n")
