"""The Spark job (`__main__` runs it): its session, its input, its two tables, its counts.

Reads a folder of text files (.txt/.md, decoded as `de06 extract` decodes them), JSONL or Parquet;
writes OUTPUT/articles and OUTPUT/facts as Parquet partitioned by the year and month of `published`:
`year=2024/month=06` (`undated` for articles without a date); the facts table, which has a `year`
column of its own (a document's), by `published_year`/`published_month`. A rerun overwrites only
the partitions it writes (dynamic partition overwrite), so it is idempotent. Prints the counts.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections import Counter
from pathlib import Path

import pyarrow as pa
from pyspark.sql import Column, DataFrame, Observation, SparkSession
from pyspark.sql import functions as F

from de06_extract.models import FACT_KINDS
from de06_extract.sources import discover
from de06_extract.spark.extract import (
    FACT_PARTITIONS,
    MONTH,
    UNDATED,
    YEAR,
    Columns,
    extract_articles,
    extract_facts,
    write_tables,
)
from de06_extract.spark.launch import ClassArchive, local_jvm, resolve_master

FORMATS = {".txt": "text", ".md": "text", ".jsonl": "jsonl", ".parquet": "parquet"}
TEXT = {suffix for suffix, fmt in FORMATS.items() if fmt == "text"}
BATCH, MIN_TASK = 500, 16  # rows per Arrow batch; the fewest files a task of local files reads
FILES_SCHEMA = pa.schema([("path", pa.string()), ("source", pa.string())])


def session(master: str | None, archive: ClassArchive | None = None) -> SparkSession:
    """The Spark session: `master` if given; under spark-submit its master, else local[*]; with a
    local master, the driver JVM maps (or writes) `archive`, unless it was started already (`launch`)."""
    builder = SparkSession.builder.appName("de06-extract")
    master = resolve_master(master)
    if master:
        builder = builder.master(master)
        options = local_jvm(master, archive)
        if options is not None:
            builder = builder.config("spark.ui.enabled", "false").config(
                "spark.driver.extraJavaOptions", options
            )
    spark = (
        builder.config("spark.sql.sources.partitionOverwriteMode", "dynamic")
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", str(BATCH))
        # a DataFrame made from Arrow (`local_files`) gets one partition per Arrow chunk, not a
        # local relation split in one part per core
        .config("spark.sql.execution.arrow.localRelationThreshold", "0")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.python.daemon.module", "de06_extract.spark.daemon")  # workers fork a warm pipeline
        .config("spark.sql.files.openCostInBytes", str(256 * 1024))  # ~500 small files per task, not 32
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("WARN")
    return spark


def guess_format(path: str) -> str:
    """text, jsonl or parquet from the suffixes of a local file or folder (the most frequent)."""
    p = Path(path)
    files = [p] if p.is_file() else (f for f in p.rglob("*") if f.is_file()) if p.is_dir() else []
    seen = Counter(FORMATS[f.suffix.lower()] for f in files if f.suffix.lower() in FORMATS)
    if not seen:
        raise SystemExit(f"{path}: no .txt, .md, .jsonl or .parquet files (or give --format)")
    return seen.most_common(1)[0][0]


def _root(spark: SparkSession, path: str) -> str:
    """The qualified URI of the input folder (of a file: of its folder), as Spark names its files."""
    jvm = spark.sparkContext._jvm
    assert jvm is not None
    hpath = jvm.org.apache.hadoop.fs.Path(path)
    fs = hpath.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration())
    qualified = fs.makeQualified(hpath)
    return str((qualified if fs.getFileStatus(qualified).isDirectory() else qualified.getParent()).toString())


def _relative(path: Column, root: str) -> Column:
    """A file's path relative to `root`, as `de06 extract` names the files of a folder."""
    return F.regexp_replace(path, "^" + "".join(c if c.isalnum() else "\\" + c for c in root) + "/", "")


def text_files(path: str) -> pa.Table:
    """The .txt/.md files of a local folder or file as `path` and `source` (named as `de06 extract`
    names them)."""
    refs = [ref for ref in discover([path]) if Path(ref.path or "").suffix.lower() in TEXT]
    return pa.table(
        {"path": [ref.path for ref in refs], "source": [ref.source for ref in refs]}, FILES_SCHEMA
    )


def local_files(spark: SparkSession, path: str, files: pa.Table | None = None) -> DataFrame:
    """The .txt/.md files of a local folder as rows of `path` and `source`: listed here (unless
    `files` is its `text_files` already), read by the Python workers in tasks that shrink toward the
    end of the list (`shrinking`), so that the cores finish together."""
    files = text_files(path) if files is None else files
    return spark.createDataFrame(shrinking(files, spark.sparkContext.defaultParallelism, BATCH))


