"""Random and hostile text: no exception, and every fact's text is original[start:end]."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from de06_extract import extract_text
from de06_extract.batch import process_raw
from de06_extract.decoding import decode_bytes
from de06_extract.models import Article
from de06_extract.sources import RawArticle
from tests.conftest import assert_offsets, underthesea_sentence_starts

VI_LETTERS = "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ"
ALPHABET = (
    VI_LETTERS + VI_LETTERS.upper() + "0123456789" + "/.,-%()" + " \n\r\t:;" + "\u0301\u0323\u00a0\u2013"
)
WORDS = [
    "ngày",
    "tháng",
    "năm",
    "quý",
    "Ngày",
    "đạt",
    "tăng",
    "giảm",
    "hơn",
    "gần",
    "khoảng",
    "từ",
    "đến",
    "tỷ",
    "triệu",
    "đồng",
    "USD",
    "%",
    "phần trăm",
    "/",
    "-",
    ".",
    ",",
    "(",
    ")",
    "Nghị quyết",
    "số",
    "NQ-CP",
    "Thủ tướng",
    "Chính phủ",
    "ông",
    "bà",
    "UBND",
    "tỉnh",
    "nhiệm vụ",
    "hồ sơ",
    "\n",
    "2023",
    "12",
    "1/1",
    "23/5/2023",
    "III",
    "đầu",
    "cuối",
    "giữa",
    "năm 2024",
    "0,5",
    "1.000",
    "45/50",
    "Nguyễn Văn An",
    "mét",
    "km",
    "tấn",
    "ha",
    "lần",
    "người",
    "Bộ trưởng",
]


def check(text: str) -> Article:
    article = extract_text(text)
    assert not article.errors, article.errors
    assert_offsets(article, text)
    for fact in article.facts:
        assert 0 <= fact.start <= fact.end <= len(text)
    return article


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=ALPHABET, max_size=400))
def test_random_vietnamese_text(text: str) -> None:
    check(text)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(WORDS) | st.text(alphabet=ALPHABET, max_size=6), max_size=80))
def test_random_sentences_of_fact_words(words: list[str]) -> None:
    text = " ".join(words)
    check(text)
    check(unicodedata.normalize("NFD", text))  # combining marks change lengths: offsets must still hold


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=300))
def test_random_bytes_through_decoding(data: bytes) -> None:
    from de06_extract.sources import decode_raw

    raw = decode_raw("fuzz.txt", data)
    article = process_raw(raw)
    if raw.error is None:
        assert_offsets(article, raw.text)
        assert not article.errors
    else:
        assert article.errors


@settings(max_examples=100, deadline=None)
@given(st.text(st.characters(exclude_categories=("Cc", "Cs")), max_size=200))
def test_text_decodes_back_unchanged(text: str) -> None:
    """UTF-8 without a BOM, and UTF-16/32 with one, come back exactly as written."""
    if not text.startswith("\ufeff"):
        assert decode_bytes(text.encode("utf-8")).text == text
    for codec in ("utf-16", "utf-32"):
        decoded = decode_bytes(text.encode(codec))
        assert decoded.text == text and decoded.encoding.startswith(codec)


HOSTILE = {
    "slashes": lambda n: ("1/" * n)[:n],
    "ngay": lambda n: ("Ngày " * n)[:n],
    "capitalised": lambda n: ("Nguyễn Văn Thành Phố Hồ Chí Minh Ủy Ban Nhân Dân " * n)[:n],
    "digits_dots": lambda n: ("1.2.3.4.5.6.7.8.9.0." * n)[:n],
    "digits_commas": lambda n: ("12,5 " * n)[:n],
    "percents": lambda n: ("5% " * n)[:n],
    "parentheses": lambda n: ("(1/2) (" * n)[:n],
    "titled_names": lambda n: ("Bộ trưởng Nguyễn Văn An cho biết, " * n)[:n],
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_inputs_complete(name: str) -> None:
    """Pathological text finishes without an exception (timing is measured in bench/hostile.py)."""
    text = HOSTILE[name](50_000)
    article = process_raw(RawArticle("hostile", text))
    assert not article.errors
    assert_offsets(article, text)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(WORDS) | st.text(alphabet=ALPHABET, max_size=8), max_size=25))
def test_fast_pos_tag_equals_underthesea(words: list[str]) -> None:
    """underthesea_adapter.pos_tag computes underthesea's features faster; the tags must be the same."""
    from underthesea import pos_tag as reference

    from de06_extract.underthesea_adapter import pos_tag, uses_internals

    assert uses_internals()

    text = " ".join(words)
    assert pos_tag(text) == reference(text)


SENTENCE_PIECES = ["...", "…", "TP.", "e.g.", "Dr.", "ts.", "1.500", "Ông", "Hà Nội", "?!", ". ", "\t", "\r"]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(SENTENCE_PIECES + WORDS) | st.text(alphabet=ALPHABET, max_size=6), max_size=30)
)
def test_sentence_starts_equal_underthesea(pieces: list[str]) -> None:
    """segment._sentence_starts ports underthesea's sent_tokenize rules; the sentences must be the same."""
    from de06_extract.segment import _sentence_starts

    chunk = "".join(pieces).replace("\n", " ")
    out: list[int] = []
    _sentence_starts(chunk, 0, len(chunk), out)
    assert out == underthesea_sentence_starts(chunk)
