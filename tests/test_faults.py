"""Issue 14: no input, signal or neighbour can stop, hang or silently shrink a run.

Process tests bound their wall time generously (a hang is what they catch, not a slowness) and
check that no worker process outlives the run.
"""

from __future__ import annotations

import fcntl
import io
import os
import resource
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest

from de06_extract import batch
from de06_extract.api import extract_paths
from de06_extract.batch import extract_refs, plan, run_units
from de06_extract.output import Interrupted, LineWriter, article_line
from de06_extract.pipeline import MAX_FACTS, extract_text
from de06_extract.sources import ReadOptions, discover, read_stdin
from tests.conftest import assert_offsets

TEXT = "Tổ công tác họp\nNgày 23/5/2023, UBND tỉnh đã hoàn thành 45/50 nhiệm vụ, đạt 90% kế hoạch năm.\n"
DE06 = [sys.executable, "-c", "from de06_extract.cli import main; main()"]


def de06(*args: str, cwd: Path | None = None, **kw: Any) -> subprocess.CompletedProcess[bytes]:
    streams = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE, **kw}
    return subprocess.run([*DE06, *args], timeout=300, check=False, cwd=cwd, **streams)


def folder(root: Path, n: int) -> Path:
    root.mkdir(exist_ok=True)
    for i in range(n):
        (root / f"{i:03d}.txt").write_text(TEXT.replace("90%", f"{i % 97}%"), encoding="utf-8")
    return root


def children(pid: int) -> set[int]:
    """Live child processes of `pid` (zombies count as gone)."""
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        found.update(int(c) for c in task.read_text().split())
    return {c for c in found if alive(c)}


def alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def wait_gone(pids: set[int], seconds: float) -> set[int]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and any(alive(p) for p in pids):
        time.sleep(0.05)
    return {p for p in pids if alive(p)}


