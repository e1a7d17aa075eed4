"""The person name model (`recognizers/person/namemodel.py`): its data file and its score."""

from __future__ import annotations

import math

from de06_extract.recognizers.person.namemodel import NameModel, name_model, opens_phrase


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


def test_opens_phrase() -> None:
    text = 'Câu một. Ngọc Ánh đi, "Ngọc Ánh" và (Ngọc Ánh) với Ngọc Ánh'
    starts = [i for i in range(len(text)) if text.startswith("Ngọc Ánh", i)]
    assert [opens_phrase(text, at) for at in starts] == [True, True, True, False]
