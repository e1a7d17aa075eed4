"""The name model: persons named by a two-syllable given or stage name with no anchor at all ("Công
Phượng, Văn Toàn, Xuân Trường", "Tiểu Nhã"), from corpus statistics and evidence in the article.

`data/person-syllables.tsv` (rebuilt by `bench/name_model.py`) counts, for every Vietnamese syllable,
how often the corpus uses it as the middle and as the last syllable of a person's name found with an
anchor, and as the first and last word of other two-syllable capitalised runs (places, organisations,
brands, headings), and lists the two-syllable names the corpus uses alone with an anchor more often
than without ("Đông Nhi", "Hoài Linh": they score the threshold whatever their syllables). A run's
score is the log-odds of its two syllables in those positions; a run that scores above the pack's
threshold is taken when the article gives it a person's place too: it is written twice or more (once
inside a sentence), or listed (", ", " và ") with a person found or with another such name; a run that
scores lower but above `model_cued_threshold` when the article cues it as a person twice ("của A Quý",
"A Quý đã") or once right after a role ("(tác giả Hồng Điệp)", "có tên Phương Mai"). The filters of the NER vote (no place, team, firm, thing or title in or before a
mention; no common word of underthesea's dictionary) hold for it as for the vote's candidates.
Foreign runs of two or three words (`foreign_name`: "Kim Tae Hee", "Hervé Falciani") are scored by
the counts of their first and last words (or word endings) in persons' names against other runs, and
placed as a name met once is, their one-word short forms ("Falciani") counting as mentions.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Container, Mapping
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Protocol

import regex

from ...document import Doc
from ...rulepacks import RulePack, kept_regex, occurrences
from .anchors import LeftContext, WordCue
from .shape import NameShape, quoted
from .titles import TitleScan, overlaps
from .vote import NerVote

DATA_FILE = Path(__file__).resolve().parents[2] / "data" / "person-syllables.tsv"
# Whether a run is listed right after or before a person's span: (text, run, starts, ends).
Listed = Callable[[str, regex.Match[str], set[int], set[int]], bool]


class Found(Protocol):
    """A person found by an earlier pass: its span and rule."""

    start: int
    end: int
    rule: str


# Keys of the data file's foreign rows: "~Word" for a word, "~-ers" for a word's last three letters.
FOREIGN, FOREIGN_SUFFIX = "~", "-"
_PHRASE_START = kept_regex(r"[,.;:!?()\[\]\n\"“”]")
# A photo credit without a colon (those with one are `credit_before`): "(ảnh Minh Khánh)", "Ảnh của X".
_CREDIT = kept_regex(r"(?:\([Ảả]nh|(?<![\p{L}\p{M}])Ảnh[ ]của)[ ]$")
# A mention the sentence goes on after: a lower-case word, a punctuation mark or a bracket ("Đắc Huy
# từ", "của Phi Hà.", "Phương Tâm (35')"; not a credit "Minh Tuấn - Thể Thao Việt Nam" nor a sign-off).
_GOES_ON = kept_regex(r"[ ]\p{Ll}|[,.;:)]|[ ]\(")
_OPENING = kept_regex(r"(?:^|[.!?:;…\n\"“'‘(\[]\s*+|[ ]-[ ])$")


def foreign_name(shape: NameShape, syllables: Container[str], words: list[str]) -> bool:
    """A foreign name's shape: two or three words of two letters or more, no place or non-name word in
    it, its last word and most of them foreign: not Vietnamese syllables, or syllables without a
    diacritic no Vietnamese name or capitalised run of the corpus has (`syllables`: "Tae", "Hee" of
    "Kim Tae Hee"; not "Nơn" of "Nậm Nơn")."""
    if not 2 <= len(words) <= 3:
        return False  # before the parts are made: most runs asked are one word
    parts = [p for w in words for p in w.split("-")]
    if any(len(p) < 2 or p in shape.places or p in shape.not_name for p in parts):
        return False
    alien = [not shape.vn(w) or (w.isascii() and w not in syllables) for w in words]
    # a Vietnamese word with a diacritic opens no foreign name ("Chính Hari Won": a sentence's word)
    return alien[-1] and 2 * sum(alien) >= len(words) and (alien[0] or words[0].isascii())


# Capitalised runs listed before a mention ("Palmyra, ", "Palmyra và ").
_LISTED_BEFORE = r"(?:\p{Lu}[\p{L}\p{M}-]*+(?:[ ]\p{Lu}[\p{L}\p{M}-]*+)*+(?:,[ ]|[ ]và[ ]))*+"


def phrase_before(text: str, at: int) -> str:
    """The phrase's text in the 30 characters before `at` (after its last punctuation mark)."""
    phrase: str = _PHRASE_START.split(text[max(0, at - 30) : at])[-1]
    return phrase


