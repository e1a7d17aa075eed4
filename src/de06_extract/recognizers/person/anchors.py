"""Left context of a name: honorifics and role nouns that anchor it ("đồng chí", "bị cáo"), and the
words that make a capitalised run a street, a place or a credit instead ("đường", "tỉnh", "Ảnh:")."""

from __future__ import annotations

import regex

from ...rulepacks import RulePack, WordPositions

_OPENERS = "(“\"'‘["
_ACRONYM = regex.compile(r"(?<![\p{L}\p{M}])\p{Lu}{2,}+[ ]$")
_LIST_JOIN = regex.compile(r"\s*+(?:,|-|và|hoặc)\s*+")
_STOPS = ".!?"  # the marks that end a sentence
# right before a position, a sentence (or a quote, or a line) ends: a name after it is capitalised by position
SENTENCE_END = regex.compile(rf'(?:^|[{_STOPS}:"“”\n])\s*+$')
# right before a position, a capitalised word and a space: a heading or caption glued to the next sentence
_CAP_WORD_BEFORE = regex.compile(r"(?<![\p{L}\p{M}])\p{Lu}[\p{L}\p{M}]*+[ ]$")
# within a span, a sentence or a line ends
SENTENCE_BREAK = regex.compile(rf"[{_STOPS}]\s|\n")
# Characters before a position that `ends_with` reads (its 1-4 words).
_WINDOW = 40
_FULL_DATE = regex.compile(r"\d{1,2}([-/.])\d{1,2}\1\d{4}")
_NUMBER = regex.compile(r"(?<![\p{L}\p{M}])\d[\d/]*+[A-Za-z]?\s++$")


class Anchors:
    """The left-context word sets of the person pack; `scan` gives one article's look-ups."""

    def __init__(self, pack: RulePack) -> None:
        # Left-context checks are set look-ups on the last words (a regex search per run is slow).
        given = pack.lexicon("given_name_anchors")  # anchor full names too
        self.hon_set = _lower_set(pack.lexicon("honorifics") + pack.lexicon("roles") + given)
        self.neg_set = _lower_set(pack.lexicon("negative_before"))
        self.street_set = _lower_set(pack.lexicon("street_words"))
        self.school_set = _lower_set(pack.lexicon("school_words"))
        self.school_ends = frozenset(p.rsplit(" ", 1)[-1] for p in self.school_set)  # their last words
        # one before a capital: an article without it names no school (`school_names` reads no run)
        school_cue = pack.compile(r"(?<![\p{L}\p{M}])(?i:{school_words})\.?+[ ]++\p{Lu}", True)
        self.school_cue = WordCue(school_cue, pack.lexicon("school_words"))
        # honorifics and kin words without the roles: they make a person of a school's name (`school_names`)
        self.personal_set = _lower_set(pack.lexicon("honorifics")) | _lower_set(given)
        # Roles ending in a negative word ("chủ nhiệm phim", "chủ tàu", "giáo viên mầm non"): the role wins
        # over the word.
        self.role_over_neg = frozenset(
            p
            for p in self.hon_set - self.neg_set
            if any(" ".join(p.split()[k:]) in self.neg_set for k in range(1, p.count(" ") + 1))
        ) | _lower_set(pack.lexicon("negative_compounds"))
        self.admin_set = _lower_set(pack.lexicon("admin_before"))
        self.glued = tuple(pack.lexicon("negative_glued"))
        self.credit_set = _lower_set(pack.lexicon("credit_before"))
        self.caption_set = _lower_set(pack.lexicon("caption_subject_before"))  # "Trong ảnh:": no credit
        self.stage_set = _lower_set(pack.lexicon("stage_anchors"))
        # kin words ("bà xã") and a government named after its head ("Chính phủ X", ruling of 2026-12-01)
        # end no organisation or thing before a name (`thing_left`)
        self.given_set = _lower_set(given)
        self.not_thing_set = self.given_set | _lower_set(pack.lexicon("government_before"))
        self.compounds = _lower_set(pack.lexicon("honorific_compounds"))
        self.prepositions = _lower_set(pack.lexicon("prepositions"))
        self.one_word_set = _lower_set(pack.lexicon("one_word_name_roles"))
        self.anchor_set = self.hon_set | self.one_word_set  # `anchor_before`
        self.anchor_ends = frozenset(p.rsplit(" ", 1)[-1] for p in self.anchor_set)  # their last words
        self.place_set = _lower_set(pack.lexicon("place_before"))
        self.org_set = _lower_set(pack.lexicon("org_heads"))
        self.streets = set(pack.lexicon("street_names"))
        self.pen_set = _lower_set(pack.lexicon("pen_name_anchors"))
        self.pen_tails = frozenset(" ".join(p.split()[-3:]) for p in self.pen_set)  # their last 3 words
        self.famous_set = _lower_set(pack.lexicon("famous_before"))
        self.not_famous_set = _lower_set(pack.lexicon("famous_not_before"))
        self.committee_set = _lower_set(pack.lexicon("committee_before"))
        self.owner_set = _lower_set(pack.lexicon("owner_roles"))
        # "Tháng 11/2016 Perisic": a date's words with their number, no house number (`neg_left`)
        self.date_set = _lower_set(pack.lexicon("number_date_words"))
        aside = r"[ ]?+\((?:{street_asides})(?![\p{L}\p{M}])"  # "(quận ...": a street's district
        self.street_aside = pack.compile(aside, case_sensitive=True)
        # a street's district in brackets between two items of a list ("Nguyễn Hữu Cảnh (quận Bình
        # Thạnh), Lương Định Của")
        self.aside_join = pack.compile(aside + r"[^()\n]{0,30}+\)" + _LIST_JOIN.pattern, case_sensitive=True)
        # Last words of every phrase set given to `ends_with`: other positions are refused at once.
        self.enders = {
            phrase.rsplit(" ", 1)[-1]
            for phrases in (
                self.hon_set,
                self.neg_set,
                self.admin_set,
                self.credit_set,
                self.prepositions,
                self.stage_set,
                self.not_thing_set,
                self.one_word_set,
                self.place_set,
                self.org_set,
                self.pen_set,
                self.famous_set,
                self.committee_set,
                self.owner_set,
            )
            for phrase in phrases
        }
        # Last words of the five-word phrases ("công ty bất động sản"): only after one is a fifth word read.
        self.long_enders = {p.rsplit(" ", 1)[-1] for p in self.neg_set if p.count(" ") >= 4}

    def scan(self, text: str) -> LeftContext:
        return LeftContext(self, text)


