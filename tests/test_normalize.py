"""Stage 2: the normalised copy and its map back to original offsets."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from de06_extract import extract_text
from de06_extract.normalize import normalize

from .conftest import assert_offsets

VI_LETTERS = "aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵĐÀÁƯƠ"
ODD = "\u00a0\u200b\u201c\u201d\u2013\u00ad\r\n\t\ufeff\u0301\u0300\u0323"
TEXT = st.text(alphabet=VI_LETTERS + VI_LETTERS.upper() + "0123456789 /.,-%()" + ODD, max_size=300)

ARTICLE = (
    "Hòa Bình hoàn thành 67/77 nhiệm vụ của Đề án 06\n"
    "22/12/2023 03:17\n"
    "Sáng 21/11, Ủy ban nhân dân tỉnh Hòa Bình cho biết đã tích hợp 25/25 dịch vụ công thiết yếu, "
    "đạt 58,2% kế hoạch năm 2024; tối thiểu 80% hồ sơ được xử lý trực tuyến từ tháng 9/2024.\n"
    "Tin, ảnh: NGỌC XOÀN\n"
)


def _facts(text: str) -> list[tuple[str, object]]:
    return [
        # fields that hold original offsets or original spelling differ between the variants
        (f.kind, f.model_dump(exclude={"text", "start", "end", "sentence", "period", "stance_cue"}))
        for f in extract_text(text).facts
    ]


def test_maps_tone_marks_and_odd_characters() -> None:
    original = "Uỷ ban\u00a0hoà “58,2%”\u200b – Thuỷ"
    norm = normalize(original)
    assert norm.text == 'Ủy ban hòa "58,2%" - Thủy'
    i = norm.text.index("58,2%")
    s, e = norm.span_to_original(i, i + 5)
    assert original[s:e] == "58,2%"
    s, e = norm.span_to_original(len(norm.text) - 4, len(norm.text))
    assert original[s:e] == "Thuỷ"


def test_nfd_spans_cover_whole_letters() -> None:
    original = unicodedata.normalize("NFD", "Thủ tướng Chính phủ")
    norm = normalize(original)
    assert norm.text == "Thủ tướng Chính phủ"
    s, e = norm.span_to_original(0, 3)
    assert unicodedata.normalize("NFC", original[s:e]) == "Thủ"


def test_variants_give_the_same_facts() -> None:
    clean = _facts(ARTICLE)
    assert clean
    old_tones = ARTICLE.replace("Hòa", "Hoà").replace("Ủy", "Uỷ")
    variants = [
        unicodedata.normalize("NFD", ARTICLE),
        old_tones,
        ARTICLE.replace("\n", "\r\n"),
        ARTICLE.replace(" ", "\u00a0", 5),
    ]
    for variant in variants:
        article = extract_text(variant)
        assert_offsets(article, variant)
        assert _facts(variant) == clean


@settings(max_examples=200, deadline=None)
@given(TEXT)
def test_span_map_round_trip(original: str) -> None:
    norm = normalize(original)
    for i in range(len(norm.text) + 1):
        s, e = norm.span_to_original(i, min(i + 3, len(norm.text)))
        assert 0 <= s <= e <= len(original)


@settings(max_examples=150, deadline=None)
@given(TEXT)
def test_offset_invariant_on_random_text(original: str) -> None:
    assert_offsets(extract_text(original), original)


def test_tone_word_check_reads_pieces_as_the_word_regex_does() -> None:
    """The check for old tone marks sees a piece wherever `\\w{2,6}+` finds one: after punctuation,
    as the tail of a long word, never inside a word of up to 6 letters."""
    from de06_extract.normalize import _WORD, _has_tone_word
    from de06_extract.underthesea_adapter import tone_marks

    keys = tone_marks().keys()
    for text in ["hoà", "(hoà)", "x,hoà.", "abcdefhoà", "abcdefghoà", "xhoà", "hoà1", "1hoà", "nhoà", "hòa"]:
        assert _has_tone_word(text, keys) == (not keys.isdisjoint(_WORD.findall(text))), text
    assert _has_tone_word("abcdefhoà", keys) and not _has_tone_word("xhoà", keys)


def test_odd_words_are_the_words_not_letters_alone_or_long() -> None:
    """`NormalizedText.odd_words` (read by the title-head scan): every distinct lower-case word holding
    a non-letter or longer than 6 characters, after the tone-mark rewrite too; `lower` is the text lower-cased."""
    for original in ["Ông A (Bộ Y tế), hoà-bình 10% nghiêngggg", "Bà B nói: “hòa bình”.", ""]:
        norm = normalize(original)
        expected = {w for w in norm.text.lower().split() if len(w) > 6 or not w.isalpha()}
        assert sorted(norm.odd_words) == sorted(expected), original
        assert norm.words == frozenset(norm.text.lower().split()) and norm.lower == norm.text.lower()
