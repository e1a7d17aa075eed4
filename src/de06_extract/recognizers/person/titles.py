"""Title heads ("Bộ trưởng", "Phó Chủ tịch UBND"): where they are, the clauses they govern, and the
titles read before a name (in its clause, and the comma-separated chain before it) and after it."""

from __future__ import annotations

import operator
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from typing import NamedTuple

import regex

from ...document import Doc
from ...rulepacks import RulePack, WordPositions, matches_at
from ...segment import pos_window

# Clause delimiters: a full stop after a listed abbreviation ("TS. Đinh Thế Hiển") is none, nor are
# brackets holding only an abbreviation with words going on after them ("Chủ tịch Ủy ban Chứng khoán Nhà
# nước (UBCKNN) Vũ Bằng", "Giám đốc Sở Giáo dục và Đào tạo (GD&ĐT) A").
_ABBR = r"\p{Lu}[\p{Lu}\p{N}&.-]{1,11}"  # an abbreviation: "UBCKNN", "GD&ĐT", "WB"
# a bracket ending a title, an abbreviation's ("(VCCI)") or a parent body's ("(Bộ Tài chính)")
_BRACKET_TAIL = regex.compile(r"[ ]?+\([^()\n]{1,60}+\)?+$")
_ABBR_BRACKET = regex.compile(r"[ ]?+\(" + _ABBR + r"+\)")
_ABBR_END = regex.compile(r"[ ]?+\(" + _ABBR + r"+\)$")  # ending a chain's segment
_DELIM = regex.compile(
    r'[,;:!?"“”\[\]\n…]|\((?!' + _ABBR + r"+\)[ ]\p{L})"
    r"|\)(?:(?<!\(" + _ABBR + r"\))|(?![ ]\p{L}))|\.(?=\s|$)|(?<=\s)-(?=\s)"
    # a dash glued to the word before it, a space and a capital after ("Chủ tịch Quốc hội Fiji- Phó Chủ
    # tịch ..."): a typo of the spaced dash, kept by `Titles.scan` before a title head only ("Bà Rịa-
    # Vũng Tàu", "Công nghệ Việt- Séc" are names)
    r"|(?<=[\p{Ll}\p{M}])-(?=[ ]\p{Lu})"
)
# A vehicle's plate number after an abbreviated head ("xe khách BS 43B-019.36": "biển số", not "bác sĩ").
_PLATE = regex.compile(r"[ ]\d{2}\p{Lu}{1,2}\d?+-\d")
# A closing bracket before a capitalised word: where every match of `Titles.parent_re` ends.
_CLOSED_BEFORE_CAPITAL = regex.compile(r"\)[ ]\p{Lu}")
# A head right before a demonstrative opens the next clause ("Phương Nga, Hoa hậu này có ..."): no title.
_SUBJECT = regex.compile(r"\s++(?:này|ấy|đó|nọ)(?![\p{L}\p{M}])")
# A head coordinated with a lower-case noun is a plural noun ("nghệ sĩ và khán giả"), not a title.
_COORD_NOUN = regex.compile(r"\s++(?:và|hay|hoặc)\s++\p{Ll}")
_CONJUNCTIONS = ("và", "cùng", "với")  # those of `_TRAIL_CONJ` and `Titles.conj_end`
_CONJ = "|".join(_CONJUNCTIONS)
_TRAIL_CONJ = regex.compile(r"(?:\s++(?:" + _CONJ + r"))++$")
_WITH_BEFORE = regex.compile(r"(?<![\p{L}\p{M}])(?:với|cùng)\s++$")
_ABBR_BEFORE = regex.compile(r"(?<![\p{L}\p{M}.])[\p{L}.]{1,8}$")
_TRIM = " \t,;:.-()\"'"
_LIST_OPENER = " như"  # "such as" between a plural title and the names it is shared by
_NEWLINE = regex.compile(r"\n")
_LINE_BREAK = regex.compile(r"\s*+\n\s*+")
_LETTERS = regex.compile(r"[\p{L}\p{M}]++")
_LETTERS_BACK = regex.compile(r"(?r)[\p{L}\p{M}]++")  # searched backwards: the last letter run
_AND_IS = regex.compile(r"[ ](?:và|đồng[ ]thời)[ ]$")  # before "là": a second post ("... và là Y")
_COMMA_KIEM = regex.compile(r",[ ]kiêm[ ]")
_JOINT = regex.compile(r",?+\s++kiêm\s++")  # between two posts held jointly, comma or not
# the clause's next words after a title's text (which may end with its space: "... Kinh tế lại ")
_CONTEXT = regex.compile(r"[ ]?+[\p{L}\p{M}]++(?:[ ]++[\p{L}\p{M}]++){0,2}")
_UPPER = regex.compile(r"\p{Lu}")
_CAP_OR_NUMBER = regex.compile(r"[\p{Lu}\p{N}]")
_PLACE_NAME = regex.compile(r"[ ]?+[\p{Lu}\p{N}]")  # after an abbreviated unit's full stop
_WORD = regex.compile(r"[\p{L}\p{M}\p{N}]++")
_WORD_BEFORE = regex.compile(r"[\p{L}\p{M}]++\s++$")
_REWRITTEN = frozenset("-'\"")  # what normalisation makes of dashes and quotes
_span = operator.methodcaller("span")  # a match's span, mapped over the delimiters


class PreTitle(NamedTuple):
    """The title read before a name, and whether a verb between two title heads handed the name over
    to the later one (then the comma chain before the clause is someone else's)."""

    title: str | None
    handed_over: bool


