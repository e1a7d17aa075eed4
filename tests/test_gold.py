"""Score the extractor against the hand-made gold beside every sample article."""

from __future__ import annotations

from pathlib import Path

import pytest

from de06_extract.api import extract_paths
from de06_extract.evaluate import EvalResult, load_gold, score
from de06_extract.models import FACT_KINDS
from de06_extract.output import article_line

from .conftest import SAMPLES, assert_offsets

GOLD_FILES = sorted(SAMPLES.glob("*.gold.toml"))
THRESHOLD = 0.95
# Fields the issues ask to be exact (or nearly) on the gold, beyond the identity of each fact.
FIELD_THRESHOLDS = {
    ("document", "issuer"): 1.0,
    ("document", "issued"): 1.0,
    ("document", "key"): 1.0,
    ("person", "titles"): 0.9,
    ("person", "key"): 1.0,
    ("date", "year_inferred"): 1.0,
    ("ratio", "unit"): 0.95,
}


@pytest.fixture(scope="module")
def result(tmp_path_factory: pytest.TempPathFactory) -> EvalResult:
    if not GOLD_FILES:
        pytest.skip("no gold files")
    out = tmp_path_factory.mktemp("gold") / "out.jsonl"
    texts = {p.name: p.read_text(encoding="utf-8") for p in SAMPLES.glob("*.txt")}
    with open(out, "wb") as fh:
        for article in extract_paths([str(SAMPLES)]):
            if article.source in texts:
                assert_offsets(article, texts[article.source])
            fh.write(article_line(article))
    from de06_extract.evaluate import load_extraction

    return score(load_gold(SAMPLES), load_extraction(out), {"title", "body", "meta", "related"})


def test_there_are_enough_samples() -> None:
    assert len(GOLD_FILES) >= 10
    for gold in GOLD_FILES:
        assert Path(str(gold).removesuffix(".gold.toml") + ".txt").exists()


@pytest.mark.parametrize("kind", FACT_KINDS)
def test_precision_and_recall(result: EvalResult, kind: str) -> None:
    if kind not in result.kinds:
        pytest.skip(f"no gold for {kind}")
    s = result.kinds[kind]
    report = "\n".join(s.misses)
    assert s.precision >= THRESHOLD, report
    assert s.recall >= THRESHOLD, report


@pytest.mark.parametrize(("kind", "field"), sorted(FIELD_THRESHOLDS))
def test_field_accuracy(result: EvalResult, kind: str, field: str) -> None:
    s = result.kinds[kind]
    assert s.field_total.get(field, 0) > 0, f"the gold gives no {kind}.{field}"
    assert s.field_accuracy(field) >= FIELD_THRESHOLDS[kind, field], "\n".join(s.misses)


def test_article_fields(result: EvalResult) -> None:
    a = result.article_fields
    for field in ("title", "published", "authors"):
        assert a.field_accuracy(field) >= THRESHOLD, "\n".join(a.misses)
