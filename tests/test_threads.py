"""`extract_text` is pure: threads and processes (spawn and fork) give what a serial run gives."""

from __future__ import annotations

import multiprocessing
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

import pytest

from de06_extract.output import article_line
from de06_extract.pipeline import extract_text

from .conftest import SAMPLES

TEXTS = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))]
ROUNDS = 3


def _line(text: str) -> bytes:
    return article_line(extract_text(text))


@pytest.fixture(scope="module")
def serial() -> list[bytes]:
    return [_line(t) for t in TEXTS]


@pytest.fixture
def tiny_switch_interval() -> Iterator[None]:
    """Threads switch every microsecond: shared per-article state would be trampled at once."""
    before = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    yield
    sys.setswitchinterval(before)


@pytest.mark.usefixtures("tiny_switch_interval")
def test_eight_threads_give_the_serial_output(serial: list[bytes]) -> None:
    with ThreadPoolExecutor(max_workers=8) as pool:
        for _ in range(ROUNDS):
            assert list(pool.map(_line, TEXTS)) == serial


@pytest.mark.parametrize("method", ["spawn", "fork"])
def test_processes_give_the_serial_output(serial: list[bytes], method: str) -> None:
    if method not in multiprocessing.get_all_start_methods():
        pytest.skip(f"no {method} start method here")
    with ProcessPoolExecutor(max_workers=2, mp_context=multiprocessing.get_context(method)) as pool:
        assert list(pool.map(_line, TEXTS * 2)) == serial * 2


COLD_START = """
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.setswitchinterval(1e-6)
from de06_extract.output import article_line
from de06_extract.pipeline import extract_text

texts = [p.read_text(encoding="utf-8") for p in sorted(Path(sys.argv[1]).glob("*.txt"))]
with ThreadPoolExecutor(max_workers=8) as pool:
    threaded = list(pool.map(lambda t: article_line(extract_text(t)), texts))
assert threaded == [article_line(extract_text(t)) for t in texts], "threads differ from serial"
"""


def test_threads_building_the_pipeline_at_once_give_the_serial_output() -> None:
    """Eight threads of a fresh process race to build the pipeline and load the models."""
    done = subprocess.run(
        [sys.executable, "-c", COLD_START, str(SAMPLES)], capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stderr
