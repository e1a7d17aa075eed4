"""Two builds of the pipeline in one process, passes over the same articles alternated (bench/RESULTS.md, "Speed, sixth pass").

    git archive BASE src patterns | tar -x -C /tmp/old     # likewise NEW into /tmp/new (or a checkout)
    DE06_CACHE_DIR= .venv/bin/python bench/ab_builds.py /tmp/old /tmp/new [--corpus DIR] [--limit 500] [--rounds 8]

On a shared machine, small gains drown in the spread of whole runs (±5-10 % between runs of the same
code under load): here both builds see the same load, pass after pass. Each build's `src/` is imported
in turn under the name `de06_extract` (its modules swapped into `sys.modules` before each of its
passes, so lazy imports stay its own, and SIGPROF reset so that its CPU timer is armed); the outputs of the two are compared first (JSONL of every
article, byte for byte; `--changed-ok` counts the differing articles and goes on, for a behaviour change), then `--rounds` rounds run both builds in alternating order. Prints CPU ms per
article of each pass, the medians and the NEW/OLD ratio per round. Each pass clears the POS window cache
(as a fresh process tags). `DE06_CACHE_DIR=` (empty): no shared compiled-pattern cache between them.
"""

from __future__ import annotations

import argparse
import signal
import statistics
import sys
import time
from pathlib import Path
from types import ModuleType
from typing import Any

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "baomoi"
PACKAGE = "de06_extract"


def _ours() -> list[str]:
    return [k for k in sys.modules if k == PACKAGE or k.startswith(PACKAGE + ".")]


def _install(modules: dict[str, ModuleType]) -> None:
    """Make `modules` the package; SIGPROF back to its default, so that this build's CPU timer installs
    its own handler (it steps aside for another's: the other build's, left in place)."""
    for name in _ours():
        del sys.modules[name]
    sys.modules.update(modules)
    signal.signal(signal.SIGPROF, signal.SIG_DFL)


def load(root: Path) -> tuple[Any, dict[str, ModuleType]]:
    """The pipeline of the build under `root` (holding `src/` and `patterns/`), with its modules."""
    _install({})
    sys.path.insert(0, str(root / "src"))
    try:
        from de06_extract import pipeline

        if not Path(pipeline.__file__ or "").resolve().is_relative_to(root.resolve()):
            raise SystemExit(f"{root}: imported {pipeline.__file__} instead")
        built = pipeline.Pipeline(root / "patterns")  # its own packs, not the installed ones
    finally:
        sys.path.remove(str(root / "src"))
    return built, {name: sys.modules[name] for name in _ours()}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("old", type=Path)
    ap.add_argument("new", type=Path)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--limit", type=int, default=500)
    ap.add_argument("--rounds", type=int, default=8)
    ap.add_argument(
        "--changed-ok", action="store_true", help="time a behaviour change: count differing articles, go on"
    )
    args = ap.parse_args()
    builds = {"old": load(args.old), "new": load(args.new)}
    decode = builds["old"][1][f"{PACKAGE}.decoding"].decode_bytes
    texts = [decode(p.read_bytes()).text for p in sorted(args.corpus.glob("*.txt"))[: args.limit]]
    outputs = {}
    for name, (built, modules) in builds.items():  # a warm-up pass, its output compared
        _install(modules)
        outputs[name] = [built.run(text).model_dump_json() for text in texts]
    differ = sum(a != b for a, b in zip(outputs["old"], outputs["new"], strict=True))
    if differ and not args.changed_ok:
        raise SystemExit("the two builds give different output")
    print(f"different output on {differ} of {len(texts)} articles")
    cpu: dict[str, list[float]] = {"old": [], "new": []}
    for r in range(args.rounds):
        for name in ("old", "new") if r % 2 == 0 else ("new", "old"):
            built, modules = builds[name]
            _install(modules)
            modules[f"{PACKAGE}.segment"]._pos_tag_cached.cache_clear()
            t0 = time.process_time()
            for text in texts:
                built.run(text)
            cpu[name].append(1000 * (time.process_time() - t0) / len(texts))
        print(f"round {r}: old {cpu['old'][-1]:.3f}, new {cpu['new'][-1]:.3f} ms CPU per article", flush=True)
    for name, values in cpu.items():
        print(f"{name}: median {statistics.median(values):.3f} ms CPU per article")
    ratios = [b / a for a, b in zip(cpu["old"], cpu["new"], strict=True)]
    print(
        f"new/old per round: {' '.join(f'{x:.3f}' for x in ratios)}; median {statistics.median(ratios):.3f}"
    )


if __name__ == "__main__":
    main()
