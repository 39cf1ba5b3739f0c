"""roleexport from Python: the small, typed interface for integrators (and the CLI's own).

A career centre's CMS or a library's ingest script reads a page into the content tree,
exports one format to bytes, or builds a folder, with the same checks and messages as the
command line, which is built on these functions::

    from roleexport import api

    doc = api.read_string(markdown, name="nurse.md")
    files = api.export(doc, "html")            # {"nurse.html": b"<!DOCTYPE html>..."}
    for result in api.build(["sources"], "dist", formats=["epub", "pdf"]):
        print(result.source, result.ok, result.failures)

Every problem the caller can fix raises (or, in ``build``, reports) a ``RoleExportError``
with the file and line where known; warnings are ``RoleExportWarning``\\ s, issued through
the ``warnings`` module.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path

from roleexport import exporters
from roleexport.build import BuildRequest, SourceResult, default_jobs, export_format, find_sources
from roleexport.build import build as _build
from roleexport.cachedir import default_cache_dir
from roleexport.deadline import DEFAULT_SECONDS
from roleexport.diagnostics import RoleExportWarning
from roleexport.errors import ExportError, PluginError, RoleExportError, SourceError
from roleexport.exporters import ExportOptions
from roleexport.model import Document
from roleexport.output import joined
from roleexport.shard import Shard

__all__ = [
    "BuildRequest",
    "Document",
    "ExportError",
    "ExportOptions",
    "PluginError",
    "RoleExportError",
    "RoleExportWarning",
    "SourceError",
    "SourceResult",
    "build",
    "export",
    "formats",
    "read",
    "read_string",
]


def formats() -> list[str]:
    """The installed formats (built-in and plug-in exporters), by name."""
    return exporters.names()


def read(path: str | Path) -> Document:
    """A source file read into the content tree (with the glossary and lexicon beside it)."""
    from roleexport.reader import read_source

    return read_source(Path(path))


def read_string(text: str, name: str = "page.md") -> Document:
    """Markdown text read into the content tree; ``name`` is what messages call it (and the
    default slug). Only the package's default glossary and lexicon apply."""
    from roleexport.glossary import default_glossary
    from roleexport.reader import read_text

    return read_text(text, Path(name), default_glossary())


def export(
    doc: Document,
    fmt: str,
    *,
    style: str | Path = "default",
    options: ExportOptions | None = None,
    alongside: Sequence[str] = (),
) -> dict[str, bytes]:
    """One format of one tree, as file names and bytes; nothing is written.

    ``style`` is a style's name or a path to its ``.toml``; ``alongside`` names the formats the
    caller builds with this one (the web page then links to the audio); what the format
    requires besides (the printed page map of the EPUB) is computed here.
    """
    request = BuildRequest(Path("."), (fmt, *alongside), str(style), options or ExportOptions())
    files, _ = export_format(doc, fmt, request, request.options)
    return {name: joined(data) for name, data in files.items()}


def build(
    sources: Iterable[str | Path],
    out_dir: str | Path = "dist",
    formats: Sequence[str] | None = None,
    *,
    style: str | Path = "default",
    options: ExportOptions | None = None,
    jobs: int | None = None,
    force: bool = False,
    timeout: float | None = DEFAULT_SECONDS,
    debug: bool = False,
    shard: Shard | None = None,
) -> Iterator[SourceResult]:
    """Build sources (files, or folders of ``*.md``) into ``out_dir/<slug>/``, as ``roleexport all``.

    Results arrive as sources finish; a broken source or format is a failure in its result,
    never an exception, and the others still build. Unchanged outputs are skipped unless
    ``force``. Caches go to ``options.cache_dir`` (default: the user's cache folder, never
    ``out_dir``, so the output folder holds only deliverables).
    """
    chosen = tuple(formats) if formats is not None else tuple(exporters.names())
    unknown = [f for f in chosen if f not in exporters.names()]
    if unknown:
        raise PluginError(f"unknown format {', '.join(unknown)} (known: {', '.join(exporters.names())})")
    out = Path(out_dir)
    given = options or ExportOptions()
    if given.cache_dir is None:
        given = replace(given, cache_dir=default_cache_dir())
    request = BuildRequest(out, chosen, str(style), given, debug=debug, force=force, timeout=timeout, shard=shard)
    paths = find_sources([Path(s) for s in sources])
    return _build(paths, request, jobs=jobs or default_jobs())
