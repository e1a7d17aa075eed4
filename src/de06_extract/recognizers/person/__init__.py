"""Person recognizer: names anchored by titles, honorifics and name structure, with their titles.

Every run of capitalised syllables is a possible name. What stands before the run decides: a title
head from the `person` pack earlier in the same clause ("Bộ trưởng Bộ Công an Tô Lâm"), an honorific
or role noun right before it ("đồng chí", "bị cáo"), the same full name anchored elsewhere in the
article, or (weaker) Vietnamese name structure alone (3-4 syllables opening with a common surname).
Places, landmarks and things named after people ("đường Phạm Văn Đồng") are peeled off or refused.
Titles after the name follow ", " / " - " / "(" and start with a title head.

The concerns live in their own modules: `titles` (title heads, clauses, titles before and after a
name), `anchors` (honorifics and the left-context words that refuse a run), `shape` (where the name
starts in a run, Vietnamese and foreign names); this module drives the two passes.
"""

from __future__ import annotations

from bisect import bisect_left, insort
from collections import Counter
from collections.abc import Set
from dataclasses import dataclass, field
from functools import partial
from itertools import pairwise
from typing import TYPE_CHECKING

import regex
from pydantic import Field

from ... import underthesea_adapter
from ...document import Doc
from ...normalize import title_case
from ...rulepacks import CompiledPattern, RulePack, Settings, kept_regex, occurrences
from ..base import Candidate, Recognizer, handles
from .anchors import SENTENCE_BREAK, Anchors, LeftContext
from .known import KNOWN_PACK, Register
from .namemodel import Unanchored, name_model
from .propagate import ArticleView, Known, Propagation
from .shape import NEXT_LOWER, NameShape, Word, one_spelling, person_key, quoted, repeats, sole_most
from .teams import Teams
from .titles import Titles, TitleScan, last_word_ends, overlaps
from .vote import NerVote, VoteLimits, whole_words

if TYPE_CHECKING:
    from ..services import Services

_INITIAL_AFTER = kept_regex(r"[ ]\p{Lu}\.[ ]?\p{Lu}")
# an abbreviation opening a bracket after a capitalised word: "... Thương Tín (" before "Sacombank"
_ABBR_AFTER_NAME = kept_regex(r"\p{Lu}[\p{L}\p{M}]*+[ ]\($")
# Initials glued to a transcribed foreign surname: "Ph.Tim-mơ-man", "V.I.Lê-nin".
_INITIALS = kept_regex(r"(?<![\p{L}\p{M}\p{N}.])(?:\p{Lu}\p{Ll}?+\.){1,3}+$")
# The glued initials opening a name ("F." of "F.Hollande"; none: the empty match).
_INITIALS_OPEN = kept_regex(r"(?:\p{Lu}\p{Ll}?+\.){0,3}+")
# What may follow a one-word Vietnamese name: a punctuation mark, a line end or " và ".
_NAME_END = kept_regex(r"[ ]?+[,.;:!?)\]\"”’'\n]|[ ]và[ ]|$")
# An initial standing for the last word of an anonymised name ("Lê Bá V.", "Nguyễn Văn H (SN 1990)",
# "Phạm Duy T, ..."): the syllables before it are no name of their own.
_INITIAL_END = kept_regex(r"[ ][A-ZĐ](?:\.|(?=[ ]\p{Ll}|[ ]?+[,;:()\n]|$))")
# A leading initial before a foreign given name opening a name found: "J. Edgar Hoover", "F. Scott".
_LEADING_INITIAL = kept_regex(r"(?<![\p{L}\p{M}\p{N}.])\p{Lu}\.[ ]$")
# A regnal numeral after a foreign name: "Nữ hoàng Elizabeth II", "Nhà vua George VI"; one of two or
# more letters may end a sentence ("... Felipe VI."), a one-letter one is no initial ("V. Putin").
_REGNAL = kept_regex(
    r"[ ](?:(?:I{2,3}|IV|VI{1,3}|IX|XI{1,3}|XIV|XV|XVI{1,3})(?![\p{L}\p{M}\p{N}])|[IVX](?![\p{L}\p{M}\p{N}.]))"
)
# A middle initial (or two) and the surname after a given name ending a run: "George W. Bush", "George
# H.W. Bush", "Wilbur L. Ross Jr".
_LATIN_GIVEN = kept_regex(r"[A-Z][a-z]{2,}+")
_LOWER_BEFORE = kept_regex(r"[\p{Ll}\p{M}][ ]$")
_MIDDLE_INITIAL = kept_regex(
    r"[ ]\p{Lu}\.(?:(?:\p{Lu}\.)?+[ ]|(?=\p{Lu}\p{Ll}))(?P<surname>\p{Lu}[\p{Ll}\p{M}]++(?:-?+\p{Lu}?[\p{Ll}\p{M}]++)*+)(?![\p{L}\p{M}])"
    r"(?:[ ](?:Jr|Sr)(?![\p{L}\p{M}]))?+"
)
# Right after a run: a punctuation mark or a bracket. A sentence opener of `run_breakers` ending a run
# there opens nothing: it is the name's last word ("Lầu Nênh Và, bản ...", "Nguyễn Đức Tuy.").
# How far before a name a title that addresses a given name alone is looked for (`_addressed_at`).
_ADDRESS_WINDOW = 30
_RUN_END = kept_regex(r"[,.;)]|[ ]\(")
# What may follow a full name written as a whole name: no letter nor a capitalised word glued on.
_WHOLE_NAME_END = kept_regex(r"(?![\p{L}\p{M}\p{N}]|[ ]\p{Lu})")
# A comma and a one-word honorific right before a name ("..., ông Jim Yong Kim").
_COMMA_HON = kept_regex(r",[ ]\p{Ll}++[ ]$")
# Two names glued by a hyphen with no space, a capital after it ("Phan Thiết-Dầu Giây", "Bà Rịa-Vũng
# Tàu"): a road section or two places; a Vietnamese name holds no hyphen (`_glued_names` reads two
# persons glued so: "Rousseff-Temer").
_PLACE_PAIR = kept_regex(r"[\p{Ll}\p{M}]-\p{Lu}")
# A list after a plural title and a colon runs to the sentence's end, within this many characters.
_COLON_LIST_SPAN = 400
# Between two names sharing a plural title: ", " or " và ", after a bracketed note at most ("A (trái), B").
_SHARED_JOIN = kept_regex(r"(?:[ ]\([^()\n]{1,40}+\))?+(?:,[ ]|[ ]và[ ])")
# Between a plural title and the first name it is shared by: one character (a space, a colon), an
# abbreviation's bracket ("hai cựu Giám đốc Cục Tình báo Trung ương Mỹ (CIA) A và B") or "như" ("mấy
# nguyên ủy viên Trung ương như A, B").
_SHARED_GAP = kept_regex(r"[ ]\(\p{Lu}[\p{Lu}\p{N}&.-]{1,11}\)[ ]|[ ]như[ ]|[\s\S]")
# A spaced lower-case particle inside a run ("Simon van der Burg").
_SPACED_PARTICLE = kept_regex(r"[ ]\p{Ll}")
# Between two names listed together: ", ", " và ", " - " (an en dash is a hyphen once normalised).
_MATE = kept_regex(r"[ ]?+(?:,|-|và)[ ]")
# A title after a name set off by a comma or a dash ("Tom Price, Bộ trưởng ..."), not in brackets.
_APPOSITIVE = kept_regex(r"[ ]?+[,-][ ]")
_MATE_BEFORE = kept_regex(r"(?:[ ]?+,|[ ]-|[ ]và)[ ]$")
# A capitalised word and one or two lower-case ones right before a name: "Phạm thái " of "Phạm thái Dương".
_LOWER_MIDDLE = kept_regex(r"(?<![\p{L}\p{M}])\p{Lu}[\p{Ll}\p{M}]*+[ ](?:\p{Ll}[\p{Ll}\p{M}]*+[ ]){1,2}+$")
# A Vietnamese transcription in brackets right after a foreign name: "Oly Ilunga (Ô-li I-lun-ga)", each
# word capitalised syllables joined by hyphens (or one syllable), one hyphen at least.
_SYLLABLES = r"\p{Lu}[\p{Ll}\p{M}]*+(?:-\p{L}[\p{Ll}\p{M}]*+)*+"
_TRANSCRIPTION = kept_regex(
    r"[ ]\((?=[^()\n]*-)(?P<name>" + _SYLLABLES + r"(?:[ ]" + _SYLLABLES + r"){0,3}+)\)"
)
# Rules of names read with their anchor (and its chain of titles) in pass 1, and short forms.
_ANCHORED = frozenset({"title", "honorific", "given", "surname"})
# Rules whose names take the title read right before them when no anchor gave them one.
_TITLE_TAKERS = frozenset({"foreign", "known", "registered", "subject", "vote", "model"})
# A dash, or a capitalised word and a comma, right before a title: it follows a name.
_AFTER_NAME = kept_regex(r"(?:-|\p{Lu}[\p{L}\p{M}]*+[ ]?+,)[ ]*+$")
# One or two capitalised words between a spaced dash and a name ("Nhật - Việt A"), or none.
_DASH_TAIL = kept_regex(r"(?:[ ]\p{Lu}[\p{L}\p{M}]*+){0,2}+[ ]")
_EXPLANATIONS = {
    "title": "a name after a title head in the same clause",
    "honorific": "a full name right after an honorific or role noun",
    "known": "a full name already anchored elsewhere in the article",
    "bare": "3-4 capitalised syllables opening with a common surname",
    "foreign": "a foreign full name opening with a common foreign given name",
    "given": "the given name of a full name found in the article, used alone",
    "surname": "the surname of a foreign full name found in the article, used alone",
    "subject": "a repeated Vietnamese name, once the subject of a verb of saying",
    "famous": "a well-known figure's name that is also a place or street, in a person's context",
    "vote": "a repeated name without anchor that underthesea's NER model tags as a person",
    "model": "a two-syllable or foreign name the corpus name model finds name-like, repeated, listed or a speaker",
    "scorer": "a name before a match minute or a count of goals in brackets",
    "listed": "a name listed with a person found",
    "transcribed": "a foreign name's Vietnamese transcription in brackets after it",
    "registered": "a name of the register of public figures, in no thing's context",
    "glued": "a name glued by a hyphen to a person's name the article reads elsewhere",
}


class PersonSettings(Settings):
    score_title: float = Field(ge=0, le=1, description="A name after a title head in its clause.")
    score_honorific: float = Field(ge=0, le=1, description="A full name right after an honorific.")
    score_known: float = Field(ge=0, le=1, description="A name anchored elsewhere in the article.")
    score_bare: float = Field(ge=0, le=1, description="Name structure alone.")
    score_foreign: float = Field(ge=0, le=1, description="A foreign full name opening with a given name.")
    max_complement_words: int = Field(description="Longest stretch between a title head and its name.")
    max_title_words: int = Field(description="Longest title after a name (twice that when a verb ends it).")
    min_syllables: int = Field(description="Shortest Vietnamese name.")
    max_syllables: int = Field(description="Longest Vietnamese name.")
    min_bare_syllables: int = Field(description="Shortest name found by structure alone.")
    max_foreign_words: int = Field(description="Longest foreign name.")
    score_vote: float = Field(
        ge=0, le=1, description="A repeated unanchored name the NER model votes a person."
    )
    vote_sentences: int = Field(ge=1, description="Sentences run through the NER model per candidate name.")
    vote_budget: int = Field(
        ge=0, description="Sentences run through the NER model per article (0: no vote)."
    )
    vote_candidates: int = Field(
        ge=0, description="Candidate names examined per article, most mentioned first."
    )
    vote_window: int = Field(ge=20, description="Characters of a sentence kept on each side of the name.")
    vote_mentions: int = Field(ge=1, description="Mentions a candidate needs (a one-syllable name one more).")
    vote_full_mentions: int = Field(ge=1, description="Mentions a full Vietnamese name with a surname needs.")
    vote_single_words: bool = Field(description="Whether a one-word name (a given name alone) may be voted.")
    vote_window_before: int = Field(
        ge=0, description="Characters before a name searched for `vote_firm_words`."
    )
    model_threshold: float = Field(
        description="Log-odds of the name model above which a two-syllable run with no anchor is name-like."
    )
    model_single_threshold: float = Field(
        description="Log-odds above which a name-like run met once is a person as a speaker, subject or companion."
    )
    model_cued_threshold: float = Field(
        description="Log-odds above which a run is a person when the article cues it as one twice, or once after a role."
    )
    model_foreign_threshold: float = Field(
        description="Log-odds of the foreign name model above which a foreign run with no anchor is name-like."
    )
    model_register_names: int = Field(
        ge=1,
        description="Two-syllable names found in an article from which a name-like run met once inside a sentence is a person.",
    )
    model_surname_mentions: int = Field(
        ge=2,
        description="Mentions from which a full name opening with a weak surname and a name-like given name is a person.",
    )
    alone_given_names: bool = Field(
        description="Whether a Vietnamese given name used alone, of a full name found, is a person (pass 5)."
    )
    alone_foreign_surnames: bool = Field(
        description="Whether a foreign surname used alone, of a full name found, is a person (pass 5)."
    )
    known_keys: bool = Field(
        description="Whether a name the article does not name in full takes the register's key of public figures."
    )
    place_typo_min_letters: int = Field(
        ge=1, description="Shortest one-word place whose one-letter misspelling after a title is no name."
    )


