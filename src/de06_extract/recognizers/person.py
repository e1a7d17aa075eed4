"""Person recognizer: names anchored by titles, honorifics and name structure, with their titles.

Every run of capitalised syllables is a possible name. What stands before the run decides: a title
head from the `person` pack earlier in the same clause ("Bộ trưởng Bộ Công an Tô Lâm"), an honorific
or role noun right before it ("đồng chí", "bị cáo"), the same full name anchored elsewhere in the
article, or (weaker) Vietnamese name structure alone (3-4 syllables opening with a common surname).
Places, landmarks and things named after people ("đường Phạm Văn Đồng") are peeled off or refused.
Titles after the name follow ", " / " - " / "(" and start with a title head.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_left, bisect_right, insort
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache

import regex

from ..document import Doc
from ..rulepacks import RulePack, matches_at, occurrences
from .base import Candidate, Recognizer

# Clause delimiters; a full stop after a listed abbreviation ("TS. Đinh Thế Hiển") is none.
_DELIM = regex.compile(r'[,;:!?()"\[\]\n]|\.(?=\s|$)|(?<=\s)-(?=\s)')
_ABBR_BEFORE = regex.compile(r"(?<![\p{L}\p{M}.])[\p{L}.]{1,8}$")
_TRIM = " \t,;:.-–()\"'"


def _overlaps(taken: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) overlaps a span of the sorted, non-overlapping `taken`."""
    i = bisect_left(taken, (end, end))
    return i > 0 and taken[i - 1][1] > start


@dataclass
class _Found:
    start: int
    end: int
    name: str
    rule: str
    score: float
    pre_titles: list[str] = field(default_factory=list)


@lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """Lower case without diacritics ("Nguyễn" → "nguyen", "Đ" → "d"): for syllable checks."""
    nfd = unicodedata.normalize("NFD", word.lower().replace("đ", "d"))
    return "".join(c for c in nfd if not unicodedata.combining(c))


def person_key(name: str) -> str:
    """Canonical identity of a name: NFC, modern tone marks (done by normalisation), lower case, single spaces."""
    return " ".join(unicodedata.normalize("NFC", name).lower().split())


