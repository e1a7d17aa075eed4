"""Stage 3: zones, title, published date and authors from the article's lines."""

from __future__ import annotations

from de06_extract import extract_text
from de06_extract.pipeline import get_pipeline
from de06_extract.zones import _CHARS_PER_WORD, _WORD

from .conftest import SAMPLES

ARTICLE = """Tỉnh hoàn thành 25/25 dịch vụ công thiết yếu
Thứ Sáu, 15/3/2024 08:45 (GMT+7)
Sáng 14/3, UBND tỉnh tổ chức hội nghị sơ kết Đề án 06, đạt 58,2% kế hoạch năm 2024.
Ảnh: VGP/Nhật Bắc
Các đại biểu thống nhất tiếp tục làm sạch dữ liệu trong tháng 4/2024.
Tin, ảnh: NGỌC XOÀN
Tin khác
Hà Nội: 90% hồ sơ được số hóa trong năm 2023
"""


def test_zones_title_published_authors() -> None:
    a = extract_text(ARTICLE)
    assert a.title == "Tỉnh hoàn thành 25/25 dịch vụ công thiết yếu"
    assert a.published == "2024-03-15T08:45"
    assert a.authors == ["Nhật Bắc", "Ngọc Xoàn"]
    zones = {f.text: f.zone for f in a.facts}
    assert zones["25/25 dịch vụ công thiết yếu"] == "title"
    assert zones["15/3/2024 08:45"] == "meta"
    assert zones["14/3"] == "body"
    assert zones["tháng 4/2024"] == "body"
    assert zones["90%"] == "related"
    assert zones["năm 2023"] == "related"


def test_title_is_the_headline_as_written() -> None:
    """Rules read the normalised copy (straight quotes, ASCII hyphens); the title keeps the page's own."""
    a = extract_text("Tỉnh “về đích” sớm – 25/25 dịch vụ công\nNội dung chính năm 2024 của tỉnh.\n")
    assert a.title == "Tỉnh “về đích” sớm – 25/25 dịch vụ công"
    assert [f.text for f in a.facts if f.zone == "title"] == ["25/25 dịch vụ công"]


def test_teaser_after_byline_is_related() -> None:
    a = extract_text(
        "Tiêu đề bài viết\nNội dung chính năm 2024.\nPhương Duyên\nBài khác: tăng 12% năm 2023.\n"
    )
    assert a.authors == ["Phương Duyên"]
    assert {f.text: f.zone for f in a.facts} == {"năm 2024": "body", "12%": "related", "năm 2023": "related"}


def test_published_drives_year_inference_and_sentences_are_counted() -> None:
    a = extract_text("Tiêu đề\n00:13, 11/06/2024\nNgày 10/6, đoàn làm việc. Ngày 28/12 họp tổng kết.\n")
    assert a.published == "2024-06-11T00:13"
    dates = {f.text: (f.value, f.sentence) for f in a.facts if f.kind == "date"}
    assert dates["Ngày 10/6"][0] == "2024-06-10"
    assert dates["Ngày 28/12"][0] == "2023-12-28"
    assert dates["Ngày 28/12"][1] == dates["Ngày 10/6"][1] + 1


def test_word_count_is_exact_up_to_the_largest_threshold() -> None:
    """Lines are told apart by word counts up to the largest threshold of the pack; a longer line
    counts as that many, read from its first characters only."""
    from de06_extract.pipeline import get_pipeline

    zones = get_pipeline().zones
    cap = zones.max_words
    for n in (0, 1, 6, 7, cap - 1, cap, cap + 1, 5 * cap):
        for word in ("ab", "nghiêng", "x" * 40):
            line = " ".join([word] * n)
            assert zones._count_words(line) == min(n, cap), (n, word)


def test_word_count_reads_as_the_listed_words() -> None:
    """`_count_words` (one `enough_words` match first) counts as listing the words does: the words of the
    line up to `max_words`, and `max_words` for a line whose first characters hold that many."""
    zones = get_pipeline().zones
    limit = _CHARS_PER_WORD * zones.max_words
    lines = [
        line
        for path in sorted(SAMPLES.glob("*.txt"))
        for line in path.read_text(encoding="utf-8").splitlines()
    ]
    lines += [line[k:] for line in lines if len(line) > limit for k in range(0, len(line) - limit, 37)]
    lines += ["", "—", "a " * zones.max_words, "a " * (zones.max_words - 1), "x" * limit + " b", "ab," * 50]
    capped = 0
    for line in lines:
        listed = len(_WORD.findall(line, 0, limit)) >= zones.max_words
        expected = zones.max_words if listed else min(len(_WORD.findall(line)), zones.max_words)
        assert zones._count_words(line) == expected, line[:80]
        capped += expected == zones.max_words
    assert capped > 10