class Titles:
    """The title part of the person pack, compiled once; `scan` indexes one article's heads."""

    def __init__(self, pack: RulePack, max_complement: int, max_title: int) -> None:
        self.max_complement, self.max_title = max_complement, max_title
        nb = r"(?<![\p{L}\p{M}])"
        ne = r"(?![\p{L}\p{M}])"
        # a head may end at a glue point of scraped text ("Tổng thốngMoon Jae-in", the `run` pattern's)
        self.title_re = pack.compile(
            nb + r"(?:(?:{title_modifiers})\s+){0,2}(?:{titles})(?:" + ne + r"|(?-i:(?<=\p{Ll})(?=\p{Lu})))",
            case_sensitive=False,
        )
        self.role_re = pack.compile(
            r"(?:(?:{title_modifiers})\s+){0,2}(?:{role_heads})" + ne, case_sensitive=False
        )
        # the opening letters (case-folded) of modifiers and role heads: those of any text `role_re` matches
        self.role_firsts = {
            letters(w.split()[0]).casefold()
            for w in pack.lexicon("title_modifiers") + pack.lexicon("role_heads")
        }
        self.leader_re = pack.compile(nb + r"(?:{leader_titles})\s*$", case_sensitive=False)
        self.leader_head = pack.compile(r"(?:{leader_titles})", case_sensitive=False)
        self.speech_verbs = frozenset(pack.lexicon("speech_verbs"))
        self.hon_end = pack.compile(nb + r"(?:{honorifics}|{roles})\s+$", case_sensitive=False)
        # the last words of honorifics and roles, case-folded: `hon_end` and `conj_end` match only a text
        # whose last word ends in one of them or in a conjunction of `conj_end` (`last_word_ends`)
        hon_ends = {w.split()[-1].casefold() for w in pack.lexicon("honorifics") + pack.lexicon("roles")}
        self.hon_ends, self.conj_ends = tuple(hon_ends), tuple(hon_ends.union(_CONJUNCTIONS))
        self.hon_compounds = tuple(w.lower() for w in pack.lexicon("honorific_compounds"))  # "trẻ em"
        self.stop_re = pack.compile(
            nb + r"(?!{title_stop_exempt})(?:{title_stops}|{title_stop_extra})" + ne, case_sensitive=True
        )
        self.org_re = pack.compile(r"{orgs_with_punct}", case_sensitive=False)
        self.opener = pack.compile(r"{title_opener}", case_sensitive=True)
        self.plural_after = pack.compile(r"[ ]?+(?:{plural_subject_after})[ ]", case_sensitive=True)
        self.abbr_goes_on = pack.compile(
            r"[ ](?:{title_abbr_goes_on})(?:[ ]\p{Lu}[\p{L}\p{M}\p{N}&-]*+)++", case_sensitive=True
        )
        # a parent body's bracket, or a country's ("Tổng Giám đốc Tập đoàn X (Đức) A"), before a name
        self.parent_re = pack.compile(
            r"\((?:(?:thuộc[ ])?+(?:{title_parent_units})[ ][^()\n]{1,60}+|(?:{places}))\)(?=[ ]\p{Lu})",
            case_sensitive=True,
        )
        # the parent body or place after a spaced dash ends a title after a name ("Phó Viện trưởng Viện X -
        # Trường Đại học Y", "Hiệu trưởng Trường X - Thị xã Y")
        self.dash_parent = pack.compile(r"(?:{title_dash_parents})" + ne, case_sensitive=True)
        self.unit_segment = pack.compile(r"(?:{title_unit_segments})" + ne, case_sensitive=True)
        self.interlocutor_re = pack.compile(r"(?:{interlocutor_heads})" + ne, case_sensitive=False)
        # "A, nguyên Giám đốc và ông B", "Vụ trưởng Vụ X trao quyết định cho bà B": the title is not B's.
        self.conj_end = pack.compile(
            r"\s++(?:(?:"
            + _CONJ
            + r")(?:\s++(?:{honorifics}|{roles}))?|(?:{prepositions})\s++(?:{honorifics}|{roles}))\s*+$",
            case_sensitive=False,
        )
        # "A - Chủ tịch UBND tỉnh và Thiếu tướng B": "và" before a title head ends a clause.
        self.and_head = pack.compile(
            r"(?<=\s)(?:và|cùng với|cùng|với)\s++(?=(?:(?:{title_modifiers})\s+){0,2}(?:{titles})" + ne + ")",
            case_sensitive=False,
        )
        self.chain_lead = pack.compile(r"^(?:(?:{chain_leads})\s+)?", case_sensitive=False)
        # ... and a speaker's, before a clause opening with an honorific ("Theo Giám đốc X, ông A": A
        # is the director; not "Theo Chủ tịch QH, hiện nay ông A ...")
        self.speaker_lead = pack.compile(
            r"^(?:(?:{chain_leads}|{speaker_openers})\s+)?", case_sensitive=False
        )
        self.hon_open = pack.compile(r"\s*+(?:{honorifics})\s++\p{Lu}", case_sensitive=False)
        self.compounds = {" ".join(w.lower().split()) for w in pack.lexicon("modifier_compounds")}
        self.compound_ends = {c.rsplit(" ", 1)[-1] for c in self.compounds}  # "quyền", "cầu"
        self.tail_tags = frozenset(pack.lexicon("title_tail_tags"))
        breakers = pack.lexicon("title_breakers")
        self.breakers = {w for w in breakers if " " not in w}
        self.breaker_pairs: dict[str, list[str]] = {}  # "Phát" -> ["Phát biểu"]
        for w in breakers:
            if " " in w:
                self.breaker_pairs.setdefault(w.split()[0], []).append(w)
        self.chain_openers = set(pack.lexicon("chain_openers"))
        self.speaker_openers = set(pack.lexicon("speaker_openers"))
        self._appositive_open = pack.compile(r"(?<![\p{L}\p{M}])(?:{appositive_openers})[ ]++$")
        self._appositive_reach = max(map(len, pack.lexicon("appositive_openers"))) + 2
        self.name_lead = pack.compile(r"\s*+(?:(?:{honorifics})\s++)?", case_sensitive=False)
        self.admin = {w.lower() for w in pack.lexicon("admin_before")}
        self.prepositions = set(pack.lexicon("prepositions"))
        self.function_words = self.prepositions | self.chain_openers
        self.org_tail_tags = self.tail_tags.union(pack.lexicon("title_org_tail_tags"))
        self.name_tags = frozenset(pack.lexicon("title_name_tags"))
        self.org_tail_words = set(pack.lexicon("title_org_tail_words"))
        self.demonstratives = set(pack.lexicon("title_demonstratives"))
        self.demonstrated_units = [u.lower() for u in pack.lexicon("demonstrated_units")]
        self.head_follow = _head_follow(pack.lexicon("titles"), pack.lexicon("title_modifiers"))
        # each organisation's first word with its punctuation ("phòng," of "Phòng, chống"), and its inner
        # words (between the first and the last): whole words of any text holding it, so an article
        # lacking one of them cannot hold the organisation
        self.org_words = [
            (words[0], frozenset(words[1:-1]))
            for words in (w.lower().split() for w in pack.lexicon("orgs_with_punct"))
        ]
        self.abbreviations = set(pack.lexicon("abbreviations"))
        self.place_abbreviations = set(pack.lexicon("place_abbreviations"))
        # the characters an abbreviation may end with before its full stop (or a full stop: "Th.S.")
        self.abbreviation_ends = {
            w.rstrip(".")[-1:] for w in self.abbreviations | self.place_abbreviations
        } | {"."}
        self.head_words = frozenset(self.head_follow)
        self.complete_heads = _complete_heads(pack.lexicon("titles"), pack.lexicon("self_named_titles"))

    def appositive_before(self, text: str, lo: int, at: int) -> bool:
        """A word of `appositive_openers` right before the title head at `at`, not before `lo` ("là Phó
        chủ tịch X, ông A", "do chủ tịch UBND tỉnh X, A ký")."""
        return self._appositive_open.search(text, max(lo, at - self._appositive_reach), at) is not None

    def own(self, titles: list[str]) -> list[str]:
        """The titles a person holds: readings opening with a role head ("HLV trưởng ...") dropped, unless
        a longer title head opens them ("Trọng tài viên VIAC", not the role "trọng tài"); posts joined by
        "kiêm" parted where `joint_posts` parts them."""
        return [
            part
            for t in titles
            for post in self.joint_posts(t)
            if not self._role(post)
            for part in self._degrees_apart(post)
        ]

    def joint_posts(self, title: str) -> list[str]:
        """A title parted at each "kiêm" after a complete post (the ruling of 2026-12-03): one whose
        complement holds a capitalised word ("Chủ tịch HĐQT Công ty X", "Bí thư Huyện ủy") or whose head
        names its organisation (`complete_heads`: "Ngoại trưởng", "Chủ tịch HĐQT"), when a title head or
        a capitalised word follows; a bare head shares the organisation after "kiêm" ("Chủ tịch kiêm Tổng
        giám đốc VNG", "Hiệu phó kiêm quản lý trường X": one title)."""
        if "kiêm" not in title:
            return [title]
        parts, at = [], 0
        for k in _JOINT.finditer(title):
            if self._complete(title[at : k.start()]) and (
                self.title_re.match(title, k.end()) is not None or _UPPER.search(title, k.end()) is not None
            ):
                parts.append(clean(title[at : k.start()]))
                at = k.end()
        return [*parts, title[at:]] if parts else [title]

    def _complete(self, post: str) -> bool:
        """Whether `post` names its organisation: a capitalised word or a number after its head, or a
        head of `complete_heads` (after its modifiers)."""
        head = self.title_re.match(post)
        if head is None:
            return False
        if _CAP_OR_NUMBER.search(post, head.end()):
            return True
        words = head.group().casefold().split()
        return any(" ".join(words[i:]) in self.complete_heads for i in range(len(words)))

    def _degrees_apart(self, title: str) -> list[str]:
        """A title opening with degree abbreviations and their full stops, then a capitalised title: two
        titles ("GS. TS. Anh hùng Lao động" → "GS. TS", "Anh hùng Lao động"), as a comma would part them."""
        parts = title.split(". ")
        k = 0
        while k < len(parts) - 1 and parts[k] in self.abbreviations:
            k += 1
        if k == 0 or not parts[k][:1].isupper() or parts[k].split()[0] in self.abbreviations:  # "TS. BS"
            return [title]
        return [". ".join(parts[:k]), ". ".join(parts[k:])]

    def _role(self, title: str) -> bool:
        role = self.role_re.match(title) if letters(title).casefold() in self.role_firsts else None
        head = self.title_re.match(title) if role is not None else None
        return role is not None and (head is None or head.end() <= role.end())

    def scan(self, doc: Doc) -> TitleScan:
        """The title heads and clause delimiters of one article."""
        text, lower, words = doc.text, doc.lower, doc.words
        head_at: set[int] | None = None
        if lower is not None and words is not None:
            # The big case-insensitive alternations are only tried where one of their first words
            # occurs (found with str.find on the lower-cased text): much faster than scanning.
            head_at = self._head_candidates(doc, words)
            heads = list(matches_at(self.title_re, text, head_at))
            orgs = list(matches_at(self.org_re, text, self.org_candidates(doc, words), overlapped=True))
            joins = list(matches_at(self.and_head, text, _join_candidates(lower, head_at)))
        else:
            heads, joins = (list(p.finditer(text)) for p in (self.title_re, self.and_head))
            orgs = list(self.org_re.finditer(text, overlapped=True))
        heads = [
            h
            for m in heads
            if (h := self._one_line(text, m)) is not None
            and (h := self._own_modifier(text, h)) is not None
            and (h := self._caps_modifier(text, h)) is not None
            and _PLATE.match(text, h.end()) is None
        ]
        head_starts = {h.start() for h in heads}
        spans = [
            (a, b)
            for a, b in map(_span, _DELIM.finditer(text))
            if b - a != 1
            or (text[a] == "." and not self._abbreviation_stop(text, a))
            or (text[a] == "-" and (text[a - 1] == " " or b + 1 in head_starts))  # a glued dash: a head after
            or text[a] not in ".-"
        ]
        # "Viện trưởng Viện X (Bộ NN&PTNT) Nguyễn Văn A": the parent body's brackets end no clause (the
        # costly scan only in the few texts with a bracket closed before a capital, where each one ends)
        found = self.parent_re.finditer(text) if _CLOSED_BEFORE_CAPITAL.search(text) else ()
        parents = {at for m in found for at in (m.start(), m.end() - 1)}
        if parents:
            spans = [s for s in spans if s[0] not in parents]
        # overlapping names merged: "Ủy ban Văn hóa, Giáo dục" and "Văn hóa, Giáo dục, Thanh niên, …"
        protected = _merged(sorted(m.span() for m in orgs))
        if protected:  # punctuation inside "Bộ Văn hóa, Thể thao và Du lịch" ends no clause
            spans = [s for s in spans if not overlaps(protected, s[0], s[0] + 1)]
        spans += [m.span() for m in joins]
        spans.sort()
        newlines = [m.start() for m in _NEWLINE.finditer(text)]
        return TitleScan(
            self, doc, heads, ([a for a, _ in spans], [b for _, b in spans]), newlines, protected, head_at
        )

    def _one_line(self, text: str, m: regex.Match[str]) -> regex.Match[str] | None:
        """The head `m`, or, when it runs across a line break, the head opening the next line ("... Hoa
        Kỳ\nThủ tướng" is no "Kỳ thủ"), if any."""
        br = m.group().find("\n")
        if br < 0:
            return m
        nxt = _LETTERS.search(text, m.start() + br)
        return self.title_re.match(text, nxt.start()) if nxt is not None else None

    def _own_modifier(self, text: str, m: regex.Match[str]) -> regex.Match[str] | None:
        """The head `m`, or the head after its first word when that word ends a compound of
        `modifier_compounds` ("chính quyền Tổng thống Mỹ": the head is "Tổng thống Mỹ"; "yêu cầu Thủ
        tướng": "Thủ tướng", read past `m`, the head "Cầu thủ")."""
        first = _LETTERS.match(text, m.start())
        if first is None or first.group().lower() not in self.compound_ends:
            return m  # no compound ends with it: the word before is not read
        prev = _WORD_BEFORE.search(text, max(0, m.start() - 12), m.start())
        if (
            prev is None
            or f"{prev.group().split()[0]} {first.group()}".lower() not in self.compounds
            or (first.group()[0].isupper() and prev.group()[0].islower())  # "người tài Nguyên Bộ trưởng"
        ):
            return m
        nxt = _LETTERS.search(text, first.end(), m.end())
        return self.title_re.match(text, nxt.start()) if nxt is not None else None

    def _caps_modifier(self, text: str, m: regex.Match[str]) -> regex.Match[str] | None:
        """The head `m`, or the head after its first word when that word is a modifier written in
        capitals before a head that is not ("Ảnh: N.TÂN Trung tá A": a credit's name, no "tân")."""
        first = _LETTERS.match(text, m.start())
        if first is None or first.end() >= m.end() or len(first.group()) < 2 or not first.group().isupper():
            return m
        if m.group().isupper():
            return m  # "PGS.TS", "PTT"
        nxt = _LETTERS.search(text, first.end(), m.end())
        return self.title_re.match(text, nxt.start()) if nxt is not None else None

    def _abbreviation_stop(self, text: str, at: int) -> bool:
        """Whether the full stop at `at` ends an abbreviation ("TS.", "Th.S."), or a place's before its
        name ("H. Quảng Điền"), not a sentence."""
        if text[at - 1 : at] not in self.abbreviation_ends:
            return False  # the word before it ends with no abbreviation's last character ("nay.")
        word = _ABBR_BEFORE.search(text, max(0, at - 8), at)
        if word is None:
            return False
        abbr = word.group().rstrip(".")
        return abbr in self.abbreviations or (
            abbr in self.place_abbreviations and _PLACE_NAME.match(text, at + 1) is not None
        )

    def org_candidates(self, doc: Doc, words: WordPositions) -> set[int]:
        """Where `org_re` may match (a superset): the first word of an organisation whose inner words are
        all words of the text (`NormalizedText.words`). `words`: as for `_head_candidates`."""
        return words.union({first for first, inner in self.org_words if inner <= doc.norm.words})

    def _head_candidates(self, doc: Doc, words: WordPositions) -> set[int]:
        """Where `title_re` may match (a superset): a whole first word of a head at a word start,
        followed by a word that may come next in a head (words compared as lower-case letter runs).
        `words`: the positions of words in `doc.lower`, shared with the patterns (`Doc.words`)."""
        # Letter runs of the text: the distinct whitespace-separated words (`NormalizedText.words`),
        # and the runs inside those holding other characters (among `NormalizedText.odd_words`; a word
        # of letters alone is its own run). Only first words found among them, with a word that may
        # follow, are looked for (a str.find scan of the text per word is the cost).
        text, tokens = doc.text, doc.norm.words
        pieces = set(_LETTERS.findall(" ".join(doc.norm.odd_words)))
        starts: set[int] = set()
        for word in self.head_words.intersection(tokens) | self.head_words.intersection(pieces):
            follow = self.head_follow[word]
            if follow is not None and follow.isdisjoint(tokens) and follow.isdisjoint(pieces):
                continue
            size = len(word)
            for at in words.of(word):
                end = at + size
                if (at and _is_letter(text[at - 1])) or (end < len(text) and _is_letter(text[end])):
                    continue
                if follow is None or _next_letters(words.lower, end) in follow:
                    starts.add(at)
        return starts