@dataclass
class _Found:
    start: int
    end: int
    name: str
    rule: str
    score: float
    pre_titles: list[str] = field(default_factory=list)


@dataclass
class _Scratch:
    """One article's state: its title heads and clauses, left-context cache, runs and their words."""

    doc: Doc
    titles: TitleScan
    left: LeftContext
    runs: list[regex.Match[str]] = field(default_factory=list)
    spans: list[Word] = field(default_factory=list)  # each run's (start, end, text): no `Match` calls
    run_words: dict[int, list[Word]] = field(default_factory=dict)  # both passes ask
    suffixes: dict[int, Word] = field(default_factory=dict)  # a lower-case stage suffix at a position
    ended: frozenset[tuple[str, ...]] = frozenset()  # `_breaker_ends`
    # names in capitals after an honorific or a leader title (the title, else "")
    capitals: list[tuple[int, int, str, str]] = field(default_factory=list)
    addressed: frozenset[str] | None = None  # one-word runs after an honorific (`_addressed_given`)
    counts: dict[tuple[str, bool], int] = field(default_factory=dict)  # `count`: runs repeat

    def count(self, sub: str, whole: bool = False) -> int:
        """How often `sub` is in the text; with `whole`, as a whole name (no letter before it, no letter,
        digit or capitalised word after it). Counted once per article."""
        n = self.counts.get((sub, whole))
        if n is None:
            text = self.doc.text
            n = (
                sum(_WHOLE_NAME_END.match(text, k + len(sub)) is not None for k in whole_words(text, sub))
                if whole
                else text.count(sub)
            )
            self.counts[sub, whole] = n
        return n


