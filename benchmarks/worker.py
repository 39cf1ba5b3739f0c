"""One benchmark worker process: render pages in-process and print per-page seconds as JSON.

Usage: ``worker.py KIND OUT FILE...`` where KIND is ``typst``, ``weasyprint``,
``roleexport:FORMAT``, ``profile:FORMATS`` or ``profile-warm:FORMATS`` (one page under
pyinstrument; FORMATS comma-separated), or ``daisy-after-audio`` (each page's audio, then its
DAISY book from the same caches, timed apart). Timing each
page inside one warm process gives the per-page cost without interpreter start-up, the
same way for roleexport and for the Python-driven peers.
"""

from __future__ import annotations

import json
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any


def _typst(out: Path, files: list[Path]) -> dict[str, Any]:
    import typst

    times = []
    for path in files:
        start = time.perf_counter()
        typst.compile(str(path), output=str(out / f"{path.stem}.pdf"), pdf_standards="ua-1")
        times.append(time.perf_counter() - start)
    return {"times": times}


def _weasyprint(out: Path, files: list[Path]) -> dict[str, Any]:
    from weasyprint import HTML

    times = []
    for path in files:
        start = time.perf_counter()
        HTML(string=path.read_text(encoding="utf-8"), base_url=str(path.parent)).write_pdf(
            out / f"{path.stem}.pdf", pdf_variant="pdf/ua-1"
        )
        times.append(time.perf_counter() - start)
    return {"times": times}


def _audio_seconds(paths: list[Path]) -> float:
    import mutagen

    total = 0.0
    for path in paths:
        info = mutagen.File(path) if path.suffix in (".mp3", ".ogg", ".wav", ".m4a") else None
        total += info.info.length if info is not None else 0.0
    return total


def _roleexport(fmt: str, out: Path, files: list[Path]) -> dict[str, Any]:
    from roleexport.build import BuildRequest, build_source
    from roleexport.exporters import ExportOptions

    times: list[float] = []
    failures: list[str] = []
    audio: list[float] = []
    for path in files:
        # A fresh clip cache per page: variants share paragraphs, and a warm cache would flatter speech.
        request = BuildRequest(
            out_dir=out, formats=(fmt,), options=ExportOptions(cache_dir=out / f".cache-{path.stem}")
        )
        start = time.perf_counter()
        result = build_source(path, request)
        times.append(time.perf_counter() - start)
        failures.extend(f"{path.name}: {f}" for f in result.failures)
        audio.append(_audio_seconds(result.written))
    return {"times": times, "failures": failures, "audio_seconds": audio}


def _daisy_after_audio(out: Path, files: list[Path]) -> dict[str, Any]:
    """Per page: the audio from cold caches, then the DAISY book from the same caches, twice:
    once with the handout's page map still to lay out (audio is all that ran before), once with
    it cached (as after the PDF or EPUB)."""
    from roleexport.build import BuildRequest, build_source
    from roleexport.exporters import ExportOptions

    times: dict[str, list[float]] = {"audio": [], "daisy": [], "daisy_with_page_map": []}
    failures: list[str] = []
    for path in files:
        options = ExportOptions(cache_dir=out / f".cache-{path.stem}")
        for fmt, key in (("audio", "audio"), ("daisy", "daisy_with_page_map"), ("daisy", "daisy")):
            request = BuildRequest(out_dir=out / key, formats=(fmt,), options=options, force=True)
            start = time.perf_counter()
            result = build_source(path, request)
            times[key].append(time.perf_counter() - start)
            failures.extend(f"{path.name} {fmt}: {f}" for f in result.failures)
    return {"times": times["daisy"], **times, "failures": failures}


def _hotspots(root: Any, total: float, limit: int = 12) -> dict[str, list[tuple[str, float]]]:
    """Where one page's time goes, as % of the run, largest first.

    ``self``: time spent in a function's own code (summed over every call site);
    ``cumulative``: time inside a function and its callees (recursion counted once);
    ``files``: self time summed per source file, which shows which library is the cost.
    """
    own: dict[str, float] = defaultdict(float)
    inclusive: dict[str, float] = defaultdict(float)
    by_file: dict[str, float] = defaultdict(float)
    stack: list[tuple[Any, frozenset[str]]] = [(root, frozenset())]
    while stack:
        frame, above = stack.pop()
        named = frame.parent if frame.is_synthetic and frame.parent is not None else frame
        key = f"{named.function} ({named.file_path_short}:{named.line_no})"
        mine = frame.time - sum(child.time for child in frame.children)
        own[key] += mine
        by_file[str(named.file_path_short)] += mine
        if not frame.is_synthetic and key not in above and "<frozen" not in key:
            inclusive[key] += frame.time
        stack.extend((child, above | {key}) for child in frame.children)

    def top(table: dict[str, float], skip_above: float = 1.01) -> list[tuple[str, float]]:
        rows = [(k, round(100 * v / total, 1)) for k, v in sorted(table.items(), key=lambda kv: -kv[1])]
        return [row for row in rows if row[1] < 100 * skip_above][:limit]

    return {"self": top(own), "cumulative": top(inclusive, skip_above=0.97), "files": top(by_file)}


def _profile(formats: str, out: Path, files: list[Path], warm: bool = False) -> dict[str, Any]:
    """One page of the comma-separated ``formats`` under pyinstrument.

    Cold (default): as the command runs it, imports, fonts and exporter loading included.
    Warm: the first file is built unprofiled, then the second is profiled, which is what each
    page costs a batch worker once it has started.
    """
    from pyinstrument import Profiler

    profiler = Profiler(interval=0.001)
    if not warm:
        profiler.start()
    from roleexport.build import BuildRequest, build_source
    from roleexport.exporters import ExportOptions

    request = BuildRequest(
        out_dir=out, formats=tuple(formats.split(",")), options=ExportOptions(cache_dir=out / ".cache-profile")
    )
    if warm:
        build_source(files[0], request)
        profiler.start()
    result = build_source(files[1] if warm else files[0], request)
    session = profiler.stop()
    report = out / f"profile-{'warm-' if warm else ''}{formats.replace(',', '+')}.txt"
    report.write_text(profiler.output_text(unicode=False, color=False, show_all=False), encoding="utf-8")
    root = session.root_frame()
    return {
        "seconds": session.duration,
        "report": str(report),
        "failures": result.failures,
        **_hotspots(root, root.time if root else 1.0),
    }


def main(argv: list[str]) -> None:
    kind, out, files = argv[0], Path(argv[1]), [Path(p) for p in argv[2:]]
    out.mkdir(parents=True, exist_ok=True)
    if kind == "typst":
        result = _typst(out, files)
    elif kind == "weasyprint":
        result = _weasyprint(out, files)
    elif kind.startswith("roleexport:"):
        result = _roleexport(kind.split(":", 1)[1], out, files)
    elif kind == "daisy-after-audio":
        result = _daisy_after_audio(out, files)
    elif kind.startswith("profile:"):
        result = _profile(kind.split(":", 1)[1], out, files)
    elif kind.startswith("profile-warm:"):
        result = _profile(kind.split(":", 1)[1], out, files, warm=True)
    else:
        raise SystemExit(f"unknown worker kind {kind!r}")
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1:])
