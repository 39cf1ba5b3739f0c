"""The ``roleexport`` command: click commands only; the work is in build, reader and importer."""

from __future__ import annotations

import sys
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

import click

from roleexport import __version__, exporters
from roleexport.deadline import DEFAULT_SECONDS
from roleexport.diagnostics import RoleExportWarning
from roleexport.errors import RoleExportError
from roleexport.exporters import ExportOptions

if TYPE_CHECKING:
    from roleexport.build import SourceResult

EXIT_FAILED = 1


def _fail(message: str) -> None:
    click.echo(f"error: {message}", err=True)
    sys.exit(EXIT_FAILED)


def _common_build_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """Options every build command shares."""
    decorators = [
        click.argument("sources", nargs=-1, type=click.Path(path_type=Path)),
        click.option(
            "--out",
            "out_dir",
            type=click.Path(path_type=Path),
            default=Path("dist"),
            show_default=True,
            help="Output folder; each page goes to OUT/<slug>/.",
        ),
        click.option("--style", default="default", show_default=True, help="Style name in styles/ or a .toml path."),
        click.option("--paper", type=click.Choice(["letter", "a4"]), help="Paper size for print formats."),
        click.option("--voice", help="Speech voice for audio."),
        click.option("--rate", type=click.IntRange(80, 450), help="Speech rate in words per minute."),
        click.option("--jobs", type=click.IntRange(1, 256), default=None, help="Parallel processes [default: CPUs]."),
        click.option("--quiet", is_flag=True, help="Print only failures."),
        click.option("--debug", is_flag=True, help="Show tracebacks for failures."),
        click.option("--force", is_flag=True, help="Rebuild outputs even when their inputs are unchanged."),
        click.option(
            "--timeout",
            type=click.FloatRange(min=0),
            default=DEFAULT_SECONDS,
            show_default=True,
            help="Seconds one format of one source may take before it is stopped (0: no limit).",
        ),
    ]
    for decorator in reversed(decorators):
        func = decorator(func)
    return func


def _run_build(
    sources: Sequence[Path],
    formats: Sequence[str],
    out_dir: Path,
    style: str,
    paper: str | None,
    voice: str | None,
    rate: int | None,
    jobs: int | None,
    quiet: bool,
    debug: bool,
    force: bool,
    timeout: float,
) -> None:
    # imported here: the reader (markdown-it, YAML) and the process pool are not needed for --help or list
    from roleexport.build import BuildRequest, build, default_jobs, find_sources

    try:
        known = exporters.names()
    except RoleExportError as exc:
        _fail(str(exc))
    unknown = [f for f in formats if f not in known]
    if unknown:
        raise click.BadParameter(
            f"unknown format {', '.join(unknown)} (known: {', '.join(known)})", param_hint="--format"
        )
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        _fail(f"cannot create the output folder {out_dir}: {exc.strerror or exc}")
    paths = find_sources(sources)
    if not paths:
        _fail("no sources found (give SOURCE files or put *.md in sources/)")
    cache_dir = out_dir / ".cache"
    request = BuildRequest(
        out_dir=out_dir,
        formats=tuple(formats),
        style=style,
        options=ExportOptions(paper=paper, voice=voice, rate=rate, cache_dir=cache_dir),
        debug=debug,
        force=force,
        timeout=timeout or None,
    )
    results = build(paths, request, jobs=jobs or default_jobs())
    show_bar = sys.stdout.isatty() and not quiet
    failed = 0
    if show_bar:
        with click.progressbar(results, length=len(paths), label="Building", file=sys.stderr) as bar:
            collected = list(bar)
    else:
        collected = []
        for result in results:
            collected.append(result)
            failed += _report(result, quiet)
    if show_bar:
        failed = sum(_report(r, quiet) for r in sorted(collected, key=lambda r: str(r.source)))
    from roleexport.cacheage import prune

    prune(cache_dir)  # after every worker is done, so nothing in use goes
    if not quiet:
        click.echo(f"{len(collected) - failed} of {len(collected)} sources built into {out_dir}/")
    if failed:
        sys.exit(EXIT_FAILED)