class PersonRecognizer(Recognizer):
    kind = "person"
    settings_model = PersonSettings
    settings: PersonSettings

    def __init__(self, pack: RulePack, services: Services) -> None:
        super().__init__(pack, services)
        s = self.settings
        self.titles = Titles(pack, s.max_complement_words, s.max_title_words)
        self.anchors = Anchors(pack)
        self.teams = Teams(pack)
        self.glued_particle = pack.compile(r"{glued_particle}(?=\p{Lu})", case_sensitive=True)
        self.plural_before = pack.word_before("plural_markers", "[ ]")
        # "xe Fortuner", "chiếc Camry", "phiên bản Platinum": a product's classifier before a foreign word;
        # "dịch bệnh Ebola", "virus Zika": a disease's
        self.product_before = pack.word_before("product_before|pathogen_before", "[ ]")
        self.unheld_before = pack.word_before("unheld_title_before", "[ ]")
        self.memorial_words = tuple(w.lower() for w in pack.lexicon("memorial_before"))
        # a site named after a titled person ("Khu di tích Chủ tịch X", "tượng đài Tổng Bí thư X")
        self.memorial = pack.compile(
            r"(?:^|[^\p{L}\p{M}])(?:{memorial_before})[ ]++(?:(?:{title_modifiers})[ ]++)?+(?:{titles})(?:[ ]nước)?+[ ]$",
            False,
        )
        # a title and a name in quotes: a ship or a work named after the person ('lớp "Đô đốc Gorshkov"')
        self.quoted_title = pack.compile(r"[\"“](?:(?:{title_modifiers})[ ]++)?+(?:{titles})[ ]$", False)
        self.age_after = pack.compile(r"{age_after}", case_sensitive=True)
        # honorifics opening a name as written, no part of it ("Samdech Techo Hun Sen"), longest first
        self.known_prefixes = tuple(
            sorted((f"{w} " for w in pack.lexicon("known_prefixes")), key=len, reverse=True)
        )
        self.shape = NameShape(
            pack, self.anchors, (s.min_syllables, s.max_syllables), s.min_bare_syllables, s.max_foreign_words
        )
        self.hon_words = {w.lower() for w in pack.lexicon("honorifics") if " " not in w}
        self.landmark_surnames = set(pack.lexicon("landmark_surnames"))  # "Hồ": a lake too
        self.typo_places: dict[int, list[str]] = {}  # one-word places by length
        self.swap_places: set[str] = set()  # one-word places of four letters or more ("Fiji")
        for place in self.shape.places:
            if " " not in place and len(place) >= 4:
                self.swap_places.add(place)
            if " " not in place and len(place) >= s.place_typo_min_letters:
                self.typo_places.setdefault(len(place), []).append(place)
        self.breakers = self.shape.breakers
        self.hon_breakers = {w for w in self.breakers if w.lower() in self.hon_words}  # "Ông", "Bà"
        self.end_breakers = self.breakers - self.hon_breakers  # may end a name (`_breaker_ends`)
        self.hon_split = kept_regex(
            "[ ](?:" + "|".join(map(regex.escape, sorted(self.hon_breakers))) + ")[ ]"
        )
        self.nick_words = {w.lower().rsplit(" ", 1)[-1] for w in pack.lexicon("nickname_roles")}
        self.nick_ends = tuple(f" {w} " for w in self.nick_words)  # " bầu ": a word before the run
        self.nick_opens = tuple(f"{w[:1].upper()}{w[1:]} " for w in self.nick_words)  # "Bầu " opening it
        self.time_words = set(pack.lexicon("title_time_words"))  # "Chiều" glued to a name (`_glued_time`)
        # what follows such a time word opening a sentence: a date ("13/5") or a word of `time_word_days`
        self.time_after = pack.compile(
            r"[ ](?:\d{1,2}/\d{1,2}|{time_word_days})(?![\p{L}\p{M}\p{N}])", case_sensitive=True
        )
        self.verbs = {v for v in pack.lexicon("speech_verbs") + pack.lexicon("title_stops") if " " in v}
        self.org_heads = self.anchors.org_set | self.shape.neg_words
        # professional titles that address a person by the given name alone ("BS Dung", `_addressed`)
        self.addressed_after = pack.word_before("given_name_titles", r"\.?+[ ]")
        addressed_ends = {w.split()[-1].casefold() for w in pack.lexicon("given_name_titles")}
        self.addressed_ends = tuple(addressed_ends | {f"{w}." for w in addressed_ends})  # `last_word_ends`
        limits = VoteLimits.of(s)
        firms = pack.compile(r"(?<![\p{L}\p{M}])(?:{vote_firm_words})(?![\p{L}\p{M}])")
        self.vote = NerVote(
            self.shape,
            self.breakers | self.hon_words,
            self.org_heads,
            set(pack.lexicon("vote_not_names")),
            firms,
            limits,
        )
        self.unanchored = Unanchored(
            self.vote,
            (s.model_threshold, s.model_single_threshold, s.model_cued_threshold, s.model_foreign_threshold),
            self._mate,
            pack,
            (s.model_register_names, s.model_surname_mentions),
        )
        self.register = Register(services.packs.get(KNOWN_PACK), pack)
        self.propagation = Propagation(
            pack,
            self.shape,
            self.breakers | self.hon_words,
            self.org_heads,
            (s.alone_given_names, s.alone_foreign_surnames),
            (s.model_foreign_threshold, s.model_cued_threshold),
        )

    # -- driver -------------------------------------------------------------------------------------

    def recognize(self, doc: Doc) -> list[Candidate]:
        text = doc.text
        scratch = _Scratch(doc, self.titles.scan(doc), self.anchors.scan(text))
        for at, word in occurrences(text, self.shape.low_suffixes):  # "Giang còi"
            nxt = NEXT_LOWER.match(text, at - 1) if at else None
            if nxt is not None and nxt.end() == at + len(word):
                scratch.suffixes[at - 1] = (at, nxt.end(), word)
        for pattern, m in self.matches(doc):
            self.handle(scratch, pattern, m)
        runs, spans = scratch.runs, scratch.spans
        scratch.ended = self._breaker_ends(text, spans)
        found: dict[int, _Found] = {}
        # Pass 1: names anchored by a title or an honorific.
        prev_end = 0
        for m, run in zip(runs, spans, strict=True):
            f = self._anchored(scratch, m, run, prev_end)
            if f is not None:
                found[f.start] = f
                prev_end = f.end
        for f in self._capitals(scratch):
            found[f.start] = f
        found = {k: f for k, f in found.items() if not self._anonymised(text, f)}
        for f in found.values():
            regnal = _REGNAL.match(text, f.end)
            if regnal is not None and not self.shape.vn(f.name.rsplit(" ", 1)[-1]):
                f.end, f.name = regnal.end(), f"{f.name}{regnal.group()}"
        known = {person_key(f.name) for f in found.values()}
        for f in found.values():
            self._complete(text, f, known | self.register.full_keys)
        known_words = {w for f in found.values() for w in f.name.split()}
        # Pass 2: the same full names elsewhere, then bare names with Vietnamese structure; runs listed
        # with a street ("các tuyến phố Lý Thường Kiệt, Lã Xuân Oai") are streets too, and so is every
        # mention of a bare name the article writes as a street (`LeftContext.street_names`).
        taken = sorted((f.start, f.end) for f in found.values())
        self._middle_initials(scratch, found, taken)  # before pass 2 takes the surname alone ("McCooey Jr")
        streets: frozenset[str] | None = None  # the article's street names, made for a bare name found
        for k, (m, run) in enumerate(zip(runs, spans, strict=True)):
            if overlaps(taken, run[0], run[1]):
                continue
            f = self._unanchored(scratch, m, run, known, known_words)
            if f is None or (f.rule == "bare" and self._thing_shaped(f.name)):
                continue
            if f.rule == "foreign":  # "Kim Jong un"
                self._complete(text, f, self.register.full_keys)
            # The street test is the costlier one, so it is only made for a name found; a name after a
            # place in its run is not the thing named ("nhà báo Hong Kong Li Jiahe").
            street = False
            if f.rule == "bare":
                if streets is None:
                    streets = scratch.left.street_names(runs)
                street = f.name in streets or run[2] in streets
            glued = text[run[0] : f.start].strip()
            if f.rule == "known" and glued.lower() in self.anchors.neg_set:
                continue  # "Đường Võ Trần Chí" opening a sentence: the street named after the person
            if f.rule == "foreign" and self._titled_thing(scratch, f, found):
                found[f.start] = f  # "Giám đốc Học viện Walter Carter" after "... Hải quân Mỹ Walter Carter"
                insort(taken, (f.start, f.end))
                continue
            if (
                f.rule == "famous"  # its own context test
                or glued in self.shape.places
                or not (street or scratch.left.streetish(runs, k, streets=f.rule != "known"))
            ):
                found[f.start] = f
                insort(taken, (f.start, f.end))
        # a bare name found after its other mentions ("Decao (Cao Minh Thắng)" before "Cao Minh Thắng, 27
        # tuổi"): those runs are the same full name, unless quoted (a role or a work's title)
        bare = {f.name for f in found.values() if f.rule == "bare"}
        for k, (start, end, group) in enumerate(spans):
            if (
                group in bare
                and not overlaps(taken, start, end)
                and not quoted(text, start)
                and not scratch.left.thing_left(start)  # "phường Nguyễn Cư Trinh"
                and not scratch.left.streetish(runs, k)
            ):
                found[start] = _Found(start, end, group, "known", self.settings.score_known)
                insort(taken, (start, end))
        self._short_names(scratch, found, taken)
        # Pass 4: repeated names with no anchor at all, voted persons by the NER model, then
        # two-syllable names the name model finds name-like and the article places as persons.
        index = {run[0]: k for k, run in enumerate(spans)}
        model = partial(self.unanchored.persons, seeds=found)
        for rule, persons in (("vote", self.vote.persons), ("model", model)):
            for m in persons(doc, runs, scratch.left, scratch.titles, taken):
                if not scratch.left.streetish(runs, index[m.start()]):
                    found[m.start()] = _Found(m.start(), m.end(), m.group(), rule, self.settings.score_vote)
                    insort(taken, (m.start(), m.end()))
        self._glued_names(scratch, found)
        # registered full names before the short forms of pass 5: "Messi" of "Lionel Messi" unanchored
        taken = sorted((f.start, f.end) for f in found.values())
        registered = self.register.mentions(runs, self.shape)
        for start, end, name in self.register.persons(
            text, runs, registered, taken, scratch.left, self.shape, doc.authors, full_only=True
        ):
            found[start] = _Found(start, end, name, "registered", self.settings.score_known)
        self._cut_known_prefixes(found)
        self._propagate(scratch, found)
        # Pass 6: names of the register of public figures where the article's own reading found none
        taken = sorted((f.start, f.end) for f in found.values())
        for start, end, name in self.register.persons(
            text, runs, registered, taken, scratch.left, self.shape, doc.authors
        ):
            found[start] = _Found(start, end, name, "registered", self.settings.score_known)
        end = len(text.rstrip(" .)\n"))
        kept = [f for f in found.values() if f.end < end or not self._sign_off(scratch.doc, f)]
        kept = [f for f in self._drop_honorific_surnames(text, kept) if not self._anonymised(text, f)]
        kept = self._leading_initials(scratch, kept)
        kept = self._not_schools(scratch, kept)
        kept = _not_roles_in_brackets(text, kept)
        self._lower_middles(text, kept)
        kept += self._transcriptions(text, kept)
        kept = [f for f in kept if not (f.pre_titles and self._memorial(text, f.start, f.end))]
        teams = self.teams.names(text, runs) if kept else frozenset()
        if teams:
            kept = [f for f in kept if not Teams.holds(teams, f.name)]
        products = self._products(text, kept)
        if products:
            kept = [f for f in kept if products.isdisjoint(f.name.split()) or self._given_first(f.name)]
        kept.sort(key=lambda f: f.start)
        self._appositive_titles(scratch, kept)
        return self._candidates(scratch, kept)

    def _breaker_ends(self, text: str, spans: list[Word]) -> frozenset[tuple[str, ...]]:
        """The last words (up to three) of runs ending in a word of `run_breakers` right before a
        punctuation mark or a bracket: there the word opens no sentence but ends a name ("Lầu Nênh Và,",
        "Nguyễn Đức Tuy."), and the name keeps it in every mention ("ông Lầu Nênh Và ở bản ..."); not an
        honorific ("Hồ Thác Bà", a lake)."""
        out = set()
        for _, end, run in spans:
            parts = run.rsplit(" ", 3)
            if len(parts) > 1 and parts[-1] in self.end_breakers and _RUN_END.match(text, end):
                out.add(tuple(parts[-3:]))
        return frozenset(out)

    @staticmethod
    def _not_schools(scratch: _Scratch, found: list[_Found]) -> list[_Found]:
        """`found` without the names the article writes as a school ("trường Lê Hồng Phong") and never
        anchors by a title or an honorific: a role noun before them ("nữ sinh Lê Hồng Phong") and
        their repetitions name its students or the school."""
        schools = scratch.left.school_names(scratch.runs, scratch.doc.words)
        if not schools:
            return found
        persons = {
            person_key(f.name)
            for f in found
            if f.rule == "title" or (f.rule == "honorific" and scratch.left.personal_before(f.start))
        }
        things = {person_key(f.name) for f in found if f.name in schools} - persons
        return [f for f in found if person_key(f.name) not in things] if things else found

    def _leading_initials(self, scratch: _Scratch, found: list[_Found]) -> list[_Found]:
        """An initial right before a name found that opens with a listed given name opens the name ("J.
        Edgar Hoover"); a street or thing word before the initial makes it none ("tòa nhà J. Edgar
        Hoover", a building)."""
        text, kept = scratch.doc.text, []
        for f in found:
            initial = _LEADING_INITIAL.search(text, max(0, f.start - 3), f.start)
            if initial is not None and " " in f.name and f.name.split(" ", 1)[0] in self.shape.given:
                if scratch.left.neg_left(initial.start(), False):
                    continue
                f.start, f.name = initial.start(), f"{initial.group()}{f.name}"
            kept.append(f)
        return kept

    def _anonymised(self, text: str, f: _Found) -> bool:
        """Whether the Vietnamese name `f` is cut before the initial that ends an anonymised name ("Lê Bá
        V.", "Vi Thị H"): annotated as no person, so its syllables are none either."""
        return _INITIAL_END.match(text, f.end) is not None and all(map(self.shape.vn, f.name.split()))

    @staticmethod
    def _appositive_titles(scratch: _Scratch, found: list[_Found]) -> None:
        """A name found with no anchor right after a title and a comma takes that title ("Đại sứ Mỹ
        tại El Salvador, Jean Manes, cho biết", "Chủ tịch NOC, Mustafa Sanalla cho biết"), read as the
        chain before an honorific is (`TitleScan.chain`), never across the person found before it."""
        text, heads = scratch.doc.text, scratch.titles
        prev_end = 0
        for f in found:
            if not f.pre_titles and f.rule not in _ANCHORED and text[f.start - 2 : f.start] == ", ":
                chain = heads.chain(heads.clause_start(f.start), prev_end, name_start=f.start)
                at = text.rfind(chain[0], prev_end, f.start) if chain else -1
                # the title opens its clause (after "Theo" at most, a clause verb: "... chỉ định Tỉnh
                # trưởng X, B, làm", or a word of `appositive_openers`: "do Chủ tịch X, B ký"), which
                # follows no name ("A - Chủ tịch X, B - ...", "A, Tổng giám đốc, B": the previous name's
                # titles)
                lo = heads.clause_start(at) if at >= 0 else 0
                lead = text[lo:at].split() if at >= 0 else []
                if (
                    at >= 0
                    and (
                        not lead
                        or (len(lead) == 1 and lead[0] in heads.t.speaker_openers)
                        or heads.verb_before(lo, at)
                        or heads.t.appositive_before(text, lo, at)
                    )
                    and not _AFTER_NAME.search(text, max(0, at - 40), at)
                ):
                    f.pre_titles = chain
            elif not f.pre_titles and f.rule in _TITLE_TAKERS:
                # "Chủ tịch Kim Jong-un", "Bộ trưởng An ninh quốc gia Kim Won-hong": a name found by its
                # own shape right after a title head, or after its complement ending in a capitalised
                # word, holds it (not "CEO của A", "tướng mới cho A", nor the reporter of "trả lời
                # phóng viên X A"), with no name between
                lo = max(heads.clause_start(f.start), prev_end)
                title = heads.title_before(lo, f.start)
                if title is not None:
                    f.pre_titles = [title]
                elif text[lo - 1 : lo] == "-" and _DASH_TAIL.fullmatch(text, lo, f.start):
                    # "Chủ tịch Liên minh Nghị sĩ hữu nghị Nhật - Việt A": the chain before the dash,
                    # unless it follows the previous name
                    chain = heads.chain(lo, prev_end)
                    if chain and set(chain).isdisjoint(heads.post_titles(prev_end, f.start)):
                        f.pre_titles = _dash_tail(text, chain, lo, f.start)
            prev_end = f.end

    def _products(self, text: str, found: list[_Found]) -> set[str]:
        """The foreign words of names found that the article writes after a word of `product_before` ("xe
        Fortuner", "dòng xe Cayenne", "chiếc Camry") or `pathogen_before` ("dịch bệnh Ebola"): a model
        of a car or a device, or a disease, no person in any mention ("Xe Fortuner" opening a sentence,
        "Fortuner" alone, "Chiron Bugatti", "Virus Ebola")."""
        out: set[str] = set()
        for word in {w for f in found if not self._given_first(f.name) for w in f.name.split()}:
            if len(word) > 2 and not self.shape.vn(word):
                for at in whole_words(text, word):
                    if self.product_before.search(text, max(0, at - 24), at) is not None:
                        out.add(word)
                        break
        return out

    def _given_first(self, name: str) -> bool:
        """A foreign name opening with a listed given name ("Theresa May"): a person whatever follows."""
        return " " in name and self.shape.given_word(name.split(" ", 1)[0])

    @staticmethod
    def _lower_middles(text: str, found: list[_Found]) -> None:
        """A one-word name found after a capitalised word and one or two lower-case ones that make, once
        capitalised, a full name found in the article ("Phạm thái Dương" beside "Phạm Thái Dương"): the
        full name, as written (a typo, like `_complete`'s "Đinh La thăng")."""
        full = {person_key(f.name) for f in found if " " in f.name}
        for f in found:
            if " " in f.name or not full:
                continue
            m = _LOWER_MIDDLE.search(text, max(0, f.start - 30), f.start)
            if m is not None and person_key(f"{m.group()}{f.name}") in full:
                f.start, f.name = (
                    m.start(),
                    " ".join(w[:1].upper() + w[1:] for w in f"{m.group()}{f.name}".split()),
                )

    def _transcriptions(self, text: str, found: list[_Found]) -> list[_Found]:
        """The Vietnamese transcription in brackets after a foreign name found ("Barack Obama (Ba-rắc
        Ô-ba-ma)"): the same person written a second way, a person with its own key (as the gold keeps
        "Moon Jae-in (Mun Chê In)")."""
        out = []
        for f in found:
            m = _TRANSCRIPTION.match(text, f.end) if text.startswith(" (", f.end) else None
            if m is not None and not all(map(self.shape.vn, f.name.split())):
                out.append(_Found(m.start("name"), m.end("name"), m["name"], "transcribed", f.score))
        return out

    def _drop_honorific_surnames(self, text: str, found: list[_Found]) -> list[_Found]:
        """Convention 6: the last words of a foreign name found ("Le Pen" of "Marine Le Pen"), opening
        with no listed given name, are its surname: no person right after an honorific ("bà Le Pen"),
        like "ông Trump"."""
        vn = self.shape.vn
        foreign = {f.name for f in found if " " in f.name and not all(map(vn, f.name.split()))}
        if not foreign:
            return found
        kept = []
        for f in found:
            before = text[max(0, f.start - 8) : f.start].split()[-1:]
            if (
                f.rule != "honorific"
                or " " not in f.name
                or not before
                or before[0].lower() not in self.hon_words
                or self.shape.given_word(f.name.split(" ", 1)[0])  # "ông Alan Joyce": a full name
                or (not f.name.isascii() and all(map(vn, f.name.split())))  # "ông Hạnh Nguyễn" (Jonathan ...)
                or not any(n.endswith(" " + f.name) for n in foreign)
            ):
                kept.append(f)
        return kept

    def _cut_known_prefixes(self, found: dict[int, _Found]) -> None:
        """A name found opening with an honorific of `known_prefixes` is the rest ("Samdech Techo Hun
        Sen" → "Hun Sen"), as the register keys it."""
        for start, f in list(found.items()):
            prefix = next((p for p in self.known_prefixes if f.name.startswith(p)), None)
            if prefix is not None and " " in f.name[len(prefix) :]:
                del found[start]
                f.start, f.name = start + len(prefix), f.name[len(prefix) :]
                found[f.start] = f

    def _propagate(self, scratch: _Scratch, found: dict[int, _Found]) -> None:
        """Pass 5 (`propagate.py`): scorers, foreign names by their surname, names listed with a
        person found, and one-word short forms of the full names found."""
        s = self.settings
        scores = {
            "title": s.score_title,
            "foreign": s.score_foreign,
            "given": s.score_known,
            "surname": s.score_known,
        }
        known = Known(
            sorted((f.start, f.end) for f in found.values()),
            {f.start: (f.end, f.name) for f in found.values()},
            {f.end for f in found.values() if f.rule != "bare"},
        )
        view = ArticleView(
            scratch.doc.text,
            scratch.doc.words,
            scratch.runs,
            lambda m: self._words(scratch, m),
            known,
            scratch.left,
            scratch.titles,
            set(scratch.doc.authors),
        )
        added = self.propagation.extend(view)
        for start, end, name, rule, titles in added:
            found[start] = _Found(start, end, name, rule, scores.get(rule, s.score_bare), titles)

    @staticmethod
    def _sign_off(doc: Doc, f: _Found) -> bool:
        """A name ending the text is the writer's sign-off when alone in its sentence or after its degree
        ("... của chúng ta. PGS.TS Bùi Đình Phong"): the article's author, not a person fact (convention 5)."""
        text = doc.text
        opened = max(text.rfind(". ", 0, f.start), text.rfind("\n", 0, f.start)) + 1
        before = text[opened : f.start].strip()
        return f.name in doc.authors or not before or before in f.pre_titles

    @handles("run")
    def _run(self, scratch: _Scratch, m: regex.Match[str], pattern: CompiledPattern) -> tuple[()]:
        """A run of capitalised words outside meta lines: read by the two passes once all are known."""
        start = m.start()
        if scratch.doc.zone_at(start) != "meta":
            group = m.group()
            spaces = group.count(" ")
            if spaces < 2 or (spaces < 3 and self.hon_split.search(group) is None):
                scratch.runs.append(m)
                scratch.spans.append((start, m.end(), group))
            else:
                runs = self._split_run(m, pattern.regex)
                scratch.runs.extend(runs)
                scratch.spans.extend((r.start(), r.end(), r.group()) for r in runs)
        return ()

    @handles("capitals", "titled_capitals")
    def _capital(self, scratch: _Scratch, m: regex.Match[str], pattern: CompiledPattern) -> tuple[()]:
        """A name in capitals after an honorific or a leader title ("Thủ tướng NGUYỄN VĂN AN" under a
        boxed quote), outside meta lines: read by `_capitals`."""
        name = "name" if "name" in m.re.groupindex else 0
        if scratch.doc.zone_at(m.start()) != "meta":
            title = m.group("title") if name else ""
            scratch.capitals.append((m.start(name), m.end(name), m.group(name), title))
        return ()

    def _capitals(self, scratch: _Scratch) -> list[_Found]:
        """The names in capitals after an honorific ("Ông NGUYỄN VĂN AN, Giám đốc ...": an interview's
        byline) whose words are Vietnamese syllables opening with a listed surname, named title-cased;
        "ông TP HCM" is none."""
        out = []
        for start, end, written, title in scratch.capitals:
            words = title_case(written).split()  # "Nguyễn Văn An", as a byline in capitals is shown
            if (
                self.settings.min_syllables <= len(words) <= self.settings.max_syllables
                and self.shape.surname(words[0])
                and all(self.shape.vn(w.lower()) for w in words)
            ):
                name = " ".join(words)
                if title:
                    out.append(_Found(start, end, name, "title", self.settings.score_title, [title]))
                else:
                    out.append(_Found(start, end, name, "honorific", self.settings.score_honorific))
        return out

    def _split_run(self, m: regex.Match[str], run: regex.Pattern[str]) -> list[regex.Match[str]]:
        """A run holding a capitalised honorific after its first word is two runs, the second opening
        with it: a caption glued to the next sentence ("... Ngũ Hành Sơn Ông Ngô Tấn Cư"); a place
        holding the word ("Hai Bà Trưng") is none. So is a run of two foreign names back to back, each
        opening with a listed given name ("Sofia Balbi Cesc Fabregas", `_second_given`)."""
        parts = m.group().split(" ")
        for j in range(1, len(parts) - 1):
            if (
                parts[j] in self.hon_breakers and " ".join(parts[j - 1 : j + 2]) not in self.shape.places
            ) or self._second_given(parts, j):
                at = m.start() + len(" ".join(parts[:j])) + 1
                head, tail = run.match(m.string, m.start(), at - 1), run.match(m.string, at)
                if head is not None and tail is not None:
                    return [head, *self._split_run(tail, run)]
        return [m]

    def _second_given(self, parts: list[str], j: int) -> bool:
        """Whether a second foreign name opens at word `j` of a run opening with a listed given name: a
        listed given name after a word that is none, two words in or more, a foreign word after it
        ("Casey Affleck Isabelle Huppert"; not the middle name of "Sarah Jessica Parker" nor a name
        after a particle: "Yusuf bin Ahmad Al-Othaimeen", nor an Arabic name's father's name that repeats
        its first: "Ibrahim Awad Ibrahim Ali")."""
        given = self.shape.given_word
        return (
            j >= 2
            and given(parts[j])
            and all(p[:1].isupper() for p in parts[1:j])
            and given(parts[0])
            and parts[j] != parts[0]
            and not given(parts[j - 1])
            and not self.shape.vn(parts[j + 1])
        )

    def _candidates(self, scratch: _Scratch, ordered: list[_Found]) -> list[Candidate]:
        """Names with their titles; "Tổng thống Trump" shares the key of "Donald Trump" when the
        article names one such person, else (with `known_keys`) the register's key of the name."""
        text = scratch.doc.text
        starts = [f.start for f in ordered]
        by_part, by_title = self._full_keys(ordered)
        out = []
        prev_post: list[str] = []
        shared: list[str] = []  # a plural title before a list of names ("các cựu tổng thống A, B và C")
        for k, f in enumerate(ordered):
            next_start = starts[k + 1] if k + 1 < len(starts) else len(text)
            post = scratch.titles.post_titles(f.end, next_start)
            pre = self._held(text, f)
            if (
                k
                and prev_post
                and (
                    f.rule == "honorific"
                    or not ordered[k - 1].pre_titles  # "A (39 tuổi), Chi cục phó X, B": A has none before
                    or not self._listed(scratch, ordered[k - 1].end, f.start)
                    or _same_title(ordered[k - 1], f)
                )
            ):
                # "TS A - Viện trưởng Viện X - Nhà thơ B", "ông A, Ủy viên Bộ Chính trị, ông B": the
                # titles after A are A's, not B's chain.
                own = pre[-1:] if f.rule == "title" else []  # the title right before the name stays
                pre = [t for t in pre[: len(pre) - len(own)] if t not in prev_post] + own
            if (
                pre
                and k + 1 < len(ordered)
                and (ordered[k + 1].rule != "honorific" or _COMMA_HON.search(text, f.end, next_start))
                and self._listed(scratch, f.end, next_start)
                and not _same_title(f, ordered[k + 1])
            ):
                # "Chủ tịch Quốc hội A, Ủy viên Bộ Chính trị, Phó Chủ tịch nước B", "Tổng Thư ký LHQ A,
                # Chủ tịch WB, ông B": a person with a title of their own leaves the titles that open
                # the next person's chain to them; not in a list of one title ("gồm ĐB A, Phó Giám đốc
                # Sở X, ĐB B": A's post).
                post = [t for t in post if t not in ordered[k + 1].pre_titles]
            prev_post = post
            titles = self.titles.own(pre + post)
            listed_under = self._colon_title(scratch, f.start)
            if listed_under is not None and listed_under not in titles:
                titles = self.titles.own([listed_under]) + titles
            if not titles and shared and _SHARED_JOIN.fullmatch(text, ordered[k - 1].end, f.start):
                titles = shared
            else:
                shared = titles if pre and self._plural_title(text, f.start, pre[-1]) else []
            titled = (
                self._named_before(ordered[:k], f, by_title[f.name, t])
                for t in f.pre_titles
                if (f.name, t) in by_title
            )
            # "F.Hollande": the surname after the initials stands for the full name
            initials = _INITIALS_OPEN.match(f.name)
            part = f.name[initials.end() :] if initials else f.name
            registered = self.register.key(part) if self.settings.known_keys else None
            key = by_part.get(part) or next(titled, None) or registered or person_key(f.name)
            fields = {"name": f.name, "titles": scratch.titles.as_written(titles, f.start, f.end), "key": key}
            out.append(Candidate("person", f.start, f.end, f.score, f.rule, fields, _EXPLANATIONS[f.rule]))
        return out

    def _held(self, text: str, f: _Found) -> list[str]:
        """The titles before `f` that it holds: none after a word of `unheld_title_before` ("ứng cử viên
        Tổng thống Pháp X": a candidate)."""
        return [
            t
            for t in f.pre_titles
            if (at := text.rfind(t, 0, f.start)) < 0
            or self.unheld_before.search(text, max(0, at - 16), at) is None
        ]

    @staticmethod
    def _named_before(before: list[_Found], f: _Found, key: str) -> str:
        """`key`, the one full name ending with short name `f` that holds its title, if named before
        `f`; else the key of the last full name before `f` that ends with it and holds a title opening
        with `f`'s ("Bộ trưởng Bộ X Nguyễn Chí Dũng ... Bộ trưởng Dũng" before "Bộ trưởng Mai Tiến Dũng")."""
        if any(person_key(b.name) == key for b in before):
            return key
        ending = " " + f.name
        for b in reversed(before):
            if b.name.endswith(ending) and any(t.startswith(p) for t in b.pre_titles for p in f.pre_titles):
                return person_key(b.name)
        return key

    def _glued_names(self, scratch: _Scratch, found: dict[int, _Found]) -> None:
        """Names glued by a hyphen with no space ("liên minh Rousseff-Temer", "Nguyễn Ái Quốc-Hồ Chí
        Minh"): each side is a name when one side at least is a person the article names elsewhere (a
        name found, or the foreign last word of a full name found) and every other side is one too, or is
        shaped as a full name and no place ("Phan Thiết-Dầu Giây", "Bà Rịa-Vũng Tàu" stay places)."""
        text = scratch.doc.text
        runs = [
            m
            for m, (_, _, run) in zip(scratch.runs, scratch.spans, strict=True)
            if "-" in run and _PLACE_PAIR.search(run)
        ]
        if not runs or not found:
            return
        names = {f.name for f in found.values()}
        lasts = (f.name.rsplit(" ", 1)[-1] for f in found.values() if " " in f.name)
        names |= {w for w in lasts if not self.shape.vn(w)}  # "Rousseff" of "Dilma Rousseff"
        taken = sorted((f.start, f.end) for f in found.values())
        for m in runs:
            sides, at = [], m.start()
            for pair in _PLACE_PAIR.finditer(m.group()):
                sides.append((at, m.start() + pair.start() + 1))
                at = m.start() + pair.end() - 1
            sides.append((at, m.end()))
            named = [text[a:b] in names for a, b in sides]
            if not any(named) or any(overlaps(taken, a, b) for a, b in sides):
                continue
            if all(k or self._name_shaped(text[a:b]) for k, (a, b) in zip(named, sides, strict=True)):
                for a, b in sides:
                    found[a] = _Found(a, b, text[a:b], "glued", self.settings.score_known)

    def _name_shaped(self, side: str) -> bool:
        """A side of a glued pair read as a full name: a Vietnamese name of 3-4 syllables opening with a
        surname, or a foreign name opening with a listed given name; a place is none, but a person's
        name that also names a place ("Hồ Chí Minh")."""
        shape = self.shape
        if side in shape.places and side not in shape.person_places:
            return False
        parts = side.split()
        if shape.given_name([(0, 0, p) for p in parts]) == (0, len(parts)):
            return True
        return (
            shape.surname(parts[0])
            and shape.min_bare <= len(parts) <= shape.max_syl
            and all(map(shape.vn, parts))
        )

    def _titled_thing(self, scratch: _Scratch, f: _Found, found: dict[int, _Found]) -> bool:
        """A foreign full name right after a title whose organisation ends in a thing word ("Giám đốc
        Học viện Walter Carter"), the name found elsewhere after a longer form of that title ("Giám đốc
        Học viện Hải quân Mỹ Walter Carter"): the title's holder, not a thing named after the person
        ("Giám đốc quỹ Bill Gates"); the title is kept in `f.pre_titles`."""
        if all(map(self.shape.vn, f.name.split())) or not scratch.left.neg_left(f.start):
            return False
        heads = scratch.titles
        title = heads.pre_title(heads.clause_start(f.start), f.start).title
        held = (t for g in found.values() if g.name == f.name for t in g.pre_titles)
        if title is None or not any(t.lower().startswith(title.lower()) for t in held):
            return False
        f.rule, f.score, f.pre_titles = "title", self.settings.score_title, [title]
        return True

    def _thing_shaped(self, name: str) -> bool:
        """A bare name that is two places glued by a hyphen ("Phan Thiết-Dầu Giây") or holds a
        multi-word organisation or thing word written in title case ("Tập Đoàn Vàng bạc", "Học Viên
        Ngân Hàng"): no person."""
        if _PLACE_PAIR.search(name):
            return True
        words = name.lower().split()
        return any(f"{a} {b}" in self.org_heads for a, b in pairwise(words))

    def _memorial(self, text: str, start: int, end: int) -> bool:
        """Whether a site word and a title stand right before the name at `start` ("Khu di tích Chủ tịch"),
        or the title and the name are quoted (a ship or a work: "\"Đô đốc Gorshkov\"")."""
        if text[end : end + 1] in ('"', "”") and self.quoted_title.search(text, max(0, start - 40), start):
            return True
        at = max(0, start - 60)
        window = text[at:start].lower()  # a substring test first: the regex is rarely needed
        return (
            any(w in window for w in self.memorial_words)
            and self.memorial.search(text, at, start) is not None
        )

    def _colon_title(self, scratch: _Scratch, start: int) -> str | None:
        """The plural title before a colon opening the sentence's list that holds the name at `start`
        ("các Ủy viên Bộ Chính trị: A - Phó Thủ tướng; B, ..."): each listed name holds it."""
        text = scratch.doc.text
        colon = text.rfind(":", max(0, start - _COLON_LIST_SPAN), start)
        if colon < 0 or SENTENCE_BREAK.search(text, colon, start) is not None:
            return None
        heads = scratch.titles
        lo = heads.clause_start(colon)
        title = heads.pre_title(lo, colon).title
        if not title or not self._plural_title(text, colon + 1, title):
            return None
        # "các Phó Thủ tướng:", "các Ủy viên Bộ Chính trị:", "các Phó Thủ tướng Chính phủ:" (a capitalised
        # common word at its end); not "các nghệ sĩ Nhà hát X như:"
        words = title.split()
        closed = (
            heads.direct_head(lo, colon) is not None
            or words[-1][0].isupper()
            or (
                len(words) > 2
                and words[-2][0].isupper()
                and underthesea_adapter.common_word(" ".join(words[-2:]))
            )
        )
        return title if closed else None

    def _plural_title(self, text: str, start: int, title: str) -> bool:
        """Whether `title`, right before the name at `start` (or an abbreviation's bracket before it),
        follows a plural word ("các", "hai")."""
        at = text.rfind(title, max(0, start - len(title) - 16), start)
        return (
            at >= 0
            and _SHARED_GAP.fullmatch(text, at + len(title), start) is not None
            and self.plural_before.search(text, max(0, at - 12), at) is not None
        )

    def _full_keys(self, ordered: list[_Found]) -> tuple[dict[str, str], dict[tuple[str, str], str]]:
        """The key of the full name each shorter name stands for (convention 4): the one full name
        ending with it ("Trump", "Mỹ Chi", "Anh" of "Phan Đình Anh"), else the foreign one opening with
        it named most often ("Susan" of "Susan Saradon"); and, when a family shares the name, by the
        title the short mention has: the one full name named with that title ("Tổng thống Trump"). A
        foreign two-word name written in both orders ("Seko Hiroshige", "Hiroshige Seko") takes the key of
        the order named more often."""
        ends: dict[str, set[str]] = {}
        opens: dict[str, dict[str, int]] = {}
        titles: dict[str, set[str]] = {}
        for f in ordered:
            words = f.name.split()
            key = person_key(f.name)
            titles.setdefault(key, set()).update(f.pre_titles)
            foreign = not all(map(self.shape.vn, words))
            for k in range(1, len(words)):
                part = " ".join(words[k:])
                ends.setdefault(part, set()).add(key)
                if part[:1].islower():  # "Van Gaal" of "Louis van Gaal"
                    ends.setdefault(part[:1].upper() + part[1:], set()).add(key)
                if foreign and words[-1] not in self.shape.suffixes:  # "Donald Trump" is not "... Jr"
                    by_key = opens.setdefault(" ".join(words[:k]), {})
                    by_key[key] = by_key.get(key, 0) + 1
            if len(words) > 2 and not foreign:  # "Hà Tăng" of "Tăng Thanh Hà": a stage name, given name first
                ends.setdefault(f"{words[-1]} {words[0]}", set()).add(key)
            glued = self.glued_particle.match(words[-1])
            if glued is not None and len(words) > 1:  # "Assad" of "Bashar al-Assad"
                ends.setdefault(words[-1][glued.end() :], set()).add(key)
        out = {}
        for part, by_key in opens.items():
            if (winner := sole_most(by_key)) is not None:
                out[part] = winner
        counts = Counter(person_key(f.name) for f in ordered)
        for part, keys in ends.items():
            one = one_spelling(keys, counts)  # "trần đắc lượng" ×3 and "trần đắc lương": one person
            longest = max(one, key=len)  # "thắng" of "hữu thắng" and "nguyễn hữu thắng": one person
            if all(k == longest or longest.endswith(" " + k) for k in one):
                out[part] = longest
        for name in {f.name for f in ordered}:  # "Seko Hiroshige" of "Hiroshige Seko" ×6: one person
            words = name.split()
            if len(words) == 2 and not all(map(self.shape.vn, words)):
                turned = person_key(f"{words[1]} {words[0]}")
                if counts[turned] > counts[person_key(name)]:
                    out[name] = turned
        by_title = {}
        for part, keys in ends.items():
            for title in set().union(*(titles[k] for k in keys)) if len(keys) > 1 else ():
                holders = [k for k in keys if title in titles[k]]
                if len(holders) == 1:
                    by_title[part, title] = holders[0]
        return out, by_title

    @staticmethod
    def _listed(scratch: _Scratch, end: int, next_start: int) -> bool:
        """Whether two names are items of one comma list: no dash, sentence end or clause verb between."""
        gap = scratch.doc.text[end:next_start]
        return "-" not in gap and "\n" not in gap and scratch.titles.t.stop_re.search(gap) is None

    # -- pass 1 -------------------------------------------------------------------------------------

    def _anchored(self, scratch: _Scratch, m: regex.Match[str], run: Word, prev_end: int) -> _Found | None:
        """Pass 1 on run `m` (`run`: its start, end and text)."""
        text, heads, left, shape = scratch.doc.text, scratch.titles, scratch.left, self.shape
        run_start, run_end, group = run
        initialled = self._initialled(scratch, run)
        if initialled is not None:  # "Bộ trưởng Nhập cư Bỉ T.Phranh-ken": the title before the initial
            title = heads.pre_title(heads.clause_start(initialled.start), initialled.start).title
            if title is not None:
                initialled.rule, initialled.score, initialled.pre_titles = (
                    "title",
                    self.settings.score_title,
                    [title],
                )
            return initialled
        if text.startswith(self.nick_opens, run_start) or text.endswith(self.nick_ends, 0, run_start):
            nickname = self._nickname(scratch, m)
            if nickname is not None:
                return nickname
        suffix = scratch.suffixes.get(run_end)
        if suffix is None and (
            (" " not in group and shape.vn(group))  # one Vietnamese syllable: a sentence start
            or self._no_anchor(scratch, run, prev_end)  # or a given name ("ông Chính")
        ):
            return None
        words = self._words(scratch, m)
        if suffix is not None and words and words[-1][1] == run_end:
            words = [*words, suffix]  # "diễn viên Giang còi"
        hon_in_run = False
        if (
            len(words) > 1
            and words[0][2].lower() in self.hon_words
            and f"{words[0][2]} {words[1][2].split('-')[0]}" not in shape.places  # "Bà Rịa-Vũng Tàu"
        ):
            words, hon_in_run = words[1:], True
        if not words:
            return None
        clause_start = max(heads.clause_start(words[0][0]), prev_end)
        # Cheap exit: no title head between the clause start and the run end, no honorific before
        # any word of the run (the name starts at one of them).
        first_head = heads.head_from(clause_start)
        # "Nghị sĩ thành phố tại CHLB Đức - Nguyễn Đắc Nghiệp": the name alone after a dash
        dashed = text[clause_start - 1 : clause_start] == "-" and text[clause_start:run_start].isspace()
        if not (
            hon_in_run
            or (first_head is not None and first_head.end() <= words[-1][1])
            or any(left.hon_before(w[0]) for w in words)  # `given_name_anchors` are honorifics or roles
            or left.one_word_before(words[0][0])  # "ứng viên Macron"
            or dashed
        ):
            return None
        direct = heads.direct_head(clause_start, words[0][0])
        split = shape.split(left, words, anchored=True, direct_title=direct is not None)
        kin = False  # "chị Bích Vân", "cô vợ trẻ Tuyết Vân": a given name after a kin word
        if split is None:
            # "NSƯT Công Ninh", "MC Đại Nghĩa": a stage or given name without a surname
            at = words[0][0]
            first = words[0][2].lower()
            kin = first not in self.org_heads and left.given_before(run_start, at, hon_in_run)
            # no organisation after a stage anchor ("tác giả Ban Tuyên giáo"; "thủ môn Đình Thuận" is one)
            stage = first not in self.anchors.org_set and left.stage_before(at)
            if (
                (kin or stage or self._pen_name(scratch, words, clause_start))
                and shape.stage_name(words)
                and " ".join(w[2] for w in words) not in scratch.doc.authors
                and text[at - 2 : at] != "  "  # "... làm vợ  Văn Minh": a sign-off
            ):
                split = (0, False, False)
            elif stage and len(words) > 2 and not shape.vn(words[0][2]) and shape.stage_name(words[1:]):
                split = (1, False, False)  # "kiện tướng Dancesport Khánh Vy": the discipline, then the name
            else:
                kin = False
        given = (
            self._given_span(scratch, words)
            if split is None and not left.neg_left(words[0][0], False)
            else None
        )
        if given is not None:  # "Thủ tướng Theresa May": a foreign name ending in a Vietnamese-like word
            words = words[: given[1]]
            split = (given[0], True, False)
        if split is None:
            return None
        i, foreign, consumed = split
        if (
            foreign
            and len(words) - i > 2
            and words[i][2].lower() in self.org_heads
            and words[i + 1][2] in shape.given
        ):
            i += 1  # "Bí thư Trung ương Đảng Jose Balaguer": the party's word is no part of the name
        # "Đội trưởng Đội TTGT Ninh Kiều": a two-syllable run opening with an ambiguous surname is a
        # name only right after its title or honorific.
        weak_pair = not foreign and len(words) - i == 2 and words[i][2] in shape.weak
        if weak_pair and not (i == 0 and (direct is not None or hon_in_run or left.hon_before(words[0][0]))):
            return None
        if foreign and i == 0 and left.ends_with(words[0][0], self.anchors.prepositions):
            i += 1  # "chủ tịch của Aston Martin": the run opens with the organisation
            if len(words) - i < 2:
                return None
        name_words = words[i:]
        start, end = name_words[0][0], name_words[-1][1]
        name = " ".join(w[2] for w in name_words)
        if len(name_words) == 2 and left.ends_with(start, self.anchors.owner_set):
            return None  # "chủ doanh nghiệp Võ Minh": the business's name
        hon = (hon_in_run and i == 0) or left.hon_before(start) or kin
        # "nam tài tử Hollywood Leonardo DiCaprio": a place between the role and a foreign name
        hon = hon or (
            consumed and foreign and (left.one_word_before(words[0][0]) or left.hon_before(words[0][0]))
        )
        title, handed_over = heads.pre_title(clause_start, start)
        hon_word = text[run_start : words[0][0]].strip() if hon_in_run else ""
        if hon_word in self.hon_breakers:
            # a glued heading's title is no A's: a predicate ("được bầu làm Chủ tịch UBND tỉnh X Ông A") or
            # someone else's post ("nhận nhiệm vụ Phó Ban X Ông A, Trưởng Ban X")
            title = None
        if foreign and len(name_words) == 1:
            # "Tổng thống Putin" is a name; "ông Trump" is a bare surname, like "ông Chính"; "Tổng
            # thống George W. Bush" is cut by the initial and left alone.
            if _INITIAL_AFTER.match(text, end) or text[end : end + 1] == "-":
                return None  # "Hwasong-12" (a model) after "có tên"
            leader = (i == 0 or consumed) and (  # "Tổng thống Mỹ Bush": a country between
                (direct is not None and self.titles.leader_re.search(direct.group() + " ") is not None)
                or left.one_word_before(start)  # "nam ca sĩ Drake"
                # "VĐV Bahrain X", "tiền vệ người Brazil X": a country between
                or (consumed and left.one_word_before(words[0][0], nationality=True))
            )
            if not leader or self._place_typo(name) or self._firm_word(scratch, name):
                return None  # "Thủ tướng Iarael": Israel misspelt; "Phó chủ tịch Sacombank": a bank
            hon = True
        if repeats(name_words):
            return None
        # "A, người đứng đầu đảng X, đã kêu gọi Tổng thống B", "Theo luật sư A, sắc lệnh của Tổng thống
        # B": words before the title in its clause (but an honorific: "X, ông Tiến sĩ B") make the chain
        # before it someone else's
        verb_led = (
            title is not None
            and first_head is not None
            and any(w.lower() not in self.hon_words for w in text[clause_start : first_head.start()].split())
        )
        chain = (
            []
            if handed_over or verb_led
            else heads.chain(clause_start, prev_end, objects=not hon or title is not None, name_start=start)
        )
        if title is not None:
            return _Found(start, end, name, "title", self.settings.score_title, [*chain, title])
        if hon:
            return _Found(start, end, name, "honorific", self.settings.score_honorific, chain)
        if dashed and chain and set(chain).isdisjoint(heads.post_titles(prev_end, start)):
            # the titles before the dash are this name's, unless they follow the previous name; words
            # between the dash and the name end the last one ("Chủ tịch Hội hữu nghị Việt - Trung A"); a
            # foreign name opens with a listed given name ("... Nhật - Việt Toshihiro Nakai")
            if foreign:
                span = shape.given_name(name_words)
                if span is None:
                    return None
                start, end = name_words[span[0]][0], name_words[span[1] - 1][1]
                name = text[start:end]
            chain = _dash_tail(text, chain, clause_start, start)
            return _Found(start, end, name, "title", self.settings.score_title, chain)
        return None

    def _no_anchor(self, scratch: _Scratch, run: Word, prev_end: int) -> bool:
        """Whether the cheap exit of `_anchored` holds for the run `run` whatever `_words` cuts off it:
        no honorific word in it, no dash opening its clause right before it, no title head from its
        clause's start ending inside it, no honorific or role before any of its words (the words
        `_words` keeps are some of these, so the exit holds for them too; the costlier cut is then
        not made for the many runs no pass-1 anchor reaches)."""
        text, heads, left = scratch.doc.text, scratch.titles, scratch.left
        start, end, group = run
        parts = group.split(" ")
        if not self.hon_words.isdisjoint(group.lower().split(" ")):
            return False
        clause_start = max(heads.clause_start(start), prev_end)
        if text[clause_start - 1 : clause_start] == "-" and text[clause_start:start].isspace():
            return False
        k = bisect_left(heads.head_starts, clause_start)
        while k < len(heads.heads) and heads.head_starts[k] < end:
            if heads.heads[k].end() <= end:
                return False
            k += 1
        glued = start > 0 and not text[start - 1].isspace()  # the first word's token opens before it
        at = start
        for j, part in enumerate(parts):
            if (j == 0 or (j == 1 and glued) or left.may_end(parts[j - 1])) and left.anchor_before(at):
                return False
            at += len(part) + 1
        return True

    @staticmethod
    def _firm_word(scratch: _Scratch, word: str) -> bool:
        """Whether the article writes `word` as an organisation's: as the abbreviation in brackets
        after its full name ("Ngân hàng Sài Gòn Thương Tín (Sacombank)") or after an acronym that is no
        title head ("HĐQT Sacombank", not "HLV Wenger")."""
        text = scratch.doc.text
        for at in whole_words(text, word):
            if _ABBR_AFTER_NAME.search(text, max(0, at - 40), at) is not None or (
                scratch.left.acronym_left(at) and scratch.titles.direct_head(max(0, at - 12), at) is None
            ):
                return True
        return False

    def _nickname(self, scratch: _Scratch, m: regex.Match[str]) -> _Found | None:
        """A one-syllable nickname after a trade word ("bầu Đức", or "Bầu Đức" as a run of two): the
        person named by it, own key; none when the syllable makes a word with the next ("bầu Chủ tịch")."""
        text, group = scratch.doc.text, m.group()
        if " " in group:
            first, _, word = group.partition(" ")
            if " " in word or first.lower() not in self.nick_words:
                return None
        elif text.endswith(self.nick_ends, 0, m.start()):
            word = group
        else:
            return None  # not after a line end: "thực phẩm cho bà bầu\nKhi mang thai"
        if word in self.breakers or not self.shape.vn(word):
            return None
        nxt = NEXT_LOWER.match(text, m.end())
        if nxt is not None and underthesea_adapter.common_word(f"{word} {nxt[1]}"):
            return None
        return _Found(m.end() - len(word), m.end(), word, "honorific", self.settings.score_honorific)

    def _middle_initials(
        self, scratch: _Scratch, found: dict[int, _Found], taken: list[tuple[int, int]]
    ) -> None:
        """A listed foreign given name ending a run, a middle initial and a foreign surname ("Tổng thống
        George W. Bush"): the initial's dot ends the run, so the name is read across it, with the title
        before it."""
        text, heads = scratch.doc.text, scratch.titles
        for m, (_, end, run) in zip(scratch.runs, scratch.spans, strict=True):
            # the rare initial first (its full stop two characters after the run, read without a regex
            # call): the given-name test costs more
            tail = _MIDDLE_INITIAL.match(text, end) if text[end + 2 : end + 3] == "." else None
            if tail is None:
                continue
            given = run.rsplit(" ", 1)[-1]
            if (
                not self._initial_given(text, m, given)
                or self.shape.vn(tail["surname"])
                or tail["surname"] in self.shape.not_name
                or (  # an unlisted given name: no country ("Ngoại trưởng Nga X.La-vrốp"), no state
                    # ("bang Telangana K.Srihari")
                    given not in self.shape.given
                    and (
                        given in self.shape.places
                        or (m.group() == given and scratch.left.thing_left(m.start()))
                    )
                )
            ):
                continue
            start = m.end() - len(given)
            read = next((f for f in found.values() if f.end == end and f.start <= start), None)
            if read is not None and " " in read.name and not self.shape.vn(given):
                # the run read before the initial ("Fiij Ruveni" of "Fiij Ruveni N.Nadalo"): the name
                # goes on across the initial
                del found[read.start]
                taken.remove((read.start, read.end))
            if overlaps(taken, start, tail.end()) or scratch.left.neg_left(start):
                continue  # "sân bay quốc tế John F. Kennedy": the airport
            title = heads.pre_title(heads.clause_start(start), start).title
            name = text[start : tail.end()]
            found[start] = (
                _Found(start, tail.end(), name, "title", self.settings.score_title, [title])
                if title is not None
                else _Found(start, tail.end(), name, "foreign", self.settings.score_foreign)
            )
            insort(taken, (start, tail.end()))

    def _initial_given(self, text: str, m: regex.Match[str], given: str) -> bool:
        """The word before a middle initial is a given name: a listed one, or an unlisted Latin word
        that is the whole run, or follows a country (misspelt too: "Quốc hội Fiij Ruveni N.Nadalo"),
        and follows a lower-case word ("thẩm phán Dolly M. Gee", "ông Ruveni N. Nadalo"), so no
        sentence or heading opens with it."""
        if given in self.shape.given:
            return True
        opener = m.group()[: -len(given)].strip()
        return (
            (not opener or opener in self.shape.places or (" " not in opener and self._place_typo(opener)))
            and _LATIN_GIVEN.fullmatch(given) is not None
            and given not in self.shape.not_name
            and _LOWER_BEFORE.search(text, max(0, m.start() - 2), m.start()) is not None
        )

    def _pen_name(self, scratch: _Scratch, words: list[Word], clause_start: int) -> bool:
        """Two or three syllables right after a strong anchor, or after a title that is one ("đồng chí
        Trường Chinh", "Chủ tịch Hội đồng Nhà nước Trường Chinh"): a pen or given name even when its
        first word is no surname; an organisation ("đồng chí Ban Tuyên giáo") or a place is none."""
        at = words[0][0]
        if not 2 <= len(words) <= 3 or scratch.left.text[at - 1 : at] != " ":
            return False
        if any(" ".join(w[2] for w in words[:k]).lower() in self.anchors.org_set for k in (1, 2)):
            return False
        if scratch.left.ends_with(at, self.anchors.pen_set):
            return True
        if not scratch.left.ends_with(at, self.anchors.pen_tails):
            return False  # the costlier title look-up only after the last words of a strong title
        title = scratch.titles.pre_title(clause_start, at).title
        return title is not None and " ".join(title.lower().split()) in self.anchors.pen_set

    # -- pass 2 -------------------------------------------------------------------------------------

    def _unanchored(
        self, scratch: _Scratch, m: regex.Match[str], run: Word, known: set[str], known_words: set[str]
    ) -> _Found | None:
        """Pass 2 on run `m` (`run`: its start, end and text)."""
        doc, shape = scratch.doc, self.shape
        text = doc.text
        run_end, group = run[1], run[2]
        parts = group.split()
        suffix = scratch.suffixes.get(run_end)
        if suffix is not None:  # "Giang còi" after "diễn viên Giang còi"
            words = self._words(scratch, m)
            return self._known_or_given(scratch, [*words, suffix], known) if words else None
        if len(parts) < 2:
            return self._initialled(scratch, run)
        if group in shape.person_places or group in self.anchors.streets:
            return self._famous(scratch, m, known)
        if (
            group.isascii()
            and len(parts) <= 3
            and (
                text.startswith(shape.foreign_speech, run_end)
                or (_APPOSITIVE.match(text, run_end) and scratch.titles.post_titles(run_end, len(text)))
            )
        ):
            found = self._speaker(scratch, m)
            if found is not None:
                return found
        if (
            shape.surnames.isdisjoint(parts)
            and not any(p in group for p in shape.name_prefixes)
            and not any(map(shape.given_word, parts))
            and shape.family_first.isdisjoint(parts)
            and known_words.isdisjoint(parts)
            and parts[-1] not in shape.cap_suffixes
        ):
            return None  # a name found here opens with a surname or a given name, or was seen before
        words = self._words(scratch, m)
        if len(words) > 1 and words[0][2].lower() in self.hon_words:
            words = words[1:]
        if (
            parts[-1] in shape.cap_suffixes
            and shape.suffixed(words)
            and not scratch.left.neg_left(words[0][0])
        ):
            name = " ".join(w[2] for w in words)  # "Hương Giang Idol": a stage name by its suffix
            return _Found(words[0][0], words[-1][1], name, "bare", self.settings.score_bare)
        split = shape.split(scratch.left, words, anchored=False, direct_title=False)
        if split is None:
            return self._known_or_given(scratch, words, known)
        i, foreign, consumed = split
        name_words = words[i:]
        name = " ".join(w[2] for w in name_words)
        start, end = name_words[0][0], name_words[-1][1]
        if repeats(name_words):
            return None
        if f" {name} " in f" {' '.join(doc.authors)} ":
            return None  # a sign-off at the end of the text, one writer or two ("Hồng Dương  Mộng Tuyền")
        if person_key(name) in known:
            return _Found(start, end, name, "known", self.settings.score_known)
        if name in self.anchors.streets:
            return None
        if foreign:
            return None
        # a short or weak name is one as the whole run before an age ("Triệu Dương (24 tuổi)")
        aged = i == 0 and shape.surname(name_words[0][2]) and self.age_after.match(text, end) is not None
        if (
            (len(name_words) < shape.min_bare or name_words[0][2] in shape.weak)
            and not aged
            and not (len(name_words) >= shape.min_bare and self._addressed_given(scratch, name_words[-1][2]))
        ):
            return None
        if consumed or any(not shape.vn(w[2]) for w in name_words):
            return None
        if any(" ".join(w[2] for w in name_words[k:]) in shape.places for k in (1, len(name_words) - 2)):
            # the rest after the first word, or a place of two words ending four ("Hoàng Thư Đà Nẵng": a club)
            return None
        if text[start - 1 : start] == '"' and text[end : end + 1] == '"':
            return None  # a quoted title of a song, a film, a book
        if name_words[0][2] in self.landmark_surnames and not name_model().middle_person(name_words[1][2]):
            return None  # "Hồ Nước Xanh": a lake, its second word no person's middle name
        return _Found(start, end, name, "bare", self.settings.score_bare)

    @staticmethod
    def _addressed_given(scratch: _Scratch, word: str) -> bool:
        """Whether the article writes `word` alone after a kin word or honorific ("bé Thảo"): a full
        name ending in it opens with a surname, a weak one too ("Đồng Phương Thảo")."""
        if scratch.addressed is None:
            left = scratch.left
            scratch.addressed = frozenset(
                run
                for start, _, run in scratch.spans
                if " " not in run and left.given_before(start, start, False)
            )
        return word in scratch.addressed

    def _famous(self, scratch: _Scratch, m: regex.Match[str], known: set[str]) -> _Found | None:
        """A famous figure's name that also names places and streets ("Hồ Chí Minh"): a person after a
        word of `famous_before` ("tư tưởng Hồ Chí Minh"), or when the article names them so after a
        title and this mention follows no place, street, organisation or acronym in its clause ("TP Hồ Chí
        Minh"; not "Tổng Bí thư, Trường Chinh ...")."""
        left, at = scratch.left, m.start()
        before = scratch.doc.text[max(0, at - 24) : at].rsplit(",", 1)[-1].split()[-2:]
        if left.ends_with(at, self.anchors.not_famous_set) or quoted(scratch.doc.text, at):
            return None  # a quote opening on the name: a work's title ("“Hồ Chí Minh đẹp nhất tên Người”")
        if left.ends_with(at, self.anchors.famous_set) or (
            person_key(m.group()) in known
            and not left.thing_left(at)
            and not any(w[:1].isupper() for w in before)  # "Học viện Chính trị Quốc gia Hồ Chí Minh"
        ):
            return _Found(at, m.end(), m.group(), "famous", self.settings.score_known)
        return None

    def _speaker(self, scratch: _Scratch, m: regex.Match[str]) -> _Found | None:
        """A foreign name of two or three words whose given name is not listed, the subject of a verb
        of saying ("Deborah Nelson cho biết") or before a title ("Tom Price, Bộ trưởng Y tế"); brands and
        firms hold a word of `not_name_words`."""
        words = self._words(scratch, m)
        if (words and words[0][2] in self.breakers) or (
            len(words) > 2 and self.shape.vn(words[0][2]) and underthesea_adapter.common_word(words[0][2])
        ):
            words = words[1:]  # "Theo Joni Teves, chuyên gia ...", "Theo Reuters, ...": a sentence opener
        elif len(words) > 2 and words[1][2] in self.shape.given and words[0][2] not in self.shape.given:
            words = words[1:]  # "trưởng Manila Oscar Albayalde nói": a name opens on its given name
        elif len(words) > 2 and scratch.left.ends_with(words[0][0], self.anchors.admin_set):
            words = words[1:]  # "Thống đốc tỉnh Fukuoka Ogawa Hiroshi, ...": the province is the title's
        if len(words) < 2 or words[-1][1] != m.end() or not self.shape.foreign([w[2] for w in words]):
            return None
        name = " ".join(w[2] for w in words)
        if name in self.shape.places:
            return None  # "tại Trụ sở Liên Hợp Quốc, New York, Thủ tướng ..."
        left, at = scratch.left, words[0][0]
        if left.neg_left(at) or left.credit_left(at) or left.ends_with(at, self.anchors.prepositions):
            return None  # "tờ Page Six", "của En Marche"
        if left.acronym_left(at):
            return None  # "SSI Retail Research": a firm's unit
        return _Found(words[0][0], words[-1][1], name, "foreign", self.settings.score_foreign)

    def _initialled(self, scratch: _Scratch, run: Word) -> _Found | None:
        """A transcribed foreign surname after glued initials ("Ph.Tim-mơ-man", "C.Ét-xép-xi"): a run of
        one hyphenated word, or a foreign surname the article writes after a listed given name too
        ("F.Hollande" beside "Francois Hollande") or that is a one-word name of the register
        ("D.Trump", "S.Abe"); a bare initial, or a ward or district ("P.", "Q.") before it, is none.
        Two initials and a space before a foreign surname are a name too ("H.R. McMaster"; not "U.S.
        Dollar": `negative_glued`). `run`: the run's start, end and text."""
        run_start, run_end, word = run
        if " " in word or len(word) < 3:
            return None  # a short surname counts: "S.Abe" beside "Shinzo Abe"
        text = scratch.doc.text
        spaced = text[run_start - 2 : run_start] == ". "
        if not (spaced or text[run_start - 1 : run_start] == "."):
            return None
        at = run_start - spaced
        small, prev = text[at - 2 : at - 1], text[at - 3 : at - 2]  # the letters before the full stop
        if small.islower() and (not prev or prev.islower() or prev.isspace()):
            return None  # a word of small letters ends there ("nay."): no initial opens a match
        ini = _INITIALS.search(text[max(0, at - 9) : at])
        if ini is None or ini.group() in self.anchors.glued:
            return None
        if spaced:  # not the middle initials after a given name ("George H.W. Bush": `_middle_initials`)
            before = text[max(0, at - len(ini.group()) - 20) : at - len(ini.group())].split()[-1:]
            if (
                ini.group().count(".") < 2
                or self.shape.vn(word)
                or word in self.shape.not_name
                or (before and before[0][:1].isupper())
            ):
                return None
        start = at - len(ini.group())
        if not spaced and "-" not in word and not self._given_before(text, word):
            # a one-word name of the register, the initials opening the name (after a place at most,
            # "Tổng thống Mỹ D.Trump"): not the middle initial of "George W.Bush", "sân bay John F.Kennedy"
            before = text[max(0, start - 24) : start].split()[-2:]
            last = before[-1] if before else ""
            if (
                self.shape.vn(word)
                or self.register.key(word) is None
                or (
                    last != last.lower()  # a capitalised word before the initials
                    and last not in self.shape.places
                    and " ".join(before) not in self.shape.places  # "Thủ tướng Nhật Bản S.Abe"
                )
            ):
                return None
        return _Found(start, run_end, text[start:run_end], "foreign", self.settings.score_foreign)

    def _given_before(self, text: str, word: str) -> bool:
        """Whether the foreign `word` follows a listed foreign given name somewhere in `text`."""
        if self.shape.vn(word):
            return False
        at = text.find(" " + word)
        while at >= 0:
            end = at + 1 + len(word)
            if (
                text[text.rfind(" ", 0, at) + 1 : at] in self.shape.given
                and not text[end : end + 1].isalpha()
            ):
                return True
            at = text.find(" " + word, at + 1)
        return False

    def _short_names(self, scratch: _Scratch, found: dict[int, _Found], taken: list[tuple[int, int]]) -> None:
        """Pass 3: the given name of a full Vietnamese name found in the article, used alone ("Mỹ Chi" of
        "Phương Mỹ Chi"), the last word of one right after a title head or a role ("Bí thư Hải", "bị
        cáo Dung") or listed after such a word, and the listed given name of a foreign one ("Susan");
        all take the key of the full name (`_full_keys`)."""
        shape, left = self.shape, scratch.left
        givens: set[str] = set()
        lasts: set[str] = set()
        firsts: set[str] = set()  # "Susan" of "Susan Saradon": a listed foreign given name used alone
        for f in found.values():
            words = f.name.split()
            if len(words) >= 2 and words[0] in shape.given and not shape.vn(words[-1]):
                firsts.add(words[0])
                lasts.add(words[-1])  # "Phát ngôn viên Spicer" of "Sean Spicer", after a title or role only
            elif len(words) == 3 and words[0] in shape.given and words[0].isascii() and shape.vn(words[1]):
                givens.add(" ".join(words[1:]))  # "ông Hạnh Nguyễn" of "Jonathan Hạnh Nguyễn"
            if f.rule != "foreign" and len(words) >= 2 and all(map(shape.vn, words)):
                lasts.add(words[-1])
                given = " ".join(words[-2:])
                if (
                    len(words) >= 3
                    and shape.surname(words[0])
                    and given not in shape.places
                    and words[-2].lower() not in shape.neg_words  # "Đào Vân Báo Gia": a newspaper
                ):
                    givens.add(given)
        self._subjects(scratch, found, taken)
        addressed = self._addressed(scratch, lasts)
        lasts |= addressed
        if not lasts and not firsts and not givens:
            return
        one_ends = {f.end for f in found.values() if " " not in f.name}  # one-word names found
        for k, (m, (start, end, run)) in enumerate(zip(scratch.runs, scratch.spans, strict=True)):
            parts = run.split()
            first = len(parts) == 1 and parts[0] in firsts and not _INITIAL_AFTER.match(scratch.doc.text, end)
            if (
                not first
                and (" ".join(parts[-2:]) not in givens if len(parts) > 1 else parts[0] not in lasts)
            ) or overlaps(taken, start, end):
                continue
            run_words = self._words(scratch, m)
            if first and not left.thing_left(start) and not quoted(scratch.doc.text, start):
                short: _Found | None = _Found(start, end, parts[0], "given", self.settings.score_known)
            else:
                short = (
                    self._short_name(scratch, run_words, givens, one_ends, addressed) if run_words else None
                )
            if (
                short is not None
                and not left.streetish(scratch.runs, k)
                and short.name not in scratch.doc.authors
            ):
                found[short.start] = short
                insort(taken, (short.start, short.end))
                if " " not in short.name:
                    one_ends.add(short.end)

    def _addressed(self, scratch: _Scratch, lasts: set[str]) -> frozenset[str]:
        """Vietnamese given names a professional title addresses alone, with no full name in the
        article ending in them (`given_name_titles`: "BS Dung cho biết", "GS Thuần nhấn mạnh";
        convention 1, own key): a one-word run right after such a title, before a punctuation mark or a
        clause verb once at least, no place, organisation or thing word, and a word the name model
        counts as a person's last syllable more often than another run's (not "Sở", "Hội")."""
        text, model, out = scratch.doc.text, name_model(), set()
        for _, end, run in scratch.spans:
            start = end - len(run)
            if (
                " " in run
                or run in lasts
                or run in out
                or not self.shape.vn(run)
                or run in self.shape.places
                or run.lower() in self.org_heads
                or not self._addressed_at(text, start)
                or not (_NAME_END.match(text, end) or scratch.titles.t.stop_re.match(text, end + 1))
            ):
                continue
            if model.last_person(run) >= 2 and model.last[run] > 0:
                out.add(run)
        return frozenset(out)

    def _subjects(self, scratch: _Scratch, found: dict[int, _Found], taken: list[tuple[int, int]]) -> None:
        """A name of two or three Vietnamese syllables met twice or more, once right before a verb of
        saying ("Thu Hà cho biết") or listed with a person found ("Lệ Quyên, Quang Lê"), none of its
        mentions after a street, place or thing word, in quotes or in a full name: a person the text
        names by given or stage name (own key)."""
        text, shape, left = scratch.doc.text, self.shape, scratch.left
        groups: dict[str, list[regex.Match[str]]] = {}
        for m, (_, _, run) in zip(scratch.runs, scratch.spans, strict=True):
            if 1 <= run.count(" ") <= 2:
                groups.setdefault(run, []).append(m)
        ends = {f.end for f in found.values()}
        starts = {f.start for f in found.values()}
        for name, ms in groups.items():
            if len(ms) < 2:
                continue
            words = name.split()
            if (
                name in shape.places
                or not shape.places.isdisjoint(name.split("-"))  # "Việt Nam-Nhật Bản": a pair of places
                or name in scratch.doc.authors
                or (len(words) == 3 and shape.surname(words[0]))  # a full name refused by pass 2
                or not all(map(shape.vn, words))
                or not self.breakers.isdisjoint(words)
                or words[0].lower() in self.hon_words
                or any(" ".join(words[:k]).lower() in self.org_heads for k in (1, 2))
                or not any(
                    text.startswith(shape.speech, m.end())
                    or (
                        not shape.surname(words[0]) and self._mate(text, m, starts, ends)
                    )  # "Nguyễn Kiệm - ..."
                    for m in ms
                )
            ):
                continue
            if any(
                overlaps(taken, m.start(), m.end())
                or scratch.titles.head_at(m.start()) is not None  # "Phó Thủ tướng", "Trưởng Công an"
                or left.thing_left(m.start())
                or text[m.start() - 1 : m.start()] in ('"', "“", "'", "‘")
                for m in ms
            ):
                continue
            for m in ms:
                found[m.start()] = _Found(m.start(), m.end(), name, "subject", self.settings.score_bare)
                insort(taken, (m.start(), m.end()))

    @staticmethod
    def _mate(text: str, m: regex.Match[str], starts: set[int], ends: set[int]) -> bool:
        """Whether run `m` is listed with a person found ("Lệ Quyên, Quang Lê", "Lệ Quyên và Tuấn Hưng")."""
        before = _MATE_BEFORE.search(text, max(0, m.start() - 5), m.start())
        after = _MATE.match(text, m.end())
        return (before is not None and before.start() in ends) or (
            after is not None and after.end() in starts
        )

    def _addressed_at(self, text: str, start: int) -> bool:
        """A professional title of `given_name_titles` right before `start` ("BS ", "bác sĩ "); the last
        word's end tested first (most one-word runs follow none)."""
        lo = max(0, start - _ADDRESS_WINDOW)
        return (
            last_word_ends(text[lo:start], self.addressed_ends)
            and self.addressed_after.search(text, lo, start) is not None
        )

    def _short_name(
        self,
        scratch: _Scratch,
        words: list[Word],
        givens: set[str],
        one_ends: set[int],
        addressed: frozenset[str] = frozenset(),
    ) -> _Found | None:
        """One run of pass 3: a one-word name after a title head or role, or listed after such a name
        ("các đối tượng Trí, Đức, Diễn"), or a given name alone; a given name of `addressed` after its
        title reads on before any lower-case word ("Theo bác sĩ Dung những bệnh ...")."""
        text, left = scratch.doc.text, scratch.left
        if len(words) == 1:
            start, end, name = words[0]
            ended = _NAME_END.match(text, end) or scratch.titles.t.stop_re.match(text, end + 1)
            if not ended and name in addressed and self._addressed_at(text, start):
                ended = NEXT_LOWER.match(text, end)
            heads = scratch.titles
            direct = heads.direct_head(heads.clause_start(start), start) if ended else None
            if direct is not None:  # not "Thủ tướng Chính phủ": a noun, but "Bí thư Hải đã nói"
                title = heads.pre_title(heads.clause_start(start), start).title
                return _Found(start, end, name, "title", self.settings.score_title, [title] if title else [])
            if ended and any(
                text.endswith(g, 0, start) and start - len(g) in one_ends for g in (", ", " và ")
            ):
                return _Found(start, end, name, "honorific", self.settings.score_honorific)
            # after a role (not a title head) any lower-case word may follow: "bị can Qui tội danh ..."
            if (ended or NEXT_LOWER.match(text, end)) and left.one_word_before(start):
                return _Found(start, end, name, "honorific", self.settings.score_honorific)
            return None
        tail = words[-2:]
        before = words[:-2]
        if any(w[2] not in self.breakers and w[2].lower() not in self.hon_words for w in before):
            return None  # "Phương Mỹ Chi" is the full name, "Trường Mỹ Chi" something else
        start, end = tail[0][0], tail[1][1]
        name = text[start:end]
        if name not in givens or (text[start - 1 : start] == '"' and text[end : end + 1] == '"'):
            return None
        prev = text[max(0, start - 12) : start].rsplit(None, 1)[-1:]
        heads = scratch.titles
        if (
            prev
            and prev[0][-1].isalpha()  # "Phương Mỹ Chi, Thiện Nhân": a list, not a mangled name
            and (prev[0].lower() in self.shape.lower_surnames or any(c.isupper() for c in prev[0]))
            and not (left.hon_before(start) or heads.direct_head(heads.clause_start(start), start))
        ):
            return None  # the tail of a mangled full name: "nguyễn Đức Chung", "LSTrương Thanh Đức"
        # a title head right before the given name is its own ("luật sư Tuấn Anh nói")
        lo = heads.clause_start(start)
        title = heads.pre_title(lo, start).title if heads.direct_head(lo, start) is not None else None
        return _Found(start, end, name, "given", self.settings.score_known, [title] if title else [])

    @staticmethod
    def _complete(text: str, f: _Found, known: Set[str]) -> None:
        """Extend a name by a lower-case word that completes a full name known in the article or in the
        register of public figures (a typo: "Đinh La thăng" beside "Đinh La Thăng", its name mended; a
        foreign name as written, "Kim Jong un"), or by the end of its last word cut off by a stray space
        ("Mauricio Macr i" beside "Mauricio Macri": the span as written, the name mended)."""
        nxt = NEXT_LOWER.match(text, f.end)
        if nxt is None:
            return
        word = nxt.group().strip()
        if person_key(f.name + nxt.group()) in known:
            if f.rule != "foreign":
                word = f"{word[0].upper()}{word[1:]}"
            f.end, f.name = nxt.end(), f"{f.name} {word}"
        elif person_key(f.name + word) in known:
            f.end, f.name = nxt.end(), f.name + word

    def _given_span(self, scratch: _Scratch, words: list[Word]) -> tuple[int, int] | None:
        """`NameShape.given_name`, with the run's first word opening the name when a listed given name
        follows it and it is a capitalised foreign word of no list but `team_names`, written nowhere in
        the article but before that given name, the whole name twice at least, once after a lower-case
        word that is no title head, preposition or thing word ("golf thủ xinh đẹp Chelsea Lynn
        Pezzola"; not "tập đoàn Accenture Pierre Nanterme", nor "HLV Chelsea Antonio Conte" where the
        club is written alone too, nor a watch's "Oyster Paul Newman" met once)."""
        span = self.shape.given_name(words)
        if span is None or span[0] != 1:
            return span
        text, shape, left = scratch.doc.text, self.shape, scratch.left
        first, given = words[0][2], words[1][2]
        if (
            first.isascii()
            and first[1:].islower()
            and len(first) > 2
            and not shape.vn(first)
            and first not in shape.places
            and first not in shape.firm
            and first.lower() not in self.org_heads
        ):
            at = list(whole_words(text, first))
            full = " ".join(w[2] for w in words[: span[1]])
            if (
                text.count(full) > 1
                and all(text.startswith(f" {given}", k + len(first)) for k in at)
                and any(
                    _LOWER_BEFORE.search(text, max(0, k - 2), k) is not None
                    and not left.thing_left(k)
                    and not left.ends_with(k, self.anchors.prepositions)
                    and scratch.titles.direct_head(max(0, k - 60), k) is None
                    for k in at
                )
            ):
                return 0, span[1]
        return span

    def _known_or_given(self, scratch: _Scratch, words: list[Word], known: set[str]) -> _Found | None:
        """A run without a Vietnamese name: the tail of a name anchored elsewhere in the article ("Công
        Ninh" after "NSƯT Công Ninh"), or a foreign full name opening with a given name ("Lionel Messi")."""
        left = scratch.left
        span = self._given_span(scratch, words) or self.shape.surname_first(
            words
        )  # "Marine Le Pen", "Kim Jong-nam"
        if span is not None and not repeats(words[span[0] : span[1]]):
            name_words = words[span[0] : span[1]]
            name = " ".join(w[2] for w in name_words)
            return _Found(name_words[0][0], name_words[-1][1], name, "foreign", self.settings.score_foreign)
        longest = max(self.shape.max_syl, self.shape.max_foreign)
        for i in range(max(0, len(words) - longest), len(words) - 1):  # tails of a name's length only
            name = " ".join(w[2] for w in words[i:])
            if (
                person_key(name) in known
                and name not in self.shape.places
                and not left.ends_with(words[i][0], self.anchors.admin_set)  # "xã Đoàn Tùng"
            ):
                return _Found(words[i][0], words[-1][1], name, "known", self.settings.score_known)
        return None

    # -- words of a run -----------------------------------------------------------------------------

    def _words(self, scratch: _Scratch, m: regex.Match[str]) -> list[Word]:
        """Words of a run, cut before any word that opens a title head ("Nguyễn Văn Nam Giám đốc")."""
        words = scratch.run_words.get(m.start())
        if words is None:
            words = self._cut_run(scratch.titles, m, scratch.ended)
            if len(words) > 4:  # "Trần Văn Nam Quảng Ngãi"
                words = self.shape.trim_place(words)
            nxt = NEXT_LOWER.match(scratch.doc.text, words[-1][1]) if len(words) >= 2 else None
            if self._glued_time(scratch, words) or (
                nxt is not None
                and (
                    # "Phạm Văn Vương Trao đổi": a capitalised verb after a full name
                    (len(words) >= 4 and f"{words[-1][2].lower()}{nxt.group()}" in self.verbs)
                    # "Nguyễn Sỹ Cương Liên quan": a common word opening the next sentence, after a full
                    # name the article writes without it elsewhere
                    or self._glued_sentence(scratch, words, nxt[1])
                    # "Tan Sri Aseh Bộ máy": a foreign name runs into the common word opening the next phrase
                    or self._glued_word(words, nxt[1])
                )
            ):
                words = words[:-1]
            scratch.run_words[m.start()] = words
        return words

    def _place_typo(self, word: str) -> bool:
        """Whether `word` is a long one-word place (`typo_places`) with one letter changed, added or
        dropped ("Iarael" for "Israel"), or a one-word place of four letters or more with two
        neighbouring letters swapped ("Fiij" for "Fiji")."""
        n = len(word)
        if n >= 4 and any(
            f"{word[:k]}{word[k + 1]}{word[k]}{word[k + 2 :]}" in self.swap_places for k in range(n - 1)
        ):
            return True
        return any(_one_edit(word, p) for k in (n - 1, n, n + 1) for p in self.typo_places.get(k, ()))

    def _glued_sentence(self, scratch: _Scratch, words: list[Word], nxt: str) -> bool:
        """Whether the last word of a name (past an honorific opening the run) opens the next sentence.
        A Vietnamese name's last word makes a common word with the lower-case word after it ("Cương
        Liên" + "quan", "Ông A Ngư" + "dân", "Trần Lực Sở" + "hữu") and the article writes the name
        without it more often: a caption glued to the next sentence. Or the words before it are a name
        the article writes as a whole name elsewhere: three words, and the name model counts the last
        word as a person's last syllable no more often than as another run's word ("Nguyễn Văn Thọ Mời
        bạn đọc ...", not "Lê Quang Hiếu Tùng" beside "Lê Quang Hiếu": two persons); two words, or one
        foreign word before a word with marks, written so twice or more and more often than with the
        last word, which the model never counts as a person's last syllable ("Diêu Địch Bộ phim ...",
        "Mourinho Trả lời ...")."""
        text = scratch.doc.text
        if words[0][2].lower() in self.hon_words:
            words = words[1:]
        if len(words) < 2:
            return False
        name, last = text[words[0][0] : words[-2][1]], words[-1][2]
        if (
            len(words) >= 3
            and self.shape.surname(words[0][2])
            and underthesea_adapter.common_word(f"{last} {nxt}")
        ):
            return scratch.count(name) > scratch.count(text[words[0][0] : words[-1][1]])
        if len(words) > 4 or (len(words) == 2 and (self.shape.vn(words[0][2]) or last.isascii())):
            return False
        model = name_model()
        if not self.shape.vn(last) or model.last_person(last) > (
            model.other_runs(last) if len(words) == 4 else 0
        ):
            return False
        whole = scratch.count(name, whole=True)  # the run itself is none: a capitalised word follows
        if len(words) == 4:
            return whole >= 1
        return whole >= max(2, scratch.count(text[words[0][0] : words[-1][1]]) + 1)

    def _glued_time(self, scratch: _Scratch, words: list[Word]) -> bool:
        """Whether the last word of a name of three or more words is a capitalised time word opening the
        next sentence, its full stop missing ("Nguyễn Văn An Chiều 13/5, ..."): a word of
        `title_time_words` before a date or a word of `time_word_days`, after a name the article writes
        without it more often."""
        if len(words) < 3 or words[-1][2].lower() not in self.time_words:
            return False
        text = scratch.doc.text
        if self.time_after.match(text, words[-1][1]) is None:
            return False
        return scratch.count(text[words[0][0] : words[-2][1]]) > scratch.count(
            text[words[0][0] : words[-1][1]]
        )

    def _glued_word(self, words: list[Word], nxt: str) -> bool:
        """Whether the last word of a foreign run (ASCII words, a last one with marks) makes a common
        word with the lower-case word after it ("Aseh Bộ" + "máy"): it opens the next phrase."""
        last = words[-1][2]
        return (
            not last.isascii()
            and all(w[2].isascii() for w in words[:-1])
            and not all(self.shape.vn(w[2]) for w in words[:-1])
            and underthesea_adapter.common_word(f"{last} {nxt}")
        )

    def _cut_run(
        self, heads: TitleScan, m: regex.Match[str], ended: frozenset[tuple[str, ...]]
    ) -> list[Word]:
        """`_words` without the cache; `ended`: `_breaker_ends`."""
        run = m.group()
        parts = run.split()
        words: list[Word] = []
        at, base = 0, m.start()
        for part in parts:
            at = run.find(part, at)
            end = at + len(part)
            words.append((base + at, base + end, part))
            at = end
        if _SPACED_PARTICLE.search(run) is not None:  # "van der Burg": one word with the word after it
            words = _glue_particles(m.string, words)
        words = _cut_glued_head(heads, words)
        parts = [w[2] for w in words]
        first = heads.head_from(m.start())
        if (first is None or first.start() >= m.end()) and self.breakers.isdisjoint(parts[1:]):
            return words  # no head and no breaker in the run
        skip_to = -1  # a capitalised title opening the run ("Nguyên Tổng Bí Thư Nông Đức Mạnh") is skipped
        for j, (ws, _, word) in enumerate(words):
            if ws < skip_to:
                continue
            head = heads.head_at(ws)
            if head is not None and not self._ends_place(words, j):
                before = [w for w in words[:j] if w[0] >= skip_to]
                # a place glued to a capitalised head is a caption's end ("... Bình Nhưỡng Tướng A")
                if before and " ".join(w[2] for w in before) not in self.shape.places:
                    return before
                skip_to = head.end()
            elif (
                j > 0
                and word in self.breakers
                and any(w[0] >= skip_to for w in words[:j])
                and tuple(w[2] for w in words[max(0, j - 2) : j + 1]) not in ended
            ):
                return [w for w in words[:j] if w[0] >= skip_to]
        return [w for w in words if w[0] >= skip_to]

    def _ends_place(self, words: list[Word], j: int) -> bool:
        """Whether word `j` ends a place with the words before it: a head opening there is none
        ("Trung Quốc Vương Nghị" holds no "Quốc vương")."""
        return any(
            " ".join(w[2] for w in words[j - k : j + 1]) in self.shape.places for k in (1, 2) if j >= k
        )


