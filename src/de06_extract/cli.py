"""Command line: `de06 extract | table | schema | eval | patterns | diff`, `de06 --version`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(
    name="de06",
    help="Extract dates, ratios, percentages, money, documents and officials from Vietnamese news.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)

PatternsDir = Annotated[
    Path | None,
    typer.Option(
        "--patterns",
        metavar="DIR",
        exists=True,
        file_okay=False,
        help="Rule-pack folder to use instead of $DE06_PATTERNS or the packs shipped in the package.",
        show_default=False,
    ),
]


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import version

        typer.echo(f"de06 {version('de06-extract')}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit."),
    ] = False,
) -> None:
    """Extract dates, ratios, percentages, money, documents and officials from Vietnamese news."""


@app.command(
    epilog="Examples:\n\n  de06 extract samples -o out.jsonl\n\n  de06 extract article.txt | jq '.facts[]'\n\n"
    "  cat article.txt | de06 extract -\n\n  de06 extract big/ -o out.jsonl --resume --jobs 4\n\n"
    "  find . -name '*.txt' | de06 extract --from-list -\n\n"
    "Exit codes: 0 all inputs fine, 1 some inputs failed (each has an error record in the output), "
    "2 usage error (also: a glob without a match, an output locked by another run), 3 the output "
    "could not be written (disk full), 130/143 stopped by Ctrl-C/SIGTERM, 141 output pipe closed."
)
def extract(
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            help="Files, folders (recursive), globs, .jsonl files or - for stdin.", show_default=False
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "-o", "--output", help="Write JSONL here instead of stdout (- : stdout; .parquet: Parquet)."
        ),
    ] = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=0, help="Worker processes (0: one per core).")] = 0,
    resume: Annotated[
        bool,
        typer.Option("--resume", help="With -o: keep what is written, do only the inputs not in it yet."),
    ] = False,
    from_list: Annotated[
        str | None,
        typer.Option("--from-list", help="Read input paths from this file, one a line (- for stdin)."),
    ] = None,
    stats_json: Annotated[
        Path | None, typer.Option("--stats-json", help="Write the run summary as JSON to this file.")
    ] = None,
    max_bytes: Annotated[
        int, typer.Option("--max-bytes", min=1, help="Larger articles get a too_large error record.")
    ] = 4 * 1024 * 1024,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or summary table.")] = False,
    with_text: Annotated[
        bool,
        typer.Option(
            "--with-text",
            help="Give every article its decoded text (`text`, the offsets point into it); HTML ones always have it.",
        ),
    ] = False,
    patterns_dir: PatternsDir = None,
    published: Annotated[
        str | None,
        typer.Option(
            "--published",
            metavar="DATE",
            help="Published date for articles that state none (no metadata, timestamp line or date in the path).",
        ),
    ] = None,
    text_column: Annotated[
        str, typer.Option("--text-column", help="The column holding the text in .parquet inputs.")
    ] = "text",
) -> None:
    """Extract facts from articles; one JSON line per article, in input order."""
    from .batch import RunOptions, run_extract
    from .dates import normalise_published
    from .sources import read_list

    given = list(paths or [])
    if output is not None and str(output) == "-":
        output = None  # `-o -`: stdout
    if resume and output is None:
        raise typer.BadParameter(
            "--resume needs -o/--output FILE (the file to resume)", param_hint="--resume"
        )
    if resume and output is not None and output.suffix.lower() == ".parquet":
        raise typer.BadParameter("a Parquet output cannot be resumed", param_hint="--resume")
    if from_list is not None:
        if from_list == "-":
            if "-" in given:
                raise typer.BadParameter(
                    "stdin cannot be both the file list and an input", param_hint="--from-list"
                )
            given.extend(read_list(sys.stdin))
        else:
            try:
                with open(from_list, encoding="utf-8", errors="surrogateescape") as fh:
                    given.extend(read_list(fh))
            except OSError as exc:
                raise typer.BadParameter(
                    f"{from_list}: {exc.strerror or exc}", param_hint="--from-list"
                ) from exc
    elif not given:
        raise typer.BadParameter("give files, folders, globs or - (or --from-list)", param_hint="PATHS")
    if published is not None and normalise_published(published) is None:
        raise typer.BadParameter(f"not a date: {published!r} (use YYYY-MM-DD)", param_hint="--published")
    code = run_extract(
        RunOptions(
            given,
            output=output,
            jobs=jobs,
            resume=resume,
            quiet=quiet,
            stats_json=stats_json,
            max_bytes=max_bytes,
            with_text=with_text,
            patterns_dir=patterns_dir,
            published=published,
            text_column=text_column,
        )
    )
    raise typer.Exit(code)


@app.command(
    epilog="Examples:\n\n  de06 table out.jsonl -o facts.parquet\n\n  de06 table out.parquet -o facts.csv\n\n"
    "  duckdb -c \"SELECT kind, count(*) FROM 'facts.parquet' GROUP BY 1\""
)
def table(
    extraction: Annotated[
        Path, typer.Argument(help="What `de06 extract` wrote: JSONL, or Parquet (a file or a folder).")
    ],
    output: Annotated[Path, typer.Option("-o", "--output", help="facts.parquet or facts.csv.")],
) -> None:
    """One row per fact with its article's id, source, published and title (Parquet or CSV)."""
    from pydantic import ValidationError

    try:
        from .table import extraction_rows, write_table
    except ImportError as exc:
        raise typer.BadParameter(f"needs pyarrow: pip install 'de06-extract[parquet]' ({exc})") from exc
    try:
        count = write_table(extraction_rows(extraction), output)
    except (OSError, ValueError, ValidationError) as exc:
        typer.echo(f"de06 table: {extraction}: {exc}", err=True)
        raise typer.Exit(2) from exc
    typer.echo(f"{count} facts → {output}", err=True)


