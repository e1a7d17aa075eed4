"""Name shape: where a name starts in a run of capitalised words (places and landmarks peeled off the
front), Vietnamese names (2-4 syllables opening with a surname) and foreign ones."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from functools import lru_cache

import regex

from ...normalize import fold, strip_marks
from ...rulepacks import RulePack
from .anchors import Anchors, LeftContext

Word = tuple[int, int, str]  # start, end, text
# The lower-case word right after a name (with its space): "Giang còi", "Bí thư Hải đã", "Luật Quản lý".
NEXT_LOWER = regex.compile(r"[ ](\p{Ll}[\p{Ll}\p{M}]*+)(?![\p{L}\p{M}\p{N}])")
_VOWEL = regex.compile(r"[aeiouyAEIOUY]")
_QUOTES = ('"', "“", "'", "‘")


class NameShape:
    """The name-structure part of the person pack (surnames, places, syllable shape), compiled once."""

    def __init__(
        self, pack: RulePack, anchors: Anchors, syllables: tuple[int, int], min_bare: int, max_foreign: int
    ) -> None:
        self.anchors = anchors
        self.min_syl, self.max_syl = syllables
        self.min_bare, self.max_foreign = min_bare, max_foreign
        self.syllable = pack.compile(r"{vn_syllable}", case_sensitive=True)
        self.surnames = set(pack.lexicon("surnames"))
        self.weak = set(pack.lexicon("weak_surnames"))
        self.lower_surnames = {w.lower() for w in self.surnames}
        self.places = {
            " ".join(p.split())
            for p in pack.lexicon("places") + pack.lexicon("things") + pack.lexicon("ethnic_groups")
        }
        self.neg_words = {" ".join(w.lower().split()) for w in pack.lexicon("negative_before")}
        self.firm = set(pack.lexicon("firm_words"))
        self.teams = frozenset(pack.lexicon("team_names"))
        self.not_name = set(pack.lexicon("not_name_words")) | self.teams | self.firm
        self.name_prefixes = tuple(pack.lexicon("name_prefixes"))
        self.prefix_words = frozenset(pack.lexicon("name_prefix_words"))
        self.ethnic_surnames = set(pack.lexicon("ethnic_surnames"))
        self.rare_surnames = set(pack.lexicon("title_only_surnames"))
        self.openers = set(pack.lexicon("name_openers"))
        # middle names that make a full name of three syllables whose surname is no listed one ("Tu Ngọc
        # Thạch": its last word is the given name), or of a surname that is an organisation's word too
        self.middle = frozenset(pack.lexicon("middle_names"))
        self.surname_middles = frozenset(pack.lexicon("surname_middles"))
        self.closed_admin = frozenset(
            " ".join(w.lower().split()) for w in pack.lexicon("closed_admin_before")
        )
        self.breakers = set(pack.lexicon("run_breakers"))  # words a capitalised run is cut before
        self.speech = tuple(" " + v + " " for v in pack.lexicon("speech_verbs"))  # "X cho biết "
        # a foreign speaker's verb may end in a colon or comma: "X cho rằng: ...", "X nói, ..."
        self.foreign_speech = tuple(v[:-1] + end for v in self.speech for end in " :,")
        lengths: dict[str, set[int]] = {}
        for place in self.places:
            lengths.setdefault(place.split()[0], set()).add(len(place.split()))
        # First word → word counts of the places it opens, longest first.
        self.place_lengths = {w: sorted(ks, reverse=True) for w, ks in lengths.items()}
        self.person_places = set(pack.lexicon("person_places"))
        self.given = set(pack.lexicon("foreign_given_names") + pack.lexicon("world_given_names"))
        self.place_openers = set(pack.lexicon("place_openers"))  # "San José Iturbide": a town
        self.family_first = set(pack.lexicon("family_first_surnames"))
        self.pinyin_given = pack.compile(r"{pinyin_given}", case_sensitive=True)
        self.suffixes = set(pack.lexicon("name_suffixes"))
        suffixes = pack.lexicon("stage_suffixes")
        self.cap_suffixes = {w for w in suffixes if w[:1].isupper()}  # "Hương Giang Idol"
        self.low_suffixes = {w for w in suffixes if w.islower()}  # "Giang còi": read after the run

    def split(
        self, left: LeftContext, words: list[Word], *, anchored: bool, direct_title: bool
    ) -> tuple[int, bool, bool] | None:
        """Index where the name starts in the run, whether it is foreign, whether a place was peeled off."""
        n = len(words)
        if n == 0:
            return None
        at = words[0][0]
        admin_set = self.anchors.admin_set
        # A house number counts only without an anchor: "Đề án 06 Phạm Minh Chính" follows a title.
        neg = left.neg_left(at, numbers=not anchored)
        start, admin = 0, left.ends_with(at, admin_set)
        for k in (2, 1):  # a capitalised thing word opening the run: "Đền Trần ...", "Quận Ngô Quyền"
            lead = " ".join(w[2] for w in words[:k]).lower()
            if (
                n > k
                and words[0][2] not in self.surnames
                and lead in self.neg_words
                and not self._opens_place(words)
            ):
                start, neg = k, True
                break
            if n > k and lead in admin_set:
                start, admin = k, True
                break
        i0 = start
        while i0 < n:  # peel places and landmarks off the front: "Tỉnh Đoàn" + "Quảng Ninh"
            for k in self.place_lengths.get(words[i0][2], ()):
                if k > n - i0:
                    continue
                joined = " ".join(w[2] for w in words[i0 : i0 + k])
                if joined in self.places and not (
                    i0 + k == n and direct_title and not admin and joined in self.person_places
                ):  # "Chủ tịch Hồ Chí Minh" is a person, "Bí thư TP Hồ Chí Minh" the city's
                    i0 += k
                    break
            else:
                break
        consumed = i0 > start
        if i0 == n or (
            admin
            and words[start][2].lower() in self.anchors.org_set
            # "HĐND tỉnh Đoàn Văn Thắng" under a title: a surname with a middle name, no union
            and not (
                anchored
                and n - start == 3
                and left.ends_with(at, self.closed_admin)
                and words[start + 1][2] in self.middle
                and words[start][2] in self.surnames
            )
        ):
            return None  # "bí thư xã Đoàn Phú Hải", "Tỉnh Đoàn Quảng Ninh": the youth union
        if not neg and not consumed and admin:
            # "tỉnh Trà Vinh" is a place; "UBND tỉnh Lê Văn Hẳn" (a full name under a title) is not.
            lead = words[start][2]
            neg = not (anchored and lead in self.surnames and lead not in self.weak and n - start >= 3)
        # After a street word the thing's own name comes first (2+ syllables): a person may follow it
        # only as a full 3-4 syllable name ("Trường THPT Nguyễn Trãi Nguyễn Văn An").
        behind = neg and not consumed
        first = i0 + 2 if behind else i0
        for i in range(first, n):
            length = n - i
            if behind and (length < self.min_bare or words[i][2] in self.weak):
                continue
            if (i == start + 1 and (admin or left.ends_with(at, self.anchors.committee_set))) or (
                i > i0 and words[i][2] in self.openers
            ):
                # a place after "huyện" has two syllables at least ("Mộc Châu Hà Trung Chiến"); an
                # opener inside a run is a middle name ("Lồ A Sính")
                continue
            if i == i0 + 1 and words[i0][2].isascii() and self.given_word(words[i0][2]):
                break  # "Ali Hoàng Dương": a Latin given name before a Vietnamese one (`given_name`)
            rare = direct_title and i == i0 and words[i][2] in self.rare_surnames  # "PGS Văn Như Cương"
            # "bà Văn Thị Bạch Tuyết": a word before "Thị" opening an anchored run is a surname
            rare = rare or (anchored and i == i0 and i + 1 < n and words[i + 1][2] in self.surname_middles)
            if (rare or self.surname(words[i][2])) and self.min_syl <= length <= self.max_syl:
                if not self.ethnic(words[i][2]) and not all(self.vn(w[2]) for w in words[i + 1 :]):
                    continue  # "La Liga": a foreign run that opens with a surname-like word
                name = " ".join(w[2] for w in words[i:])
                if name in self.places and not (direct_title and not admin and name in self.person_places):
                    return None
                if words[i][2] in self.prefix_words and name[len(words[i][2]) + 1 :] in self.places:
                    return None  # "Hội Đông Y Việt Nam": medicine ("y") before a place, no Ê Đê name
                return i, False, consumed
        if anchored and not neg and self.foreign([w[2] for w in words[i0:]], titled=direct_title):
            return i0, True, consumed
        if anchored and behind and n - i0 > 2:
            # "Chủ tịch Tập đoàn Siemens Joe Kaeser", "Thống đốc tỉnh Saint Petersburg Gheorghi
            # Poltavchenko": the thing's own name, then a foreign name opening with a listed given name
            span = self.given_name(words[i0 + 1 :])
            if span is not None and i0 + 1 + span[1] == n:
                return i0 + 1 + span[0], True, consumed
            if admin and n - i0 == 3 and self.foreign([w[2] for w in words[i0 + 1 :]]):
                # "Chủ tịch Hội đồng tỉnh Fukuoka Nakao Masayuki": a one-word place, then a two-word
                # foreign name written surname first (no listed given name)
                return i0 + 1, True, consumed
        return None

    def _opens_place(self, words: list[Word]) -> bool:
        """Whether a listed place of two words or more opens the run ("Triều Tiên Kim ...": the country,
        not the thing word "triều" of "Triều Nguyễn")."""
        return any(
            1 < k <= len(words) and " ".join(w[2] for w in words[:k]) in self.places
            for k in self.place_lengths.get(words[0][2], ())
        )

    def trim_place(self, words: list[Word]) -> list[Word]:
        """A full name running into a place of two or three words ends before it ("Trần Văn Nam Quảng
        Ngãi"), unless a name with a surname ends the run ("Hà Nội Phí Thái Bình"); a one-word place
        may be a given name ("Huế") and stays."""
        n = len(words)
        for k in (3, 2):
            if n - k >= 3 and " ".join(w[2] for w in words[n - k :]) in self.places:
                if any(w[2] in self.surnames for w in words[max(0, n - self.max_syl) : n - k]):
                    return words
                return words[: n - k]
        return words

    def stage_name(self, words: list[Word]) -> bool:
        """A stage or given name of two or three Vietnamese syllables that is no place and does not end
        with one of two words ("Công Ninh"; not the brand "Cô Gái Hà Lan"), or of one to three before a
        stage suffix ("Giang còi", "Hương Giang Idol")."""
        names, low = [w[2] for w in words], 2
        if len(names) > 1 and (names[-1] in self.cap_suffixes or names[-1] in self.low_suffixes):
            names, low = names[:-1], 1
        return (
            low <= len(names) <= 3
            and " ".join(names) not in self.places
            and " ".join(names[-2:]) not in self.places
            and all(map(self.vn, names))
        )

    def suffixed(self, words: list[Word]) -> bool:
        """A stage name that ends with a capitalised stage suffix: a name without an anchor."""
        return len(words) > 2 and words[-1][2] in self.cap_suffixes and self.stage_name(words)

    def given_name(self, words: list[Word]) -> tuple[int, int] | None:
        """Where a foreign full name opening with a listed given name lies in a run ("Với Lionel Messi
        Trong" → 1, 3): 2 to `max_foreign` words; it ends before a Vietnamese word with marks
        ("Chuỗi"), a place (a club's name is a surname right after the given name) or a second listed given name after two words (two names back to back:
        "Roger Federer Mischa Zverev"); a word of `firm_words` right after it makes it none ("William
        Colense High School"); a middle initial without its dot is kept ("Gordon H Chang")."""
        for k, w in enumerate(words):
            if self.given_word(w[2]) and not (k and words[k - 1][2] in self.place_openers):
                end = k + 1
                while (
                    end < len(words)
                    and end - k < self.max_foreign
                    # a club's name right after the given name is its surname ("Antonio Valencia")
                    and (self._foreign_part(words[end][2], team=end == k + 1) or _initial(words, end))
                    and not (end - k >= 2 and words[end][2] in self.given and end + 1 < len(words))
                ):
                    end += 1
                if end < len(words) and words[end][2] in self.firm:
                    return None  # "William Colense High School": a firm or school named after someone
                if w[2].isascii() and all(self.vn(x[2]) for x in words[k + 1 : end]):
                    end = max(end, k + 1 + self._vietnamese_part(words[k + 1 : k + 3]))
                return (k, end) if end - k >= 2 else None
        return None

    def _vietnamese_part(self, words: list[Word]) -> int:
        """How many of `words` (one or two) after a listed Latin given name end the name as its
        Vietnamese part ("Jonathan Hạnh Nguyễn", "Ali Hoàng Dương", "Anthony Trần"): Vietnamese
        syllables holding a surname, no place; else 0."""
        parts = [w[2] for w in words]
        while parts and not all(map(self.vn, parts)):
            parts.pop()
        if not any(p in self.surnames for p in parts) or " ".join(parts) in self.places:
            return 0
        return len(parts)

    def given_word(self, word: str) -> bool:
        """A listed foreign given name, or a French-style compound of one ("Jean-Marie", "Jean-Yves",
        "Hans-Georg": a listed name, a hyphen and a capitalised part)."""
        if word in self.given:
            return True
        if not word.isascii() and not self.vn(word) and strip_marks(word) in self.given:
            return True  # "Karolína", "Jeļena": a listed name written with its own language's letters
        first, hyphen, rest = word.partition("-")
        return bool(hyphen) and first in self.given and rest[:1].isupper() and "-" not in rest

    def surname_first(self, words: list[Word]) -> tuple[int, int] | None:
        """Where a name opening with a surname written first lies in a run ("Kim Jong-nam", "Li Jiahe",
        "Park Won Soon"): the surname and one or two foreign words, one of them hyphenated or no
        Vietnamese syllable (three words when the surname itself is none: "Park Won Soon")."""
        for k, w in enumerate(words):
            if w[2] in self.family_first:
                end = k + 1
                while (
                    end < len(words)
                    and end - k < 3
                    and words[end][2].isascii()
                    and self._foreign_part(words[end][2])
                ):
                    end += 1
                rest = [x[2] for x in words[k + 1 : end]]
                odd = [("-" in r or not self.vn(r)) for r in rest]
                if any(odd) and (len(rest) == 1 or odd[0] or not self.vn(w[2])):
                    return k, end
        return None

    def _foreign_part(self, word: str, team: bool = False) -> bool:
        """A word of a foreign name (`team`: a club's name may be one, "Antonio Valencia")."""
        if not word.isascii() and self.vn(word):
            return False
        if team and word in self.teams:
            return True
        return not any(p in self.places or p in self.not_name or len(p) < 2 for p in word.split("-"))

    def foreign(self, rest: list[str], *, titled: bool = False) -> bool:
        """A foreign name: 1-4 words of 2+ letters, most of them not Vietnamese syllables (a pinyin given
        name after a foreign surname written first counts: "Wang Dong"), no place in it; right after a
        title (`titled`) two words may end with an unaccented Vietnamese-like one ("Đại tá Stanfield Chien")."""
        if not 1 <= len(rest) <= self.max_foreign:
            return False
        if len(rest) == 3 and rest[0] in self.family_first and all(map(_syllable_word, rest[1:])):
            # "Roh Moo Hyun", "Lim Chon Sok": a surname first and two given syllables written apart;
            # after "Kim", one of them no Vietnamese syllable ("Kim Dae Jung")
            vn = rest[0] in self.surnames and all(map(self.vn, rest[1:]))
            return not vn and not any(w in self.places or w in self.not_name for w in rest)
        if rest[0] in self.surnames:
            return False
        if len(rest) == 1 and _VOWEL.search(fold(rest[0])) is None:
            return False  # "ông Ch.": an initial cut short, no name
        parts = [p for w in rest for p in w.split("-")]
        if any(len(p) < 2 or p in self.places or p in self.not_name for p in parts):
            return False
        foreign = [("-" in w or not self.vn(w)) for w in rest]
        if len(rest) == 2 and rest[0] in self.family_first and rest[0] not in self.weak and rest[1].isascii():
            # "Wang Dong"; not "Kim Giang": "Kim" is a Vietnamese surname too (a place's name here)
            foreign[1] = foreign[1] or self.pinyin_given.match(rest[1].lower()) is not None
        if len(rest) == 2 and not foreign[1] and not (titled and foreign[0] and rest[1].isascii()):
            return False  # "Schengen Quân(sự)": a two-word foreign name ends with a foreign word
        return 2 * sum(foreign) >= len(rest)

    def surname(self, word: str) -> bool:
        """A listed surname, or an Ê Đê / Gia Rai name opening with a prefix ("H'Hen Niê")."""
        return word in self.surnames or self.ethnic(word)

    def ethnic(self, word: str) -> bool:
        """An ethnic-minority name opener ("Y", "H'Hen", "Thạch"): the rest need not be Vietnamese."""
        return (
            word in self.prefix_words
            or word in self.ethnic_surnames
            or word in self.openers
            or word.startswith(self.name_prefixes)
        )

    def latin(self, words: Iterable[str]) -> bool:
        """Whether no word is a Vietnamese syllable with marks: a foreign run, its words plain ASCII or
        written with other languages' letters ("Karolína Plíšková"; not "Chính Hari Won")."""
        return all(w.isascii() or not self.vn(w) for w in words)

    def vn(self, word: str) -> bool:
        """Every hyphen-separated part of `word` is a Vietnamese syllable."""
        return _vn_word(self.syllable, word)


def _initial(words: list[Word], k: int) -> bool:
    """A middle initial without its dot between two words of a name ("Gordon H Chang")."""
    return 0 < k < len(words) - 1 and len(words[k][2]) == 1 and words[k][2].isupper()


def _syllable_word(word: str) -> bool:
    """One romanised syllable of an East Asian given name written apart ("Moo", "Hyun"): a capital and
    one to five lower-case ASCII letters."""
    return (
        2 <= len(word) <= 6 and word.isascii() and word.isalpha() and word[0].isupper() and word[1:].islower()
    )


def quoted(text: str, at: int) -> bool:
    """Whether a quote mark opens right before `at` (a mention opening a quote may be a title: "Minh
    Hằng" of a song); none at the start of the text."""
    return text[at - 1 : at] in _QUOTES


def person_key(name: str) -> str:
    """Canonical identity of a name: NFC, modern tone marks (done by normalisation), lower case, single spaces."""
    return " ".join(unicodedata.normalize("NFC", name).lower().split())


def repeats(words: list[Word]) -> bool:
    """A doubled signature ("Trần Nam Trần Nam") is not a name."""
    n = len(words)
    return n % 2 == 0 and [w[2] for w in words[: n // 2]] == [w[2] for w in words[n // 2 :]]


@lru_cache(maxsize=65536)
def _vn_word(syllable: regex.Pattern[str], word: str) -> bool:
    return all(syllable.match(fold(part)) for part in word.split("-"))


def one_spelling(names: Iterable[str], counts: Mapping[str, int]) -> set[str]:
    """`names` as they stand, or, when they differ only in tone marks or case and one is written more
    often than any other (`counts`), that one: one person misspelt ("Trần Đắc Lượng" ×3 and "Trần Đắc
    Lương"). A tie stays as it is ("Nicolas Maduro", "Nicolás Maduro": the register keys them)."""
    names = set(names)
    if len(names) < 2 or len({fold(n) for n in names}) > 1:
        return names
    winner = sole_most({n: counts.get(n, 0) for n in names})
    return names if winner is None else {winner}


def sole_most(counts: Mapping[str, int]) -> str | None:
    """The key counted more often than any other, None on a tie for the most."""
    ranked = sorted(counts, key=counts.__getitem__, reverse=True)
    if not ranked or (len(ranked) > 1 and counts[ranked[0]] == counts[ranked[1]]):
        return None
    return ranked[0]