def start_with_workers(*args: str) -> tuple[subprocess.Popen[bytes], set[int]]:
    """A `de06 extract -j 2` run and its two workers, once both are there."""
    proc = subprocess.Popen([*DE06, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while len(workers := children(proc.pid)) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(workers) == 2, "the workers did not start"
    return proc, workers


# -- 1. file names that are not UTF-8 ----------------------------------------------------------------


def test_a_file_name_that_is_not_utf8_gets_an_article_and_resume_passes_it(tmp_path: Path) -> None:
    root = folder(tmp_path / "in", 2)
    with open(os.path.join(os.fsencode(root), b"caf\xe9.txt"), "wb") as fh:
        fh.write(TEXT.encode())
    out = tmp_path / "out.jsonl"
    for jobs in ("1", "2"):
        res = de06("extract", "-q", str(root), "-o", str(out), "-j", jobs)
        assert res.returncode == 0, res.stderr
        sources = [orjson.loads(line)["source"] for line in out.read_bytes().splitlines()]
        assert sources == ["000.txt", "001.txt", "caf\\xe9.txt"]
    before = out.read_bytes()
    res = de06(
        "extract", "-q", str(root), "-o", str(out), "--resume", "--stats-json", str(tmp_path / "s.json")
    )
    assert res.returncode == 0, res.stderr
    assert out.read_bytes() == before
    assert orjson.loads((tmp_path / "s.json").read_bytes())["resumed"] == 3


# -- 2. workers that die, signals, no process left behind --------------------------------------------


def _kill_on(source: str, marker: Path | None) -> Any:
    """A `process_unit` that SIGKILLs its worker on `source` (once if `marker` is given, else always)."""
    real = batch.process_unit

    def process_unit(unit: batch.Unit, opts: ReadOptions) -> batch.UnitResult:
        if unit.source == source and (marker is None or not marker.exists()):
            if marker is not None:
                marker.touch()
            os.kill(os.getpid(), signal.SIGKILL)
        return real(unit, opts)

    return process_unit


def _lines(units: Iterator[batch.UnitResult]) -> list[bytes]:
    return [r.line for u in units for r in u.results]


def test_a_killed_worker_is_replaced_and_its_input_retried(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    refs = list(discover([str(folder(tmp_path / "in", 12))]))
    expected = _lines(run_units(plan(refs), jobs=1))
    before = children(os.getpid())  # e.g. a resource tracker started by an earlier test
    monkeypatch.setattr(batch, "process_unit", _kill_on("005.txt", tmp_path / "killed"))
    started = time.monotonic()
    got = _lines(run_units(plan(refs), jobs=2, chunk=3, window=1))
    assert time.monotonic() - started < 120
    assert (tmp_path / "killed").exists()  # a worker did die
    assert got == expected
    assert children(os.getpid()) <= before


def test_an_input_that_kills_every_worker_gets_a_worker_died_record(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    refs = list(discover([str(folder(tmp_path / "in", 6))]))
    before = children(os.getpid())
    monkeypatch.setattr(batch, "process_unit", _kill_on("002.txt", None))
    got = [orjson.loads(line) for line in _lines(run_units(plan(refs), jobs=2, chunk=2, window=1))]
    assert [a["source"] for a in got] == [f"{i:03d}.txt" for i in range(6)]
    assert [e["code"] for e in got[2]["errors"]] == ["worker_died"]
    assert all(not a["errors"] and a["facts"] for i, a in enumerate(got) if i != 2)
    assert children(os.getpid()) <= before


def test_sigkill_of_a_worker_from_outside_loses_nothing(tmp_path: Path) -> None:
    root = folder(tmp_path / "in", 300)
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert de06("extract", "-q", str(root), "-o", str(one), "-j", "1").returncode == 0
    proc, workers = start_with_workers("extract", "-q", str(root), "-o", str(two), "-j", "2")
    os.kill(min(workers), signal.SIGKILL)
    proc.communicate(timeout=300)
    assert proc.returncode == 0
    assert two.read_bytes() == one.read_bytes()


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_a_signal_stops_the_run_and_its_workers_in_bounded_time(tmp_path: Path, signum: int) -> None:
    root = folder(tmp_path / "in", 2000)
    proc, workers = start_with_workers("extract", "-q", str(root), "-o", str(tmp_path / "o.jsonl"), "-j", "2")
    time.sleep(0.5)
    sent = time.monotonic()
    proc.send_signal(signum)
    _, err = proc.communicate(timeout=60)
    assert time.monotonic() - sent < 20
    assert proc.returncode == 128 + signum
    assert b"Traceback" not in err and b"stopped by" in err
    assert not wait_gone(workers, 5)


def test_a_signal_swallowed_by_a_destructor_is_quiet_and_still_stops_the_run(
    capsys: pytest.CaptureFixture[str],
) -> None:
    writer = LineWriter(io.BytesIO())

    class Dies:
        def __del__(self) -> None:
            writer._handle(signal.SIGTERM, None)  # the signal arrives while a destructor runs

    with writer.signals():
        Dies()
        with pytest.raises(Interrupted):
            writer.check()
    assert "Exception ignored" not in capsys.readouterr().err


def test_workers_do_not_outlive_a_killed_parent(tmp_path: Path) -> None:
    root = folder(tmp_path / "in", 2000)
    proc, workers = start_with_workers("extract", "-q", str(root), "-o", str(tmp_path / "o.jsonl"), "-j", "2")
    proc.kill()
    _, err = proc.communicate(timeout=60)
    assert not wait_gone(workers, 10)
    assert b"Traceback" not in err and b"BrokenPipe" not in err


def test_options_reach_the_workers_as_arguments(tmp_path: Path) -> None:
    root = folder(tmp_path / "in", 4)
    (root / "big.txt").write_text(TEXT * 50, encoding="utf-8")
    for jobs in ("1", "2"):
        res = de06("extract", "-q", str(root), "-j", jobs, "--max-bytes", "1000")
        codes = {
            orjson.loads(line)["source"]: orjson.loads(line)["errors"] for line in res.stdout.splitlines()
        }
        assert [e["code"] for e in codes["big.txt"]] == ["too_large"]
        assert not codes["000.txt"]


# -- 3. inputs that used to vanish -------------------------------------------------------------------


def test_an_unreadable_sub_folder_is_an_error_record(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = folder(tmp_path / "in", 2)
    secret = root / "secret"
    folder(secret, 1)
    if os.geteuid() != 0:
        secret.chmod(0)
    else:  # root lists anything: simulate the permission error
        real = os.scandir

        def guarded(path: Any = ".") -> Any:
            if str(path) == str(secret):
                raise PermissionError(13, "Permission denied", str(path))
            return real(path)

        monkeypatch.setattr(os, "scandir", guarded)
        monkeypatch.setattr(os, "open", _refuse(secret, os.open))
    try:
        articles = list(extract_refs(discover([str(root)])))
    finally:
        secret.chmod(0o755)
    assert [a.source for a in articles] == ["000.txt", "001.txt", "secret"]
    assert [e.code for e in articles[2].errors] == ["read_error"]
    assert "Permission denied" in articles[2].errors[0].message


def _refuse(path: Path, real: Any) -> Any:
    def guarded(file: Any, *args: Any, **kwargs: Any) -> Any:
        if str(file) == str(path):
            raise PermissionError(13, "Permission denied", str(file))
        return real(file, *args, **kwargs)

    return guarded


def test_a_folder_past_the_path_length_limit_is_an_error_record(tmp_path: Path) -> None:
    root = folder(tmp_path / "in", 1)
    fd = os.open(root, os.O_RDONLY)
    try:
        for _ in range(25):  # 25 × 201 characters: past PATH_MAX (4096)
            os.mkdir("d" * 200, dir_fd=fd)
            inner = os.open("d" * 200, os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = inner
        article = os.open("deep.txt", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd)
        os.write(article, TEXT.encode())
        os.close(article)
    finally:
        os.close(fd)
    articles = list(extract_refs(discover([str(root)])))
    assert articles[0].source == "000.txt" and not articles[0].errors
    assert len(articles) == 2 and articles[1].source.startswith("d" * 200)
    assert [e.code for e in articles[1].errors] == ["read_error"]
    assert "too long" in articles[1].errors[0].message


def test_a_glob_without_a_match_is_a_usage_error(tmp_path: Path) -> None:
    folder(tmp_path / "in", 1)
    res = de06("extract", str(tmp_path / "in" / "*.txt"), str(tmp_path / "nothing" / "*.txt"))
    assert res.returncode == 2
    assert b"no file matches" in res.stderr and res.stdout == b""
    api = list(extract_paths([str(tmp_path / "nothing" / "*.txt")]))  # the API: a not_found record
    assert [e.code for e in api[0].errors] == ["not_found"]


# -- 4. FIFOs and other non-regular files ------------------------------------------------------------


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_fifo_named_txt_is_reported_not_read(tmp_path: Path, jobs: str) -> None:
    root = folder(tmp_path / "in", 2)
    os.mkfifo(root / "pipe.txt")
    os.mkfifo(root / "pipe.jsonl")
    res = de06("extract", "-q", str(root), "-j", jobs)
    assert res.returncode == 1
    by_source = {a["source"]: a for a in map(orjson.loads, res.stdout.splitlines())}
    assert set(by_source) == {"000.txt", "001.txt", "pipe.jsonl", "pipe.txt"}
    assert [e["code"] for e in by_source["pipe.txt"]["errors"]] == ["not_regular"]
    assert [e["code"] for e in by_source["pipe.jsonl"]["errors"]] == ["not_regular"]


# -- 5. two runs on one output -----------------------------------------------------------------------


@pytest.mark.parametrize("resume", [False, True])
def test_a_second_run_on_a_locked_output_stops_with_exit_2(tmp_path: Path, resume: bool) -> None:
    root = folder(tmp_path / "in", 2)
    out = tmp_path / "out.jsonl"
    out.write_bytes(b'{"source": "kept"}\n')
    with open(out, "ab") as holder:
        fcntl.flock(holder, fcntl.LOCK_EX)
        res = de06("extract", "-q", str(root), "-o", str(out), *(["--resume"] if resume else []))
    assert res.returncode == 2
    assert b"another de06 run" in res.stderr and b"Traceback" not in res.stderr
    assert out.read_bytes() == b'{"source": "kept"}\n'


# -- 6. -o - -----------------------------------------------------------------------------------------


def test_output_dash_is_stdout(tmp_path: Path) -> None:
    root = folder(tmp_path / "in", 2)
    res = de06("extract", "-q", str(root), "-o", "-", cwd=tmp_path)
    assert res.returncode == 0
    assert len(res.stdout.splitlines()) == 2
    assert not (tmp_path / "-").exists()


# -- 7. write errors ---------------------------------------------------------------------------------


def test_a_full_disk_gives_exit_3_and_one_line(tmp_path: Path) -> None:
    root = folder(tmp_path / "in", 3)
    res = de06("extract", "-q", str(root), "-o", "/dev/full")
    assert res.returncode == 3
    assert res.stderr.decode().count("\n") == 1 and b"No space left" in res.stderr
    with open("/dev/full", "wb") as full:
        res = de06("extract", "-q", str(root), stdout=full, stderr=subprocess.PIPE)
    assert res.returncode == 3 and b"Traceback" not in res.stderr and b"No space left" in res.stderr


def _limit_file_size(limit: int) -> Any:
    def preexec() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return preexec


def test_a_write_error_leaves_whole_lines_and_resume_finishes(tmp_path: Path) -> None:
    root = folder(tmp_path / "in", 20)
    clean, out = tmp_path / "clean.jsonl", tmp_path / "out.jsonl"
    assert de06("extract", "-q", str(root), "-o", str(clean)).returncode == 0
    size = len(clean.read_bytes()) // 2 + 7  # the limit falls inside a line
    res = subprocess.run(
        [*DE06, "extract", "-q", str(root), "-o", str(out)],
        capture_output=True,
        timeout=300,
        check=False,
        preexec_fn=_limit_file_size(size),
    )
    assert res.returncode == 3 and b"Traceback" not in res.stderr
    written = out.read_bytes()
    assert 0 < len(written) <= size and written.endswith(b"\n")
    assert clean.read_bytes().startswith(written)  # whole lines only
    assert de06("extract", "-q", str(root), "-o", str(out), "--resume").returncode == 0
    assert out.read_bytes() == clean.read_bytes()


# -- 8. dense text -----------------------------------------------------------------------------------


def test_an_article_dense_with_facts_keeps_a_bounded_number_with_a_warning() -> None:
    text = "58,2% " * (MAX_FACTS + 10)
    article = extract_text(text)
    assert len(article.facts) == MAX_FACTS
    assert [w.code for w in article.warnings] == ["too_many_facts"]
    assert_offsets(article, text)


def test_a_pattern_stops_matching_past_its_bound_with_a_warning(monkeypatch: pytest.MonkeyPatch) -> None:
    from de06_extract.recognizers import base

    monkeypatch.setattr(base, "MAX_MATCHES", 5)
    text = "Nghị quyết số 57-NQ/TW, " * 12
    article = extract_text(text)
    assert 0 < sum(f.kind == "document" for f in article.facts) <= 5
    assert "too_many_facts" in [w.code for w in article.warnings]
    assert_offsets(article, text)


# -- 9. smaller ones ---------------------------------------------------------------------------------


def test_resume_warns_about_and_counts_garbage_lines(tmp_path: Path) -> None:
    root = folder(tmp_path / "in", 3)
    out = tmp_path / "out.jsonl"
    assert de06("extract", "-q", str(root), "-o", str(out)).returncode == 0
    lines = out.read_bytes().splitlines(keepends=True)
    out.write_bytes(lines[0] + b"garbage, not JSON\n" + lines[1])
    stats = tmp_path / "s.json"
    res = de06("extract", "-q", str(root), "-o", str(out), "--resume", "--stats-json", str(stats))
    assert res.returncode == 0
    assert b"1 line(s) are not article records (line 2)" in res.stderr
    assert orjson.loads(stats.read_bytes())["bad_lines"] == 1
    assert len(out.read_bytes().splitlines()) == 4


class _Endless(io.RawIOBase):
    """A stream of `total` bytes that remembers the largest read asked of it."""

    def __init__(self, total: int) -> None:
        self.left = total
        self.largest = 0

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        self.largest = max(self.largest, size if size >= 0 else self.left)
        n = min(self.left, size if size >= 0 else self.left)
        self.left -= n
        return b"a" * n


def test_stdin_is_read_with_a_bound() -> None:
    stream = _Endless(50 * 1024 * 1024)
    raw = read_stdin(1000, stream)  # type: ignore[arg-type]
    assert raw.error is not None and raw.error.code == "too_large"
    assert stream.largest <= 1 << 20 and stream.left == 0  # drained in chunks, never held whole


def test_a_lone_surrogate_is_replaced_with_a_warning() -> None:
    text = "Ngày 1/1/2020 \ud800 đạt 5%.\nTiêu đề \udce9"
    article = extract_text(text, title="T\udc80")
    assert "lone_surrogate" in [w.code for w in article.warnings]
    orjson.loads(article_line(article))  # serialises
    assert_offsets(article, text.replace("\ud800", "\ufffd").replace("\udce9", "\ufffd"))


@pytest.mark.parametrize("text", ["", "  \n\t"])
def test_extract_text_of_nothing_has_the_empty_warning(text: str) -> None:
    assert [w.code for w in extract_text(text).warnings] == ["empty"]


def test_encoding_is_null_for_text_given_as_a_string(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "b.jsonl").write_bytes(orjson.dumps({"id": "x", "text": TEXT}) + b"\n")
    by_source = {a.source: a for a in extract_paths([str(tmp_path)])}
    assert by_source["a.txt"].encoding == "utf-8"  # bytes decoded by de06
    assert by_source["b.jsonl#x"].encoding is None  # a string, like the API's
    assert extract_text(TEXT).encoding is None


def test_parquet_output_is_locked_and_replaced_whole(tmp_path: Path) -> None:
    """`-o out.parquet` takes the same lock as JSONL (a second run stops with exit 2, the file kept),
    and a run writes beside the file, moving the finished file onto it (no half-written Parquet)."""
    pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    from de06_extract.output import OutputBusy, open_output

    root = folder(tmp_path / "in", 2)
    out = tmp_path / "out.parquet"
    assert de06("extract", "-q", str(root), "-o", str(out)).returncode == 0
    before = out.read_bytes()
    sink = open_output(out, resume=False)
    try:
        with pytest.raises(OutputBusy):
            open_output(out, resume=False)
        res = de06("extract", "-q", str(root), "-o", str(out))
        assert res.returncode == 2 and b"another de06 run" in res.stderr
        assert out.read_bytes() == before  # the open sink writes elsewhere until it closes
    finally:
        sink.close()
    assert pq.read_table(out).num_rows == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "out.parquet"]
    assert de06("extract", "-q", str(root), "-o", str(out)).returncode == 0
    assert pq.read_table(out).num_rows == 2
