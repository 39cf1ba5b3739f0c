"""``roleexport all --shard K/N``: a deterministic, balanced split of the batch, and shards that
build into one output folder at the same time without losing an output or a manifest entry."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from roleexport.build import shard_of
from roleexport.cli import main
from roleexport.shard import Shard
from tests.conftest import fixture_path

FIELDS = [
    (
        "Network Engineer",
        "IT",
        "Configures BGP and VLANs; on call 24/7 at $92,000 a year. See https://example.org/net.",
    ),
    ("Electrician", "Trades", "Wires 240 V circuits to NEC code; 8:00 a.m. starts, 40 hrs a week."),
    ("Financial Analyst", "Finance", "Builds DCF models in Excel; CFA preferred; pays $75k-$95k plus 10% bonus."),
    ("Middle School Teacher", "Education", "Teaches grades 6-8; M.Ed. and a state licence; IEP meetings at 3:15 p.m."),
    ("Plumber", "Trades", "Fits PEX and copper pipe, 15 mm to 28 mm; call-outs from 7 a.m."),
    ("Data Engineer", "IT", "Runs ETL jobs on AWS; SQL, Python and 99.9% uptime targets."),
    ("Payroll Clerk", "Finance", "Processes W-2 forms for 1,200 staff by 5 p.m. each Friday."),
    ("Librarian", "Education", "Catalogues 30,000 items with MARC records; MLS degree required."),
]

TERMS = [
    ("NEC", "National Electrical Code"),
    ("CFA", "Chartered Financial Analyst"),
    ("DCF", "discounted cash flow"),
    ("IEP", "Individualized Education Program"),
    ("AWS", "Amazon Web Services"),
    ("ETL", "extract, transform, load"),
    ("SQL", "Structured Query Language"),
    ("BGP", "Border Gateway Protocol"),
    ("VLAN", "virtual local area network"),
    ("PEX", "cross-linked polyethylene"),
    ("MARC", "Machine-Readable Cataloging"),
    ("MLS", "Master of Library Science"),
]


def write_page(folder: Path, n: int, title: str, category: str, body: str, *, repeat: int = 1, slug: str = "") -> Path:
    front = f"---\ntitle: {title}\ncategory: {category}\n" + (f"slug: {slug}\n" if slug else "") + "---\n"
    text = front + f"# {title}\n\n" + "\n\n".join([body] * repeat) + "\n\n## Duties\n\n- Plan the week\n- Report\n"
    path = folder / f"page-{n:02d}.md"
    path.write_text(text, encoding="utf-8")
    return path


def catalogue(folder: Path, count: int) -> list[Path]:
    """``count`` pages of other fields and uneven sizes; two of them claim one slug."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "glossary.yaml").write_text(
        "abbreviations:\n" + "".join(f"  {t}: {e}\n" for t, e in TERMS), encoding="utf-8"
    )
    rng = random.Random(18)
    pages = []
    for n in range(count):
        title, category, body = FIELDS[n % len(FIELDS)]
        slug = "shared-slug" if n in (3, 11) else ""
        pages.append(write_page(folder, n, f"{title} {n}", category, body, repeat=rng.randint(1, 40), slug=slug))
    return pages


def size(paths: list[Path]) -> int:
    return sum(p.stat().st_size for p in paths)


@pytest.mark.parametrize("count", range(1, 8))
def test_shards_are_disjoint_their_union_is_every_source_and_they_are_balanced(tmp_path: Path, count: int) -> None:
    sources = catalogue(tmp_path, 23)
    shards = [shard_of(sources, Shard(k, count)) for k in range(1, count + 1)]
    together = [s for part in shards for s in part]
    assert sorted(together) == sorted(sources) and len(together) == len(sources)
    # one slug, one shard: the two pages claiming "shared-slug" never write one folder from two machines
    owners = [k for k, part in enumerate(shards) if sources[3] in part or sources[11] in part]
    assert len(owners) == 1
    # every worker computes the same split whatever order it lists the sources in
    shuffled = sources[:]
    random.Random(count).shuffle(shuffled)
    assert [sorted(shard_of(shuffled, Shard(k, count))) for k in range(1, count + 1)] == [sorted(p) for p in shards]
    # balanced by size: no shard exceeds another by more than the largest page (greedy, largest first)
    loads = [size(part) for part in shards]
    groups = [size([sources[3], sources[11]])] + [size([p]) for n, p in enumerate(sources) if n not in (3, 11)]
    assert max(loads) - min(loads) <= max(groups), loads


def test_shard_numbers_that_make_no_sense_are_one_usage_line(tmp_path: Path) -> None:
    sources = catalogue(tmp_path / "src", 2)
    for bad in ("0/3", "4/3", "1/0", "two/3", "1-3"):
        result = CliRunner().invoke(main, ["all", *map(str, sources), "--out", str(tmp_path / "o"), "--shard", bad])
        assert result.exit_code == 2, result.output
        lines = result.output.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("error: --shard:"), result.output
    assert not (tmp_path / "o").exists()


