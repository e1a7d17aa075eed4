"""Rule packs are data: every pack loads and validates; malformed packs fail with a clear error."""

from __future__ import annotations

import os
import pickle
import shutil
from pathlib import Path

import pytest
import regex

from de06_extract import rulepacks
from de06_extract.normalize import normalize
from de06_extract.pipeline import Pipeline, get_pipeline
from de06_extract.rulepacks import (
    CACHE_ENV,
    CompiledCache,
    CompiledPattern,
    KeptData,
    RulePackError,
    WordBefore,
    cache_dir,
    lexicon_alternation,
    load_pack,
    load_packs,
    matches_at,
)

from .conftest import PATTERNS, SAMPLES

SAMPLE_TEXTS = [normalize(p.read_text(encoding="utf-8")).text for p in sorted(SAMPLES.glob("*.txt"))]


def test_every_pack_loads_and_names_a_known_recognizer() -> None:
    packs = load_packs(PATTERNS)
    assert {"zones", "date", "ratio", "percent", "phrases"} <= set(packs)
    pipeline = Pipeline(PATTERNS)
    kinds = {r.kind for r in pipeline.recognizers}
    assert {"date", "ratio", "percent"} <= kinds
    for pack in packs.values():
        for pattern in pack.patterns:
            assert pattern.name and 0 <= pattern.score <= 1


def test_lexicon_alternation_prefers_longest_and_flexible_spaces() -> None:
    import regex

    alt = regex.compile(lexicon_alternation(["tỉnh", "tỉnh, thành phố"]))
    m = alt.match("tỉnh,  thành phố")
    assert m is not None and m.group() == "tỉnh,  thành phố"


def test_word_before_reads_the_end_of_a_window_for_one_or_several_lexicons() -> None:
    """The left-context test of the recognizers: a word of the lexicon (case-insensitive) right before
    the end, after a non-letter; several lexicons joined by "|" ("roles|one_word_name_roles")."""
    pack = load_packs(PATTERNS)["person"]
    roles = pack.word_before("roles", "[ ]")
    both = pack.word_before("roles|one_word_name_roles", "[ ]")
    assert roles.search("lời khai của bị cáo ") and both.search("lời khai của Bị cáo ")
    assert both.search("(ca sĩ ") and not roles.search("(ca sĩ ")  # "ca sĩ": one_word_name_roles only
    assert not both.search("của bị cáo") and not both.search("xca sĩ ")


def _gated_word_tests() -> list[tuple[str, WordBefore]]:
    """Every `ends_with_word` test the recognizers hold, and their shared `Amounts`'."""
    recognizers = get_pipeline().recognizers
    holders = [*recognizers, next(r.amounts for r in recognizers if r.kind == "money")]  # type: ignore[attr-defined]
    return [
        (f"{type(h).__name__}.{k}", v)
        for h in holders
        for k, v in vars(h).items()
        if isinstance(v, WordBefore)
    ]


def _same(gated: WordBefore, text: str, pos: int, end: int) -> bool:
    """The test and the bare pattern find the same (match and search) on `text[pos:end]`."""
    return all(
        (m := getattr(gated, how)(text, pos, end)) is (full := getattr(gated.pattern, how)(text, pos, end))
        or (m is not None and full is not None and m.span("word") == full.span("word"))
        for how in ("match", "search")
    )


@pytest.mark.parametrize(("name", "gated"), _gated_word_tests())
def test_ends_with_word_finds_what_its_pattern_finds_in_the_samples(name: str, gated: WordBefore) -> None:
    """The letter test of `ends_with_word` passes wherever its pattern matches: at the end of every
    60-character window over the samples."""
    for text in SAMPLE_TEXTS:
        assert all(_same(gated, text, max(0, end - 60), end) for end in range(len(text) + 1)), name


