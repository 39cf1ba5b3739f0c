"""Benchmark roleexport against the peers it finds, side by side in one run (issue 6).

    python3 benchmarks/bench.py              # 200 pages
    python3 benchmarks/bench.py --quick      # 10 pages, fewer repeats

Makes N distinct variants of ``sources/perfusionist.md`` and builds them with roleexport,
one batch per registered format, and with pandoc (EPUB), Typst and WeasyPrint (tagged PDF)
in the same run; then the issue's targets: the all-formats batch against pandoc, the no-op
rebuild, one page as a whole process, speech real-time factor and memory per worker. It
ends with a pyinstrument profile of one page of the slowest format. It is not a test (no
timing belongs in a test): run it on demand on an otherwise idle machine.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pages import make_variants, to_html, to_typst
from report import Row, Target, format_rows, format_targets, judge
from runner import Batch, Run, run, run_parallel

ROOT = Path(__file__).resolve().parent.parent
WORKER = [sys.executable, str(Path(__file__).resolve().parent / "worker.py")]
TARGET_FORMATS = ("pdf", "epub", "ssml", "narration")  # "every format but audio"
PANGO_HINT = "WeasyPrint cannot load Pango: apt-get install libpango-1.0-0 libpangoft2-1.0-0"


def roleexport_cmd() -> list[str]:
    """The console script of this interpreter (not a version manager's shim, which adds ~70 ms)."""
    beside = Path(sys.executable).parent / "roleexport"
    if beside.is_file():
        return [str(beside)]
    found = shutil.which("roleexport")
    return [found] if found else [sys.executable, "-m", "roleexport"]


def machine() -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor() or "unknown CPU",
    )
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    return f"{os.cpu_count()} cores ({cpu}), Python {platform.python_version()}, load average at start {load}"


def find_pandoc() -> tuple[str | None, str]:
    """The pandoc binary (pypandoc-binary's, else one on PATH) and its version, or why not."""
    path: str | None = None
    try:
        import pypandoc

        path = pypandoc.get_pandoc_path()
    except (ImportError, OSError):
        path = shutil.which("pandoc")
    if not path:
        return None, "not found: pip install pypandoc-binary"
    version = subprocess.run([path, "--version"], capture_output=True, text=True, check=False).stdout.splitlines()[0]
    return path, version


def find_python_peer(module: str, package: str) -> tuple[bool, str]:
    """Whether ``module`` imports (in a child, so a broken one cannot hurt this process), and its version."""
    probe = subprocess.run(
        [sys.executable, "-c", f"import {module}; print({module}.__version__)"],
        capture_output=True,
        text=True,
        check=False,
    )
    if probe.returncode == 0:
        return True, f"{module} {probe.stdout.strip()}"
    if "No module named" in probe.stderr:
        return False, f"not found: pip install {package}"
    if module == "weasyprint":
        return False, PANGO_HINT
    return False, f"{module} does not import: {probe.stderr.strip().splitlines()[-1][:120]}"


def registered_formats() -> list[str]:
    listing = run(roleexport_cmd() + ["list"], timeout=60)
    if not listing.ok:
        raise SystemExit(f"roleexport list failed: {listing.problem()}")
    return [line.split()[0] for line in listing.stdout.splitlines() if line.strip()]


def worker_batch(
    kind: str, out: Path, files: list[Path], jobs: int, timeout: float
) -> tuple[Batch, list[float], dict[str, list[Any]]]:
    """``jobs`` worker processes, each rendering every ``jobs``-th page; per-page seconds merged."""
    slices = [files[k::jobs] for k in range(jobs) if files[k::jobs]]
    batch = run_parallel([WORKER + [kind, str(out)] + [str(f) for f in s] for s in slices], jobs, timeout)
    times: list[float] = []
    extra: dict[str, list[Any]] = {"failures": [], "audio_seconds": []}
    for r in batch.runs:
        if r.ok:
            data = json.loads(r.stdout.strip().splitlines()[-1])
            times += data["times"]
            extra["failures"] += data.get("failures", [])
            extra["audio_seconds"] += data.get("audio_seconds", [])
    return batch, times, extra


