"""Spark local[2] vs `de06 extract -j 2` on the corpus, side by side in one run (issue 15).

    .venv/bin/python bench/spark.py [--corpus ../shared/corpus/baomoi] [--repeat N] [--scale K]

Times (wall and CPU of the whole process tree) `de06 extract CORPUS -q -j 2 -o out.jsonl` and
`python -m de06_extract.spark CORPUS out/ --master local[2]`, interleaved, fastest run of each kept
(after one untimed Spark run on samples/, which writes the JVM's class archive if the machine has
none yet); a bare Spark session start and stop is timed too (the fixed cost of the JVM). Then checks that the
facts table of the JSONL (`de06 table`) and the Spark job's facts give the same counts per kind as
the JSONL itself (with DuckDB when it is installed, else pyarrow).

`--scale K` also times both on the corpus written once and K times into one JSONL file (K × 5,000
articles, in a temporary folder) and splits each command's time into a fixed part and a part per
article (a line through the two sizes): Spark's fixed and per-article overheads, and its overhead
at 5,000 and at K × 5,000 articles.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import orjson
import pyarrow.dataset as ds

sys.path.insert(0, str(Path(__file__).parent))
from run import DE06, DEFAULT_CORPUS, Run, measure, tree_pids

SPARK = [sys.executable, "-m", "de06_extract.spark"]
SESSION = [
    sys.executable,
    "-c",
    "from de06_extract.spark.job import session, stop;"
    " from de06_extract.spark.launch import DEFAULT_CLASS_CACHE, ClassArchive;"
    " stop(session('local[2]', ClassArchive.in_folder(DEFAULT_CLASS_CACHE)))",
]
SAMPLES = Path(__file__).parent.parent / "samples"


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


def de06_cmd(source: Path, jsonl: Path) -> list[str]:
    return [*DE06, "extract", str(source), "-q", "-j", "2", "-o", str(jsonl)]


def spark_cmd(source: Path, out: Path) -> list[str]:
    return [*SPARK, str(source), str(out), "--master", "local[2]"]


@dataclass
class Pair:
    """The fastest runs of both commands on one input, and the facts per kind each wrote."""

    de06: Run
    spark: Run
    expected: Counter[str]
    from_spark: Counter[str]
    articles: int
    printed: list[str]


def time_pair(source: Path, tmp: Path, repeat: int, start: list[Run] | None = None) -> Pair:
    """Both commands on `source`, interleaved `repeat` times (a bare session start too, if `start`)."""
    out, jsonl, log_path = tmp / "spark", tmp / "out.jsonl", tmp / "spark.log"
    de06: list[Run] = []
    spark: list[Run] = []
    with open(log_path, "wb") as log:
        for _ in range(repeat):
            de06.append(measure_tree(de06_cmd(source, jsonl)))
            spark.append(measure_tree(spark_cmd(source, out), stdout=log, stderr=subprocess.DEVNULL))
            if start is not None:
                start.append(measure_tree(SESSION, stderr=subprocess.DEVNULL))
    lines = jsonl.read_bytes().splitlines()
    expected = Counter(f["kind"] for line in lines for f in orjson.loads(line)["facts"])
    return Pair(
        min(de06, key=lambda r: r.wall),
        min(spark, key=lambda r: r.wall),
        expected,
        kind_counts(out / "facts"),
        len(lines),
        log_path.read_text(encoding="utf-8").strip().splitlines(),
    )


def write_scaled(corpus: Path, path: Path, times: int) -> None:
    """The corpus's .txt files `times` over as one JSONL file (ids unique per copy)."""
    files = sorted(corpus.rglob("*.txt"))
    with open(path, "wb") as fh:
        for copy in range(times):
            for f in files:
                text = f.read_bytes().decode("utf-8", errors="replace")
                fh.write(orjson.dumps({"id": f"{copy}/{f.relative_to(corpus)}", "text": text}) + b"\n")


