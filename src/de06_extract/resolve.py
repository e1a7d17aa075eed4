"""Stage 6 — resolve candidates: overlaps by score then length, thresholds.

Overlapping candidates (a date and a ratio on "6/2") keep the higher score; on a tie the longer
span (containment) wins, then the earlier one. Years of day-months are `dates.infer_years`.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable

from .recognizers import Candidate

MIN_SCORE = 0.5


def select(candidates: Iterable[Candidate]) -> list[Candidate]:
    """Non-overlapping candidates at or above MIN_SCORE, in text order; blockers claim spans only."""
    ranked = sorted(
        (c for c in candidates if c.score >= MIN_SCORE and c.end > c.start),
        key=lambda c: (-c.score, -(c.end - c.start), c.start, c.kind),
    )
    starts: list[int] = []
    kept: list[Candidate] = []
    for c in ranked:
        i = bisect_left(starts, c.start)
        if i > 0 and kept[i - 1].end > c.start:
            continue
        if i < len(kept) and kept[i].start < c.end:
            continue
        starts.insert(i, c.start)
        kept.insert(i, c)
    return [c for c in kept if not c.blocks]
