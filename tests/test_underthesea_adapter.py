"""underthesea behind one module: its copied data, and the public-API fallback giving the same facts."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from de06_extract import underthesea_adapter as uts
from de06_extract.pipeline import Pipeline
from de06_extract.segment import _abbreviations, _pos_tag_cached

from .conftest import SAMPLES

SRC = Path(uts.__file__).parent


def test_only_the_adapter_imports_underthesea() -> None:
    importing = re.compile(r"^\s*(?:from|import)\s+underthesea\b", re.M)
    users = sorted(p.name for p in SRC.rglob("*.py") if importing.search(p.read_text(encoding="utf-8")))
    assert users == ["underthesea_adapter.py"]


def test_copied_data_is_the_installed_underthesea_data() -> None:
    """The package data equals what the pinned underthesea holds (regenerate it when the pin moves)."""
    if not uts.version_tested():
        pytest.skip(f"underthesea {uts.INSTALLED} is not the tested {uts.TESTED}")
    import unicodedata

    from underthesea.pipeline import sent_tokenize
    from underthesea.pipeline.text_normalize.text_normalizer import token_map

    sent_tokenize._load_model()
    assert uts.abbreviations() == frozenset(sent_tokenize.sentence_tokenizer.abbrev_types)

    def bare(s: str) -> str:
        return "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c))

    nfc = {unicodedata.normalize("NFC", o): unicodedata.normalize("NFC", n) for o, n in token_map.items()}
    moved = {o: n for o, n in nfc.items() if o != n and len(o) == len(n) and bare(o) == bare(n)}
    assert uts.tone_marks() == moved


def _clear() -> None:
    uts._tagger.cache_clear()
    _pos_tag_cached.cache_clear()
    _abbreviations.cache_clear()


@pytest.fixture
def without_internals(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """underthesea as if another version were installed, with its tagger internals gone."""
    from underthesea.pipeline.pos_tag import model_crf

    monkeypatch.setattr(uts, "INSTALLED", "99.0.0")
    monkeypatch.delattr(model_crf, "CRFPOSTagPredictor")
    _clear()
    yield
    monkeypatch.undo()
    _clear()


def _facts(pipeline: Pipeline) -> list[list[dict[str, object]]]:
    return [
        pipeline.run(p.read_text(encoding="utf-8"), p.name).model_dump(mode="json")["facts"]
        for p in sorted(SAMPLES.glob("*.txt"))
    ]


@pytest.fixture(scope="module")
def fast_facts() -> list[list[dict[str, object]]]:
    assert uts.uses_internals()
    return _facts(Pipeline())


def test_public_fallback_gives_the_same_facts(
    fast_facts: list[list[dict[str, object]]], without_internals: None
) -> None:
    assert not uts.version_tested()
    assert not uts.uses_internals()
    assert _facts(Pipeline()) == fast_facts


def test_internals_that_moved_fall_back(monkeypatch: pytest.MonkeyPatch) -> None:
    """The tested version with a template it does not know: the public pos_tag, same tags."""
    from underthesea import pos_tag as reference
    from underthesea.pipeline.pos_tag.model_crf import CRFPOSTagPredictor

    text = "Ngày 10/6/2024, ông Nguyễn Văn An cho biết 1.200 hồ sơ đạt 90% kế hoạch."
    transformer = CRFPOSTagPredictor.Instance().transformer
    monkeypatch.setattr(transformer, "template", [*transformer.template, "T[0].isallcap"])
    _clear()
    try:
        assert not uts.uses_internals()
        assert uts.pos_tag(text) == reference(text)
    finally:
        monkeypatch.undo()
        _clear()
    assert uts.uses_internals()


def test_own_word_segmentation_is_underthesea_word_tokenize() -> None:
    """pos_tag segments words by underthesea's own steps (regex tokens, cached token normalisation,
    its CRF model): the words of underthesea.word_tokenize, whatever the tokens (numbers, e-mails,
    URLs, old tone marks, ð)."""
    from underthesea import word_tokenize

    uts.pos_tag("Hà Nội")  # loads the models
    texts = [
        "",
        "Ông Nguyễn Văn An, 45 tuổi, cho biết 1.200 hồ sơ đạt 90% kế hoạch!",
        "Liên hệ a.b@gov.vn, https://dichvucong.gov.vn hoặc 0912 345 678 trước 17h30 ngày 12/3/2024.",
        "Hoà bình, thuỷ lợi, ðồng bằng; Quyết định số 57-NQ/TW :) ...",
        "Hoà bình, thuỷ lợi",  # twice: the cached token normalisation gives the same words
    ]
    for text in texts:
        assert uts._words(text) == word_tokenize(text)


def test_tag_columns_kept_per_length_give_the_same_tags() -> None:
    """The tag-template columns kept for a sentence length serve the next sentence of that length."""
    from underthesea import pos_tag as reference

    for text in ("Tỉnh có 25 xã", "Hà Nội có 30 quận", "2 người bị thương nặng"):
        assert uts.pos_tag(text) == reference(text)
