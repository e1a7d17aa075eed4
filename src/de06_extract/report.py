"""What people see on stderr: progress, the summary table, rule-pack listings (rich)."""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from rich.console import Console
from rich.table import Table

from .models import FACT_KINDS, Article

err = Console(stderr=True)


@dataclass
class Summary:
    """Counts over a run: articles, facts per kind, failed inputs, skipped files."""

    skipped: int = 0
    articles: int = 0
    failed: int = 0
    warnings: int = 0
    facts: Counter[str] = field(default_factory=Counter)
    errors: Counter[str] = field(default_factory=Counter)

    def add(self, article: Article) -> None:
        self.articles += 1
        self.warnings += len(article.warnings)
        self.facts.update(f.kind for f in article.facts)
        if article.errors:
            self.failed += 1
            self.errors.update(e.code for e in article.errors)

    @contextmanager
    def progress(self, total: int, enabled: bool) -> Iterator[Callable[[], None]]:
        if not enabled or not sys.stderr.isatty():
            yield lambda: None
            return
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

        with Progress(
            "[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(),
            TimeRemainingColumn(), console=err, transient=True,
        ) as bar:
            task = bar.add_task("extracting", total=total)
            yield lambda: bar.advance(task)

    def print_table(self) -> None:
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
        err.print(table)


def print_packs(name: str | None) -> None:
    """Table of packs, or one pack's patterns, lexicons and tables in full."""
    from .rulepacks import load_packs

    packs = load_packs()
    out = Console()
    if name is None:
        table = Table(title="rule packs")
        for col in ("pack", "kind", "patterns", "lexicons", "tables", "file"):
            table.add_column(col)
        for pack in packs.values():
            spec = pack.spec
            table.add_row(
                pack.name, spec.pack.kind or "-", ", ".join(p.name for p in spec.patterns),
                ", ".join(f"{k} ({len(v)})" for k, v in spec.lexicon.items()),
                ", ".join(f"{k} ({len(v)})" for k, v in spec.tables.items()), pack.path.name,
            )
        out.print(table)
        return
    if name not in packs:
        err.print(f"[red]no pack named {name!r}[/red]; packs: {', '.join(packs)}")
        raise SystemExit(2)
    spec = packs[name].spec
    out.print(f"[bold]{name}[/bold] — {spec.pack.description}")
    for p in spec.patterns:
        out.print(f"  pattern [cyan]{p.name}[/cyan] (score {p.score}): {p.explanation}")
    for k, words in spec.lexicon.items():
        out.print(f"  lexicon [green]{k}[/green]: {', '.join(words)}")
    for k, tab in spec.tables.items():
        out.print(f"  table [magenta]{k}[/magenta]: " + ", ".join(f"{a} → {b}" for a, b in tab.items()))
