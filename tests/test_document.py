"""Document references: the Duckling-style corpus, keys, issuers, dates, and types/issuers as data."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from de06_extract import extract_text
from de06_extract.models import Article, DocumentFact
from de06_extract.normalize import fold
from de06_extract.pipeline import Pipeline
from de06_extract.recognizers.document import IssuerTable, document_key, number_key, type_slug
from de06_extract.rulepacks import load_packs

from .conftest import PATTERNS, patterns_copy, replace_once

CORPUS = Path(__file__).parent / "corpus" / "document.toml"
SPEC = tomllib.loads(CORPUS.read_text(encoding="utf-8"))


def _docs(article: Article) -> list[DocumentFact]:
    return [f for f in article.facts if isinstance(f, DocumentFact)]


def test_the_corpus_file_is_run_by_test_corpus() -> None:
    """tests/test_corpus.py runs every example and negative of tests/corpus/document.toml."""
    assert SPEC["kind"] == "document"
    assert len(SPEC["examples"]) >= 30 and len(SPEC["negatives"]["texts"]) >= 15


# -- spans, dates and the other recognizers ----------------------------------------------------------


def test_the_issue_date_stays_a_date_fact_of_its_own() -> None:
    text = "Quyết định số 06/QĐ-TTg ngày 6/1/2022 của Thủ tướng Chính phủ"
    article = extract_text(text)
    assert [(f.kind, f.text) for f in article.facts if f.kind in ("document", "date")] == [
        ("document", "Quyết định số 06/QĐ-TTg"),
        ("date", "ngày 6/1/2022"),
    ]
    assert _docs(article)[0].issued == "2022-01-06"


@pytest.mark.parametrize(
    "symbol", ["13/2023/NĐ-CP", "323/TB-VPCP", "57-NQ/TW", "1294/NQ-UBTVQH15", "43/2014"]
)
def test_symbols_are_neither_ratios_nor_dates(symbol: str) -> None:
    article = extract_text(f"Theo Nghị định {symbol} của Chính phủ.")
    assert [f.kind for f in article.facts if f.kind != "person"] == ["document"]


def test_a_malformed_issue_date_keeps_the_document_and_warns() -> None:
    article = extract_text("Thực hiện Công điện số 112/CĐ-TTg ngày 6/112024 của Thủ tướng Chính phủ.")
    (doc,) = _docs(article)
    assert (doc.symbol, doc.issued) == ("CĐ-TTg", None)
    assert not [f for f in article.facts if f.kind == "date"]
    warned = [w for w in article.warnings if w.code == "document_date_malformed"]
    assert len(warned) == 1 and warned[0].text == "ngày 6/112024"


def test_an_impossible_issue_date_is_dropped_with_a_warning() -> None:
    article = extract_text("Theo Quyết định số 15/QĐ-UBND ngày 31/2/2024 của UBND tỉnh.")
    (doc,) = _docs(article)
    assert doc.issued is None
    assert any(w.code == "document_date_malformed" for w in article.warnings)


# -- keys ---------------------------------------------------------------------------------------------


def test_key_pieces() -> None:
    assert fold("Nghị quyết QĐ-TTg") == "nghi quyet qd-ttg"
    assert type_slug("Thông tư liên tịch") == "thong-tu-lien-tich"
    assert number_key("06") == "6" and number_key("0") == "0" and number_key("30a") == "30a"
    assert document_key("Nghị quyết", "57", "NQ/TW", party=True) == "nghi-quyet:57-nq/tw"
    assert document_key("Nghị định", "13", "2023/NĐ-CP") == "nghi-dinh:13/2023/nd-cp"
    assert document_key("Chỉ thị", "18", None) == "chi-thi:18"


def _keys(text: str) -> dict[str, str]:
    return {d.text: d.key for d in _docs(extract_text(text))}


def test_the_same_document_has_one_key_across_articles_and_spellings() -> None:
    keys = {
        *_keys("Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị").values(),
        *_keys("Nghị quyết 57-NQ/TW phải đi trước một bước").values(),
        *_keys("Các nhiệm vụ theo 57 - NQ/TW được giao").values(),
        *_keys("NGHỊ QUYẾT SỐ 57-NQ/TW").values(),
    }
    assert keys == {"nghi-quyet:57-nq/tw"}
    assert set(_keys("Quyết định số 06/QĐ-TTg").values()) == set(_keys("theo Quyết định 6/QĐ-Ttg").values())
    assert set(_keys("Thông báo 323/TB-VPCP").values()) == set(_keys("văn bản số 323/TB-VPCP").values())
    assert set(_keys("Chỉ thị số 18 của Thủ tướng").values()) == set(
        _keys("chỉ thị 18 ngày 30/5/2023").values()
    )
    assert set(_keys("theo 13/2023/ND-CP của").values()) == {"nghi-dinh:13/2023/nd-cp"}
    assert set(_keys("Quy định số 181-QĐ/TW và 181-QĐ/TW").values()) == {"quyet-dinh:181-qd/tw"}


def test_different_documents_have_different_keys() -> None:
    keys = _keys("Chỉ thị 18 và Nghị quyết số 18-NQ/TW")
    assert keys["Chỉ thị 18"] != keys["Nghị quyết số 18-NQ/TW"]
    assert _keys("Nghị quyết 18/NQ-CP")["Nghị quyết 18/NQ-CP"] != keys["Nghị quyết số 18-NQ/TW"]


def test_a_generic_mention_takes_the_key_of_the_one_document_it_can_be() -> None:
    keys = _keys("UBND tỉnh ban hành Công văn 452. Văn bản 452 yêu cầu các sở rà soát.")
    assert keys == {"Công văn 452": "cong-van:452", "Văn bản 452": "cong-van:452"}
    keys = _keys("Văn bản 452 được gửi các sở. Sau đó tỉnh ban hành Quyết định số 452/QĐ-UBND.")
    assert keys["Văn bản 452"] == keys["Quyết định số 452/QĐ-UBND"] == "quyet-dinh:452/qd-ubnd"


def test_an_ambiguous_short_mention_keeps_its_own_key() -> None:
    keys = _keys("Nghị quyết 18-NQ/TW, Nghị quyết 18/NQ-CP và Nghị quyết 18")
    assert keys["Nghị quyết 18"] == "nghi-quyet:18"
    keys = _keys("Nghị định 13/2023/NĐ-CP và Nghị định 13/2024")
    assert keys["Nghị định 13/2024"] == "nghi-dinh:13/2024"


@pytest.mark.parametrize(
    "text",
    [
        "Quyết định 150 nêu rõ. Quyết định 150/2004 sửa đổi. Quyết định số 150/2004/QĐ-TTg có hiệu lực.",
        "Quyết định số 150/2004/QĐ-TTg có hiệu lực. Quyết định 150/2004 sửa đổi. Quyết định 150 nêu rõ.",
    ],
)
def test_short_mentions_take_the_full_key_wherever_the_full_one_stands(text: str) -> None:
    assert set(_keys(text).values()) == {"quyet-dinh:150/2004/qd-ttg"}


def test_many_mentions_of_one_number_keep_their_keys() -> None:
    """Keys are settled from indexes by number: thousands of mentions of one number stay linear."""
    keys = _keys("Quyết định số 4/2016/QĐ-UBND và Quyết định số 4, " * 2000)
    assert set(keys.values()) == {"quyet-dinh:4/2016/qd-ubnd"}


# -- issuers and types are data -----------------------------------------------------------------------


def test_issuer_table_resolves_legislatures_and_spellings() -> None:
    issuers = IssuerTable(load_packs(PATTERNS)["issuers"])
    assert issuers.get("UBTVQH15") == "Ủy ban Thường vụ Quốc hội khóa XV"
    assert issuers.get("UBTVQH13") == "Ủy ban Thường vụ Quốc hội khóa XIII"
    assert issuers.get("QH14") == "Quốc hội khóa XIV"
    assert issuers.get("Ttg") == issuers.get("TTg") == "Thủ tướng Chính phủ"
    assert issuers.get("BKHDT") == "Bộ Kế hoạch và Đầu tư"
    assert issuers.get("XYZ") is None


def _pipeline_docs(patterns: Path, text: str) -> list[DocumentFact]:
    return _docs(Pipeline(patterns).run(text))


def test_a_new_document_type_is_a_data_change(tmp_path: Path) -> None:
    text = "Trường ban hành Quy chế số 12/QC-ĐHQG về đào tạo."
    assert _pipeline_docs(PATTERNS, text) == []
    patterns = patterns_copy(tmp_path)
    pack = patterns / "document.toml"
    replace_once(pack, '"Hướng dẫn", "Văn bản",', '"Hướng dẫn", "Văn bản", "Quy chế",')
    replace_once(pack, '"QyĐ" = "Quy định",', '"QyĐ" = "Quy định", "QC" = "Quy chế",')
    (doc,) = _pipeline_docs(patterns, text)
    assert (doc.text, doc.doc_type, doc.number, doc.symbol, doc.issuer) == (
        "Quy chế số 12/QC-ĐHQG",
        "Quy chế",
        "12",
        "QC-ĐHQG",
        None,
    )
    assert doc.key == "quy-che:12/qc-dhqg"
    # and its code alone now names the type of a bare symbol
    (bare,) = _pipeline_docs(patterns, "Thực hiện theo 12/QC-ĐHQG.")
    assert bare.doc_type == "Quy chế"


def test_a_new_issuer_is_a_data_change(tmp_path: Path) -> None:
    text = "Trường ban hành Quyết định số 12/QĐ-ĐHQG về đào tạo."
    (doc,) = _pipeline_docs(PATTERNS, text)
    assert doc.issuer is None
    patterns = patterns_copy(tmp_path)
    replace_once(
        patterns / "issuers.toml",
        '"UB" = "Ủy ban nhân dân"',
        '"UB" = "Ủy ban nhân dân"\n"ĐHQG" = "Đại học Quốc gia"',
    )
    (doc,) = _pipeline_docs(patterns, text)
    assert doc.issuer == "Đại học Quốc gia"


def test_a_new_legislature_is_a_data_change(tmp_path: Path) -> None:
    text = "Nghị quyết số 5/NQ-UBTVQH21 có hiệu lực."
    (doc,) = _pipeline_docs(PATTERNS, text)
    assert doc.issuer == "Ủy ban Thường vụ Quốc hội khóa 21"
    patterns = patterns_copy(tmp_path)
    replace_once(patterns / "issuers.toml", '"20" = "XX"', '"20" = "XX"\n"21" = "XXI"')
    (doc,) = _pipeline_docs(patterns, text)
    assert doc.issuer == "Ủy ban Thường vụ Quốc hội khóa XXI"


def test_programme_names_are_a_data_decision(tmp_path: Path) -> None:
    text = "Tổ công tác triển khai Đề án 06 của Chính phủ."
    (doc,) = _pipeline_docs(PATTERNS, text)
    assert (doc.text, doc.doc_type, doc.number, doc.key) == ("Đề án 06", "Đề án", "06", "de-an:6")
    patterns = patterns_copy(tmp_path)
    replace_once(
        patterns / "document.toml",
        'programme_types = ["Chương trình"]',
        'programme_types = ["Đề án", "Chương trình"]',
    )
    assert _pipeline_docs(patterns, text) == []


def test_de06_patterns_lists_the_document_packs() -> None:
    from typer.testing import CliRunner

    from de06_extract.cli import app

    listing = CliRunner().invoke(app, ["patterns"], env={"COLUMNS": "250"})
    assert listing.exit_code == 0, listing.output
    assert "document.toml" in listing.output and "issuers.toml" in listing.output
    full = CliRunner().invoke(app, ["patterns", "document"], env={"COLUMNS": "250"})
    assert full.exit_code == 0 and "bare_symbol" in full.output and "TB → Thông báo" in full.output
    issuers = CliRunner().invoke(app, ["patterns", "issuers"], env={"COLUMNS": "250"})
    assert "UBTVQH{n} → Ủy ban Thường vụ Quốc hội khóa {N}" in issuers.output