def _cut_glued_head(heads: TitleScan, words: list[Word]) -> list[Word]:
    """Words of a run up to a title head glued to a word by a hyphen ("Nguyễn Văn An-Chủ tịch UBND"):
    the name ends at the hyphen, and the title is read after it."""
    for j, (ws, _, word) in enumerate(words):
        if "-" not in word:
            continue
        cut = next((k for k, c in enumerate(word) if c == "-" and heads.head_at(ws + k + 1)), 0)
        if cut:
            return [*words[:j], (ws, ws + cut, word[:cut])]
    return words


def _glue_particles(text: str, words: list[Word]) -> list[Word]:
    """`words` (offsets into `text`) with the lower-case particles glued to the word after them ("van",
    "der", "Burg" → "van der Burg"); the run pattern ends every particle with a capitalised word."""
    out: list[Word] = []
    opened: Word | None = None
    for w in words:
        if w[2].islower():
            opened = opened or w
            continue
        if opened is not None:
            w = (opened[0], w[1], text[opened[0] : w[1]])
            opened = None
        out.append(w)
    return out


def _one_edit(a: str, b: str) -> bool:
    """Whether `a` and `b` differ by exactly one substituted, inserted or deleted letter."""
    if len(a) < len(b):
        a, b = b, a
    k = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), len(b))
    if len(a) == len(b):
        return k < len(a) and a[k + 1 :] == b[k + 1 :]
    return a[k + 1 :] == b[k:]


