"""The batch: which sources, which formats, in how many processes, written how.

Each source is read once and handed to every requested exporter; one broken source or
format is reported and the rest still build. Files are written under a temporary name in
their own folder and renamed into place, so an interrupted build never leaves a partial file.
"""

from __future__ import annotations

import os
import re
import traceback
import warnings
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from roleexport import exporters, frontmatter
from roleexport.deadline import DEFAULT_SECONDS, TimeLimitExceeded, time_limit
from roleexport.diagnostics import RoleExportWarning, warn
from roleexport.errors import ExportError, RoleExportError, SourceError
from roleexport.exporters import FORMATS, PAGE_MAP, ExportOptions
from roleexport.manifest import Manifest, input_key, manifest_name
from roleexport.model import Document
from roleexport.output import FileData, remove_stale_temporaries, write_atomically
from roleexport.pagemap import PRINT_FORMAT, PageMap, PageMapProvider
from roleexport.shard import Shard, select
from roleexport.styles import files_digest, load_style


@dataclass(frozen=True)
class BuildRequest:
    """Everything one build needs; picklable, so workers get it whole."""

    out_dir: Path
    formats: tuple[str, ...]
    style: str = "default"
    options: ExportOptions = field(default_factory=ExportOptions)
    debug: bool = False
    force: bool = False
    timeout: float | None = DEFAULT_SECONDS
    """Seconds one format of one source may take (None: no limit)."""
    shard: Shard | None = None
    """The part of a larger batch this build is (its sources are already chosen): it keeps its
    own manifest file and leaves other builds' temporary files alone."""


@dataclass
class SourceResult:
    """What happened to one source."""

    source: Path
    slug: str | None = None
    written: list[Path] = field(default_factory=list)
    built: list[str] = field(default_factory=list)
    files: dict[str, list[Path]] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)
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


def export_format(
    doc: Document,
    name: str,
    request: BuildRequest,
    options: ExportOptions,
    *,
    map_tried: bool = False,
    in_parts: bool = False,
) -> tuple[Mapping[str, FileData], ExportOptions]:
    """One format's files, with what it ``requires`` handed over; and the options with what was
    computed for it (the page map), so the next format of the same tree reuses it. A page map
    that could not be made (``map_tried``) is not tried again for the next format. ``in_parts``:
    a file may come as parts, or as what writes it, made while it is written (an exporter's
    optional ``export_parts``), so the build never holds a large file whole."""
    exporter = exporters.get(name)
    if PAGE_MAP in exporter.requires and options.page_map is None and not map_tried:
        options = replace(options, page_map=_page_map_or_none(doc, request, options))
    style, given = load_style(request.style), _with_formats(exporter, request, options)
    export_parts = getattr(exporter, "export_parts", None) if in_parts else None
    files: Mapping[str, FileData] = (
        export_parts(doc, style, given) if export_parts is not None else exporter.export(doc, style, given)
    )
    return files, options


def export_document(doc: Document, request: BuildRequest, result: SourceResult) -> None:
    """Run every requested exporter on one tree and write what each returns."""
    load_style(request.style)  # a style that cannot be read fails the source once, not every format
    folder = _output_folder(request.out_dir, doc.meta.slug)
    options = request.options
    map_tried = options.page_map is not None
    # the handout first: its layout, drawn, then also gives the page map the other formats need
    # (a format that needs only the page map lays the handout out without drawing it)
    for name in sorted(request.formats, key=lambda f: f != PRINT_FORMAT):
        try:
            # the limit covers the writing too: a file given in parts is made while it is written
            with time_limit(request.timeout):
                outputs, options = export_format(doc, name, request, options, map_tried=map_tried, in_parts=True)
                map_tried = map_tried or PAGE_MAP in exporters.get(name).requires
                paths = _write(folder, outputs)
        except _CannotWrite as exc:
            result.failures.append(f"{name}: cannot write to {folder}: {exc.reason}")
            continue
        except Exception as exc:  # noqa: BLE001 - one format must not stop the rest
            result.failures.append(f"{name}: {_describe(_reported(exc), request.debug)}")
            continue
        result.written.extend(paths)
        result.files[name] = paths
        result.built.append(name)
    result.built.sort(key=request.formats.index)


