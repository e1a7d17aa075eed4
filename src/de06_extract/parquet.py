"""Articles as Arrow and Parquet: the schema generated from the output contract's JSON Schema.

`ARTICLE_SCHEMA` is derived from `Article.model_json_schema()`, never written by hand: a JSON
type becomes an Arrow type, an object a struct, an array a list, and the discriminated union of
facts one struct holding `kind`, the common fields and every kind's own fields (null where a kind
has none). A field name that two kinds give different types must be renamed in `RENAMED` (the
date's ISO `value` is the column `date`), or the schema refuses to build. Needs pyarrow (the
`parquet` or `spark` extra).
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import orjson
import pyarrow as pa
import pyarrow.parquet as pq

from .models import Article
from .sources import InputRef, RawArticle, ReadOptions, failed, mapped_record

RENAMED: dict[str, dict[str, str]] = {"date": {"value": "date"}}  # kind → {model field: column}
_SCALARS = {"string": pa.string(), "integer": pa.int64(), "number": pa.float64(), "boolean": pa.bool_()}
_RENAMED_BACK = {kind: {col: name for name, col in cols.items()} for kind, cols in RENAMED.items()}


def _arrow_type(node: dict[str, Any], defs: dict[str, Any]) -> pa.DataType:
    """The Arrow type of one JSON Schema node (nullability is left to the fields)."""
    if "$ref" in node:
        return _arrow_type(defs[node["$ref"].rsplit("/", 1)[1]], defs)
    if "oneOf" in node:
        return _union_struct([defs[ref["$ref"].rsplit("/", 1)[1]] for ref in node["oneOf"]], defs)
    if "anyOf" in node:
        types = {str(t): t for t in (_arrow_type(n, defs) for n in node["anyOf"] if n.get("type") != "null")}
        if len(types) != 1:
            raise TypeError(f"no single Arrow type for {node}")
        return next(iter(types.values()))
    kind: str = node["type"]
    if kind == "array":
        return pa.list_(_arrow_type(node["items"], defs))
    if kind == "object":
        return pa.struct([pa.field(k, _arrow_type(v, defs)) for k, v in node["properties"].items()])
    return _SCALARS[kind]


def _union_struct(models: list[dict[str, Any]], defs: dict[str, Any]) -> pa.StructType:
    """One struct for a discriminated union: `kind` first, then each field once, renamed per kind."""
    fields: dict[str, pa.DataType] = {"kind": pa.string()}
    for model in models:
        kind = model["properties"]["kind"]["const"]
        for name, node in model["properties"].items():
            column = RENAMED.get(kind, {}).get(name, name)
            typ = _arrow_type(node, defs)
            if fields.setdefault(column, typ) != typ:
                raise TypeError(
                    f"{kind}.{name}: {typ} but another kind has {fields[column]}; add it to RENAMED"
                )
    return pa.struct([pa.field(k, v) for k, v in fields.items()])


def _article_schema() -> pa.Schema:
    node = Article.model_json_schema(by_alias=True)
    struct = _arrow_type(node, node.get("$defs", {}))
    return pa.schema(list(struct))


ARTICLE_SCHEMA: pa.Schema = _article_schema()
FACT_TYPE: pa.StructType = ARTICLE_SCHEMA.field("facts").type.value_type


def article_row(article: Article) -> dict[str, Any]:
    """The article as a row of `ARTICLE_SCHEMA`."""
    return json_row(article.model_dump(mode="json", by_alias=True))


def json_row(record: dict[str, Any]) -> dict[str, Any]:
    """An article's JSON object (a JSONL line) as a row of `ARTICLE_SCHEMA`: facts' fields renamed."""
    for fact in record.get("facts") or []:
        for name, column in RENAMED.get(fact["kind"], {}).items():
            fact[column] = fact.pop(name)
    return record


def row_article(row: dict[str, Any]) -> Article:
    """A row of `ARTICLE_SCHEMA` back into a validated Article (the inverse of `article_row`);
    other columns (the partition columns of the Spark job) are left out."""
    from .models import FACT_MODELS

    facts = []
    for fact in row.get("facts") or []:
        kind = fact["kind"]
        back, away = _RENAMED_BACK.get(kind, {}), RENAMED.get(kind, {})
        names = FACT_MODELS[kind].model_fields
        facts.append(
            {back.get(k, k): v for k, v in fact.items() if k in back or (k in names and k not in away)}
        )
    return Article.model_validate({**{k: row[k] for k in ARTICLE_SCHEMA.names if k in row}, "facts": facts})


class ParquetSink:
    """`de06 extract -o out.parquet`: takes the JSON lines `LineWriter` writes, one row group per
    `batch` articles, into a temporary file beside `path`; `close` writes the rest and moves the
    file onto `path` (an interrupted run still ends with a valid file; a killed one leaves `path` as
    it was). `lock`, an fd holding the output's lock (`output.open_output`), is closed last."""

    def __init__(self, path: Path | str, batch: int = 1000, lock: int | None = None) -> None:
        self.path = Path(path)
        self.tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
        os.close(os.open(self.tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))  # the umask applies
        self.lock = lock
        self.writer = pq.ParquetWriter(str(self.tmp), ARTICLE_SCHEMA, compression="zstd")
        self.batch = batch
        self.rows: list[dict[str, Any]] = []

    def write(self, line: bytes) -> int:
        self.rows.append(json_row(orjson.loads(line)))
        if len(self.rows) >= self.batch:
            self._write_rows()
        return len(line)

    def flush(self) -> None:
        """Rows go out in whole row groups (LineWriter flushes after every line)."""

    def _write_rows(self) -> None:
        self.writer.write_batch(pa.RecordBatch.from_pylist(self.rows, schema=ARTICLE_SCHEMA))
        self.rows = []

    def close(self) -> None:
        try:
            if self.rows:
                self._write_rows()
            self.writer.close()
            os.replace(self.tmp, self.path)
        finally:
            self.tmp.unlink(missing_ok=True)
            if self.lock is not None:
                os.close(self.lock)
                self.lock = None


