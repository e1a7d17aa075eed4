"""The person recognizer's fast paths (bench/RESULTS.md) give what the full reading gives."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
import regex

from de06_extract import extract_text
from de06_extract.pipeline import get_pipeline
from de06_extract.recognizers.person import PersonRecognizer

from .conftest import SAMPLES

_CASES = tomllib.loads((Path(__file__).parent / "corpus" / "person.toml").read_text(encoding="utf-8"))
TEXTS = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))] + [
    text for ex in _CASES["examples"] for text in ex["texts"]
]


def test_pass_one_finds_the_same_without_the_exit_before_the_cut(monkeypatch: pytest.MonkeyPatch) -> None:
    """`_no_anchor` (the cheap exit tested on the run as written) only refuses runs that pass 1, cutting
    their words first, would refuse too."""
    no_anchor, anchored = PersonRecognizer._no_anchor, PersonRecognizer._anchored
    slow = False
    exits: list[str] = []

    def gated(self: PersonRecognizer, *args: object) -> bool:
        return False if slow else no_anchor(self, *args)  # type: ignore[arg-type]

    def compared(
        self: PersonRecognizer, scratch: object, m: regex.Match[str], run: tuple[int, int, str], prev_end: int
    ) -> object:
        nonlocal slow
        assert run == (m.start(), m.end(), m.group())  # the run's span and text, held beside its match
        fast = anchored(self, scratch, m, run, prev_end)  # type: ignore[arg-type]
        slow = True
        try:
            full = anchored(self, scratch, m, run, prev_end)  # type: ignore[arg-type]
        finally:
            slow = False
        assert fast == full, m.group()
        if no_anchor(self, scratch, run, prev_end):  # type: ignore[arg-type]
            exits.append(m.group())
        return fast

    monkeypatch.setattr(PersonRecognizer, "_no_anchor", gated)
    monkeypatch.setattr(PersonRecognizer, "_anchored", compared)
    for text in TEXTS:
        extract_text(text)
    assert len(exits) > 100  # the fast exit is taken, on many runs


def test_a_word_that_ends_no_anchor_phrase_leaves_every_left_context_false() -> None:
    """`LeftContext.may_end` False for the word right before a position: `ends_with` is False there
    for every word set of the pack."""
    person = next(r for r in get_pipeline().recognizers if r.kind == "person")
    a = person.anchors  # type: ignore[attr-defined]
    sets = [
        a.hon_set, a.neg_set, a.admin_set, a.credit_set, a.prepositions, a.stage_set, a.given_set,
        a.one_word_set, a.place_set, a.org_set, a.pen_set, a.famous_set, a.committee_set, a.owner_set,
    ]  # fmt: skip
    refused = 0
    for text in TEXTS:
        left = a.scan(text)
        for m in regex.finditer(r"(?<=(\S++)[ ])\S", text):
            if not left.may_end(m[1]):
                refused += 1
                assert not any(left.ends_with(m.start(), s) for s in sets), (
                    m[1],
                    text[m.start() : m.start() + 20],
                )
    assert refused > 1000


def test_cheap_tests_pass_wherever_the_costly_title_patterns_match() -> None:
    """The title readings test cheaply first where a costly pattern may match, and call it only there:
    `hon_end` and `conj_end` after a last word ending in one of theirs (`last_word_ends`), as
    `addressed_after` (`_addressed_at`), `role_re`
    on a text opening with a modifier's or role head's letters, `title_opener` before a comma, dash or
    bracket (`_opens_aside`), `parent_re` in a text with a bracket closed before a capital; and the
    house number, the acronym and the anchor before a run (`_after_number`, `LeftContext.acronym_left`,
    `LeftContext.anchor_before` at a position not read yet) and the next letters a title head's first
    word may take (`_next_letters`) are read as their full readings read them."""
    from de06_extract.recognizers.person import _ADDRESS_WINDOW
    from de06_extract.recognizers.person.anchors import _ACRONYM, _NUMBER, _after_number
    from de06_extract.recognizers.person.titles import (
        _CLOSED_BEFORE_CAPITAL,
        _LETTERS,
        _next_letters,
        _opens_aside,
        last_word_ends,
        letters,
    )

    person = next(r for r in get_pipeline().recognizers if isinstance(r, PersonRecognizer))
    titles = person.titles
    texts = [
        *TEXTS,
        "Giám đốc Sở và ông ",
        "Chủ tịch UBND cùng bà\n",
        "nguyên Giám đốc với BỊ CÁO  ",
        "(Ông ",
        "A  (45 tuổi), HLV trưởng B, nguyên Cầu thủ C - Phó Chủ tịch (Bộ Y tế) Nguyễn D",
        "số 8 Hoàng Minh Giám, 12A  Lê Lợi, 3/2 Trần Phú, nhà 5/ Lý Thái Tổ",
        "CTCP Hùng Vương, SSI \nRetail, A  B\n",
        "của ông A, (bị cáo B, “đồng chí C, Bs. D, tại. E, nam ca sĩ F",
        "BS. Dung, ThS.BS Hoa, (bác sĩ Lan, Bác Sĩ \nMai, PGS.TS.BS Tú, kỹ sư  An, KTS. Bình",
    ]
    matched = 0
    for text in texts:
        for end in (k + 1 for k, c in enumerate(text) if c.isspace()):
            piece = text[max(0, end - 60) : end]
            for pattern, ends in ((titles.hon_end, titles.hon_ends), (titles.conj_end, titles.conj_ends)):
                if pattern.search(piece) is not None:
                    matched += 1
                    assert last_word_ends(piece, ends), piece
        left, full = person.anchors.scan(text), person.anchors.scan(text)
        for at in range(len(text)):
            lo = max(0, at - _ADDRESS_WINDOW)
            if person.addressed_after.search(text, lo, at) is not None:
                matched += 1
                assert last_word_ends(text[lo:at], person.addressed_ends), text[lo:at]
            assert _after_number(text, at) == (_NUMBER.search(text, max(0, at - 12), at) is not None)
            assert left.acronym_left(at) == (_ACRONYM.search(text, max(0, at - 12), at) is not None)
            nxt = _LETTERS.search(text, at)
            assert _next_letters(text, at) == (nxt.group() if nxt is not None else "")
            anchored = text[at - 1 : at].isspace() and full.ends_with(at, person.anchors.anchor_set)
            assert left.anchor_before(at) == anchored, text[max(0, at - 20) : at]
            if titles.role_re.match(text[at : at + 60]) is not None:
                matched += 1
                assert letters(text[at:]).casefold() in titles.role_firsts, text[at : at + 60]
            if titles.opener.match(text, at) is not None:
                matched += 1
                assert _opens_aside(text, at), text[at : at + 60]
        if titles.parent_re.search(text) is not None:
            matched += 1
            assert _CLOSED_BEFORE_CAPITAL.search(text) is not None
    assert matched > 200


def test_word_cues_match_only_where_a_first_word_of_their_lexicon_occurs() -> None:
    """`WordCue.finditer` and `found` (tried at the first words' positions in the lower-cased text) are
    the pattern's `finditer` and `search`: every match starts at one of those positions (`school_cue`,
    `sino_context`, the team sheets' `lineup`)."""
    from de06_extract.rulepacks import WordPositions

    person = next(r for r in get_pipeline().recognizers if isinstance(r, PersonRecognizer))
    cues = [person.anchors.school_cue, person.unanchored.sino_context, person.propagation.lineup]
    texts = [
        *TEXTS,
        "Theo TRƯỜNG THPT Lê Lợi, (đại  học Y Hà Nội) và ĐH. Bách khoa, BV Chợ Rẫy",
        "phim C-biz, “Trung Quốc”, xứ Đài; Hoa\nngữ, NDT. nhânTrung Quốc, Trung Quốcx, trung quốc, TRUNG QUỐC",
        "thị trường Mỹ, trường  Lê Quý Đôn, bệnh viện, Học Viện Báo chí",
        "Đội hình ra sân: A, B. Ghi bàn: C (12'), D. Dự bị Dự bị: E; xDự bị: F\nThẻ vàng Thẻ đỏ: G, ghi bàn: H",
    ]
    matched = 0
    for text in texts:
        words = WordPositions(text.lower())
        assert len(words.lower) == len(text)
        for cue in cues:
            starts = set(cue.starts(text, words))
            every = list(cue.pattern.finditer(text, overlapped=True))
            matched += len(every)
            assert all(m.start() in starts for m in every), [m.group() for m in every]
            spans = [m.span() for m in cue.pattern.finditer(text)]
            assert [m.span() for m in cue.finditer(text, words)] == spans
            assert [m.span() for m in cue.finditer(text, None)] == spans
            assert cue.found(text, words) == cue.found(text, None) == bool(spans)
    assert matched > 20


def test_a_list_read_again_with_nothing_taken_since_adds_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pass 5 skips `listed` when nothing was taken since it last added nothing: read in full there, it
    adds nothing either."""
    from de06_extract.recognizers.person.propagate import _Article

    listed = _Article.listed
    skipped = 0

    def checked(self: _Article) -> bool:
        nonlocal skipped
        if self.listed_none == len(self.added):
            skipped += 1
            self.listed_none = -1
            assert not listed(self)
        return listed(self)

    monkeypatch.setattr(_Article, "listed", checked)
    for text in TEXTS:
        extract_text(text)
    assert skipped > 20


def test_the_capitals_patterns_find_what_they_find_without_the_name_tested_first() -> None:
    """`titled_capitals` and `capitals` test the name in capitals (`capitals_name`) before their title or
    honorific look-behind: the same matches as without that look-ahead."""
    person = next(r for r in get_pipeline().recognizers if isinstance(r, PersonRecognizer))
    texts = [
        *TEXTS,
        "Tổng thống DONALD TRUMP. Ông NGUYỄN VĂN A, HLV PARK HANG SEO: và bà TRẦN THỊ B2, UBND TP HCM",
        "Thủ tướng NGUYỄN XUÂN PHÚC\nCô giáo LÊ THỊ HOA cùng Chủ tịch UBND TP",
    ]
    matched = 0
    for p in (p for p in person.pack.spec.patterns if p.name in ("titled_capitals", "capitals")):
        assert "(?={capitals_name})" in p.regex
        fast = person.pack.pattern(p.name).regex
        full = person.pack.compile(p.regex.replace("(?={capitals_name})", ""), True)
        for text in texts:
            found = [(m.span(), m.groupdict()) for m in fast.finditer(text)]
            matched += len(found)
            assert found == [(m.span(), m.groupdict()) for m in full.finditer(text)], text[:60]
    assert matched >= 4
