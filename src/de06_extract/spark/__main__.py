"""The Spark job: `python -m de06_extract.spark INPUT OUTPUT [--master local[*]]` (or spark-submit).

Starts the driver JVM first (`launch`), then imports the job (`job`: pyspark, pyarrow, de06), lists
the input while the JVM starts, runs the job and prints the counts.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

from de06_extract.spark.launch import DEFAULT_CLASS_CACHE, ClassArchive, resolve_master, start

if TYPE_CHECKING:
    from pyspark.sql import SparkSession


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
    master = resolve_master(args.master)
    driver = archive = None
    if master and "PYSPARK_GATEWAY_PORT" not in os.environ:  # no JVM yet (spark-submit starts one)
        archive = None if args.no_class_cache else ClassArchive.in_folder(args.class_cache)
        driver = start(master, archive)  # it starts while the job's modules are imported

    from de06_extract.spark.job import guess_format, run, session, stop, text_files

    def connected() -> SparkSession:
        if driver is not None:
            import pandas  # noqa: F401  # the session imports it (0.3 s): here, while the JVM starts

            driver.connect()
        return session(master)

    with ThreadPoolExecutor(1) as pool:  # the session is built while the input is looked at and listed
        starting = pool.submit(connected)
        fmt = guess_format(args.input) if args.format == "auto" else args.format
        files = text_files(args.input) if fmt == "text" and os.path.exists(args.input) else None
        spark = starting.result()
    try:
        counts = run(spark, args.input, args.output, fmt, args.text_column, files)
    finally:
        stop(spark)
        if archive is not None and driver is not None:
            archive.publish(driver.proc)
    facts = counts.pop("facts")
    assert isinstance(facts, dict)
    print(f"de06 spark: {args.input} ({fmt}) → {args.output} in {time.perf_counter() - started:.1f} s")
    print("  " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    print(f"  facts {sum(facts.values())}: " + ", ".join(f"{k} {v}" for k, v in facts.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
