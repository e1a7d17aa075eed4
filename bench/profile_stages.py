"""Where the CPU goes: in-process CPU per article and per pipeline stage (the RESULTS.md breakdown).

    .venv/bin/python bench/profile_stages.py [--corpus ../shared/corpus/baomoi] [--limit 1000] [--repeat 2]
    .venv/bin/python bench/profile_stages.py --cprofile 30   # the 30 costliest functions instead

Runs the pipeline over the first `--limit` articles (sorted by name) `--repeat` times after a warm-up
and prints, from the fastest pass, the CPU per article of each stage (normalisation, zones,
sentences, each recognizer, resolution, years, stance, building the facts) and, inside them, of
`underthesea_adapter.pos_tag` (POS tagging, wherever called). CPU seconds, not wall: the figures
hold on a busy machine.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from de06_extract import pipeline as pipeline_module
from de06_extract import segment, underthesea_adapter
from de06_extract.decoding import decode_bytes
from de06_extract.pipeline import Pipeline

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "baomoi"

CPU: dict[str, float] = defaultdict(float)


def timed(name: str, func: Callable[..., Any]) -> Callable[..., Any]:
    """`func`, its CPU time added to CPU[name]."""

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        t0 = time.process_time()
        try:
            return func(*args, **kwargs)
        finally:
            CPU[name] += time.process_time() - t0

    return wrapper


def timed_iter(name: str, func: Callable[..., Iterator[Any]]) -> Callable[..., Iterator[Any]]:
    """A generator function, run to the end inside the timer."""

    def wrapper(*args: Any, **kwargs: Any) -> Iterator[Any]:
        t0 = time.process_time()
        try:
            found = list(func(*args, **kwargs))
        finally:
            CPU[name] += time.process_time() - t0
        return iter(found)

    return wrapper


def instrument(p: Pipeline) -> None:
    pipeline_module.normalize = timed("normalisation", pipeline_module.normalize)  # type: ignore[assignment]
    pipeline_module.split_sentences = timed("sentences", pipeline_module.split_sentences)  # type: ignore[assignment]
    pipeline_module.select = timed("resolution", pipeline_module.select)  # type: ignore[assignment]
    p.zones.apply = timed("zones", p.zones.apply)  # type: ignore[method-assign]
    p.years.apply = timed("years", p.years.apply)  # type: ignore[method-assign]
    p.stance.apply = timed("stance", p.stance.apply)  # type: ignore[method-assign]
    p._fact = timed("fact models", p._fact)  # type: ignore[method-assign]
    for rec in p.recognizers:
        rec.recognize = timed_iter(rec.kind, rec.recognize)  # type: ignore[method-assign]
    underthesea_adapter.pos_tag = timed("  (of which POS tagging)", underthesea_adapter.pos_tag)  # type: ignore[assignment]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--limit", type=int, default=1000)
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--cprofile", type=int, default=0, help="print this many costliest functions instead")
    args = ap.parse_args()
    paths = sorted(args.corpus.glob("*.txt"))[: args.limit]
    texts = [decode_bytes(p.read_bytes()).text for p in paths]
    p = Pipeline()
    for text in texts[:50]:  # load the tagger and lazy tables before timing
        p.run(text)
    if args.cprofile:
        profile = cProfile.Profile(time.process_time)
        profile.runcall(lambda: [p.run(t) for t in texts])
        pstats.Stats(profile).sort_stats("tottime").print_stats(args.cprofile)
        return
    instrument(p)
    best: dict[str, float] = {}
    best_total = float("inf")
    for _ in range(args.repeat):
        CPU.clear()
        segment._pos_tag_cached.cache_clear()  # each pass tags as a fresh process would
        t0 = time.process_time()
        for text in texts:
            p.run(text)
        total = time.process_time() - t0
        if total < best_total:
            best_total, best = total, dict(CPU)
    n = len(texts)
    print(f"{n} articles, fastest of {args.repeat} passes: {1000 * best_total / n:.2f} ms CPU per article")
    for name, cpu in sorted(best.items(), key=lambda kv: -kv[1]):
        print(f"  {name:28} {1000 * cpu / n:6.3f} ms")
    rest = best_total - sum(v for k, v in best.items() if not k.startswith(" "))
    print(f"  {'rest (run, Article model)':28} {1000 * rest / n:6.3f} ms")


if __name__ == "__main__":
    main()