def read_article_rows(path: Path | str) -> Iterator[dict[str, Any]]:
    """Rows of a Parquet extraction (a file or a partitioned folder), batch by batch."""
    import pyarrow.dataset as ds

    dataset = ds.dataset(str(path), format="parquet", partitioning="hive")
    columns = [n for n in ARTICLE_SCHEMA.names if n in dataset.schema.names]
    for batch in dataset.to_batches(columns=columns):
        yield from batch.to_pylist()


META_COLUMNS = ("id", "published", "title")


def plain(value: object) -> object:
    """A Parquet cell as JSONL would hold it: dates and timestamps as ISO strings."""
    return value.isoformat() if isinstance(value, date | datetime) else value


def read_parquet(ref: InputRef, opts: ReadOptions) -> Iterator[RawArticle]:
    """One article per row of a Parquet file: the `opts.text_column` text, with id/published/title mapped
    as for JSONL; source `file.parquet#id` (`file.parquet#R<row>` when the row has no usable id)."""
    assert ref.path is not None
    try:
        parquet = pq.ParquetFile(ref.path)
    except (OSError, pa.ArrowException) as exc:
        yield failed(ref.source, "read_error", f"not a readable Parquet file: {exc}")
        return
    names = parquet.schema_arrow.names
    text_column = opts.text_column
    if text_column not in names:
        yield failed(ref.source, "bad_record", f"no column {text_column!r} (see --text-column)")
        return
    wanted = [text_column, *(c for c in META_COLUMNS if c in names and c != text_column)]
    n = 0
    try:
        for batch in parquet.iter_batches(columns=wanted):
            for row in batch.to_pylist():
                n += 1
                record = {k: plain(v) for k, v in row.items() if k != text_column}
                record["text"] = row[text_column]
                yield mapped_record(ref.source, f"{ref.source}#R{n}", f"row {n}", record, opts.max_bytes)
    except (OSError, pa.ArrowException) as exc:
        yield failed(f"{ref.source}#R{n + 1}", "read_error", f"Parquet: {exc}")
