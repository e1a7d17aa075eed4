"""Shared fixtures: project folders and the offset-invariant check."""

from __future__ import annotations

from pathlib import Path

import pytest

from de06_extract.models import Article

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
PATTERNS = ROOT / "patterns"
CORPUS = ROOT.parent / "shared" / "corpus" / "baomoi"


def assert_offsets(article: Article, original: str) -> None:
    """Every fact's text is exactly original[start:end]."""
    for fact in article.facts:
        assert original[fact.start : fact.end] == fact.text, fact


@pytest.fixture
def corpus_dir() -> Path:
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus/baomoi is absent")
    return CORPUS


def underthesea_sentence_starts(chunk: str) -> list[int]:
    """Where underthesea's `sent_tokenize` starts the sentences of `chunk` (the port's reference)."""
    from de06_extract.underthesea_adapter import public_sentence_starts

    return public_sentence_starts(chunk)
