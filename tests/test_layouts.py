"""Text dumps in the layouts of real sites (samples/layouts): the article is found inside the chrome."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from de06_extract import extract_text
from de06_extract.document import Doc
from de06_extract.normalize import normalize
from de06_extract.pipeline import get_pipeline

from .conftest import SAMPLES, assert_offsets

LAYOUTS = sorted((SAMPLES / "layouts").glob("*.gold.toml"))
ARTICLE_FIELDS = ("title", "published", "authors")


def _case(gold_path: Path) -> tuple[str, dict[str, Any]]:
    text = gold_path.with_name(gold_path.name.removesuffix(".gold.toml") + ".txt").read_text(encoding="utf-8")
    return text, tomllib.loads(gold_path.read_text(encoding="utf-8"))


def _body_span(text: str, layout: dict[str, str]) -> tuple[int, int]:
    """Character range of the body lines: from the line holding body_first to the one holding body_last."""
    first, last = text.index(layout["body_first"]), text.index(layout["body_last"]) + len(layout["body_last"])
    return text.rfind("\n", 0, first) + 1, last


def test_there_are_at_least_15_layouts() -> None:
    assert len(LAYOUTS) >= 15


def test_title_published_authors() -> None:
    hits = dict.fromkeys(ARTICLE_FIELDS, 0)
    misses: list[str] = []
    for gold_path in LAYOUTS:
        text, gold = _case(gold_path)
        article = extract_text(text, source=gold_path.name)
        assert_offsets(article, text)
        for key in ARTICLE_FIELDS:
            if getattr(article, key) == gold["article"].get(key):
                hits[key] += 1
            else:
                misses.append(f"{gold_path.name}: {key} {getattr(article, key)!r}")
    for key in ARTICLE_FIELDS:
        assert hits[key] / len(LAYOUTS) >= 0.95, misses


@pytest.mark.parametrize("gold_path", LAYOUTS, ids=lambda p: p.name)
def test_no_body_sentence_outside_body(gold_path: Path) -> None:
    text, gold = _case(gold_path)
    doc = Doc(source=gold_path.name, norm=normalize(text))
    get_pipeline().zones.apply(doc)
    start, end = _body_span(doc.text, gold["layout"])
    for line in doc.lines:
        words = doc.text[line.start : line.end].split()
        if start <= line.start < end and len(words) >= 8 and words[-1].endswith("."):
            assert line.zone == "body", doc.text[line.start : line.end]


def _facts(article: Any, offset: int = 0) -> set[tuple[str, str, str]]:
    return {
        (
            f.kind,
            f.text,
            str(getattr(f, "value", None) or getattr(f, "name", None) or getattr(f, "number", "")),
        )
        for f in article.facts
        if f.zone in ("title", "body")
    }


def test_facts_match_the_same_article_without_chrome() -> None:
    """Title/body facts of each page equal those of its title + body alone (same published date)."""
    tp = fp = fn = 0
    for gold_path in LAYOUTS:
        text, gold = _case(gold_path)
        start, end = _body_span(text, gold["layout"])
        clean = gold["article"]["title"] + "\n" + text[start:end] + "\n"
        page = _facts(extract_text(text))
        alone = _facts(extract_text(clean, published=gold["article"]["published"]))
        tp, fp, fn = tp + len(page & alone), fp + len(page - alone), fn + len(alone - page)
    f1 = 2 * tp / (2 * tp + fp + fn)
    assert f1 >= 0.98, (tp, fp, fn)


def test_chrome_and_footer_facts_are_marked() -> None:
    text, _ = _case(SAMPLES / "layouts" / "06-haiphong-style.gold.toml")
    zones = {f.text: f.zone for f in extract_text(text).facts}
    assert zones["12/5/2025"] == "chrome"  # the page's today line, not the published date
    assert zones["ngày 10/2/2022"] == "footer"  # the licence date
    assert zones["ngày 30/4/2025"] == "body"


def test_province_subhead_and_mid_body_credit_keep_the_body() -> None:
    text = (
        "Hai tỉnh đẩy mạnh dịch vụ công trực tuyến trong năm nay\n"
        "Thứ Ba, 5/11/2024, 16:40 (GMT+7)\n"
        "Nhiều địa phương đã đưa dịch vụ công trực tuyến về cấp xã, giúp người dân giảm thời gian đi lại và chi phí.\n"
        "Quảng Ninh\n"
        "Tỉnh đã lắp đặt nhiều ki-ốt hỗ trợ tại bộ phận một cửa; tỷ lệ hồ sơ trực tuyến đạt 78% trong tháng 10.\n"
        "Ảnh: Minh Khang\n"
        "Bắc Giang\n"
        "Tỉnh thành lập nhiều tổ công nghệ số cộng đồng, đi từng hộ hướng dẫn cài đặt tài khoản định danh.\n"
        "Nhờ cách làm này, số hồ sơ trực tuyến trong tháng 10 tăng 2,4 lần so với đầu năm của tỉnh.\n"
        "Thu Hà\n"
        "Tin liên quan\n"
        "Bắc Giang đạt 85% hồ sơ trực tuyến\n"
    )
    a = extract_text(text)
    zones = {f.text: f.zone for f in a.facts}
    assert zones["78%"] == "body"
    assert [f.zone for f in a.facts if f.text == "tháng 10"] == ["body", "body"]
    assert zones["85%"] == "related"
    assert a.authors == ["Minh Khang", "Thu Hà"]
    assert a.published == "2024-11-05T16:40"


@pytest.mark.parametrize(
    ("line", "published", "authors"),
    [
        ("05/11/2024 16:40 GMT+7", "2024-11-05T16:40", []),
        ("16:40 | 05/11/2024", "2024-11-05T16:40", []),
        ("Thứ Ba, 5/11/2024, 16:40 (GMT+7)", "2024-11-05T16:40", []),
        ("Cập nhật lúc 16:40, 05/11/2024", "2024-11-05T16:40", []),
        ("05-11-2024 - 04:40 PM", "2024-11-05T16:40", []),
        ("Hải Yến | 16:40 | 05/11/2024", "2024-11-05T16:40", ["Hải Yến"]),
        ("Ngày đăng: 05/11/2024", "2024-11-05", []),
        ("Đăng lúc 16:40 ngày 05/11/2024", "2024-11-05T16:40", []),
        ("31/04/2024 08:15", None, []),
        ("Tác giả: Hải Yến | 05/11/2024 16:40", "2024-11-05T16:40", ["Hải Yến"]),
        ("Thứ Ba, 05/11/2024 | 16:40 GMT+7 | Hà Nội", "2024-11-05T16:40", []),  # a place is no author
        ("16h40 ngày 5/11/2024", "2024-11-05T16:40", []),
    ],
)
def test_timestamp_forms(line: str, published: str | None, authors: list[str]) -> None:
    text = (
        "Trang chủ / Thời sự\nTỉnh hoàn thành kế hoạch cải cách hành chính năm nay\n"
        + line
        + "\nNgày 4/11, UBND tỉnh tổ chức hội nghị tổng kết công tác cải cách hành chính với sự tham dự của các sở.\n"
    )
    a = extract_text(text)
    assert (a.title, a.published, a.authors) == (
        "Tỉnh hoàn thành kế hoạch cải cách hành chính năm nay",
        published,
        authors,
    )


def test_given_metadata_comes_first_and_the_text_fills_the_rest() -> None:
    text, gold = _case(SAMPLES / "layouts" / "03-tuoitre-style.gold.toml")
    a = extract_text(text, title="Tiêu đề từ siêu dữ liệu", published="2024-11-06T07:00:00+07:00")
    assert (a.title, a.published, a.authors) == (
        "Tiêu đề từ siêu dữ liệu",
        "2024-11-06T07:00",
        ["Thanh Hà", "Quốc Khánh"],
    )
    body = "Ngày 4/11, UBND tỉnh tổ chức hội nghị tổng kết công tác cải cách hành chính với sự tham dự của các sở.\n"
    extracted = extract_text(
        body, title="Tỉnh tổng kết cải cách hành chính"
    )  # main text without its headline
    assert [f.zone for f in extracted.facts] == ["body"]
    same = extract_text(gold["article"]["title"] + "\n" + body, title=gold["article"]["title"])
    assert [f.zone for f in same.facts] == ["body"]


def test_dates_against_the_hand_gold(tmp_path: Path) -> None:
    from de06_extract.evaluate import load_extraction, load_gold, score
    from de06_extract.output import article_line

    out = tmp_path / "layouts.jsonl"
    with open(out, "wb") as fh:
        for gold_path in LAYOUTS:
            text, _ = _case(gold_path)
            fh.write(article_line(extract_text(text, source=gold_path.name.replace(".gold.toml", ".txt"))))
    result = score(load_gold(SAMPLES / "layouts"), load_extraction(out), {"title", "body", "meta", "related"})
    dates = result.kinds["date"]
    assert (dates.precision, dates.recall) == (1.0, 1.0), dates.misses
    assert all(dates.field_accuracy(k) == 1.0 for k in dates.field_total), dates.misses
    assert all(result.article_fields.field_accuracy(k) >= 0.95 for k in ARTICLE_FIELDS)


def test_a_related_link_inside_the_body_is_related_and_the_body_goes_on() -> None:
    text = (
        "Tỉnh hoàn thành kế hoạch cải cách hành chính năm nay\n05/11/2024 16:40\n"
        "Ngày 4/11, UBND tỉnh tổ chức hội nghị tổng kết công tác cải cách hành chính với sự tham dự của các sở.\n"
        "Xem thêm: Hà Nội đạt 90% hồ sơ trực tuyến trong năm 2023\n"
        "Phát biểu tại hội nghị, Chủ tịch UBND tỉnh yêu cầu các sở hoàn thành 100% kế hoạch trước ngày 31/12/2024.\n"
        "Thu Hà\n"
    )
    a = extract_text(text)
    assert {f.text: f.zone for f in a.facts if f.kind == "percent"} == {"90%": "related", "100%": "body"}
    assert a.authors == ["Thu Hà"]


def test_page_title_repeated_by_the_headline_and_a_widget_heading_inside_the_body() -> None:
    text = (
        "Tỉnh hoàn thành kế hoạch cải cách hành chính năm nay - Báo Điện tử Tỉnh\n"
        "Trang chủ | Thời sự | Kinh tế | Xã hội\n"
        "Tỉnh hoàn thành kế hoạch cải cách hành chính năm nay\n"
        "05-11-2024 - 00:40 AM | Thời sự\n"
        "UBND tỉnh cho biết đã hoàn thành toàn bộ kế hoạch cải cách hành chính năm nay trước thời hạn hai tháng.\n"
        "TIN MỚI\n"
        "Ngày 4/11, UBND tỉnh tổ chức hội nghị tổng kết công tác cải cách hành chính với sự tham dự của các sở.\n"
        "Theo báo cáo, tỷ lệ hồ sơ trực tuyến toàn trình của tỉnh đạt 62% trong 10 tháng qua, vượt kế hoạch đề ra.\n"
        "Tin liên quan\n"
        "Tỉnh bạn đạt 55% hồ sơ trực tuyến\n"
    )
    a = extract_text(text)
    assert (a.title, a.published) == (
        "Tỉnh hoàn thành kế hoạch cải cách hành chính năm nay",
        "2024-11-05T00:40",
    )
    assert {f.text: f.zone for f in a.facts if f.kind == "percent"} == {"62%": "body", "55%": "related"}


@pytest.mark.parametrize(
    ("signoff", "authors"),
    [
        ("Thu Trang/VOV.VN", ["Thu Trang"]),
        ("Minh Anh/VOV-Tây Bắc", ["Minh Anh"]),
        ("Hà My (Báo Tin Tức)", ["Hà My"]),
        ("Thu Trang (ghi)", ["Thu Trang"]),
        ("Theo TTXVN", []),
        ("Nhóm phóng viên", []),
        ("PV", []),
    ],
)
def test_sign_offs_at_the_end(signoff: str, authors: list[str]) -> None:
    text = (
        "Tỉnh hoàn thành kế hoạch cải cách hành chính năm nay\n05/11/2024 16:40\n"
        "Ngày 4/11, UBND tỉnh tổ chức hội nghị tổng kết công tác cải cách hành chính với sự tham dự của các sở.\n"
        + signoff
        + "\n"
    )
    assert extract_text(text).authors == authors