class _CannotWrite(Exception):
    """The output folder refused a file (told apart from an exporter's own ``OSError``)."""

    def __init__(self, error: OSError) -> None:
        super().__init__(error)
        self.reason = error.strerror or str(error)


def _write(folder: Path, outputs: Mapping[str, FileData]) -> list[Path]:
    """A format's files, each whole or not at all; a file given in parts first, so when making
    one fails (an ExportError, none of it left) none of the format's files is replaced."""
    ordered = sorted(outputs.items(), key=lambda item: (isinstance(item[1], bytes), item[0]))
    try:
        return [write_atomically(folder, file_name, data) for file_name, data in ordered]
    except OSError as exc:
        raise _CannotWrite(exc) from exc


def _with_formats(exporter: exporters.Exporter, request: BuildRequest, options: ExportOptions) -> ExportOptions:
    """The options with the build's formats, for an exporter that ``requires`` them (they change its output)."""
    return replace(options, formats=request.formats) if FORMATS in exporter.requires else options


def _key_options(fmt: str, request: BuildRequest) -> ExportOptions:
    """What one format's output depends on among the options (its manifest key includes them)."""
    try:
        return _with_formats(exporters.get(fmt), request, request.options)
    except RoleExportError:  # an exporter that cannot load fails when it is built, with its message
        return request.options


def _reported(exc: Exception) -> Exception:
    """An exporter's own ``OSError`` (a file it could not read, a cache it could not write) named as
    what it is, with the file it concerns; never passed off as the output folder's fault."""
    if isinstance(exc, OSError) and not isinstance(exc, RoleExportError):
        what = exc.strerror or str(exc) or type(exc).__name__
        return ExportError(f"{what}: {exc.filename}" if exc.filename else what)
    return exc


def _page_map_or_none(doc: Document, request: BuildRequest, options: ExportOptions) -> PageMap | None:
    """The print page map, or None with one warning when the printed layout cannot be made.

    A format that only borrows the print's page numbers (the EPUB's page-list) is then built
    without them and claims no page navigation: one format's failure never takes another down.
    A time limit running out is not caught here; it stops the format that was waiting.
    """
    try:
        return page_map(doc, request, options)
    except TimeLimitExceeded:
        raise
    except Exception as exc:  # noqa: BLE001 - reported as a warning; the borrowing format goes on
        reason = str(exc) if isinstance(exc, RoleExportError) else f"{type(exc).__name__}: {exc}"
        warn(
            f"no print page numbers: the printed layout could not be made ({reason}); "
            "the EPUB is built without a page-list and claims no page navigation"
        )
        return None


def page_map(doc: Document, request: BuildRequest, options: ExportOptions) -> PageMap:
    """The printed handout's page map, from the format that prints it (``pagemap.PRINT_FORMAT``)."""
    provider = exporters.get(PRINT_FORMAT)
    if not isinstance(provider, PageMapProvider):
        raise ExportError(f"the {PRINT_FORMAT!r} exporter gives no page map, so print page numbers cannot be marked")
    return provider.page_map(doc, load_style(request.style), options)


def build_source(source: Path, request: BuildRequest, skipped: tuple[str, ...] = ()) -> SourceResult:
    """Read and export one source, collecting warnings; never raises."""
    from roleexport import treecache

    result = SourceResult(source, skipped=list(skipped))
    request = replace(request, formats=tuple(f for f in request.formats if f not in skipped))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", RoleExportWarning)
        try:
            doc = treecache.read(source, request.options.cache_dir)
            result.slug = doc.meta.slug
            export_document(doc, request, result)
        except Exception as exc:  # noqa: BLE001 - reported as one line, the batch goes on
            result.failures.append(_describe(exc, request.debug))
    seen: set[str] = set()
    for w in caught:
        if not issubclass(w.category, RoleExportWarning):
            continue
        message = w.message
        # an exporter's warning names no file: it is about the source being built
        text = (
            f"{source}: {message}" if isinstance(message, RoleExportWarning) and message.path is None else str(message)
        )
        if text not in seen:
            seen.add(text)
            result.warnings.append(text)
    return result


