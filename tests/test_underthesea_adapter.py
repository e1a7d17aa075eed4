"""underthesea behind one module: its copied data, and the public-API fallback giving the same facts."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from de06_extract import underthesea_adapter as uts
from de06_extract.pipeline import Pipeline
from de06_extract.rulepacks import CACHE_ENV
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


def test_copied_tagger_data_is_the_installed_underthesea_data() -> None:
    """pos_tag's copied tokenizer regex and POS templates, and the model files it reads, are what
    the pinned underthesea's own word_tokenize and pos_tag use."""
    if not uts.version_tested():
        pytest.skip(f"underthesea {uts.INSTALLED} is not the tested {uts.TESTED}")
    import inspect

    from underthesea.pipeline import word_tokenize
    from underthesea.pipeline.pos_tag import model_crf
    from underthesea.pipeline.text_normalize import text_normalizer
    from underthesea.pipeline.word_tokenize import regex_tokenize

    tagger = uts._tagger()
    assert tagger is not None
    assert tagger.tokens.pattern == regex_tokenize.patterns.pattern
    assert tagger.tokens.flags == regex_tokenize.patterns.flags
    template = model_crf.CRFPOSTagPredictor.Instance().transformer.template
    assert [t.prefix for t in tagger.templates] == [f"{t}=" for t in template]
    assert uts._POS_MODEL[-1] in inspect.getsource(model_crf)
    assert uts._WORD_MODEL[-1] in inspect.getsource(word_tokenize)
    assert text_normalizer.rule_file == uts._TEXT_RULES[-1]
    assert (tagger.characters, tagger.token_map) == (text_normalizer.character_map, text_normalizer.token_map)


def _clear() -> None:
    uts._tagger.cache_clear()
    uts._ner_stages.cache_clear()
    _pos_tag_cached.cache_clear()
    _abbreviations.cache_clear()


@pytest.fixture
def without_internals(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """underthesea as if another version were installed."""
    monkeypatch.setattr(uts, "INSTALLED", "99.0.0")
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


@pytest.mark.parametrize("moved", ["_POS_MODEL", "_WORD_MODEL", "_TEXT_RULES"])
def test_files_that_moved_fall_back(monkeypatch: pytest.MonkeyPatch, moved: str) -> None:
    """The tested version without a file where it was: the public pos_tag, same tags."""
    from underthesea import pos_tag as reference

    text = "Ngày 10/6/2024, ông Nguyễn Văn An cho biết 1.200 hồ sơ đạt 90% kế hoạch."
    monkeypatch.setattr(uts, moved, ("pipeline", "moved-away"))
    _clear()
    try:
        assert not uts.uses_internals()
        assert uts.pos_tag(text) == reference(text)
    finally:
        monkeypatch.undo()
        _clear()
    assert uts.uses_internals()


def test_pos_tag_equals_underthesea_on_what_its_tokenizer_rewrites() -> None:
    """Old spellings (its token table), the characters it replaces, non-NFC input and the tokenizer's
    special tokens (URLs, e-mails, dates, plates) tag as underthesea tags them."""
    if not uts.uses_internals():
        pytest.skip("pos_tag runs underthesea's public pos_tag")
    import unicodedata

    from underthesea import pos_tag as reference
    from underthesea.pipeline.text_normalize.text_normalizer import token_map

    old = sorted(token_map)[::10]
    texts = [" ".join(old[i : i + 12]) for i in range(0, len(old), 12)] + [
        "Ðà Nẵng ð ngày 02/05/2014, 10:20:50 xem http://vnexpress.net/a_(b) hoặc mail a.b@c.vn :)) <3",
        unicodedata.normalize("NFD", "Hoà Bình thuỷ điện 43H-0530 H&M T.Ư Th.S Nguyễn v.v... NĐ-CP"),
        "",
        "   ",
    ]
    for text in texts:
        assert uts.pos_tag(text) == reference(text), text


def test_a_quiet_extract_imports_neither_underthesea_nor_rich() -> None:
    """Start-up: POS tags come from underthesea's model files, and a run that shows nothing does
    not load the library that would show it."""
    if not uts.version_tested():
        pytest.skip(f"underthesea {uts.INSTALLED} is not the tested {uts.TESTED}")
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from de06_extract.cli import main\n"
        f"sys.argv = ['de06', 'extract', '-q', {str(SAMPLES / '03-thu-tuong-nghi-quyet-57.txt')!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "from de06_extract import underthesea_adapter\n"
        "assert underthesea_adapter._LOADED.is_set() and underthesea_adapter.uses_internals()\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'underthesea', 'numpy', 'rich'}), file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stderr.strip() == "[]"
    assert '"kind":"percent"' in done.stdout


def test_own_word_segmentation_is_underthesea_word_tokenize() -> None:
    """pos_tag segments words by underthesea's own steps (regex tokens, cached token normalisation,
    its CRF model): the words of underthesea.word_tokenize, whatever the tokens (numbers, e-mails,
    URLs, old tone marks, ð)."""
    tagger = uts._tagger()
    if tagger is None:
        pytest.skip("pos_tag runs underthesea's public pos_tag")
    from underthesea import word_tokenize

    texts = [
        "",
        "Ông Nguyễn Văn An, 45 tuổi, cho biết 1.200 hồ sơ đạt 90% kế hoạch!",
        "Liên hệ a.b@gov.vn, https://dichvucong.gov.vn hoặc 0912 345 678 trước 17h30 ngày 12/3/2024.",
        "Hoà bình, thuỷ lợi, ðồng bằng; Quyết định số 57-NQ/TW :) ...",
        "Hoà bình, thuỷ lợi",  # twice: the cached token normalisation gives the same words
    ]
    for text in texts:
        assert uts._word_tokenize(text, tagger) == word_tokenize(text)


def test_word_segmentation_features_are_the_rust_featurizers() -> None:
    """The word-segmentation features computed in Python (values kept per token and group) are the
    strings underthesea_core's Rust featurizer gives: ends of the window, numbers with a sign or out of
    32-bit range, capitals (title-case letters, letters that upper-case to two), dictionary words, one
    token, the same window twice."""
    tagger = uts._tagger()
    if tagger is None:
        pytest.skip("pos_tag runs underthesea's public pos_tag")
    lines = (
        "Ông Nguyễn Văn An , 45 tuổi , cho biết 1.200 hồ sơ đạt 90 % kế hoạch !",
        "+5 -7 0007 2147483647 2147483648 -2147483648 -2147483649 - + 1_000",
        "Hà Nội HÀ NỘI hà nội ĐBSCL iPhone ß İstanbul ( “ Ủy",
        "ǅemal ǈubljana ŉ ǲ ſ µ ÿ Ÿ ẞ ỳ Ỳ 1a",  # first letters upper-casing changes or not
        "Một",
        "Ông Nguyễn Văn An , 45 tuổi",
    )
    windows = [line.split() for line in lines]
    samples = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))[:3]]
    windows += [
        [m[0] for m in tagger.tokens.finditer(line)] for text in samples for line in text.splitlines()
    ]
    for tokens in filter(None, windows):
        rust = tagger.featurizer.process([[[t] for t in tokens]])[0]
        assert [list(f) for f in tagger.segment_features(tokens)] == rust, tokens


