"""Figures by subject, stance and period: targets against results (met/missed) and one subject's timeline.

A figure's period is its own `period_value`; without one, the year its article was published
(`period_inferred`), else 'undated'. Figures of all inputs are pooled: a target stated in 2023 for
2024 meets the result reported in 2024. One pass over the facts, one sort of the rows.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ..models import Article, Fact
from .align import SubjectNormalizer, clean, indicator_subject, mention_of, stance_name, value_of
from .model import (
    ALIGNED_KINDS,
    INDICATOR_KINDS,
    STANCES,
    UNDATED,
    Bound,
    FigureMention,
    FigureRow,
    FigureSide,
    TimelinePoint,
)

_BOUND_SIGN = {">=": "≥", "<=": "≤"}


@dataclass(frozen=True)
class _Figure:
    kind: str
    key: str
    label: str
    period: str
    number: float
    unit: str  # currency of money, '' otherwise
    bound: Bound | None  # what the qualifier states ("tối thiểu" → '>=')
    mention: FigureMention


def _period(fact: Fact, published: str | None) -> tuple[str, bool]:
    """The figure's own period, else the article's published year (inferred), else 'undated'."""
    own: str | None = getattr(fact, "period_value", None)
    if own:
        return own, False
    year = (published or "")[:4]
    return (year, True) if year.isdigit() else (UNDATED, False)


def _figures(
    articles: Iterable[Article],
    norm: SubjectNormalizer,
    kinds: frozenset[str],
    stances: frozenset[str] | None,
) -> Iterator[_Figure]:
    """Every aligned indicator fact of the wanted kinds and stances, placed in its period."""
    for art in articles:
        for fact in art.facts:
            if fact.kind not in kinds or fact.kind not in INDICATOR_KINDS:
                continue
            stance = stance_name(fact)
            subject = indicator_subject(fact)
            key = norm(subject) if subject else ""
            if not key or (stances is not None and stance not in stances):
                continue
            period, inferred = _period(fact, art.published)
            label, number = value_of(fact)
            qualifier: str | None = getattr(fact, "qualifier", None)
            bound = norm.bound(qualifier)
            if stance == "target" and bound is not None:
                label = label.replace(qualifier or "", _BOUND_SIGN[bound], 1)
            yield _Figure(
                kind=fact.kind,
                key=key,
                label=clean(subject or ""),
                period=period,
                number=number,
                unit=getattr(fact, "currency", ""),
                bound=bound,
                mention=FigureMention(
                    **mention_of(art, fact).model_dump(),
                    stance=stance,
                    stance_cue=getattr(fact, "stance_cue", None),
                    value=label,
                    period_value=getattr(fact, "period_value", None),
                    period_inferred=inferred,
                ),
            )


def period_order(period: str) -> tuple[bool, str]:
    """Chronological enough for ISO values ('2024' < '2024-06' < '2024-Q3'), 'undated' last."""
    return period == UNDATED, period


def _side(figs: list[_Figure]) -> FigureSide:
    values = {f.mention.value: f.number for f in figs}
    return FigureSide(
        values=sorted(values, key=lambda v: (values[v], v)),
        mentions=sorted((f.mention for f in figs), key=lambda m: (m.source, m.start, m.end, m.article)),
    )


def _verdict(kind: str, targets: list[_Figure], results: list[_Figure]) -> dict[str, object]:
    """met/missed of one result against one target, or a note saying why they do not compare."""
    if kind == "ratio":
        return {"note": "ratios are not compared (different denominators)"}
    tvals = {(f.number, f.unit, f.bound) for f in targets}
    rvals = {(f.number, f.unit) for f in results}
    if len(tvals) > 1 or len(rvals) > 1:
        return {"note": "several targets or results: not compared"}
    (tnum, tunit, stated), (rnum, runit) = next(iter(tvals)), next(iter(rvals))
    if tunit != runit:
        return {"note": f"different currencies ({tunit}, {runit}): not compared"}
    bound: Bound = stated or ">="
    gap = round(rnum - tnum, 6)
    met = gap >= 0 if bound == ">=" else gap <= 0
    return {
        "bound": bound,
        "bound_stated": stated is not None,
        "verdict": "met" if met else "missed",
        "gap": gap,
    }


def figure_rows(
    articles: Iterable[Article],
    *,
    normalizer: SubjectNormalizer | None = None,
    kinds: Iterable[str] = ALIGNED_KINDS,
    stances: Iterable[str] | None = None,
) -> list[FigureRow]:
    """One row per (kind, subject, period) with its figures by stance and, where a target and a
    result meet, met/missed. A value without a stance that a stated figure of the row repeats (a
    headline repeating the body) is left out of the 'none' column."""
    norm = normalizer or SubjectNormalizer()
    wanted = frozenset(stances) if stances is not None else None
    groups: dict[tuple[str, str, str], list[_Figure]] = {}
    for f in _figures(articles, norm, frozenset(kinds), wanted):
        groups.setdefault((f.kind, f.key, f.period), []).append(f)
    order = {k: i for i, k in enumerate(ALIGNED_KINDS)}
    rows: list[FigureRow] = []
    for (kind, key, period), figs in sorted(
        groups.items(), key=lambda kv: (order[kv[0][0]], kv[0][1], period_order(kv[0][2]))
    ):
        by_stance: dict[str, list[_Figure]] = {}
        for f in figs:
            by_stance.setdefault(f.mention.stance, []).append(f)
        stated = {f.number for s, fs in by_stance.items() if s != "none" for f in fs}
        if unstated := [f for f in by_stance.pop("none", []) if f.number not in stated]:
            by_stance["none"] = unstated
        kept = [f for fs in by_stance.values() for f in fs]
        labels = Counter(f.label for f in kept)
        extra: dict[str, object] = {}
        if "target" in by_stance and "result" in by_stance:
            extra = (
                {"note": "undated: not compared"}
                if period == UNDATED
                else _verdict(kind, by_stance["target"], by_stance["result"])
            )
        rows.append(
            FigureRow(
                kind=kind,
                key=key,
                label=min(labels.items(), key=lambda kv: (-kv[1], kv[0]))[0],
                period=period,
                period_inferred=any(f.mention.period_inferred for f in kept),
                stances={s: _side(by_stance[s]) for s in STANCES if s in by_stance},
                **extra,
            )
        )
    return rows


def timeline(
    articles: Iterable[Article],
    subject: str,
    *,
    normalizer: SubjectNormalizer | None = None,
    kinds: Iterable[str] = ALIGNED_KINDS,
    stances: Iterable[str] | None = None,
) -> list[TimelinePoint]:
    """Every figure whose normalised subject is `subject`'s, by period, stance, source, offset."""
    norm = normalizer or SubjectNormalizer()
    key = norm(subject)
    wanted = frozenset(stances) if stances is not None else None
    rank = {s: i for i, s in enumerate(STANCES)}
    points = [
        TimelinePoint(kind=f.kind, key=f.key, label=f.label, period=f.period, mention=f.mention)
        for f in _figures(articles, norm, frozenset(kinds), wanted)
        if f.key == key
    ]
    points.sort(
        key=lambda p: (
            period_order(p.period),
            rank[p.mention.stance],
            p.mention.source,
            p.mention.start,
            p.kind,
        )
    )
    return points
