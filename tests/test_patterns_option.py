"""Which rule packs run: `--patterns DIR` on the CLI, `patterns_dir=` on the API, `$DE06_PATTERNS`, else
the packs shipped in the package; `de06 --version` and `python -m de06_extract`."""

from __future__ import annotations

import shutil
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import orjson
import pytest
from typer.testing import CliRunner

from de06_extract import extract_paths, extract_text
from de06_extract.cli import app
from de06_extract.rulepacks import default_patterns_dir

from .conftest import PATTERNS, SAMPLES

SAMPLE = SAMPLES / "03-thu-tuong-nghi-quyet-57.txt"


@pytest.fixture
def no_percent(tmp_path: Path) -> Path:
    """A user's own packs: a copy of the shipped ones without the percent pack."""
    mine = tmp_path / "mine"
    shutil.copytree(PATTERNS, mine, ignore=shutil.ignore_patterns("__init__.py", "__pycache__"))
    (mine / "percent.toml").unlink()
    return mine


def _kinds(article_line: bytes) -> set[str]:
    return {f["kind"] for f in orjson.loads(article_line)["facts"]}


def test_the_default_is_the_shipped_packs_then_the_environment(
    monkeypatch: pytest.MonkeyPatch, no_percent: Path
) -> None:
    monkeypatch.delenv("DE06_PATTERNS", raising=False)
    assert default_patterns_dir().resolve() == PATTERNS.resolve()
    monkeypatch.setenv("DE06_PATTERNS", str(no_percent))
    assert default_patterns_dir() == no_percent


def test_extract_with_own_packs(no_percent: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    shipped = runner.invoke(app, ["extract", "-q", str(SAMPLE)])
    own = runner.invoke(app, ["extract", "-q", "--patterns", str(no_percent), str(SAMPLE)])
    assert shipped.exit_code == own.exit_code == 0, own.output
    assert _kinds(shipped.stdout_bytes) - _kinds(own.stdout_bytes) == {"percent"}
    missing = runner.invoke(app, ["extract", "-q", "--patterns", str(tmp_path / "nowhere"), str(SAMPLE)])
    assert missing.exit_code == 2


def test_api_with_own_packs(no_percent: Path) -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    assert "percent" in {f.kind for f in extract_text(text).facts}
    assert "percent" not in {f.kind for f in extract_text(text, patterns_dir=no_percent).facts}
    for jobs in (1, 2):  # in this process, and in worker processes
        articles = list(
            extract_paths([str(SAMPLE), str(SAMPLES / "01-*.txt")], jobs=jobs, patterns_dir=no_percent)
        )
        assert len(articles) == 2
        assert not any(f.kind == "percent" for a in articles for f in a.facts)


def test_version() -> None:
    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout.split() == ["de06", version("de06-extract")]


def test_module_entry_point() -> None:
    """`python -m de06_extract` is the same command line as `de06` (for pipelines without the script)."""
    done = subprocess.run(
        [sys.executable, "-m", "de06_extract", "--version"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["de06", version("de06-extract")]
