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
from .parquet import FACT_TYPE, article_row, read_article_rows

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


def fact_rows(row: dict[str, Any]) -> list[dict[str, Any]]:
    """The facts of one article row (of `parquet.ARTICLE_SCHEMA`) as rows of `FACTS_SCHEMA`."""
    head = {col: row.get(field) for col, field in ARTICLE_COLUMNS}
    out: list[dict[str, Any]] = []
    range_start: dict[str, Any] | None = None
    for fact in row.get("facts") or []:
        out.append({**head, **fact})
        if fact["kind"] != "date":
            continue
        current = out[-1]
        current["date_start"], current["date_end"] = date_span(fact.get("date"))
        if fact.get("range") == "start":
            range_start = current
        elif fact.get("range") == "end" and range_start is not None:
            range_start["date_end"] = current["date_end"]
            current["date_start"] = range_start["date_start"]
            range_start = None
    return out


def facts_batch(rows: Iterable[dict[str, Any]]) -> pa.RecordBatch:
    """Article rows → one batch of the facts table."""
    return pa.RecordBatch.from_pylist([f for r in rows for f in fact_rows(r)], schema=FACTS_SCHEMA)


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


def _csv_ready(batch: pa.RecordBatch) -> pa.RecordBatch:
    """Lists joined with "; ", so that any spreadsheet reads the CSV."""
    columns = [pc.binary_join(col, "; ") if pa.types.is_list(col.type) else col for col in batch.columns]
    return pa.RecordBatch.from_arrays(columns, schema=CSV_SCHEMA)


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
                total += _write(writer, facts_batch(pending), csv)
                pending.clear()
        total += _write(writer, facts_batch(pending), csv)
    finally:
        writer.close()
    return total


def _write(writer: Any, batch: pa.RecordBatch, csv: bool) -> int:
    writer.write_batch(_csv_ready(batch) if csv else batch)
    return int(batch.num_rows)