def test_a_shard_with_nothing_to_build_succeeds(tmp_path: Path) -> None:
    sources = catalogue(tmp_path / "src", 2)
    args = ["all", *map(str, sources), "--out", str(tmp_path / "o"), "--format", "narration"]
    result = CliRunner().invoke(main, [*args, "--shard", "5/5"])
    assert result.exit_code == 0 and "shard 5/5: no sources (the batch has 2 sources)" in result.output


def build_shard(out: Path, shard: str, sources: list[Path]) -> subprocess.Popen[str]:
    command = [sys.executable, "-m", "roleexport", "all", *map(str, sources), "--out", str(out)]
    command += ["--format", "narration,ssml", "--jobs", "1", "--shard", shard]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_two_shards_building_at_once_into_one_folder_leave_every_output_and_one_consistent_manifest(
    tmp_path: Path,
) -> None:
    sources = [s for n, s in enumerate(catalogue(tmp_path / "src", 12)) if n != 11]  # no slug clash here
    out = tmp_path / "dist"
    # a killed build left a temporary file in a folder of shard 2: shard 1 must leave it alone
    theirs = next(s for s in shard_of(sources, Shard(2, 2)) if s != sources[3])
    (out / theirs.stem).mkdir(parents=True)
    foreign = out / theirs.stem / f".{theirs.stem}.txt.4242.tmp"
    foreign.write_bytes(b"half")
    running = [build_shard(out, "1/2", sources)]
    _, stderr = running[0].communicate(timeout=600)
    assert running[0].returncode == 0 and not _problems(stderr), stderr
    assert foreign.exists(), "shard 1 removed a temporary file in a folder it does not own"
    (out / ".roleexport-manifest.shard-1-of-2.json").unlink()  # so both build everything below
    running = [build_shard(out, "1/2", sources), build_shard(out, "2/2", sources)]
    for proc in running:
        _, stderr = proc.communicate(timeout=600)
        assert proc.returncode == 0, stderr
        assert not _problems(stderr), stderr
    assert not foreign.exists(), "shard 2 left a stale temporary file in its own folder"

    schema = etree.XMLSchema(etree.parse(str(fixture_path("schemas", "ssml11", "synthesis.xsd"))))
    for source in sources:
        slug = "shared-slug" if source == sources[3] else source.stem
        title = source.read_text(encoding="utf-8").split("title: ")[1].splitlines()[0]
        script = (out / slug / f"{slug}.txt").read_text(encoding="utf-8")
        assert script.startswith(title), script[:80]
        ssml = etree.parse(str(out / slug / f"{slug}.ssml"))
        assert schema.validate(ssml), schema.error_log
        assert (out / slug / f"{slug}.pls").is_file()
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [".roleexport-manifest.shard-1-of-2.json", ".roleexport-manifest.shard-2-of-2.json"]
        + ["shared-slug" if s == sources[3] else s.stem for s in sources]
    )
    assert not list(out.rglob("*.tmp"))
    recorded = [
        json.loads((out / f".roleexport-manifest.shard-{k}-of-2.json").read_text(encoding="utf-8"))["entries"]
        for k in (1, 2)
    ]
    assert set(recorded[0]).isdisjoint(recorded[1])
    assert set(recorded[0]) | set(recorded[1]) == {str(s) for s in sources}
    # read together, the manifests say everything is current: a whole build after the shards builds nothing
    whole = CliRunner().invoke(main, ["all", *map(str, sources), "--out", str(out), "--format", "narration,ssml"])
    assert whole.exit_code == 0, whole.output
    assert f"{len(sources)} sources up to date" in whole.output and ": built" not in whole.output


def test_the_newest_record_wins_whichever_manifest_file_holds_it(tmp_path: Path) -> None:
    """Shard, then a whole build after an edit, then the edit undone and the shard again: the
    shard's old record matches the source again but the files are the edit's, so it rebuilds."""
    sources = catalogue(tmp_path / "src", 3)
    out = tmp_path / "dist"
    base = ["all", *map(str, sources), "--out", str(out), "--format", "narration", "--jobs", "1"]
    mine = shard_of(sources, Shard(1, 1))
    assert CliRunner().invoke(main, [*base, "--shard", "1/1"]).exit_code == 0
    original = sources[0].read_text(encoding="utf-8")
    sources[0].write_text(original.replace("# ", "# Edited ", 1), encoding="utf-8")
    assert "page-00: built narration" in CliRunner().invoke(main, base).output
    sources[0].write_text(original, encoding="utf-8")
    again = CliRunner().invoke(main, [*base, "--shard", "1/1"])
    assert again.exit_code == 0 and "page-00: built narration" in again.output, again.output
    assert again.output.count("unchanged narration") == len(mine) - 1
    assert "Edited" not in (out / "page-00" / "page-00.txt").read_text(encoding="utf-8")


def _problems(stderr: str) -> list[str]:
    """What a build printed besides the speech report ("said by rule: …"), which every page with
    numbers, times or money gets by design."""
    return [line for line in stderr.splitlines() if line.strip() and "said by rule:" not in line]
