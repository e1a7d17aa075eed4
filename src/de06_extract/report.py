"""What people see on stderr: progress, the summary table, rule-pack listings (rich)."""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from .models import FACT_KINDS
from .output import Result

if TYPE_CHECKING:
    from rich.console import Console


@lru_cache(maxsize=1)
def err() -> Console:
    """The stderr console; rich is imported when something is shown (a quiet run shows nothing)."""
    from rich.console import Console

    return Console(stderr=True)


@dataclass
class Summary:
    """Counts over a run: articles, facts per kind, failed inputs, skipped files, resumed articles,
    and lines of a resumed output that are not article records (`bad_lines`)."""

    skipped: int = 0
    articles: int = 0
    failed: int = 0
    warnings: int = 0
    resumed: int = 0
    bad_lines: int = 0
    facts: Counter[str] = field(default_factory=Counter)
    errors: Counter[str] = field(default_factory=Counter)
    warning_codes: Counter[str] = field(default_factory=Counter)

    def add_result(self, result: Result) -> None:
        """Count one article from its `Result` (what workers send back)."""
        self.articles += 1
        self.warnings += len(result.warnings)
        self.warning_codes.update(result.warnings)
        self.facts.update(result.kinds)
        if result.errors:
            self.failed += 1
            self.errors.update(result.errors)

    def as_dict(self, **extra: object) -> dict[str, object]:
        """The machine-readable summary (`--stats-json`)."""
        return {
            "articles": self.articles,
            "facts": {kind: self.facts.get(kind, 0) for kind in FACT_KINDS},
            "facts_total": sum(self.facts.values()),
            "warnings": self.warnings,
            "warning_codes": dict(sorted(self.warning_codes.items())),
            "failed": self.failed,
            "errors": dict(sorted(self.errors.items())),
            "skipped": self.skipped,
            "resumed": self.resumed,
            "bad_lines": self.bad_lines,
            **extra,
        }

    @contextmanager
    def progress(self, total: int, enabled: bool) -> Iterator[Callable[..., None]]:
        """`advance(nbytes=0, articles=1)`: a bar over input bytes with articles, rate and ETA (terminal only)."""
        if not enabled or not sys.stderr.isatty():
            yield lambda nbytes=0, articles=1: None
            return
        from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeRemainingColumn

        with Progress(
            "[progress.description]{task.description}",
            BarColumn(),
            TaskProgressColumn(),
            TextColumn("{task.fields[articles]} articles, {task.fields[rate]}/s"),
            TimeRemainingColumn(),
            console=err(),
            transient=True,
        ) as bar:
            task = bar.add_task("extracting", total=total or None, articles=0, rate="-")
            count = 0

            def advance(nbytes: int = 0, articles: int = 1) -> None:
                nonlocal count
                count += articles
                elapsed = bar.tasks[0].elapsed or 0.0
                rate = f"{count / elapsed:.0f}" if elapsed > 0.5 else "-"
                bar.update(task, advance=nbytes, articles=count, rate=rate)

            yield advance

    def print_table(self) -> None:
        from rich.table import Table

        table = Table(title="de06 extract", show_header=True)
        table.add_column("what")
        table.add_column("count", justify="right")
        table.add_row("articles", str(self.articles))
        for kind in FACT_KINDS:
            table.add_row(f"  {kind}", str(self.facts.get(kind, 0)))
        table.add_row("warnings", str(self.warnings))
        table.add_row("failed inputs", str(self.failed))
        for code, n in sorted(self.errors.items()):
            table.add_row(f"  {code}", str(n))
        table.add_row("skipped (not text)", str(self.skipped))
        if self.resumed:
            table.add_row("resumed (already written)", str(self.resumed))
        if self.bad_lines:
            table.add_row("bad lines kept in the output", str(self.bad_lines))
        err().print(table)

    def one_line(self) -> str:
        """A one-line summary, for an interrupted run."""
        facts = sum(self.facts.values())
        return f"{self.articles} articles, {facts} facts, {self.failed} failed, {self.skipped} skipped"


def print_packs(name: str | None, patterns_dir: Path | None = None) -> None:
    """Table of packs, or one pack's patterns, lexicons and tables in full."""
    from rich.console import Console
    from rich.table import Table

    from .rulepacks import load_packs

    packs = load_packs(patterns_dir)
    out = Console()
    if name is None:
        table = Table(title="rule packs")
        for col in ("pack", "kind", "patterns", "lexicons", "tables", "file"):
            table.add_column(col)
        for pack in packs.values():
            spec = pack.spec
            table.add_row(
                pack.name,
                spec.pack.kind or "-",
                ", ".join(p.name for p in spec.patterns),
                ", ".join(f"{k} ({len(v)})" for k, v in spec.lexicon.items()),
                ", ".join(f"{k} ({len(v)})" for k, v in spec.tables.items()),
                pack.path.name,
            )
        out.print(table)
        return
    if name not in packs:
        err().print(f"[red]no pack named {name!r}[/red]; packs: {', '.join(packs)}")
        raise SystemExit(2)
    spec = packs[name].spec
    out.print(f"[bold]{name}[/bold] — {spec.pack.description}")
    for p in spec.patterns:
        out.print(f"  pattern [cyan]{p.name}[/cyan] (score {p.score}): {p.explanation}")
    for k, words in spec.lexicon.items():
        out.print(f"  lexicon [green]{k}[/green]: {', '.join(words)}")
    for k, tab in spec.tables.items():
        out.print(f"  table [magenta]{k}[/magenta]: " + ", ".join(f"{a} → {b}" for a, b in tab.items()))
