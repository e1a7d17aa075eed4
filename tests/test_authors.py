"""Article authors from bylines, sign-off name lines and photo credits (stage 3), never person facts."""

from __future__ import annotations

import pytest

from de06_extract import extract_text
from de06_extract.rulepacks import load_packs
from de06_extract.zones import ZoneClassifier, credited

from .conftest import assert_offsets

HEAD = "Tỉnh đẩy mạnh dịch vụ công trực tuyến\n22/12/2023 03:17\n"
BODY = "Ngày 21/12, tỉnh tổ chức hội nghị sơ kết. Các sở, ngành đã hoàn thành nhiệm vụ được giao.\n"
# the start of a long body line (a paragraph, not a caption or a byline)
LEAD = (
    "Ngày 21/12, tỉnh tổ chức hội nghị sơ kết năm với nhiều nội dung quan trọng và thiết thực. "
    "Các sở, ngành đã báo cáo kết quả thực hiện nhiệm vụ và đề xuất giải pháp cho năm tới. "
)
RELATED = "Tin liên quan\nHà Nội: tỷ lệ hồ sơ trực tuyến tăng mạnh\n"


def _authors(*lines: str, related: bool = True) -> list[str]:
    text = HEAD + BODY + "".join(line + "\n" for line in lines) + (RELATED if related else "")
    article = extract_text(text)
    assert_offsets(article, text)
    return article.authors


@pytest.mark.parametrize(
    ("line", "want"),
    [
        ("Tin, ảnh: NGỌC XOÀN", ["Ngọc Xoàn"]),
        ("Tin và ảnh: Ngọc Xoàn", ["Ngọc Xoàn"]),
        ("Bài, ảnh: Lê Anh", ["Lê Anh"]),
        ("Tác giả: vũ khuyên/vov", ["Vũ Khuyên"]),
        ("Ảnh: VGP/Nhật Bắc", ["Nhật Bắc"]),
        ("(Ảnh: VGP/Nhật Bắc)", ["Nhật Bắc"]),
        ("Ảnh: Quang Hiếu/VGP", ["Quang Hiếu"]),
        ("Phương Duyên", ["Phương Duyên"]),
        ("Khánh Linh - Minh Đức", ["Khánh Linh", "Minh Đức"]),
        ("Hà Nguyễn và Minh Anh", ["Hà Nguyễn", "Minh Anh"]),
        ("Thu Hằng (t/h)", ["Thu Hằng"]),
        ("PV: Hoàng Long", ["Hoàng Long"]),
        ("Ảnh: Internet", []),
        ("Ảnh: TTXVN", []),
        ("Ảnh: minh họa", []),
        ("Ảnh: Reuters", []),
    ],
)
def test_byline_forms(line: str, want: list[str]) -> None:
    assert _authors(line) == want


def test_byline_and_photo_credit_together_are_deduplicated() -> None:
    assert _authors("Ảnh: Nhật Bắc", "Tin: Nhật Bắc") == ["Nhật Bắc"]


def test_name_line_at_the_very_end_without_related_block() -> None:
    assert _authors("Đức Tuấn", related=False) == ["Đức Tuấn"]


def test_authors_are_not_person_facts() -> None:
    text = HEAD + "Đồng chí Lê Văn Hẳn chủ trì hội nghị.\nTin, ảnh: NGỌC XOÀN\n"
    article = extract_text(text)
    assert article.authors == ["Ngọc Xoàn"]
    assert [f.name for f in article.facts if f.kind == "person"] == ["Lê Văn Hẳn"]


def test_sign_off_at_the_end_of_a_very_long_last_line() -> None:
    # the sign-off is looked for in the line's last characters only
    text = HEAD + LEAD * 12 + "Kim Anh\n"
    assert extract_text(text).authors == ["Kim Anh"]


def test_two_writers_signing_off_give_no_person_across_them() -> None:
    # glued to the last body line; "Hoàng Minh Tâm" spans the end of one writer and the other
    text = HEAD + BODY.rstrip("\n") + " Thu Hoàng  Minh Tâm\n"
    article = extract_text(text)
    assert article.authors == ["Thu Hoàng", "Minh Tâm"]
    assert [f.name for f in article.facts if f.kind == "person"] == []


def test_related_headline_is_not_an_author() -> None:
    text = HEAD + BODY + "Thu Hằng\nTin liên quan\nThủ Tướng Thăm Tỉnh\n"
    assert extract_text(text).authors == ["Thu Hằng"]


def test_headline_with_two_capitalised_words_is_a_title_not_an_author() -> None:
    article = extract_text("Hà Giang\n" + BODY)
    assert article.title == "Hà Giang"
    assert article.authors == []


