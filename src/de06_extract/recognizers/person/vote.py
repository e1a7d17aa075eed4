"""The NER vote: a repeated name with no anchor at all ("Tuấn Vũ", "Jonas Folger", a suspect's "Hiền"),
taken as a person when underthesea's NER model, run on a few sentences holding it, tags exactly that
run PER in most of them. Candidates are few (name-shaped, repeated, no place, team, brand or thing
before or in them) and the sentences run through the model are capped per article, so the model is
loaded and run only on the articles that need it."""

from __future__ import annotations

from collections.abc import Iterator, Set
from dataclasses import dataclass, fields

import regex

from ... import underthesea_adapter
from ...document import Doc
from ...rulepacks import kept_regex, occurrences
from .anchors import SENTENCE_END, LeftContext
from .shape import NEXT_LOWER, NameShape, quoted
from .titles import TitleScan, overlaps

_BRACKETED = kept_regex(r"[ ]?+\(([^()\n]{1,40}+)\)")
_NUMBER_AFTER = kept_regex(r"[ ]\d")
_LETTER = kept_regex(r"[\p{L}\p{M}]")


@dataclass(frozen=True)
class VoteLimits:
    """The pack's limits of the vote (`PersonSettings`)."""

    sentences: int  # sentences run through the model per candidate
    budget: int  # sentences run through the model per article
    candidates: int  # candidate names examined per article, the most mentioned first
    window: int  # characters of a sentence around the name
    mentions: int  # mentions a candidate needs (a one-syllable name needs one more)
    full_mentions: int  # mentions a full Vietnamese name with a surname needs
    single_words: bool  # whether a one-word name may be a candidate
    window_before: int  # characters before a mention searched for a firm word

    @classmethod
    def of(cls, settings: object) -> VoteLimits:
        """The limits from the pack's `vote_<field>` settings."""
        return cls(**{f.name: getattr(settings, f"vote_{f.name}") for f in fields(cls)})


