"""HTML pages: main text, metadata, charsets, error records, folders and JSONL records with `html`."""

from __future__ import annotations

import json
import re
import socket
import subprocess
import sys
import unicodedata
from pathlib import Path

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from de06_extract.api import extract_paths
from de06_extract.batch import process_raw
from de06_extract.html import _headline, decode_html
from de06_extract.models import Article
from de06_extract.sources import html_raw

from .conftest import ROOT, assert_offsets

PAGES = Path(__file__).parent / "html"
REAL = ROOT.parent / "shared" / "corpus" / "html"
HEADLINE = "Tỉnh Ví Dụ giải ngân 85% vốn đầu tư công trong quý III"


def page(name: str, data: bytes | None = None) -> Article:
    raw = html_raw(name, data if data is not None else (PAGES / name).read_bytes())
    return process_raw(raw)


def assert_text_offsets(article: Article) -> None:
    assert article.text is not None
    assert_offsets(article, article.text)


def test_article_page_metadata_and_text() -> None:
    article = page("article.html")
    assert not article.errors
    assert article.title == HEADLINE  # the " - Báo Ví Dụ" site suffix is cut
    assert article.published == "2024-10-05T16:40"
    assert article.authors == ["Minh Khang"]  # the outlet in article:author is not an author
    assert article.site == "Báo Ví Dụ"
    assert article.url == "https://baovidu.vn/kinh-te/giai-ngan-von-dau-tu-cong-quy-3-post12345.html"
    assert article.text is not None and article.text.startswith(HEADLINE + "\n")
    assert "Tin liên quan" not in article.text and "Giấy phép" not in article.text
    assert_text_offsets(article)
    by_text = {f.text: f for f in article.facts}
    assert by_text["4.200 tỷ đồng"].zone == "body"
    assert [f.zone for f in article.facts if f.text == "85%"] == ["title", "body"]
    assert "Nghị quyết số 12/NQ-HĐND" in by_text


def test_page_without_metadata_falls_back_to_text_rules() -> None:
    article = page("no-metadata.html")
    assert article.title == "Hợp tác xã Ví Dụ xuất khẩu lô vải thiều đầu tiên sang Nhật Bản"
    assert article.published is not None and article.published.startswith("2024-06-12")
    assert article.authors == ["Thu Hà"]  # the sign-off line of the main text
    assert article.site is None and article.url is None
    assert_text_offsets(article)


def test_malformed_markup_is_read() -> None:
    article = page("malformed.html")
    assert not article.errors
    assert any(f.text == "15%" for f in article.facts)
    assert_text_offsets(article)


@pytest.mark.parametrize(
    "data",
    [b"", b"<<<>>>", b"<html>" * 1000, "<p>chỉ một câu ngắn</p>".encode(), b"\x00\x01\x02" * 50],
)
def test_no_main_text_is_an_error_record(data: bytes) -> None:
    article = page("junk.html", data)
    assert article.errors and article.errors[0].code in ("no_main_text", "binary")
    assert article.facts == [] and article.text is None


def test_navigation_only_page_is_no_main_text() -> None:
    article = page("chrome-only.html")
    assert [e.code for e in article.errors] == ["no_main_text"]


def _cp1258(text: str) -> bytes:
    """Windows-1258 bytes: tone marks that have no precomposed code point become combining marks."""
    out = bytearray()
    for ch in text:
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", ch)
            tones = "".join(c for c in parts if c in "\u0300\u0301\u0303\u0309\u0323")
            base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones))
            out += (base + tones).encode("cp1258")
    return bytes(out)


@pytest.mark.parametrize("encoding", ["windows-1258", "utf-16"])
def test_declared_charsets(encoding: str) -> None:
    markup = (
        (PAGES / "article.html")
        .read_text(encoding="utf-8")
        .replace('charset="utf-8"', f'charset="{encoding}"')
    )
    data = _cp1258(markup) if encoding == "windows-1258" else markup.encode("utf-16")
    article = page("article.html", data)
    assert article.encoding in ("cp1258", "utf-16-le", "utf-16-be")
    assert unicodedata.normalize("NFC", article.title or "") == HEADLINE
    assert "4.200 tỷ đồng" in {unicodedata.normalize("NFC", f.text) for f in article.facts}
    assert_text_offsets(article)