def test_tag_columns_kept_per_length_give_the_same_tags() -> None:
    """The tag-template columns kept for a sentence length serve the next sentence of that length."""
    from underthesea import pos_tag as reference

    for text in ("Tỉnh có 25 xã", "Hà Nội có 30 quận", "2 người bị thương nặng"):
        assert uts.pos_tag(text) == reference(text)


def test_ner_is_underthesea_ner() -> None:
    """The NER route (POS, then the chunking and NER CRFs read with underthesea_core) tags as
    underthesea's public `ner`."""
    from underthesea import ner as reference

    for text in (
        "Tối qua, Tuấn Hưng đã biểu diễn tại Hà Nội cùng Minh Hằng.",
        "Tay đua Jonas Folger và Dani Pedrosa về đích ở Valencia.",
        "Hiền khai nhận đã cùng Tâm đến nhà anh Khắc Chí ở Nghệ An.",
        "Công ty Võ Minh ký hợp đồng với tỉnh Quảng Nam.",
        "",
    ):
        assert uts.ner(text) == [tuple(row) for row in reference(text)]


def test_common_word_reads_the_dictionary() -> None:
    """A capitalised common word is told from a proper name listed in underthesea's dictionary."""
    if not uts.version_tested():
        pytest.skip(f"underthesea {uts.INSTALLED} is not the tested {uts.TESTED}")
    assert uts.common_word("Dự Luật")
    assert not uts.common_word("Tuấn Hưng")  # listed capitalised: a proper name
    assert not uts.common_word("Khánh Linh")


def test_the_dictionary_is_kept_in_the_cache_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The word list is read from the cache folder on the next run, with the same words."""
    if not uts.version_tested():
        pytest.skip(f"underthesea {uts.INSTALLED} is not the tested {uts.TESTED}")
    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    uts._dictionary.cache_clear()
    try:
        built = uts._dictionary()
        assert list(tmp_path.glob("viet74k-*.pickle"))
        uts._dictionary.cache_clear()
        monkeypatch.setattr(uts, "_dictionary_words", lambda data: pytest.fail("built again"))
        assert uts._dictionary() == built
        assert (
            uts.common_word("dự luật")
            and not uts.common_word("tuấn hưng")
            and not uts.common_word("dự\nluật")
        )
    finally:
        uts._dictionary.cache_clear()


def test_ner_falls_back_to_underthesea(without_internals: None) -> None:
    """With another underthesea version the NER route is underthesea's public `ner`."""
    from underthesea import ner as reference

    text = "Tay đua Jonas Folger về đích ở Valencia."
    assert uts._ner_stages() is None
    assert uts.ner(text) == [tuple(row) for row in reference(text)]


def test_copied_ner_data_is_the_installed_underthesea_data() -> None:
    """The copied chunking and NER templates and the model files `ner` reads are underthesea's own."""
    if not uts.version_tested():
        pytest.skip(f"underthesea {uts.INSTALLED} is not the tested {uts.TESTED}")
    import inspect

    from underthesea.pipeline.chunking import model_crf as chunking
    from underthesea.pipeline.ner import model_crf as ner

    stages = uts._ner_stages()
    assert stages is not None
    for stage, module, predictor, model in (
        (stages[0], chunking, chunking.CRFChunkingPredictor, uts._CHUNK_MODEL),
        (stages[1], ner, ner.CRFNERPredictor, uts._NER_MODEL),
    ):
        template = predictor.Instance().transformer.template
        assert [t.prefix for t in stage.templates] == [f"{t}=" for t in template]
        assert model[-1] in inspect.getsource(module)