def _plan(sources: Sequence[Path], request: BuildRequest, manifest: Manifest) -> list[tuple[Path, dict[str, str]]]:
    """Per source, the input key of each requested format (empty when the source is unreadable)."""
    style_files = files_digest(load_style(request.style))
    planned: list[tuple[Path, dict[str, str]]] = []
    for source in sources:
        try:
            keys = {
                f: input_key(source, f, style_files, request.style, _key_options(f, request)) for f in request.formats
            }
        except OSError:
            keys = {}
        planned.append((source, keys))
    return planned


SLUG_LINE = re.compile(rb"""^slug:[ \t]*["']?([a-z0-9-]+)["']?[ \t]*$""", re.MULTILINE)


def _claimed_slug(source: Path) -> str:
    """The slug a source will write to, found without parsing it (cheap enough for no-op runs)."""
    try:
        head = source.read_bytes()[:4096]
    except OSError:
        return ""
    found = SLUG_LINE.search(head) if head.lstrip(b"\xef\xbb\xbf").startswith(b"---") else None
    return found.group(1).decode() if found else frontmatter.slug_from_name(source.stem)


def shard_of(sources: Sequence[Path], shard: Shard) -> list[Path]:
    """The sources of one shard of the batch (see ``roleexport.shard``), grouped by the slug each writes to."""
    return select(sources, shard, _claimed_slug)


def _duplicate_slugs(sources: Sequence[Path]) -> dict[Path, str]:
    """Sources whose slug an earlier source already claims: building both would mix their outputs."""
    owners: dict[str, Path] = {}
    clashes: dict[Path, str] = {}
    for source in sources:
        slug = _claimed_slug(source)
        if slug and slug in owners:
            clashes[source] = f"slug {slug!r} is already used by {owners[slug]}; give this page its own 'slug'"
        elif slug:
            owners[slug] = source
    return clashes


def build(sources: Sequence[Path], request: BuildRequest, jobs: int = 1) -> Iterator[SourceResult]:
    """Build every source, in ``jobs`` processes; results arrive as sources finish.

    Outputs whose inputs are unchanged since the last build into the same folder are skipped
    (unless ``request.force``); the manifest is saved after each source, so an interrupted
    batch resumes where it stopped.
    """
    owned = None if request.shard is None else {manifest_name(request.shard), *map(_claimed_slug, sources)}
    remove_stale_temporaries(request.out_dir, owned)
    clashes = _duplicate_slugs(sources)
    for source, problem in clashes.items():
        yield SourceResult(source, failures=[f"{source}: {problem}"])
    sources = [s for s in sources if s not in clashes]
    manifest = Manifest(request.out_dir, manifest_name(request.shard))
    work: list[tuple[Path, tuple[str, ...], dict[str, str]]] = []
    for source, keys in _plan(sources, request, manifest):
        current = tuple(f for f, k in keys.items() if not request.force and manifest.is_current(source, f, k))
        work.append((source, current, keys))

    def finish(result: SourceResult, keys: dict[str, str]) -> SourceResult:
        for fmt in request.formats:
            if fmt in result.files and fmt in keys:
                manifest.record(result.source, fmt, keys[fmt], result.files[fmt])
            elif fmt not in result.skipped:
                manifest.forget(result.source, fmt)
        if result.built or result.failures:
            try:
                manifest.save()
            except OSError as exc:  # outputs are complete; the next run just rebuilds them
                result.failures.append(f"cannot record the build manifest in {request.out_dir}: {exc.strerror or exc}")
        return result

    pending = [(s, current, keys) for s, current, keys in work if len(current) < len(request.formats)]
    for source, current, _ in work:
        if len(current) == len(request.formats):
            yield SourceResult(source, skipped=list(current))
    if jobs <= 1 or len(pending) <= 1:
        for source, current, keys in pending:
            yield finish(build_source(source, request, current), keys)
        return
    from concurrent.futures import ProcessPoolExecutor, as_completed  # multiprocessing: only for a pool

    with ProcessPoolExecutor(max_workers=min(jobs, len(pending))) as pool:
        futures = {pool.submit(build_source, s, request, current): keys for s, current, keys in pending}
        for future in as_completed(futures):
            yield finish(future.result(), futures[future])


def default_jobs() -> int:
    """One worker per CPU this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1
