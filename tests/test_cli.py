"""`de06 extract` as a process: exit codes, signals, pipes, file lists, progress, quiet."""

from __future__ import annotations

import os
import pty
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import orjson
import pytest

from tests.conftest import SAMPLES

TEXT = (
    "Tổ công tác họp tổng kết chuyển đổi số\n"
    "Ngày 23/5/2023, UBND tỉnh đã hoàn thành 45/50 nhiệm vụ, đạt 90% kế hoạch năm.\n"
)
DE06 = [sys.executable, "-c", "from de06_extract.cli import main; main()"]


def de06(*args: str, stdin: bytes | None = None, timeout: float = 300) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([*DE06, *args], input=stdin, capture_output=True, timeout=timeout, check=False)


@pytest.fixture
def many(tmp_path: Path) -> Path:
    """A few hundred articles: long enough a run to be interrupted."""
    root = tmp_path / "many"
    root.mkdir()
    texts = sorted(SAMPLES.glob("*.txt"))
    for i in range(12):
        for txt in texts:
            shutil.copy(txt, root / f"{i:02d}-{txt.name}")
    return root


@pytest.fixture
def small(tmp_path: Path) -> Path:
    root = tmp_path / "small"
    root.mkdir()
    (root / "a.txt").write_text(TEXT, encoding="utf-8")
    (root / "b.txt").write_text(TEXT.replace("90%", "80%"), encoding="utf-8")
    return root


def parse_lines(data: bytes) -> list[dict[str, object]]:
    assert not data or data.endswith(b"\n")
    return [orjson.loads(line) for line in data.splitlines()]


def test_exit_0_when_every_input_is_fine(small: Path) -> None:
    proc = de06("extract", str(small), "-q")
    assert proc.returncode == 0, proc.stderr
    assert [a["source"] for a in parse_lines(proc.stdout)] == ["a.txt", "b.txt"]
    assert proc.stderr == b""


