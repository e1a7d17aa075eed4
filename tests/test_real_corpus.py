"""Crash test on real articles (skipped when ../shared/corpus is absent): no errors, offsets hold."""

from __future__ import annotations

from pathlib import Path

from de06_extract import extract_text

from .conftest import assert_offsets


def test_real_articles_extract_cleanly(corpus_dir: Path) -> None:
    files = sorted(corpus_dir.glob("*.txt"))[::50]
    kinds: set[str] = set()
    for path in files:
        text = path.read_text(encoding="utf-8")
        article = extract_text(text, source=path.name)
        assert article.errors == [], (path.name, article.errors)
        assert_offsets(article, text)
        kinds.update(f.kind for f in article.facts)
    assert {"date", "percent"} <= kinds