class TitleScan:
    """One article's title heads and clause delimiters (sorted), and the title readings over them."""

    def __init__(
        self,
        titles: Titles,
        doc: Doc,
        heads: list[regex.Match[str]],
        delims: tuple[list[int], list[int]],
        newlines: list[int],
        orgs: list[tuple[int, int]],
        sites: set[int] | None,
    ) -> None:
        self.t, self.doc, self.text, self.heads = titles, doc, doc.text, heads
        self.head_starts = [m.start() for m in heads]
        (self.delims, self.dends), self.newlines = delims, newlines
        self.orgs = orgs  # the spans of names holding punctuation (`orgs_with_punct`)
        self.sites = sites  # where a head may open (`Titles._head_candidates`); None: anywhere

    def head_match(self, pos: int) -> regex.Match[str] | None:
        """`title_re.match` at `pos`, not tried where the scan found that no head can open."""
        if self.sites is not None and pos not in self.sites:
            return None
        return self.t.title_re.match(self.text, pos)

    def as_written(self, titles: list[str], start: int, end: int) -> list[str]:
        """`titles` of the name at text[start:end] with the article's own dashes and quotes ("Sở Văn
        hóa – Thể thao", "Đắk R’lấp"; titles are read on the normalised copy): each taken where it
        occurs nearest the name, before or after it; one found nowhere (a line break made a space) or
        written with another length stays as it is. A title is a value: a run of spaces in it is one."""
        norm, text = self.doc.norm, self.text
        if norm.original == text:
            return [" ".join(title.split()) for title in titles]
        out = []
        for title in titles:
            before, after = text.rfind(title, 0, start), text.find(title, end)
            at = before if after < 0 or (before >= 0 and start - before <= after - end) else after
            if at < 0:
                out.append(title)
                continue
            a, b = norm.span_to_original(at, at + len(title))
            written = norm.original[a:b]
            if len(written) != len(title):
                out.append(title)
                continue
            # dashes and quotes as written; letters as normalised ("Thành uỷ" → "Thành ủy")
            out.append("".join(w if t in _REWRITTEN else t for t, w in zip(title, written, strict=True)))
        return [" ".join(title.split()) for title in out]

    def head_at(self, pos: int) -> regex.Match[str] | None:
        """The head that starts at `pos`, if any."""
        k = bisect_left(self.head_starts, pos)
        return self.heads[k] if k < len(self.heads) and self.head_starts[k] == pos else None

    def head_from(self, lo: int) -> regex.Match[str] | None:
        """The first head starting at or after `lo`."""
        k = bisect_left(self.head_starts, lo)
        return self.heads[k] if k < len(self.heads) else None

    def clause_start(self, pos: int) -> int:
        k = bisect_left(self.delims, pos) - 1
        j = bisect_left(self.newlines, pos) - 1
        line_start = self.newlines[j] + 1 if j >= 0 else 0
        return max(self.dends[k] if k >= 0 else 0, line_start)

    def direct_head(self, lo: int, pos: int) -> regex.Match[str] | None:
        """The title head that ends right before `pos` (only spaces between), if any."""
        k = bisect_right(self.head_starts, pos) - 1
        while k >= 0 and self.heads[k].start() >= lo:
            h = self.heads[k]
            if h.end() <= pos:
                return h if not self.text[h.end() : pos].strip() else None
            k -= 1
        return None

    def pre_title(self, lo: int, name_start: int) -> PreTitle:
        """The title in text[lo:name_start]: from the earliest head whose complement is clean."""
        t, text = self.t, self.text
        k = bisect_left(self.head_starts, lo)
        handed = False
        while k < len(self.heads) and self.heads[k].end() <= name_start:
            h = self.heads[k]
            k += 1
            complement = text[h.end() : name_start]
            if _COORD_NOUN.match(complement):
                continue  # "nghệ sĩ và khán giả ... Danh hài A": a plural noun, no title
            if self._stopped(h.end(), name_start) or len(complement.split()) > t.max_complement:
                continue
            if last_word_ends(complement, t.conj_ends) and t.conj_end.search(complement):
                continue  # "A, nguyên Giám đốc và ông B": the title is A's
            if _examples_of(text[h.start() : name_start]):
                continue  # "nhiều họa sĩ nổi tiếng như A, B": examples of a class, no title
            if any(
                h2.start() > h.end()
                and h2.end() <= name_start
                and (
                    _hands_over(text, h.end(), h2.start())
                    or self._handover_at(h.end(), h2.start()) is not None
                )
                for h2 in self.heads[k : k + 4]
            ):
                # "Cố vấn của Tổng thống Donald Trump", "Thủ tướng quay sang Bí thư Tỉnh ủy A",
                # "Thị trưởng thành phố Seoul mời Chủ tịch UBND ... A": the person holds the later title.
                handed = True
                continue
            # "Luật sư (LS) A": the head's own abbreviation is no part of the title
            title = text[h.start() : h.end() if _ABBR_BRACKET.fullmatch(complement.rstrip()) else name_start]
            hon = t.hon_end.search(title) if last_word_ends(title, t.hon_ends) else None
            if (
                hon is not None
                and hon.group().islower()  # "Giám đốc Sở ông A"; "Anh" is England
                and not title.rstrip().lower().endswith(t.hon_compounds)  # "Vụ Sức khỏe Bà mẹ - Trẻ em A"
            ):
                title = title[: hon.start()]
            return PreTitle(clean(title) or None, handed)
        return PreTitle(None, handed)

    def title_before(self, lo: int, name_start: int) -> str | None:
        """The title read before a name found by its own shape (`pre_title`), if its head is no
        interlocutor's, it is a bare head or a capitalised word is in its complement, and no
        preposition or word of `chain_openers` in it comes before a lower-case word or the name ("Đại
        sứ Mỹ tại Hà Nội A", "nhà lãnh đạo A"; not "cố vấn của A", "tướng mới cho A", "nghệ sĩ nổi
        tiếng như A", "Á hậu xinh đẹp A")."""
        title, handed_over = self.pre_title(lo, name_start)
        if title is None or handed_over:
            return None
        at = self.text.rfind(title, lo, name_start)
        head = self.head_match(at) if at >= 0 else None
        if head is None or self.t.interlocutor_re.match(self.text, at) is not None:
            return None
        words = self.text[head.end() : at + len(title)].split()
        if words and not any(w[0].isupper() or w[0].isdigit() for w in words):
            return None  # "vị Giám đốc gây tranh cãi A", "nàng Á hậu xinh đẹp A": a description
        for k, word in enumerate(words):
            if word.lower() in self.t.function_words and (k + 1 == len(words) or words[k + 1][0].islower()):
                return None
        return title

    def verb_before(self, lo: int, at: int) -> bool:
        """Whether text[lo:at] ends with a clause verb of `title_stops` ("chỉ định", "gặp"): a title head
        at `at` then opens the chain ("A chỉ định Tỉnh trưởng tỉnh X, B, làm ...": B's title)."""
        verbs = list(self.t.stop_re.finditer(self.text, lo, at))
        return bool(verbs) and not self.text[verbs[-1].end() : at].strip()

    def _stopped(self, lo: int, hi: int) -> bool:
        """Whether a clause verb of `title_stops` lies in a title's complement text[lo:hi] that a name or
        a comma follows; a demonstrative ending it after a unit of `demonstrated_units` is part of the
        title ("Ngoại trưởng nước này A", "Tổng thống nước này, bà A"; not "... thời điểm này, A")."""
        last = _LETTERS_BACK.search(self.text, lo, hi)
        if (
            last is not None
            and last.group() in self.t.demonstratives
            and not self.text[last.end() : hi].strip()
        ):
            before = " " + " ".join(self.text[lo : last.start()].lower().split())
            if any(before.endswith(" " + unit) for unit in self.t.demonstrated_units):
                hi = last.start()
        return self.t.stop_re.search(self.text, lo, hi) is not None

    def _handover_at(self, a: int, b: int) -> int | None:
        """Where the words between two title heads end the first title (`tail_end`: "... Seoul mời"),
        or None; never at "kiêm" ("Bí thư Quận ủy kiêm Chủ tịch ...": one person's two titles)."""
        return None if _JOINT.search(self.text, a, b) else self.tail_end(a, b)

    def tail_end(self, lo: int, hi: int, head: int | None = None, long: bool = False) -> int | None:
        """Where a title read over text[lo:hi] (after its head) must end, or None: after its last
        capitalised word or number, lower-case words go on only while tagged `title_tail_tags` (or
        `title_org_tail_tags` after a common noun, not after an administrative unit: "huyện vào") or
        listed in `title_demonstratives`; a word of `title_breakers` opens a new sentence ("...
        Hoàng Mai Trước đây ..."). The tagger also sees the clause's next words (for context only).
        With the `head`'s start, lower-case words alone after it that hold an administrative unit are
        read from the head's capitalised words ("Trưởng Công an quận thường xuyên chỉ đạo" ends at
        "quận"), unless "kiêm" joins a second post; so are they when the title is `long` (over the cap)."""
        t, text = self.t, self.text
        last: regex.Match[str] | None = None
        run_start = lo  # of the capitalised run holding `last`: the tagger sees the whole name
        if (
            head is not None
            and not _UPPER.search(text, lo, hi)
            and not _JOINT.search(text, lo, hi)
            and (long or any(w.group() in t.admin for w in _WORD.finditer(text, lo, hi)))
        ):
            lo = head
        for w in _WORD.finditer(text, lo, hi):
            if w.group() in t.breakers or any(
                text.startswith(pair, w.start()) for pair in t.breaker_pairs.get(w.group(), ())
            ):
                cut: int = last.end() if last is not None else w.start()
                return cut
            # a word inside a name holding punctuation ends no title ("Cục Quản lý Khám, chữa bệnh")
            if w.group()[0].isupper() or w.group()[0].isdigit() or overlaps(self.orgs, w.start(), w.end()):
                if last is None or text[last.end() : w.start()] != " ":
                    run_start = w.start()
                last = w
        if last is None or _WORD.search(text, last.end(), hi) is None:
            return None
        end: int = last.end()
        tags, org = t.tail_tags, False
        context = _CONTEXT.match(text, hi)
        for tok in pos_window(self.doc, run_start, context.end() if context is not None else hi):
            if tok.end > hi:  # the clause's words after it; one running across `hi` is no part of it
                return end if tok.start < hi else None
            if tok.start < last.end():
                if tok.end >= last.end():  # the word holding the last capitalised syllable
                    end = tok.end
                    org = tok.tag not in t.name_tags and not long  # a long one: nouns only
                    if org:
                        tags = t.org_tail_tags  # "Công ty vận tải thủy"
                continue
            low = tok.text.lower()
            if tok.tag not in tags and low not in t.demonstratives and not (org and low in t.org_tail_words):
                return end
            if low in t.admin:
                tags, org = t.tail_tags, False  # "Sở Tài chính huyện": a place or nothing follows
            end = tok.end
        return None

    def chain(self, clause_start: int, floor: int, objects: bool = True, name_start: int = -1) -> list[str]:
        """Titles in the comma-separated segments just before a clause: "Ủy viên Bộ Chính trị, ...";
        without `objects`, not from a segment opened by "với"/"cùng" ("trao đổi với phóng viên Báo X,
        ông A": the reporter is someone else); a title after a word of `appositive_openers` only when
        the clause opens with the name at `name_start` ("là Chủ tịch X, ông A"; not "B là Chủ tịch X,
        còn ông A")."""
        t, text = self.t, self.text
        titles: list[str] = []
        end = clause_start - 1
        spoken = not objects and t.hon_open.match(text, clause_start) is not None
        lead_re = t.speaker_lead if spoken else t.chain_lead
        while end > floor and end > 0 and text[end] in ",-":
            abbr = None if objects else _ABBR_END.search(text, max(0, end - 16), end)
            if abbr is not None:  # "Chủ tịch Ngân hàng Thế giới (WB), ông A": the bracket is left out
                end = abbr.start()  # (not before a title: "ông A, Chủ tịch X (Y), Thủ tướng B")
            seg_start = self.clause_start(end)
            if not objects and _WITH_BEFORE.search(text, max(0, seg_start - 8), seg_start):
                break
            # the segment holds the name before: only a head after a verb that follows that name opens
            # the chain ("Tổng Bí thư A đã tiếp Ủy viên Bộ Chính trị, Thủ tướng Lào B")
            clipped = seg_start < floor
            seg_start = max(seg_start, floor)
            seg = text[seg_start:end]
            lead = lead_re.match(seg.lstrip())
            offset = seg_start + (len(seg) - len(seg.lstrip())) + (lead.end() if lead else 0)
            h = None if clipped else self.head_match(offset)
            if h is None or h.end() > end or self._stopped(h.end(), end):
                # "... chào đón Phó Thủ tướng, Bộ trưởng A", "nhận định của Tiến sỹ, Luật sư A", "như
                # Giáo sư, Tiến sỹ A": the first head after the segment's last verb, right after it
                # or after lower-case words ending in a word of `chain_openers` (or of `prepositions`
                # before a bare head); not before "ông A" ("trả lời phóng viên, ông A": someone else),
                # nor from a head of `interlocutor_heads` ("trao đổi với phóng viên, TS A": A is not one)
                verbs = list(t.stop_re.finditer(text, offset, end)) if objects else []
                lo = verbs[-1].end() if verbs else offset
                h = self.head_from(lo) if objects and (verbs or not clipped) else None
                if (
                    h is None
                    or h.end() > end
                    or self._stopped(h.end(), end)
                    or not self._opens_chain(lo, h.start(), bare=not text[h.end() : end].strip())
                ):
                    # "là Phó chủ tịch X, ông A", "do chủ tịch UBND tỉnh X, A ký": the title opened by a
                    # word of `appositive_openers` that runs to the name's clause
                    opened = not titles and t.name_lead.fullmatch(text, clause_start, name_start) is not None
                    h = self._opened_head(offset, end) if opened else None
                    if h is None:
                        break
            if len(text[h.end() : end].split()) > t.max_complement or (
                t.interlocutor_re.match(text, h.start()) is not None
                and (h.start() > offset or _WITH_BEFORE.search(text, max(0, seg_start - 8), seg_start))
            ):
                break
            titles.insert(0, clean(text[h.start() : end]))
            if h.start() > offset:  # the chain began after a verb
                break
            end = seg_start - 1
        return titles

    def _opened_head(self, lo: int, end: int) -> regex.Match[str] | None:
        """The last head in text[lo:end] right after a word of `appositive_openers` whose complement,
        free of clause verbs, runs to `end`."""
        k = bisect_right(self.head_starts, end) - 1
        while k >= 0 and self.heads[k].start() >= lo:
            h = self.heads[k]
            k -= 1
            if h.end() <= end and self.t.appositive_before(self.text, lo, h.start()):
                return None if self._stopped(h.end(), end) else h
        return None

    def _opens_chain(self, lo: int, head: int, bare: bool) -> bool:
        """Whether the words in text[lo:head] let the head there open a chain: none, or lower-case ones
        ending in a word of `chain_openers` ("như Giáo sư"), or of `prepositions` before a bare head
        ("nhận định của Tiến sỹ"), not "ý kiến của 4 đồng chí Phó Chủ tịch UBND TP"."""
        gap = self.text[lo:head].split()
        if not gap:
            return True
        if len(gap) == 1 and gap[0] in self.t.speaker_openers:
            return True  # "Theo PGS, TS A"
        if _UPPER.search(self.text, lo, head):
            return False
        last = gap[-1].lower()
        return last in self.t.chain_openers or (bare and last in self.t.prepositions)

    def post_titles(self, pos: int, next_name: int) -> list[str]:
        """Titles after a name ending at `pos`: ", Giám đốc Sở ...", " - Chủ tịch ...", "(Phó ...)"."""
        t, text = self.t, self.text
        titles: list[str] = []
        second: regex.Match[str] | None = None  # a second post's head after "và là"
        while True:
            h = second
            second = None
            if h is None:
                if not _opens_aside(text, pos):
                    break
                op = t.opener.match(text, pos)
                if op is None or "\n" in text[pos : op.end()]:
                    break
                h = self.head_match(op.end())
            if h is None:
                # "..., Trưởng Bộ môn X, trường Đại học Y, Trưởng khoa Z": a unit's segment before a
                # title is skipped
                h = self._after_unit(op.end(), next_name)
            if h is None or _SUBJECT.match(text, h.end()):
                break
            k = bisect_right(self.delims, h.end() - 1)
            end = self.delims[k] if k < len(self.delims) else len(text)
            abbr = _ABBR_BRACKET.search(text, h.end(), end)
            if abbr is not None:
                # "..., Chủ tịch Phòng Thương mại và Công nghiệp Việt Nam (VCCI)": the abbreviation after
                # a title that follows the name is no part of it, unless the unit's name goes on after
                # it, up to its capitalised words ("Chủ tịch Hội đồng quản trị (HĐQT) Tổng Công ty X
                # liên quan ...": "... Tổng Công ty X"; "... (JETRO) tại Việt Nam")
                on = t.abbr_goes_on.match(text, abbr.end(), end)
                if on is None and abbr.end() < next_name <= end and not text[abbr.end() : next_name].strip():
                    break  # "Sau A, cựu Giám đốc Cục X (FBI) B được ...": the title is B's
                end = abbr.start() if on is None else on.end()
            parent = t.parent_re.search(text, h.end(), end)
            if parent is not None:  # "..., Trưởng phòng X (Sở Y) Hà Nội cho biết": a parent body's
                end = parent.start()  # bracket ends a title after a name
            while text[end : end + 1] == "-" and not t.stop_re.search(text, h.end(), end):
                org_end = self._org_after_dash(end, next_name)  # "Viện Huyết học - Truyền máu Trung ương"
                if org_end is None:
                    break
                end = org_end
            end = self._kiem_after_comma(end, next_name)
            stop = t.stop_re.search(text, h.end(), end)
            stopped = stop is not None
            if (
                stop is not None
                and titles
                and not text[h.end() : stop.start()].strip()
                and t.leader_head.fullmatch(h.group()) is not None
                and stop.group() not in t.speech_verbs
            ):
                # "A, Phó Thống đốc X, Thủ tướng giao ...": a bare leader's head before a verb is its
                # subject (not before a verb of saying: "A, Phó Bí thư, Chủ tịch cho biết")
                break
            if stop is not None:
                # "Giám đốc BV này lại ...": a demonstrative after the complement belongs to it
                kept = stop.group() in t.demonstratives and text[h.end() : stop.start()].strip()
                end = stop.end() if kept else stop.start()
            if next_name < end:
                # "A, nguyên Giám đốc và ông B": the title ends at the conjunction; without one the
                # words belong to the next person ("Thủ tướng A, Chủ tịch Quốc hội B").
                # "A, Thị trưởng ... Seoul mời Chủ tịch ... B": a verb before the next head ends it.
                between = text[h.end() : next_name]
                conj = (
                    t.conj_end.search(text, h.end(), next_name)
                    if last_word_ends(between, t.conj_ends)
                    else None
                )
                h2 = self.head_from(h.end())
                if conj is not None:
                    cut_at: int | None = conj.start()
                elif h2 is not None and h2.end() <= next_name:
                    cut_at = self._handover_at(h.end(), h2.start())
                else:
                    cut_at = None
                if cut_at is None:
                    break
                end, stopped = cut_at, True
            # a lower-case complement running past the length cap into a clause is read as one
            # holding an administrative unit ("Hiệu trưởng nhà trường xin nhận ...": "... nhà trường")
            long = len(text[h.start() : end].split()) > t.max_title
            cut = self.tail_end(h.end(), end, h.start(), long)
            if cut is not None:  # "... Công ty Luật TNHH Vietthink một số vấn đề": ends at the name
                end, stopped = cut, True
            # A title that ends at a clause verb may be long (a steering committee's full name).
            limit = t.max_title * (2 if stopped else 1)
            parts = t.joint_posts(text[h.start() : end])
            titles.extend(filter(None, (_cap_length(part, limit) for part in parts)))
            if stop is not None and stop.group() == "là":
                also = _AND_IS.search(text, max(h.end(), stop.start() - 16), stop.start())
                if also is not None and end in (stop.start(), also.start()):
                    # "..., Tư lệnh X và là Tư lệnh tối cao của NATO": a second post of the same person
                    second = self.head_match(stop.end() + 1)
                    if second is not None and second.end() <= next_name:
                        continue
                    second = None
            if not stopped and (second := self._joint_post(end, next_name)) is not None:
                continue
            if stopped or end >= len(text) or text[end] not in ",-;":
                break
            pos = end
        if titles and t.plural_after.match(text, end) is not None:
            return []  # "A, Viện trưởng X, Bộ trưởng Y đều nói": the titles are other subjects'
        return titles

    def _joint_post(self, end: int, next_name: int) -> regex.Match[str] | None:
        """The head of a second post joined by "và" to a title ending at `end` ("A, cố vấn cấp cao và
        giám đốc khu vực X nói"), when a clause verb follows it in its clause, before the next name: the same person's
        (not "A - Chủ tịch tỉnh và Thiếu tướng B")."""
        join = self.t.and_head.match(self.text, end)
        if join is None or not join.group().startswith("và"):
            return None
        second = self.head_match(join.end())
        if second is None or second.end() >= next_name:
            return None
        k = bisect_right(self.delims, second.end() - 1)
        clause_end = min(self.delims[k] if k < len(self.delims) else len(self.text), next_name)
        return second if self.t.stop_re.search(self.text, second.end(), clause_end) is not None else None

    def _after_unit(self, at: int, next_name: int) -> regex.Match[str] | None:
        """The title head opening the segment after the one at `at`, when that one names a unit
        (`title_unit_segments`: "trường Đại học Y", "đoàn ĐBQH thành phố X") and holds no clause verb."""
        t, text = self.t, self.text
        if t.unit_segment.match(text, at) is None:
            return None
        k = bisect_right(self.delims, at)
        end = self.delims[k] if k < len(self.delims) else len(text)
        if end >= next_name or text[end : end + 2] != ", " or t.stop_re.search(text, at, end) is not None:
            return None
        return self.head_match(end + 2)

    def _org_after_dash(self, dash: int, next_name: int) -> int | None:
        """The clause end after a spaced dash inside a title when a capitalised word that opens no
        title head, credit or next name follows it ("Viện Huyết học - Truyền máu Trung ương", "Trung tâm
        X - Cục Môi trường TP Kitakyushu"), else None; not before a parent body or place of
        `title_dash_parents` ("Viện X - Trường Đại học Y": the title ends before the dash)."""
        w = _WORD.search(self.text, dash + 1, min(len(self.text), dash + 40))
        if (
            w is None
            or self.text[dash + 1 : w.start()].strip()
            or not w.group()[0].isupper()
            or w.group() in self.t.breakers
            or self.head_at(w.start()) is not None
            or w.start() >= next_name
            or self.t.dash_parent.match(self.text, w.start()) is not None
        ):
            return None
        k = bisect_right(self.delims, w.start())
        end = self.delims[k] if k < len(self.delims) else len(self.text)
        return end if end <= next_name else None

    def _kiem_after_comma(self, end: int, next_name: int) -> int:
        """Where a title right before ", kiêm ..." ends when no title head follows "kiêm" (the opener
        reads ", kiêm Chủ tịch ..." as a title of its own): the post held jointly is part of the reading,
        up to the clause end or verb ("Trưởng phòng X, kiêm quản lý Y cũng ...": one title); `end` when
        a verb follows "kiêm" at once ("kiêm giữ chức")."""
        m = _COMMA_KIEM.match(self.text, end)
        if m is None or self.head_match(m.end()) is not None:
            return end
        k = bisect_right(self.delims, m.end())
        nxt = self.delims[k] if k < len(self.delims) else len(self.text)
        stop = self.t.stop_re.search(self.text, m.end(), nxt)
        if stop is not None:
            nxt = stop.start() if self.text[m.end() : stop.start()].strip() else end
        return end if nxt > next_name else nxt


