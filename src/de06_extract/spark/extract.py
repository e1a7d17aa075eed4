"""The Spark maps: a DataFrame of articles in, DataFrames of articles and of facts out.

All are `mapInArrow` maps: Arrow batches go to the Python workers, each of which builds the
pipeline once (`get_pipeline`) and keeps it while Spark reuses the worker; nothing is collected to
the driver (`write_tables` returns only counts). The Spark schemas are converted from
`parquet.ARTICLE_SCHEMA` and `table.FACTS_SCHEMA`, themselves generated from the pydantic models.
A row that cannot be read or processed becomes an article with an error record, as in
`de06 extract`; the job never fails for one row.
"""

from __future__ import annotations

import gc
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import cache, partial
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
from pyspark import TaskContext
from pyspark.sql import DataFrame
from pyspark.sql import functions as F
from pyspark.sql.pandas.types import from_arrow_schema
from pyspark.sql.types import StructType

from ..batch import failed_id, process_raw, warm_up
from ..models import FACT_KINDS, Article, ErrorRecord
from ..parquet import ARTICLE_SCHEMA, article_row
from ..pipeline import content_id
from ..sources import InputRef, RawArticle, decode_raw, mapped_record, read
from ..table import ARTICLE_COLUMNS, FACTS_SCHEMA, facts_table

ARTICLES_SPARK_SCHEMA: StructType = from_arrow_schema(ARTICLE_SCHEMA)
FACTS_SPARK_SCHEMA: StructType = from_arrow_schema(FACTS_SCHEMA)
# what `write_tables` returns: per batch and partition, the articles, those failed, their warnings
# and their facts per kind
COUNTS_SCHEMA = pa.schema(
    [("year", pa.string()), ("month", pa.string())]
    + [(name, pa.int64()) for name in ("articles", "failed", "warnings", *FACT_KINDS)]
)
COUNTS_SPARK_SCHEMA: StructType = from_arrow_schema(COUNTS_SCHEMA)
_ROLES = ("text", "html", "path", "id", "published", "title", "source")
_FACT_SOURCES = [*(field for _, field in ARTICLE_COLUMNS), "facts"]  # what `facts_table` reads of an article
# the job's partitions: year and month at the start of `published` (in Spark and in Python), else undated
YEAR, MONTH, UNDATED = r"^(\d{4})", r"^\d{4}-(\d{2})", "undated"
# the facts table's partition columns (it has a `year` column: a document's)
FACT_PARTITIONS = ("published_year", "published_month")


@dataclass(frozen=True)
class Columns:
    """Which input columns hold what; a column that is absent is simply not used (but `text`).

    `text` may be a string column or a binary one (raw bytes, decoded as `de06 extract` decodes
    files); a row whose `text` is null and whose `html` holds a page is read as HTML (docs/html.md);
    a row with neither but a `path` (of a file the workers can open) is that file, read as
    `de06 extract` reads it.
    """

    text: str = "text"
    html: str = "html"
    path: str = "path"
    id: str = "id"
    published: str = "published"
    title: str = "title"
    source: str = "source"


def _inputs(df: DataFrame, columns: Columns) -> DataFrame:
    """The input columns `process_row` reads, named by their roles."""
    if not {columns.text, columns.html, columns.path} & set(df.columns):
        raise ValueError(f"no column {columns.text!r}, {columns.html!r} or {columns.path!r} in {df.columns}")
    picked = []
    for role in _ROLES:
        name = getattr(columns, role)
        if name in df.columns:
            col = F.col(f"`{name}`")
            picked.append((col if role == "text" else col.cast("string")).alias(role))
    return df.select(*picked)


def extract_articles(df: DataFrame, columns: Columns = Columns()) -> DataFrame:
    """Articles with the JSONL contract's fields; `facts` an array of the generated fact struct."""
    return _inputs(df, columns).mapInArrow(_extract_batches, ARTICLES_SPARK_SCHEMA)


def write_tables(df: DataFrame, folder: str, columns: Columns = Columns()) -> DataFrame:
    """Extract and write, in the workers: each writes the articles and the facts table of its
    batches as Parquet under `folder` (a path every worker can write, e.g. with a local master),
    in `articles/year=…/month=…` and `facts/published_year=…/published_month=…`. The rows it
    returns are counts (`COUNTS_SCHEMA`), one per batch and partition."""
    return _inputs(df, columns).mapInArrow(partial(_written_batches, folder=folder), COUNTS_SPARK_SCHEMA)


