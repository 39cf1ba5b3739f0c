"""The ``roleexport`` command: click commands only; the work is in build, reader and importer."""

from __future__ import annotations

import sys
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

import click

from roleexport import __version__, exporters
from roleexport.cachedir import ENV_VAR, default_cache_dir
from roleexport.deadline import DEFAULT_SECONDS
from roleexport.diagnostics import RoleExportWarning
from roleexport.errors import RoleExportError
from roleexport.exporters import ExportOptions

if TYPE_CHECKING:
    from roleexport.build import SourceResult
    from roleexport.shard import Shard

EXIT_FAILED = 1
EXIT_USAGE = 2
SOURCES_FOLDER = Path("sources")


def _fail(message: str) -> NoReturn:
    click.echo(f"error: {message}", err=True)
    sys.exit(EXIT_FAILED)


def _usage(message: str) -> NoReturn:
    """A usage error: one line, exit 2 (as click's own, which ``RoleExportGroup.main`` reformats)."""
    click.echo(f"error: {message}", err=True)
    sys.exit(EXIT_USAGE)


EXPORTER_OPTIONS = {
    "paper": click.option(
        "--paper", type=click.Choice(["letter", "a4"]), help="Paper size: Letter, or A4 (written as <slug>-a4.pdf)."
    ),
    "voice": click.option("--voice", help="espeak-ng voice or language tag ('roleexport voices' lists them)."),
    "rate": click.option("--rate", type=click.IntRange(80, 450), help="Speech rate in words per minute."),
}
"""The options that reach exporters, by ``exporters.COMMAND_OPTIONS`` name."""


def _common_build_options(reads: Sequence[str] = exporters.COMMAND_OPTIONS) -> Callable[[Callable[..., Any]], Any]:
    """Options every build command shares, and those of ``reads`` the exporters use."""
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
        click.option(
            "--cache-dir",
            type=click.Path(path_type=Path),
            envvar=ENV_VAR,
            help="Cache folder (speech clips, layouts) [default: the user's cache folder].",
        ),
        click.option("--style", default="default", show_default=True, help="Style name in styles/ or a .toml path."),
        *(EXPORTER_OPTIONS[name] for name in exporters.COMMAND_OPTIONS if name in reads),
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

    def apply(func: Callable[..., Any]) -> Any:
        for decorator in reversed(decorators):
            func = decorator(func)
        return func

    return apply


def _check_usage(sources: Sequence[Path], formats: Sequence[str], style: str, voice: str | None) -> None:
    """Everything the command line got wrong, found before anything is written (exit 2)."""
    from roleexport.styles import StyleError, check_style, load_style

    try:
        known = exporters.names()
    except RoleExportError as exc:
        _fail(str(exc))
    unknown = [f for f in formats if f not in known]
    if unknown:
        _usage(f"--format: unknown format {', '.join(unknown)} (known: {', '.join(known)})")
    if not sources and not SOURCES_FOLDER.is_dir():
        _usage(
            f"no {SOURCES_FOLDER}/ folder in {Path.cwd()}: name the pages to build "
            "(roleexport all PAGE.md …) or run roleexport where sources/ is"
        )
    try:
        chosen = load_style(style)
        check_style(chosen, known)
    except StyleError as exc:
        _usage(str(exc))
    from roleexport import voices

    styled = chosen.section("audio").get("voice")
    for asked, where in ((voice, "--voice"), (None if voice else styled, f"{style}: [audio] voice")):
        if isinstance(asked, str) and asked and voices.can_check() and voices.find(asked) is None:
            _usage(f"{where}: no espeak-ng voice {asked!r} ('roleexport voices' lists the voices and their languages)")


def _run_build(
    sources: Sequence[Path],
    formats: Sequence[str],
    out_dir: Path,
    cache_dir: Path | None,
    style: str,
    jobs: int | None,
    quiet: bool,
    debug: bool,
    force: bool,
    timeout: float,
    paper: str | None = None,
    voice: str | None = None,
    rate: int | None = None,
    shard: Shard | None = None,
) -> None:
    # imported here: the reader (markdown-it, YAML) and the process pool are not needed for --help or list
    from roleexport import api
    from roleexport.build import find_sources, shard_of

    _check_usage(sources, formats, style, voice)
    paths = find_sources(sources, SOURCES_FOLDER)
    if not paths:
        _usage(f"no sources found: no *.md in {', '.join(map(str, sources or [SOURCES_FOLDER]))}")
    if shard is not None:
        everything, paths = len(paths), shard_of(paths, shard)
        if not paths:  # more shards than pages: this one has nothing to do, which is no failure
            if not quiet:
                click.echo(f"shard {shard}: no sources (the batch has {_count(everything, 'source')})")
            return
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        _fail(f"cannot create the output folder {out_dir}: {exc.strerror or exc}")
    cache_dir = cache_dir or default_cache_dir()
    options = ExportOptions(paper=paper, voice=voice, rate=rate, cache_dir=cache_dir)
    results = api.build(
        paths,
        out_dir,
        formats,
        style=style,
        options=options,
        jobs=jobs,
        force=force,
        timeout=timeout or None,
        debug=debug,
        shard=shard,
    )
    show_bar = sys.stdout.isatty() and not quiet
    failed = 0
    built = 0
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
    built = sum(1 for r in collected if r.built)
    from roleexport.cacheage import prune

    prune(cache_dir)  # after every worker is done, so nothing in use goes
    if not quiet:
        click.echo(_summary(len(collected), built, failed, out_dir))
    if failed:
        sys.exit(EXIT_FAILED)


