"""Bad inputs: each gives an error record or a warning, never an exception, and the run goes on."""

from __future__ import annotations

import os
import struct
import unicodedata
import zlib
from pathlib import Path
from typing import Any

import pytest

from de06_extract import sources
from de06_extract.batch import extract_refs, failed_id, process_raw
from de06_extract.decoding import decode_bytes
from de06_extract.models import Article
from de06_extract.sources import Discovery, InputRef, RawArticle, discover, read
from tests.conftest import assert_offsets

# Our own sentences (not from any corpus): a date, a ratio and a percentage in each.
TEXT = (
    "Tổ công tác họp tổng kết chuyển đổi số\n"
    "Ngày 23/5/2023, UBND tỉnh đã hoàn thành 45/50 nhiệm vụ, đạt 90% kế hoạch năm.\n"
    "Đến ngày 15/8/2024, tỷ lệ hồ sơ trực tuyến tăng lên 67,5%.\n"
)
TONES = "\u0300\u0301\u0303\u0309\u0323"


def run_folder(folder: Path) -> tuple[list[Article], Discovery]:
    found = Discovery()
    articles = list(extract_refs(discover([str(folder)], found)))
    return articles, found


def one(path: Path) -> Article:
    articles = list(extract_refs([InputRef(path.name, str(path))]))
    assert len(articles) == 1
    return articles[0]


def kinds(article: Article) -> set[str]:
    return {f.kind for f in article.facts}


def png_bytes() -> bytes:
    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data))

    ihdr = struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00" + b"\xff\x00\x00" * 2 + b"\x00" + b"\x00\xff\x00" * 2)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


def cp1258_bytes(text: str) -> bytes:
    """Vietnamese the Windows-1258 way: base letters precomposed, tone marks as combining marks."""
    out = []
    for ch in text:
        dec = unicodedata.normalize("NFD", ch)
        tones = "".join(c for c in dec if c in TONES)
        out.append(unicodedata.normalize("NFC", "".join(c for c in dec if c not in TONES)) + tones)
    return "".join(out).encode("cp1258")