def _same_title(a: _Found, b: _Found) -> bool:
    """Whether two names hold the same title right before them: a list of one title ("gồm ĐB A, Phó
    Giám đốc Sở X, ĐB B"), whose comma segments between the names are the first one's post titles."""
    return bool(a.pre_titles) and a.pre_titles[-1:] == b.pre_titles[-1:]


def _dash_tail(text: str, chain: list[str], clause_start: int, start: int) -> list[str]:
    """The `chain` read before the spaced dash that ends at `clause_start`, its last title taking the
    words between the dash and the name at `start` ("Chủ tịch Hội hữu nghị Việt - Trung A")."""
    tail = text[clause_start:start].strip()
    if tail and text[clause_start - 2 : clause_start + 1] == " - ":
        return [*chain[:-1], f"{chain[-1]} - {tail}"]
    return chain


def _not_roles_in_brackets(text: str, found: list[_Found]) -> list[_Found]:
    """`found` without a short form of one person's name alone in brackets right after another
    person's name: the role that actor plays ("Lý Văn An (Tiểu Hổ)", the character "Vương Tiểu Hổ";
    the ruling of 2026-12-03)."""
    ends = {f.end: f.name for f in found}
    fulls = [f.name for f in found if " " in f.name]
    return [
        f
        for f in found
        if not (
            text[f.start - 1 : f.start] == "("
            and text[f.end : f.end + 1] == ")"
            and (before := ends.get(f.start - 2)) is not None
            and not before.endswith(f.name)
            and any(n != before and n.endswith(" " + f.name) for n in fulls)
        )
    ]


RECOGNIZER = PersonRecognizer

__all__ = ["RECOGNIZER", "PersonRecognizer", "person_key"]
