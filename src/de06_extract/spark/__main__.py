"""The Spark job: `python -m de06_extract.spark INPUT OUTPUT [--master local[*]]` (or spark-submit).

Reads a folder of text files (.txt/.md, decoded as `de06 extract` decodes them), JSONL or Parquet;
writes OUTPUT/articles and OUTPUT/facts as Parquet partitioned by `year`/`month` of `published`
(`year=undated/month=undated` for articles without a date). A rerun overwrites only the partitions
it writes (dynamic partition overwrite), so it is idempotent. Prints the counts at the end.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import os
import shutil
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from pyspark import SparkContext
from pyspark.sql import Column, DataFrame, Observation, SparkSession
from pyspark.sql import functions as F

from de06_extract.models import FACT_KINDS
from de06_extract.spark import Columns, extract_articles, extract_facts

FORMATS = {".txt": "text", ".md": "text", ".jsonl": "jsonl", ".parquet": "parquet"}
UNDATED = "undated"
# on one machine the JVM's JIT and GC threads take CPU from the Python workers doing the work
LOCAL_JVM_OPTIONS = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"


def class_archive() -> Path | None:
    """Where the local driver JVM keeps its class-data archive (AppCDS): the classes it loaded,
    parsed and verified, which halves the JVM's start-up. One per pyspark and java install; None
    without a usable path (the JVM options cannot quote spaces)."""
    import pyspark

    java = (
        os.path.join(os.environ["JAVA_HOME"], "bin", "java")
        if "JAVA_HOME" in os.environ
        else shutil.which("java")
    )
    if java is None or not os.path.exists(java):
        return None
    real = os.path.realpath(java)
    key = f"{pyspark.__version__} {pyspark.__file__} {real} {os.stat(real).st_mtime_ns}"
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "de06-extract"
    archive = cache / f"spark-{hashlib.sha1(key.encode()).hexdigest()[:16]}.jsa"
    return None if any(c.isspace() or c in "'\"" for c in str(archive)) else archive


def _archive_options() -> list[str]:
    """Use the class-data archive if there is one; else have the JVM write it as it exits, to a
    name of its own that `save_archive` moves into place."""
    global _writing
    archive = class_archive()
    if archive is None:
        return []
    if archive.exists():
        return [f"-XX:SharedArchiveFile={archive}", "-Xlog:cds*=off"]  # a stale archive is ignored
    archive.parent.mkdir(parents=True, exist_ok=True)
    for left in archive.parent.glob(f"{archive.name}.*"):  # by a run that was killed
        with contextlib.suppress(ValueError, OSError):
            os.kill(int(left.suffix[1:]), 0)
            continue
        left.unlink(missing_ok=True)
    _writing = archive.with_name(f"{archive.name}.{os.getpid()}")
    return [f"-XX:ArchiveClassesAtExit={_writing}", "-Xlog:cds*=off"]


_writing: Path | None = None


def save_archive() -> None:
    """After `spark.stop()`: if this run's JVM is to write the class-data archive, end the JVM
    (it writes the archive as it exits) and move the archive into place."""
    proc = getattr(SparkContext._gateway, "proc", None)
    if _writing is None or proc is None or proc.stdin is None:
        return
    proc.stdin.close()  # the JVM exits when its stdin closes
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.wait(timeout=300)
    if proc.returncode is not None and _writing.exists():
        os.replace(_writing, _writing.with_suffix(""))


def session(master: str | None, class_data: bool = False) -> SparkSession:
    """The Spark session: `master` if given; under spark-submit its master, else local[*].

    With `class_data` a local session's JVM uses the class-data archive (`class_archive`), and the
    first such run writes it (call `save_archive` after `spark.stop()`)."""
    builder = SparkSession.builder.appName("de06-extract")
    if master or "SPARK_ENV_LOADED" not in os.environ:
        master = master or "local[*]"
        builder = builder.master(master)
        if master.startswith("local"):  # the workers are this interpreter, with de06 installed
            os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
            options = " ".join([LOCAL_JVM_OPTIONS, *(_archive_options() if class_data else [])])
            builder = builder.config("spark.ui.enabled", "false").config(
                "spark.driver.extraJavaOptions", options
            )
    spark = (
        builder.config("spark.sql.sources.partitionOverwriteMode", "dynamic")
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", "500")
        .config("spark.ui.showConsoleProgress", "false")
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


def read_input(spark: SparkSession, path: str, fmt: str, text_column: str) -> DataFrame:
    """The input as rows of text (or bytes), id, published, title and source."""
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


def partitioned(df: DataFrame) -> DataFrame:
    """`year` and `month` columns from `published` (`undated` when it does not start with them)."""
    published = F.coalesce(F.col("published"), F.lit(""))
    year = F.regexp_extract(published, r"^(\d{4})", 1)
    month = F.regexp_extract(published, r"^\d{4}-(\d{2})", 1)
    return df.withColumns(
        {
            "year": F.when(year == "", F.lit(UNDATED)).otherwise(year),
            "month": F.when(month == "", F.lit(UNDATED)).otherwise(month),
        }
    )


def run(spark: SparkSession, source: str, output: str, fmt: str, text_column: str) -> dict[str, object]:
    """Extract `source` into `output`/articles and `output`/facts; returns the counts.

    The extraction runs once: the articles are written, then the partitions just written are read
    back (without their text) for the facts. The counts are observed while writing, no extra pass.
    """
    articles = partitioned(
        extract_articles(read_input(spark, source, fmt, text_column), Columns(text=text_column))
    )
    seen = Observation("articles")
    articles = articles.observe(
        seen,
        F.count(F.lit(1)).alias("articles"),
        F.sum((F.size("errors") > 0).cast("int")).alias("failed"),
        F.sum(F.size("warnings")).alias("warnings"),
        F.collect_set(F.struct("year", "month")).alias("written"),
    )
    articles.write.mode("overwrite").partitionBy("year", "month").parquet(f"{output}/articles")
    totals = seen.get
    written = sorted(totals.pop("written"))
    counts: dict[str, object] = {k: totals[k] or 0 for k in ("articles", "failed", "warnings")}
    counts["partitions"] = len(written)
    counts["facts"] = {}
    if not written:
        return counts
    paths = [f"{output}/articles/year={year}/month={month}" for year, month in written]
    back = spark.read.option("basePath", f"{output}/articles").parquet(*paths)
    kinds = Observation("facts")
    facts = partitioned(extract_facts(back)).observe(
        kinds, *(F.sum((F.col("kind") == kind).cast("int")).alias(kind) for kind in FACT_KINDS)
    )
    facts.write.mode("overwrite").partitionBy("year", "month").parquet(f"{output}/facts")
    counts["facts"] = {kind: n for kind, n in sorted(kinds.get.items()) if n}
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m de06_extract.spark", description=__doc__.split("\n")[0])
    parser.add_argument("input", help="A folder (or file) of .txt/.md, .jsonl or .parquet; any Spark path.")
    parser.add_argument("output", help="Where articles/ and facts/ go (Parquet, by year/month).")
    parser.add_argument("--master", help="Spark master (default: spark-submit's, else local[*]).")
    parser.add_argument("--format", choices=["auto", "text", "jsonl", "parquet"], default="auto")
    parser.add_argument("--text-column", default="text", help="The text column of JSONL/Parquet inputs.")
    parser.add_argument(
        "--class-archive",
        action="store_true",
        help="Local master: start the JVM from a class-data archive kept in ~/.cache/de06-extract "
        "(about 180 MB, written by the first such run, which takes about a minute longer).",
    )
    args = parser.parse_args(argv)
    fmt = guess_format(args.input) if args.format == "auto" else args.format
    started = time.perf_counter()
    spark = session(args.master, class_data=args.class_archive)
    try:
        counts = run(spark, args.input, args.output, fmt, args.text_column)
    finally:
        spark.stop()
        save_archive()
    facts = counts.pop("facts")
    assert isinstance(facts, dict)
    print(f"de06 spark: {args.input} ({fmt}) → {args.output} in {time.perf_counter() - started:.1f} s")
    print("  " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    print(f"  facts {sum(facts.values())}: " + ", ".join(f"{k} {v}" for k, v in facts.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