class NerVote:
    """The candidates of an article and the model's vote on them."""

    def __init__(
        self,
        shape: NameShape,
        stop_words: Set[str],
        org_heads: Set[str],
        not_names: Set[str],
        firms: regex.Pattern[str],
        limits: VoteLimits,
    ) -> None:
        self.shape, self.stop_words, self.org_heads, self.limits = shape, stop_words, org_heads, limits
        self.not_names = not_names  # `vote_not_names`
        a = shape.anchors  # words that anchor a name when before it, not in it
        self.openers = a.hon_set | a.given_set | a.one_word_set | a.stage_set
        self.firms = firms  # `vote_firm_words`, case-insensitive

    def persons(
        self,
        doc: Doc,
        runs: list[regex.Match[str]],
        left: LeftContext,
        heads: TitleScan,
        taken: list[tuple[int, int]],
    ) -> list[regex.Match[str]]:
        """The mentions not yet taken of the candidates the model votes persons (a candidate counts
        the mentions taken as a person of the same name too)."""
        text, limits = doc.text, self.limits
        groups: dict[str, list[regex.Match[str]]] = {}
        for m in runs if limits.budget else ():
            if limits.single_words or " " in m.group():
                groups.setdefault(m.group(), []).append(m)
        fewest = min(limits.mentions, limits.full_mentions)
        out: list[regex.Match[str]] = []
        budget = limits.budget
        tagged: dict[int, list[tuple[str, str, str, str]]] = {}  # sentences run through the model
        examined = 0  # candidates looked at: each test may read the whole text
        for name, ms in sorted(groups.items(), key=lambda g: -len(g[1])):
            if budget <= 0 or len(ms) < fewest or examined >= limits.candidates:
                break
            examined += 1
            # a mention opening a quote may be a title ("Minh Hằng" of a song): not taken, no veto either
            free = [m for m in ms if not overlaps(taken, m.start(), m.end()) and not quoted(text, m.start())]
            if (
                not free
                or not self.candidate(doc, name, free, len(ms), left, heads)
                or self._firm(text, name)
            ):
                continue
            if self.common(text, name, ms):
                continue
            sentences = self._sentences(doc, ms)
            votes = against = 0  # sentences where the model tags the run PER, or as something else
            for k, (at, lo, hi) in enumerate(sentences):
                if at not in tagged:
                    budget -= 1
                    tagged[at] = underthesea_adapter.ner(text[lo:hi])
                verdict = _verdict(name, tagged[at])  # None: the run is no whole words there
                votes += verdict is True
                against += verdict is False
                left_ = len(sentences) - k - 1
                if votes > against + left_ or against >= votes + left_:
                    break  # won or lost whatever the rest says
            if votes > against:
                out.extend(free)
        return out

    def candidate(
        self,
        doc: Doc,
        name: str,
        ms: list[regex.Match[str]],
        mentions: int,
        left: LeftContext,
        heads: TitleScan,
        shaped: bool = False,
        given: bool = False,
    ) -> bool:
        """A name-shaped run met `mentions` times (`shaped`: its shape tested by the caller), with no place,
        team, brand, thing or title in or before its free mentions `ms` (`given`: the caller scored its
        last word as a given name's, so a one-word place there is none: "Anh" of "Tuấn Anh")."""
        shape, text = self.shape, doc.text
        words = name.split()
        vn = all(map(shape.vn, words))
        surname = len(words) >= 3 and shape.surname(words[0])
        if len(words) == 1 and not self.limits.single_words:
            return False  # a given name used alone: pass 3 takes it after a full name or a role
        if len(words) == 1:
            # a one-syllable given name, repeated inside sentences (a sentence's first word is no evidence)
            inside = [m for m in ms if SENTENCE_END.search(text, max(0, m.start() - 3), m.start()) is None]
            if not vn or len(inside) < self.limits.mentions + 1:
                return False
        elif min(mentions, len(ms) + 1) < (  # mentions taken as a person elsewhere count once
            self.limits.full_mentions if surname and vn else self.limits.mentions
        ) or not (shaped or (2 <= len(words) <= shape.max_syl if vn else shape.foreign(words))):
            return False
        lowered = [w.lower() for w in words]
        parts = name.replace("-", " ").split()  # "Việt Nam-Lào": places joined by a hyphen
        if all(SENTENCE_END.search(text, max(0, m.start() - 3), m.start()) for m in ms) and any(
            whole_words(text, lowered[0])
        ):
            return False  # "Theo Bộ", "Luật Thuế": a common word capitalised at the sentence start
        return not (
            name in shape.places
            or name in self.not_names
            or name.lower() in text  # written in lower case too: a common noun ("Dự Luật", "dự luật")
            or name in self.shape.anchors.streets
            or name in doc.authors
            or any(w in shape.not_name for w in words)
            or any(
                " ".join(parts[i:j]) in shape.places
                for i in range(len(parts))
                for j in range(i + 1, len(parts) + 1)
                if not (given and i == len(parts) - 1)
            )
            or lowered[0] in self.stop_words  # "Anh Tuấn": an honorific first; "Tuấn Anh" is a name
            or lowered[0] in self.openers  # "Bố Tài", "Tướng Curtis Scaparrotti": a kin word or rank first
            or (not vn and any(_NUMBER_AFTER.match(text, m.end()) for m in ms))  # "Snapdragon 835"
            or any(" ".join(lowered[:k]) in self.org_heads for k in (1, 2))
            or any(
                heads.head_at(m.start()) is not None
                or left.thing_left(m.start())
                or text[m.start() - 1 : m.start()] == "/"  # "Senkaku/Điếu Ngư": another name of one thing
                or self._place_after(text, m.end())
                for m in ms
            )
        )

    def common(self, text: str, name: str, ms: list[regex.Match[str]]) -> bool:
        """A Vietnamese run that opens with a common word of underthesea's dictionary, capitalised ("Dự
        Luật", "Tây Nam Khu"), or whose last word opens one with the next word ("Luật Quản lý")."""
        words = name.split()
        if not all(map(self.shape.vn, words)):
            return False
        if any(underthesea_adapter.common_word(" ".join(words[:k])) for k in range(2, len(words) + 1)):
            return True
        for m in ms:
            nxt = NEXT_LOWER.match(text, m.end())
            if nxt is not None and underthesea_adapter.common_word(f"{words[-1]} {nxt[1]}"):
                return True
        return False

    def _place_after(self, text: str, end: int) -> bool:
        """A place or an admin unit in brackets right after the run: "Cam Lộ (Quảng Trị)", "Linh Trung
        (quận Thủ Đức)": the run names a place."""
        inner = _BRACKETED.match(text, end)
        if inner is None:
            return False
        words = inner[1].split()
        return inner[1] in self.shape.places or any(
            " ".join(words[:k]).lower() in self.shape.anchors.admin_set for k in (1, 2)
        )

    def _firm(self, text: str, name: str) -> bool:
        """Whether a firm, brand or paper word stands shortly before some mention of `name` in its line."""
        return any(self.firm_before(text, at) for at, _ in occurrences(text, (name,)))

    def firm_before(self, text: str, at: int) -> bool:
        """Whether a word of `vote_firm_words` stands in the `window_before` characters before `at`, in
        its line."""
        lo = max(0, at - self.limits.window_before, text.rfind("\n", 0, at) + 1)
        return self.firms.search(text, lo, at) is not None

    def _sentences(self, doc: Doc, ms: list[regex.Match[str]]) -> list[tuple[int, int, int]]:
        """Up to `sentences` distinct sentences holding the name: (sentence index, start, end), each cut
        to `window` characters around the mention and to its line."""
        text, window = doc.text, self.limits.window
        out: dict[int, tuple[int, int, int]] = {}
        for m in ms:
            k = doc.sentence_at(m.start())
            if k in out:
                continue
            lo, hi = doc.sentence_bounds(k)
            lo = max(lo, m.start() - window, text.rfind("\n", 0, m.start()) + 1)
            line_end = text.find("\n", m.end())
            hi = min(hi, m.end() + window, line_end if line_end >= 0 else len(text))
            out[k] = (k, lo, hi)
            if len(out) >= self.limits.sentences:
                break
        return list(out.values())


def _verdict(name: str, tagged: list[tuple[str, str, str, str]]) -> bool | None:
    """Whether the model tags `name` exactly as one PER entity where it is whole words of the sentence
    (B-PER then I-PER, no I-PER after); None where the word segmentation runs it into other words
    ("Tuấn Vũ hát"): the model gives no opinion on the name there."""
    words = [w for w, _pos, _chunk, _tag in tagged]
    tags = [t for _w, _pos, _chunk, t in tagged]
    for i in range(len(words)):
        j, joined = i, ""
        while j < len(words) and len(joined) < len(name):
            joined = f"{joined} {words[j]}" if joined else words[j]
            j += 1
        if joined != name:
            continue
        return (
            tags[i] == "B-PER"
            and all(t == "I-PER" for t in tags[i + 1 : j])
            and (j == len(words) or tags[j] != "I-PER")
        )
    return None


def whole_words(text: str, word: str) -> Iterator[int]:
    """Where `word` stands in `text` as a whole word (no letter or mark on either side), as written."""
    at = text.find(word)
    while at >= 0:
        end = at + len(word)
        if not (at and _LETTER.match(text, at - 1)) and not _LETTER.match(text, end):
            yield at
        at = text.find(word, at + 1)
