"""Person facts: names after titles and honorifics, titles before and after, keys, negatives, gold."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from de06_extract import extract_text
from de06_extract.api import extract_paths
from de06_extract.evaluate import load_extraction, load_gold, score, values_equal
from de06_extract.models import Article, PersonFact
from de06_extract.normalize import fold
from de06_extract.output import article_line
from de06_extract.recognizers.person import person_key
from de06_extract.recognizers.person.shape import one_spelling, quoted

from .conftest import SAMPLES, assert_offsets

CASES = tomllib.loads((Path(__file__).parent / "corpus" / "person.toml").read_text(encoding="utf-8"))


def persons(text: str) -> list[PersonFact]:
    article = extract_text(text)
    assert_offsets(article, text)
    return [f for f in article.facts if isinstance(f, PersonFact)]


def _examples() -> list[Any]:
    out: list[Any] = []
    for ex in CASES["examples"]:
        expect = ex.get("expect") or [{k: v for k, v in ex.items() if k not in ("texts", "expect")}]
        out.extend(pytest.param(text, expect, id=text[:60]) for text in ex["texts"])
    return out


@pytest.mark.parametrize(("text", "expect"), _examples())
def test_corpus_example(text: str, expect: list[dict[str, Any]]) -> None:
    got = [f.model_dump() for f in persons(text)]
    assert len(got) == len(expect), got
    for want, fact in zip(expect, got, strict=True):
        for field, value in want.items():
            assert values_equal(value, fact[field]), (field, value, fact)


def test_negative_list_yields_no_person() -> None:
    found = {text: [f.text for f in persons(text)] for text in CASES["negatives"]["texts"]}
    assert {t: f for t, f in found.items() if f} == {}


def test_span_is_the_name_only_and_text_is_original() -> None:
    text = "Phó Thủ tướng Thường trực Chính phủ Nguyễn Hoà Bình chủ trì."
    (fact,) = persons(text)
    assert fact.text == "Nguyễn Hoà Bình" == text[fact.start : fact.end]
    assert fact.name == "Nguyễn Hòa Bình"
    assert fact.key == "nguyễn hòa bình"


def test_old_and_new_tone_marks_share_a_key() -> None:
    old = persons("Bà Đinh Thị Thuỷ phát biểu.")
    new = persons("Bà Đinh Thị Thủy phát biểu.")
    assert old[0].key == new[0].key == person_key("Đinh Thị Thủy")
    assert old[0].text == "Đinh Thị Thuỷ"


def test_repeated_full_name_same_key_and_lone_given_name_unresolved() -> None:
    text = (
        "Phát biểu kết luận, đồng chí Mai Văn Chính đánh giá cao các địa phương. "
        "Theo ông Chính, dịch vụ phải thuận tiện. Ông Chính đề nghị các cấp ủy vào cuộc."
    )
    facts = persons(text)
    assert [f.text for f in facts] == ["Mai Văn Chính"]


def test_known_name_in_headline_and_body() -> None:
    text = "Nguyễn Mạnh Hùng: chuyển đổi số là động lực\nBộ trưởng Nguyễn Mạnh Hùng chủ trì hội nghị."
    facts = persons(text)
    assert [(f.zone, f.name, f.titles) for f in facts] == [
        ("title", "Nguyễn Mạnh Hùng", []),
        ("body", "Nguyễn Mạnh Hùng", ["Bộ trưởng"]),
    ]
    assert len({f.key for f in facts}) == 1


def test_title_is_not_taken_from_another_persons_clause() -> None:
    text = "Bộ trưởng yêu cầu ông Nguyễn Văn An báo cáo."
    (fact,) = persons(text)
    assert fact.name == "Nguyễn Văn An"
    assert fact.titles == []


def test_byline_names_are_authors_not_persons() -> None:
    text = "Tiêu đề bài\nĐồng chí Lê Văn Hẳn chủ trì hội nghị.\nNguyễn Văn Minh\n"
    article = extract_text(text)
    assert article.authors == ["Nguyễn Văn Minh"]
    assert [f.text for f in article.facts if f.kind == "person"] == ["Lê Văn Hẳn"]


def test_fold() -> None:
    assert fold("Nguyễn") == "nguyen"
    assert fold("Đặng") == "dang"


def test_all_caps_headline_has_no_person() -> None:
    assert persons("THỦ TƯỚNG PHẠM MINH CHÍNH THĂM TRÀ VINH\nNội dung bài viết.") == []


@pytest.fixture(scope="module")
def gold_result(tmp_path_factory: pytest.TempPathFactory) -> Any:
    if not list(SAMPLES.glob("*.gold.toml")):
        pytest.skip("no gold files")
    out = tmp_path_factory.mktemp("person") / "out.jsonl"
    with open(out, "wb") as fh:
        for article in extract_paths([str(SAMPLES)]):
            fh.write(article_line(article))
    return score(load_gold(SAMPLES), load_extraction(out), {"title", "body", "meta", "related"})


def test_gold_person_precision_recall_and_titles(gold_result: Any) -> None:
    s = gold_result.kinds["person"]
    report = "\n".join(s.misses)
    assert s.precision >= 0.95, report
    assert s.recall >= 0.95, report
    assert s.field_accuracy("titles") >= 0.9, report
    assert s.field_accuracy("key") >= 0.95, report


def test_gold_authors(gold_result: Any) -> None:
    a = gold_result.article_fields
    assert a.field_accuracy("authors") >= 0.95, "\n".join(a.misses)


def test_article_model_roundtrip() -> None:
    article = extract_text("Thủ tướng Phạm Minh Chính chủ trì.")
    again = Article.model_validate_json(article.model_dump_json(by_alias=True))
    assert again.facts == article.facts


def test_title_head_candidates_hold_every_head_a_full_scan_finds() -> None:
    """The title-head scan tries `title_re` only at candidate positions (first words from `Doc.words`,
    letter pieces of `NormalizedText.odd_words`), and `and_head` only at the joining words before them
    (`_join_candidates`, looking back from each): every match a scan of the whole text finds starts at one,
    and so does every match at any position (`TitleScan.head_match` tries no other)."""
    from de06_extract.document import Doc
    from de06_extract.normalize import normalize
    from de06_extract.pipeline import Pipeline
    from de06_extract.recognizers.person import PersonRecognizer
    from de06_extract.recognizers.person.titles import _join_candidates

    titles = next(r for r in Pipeline().recognizers if isinstance(r, PersonRecognizer)).titles
    texts = [t for ex in CASES["examples"] for t in ex["texts"]]
    texts += [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))]
    texts += [
        "(Phó Thủ tướng) Lê Văn A, “Bộ trưởng” B; Chủ tịch UBND-tỉnh C và giám đốc D.",
        "Ông A cùng với Bộ trưởng B, cùngvới Thứ trưởng C và, Giám đốc D; vàng Chủ tịch E với (Phó Chủ tịch F).",
    ]
    found = joined = 0
    for text in texts:
        doc = Doc(source="t", norm=normalize(text))
        assert doc.words is not None
        starts = titles._head_candidates(doc, doc.words)
        heads = {m.start() for m in titles.title_re.finditer(doc.text)}
        assert heads <= starts, text[:80]
        assert {at for at in range(len(text)) if titles.title_re.match(doc.text, at)} <= starts, text[:80]
        assert doc.lower is not None
        joins = {m.start() for m in titles.and_head.finditer(doc.text)}
        assert joins <= set(_join_candidates(doc.lower, starts)), text[:80]
        found += len(heads)
        joined += len(joins)
    assert found > 100 and joined > 3


def test_title_scan_tries_the_organisations_where_a_full_scan_finds_them() -> None:
    """The organisations that protect their punctuation ("Bộ Văn hóa, Thể thao và Du lịch") are tried
    only where a first word of `orgs_with_punct` occurs (`Doc.words`, shared) and the text holds their
    inner words: every match a scan of the whole text finds starts there, and the clause delimiters
    inside them are dropped."""
    from de06_extract.document import Doc
    from de06_extract.normalize import normalize
    from de06_extract.pipeline import Pipeline
    from de06_extract.recognizers.person import PersonRecognizer

    titles = next(r for r in Pipeline().recognizers if isinstance(r, PersonRecognizer)).titles
    texts = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))]
    texts += [
        "Bộ trưởng Bộ Văn hóa, Thể thao và Du lịch A; Cục Phòng, chống HIV/AIDS và BỘ LAO ĐỘNG, THƯƠNG BINH VÀ XÃ HỘI.",
        "Ủy ban Văn hóa, Giáo dục (Quốc hội), Ủy viên Tiểu ban Kinh tế - Xã hội B.",
    ]
    found = 0
    for text in texts:
        doc = Doc(source="t", norm=normalize(text))
        assert doc.words is not None
        orgs = {m.start() for m in titles.org_re.finditer(doc.text)}
        assert orgs <= titles.org_candidates(doc, doc.words), text[:80]
        found += len(orgs)
        delims = titles.scan(doc).delims
        assert all(not m.start() < d < m.end() for m in titles.org_re.finditer(doc.text) for d in delims)
    assert found >= 5


def test_middle_initial_names_keep_their_title() -> None:
    """Pass 2's middle initials (`_middle_initials`: the initial's match first, then the given name)."""
    text = "Cựu Tổng thống George H.W. Bush và Tổng thống George W. Bush dự lễ."
    people = [(f.name, f.titles) for f in persons(text)]  # offsets checked by `persons`
    assert people == [("George H.W. Bush", ["Cựu Tổng thống"]), ("George W. Bush", ["Tổng thống"])]


def test_a_mention_opening_the_text_is_not_quoted() -> None:
    """The quote test of the name model, the NER vote and the given-name pass: a quote mark right
    before the mention; the start of the text is none (an empty slice is "in" every string)."""
    assert quoted("“Hoa Mai” là tên", 1)
    assert not quoted("Hoa Mai nói", 0)
    assert not quoted("ông Hoa Mai", 4)


def test_one_spelling_merges_tone_mark_variants_only() -> None:
    """Two spellings of one name (tone marks, case) are one person, keyed by the one written most
    often; a tie, or names that differ in a letter, stay apart."""
    counts = {"Huỳnh Tấn Hiếu": 3, "Huỳnh Tân Hiếu": 1}
    assert one_spelling(["Huỳnh Tân Hiếu", "Huỳnh Tấn Hiếu"], counts) == {"Huỳnh Tấn Hiếu"}
    assert one_spelling(["trần văn an", "trần vân an"], {}) == {"trần văn an", "trần vân an"}
    assert one_spelling(["Lê Quang Hiếu", "Lê Bảo Hiếu"], {}) == {"Lê Quang Hiếu", "Lê Bảo Hiếu"}
    assert one_spelling(["Lê An"], {}) == {"Lê An"}


def test_clean_drops_a_closing_bracket_only() -> None:
    """A title loses an abbreviation's or a parent body's bracket at its end (its closing bracket may
    be trimmed already), not one inside it."""
    from de06_extract.recognizers.person.titles import clean

    assert clean("Viện trưởng Viện X (Bộ NN&PTNT) ") == "Viện trưởng Viện X"
    assert clean("Vụ trưởng Vụ Y (thuộc Bộ Y tế") == "Vụ trưởng Vụ Y"
    assert clean("Giám đốc Sở Giáo dục và Đào tạo (GD&ĐT)") == "Giám đốc Sở Giáo dục và Đào tạo"
    assert clean("Chủ tịch HĐQT (HĐQT) Tổng Công ty X") == "Chủ tịch HĐQT (HĐQT) Tổng Công ty X"


def test_name_found_after_an_honorific_written_before_a_number_is_no_person_alone() -> None:
    """A one-word foreign name found after "tên" spreads to its mentions alone, unless the article
    writes it before a number somewhere: a product ("Odyssey 2018"), whatever pass 3 read first."""
    text = (
        "Hãng xe khắc tên Odyssey trên nắp cốp. Về thiết kế, Odyssey 2018 dài hơn, còn Odyssey có thêm ghế."
    )
    assert [f.start for f in persons(text) if f.text == "Odyssey"] == [text.index("Odyssey")]
