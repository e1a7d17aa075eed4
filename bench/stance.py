"""CPU cost of the stance stage (issue 16): in-process CPU per article with and without it.

    .venv/bin/python bench/stance.py [--corpus ../shared/corpus/baomoi] [--limit 1000] [--repeat 3]

Runs the pipeline over the first `--limit` articles (sorted by name) with the stage and with the
stage replaced by a no-op, alternately, `--repeat` times, keeping each side's fastest pass; also
reports the CPU time spent inside the stage itself. Target: at most 10 % more CPU per article.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from de06_extract.decoding import decode_bytes
from de06_extract.document import Doc
from de06_extract.pipeline import Pipeline
from de06_extract.recognizers import Candidate

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "baomoi"


class _Timed:
    """Wraps the stage and sums the CPU time spent in it."""

    def __init__(self, stage: object) -> None:
        self.stage = stage
        self.cpu = 0.0

    def apply(self, doc: Doc, chosen: list[Candidate]) -> None:
        t0 = time.process_time()
        self.stage.apply(doc, chosen)  # type: ignore[attr-defined]
        self.cpu += time.process_time() - t0


class _Off:
    def apply(self, doc: Doc, chosen: list[Candidate]) -> None:
        """No stance stage."""


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--limit", type=int, default=1000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    paths = sorted(args.corpus.glob("*.txt"))[: args.limit]
    texts = [decode_bytes(p.read_bytes()).text for p in paths]
    pipeline = Pipeline()
    timed, off = _Timed(pipeline.stance), _Off()
    for text in texts[:50]:  # warm caches (POS tagger, lazy tables) before timing
        pipeline.run(text)
    best = {"with": float("inf"), "without": float("inf")}
    stage_cpu = float("inf")
    for _ in range(args.repeat):
        for side, stage in (("without", off), ("with", timed)):
            pipeline.stance = stage  # type: ignore[assignment]
            timed.cpu = 0.0
            t0 = time.process_time()
            for text in texts:
                pipeline.run(text)
            best[side] = min(best[side], time.process_time() - t0)
            if side == "with":
                stage_cpu = min(stage_cpu, timed.cpu)
    n = len(texts)
    with_ms, without_ms = 1000 * best["with"] / n, 1000 * best["without"] / n
    print(f"{n} articles, best of {args.repeat}")
    print(f"  without stance stage: {without_ms:.2f} ms CPU per article")
    print(
        f"  with stance stage:    {with_ms:.2f} ms CPU per article ({100 * (with_ms / without_ms - 1):+.1f} %)"
    )
    print(
        f"  inside the stage:     {1000 * stage_cpu / n:.3f} ms CPU per article "
        f"({100 * stage_cpu / best['without']:.1f} % of the run without it)"
    )


if __name__ == "__main__":
    main()
