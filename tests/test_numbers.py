"""Vietnamese number notation: parse_number/parse_int keep their contract; parse_amount round-trips."""

from __future__ import annotations

import math
import re
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from de06_extract.numbers import (
    SCALES,
    decimal_table,
    english_style,
    is_ambiguous,
    parse_amount,
    parse_decimal,
    parse_int,
    parse_number,
)

# -- the contract ratio.py and percent.py rely on -----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1.084", 1084.0),
        ("58,2", 58.2),
        ("1.5", 1.5),
        ("1.500.000", 1_500_000.0),
        ("345.323", 345_323.0),
        ("7,73", 7.73),
        ("1.234,5", 1234.5),
        ("1,234.5", 1234.5),
        ("104,002,250", 104_002_250.0),
        ("2000", 2000.0),
        ("02", 2.0),
    ],
)
def test_parse_number(text: str, value: float) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["", ".5", "5.", "1.2.3", "1,2,3,4", "abc", "1.23.4"])
def test_parse_number_rejects(text: str) -> None:
    assert parse_number(text) is None


def test_parse_int() -> None:
    assert parse_int("1.084") == 1084
    assert parse_int("77") == 77
    assert parse_int("58,2") is None
    assert parse_int("1,000") is None  # a comma is a decimal mark, never a whole number


# -- amounts ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("500 tỷ", 5e11),
        ("1,7 triệu tỷ", 1.7e15),
        ("2.394 triệu", 2.394e9),
        ("345.323 tỷ", 3.45323e14),
        ("7,73 tỷ", 7.73e9),
        ("200 nghìn", 2e5),
        ("1.500.000", 1.5e6),
        ("566 tỷ 384 triệu", 5.66384e11),
        ("1 tỷ 200 triệu 500 nghìn", 1_200_500_000.0),
        ("50tỷ", 5e10),
        ("15 ngàn", 15_000.0),
        ("3 tỉ", 3e9),
    ],
)
def test_parse_amount(text: str, value: float) -> None:
    assert parse_amount(text) == value


def test_parse_amount_exact_decimal() -> None:
    # decimal arithmetic: no 7730000000.000001
    assert parse_amount("7,73 tỷ") == 7_730_000_000.0
    assert parse_amount("1,1 triệu") == 1_100_000.0


def test_parse_amount_words() -> None:
    scales = decimal_table({**SCALES, "trăm": "100"})
    words = decimal_table({"hai": "2", "nửa": "0.5", "năm": "5"})
    assert parse_amount("hai trăm triệu", scales, words) == 2e8
    assert parse_amount("nửa tỷ", scales, words) == 5e8
    assert parse_amount("năm trăm nghìn", scales, words) == 5e5


def test_parse_amount_spelled_tens() -> None:
    """A word of `tens` makes tens of the word before it; a unit may follow a ten (draw-39)."""
    words = decimal_table({"hai": "2", "năm": "5", "mười": "10", "lăm": "5", "nửa": "0.5"})
    tens = {"mươi"}
    assert parse_amount("năm mươi triệu", None, words, tens=tens) == 5e7
    assert parse_amount("hai mươi lăm triệu", None, words, tens=tens) == 2.5e7
    assert parse_amount("mười hai tỷ", None, words, tens=tens) == 1.2e10
    assert parse_amount("mười triệu", None, words, tens=tens) == 1e7
    assert parse_amount("nửa mươi triệu", None, words, tens=tens) is None  # no tens of a half
    assert parse_amount("năm mươi triệu", None, words) is None  # without `tens`, "mươi" is unknown


@pytest.mark.parametrize("text", ["5 triệu 2 tỷ", "1 200 triệu", "1 tỷ 1.500 triệu", "triệu", "5 người", ""])
def test_parse_amount_rejects(text: str) -> None:
    assert parse_amount(text) is None


# -- property: generated Vietnamese number strings round-trip -------------------------------------------