def _report(result: SourceResult, quiet: bool) -> int:
    """Print one source's summary, warnings and failures; 1 if it failed."""
    if not quiet:
        for warning in result.warnings:
            click.echo(f"warning: {warning}", err=True)
    for failure in result.failures:
        click.echo(
            f"error: {result.source}: {failure}" if not failure.startswith(str(result.source)) else f"error: {failure}",
            err=True,
        )
    if not quiet and (result.built or result.skipped):
        name = result.slug or result.source.stem
        parts = [f"built {', '.join(result.built)} ({len(result.written)} files)"] if result.built else []
        if result.skipped:
            parts.append(f"unchanged {', '.join(result.skipped)}")
        click.echo(f"{name}: {'; '.join(parts)}")
    return 0 if result.ok else 1


class RoleExportGroup(click.Group):
    """Adds one subcommand per registered exporter, loaded only when asked for."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        try:
            return sorted({*super().list_commands(ctx), *exporters.names()})
        except RoleExportError:
            return super().list_commands(ctx)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        command = super().get_command(ctx, cmd_name)
        if command is not None:
            return command
        try:
            if cmd_name not in exporters.names():
                return None
            exporter = exporters.get(cmd_name)
        except RoleExportError as exc:
            _fail(str(exc))
        return _exporter_command(exporter.name, exporter.description)


def _exporter_command(name: str, description: str) -> click.Command:
    @click.command(name=name, help=f"{description}.")
    @_common_build_options
    def command(sources: tuple[Path, ...], **kwargs: Any) -> None:
        _run_build(sources, [name], **kwargs)

    return command


def _show_warning(
    message: Warning | str,
    category: type[Warning],
    filename: str,
    lineno: int,
    file: TextIO | None = None,
    line: str | None = None,
) -> None:
    """Print our warnings as one plain line; leave everyone else's to Python."""
    if issubclass(category, RoleExportWarning):
        click.echo(f"warning: {message}", err=True)
    else:
        _python_show_warning(message, category, filename, lineno, file, line)


_python_show_warning = warnings.showwarning


@click.group(cls=RoleExportGroup)
@click.version_option(__version__, prog_name="roleexport")
def main() -> None:
    """Export career pages to accessible PDF, EPUB, SSML, narration and audio."""
    warnings.showwarning = _show_warning


@main.command("all")
@_common_build_options
@click.option("--format", "formats", multiple=True, help="Only these formats (repeatable) [default: all].")
def all_command(sources: tuple[Path, ...], formats: tuple[str, ...], **kwargs: Any) -> None:
    """Build every source in every format (or the --format ones)."""
    try:
        chosen = list(formats) or exporters.names()
    except RoleExportError as exc:
        _fail(str(exc))
    _run_build(sources, chosen, **kwargs)


@main.command("list")
def list_command() -> None:
    """List the exporters and what each writes."""
    try:
        for name in exporters.names():
            click.echo(f"{name:<12} {exporters.get(name).description}")
    except RoleExportError as exc:
        _fail(str(exc))


@main.command("tree")
@click.argument("source", type=click.Path(path_type=Path))
@click.option("--outline", is_flag=True, help="Print only the headings, indented by level.")
@click.option(
    "--speech",
    is_flag=True,
    help="Print the page as it will be said (the narration script), to proofread by reading; "
    "what was spelled or said by rule is listed as warnings.",
)
def tree_command(source: Path, outline: bool, speech: bool) -> None:
    """Print a source's content tree as JSON."""
    from roleexport.reader import read_source
    from roleexport.walk import format_outline, to_json

    try:
        doc = read_source(source)
        if speech:
            from roleexport.speech.plan import Settings, build_plan, script_lines
            from roleexport.styles import load_style

            plan = build_plan(doc, Settings.from_table(load_style().section("speech")))
            click.echo("\n".join(script_lines(plan)))
            return
    except RoleExportError as exc:
        _fail(str(exc))
    click.echo(format_outline(doc) if outline else to_json(doc))


@main.command("import")
@click.argument("page", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Markdown file to write [default: stdout].")
def import_command(page: Path, output: Path | None) -> None:
    """Turn a career page as received (plain text) into a markdown source."""
    from roleexport.importer import import_page
    from roleexport.output import write_atomically
    from roleexport.reader import decode

    try:
        text = decode(page.read_bytes(), page)
        markdown = import_page(text, path=page)
    except OSError as exc:
        _fail(f"{page}: cannot read: {exc.strerror or exc}")
    except RoleExportError as exc:
        _fail(str(exc))
    if output is None:
        click.echo(markdown, nl=False)
        return
    try:
        write_atomically(output.parent if str(output.parent) else Path("."), output.name, markdown.encode("utf-8"))
    except (OSError, RoleExportError) as exc:
        _fail(f"{output}: cannot write: {exc}")
    click.echo(f"wrote {output}")