@pytest.mark.parametrize("content", [b"", b"   \n\t\r\n  \n"])
def test_empty_and_whitespace_only_give_a_warning(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    article = one(path)
    assert not article.errors and not article.facts
    assert [w.code for w in article.warnings] == ["empty"]


def test_png_bytes_are_an_error_record(tmp_path: Path) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(png_bytes())
    article = one(path)
    assert [e.code for e in article.errors] == ["binary"]
    assert article.id == failed_id("image.txt")


def test_failed_inputs_get_distinct_stable_ids(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(png_bytes())
    (tmp_path / "b.txt").write_bytes(png_bytes())
    first, _ = run_folder(tmp_path)
    again, _ = run_folder(tmp_path)
    assert first[0].id != first[1].id
    assert [a.id for a in first] == [a.id for a in again]


def test_nul_bytes_inside_text_warn_and_keep_offsets(tmp_path: Path) -> None:
    text = TEXT.replace("tỉnh", "tỉnh\x00") + "\x00"
    path = tmp_path / "nul.txt"
    path.write_bytes(text.encode())
    article = one(path)
    assert not article.errors
    assert "nul_chars" in {w.code for w in article.warnings}
    assert {"date", "ratio", "percent"} <= kinds(article)
    assert_offsets(article, text)


def test_invalid_utf8_in_mostly_utf8_text_is_repaired_with_a_warning(tmp_path: Path) -> None:
    data = TEXT.encode()
    data = data[:40] + b"\xff\xfe\xc3" + data[40:]
    path = tmp_path / "broken.txt"
    path.write_bytes(data)
    article = one(path)
    assert not article.errors
    assert "invalid_utf8" in {w.code for w in article.warnings}
    assert {"date", "percent"} <= kinds(article)
    assert_offsets(article, data.decode("utf-8", "replace"))


def test_random_bytes_never_raise() -> None:
    import random

    rng = random.Random(6)
    for size in (1, 7, 100, 5000):
        for _ in range(20):
            data = bytes(rng.randrange(256) for _ in range(size))
            article = process_raw(sources.decode_raw("x.txt", data))
            assert article.errors or article.source == "x.txt"


@pytest.mark.parametrize(
    ("bom", "codec", "expected"),
    [
        (b"\xff\xfe", "utf-16-le", "utf-16-le"),
        (b"\xfe\xff", "utf-16-be", "utf-16-be"),
        (b"\xef\xbb\xbf", "utf-8", "utf-8"),
        (b"\xff\xfe\x00\x00", "utf-32-le", "utf-32-le"),
    ],
)
def test_byte_order_marks(tmp_path: Path, bom: bytes, codec: str, expected: str) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(bom + TEXT.encode(codec))
    article = one(path)
    assert not article.errors
    assert article.encoding == expected
    assert {"date", "ratio", "percent"} <= kinds(article)
    assert_offsets(article, TEXT)


def test_utf16_without_bom_is_recognised(tmp_path: Path) -> None:
    path = tmp_path / "nobom.txt"
    path.write_bytes(TEXT.encode("utf-16-le"))
    article = one(path)
    assert article.encoding == "utf-16-le"
    assert "no_bom" in {w.code for w in article.warnings}
    assert_offsets(article, TEXT)


def test_windows_1258(tmp_path: Path) -> None:
    data = cp1258_bytes(TEXT)
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    path = tmp_path / "legacy.txt"
    path.write_bytes(data)
    article = one(path)
    assert article.encoding == "cp1258"
    assert not article.errors
    decoded = data.decode("cp1258")
    assert unicodedata.normalize("NFC", decoded) == TEXT
    assert {"date", "ratio", "percent"} <= kinds(article)
    assert_offsets(article, decoded)


def test_western_legacy_text_is_not_taken_for_vietnamese() -> None:
    data = "Le café crème à la française, très élégant et bien sûr délicieux. ".encode("cp1252") * 4
    decoded = decode_bytes(data)
    assert decoded.encoding != "cp1258"


def test_nfd_text(tmp_path: Path) -> None:
    text = unicodedata.normalize("NFD", TEXT)
    path = tmp_path / "nfd.txt"
    path.write_bytes(text.encode())
    article = one(path)
    assert {"date", "ratio", "percent"} <= kinds(article)
    assert_offsets(article, text)
    assert any(unicodedata.normalize("NFC", f.text) == "Ngày 23/5/2023" for f in article.facts)


def test_mixed_line_ends_keep_offsets(tmp_path: Path) -> None:
    text = TEXT.replace("\n", "\r\n", 1).replace("năm.\n", "năm.\r") + "Cuối năm 2024 đạt 75%.\r\n"
    path = tmp_path / "mixed.txt"
    path.write_bytes(text.encode())
    article = one(path)
    assert not article.errors
    assert_offsets(article, text)  # the original keeps CRLF and CR: no newline translation
    found = {f.text for f in article.facts}
    assert {"Ngày 23/5/2023", "90%", "67,5%", "75%"} <= found


def test_a_20_mb_article_is_an_error_record_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    line = TEXT.encode()
    with open(path, "wb") as fh:
        for _ in range(20 * 1024 * 1024 // len(line) + 1):
            fh.write(line)
    article = one(path)
    assert [e.code for e in article.errors] == ["too_large"]


def test_a_2_mb_line_without_newline(tmp_path: Path) -> None:
    filler = "các cơ quan tiếp tục triển khai công việc theo kế hoạch đã đề ra, "
    block = filler * 150 + "Ngày 23/5/2023 đạt 90% kế hoạch và 45/50 nhiệm vụ. "
    text = block * (2_000_000 // len(block.encode()))
    path = tmp_path / "oneline.txt"
    path.write_bytes(text.encode())
    article = one(path)
    assert not article.errors
    assert len(article.facts) > 100
    assert_offsets(article, text)


def test_symlink_loops_do_not_hang_or_crash(tmp_path: Path) -> None:
    (tmp_path / "ok.txt").write_text(TEXT, encoding="utf-8")
    os.symlink("loop.txt", tmp_path / "loop.txt")  # a file link to itself
    sub = tmp_path / "sub"
    sub.mkdir()
    os.symlink("..", sub / "up")  # a folder link back up
    (sub / "inner.txt").write_text(TEXT, encoding="utf-8")
    articles, _ = run_folder(tmp_path)
    by_source = {a.source: a for a in articles}
    assert set(by_source) == {"loop.txt", "ok.txt", "sub/inner.txt"}
    assert [e.code for e in by_source["loop.txt"].errors] == ["read_error"]
    assert not by_source["ok.txt"].errors and not by_source["sub/inner.txt"].errors
    # named explicitly, the loop is an error record
    loop = list(extract_refs([InputRef("loop.txt", str(tmp_path / "loop.txt"))]))
    assert [e.code for e in loop[0].errors] == ["read_error"]


def test_unreadable_file_is_an_error_record(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text(TEXT, encoding="utf-8")
    (tmp_path / "fine.txt").write_text(TEXT, encoding="utf-8")
    if os.geteuid() != 0:
        secret.chmod(0)
    else:  # root reads anything: simulate the permission error
        real_open = os.open

        def guarded(file: Any, *args: Any, **kwargs: Any) -> Any:
            if str(file) == str(secret):
                raise PermissionError(13, "Permission denied", str(file))
            return real_open(file, *args, **kwargs)

        monkeypatch.setattr(os, "open", guarded)
    try:
        articles, _ = run_folder(tmp_path)
    finally:
        secret.chmod(0o644)
    by_source = {a.source: a for a in articles}
    assert [e.code for e in by_source["secret.txt"].errors] == ["read_error"]
    assert not by_source["fine.txt"].errors


def test_file_deleted_between_listing_and_reading(tmp_path: Path) -> None:
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text(TEXT, encoding="utf-8")
    refs = list(discover([str(tmp_path)]))
    (tmp_path / "b.txt").unlink()
    articles = list(extract_refs(refs))
    assert [a.source for a in articles] == ["a.txt", "b.txt", "c.txt"]
    assert [e.code for e in articles[1].errors] == ["not_found"]
    assert not articles[0].errors and not articles[2].errors


def test_non_text_files_in_a_folder_are_skipped_and_counted(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "photo.png").write_bytes(png_bytes())
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04rest")
    (tmp_path / "deep").mkdir()
    (tmp_path / "deep" / "b.md").write_text(TEXT, encoding="utf-8")
    (tmp_path / "deep" / "data.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    articles, found = run_folder(tmp_path)
    assert [a.source for a in articles] == ["a.txt", "deep/b.md"]
    assert found.skipped == 3


def test_a_binary_file_named_explicitly_is_an_error_record(tmp_path: Path) -> None:
    path = tmp_path / "photo.png"
    path.write_bytes(png_bytes())
    articles = list(extract_refs(discover([str(path)])))
    assert [e.code for e in articles[0].errors] == ["binary"]


def test_missing_path_is_not_found(tmp_path: Path) -> None:
    articles = list(extract_refs(discover([str(tmp_path / "nope.txt")])))
    assert [e.code for e in articles[0].errors] == ["not_found"]


def test_a_crash_inside_the_pipeline_is_an_internal_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from de06_extract import batch

    class Broken:
        def run(self, *args: Any, **kwargs: Any) -> Article:
            raise RuntimeError("boom")

    monkeypatch.setattr(batch, "get_pipeline", lambda patterns_dir=None: Broken())
    article = process_raw(RawArticle("x.txt", TEXT, encoding="utf-8"))
    assert [e.code for e in article.errors] == ["internal_error"]
    assert "boom" in article.errors[0].message


def test_jsonl_bad_lines_are_error_records_for_that_line(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_bytes(
        b'{"id": "a1", "text": "Ng\xc3\xa0y 23/5/2023 \xc4\x91\xe1\xba\xa1t 90%."}\n'
        b"not json at all\n"
        b"\n"
        b'{"id": "a3", "text": 42}\n'
        b"[1, 2]\n"
        b'{"id": "a5", "text": "ok", "published": 2023}\n'
        b'{"id": "a6", "text": "Ng\xc3\xa0y 1/6/2023."}'
    )
    articles = list(extract_refs(discover([str(path)])))
    assert [a.source.rsplit("/", 1)[-1] for a in articles] == [
        "batch.jsonl#a1",
        "batch.jsonl#L2",
        "batch.jsonl#a3",
        "batch.jsonl#L5",
        "batch.jsonl#a5",
        "batch.jsonl#a6",
    ]
    codes = [[e.code for e in a.errors] for a in articles]
    assert codes == [[], ["bad_record"], ["bad_record"], ["bad_record"], ["bad_record"], []]
    assert articles[0].facts and articles[5].facts


def test_read_never_raises_for_a_folder_given_as_a_file(tmp_path: Path) -> None:
    raws = list(read(InputRef("dir", str(tmp_path))))
    assert raws[0].error is not None and raws[0].error.code == "read_error"