def _group_thousands(n: int) -> str:
    """1500000 → '1.500.000' (Vietnamese thousands dots)."""
    return f"{n:,}".replace(",", ".")


@st.composite
def vietnamese_amount(draw: st.DrawFn) -> tuple[str, Decimal]:
    integer = draw(st.integers(min_value=0, max_value=10**12))
    decimals = draw(st.one_of(st.none(), st.integers(min_value=0, max_value=10**4)))
    # thousands dots, or none for numbers written plainly ("2000")
    dotted = draw(st.booleans()) or integer >= 10_000
    head = _group_thousands(integer) if dotted else str(integer)
    expected = Decimal(integer)
    text = head
    if decimals is not None:
        digits = str(decimals)
        text += "," + digits
        expected += Decimal(f"0.{digits}")
    words = draw(st.lists(st.sampled_from(sorted(SCALES)), max_size=3))
    for w in words:
        expected *= Decimal(str(SCALES[w]))
    sep = draw(st.sampled_from([" ", "  "]))
    if words:
        text += sep + " ".join(words)
    return text, expected


@given(vietnamese_amount())
def test_amount_round_trip(case: tuple[str, Decimal]) -> None:
    text, expected = case
    value = parse_amount(text)
    assert value is not None, text
    assert math.isclose(value, float(expected), rel_tol=1e-9, abs_tol=1e-12), (text, value, expected)


@given(st.integers(min_value=1000, max_value=10**15))
def test_dotted_integer_round_trip(n: int) -> None:
    text = _group_thousands(n)
    assert parse_int(text) == n
    assert parse_decimal(text) == Decimal(n)


@given(st.integers(min_value=0, max_value=10**6), st.integers(min_value=1, max_value=10**5))
def test_decimal_comma_round_trip(whole: int, frac: int) -> None:
    digits = str(frac)
    text = f"{_group_thousands(whole)},{digits}"
    assert parse_decimal(text) == Decimal(f"{whole}.{digits}")


@given(
    st.integers(min_value=1, max_value=999),
    st.sampled_from(["tỷ", "triệu tỷ", "nghìn tỷ"]),
    st.integers(min_value=1, max_value=999),
    st.sampled_from(["triệu", "nghìn"]),
)
def test_compound_round_trip(big: int, big_scale: str, small: int, small_scale: str) -> None:
    text = f"{big} {big_scale} {small} {small_scale}"
    expected = big * _product(big_scale) + small * _product(small_scale)
    value = parse_amount(text)
    assert value is not None
    assert math.isclose(value, expected, rel_tol=1e-9)


def _product(scales: str) -> float:
    """The factor of stacked scale words ('triệu tỷ' → 1e15)."""
    return math.prod(SCALES[w] for w in scales.split())


def test_english_style_is_decided_from_unambiguous_numbers() -> None:
    assert english_style("lãi suất 7.25%, vốn 1,234.5 triệu, thêm 2,500 người")
    assert not english_style("lãi suất 7,25%, vốn 1.234,5 triệu, thêm 2,500 người")
    assert not english_style("ngày 15.8, có 2,500 người")  # a dotted date says nothing
    assert parse_amount("2,500 tỷ", english=True) == 2.5e12
    assert parse_amount("2,500 tỷ") == 2.5e9


def test_is_ambiguous_needs_a_comma() -> None:
    """`is_ambiguous` tests for a comma before its pattern, which holds one: every number of the samples."""
    from de06_extract.numbers import _AMBIGUOUS

    from .conftest import SAMPLES

    numbers = ["2,500", "1,234", "2.500", "7,25", "1.234,5"] + [
        n for p in SAMPLES.glob("*.txt") for n in re.findall(r"[\d.,]*\d", p.read_text(encoding="utf-8"))
    ]
    assert any(map(is_ambiguous, numbers))
    assert all(is_ambiguous(n) == (_AMBIGUOUS.search(n) is not None) for n in numbers)
