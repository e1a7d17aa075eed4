"""Pass 5: persons found by what the article already knows about its persons (docs/recognizers.md).

- A scorer: a name of two to four words before a match minute ("Văn An (23’)", "Đăng Hưng (og 24’)")
  or a count of goals ("Văn Thanh (cú đúp)").
- A foreign full name whose last word the article also uses alone ("Jonas Folger" and "Folger ×2").
- Coordination: a name-shaped run listed with a person found ("Lorenzo và Valentino Rossi", "Khắc
  Chí (33’), Thành Đạt (36’) và ..."), then every other mention of a name found so.
- A one-word name that is the last word of a full name found (convention 4; a two-syllable stage name
  too, "Duy" of "Bảo Duy") or the first word of a foreign one ("Hari" of "Hari Won", "Cindy" of "Cindy Nguyen"): after a title or
  role in its clause ("Bộ trưởng quốc phòng Mattis", "BS Thành"), or used alone: a Vietnamese given
  name (`alone_given_names`: "Hiền" of "Bùi Thanh Hiền") or a foreign one (`alone_foreign_surnames`).

Every added name passes the same guards: no place, thing, street, brand, team, organisation, title or
honorific in or right before it. The work is a few passes over the article's runs and set look-ups.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from collections import Counter
from collections.abc import Callable, Set
from dataclasses import dataclass

import regex

from ... import underthesea_adapter
from ...rulepacks import RulePack, WordPositions, kept_regex
from .anchors import SENTENCE_END, LeftContext, WordCue
from .namemodel import name_model, phrase_before
from .shape import NEXT_LOWER, NameShape, Word, one_spelling
from .titles import TitleScan, overlaps

# Between two listed names: ", " or " và " (", và "), after an optional aside ("Văn An (23’) và").
_JOIN = kept_regex(r"(?:[ ]?+\([^()\n]{1,40}+\))?+[ ]?+(?:,[ ]và|,|và|hoặc)[ ]")
_QUOTES = ('"', "“", "'", "‘", "/")
_NUMBER_AFTER = kept_regex(r"[ ]\d")
_NUMBER_BEFORE = kept_regex(r"\d[ ]$")
_CAP_AFTER = kept_regex(r"[ ]\p{Lu}")
_POSSESSIVE_OR_INITIAL = kept_regex(r"['’]s(?![\p{L}\p{M}])|[ ]\p{Lu}\.")
# A one-word place joined to a word by a hyphen or dash ("nền điện ảnh Hoa - Hàn - Mỹ").
_DASHED_AFTER = kept_regex(r"[ ]?+-[ ]?+(\p{Lu}[\p{L}\p{M}]*+)")
# A capital letter alone before a full stop, which no run holds: "Châu Á." is a place.
_LETTER_AFTER = kept_regex(r"[ ](\p{Lu})\.")
_DASHED_BEFORE = kept_regex(r"(?<![\p{L}\p{M}])(\p{Lu}[\p{L}\p{M}]*+)[ ]?+-[ ]?+$")
# A lower-case word right before a mention ("vây bắt Khoan đã"): the mention is inside its clause.
_LOWER_WORD_BEFORE = kept_regex(r"(?<=\s)\p{Ll}[\p{L}\p{M}]*+[ ]$")
# ... or after a comma, as the first of two subjects ("do mâu thuẫn, Khoan và 2 bị can đã ...")
_LOWER_WORD_COMMA = kept_regex(r"(?<=\s)\p{Ll}[\p{L}\p{M}]*+,[ ]$")
_JOIN_FIRST = frozenset(",(")  # the first character `_JOIN` may open with, or its first two:
_JOIN_OPEN = frozenset((" (", " ,", " v", " h"))
_JOIN_TAILS = frozenset((", ", "à ", "c "))  # how `_JOIN` ends ("c " of "hoặc": checked by `_JOIN` after)
_START, _END = 0, 1  # which edge of a run `_Article._run` looks up

Added = tuple[int, int, str, str, list[str]]  # start, end, name, rule, titles before it


@dataclass
class Known:
    """The persons found so far: their spans (sorted, shared with the recognizer) and names."""

    taken: list[tuple[int, int]]
    names: dict[int, tuple[int, str]]  # start -> (end, name)
    seeds: set[int]  # ends of the names a list may follow: not those found by structure alone

    def add(self, start: int, end: int, name: str) -> None:
        insort(self.taken, (start, end))
        self.names[start] = (end, name)
        self.seeds.add(end)


class Propagation:
    """The pack's words for pass 5, compiled once."""

    def __init__(
        self,
        pack: RulePack,
        shape: NameShape,
        stop_words: Set[str],
        org_heads: Set[str],
        alone: tuple[bool, bool],
        odds: tuple[float, float],
    ) -> None:
        self.shape, self.stop_words, self.org_heads = shape, stop_words, org_heads
        # words a run is cut before: after a name's first word only these refuse it ("Tuấn Anh" is one)
        self.breakers = {w.lower() for w in shape.breakers}
        # sentence openers that may be given names too, cut only off a name the article knows ("Hồi A")
        self.glued_openers = frozenset(pack.lexicon("short_form_glued_openers"))
        self.minute = pack.compile(r"{scorer_minute}|{scorer_mark}")
        self.marks = tuple(f"({w})" for w in pack.lexicon("scorer_marks"))
        lineup = pack.compile(r"{lineup_cue}", case_sensitive=True)
        self.lineup = WordCue(lineup, pack.lexicon("lineup_cues"), cased=True)
        self.formation = pack.compile(r"{lineup_formation}", case_sensitive=True)
        self.lineup_before = pack.compile(r"{lineup_before}")
        self.lineup_after = pack.compile(r"{lineup_after}")
        self.result_score = pack.compile(r"\G{result_score}", case_sensitive=True)
        self.alone_given, self.alone_foreign = alone  # `alone_given_names`, `alone_foreign_surnames`
        self.surname_odds, self.given_odds = odds  # `model_foreign_threshold`, `model_cued_threshold`
        a = shape.anchors
        self.openers = a.hon_set | a.given_set | a.one_word_set | a.stage_set
        self.place_words = a.place_set
        # an era, a class or a firm before a given name alone ("thời Victoria", "lớp Romeo")
        self.thing_before = pack.word_before("known_not_before|lone_given_not_before", "[ ]")
        self.coach_before = pack.word_before("coach_team_before", "[ ]")
        # a firm or an organisation in a phrase before a name ("doanh nghiệp tư nhân A", "văn phòng Luật sư A")
        self.firms = pack.compile(
            r"(?<![\p{L}\p{M}])(?:{vote_firm_words}|{org_heads})(?![\p{L}\p{M}])", case_sensitive=False
        )
        self.particles = frozenset(pack.lexicon("surname_particles"))
        # a site or a network before a one-word run, no person ("trên Facebook")
        self.place_prepositions = tuple(f" {w} " for w in pack.lexicon("surname_place_prepositions"))

    def extend(self, view: ArticleView) -> list[Added]:
        """The persons pass 5 adds, in no order; `view.known` is updated with them."""
        ctx = _Article(self, view)
        ctx.scorers()
        ctx.lineups()
        ctx.result_tables()
        ctx.foreign_by_surname()
        for _ in range(2):
            if not ctx.listed():
                break
        ctx.repeats()
        ctx.after_openers()
        ctx.given_first()
        ctx.before_closers()
        ctx.coached_and_addressed()
        ctx.full_repeats()
        ctx.short_forms()
        if ctx.listed():  # a list holding a short form found ("đồng hương của Martial và Pogba")
            ctx.repeats()
        return ctx.added