def median_run(cmds: list[list[str]], timeout: float) -> tuple[float | None, list[Run]]:
    """Run each command in turn (one process at a time); the median wall time of the good ones."""
    runs = [run(c, timeout) for c in cmds]
    good = [r.wall for r in runs if r.ok]
    return (statistics.median(good) if good and len(good) == len(runs) else None), runs


class Bench:
    """One benchmark run in a scratch folder."""

    def __init__(self, args: argparse.Namespace, work: Path) -> None:
        self.args = args
        self.work = work
        self.jobs: int = args.jobs
        self.timeout: float = args.timeout
        self.rows: list[Row] = []
        self.targets: list[Target] = []
        self.notes: list[str] = []
        self.medians: dict[str, float] = {}
        self.one_page_s: dict[str, float] = {}

    def say(self, message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    # -- set-up ---------------------------------------------------------------------------
    def prepare(self) -> None:
        args = self.args
        self.src = self.work / "src"
        self.pages = make_variants(args.source, args.pages, self.src)
        self.typ = self.work / "typ"
        self.html = self.work / "html"
        self.typ.mkdir()
        self.html.mkdir()
        for page in self.pages:
            (self.typ / f"{page.stem}.typ").write_text(to_typst(page), encoding="utf-8")
            (self.html / f"{page.stem}.html").write_text(to_html(page), encoding="utf-8")
        self.pandoc, self.pandoc_about = find_pandoc()
        self.has_typst, self.typst_about = find_python_peer("typst", "typst")
        self.has_weasy, self.weasy_about = find_python_peer("weasyprint", "weasyprint")
        self.formats = [f for f in registered_formats() if not args.format or f in args.format]

    def preflight(self) -> list[str]:
        """One page per format first, so a broken or hung exporter is reported, not waited on N times."""
        usable = []
        for fmt in self.formats:
            out = self.work / "preflight" / fmt
            r = run(
                roleexport_cmd() + [fmt, str(self.pages[0]), "--out", str(out), "--quiet"],
                timeout=min(self.timeout, self.args.preflight_timeout),
            )
            if r.ok:
                usable.append(fmt)
                self.one_page_s[fmt] = r.wall
                self.say(f"  {fmt}: one page in {r.wall:.2f} s")
            else:
                self.say(f"  {fmt}: {r.problem()}")
                self.rows.append(Row(fmt, "roleexport", 1, note=f"failed on one page: {r.problem()}"))
        return usable

    # -- batches --------------------------------------------------------------------------
    def roleexport_batch(self, fmt: str) -> Row:
        slow = self.one_page_s.get(fmt, 0.0) > self.args.slow
        pages = self.pages[: self.args.slow_pages] if slow else self.pages
        out = self.work / "out" / fmt
        sources = [str(self.src)] if len(pages) == len(self.pages) else [str(p) for p in pages]
        r = run(
            roleexport_cmd()
            + ["all", *sources, "--out", str(out), "--jobs", str(self.jobs), "--format", fmt, "--quiet"],
            self.timeout,
        )
        row = Row(fmt, "roleexport", len(pages), r.wall, peak_kb=r.peak_kb, note="" if r.ok else r.problem())
        sample = pages[: self.args.sample]
        _, times, extra = worker_batch(f"roleexport:{fmt}", self.work / "warm" / fmt, sample, 1, self.timeout)
        row.per_page = times
        if times:
            self.medians[fmt] = statistics.median(times)
        if extra["failures"]:
            self.notes.append(f"{fmt}: {extra['failures'][0]}")
        if fmt == "audio" and times and extra["audio_seconds"]:
            factors = [a / t for a, t in zip(extra["audio_seconds"], times) if t > 0]
            self.audio_factor = statistics.median(factors)
            self.audio_seconds = statistics.median(extra["audio_seconds"])
        return row

    def pandoc_batch(self, folder: str = "pandoc") -> Row:
        if not self.pandoc:
            return Row("epub", "pandoc", len(self.pages), note=self.pandoc_about)
        out = self.work / "peer" / folder
        out.mkdir(parents=True)
        cmds = [
            [self.pandoc, "-f", "markdown", "-t", "epub3", "-o", str(out / f"{p.stem}.epub"), str(p)]
            for p in self.pages
        ]
        batch = run_parallel(cmds, self.jobs, self.timeout)
        note = f"{len(batch.failed)} failed: {batch.failed[0].problem()}" if batch.failed else ""
        return Row("epub", "pandoc", len(self.pages), batch.wall, [r.wall for r in batch.runs], batch.peak_kb, note)

    def python_peer_batch(self, kind: str, folder: Path, ext: str, available: bool, about: str) -> Row:
        files = [folder / f"{p.stem}.{ext}" for p in self.pages]
        if not available:
            return Row("pdf", kind, len(files), note=about)
        batch, _, _ = worker_batch(kind, self.work / "peer" / kind, files, self.jobs, self.timeout)
        note = batch.failed[0].problem() if batch.failed else ""
        # Per-page times the same way as roleexport's: the first pages, one process on its own.
        _, times, _ = worker_batch(kind, self.work / "warm" / kind, files[: self.args.sample], 1, self.timeout)
        return Row("pdf", kind, len(files), batch.wall, times, batch.peak_kb, note)

    def batches(self, formats: list[str]) -> None:
        for fmt in formats:
            self.say(f"batch: roleexport {fmt}")
            self.rows.append(self.roleexport_batch(fmt))
        self.say("batch: pandoc epub")
        self.pandoc_row = self.pandoc_batch()
        self.say("batch: typst pdf")
        typst_row = self.python_peer_batch("typst", self.typ, "typ", self.has_typst, self.typst_about)
        self.say("batch: weasyprint pdf")
        weasy_row = self.python_peer_batch("weasyprint", self.html, "html", self.has_weasy, self.weasy_about)
        peers = {"epub": [self.pandoc_row], "pdf": [typst_row, weasy_row]}
        ordered: list[Row] = []
        for fmt in dict.fromkeys([r.fmt for r in self.rows] + ["pdf", "epub"]):
            mine = [r for r in self.rows if r.fmt == fmt]
            if not mine:
                mine = [Row(fmt, "roleexport", len(self.pages), note="format not registered (see roleexport list)")]
            ordered += mine + peers.get(fmt, [])
        self.rows = ordered

    # -- targets --------------------------------------------------------------------------
    def target_batch(self, formats: list[str]) -> None:
        wanted = [f for f in TARGET_FORMATS if f in formats]
        missing = [f for f in TARGET_FORMATS if f not in formats]
        name = f"{len(self.pages)} pages, {'+'.join(TARGET_FORMATS)}, --jobs {self.jobs} / pandoc EPUB"
        batch_target = Target(name, "<= 2x")
        noop_target = Target(f"no-op rebuild of those {len(self.pages)} pages", "< 1 s")
        self.targets += [batch_target, noop_target]
        if not wanted:
            batch_target.measured = "no target format builds"
            return

        def cmd(rep: int) -> list[str]:
            return (
                roleexport_cmd()
                + [
                    "all",
                    str(self.src),
                    "--out",
                    str(self.work / "out" / f"all-{rep}"),
                    "--jobs",
                    str(self.jobs),
                    "--quiet",
                ]
                + [a for f in wanted for a in ("--format", f)]
            )

        # Alternate pandoc and roleexport, so load from elsewhere on the machine hits both alike.
        ours: list[Run] = []
        theirs: list[float] = []
        for rep in range(self.args.target_repeats):
            if self.pandoc:
                self.say(f"target batch {rep + 1}: pandoc epub")
                pandoc = self.pandoc_batch(f"target-{rep}")
                if pandoc.measured and pandoc.wall is not None:
                    theirs.append(pandoc.wall)
            self.say(f"target batch {rep + 1}: roleexport {' '.join(wanted)}")
            ours.append(run(cmd(rep), self.timeout))
            if not ours[-1].ok:
                batch_target.measured, batch_target.verdict = ours[-1].problem(), "MISS"
                return
        self.all_batch = max(ours, key=lambda r: r.peak_kb)
        mine = statistics.median(r.wall for r in ours)
        pandoc_wall = statistics.median(theirs) if theirs else None
        ratio = mine / pandoc_wall if pandoc_wall else None
        runs = f" (median of {len(ours)}, alternating)" if len(ours) > 1 else ""
        batch_target.measured = (
            f"{mine:.1f} s vs {pandoc_wall:.1f} s = {ratio:.2f}x{runs}"
            if ratio
            else f"{mine:.1f} s; pandoc {self.pandoc_about}"
        )
        batch_target.verdict = judge(ratio, 2.0)
        if missing:
            batch_target.measured += f" (without {', '.join(missing)})"
            batch_target.verdict = "PARTIAL " + batch_target.verdict if ratio else "n/a"
        self.say("no-op rebuild")
        last = cmd(self.args.target_repeats - 1)
        noop_target.measured, noop_target.verdict = self._noop([c for c in last if c != "--quiet"])

    def _noop(self, cmd: list[str], tries: int = 3) -> tuple[str, str]:
        """The same build again; a run that rebuilt anything is not a no-op (roleexport's own code is
        an input, so an edit to it during the benchmark rebuilds every page): try again, say so."""
        rebuilt_note = ""
        for _ in range(tries):
            noop = run(cmd, self.timeout)
            if not noop.ok:
                return noop.problem(), "MISS"
            rebuilt = sum(1 for line in noop.stdout.splitlines() if re.match(r"^\S+: built ", line))
            if not rebuilt:
                return f"{noop.wall:.2f} s{rebuilt_note}", judge(noop.wall, 1.0, strict=True)
            rebuilt_note = f" (an earlier try rebuilt {rebuilt} pages in {noop.wall:.1f} s: inputs changed)"
            self.say(f"  not a no-op: {rebuilt} pages rebuilt in {noop.wall:.1f} s; trying again")
        return f"every try rebuilt pages{rebuilt_note}", "n/a"

    def one_page(self, formats: list[str]) -> None:
        """One page as a whole process, each command run on its own, median of ``repeats``."""
        page, repeats = self.pages[0], self.args.repeats
        typ, html = self.typ / f"{page.stem}.typ", self.html / f"{page.stem}.html"
        scratch = self.work / "one"

        def ours(fmt: str) -> list[list[str]]:
            return [
                roleexport_cmd() + [fmt, str(page), "--out", str(scratch / f"{fmt}-{i}"), "--quiet"]
                for i in range(repeats)
            ]

        def peer_worker(kind: str, path: Path) -> list[list[str]]:
            return [WORKER + [kind, str(scratch / f"{kind}-{i}"), str(path)] for i in range(repeats)]

        self.say("one page: epub vs pandoc")
        epub_t = Target("one page: roleexport epub / pandoc", "<= 1.5x")
        mine = median_run(ours("epub"), self.timeout)[0] if "epub" in formats else None
        theirs = (
            median_run(
                [
                    [self.pandoc, "-f", "markdown", "-t", "epub3", "-o", str(scratch / f"pandoc-{i}.epub"), str(page)]
                    for i in range(repeats)
                ],
                self.timeout,
            )[0]
            if self.pandoc
            else None
        )
        self._ratio_target(epub_t, mine, theirs, 1.5, "epub" in formats, self.pandoc_about)
        self.say("one page: pdf vs typst and weasyprint")
        mine = median_run(ours("pdf"), self.timeout)[0] if "pdf" in formats else None
        typst_s = median_run(peer_worker("typst", typ), self.timeout)[0] if self.has_typst else None
        weasy_s = median_run(peer_worker("weasyprint", html), self.timeout)[0] if self.has_weasy else None
        typst_t = Target("one page: roleexport pdf / Typst", "<= 2x")
        weasy_t = Target("one page: roleexport pdf / WeasyPrint", "< 0.3x")
        self._ratio_target(typst_t, mine, typst_s, 2.0, "pdf" in formats, self.typst_about)
        self._ratio_target(weasy_t, mine, weasy_s, 0.3, "pdf" in formats, self.weasy_about, strict=True)
        self.targets += [epub_t, typst_t, weasy_t]

    @staticmethod
    def _ratio_target(
        target: Target,
        mine: float | None,
        theirs: float | None,
        limit: float,
        registered: bool,
        about: str,
        strict: bool = False,
    ) -> None:
        if not registered:
            target.measured = "format not registered"
        elif mine is None:
            target.measured, target.verdict = "roleexport failed", "MISS"
        elif theirs is None:
            target.measured = f"{mine * 1000:.0f} ms; peer {about}"
        else:
            target.measured = f"{mine * 1000:.0f} ms vs {theirs * 1000:.0f} ms = {mine / theirs:.2f}x"
            target.verdict = judge(mine / theirs, limit, strict=strict)

    def speech(self, formats: list[str]) -> None:
        target = Target("speech rendering, x real time (1 page, no cache)", ">= 300x")
        self.targets.append(target)
        if "audio" not in formats:
            target.measured = (
                "audio not in this run (roleexport list, --format)" if "audio" not in self.formats else "audio failed"
            )
            target.verdict = "n/a" if "audio" not in self.formats else "MISS"
            return
        factor = getattr(self, "audio_factor", None)
        out = self.work / "one" / "audio-process"
        r = run(roleexport_cmd() + ["audio", str(self.pages[0]), "--out", str(out), "--quiet"], self.timeout)
        import mutagen

        seconds = sum(mutagen.File(p).info.length for p in out.rglob("*.mp3")) if r.ok else 0.0
        whole = f"; whole process {seconds / r.wall:.0f}x" if r.ok and seconds else ""
        if factor is None:
            target.measured = "no audio duration read back" + whole
            target.verdict = "MISS"
            return
        target.measured = f"{factor:.0f}x ({self.audio_seconds:.0f} s of audio){whole}"
        target.verdict = judge(factor, 300, below=False)

    def daisy_after_audio(self, formats: list[str]) -> None:
        """The DAISY book reuses the audio's clips and encoded frames: built after the audio, it
        should cost a small part of the audio's own time (one warm worker, each page's caches
        fresh for the audio)."""
        target = Target("daisy after audio / audio (1 page, in-process)", "< 10%")
        self.targets.append(target)
        if not {"audio", "daisy"} <= set(formats):
            target.measured = "audio or daisy not in this run"
            return
        sample = self.pages[: max(1, min(3, self.args.sample))]
        r = run(
            WORKER + ["daisy-after-audio", str(self.work / "daisy-after-audio")] + [str(p) for p in sample],
            self.timeout,
        )
        if not r.ok:
            target.measured, target.verdict = f"failed: {r.problem()}", "MISS"
            return
        data = json.loads(r.stdout.strip().splitlines()[-1])
        if data["failures"]:
            target.measured, target.verdict = f"failed: {data['failures'][0]}", "MISS"
            return
        audio, daisy = statistics.median(data["audio"]), statistics.median(data["daisy"])
        laid_out = statistics.median(data["daisy_with_page_map"])
        target.measured = (
            f"{daisy * 1000:.0f} ms vs {audio * 1000:.0f} ms = {daisy / audio:.1%} "
            f"({laid_out * 1000:.0f} ms = {laid_out / audio:.1%} when the handout's page map is laid out too)"
        )
        target.verdict = judge(daisy / audio, 0.10, strict=True)

    def memory(self) -> None:
        target = Target("peak memory per worker (largest process)", "< 200 MB")
        peaks = [(r.peak_kb, r.fmt) for r in self.rows if r.tool == "roleexport" and r.measured]
        if getattr(self, "all_batch", None) is not None:
            peaks.append((self.all_batch.peak_kb, "+".join(TARGET_FORMATS)))
        if peaks:
            peak, fmt = max(peaks)
            target.measured = f"{peak / 1024:.0f} MB ({fmt})"
            target.verdict = judge(peak / 1024, 200, strict=True)
        self.targets.append(target)

    # -- profile --------------------------------------------------------------------------
    def profile(self, formats: list[str]) -> str:
        """pyinstrument on one page of each ``--profile`` format (default: the slowest per page) as a
        whole run, then on one page of the all-formats target as a warm batch worker sees it."""
        chosen = self.args.profile or ([max(self.medians, key=self.medians.__getitem__)] if self.medians else [])
        parts = [self._profile_one(f"profile:{fmt}", fmt, "as a whole run (imports included)") for fmt in chosen]
        wanted = [f for f in TARGET_FORMATS if f in formats]
        if wanted and len(self.pages) > 1:
            parts.append(
                self._profile_one(
                    f"profile-warm:{','.join(wanted)}",
                    "+".join(wanted),
                    "in a warm worker (a batch page after the first)",
                )
            )
        return "\n\n".join(parts)

    def _profile_one(self, kind: str, label: str, how: str) -> str:
        self.say(f"profile: one page of {label}")
        r = run(WORKER + [kind, str(self.work / "profile"), str(self.pages[0]), str(self.pages[-1])], self.timeout)
        if not r.ok:
            return f"profile of {label} failed: {r.problem()}"
        data = json.loads(r.stdout.strip().splitlines()[-1])
        where = f"full tree in {data['report']}" if self.args.keep else "--keep DIR keeps the full tree"
        lines = [f"Profile (pyinstrument) of one page of {label} {how}: {data['seconds']:.2f} s; {where}"]
        for title, key in (
            ("cumulative (function and its callees)", "cumulative"),
            ("self time per function", "self"),
            ("self time per file", "files"),
        ):
            lines.append(f"  {title}:")
            lines += [f"    {share:5.1f}%  {name}" for name, share in data[key][:10]]
        return "\n".join(lines)


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=200, help="pages to make and build [200]")
    parser.add_argument("--quick", action="store_true", help="10 pages, 3 repeats, 5-page samples")
    parser.add_argument("--jobs", type=int, default=2, help="processes for batches, for every tool alike [2]")
    parser.add_argument(
        "--target-repeats",
        type=int,
        default=2,
        help="alternating runs of pandoc and the all-formats batch for the first target [2]",
    )
    parser.add_argument("--repeats", type=int, default=5, help="runs of each one-page command [5]")
    parser.add_argument("--sample", type=int, default=20, help="pages timed one by one per format [20]")
    parser.add_argument(
        "--slow",
        type=float,
        default=2.0,
        help="a format whose one page takes longer (speech) is batched on --slow-pages [2 s]",
    )
    parser.add_argument("--slow-pages", type=int, default=10, help="pages in a slow format's batch [10]")
    parser.add_argument("--format", action="append", help="only this roleexport format (repeatable)")
    parser.add_argument("--timeout", type=float, default=1800, help="seconds before any one command is killed")
    parser.add_argument("--preflight-timeout", type=float, default=180, help="seconds for the one-page check")
    parser.add_argument("--source", type=Path, default=ROOT / "sources" / "perfusionist.md")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it (default: a temporary one)")
    parser.add_argument(
        "--profile",
        action="append",
        metavar="FORMAT",
        help="profile one page of this format (repeatable) [the slowest per page]",
    )
    parser.add_argument("--no-profile", action="store_true", help="skip the pyinstrument profile")
    args = parser.parse_args(argv)
    if args.quick:
        args.pages, args.repeats, args.sample, args.slow_pages = 10, 3, 5, 3
    return args


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    work = args.keep or Path(tempfile.mkdtemp(prefix="roleexport-bench-"))
    if args.keep:
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir(parents=True)
    bench = Bench(args, work)
    started = time.perf_counter()
    try:
        print(f"machine: {machine()}")
        bench.prepare()
        print(f"peers: pandoc: {bench.pandoc_about}; typst: {bench.typst_about}; weasyprint: {bench.weasy_about}")
        print(f"roleexport formats registered: {', '.join(bench.formats)}; {args.pages} pages in {work}")
        sys.stdout.flush()
        bench.say("preflight: one page per format")
        usable = bench.preflight()
        bench.batches(usable)
        bench.target_batch(usable)
        bench.one_page(usable)
        bench.speech(usable)
        bench.daisy_after_audio(usable)
        bench.memory()
        print()
        print(format_rows(bench.rows, args.jobs))
        print()
        print(format_targets(bench.targets))
        for note in bench.notes:
            print(f"note: {note}")
        load = " ".join(f"{x:.2f}" for x in os.getloadavg())
        print(f"load average at the end {load}; the whole benchmark took {time.perf_counter() - started:.0f} s")
        if not args.no_profile:
            print()
            print(bench.profile(usable))
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