def test_credited_helper() -> None:
    not_person = ZoneClassifier(load_packs()["zones"]).not_credited
    assert credited("NGỌC XOÀN", not_person) == ["Ngọc Xoàn"]
    assert credited("vũ khuyên/vov", not_person) == ["Vũ Khuyên"]
    assert credited("VGP/Quang Hiếu, Nhật Bắc", not_person) == ["Quang Hiếu", "Nhật Bắc"]
    assert credited("Internet", not_person) == []
    assert credited("Hằng", not_person) == []  # a one-word credit is not taken for a name
    # initials are a writer's name: capitals kept, a final word title-cased
    assert credited("T.L", not_person) == ["T.L"]
    assert credited("N.TÙNG", not_person) == ["N.Tùng"]
    assert credited("C. Nguyên", not_person) == ["C. Nguyên"]
    assert credited("C.A", not_person) == []  # the police, not a writer
    # "Trường" opens a given name; only a school after it is a body
    assert credited("Trường Giang", not_person) == ["Trường Giang"]
    assert credited("Trường THPT Lê Lợi", not_person) == []
    # two names with only a wide gap between them are two writers
    assert credited("Hồng Vân  Minh Khoa", not_person) == ["Hồng Vân", "Minh Khoa"]


@pytest.mark.parametrize(
    ("tail", "want"),
    [
        ("Các sở đã hoàn thành nhiệm vụ. Nguyễn Dương", ["Nguyễn Dương"]),
        ("Các sở đã hoàn thành nhiệm vụ./. Kim Anh/VOV.VN", ["Kim Anh"]),
        ("Các sở đã hoàn thành nhiệm vụ. GIA BẢO - CHI HẠNH -", ["Gia Bảo", "Chi Hạnh"]),
        ("Các sở đã hoàn thành nhiệm vụ. Thiện Tâm (Theo Reuters)", ["Thiện Tâm"]),
        ("Các sở đã hoàn thành nhiệm vụ. Theo SGGP", []),
        ("Các sở đã hoàn thành nhiệm vụ. TTXVN/Tin Tức", []),
        ("Các sở đã hoàn thành nhiệm vụ tại Hà Nội.", []),
        # initials, compiled notes, "Theo" before or after the writer, a byline glued to the line
        ("Các sở đã hoàn thành nhiệm vụ. T.H", ["T.H"]),
        ("Các sở đã hoàn thành nhiệm vụ. N.TÙNG", ["N.Tùng"]),
        ("Các sở đã hoàn thành nhiệm vụ. K.L(th)", ["K.L"]),
        ("Các sở đã hoàn thành nhiệm vụ. Q.M (Tổng hợp Reuters)", ["Q.M"]),
        ("Các sở đã hoàn thành nhiệm vụ. Minh Đức (Tổng hợp theo báo Lao Động, Tiền Phong)", ["Minh Đức"]),
        ("Các sở đã hoàn thành nhiệm vụ. Theo Thu Hà/Tiền Phong", ["Thu Hà"]),
        ("Các sở đã hoàn thành nhiệm vụ. Theo AFP Lan Anh -", ["Lan Anh"]),
        ("Các sở đã hoàn thành nhiệm vụ. P.Hà - Theo Lao Động", ["P.Hà"]),
        ("Các sở đã hoàn thành nhiệm vụ. Lan Anh Theo Tiền Phong", ["Lan Anh"]),
        ("Các sở đã hoàn thành nhiệm vụ. Vân Khánh, Theo Gia Đình", ["Vân Khánh"]),
        ("Các sở đã hoàn thành nhiệm vụ. Bài và ảnh: QUANG HUY", ["Quang Huy"]),
        ("Các sở đã hoàn thành nhiệm vụ. Trường Giang", ["Trường Giang"]),
        # two writers with no separator: the second opens with a surname, the first does not
        ("Các sở đã hoàn thành nhiệm vụ. Quang Vinh Trần Hòa", ["Quang Vinh", "Trần Hòa"]),
        ("Các sở đã hoàn thành nhiệm vụ. Nguyễn Thị Mai Lan", ["Nguyễn Thị Mai Lan"]),
        ("Các sở đã hoàn thành nhiệm vụ. PGS.TS Lương Văn Hòa", ["Lương Văn Hòa"]),
        ("Các sở đã hoàn thành nhiệm vụ. Khánh An  Đỗ Minh", ["Khánh An", "Đỗ Minh"]),
        ("Các sở đã hoàn thành nhiệm vụ  Hồ Vy", ["Hồ Vy"]),  # a lost line break: a wide gap
        ("Các sở đã hoàn thành nhiệm vụ. Theo AFP", []),
        ("Các hộ dân đã chuyển về khu tái định cư ở Q.3.", []),
    ],
)
def test_sign_off_at_the_end_of_the_last_body_line(tail: str, want: list[str]) -> None:
    text = HEAD + "Ngày 21/12, tỉnh tổ chức hội nghị. " + tail
    article = extract_text(text)
    assert_offsets(article, text)
    assert article.authors == want
    assert [f.name for f in article.facts if f.kind == "person"] == []