def overlaps(taken: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) overlaps a span of the sorted, non-overlapping `taken`."""
    i = bisect_left(taken, (end, end))
    return i > 0 and taken[i - 1][1] > start


def _examples_of(title: str) -> bool:
    """Whether `title` (from its head to the name) ends with the list's "như" and has no capitalised word:
    a class the names are examples of ("họa sĩ nổi tiếng như A"), not a post they share ("mấy nguyên ủy
    viên Trung ương như A", "các Phó Thủ tướng như A")."""
    words = title.split()
    return len(words) > 1 and words[-1] == _LIST_OPENER.strip() and not any(w[0].isupper() for w in words)


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted spans with the overlapping ones joined."""
    out: list[tuple[int, int]] = []
    for a, b in spans:
        if out and a < out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def clean(s: str) -> str:
    """Spaces as written ("Ngoại trưởng  Nga"), a line break made a space, no delimiter or conjunction
    at the ends ("Bí thư Tỉnh ủy và" before a verb); an abbreviation in brackets ending it is no part of
    it ("Giám đốc Sở Giáo dục và Đào tạo (GD&ĐT)" → "Giám đốc Sở Giáo dục và Đào tạo": the gold's ruling
    of 2026-12-01 on brackets after a title), nor is a parent body's bracket ("Viện X (Bộ Y)" → "Viện X")."""
    # (each pattern only where its cheap test passes: a line break, a last conjunction, a bracket)
    trimmed = (_LINE_BREAK.sub(" ", s) if "\n" in s else s).strip(_TRIM)
    if trimmed.endswith(_CONJUNCTIONS):
        trimmed = _TRAIL_CONJ.sub("", trimmed).strip(_TRIM)
    if trimmed.endswith(_LIST_OPENER):  # "mấy nguyên ủy viên Trung ương như A, B": the list's "như"
        trimmed = trimmed.removesuffix(_LIST_OPENER).rstrip(_TRIM)
    tail = _BRACKET_TAIL.search(trimmed) if "(" in trimmed else None
    return trimmed[: tail.start()].rstrip(_TRIM) if tail is not None and tail.start() > 0 else trimmed


def letters(word: str) -> str:
    """The letters `word` opens with ("gs.ts" → "gs")."""
    m = _LETTERS.match(word)
    return m.group() if m else ""


def _join_candidates(lower: str, head_at: set[int]) -> Iterator[int]:
    """Where `and_head` may match (a superset): "và", "cùng", "với" or "cùng với" before a possible
    title head, only letter-less text between (each head's look-back, instead of a scan of the text for
    the three words: "và" is frequent). The words may end a longer letter run, as `str.find` finds them."""
    for h in head_at:
        run = _LETTERS_BACK.search(lower, 0, h)  # the letter run nearest before the head
        if run is None or _LETTERS.match(lower, h) is None:
            continue
        end = run.end()
        for word in _CONJUNCTIONS:
            if lower.endswith(word, 0, end):
                yield end - len(word)
        if lower.endswith("với", 0, end):  # "cùng với": glued ("cùngvới"), or the run before "với"
            at = end - 3
            if at > run.start():
                if lower.endswith("cùng", 0, at):
                    yield at - 4
            elif (before := _LETTERS_BACK.search(lower, 0, at)) is not None and lower.endswith(
                "cùng", 0, before.end()
            ):
                yield before.end() - 4


def _hands_over(text: str, a: int, b: int) -> bool:
    """Whether the words between two title heads hand the name over to the second one: only
    lower-case words (no organisation name), not "kiêm" ("Phó Chủ tịch kiêm Giám đốc" is one)."""
    between = text[a:b].split()
    if not between or "kiêm" in between:
        return False
    return between[-1] == "của" or all(w.islower() for w in between)


def _next_letters(text: str, at: int) -> str:
    """The first letter run at or after `at` (`_LETTERS`), "" when none: a word of letters alone after
    one space is read without the regex."""
    if text[at : at + 1] == " ":
        stop = text.find(" ", at + 1)
        word = text[at + 1 : stop] if stop >= 0 else text[at + 1 :]
        if word.isalpha():
            return word
    nxt = _LETTERS.search(text, at)
    return nxt.group() if nxt is not None else ""


def _opens_aside(text: str, pos: int) -> bool:
    """Whether a comma, a dash or a bracket is the first character after the spaces at `pos`: where
    `title_opener` may match (its costly alternations are tried nowhere else)."""
    while text[pos : pos + 1].isspace():
        pos += 1
    return text[pos : pos + 1] in ("(", ",", "-")


def last_word_ends(text: str, ends: tuple[str, ...]) -> bool:
    """Whether the last whitespace-separated word of `text`, case-folded, ends with one of `ends`: a
    case-insensitive pattern ending in a word of `ends` and trailing spaces matches no other text."""
    words = text.rsplit(None, 1)
    return bool(words) and words[-1].casefold().endswith(ends)


def _cap_length(title: str, limit: int) -> str:
    words = title.split()
    if len(words) > limit:
        words = words[:limit]
        while words and not words[-1][:1].isupper():
            words.pop()
    return clean(" ".join(words))


def _is_letter(ch: str) -> bool:
    # No combining mark lies below U+0300: spaces and punctuation skip the category look-up.
    return ch.isalpha() or (ch >= "\u0300" and unicodedata.category(ch).startswith("M"))


def _complete_heads(titles: list[str], self_named: list[str]) -> frozenset[str]:
    """Title heads (case-folded) that name their organisation: those of `self_named` ("Ngoại trưởng",
    "Tổng Bí thư"), and heads made of a shorter head and capitalised words ("Chủ tịch HĐQT", "Bộ trưởng
    Quốc phòng", "Ủy viên Bộ Chính trị")."""
    heads = set(titles)
    complete = {w.casefold() for w in self_named}
    for w in titles:
        words = w.split()
        if any(" ".join(words[:i]) in heads and words[i][:1].isupper() for i in range(1, len(words))):
            complete.add(w.casefold())
    return frozenset(complete)


def _head_follow(titles: list[str], modifiers: list[str]) -> dict[str, frozenset[str] | None]:
    """For each first word of a title head (its opening letters, lower case), the words that may
    come next in a head (their opening letters), or None when anything may."""
    firsts = {letters(w.split()[0].lower()) for w in titles + modifiers}
    follow: dict[str, set[str] | None] = {}
    for w, is_modifier in [(t, False) for t in titles] + [(m, True) for m in modifiers]:
        parts = w.lower().split()
        first = letters(parts[0])
        nxt: set[str] | None
        if first != parts[0] or (len(parts) == 1 and not is_modifier):
            nxt = None
        elif len(parts) == 1:
            nxt = firsts  # after a modifier: another modifier or a title
        else:
            nxt = {letters(parts[1])} if letters(parts[1]) else None
        seen = follow.get(first, set())
        follow[first] = None if seen is None or nxt is None else seen | nxt
    return {w: None if f is None else frozenset(f) for w, f in follow.items()}
