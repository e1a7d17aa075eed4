"""`de06 diff` output: JSONL, Markdown and a rich table."""

from __future__ import annotations

from io import StringIO
from typing import IO

from .model import INDICATOR_KINDS, Change, DiffReport, KindCounts, Side, fmt_number


def render_jsonl(report: DiffReport) -> str:
    return "".join(r.model_dump_json(by_alias=True) + "\n" for r in report.records())


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
    return out.getvalue()


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