def extract_facts(articles: DataFrame) -> DataFrame:
    """One row per fact of an `extract_articles` DataFrame (or of its Parquet read back)."""
    return articles.select(*_FACT_SOURCES).mapInArrow(_fact_batches, FACTS_SPARK_SCHEMA)


def row_raws(row: dict[str, Any]) -> Iterator[RawArticle]:
    """One input row → its raw article (a `path` to a JSONL file: its records), named by its
    `source`, else its `id`, else its path, else its text's hash."""
    text, path = row.get("text"), row.get("path")
    name = row.get("source") or row.get("id") or path
    if not name:
        name = content_id(text) if isinstance(text, str) else "row"
    if isinstance(text, bytes | bytearray):
        yield replace(decode_raw(name, bytes(text)), published=row.get("published"), title=row.get("title"))
    elif text is None and row.get("html") is None and path:
        yield from read(InputRef(name, path))
    else:
        yield mapped_record(
            name, name, name, {k: v for k, v in row.items() if k not in ("id", "source", "path")}
        )


def process_row(row: dict[str, Any]) -> Iterator[Article]:
    """One input row → its Articles; whatever goes wrong becomes an error record."""
    try:
        for raw in row_raws(row):
            yield process_raw(raw)
    except Exception as exc:
        name = str(row.get("source") or row.get("id") or row.get("path") or "row")
        error = ErrorRecord(code="internal_error", message=f"{type(exc).__name__}: {exc}")
        yield Article(id=failed_id(name), source=name, errors=[error])


@cache
def _warm_worker() -> None:
    """Once per Python worker (Spark reuses them): build the pipeline, load the tagger models, then
    keep the collector off all of it, as `de06 extract -j N` does (else each full collection walks it)."""
    warm_up()
    gc.freeze()


def partition_of(published: str | None) -> tuple[str, str]:
    """The (year, month) partition of an article published then."""
    year, month = re.match(YEAR, published or "", re.ASCII), re.match(MONTH, published or "", re.ASCII)
    return (year[1] if year else UNDATED, month[1] if month else UNDATED)


def _by_partition(rows: list[dict[str, Any]]) -> dict[tuple[str, str], list[dict[str, Any]]]:
    by_partition: defaultdict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        by_partition[partition_of(row.get("published"))].append(row)
    return by_partition


def _article_rows(batch: pa.RecordBatch) -> list[dict[str, Any]]:
    return [article_row(article) for row in batch.to_pylist() for article in process_row(row)]


def _extract_batches(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    _warm_worker()
    for batch in batches:
        yield pa.RecordBatch.from_pylist(_article_rows(batch), schema=ARTICLE_SCHEMA)


def _write(table: pa.Table, folder: Path, name: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    pq.write_table(table, folder / name)


def _written_batches(batches: Iterator[pa.RecordBatch], folder: str) -> Iterator[pa.RecordBatch]:
    _warm_worker()
    task = TaskContext.get()
    year, month = FACT_PARTITIONS
    for n, batch in enumerate(batches):
        name = f"part-{task.partitionId() if task else 0:05d}-{n:05d}.parquet"  # a retried task rewrites it
        counts = []
        for (y, m), rows in _by_partition(_article_rows(batch)).items():
            articles = pa.Table.from_pylist(rows, schema=ARTICLE_SCHEMA)
            _write(articles, Path(folder, "articles", f"year={y}", f"month={m}"), name)
            facts = facts_table(articles)
            if facts.num_rows:
                _write(facts, Path(folder, "facts", f"{year}={y}", f"{month}={m}"), name)
            kinds = Counter(fact["kind"] for row in rows for fact in row["facts"])
            counts.append(
                {
                    "year": y,
                    "month": m,
                    "articles": len(rows),
                    "failed": sum(1 for row in rows if row["errors"]),
                    "warnings": sum(len(row["warnings"]) for row in rows),
                    **{kind: kinds[kind] for kind in FACT_KINDS},
                }
            )
        yield pa.RecordBatch.from_pylist(counts, schema=COUNTS_SCHEMA)


def _fact_batches(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    for batch in batches:
        yield from facts_table(pa.Table.from_batches([batch])).to_batches()
