"""Shared fixtures: project folders and the offset-invariant check."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from de06_extract.models import Article
from de06_extract.rulepacks import CACHE_ENV

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
PATTERNS = ROOT / "patterns"
CORPUS = ROOT.parent / "shared" / "corpus" / "baomoi"


def pytest_configure(config: pytest.Config) -> None:
    """Compiled patterns of the test run go to a folder of their own, not the user's cache."""
    os.environ[CACHE_ENV] = tempfile.mkdtemp(prefix="de06-test-cache-")


def pytest_unconfigure(config: pytest.Config) -> None:
    shutil.rmtree(os.environ.pop(CACHE_ENV), ignore_errors=True)


def assert_offsets(article: Article, original: str) -> None:
    """Every fact's text is exactly original[start:end]."""
    for fact in article.facts:
        assert original[fact.start : fact.end] == fact.text, fact


def patterns_copy(tmp_path: Path) -> Path:
    """A copy of the rule packs to edit in a test."""
    patterns = tmp_path / "patterns"
    shutil.copytree(PATTERNS, patterns)
    return patterns


def replace_once(path: Path, old: str, new: str) -> None:
    """Replace the first `old` in a file (which must hold it) by `new`."""
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def corpus_dir() -> Path:
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus/baomoi is absent")
    return CORPUS


def underthesea_sentence_starts(chunk: str) -> list[int]:
    """Where underthesea's `sent_tokenize` starts the sentences of `chunk` (the port's reference)."""
    from de06_extract.underthesea_adapter import public_sentence_starts

    return public_sentence_starts(chunk)
