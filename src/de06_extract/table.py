"""The facts table: one row per fact with its article's id, source, published and title (`de06 table`).

Columns: `article_id`, `source`, `published`, `title`, then the fact struct of `parquet.FACT_TYPE`
flattened (kind, text, start, end, zone, sentence, score, rule and every kind's own fields, the
date's ISO value as `date`), then `date_start`/`date_end`: the days a date fact covers at its grain
(2024-Q3 → 2024-07-01..2024-09-30); a range's start and end facts both get the whole range. Written
as Parquet or CSV by pyarrow (lists joined with "; " in CSV).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import orjson
import pyarrow as pa
import pyarrow.compute as pc

from .models import Article
from .parquet import ARTICLE_SCHEMA, FACT_TYPE, article_row, read_article_rows

ARTICLE_COLUMNS = [("article_id", "id"), ("source", "source"), ("published", "published"), ("title", "title")]
FACTS_SCHEMA: pa.Schema = pa.schema(
    [pa.field(col, pa.string()) for col, _ in ARTICLE_COLUMNS]
    + list(FACT_TYPE)
    + [pa.field("date_start", pa.date32()), pa.field("date_end", pa.date32())]
)
_ISO = re.compile(r"(\d{4})(?:-Q([1-4])|-(\d{2})(?:-(\d{2}))?)?(?:T.*)?")


def date_span(value: str | None) -> tuple[date | None, date | None]:
    """First and last day of an ISO value at its grain; (None, None) without a year (`--06-01`)."""
    m = _ISO.fullmatch(value or "")
    if not m:
        return None, None
    year = int(m[1])
    try:
        if m[2]:
            first = 3 * int(m[2]) - 2
            return date(year, first, 1), date(year, first + 2, calendar.monthrange(year, first + 2)[1])
        if m[4]:
            day = date(year, int(m[3]), int(m[4]))
            return day, day
        if m[3]:
            month = int(m[3])
            return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    except ValueError:
        return None, None
    return date(year, 1, 1), date(year, 12, 31)


def facts_table(articles: pa.Table) -> pa.Table:
    """The facts table of articles (`parquet.ARTICLE_SCHEMA`, or its `id`, `source`, `published`,
    `title` and `facts` columns): the nested facts flattened with Arrow, each with its article's
    columns, and the days each date fact covers (a range's start and end both get the whole range)."""
    nested = articles.column("facts").combine_chunks()
    parents = pc.list_parent_indices(nested)
    facts = pc.list_flatten(nested)
    columns = [articles.column(field).take(parents) for _, field in ARTICLE_COLUMNS]
    columns += facts.flatten() if len(facts) else [pa.array([], f.type) for f in FACT_TYPE]
    spans = _date_spans(
        parents.to_pylist(),
        facts.field("kind").to_pylist(),
        facts.field("date").to_pylist(),
        facts.field("range").to_pylist(),
    )
    columns += [
        pa.array([first for first, _ in spans], pa.date32()),
        pa.array([last for _, last in spans], pa.date32()),
    ]
    return pa.Table.from_arrays(columns, schema=FACTS_SCHEMA)


def _date_spans(
    parents: list[int], kinds: list[str], values: list[str | None], ranges: list[str | None]
) -> list[tuple[date | None, date | None]]:
    """`date_span` of every date fact (None for the others), a range's start and end given the whole range."""
    spans: list[tuple[date | None, date | None]] = []
    start: int | None = None  # the index of an open range's start fact, in the same article
    for i, (parent, kind, value, side) in enumerate(zip(parents, kinds, values, ranges, strict=True)):
        if start is not None and parents[start] != parent:
            start = None
        if kind != "date":
            spans.append((None, None))
            continue
        spans.append(date_span(value))
        if side == "start":
            start = i
        elif side == "end" and start is not None:
            spans[start], spans[i] = (spans[start][0], spans[i][1]), (spans[start][0], spans[i][1])
            start = None
    return spans


def rows_facts_table(rows: Iterable[dict[str, Any]]) -> pa.Table:
    """Article rows (of `parquet.ARTICLE_SCHEMA`) → their facts table."""
    return facts_table(pa.Table.from_pylist(list(rows), schema=ARTICLE_SCHEMA))


def extraction_rows(path: Path) -> Iterator[dict[str, Any]]:
    """Article rows of an extraction: a `de06 extract` JSONL file, or a Parquet file or folder."""
    if path.is_dir() or path.suffix.lower() == ".parquet":
        yield from read_article_rows(path)
        return
    with open(path, "rb") as fh:
        for line in fh:
            if line.strip():
                yield article_row(Article.model_validate(orjson.loads(line)))


CSV_SCHEMA: pa.Schema = pa.schema(
    [pa.field(f.name, pa.string()) if pa.types.is_list(f.type) else f for f in FACTS_SCHEMA]
)


def _csv_ready(table: pa.Table) -> pa.Table:
    """Lists joined with "; ", so that any spreadsheet reads the CSV."""
    columns = [pc.binary_join(col, "; ") if pa.types.is_list(col.type) else col for col in table.columns]
    return pa.Table.from_arrays(columns, schema=CSV_SCHEMA)


def write_table(rows: Iterable[dict[str, Any]], out: Path, batch: int = 1000) -> int:
    """Write the facts table of `rows` to `out` (.csv: CSV, else Parquet); returns the number of facts."""
    import pyarrow.csv as pacsv
    import pyarrow.parquet as pq

    csv = out.suffix.lower() == ".csv"
    writer = pacsv.CSVWriter(str(out), CSV_SCHEMA) if csv else pq.ParquetWriter(str(out), FACTS_SCHEMA)
    total = 0
    pending: list[dict[str, Any]] = []
    try:
        for row in rows:
            pending.append(row)
            if len(pending) >= batch:
                total += _write(writer, rows_facts_table(pending), csv)
                pending.clear()
        total += _write(writer, rows_facts_table(pending), csv)
    finally:
        writer.close()
    return total


def _write(writer: Any, table: pa.Table, csv: bool) -> int:
    writer.write_table(_csv_ready(table) if csv else table)
    return int(table.num_rows)