class LeftContext:
    """One article's text with a cache of the 1-3 words before each position asked about."""

    def __init__(self, anchors: Anchors, text: str) -> None:
        self.a, self.text = anchors, text
        self._tails: dict[int, frozenset[str]] = {}

    def ends_with(self, pos: int, words: frozenset[str]) -> bool:
        """Whether the 1-5 words right before `pos` (a trailing full stop dropped) are one of `words`."""
        tails = self._tails.get(pos)
        if tails is None:  # the same positions are asked about many times
            window = self.text[max(0, pos - _WINDOW) : pos]
            parts = window.rsplit(None, 1)
            raw = parts[-1].lstrip(_OPENERS) if parts else ""  # the last word, or ""
            last, enders = raw.lower(), self.a.enders
            # "của làng. Phạm Văn Vương", "tại Tam Đảo. Hoàng Thùy Linh": a word ending a sentence
            # anchors nothing, an abbreviation does ("TS. Lê Văn A", "Bs. Hà")
            if last in enders or (
                last.rstrip(".") in enders and not (raw[-1:] == "." and not _abbreviation(raw[:-1]))
            ):
                tail = window.lower().split()[-5 if last in self.a.long_enders else -4 :]
                # "(bị cáo Dung": an opening bracket or quote is no part of the phrase
                phrases = [" ".join(tail[k:]).lstrip(_OPENERS) for k in range(len(tail))]
                tails = frozenset(phrases + [p.rstrip(".") for p in phrases])
                if compounds := tails & self.a.compounds:  # "trẻ em": its "em" is no honorific
                    short = max(map(len, compounds))
                    tails = frozenset(p for p in tails if len(p) >= short)
            else:
                tails = frozenset()
            self._tails[pos] = tails
        return not tails.isdisjoint(words)

    def may_end(self, word: str) -> bool:
        """Whether `word`, written right before a position with one space between, may end a phrase
        `ends_with` looks for there (else `ends_with` is False for every word set): a set look-up
        instead of reading the position's window."""
        last = word.lstrip(_OPENERS).lower()
        # a word as long as the window is cut in it: `ends_with` reads its tail, so no refusal
        return len(word) >= _WINDOW - 1 or last in self.a.enders or last.rstrip(".") in self.a.enders

    def hon_before(self, at: int) -> bool:
        """An honorific or role noun right before `at` ("ông", "đồng chí", "bị cáo")."""
        return self._word_gap(at) and self.ends_with(at, self.a.hon_set)

    def _word_gap(self, at: int) -> bool:
        """A space right before `at`, or a lower-case letter glued to the capital there ("ôngTrump",
        "Tổng thốngMoon": scraped text, the `run` pattern's glue point)."""
        before = self.text[at - 1 : at]
        return before.isspace() or (before.islower() and self.text[at : at + 1].isupper())

    def anchor_before(self, at: int) -> bool:
        """`hon_before` or `one_word_before`, in one look-up."""
        return self._word_gap(at) and self._quick_ends_with(at, self.a.anchor_set, self.a.anchor_ends)

    def _quick_ends_with(self, at: int, words: frozenset[str], ends: frozenset[str]) -> bool:
        """`ends_with(at, words)`; at a position not read yet, the last word first against `ends`, the last
        words of `words` (most runs follow one that ends none: "của", "tại"), its phrases not made then."""
        if at not in self._tails:
            before = self.text[max(0, at - _WINDOW) : at].rsplit(None, 1)  # as `ends_with` reads them
            last = before[-1].lower() if before else ""
            bare = last.lstrip(_OPENERS)
            if ends.isdisjoint((last, bare, last.rstrip("."), bare.rstrip("."))):
                return False
        return self.ends_with(at, words)

    def stage_before(self, at: int) -> bool:
        """A title or role that takes stage and given names right before `at` ("NSƯT", "MC", "danh hài")."""
        return self.text[at - 1 : at].isspace() and self.ends_with(at, self.a.stage_set)

    def one_word_before(self, at: int, nationality: bool = False) -> bool:
        """A role or profession right before `at` after which one word is a name ("nam ca sĩ Drake");
        with `nationality`, "người" may stand between (before a country: "tiền vệ người Brazil X")."""
        if nationality and self.text.endswith(" người ", 0, at):
            at -= 6
        return self._word_gap(at) and self.ends_with(at, self.a.one_word_set)

    def given_before(self, run_start: int, at: int, in_run: bool) -> bool:
        """An honorific or kin word that takes a given name without a surname right before `at`
        ("chị Bích Vân", "vợ trẻ Tuyết Vân"), or opening the run at a sentence start ("Chị Bích Vân"),
        also one a missing full stop glues to a heading's last word ("... huyện Đông Hải Ông Tư Lành")."""
        if not in_run:
            before = self.text[max(0, at - 2) : at]  # "vợ chồng. Bố Tài": a sentence ends before it
            return before[-1:].isspace() and before[:1].isalpha() and self.ends_with(at, self.a.given_set)
        word = self.text[run_start:at].strip().lower()
        text = self.text
        if word not in self.a.given_set:
            return False
        if SENTENCE_END.search(text, max(0, run_start - 4), run_start) is not None:
            return True
        if _CAP_WORD_BEFORE.search(text, max(0, run_start - 24), run_start) is None:
            return False
        # not inside a quoted work's title ('hay "Em Là Bà X"'): no quote left open in the sentence
        window = text[max(0, run_start - 120) : run_start]
        opened = window[max(window.rfind(". "), window.rfind("\n")) + 1 :]
        return opened.count('"') % 2 == 0 and opened.rfind("“") <= opened.rfind("”")

    def neg_left(self, at: int, numbers: bool = True) -> bool:
        """A street word, a glued abbreviation or (with `numbers`) a house number right before `at`."""
        text = self.text
        return text.endswith(self.a.glued, 0, at) or (
            text[at - 1 : at].isspace()
            and (
                (
                    self.ends_with(at, self.a.neg_set)
                    and not self.ends_with(at, self.a.role_over_neg)
                    and not self.ends_with(at, self.a.admin_set)  # "thành phố Seoul" is no street
                )
                or (numbers and _after_number(text, at) and not self._dated(at))
            )
        )

    def _dated(self, at: int) -> bool:
        """Whether the number right before `at` is a date's, after a word of `number_date_words`
        ("Tháng 11/2016 Perisic", "năm 2015 Hùng") or a full date ("20-9-2016 Tuấn"), not a house number."""
        words = self.text[max(0, at - 24) : at].split()
        # a full date is no house number ("chiều 20-9-2016 Tuấn đã ...")
        if words and _FULL_DATE.fullmatch(words[-1]) is not None:
            return True
        return len(words) > 1 and words[-2].lower() in self.a.date_set

    def thing_left(self, at: int) -> bool:
        """A street, place, admin unit, organisation, acronym or credit right before `at` ("tại Phú Mỹ",
        "bộ Công Thương", "CTCP Hùng Vương"): what follows names no person; a kin word ending in one
        ("bà xã", "ông xã") is none, and so is a government named after its head ("Chính phủ X")."""
        return not self.ends_with(at, self.a.not_thing_set) and (
            self.neg_left(at)
            or self.ends_with(at, self.a.admin_set)
            or self.ends_with(at, self.a.place_set)
            or self.ends_with(at, self.a.org_set)
            or self.acronym_left(at)
            or self.credit_left(at)
        )

    def acronym_left(self, at: int) -> bool:
        """An acronym right before `at` ("CTCP Hùng Vương", "SSI Retail Research"): a firm or its unit."""
        # the cheap test first: a space, after no lower-case letter, at the end (`$` matches before a
        # last line break too)
        end = at - 1 if self.text[at - 1 : at] == "\n" else at
        before = self.text[max(0, end - 2) : end]
        if len(before) < 2 or before[1] != " " or before[0].islower():
            return False
        return _ACRONYM.search(self.text, max(0, at - 12), at) is not None

    def credit_left(self, at: int) -> bool:
        """A photo or source credit right before `at` ("Ảnh: Lữ Phú"; not the subject of "Trong ảnh: A")."""
        return self.ends_with(at, self.a.credit_set) and not self.ends_with(at, self.a.caption_set)

    def street_names(self, runs: list[regex.Match[str]]) -> frozenset[str]:
        """The streets the article names: runs written after a word of `street_words` ("đường Nguyễn
        Thái Sơn"), and the runs listed with a run ending in one of those ("kết nối Nguyễn Thái Sơn -
        Hoàng Minh Giám"), so that every mention of them without an anchor is the street."""
        named = tuple(
            m.group()
            for m in runs
            if self.text[m.start() - 1 : m.start()] == " " and self.ends_with(m.start(), self.a.street_set)
        )
        out = set(named)
        for k, m in enumerate(runs if named else ()):
            if m.group().endswith(named):
                out.update(x.group() for x in self._listed(runs, k))
        return frozenset(out)

    def school_names(self, runs: list[regex.Match[str]], words: WordPositions | None) -> frozenset[str]:
        """The schools and hospitals the article names after a person: runs written after a word of
        `school_words` ("trường Lê Hồng Phong"), or opening with one before two words or more
        ("Trường Lê Hồng Phong" at a sentence start; not "hộ kinh doanh Trường Thành"), without it.
        `words`: `Doc.words`."""
        out: set[str] = set()
        if not self.a.school_cue.found(self.text, words):
            return frozenset()
        for m in runs:
            at, run = m.start(), m.group()
            if self.text[at - 1 : at] == " " and self._quick_ends_with(
                at, self.a.school_set, self.a.school_ends
            ):
                out.add(run)
            head = run.split(" ", 1)
            if len(head) == 2 and " " in head[1] and head[0].lower() in self.a.school_set:
                out.add(head[1])
        return frozenset(out)

    def personal_before(self, at: int) -> bool:
        """An honorific or kin word (not a role noun: "nữ sinh") right before `at`."""
        return self._word_gap(at) and self.ends_with(at, self.a.personal_set)

    def streetish(self, runs: list[regex.Match[str]], k: int, streets: bool = True) -> bool:
        """Whether run `k` names a street or thing: it, or a run listed with it (", ", " - ", " và "),
        follows a negative word or (with `streets`: not for a person named so elsewhere in the
        article, "đồng chí Trường Chinh") is a listed street name or is followed by its urban district
        in brackets ("Tô Ngọc Vân (quận Thủ Đức)")."""
        return any(
            self.neg_left(m.start())
            or (streets and (m.group() in self.a.streets or self.a.street_aside.match(self.text, m.end())))
            or self.credit_left(m.start())
            for m in self._listed(runs, k)
        )

    def _listed(self, runs: list[regex.Match[str]], k: int) -> list[regex.Match[str]]:
        """Run `k` and the runs listed with it (", ", " - ", " và ")."""
        lo = hi = k
        while (step := self._join_step(runs, lo, -1)) != 0:
            lo += step
        while (step := self._join_step(runs, hi, 1)) != 0:
            hi += step
        return runs[lo : hi + 1]

    def _join_step(self, runs: list[regex.Match[str]], k: int, way: int) -> int:
        """The step (`way` or twice it) from run `k` to the next item of its list, 0 at the list's end; a
        street's district in brackets is crossed, with the run it holds ("Cảnh (quận Bình Thạnh), Lương")."""
        for step, join in ((way, _LIST_JOIN), (way, self.a.aside_join), (2 * way, self.a.aside_join)):
            a, b = sorted((k, k + step))
            if a >= 0 and b < len(runs) and join.fullmatch(self.text, runs[a].end(), runs[b].start()):
                return step
        return 0


