"""`de06 diff` output: JSONL, Markdown and a rich table."""

from __future__ import annotations

from collections.abc import Iterable
from io import StringIO
from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console

from .model import (
    INDICATOR_KINDS,
    STANCES,
    Change,
    DiffReport,
    FigureRow,
    KindCounts,
    Side,
    TimelinePoint,
    fmt_number,
)


def render_jsonl(report: DiffReport | list[TimelinePoint]) -> str:
    records = report.records() if isinstance(report, DiffReport) else report
    return "".join(r.model_dump_json(by_alias=True) + "\n" for r in records)


# --------------------------------------------------------------------------- figure rows

_INFERRED = "inferred from article"
_FIGURE_HEADERS = ["subject", "period", "target", "result", "verdict", "other stances"]
_STANCE_TEXT = {"forecast": "forecast", "baseline": "baseline", "none": "no stance"}


def _period_text(row: FigureRow) -> str:
    if not row.period_inferred:
        return row.period
    mentions = [m for side in row.stances.values() for m in side.mentions]
    every = all(m.period_inferred for m in mentions)
    return f"{row.period} ({'' if every else 'partly '}{_INFERRED})"


def _verdict_text(row: FigureRow) -> str:
    """'missed by 5.2 points', 'met by 1 VND', or why a target and a result were not compared."""
    if row.verdict is None or row.gap is None:
        return row.note or ""
    unit = {"percent": " points"}.get(row.kind, "")
    if row.kind == "money":
        unit = " " + row.stances["target"].values[0].rsplit(" ", 1)[-1]
    text = row.verdict if row.gap == 0 else f"{row.verdict} by {fmt_number(abs(row.gap))}{unit}"
    return text if row.bound_stated else f"{text} (≥ assumed: no qualifier)"


def _figure_cells(row: FigureRow) -> list[str]:
    """subject, period, target, result, verdict, other stances."""

    def values(stance: str) -> str:
        side = row.stances.get(stance)
        return ", ".join(side.values) if side else ""

    others = "; ".join(
        f"{_STANCE_TEXT[s]} {values(s)}" for s in STANCES if s in _STANCE_TEXT and s in row.stances
    )
    return [row.label, _period_text(row), values("target"), values("result"), _verdict_text(row), others]


def figure_summary(row: FigureRow) -> str:
    """One line: 'subject, 2024: target ≥ 80% · result 74.8% · missed by 5.2 points'."""
    label, period, target, result, verdict, others = _figure_cells(row)
    parts = [f"target {target}" if target else "", f"result {result}" if result else "", verdict, others]
    return f"{label}, {period}: " + " · ".join(p for p in parts if p)


def _timeline_cells(p: TimelinePoint) -> list[str]:
    m = p.mention
    period = f"{p.period} ({_INFERRED})" if m.period_inferred else p.period
    return [period, m.stance, m.value, p.kind, p.label, f"{m.source} [{m.start}:{m.end}]"]


_TIMELINE_HEADERS = ["period", "stance", "value", "kind", "subject", "source"]


def _side_text(change: Change, side: Side | None) -> str:
    if side is None:
        return "—"
    if change.kind == "person":
        return "; ".join(side.titles) or "(no title)"
    if change.kind == "document":
        n = len(side.mentions)
        return f"{n} mention" + ("" if n == 1 else "s")
    return ", ".join(side.values)


def _sources(side: Side | None) -> list[str]:
    return sorted({m.source for m in side.mentions}) if side else []


def _describe(change: Change) -> str:
    """The 'what' cell: the label, plus the added/removed titles or the delta."""
    parts = [change.label]
    if change.kind in INDICATOR_KINDS and change.old and change.new:
        was = [t for t in change.old.labels if t not in change.new.labels]
        if was:
            parts[0] += f" ({change.old_bucket}: {'; '.join(was)})"
    if change.titles_added:
        parts.append("+ " + "; ".join(change.titles_added))
    if change.titles_removed:
        parts.append("− " + "; ".join(change.titles_removed))
    if change.delta is not None:
        sign = "+" if change.delta >= 0 else "−"
        parts.append(f"Δ {sign}{fmt_number(abs(change.delta))}")
    return " ".join(parts) if len(parts) == 1 else parts[0] + " (" + ", ".join(parts[1:]) + ")"


def _count_columns(c: KindCounts) -> list[str]:
    return [
        str(c.added),
        str(c.removed),
        str(c.changed),
        str(c.unchanged),
        f"{c.unaligned_old}/{c.unaligned_new}",
    ]


_COUNT_HEADERS = ["added", "removed", "changed", "unchanged", "unaligned old/new"]


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _md_mentions(side: Side | None) -> str:
    if side is None:
        return ""
    return "<br>".join(_md(f"{m.source} [{m.start}:{m.end}] “{m.text}”") for m in side.mentions)


