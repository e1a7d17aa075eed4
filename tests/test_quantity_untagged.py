"""Counted nouns read without the tagger (docs/speed8.md): one word before the clause's end, a stop word
or a rate's "/"; the tagger still reads compounds with a stop word and listed function words."""

from __future__ import annotations

from typing import Any

import pytest

from de06_extract import extract_text, underthesea_adapter
from de06_extract.recognizers import quantity

pytestmark = pytest.mark.skipif(
    underthesea_adapter.dictionary() is None, reason="underthesea's dictionary is not readable"
)


def _units(text: str, monkeypatch: pytest.MonkeyPatch) -> tuple[list[str], list[str]]:
    """The quantities' units and the windows the quantity recognizer asked the tagger for."""
    asked: list[str] = []
    tag = quantity.pos_window

    def spy(doc: Any, start: int, end: int) -> Any:
        asked.append(doc.text[start:end])
        return tag(doc, start, end)

    monkeypatch.setattr(quantity, "pos_window", spy)
    facts = extract_text(text).facts
    for f in facts:
        assert f.text == text[f.start : f.end]
    return [f.unit for f in facts if f.kind == "quantity"], asked


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("Kho còn 12 tấn.", "tấn"),
        ("Có 40 doanh nghiệp đã đăng ký.", "doanh nghiệp"),
        ("Xe đạt 100 km/h sau ít phút.", "km/h"),
        ("Căn hộ rộng 30 m2, giá cao.", "m2"),
    ],
)
def test_one_word_before_a_boundary_needs_no_tagger(
    text: str, unit: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    units, asked = _units(text, monkeypatch)
    assert units == [unit]
    assert asked == []


def test_a_word_the_dictionary_joins_to_the_stop_word_is_tagged(monkeypatch: pytest.MonkeyPatch) -> None:
    units, asked = _units("Họ mua 5 thiết bị trong tuần.", monkeypatch)  # "bị" is a stop word
    assert units == ["thiết bị"]
    assert asked


def test_a_dictionary_word_before_a_stop_word_is_read_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    units, asked = _units("Có 2 khách mời đã đến.", monkeypatch)  # not "khách", the syllable alone
    assert units == ["khách mời"]
    assert asked == []


def test_a_function_word_is_asked_of_the_tagger(monkeypatch: pytest.MonkeyPatch) -> None:
    _, asked = _units("Tiệm có 5 chỉ đã bán hết.", monkeypatch)
    assert asked and asked[0].startswith("5 chỉ")
