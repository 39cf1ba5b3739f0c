"""The benchmark's tables: one row per tool and format, then the targets of issue 6."""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field


@dataclass
class Row:
    """One tool making one format for a batch of pages."""

    fmt: str
    tool: str
    pages: int
    wall: float | None = None
    per_page: list[float] = field(default_factory=list)
    peak_kb: int = 0
    note: str = ""

    @property
    def measured(self) -> bool:
        return self.wall is not None and not self.note

    @property
    def median_ms(self) -> float | None:
        return 1000 * statistics.median(self.per_page) if self.per_page else None


@dataclass
class Target:
    """One line of the issue's targets with what was measured."""

    name: str
    limit: str
    measured: str = ""
    verdict: str = "n/a"


def judge(value: float | None, limit: float, below: bool = True, strict: bool = False) -> str:
    """PASS when ``value`` is within ``limit`` (at most, or under when ``strict``; at least when not ``below``)."""
    if value is None:
        return "n/a"
    if below:
        ok = value < limit if strict else value <= limit
    else:
        ok = value >= limit
    return "PASS" if ok else "MISS"


def _fmt(value: float | None, spec: str) -> str:
    return "-" if value is None else format(value, spec)


def format_rows(rows: list[Row], jobs: int) -> str:
    """Per format: roleexport first, then each peer with the time ratio roleexport / peer."""
    head = (
        f"{'format':<10} {'tool':<11} {'pages':>5} {'wall s':>8} {'pages/s':>8} {'median ms/page':>15} "
        f"{'peak RSS MB':>12}  ratio (roleexport time / peer time)"
    )
    lines = [head, "-" * len(head)]
    for fmt in dict.fromkeys(r.fmt for r in rows):
        group = [r for r in rows if r.fmt == fmt]
        ours = next((r for r in group if r.tool == "roleexport"), None)
        for row in group:
            if row.note:
                lines.append(f"{fmt:<10} {row.tool:<11} {row.pages:>5}  {row.note}")
                continue
            rate = row.pages / row.wall if row.wall else None
            ratio = ""
            if row is not ours and ours is not None and ours.measured and row.wall:
                ratio = f"{ours.wall / row.wall:.2f}x"  # type: ignore[operator]
            lines.append(
                f"{fmt:<10} {row.tool:<11} {row.pages:>5} {_fmt(row.wall, '8.2f')} {_fmt(rate, '8.1f')} "
                f"{_fmt(row.median_ms, '15.1f')} {row.peak_kb / 1024:12.0f}  {ratio}"
            )
    lines.append(
        f"(batches run {jobs} at a time, roleexport as `roleexport all --jobs {jobs} --format F`; median ms/page: "
        "the first pages one by one in one warm process on its own; pandoc: each page a process, in its batch)"
    )
    return "\n".join(lines)


def format_targets(targets: list[Target]) -> str:
    width = max(len(t.name) for t in targets)
    lines = [f"{'target':<{width}}  {'limit':<14} {'measured':<52} result", "-" * (width + 78)]
    lines += [f"{t.name:<{width}}  {t.limit:<14} {t.measured:<52} {t.verdict}" for t in targets]
    return "\n".join(lines)