class PersonRecognizer(Recognizer):
    kind = "person"

    def __init__(self, pack: RulePack, packs: dict[str, RulePack]) -> None:
        super().__init__(pack, packs)
        s = pack.spec.settings
        self.scores = {k: float(v) for k, v in s.items() if k.startswith("score_")}
        self.max_complement = int(s["max_complement_words"])
        self.max_title = int(s["max_title_words"])
        self.min_syl, self.max_syl = int(s["min_syllables"]), int(s["max_syllables"])
        self.min_bare = int(s["min_bare_syllables"])
        self.max_foreign = int(s["max_foreign_words"])
        nb = r"(?<![\p{L}\p{M}])"
        ne = r"(?![\p{L}\p{M}])"
        self.title_re = pack.compile(
            nb + r"(?:(?:{title_modifiers})\s+){0,2}(?:{titles})" + ne, case_sensitive=False
        )
        self.leader_re = pack.compile(nb + r"(?:{leader_titles})\s*$", case_sensitive=False)
        self.hon_end = pack.compile(nb + r"(?:{honorifics}|{roles})\s+$", case_sensitive=False)
        # Left-context checks are set look-ups on the last words (a regex search per run is slow).
        self.hon_set = _lower_set(pack.lexicon("honorifics") + pack.lexicon("roles"))
        self.neg_set = _lower_set(pack.lexicon("negative_before"))
        self.admin_set = _lower_set(pack.lexicon("admin_before"))
        self.glued = tuple(pack.lexicon("negative_glued"))
        self.credit_set = _lower_set(pack.lexicon("credit_before"))
        self.prepositions = _lower_set(pack.lexicon("prepositions"))
        # Last words of every phrase set given to `_ends_with`: other positions are refused at once.
        self.enders = {
            phrase.rsplit(" ", 1)[-1]
            for phrases in (self.hon_set, self.neg_set, self.admin_set, self.credit_set, self.prepositions)
            for phrase in phrases
        }
        self.stop_re = pack.compile(nb + r"(?:{title_stops}|{title_stop_extra})" + ne, case_sensitive=True)
        self.org_re = pack.compile(r"{orgs_with_punct}", case_sensitive=False)
        self.opener = pack.compile(r"{title_opener}", case_sensitive=True)
        self.conj_end = pack.compile(
            r"\s++(?:và|cùng|với)(?:\s++(?:{honorifics}|{roles}))?\s*+$", case_sensitive=False
        )
        # "A - Chủ tịch UBND tỉnh và Thiếu tướng B": "và" before a title head ends a clause.
        self.and_head = pack.compile(
            r"(?<=\s)(?:và|cùng với|cùng|với)\s++(?=(?:(?:{title_modifiers})\s+){0,2}(?:{titles})" + ne + ")",
            case_sensitive=False,
        )
        self.chain_lead = regex.compile(r"^(?:(?:có|gồm|cùng|và)\s+)?", regex.IGNORECASE)
        self.syllable = pack.compile(r"{vn_syllable}", case_sensitive=True)
        self.head_follow = _head_follow(pack.lexicon("titles"), pack.lexicon("title_modifiers"))
        self.org_words = {_letters(w.split()[0].lower()) for w in pack.lexicon("orgs_with_punct")}
        self.hon_words = {w.lower() for w in pack.lexicon("honorifics") if " " not in w}
        self.surnames = set(pack.lexicon("surnames"))
        self.weak = set(pack.lexicon("weak_surnames"))
        self.places = {" ".join(p.split()) for p in pack.lexicon("places") + pack.lexicon("things")}
        self.streets = set(pack.lexicon("street_names"))
        self.neg_words = {" ".join(w.lower().split()) for w in pack.lexicon("negative_before")}
        self.breakers = set(pack.lexicon("run_breakers"))
        self.abbreviations = set(pack.lexicon("abbreviations"))
        self.not_name = set(pack.lexicon("not_name_words"))
        self.name_prefixes = tuple(pack.lexicon("name_prefixes"))
        lengths: dict[str, set[int]] = {}
        for place in self.places:
            lengths.setdefault(place.split()[0], set()).add(len(place.split()))
        # First word → word counts of the places it opens, longest first.
        self.place_lengths = {w: sorted(ks, reverse=True) for w, ks in lengths.items()}
        self.person_places = set(pack.lexicon("person_places"))

    # -- driver -------------------------------------------------------------------------------------

    def recognize(self, doc: Doc) -> Iterator[Candidate]:
        text = doc.text
        self._text = text
        self._tails: dict[int, frozenset[str]] = {}  # per-article caches: the words before a position,
        self._run_words: dict[int, list[tuple[int, int, str]]] = {}  # and the words of a run
        lower = doc.lower
        if lower is not None:
            # The big case-insensitive alternations are only tried where one of their first words
            # occurs (found with str.find on the lower-cased text): much faster than scanning.
            head_at = self._head_candidates(text, lower)
            self._heads = list(matches_at(self.title_re, text, head_at))
            orgs = list(matches_at(self.org_re, text, (at for at, _ in occurrences(lower, self.org_words))))
            joins = list(matches_at(self.and_head, text, self._join_candidates(lower, head_at)))
        else:
            self._heads, orgs, joins = (
                list(p.finditer(text)) for p in (self.title_re, self.org_re, self.and_head)
            )
        spans = [
            m.span()
            for m in _DELIM.finditer(text)
            if m.group() != "." or not self._abbreviation_stop(text, m.start())
        ]
        if orgs:  # punctuation inside "Bộ Văn hóa, Thể thao và Du lịch" ends no clause
            protected = [m.span() for m in orgs]
            spans = [s for s in spans if not _overlaps(protected, s[0], s[0] + 1)]
        self._newlines = [m.start() for m in _NEWLINE.finditer(text)]
        spans += [m.span() for m in joins]
        spans.sort()
        self._delims = [a for a, _ in spans]
        self._dends = [b for _, b in spans]
        self._head_starts = [m.start() for m in self._heads]
        runs = [m for _, m in self.matches(doc) if doc.zone_at(m.start()) != "meta"]
        found: dict[int, _Found] = {}
        # Pass 1: names anchored by a title or an honorific.
        prev_end = 0
        for m in runs:
            f = self._anchored(doc, m, prev_end)
            if f is not None:
                found[f.start] = f
                prev_end = f.end
        known = {person_key(f.name) for f in found.values()}
        # Pass 2: the same full names elsewhere, then bare names with Vietnamese structure; runs listed
        # with a street ("các tuyến phố Lý Thường Kiệt, Lã Xuân Oai") are streets too.
        taken = sorted((f.start, f.end) for f in found.values())
        for k, m in enumerate(runs):
            if _overlaps(taken, m.start(), m.end()):
                continue
            f = self._unanchored(doc, m, known)
            # The street test is the costlier one, so it is only made for a name found.
            if f is not None and not self._streetish(text, runs, k):
                found[f.start] = f
                insort(taken, (f.start, f.end))
        ordered = sorted(found.values(), key=lambda f: f.start)
        starts = [f.start for f in ordered]
        # "Tổng thống Trump" shares the key of "Donald Trump" when the article names one such person.
        by_last: dict[str, set[str]] = {}
        for f in ordered:
            if " " in f.name:
                by_last.setdefault(f.name.rsplit(" ", 1)[1], set()).add(person_key(f.name))
        for k, f in enumerate(ordered):
            next_start = starts[k + 1] if k + 1 < len(starts) else len(text)
            titles = f.pre_titles + self._post_titles(text, f.end, next_start)
            full = by_last.get(f.name, set()) if " " not in f.name else set()
            key = next(iter(full)) if len(full) == 1 else person_key(f.name)
            yield Candidate(
                "person",
                f.start,
                f.end,
                f.score,
                f.rule,
                {"name": f.name, "titles": titles, "key": key},
                explanation=self._explain(f.rule),
            )

    def _abbreviation_stop(self, text: str, at: int) -> bool:
        """Whether the full stop at `at` ends an abbreviation ("TS.", "Th.S."), not a sentence."""
        word = _ABBR_BEFORE.search(text, max(0, at - 8), at)
        return word is not None and word.group().rstrip(".") in self.abbreviations

    def _head_candidates(self, text: str, lower: str) -> set[int]:
        """Where `title_re` may match (a superset): a whole first word of a head at a word start,
        followed by a word that may come next in a head (words compared as lower-case letter runs)."""
        tokens = set(lower.split())
        # Letter runs of the text: whole tokens, and the runs inside tokens holding other characters.
        # Only first words found among them, with a word that may follow, are looked for (a str.find
        # scan of the text per word is the cost).
        runs = tokens.union(_LETTERS.findall(" ".join(t for t in tokens if not t.isalpha())))
        present = self.head_follow.keys() & runs
        firsts = [w for w in present if (f := self.head_follow[w]) is None or not f.isdisjoint(runs)]
        starts: set[int] = set()
        for at, word in occurrences(lower, firsts):
            end = at + len(word)
            if (at and _is_letter(text[at - 1])) or (end < len(text) and _is_letter(text[end])):
                continue
            follow = self.head_follow[word]
            nxt = _LETTERS.search(lower, end) if follow is not None else None
            if follow is None or (nxt is not None and nxt.group() in follow):
                starts.add(at)
        return starts

    @staticmethod
    def _join_candidates(lower: str, head_at: set[int]) -> Iterator[int]:
        """Where `and_head` may match (a superset): "và", "cùng", "với" or "cùng với" before a
        possible title head."""
        for at, word in occurrences(lower, ("và", "cùng", "với")):
            nxt = _LETTERS.search(lower, at + len(word))
            if nxt is None:
                continue
            if nxt.start() in head_at:
                yield at
            elif word == "cùng" and nxt.group() == "với":
                after = _LETTERS.search(lower, nxt.end())
                if after is not None and after.start() in head_at:
                    yield at

    # -- pass 1 -------------------------------------------------------------------------------------

    def _anchored(self, doc: Doc, m: regex.Match[str], prev_end: int) -> _Found | None:
        text = doc.text
        if " " not in m.group() and self._vn(m.group()):
            return None  # one Vietnamese syllable: a sentence start or a given name ("ông Chính")
        words = self._words(m)
        hon_in_run = False
        if len(words) > 1 and words[0][2].lower() in self.hon_words:
            words, hon_in_run = words[1:], True
        if not words:
            return None
        clause_start = max(self._clause_start(text, words[0][0]), prev_end)
        # Cheap exit: no title head between the clause start and the run end, no honorific before
        # any word of the run (the name starts at one of them).
        k = bisect_left(self._head_starts, clause_start)
        if not (
            hon_in_run
            or (k < len(self._heads) and self._heads[k].end() <= words[-1][1])
            or any(self._hon_before(text, w[0]) for w in words)
        ):
            return None
        direct = self._direct_head(text, clause_start, words[0][0])
        split = self._split(text, words, anchored=True, direct_title=direct is not None)
        if split is None:
            return None
        i, foreign, _consumed = split
        # "Đội trưởng Đội TTGT Ninh Kiều": a two-syllable run opening with an ambiguous surname is a
        # name only right after its title or honorific.
        weak_pair = not foreign and len(words) - i == 2 and words[i][2] in self.weak
        if weak_pair and not (
            i == 0 and (direct is not None or hon_in_run or self._hon_before(text, words[0][0]))
        ):
            return None
        if foreign and i == 0 and self._ends_with(words[0][0], self.prepositions):
            i += 1  # "chủ tịch của Aston Martin": the run opens with the organisation
            if len(words) - i < 2:
                return None
        name_words = words[i:]
        start, end = name_words[0][0], name_words[-1][1]
        name = " ".join(w[2] for w in name_words)
        hon = (hon_in_run and i == 0) or (
            text[start - 1 : start].isspace() and self._ends_with(start, self.hon_set)
        )
        title = self._pre_title(text, clause_start, start)
        if foreign and len(name_words) == 1:
            # "Tổng thống Putin" is a name; "ông Trump" is a bare surname, like "ông Chính"; "Tổng
            # thống George W. Bush" is cut by the initial and left alone.
            if _INITIAL_AFTER.match(text, end):
                return None
            leader = i == 0 and direct is not None and self.leader_re.search(direct.group() + " ") is not None
            if not leader:
                return None
        if _repeats(name_words):
            return None
        chain = self._chain(text, clause_start, prev_end)
        if title is not None:
            return _Found(start, end, name, "title", self.scores["score_title"], [*chain, title])
        if hon:
            return _Found(start, end, name, "honorific", self.scores["score_honorific"], chain)
        return None

    # -- pass 2 -------------------------------------------------------------------------------------

    def _unanchored(self, doc: Doc, m: regex.Match[str], known: set[str]) -> _Found | None:
        text = doc.text
        if m.group().count(" ") + 1 < (2 if known else self.min_bare):
            return None
        group = m.group()
        if self.surnames.isdisjoint(group.split()) and not any(p in group for p in self.name_prefixes):
            return None  # every name found here opens with a surname
        words = self._words(m)
        if len(words) > 1 and words[0][2].lower() in self.hon_words:
            words = words[1:]
        split = self._split(text, words, anchored=False, direct_title=False)
        if split is None:
            return None
        i, foreign, consumed = split
        name_words = words[i:]
        name = " ".join(w[2] for w in name_words)
        start, end = name_words[0][0], name_words[-1][1]
        if _repeats(name_words):
            return None
        if name in doc.authors:
            return None  # an author's sign-off at the end of the text
        if person_key(name) in known:
            return _Found(start, end, name, "known", self.scores["score_known"])
        if name in self.streets:
            return None
        if foreign or len(name_words) < self.min_bare or name_words[0][2] in self.weak:
            return None
        if consumed or any(not self._vn(w[2]) for w in name_words):
            return None
        if " ".join(w[2] for w in name_words[1:]) in self.places:
            return None
        if text[start - 1 : start] == '"' and text[end : end + 1] == '"':
            return None  # a quoted title of a song, a film, a book
        return _Found(start, end, name, "bare", self.scores["score_bare"])

    def _streetish(self, text: str, runs: list[regex.Match[str]], k: int) -> bool:
        """Whether run `k` names a street or thing: it, or a run listed with it (", ", " - ", " và "),
        follows a negative word or is a listed street name."""
        lo = hi = k
        while lo > 0 and _LIST_JOIN.fullmatch(text, runs[lo - 1].end(), runs[lo].start()):
            lo -= 1
        while hi + 1 < len(runs) and _LIST_JOIN.fullmatch(text, runs[hi].end(), runs[hi + 1].start()):
            hi += 1
        return any(
            self._neg_left(text, m.start()) or m.group() in self.streets or self._credit_left(text, m.start())
            for m in runs[lo : hi + 1]
        )

    def _neg_left(self, text: str, at: int, numbers: bool = True) -> bool:
        """A street word, a glued abbreviation or (with `numbers`) a house number right before `at`."""
        return text.endswith(self.glued, 0, at) or (
            text[at - 1 : at].isspace()
            and (self._ends_with(at, self.neg_set) or (numbers and _after_number(text, at)))
        )

    def _credit_left(self, text: str, at: int) -> bool:
        """A photo or source credit right before `at` ("Ảnh: Lữ Phú")."""
        return self._ends_with(at, self.credit_set)

    # -- pieces -------------------------------------------------------------------------------------

    def _words(self, m: regex.Match[str]) -> list[tuple[int, int, str]]:
        """Words of a run, cut before any word that opens a title head ("Nguyễn Văn Nam Giám đốc")."""
        words = self._run_words.get(m.start())
        if words is None:  # both passes ask
            words = self._run_words[m.start()] = self._cut_run(m)
        return words

    def _cut_run(self, m: regex.Match[str]) -> list[tuple[int, int, str]]:
        """`_words` without the cache."""
        run = m.group()
        parts = run.split()
        words: list[tuple[int, int, str]] = []
        at = 0
        for part in parts:
            at = run.find(part, at)
            words.append((m.start() + at, m.start() + at + len(part), part))
            at += len(part)
        k = bisect_left(self._head_starts, m.start())
        if (k == len(self._heads) or self._head_starts[k] >= m.end()) and self.breakers.isdisjoint(parts[1:]):
            return words  # no head and no breaker in the run
        skip_to = -1  # a capitalised title opening the run ("Nguyên Tổng Bí Thư Nông Đức Mạnh") is skipped
        for j, (ws, _, word) in enumerate(words):
            if ws < skip_to:
                continue
            k = bisect_left(self._head_starts, ws)
            if k < len(self._head_starts) and self._head_starts[k] == ws:
                if any(w[0] >= skip_to for w in words[:j]):
                    return [w for w in words[:j] if w[0] >= skip_to]
                skip_to = self._heads[k].end()
            elif j > 0 and word in self.breakers and any(w[0] >= skip_to for w in words[:j]):
                return [w for w in words[:j] if w[0] >= skip_to]
        return [w for w in words if w[0] >= skip_to]

    def _split(
        self, text: str, words: list[tuple[int, int, str]], *, anchored: bool, direct_title: bool
    ) -> tuple[int, bool, bool] | None:
        """Index where the name starts in the run, whether it is foreign, whether a place was peeled off."""
        n = len(words)
        if n == 0:
            return None
        at = words[0][0]
        # A house number counts only without an anchor: "Đề án 06 Phạm Minh Chính" follows a title.
        neg = self._neg_left(text, at, numbers=not anchored)
        start, admin = 0, self._ends_with(at, self.admin_set)
        for k in (2, 1):  # a capitalised thing word opening the run: "Đền Trần ...", "Quận Ngô Quyền"
            lead = " ".join(w[2] for w in words[:k]).lower()
            if n > k and words[0][2] not in self.surnames and lead in self.neg_words:
                start, neg = k, True
                break
            if n > k and lead in self.admin_set:
                start, admin = k, True
                break
        i0 = start
        while i0 < n:  # peel places and landmarks off the front: "Tỉnh Đoàn" + "Quảng Ninh"
            for k in self.place_lengths.get(words[i0][2], ()):
                if k > n - i0:
                    continue
                joined = " ".join(w[2] for w in words[i0 : i0 + k])
                if joined in self.places and not (
                    i0 + k == n and direct_title and joined in self.person_places
                ):
                    i0 += k
                    break
            else:
                break
        consumed = i0 > start
        if i0 == n:
            return None
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
            if self._surname(words[i][2]) and self.min_syl <= length <= self.max_syl:
                if not all(self._vn(w[2]) for w in words[i + 1 :]):
                    continue  # "La Liga": a foreign run that opens with a surname-like word
                name = " ".join(w[2] for w in words[i:])
                if name in self.places and not (direct_title and name in self.person_places):
                    return None
                return i, False, consumed
        if anchored and not neg and self._foreign([w[2] for w in words[i0:]]):
            return i0, True, consumed
        return None

    def _foreign(self, rest: list[str]) -> bool:
        """A foreign name: 1-4 words of 2+ letters, most of them not Vietnamese syllables, no place in it."""
        if not 1 <= len(rest) <= self.max_foreign or rest[0] in self.surnames:
            return False
        parts = [p for w in rest for p in w.split("-")]
        if any(len(p) < 2 or p in self.places or p in self.not_name for p in parts):
            return False
        foreign = [("-" in w or not self._vn(w)) for w in rest]
        if len(rest) == 2 and not foreign[1]:
            return False  # "Schengen Quân(sự)": a two-word foreign name ends with a foreign word
        return 2 * sum(foreign) >= len(rest)

    def _ends_with(self, pos: int, words: frozenset[str]) -> bool:
        """Whether the 1-3 words right before `pos` (a trailing full stop dropped) are one of `words`."""
        tails = self._tails.get(pos)
        if tails is None:  # the same positions are asked about many times
            window = self._text[max(0, pos - 40) : pos]
            last = "".join(window.rsplit(None, 1)[-1:]).lower()  # the last word, or ""
            if last in self.enders or last.rstrip(".") in self.enders:
                tail = window.lower().split()[-3:]
                phrases = [" ".join(tail[k:]) for k in range(len(tail))]
                tails = frozenset(phrases + [p.rstrip(".") for p in phrases])
            else:
                tails = frozenset()
            self._tails[pos] = tails
        return not tails.isdisjoint(words)

    def _hon_before(self, text: str, at: int) -> bool:
        return text[at - 1 : at].isspace() and self._ends_with(at, self.hon_set)

    def _surname(self, word: str) -> bool:
        """A listed surname, or an Ê Đê / Gia Rai name opening with a prefix ("H'Hen Niê")."""
        return word in self.surnames or word.startswith(self.name_prefixes)

    def _vn(self, word: str) -> bool:
        return _vn_word(self.syllable, word)

    def _clause_start(self, text: str, pos: int) -> int:
        k = bisect_left(self._delims, pos) - 1
        j = bisect_left(self._newlines, pos) - 1
        line_start = self._newlines[j] + 1 if j >= 0 else 0
        return max(self._dends[k] if k >= 0 else 0, line_start)

    def _direct_head(self, text: str, lo: int, pos: int) -> regex.Match[str] | None:
        """The title head that ends right before `pos` (only spaces between), if any."""
        k = bisect_right(self._head_starts, pos) - 1
        while k >= 0 and self._heads[k].start() >= lo:
            h = self._heads[k]
            if h.end() <= pos:
                return h if not text[h.end() : pos].strip() else None
            k -= 1
        return None

    def _pre_title(self, text: str, lo: int, name_start: int) -> str | None:
        """The title in text[lo:name_start]: from the earliest head whose complement is clean."""
        k = bisect_left(self._head_starts, lo)
        while k < len(self._heads) and self._heads[k].end() <= name_start:
            h = self._heads[k]
            k += 1
            complement = text[h.end() : name_start]
            if self.stop_re.search(complement) or len(complement.split()) > self.max_complement:
                continue
            if self.conj_end.search(complement):
                continue  # "A, nguyên Giám đốc và ông B": the title is A's
            if any(
                h2.start() > h.end()
                and h2.end() <= name_start
                and self._hands_over(text, h.end(), h2.start())
                for h2 in self._heads[k : k + 4]
            ):
                # "Cố vấn của Tổng thống Donald Trump", "Thủ tướng quay sang Bí thư Tỉnh ủy A": the
                # person holds the later title.
                continue
            title = text[h.start() : name_start]
            hon = self.hon_end.search(title)
            if hon is not None and hon.group().islower():  # "Giám đốc Sở ông A"; "Anh" is England
                title = title[: hon.start()]
            title = _clean(title)
            return title or None
        return None

    @staticmethod
    def _hands_over(text: str, a: int, b: int) -> bool:
        """Whether the words between two title heads hand the name over to the second one: only
        lower-case words (no organisation name), not "kiêm" ("Phó Chủ tịch kiêm Giám đốc" is one)."""
        between = text[a:b].split()
        if not between or "kiêm" in between:
            return False
        return between[-1] == "của" or all(w.islower() for w in between)

    def _chain(self, text: str, clause_start: int, floor: int) -> list[str]:
        """Titles in the comma-separated segments just before a clause: "Ủy viên Bộ Chính trị, ..."."""
        titles: list[str] = []
        end = clause_start - 1
        while end > floor and end > 0 and text[end] in ",-":
            seg_start = self._clause_start(text, end)
            if seg_start < floor:
                break
            seg = text[seg_start:end]
            lead = self.chain_lead.match(seg.lstrip())
            offset = seg_start + (len(seg) - len(seg.lstrip())) + (lead.end() if lead else 0)
            h = self.title_re.match(text, offset)
            if h is None or h.end() > end or self.stop_re.search(text, h.end(), end):
                break
            if len(text[h.end() : end].split()) > self.max_complement:
                break
            titles.insert(0, _clean(text[h.start() : end]))
            end = seg_start - 1
        return titles

    def _post_titles(self, text: str, pos: int, next_name: int) -> list[str]:
        titles: list[str] = []
        while True:
            op = self.opener.match(text, pos)
            if op is None or "\n" in text[pos : op.end()]:
                break
            h = self.title_re.match(text, op.end())
            if h is None:
                break
            k = bisect_right(self._delims, h.end() - 1)
            end = self._delims[k] if k < len(self._delims) else len(text)
            stop = self.stop_re.search(text, h.end(), end)
            stopped = stop is not None
            if stop is not None:
                end = stop.start()
            if next_name < end:
                # "A, nguyên Giám đốc và ông B": the title ends at the conjunction; without one the
                # words belong to the next person ("Thủ tướng A, Chủ tịch Quốc hội B").
                conj = self.conj_end.search(text, h.end(), next_name)
                if conj is None:
                    break
                end, stopped = conj.start(), True
            # A title that ends at a clause verb may be long (a steering committee's full name).
            title = self._cap_length(text[h.start() : end], self.max_title * (2 if stopped else 1))
            if title:
                titles.append(title)
            if stopped or end >= len(text) or text[end] not in ",-;":
                break
            pos = end
        return titles

    @staticmethod
    def _cap_length(title: str, limit: int) -> str:
        words = title.split()
        if len(words) > limit:
            words = words[:limit]
            while words and not words[-1][:1].isupper():
                words.pop()
        return _clean(" ".join(words))

    @staticmethod
    def _explain(rule: str) -> str:
        return {
            "title": "a name after a title head in the same clause",
            "honorific": "a full name right after an honorific or role noun",
            "known": "a full name already anchored elsewhere in the article",
            "bare": "3-4 capitalised syllables opening with a common surname",
        }[rule]


