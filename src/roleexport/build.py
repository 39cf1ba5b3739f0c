"""The batch: which sources, which formats, in how many processes, written how.

Each source is read once and handed to every requested exporter; one broken source or
format is reported and the rest still build. Files are written under a temporary name in
their own folder and renamed into place, so an interrupted build never leaves a partial file.
"""

from __future__ import annotations

import os
import traceback
import warnings
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field, replace
from pathlib import Path

from roleexport import exporters
from roleexport.diagnostics import RoleExportWarning
from roleexport.errors import ExportError, RoleExportError, SourceError
from roleexport.exporters import ExportOptions
from roleexport.model import Document
from roleexport.output import write_atomically
from roleexport.reader import read_source
from roleexport.styles import load_style


@dataclass(frozen=True)
class BuildRequest:
    """Everything one build needs; picklable, so workers get it whole."""

    out_dir: Path
    formats: tuple[str, ...]
    style: str = "default"
    options: ExportOptions = field(default_factory=ExportOptions)
    debug: bool = False


@dataclass
class SourceResult:
    """What happened to one source."""

    source: Path
    slug: str | None = None
    written: list[Path] = field(default_factory=list)
    built: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures


def find_sources(paths: Sequence[Path], default_folder: Path = Path("sources")) -> list[Path]:
    """The named sources (folders expand to their ``*.md``), or every ``sources/*.md``."""
    if not paths:
        paths = [default_folder]
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(path.glob("*.md")))
        else:
            found.append(path)
    return found


def _describe(exc: BaseException, debug: bool) -> str:
    if isinstance(exc, RoleExportError):
        message = str(exc)
    else:
        message = f"internal error: {type(exc).__name__}: {exc}"
    if debug:
        message += "\n" + "".join(traceback.format_exception(exc))
    return message


def _output_folder(out_dir: Path, slug: str) -> Path:
    folder = (out_dir / slug).resolve()
    if folder.parent != out_dir.resolve():
        raise SourceError(f"slug {slug!r} would write outside the output folder")
    return folder


def export_document(doc: Document, request: BuildRequest, result: SourceResult) -> None:
    """Run every requested exporter on one tree and write what each returns."""
    style = load_style(request.style)
    folder = _output_folder(request.out_dir, doc.meta.slug)
    options = request.options
    for name in request.formats:
        try:
            exporter = exporters.get(name)
            if getattr(exporter, "needs_page_map", False) and options.page_map is None:
                options = replace(options, page_map=page_map(doc, request, options))
            files = exporter.export(doc, style, options)
            for file_name, data in sorted(files.items()):
                result.written.append(write_atomically(folder, file_name, data))
            result.built.append(name)
        except (RoleExportError, OSError, Exception) as exc:  # noqa: BLE001 - one format must not stop the rest
            if isinstance(exc, OSError) and not isinstance(exc, RoleExportError):
                exc = ExportError(f"cannot write {name} output: {exc.strerror or exc}", path=folder)
            result.failures.append(f"{name}: {_describe(exc, request.debug)}")


def page_map(doc: Document, request: BuildRequest, options: ExportOptions):  # type: ignore[no-untyped-def]
    """The print page map from the first exporter that lays out pages (the PDF)."""
    for name in exporters.names():
        provider = exporters.get(name)
        if hasattr(provider, "page_map"):
            return provider.page_map(doc, load_style(request.style), options)
    return None


def build_source(source: Path, request: BuildRequest) -> SourceResult:
    """Read and export one source, collecting warnings; never raises."""
    result = SourceResult(source)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", RoleExportWarning)
        try:
            doc = read_source(source)
            result.slug = doc.meta.slug
            export_document(doc, request, result)
        except Exception as exc:  # noqa: BLE001 - reported as one line, the batch goes on
            result.failures.append(_describe(exc, request.debug))
    seen: set[str] = set()
    for w in caught:
        if issubclass(w.category, RoleExportWarning) and str(w.message) not in seen:
            seen.add(str(w.message))
            result.warnings.append(str(w.message))
    return result


def build(sources: Sequence[Path], request: BuildRequest, jobs: int = 1) -> Iterator[SourceResult]:
    """Build every source, in ``jobs`` processes; results arrive as sources finish."""
    if jobs <= 1 or len(sources) <= 1:
        for source in sources:
            yield build_source(source, request)
        return
    with ProcessPoolExecutor(max_workers=min(jobs, len(sources))) as pool:
        futures = [pool.submit(build_source, s, request) for s in sources]
        for future in as_completed(futures):
            yield future.result()


def default_jobs() -> int:
    """One worker per CPU this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1
