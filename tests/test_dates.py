"""The one date reader: validity, ISO values, published metadata, path dates, years of day-months."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from de06_extract import extract_text
from de06_extract.dates import from_groups, is_valid, iso, normalise_published, path_date
from tests.test_cli import de06

from .conftest import assert_offsets


@pytest.mark.parametrize(
    ("day", "month", "year", "ok"),
    [
        (31, 4, 2024, False),
        (30, 4, 2024, True),
        (29, 2, 2023, False),
        (29, 2, 2024, True),
        (29, 2, None, True),
    ],
)
def test_calendar_validity(day: int, month: int, year: int | None, ok: bool) -> None:
    assert is_valid(day, month, year) is ok


def test_iso_values_at_their_grain() -> None:
    assert iso(2024, 6, 11) == "2024-06-11"
    assert iso(2024, 6, 11, 8, 15) == "2024-06-11T08:15"
    assert iso(None, 6, 11) == "--06-11"
    assert iso(2024, 6) == "2024-06"
    assert iso(2024, 6, 11, 24, 0) is None
    assert (
        from_groups({"d": "05", "m": "11", "y": "2024", "hh": "04", "mi": "40", "ap": "PM"})
        == "2024-11-05T16:40"
    )


def test_31_april_is_invalid_for_timestamps_issue_dates_and_date_facts() -> None:
    text = (
        "Tin về nghị định mới của Chính phủ năm 2024\n"
        "31/04/2024 08:15\n"
        "Chính phủ ban hành Nghị định số 13/2023/NĐ-CP ngày 31/04/2023 về bảo vệ dữ liệu cá nhân, "
        "có hiệu lực từ ngày 31/4/2024 theo thông báo của văn phòng.\n"
    )
    a = extract_text(text)
    assert_offsets(a, text)
    assert a.published is None
    assert not [f for f in a.facts if f.kind == "date" and "31/" in f.text]
    doc = next(f for f in a.facts if f.kind == "document")
    assert doc.issued is None  # type: ignore[union-attr]
    assert {w.code for w in a.warnings} >= {"invalid_date", "document_date_malformed"}


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("2024-06-11", "2024-06-11"),
        ("2024-06-11T08:15:00+07:00", "2024-06-11T08:15"),
        ("2024-06-11 08:15", "2024-06-11T08:15"),
        ("11/06/2024", "2024-06-11"),
        ("08:15, 11/06/2024", "2024-06-11T08:15"),
        ("Thứ Ba, 05/11/2024 16:40 (GMT+7)", "2024-11-05T16:40"),
        ("20240611", "2024-06-11"),
        ("31/04/2024 08:15", None),
        ("2024-02-30", None),
        ("garbage", None),
        ("", None),
    ],
)
def test_published_metadata_is_validated(given: str, expected: str | None) -> None:
    assert normalise_published(given) == expected


def test_garbage_published_is_not_echoed_and_is_warned() -> None:
    a = extract_text(
        "Tiêu đề bài viết hôm nay\nNgày 10/6, đoàn công tác làm việc tại tỉnh.\n", published="garbage"
    )
    assert a.published is None
    assert "bad_published" in {w.code for w in a.warnings}
    assert next(f for f in a.facts if f.kind == "date").value == "--06-10"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("news/2024/06/11/slug.txt", "2024-06-11"),
        ("dump/20240611-thu-tuong.txt", "2024-06-11"),
        ("a/2024-06-11_b.txt", "2024-06-11"),
        ("samples/diff/2023/2023-01-so-ket.txt", None),
        ("news/20241399-x.txt", None),
        ("000123.txt", None),
    ],
)
def test_date_in_the_path(source: str, expected: str | None) -> None:
    assert path_date(source) == expected


def test_published_precedence_metadata_then_timestamp_then_path_then_run() -> None:
    page = "Tiêu đề bài viết hôm nay\n05/11/2024 16:40\nNgày 10/6, đoàn công tác làm việc tại tỉnh.\n"
    bare = "Tiêu đề bài viết hôm nay\nNgày 10/6, đoàn công tác làm việc tại tỉnh.\n"
    from de06_extract.pipeline import get_pipeline

    run = get_pipeline().run
    assert run(page, "2023/01/02/a.txt", published="2022-03-04").published == "2022-03-04"
    assert run(page, "2023/01/02/a.txt").published == "2024-11-05T16:40"
    assert run(bare, "2023/01/02/a.txt", default_published="2021-01-01").published == "2023-01-02"
    assert run(bare, "a.txt", default_published="2021-01-01").published == "2021-01-01"
    dated = run(bare, "a.txt", default_published="2021-01-01")
    assert next(f for f in dated.facts if f.kind == "date").value == "2021-06-10"  # type: ignore[union-attr]


def test_pre_1900_full_dates_are_dates() -> None:
    text = "Lịch sử địa phương\nTheo sử liệu, ngày 7/2/1855 triều đình ban hành chiếu chỉ lập huyện mới.\n"
    a = extract_text(text)
    assert [(f.text, f.value) for f in a.facts if f.kind == "date"] == [("ngày 7/2/1855", "1855-02-07")]  # type: ignore[union-attr]


YEARS = [
    # the same sentence states a full date close to it: its year
    (
        "Ngày 15/3, UBND tỉnh sơ kết đợt cao điểm bắt đầu từ ngày 1/3/2017 trên địa bàn.",
        "15/3",
        "2017-03-15",
    ),
    # ... across the new year, the nearer year
    ("Ngày 5/1, tỉnh tổng kết đợt ra quân bắt đầu từ ngày 28/12/2016 tại các xã.", "5/1", "2017-01-05"),
    # a history or anniversary date is no reference
    ("Sáng 20/5, tỉnh tổ chức lễ kỷ niệm ngày thành lập huyện (19/5/1957).", "20/5", "--05-20"),
    # a year stated elsewhere in the article is no reference
    ("Năm 2016, tỉnh đạt nhiều kết quả. Sáng 20/5, đoàn công tác làm việc tại huyện.", "20/5", "--05-20"),
    # two different candidate years: abstain
    ("Ngày 2/3, tỉnh tổng kết giai đoạn từ ngày 1/3/2016 đến ngày 1/3/2017 của đề án.", "2/3", "--03-02"),
    # the end of a range gives its start the year
    ("Đợt cao điểm diễn ra từ ngày 1/7 đến ngày 31/12/2024 trên toàn tỉnh.", "ngày 1/7", "2024-07-01"),
    # a month with its year in the sentence, close to the day-month
    ("Bàn giao xong trong tháng 2-2019, để kể từ ngày 1-3, sở mới hoạt động.", "ngày 1-3", "2019-03-01"),
    ("Ngày 3/2, báo cáo quý IV/2018 của công ty được công bố.", "Ngày 3/2", "2019-02-03"),
    ("Ngày 5/1, công ty công bố báo cáo tháng 6/2018 của chi nhánh.", "Ngày 5/1", "--01-05"),
    # a year naming the day-month's event, joined by an event verb or a parenthesis in its clause
    ("Lễ trao giải Music Awards 2019 diễn ra ngày 21/5 tại Las Vegas.", "ngày 21/5", "2019-05-21"),
    ("Lễ hội làng năm 2019 được tổ chức trong hai ngày 7 và 8/2 tại đình.", "8/2", "2019-02-08"),
    ("Anh ghi bàn ở vòng 12 giải Super League 2019 (2/6) trên sân nhà.", "2/6", "2019-06-02"),
    ("Năm 2019, lễ hội diễn ra từ ngày 7 đến 9/2 tại đền.", "9/2", "2019-02-09"),
    # ... not when the year is of another event, a past one, a birth, or the run-up to an edition
    ("Ngày 7/2, công ty công bố kết quả kinh doanh năm 2018 tại Hà Nội.", "Ngày 7/2", "--02-07"),
    ("Chỉ số năm 2018 được Bộ Nội vụ công bố chiều 30/5 tại Hà Nội.", "30/5", "--05-30"),
    ("Sau hội nghị lần một năm 2018, lần 2 sẽ được tổ chức vào ngày 17/5 tới.", "ngày 17/5", "--05-17"),
    ("Trận đấu thuộc vòng loại World Cup 2022 diễn ra sáng ngày 12/6 tại Hà Nội.", "ngày 12/6", "--06-12"),
    ("Từ năm 2015 cục thử nghiệm, tính đến ngày 6/2, đã có 36.000 hồ sơ.", "ngày 6/2", "--02-06"),
    ("Sáng 9/5, phiên tòa xử ông A (sinh năm 1973) diễn ra tại tỉnh.", "9/5", "--05-09"),
    # "năm nay" after the month: this year, whichever it is
    ("Hãng ra mắt xe vào tháng 6/2018 và giới thiệu mẫu mới vào tháng Chín năm nay.", "tháng Chín", "--09"),
    # the paragraph's one year, written twice, a dated month of it before the day-month or quarter
    ("Đầu năm 2019 phường ra quân, tháng 2-2019 quận làm. Ngày 20-3, quận xét.", "Ngày 20-3", "2019-03-20"),
    ("Đầu năm 2019 phường ra quân, tháng 2-2019 quận làm. Tỉnh họp sơ kết quý II.", "quý II", "2019-Q2"),
    # ... not when the dated month comes after it, is written once, after "từ"/"hồi", or is missing
    ("Tháng 10/2018 hội thi lần đầu, tháng 6/2018 nhóm ra đời. Ngày 8/7, hội họp.", "Ngày 8/7", "--07-08"),
    ("Tháng 3/2018, đội bóng được thành lập. Ngày 25/5, đội thi đấu trận đầu tiên.", "Ngày 25/5", "--05-25"),
    ("Dự án dừng từ tháng 4/2018, cả năm 2018 không xong. Ngày 22/5, tỉnh xét.", "Ngày 22/5", "--05-22"),
    ("Hồi tháng 5/2018 ông A đến, tháng 5/2018 khởi công. Ngày 29/5, ông B đến.", "Ngày 29/5", "--05-29"),
    ("Trong năm 2018 tỉnh có 50 dự án, năm 2018 là năm bản lề. Ngày 6/2, tỉnh họp.", "Ngày 6/2", "--02-06"),
    # draws 10 and 11: the sentence's one year after an acronym or a lunar year's name dates it
    (
        "Vào ngày 18 và 19/5 tới, trong khuôn khổ Tuần lễ cấp cao APEC 2019, tỉnh đón khách.",
        "19/5",
        "2019-05-19",
    ),
    ("Sáng 6-2, xã ra quân đánh bắt đầu năm Kỷ Hợi 2019 tại cảng cá.", "6-2", "2019-02-06"),
    ("Bộ Tư pháp Mỹ ngày 17/5 chỉ định ông A điều tra vụ bầu cử Mỹ 2018.", "ngày 17/5", "--05-17"),
    # draw-12: ... also before the day-month in its sentence, and after an edition word ("Expo 2019")
    (
        "Ban tổ chức SEA Games 2019 chọn tỉnh, nơi môn bơi sẽ thi đấu từ 3- 5/12 với 200 vận động viên.",
        "5/12",
        "2019-12-05",
    ),
    ("Sáng 9/4, hội chợ khai mạc tại Đà Nẵng (Vietfood Expo 2019).", "9/4", "2019-04-09"),
    ("Hôm 20/8, mùa giải 2019 khép lại với trận chung kết ở Hà Nội.", "20/8", "2019-08-20"),
    # ... not when the article names a later full date, nor when another year is in the sentence
    (
        "Ngày 9/3/2021 tỉnh họp. Ngày 4/3, đội tuyển từng dự SEA Games 2019 đã tập trung.",
        "Ngày 4/3",
        "--03-04",
    ),
    ("Ngày 4/3, đội từng dự SEA Games 2019 và World Cup 2018 đã tập trung.", "Ngày 4/3", "--03-04"),
    ("Ngày 4/3, liên đoàn bàn về đề xuất đăng cai SEA Games 2031.", "Ngày 4/3", "--03-04"),
    (
        "Tối 4/2, lễ hội năm Kỷ Hợi 2019 mừng 20 năm thành lập huyện (1999 - 2019) mở màn.",
        "4/2",
        "2019-02-04",
    ),
    # ... and the article's one year, when it names the event the article reports
    ("Đội dự giải VĐQG 2019 với 14 cầu thủ. Ngày 12/5, đội có trận thứ hai.", "Ngày 12/5", "2019-05-12"),
    ("Đội dự giải VĐQG 2019. Trận mở màn (ngày 12/5) có 14 cầu thủ.", "ngày 12/5", "2019-05-12"),
    ("Đội từng thua ở vòng loại SEA Games 2019. Ngày 12/5, đội tập.", "Ngày 12/5", "--05-12"),
    ("Đội từng vô địch VĐQG 2019, rồi cúp 2018. Ngày 12/5, đội tập.", "Ngày 12/5", "--05-12"),
    ("Thành phố muốn đăng cai Olympic 2036. Ngày 12/5, đoàn khảo sát đến.", "Ngày 12/5", "--05-12"),
    # a past edition in a clause about a place's history ("nơi đã", "nơi từng", "từng") dates nothing
    (
        "Ngày 9/4, đoàn kiểm tra sân Mỹ Đình, nơi đã diễn ra trận chung kết AFF Cup 2008.",
        "Ngày 9/4",
        "--04-09",
    ),
    ("Chiều 3/8, đội tập trên sân từng tổ chức SEA Games 2003.", "3/8", "--08-03"),
    # ... and the paragraph's one year written once, unless a history cue or an issue cue goes with it
    (
        "Sáng 6-2, chị A mua vé xe buýt. Riêng trong tháng 1-2019, tuyến chở 300.000 khách.",
        "6-2",
        "2019-02-06",
    ),
    ("Giấy phép do Sở cấp ngày 17/2/2018 vẫn còn. Ngày 9/5, chủ nhà xin sửa.", "Ngày 9/5", "--05-09"),
    # draw-14: a year ending an event's name, "năm" or not, is the edition's ("Năm du lịch Yên Bái 2017")
    ("Ngày 2/7, các đội đua tại Lễ hội đua thuyền Tam Giang năm 2019 trên sông.", "Ngày 2/7", "2019-07-02"),
    ("Năm du lịch Quảng Nam 2019 có nhiều hoạt động. Tối 19/5, tỉnh khai mạc.", "19/5", "2019-05-19"),
    ("Thí sinh dự kỳ thi THPT quốc gia 2019 đông. Sáng 25/6, các em làm thủ tục.", "25/6", "2019-06-25"),
    # ... not an acronym or a currency before "năm" ("USD năm 2016"), nor a word that is no event
    ("Thương mại hai nước đạt 7 tỷ USD năm 2016. Hôm 6/6, người dân đổ xô mua hàng.", "6/6", "--06-06"),
    ("Ngày 1/7, ông A giải ngân vốn năm 2018 cho dự án.", "Ngày 1/7", "--07-01"),
    # draw-18: meetings, ceremonies and annual meetings name their edition ("ĐHĐCĐ thường niên 2017") ...
    ("Ngày 14/3, tỉnh tổ chức Hội nghị xúc tiến đầu tư chè năm 2019.", "Ngày 14/3", "2019-03-14"),
    ("Sáng 28/4, công ty B tổ chức ĐHĐCĐ thường niên 2019 tại Đà Lạt.", "28/4", "2019-04-28"),
    ("Tối 9/11, ban tổ chức mở lễ trao giải Nhà báo trẻ năm 2019.", "9/11", "2019-11-09"),
    # ... not a review's year ("tổng kết", `year_period_cues`) nor an edition after a cue
    ("Sáng 12/1, huyện tổ chức Hội nghị tổng kết năm 2018.", "12/1", "--01-12"),
    ("Sau hội nghị đầu tư năm 2018, vòng hai sẽ họp ngày 20/5.", "ngày 20/5", "--05-20"),
    # draw-19: the paragraph's one year called the present ("năm 2019 này") dates its day-months and months
    ("Vụ cam năm 2019 này được mùa. Chỉ trong 2 ngày, 11 và 12/5 thương lái mua 3 tấn.", "11", "2019-05-11"),
    (
        "Vụ cam năm 2019 này được mùa. Chỉ trong 2 ngày, 11 và 12/5 thương lái mua 3 tấn.",
        "12/5",
        "2019-05-12",
    ),
    ("Vụ cam năm 2019 này được mùa, dù phải đến tháng 6 mới chính vụ.", "tháng 6", "2019-06"),
    ("Ngày 2/3/2019 xã ra quân, đến tháng 6 mới xong.", "tháng 6", "2019-06"),
    # ... a bare year not so called stays a possible past period
    ("Vụ cam năm 2019 được mùa, dù phải đến tháng 6 mới chính vụ.", "tháng 6", "--06"),
    # numbers9 (draw-22): a quarter or month joined to a whole year takes it; another quarter does not
    ("Sở công bố số liệu của quý III và cả năm 2023 về xuất khẩu.", "quý III", "2023-Q3"),
    ("Kho bạc tổng kết thu chi tháng 12 và năm 2023 của tỉnh.", "tháng 12", "2023-12"),
    ("Doanh thu quý II tăng, trong khi lợi nhuận năm 2023 giảm.", "quý II", "--Q2"),
    # numbers11: a lunar year named without its number after "năm", "Tết", "Xuân" dates its sentence's
    # day-months: the last such year up to the year after the article's latest written year
    ("Vé trúng giải trong năm Kỷ Hợi được bán hôm 6/2. Doanh số năm 2019 tăng.", "6/2", "2019-02-06"),
    ("Chiều 8-2 (tức mồng 4 Tết Kỷ Hợi), đoàn đến thăm. Năm 2018 đoàn cũng đến.", "8-2", "2019-02-08"),
    ("Ngày 31/1 mở màn cuộc tổng tiến công Tết Mậu Thân. Năm 2018 là dịp lớn.", "Ngày 31/1", "1968-01-31"),
    # ... not a pen name, a day-month of the run-up in December, nor in an article writing no year
    ("Ngày 10/5, ca khúc của tác giả Canh Tý được cấp phép. Doanh số năm 2019 tăng.", "Ngày 10/5", "--05-10"),
    ("Chợ hoa Tết Kỷ Hợi mở từ ngày 20/12 ở phố cổ. Năm 2018 chợ rất đông.", "ngày 20/12", "--12-20"),
    ("Vé trúng giải trong năm Kỷ Hợi được bán hôm 6/2 ở thành phố.", "6/2", "--02-06"),
]


@pytest.mark.parametrize(("sentence", "span", "value"), YEARS)
def test_year_inference_abstains_unless_the_text_fixes_it(sentence: str, span: str, value: str) -> None:
    a = extract_text("Tiêu đề bài viết về tỉnh\n" + sentence + "\n")
    fact = next(
        f for f in a.facts if f.kind == "date" and f.text.endswith(span.split()[-1]) and span in f.text
    )
    assert fact.value == value  # type: ignore[union-attr]
    assert fact.year_inferred is (not value.startswith("--"))  # type: ignore[union-attr]


def test_cli_published_option_and_path_dates(tmp_path: Path) -> None:
    body = "Ngày 10/6, đoàn công tác làm việc tại tỉnh về chuyển đổi số.\n"
    (tmp_path / "2024" / "06" / "11").mkdir(parents=True)
    (tmp_path / "2024" / "06" / "11" / "a.txt").write_text("Tiêu đề bài viết thứ nhất\n" + body)
    (tmp_path / "b.txt").write_text("Tiêu đề bài viết thứ hai\n" + body)
    proc = de06("extract", str(tmp_path), "-q", "--published", "2019-06-20", "--jobs", "2")
    assert proc.returncode == 0, proc.stderr
    got = {a["source"]: a for a in map(orjson.loads, proc.stdout.splitlines())}
    assert got["2024/06/11/a.txt"]["published"] == "2024-06-11"
    assert got["b.txt"]["published"] == "2019-06-20"
    assert got["b.txt"]["facts"][0]["value"] == "2019-06-10"
    assert de06("extract", str(tmp_path), "-q", "--published", "soon").returncode == 2


def test_a_document_issue_date_is_no_reference_for_the_year() -> None:
    a = extract_text("Tiêu đề bài viết về tỉnh\nNgày 3/2, văn bản đề ngày 14/12/2015 được trình Chính phủ.\n")
    assert next(f for f in a.facts if f.text == "Ngày 3/2").value == "--02-03"  # type: ignore[union-attr]


def test_given_authors_win() -> None:
    a = extract_text(
        "Tiêu đề bài viết hôm nay\nNội dung bài viết năm 2024.\nPhương Duyên\n", authors=["Hà My"]
    )
    assert a.authors == ["Hà My"]


def test_jsonl_published_is_validated(tmp_path: Path) -> None:
    from de06_extract.api import extract_paths

    body = "Tiêu đề bài viết hôm nay\nNgày 10/6, đoàn công tác làm việc tại tỉnh.\n"
    lines = [
        {"id": "a", "text": body, "published": "garbage"},
        {"id": "b", "text": body, "published": "11/06/2024"},
    ]
    (tmp_path / "in.jsonl").write_bytes(b"".join(orjson.dumps(x) + b"\n" for x in lines))
    got = {a.source.rsplit("#", 1)[1]: a for a in extract_paths([str(tmp_path / "in.jsonl")])}
    assert got["a"].published is None
    assert "bad_published" in {w.code for w in got["a"].warnings}
    assert got["b"].published == "2024-06-11"
    assert got["b"].facts[0].value == "2024-06-10"  # type: ignore[union-attr]


def test_a_sentence_listing_many_dates_fixes_no_year() -> None:
    """Past `_MAX_SENTENCE_DATES` dates in one sentence (a list, or hostile text) no year is inferred:
    each yearless date would otherwise be checked against every other one."""
    days = ", ".join(f"{d}/3" for d in range(1, 29)) + ", " + ", ".join(f"{d}/4" for d in range(1, 29))
    a = extract_text(f"Tiêu đề bài viết về tỉnh\nLịch trực các ngày {days} và ngày 30/4/2024.\n")
    dates = [f for f in a.facts if f.kind == "date"]
    assert len(dates) > 40
    assert all(f.value.startswith("--") for f in dates if f.text != "ngày 30/4/2024")  # type: ignore[union-attr]


def test_the_article_year_does_not_date_a_lead_naming_no_year() -> None:
    """The article's one year (an event's edition, "Hội nghị thượng đỉnh năm 2019") dates the body's
    day-months but not those of a lead that names no year (draw-2026: the lead is its own paragraph)."""
    a = extract_text(
        "Các nước đạt thỏa thuận thương mại\nNgày 9/6, các nhà lãnh đạo họp phiên cuối.\n"
        "Hội nghị thượng đỉnh nhóm năm 2019 kéo dài hai ngày.\nNgày 8/6, đoàn Nhật Bản đến sớm.\n"
    )
    got = [(f.text, f.value) for f in a.facts if f.kind == "date"]
    assert got == [("Ngày 9/6", "--06-09"), ("năm 2019", "2019"), ("Ngày 8/6", "2019-06-08")]


def test_a_day_month_dated_in_the_lead_dates_it_below() -> None:
    """A day-month dated in the lead (the first body line) takes that year when told again below, a
    range's start with it; not after a history cue (draw-39)."""
    a = extract_text(
        "Tiêu đề bài viết về hội chợ\nHội chợ Hoa Xuân 2019 sẽ diễn ra từ ngày 12/3 đến 20/3 tại Huế.\n"
        "Ban tổ chức cho biết hội chợ (từ ngày 12/3 đến 20/3) có 300 gian hàng.\n"
        "Lễ kỷ niệm ngày 20/3 năm ấy vẫn được nhắc tới.\n"
    )
    got = [(f.text, f.value, f.range) for f in a.facts if f.kind == "date"]  # type: ignore[union-attr]
    assert got == [
        ("2019", "2019", None),
        ("ngày 12/3", "2019-03-12", "start"),
        ("20/3", "2019-03-20", "end"),
        ("ngày 12/3", "2019-03-12", "start"),
        ("20/3", "2019-03-20", "end"),
        ("ngày 20/3", "--03-20", None),
    ]


