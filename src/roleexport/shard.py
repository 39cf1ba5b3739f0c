"""``--shard K/N``: the K-th of N deterministic parts of a batch, for building one catalogue
on many machines (a Slurm job array, a Kubernetes Indexed Job, a CI matrix).

Every worker computes the same split on its own, from the sources alone: pages are grouped
by the slug they write to (so two sources claiming one slug land in one shard, where the
clash is reported, and no two shards ever write the same folder), the groups are ordered by
size (largest first, ties by slug) and each goes to the shard with the least bytes so far
(ties to the lowest shard number). The split does not depend on the order the sources were
named in or found, only on their slugs and sizes, so workers that see the same sources agree.
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

SHARD_SPEC = re.compile(r"^\s*(\d+)\s*/\s*(\d+)\s*$")


@dataclass(frozen=True, slots=True)
class Shard:
    """Shard ``index`` (1-based) of ``count``."""

    index: int
    count: int

    @classmethod
    def parse(cls, text: str) -> Shard:
        """``"K/N"`` with 1 <= K <= N; ValueError saying what is wrong otherwise."""
        found = SHARD_SPEC.match(text)
        if not found:
            raise ValueError(f"{text!r} is not K/N (for example 2/10: the second of ten shards)")
        index, count = int(found.group(1)), int(found.group(2))
        if count < 1 or not 1 <= index <= count:
            raise ValueError(f"{text!r}: K must be 1 to N (shards are numbered from 1)")
        return cls(index, count)

    def __str__(self) -> str:
        return f"{self.index}/{self.count}"


def _size(source: Path) -> int:
    try:
        return source.stat().st_size
    except OSError:
        return 0  # unreadable: some shard reports it, and it costs nothing to build


def split(sources: Sequence[Path], count: int, slug_of: Callable[[Path], str]) -> list[list[Path]]:
    """All ``count`` shards of ``sources`` (each in the order the sources were given)."""
    groups: dict[str, list[Path]] = {}
    for source in sources:
        groups.setdefault(slug_of(source) or f"\0{source}", []).append(source)
    sized = sorted(
        ((sum(_size(s) for s in members), slug) for slug, members in groups.items()), key=lambda g: (-g[0], g[1])
    )
    loads = [(0, shard) for shard in range(count)]  # a heap of (bytes so far, shard number)
    owner: dict[str, int] = {}
    for size, slug in sized:
        load, shard = heapq.heappop(loads)
        owner[slug] = shard
        heapq.heappush(loads, (load + size, shard))
    shards: list[list[Path]] = [[] for _ in range(count)]
    for slug, members in groups.items():
        shards[owner[slug]].extend(members)
    order = {source: n for n, source in enumerate(sources)}
    return [sorted(part, key=order.__getitem__) for part in shards]


def select(sources: Sequence[Path], shard: Shard, slug_of: Callable[[Path], str]) -> list[Path]:
    """The sources of one shard."""
    return split(sources, shard.count, slug_of)[shard.index - 1]
