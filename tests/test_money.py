"""Money: spans, ranges, the currency table, the samples' gold (examples: tests/corpus/money.toml)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from de06_extract import extract_text
from de06_extract.decoding import decode_bytes
from de06_extract.evaluate import KindScore, load_gold, score
from de06_extract.models import Article
from de06_extract.recognizers.base import Candidate
from de06_extract.recognizers.money import _Spans
from de06_extract.rulepacks import load_packs

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def _facts(article: Article, kind: str) -> list[Any]:
    return [f for f in article.facts if f.kind == kind]


def _check_spans(text: str, article: Article) -> None:
    for f in article.facts:
        assert f.text == text[f.start : f.end]


def test_qualifier_not_in_span() -> None:
    text = "Người dân tiết kiệm gần 700 triệu đồng."
    (fact,) = _facts(extract_text(text), "money")
    assert fact.text == "700 triệu đồng" and fact.qualifier == "gần" and fact.approx


def test_range_start_inherits_scale_and_currency() -> None:
    text = "Mỗi huyện được bố trí từ 5 đến 7 tỷ đồng."
    first, second = _facts(extract_text(text), "money")
    assert (first.text, first.value, first.currency, first.range) == ("5", 5e9, "VND", "start")
    assert (second.text, second.value, second.range) == ("7 tỷ đồng", 7e9, "end")


def test_offsets_survive_normalisation() -> None:
    # a non-breaking space and a decomposed tone mark before the amount
    text = "Tổng\u00a0vốn la\u0300 1.750 tỷ đồng."
    article = extract_text(text)
    _check_spans(text, article)
    (fact,) = _facts(article, "money")
    assert fact.value == 1.75e12


def test_every_currency_spelling_has_a_code() -> None:
    pack = load_packs()["money"]
    codes = pack.table("currency_codes")
    assert set(pack.lexicon("currency")) <= set(codes)
    assert all(len(code) == 3 and code.isupper() for code in codes.values())
    assert {w.lower() for w in pack.lexicon("scale")} == set(pack.table("scales"))


# -- the samples' gold: money precision and recall -------------------------------------------------------

ZONES = {"title", "meta", "body", "related"}


def sample_scores(kind: str) -> KindScore:
    """Score `extract_text` over the samples against their gold for one kind (files annotating it)."""
    gold = {name: g for name, g in load_gold(SAMPLES).items() if kind in g.annotated}
    extraction: dict[str, dict[str, Any]] = {}
    for name in gold:
        path = next(p for p in SAMPLES.glob(name + ".*") if not p.name.endswith(".gold.toml"))
        text = decode_bytes(path.read_bytes()).text
        article = extract_text(text, source=path.name)
        _check_spans(text, article)
        extraction[name] = article.model_dump(mode="json", by_alias=True)
    return score(gold, extraction, ZONES).kinds.get(kind, KindScore())


@pytest.mark.skipif(not any(SAMPLES.glob("*.gold.toml")), reason="no gold samples")
def test_samples_money_precision_recall() -> None:
    s = sample_scores("money")
    assert s.tp > 0
    assert s.precision >= 0.95 and s.recall >= 0.95, s.misses
    assert s.field_accuracy("range") == 1.0, s.misses


@given(
    spans=st.lists(st.tuples(st.integers(0, 200), st.integers(1, 40)), max_size=30),
    probe=st.tuples(st.integers(0, 240), st.integers(1, 40)),
)
def test_span_index_answers_as_a_scan_of_every_amount(
    spans: list[tuple[int, int]], probe: tuple[int, int]
) -> None:
    """The money recognizer's sorted span index (`_Spans`, kept so that dense text stays linear)
    gives the answers a scan of every amount found would give."""
    found = [Candidate("money", s, s + n, 0.9, "r", {"value": float(s), "currency": "VND"}) for s, n in spans]
    index = _Spans(found[: len(found) // 2])
    for c in found[len(found) // 2 :]:
        index.add(c)
    start, end = probe[0], probe[0] + probe[1]
    assert index.overlaps(start, end) == any(c.start < end and start < c.end for c in found)
    assert sorted(id(c) for c in index.between(start, end)) == sorted(
        id(c) for c in found if start <= c.start < end
    )
    assert ((float(start), "VND") in index.values) == any(c.start == start for c in found)


def test_the_currency_gate_passes_wherever_the_currency_pattern_matches() -> None:
    """`Amounts.currency_match` tries the currency pattern only after a word opening with a currency word's
    letters: at every position of the samples, and after a number before every currency spelling (as
    written, upper- and lower-cased), it finds what the pattern finds."""
    from de06_extract.normalize import normalize
    from de06_extract.recognizers.money import Amounts

    amounts = Amounts(load_packs()["money"])
    spellings = load_packs()["money"].lexicon("currency")
    texts = [normalize(p.read_text(encoding="utf-8")).text for p in sorted(SAMPLES.glob("*.txt"))]
    texts += [f"giá 5 {c}, 6 {c.upper()} và 7 {c.lower()}." for c in spellings]
    matched = 0
    for text in texts:
        for pos in range(len(text)):
            full = amounts.currency.match(text, pos)
            fast = amounts.currency_match(text, pos)
            assert (fast and fast.span("cur")) == (full and full.span("cur")), text[pos : pos + 30]
            matched += full is not None
    assert matched > 3 * len(spellings)
