"""Quantities: ranges, exclusions, the samples' gold (examples: tests/corpus/quantity.toml)."""

from __future__ import annotations

from typing import Any

import pytest

from de06_extract import extract_text
from de06_extract.models import Article

from .test_money import SAMPLES, sample_scores

PUBLISHED = "2024-06-15"


def _quantities(text: str) -> list[Any]:
    article: Article = extract_text(text, published=PUBLISHED)
    for f in article.facts:
        assert f.text == text[f.start : f.end]
    return [f for f in article.facts if f.kind == "quantity"]


def test_range_shares_unit_and_scale() -> None:
    first, second = _quantities("Dịch vụ phục vụ 5 - 7 triệu người mỗi tháng.")
    assert (first.text, first.value, first.unit, first.range) == ("5", 5e6, "người", "start")
    assert (second.text, second.value, second.unit, second.range) == ("7 triệu người", 7e6, "người", "end")


def test_money_is_not_a_quantity() -> None:
    article = extract_text("Thành phố bố trí 500 tỷ đồng cho 222 dự án.")
    kinds = {(f.kind, f.text) for f in article.facts}
    assert ("money", "500 tỷ đồng") in kinds
    assert ("quantity", "222 dự án") in kinds
    assert not any(k == "quantity" and "đồng" in t for k, t in kinds)


def test_quantity_yields_to_document_and_ratio() -> None:
    article = extract_text("Văn bản 452 yêu cầu hoàn thành 67/77 nhiệm vụ.")
    assert not [f for f in article.facts if f.kind == "quantity"]


def _quantity_gold() -> bool:
    return any(
        '"quantity"' in p.read_text(encoding="utf-8").split("\n[", 1)[0] for p in SAMPLES.glob("*.gold.toml")
    )


@pytest.mark.skipif(not _quantity_gold(), reason="no sample gold annotates quantities")
def test_samples_quantity_precision_recall() -> None:
    s = sample_scores("quantity")
    assert s.tp > 0
    assert s.precision >= 0.85 and s.recall >= 0.85, s.misses


def test_the_known_phrase_gate_passes_wherever_the_pattern_matches() -> None:
    """`_known` tries `phrases.known` only after a word opening with a known phrase's letters: every
    position of the samples, and every entry of `known` and `list_nouns` after a number (as written and
    capitalised), where the pattern matches passes the gate."""
    from de06_extract.normalize import normalize
    from de06_extract.pipeline import get_pipeline
    from de06_extract.recognizers.quantity import QuantityRecognizer
    from de06_extract.rulepacks import lead_letters, load_packs

    quantity = next(r for r in get_pipeline().recognizers if isinstance(r, QuantityRecognizer))
    known = quantity.phrases.known
    phrases = load_packs()["phrases"]
    entries = [e for name in ("known", "list_nouns") for e in phrases.lexicon(name)]
    texts = [normalize(p.read_text(encoding="utf-8")).text for p in sorted(SAMPLES.glob("*.txt"))]
    texts += [f"có 3 {e} và 4 {e[:1].upper() + e[1:]}, 5 {e}." for e in entries]
    matched = 0
    for text in texts:
        for pos in range(len(text)):
            if known.match(text, pos):
                matched += 1
                assert lead_letters(text, pos) in quantity.known_heads, text[pos : pos + 40]
                assert quantity._known(text, pos) is not None
    assert matched > len(entries)
