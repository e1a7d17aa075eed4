"""The person name model (`recognizers/person/namemodel.py`): its data file and its score."""

from __future__ import annotations

import math
from typing import cast

import pytest
import regex

from de06_extract import extract_text
from de06_extract.pipeline import Pipeline
from de06_extract.recognizers.person.namemodel import (
    NameModel,
    Unanchored,
    foreign_name,
    name_model,
    opens_phrase,
)


def test_score_is_the_log_odds_of_both_positions() -> None:
    model = NameModel.parse(
        ["# header", "Văn\t9\t1\t0\t0", "Nội\t0\t0\t1\t9", "Toàn\t0\t0\t9\t1", "Hà\t1\t9\t0\t0"]
    )
    assert model.totals == (10, 10, 10, 10)
    assert model.score("Văn", "Toàn") > 0 > model.score("Hà", "Nội")
    assert model.score("Văn", "Toàn") == -model.score("Hà", "Nội")
    assert model.score("Xyz", "Toàn") == model.score("Văn", "Hà") == -math.inf  # never in a person's name


def test_shipped_model_tells_given_names_from_places() -> None:
    model = name_model()
    assert len(model.counts) > 500
    for name in ("Văn Toàn", "Ngọc Ánh", "Thu Ngọc", "Hồng Duy"):
        assert model.score(*name.split()) > 1.5, name
    for place in ("Hà Nội", "Việt Nam", "Hàn Quốc", "Thành Công"):
        assert model.score(*place.split()) < 1.5, place


def test_foreign_score_by_word_then_ending() -> None:
    model = NameModel.parse(
        ["Kim\t1\t1\t1\t1", "~Kim\t8\t2\t0\t0", "~-ani\t0\t0\t6\t1", "~Madrid\t0\t0\t1\t9"]
    )
    assert set(model.counts) == {"Kim"}  # the foreign rows are apart
    assert model.foreign("Kim", "Falciani") > 0 > model.foreign("Kim", "Madrid")  # "-ani": by its ending
    assert model.foreign("Xyz", "Abc") == 0  # no word, no ending known: no evidence


def test_foreign_name_shape(unanchored: Unanchored) -> None:
    shape = unanchored.vote.shape
    syllables = name_model().counts
    for name in ("Kim Tae Hee", "Hervé Falciani", "Annabelle Wallis", "Moon Jae-in"):
        assert foreign_name(shape, syllables, name.split()), name
    for name in ("Nậm Nơn", "Văn Toàn", "Ngọc", "Hervé A", "Anna Wallis Jones Smith"):
        assert not foreign_name(shape, syllables, name.split()), name


def test_opens_phrase() -> None:
    text = 'Câu một. Ngọc Ánh đi, "Ngọc Ánh" và (Ngọc Ánh) với Ngọc Ánh'
    starts = [i for i in range(len(text)) if text.startswith("Ngọc Ánh", i)]
    assert [opens_phrase(text, at) for at in starts] == [True, True, True, False]


def test_pairs_used_alone_with_an_anchor_are_attested() -> None:
    model = NameModel.parse(["Đông\t0\t9\t0\t0", "Nhi\t0\t0\t1\t0", "Đông Nhi\t4\t4"])
    assert set(model.counts) == {"Đông", "Nhi"}
    assert model.attested("Đông Nhi") and not model.attested("Nhi Đông")
    assert name_model().attested("Cao Thắng")  # a name that is also a street's (the shipped data)


@pytest.fixture(scope="module")
def unanchored() -> Unanchored:
    person = next(r for r in Pipeline().recognizers if r.kind == "person")
    return cast(Unanchored, person.unanchored)  # type: ignore[attr-defined]


def _placed(model: Unanchored, text: str, name: str, score: float) -> bool:
    return model._placed(text, score, list(regex.finditer(name, text)))


def test_placed_by_tier(unanchored: Unanchored) -> None:
    """Repeated: from `model_threshold`; one cue: from `model_single_threshold`; two cues or a role
    before: from `model_cued_threshold` (1.5, 2.0, 0.75 in the pack)."""
    twice = "Hôm qua Bảo An về quê. Cả nhà đón Bảo An ở bến xe."
    assert _placed(unanchored, twice, "Bảo An", 1.6) and not _placed(unanchored, twice, "Bảo An", 1.0)
    once = "Sáng nay, Bảo An đã về quê."
    assert _placed(unanchored, once, "Bảo An", 2.1) and not _placed(unanchored, once, "Bảo An", 1.6)
    cued = "Nhà của Bảo An ở cuối làng. Mỗi sáng, Bảo An vẫn ra đồng."
    assert _placed(unanchored, cued, "Bảo An", 0.8) and not _placed(unanchored, cued, "Bảo An", 0.7)
    role = "Bài thơ Mùa hạ (tác giả Bảo An) được đọc đầu tiên."
    assert _placed(unanchored, role, "Bảo An", 0.8) and not _placed(unanchored, role, "Bảo An", 0.7)


def test_a_name_opening_the_text_is_read() -> None:
    """A run at offset 0 has no character before it: it is not quoted ("Công Phượng" opening a text)."""
    text = "Công Phượng ghi bàn ở phút cuối. Sau trận, Công Phượng cho biết anh rất vui."
    persons = [f for f in extract_text(text).facts if f.kind == "person"]
    assert [(f.start, f.text) for f in persons] == [(0, "Công Phượng"), (43, "Công Phượng")]


def test_firm_named_needs_the_firm_word_to_open_a_name(unanchored: Unanchored) -> None:
    cases = {
        "Tập đoàn Thủy sản Hồng Phát công bố": True,  # a firm word, then the firm's capitalised name
        "Công ty Hồng Phát công bố": True,  # the run right after the firm word
        "Loạt trang phục giúp Hồng Phát khoe dáng": False,  # "trang" of "trang phục": a common word
        "Theo Hồng Phát, việc này": False,  # no firm word
    }
    for text, want in cases.items():
        assert unanchored._firm_named(text, text.index("Hồng Phát")) is want, text