def _repeats(words: list[tuple[int, int, str]]) -> bool:
    """A doubled signature ("Trần Nam Trần Nam") is not a name."""
    n = len(words)
    return n % 2 == 0 and [w[2] for w in words[: n // 2]] == [w[2] for w in words[n // 2 :]]


_NEWLINE = regex.compile(r"\n")
_LETTERS = regex.compile(r"[\p{L}\p{M}]++")
_INITIAL_AFTER = regex.compile(r"[ ]\p{Lu}\.[ ]?\p{Lu}")
_LIST_JOIN = regex.compile(r"\s*+(?:,|-|;|và|hoặc)\s*+")
_NUMBER = regex.compile(r"(?<![\p{L}\p{M}])\d[\d/]*+[A-Za-z]?\s++$")


@lru_cache(maxsize=65536)
def _vn_word(syllable: regex.Pattern[str], word: str) -> bool:
    return all(syllable.match(fold(part)) for part in word.split("-"))


def _lower_set(words: list[str]) -> frozenset[str]:
    return frozenset(" ".join(w.lower().split()) for w in words)


def _after_number(text: str, pos: int) -> bool:
    """A house number right before the run: "số 8 Hoàng Minh Giám", "277 Nguyễn Trãi"."""
    return _NUMBER.search(text, max(0, pos - 12), pos) is not None


def _is_letter(ch: str) -> bool:
    # No combining mark lies below U+0300: spaces and punctuation skip the category look-up.
    return ch.isalpha() or (ch >= "\u0300" and unicodedata.category(ch).startswith("M"))


def _letters(word: str) -> str:
    """The letters `word` opens with ("gs.ts" → "gs")."""
    m = _LETTERS.match(word)
    return m.group() if m else ""


def _head_follow(titles: list[str], modifiers: list[str]) -> dict[str, frozenset[str] | None]:
    """For each first word of a title head (its opening letters, lower case), the words that may
    come next in a head (their opening letters), or None when anything may."""
    firsts = {_letters(w.split()[0].lower()) for w in titles + modifiers}
    follow: dict[str, set[str] | None] = {}
    for w, is_modifier in [(t, False) for t in titles] + [(m, True) for m in modifiers]:
        parts = w.lower().split()
        first = _letters(parts[0])
        nxt: set[str] | None
        if first != parts[0] or (len(parts) == 1 and not is_modifier):
            nxt = None
        elif len(parts) == 1:
            nxt = firsts  # after a modifier: another modifier or a title
        else:
            nxt = {_letters(parts[1])} if _letters(parts[1]) else None
        seen = follow.get(first, set())
        follow[first] = None if seen is None or nxt is None else seen | nxt
    return {w: None if f is None else frozenset(f) for w, f in follow.items()}


def _clean(s: str) -> str:
    return " ".join(s.split()).strip(_TRIM)


RECOGNIZER = PersonRecognizer
