"""Stage 6 — resolve candidates: overlaps by score then length, thresholds, years of day-months.

Overlapping candidates (a date and a ratio on "6/2") keep the higher score; on a tie the longer
span (containment) wins, then the earlier one. Day-months and months without a year take the year
nearest the article's published date, else the year the article itself names most often.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from collections import Counter
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


def infer_years(candidates: list[Candidate], published: str | None) -> None:
    """Fill `year`/`year_inferred` on date candidates that lack a year, and set their ISO `value`."""
    dates = [c for c in candidates if c.kind == "date"]
    ref = _parse_published(published)
    stated = Counter(c.fields["year"] for c in dates if c.fields.get("year") is not None)
    fallback = stated.most_common(1)[0][0] if stated else None
    for c in dates:
        f = c.fields
        f["year_inferred"] = False
        if f.get("year") is None and f["grain"] in ("day", "month", "quarter"):
            if ref is not None:
                f["year"], f["year_inferred"] = (
                    _nearest_year(ref, f.get("month") or 3 * f.get("quarter", 1), f.get("day") or 15),
                    True,
                )
            elif fallback is not None:
                f["year"], f["year_inferred"] = fallback, True
        f["value"] = iso_value(f)


def iso_value(f: dict[str, object]) -> str:
    """ISO 8601 at the stated grain; '--MM-DD' / '--MM' when the year is unknown."""
    year, month, day, grain = f.get("year"), f.get("month"), f.get("day"), f["grain"]
    y = f"{year:04d}" if isinstance(year, int) else "-"
    if grain == "year":
        return y
    if grain == "quarter":
        return f"{y}-Q{f['quarter']}"
    if grain == "month":
        return f"{y}-{month:02d}"
    value = f"{y}-{month:02d}-{day:02d}"
    if grain == "datetime":
        value += f"T{f['hh']:02d}:{f['mi']:02d}"
    return value


def _parse_published(published: str | None) -> dt.date | None:
    if not published:
        return None
    try:
        return dt.date.fromisoformat(published[:10])
    except ValueError:
        return None


def _nearest_year(ref: dt.date, month: int, day: int) -> int:
    def distance(year: int) -> int:
        try:
            return abs((dt.date(year, month, day) - ref).days)
        except ValueError:  # 29/2 in a common year
            return abs((dt.date(year, month, 28) - ref).days) + 1

    return min((ref.year, ref.year - 1, ref.year + 1), key=distance)