def opens_phrase(text: str, at: int) -> bool:
    """Whether `at` opens a sentence, a line, a quote or a bracket: a capital there is no evidence."""
    return _OPENING.search(text, max(0, at - 3), at) is not None


class NameModel:
    """Per syllable: (middle as a person's, first of another run, last as a person's, last of another);
    the log-odds of each position are worked out once (add-half smoothing). `pairs`: the two-syllable
    names the corpus uses alone with an anchor in more articles than without ("Đông Nhi", "Hoài Linh"):
    they score at least `threshold` whatever their syllables (place-like ones too)."""

    def __init__(
        self,
        counts: dict[str, tuple[int, int, int, int]],
        pairs: frozenset[str] = frozenset(),
        foreign: Mapping[str, tuple[int, int, int, int]] | None = None,
    ) -> None:
        self.counts, self.pairs = counts, pairs
        self.middle, self.last, self.totals = _positions(counts)
        # foreign names: first and last word of persons' names against other runs', by word or ending
        self.first_word, self.last_word, _ = _positions(foreign or {})

    @classmethod
    def parse(cls, lines: list[str]) -> NameModel:
        counts: dict[str, tuple[int, int, int, int]] = {}
        foreign: dict[str, tuple[int, int, int, int]] = {}
        pairs: set[str] = set()
        for line in lines:
            if line and not line.startswith("#"):
                key, *values = line.split("\t")
                if " " in key:
                    pairs.add(key)
                else:
                    a, b, c, d = map(int, values)
                    if key.startswith(FOREIGN):
                        foreign[key.removeprefix(FOREIGN)] = (a, b, c, d)
                    else:
                        counts[key] = (a, b, c, d)
        return cls(counts, frozenset(pairs), foreign)

    def score(self, first: str, last: str) -> float:
        """Log-odds that `first last` is a given name rather than another capitalised pair; minus
        infinity when a person's name never has either syllable in its place ("Ônh Hùng": a typo)."""
        if self.counts.get(first, _NONE)[0] == 0 or self.counts.get(last, _NONE)[2] == 0:
            return -math.inf
        return self.middle[first] + self.last[last]

    def foreign(self, first: str, last: str) -> float:
        """Log-odds that a foreign run opening with `first` and ending with `last` is a person's name
        ("Kim Tae Hee", "Hervé Falciani") rather than a club, brand or place ("Real Madrid"); a word
        the corpus never counted is scored by its last three letters, an unknown ending by nothing."""
        return _word_odds(self.first_word, first) + _word_odds(self.last_word, last)

    def surname(self, word: str) -> float:
        """Log-odds that a foreign word ending a run is a person's surname ("Mourinho", "Obama") rather
        than the last word of a place, club or brand ("Malta", "Nasdaq"), by word or ending."""
        return _word_odds(self.last_word, word)

    def middle_person(self, word: str) -> int:
        """How many persons' names the corpus had the syllable `word` in the middle of."""
        return self.counts.get(word, _NONE)[0]

    def last_person(self, word: str) -> int:
        """How many persons' names the corpus ended with the syllable `word`."""
        return self.counts.get(word, _NONE)[2]

    def other_runs(self, word: str) -> int:
        """How many other capitalised runs (places, organisations) the corpus opened or ended with `word`."""
        counts = self.counts.get(word, _NONE)
        return counts[1] + counts[3]

    def attested(self, name: str) -> bool:
        """Whether the corpus uses `name` alone with an anchor more often than without one."""
        return name in self.pairs


