"""Peak memory per worker on the 10,000-item page, one format at a time (issue 18: under 150 MB).

    python3 benchmarks/memory.py                   # every registered format
    python3 benchmarks/memory.py --format pdf      # one (repeatable)

The page is the one ``tests/test_bad_input.py`` builds (``# Many`` and 10,000 list items).
Each format is built by its own ``roleexport FORMAT PAGE`` process with an empty cache folder;
the figure is ``ru_maxrss`` from ``wait4``: the largest single process of the tree (the command
itself or a speech child it waited for), as ``/usr/bin/time -v`` reports it. No timing here
is a verdict: the wall time is printed to show what the run cost.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from runner import run

LIMIT_MB = 150
ITEMS = 10_000


def many_items(folder: Path, items: int = ITEMS) -> Path:
    """The 10,000-item page of ``tests/test_bad_input.py``."""
    page = folder / "many-items.md"
    page.write_text("# Many\n\n" + "".join(f"- item {i}\n" for i in range(items)), encoding="utf-8")
    return page


def measure(
    command: list[str], formats: list[str], page: Path, work: Path, timeout: float
) -> list[tuple[str, float, str]]:
    """(format, peak MB, note) for each format, each built by its own process into empty folders."""
    found: list[tuple[str, float, str]] = []
    for fmt in formats:
        args = [fmt, str(page), "--out", str(work / "out" / fmt), "--cache-dir", str(work / "cache" / fmt), "--quiet"]
        r = run(command + args, timeout)
        note = f"{r.wall:.1f} s" if r.ok else r.problem()
        found.append((fmt, r.peak_kb / 1024, note))
        print(f"  {fmt:<10} {r.peak_kb / 1024:7.0f} MB  {note}", file=sys.stderr, flush=True)
    return found


def table(found: list[tuple[str, float, str]]) -> str:
    lines = [f"{'format':<10} {'peak RSS MB':>11}  {'verdict':<7} wall time / problem", "-" * 56]
    for fmt, mb, note in found:
        verdict = "PASS" if mb < LIMIT_MB and not note.startswith(("exit", "timed")) else "MISS"
        lines.append(f"{fmt:<10} {mb:11.0f}  {verdict:<7} {note}")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    from bench import registered_formats, roleexport_cmd

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--format", action="append", help="only this format (repeatable)")
    parser.add_argument("--items", type=int, default=ITEMS, help=f"list items on the page [{ITEMS:,}]")
    parser.add_argument("--timeout", type=float, default=3600, help="seconds before one format's run is killed")
    args = parser.parse_args(argv)
    formats = args.format or registered_formats()
    with tempfile.TemporaryDirectory(prefix="roleexport-memory-") as tmp:
        work = Path(tmp)
        page = many_items(work, args.items)
        print(table(measure(roleexport_cmd(), formats, page, work, args.timeout)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
