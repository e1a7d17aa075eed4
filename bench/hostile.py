"""Hostile text for the regexes: time must grow linearly (1 MB vs 100 kB at most 15x), a MB of hostile
text may cost at most 4x a MB of the samples' prose timed in the same run, and an article dense with facts
must stay within a memory bound.

Run: .venv/bin/python bench/hostile.py [--small 100000] [--large 1000000] [--only NAME]
     .venv/bin/python bench/hostile.py --rss [--only NAME]   # peak RSS of a 4 MiB article per kind

Times are CPU seconds of this (single-threaded) process, so that other work on the machine does not
distort the ratio; a regex that backtracks shows as a ratio far above 10. `--rss` runs each dense
kind as a 4 MiB article through the batch path (extract and serialise) in a fresh process and
reports that process's peak resident memory.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

HOSTILE: dict[str, Callable[[int], str]] = {
    "slashes 1/1/1": lambda n: ("1/" * (n // 2 + 1))[:n],
    "Ngày Ngày": lambda n: ("Ngày " * (n // 5 + 1))[:n],
    "capitalised syllables": lambda n: ("Nguyễn Văn Thành Phố Hồ Chí Minh Ủy Ban Nhân Dân " * (n // 48 + 1))[
        :n
    ],
    "digits and dots": lambda n: ("1.2.3.4.5.6.7.8.9.0." * (n // 20 + 1))[:n],
    "digits and commas": lambda n: ("12,5 " * (n // 5 + 1))[:n],
    "percent signs": lambda n: ("5% " * (n // 3 + 1))[:n],
    "dashes and dates": lambda n: ("1/1-2/2-" * (n // 8 + 1))[:n],
    "ngày tháng năm": lambda n: ("ngày tháng năm " * (n // 15 + 1))[:n],
    "digits only": lambda n: "7" * n,
    "parentheses": lambda n: ("(1/2) (" * (n // 7 + 1))[:n],
    "titled names": lambda n: ("Bộ trưởng Nguyễn Văn An cho biết, " * (n // 34 + 1))[:n],
}
# Text dense with real facts: every few characters one more fact.
DENSE: dict[str, str] = {
    "dense money": "1,7 triệu tỷ đồng ",
    "dense percent": "58,2% ",
    "dense dates": "ngày 10/6/2024 ",
    "dense ratios": "45/50 nhiệm vụ, ",
    "dense quantities": "1.200 hồ sơ, ",
    "dense documents": "Nghị quyết số 57-NQ/TW, ",
    "dense bare document numbers": "có Quyết định số 4, ",
    "dense symbols and bare numbers": "Quyết định số 4/2016/QĐ-UBND và Quyết định số 4, ",
    "dense owner years": "Nghị định 121 của Chính phủ năm 2013, ",
    "dense spelled tens": "hai mươi lăm triệu đồng ",
    "dense signed money": "âm gần 11 tỷ đồng; ",
}
for _name, _unit in DENSE.items():
    HOSTILE[_name] = lambda n, unit=_unit: (unit * (n // len(unit) + 1))[:n]
RSS_BYTES = 4 * 1024 * 1024
RSS_LIMIT_MB = 500


def time_one(text: str) -> tuple[float, int, list[str]]:
    from de06_extract.pipeline import get_pipeline

    pipeline = get_pipeline()
    started = time.process_time()
    article = pipeline.run(text, "hostile")
    return (
        time.process_time() - started,
        len(article.facts),
        [w.code for w in article.warnings if "timeout" in w.code],
    )


def peak_rss_mb(name: str) -> int:
    """Peak RSS (MB) of a fresh process that extracts and serialises one 4 MiB article of `name`."""
    code = (
        "import resource, sys; sys.path.insert(0, 'bench'); from hostile import HOSTILE, RSS_BYTES;"
        "from de06_extract.batch import process_raw; from de06_extract.output import to_result;"
        "from de06_extract.sources import RawArticle;"
        f"to_result(process_raw(RawArticle('x', HOSTILE[{name!r}](RSS_BYTES))));"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return int(done.stdout.split()[-1])


def main_rss(only: str) -> int:
    print(f"{'dense 4 MiB article':24} {'peak RSS MB':>11}")
    worst = 0
    for name in DENSE:
        if only and only not in name:
            continue
        mb = peak_rss_mb(name)
        worst = max(worst, mb)
        print(f"{name:24} {mb:11}", flush=True)
    print(
        f"worst {worst} MB (limit {RSS_LIMIT_MB}); this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} MB"
    )
    return 0 if worst < RSS_LIMIT_MB else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--small", type=int, default=100_000)
    parser.add_argument("--large", type=int, default=1_000_000)
    parser.add_argument("--limit", type=float, default=15.0)
    parser.add_argument(
        "--vs-prose",
        type=float,
        default=4.0,
        help="CPU time of the large input at most this many times that of as much of the samples' prose "
        "(timed first, in the same run): a step already slow on the small one (quadratic within the fact "
        "caps) passes the ratio but not this",
    )
    parser.add_argument("--only", default="")
    parser.add_argument("--rss", action="store_true", help="peak RSS of a 4 MiB dense article per kind")
    args = parser.parse_args()
    if args.rss:
        return main_rss(args.only)
    from de06_extract.pipeline import get_pipeline

    get_pipeline().run("Ngày 1/1/2020 đạt 5%.", "warm-up")
    samples = sorted((Path(__file__).parents[1] / "samples").glob("*.txt"))
    prose = "\n".join(path.read_text(encoding="utf-8") for path in samples)
    reference, n_reference, _ = time_one((prose * (args.large // len(prose) + 1))[: args.large])
    print(f"samples' prose, {args.large:,} characters: {reference:.3f} s CPU, {n_reference} facts")
    print(f"{'hostile input':24} {'100 kB s':>9} {'1 MB s':>8} {'ratio':>6} {'/prose':>6}  facts  timeouts")
    worst, slowest = 0.0, 0.0
    for name, make in HOSTILE.items():
        if args.only and args.only not in name:
            continue
        small, _, _ = time_one(make(args.small))
        large, n_large, timeouts = time_one(make(args.large))
        ratio = large / max(small, 1e-6)
        worst = max(worst, ratio)
        vs_prose = large / max(reference, 1e-6)
        slowest = max(slowest, vs_prose)
        flag = "" if ratio <= args.limit else "  <-- superlinear"
        flag += "" if vs_prose <= args.vs_prose else "  <-- slow"
        print(
            f"{name:24} {small:9.3f} {large:8.3f} {ratio:6.1f} {vs_prose:6.2f}  {n_large:5}  {len(timeouts)}{flag}",
            flush=True,
        )
    print(
        f"worst ratio {worst:.1f} (limit {args.limit}); slowest {slowest:.2f}x the samples' prose "
        f"(limit {args.vs_prose})"
    )
    return 0 if worst <= args.limit and slowest <= args.vs_prose else 1


if __name__ == "__main__":
    raise SystemExit(main())
