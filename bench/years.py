"""Years inferred without a published date, on real articles: a seeded draw to check by hand (issue 11).

    .venv/bin/python bench/years.py --seed 11 --articles 5000 --count 100 > years.txt
    .venv/bin/python bench/years.py --seed 11 --articles 5000 --count 0 > all.txt     # every one
    .venv/bin/python bench/years.py --seed 11 --articles 5000 --count 60 --new-since old-all.txt

Extracts a seeded draw of corpus articles (they carry no timestamp), keeps the dates whose year was
inferred from the text, draws `count` of them (0: all) with the same seed and prints each with its
sentence, so a reader can mark it right or wrong. Also prints how many yearless day-months were left
without a year. `--new-since` (an earlier `--count 0` output, e.g. of the previous rules) draws only
from the years that output did not have: the ones a change of the rules added.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

from de06_extract import extract_text
from draw import DEFAULT_CORPUS, draw


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--articles", type=int, default=800)
    parser.add_argument("--count", type=int, default=100, help="How many to draw (0: all, in text order).")
    parser.add_argument("--new-since", type=Path, help="An earlier --count 0 output: draw only new years.")
    args = parser.parse_args()
    names = draw([p.name for p in args.corpus.glob("*.txt")], args.seed, args.articles)
    inferred: list[str] = []
    abstained = 0
    for name in names:
        text = (args.corpus / name).read_text(encoding="utf-8", errors="replace")
        article = extract_text(text, source=name)
        for f in article.facts:
            if f.kind != "date" or f.grain not in ("day", "month", "quarter"):
                continue
            if f.year_inferred:
                lo, hi = text.rfind("\n", 0, f.start) + 1, text.find("\n", f.end)
                line = text[lo : hi if hi >= 0 else len(text)]
                at = f.start - lo
                window = line[max(0, at - 220) : at + 160].replace(f.text, f"[[{f.text}]]", 1)
                inferred.append(f"{name} {f.text!r} -> {f.value}\n    {window}")
            elif f.value.startswith("--"):
                abstained += 1
    print(f"# {len(names)} articles: {len(inferred)} years inferred, {abstained} dates left without a year")
    if args.new_since:
        old = _rows(args.new_since)
        inferred = [row for row in inferred if row not in old]
        print(f"# {len(inferred)} of them not in {args.new_since.name}")
    picked = (
        random.Random(args.seed).sample(inferred, min(args.count, len(inferred))) if args.count else inferred
    )
    for k, row in enumerate(picked, 1):
        print(f"{k:3d}. {row}")


def _rows(path: Path) -> set[str]:
    """The rows of an earlier output, without their numbers."""
    lines = path.read_text(encoding="utf-8").split("\n")
    return {
        f"{line.split('. ', 1)[1]}\n{lines[k + 1]}"
        for k, line in enumerate(lines[:-1])
        if line[:1] != "#" and line.lstrip()[:1].isdigit()
    }


if __name__ == "__main__":
    main()
