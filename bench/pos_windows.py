"""CPU per POS-tagged window, as a real run sees it (bench/RESULTS.md, "Speed, third pass").

    .venv/bin/python bench/pos_windows.py [--corpus ../shared/corpus/baomoi] [--every 3] [--limit 1500] [--repeat 3]

Runs the pipeline once over every `--every`-th corpus article (sorted by name, at most `--limit`) and
keeps the windows the recognizers ask `underthesea_adapter.pos_tag` for, in order. Then, `--repeat`
times, tags them all with a freshly loaded tagger: the first pass with empty token and token-group
caches (cold: a run over new articles), the second with the caches the first left (warm: what
`bench/profile_stages.py`'s second pass over the same articles sees). Prints the fastest of each, in
µs of CPU per window. Another checkout's adapter: `PYTHONPATH=OTHER/src` before the command.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from de06_extract import underthesea_adapter
from de06_extract.decoding import decode_bytes
from de06_extract.pipeline import Pipeline

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "baomoi"


def windows(paths: list[Path]) -> list[str]:
    """The texts the pipeline POS-tags over these articles, in order."""
    asked: list[str] = []
    tag = underthesea_adapter.pos_tag

    def keep(text: str) -> list[tuple[str, str]]:
        asked.append(text)
        return tag(text)

    underthesea_adapter.pos_tag = keep  # type: ignore[assignment]
    try:
        pipeline = Pipeline()
        for path in paths:
            pipeline.run(decode_bytes(path.read_bytes()).text)
    finally:
        underthesea_adapter.pos_tag = tag  # type: ignore[assignment]
    return asked


def cpu_per_window(texts: list[str]) -> float:
    t0 = time.process_time()
    for text in texts:
        underthesea_adapter.pos_tag(text)
    return 1e6 * (time.process_time() - t0) / len(texts)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--every", type=int, default=3)
    ap.add_argument("--limit", type=int, default=1500)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    paths = sorted(args.corpus.glob("*.txt"))[args.every - 1 :: args.every][: args.limit]
    texts = windows(paths)
    cold, warm = [], []
    for _ in range(args.repeat):
        underthesea_adapter._tagger.cache_clear()  # a fresh tagger: empty caches
        underthesea_adapter.pos_tag("Hà Nội")  # its models loaded outside the timing
        cold.append(cpu_per_window(texts))
        warm.append(cpu_per_window(texts))
    print(
        f"{len(paths)} articles, {len(texts)} windows of {sum(map(len, texts)) / len(texts):.1f} characters"
    )
    print(
        f"  cold (empty caches): {min(cold):.1f} µs CPU per window (runs {', '.join(f'{c:.1f}' for c in cold)})"
    )
    print(f"  warm (same windows again): {min(warm):.1f} µs (runs {', '.join(f'{w:.1f}' for w in warm)})")


if __name__ == "__main__":
    main()
