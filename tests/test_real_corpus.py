"""Crash test on real articles (skipped when ../shared/corpus is absent): no errors, offsets hold."""

from __future__ import annotations

from pathlib import Path

from de06_extract import extract_text

from .conftest import assert_offsets, underthesea_sentence_starts


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


def test_sentence_starts_equal_underthesea_on_real_lines(corpus_dir: Path) -> None:
    """The sentence splitter's port gives underthesea's sentences on every line of 250 real articles."""
    from de06_extract.segment import _sentence_starts

    for path in sorted(corpus_dir.glob("*.txt"))[::20]:
        for line in path.read_text(encoding="utf-8").splitlines():
            out: list[int] = []
            _sentence_starts(line, 0, len(line), out)
            assert out == underthesea_sentence_starts(line), (path.name, line[:80])


def test_starts_with_finds_what_a_full_scan_finds_on_real_articles(corpus_dir: Path) -> None:
    """Patterns tried only at their `starts_with` words find what a full scan finds (500 articles)."""
    from de06_extract.normalize import normalize
    from de06_extract.rulepacks import load_packs

    anchored = [p for pack in load_packs().values() for p in pack.patterns if p.starts]
    for path in sorted(corpus_dir.glob("*.txt"))[::10]:
        text = normalize(path.read_text(encoding="utf-8")).text
        for p in anchored:
            found = [m.span() for m in p.finditer(text, text.lower())]
            assert found == [m.span() for m in p.regex.finditer(text)], (path.name, p.name)