def shrinking(table: pa.Table, slots: int, largest: int) -> pa.Table:
    """`table` in chunks of at most `largest` rows, each a share of the rows left for `slots` task
    slots (guided self-scheduling): Spark makes one task of each Arrow chunk, so the last tasks are
    small and no core waits long for the other's last task."""
    chunks, start = [], 0
    while start < table.num_rows:
        size = min(largest, max(MIN_TASK, -(-(table.num_rows - start) // (2 * slots))))
        chunks.append(table.slice(start, size))
        start += size
    return pa.concat_tables(chunks) if chunks else table


def read_input(
    spark: SparkSession, path: str, fmt: str, text_column: str, files: pa.Table | None = None
) -> DataFrame:
    """The input as rows of text (or bytes, or paths of local files in local mode), id, published,
    title and source."""
    if fmt == "text" and (spark.sparkContext.master or "").startswith("local") and os.path.exists(path):
        return local_files(spark, path, files)
    root = _root(spark, path)
    files = spark.read.option("recursiveFileLookup", "true")
    if fmt == "text":
        df = files.format("binaryFile").option("pathGlobFilter", "*.{txt,md,TXT,MD}").load(path)
        return df.select(F.col("content").alias("text"), _relative(F.col("path"), root).alias("source"))
    if fmt == "jsonl":
        schema = f"`{text_column}` string, id string, published string, title string"
        df = files.schema(schema).option("pathGlobFilter", "*.jsonl").json(path)
    else:
        df = files.option("pathGlobFilter", "*.parquet").parquet(path)
    uri = F.url_decode(F.regexp_replace("_metadata.file_path", r"\+", "%2B"))  # a URI: "a%20b.jsonl"
    where = _relative(uri, root)
    source = F.concat_ws("#", where, F.col("id").cast("string")) if "id" in df.columns else where
    return df.withColumn("source", source)


def partitioned(df: DataFrame, names: tuple[str, str] = ("year", "month")) -> DataFrame:
    """Year and month columns (`names`) from `published` (`undated` when it does not start with
    them), as `de06_extract.spark.partition_of` gives them."""
    published = F.coalesce(F.col("published"), F.lit(""))
    year = F.regexp_extract(published, YEAR, 1)
    month = F.regexp_extract(published, MONTH, 1)
    return df.withColumns(
        {
            names[0]: F.when(year == "", F.lit(UNDATED)).otherwise(year),
            names[1]: F.when(month == "", F.lit(UNDATED)).otherwise(month),
        }
    )


def run(
    spark: SparkSession, source: str, output: str, fmt: str, text_column: str, files: pa.Table | None = None
) -> dict[str, object]:
    """Extract `source` into `output`/articles and `output`/facts; returns the counts. `files`: the
    `text_files` of a local `source`, if listed already.

    The extraction runs once. With a local master and a local OUTPUT the Python workers write both
    tables (`write_tables`) into a staging folder, and the driver moves the partitions written into
    place; the counts are theirs. Otherwise Spark writes the articles, counted as they are written
    (no extra pass), and the partitions just written are read back (without their text) for a second
    job, the facts.
    """
    inputs = read_input(spark, source, fmt, text_column, files)
    if (spark.sparkContext.master or "").startswith("local") and "://" not in output:
        return _run_local(inputs, Path(output), Columns(text=text_column))
    articles = partitioned(extract_articles(inputs, Columns(text=text_column)))
    seen = Observation("articles")
    articles = articles.observe(
        seen,
        F.count(F.lit(1)).alias("articles"),
        F.sum((F.size("errors") > 0).cast("int")).alias("failed"),
        F.sum(F.size("warnings")).alias("warnings"),
        F.collect_set(F.struct("year", "month")).alias("written"),
        *(_facts_of(kind) for kind in FACT_KINDS),
    )
    articles.write.mode("overwrite").partitionBy("year", "month").parquet(f"{output}/articles")
    totals = seen.get
    written = sorted(totals.pop("written"))
    if written:
        paths = [f"{output}/articles/year={year}/month={month}" for year, month in written]
        back = spark.read.option("basePath", f"{output}/articles").parquet(*paths)
        facts = partitioned(extract_facts(back), FACT_PARTITIONS)
        facts.write.mode("overwrite").partitionBy(*FACT_PARTITIONS).parquet(f"{output}/facts")
    return _counts(totals, written)


def _run_local(inputs: DataFrame, output: Path, columns: Columns) -> dict[str, object]:
    staging = output.absolute() / f".staging-{uuid.uuid4().hex}"
    try:
        rows = write_tables(inputs, str(staging), columns).toArrow().to_pylist()
        written = sorted({(row.pop("year"), row.pop("month")) for row in rows})
        publish(output / "articles", staging / "articles", ("year", "month"), written)
        publish(output / "facts", staging / "facts", FACT_PARTITIONS, written)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    totals: Counter[str] = Counter()
    for row in rows:
        totals.update(row)
    return _counts(dict(totals), written)


def _counts(totals: dict[str, int | None], written: list[tuple[str, str]]) -> dict[str, object]:
    """The counts printed at the end, from the totals of articles, failed, warnings and facts per kind."""
    counts: dict[str, object] = {k: totals.pop(k) or 0 for k in ("articles", "failed", "warnings")}
    counts["partitions"] = len(written)
    counts["facts"] = {kind: n for kind, n in sorted(totals.items()) if n}
    return counts


def _facts_of(kind: str) -> Column:
    """The number of facts of `kind` in the articles."""

    def of_kind(fact: Column) -> Column:
        return fact["kind"] == kind

    return F.sum(F.size(F.filter("facts", of_kind))).alias(kind)


def publish(table: Path, staging: Path, names: tuple[str, str], written: list[tuple[str, str]]) -> None:
    """Replace every partition of `table` this run wrote (named `names`) by what the workers staged:
    the dynamic partition overwrite of Spark's writer."""
    year, month = names
    table.mkdir(parents=True, exist_ok=True)
    for y, m in written:
        shutil.rmtree(table / f"{year}={y}" / f"{month}={m}", ignore_errors=True)
    for part in sorted(staging.glob(f"{year}=*/{month}=*")):
        target = table / part.relative_to(staging)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(part, target)
    (table / "_SUCCESS").touch()


def stop(spark: SparkSession) -> None:
    """`spark.stop()` for a process about to end: without stopping the accumulator server, whose
    poll loop takes up to 0.5 s to notice (its daemon thread ends with the process)."""
    spark.sparkContext._accumulatorServer = None  # type: ignore[assignment]
    spark.stop()