@dataclass(frozen=True)
class ArticleView:
    """What pass 5 reads of one article: its text (and `Doc.words`), runs (and their words, title heads
    cut off), the persons found so far, its left-context and title look-ups, its authors."""

    text: str
    words: WordPositions | None
    runs: list[regex.Match[str]]
    words_of: Callable[[regex.Match[str]], list[Word]]
    known: Known
    left: LeftContext
    heads: TitleScan
    authors: Set[str]


class _Article:
    """One article's pass 5."""

    def __init__(self, p: Propagation, v: ArticleView) -> None:
        self.p, self.text, self.words, self.runs, self.words_of = p, v.text, v.words, v.runs, v.words_of
        self.known, self.left, self.heads, self.authors = v.known, v.left, v.heads, v.authors
        self.added: list[Added] = []
        self.new_names: set[str] = set()
        self.edges: tuple[list[int], list[int]] | None = None  # starts and ends of the runs, made once
        self.run_texts: frozenset[str] | None = None  # every run as written, made once (`_alone`)
        self.alone_surnames: dict[str, bool] = {}  # `_listed_surname`'s test of the word's mentions
        self.listed_none = -1  # `len(added)` when `listed` last added nothing: it adds nothing again then

    def _free(self, start: int, end: int) -> bool:
        return not overlaps(self.known.taken, start, end)

    def _take(self, start: int, end: int, name: str, rule: str, titles: list[str] | None = None) -> None:
        self.known.add(start, end, name)
        self.added.append((start, end, name, rule, titles or []))
        if rule != "title":  # a one-word name after a title says nothing of its other mentions
            self.new_names.add(name)

    def _name_span(
        self, m: regex.Match[str], listed: bool = False, sheet: bool = False
    ) -> tuple[int, int, str] | None:
        """The name a free run holds when it is name-shaped (2-4 words, Vietnamese syllables or a foreign
        name) and passes the guards of `_clean` (`listed`: of a list or a scorer's line; `sheet`: of a
        team sheet)."""
        words = self.words_of(m)
        if not 2 <= len(words) <= 4 or words[-1][1] != m.end():
            return None
        start, end = words[0][0], words[-1][1]
        name = self.text[start:end]
        if not self._free(start, end) or not self._clean(name, start, listed=listed, sheet=sheet):
            return None
        return start, end, name

    def _clean(
        self, name: str, start: int, titled: bool = False, listed: bool = False, sheet: bool = False
    ) -> bool:
        """The guards of every name pass 5 adds (one word or more); `titled`: a title head governs it,
        so the words before it may be an acronym or an organisation ("BS Thành"); `listed`: a list or a
        scorer's line places it, so an honorific opening it is a given name's first syllable when the
        name model scores the pair as a given name ("Bình Minh, Anh Thư", "Anh Duy (26’)"); `sheet`: an
        item of a team sheet, between separators, so a number before or after it is a squad number (no
        house number, no product) and its first word opens no sentence ("Rui Patricio")."""
        shape, text = self.p.shape, self.text
        words = name.split()
        lowered = [w.lower() for w in words]
        vn = all(map(shape.vn, words))
        if vn and len(words) > shape.max_syl:
            return False
        particle = any(map(str.islower, words))  # "von der Leyen": foreign by its particle
        if not vn and not (shape.latin(words) and (len(words) == 1 or particle or shape.foreign(words))):
            return False
        return not (
            self._thing(name)
            or name in self.authors
            or name.isupper()
            or (lowered[0] in self.p.stop_words and not (listed and self._given_pair(words)))  # "Anh Tuấn"
            or not self.p.breakers.isdisjoint(lowered[1:])
            or (lowered[0] in self.p.openers and SENTENCE_END.search(text, max(0, start - 3), start))
            or self.heads.head_at(start) is not None
            or (not (titled or sheet) and self.left.thing_left(start))
            or (len(words) == 1 and self._thing_phrase(lowered[0], start + len(name)))
            or text[start - 1 : start] in _QUOTES
            or (not sheet and self._common(words, vn, start + len(name)))
            or (not vn and len(words) > 1 and not sheet and self._product(name))  # "Petrucci 0,16 giây"
        )

    def _given_pair(self, words: list[str]) -> bool:
        """Whether two Vietnamese syllables score as a given name from `model_cued_threshold` ("Anh
        Thư"; not "Ông Bảy": no person's name has "Ông" as its middle syllable)."""
        return (
            len(words) == 2
            and all(map(self.p.shape.vn, words))
            and name_model().score(*words) >= self.p.given_odds
        )

    def _thing(self, name: str) -> bool:
        """A place, street, brand, team or organisation: the name is one, holds a place of two words or
        more ("Hoàng Thư Đà Nẵng") or a brand or team word, or opens with an organisation or street
        word; one word alone only with an organisation's ("Vụ trưởng"): a thing word needs a name after
        it ("Trường THPT ..."), so "Trường" of "Nguyễn Thái Trường" is the man."""
        shape = self.p.shape
        parts = name.replace("-", " ").split()
        lowered = [w.lower() for w in parts]
        heads = self.p.org_heads if len(parts) > 1 else shape.anchors.org_set
        return (
            name in shape.places
            or name in shape.anchors.streets
            or any(w in shape.not_name for w in parts)
            or any(
                " ".join(parts[i:j]) in shape.places
                for i in range(len(parts))
                for j in range(i + 2, len(parts) + 1)
            )
            or any(" ".join(lowered[:k]) in heads for k in (1, 2))
        )

    def _thing_phrase(self, word: str, end: int) -> bool:
        """Whether a one-word name that is a thing word of `negative_before` opens a thing's phrase: the
        one or two lower-case words after it are one too ("Trường đại học", "Trường mầm non")."""
        neg = self.p.shape.neg_words
        if word not in neg:
            return False
        after = self.text[end : end + 24].split()[:2]
        return bool(after) and after[0].islower() and (after[0] in neg or " ".join(after) in neg)

    def _common(self, words: list[str], vn: bool, end: int) -> bool:
        """A common word or an organisation: the last word with the lower-case word after it ("Chính
        phủ", "Ca khúc", "Quốc hội"), or the first word of a foreign run ("Sau Drake": a sentence
        opening on "Sau")."""
        nxt = NEXT_LOWER.match(self.text, end)
        if nxt is not None:
            joined = f"{words[-1]} {nxt[1]}"
            if (
                joined.lower() in self.p.org_heads
                or joined.lower() in self.p.openers
                or underthesea_adapter.common_word(joined)
            ):
                return True  # "Quốc hội", "Chính phủ", "Hoa đán" (a stage anchor)
        first = words[0]  # a particle opens no sentence ("von der Leyen", "Van Gaal")
        return (
            not vn
            and not first.islower()
            and first.lower() not in self.p.particles
            and self.p.shape.vn(first)
            and underthesea_adapter.common_word(first)
        )

    def _product(self, name: str) -> bool:
        """A foreign name written before a number somewhere in the article ("Galaxy Note 7")."""
        at = self.text.find(name)
        while at >= 0:
            if _NUMBER_AFTER.match(self.text, at + len(name)):
                return True
            at = self.text.find(name, at + len(name))
        return False

    # -- the steps --------------------------------------------------------------------------------

    def scorers(self) -> None:
        """A name right before a match minute or a count of goals in brackets: a player who scored."""
        text = self.text
        at = text.find(")")
        while at > 0 and text[at - 1] != "'":
            at = text.find(")", at + 1)
        if at <= 0 and not any(w in text for w in self.p.marks):
            return  # no "')" nor a count of goals in the (normalised) text: cheap tests before the scan
        for minute in self.p.minute.finditer(self.text):
            k = self._run(minute.start(), _END)
            span = self._name_span(self.runs[k], listed=True) if k is not None else None
            if span is not None:
                self._take(*span, "scorer")

    def lineups(self) -> None:
        """The name-shaped runs of a team sheet or a scorers' line: after a cue of `lineup_cue` or
        `lineup_formation` ("Đội hình ra sân: A: 1 B 4 C", "Ghi bàn: B (55'), C", "(4-2-3-1):"), every run
        standing between the pieces' separators (`lineup_before`, `lineup_after`: a comma, a squad
        number, a rating, a minute), to the first run that does not (the sheet is over) or the line's
        end. One-word items too when most items are one word and one of them is a person found, by that
        word or as the last word of a full name ("Harry Kane ... Kane 7; Wanyama 7.5"): the sheets name
        their players by surname (in a sheet of full names a one-word item is a nickname: "Nani")."""
        text, p = self.text, self.p
        singles: list[regex.Match[str]] = []
        full = 0
        cues = p.lineup.finditer(text, self.words)
        if "):" in text:  # a formation's end: rare, a cheap test before the scan
            cues = sorted(cues + list(p.formation.finditer(text)), key=regex.Match.start)
        for cue in cues:
            stop = text.find("\n", cue.end())
            k = bisect_left(self._edges()[_START], cue.end())
            for m in self.runs[k:]:
                start, end = m.span()
                if (0 <= stop < start) or (
                    p.lineup_before.search(text, max(0, start - 2), start) is None
                    or p.lineup_after.match(text, end) is None
                ):
                    break
                if " " not in m.group():
                    singles.append(m)
                    continue
                full += 1
                span = self._name_span(m, listed=True, sheet=True)
                if span is not None:
                    self._take(*span, "listed")
        if len(singles) <= full:
            return
        found = {name[name.rfind(" ") + 1 :] for _, name in self.known.names.values()}
        if any(m.group() in found for m in singles):
            for m in singles:
                if self._sheet_surname(m):
                    self._take(m.start(), m.end(), m.group(), "listed")

    def result_tables(self) -> None:
        """The header and row labels of a results table flattened into text ("A B C A 14-23 22-23 B
        23-14 ..."): a run of three words or more, three of them different, each the last word of a
        foreign full name found, names each person; so does, on the same line after it, a one-word run
        of one of those words before a score (`result_score`)."""
        text, shape = self.text, self.p.shape
        surnames = set()
        for _, name in self.known.names.values():
            words = name.split()
            if len(words) > 1 and not all(map(shape.vn, words)):
                surnames.add(words[-1])
        if len(surnames) < 3:
            return
        for k, m in enumerate(self.runs):
            words = m.group().split()
            if len(words) < 3 or len(set(words)) < 3 or not surnames.issuperset(words):
                continue
            at = m.start()
            for word in words:
                if self._free(at, at + len(word)):
                    self._take(at, at + len(word), word, "listed")
                at += len(word) + 1
            stop = text.find("\n", m.end())
            for r in self.runs[k + 1 :]:
                if 0 <= stop < r.start():
                    break
                if (
                    r.group() in words
                    and self.p.result_score.match(text, r.end()) is not None
                    and self._free(r.start(), r.end())
                ):
                    self._take(r.start(), r.end(), r.group(), "listed")

    def _sheet_surname(self, m: regex.Match[str]) -> bool:
        """Whether a one-word item of a team sheet is a player's name: free, in no register of places
        or things, not written in capitals (a team: "TOTTENHAM") and past the guards of `_clean`."""
        word, shape = m.group(), self.p.shape
        return (
            (shape.vn(word) or shape.latin([word]))
            and word not in shape.places
            and word not in shape.not_name
            and self._free(m.start(), m.end())
            and self._clean(word, m.start(), listed=True, sheet=True)
        )

    def foreign_by_surname(self) -> None:
        """A foreign full name of two or three words whose last word the article uses alone, as a run
        of its own, twice or more, or once before a verb of saying ("Bayarmagnai nói:"): the person named in
        full once and by surname after. A run opening
        with a sentence opener ("Theo Reuters") or with what the article names as a place ("ở Arab
        Saudi" makes "Arab Saudi Trump" a caption glued to the surname) is none."""
        text, vn = self.text, self.p.shape.vn
        for m in self.runs:
            group = m.group()
            if " " not in group or not group.isascii() or group.count(" ") > 2:
                continue
            cut = group.rfind(" ")
            last = group[cut + 1 :]
            if text.count(last) < 2 or all(map(vn, group.split())):
                continue
            if group[: group.find(" ")] in self.p.stop_words or self._place_named(group[:cut]):
                continue
            alone = self._alone(last)
            if sum(_CAP_AFTER.match(text, end) is None for end in alone) < 2 and not any(
                text.startswith(self.p.shape.foreign_speech, end) for end in alone
            ):
                continue  # "German GP" is no surname alone; once is enough as a speaker ("Bayarmagnai nói")
            span = self._name_span(m)
            if span is not None and span[2] == group:
                self._take(*span, "foreign")

    def _place_named(self, words: str) -> bool:
        """Whether the article writes `words` as a place somewhere: after a word of `place_before`
        ("ở Arab Saudi", "tại Nam Phi"), as a whole run."""
        at = self.text.find(words)
        while at >= 0:
            end = at + len(words)
            if self._run(end, _END) is not None and self.left.ends_with(at, self.p.place_words):
                return True
            at = self.text.find(words, end)
        return False

    def listed(self) -> bool:
        """Name-shaped runs listed (", ", " và ") with a person found by an anchor, a vote or pass 5, or
        with two found by structure alone (one may be a street: "Đinh Bộ Lĩnh, Xô Viết Nghệ Tĩnh"), in no
        list with a street; whether any was added. It reads what `_take` writes alone, so with nothing
        taken since it last added nothing it is not read again."""
        before = len(self.added)
        if before == self.listed_none:
            return False
        runs, ends = self.runs, self.known.seeds
        found = {end for end, _ in self.known.names.values()}
        for items in self._lists():
            if (
                (any(runs[k].end() in ends for k in items) or sum(runs[k].end() in found for k in items) >= 2)
                and not self.left.streetish(runs, items[0])
                and not self.left.thing_left(runs[items[0]].start())  # "các xã Sơn Liên, Sơn Long"
                and not any(self._thing(runs[k].group()) for k in items if runs[k].end() not in ends)
            ):
                for k in items:
                    span = None if runs[k].end() in ends else self._name_span(runs[k], listed=True)
                    if span is None and runs[k].end() not in ends and self._listed_surname(runs[k]):
                        span = runs[k].start(), runs[k].end(), runs[k].group()
                    if span is not None:
                        self._take(*span, "listed")
        if len(self.added) == before:
            self.listed_none = before
        return len(self.added) > before

    def _listed_surname(self, m: regex.Match[str]) -> bool:
        """Whether a one-word item of a list with a person found is a foreign surname used alone ("đồng
        hương của Martial và Pogba"): no Vietnamese syllable, no place, team or brand, scored as a surname
        from `model_foreign_threshold`, written alone twice at least and never after an honorific (a bare
        surname, "ông Trump", is no person) or a preposition of place ("trên Facebook")."""
        word, shape = m.group(), self.p.shape
        if not (
            " " not in word
            and shape.latin([word])
            and not shape.vn(word)
            and word not in shape.places
            and word not in shape.not_name
            and name_model().surname(word) >= self.p.surname_odds
            and self._free(m.start(), m.end())
            and self._clean(word, m.start(), listed=True)
        ):
            return False
        alone = self.alone_surnames.get(word)
        if alone is None:
            ends = self._alone(word)
            alone = self.alone_surnames[word] = len(ends) >= 2 and not any(
                self.left.hon_before(e - len(word))
                or self.text.endswith(self.p.place_prepositions, 0, e - len(word))
                for e in ends
            )
        return alone

    def _lists(self) -> list[list[int]]:
        """The lists of two runs or more that hold a person found (indices into `runs`); runs inside an aside
        after an item ("Văn An (23’) và Anh Duy") are skipped."""
        runs, text = self.runs, self.text

        def after(k: int) -> int | None:
            end = runs[k].end()
            two = text[end : end + 2]
            if two not in _JOIN_OPEN and two[:1] not in _JOIN_FIRST:
                return None
            join = _JOIN.match(text, end)
            return self._run(join.end(), _START) if join is not None else None

        out, seen = [], set()
        for start, (end, _) in sorted(self.known.names.items()):
            if (
                text[start - 2 : start] not in _JOIN_TAILS
                and text[end : end + 2] not in _JOIN_OPEN
                and text[end : end + 1] not in _JOIN_FIRST
            ):
                continue  # no list around it
            k = self._run(end, _END)
            if k is None or k in seen:
                continue
            first = k
            while text[runs[first].start() - 2 : runs[first].start()] in _JOIN_TAILS:  # to the first item
                prev = next((j for j in range(first - 1, max(-1, first - 4), -1) if after(j) == first), None)
                if prev is None:
                    break
                first = prev
            items = [first]
            while (nxt := after(items[-1])) is not None:
                items.append(nxt)
            seen.update(items)
            if len(items) > 1:
                out.append(items)
        return out

    def _run(self, pos: int, edge: int) -> int | None:
        """The index of the run starting (`_START`) or ending (`_END`) at `pos`, if any."""
        at = self._edges()[edge]
        k = bisect_left(at, pos)
        return k if k < len(at) and at[k] == pos else None

    def _edges(self) -> tuple[list[int], list[int]]:
        """The starts and the ends of the runs, made once."""
        if self.edges is None:
            self.edges = ([m.start() for m in self.runs], [m.end() for m in self.runs])
        return self.edges

    def repeats(self) -> None:
        """Every other free mention of a name pass 5 found, as a run of its own."""
        if not self.new_names:
            return
        rules = {name: rule for _, _, name, rule, _ in self.added}
        for name in sorted(self.new_names):
            for end in self._alone(name):
                start = end - len(name)
                if self._free(start, end) and self._clean(name, start):
                    self._take(start, end, name, rules[name])

    def after_openers(self) -> None:
        """A full name found, glued to the word opening its sentence ("Theo Hari Won, ...", "Sau
        Emma Stone"): the run without that word."""
        names = {name for _, name in self.known.names.values() if " " in name}
        for name in sorted(names):
            for end in self._alone(name, cut=True):
                start = end - len(name)
                if self._run(start, _START) is None and self._free(start, end) and self._clean(name, start):
                    self._take(start, end, name, "known")

    def given_first(self) -> None:
        """A Vietnamese full name of three words or more found, written as a stage name given name first
        ("Vy Lâm" of "Lâm Thảo Vy"): every run of those two words is the person."""
        for name in self._full_names():
            words = name.split()
            if len(words) < 3 or not self.p.shape.surname(words[0]) or not all(map(self.p.shape.vn, words)):
                continue
            form = f"{words[-1]} {words[0]}"
            for end in self._alone(form):
                start = end - len(form)
                if self._free(start, end) and self._clean(form, start):
                    self._take(start, end, form, "known")

    def _full_names(self) -> list[str]:
        """The names of two words or more found so far, each once, in a stable order."""
        return sorted({name for _, name in self.known.names.values() if " " in name})

    def before_closers(self) -> None:
        """A name of two words or more found, glued to the capitalised word opening the next sentence
        ("Kim Thần Bộ phim ...": a heading run into the text): the name without that word, a Vietnamese
        syllable that the name model never counts as a person's last; or glued to itself ("... của Dương
        Mịch Dương Mịch và ...": a heading's last name opens the text), both names."""
        model, text = name_model(), self.text
        for name in self._full_names():
            at = text.find(name)
            while at >= 0:
                end = at + len(name)
                k = self._run(at, _START)
                rest = self.runs[k].group()[len(name) :] if k is not None else ""
                word = rest[1:]
                spans = [(at, end)]
                if rest == f" {name}":
                    spans.append((end + 1, end + 1 + len(name)))
                elif not (
                    rest[:1] == " "
                    and " " not in word
                    and self.p.shape.vn(word)
                    and model.last_person(word) == 0
                    and NEXT_LOWER.match(text, at + len(rest) + len(name)) is not None
                ):
                    spans = []
                for start, stop in spans:
                    if self._free(start, stop) and self._clean(name, start):
                        self._take(start, stop, name, "known")
                at = text.find(name, end)

    def coached_and_addressed(self) -> None:
        """Other whole mentions of a name of two words or more found: after a word of `coach_team_before` ("đội
        Thu Minh" in a singing contest: the team is named after its coach), or opening with an honorific
        when the name model scores the pair as a given name ("Anh Tú" found in a list, then "Anh Tú cùng
        Đông Nhi hát")."""
        text = self.text
        for name in self._full_names():
            addressed = name.split()[0].lower() in self.p.stop_words and self._given_pair(name.split())
            for end in self._alone(name):
                start = end - len(name)
                if not self._free(start, end):
                    continue
                if self.p.coach_before.search(text, max(0, start - 12), start) is not None:
                    if self._clean(name, start, titled=True):
                        self._take(start, end, name, "known")
                elif addressed and self._clean(name, start, listed=True):
                    self._take(start, end, name, "known")

    def full_repeats(self) -> None:
        """Other whole mentions of a Vietnamese full name of three words or more found: a thing before one
        names no other thing than the person the article names so ("phụ tàu A", "vai A", "từ sân bay A"),
        unless a mention of it anywhere follows a street, school, unit, place or organisation word, an
        acronym or a number ("phường A", "số 1 A", "DNTN A": a place or a firm); not after a credit or in
        a phrase holding a word of `vote_firm_words` or `org_heads` ("doanh nghiệp tư nhân A", "văn phòng
        Luật sư A": the firm)."""
        left, shape, text = self.left, self.p.shape, self.text
        a = left.a
        placed = (a.street_set, a.school_set, a.admin_set, a.place_set, a.org_set)
        for name in self._full_names():
            words = name.split()
            if len(words) < 3 or not shape.surname(words[0]) or not all(map(shape.vn, words)):
                continue
            ends = self._alone(name)
            starts = [end - len(name) for end in ends]
            if any(
                _NUMBER_BEFORE.search(text, max(0, at - 8), at)
                or left.acronym_left(at)
                or any(left.ends_with(at, w) for w in placed)
                for at in starts
            ):
                continue
            for start, end in zip(starts, ends, strict=True):
                if (
                    self._free(start, end)
                    and not left.credit_left(start)
                    and self.p.firms.search(phrase_before(text, start)) is None
                    and self._clean(name, start, titled=True)
                ):
                    self._take(start, end, name, "known")

    def short_forms(self) -> None:
        """One-word names that are the last word of one full name found (a two-syllable stage or given
        name too: "Duy" of "Bảo Duy"), or the first word of a foreign one ("Hari" of "Hari Won"): after
        a title or role in the clause, or alone (a Vietnamese given name with `alone_given_names`, met
        twice, once inside a sentence, or once between lower-case words: "vây bắt Khoan đã"; a foreign
        name with `alone_foreign_surnames`, once is enough for a word that is no Vietnamese syllable); never after an honorific ("anh Thanh") or as a common word.
        A name found inside a longer one found is the same person ("Hữu Thắng" of "Nguyễn Hữu Thắng"). A
        one-word foreign name found after a title or role ("tiền đạo Omar") is its own short form when the
        name model's surname odds reach `model_foreign_threshold` (not "Thủ tướng Malta") or it is a listed
        given name ("hậu vệ Marcelo"); one found after
        an honorific or "tên" ("anh chàng tên Danny") is, unless written before a number ("Expedition 2018")."""
        shape, text = self.p.shape, self.text
        lasts: dict[str, set[str]] = {}
        found: dict[str, int] = {}  # names found holding a word: as many as in the text, none alone
        model = name_model()
        # one-word foreign names found after a title or role ("tiền đạo Omar"), name-like by the model,
        # or after an honorific ("ông Terry", "anh chàng tên Danny"): the honorific makes it a person
        titled: set[str] = set()
        honoured: set[str] = set()
        for start, (end, name) in self.known.names.items():
            if " " in name or shape.vn(name):
                continue
            if self._title_before(start) is not None or self._role_over_place(start, end):
                titled.add(name)
            elif self.left.anchor_before(start):
                honoured.add(name)
        counts = Counter(name for _, name in self.known.names.values())
        firsts: dict[str, set[str]] = {}  # surnames written first, by the foreign full names holding them
        opened = {name: start for start, (_, name) in sorted(self.known.names.items(), reverse=True)}
        for name, times in counts.items():
            words = name.split()
            for word in {words[0], words[-1]}:
                found[word] = found.get(word, 0) + times
            if len(words) < 2:
                if name in titled and (model.surname(name) >= self.p.surname_odds or name in shape.given):
                    lasts.setdefault(name, set()).add(name)  # "tiền đạo Omar" → "Omar bị treo giò"
                continue
            vn = all(map(shape.vn, words))
            if (
                vn
                and len(words) >= 3
                and not (shape.surname(words[0]) or (len(words) == 3 and words[1] in self.p.shape.middle))
            ):
                continue
            lasts.setdefault(words[-1], set()).add(name)
            if len(words) == 3 and words[-1] in shape.suffixes:  # "Trump Jr" of "Donald Trump Jr"
                lasts.setdefault(" ".join(words[1:]), set()).add(name)
                found[" ".join(words[1:])] = found.get(" ".join(words[1:]), 0) + times
            if not vn and len(words) == 2 and words[0] not in shape.family_first and shape.foreign(words):
                lasts.setdefault(words[0], set()).add(name)
            elif (
                not vn
                and len(words) == 2
                and words[0] in shape.given
                and words[1].isascii()
                and not self._shared_surname(words[0], {name})  # "Andy On" and "Andy Tiến"
            ):
                lasts.setdefault(words[0], set()).add(name)  # "Cindy" of "Cindy Nguyen": a given name
            if not vn and words[0] in shape.family_first:  # "Kang" of "Kang Jun-young", after it only
                lasts.setdefault(words[0], set()).add(name)
                firsts.setdefault(words[0], set()).add(name)
            particles = [
                k
                for k, w in enumerate(words)
                if w.islower() or (k and not vn and w.lower() in self.p.particles)
            ]
            # "von der Leyen" of "Ursula von der Leyen": a surname with its particle, written with a capital
            # too ("Van Gaal" of "Louis van Gaal", "Di Maria" of "Angel Di Maria"); from the last particle
            # too ("Al Thani" of "Tamim bin Hamad Al Thani")
            for particle in {particles[0], particles[-1]} if particles else ():
                tail = words[particle:]
                for first in {tail[0], tail[0].lower(), tail[0][:1].upper() + tail[0][1:]}:
                    form = " ".join([first, *tail[1:]])
                    lasts.setdefault(form, set()).add(name)
                    found[form] = found.get(form, 0) + (times if first == tail[0] else 0)
        # not a full name's short form already ("Shibuya" of "Shibuya Yasumasa"), nor a product the
        # article writes before a number ("khắc tên Expedition", "Expedition 2018")
        for name in honoured:
            if name not in lasts and not self._product(name):
                lasts[name] = {name}
        # a listed foreign given name the article writes alone twice or more and in no name found
        # ("Viktoria sẽ đến ... Viktoria cũng đã thuê"): its own short form, met twice at least
        lone = {
            g
            for m in self.runs
            if (g := m.group()) in shape.given and g not in found and not shape.vn(g) and g not in lasts
        }
        for name in lone:
            if not (self._product(name) or self._lone_thing(name)):
                lasts[name] = {name}
                found[name] = 0
        if not lasts:
            return
        for word, names in lasts.items():  # "Hữu Thắng" and "Nguyễn Hữu Thắng": one person, so are two
            # spellings of one name ("Trần Đắc Lượng", "Trần Đắc Lương")
            lasts[word] = one_spelling(
                (n for n in names if not any(o.endswith(" " + n) for o in names)), counts
            )
        alone: dict[str, list[Word]] = {}
        for last in (w for w in lasts if text.count(w) > found[w]):
            # a surname written first names the person after the full name only, and only when no other
            # full name of the article opens with it ("Kim" beside "Kim Jong-un" and "Kim Yo-jong": no one)
            after = 0
            if last in firsts:
                if lasts[last] == firsts[last] and not self._shared_surname(last, firsts[last]):
                    after = opened[next(iter(firsts[last]))]
                else:  # the surname stays the last word of the other names ("Tiến sĩ Kim" of "James Kim")
                    lasts[last] = lasts[last] - firsts[last]
                    if not lasts[last]:
                        continue
            for at_end in self._alone(last, cut=True):
                if at_end - len(last) < after:
                    continue
                self._short_form(lasts, at_end - len(last), at_end, alone)
        listed: list[tuple[int, int, str]] = []  # given names used once, in a list: after the others
        for word, mentions in alone.items():
            foreign = not shape.vn(word) or not all(map(shape.vn, next(iter(lasts[word])).split()))
            if not (self.p.alone_foreign if foreign else self.p.alone_given) or (
                word in lone and len(mentions) < 2
            ):
                continue
            inside = [w for w in mentions if SENTENCE_END.search(text, max(0, w[0] - 3), w[0]) is None]
            # mentions found alone after a role count ("tên Diễn ... Diễn đã bán"); once is enough for a
            # word no Vietnamese syllable: no common word capitalised at a sentence start
            after_role = sum(1 for _, name in self.known.names.values() if name == word)
            once = len(mentions) == 1 and not after_role and self._embedded(*mentions[0][:2])
            if shape.vn(word) and not once and (len(mentions) + after_role < 2 or not (inside or after_role)):
                if len(mentions) == 1 and not after_role:
                    listed.append(mentions[0])
                continue
            # a foreign name's last word is its surname, unless the surname comes first ("Choi Young-jae")
            first = next(iter(lasts[word])).split()[0]
            rule = "surname" if foreign and first not in shape.family_first and first != word else "given"
            for start, end, _ in mentions:
                self._take(start, end, word, rule)
        for start, end, word in listed:  # "năm 2008, Liêm, Đạt, Khương chủ trương": beside a person found
            if self._beside_found(start, end):
                self._take(start, end, word, "given")

    def _lone_thing(self, word: str) -> bool:
        """Whether a listed given name the article writes alone names a thing in one of its mentions: a
        firm or brand word after it ("Lotte Shopping"), an era, class or firm word before it ("thời
        Victoria", "lớp Romeo"), a possessive or an initial after it ("Victoria's Secret", "Dolly M.
        Gee"), an abbreviation glued before it ("St.Pietro")."""
        text, shape = self.text, self.p.shape
        opening = word + " "
        for m in self.runs:
            g = m.group()
            if g != word and not g.startswith(opening):
                continue
            start, end = m.start(), m.start() + len(word)
            if (
                any(w in shape.not_name for w in g.split()[1:])
                or text[start - 1 : start] == "."
                or _POSSESSIVE_OR_INITIAL.match(text, end) is not None
                or self.p.thing_before.search(text, max(0, start - 24), start) is not None
            ):
                return True
        return False

    def _shared_surname(self, surname: str, names: set[str]) -> bool:
        """Whether two full names of the article open with `surname` (or a given name written first): found, or a run
        opening with it that is no part of the one found ("Song Hye Kyo" beside "Song Joong Ki")."""
        if len(names) > 1:
            return True
        full = next(iter(names))
        opening = surname + " "
        for m in self.runs:
            if m.group().startswith(opening):
                # the run's words before a title head it runs into ("Zhang Đội trưởng": no other Zhang)
                g = " ".join(w[2] for w in self.words_of(m))
                if " " in g and not (full.startswith(g) or g.startswith(full)):
                    return True
        return False

    def _short_form(
        self, lasts: dict[str, set[str]], start: int, end: int, alone: dict[str, list[Word]]
    ) -> None:
        """One mention of `short_forms`: taken after a title, or kept in `alone`."""
        word = self.text[start:end]
        if (
            not self._free(start, end)
            or (self.left.hon_before(start) and not self.left.one_word_before(start))
            or self.text[start - 3 : start] == "'s "
            or (
                not self.p.shape.vn(word)
                and self.p.thing_before.search(self.text, max(0, start - 24), start) is not None
            )
        ):
            # "anh Thanh", "ông Trump": left to pass 3 and the conventions; "Victoria's Secret"; a role
            # that names by one word is no honorific ("doanh nhân Ganbold", convention 1); a family, an
            # era or a firm named after a foreign person ("nhà Bayford", "thời Victoria"; "nhà Quang" is
            # his house)
            return
        title = self._title_before(start) or self._title_over_place(start, end)
        if not self._clean(word, start, titled=title is not None) or self._dashed_place(start, end):
            return  # "Chính phủ", "Minh bạch": a common word
        if title is not None:  # a role's reading is dropped with the titles (`Titles.own`)
            self._take(start, end, word, "title", [title])
        elif len(lasts[word]) == 1:
            alone.setdefault(word, []).append((start, end, word))

    def _dashed_place(self, start: int, end: int) -> bool:
        """Whether a one-word mention is joined by a hyphen or dash to a one-word place ("Hoa - Hàn -
        Mỹ": China, one of the countries listed), or opens a place with a one-letter word before a full
        stop ("khu vực Châu Á.")."""
        letter = _LETTER_AFTER.match(self.text, end)
        if letter is not None and f"{self.text[start:end]} {letter[1]}" in self.p.shape.places:
            return True
        after = _DASHED_AFTER.match(self.text, end)
        before = _DASHED_BEFORE.search(self.text, max(0, start - 24), start)
        return any(m is not None and m[1] in self.p.shape.places for m in (after, before))

    def _embedded(self, start: int, end: int) -> bool:
        """Whether a one-word mention sits between lower-case words of its clause ("vây bắt Khoan đã",
        "bỏ lại Nhân gục"), or opens a clause after a comma joined to another subject ("..., Khoan và 2
        bị can"): a given name used once, not a heading's or a sentence opener's word."""
        text = self.text
        if NEXT_LOWER.match(text, end) is None:
            return False
        lo = max(0, start - 24)
        return _LOWER_WORD_BEFORE.search(text, lo, start) is not None or (
            text.startswith(" và ", end) and _LOWER_WORD_COMMA.search(text, lo, start) is not None
        )

    def _beside_found(self, start: int, end: int) -> bool:
        """Whether a one-word mention is listed (", ", " và ") right before or after a person found
        ("năm 2008, Liêm, Đạt, Khương chủ trương": a given name used once in a list of them)."""
        join = _JOIN.match(self.text, end)
        if join is not None and join.end() in self.known.names:
            return True
        k = bisect_left(self.known.taken, (start, start)) - 1
        return k >= 0 and _JOIN.fullmatch(self.text, self.known.taken[k][1], start) is not None

    def _alone(self, word: str, cut: bool = False) -> list[int]:
        """Where `word` stands as a run of its own (with `cut`: as a run's only word once a title head
        opening the run is cut off, "Đại Biểu Tuân", or a sentence opener glued to it, "Nhưng Thắng"):
        where each such mention ends."""
        out = []
        foreign = cut and not self.p.shape.vn(word.split()[-1])  # a place may end in a Vietnamese name
        at = self.text.find(word)
        while at >= 0:
            end = at + len(word)
            k = self._run(end, _END)
            if k is not None:
                m = self.runs[k]
                if m.start() == at or (
                    cut
                    and (
                        (opener := self.text[m.start() : at - 1]) in self.p.stop_words  # "Nhưng Thắng"
                        or opener in self.p.glued_openers  # "Hồi Thắng": an opener, a name too elsewhere
                        or (foreign and self._apart(opener, m.group()))  # "Bundesliga Steinhaus"
                        or (
                            self.heads.head_at(m.start()) is not None  # a head opening the run is cut off
                            and (words := self.words_of(m))
                            and len(words) == 1
                            and words[0][0] == at
                        )
                    )
                ):
                    out.append(end)
            elif foreign and self._heading_after(at, end):
                out.append(end)
            at = self.text.find(word, end)
        return out

    def _heading_after(self, start: int, end: int) -> bool:
        """Whether the run opening with the foreign word at text[start:end] goes on with Vietnamese
        words only, the first written with marks: a heading or sentence glued after it ("như Messi Năm
        nay", "Antonella Rồi ..."; not a surname written without marks, "Jackson Tran")."""
        k = self._run(start, _START)
        if k is None:
            return False
        rest = self.text[end : self.runs[k].end()].split()
        return (
            bool(rest)
            and self.text[end : end + 1] == " "
            and not rest[0].isascii()
            and all(map(self.p.shape.vn, rest))
        )

    def _role_over_place(self, start: int, end: int) -> bool:
        """Whether a role of `one_word_name_roles` stands before the place opening the run of a one-word
        name ("tiền vệ người Brazil Marcelo", "VĐV Nhật Bản Takeda")."""
        k = self._run(end, _END)
        if k is None:
            return False
        run_start = self.runs[k].start()
        return (
            run_start < start
            and self.text[run_start : start - 1] in self.p.shape.places
            and self.left.one_word_before(run_start, nationality=True)
        )

    def _title_over_place(self, start: int, end: int) -> str | None:
        """The title before a foreign short form cut off the place opening its run ("Tư lệnh Bộ Chỉ huy
        châu Âu của Mỹ Scaparrotti": the place closes the title's complement) and holding no person found,
        or None."""
        k = self._run(end, _END)
        if k is None or self.p.shape.vn(self.text[start:end]):
            return None
        run_start = self.runs[k].start()
        if run_start >= start or self.text[run_start : start - 1] not in self.p.shape.places:
            return None
        title = self.heads.pre_title(self.heads.clause_start(start), start).title
        at = -1 if title is None else self.text.rfind(title, 0, start)
        # not over another person ("Tổng thống Mỹ Trump đến Arab Saudi Trump": a caption glued)
        return title if at >= 0 and self._free(at, start) else None

    def _apart(self, words: str, run: str) -> bool:
        """Whether the words of `run` before a foreign name found are a place or a run the article writes
        alone elsewhere ("Bundesliga" of "nữ trọng tài đầu tiên của Bundesliga Steinhaus"): no part of it,
        unless the whole run is a name found ("Patek Philippe Calibre" beside "Patek Philippe")."""
        if words in self.p.shape.places:
            return True
        if self.run_texts is None:
            self.run_texts = frozenset(m.group() for m in self.runs)
        return words in self.run_texts and all(name != run for _, name in self.known.names.values())

    def _title_before(self, start: int) -> str | None:
        """The title of the head that governs a one-word name at `start` through lower-case words and
        acronyms only ("Bộ trưởng quốc phòng Mattis", "BS Thành", "tay đua dẫn đầu Marquez", "Giám đốc FBI
        Comey"; an abbreviation's full stop too, "BS. Thành"), or None."""
        heads = self.heads
        lo = heads.clause_start(start)
        k = bisect_right(heads.head_starts, start) - 1
        while k >= 0 and heads.heads[k].end() > start:
            k -= 1  # a head holding the name ("Quốc Vương" of "Trung Quốc Vương Nghị")
        if k < 0 or heads.heads[k].start() < lo:
            return None
        head = heads.heads[k]
        between = self.text[head.end() : start].split()
        if between[:1] == ["."] and head.group().rstrip(".") in heads.t.abbreviations:
            between = between[1:]  # "BS. Quân": the abbreviation's full stop
        if len(between) > 3 or any(
            not (w.islower() or (w.isupper() and w.isalpha())) or w in self.p.shape.anchors.prepositions
            for w in between
        ):
            return None  # "cố vấn tài chính của Shakespeare": the name is the head's object
        return heads.pre_title(lo, start).title
