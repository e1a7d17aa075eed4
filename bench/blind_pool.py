"""Pool the blind scores of the real-text gold draws (the README's and docs/accuracy.md's blind columns).

    .venv/bin/python bench/blind_pool.py                      # draws 19-42 and 25-42
    .venv/bin/python bench/blind_pool.py --range 30-42 --range 42

Reads `bench/blind-counts.toml`: per draw, the tp / fp / fn per kind as the draw was first scored (at
the state of main it was annotated at, before any rule was written for it) and the exact titles over
the matched persons. Prints, per range, every kind pooled with P / R / F1, the micro row, and the
titles pooled when every draw of the range has them (marking numerators the log gave only as ratios).
"""

from __future__ import annotations

import argparse
import tomllib
from pathlib import Path

KINDS = ("date", "ratio", "percent", "money", "quantity", "document", "person")
COUNTS = Path(__file__).with_name("blind-counts.toml")


def _range(text: str) -> tuple[int, int]:
    first, _, last = text.partition("-")
    return int(first), int(last or first)


def _prf(tp: int, fp: int, fn: int) -> str:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return f"{p:.3f} | {r:.3f} | {f:.3f}"


def report(draws: dict[int, dict[str, object]], first: int, last: int) -> None:
    """Print the pooled table of draws `first`..`last` (the draws of the file among them)."""
    present = [n for n in range(first, last + 1) if n in draws]
    print(f"## draws {first}-{last}: {len(present)} draws")
    print("| kind | tp | fp | fn | P | R | F1 |\n|---|---|---|---|---|---|---|")
    micro = [0, 0, 0]
    for kind in KINDS:
        tp, fp, fn = (sum(draws[n][kind][i] for n in present) for i in range(3))  # type: ignore[index]
        micro = [micro[0] + tp, micro[1] + fp, micro[2] + fn]
        print(f"| {kind} | {tp} | {fp} | {fn} | {_prf(tp, fp, fn)} |")
    print(f"| micro | {micro[0]} | {micro[1]} | {micro[2]} | {_prf(*micro)} |")
    titled = [n for n in present if "titles" in draws[n]]
    if titled == present and present:
        exact = sum(draws[n]["titles"][0] for n in present)  # type: ignore[index]
        total = sum(draws[n]["titles"][1] for n in present)  # type: ignore[index]
        inferred = [str(n) for n in present if draws[n].get("titles_inferred")]
        note = f" (inferred numerators: draws {', '.join(inferred)})" if inferred else ""
        print(f"titles exact: {exact} / {total} = {exact / total:.3f}{note}")
    print()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--counts", type=Path, default=COUNTS)
    parser.add_argument("--range", dest="ranges", action="append", type=_range, metavar="A-B")
    args = parser.parse_args()
    with args.counts.open("rb") as fh:
        draws = {int(name.removeprefix("draw-")): table for name, table in tomllib.load(fh).items()}
    last = max(draws)
    for first, end in args.ranges or [(19, last), (25, last)]:
        report(draws, first, end)


if __name__ == "__main__":
    main()