@pytest.mark.parametrize("pack", ["money", "percent", "quantity"])
@pytest.mark.parametrize("trailing", [r"\s*+", ""])
def test_ends_with_word_finds_each_word_of_each_lexicon(pack: str, trailing: str) -> None:
    """... and after each word of every lexicon of the number packs, as written and in capitals."""
    rules = load_packs(PATTERNS)[pack]
    found, entries = 0, sum(map(len, rules.spec.lexicon.values()))
    for lexicon, words in rules.spec.lexicon.items():
        gated = rules.ends_with_word(lexicon, trailing)
        for text in (t for w in words for t in (f"là {w} ", f"({w.upper()}", w, f"x{w}")):
            assert _same(gated, text, 0, len(text)), (lexicon, text)
            found += gated.pattern.match(text) is not None
    assert found >= entries  # "là {word} " at least, for every word


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('[pack]\nname = "x"\n[[patterns]]\nname = "a"\nregex = "{nope}"\n', "unknown reference"),
        ('[pack]\nname = "x"\n[[patterns]]\nname = "a"\nregex = "(unclosed"\n', "bad regex"),
        ('[pack]\nname = "x"\nwhat = 1\n', "what"),
        ('[pack]\nname = "x"\n[lexicon]\nw = ["a", " "]\n', "empty entry"),
        ("[pack\n", "x.toml"),
        (
            '[pack]\nname = "x"\n[pieces]\na = "{b}"\nb = "{a}"\n[[patterns]]\nname = "p"\nregex = "{a}"\n',
            "cycle",
        ),
    ],
)
def test_malformed_packs_are_rejected(tmp_path: Path, body: str, message: str) -> None:
    path = tmp_path / "x.toml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(RulePackError, match=message):
        load_pack(path)


def test_a_trigger_word_is_a_data_change(tmp_path: Path) -> None:
    patterns = tmp_path / "patterns"
    shutil.copytree(PATTERNS, patterns)
    text = "Buổi lễ diễn ra dịp 2/9 tại Hà Nội"
    date_pack = patterns / "date.toml"
    source = date_pack.read_text(encoding="utf-8")
    date_pack.write_text(source.replace('"dịp", ', ""), encoding="utf-8")
    without = Pipeline(patterns).run(text)
    assert [f.text for f in without.facts if f.kind == "date"] == []
    load_packs.cache_clear()
    date_pack.write_text(source, encoding="utf-8")
    with_trigger = Pipeline(patterns).run(text)
    assert [f.text for f in with_trigger.facts if f.kind == "date"] == ["2/9"]


def test_event_year_patterns_must_name_patterns_of_the_pack(tmp_path: Path) -> None:
    patterns = tmp_path / "patterns"
    shutil.copytree(PATTERNS, patterns)
    date_pack = patterns / "date.toml"
    source = date_pack.read_text(encoding="utf-8")
    date_pack.write_text(source.replace('"year_cued"]', '"year_nowhere"]'), encoding="utf-8")
    with pytest.raises(RulePackError, match="event_year_patterns: no pattern"):
        Pipeline(patterns)