def test_exit_1_when_some_input_failed(small: Path) -> None:
    (small / "c.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    proc = de06("extract", str(small), str(small / "missing.txt"), "-q")
    assert proc.returncode == 1
    articles = parse_lines(proc.stdout)
    assert [a["source"] for a in articles][2:] == ["c.txt", str(small / "missing.txt")]
    assert [e["code"] for e in articles[2]["errors"]] == ["binary"]  # type: ignore[index]
    assert [e["code"] for e in articles[3]["errors"]] == ["not_found"]  # type: ignore[index]


@pytest.mark.parametrize(
    "args",
    [
        ["extract"],
        ["extract", "x.txt", "--resume"],
        ["extract", "x.txt", "--jobs", "-1"],
        ["extract", "--from-list", "/nonexistent/list.txt"],
        ["extract", "x.txt", "--no-such-option"],
    ],
)
def test_exit_2_on_usage_errors(args: list[str]) -> None:
    proc = de06(*args)
    assert proc.returncode == 2
    assert b"Traceback" not in proc.stderr


def test_summary_table_and_quiet(small: Path) -> None:
    loud = de06("extract", str(small))
    assert b"articles" in loud.stderr and b"failed inputs" in loud.stderr
    assert de06("extract", str(small), "--quiet").stderr == b""


def test_stdin_and_from_list(small: Path, tmp_path: Path) -> None:
    proc = de06("extract", "-", "-q", stdin=TEXT.encode())
    (article,) = parse_lines(proc.stdout)
    assert article["source"] == "-" and article["facts"]
    listing = tmp_path / "list.txt"
    listing.write_text(f"# inputs\n{small / 'b.txt'}\n\n{small / 'a.txt'}\n", encoding="utf-8")
    by_file = de06("extract", "--from-list", str(listing), "-q")
    by_stdin = de06("extract", "--from-list", "-", "-q", stdin=listing.read_bytes())
    sources = [a["source"] for a in parse_lines(by_file.stdout)]
    assert sources == [str(small / "b.txt"), str(small / "a.txt")]
    assert by_stdin.stdout == by_file.stdout


def test_quoted_glob_is_expanded_by_the_tool(small: Path) -> None:
    proc = de06("extract", str(small / "*.txt"), "-q")
    assert [a["source"] for a in parse_lines(proc.stdout)] == [str(small / "a.txt"), str(small / "b.txt")]


def test_jobs_give_identical_bytes(many: Path, tmp_path: Path) -> None:
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert de06("extract", str(many), "-o", str(one), "-j", "1", "-q").returncode == 0
    assert de06("extract", str(many), "-o", str(two), "-j", "2", "-q").returncode == 0
    assert one.read_bytes() == two.read_bytes()


def wait_for_lines(path: Path, n: int, proc: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if path.exists() and path.read_bytes().count(b"\n") >= n:
            return
        time.sleep(0.05)
    pytest.fail("the run produced no output in time")


@pytest.mark.parametrize(
    ("signum", "jobs"), [(signal.SIGINT, "2"), (signal.SIGTERM, "1"), (signal.SIGKILL, "2")]
)
def test_interrupted_run_leaves_whole_lines_and_resume_finishes(
    many: Path, tmp_path: Path, signum: int, jobs: str
) -> None:
    reference = tmp_path / "reference.jsonl"
    de06("extract", str(many), "-o", str(reference), "-q", "-j", "1")
    out = tmp_path / "out.jsonl"
    proc = subprocess.Popen(
        [*DE06, "extract", str(many), "-o", str(out), "-j", jobs],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    wait_for_lines(out, 5, proc)
    if signum == signal.SIGINT:  # what Ctrl-C does: the signal goes to the whole process group
        os.killpg(proc.pid, signum)
    else:
        proc.send_signal(signum)
    _, stderr = proc.communicate(timeout=60)
    if proc.returncode == 0:
        pytest.skip("the run finished before the signal arrived")
    if signum != signal.SIGKILL:
        assert proc.returncode == 128 + signum
        assert b"Traceback" not in stderr
        message = stderr.decode().strip().splitlines()
        assert len(message) == 1 and message[0].startswith("de06: stopped by"), stderr
        parse_lines(out.read_bytes())  # whole lines only
    else:
        assert proc.returncode == -signal.SIGKILL
    resumed = de06("extract", str(many), "-o", str(out), "--resume", "-q", "-j", "2")
    assert resumed.returncode == 0, resumed.stderr
    assert out.read_bytes() == reference.read_bytes()
    sources = [a["source"] for a in parse_lines(out.read_bytes())]
    assert len(sources) == len(set(sources))


def test_closed_pipe_exits_quietly(many: Path) -> None:
    proc = subprocess.Popen([*DE06, "extract", str(many)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    first = proc.stdout.readline()
    proc.stdout.close()  # like `| head -1`
    stderr = proc.stderr.read()
    proc.wait(timeout=120)
    assert orjson.loads(first)["source"]
    assert stderr == b"", stderr
    assert proc.returncode == 141


def test_progress_bar_on_a_terminal(many: Path, tmp_path: Path) -> None:
    primary, secondary = pty.openpty()
    proc = subprocess.Popen(
        [*DE06, "extract", str(many), "-o", str(tmp_path / "o.jsonl")],
        stdout=subprocess.DEVNULL,
        stderr=secondary,
        env={**os.environ, "COLUMNS": "120", "TERM": "xterm"},
    )
    os.close(secondary)
    seen = b""
    while True:
        try:
            chunk = os.read(primary, 65536)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
    proc.wait(timeout=120)
    os.close(primary)
    assert b"articles" in seen and b"/s" in seen
    assert b"failed inputs" in seen


def test_help_does_not_load_the_pipeline() -> None:
    code = (
        "import sys\nfrom typer.testing import CliRunner\nfrom de06_extract.cli import app\n"
        "r = CliRunner().invoke(app, ['extract', '--help'])\nassert r.exit_code == 0, r.output\n"
        "assert '--resume' in r.output and '--jobs' in r.output\n"
        "heavy = [m for m in ('underthesea', 'de06_extract.pipeline', 'regex') if m in sys.modules]\n"
        "assert not heavy, heavy\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, check=False)
    assert proc.returncode == 0, proc.stderr.decode()