def scale_table(corpus: Path, tmp: Path, times: int, repeat: int) -> bool:
    """Both commands on the corpus ×1 and ×`times` as JSONL: fixed and per-article parts of each."""
    pairs = []
    for k in (1, times):
        folder = tmp / f"x{k}"
        folder.mkdir()
        write_scaled(corpus, folder / "corpus.jsonl", k)
        pairs.append(time_pair(folder / "corpus.jsonl", folder, repeat))
    small, big = pairs
    n1, n2 = small.articles, big.articles
    print(f"\nscale: the corpus as one JSONL file, {n1:,} and {n2:,} articles (×{times})")
    print("| measure | wall | CPU |")
    print("|---|---|---|")
    fits = {}
    for name in ("de06", "spark"):
        a, b = getattr(small, name), getattr(big, name)
        for what in ("wall", "cpu"):
            per = (getattr(b, what) - getattr(a, what)) / (n2 - n1)
            fits[name, what] = (getattr(a, what) - per * n1, per)
    for n, pair in ((n1, small), (n2, big)):
        for name, label in (("de06", "`de06 extract IN.jsonl -q -j 2`"), ("spark", "Spark job")):
            run = getattr(pair, name)
            print(f"| {label}, {n:,} articles | {run.wall:.1f} s | {run.cpu:.1f} s |")
    for name, label in (("de06", "de06"), ("spark", "Spark")):
        (fw, pw), (fc, pc) = fits[name, "wall"], fits[name, "cpu"]
        print(
            f"| {label}: fixed / per article | {fw:.1f} s / {pw * 1000:.2f} ms | {fc:.1f} s / {pc * 1000:.2f} ms |"
        )
    cells = []
    for what in ("wall", "cpu"):
        (fd, pd), (fs, ps) = fits["de06", what], fits["spark", what]
        cells.append(f"{fs - fd:.1f} s / {(ps - pd) * 1000:+.2f} ms ({ps / pd - 1:+.0%})")
    print(f"| **Spark overhead: fixed / per article** | {cells[0]} | {cells[1]} |")
    for n, pair in ((n1, small), (n2, big)):
        w, c = pair.spark.wall / pair.de06.wall - 1, pair.spark.cpu / pair.de06.cpu - 1
        print(f"| **Spark overhead at {n:,} articles** | **{w:+.0%}** | {c:+.0%} |")
    same = all(p.expected == p.from_spark for p in pairs)
    print(f"facts per kind, JSONL vs Spark facts, both sizes: {'same' if same else 'DIFFERENT'}")
    return same


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument(
        "--scale", type=int, default=0, help="Also time both on the corpus ×1 and ×K as JSONL."
    )
    args = parser.parse_args()
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    with tempfile.TemporaryDirectory() as tmp:
        # untimed: a first run on this machine writes the driver JVM's class archive, the next map it
        subprocess.run(spark_cmd(SAMPLES, Path(tmp) / "first"), check=True, capture_output=True)
        start: list[Run] = []
        pair = time_pair(args.corpus, Path(tmp), args.repeat, start)
        table = Path(tmp) / "facts.parquet"
        subprocess.run(
            [*DE06, "table", str(Path(tmp) / "out.jsonl"), "-o", str(table)], check=True, capture_output=True
        )
        from_table = kind_counts(table)
        d, s, j = pair.de06, pair.spark, min(start, key=lambda r: r.wall)
        n, expected = pair.articles, pair.expected
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
        print("the job printed: " + " / ".join(pair.printed[-3:]))
        same = expected == from_table == pair.from_spark
        print(
            f"facts per kind, JSONL / `de06 table` / Spark facts: {dict(sorted(expected.items()))} — {'same' if same else 'DIFFERENT'}"
        )
        if not same:
            print(
                f"  table {dict(sorted(from_table.items()))}\n  spark {dict(sorted(pair.from_spark.items()))}"
            )
        if args.scale > 1:
            same = scale_table(args.corpus, Path(tmp), args.scale, args.repeat) and same
    print(f"load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
