"""Ratio terms are numbers: an int when whole (every integer ratio writes as before), a float otherwise."""

from __future__ import annotations

import orjson

from de06_extract import extract_text
from de06_extract.diff.align import value_of
from de06_extract.models import Article, RatioFact
from de06_extract.parquet import FACT_TYPE, article_row, row_article


def _ratio(numerator: float, denominator: float) -> RatioFact:
    return RatioFact(text="x", start=0, end=1, numerator=numerator, denominator=denominator)


def test_whole_terms_are_ints_and_decimals_floats() -> None:
    assert orjson.loads(_ratio(40.0, 50.0).model_dump_json())["numerator"] == 40
    whole = _ratio(18.0, 20.0)
    assert type(whole.numerator) is int and whole.model_dump_json().count('"numerator":18,') == 1
    assert _ratio(40.8, 50).numerator == 40.8


def test_schema_says_number() -> None:
    props = RatioFact.model_json_schema()["properties"]
    assert props["numerator"]["type"] == props["denominator"]["type"] == "number"
    assert str(FACT_TYPE.field("numerator").type) == "double"


def test_decimal_ratio_round_trips_through_a_row() -> None:
    article = extract_text("Chỉ số chất lượng của huyện Tân Lạc chỉ đạt 6,5/18 và 12/18 năm trước.")
    ratios = [f for f in article.facts if f.kind == "ratio"]
    assert [(f.numerator, f.denominator) for f in ratios] == [(6.5, 18), (12, 18)]
    back = row_article(article_row(article))
    assert back == article and isinstance(back, Article)
    assert [type(f.numerator) for f in back.facts if isinstance(f, RatioFact)] == [float, int]


def test_diff_label_keeps_integer_ratios() -> None:
    assert value_of(_ratio(67, 77))[0] == "67/77"
    assert value_of(_ratio(40.8, 50))[0] == "40.8/50"