def _summary(total: int, built: int, failed: int, out_dir: Path) -> str:
    """The last line: how many sources were built, or that everything was already up to date."""
    if not failed and not built:
        return f"{_count(total, 'source')} up to date in {out_dir}/"
    return f"{total - failed} of {_count(total, 'source')} built into {out_dir}/"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


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
        parts = [f"built {', '.join(result.built)} ({_count(len(result.written), 'file')})"] if result.built else []
        if result.skipped:
            parts.append(f"unchanged {', '.join(result.skipped)}")
        click.echo(f"{name}: {'; '.join(parts)}")
    return 0 if result.ok else 1


class RoleExportGroup(click.Group):
    """Adds one subcommand per registered exporter, loaded only when asked for; every usage
    error, click's own included, is one ``error:`` line and exit 2."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, False, **extra)
        try:
            super().main(args, prog_name, complete_var, False, **extra)
        except click.UsageError as exc:
            hint = f" (see '{exc.ctx.command_path} --help')" if exc.ctx is not None else ""
            _usage(exc.format_message() + hint)
        except click.ClickException as exc:
            click.echo(f"error: {exc.format_message()}", err=True)
            sys.exit(exc.exit_code)
        except click.Abort:
            click.echo("error: interrupted", err=True)
            sys.exit(EXIT_FAILED)
        sys.exit(0)

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
            description, reads = exporters.describe(cmd_name)
        except RoleExportError as exc:
            _fail(str(exc))
        return _exporter_command(cmd_name, description, reads)


def _exporter_command(name: str, description: str, reads: Sequence[str]) -> click.Command:
    @click.command(name=name, help=f"{description}.")
    @_common_build_options(reads)
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
    """Export career pages to accessible PDF, EPUB, web page, SSML, narration and audio."""
    warnings.showwarning = _show_warning


@main.command("all")
@_common_build_options()
@click.option(
    "--format", "formats", multiple=True, help="Only these formats (repeatable, or comma-separated) [default: all]."
)
@click.option(
    "--shard",
    metavar="K/N",
    help="Build only the K-th of N parts of the sources (K from 1), for many machines sharing one --out.",
)
def all_command(sources: tuple[Path, ...], formats: tuple[str, ...], shard: str | None, **kwargs: Any) -> None:
    """Build every source in every format (or the --format ones)."""
    named = [f.strip() for given in formats for f in given.split(",") if f.strip()]
    try:
        chosen = list(dict.fromkeys(named)) or exporters.names()
    except RoleExportError as exc:
        _fail(str(exc))
    _run_build(sources, chosen, shard=_parse_shard(shard), **kwargs)


def _parse_shard(text: str | None) -> Shard | None:
    if text is None:
        return None
    from roleexport.shard import Shard

    try:
        return Shard.parse(text)
    except ValueError as exc:
        _usage(f"--shard: {exc}")


@main.command("voices")
def voices_command() -> None:
    """List the installed espeak-ng voices (for --voice) and the languages each speaks."""
    from roleexport import voices
    from roleexport.exporters.audio.engine import INSTALL_HINT

    found = voices.installed()
    if not found:
        _fail(INSTALL_HINT)
    width = max(len(v.id) for v in found)
    for voice in found:
        click.echo(f"{voice.id:<{width}}  {', '.join(voice.tags):<24}  {voice.name}")


@main.command("list")
def list_command() -> None:
    """List the exporters and what each writes."""
    try:
        for name in exporters.names():
            click.echo(f"{name:<12} {exporters.describe(name)[0]}")
    except RoleExportError as exc:
        _fail(str(exc))


@main.command("tree")
@click.argument("source", type=click.Path(path_type=Path))
@click.option("--outline", is_flag=True, help="Print only the headings, indented by level.")
@click.option(
    "--terms", is_flag=True, help="Print the page's abbreviations and which glossary or lexicon each came from."
)
@click.option(
    "--speech",
    is_flag=True,
    help="Print the page as it will be said (the narration script), to proofread by reading; "
    "what was spelled or said by rule is listed as warnings.",
)
def tree_command(source: Path, outline: bool, terms: bool, speech: bool) -> None:
    """Print a source's content tree as JSON."""
    from roleexport import api
    from roleexport.walk import format_outline, to_json

    try:
        if terms:
            from roleexport.termsources import describe_terms

            click.echo(describe_terms(source))
            return
        doc = api.read(source)
        if speech:
            from roleexport.speech.plan import Settings, build_plan, script_lines
            from roleexport.styles import load_style

            plan = build_plan(doc, Settings.for_page(doc, load_style()))
            click.echo("\n".join(script_lines(plan)))
            return
    except RoleExportError as exc:
        _fail(str(exc))
    click.echo(format_outline(doc) if outline else to_json(doc))


@main.command("import")
@click.argument("page", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Markdown file to write [default: stdout].")
@click.option("--force", is_flag=True, help="Overwrite the --output file if it exists.")
def import_command(page: Path, output: Path | None, force: bool) -> None:
    """Turn a career page as received (plain text) into a markdown source."""
    from roleexport.importer import import_page
    from roleexport.output import write_atomically
    from roleexport.reader import decode

    if output is not None and output.exists() and not force:
        _fail(f"{output} already exists; give --force to overwrite it (your edits in it would be lost)")
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