@pytest.mark.parametrize(
    ("tail", "person"),
    [
        ("Buổi lễ do Giám đốc Sở Y tế Trần Văn Bình chủ trì.", "Trần Văn Bình"),
        ("Phát biểu bế mạc có Bộ trưởng Lê Minh Hà", "Lê Minh Hà"),
        ("Các sở đã hoàn thành nhiệm vụ, theo ông Phạm Quốc Khánh", "Phạm Quốc Khánh"),
    ],
)
def test_last_sentence_naming_a_person_is_no_sign_off(tail: str, person: str) -> None:
    text = HEAD + "Ngày 21/12, tỉnh tổ chức hội nghị. " + tail + "\n"
    article = extract_text(text)
    assert_offsets(article, text)
    assert article.authors == []
    assert person in [f.name for f in article.facts if f.kind == "person"]


def test_sign_off_is_ignored_when_a_byline_line_exists() -> None:
    text = HEAD + "Các sở đã hoàn thành nhiệm vụ. Nguyễn Dương\nTin, ảnh: NGỌC XOÀN\n"
    assert extract_text(text).authors == ["Ngọc Xoàn"]


@pytest.mark.parametrize(
    ("line", "want"),
    [
        # photo credits inside a body line: after a sentence, a dash or in brackets
        (
            "Lãnh đạo tỉnh dự hội nghị. Ảnh: MINH KHÔI Sau phần khai mạc, các đại biểu thảo luận.",
            ["Minh Khôi"],
        ),
        ("Đoàn công tác thăm nhà máy - Ảnh: Thu Hà/TTXVN Sau đó đoàn làm việc với huyện.", ["Thu Hà"]),
        ("Cây cầu mới thông xe (Ảnh: Quốc Việt) Chiều nay, người dân đã đi lại bình thường.", ["Quốc Việt"]),
        ("Một góc chợ đêm (ảnh minh họa: Bảo Ngọc) Chợ mở cửa đến khuya.", ["Bảo Ngọc"]),
        ("Đường phố ngập sâu. Ảnh: Lê Minh. Nhiều xe chết máy giữa đường.", ["Lê Minh"]),
        # an agency after the name, initials, a dated next sentence
        ("Công nhân lắp thiết bị. Ảnh: Minh Châu/BNEWS/TTXVN Sau đó, nhà máy chạy thử.", ["Minh Châu"]),
        ("Lễ khởi công dự án. Ảnh: Hữu Phước - TTXVN Dự án có tổng vốn lớn.", ["Hữu Phước"]),
        ("Hiện trường vụ việc. Ảnh: H.Q Lực lượng chức năng đã có mặt.", ["H.Q"]),
        ("Hiện trường vụ việc. Ảnh: H.K. Lực lượng chức năng đã có mặt.", ["H.K"]),
        ("Học sinh tham gia lớp bơi. Ảnh: Thảo Vy Ngày 2.6, huyện mở thêm lớp.", ["Thảo Vy"]),
        # where the name ends is unclear: none rather than "Minh Hòa Chiếc"
        ("Chiếc xe sau khi sửa. Ảnh: Minh Hòa Chiếc Vespa 98 được sơn lại.", []),
        ("Chiếc xe bị hư hỏng. Ảnh: C.A Cơ quan công an đang điều tra.", []),
        # outlets and unnamed credits are not authors
        ("Cầu thủ ghi bàn quyết định. Ảnh: Reuters. Trận đấu diễn ra sôi nổi.", []),
        ("Khách du lịch tham quan phố cổ. Ảnh: New York Times. Mùa hè năm nay đông khách.", []),
        # "Theo <person> (<outlet>)", "Theo <person>/Báo <outlet>": the person; "Theo <outlet>": none
        ("Theo Lan Chi (Sức khỏe Đời sống)", ["Lan Chi"]),
        ("Theo Hải Yến/Báo Quảng Ninh", ["Hải Yến"]),
        ("Theo Dân Trí", []),
    ],
)
def test_credits_inside_the_body_and_theo_signoffs(line: str, want: list[str]) -> None:
    if not line.startswith("Theo"):  # a body paragraph, longer than a caption or a byline
        line += " " + LEAD
    assert _authors(line) == want


def test_signoff_theo_person_at_the_end_of_the_last_body_line() -> None:
    text = HEAD + LEAD + "Các sở đã hoàn thành nhiệm vụ. Theo Hải Yến (Tiền Phong)\n"
    assert extract_text(text).authors == ["Hải Yến"]
    assert extract_text(HEAD + LEAD + "Mọi việc đều ổn. Theo Dân Trí\n").authors == []


def test_inline_credit_comes_before_the_signoff() -> None:
    text = HEAD + LEAD + "Ảnh: Thu Hà. Các sở đã hoàn thành nhiệm vụ được giao. Minh Đức\n"
    assert extract_text(text).authors == ["Thu Hà", "Minh Đức"]
