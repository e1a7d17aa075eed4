"""bench/run.py's argument parsing and speed-ratio arithmetic (its timings are not asserted)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_run", ROOT / "bench" / "run.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_run"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_defaults_three_rounds_with_baseline(bench: ModuleType) -> None:
    args = bench.parse_args([])
    assert args.repeat == 3
    assert not args.skip_baseline
    assert args.word_tokenize is None
    assert args.corpus == bench.DEFAULT_CORPUS
    assert args.start_up_repeat == 5


def test_at_least_one_round_and_the_baseline_mode(bench: ModuleType) -> None:
    args = bench.parse_args(["--repeat", "0", "--limit", "50", "--word-tokenize", "list.txt"])
    assert args.repeat == 1
    assert args.limit == 50
    assert args.word_tokenize == Path("list.txt")


def test_ratios_pair_the_runs_of_each_round(bench: ModuleType) -> None:
    de06 = [bench.Run(wall, cpu, 0, 0, 0) for wall, cpu in [(40.0, 38.0), (60.0, 57.0), (50.0, 40.0)]]
    baseline = [(120.0, 114.0), (150.0, 114.0), (160.0, 120.0)]  # round 2 slow for both, round 3 for one
    ratios = bench.speed_ratios(de06, baseline)
    assert ratios.rounds == [(3.0, 3.0), (2.5, 2.0), (3.2, 3.0)]
    assert ratios.median == (3.0, 3.0)
    assert ratios.fastest == (120.0 / 40.0, 114.0 / 38.0)


def test_ratios_need_a_baseline_for_every_round(bench: ModuleType) -> None:
    with pytest.raises(ValueError):
        bench.speed_ratios([bench.Run(1.0, 1.0, 0, 0, 0)], [])
