"""Spark local[2] vs `de06 extract -j 2` on the corpus, side by side in one run (issue 15).

    .venv/bin/python bench/spark.py [--corpus ../shared/corpus/baomoi] [--repeat N]

Times (wall and CPU of the whole process tree) `de06 extract CORPUS -q -j 2 -o out.jsonl` and
`python -m de06_extract.spark CORPUS out/ --master local[2]`, interleaved, fastest run of each kept;
a bare Spark session start and stop is timed too (the fixed cost of the JVM). Then checks that the
facts table of the JSONL (`de06 table`) and the Spark job's facts give the same counts per kind as
the JSONL itself (with DuckDB when it is installed, else pyarrow).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

import orjson
import pyarrow.dataset as ds

sys.path.insert(0, str(Path(__file__).parent))
from run import DE06, DEFAULT_CORPUS, Run, measure, tree_pids

SPARK = [sys.executable, "-m", "de06_extract.spark"]
SESSION = [
    sys.executable,
    "-c",
    "from de06_extract.spark.__main__ import session; session('local[2]').stop()",
]


def measure_tree(cmd: list[str], **kwargs: object) -> Run:
    """`measure`, with the CPU time summed over the process tree by sampling /proc: the JVM and
    Spark's Python workers are not waited for by their parents, so rusage misses them."""
    import threading

    cpu: dict[int, float] = {}
    done = threading.Event()
    tick = os.sysconf("SC_CLK_TCK")

    def sample() -> None:
        while not done.is_set():
            for pid in tree_pids(os.getpid()) - {os.getpid()}:
                try:
                    with open(f"/proc/{pid}/stat", "rb") as fh:
                        fields = fh.read().rsplit(b")", 1)[1].split()
                    cpu[pid] = (int(fields[11]) + int(fields[12])) / tick
                except (OSError, ValueError, IndexError):
                    continue
            done.wait(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        run = measure(cmd, **kwargs)
    finally:
        done.set()
        sampler.join()
    return Run(run.wall, max(run.cpu, sum(cpu.values())), run.max_rss_mb, run.tree_rss_mb, run.tree_pss_mb)


def kind_counts(facts: Path) -> Counter[str]:
    """`SELECT kind, count(*) FROM facts GROUP BY 1` over a file or a hive-partitioned folder, in
    DuckDB when it is there."""
    try:
        import duckdb
    except ImportError:
        table = ds.dataset(facts, format="parquet", partitioning="hive").to_table(columns=["kind"])
        return Counter(table.column("kind").to_pylist())
    where = f"{facts}/**/*.parquet" if facts.is_dir() else str(facts)
    query = f"SELECT kind, count(*) FROM read_parquet('{where}', hive_partitioning = true) GROUP BY 1"
    return Counter({k: n for k, n in duckdb.sql(query).fetchall()})


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out, jsonl = Path(tmp) / "spark", Path(tmp) / "out.jsonl"
        de06: list[Run] = []
        spark: list[Run] = []
        start: list[Run] = []
        log = open(Path(tmp) / "spark.log", "wb")  # noqa: SIM115
        for _ in range(args.repeat):
            de06.append(measure_tree([*DE06, "extract", str(args.corpus), "-q", "-j", "2", "-o", str(jsonl)]))
            cmd = [*SPARK, str(args.corpus), str(out), "--master", "local[2]"]
            spark.append(measure_tree(cmd, stdout=log, stderr=subprocess.DEVNULL))
            start.append(measure_tree(SESSION, stderr=subprocess.DEVNULL))
        log.close()
        printed = (Path(tmp) / "spark.log").read_text(encoding="utf-8").strip().splitlines()
        d, s, j = (min(runs, key=lambda r: r.wall) for runs in (de06, spark, start))
        lines = jsonl.read_bytes().splitlines()
        expected = Counter(f["kind"] for line in lines for f in orjson.loads(line)["facts"])
        table = Path(tmp) / "facts.parquet"
        subprocess.run([*DE06, "table", str(jsonl), "-o", str(table)], check=True, capture_output=True)
        from_table, from_spark = kind_counts(table), kind_counts(out / "facts")
    n = len(lines)
    print(f"corpus: {args.corpus}, {n} articles, {sum(expected.values())} facts; repeat {args.repeat}")
    print("| measure | wall | CPU (process tree) | articles/s |")
    print("|---|---|---|---|")
    print(
        f"| `de06 extract CORPUS -q -j 2 -o out.jsonl` | {d.wall:.1f} s | {d.cpu:.1f} s | {n / d.wall:.0f} |"
    )
    print(
        f"| `python -m de06_extract.spark CORPUS out --master local[2]` | {s.wall:.1f} s | {s.cpu:.1f} s | {n / s.wall:.0f} |"
    )
    print(f"| Spark session start + stop alone (JVM) | {j.wall:.1f} s | {j.cpu:.1f} s | |")
    print(
        f"| **Spark overhead** (wall / CPU) | **{s.wall / d.wall - 1:+.0%}** | {s.cpu / d.cpu - 1:+.0%} | |"
    )
    print(
        f"| Spark overhead without the session start | {(s.wall - j.wall) / d.wall - 1:+.0%} | {(s.cpu - j.cpu) / d.cpu - 1:+.0%} | |"
    )
    print("the job printed: " + " / ".join(printed[-3:]))
    same = expected == from_table == from_spark
    print(
        f"facts per kind, JSONL / `de06 table` / Spark facts: {dict(sorted(expected.items()))} — {'same' if same else 'DIFFERENT'}"
    )
    if not same:
        print(f"  table {dict(sorted(from_table.items()))}\n  spark {dict(sorted(from_spark.items()))}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
