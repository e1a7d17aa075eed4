"""Hostile text for the regexes: time must grow linearly (1 MB vs 100 kB at most 15x).

Run: .venv/bin/python bench/hostile.py [--small 100000] [--large 1000000] [--only NAME]

Times are CPU seconds of this (single-threaded) process, so that other work on the machine does not
distort the ratio; a regex that backtracks shows as a ratio far above 10.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--small", type=int, default=100_000)
    parser.add_argument("--large", type=int, default=1_000_000)
    parser.add_argument("--limit", type=float, default=15.0)
    parser.add_argument("--only", default="")
    args = parser.parse_args()
    from de06_extract.pipeline import get_pipeline

    get_pipeline().run("Ngày 1/1/2020 đạt 5%.", "warm-up")
    print(f"{'hostile input':24} {'100 kB s':>9} {'1 MB s':>8} {'ratio':>6}  facts  timeouts   (CPU seconds)")
    worst = 0.0
    for name, make in HOSTILE.items():
        if args.only and args.only not in name:
            continue
        small, _, _ = time_one(make(args.small))
        large, n_large, timeouts = time_one(make(args.large))
        ratio = large / max(small, 1e-6)
        worst = max(worst, ratio)
        flag = "" if ratio <= args.limit else "  <-- superlinear"
        print(
            f"{name:24} {small:9.3f} {large:8.3f} {ratio:6.1f}  {n_large:5}  {len(timeouts)}{flag}",
            flush=True,
        )
    print(f"worst ratio {worst:.1f} (limit {args.limit})")
    return 0 if worst <= args.limit else 1


if __name__ == "__main__":
    raise SystemExit(main())
