"""Benchmark roleexport against the peers it finds, side by side in one run (issues 6 and 18).

    python3 benchmarks/bench.py              # 200 pages
    python3 benchmarks/bench.py --quick      # 10 pages, fewer repeats

Makes N distinct variants of ``sources/perfusionist.md`` and builds them with roleexport,
one batch per registered format, and with pandoc (EPUB), Typst and WeasyPrint (tagged PDF)
in the same run; then the targets: the EPUB and all-formats batches against pandoc, the no-op
rebuild, one page as a whole process (``epub``, ``pdf``, ``--help``, ``list``), speech against
the plain espeak-ng + LAME pipeline and memory per worker (the largest process, on the
10,000-item page, one format at a time: ``memory.py``), every ratio taken from runs made
in turn (A B A B ...), so a machine shared with other work slows both alike; and the wall time
of a 10,000-page catalogue with audio at 1, 10 and 100 workers (``--shard``), projected from
the measured per-page costs. It ends with a pyinstrument profile of one page of the slowest
format. It is not a test (no timing belongs in a test): run it on demand.
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

from memory import many_items, measure, table
from pages import make_variants, to_html, to_typst
from report import Row, Target, format_rows, format_targets, judge
from runner import Batch, Run, run, run_parallel

ROOT = Path(__file__).resolve().parent.parent
WORKER = [sys.executable, str(Path(__file__).resolve().parent / "worker.py")]
TARGET_FORMATS = ("pdf", "epub", "ssml", "narration")  # "every format but audio"
PLAIN_SPEECH = [sys.executable, str(Path(__file__).resolve().parent / "plain_speech.py")]
CATALOGUE_PAGES = 10_000
WORKER_COUNTS = (1, 10, 100)
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


def paired(a: list[list[str]], b: list[list[str]], timeout: float) -> tuple[float, float, float] | None:
    """Run a[0], b[0], a[1], b[1] ... in turn: (median A, median B, median of the pair ratios A/B),
    or None when any run failed. Pairing keeps the ratio fair while the machine's load drifts."""
    walls: list[tuple[float, float]] = []
    for cmd_a, cmd_b in zip(a, b, strict=True):
        ra, rb = run(cmd_a, timeout), run(cmd_b, timeout)
        if not (ra.ok and rb.ok):
            return None
        walls.append((ra.wall, rb.wall))
    return (
        statistics.median(w for w, _ in walls),
        statistics.median(w for _, w in walls),
        statistics.median(x / y for x, y in walls),
    )


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
    def _all(self, out: Path, formats: list[str], quiet: bool = True) -> list[str]:
        return (
            roleexport_cmd()
            + ["all", str(self.src), "--out", str(out), "--jobs", str(self.jobs)]
            + (["--quiet"] if quiet else [])
            + [a for f in formats for a in ("--format", f)]
        )

    def target_batch(self, formats: list[str]) -> None:
        """pandoc's EPUBs, roleexport's EPUBs and every format but audio, in turn, ``target_repeats``
        times, each into an empty output folder; roleexport twice: with the run's cache folder as
        the batches before left it (the issue's measure: a catalogue rebuilt into a new folder)
        and with an empty cache folder too (every page parsed, laid out and drawn in the run
        timed). Each ratio is the median of the ratios within a round."""
        wanted = [f for f in TARGET_FORMATS if f in formats]
        missing = [f for f in TARGET_FORMATS if f not in formats]
        n, jobs = len(self.pages), self.jobs
        caches = ("", ", empty cache too")
        epub_targets = [Target(f"{n} pages, EPUB, --jobs {jobs}, empty output{c} / pandoc", "<= 0.5x") for c in caches]
        all_targets = [Target(f"{n} pages, {'+'.join(TARGET_FORMATS)}{c} / pandoc EPUB", "<= 1.5x") for c in caches]
        noop_target = Target(f"no-op rebuild of those {n} pages", "< 0.3 s")
        self.targets += [*epub_targets, *all_targets, noop_target]
        if not wanted:
            all_targets[0].measured = "no target format builds"
            return
        ours: list[list[Run]] = [[], []]
        epubs: list[list[float]] = [[], []]
        theirs: list[float] = []

        def env(cold: int, name: str) -> dict[str, str] | None:
            """The run's cache folder, or an empty one."""
            return {**os.environ, "ROLEEXPORT_CACHE_DIR": str(self.work / "cold-cache" / name)} if cold else None

        for rep in range(self.args.target_repeats):
            if self.pandoc:
                self.say(f"target batch {rep + 1}: pandoc epub")
                pandoc = self.pandoc_batch(f"target-{rep}")
                if pandoc.measured and pandoc.wall is not None:
                    theirs.append(pandoc.wall)
            for cold in (0, 1):
                name = f"{rep}-{cold}"
                if "epub" in formats:
                    self.say(f"target batch {rep + 1}: roleexport epub{caches[cold]}")
                    epub = run(
                        self._all(self.work / "out" / f"epub-{name}", ["epub"]), self.timeout, env=env(cold, name)
                    )
                    if epub.ok:
                        epubs[cold].append(epub.wall)
                self.say(f"target batch {rep + 1}: roleexport {' '.join(wanted)}{caches[cold]}")
                every = run(
                    self._all(self.work / "out" / f"all-{name}", wanted), self.timeout, env=env(cold, f"a{name}")
                )
                if not every.ok:
                    all_targets[cold].measured, all_targets[cold].verdict = every.problem(), "MISS"
                    return
                ours[cold].append(every)
        self.all_batch = max(ours[0] + ours[1], key=lambda r: r.peak_kb)
        self.all_wall = statistics.median(r.wall for r in ours[1])
        rounds = f" (median of {len(ours[0])} rounds)" if len(ours[0]) > 1 else ""
        for cold in (0, 1):
            for target, mine, limit in (
                (epub_targets[cold], epubs[cold], 0.5),
                (all_targets[cold], [r.wall for r in ours[cold]], 1.5),
            ):
                if len(mine) == len(theirs) and theirs:
                    ratio = statistics.median(a / b for a, b in zip(mine, theirs, strict=True))
                    target.measured = (
                        f"{statistics.median(mine):.1f} s vs {statistics.median(theirs):.1f} s = {ratio:.2f}x{rounds}"
                    )
                    target.verdict = judge(ratio, limit)
                else:
                    target.measured = f"pandoc {self.pandoc_about}" if not theirs else "roleexport failed"
            if missing:
                all_targets[cold].measured += f" (without {', '.join(missing)})"
                all_targets[cold].verdict = "PARTIAL " + all_targets[cold].verdict
        self.say("no-op rebuild")
        noop_target.measured, noop_target.verdict = self._noop(
            self._all(self.work / "out" / f"all-{self.args.target_repeats - 1}-0", wanted, quiet=False)
        )

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
                return f"{noop.wall:.2f} s{rebuilt_note}", judge(noop.wall, 0.3, strict=True)
            rebuilt_note = f" (an earlier try rebuilt {rebuilt} pages in {noop.wall:.1f} s: inputs changed)"
            self.say(f"  not a no-op: {rebuilt} pages rebuilt in {noop.wall:.1f} s; trying again")
        return f"every try rebuilt pages{rebuilt_note}", "n/a"

    def one_page(self, formats: list[str]) -> None:
        """One page as a whole process, warm cache (the preflight built this page, so its print
        page map is cached), each pair of commands run in turn, ``repeats`` pairs."""
        page, repeats = self.pages[0], self.args.repeats
        typ, html = self.typ / f"{page.stem}.typ", self.html / f"{page.stem}.html"
        scratch = self.work / "one"

        def ours(*args: str, out: str = "") -> list[list[str]]:
            return [
                roleexport_cmd() + [*args, *(["--out", str(scratch / f"{out}-{i}"), "--quiet"] if out else [])]
                for i in range(repeats)
            ]

        def peer_worker(kind: str, path: Path) -> list[list[str]]:
            return [WORKER + [kind, str(scratch / f"{kind}-{i}"), str(path)] for i in range(repeats)]

        click = [[sys.executable, "-c", "import click"]] * repeats
        pandoc = [
            [str(self.pandoc), "-f", "markdown", "-t", "epub3", "-o", str(scratch / f"pandoc-{i}.epub"), str(page)]
            for i in range(repeats)
        ]
        plan = [
            ("one page, warm cache: roleexport epub / pandoc", "<= 2x", 2.0, "epub" in formats, self.pandoc is not None,
             self.pandoc_about, lambda: (ours("epub", str(page), out="epub"), pandoc)),
            ("one page: roleexport pdf / Typst (a process)", "<= 2x", 2.0, "pdf" in formats, self.has_typst,
             self.typst_about, lambda: (ours("pdf", str(page), out="pdf"), peer_worker("typst", typ))),
            ("one page: roleexport pdf / WeasyPrint", "< 0.3x", 0.3, "pdf" in formats, self.has_weasy,
             self.weasy_about, lambda: (ours("pdf", str(page), out="pdf-w"), peer_worker("weasyprint", html))),
            ("roleexport --help / python -c 'import click'", "<= 1.5x", 1.5, True, True, "",
             lambda: (ours("--help"), click)),
            ("roleexport list / python -c 'import click'", "<= 1.5x", 1.5, True, True, "",
             lambda: (ours("list"), click)),
        ]  # fmt: skip
        for name, limit_text, limit, registered, peer_ok, about, cmds in plan:
            self.say(name)
            target = Target(name, limit_text)
            self.targets.append(target)
            if not registered:
                target.measured = "format not registered"
                continue
            if not peer_ok:
                target.measured = f"peer {about}"
                continue
            got = paired(*cmds(), self.timeout)
            if got is None:
                target.measured, target.verdict = "a run failed", "MISS"
                continue
            mine, theirs, ratio = got
            target.measured = (
                f"{mine * 1000:.0f} ms vs {theirs * 1000:.0f} ms = {ratio:.2f}x (median of {repeats} pairs)"
            )
            target.verdict = judge(ratio, limit, strict=limit_text.startswith("<"))
            if name.startswith("roleexport --help"):
                self.start_up_s = mine

    def speech(self, formats: list[str]) -> None:
        """``roleexport audio`` of one page with an empty cache against espeak-ng's command line and
        lameenc on the same words (its narration, in two halves, two processes at once), in turn."""
        target = Target("speech: roleexport audio (empty cache) / espeak-ng + lameenc", ">= 0.8x rate")
        self.targets.append(target)
        if "audio" not in formats:
            target.measured = (
                "audio not in this run (roleexport list, --format)" if "audio" not in self.formats else "audio failed"
            )
            target.verdict = "n/a" if "audio" not in self.formats else "MISS"
            return
        espeak = shutil.which("espeak-ng")
        folder = self.work / "speech"
        page = self.pages[0]
        narration = run(roleexport_cmd() + ["narration", str(page), "--out", str(folder), "--quiet"], self.timeout)
        script = next(folder.rglob("*.txt"), None)
        if not narration.ok or script is None:
            target.measured, target.verdict = "narration failed", "MISS"
            return
        lines = script.read_text(encoding="utf-8").splitlines()
        halves = [folder / "half-1.txt", folder / "half-2.txt"]
        halves[0].write_text("\n".join(lines[: len(lines) // 2]) + "\n", encoding="utf-8")
        halves[1].write_text("\n".join(lines[len(lines) // 2 :]) + "\n", encoding="utf-8")
        import mutagen

        ours: list[float] = []
        theirs: list[float] = []
        seconds = 0.0
        for rep in range(self.args.speech_repeats):
            env = {**os.environ, "ROLEEXPORT_CACHE_DIR": str(folder / f"cache-{rep}")}
            mine = run(
                roleexport_cmd() + ["audio", str(page), "--out", str(folder / f"ours-{rep}"), "--quiet"],
                self.timeout,
                env=env,
            )
            if not mine.ok:
                target.measured, target.verdict = mine.problem(), "MISS"
                return
            ours.append(mine.wall)
            seconds = sum(mutagen.File(p).info.length for p in (folder / f"ours-{rep}").rglob("*.mp3"))
            if espeak:
                plain = run_parallel(
                    [PLAIN_SPEECH + [str(h), str(folder / f"plain-{rep}-{i}.mp3"), "en-us", "210"] for i, h in
                     enumerate(halves)],
                    2,
                    self.timeout,
                )  # fmt: skip
                if not plain.failed:
                    theirs.append(plain.wall)
        self.audio_process_s = statistics.median(ours)
        factor = f"{seconds / self.audio_process_s:.0f}x real time"
        if not espeak or len(theirs) != len(ours):
            target.measured = f"{self.audio_process_s:.2f} s ({factor}); espeak-ng's command line: " + (
                "not found (apt-get install espeak-ng)" if not espeak else "failed"
            )
            return
        rate = statistics.median(b / a for a, b in zip(ours, theirs, strict=True))
        target.measured = (
            f"{statistics.median(ours):.2f} s vs {statistics.median(theirs):.2f} s = {rate:.2f}x the rate ({factor})"
        )
        target.verdict = judge(rate, 0.8, below=False)

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

    def memory(self, formats: list[str]) -> None:
        """Peak RSS of the largest process per format on the 10,000-item page (``memory.py``), each
        format its own ``roleexport FORMAT`` process with an empty cache; the spoken formats (hours
        of speech on that page) only with ``--memory-speech``. Then the batches' largest worker."""
        target = Target("peak memory per worker, 10,000-item page", "< 150 MB")
        spoken = {"audio", "readaloud", "daisy"}
        chosen = [f for f in formats if self.args.memory_speech or f not in spoken]
        if chosen:
            self.say(f"memory on the 10,000-item page: {', '.join(chosen)}")
            folder = self.work / "memory"
            folder.mkdir()
            found = measure(roleexport_cmd(), chosen, many_items(folder), folder, self.timeout)
            self.memory_table = table(found)
            failed = [f for f, _, note in found if note.startswith(("exit", "timed"))]
            mb, fmt = max((mb, f) for f, mb, _ in found)
            left = sorted(set(formats) - set(chosen))
            target.measured = f"{mb:.0f} MB ({fmt})" + (f"; not measured: {', '.join(left)}" if left else "")
            target.verdict = "MISS" if failed else judge(mb, 150, strict=True)
            if left and target.verdict == "PASS":
                target.verdict = "PARTIAL PASS"
        self.targets.append(target)
        batch = Target("peak memory per worker, the benchmark's batches", "< 150 MB")
        peaks = [(r.peak_kb, r.fmt) for r in self.rows if r.tool == "roleexport" and r.measured]
        if getattr(self, "all_batch", None) is not None:
            peaks.append((self.all_batch.peak_kb, "+".join(TARGET_FORMATS)))
        if peaks:
            peak, fmt = max(peaks)
            batch.measured = f"{peak / 1024:.0f} MB ({fmt})"
            batch.verdict = judge(peak / 1024, 150, strict=True)
        self.targets.append(batch)

    def projection(self) -> str:
        """The wall time of a catalogue of 10,000 pages in every format, audio included, on W
        workers (each a machine like this one running ``roleexport all --shard k/W --jobs J``),
        from this run's per-page costs."""
        batch = getattr(self, "all_wall", None)
        audio, readaloud = self.medians.get("audio"), self.medians.get("readaloud")
        if batch is None or audio is None:
            return "projection: needs the all-formats batch and the audio format's per-page time"
        text_s = batch / len(self.pages)
        # the speech pool uses every core, so a page's speech does not share the machine with a
        # second page's; the read-along booklet reuses the audio's clips and pays its own encoding
        extra = max(0.0, (readaloud or audio) - audio)
        page_s = text_s + audio + extra
        start = getattr(self, "start_up_s", 0.1)
        head = (
            f"Projected wall time for {CATALOGUE_PAGES:,} pages, every format with audio (per page on one "
            f"{os.cpu_count()}-core worker: {text_s:.3f} s for {'+'.join(TARGET_FORMATS)} at --jobs {self.jobs}, "
            f"{audio:.2f} s audio (empty clip cache), {extra:.2f} s more for the read-along booklet = {page_s:.2f} s):"
        )
        lines = [head]
        for workers in WORKER_COUNTS:
            pages = -(-CATALOGUE_PAGES // workers)
            seconds = start + pages * page_s
            lines.append(
                f"  {workers:>3} worker{'s' if workers > 1 else ' '}: {pages:>6,} pages each, {_duration(seconds)}"
            )
        lines.append(
            "  (pages balanced by size across --shard parts; not modelled: the shared file system, the "
            "scheduler's queue, speech shared between pages through a shared cache)"
        )
        return "\n".join(lines)

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


def _duration(seconds: float) -> str:
    hours, rest = divmod(round(seconds), 3600)
    return f"{hours} h {rest // 60:02d} min" if hours else f"{rest // 60} min {rest % 60:02d} s"


def as_installed() -> None:
    """Run roleexport as an installed wheel does: its modules compiled to bytecode once (pip
    does it at install time). A checkout run with PYTHONDONTWRITEBYTECODE set (as in some
    sandboxes and CI images) compiles every module of roleexport on every start instead, about
    40 ms of each process, which is no user's cost."""
    import compileall

    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    compileall.compile_dir(str(ROOT / "src"), quiet=1)


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
    parser.add_argument("--repeats", type=int, default=5, help="pairs of runs of each one-page comparison [5]")
    parser.add_argument("--speech-repeats", type=int, default=3, help="pairs of runs of the speech comparison [3]")
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
    parser.add_argument(
        "--memory-speech",
        action="store_true",
        help="also measure audio, readaloud and daisy on the 10,000-item page (about 10 min each)",
    )
    args = parser.parse_args(argv)
    if args.quick:
        args.pages, args.repeats, args.sample, args.slow_pages, args.speech_repeats = 10, 5, 5, 3, 2
    return args


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    work = args.keep or Path(tempfile.mkdtemp(prefix="roleexport-bench-"))
    if args.keep:
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir(parents=True)
    bench = Bench(args, work)
    os.environ["ROLEEXPORT_CACHE_DIR"] = str(work / "cache")  # every run's caches in the scratch folder
    as_installed()
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
        bench.memory(usable)
        print()
        print(format_rows(bench.rows, args.jobs))
        print()
        print(format_targets(bench.targets))
        if getattr(bench, "memory_table", ""):
            print()
            print("Peak RSS of the largest process, 10,000-item page, one `roleexport FORMAT` process each:")
            print(bench.memory_table)
        print()
        print(bench.projection())
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
