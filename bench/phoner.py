"""Dates on the public PhoNER COVID-19 test split (a sample of it): span-overlap P/R/F1 (issue 12).

    .venv/bin/python bench/phoner.py --data /work/phoner/test_sample.jsonl

The sample is one JSON line per sentence, `{"words": [...], "dates": [[i, j], ...]}`, each [i, j) the
token range of one B-DATE I-DATE* span (see docs/accuracy.md for how it is drawn; the data set's licence
keeps it out of the repository). Each sentence is detokenised into news-like text ("24 - 7" -> "24-7",
no space before , . ) ; : or after (), the library extracts it, and the date facts are scored against
the gold spans: a prediction is right when it overlaps a gold span, a gold span is found when a prediction
overlaps it (each counted once). Exact-span figures are printed too, for information, also with the
trigger "ngày " trimmed from the predictions (PhoNER leaves it out of the span, our gold keeps it). Every
fact of every kind is checked for `text == original[start:end]`.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from statistics import harmonic_mean

from de06_extract import extract_text

DEFAULT_DATA = Path("/work/phoner/test_sample.jsonl")
NO_SPACE_BEFORE = frozenset({",", ".", "..", "...", "…", ")", ";", ":", "?", "!"})
JOINERS = frozenset({"-", "–", "/"})  # glued between two numbers: "24 - 7" -> "24-7", "4 / 3" -> "4/3"
SHOWN = 40
TRIGGER = "ngày "

Span = tuple[int, int]


def detokenise(words: list[str]) -> tuple[str, list[Span]]:
    """News-like text of a token list and the character span of each token in it."""
    text, spans, quote_open, glue_next = "", [], False, True
    for k, word in enumerate(words):
        between_numbers = (
            word in JOINERS
            and 0 < k < len(words) - 1
            and words[k - 1][-1:].isdigit()
            and words[k + 1][:1].isdigit()
        )
        closing_quote = word == '"' and quote_open
        glue = glue_next or not word or word in NO_SPACE_BEFORE or closing_quote or between_numbers
        text += "" if glue else " "
        spans.append((len(text), len(text) + len(word)))
        text += word
        if word == '"':
            quote_open = not quote_open
        glue_next = word == "(" or (word == '"' and quote_open) or between_numbers
    return text, spans


def overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def prf(right: int, predicted: int, found: int, gold: int) -> str:
    p = right / predicted if predicted else 0.0
    r = found / gold if gold else 0.0
    return f"P {p:.3f} ({right}/{predicted})  R {r:.3f} ({found}/{gold})  F1 {harmonic_mean([p, r]):.3f}"


def trim(text: str, start: int) -> int:
    """Start of a predicted date past a leading "ngày " (PhoNER's DATE spans leave the trigger out)."""
    return start + len(TRIGGER) if text[start : start + len(TRIGGER)].lower() == TRIGGER else start


def window(text: str, span: Span) -> str:
    """The span marked [[...]] inside up to 50 characters of context either side."""
    lo, hi = span
    return f"{text[max(0, lo - 50) : lo]}[[{text[lo:hi]}]]{text[hi : hi + 50]}"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = parser.parse_args()
    if not args.data.is_file():
        sys.exit(f"no PhoNER sample at {args.data}: build it as docs/accuracy.md describes, or pass --data")
    rows = [json.loads(line) for line in args.data.read_text(encoding="utf-8").splitlines() if line]
    gold_n = pred_n = right = found = exact = trimmed = 0
    misses: list[str] = []
    wrong: list[str] = []
    broken: list[str] = []
    for n, row in enumerate(rows, 1):
        text, spans = detokenise(row["words"])
        gold = [(spans[i][0], spans[j - 1][1]) for i, j in row["dates"]]
        facts = extract_text(text, source=f"phoner-{n}").facts
        broken += [f"{n}: {f.kind} {f.text!r}" for f in facts if text[f.start : f.end] != f.text]
        pred = [(f.start, f.end, f.value) for f in facts if f.kind == "date"]
        gold_n += len(gold)
        pred_n += len(pred)
        for g in gold:
            if any(overlaps(g, p[:2]) for p in pred):
                found += 1
            else:
                misses.append(f"{n}: {window(text, g)}")
        for start, end, value in pred:
            if any(overlaps((start, end), g) for g in gold):
                right += 1
            else:
                wrong.append(f"{n}: {window(text, (start, end))} -> {value}")
        exact += len(set(gold) & {p[:2] for p in pred})
        trimmed += len(set(gold) & {(trim(text, p[0]), p[1]) for p in pred})
    print(f"# {args.data}: {len(rows)} sentences, {gold_n} gold DATE spans, {pred_n} predicted dates")
    print(f"overlap  {prf(right, pred_n, found, gold_n)}")
    print(f"exact    {prf(exact, pred_n, exact, gold_n)}")
    print(f"exact without a leading 'ngày '  {prf(trimmed, pred_n, trimmed, gold_n)}")
    print(f"offsets  {len(broken)} facts with text != original[start:end]")
    for title, lines in (("offset breaks", broken), ("misses", misses), ("false positives", wrong)):
        print(f"\n## {title}: {len(lines)} (first {SHOWN})")
        print("\n".join(lines[:SHOWN]))


if __name__ == "__main__":
    main()