class WordCue:
    """A pattern opening with a word of a lexicon (`words`, the lexicon's entries), tried only where one of
    their first words occurs in the lower-cased text (`Doc.words`), as the packs' patterns with start
    words are, and (`cased`: the pattern matches them as written) is written so there: a big alternation
    scanned over a whole text costs 0.05-0.3 ms in a run."""

    def __init__(self, pattern: regex.Pattern[str], words: list[str], cased: bool = False) -> None:
        self.pattern = pattern
        self.firsts = tuple(sorted({w.split()[0].lower() for w in words}))
        self.written = tuple(sorted({w.split()[0] for w in words})) if cased else ("",)

    def finditer(self, text: str, words: WordPositions | None) -> list[regex.Match[str]]:
        """What `pattern.finditer(text)` finds; `words`: the positions of words in the lower-cased
        text (None without one: the pattern scans the text)."""
        if words is None:
            return list(self.pattern.finditer(text))
        out: list[regex.Match[str]] = []
        for at in self.starts(text, words):
            if (not out or at >= out[-1].end()) and (m := self.pattern.match(text, at)) is not None:
                out.append(m)
        return out

    def found(self, text: str, words: WordPositions | None) -> bool:
        """Whether the pattern matches in `text` (`words` as for `finditer`)."""
        if words is None:
            return self.pattern.search(text) is not None
        return any(self.pattern.match(text, at) for at in self.starts(text, words))

    def starts(self, text: str, words: WordPositions) -> list[int]:
        """The positions a match may start at."""
        return [at for at in words.starts(self.firsts) if text.startswith(self.written, at)]


def _lower_set(words: list[str]) -> frozenset[str]:
    return frozenset(" ".join(w.lower().split()) for w in words)


def _abbreviation(word: str) -> bool:
    """Whether `word` (before its full stop) is an abbreviation: capitals ("GS", "TP"), dotted ("Ths.BS")
    or a capitalised short Latin word ("Bs", "Dr"); not a sentence's last word ("làng", "Đảo")."""
    return word.isupper() or "." in word or (word.isascii() and not word.islower() and len(word) <= 3)


def _after_number(text: str, pos: int) -> bool:
    """A house number right before the run: "số 8 Hoàng Minh Giám", "277 Nguyễn Trãi"."""
    before = text[max(0, pos - 12) : pos]
    stripped = before.rstrip()
    # the cheap test first: spaces at the end, a character that is no letter (a digit or a slash) in
    # the last two before them
    if stripped == before or all(c.isalpha() for c in stripped[-2:]):
        return False
    return _NUMBER.search(text, max(0, pos - 12), pos) is not None
