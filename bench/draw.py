"""Seeded random draws of real articles for the real-text gold sets (issue 12).

    .venv/bin/python bench/draw.py --seed 2026 --count 40            # the annotated draw
    .venv/bin/python bench/draw.py --seed 7 --count 20 --exclude 2026:40   # the held-out draw

The draw is `random.Random(seed).sample` over the sorted file names of the corpus folder, so the same
seed always gives the same articles; `--exclude SEED:COUNT` removes an earlier draw first, so two
draws never share an article (each excluded draw is made from the whole corpus, as the earlier draws
were: chained exclusions can still overlap, so new draws use `--exclude-gold`, which removes every
article annotated in `tests/real/`). Prints one file name per line.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "baomoi"


def draw(
    names: list[str], seed: int, count: int, exclude: frozenset[str] | set[str] = frozenset()
) -> list[str]:
    """`count` names drawn with `seed` from `names` (sorted first) minus `exclude`, in draw order."""
    pool = sorted(set(names) - set(exclude))
    return random.Random(seed).sample(pool, count)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--count", type=int, required=True)
    parser.add_argument("--exclude", action="append", default=[], metavar="SEED:COUNT")
    parser.add_argument("--exclude-gold", action="store_true", help="leave out every article in tests/real/")
    args = parser.parse_args()
    names = [p.name for p in args.corpus.glob("*.txt")]
    excluded: set[str] = set()
    if args.exclude_gold:
        excluded.update(
            p.name.removesuffix(".gold.toml") + ".txt" for p in ROOT.glob("tests/real/*/*.gold.toml")
        )
    for spec in args.exclude:
        seed, count = (int(x) for x in spec.split(":"))
        excluded.update(draw(names, seed, count))
    for name in draw(names, args.seed, args.count, excluded):
        print(name)


if __name__ == "__main__":
    main()
