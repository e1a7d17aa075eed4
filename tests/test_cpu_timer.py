"""The CPU timer that bounds an article's pattern runs instead of `regex`'s per-call timeouts."""

from __future__ import annotations

import signal
import threading
from pathlib import Path

import pytest
import regex

from de06_extract import rulepacks
from de06_extract.batch import plan, run_units
from de06_extract.document import Doc
from de06_extract.normalize import normalize
from de06_extract.pipeline import get_pipeline
from de06_extract.rulepacks import CompiledPattern, cpu_timer, end_allowance, timer_allowance
from de06_extract.sources import InputRef

SLOW = r"(?:(?:a|aa)+)+b"  # backtracks without end on a run of "a"


def test_the_timer_stops_a_runaway_pattern(monkeypatch: pytest.MonkeyPatch) -> None:
    """Scanned or tried at its start words, a pattern run without `regex`'s timeout is stopped by the
    timer with TimeoutError once its allowance is spent."""
    monkeypatch.setattr(rulepacks, "TIMEOUT_BASE", 0.05)
    text = "a" * 60
    for starts in ((), ("a",)):
        pattern = CompiledPattern("slow", regex.compile(SLOW), 1.0, "", starts)
        with cpu_timer(), pytest.raises(TimeoutError):
            assert timer_allowance(text)
            try:
                list(pattern.finditer(text, text.lower(), timed=False))
            finally:
                end_allowance()


def test_a_recognizer_run_gives_the_timeout_warning(monkeypatch: pytest.MonkeyPatch) -> None:
    """Through `Recognizer.run` under the timer: the warning `regex_timeout`, then the next pattern."""
    monkeypatch.setattr(rulepacks, "TIMEOUT_BASE", 0.05)
    recognizer = get_pipeline().recognizers[0]
    doc = Doc(source="-", norm=normalize("a" * 60))
    slow = CompiledPattern("slow", regex.compile(SLOW), 1.0, "")
    fast = CompiledPattern("fast", regex.compile("a"), 1.0, "")
    with cpu_timer():
        assert list(recognizer.run(doc, slow)) == []
        assert len(list(recognizer.run(doc, fast))) == 60
    assert [w.code for w in doc.warnings] == ["regex_timeout"]


def test_the_timer_is_only_armed_where_it_may_be() -> None:
    """Armed in the main thread only, never over someone else's SIGPROF handler; disarmed after."""
    seen: list[bool] = []

    def elsewhere() -> None:
        with cpu_timer():
            seen.append(timer_allowance("text"))

    worker = threading.Thread(target=elsewhere)
    worker.start()
    worker.join()
    with cpu_timer():
        seen.append(timer_allowance("text"))
        assert signal.getitimer(signal.ITIMER_PROF) != (0.0, 0.0)
    assert signal.getitimer(signal.ITIMER_PROF) == (0.0, 0.0)
    previous = signal.signal(signal.SIGPROF, signal.SIG_IGN)
    try:
        with cpu_timer():
            seen.append(timer_allowance("text"))
    finally:
        signal.signal(signal.SIGPROF, previous)
    assert seen == [False, True, False]


def test_outside_the_timer_patterns_keep_their_timeouts() -> None:
    assert not timer_allowance("text")


def test_one_process_runs_disarm_the_timer_between_articles(tmp_path: Path) -> None:
    """With one job the results are yielded to the caller's code: the timer is armed per article only,
    so nothing of ours ticks in the caller between two results."""
    refs = []
    for n in range(3):
        path = tmp_path / f"a{n}.txt"
        path.write_text(f"Ngày {n + 1}/5/2023, ông Nguyễn Văn An cho biết 45/50 nhiệm vụ.", encoding="utf-8")
        refs.append(InputRef(source=path.name, path=str(path)))
    armed = [signal.getitimer(signal.ITIMER_PROF) != (0.0, 0.0) for _ in run_units(plan(refs), jobs=1)]
    assert armed == [False, False, False]
