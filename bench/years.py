"""Years inferred without a published date, on real articles: a seeded draw to check by hand (issue 11).

    .venv/bin/python bench/years.py --seed 11 --articles 800 --count 100 > years.txt

Extracts a seeded draw of corpus articles (they carry no timestamp), keeps the dates whose year was
inferred from the text, draws `count` of them with the same seed and prints each with its sentence, so a
reader can mark it right or wrong. Also prints how many yearless day-months were left without a year.
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
    parser.add_argument("--count", type=int, default=100)
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
    picked = random.Random(args.seed).sample(inferred, min(args.count, len(inferred)))
    print(f"# {len(names)} articles: {len(inferred)} years inferred, {abstained} dates left without a year")
    for k, row in enumerate(picked, 1):
        print(f"{k:3d}. {row}")


if __name__ == "__main__":
    main()
