"""The register of public figures: its mining (`bench/known_persons.py`), its pack and its reader
(`recognizers/person/known.py`). Sentences are our own."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from de06_extract import extract_text
from de06_extract.models import PersonFact
from de06_extract.recognizers.person.known import KNOWN_PACK
from de06_extract.recognizers.person.shape import person_key
from de06_extract.rulepacks import load_pack

from .conftest import ROOT, assert_offsets, patterns_copy, replace_once

REGISTER = ROOT / "patterns" / f"{KNOWN_PACK}.toml"


@pytest.fixture(scope="module")
def mining() -> ModuleType:
    spec = importlib.util.spec_from_file_location("known_persons", ROOT / "bench" / "known_persons.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["known_persons"] = module
    spec.loader.exec_module(module)
    return module


def persons(text: str, patterns: Path | None = None) -> list[PersonFact]:
    article = extract_text(text, patterns_dir=patterns)
    assert_offsets(article, text)
    return [f for f in article.facts if isinstance(f, PersonFact)]


# -- mining --------------------------------------------------------------------------------------

ARTICLES = {
    "a1.txt": "Ngoại trưởng Nga Sergei Lavrov đã tới Hà Nội hôm qua.\nÔng cho biết sẽ ở lại hai ngày.\n",
    "a2.txt": "Ngoại trưởng Sergei Lavrov phát biểu tại hội nghị.\nHội nghị kéo dài ba ngày.\n",
    "a3.txt": "Thủ tướng Nhật Bản Shinzo Abe tiếp đoàn khách.\nBuổi tiếp diễn ra thân mật.\n",
    "a4.txt": "Đạo diễn Lưu Quang Vũ nhận giải.\nCả đoàn phim rất vui.\n",
    "a5.txt": "Đạo diễn Lưu Quang Vũ về quê.\nÔng ở lại một tuần.\n",
    "a6.txt": "Cửa hàng trên phố Lưu Quang Vũ mở cửa.\nKhách tới phố Lưu Quang Vũ rất đông.\n",
    "a7.txt": "Nhà hàng ở phố Lưu Quang Vũ đóng cửa.\nPhố Lưu Quang Vũ vắng khách.\n",
    "a8.txt": "Người dân phố Lưu Quang Vũ đi làm sớm.\nXe cộ đông đúc.\n",
}


@pytest.fixture(scope="module")
def entries(mining: ModuleType, tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, object]]:
    folder = tmp_path_factory.mktemp("corpus")
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    paths = sorted(str(p) for p in folder.glob("*.txt"))
    return {e["key"]: e for e in mining.build(paths, None, 2, 0)}


def test_mining_keeps_a_name_anchored_in_two_articles_with_its_surname(
    entries: dict[str, dict[str, object]],
) -> None:
    assert entries["sergei lavrov"] == {
        "key": "sergei lavrov",
        "name": "Sergei Lavrov",
        "aliases": ["Lavrov"],
        "kind": "foreign",
        "articles": 2,
    }


def test_mining_drops_a_name_met_once_and_a_street_more_often_than_a_person(
    entries: dict[str, dict[str, object]],
) -> None:
    assert "shinzo abe" not in entries  # one article
    assert "lưu quang vũ" not in entries  # two articles as a director, three as a street


def test_rendered_register_is_a_pack_the_reader_takes(
    mining: ModuleType, entries: dict[str, dict[str, object]], tmp_path: Path
) -> None:
    patterns = patterns_copy(tmp_path)
    (patterns / f"{KNOWN_PACK}.toml").write_text(
        mining.render(list(entries.values()), "# test register"), encoding="utf-8"
    )
    pack = load_pack(patterns / f"{KNOWN_PACK}.toml")
    assert pack.table("names") == {"sergei lavrov": "Sergei Lavrov; Lavrov"}
    text = "Lavrov nói hai nước sẽ hợp tác. Sau cuộc họp, Lavrov rời Hà Nội."
    got = [(f.text, f.key, f.rule) for f in persons(text, patterns)]
    assert got == [("Lavrov", "sergei lavrov", "person.registered")] * 2  # the register's key (convention 8)


# -- the shipped register --------------------------------------------------------------------------


def test_register_entries_are_valid_and_no_alias_is_shared() -> None:
    pack = load_pack(REGISTER)
    names, kinds, articles = (pack.table(t) for t in ("names", "kinds", "articles"))
    assert names and set(names) == set(kinds) == set(articles)
    owner: dict[str, str] = {}
    for key, written in names.items():
        assert key == key.lower() == key.strip()
        assert kinds[key] in {"foreign", "vietnamese", "stage"}
        assert int(articles[key]) >= 2
        name, *aliases = written.split("; ")
        assert person_key(name) == key
        for alias in [name, *aliases]:
            assert alias not in owner, (alias, owner.get(alias), key)
            owner[alias] = key


# -- the reader ------------------------------------------------------------------------------------


def test_registered_alias_alone_is_a_person_keyed_by_the_register_unless_known_keys_is_off(
    tmp_path: Path,
) -> None:
    text = "Trump cho biết sẽ tới châu Á. Trong chuyến đi, Trump sẽ gặp nhiều nhà lãnh đạo."
    assert [(f.text, f.key, f.rule) for f in persons(text)] == [
        ("Trump", "donald trump", "person.registered")
    ] * 2
    titled = "Trump cho biết sẽ tới châu Á. Trong chuyến đi, Tổng thống Trump sẽ gặp nhiều nhà lãnh đạo."
    assert [f.key for f in persons(titled)] == ["donald trump"] * 2
    patterns = patterns_copy(tmp_path)
    replace_once(patterns / "person.toml", "known_keys = true", "known_keys = false")
    assert [f.key for f in persons(titled, patterns)] == ["trump"] * 2  # its own key


def test_one_mention_of_a_one_word_name_is_no_person_after_a_preposition_or_government() -> None:
    assert persons("Đòn trả đũa có ý nghĩa với Obama hơn ai hết.") == []
    assert persons("Kế hoạch bị bỏ dưới chính quyền Obama vào năm đó.") == []
    # elsewhere a one-word name of the register written once is the person (draw-40)
    assert [(f.text, f.key) for f in persons("Ban huấn luyện muốn đẩy Kroos lên đá cao hơn.")] == [
        ("Kroos", "toni kroos")
    ]


def test_honorific_family_firm_street_and_initial_refuse_a_registered_name() -> None:
    for text in (
        "Ông Trump nói. Sau đó ông Trump rời đi.",  # a bare surname after an honorific (convention 6)
        "Nhà Trump có nhiều tài sản. Nhà Trump vẫn im lặng.",
        "Tập đoàn Trump xây khách sạn. Tập đoàn Trump lãi lớn.",
        "Tôi sống trên đường Trump. Đường Trump rất dài.",
        "Chuyến bay hạ cánh ở sân bay John F. Kennedy lúc 5 giờ. Máy bay rời John F. Kennedy sau đó.",
    ):
        assert [f.text for f in persons(text) if f.rule == "person.registered"] == [], text


def test_the_articles_own_full_name_wins_and_a_name_is_added_or_blocked_as_data(tmp_path: Path) -> None:
    patterns = patterns_copy(tmp_path)
    replace_once(
        patterns / "person.toml",
        "[tables.known_added]\n",
        '[tables.known_added]\n"Henderson" = "jordan henderson"\n',
    )
    alone = "Henderson ghi bàn thắng. Sau trận, Henderson nói rằng đội đã chơi tốt."
    assert [f.key for f in persons(alone, patterns)] == ["jordan henderson"] * 2
    own = "Thủ môn Dean Henderson bắt chính. Sau trận, Henderson nói rằng đội đã chơi tốt."
    assert [(f.text, f.key) for f in persons(own, patterns)] == [
        ("Dean Henderson", "dean henderson"),
        ("Henderson", "dean henderson"),
    ]
    blocked = patterns_copy(tmp_path / "blocked")  # packs are loaded once per folder
    replace_once(blocked / "person.toml", "not_known = [", 'not_known = ["donald trump", ')
    text = "Trump cho biết sẽ tới châu Á. Trong chuyến đi, Trump sẽ gặp nhiều nhà lãnh đạo."
    assert persons(text, blocked) == []


def test_mining_drops_a_listed_honorific_opening_the_name_from_its_key(mining: ModuleType) -> None:
    found = [
        ("a1.txt", "Samdech Techo Chea Vanna", "samdech techo chea vanna", True),
        ("a1.txt", "Chea Vanna", "samdech techo chea vanna", False),  # the short form, the full key
        ("a2.txt", "Samdech Chea Vanna", "samdech chea vanna", True),
        ("a2.txt", "Sergei Lavrov", "sergei lavrov", True),
    ]
    articles, names, titled = mining.collect([found], ["Samdech", "Samdech Techo"])
    assert articles == {"chea vanna": {"a1.txt", "a2.txt"}, "sergei lavrov": {"a2.txt"}}
    assert names["chea vanna"] == {"Chea Vanna": 3}
    assert titled["chea vanna"] == {"a1.txt", "a2.txt"}


def test_a_registered_name_after_a_country_in_its_run_is_the_person(tmp_path: Path) -> None:
    text = "Thủ tướng Campuchia Bun Sen phát biểu tại hội nghị."
    assert persons(text) == []
    patterns = patterns_copy(tmp_path)
    replace_once(
        patterns / "person.toml", "[tables.known_added]\n", '[tables.known_added]\n"Bun Sen" = "bun sen"\n'
    )
    assert [(f.text, f.key, f.rule) for f in persons(text, patterns)] == [
        ("Bun Sen", "bun sen", "person.registered")
    ]
    for other in (
        "Đoàn khách thăm trường Campuchia Bun Sen ở ngoại ô.",  # a school named after the person
        "Ông Bun Sen phát biểu. Ông Campuchia Bun Sen nói tiếp.",  # an honorific before the run
    ):
        assert [f.text for f in persons(other, patterns) if f.rule == "person.registered"] == [], other
