"""Command line: `de06 extract | schema | eval | patterns`."""

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


@app.command(
    epilog="Examples:\n\n  de06 extract samples -o out.jsonl\n\n  de06 extract article.txt | jq '.facts[]'\n\n"
    "  cat article.txt | de06 extract -\n\nExit codes: 0 all inputs fine, 1 some inputs failed (each has an "
    "error record in the output), 2 usage error."
)
def extract(
    paths: Annotated[list[str], typer.Argument(help="Files, folders (recursive) or - for stdin.")],
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Write JSONL here instead of stdout.")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or summary table.")] = False,
) -> None:
    """Extract facts from articles; one JSON line per article."""
    from .batch import extract_refs
    from .output import write_article
    from .report import Summary
    from .sources import Discovery, discover

    found = Discovery()
    refs = list(discover(paths, found))
    summary = Summary(skipped=found.skipped)
    out = open(output, "wb") if output else sys.stdout.buffer  # noqa: SIM115
    try:
        with summary.progress(total=len(refs), enabled=not quiet) as advance:
            for article in extract_refs(refs):
                write_article(out, article)
                summary.add(article)
                advance()
    finally:
        if output:
            out.close()
    if not quiet:
        summary.print_table()
    raise typer.Exit(1 if summary.failed else 0)


@app.command()
def schema() -> None:
    """Print the JSON Schema of an output line."""
    import json

    from .models import Article

    typer.echo(json.dumps(Article.model_json_schema(by_alias=True), ensure_ascii=False, indent=2))


@app.command("eval")
def eval_(
    gold: Annotated[Path, typer.Argument(help="Gold: a folder of *.gold.toml beside their articles, or one file.")],
    extraction: Annotated[Path, typer.Argument(help="JSONL written by `de06 extract`.")],
    zones: Annotated[str, typer.Option(help="Comma-separated zones to score.")] = "title,body,meta,related",
    json_out: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
) -> None:
    """Precision, recall and F1 per kind against a gold annotation (span overlap + value match)."""
    from .evaluate import load_extraction, load_gold, print_scores, score

    result = score(load_gold(gold), load_extraction(extraction), set(zones.split(",")))
    if json_out:
        import json

        typer.echo(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
    else:
        print_scores(result)


@app.command()
def patterns(
    pack: Annotated[str | None, typer.Argument(help="Show this pack's entries in full.")] = None,
) -> None:
    """List the rule packs and their patterns, lexicons and tables."""
    from .report import print_packs

    print_packs(pack)


def main() -> None:
    app()
