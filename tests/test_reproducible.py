"""Same input, same bytes: two builds of the sample sources are identical in every format."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from roleexport import exporters
from roleexport.reader import read_source

from .conftest import SOURCES

EPOCH = "1700000000"


def build(out: Path, epoch: str) -> dict[str, str]:
    env = {**os.environ, "SOURCE_DATE_EPOCH": epoch}
    cache = f"{out}-cache"  # each build its own cache: a shared one would hide a render that differs
    args = [sys.executable, "-m", "roleexport", "all", str(SOURCES), "--out", str(out), "--cache-dir", cache]
    args += ["--jobs", "2", "--quiet"]
    proc = subprocess.run(args, check=False, capture_output=True, text=True, env=env, timeout=1200)
    assert proc.returncode == 0, proc.stderr
    return {
        str(p.relative_to(out)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(out.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="session")
def two_builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, str], dict[str, str]]:
    return build(tmp_path_factory.mktemp("first"), EPOCH), build(tmp_path_factory.mktemp("second"), EPOCH)


def test_two_builds_are_byte_identical_in_every_format(two_builds: tuple[dict[str, str], dict[str, str]]) -> None:
    first, second = two_builds
    assert first == second
    for source in sorted(SOURCES.glob("*.md")):
        doc = read_source(source)
        for name in exporters.names():
            for file_name in exporters.get(name).outputs(doc):
                assert f"{doc.meta.slug}/{file_name}" in first, f"{name} did not write {file_name}"