_NONE = (0, 0, 0, 0)


def _positions(
    counts: Mapping[str, tuple[int, int, int, int]],
) -> tuple[dict[str, float], dict[str, float], tuple[int, ...]]:
    """The log-odds of each key in its two positions, from (person, other, person, other) counts, and
    the four totals."""
    totals = t0, t1, t2, t3 = tuple(sum(c[k] for c in counts.values()) or 1 for k in range(4))
    return (
        {w: _odds(c[0], t0, c[1], t1) for w, c in counts.items()},
        {w: _odds(c[2], t2, c[3], t3) for w, c in counts.items()},
        totals,
    )


def _word_odds(odds: Mapping[str, float], word: str) -> float:
    got = odds.get(word)
    return got if got is not None else odds.get(FOREIGN_SUFFIX + word[-3:].lower(), 0.0)


def _odds(person: int, persons: int, other: int, others: int) -> float:
    return math.log((person + 0.5) / persons) - math.log((other + 0.5) / others)


@lru_cache(maxsize=1)
def name_model() -> NameModel:
    """The shipped model (`data/person-syllables.tsv`), read once."""
    text = resources.files("de06_extract.data").joinpath(DATA_FILE.name).read_text(encoding="utf-8")
    return NameModel.parse(text.splitlines())


class Unanchored:
    """Two-syllable names with no anchor, scored by the name model and placed by the article."""

    def __init__(
        self,
        vote: NerVote,
        thresholds: tuple[float, float, float, float],
        listed: Listed,
        pack: RulePack,
        register: tuple[int, int],
    ) -> None:
        self.vote, self.listed = vote, listed
        self.register, self.repeated = register  # `model_register_names`, `model_surname_mentions`
        self.threshold, self.single, self.cued, self.foreign_threshold = thresholds
        # "(tác giả Hồng Điệp)", "có tên A Quý": a role right before a mention
        self.role_before = pack.word_before("roles|one_word_name_roles", "[ ]")
        not_after = pack.lexicon("model_not_after")
        # "rời Old Trafford", "tại Palmyra, Dier Ezzor": a verb of place before a mention or its list
        self.place_verb = pack.compile(
            r"(?<![\p{L}\p{M}])(?:{model_place_verbs})[ ]" + _LISTED_BEFORE + "$", True
        )
        # "nhận nuôi một chú chó ... đặt tên nó là Fu Shi": an animal or a product in the sentence before
        self.not_person = pack.compile(r"(?<![\p{L}\p{M}])(?:{model_not_person_before})[ ][^.!?\n]*+$", False)
        self.companions = tuple(f"{w} " for w in pack.lexicon("model_companions"))  # "với Thu Ngọc"
        self.subject = tuple(f" {w} " for w in pack.lexicon("model_subject_after"))  # "Văn Quý đã"
        self.vn, self.weak = vote.shape.vn, vote.shape.weak
        # Chinese names in their Sino-Vietnamese reading ("Dương Mịch", "Chương Tử Di") in an article
        # about Chinese-speaking people: no name model for their syllables
        self.sino_surnames = frozenset(pack.lexicon("sino_surnames"))
        sino = pack.compile(r"(?<![\p{L}\p{M}])(?:{sino_context})(?![\p{L}\p{M}])", True)
        self.sino_context = WordCue(sino, pack.lexicon("sino_context"), cased=True)
        a = vote.shape.anchors
        self.admin = a.admin_set
        # "khu chung cư cũ Ngọc Khánh", "ở Tân Mai", "xóm Chiến Thắng", "(ảnh Minh Khánh)"
        self.place_words = a.neg_set | a.admin_set | a.place_set | {w.lower() for w in not_after}

    def persons(
        self,
        doc: Doc,
        runs: list[regex.Match[str]],
        left: LeftContext,
        heads: TitleScan,
        taken: list[tuple[int, int]],
        seeds: Mapping[int, Found],
    ) -> list[regex.Match[str]]:
        """The free mentions of the name-like runs the article places as persons; a line-up grows
        from the persons found (`seeds`) other than by name structure alone ("bare": streets too)."""
        text = doc.text
        groups: dict[str, list[regex.Match[str]]] = {}
        for m in runs:
            groups.setdefault(m.group(), []).append(m)
        model = name_model()
        known = {w for f in seeds.values() for w in text[f.start : f.end].split()}
        likely: dict[str, list[regex.Match[str]]] = {}
        scores: dict[str, float] = {}
        out: list[regex.Match[str]] = []
        # weak surnames the article uses as such: a full name of three syllables written twice ("Tiền
        # Tiểu Hào") makes its surname one in a name met once too ("Tiền Gia Lạc", his brother)
        family = {
            words[0]
            for name, every in groups.items()
            if self._surnamed(text, (words := name.split()), every, ())
            and all(w in model.counts for w in words[1:])
            and model.score(words[1], words[2]) >= self.cued
        }
        sino = self.sino_context.found(text, doc.words)
        for name, every in groups.items():
            words = name.split()
            surnamed = self._surnamed(text, words, every, family)
            # not a run glued to the next sentence ("Kim Thần Bộ phim" beside "Kim Thần" written alone)
            chinese = (
                sino
                and self._sino(words)
                and (len(words) == 2 or len(groups.get(" ".join(words[:2]), ())) < 2)
            )
            if not chinese and (
                not (len(words) == 2 or surnamed) or not all(w in model.counts for w in words[-2:])
            ):
                if 2 <= len(words) <= 3:  # `foreign_name`'s length: most runs are one word
                    out.extend(self._foreign(doc, name, groups, known, left, heads, taken))
                continue
            first, last = words[-2:]
            # a name opening with a surname of `family` is read by its structure, as one with a strong
            # surname is by pass 2 ("Tiền Gia Lạc": "Lạc" is no usual last syllable)
            scores[name] = max(
                model.score(first, last),
                self.threshold
                if chinese or model.attested(name) or (surnamed and words[0] in family)
                else -math.inf,
            )
            if scores[name] < self.cued:
                continue
            ms = [m for m in every if not overlaps(taken, m.start(), m.end())]
            free = [m for m in ms if not quoted(text, m.start())]
            # placed by cues only, never by a list: tested first; a full name by its mentions
            low = scores[name] < self.threshold and not surnamed
            if (
                free
                and not (low and not self._placed(text, scores[name], free))
                and not any(self._place_near(text, m.start()) or self._admin_after(text, m.end()) for m in ms)
                and self.vote.candidate(
                    doc, name, free, max(len(ms), 2), left, heads, given=scores[name] >= self.threshold
                )
                and 2 * sum(self.vote.firm_before(text, m.start()) for m in ms) < len(ms)
                # "báo án" once is no paper; a name placed by cues only has no firm word close before it,
                # and no name opens a firm's name at its first free mention: the article introduces the
                # firm there ("Tập đoàn Thủy sản Minh Phú ... Minh Phú đã xuất khẩu")
                and not (low and any(self._firm_in_phrase(text, m.start()) for m in ms))
                and not (ms and self._firm_named(text, ms[0].start()))
                # a Chinese name: a common word after one mention of several is chance ("Tử Di thể hiện")
                and not (
                    all(self.vote.common(text, name, [m]) for m in ms)
                    if chinese
                    else self.vote.common(text, name, ms)
                )
            ):
                likely[name] = free
        placed = {
            name
            for name, ms in likely.items()
            if self._placed(text, scores[name], ms) or self._surnamed(text, name.split(), ms, family)
        }
        ends = {f.end for f in seeds.values() if f.rule != "bare"}
        starts = {f.start for f in seeds.values() if f.rule != "bare"}
        # a name found by its structure alone may be a street of a list: a pair joined by "và" only
        bare = {(f.start, f.end) for f in seeds.values() if f.rule == "bare"}
        # the article's two-syllable names found other than by structure: it names people so
        pairs = {
            n for f in seeds.values() if f.rule != "bare" and (n := text[f.start : f.end]).count(" ") == 1
        }
        changed = True
        while changed:  # a line-up: each name listed with a person found or with a name placed
            changed = False
            register = len(pairs | placed) >= self.register
            for name, ms in likely.items():
                if (
                    name not in placed
                    and scores[name] >= self.threshold
                    and any(
                        (register and not opens_phrase(text, m.start()) and _GOES_ON.match(text, m.end()))
                        or self.listed(text, m, starts, ends)
                        or (text.endswith(" và ", 0, m.start()) and any(e == m.start() - 4 for _, e in bare))
                        or (text.startswith(" và ", m.end()) and any(s == m.end() + 4 for s, _ in bare))
                        for m in ms
                    )
                ):
                    placed.add(name)
                    changed = True
            for name in placed:
                for m in likely[name]:
                    starts.add(m.start())
                    ends.add(m.end())
        for name in placed:
            out.extend(likely[name])
        return out

    def _foreign(
        self,
        doc: Doc,
        name: str,
        groups: Mapping[str, list[regex.Match[str]]],
        known: set[str],
        left: LeftContext,
        heads: TitleScan,
        taken: list[tuple[int, int]],
    ) -> list[regex.Match[str]]:
        """The free mentions of a foreign run of two or three words ("Kim Tae Hee", "Hervé Falciani")
        the model scores from `model_foreign_threshold`, placed as a name met once with a cue is
        (`_placed`), its one-word short forms ("Falciani", "Annabelle") counting as mentions; the vote's
        filters hold."""
        words = name.split()
        text = doc.text
        model = name_model()
        if (
            not foreign_name(self.vote.shape, model.counts, words)
            or model.foreign(words[0], words[-1]) < self.foreign_threshold
            or not known.isdisjoint(words)  # "Arab Saudi Trump": a person found, run on
        ):
            return []
        ms = [m for m in groups[name] if not overlaps(taken, m.start(), m.end())]
        free = [m for m in ms if not quoted(text, m.start())]
        short = [m for w in {words[0], words[-1]} if w not in model.counts for m in groups.get(w, ())]
        first = min(m.start() for m in ms) if ms else 0
        if (
            free
            and self.not_person.search(text, max(0, first - 80), first) is None
            and self._placed(text, self.single, free + short)
            # "xe Bobber": no place or thing before a short form either
            and not any(
                self._place_near(text, m.start()) or self._admin_after(text, m.end()) for m in ms + short
            )
            and not any(left.thing_left(m.start()) for m in short)
            and 2
            * sum(self.place_verb.search(text, max(0, m.start() - 60), m.start()) is not None for m in ms)
            < len(ms)
            and self.vote.candidate(doc, name, free, max(len(ms), 2), left, heads, shaped=True)
            # a firm word before any mention, in a longer run too ("Công ty TNHH Xây dựng Sumitomo Mitsui")
            and not any(self._firm_in_phrase(text, at) for at, _ in occurrences(text, (name,)))
        ):
            return free
        return []

    def _placed(self, text: str, score: float, ms: list[regex.Match[str]]) -> bool:
        """A person's place in the article, by the name's score: from `threshold`, written twice (once
        inside a sentence); from `single`, once as the subject of a verb of saying or of a word of
        `model_subject_after`, or after a word of `model_companions` ("Thu Hà cho biết", "mối tình với
        Ngọc Ánh"); from `cued`, twice so, or once right after a role ("(tác giả Hồng Điệp)")."""
        if score >= self.threshold and len(ms) >= 2 and any(not opens_phrase(text, m.start()) for m in ms):
            return True
        cues = sum(
            text.startswith(self.vote.shape.speech, m.end())
            or text.startswith(self.subject, m.end())
            or text.endswith(self.companions, 0, m.start())
            for m in ms
        )
        return (cues >= 1 and score >= self.single) or (
            score >= self.cued
            and (
                cues >= 2 or any(self.role_before.search(text, max(0, m.start() - 24), m.start()) for m in ms)
            )
        )

    def _sino(self, words: list[str]) -> bool:
        """Whether a run of two or three Vietnamese syllables opens with a surname of `sino_surnames`:
        a Chinese name read in Sino-Vietnamese ("Củng Lợi", "Chương Tử Di"), taken as a name the model
        scores from `model_threshold` when the article speaks of Chinese-speaking people (a word of
        `sino_context`: "Trung Quốc", "Cbiz", "weibo")."""
        return 2 <= len(words) <= 3 and words[0] in self.sino_surnames and all(map(self.vn, words))

    def _surnamed(
        self, text: str, words: list[str], ms: list[regex.Match[str]], family: Container[str]
    ) -> bool:
        """Whether a run of three Vietnamese syllables opening with a weak surname ("Lâm Tâm Như") is
        written `model_surname_mentions` times, twice inside a sentence (once inside one is enough for a
        surname of `family`, one the article's other names show to be one): its given name is then
        scored (from `model_cued_threshold`) and the vote's filters hold as for two syllables."""
        need = 1 if words[0] in family else self.repeated
        return (
            len(words) == 3
            and words[0] in self.weak
            and all(map(self.vn, words))
            and len(ms) >= need
            and sum(not opens_phrase(text, m.start()) for m in ms) >= min(need, 2)
        )

    def _firm_in_phrase(self, text: str, at: int) -> bool:
        """Whether a word of `vote_firm_words` stands in the phrase right before `at` ("Tập đoàn Thủy
        sản Minh Phú"; not "báo án. Theo lời kể, A Quý")."""
        return self.vote.firms.search(phrase_before(text, at)) is not None

    def _firm_named(self, text: str, at: int) -> bool:
        """Whether the run at `at` ends a firm's name: the last word of `vote_firm_words` in the phrase
        before it is followed by the run or by a capitalised word ("Tập đoàn Thủy sản Minh Phú"; not
        "Loạt trang phục giúp Lâm Tâm Như")."""
        phrase = phrase_before(text, at)
        firms = list(self.vote.firms.finditer(phrase))
        rest = phrase[firms[-1].end() :].strip() if firms else ""
        return bool(firms) and (not rest or rest[0].isupper())

    def _admin_after(self, text: str, end: int) -> bool:
        """Whether an admin unit follows the run after a comma ("Chiến Thắng, xã Diễn Bích"): a place."""
        if text[end : end + 2] != ", ":
            return False
        words = text[end + 2 : end + 24].lower().split()
        return bool(words) and (words[0] in self.admin or " ".join(words[:2]) in self.admin)

    def _place_near(self, text: str, at: int) -> bool:
        """Whether the run at `at` follows a place, thing or admin word in its phrase: right before it
        ("ở Tân Mai", "xóm Chiến Thắng"), or a phrase of two words among the three words before it
        ("khu chung cư cũ Ngọc Khánh", "Nhà sách Minh Thắng"; not "gia đình của": one syllable of a
        compound is no word); or a photo credit ("(ảnh Minh Khánh)", "Ảnh của Xuân Trung"): the run
        names a place, a thing or a photographer."""
        if _CREDIT.search(text, max(0, at - 12), at) is not None:
            return True
        words = phrase_before(text, at).split()[-3:]
        if not words or not words[-1].islower():
            return False
        pairs = (" ".join(words[i : i + 2]).lower() for i in range(len(words) - 1))
        return words[-1] in self.place_words or any(p in self.place_words for p in pairs)
