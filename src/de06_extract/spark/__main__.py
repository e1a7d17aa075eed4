"""The Spark job: `python -m de06_extract.spark INPUT OUTPUT [--master local[*]]` (or spark-submit).

Reads a folder of text files (.txt/.md, decoded as `de06 extract` decodes them), JSONL or Parquet;
writes OUTPUT/articles and OUTPUT/facts as Parquet partitioned by the year and month of `published`:
`year=2024/month=06` (`undated` for articles without a date); the facts table, which has a `year`
column of its own (a document's), by `published_year`/`published_month`. A rerun overwrites only
the partitions it writes (dynamic partition overwrite), so it is idempotent. Prints the counts.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import sys
import time
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyspark
from pyspark import SparkContext
from pyspark.sql import Column, DataFrame, Observation, SparkSession
from pyspark.sql import functions as F

from de06_extract.models import FACT_KINDS
from de06_extract.sources import discover
from de06_extract.spark import (
    FACT_PARTITIONS,
    MONTH,
    UNDATED,
    YEAR,
    Columns,
    extract_articles,
    extract_facts,
)

FORMATS = {".txt": "text", ".md": "text", ".jsonl": "jsonl", ".parquet": "parquet"}
TEXT = {suffix for suffix, fmt in FORMATS.items() if fmt == "text"}
FILES_SCHEMA = pa.schema([("path", pa.string()), ("source", pa.string())])
# on one machine the JVM's JIT and GC threads take CPU from the Python workers doing the work
LOCAL_JVM_OPTIONS = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"
DEFAULT_CLASS_CACHE = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "de06-extract"


@dataclass
class ClassArchive:
    """The driver JVM's class-data archive (CDS) for a local master, in a cache folder.

    Loading and verifying Spark's classes is most of the JVM's start (and of its first queries):
    a run without the archive writes it as its JVM exits (`-XX:ArchiveClassesAtExit`), the next
    runs map it (`-XX:SharedArchiveFile`). Its name is keyed by pyspark and the Java binary; a JVM
    that finds it stale ignores it (`-Xshare:auto`, the default)."""

    path: Path
    writing: bool = False  # this run's JVM writes the archive as it exits

    @classmethod
    def in_folder(cls, folder: Path) -> ClassArchive:
        home = os.environ.get("JAVA_HOME")
        java = os.path.realpath(os.path.join(home, "bin", "java") if home else shutil.which("java") or "java")
        stamp = os.stat(java).st_mtime if os.path.exists(java) else 0
        key = hashlib.sha1(f"{pyspark.__file__}|{pyspark.__version__}|{java}|{stamp}".encode()).hexdigest()
        return cls(folder / f"spark-{pyspark.__version__}-{key[:12]}.jsa")

    @property
    def partial(self) -> Path:
        return self.path.with_name(f"{self.path.name}.{os.getpid()}.part")

    def jvm_options(self) -> str:
        quiet = "-Xlog:cds=off -Xlog:cds+dynamic=off"  # stale archive, classes it cannot hold
        if self.path.is_file():
            return f"-XX:SharedArchiveFile={self.path} {quiet}"
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError:
            return ""
        self.writing = True
        return f"-XX:ArchiveClassesAtExit={self.partial} {quiet}"

    def publish(self) -> None:
        """After `spark.stop()`: if this run writes the archive, end the JVM (it writes the archive
        as it exits) and move the archive in place."""
        proc = getattr(SparkContext._gateway, "proc", None)
        if not self.writing or proc is None:
            return
        proc.stdin.close()  # the gateway exits when its stdin closes
        proc.wait(timeout=120)
        if self.partial.is_file() and self.partial.stat().st_size:
            os.replace(self.partial, self.path)


def session(master: str | None, archive: ClassArchive | None = None) -> SparkSession:
    """The Spark session: `master` if given; under spark-submit its master, else local[*]; with a
    local master, the driver JVM maps (or writes) `archive`."""
    builder = SparkSession.builder.appName("de06-extract")
    if master or "SPARK_ENV_LOADED" not in os.environ:
        master = master or "local[*]"
        builder = builder.master(master)
        if master.startswith("local"):  # the workers are this interpreter, with de06 installed
            os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
            options = f"{LOCAL_JVM_OPTIONS} {archive.jvm_options() if archive else ''}".strip()
            builder = builder.config("spark.ui.enabled", "false").config(
                "spark.driver.extraJavaOptions", options
            )
    spark = (
        builder.config("spark.sql.sources.partitionOverwriteMode", "dynamic")
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", "500")
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
    `files` is its `text_files` already), read by the Python workers, one task per core."""
    return spark.createDataFrame(text_files(path) if files is None else files)


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

    The extraction runs once. With a local master and a local OUTPUT, one Spark job: the workers
    write the facts of their articles beside the articles Spark writes, into a staging folder the
    driver then moves into place. Otherwise the partitions just written are read back (without their
    text) for a second job, the facts. The counts are observed while writing, no extra pass.
    """
    local = (spark.sparkContext.master or "").startswith("local") and "://" not in output
    staging = os.path.abspath(f"{output}/facts/.staging-{uuid.uuid4().hex}") if local else None
    articles = partitioned(
        extract_articles(
            read_input(spark, source, fmt, text_column, files), Columns(text=text_column), staging
        )
    )
    seen = Observation("articles")
    articles = articles.observe(
        seen,
        F.count(F.lit(1)).alias("articles"),
        F.sum((F.size("errors") > 0).cast("int")).alias("failed"),
        F.sum(F.size("warnings")).alias("warnings"),
        F.collect_set(F.struct("year", "month")).alias("written"),
        *(_facts_of(kind) for kind in FACT_KINDS),
    )
    try:
        articles.write.mode("overwrite").partitionBy("year", "month").parquet(f"{output}/articles")
        totals = seen.get
        written = sorted(totals.pop("written"))
        if staging is not None:
            publish_facts(Path(output, "facts"), Path(staging), written)
    finally:
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)
    counts: dict[str, object] = {k: totals.pop(k) or 0 for k in ("articles", "failed", "warnings")}
    counts["partitions"] = len(written)
    counts["facts"] = {kind: n for kind, n in sorted(totals.items()) if n}
    if written and staging is None:
        paths = [f"{output}/articles/year={year}/month={month}" for year, month in written]
        back = spark.read.option("basePath", f"{output}/articles").parquet(*paths)
        facts = partitioned(extract_facts(back), FACT_PARTITIONS)
        facts.write.mode("overwrite").partitionBy(*FACT_PARTITIONS).parquet(f"{output}/facts")
    return counts


def _facts_of(kind: str) -> Column:
    """The number of facts of `kind` in the articles."""

    def of_kind(fact: Column) -> Column:
        return fact["kind"] == kind

    return F.sum(F.size(F.filter("facts", of_kind))).alias(kind)


def publish_facts(facts: Path, staging: Path, written: list[tuple[str, str]]) -> None:
    """Replace the facts of every partition this run wrote by what the workers staged."""
    year, month = FACT_PARTITIONS
    facts.mkdir(parents=True, exist_ok=True)
    for y, m in written:
        shutil.rmtree(facts / f"{year}={y}" / f"{month}={m}", ignore_errors=True)
    for part in sorted(staging.glob(f"{year}=*/{month}=*")):
        target = facts / part.relative_to(staging)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(part, target)
    (facts / "_SUCCESS").touch()


def stop(spark: SparkSession) -> None:
    """`spark.stop()` for a process about to end: without stopping the accumulator server, whose
    poll loop takes up to 0.5 s to notice (its daemon thread ends with the process)."""
    spark.sparkContext._accumulatorServer = None  # type: ignore[assignment]
    spark.stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m de06_extract.spark", description=__doc__.split("\n")[0])
    parser.add_argument("input", help="A folder (or file) of .txt/.md, .jsonl or .parquet; any Spark path.")
    parser.add_argument("output", help="Where articles/ and facts/ go (Parquet, by year/month).")
    parser.add_argument("--master", help="Spark master (default: spark-submit's, else local[*]).")
    parser.add_argument("--format", choices=["auto", "text", "jsonl", "parquet"], default="auto")
    parser.add_argument("--text-column", default="text", help="The text column of JSONL/Parquet inputs.")
    parser.add_argument(
        "--class-cache",
        type=Path,
        default=DEFAULT_CLASS_CACHE,
        help="Local master: where the driver JVM's class-data archive is kept (default %(default)s).",
    )
    parser.add_argument("--no-class-cache", action="store_true", help="Start the JVM without that archive.")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    archive = None if args.no_class_cache else ClassArchive.in_folder(args.class_cache)
    with ThreadPoolExecutor(1) as pool:  # the JVM starts while the input is looked at and listed
        starting = pool.submit(session, args.master, archive)
        fmt = guess_format(args.input) if args.format == "auto" else args.format
        files = text_files(args.input) if fmt == "text" and os.path.exists(args.input) else None
        spark = starting.result()
    try:
        counts = run(spark, args.input, args.output, fmt, args.text_column, files)
    finally:
        stop(spark)
        if archive is not None:
            archive.publish()
    facts = counts.pop("facts")
    assert isinstance(facts, dict)
    print(f"de06 spark: {args.input} ({fmt}) → {args.output} in {time.perf_counter() - started:.1f} s")
    print("  " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    print(f"  facts {sum(facts.values())}: " + ", ".join(f"{k} {v}" for k, v in facts.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