def test_charset_declaration_wins_and_a_wrong_one_is_a_warning() -> None:
    latin = '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"><p>caf\xe9</p>'
    assert decode_html(latin.encode("cp1252")).text.endswith("café</p>")
    wrong = decode_html(
        '<meta charset="windows-1258"><p>đúng là UTF-8 ư</p>'.encode().replace(b"\xc6", b"\x81")
    )
    assert any(code == "charset_mismatch" for code, _ in wrong.warnings)
    unknown = decode_html(b'<meta charset="no-such-thing"><p>plain</p>')
    assert [code for code, _ in unknown.warnings] == ["unknown_charset"]


@pytest.mark.parametrize(
    ("title", "site", "url", "lines", "expected"),
    [
        ("Giá lúa tăng mạnh - Tuổi Trẻ Online", "Tuổi Trẻ Online", None, [], "Giá lúa tăng mạnh"),
        (
            "Giá lúa tăng | Báo Pháp Luật TP. Hồ Chí Minh",
            "Báo Pháp Luật TP. Hồ Chí Minh",
            None,
            [],
            "Giá lúa tăng",
        ),
        (
            "Giá lúa tăng - Chính trị - Xã hội - Tuổi Trẻ Online",
            "Tin tức - Báo Tuổi Trẻ",
            "https://tuoitre.vn/x.htm",
            ["Giá lúa tăng", "Câu mở đầu."],
            "Giá lúa tăng",
        ),
        ("VnExpress - Giá lúa tăng", None, "https://vnexpress.net/x.html", [], "Giá lúa tăng"),
        (
            "Mở rộng đường Bà Rịa - Vũng Tàu",
            "Báo Ví Dụ",
            "https://baovidu.vn/x",
            [],
            "Mở rộng đường Bà Rịa - Vũng Tàu",
        ),
        ("Báo Ví Dụ", "Báo Ví Dụ", None, [], "Báo Ví Dụ"),
    ],
)
def test_headline_without_site_suffix(
    title: str, site: str | None, url: str | None, lines: list[str], expected: str
) -> None:
    from de06_extract.html import _host_label

    assert _headline(title, site, _host_label(url), lines) == expected


def test_folder_mixing_txt_html_jsonl(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Tin ngắn\nNgày 3/4/2024, xã đạt 90% kế hoạch.\n", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.htm").write_bytes((PAGES / "article.html").read_bytes())
    records = [
        {"id": "t1", "text": "Tin ngắn hai\nXã đạt 45/50 nhiệm vụ."},
        {
            "id": "h1",
            "html": (PAGES / "no-metadata.html").read_text(encoding="utf-8"),
            "url": "https://x.vn/a",
        },
        {
            "id": "h2",
            "html": (PAGES / "chrome-only.html").read_text(encoding="utf-8"),
            "published": "2024-01-02",
        },
    ]
    (tmp_path / "c.jsonl").write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in records))
    articles = {a.source: a for a in extract_paths([str(tmp_path)])}
    assert list(articles) == ["a.txt", "c.jsonl#t1", "c.jsonl#h1", "c.jsonl#h2", "sub/b.htm"]
    assert_offsets(articles["a.txt"], (tmp_path / "a.txt").read_text(encoding="utf-8"))
    assert articles["a.txt"].text is None
    assert_offsets(articles["c.jsonl#t1"], records[0]["text"])
    assert articles["c.jsonl#h1"].url == "https://x.vn/a"
    assert_text_offsets(articles["c.jsonl#h1"])
    assert [e.code for e in articles["c.jsonl#h2"].errors] == ["no_main_text"]
    assert articles["sub/b.htm"].title == HEADLINE
    assert_text_offsets(articles["sub/b.htm"])