@app.command()
def schema(
    change: Annotated[
        bool, typer.Option("--change", help="The schema of a `de06 diff --format jsonl` line instead.")
    ] = False,
) -> None:
    """Print the JSON Schema of an output line."""
    import json

    from .models import Article

    if change:
        from .diff import change_schema

        typer.echo(json.dumps(change_schema(), ensure_ascii=False, indent=2))
        return
    typer.echo(json.dumps(Article.model_json_schema(by_alias=True), ensure_ascii=False, indent=2))


@app.command("eval")
def eval_(
    gold: Annotated[
        Path, typer.Argument(help="Gold: a folder of *.gold.toml beside their articles, or one file.")
    ],
    extraction: Annotated[Path, typer.Argument(help="JSONL written by `de06 extract`.")],
    zones: Annotated[str, typer.Option(help="Comma-separated zones to score.")] = "title,body,meta,related",
    json_out: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
    texts: Annotated[
        Path | None, typer.Option("--texts", help="Folder of the articles when not beside the gold.")
    ] = None,
) -> None:
    """Precision, recall and F1 per kind against a gold annotation (span overlap + value match)."""
    from .evaluate import load_extraction, load_gold, print_scores, score

    result = score(load_gold(gold, texts), load_extraction(extraction), set(zones.split(",")))
    if json_out:
        import json

        typer.echo(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
    else:
        print_scores(result)


@app.command()
def patterns(
    pack: Annotated[str | None, typer.Argument(help="Show this pack's entries in full.")] = None,
    patterns_dir: PatternsDir = None,
) -> None:
    """List the rule packs and their patterns, lexicons and tables."""
    from .report import print_packs

    print_packs(pack, patterns_dir)


@app.command(
    epilog="Examples:\n\n  de06 diff out-2023.jsonl out-2024.jsonl\n\n"
    "  de06 diff --by year all.jsonl --format markdown -o report.md\n\n"
    "  de06 diff old.jsonl new.jsonl --format jsonl --fail-on-change\n\n"
    "  de06 diff out-2023.jsonl out-2024.jsonl --stance result\n\n"
    "  de06 diff --timeline 'tỷ lệ hồ sơ trực tuyến toàn trình' out-2023.jsonl out-2024.jsonl\n\n"
    "Exit codes: 0 done (changes or not), 1 something changed and --fail-on-change was given, 2 usage or "
    "input error."
)
def diff(
    paths: Annotated[
        list[str],
        typer.Argument(
            help="OLD.jsonl NEW.jsonl written by `de06 extract`, or with --by / --timeline one or more files."
        ),
    ],
    by: Annotated[
        str | None,
        typer.Option(
            "--by", "--period", help="Split by `published` month|quarter|year; diff consecutive periods."
        ),
    ] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table | jsonl | markdown.")] = "table",
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Write here, not to stdout.")] = None,
    fail_on_change: Annotated[bool, typer.Option("--fail-on-change", help="Exit 1 on any change.")] = False,
    unchanged: Annotated[bool, typer.Option("--unchanged", help="List unchanged items too.")] = False,
    names: Annotated[str, typer.Option(help="Bucket names of OLD and NEW, e.g. 2023,2024.")] = "old,new",
    kinds: Annotated[
        str, typer.Option(help="Comma-separated kinds to compare.")
    ] = "document,person,ratio,percent,quantity,money",
    stance: Annotated[
        str | None,
        typer.Option(
            help="Compare only figures of these stances (comma-separated target,result,forecast,baseline,none)."
        ),
    ] = None,
    timeline_of: Annotated[
        str | None,
        typer.Option("--timeline", help="One subject's figures over all periods of the inputs, not a diff."),
    ] = None,
    patterns_dir: PatternsDir = None,
) -> None:
    """What changed between two extractions, or between periods of one (documents, people, indicators),
    and targets against results per subject and period."""
    import io

    from .diff import (
        ALIGNED_KINDS,
        STANCES,
        DiffInputError,
        SubjectNormalizer,
        diff_by_period,
        diff_files,
        load_articles,
        render_jsonl,
        render_markdown,
        render_table,
        render_timeline_markdown,
        render_timeline_table,
        timeline,
    )
    from .rulepacks import load_packs

    if fmt not in ("table", "jsonl", "markdown"):
        raise typer.BadParameter("must be table, jsonl or markdown", param_hint="--format")
    if by is not None and by not in ("month", "quarter", "year"):
        raise typer.BadParameter("must be month, quarter or year", param_hint="--by")
    wanted = [k.strip() for k in kinds.split(",") if k.strip()]
    if bad := [k for k in wanted if k not in ALIGNED_KINDS]:
        known = ", ".join(ALIGNED_KINDS)
        raise typer.BadParameter(f"unknown kind(s) {', '.join(bad)}; use {known}", param_hint="--kinds")
    stances = None if stance is None else [s.strip() for s in stance.split(",") if s.strip()]
    if stances is not None and (not stances or any(s not in STANCES for s in stances)):
        raise typer.BadParameter(f"use {', '.join(STANCES)} (comma-separated)", param_hint="--stance")
    if timeline_of is not None and by is not None:
        raise typer.BadParameter("--timeline reads all given files; leave out --by", param_hint="--timeline")
    if by is None and timeline_of is None and len(paths) != 2:
        raise typer.BadParameter("give OLD.jsonl NEW.jsonl, or --by PERIOD and files", param_hint="PATHS")
    try:
        loaded = [load_articles(p, sys.stdin.buffer) for p in paths]
    except DiffInputError as exc:
        typer.echo(f"de06 diff: {exc}", err=True)
        raise typer.Exit(2) from exc
    normalizer = SubjectNormalizer(load_packs(patterns_dir)["diff"])
    if timeline_of is not None:
        everything = [a for arts in loaded for a in arts]
        points = timeline(everything, timeline_of, normalizer=normalizer, kinds=wanted, stances=stances)
        if fmt == "table":
            buf = io.StringIO()
            render_timeline_table(timeline_of, points, buf if output else None)
            text = buf.getvalue()
        else:
            text = render_jsonl(points) if fmt == "jsonl" else render_timeline_markdown(timeline_of, points)
        _emit(output, fmt, text)
        raise typer.Exit(0)
    if by is None:
        pair_names = tuple(n.strip() for n in names.split(","))
        if len(pair_names) != 2 or not all(pair_names) or pair_names[0] == pair_names[1]:
            raise typer.BadParameter("two different names, comma-separated", param_hint="--names")
        report = diff_files(
            paths[0],
            paths[1],
            loaded[0],
            loaded[1],
            kinds=wanted,
            unchanged=unchanged,
            names=(pair_names[0], pair_names[1]),
            normalizer=normalizer,
            stances=stances,
        )
    else:
        everything = [a for arts in loaded for a in arts]
        report = diff_by_period(
            everything, by, kinds=wanted, unchanged=unchanged, normalizer=normalizer, stances=stances
        )
    if fmt == "table":
        buf = io.StringIO()
        render_table(report, buf if output else None)
        text = buf.getvalue()
    else:
        text = render_jsonl(report) if fmt == "jsonl" else render_markdown(report)
    _emit(output, fmt, text)
    raise typer.Exit(1 if fail_on_change and report.changed else 0)


def _emit(output: Path | None, fmt: str, text: str) -> None:
    """Write `text` to `output`, or to stdout unless a table was already printed there."""
    if output:
        output.write_text(text, encoding="utf-8")
    elif fmt != "table":
        sys.stdout.write(text)
        sys.stdout.flush()


def main() -> None:
    app()