def test_a_day_month_dated_in_its_paragraph_dates_the_same_day_month() -> None:
    """ "G20 năm 2019 diễn ra trong hai ngày 7 và 8/7" dates the caption's "ngày 7/7" of the same
    paragraph (line); a day-month in another paragraph keeps no year (neither is the lead: see
    `test_a_day_month_dated_in_the_lead_dates_it_below`)."""
    a = extract_text(
        "Tiêu đề bài viết về hội nghị\nCác nước bàn về thương mại.\nLãnh đạo các nước dự phiên họp ở"
        " Hamburg ngày 7/7. Nhóm G20 năm 2019 diễn ra trong hai ngày 7 và 8/7 tại Hamburg.\n"
        "Ngày 7/7, các nhà lãnh đạo ra tuyên bố.\n"
    )
    got = [(f.text, f.value) for f in a.facts if f.kind == "date"]
    assert got == [
        ("ngày 7/7", "2019-07-07"),
        ("năm 2019", "2019"),
        ("ngày 7", "2019-07-07"),
        ("8/7", "2019-07-08"),
        ("Ngày 7/7", "--07-07"),
    ]


def test_the_headline_is_its_own_paragraph_for_the_article_year() -> None:
    """draw-14: the article's one year (an edition it reports) dates the body's day-months, not the
    headline's, which names no year ("Chuyển nhượng 28/6: ...")."""
    a = extract_text("Chuyển nhượng 28/6: đội bán tiền vệ\nĐội dự giải VĐQG 2019. Ngày 28/6, đội tập.\n")
    assert [(f.text, f.value) for f in a.facts if f.kind == "date"] == [  # type: ignore[union-attr]
        ("28/6", "--06-28"),
        ("2019", "2019"),
        ("Ngày 28/6", "2019-06-28"),
    ]


def test_a_lead_naming_the_headlines_edition_again_takes_its_year() -> None:
    """draw-43: a lead's day-month takes the year of the edition the headline names when the lead names the
    event again, even with older years further on (the year ruling: the event the article reports)."""
    head = "APEC 2017: Cơ hội quảng bá hình ảnh thành phố biển\n"
    rest = "\nThành phố đã sẵn sàng đón khách từ năm 2016 và 2015."
    again = extract_text(head + "Ngày 9/11, các nền kinh tế thành viên APEC sẽ họp tại Đà Nẵng." + rest)
    other = extract_text(head + "Ngày 9/11, các doanh nghiệp sẽ họp tại Đà Nẵng." + rest)
    values = [{f.text: f.value for f in a.facts if f.kind == "date"} for a in (again, other)]  # type: ignore[union-attr]
    assert values[0]["Ngày 9/11"] == "2017-11-09"
    assert values[1]["Ngày 9/11"] == "--11-09"