def _anchored_pattern_texts() -> list[str]:
    """Texts with every kind of match: the samples and every string of the Duckling-style corpora."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))]
    for path in sorted((Path(__file__).parent / "corpus").glob("*.toml")):
        texts.extend(regex.findall(r'"((?:[^"\\]|\\.)*)"', path.read_text(encoding="utf-8")))
    return texts


ANCHORED = [(pack.name, p) for pack in load_packs().values() for p in pack.patterns if p.starts]


@pytest.mark.parametrize(("pack", "pattern"), ANCHORED, ids=[f"{k}.{p.name}" for k, p in ANCHORED])
def test_starts_with_finds_what_a_full_scan_finds(pack: str, pattern: CompiledPattern) -> None:
    """A pattern's `starts_with` must name every way its matches begin: tried only at those words, it
    finds exactly the matches of a scan of every position (upper case, lower case, glued words)."""
    for text in _anchored_pattern_texts():
        for variant in (text, text.upper(), text.lower(), text.replace(" ", "")):
            anchored = [m.span() for m in pattern.finditer(variant, variant.lower())]
            assert anchored == [m.span() for m in pattern.regex.finditer(variant)], (pack, variant[:80])


def test_starts_with_rejects_an_unknown_lexicon(tmp_path: Path) -> None:
    path = tmp_path / "x.toml"
    path.write_text('[pack]\nname = "x"\n[[patterns]]\nname = "a"\nregex = "a"\nstarts_with = ["{nope}"]\n')
    with pytest.raises(RulePackError, match="unknown lexicon"):
        load_pack(path)


def test_a_text_whose_lower_case_is_longer_is_scanned_in_full() -> None:
    """Where lower-casing changes the length ("İ"), Doc.lower is None and patterns scan every position."""
    from de06_extract.document import Doc
    from de06_extract.normalize import normalize

    text = "İstanbul, năm 2024: Nghị quyết số 57-NQ/TW"
    doc = Doc(source="-", norm=normalize(text))
    assert doc.lower is None
    typed = load_packs()["document"].pattern("typed")
    assert [m.group() for m in typed.finditer(doc.text, doc.lower)] == ["Nghị quyết số 57-NQ/TW"]


@pytest.mark.parametrize("starts", [(), ("a",)], ids=["scan", "anchored"])
def test_a_pattern_past_its_time_raises(monkeypatch: pytest.MonkeyPatch, starts: tuple[str, ...]) -> None:
    """A pattern that backtracks without end stops with TimeoutError, scanned or tried at its start words."""
    from de06_extract import rulepacks

    monkeypatch.setattr(rulepacks, "TIMEOUT_BASE", 0.05)
    pattern = CompiledPattern("slow", regex.compile(r"(?:(?:a|aa)+)+b"), 1.0, "", starts)
    text = "a" * 60
    with pytest.raises(TimeoutError):
        list(pattern.finditer(text, text.lower()))


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def test_packs_hold_no_character_normalisation_rewrites() -> None:
    """Rules match the normalised text: an en dash, curly quote or NBSP in a pack could never match."""
    import tomllib

    from de06_extract.normalize import normalize

    for path in sorted(PATTERNS.glob("*.toml")):
        for s in _strings(tomllib.loads(path.read_text(encoding="utf-8"))):
            unreachable = sorted({c for c in s if normalize(c).text != c})
            assert not unreachable, (path.name, unreachable, s[:60])


def _word_lists(value: object, where: str) -> list[tuple[str, list[str]]]:
    if isinstance(value, dict):
        return [w for k, v in value.items() for w in _word_lists(v, f"{where}.{k}")]
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        return [(where, value)]
    return []


def test_no_word_list_names_an_entry_twice() -> None:
    """A list entry written twice is an editing slip (and a list merged by hand hides it)."""
    import tomllib

    for path in sorted(PATTERNS.glob("*.toml")):
        for where, words in _word_lists(tomllib.loads(path.read_text(encoding="utf-8")), path.stem):
            twice = sorted({w for w in words if words.count(w) > 1})
            assert not twice, (where, twice)


# -- compiled patterns kept between runs ------------------------------------------------------------


@pytest.fixture
def cache_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(CACHE_ENV, str(folder))
    return folder


def test_compiled_patterns_are_kept_for_the_next_run(cache_folder: Path) -> None:
    source, flags = r"(?P<d>\d{1,2})/(?P<m>\d{1,2})\p{L}*", int(regex.V0 | regex.IGNORECASE)
    first = CompiledCache()
    compiled = first.compile(source, flags)
    first.save()
    (stored,) = cache_folder.iterdir()
    second = CompiledCache()
    cached = second.compile(source, flags)
    assert cached is not compiled and (cached.pattern, cached.flags) == (compiled.pattern, compiled.flags)
    text = "ngày 10/6Đà, 3/12"
    assert [m.groupdict() for m in cached.finditer(text)] == [m.groupdict() for m in compiled.finditer(text)]
    before = stored.stat().st_mtime_ns
    second.save()  # nothing compiled: nothing written
    assert stored.stat().st_mtime_ns == before


@pytest.mark.parametrize(
    "content",
    [b"not a pickle", pickle.dumps(["a list"]), pickle.dumps({("x", 0): os.getcwd}), pickle.dumps(print)],
)
def test_a_cache_file_that_is_not_patterns_is_ignored_and_replaced(
    cache_folder: Path, content: bytes
) -> None:
    path = CompiledCache.path()
    assert path is not None
    cache_folder.mkdir()
    path.write_bytes(content)
    cache = CompiledCache()
    assert cache.compile("a+", 0).match("aa")
    cache.save()
    assert CompiledCache()._read().keys() == {("a+", 0)}


def test_an_empty_cache_dir_setting_turns_the_cache_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(CACHE_ENV, "")
    assert cache_dir() is None and CompiledCache.path() is None
    cache = CompiledCache()
    assert cache.compile("a+", 0).match("a")
    cache.save()


def test_packs_from_the_cache_give_the_same_facts(
    cache_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def facts() -> list[object]:
        load_packs.cache_clear()
        monkeypatch.setattr(rulepacks, "COMPILED", CompiledCache())
        pipeline = Pipeline(PATTERNS)
        return [
            pipeline.run(p.read_text(encoding="utf-8"), p.name).facts for p in sorted(SAMPLES.glob("*.txt"))
        ]

    try:
        compiled = facts()
        assert rulepacks.COMPILED._stored == {}  # nothing was cached yet
        cached = facts()
        assert (
            rulepacks.COMPILED._stored
            and rulepacks.COMPILED._used.items() <= rulepacks.COMPILED._stored.items()
        )
    finally:
        load_packs.cache_clear()
    assert cached == compiled


def test_parsed_packs_are_kept_and_a_changed_pack_is_parsed_again(
    cache_folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "packs"
    shutil.copytree(PATTERNS, folder)
    parsed: list[bytes] = []
    parse = rulepacks._parse_toml

    def counted(data: bytes) -> dict[str, object]:
        parsed.append(data)
        return parse(data)

    monkeypatch.setattr(rulepacks, "_parse_toml", counted)

    def load() -> dict[str, rulepacks.RulePack]:
        load_packs.cache_clear()
        monkeypatch.setattr(rulepacks, "PARSED_PACKS", KeptData("packs"))
        return load_packs(folder)

    try:
        first = load()
        kept = KeptData("packs").path()
        assert (
            len(parsed) == len(first) and kept is not None and kept.parent == cache_folder and kept.is_file()
        )
        parsed.clear()
        assert {n: p.spec for n, p in load().items()} == {n: p.spec for n, p in first.items()}
        assert parsed == []  # all from the cache
        pack = folder / "money.toml"
        pack.write_text(
            pack.read_text(encoding="utf-8").replace("[lexicon]", '[lexicon]\nnew_words = ["xyz"]', 1)
        )
        changed = load()
        assert len(parsed) == 1 and changed["money"].lexicon("new_words") == ["xyz"]
    finally:
        load_packs.cache_clear()


@pytest.mark.parametrize(
    "content", [b"not a pickle", pickle.dumps(["a list"]), pickle.dumps({"k": os.getcwd})]
)
def test_a_kept_data_file_that_is_not_plain_data_is_ignored_and_replaced(
    cache_folder: Path, content: bytes
) -> None:
    kept = KeptData("words")
    path = kept.path()
    assert path is not None
    cache_folder.mkdir()
    path.write_bytes(content)
    assert kept.get(b"a b", bytes.split) == [b"a", b"b"]
    kept.save()
    assert KeptData("words").get(b"a b", lambda data: pytest.fail("built again")) == [b"a", b"b"]


def test_kept_data_left_by_another_version_of_the_builder_is_built_again(
    cache_folder: Path, tmp_path: Path
) -> None:
    old, new = tmp_path / "old.py", tmp_path / "new.py"
    old.write_text("# layout 1\n")
    new.write_text("# layout 2\n")
    kept = KeptData("words", str(old))
    assert kept.get(b"a b", lambda data: tuple(data.split())) == (b"a", b"b")
    kept.save()
    assert KeptData("words", str(old)).get(b"a b", lambda data: pytest.fail("built again")) == (b"a", b"b")
    assert KeptData("words", str(new)).get(b"a b", bytes.split) == [b"a", b"b"]  # not the old layout


def test_matches_at_finds_overlapping_matches_only_when_asked() -> None:
    pattern = regex.compile(
        lexicon_alternation(["Ủy ban Văn hóa, Giáo dục", "Văn hóa, Giáo dục, Thanh niên"])
    )
    text = "Chủ nhiệm Ủy ban Văn hóa, Giáo dục, Thanh niên A"
    starts = [text.index("Ủy"), text.index("Văn")]
    assert [m.group() for m in matches_at(pattern, text, starts)] == ["Ủy ban Văn hóa, Giáo dục"]
    found = [m.group() for m in matches_at(pattern, text, starts, overlapped=True)]
    assert found == ["Ủy ban Văn hóa, Giáo dục", "Văn hóa, Giáo dục, Thanh niên"]