def render_markdown(report: DiffReport) -> str:
    out = StringIO()
    w = out.write
    w("# de06 diff\n\n| bucket | articles | facts | file |\n|---|---:|---:|---|\n")
    for b in report.buckets:
        note = "" if b.dated else " (not compared)"
        w(f"| {b.name}{note} | {b.articles} | {sum(b.facts.values())} | {_md(b.path or '')} |\n")
    if not report.pairs:
        w("\nNothing to compare: fewer than two dated buckets.\n")
    for pair in report.pairs:
        w(f"\n## {pair.old_bucket} → {pair.new_bucket}\n\n")
        if not pair.changes:
            w("No changes.\n")
        w("| kind | " + " | ".join(_COUNT_HEADERS) + " |\n|---|" + "---:|" * len(_COUNT_HEADERS) + "\n")
        for kind, kc in pair.counts.items():
            w(f"| {kind} | " + " | ".join(_count_columns(kc)) + " |\n")
        mine = report.changes_of(pair)
        for kind in pair.counts:
            rows = [c for c in mine if c.kind == kind]
            if not rows:
                continue
            w(f"\n### {kind}\n\n| change | item | {pair.old_bucket} | {pair.new_bucket} | provenance |\n")
            w("|---|---|---|---|---|\n")
            for c in rows:
                prov = "<br>".join(x for x in (_md_mentions(c.old), _md_mentions(c.new)) if x)
                w(
                    f"| {c.change} | {_md(_describe(c))} | {_md(_side_text(c, c.old))} | "
                    f"{_md(_side_text(c, c.new))} | {prov} |\n"
                )
    if report.figures:
        w("\n## Figures by subject, stance and period\n\n| " + " | ".join(_FIGURE_HEADERS))
        w(" | provenance |\n|" + "---|" * (len(_FIGURE_HEADERS) + 1) + "\n")
        for row in report.figures:
            prov = "<br>".join(
                _md(f"{m.stance}: {m.source} [{m.start}:{m.end}] “{m.text}”")
                for side in row.stances.values()
                for m in side.mentions
            )
            w("| " + " | ".join(_md(c) for c in _figure_cells(row)) + f" | {prov} |\n")
    return out.getvalue()


def render_timeline_markdown(subject: str, points: list[TimelinePoint]) -> str:
    out = [f"# de06 diff --timeline {_md(subject)}\n\n"]
    if not points:
        return out[0] + "No figures with this subject.\n"
    out.append("| " + " | ".join(_TIMELINE_HEADERS) + " | text |\n|" + "---|" * (len(_TIMELINE_HEADERS) + 1))
    out.extend(
        "\n| " + " | ".join(_md(c) for c in _timeline_cells(p)) + f" | “{_md(p.mention.text)}” |"
        for p in points
    )
    return "".join(out) + "\n"


def render_table(report: DiffReport, file: IO[str] | None = None) -> None:
    """Rich tables: buckets, then per pair the counts per kind and the changes per kind."""
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    console = Console(file=file, highlight=False)
    buckets = Table(title="buckets")
    for col in ("bucket", "articles", "facts", "file"):
        buckets.add_column(col, justify="right" if col in ("articles", "facts") else "left")
    for b in report.buckets:
        name = b.name if b.dated else f"{b.name} (not compared)"
        buckets.add_row(escape(name), str(b.articles), str(sum(b.facts.values())), escape(b.path or ""))
    console.print(buckets)
    if not report.pairs:
        console.print("Nothing to compare: fewer than two dated buckets.")
    for pair in report.pairs:
        head = f"{pair.old_bucket} → {pair.new_bucket}"
        counts = Table(title=f"{head}: {pair.changes} change(s)" if pair.changes else f"{head}: no changes")
        counts.add_column("kind")
        for col in _COUNT_HEADERS:
            counts.add_column(col, justify="right")
        for kind, kc in pair.counts.items():
            counts.add_row(kind, *_count_columns(kc))
        console.print(counts)
        mine = report.changes_of(pair)
        for kind in pair.counts:
            rows = [c for c in mine if c.kind == kind]
            if not rows:
                continue
            table = Table(title=f"{head}: {kind}")
            for col in ("change", "item", pair.old_bucket, pair.new_bucket, "sources"):
                table.add_column(col)
            style = {"added": "green", "removed": "red", "changed": "yellow", "unchanged": "dim"}
            for c in rows:
                srcs = ", ".join(sorted(set(_sources(c.old)) | set(_sources(c.new))))
                cells = (_describe(c), _side_text(c, c.old), _side_text(c, c.new), srcs)
                table.add_row(f"[{style[c.change]}]{c.change}[/]", *(escape(x) for x in cells))
            console.print(table)
    if report.figures:
        _print_rows(
            console,
            "figures by subject, stance and period",
            _FIGURE_HEADERS,
            map(_figure_cells, report.figures),
        )


def render_timeline_table(subject: str, points: list[TimelinePoint], file: IO[str] | None = None) -> None:
    """Rich table of one subject's figures over its periods."""
    from rich.console import Console

    console = Console(file=file, highlight=False)
    if not points:
        console.print(f"No figures with the subject {subject!r}.")
        return
    _print_rows(
        console, f"timeline: {subject} ({points[0].key})", _TIMELINE_HEADERS, map(_timeline_cells, points)
    )


def _print_rows(console: Console, title: str, headers: list[str], rows: Iterable[list[str]]) -> None:
    from rich.markup import escape
    from rich.table import Table

    table = Table(title=escape(title))
    for col in headers:
        table.add_column(col)
    for cells in rows:
        table.add_row(*(escape(x) for x in cells))
    console.print(table)