def test_cli_extract_folder(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from de06_extract.cli import app

    (tmp_path / "a.txt").write_text("Tin ngắn\nNgày 3/4/2024, xã đạt 90% kế hoạch.\n", encoding="utf-8")
    (tmp_path / "b.html").write_bytes((PAGES / "article.html").read_bytes())
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(app, ["extract", str(tmp_path), "-q", "-j", "1", "-o", str(out)])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [line["source"] for line in lines] == ["a.txt", "b.html"]
    html_line = lines[1]
    assert html_line["title"] == HEADLINE
    for fact in html_line["facts"]:
        assert html_line["text"][fact["start"] : fact["end"]] == fact["text"]


def test_jsonl_metadata_wins_over_the_page() -> None:
    markup = (PAGES / "article.html").read_text(encoding="utf-8")
    article = process_raw(html_raw("r", markup, published="2024-10-06", title="Tiêu đề riêng"))
    assert article.published == "2024-10-06" and article.title == "Tiêu đề riêng"


def test_never_fetches(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("network access")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    article = page("article.html")
    assert article.title == HEADLINE and not article.errors


def test_text_input_does_not_import_trafilatura(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Tin ngắn\nXã đạt 90% kế hoạch.\n", encoding="utf-8")
    code = (
        "import sys\nfrom de06_extract.api import extract_paths\n"
        f"assert list(extract_paths([{str(tmp_path / 'a.txt')!r}]))[0].facts\n"
        "assert 'trafilatura' not in sys.modules, 'trafilatura imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


# The 13 real pages of ../shared/corpus/html (read in place): day each was published, by hand from the page.
REAL_PUBLISHED = {
    "baodautu-1": "2026-03-07",
    "cafef-1": "2026-03-07",
    "cafef-2": "2026-03-07",
    "plo-1": "2025-10-11",
    "plo-2": "2025-10-09",
    "tuoitre-1": "2026-03-07",
    "tuoitre-2": "2015-03-23",
    "tuoitre-3": "2015-03-23",
    "vnexpress-1": "2026-03-07",
    "vnexpress-2": "2021-01-13",
    "vnexpress-3": "2025-07-02",
    "vnexpress-4": "2025-07-02",
    "vnexpress-5": "2025-07-04",
}


def readme_titles() -> dict[str, str]:
    readme = (REAL / "README.md").read_text(encoding="utf-8")
    return dict(re.findall(r"^## (\S+)\.html\n(?:- .*\n)*?- title: (.*)$", readme, flags=re.MULTILINE))


@pytest.mark.parametrize("name", sorted(REAL_PUBLISHED))
def test_real_pages(name: str) -> None:
    if not REAL.is_dir():
        pytest.skip("../shared/corpus/html is absent")
    article = page(name + ".html", (REAL / f"{name}.html").read_bytes())
    assert not article.errors
    assert article.text and len(article.text) > 1000
    expected = readme_titles()[name]
    assert article.title is not None
    assert expected == article.title or re.match(re.escape(article.title) + r" [-|] ", expected)
    assert (article.published or "")[:10] == REAL_PUBLISHED[name]
    assert article.facts
    assert_text_offsets(article)


def test_api_extract_html() -> None:
    from de06_extract import extract_html

    article = extract_html((PAGES / "article.html").read_bytes(), source="p")
    assert article.source == "p" and article.title == HEADLINE
    assert_text_offsets(article)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_cli_with_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: str) -> None:
    from typer.testing import CliRunner

    from de06_extract.cli import app

    texts = {
        "a.txt": "Tin ngắn\r\nNgày 3/4/2024, xã đạt 90% kế hoạch.\n",
        "b.txt": "Tin hai\nĐạt 45/50 nhiệm vụ.\n",
    }
    for name, text in texts.items():
        (tmp_path / name).write_bytes(text.encode("utf-8"))
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(
        app, ["extract", str(tmp_path), "-q", "-j", jobs, "--with-text", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert {line["source"]: line["text"] for line in lines} == texts
    assert all(line["facts"] for line in lines)
    for line in lines:
        for fact in line["facts"]:
            assert line["text"][fact["start"] : fact["end"]] == fact["text"]


@pytest.mark.parametrize(
    ("author", "expected"),
    [
        ("Theo Lan Anh", ["Lan Anh"]),  # taken from another paper, written there by Lan Anh
        ("THANH HÀ; Báo Ví Dụ", ["Thanh Hà"]),  # the outlet is dropped, capitals title-cased
        ("Lan Anh; VCCorp vn", ["Lan Anh"]),  # trafilatura's spelling of a domain name is no person
        ("Theo TTXVN", ["Minh Khang"]),  # no person in the field: the page's byline is used
    ],
)
def test_page_author_field(author: str, expected: list[str]) -> None:
    markup = (PAGES / "article.html").read_text(encoding="utf-8")
    markup = markup.replace('"article:author" content="Báo Ví Dụ"', f'"article:author" content="{author}"')
    assert page("article.html", markup.encode()).authors == expected


def test_jsonl_html_field_must_be_a_string() -> None:
    from de06_extract.sources import jsonl_record

    bad = jsonl_record("r.jsonl", 1, b'{"id": "x", "html": 5}')
    assert bad.error is not None and bad.error.code == "bad_record"
    bad_url = jsonl_record("r.jsonl", 1, b'{"id": "x", "html": "<p>a</p>", "url": 3}')
    assert bad_url.error is not None and bad_url.error.code == "bad_record"


def test_headline_keeps_a_dash_before_lower_case_words() -> None:
    assert _headline("Bàn về xe điện - xe con", "Báo Ví Dụ", "baovidu", []) == "Bàn về xe điện - xe con"


_PIECES = st.sampled_from(
    [
        "<p>",
        "</p>",
        "<div class='content'>",
        "</div>",
        "<b>",
        "<script>",
        "</script>",
        "<!--",
        "-->",
        "<",
        ">",
        "&amp;",
        "&#x1F600;",
        "&bogus;",
        "<meta charset='cp1258'>",
        "<title>",
        "</title>",
        "\x00",
        "\r\n",
        "Ngày 3/4/2024, xã đạt 90% kế hoạch với 1.200 tỷ đồng và 45/50 nhiệm vụ hoàn thành đúng hạn.",
    ]
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_PIECES, max_size=40), st.booleans())
def test_any_markup_gives_an_article_or_an_error_record(pieces: list[str], as_bytes: bool) -> None:
    markup = "".join(pieces)
    article = process_raw(html_raw("fuzz.html", markup.encode() if as_bytes else markup))
    if article.errors:
        assert {e.code for e in article.errors} <= {"no_main_text", "binary", "decode_error"}
        assert article.facts == []
    else:
        assert_text_offsets(article)


def test_stdin_and_other_suffixes_are_sniffed(tmp_path: Path) -> None:
    saved = tmp_path / "page.aspx"
    saved.write_bytes(b"\xef\xbb\xbf<!-- saved from url -->\n" + (PAGES / "article.html").read_bytes())
    plain = tmp_path / "note"
    plain.write_text("Tin ngắn <b>không phải trang</b>\nXã đạt 90% kế hoạch.\n", encoding="utf-8")
    articles = list(extract_paths([str(saved), str(plain)]))
    assert articles[0].title == HEADLINE and articles[0].text is not None
    assert articles[1].text is None and articles[1].facts
    result = subprocess.run(
        [str(Path(sys.executable).parent / "de06"), "extract", "-q", "-"],
        input=(PAGES / "article.html").read_bytes(),
        capture_output=True,
        check=False,
    )
    line = json.loads(result.stdout)
    assert line["source"] == "-" and line["title"] == HEADLINE
