"""Stage 4 — sentences (underthesea's `sent_tokenize` rules) and, on demand, words with POS tags.

Sentence splitting runs on every line; word tokenisation is slow, so recognizers ask for the POS
tags of a short window only where a rule needs words (`pos_window`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import NamedTuple

import regex
from pydantic import Field

from . import underthesea_adapter
from .document import Doc
from .rulepacks import RulePack, Settings, kept_regex, read_settings

# A proper name after a space: a capital then a small letter ("3 nước Đông Nam Á", "chặng đường MotoGP");
# acronyms ("thẻ BHYT", "trạm BOT") stay in a counted noun.
NAME_NEXT = kept_regex(r"\s++\p{Lu}\p{Ll}")

_ACRONYM = regex.compile(r"\p{Lu}{2,5}")
_NAME_AFTER = regex.compile(r"[ ]++\p{Lu}\p{Ll}*+[ ]++\p{Lu}")  # two capitalised words: a name goes on
_SENT_END_CHARS = ".?!"
_SENT_END = regex.compile("[" + regex.escape(_SENT_END_CHARS) + "]")


def split_sentences(doc: Doc) -> None:
    """Set `doc.sentence_starts`: one entry per sentence, in text order."""
    starts: list[int] = []
    port = underthesea_adapter.version_tested()  # else the abbreviations may differ: underthesea's own
    for line in doc.lines:
        if port:
            _sentence_starts(doc.text, line.start, line.end, starts)
        else:
            starts.extend(
                line.start + at
                for at in underthesea_adapter.public_sentence_starts(doc.text[line.start : line.end])
            )
    doc.sentence_starts = starts


def _sentence_starts(text: str, lo: int, hi: int, out: list[int]) -> None:
    """Append where underthesea's `sent_tokenize(text[lo:hi])` starts its sentences.

    The same rules as underthesea's Punkt-style loop (a boundary after . ? ! unless inside a number
    or after a known abbreviation; "..." ends a sentence before a capital) with a regex jumping from
    mark to mark instead of a Python step per character, and the abbreviation look-back bounded by
    the longest abbreviation so hostile runs of "1.1.1..." stay linear. tests/test_fuzz.py checks it
    against underthesea.
    """
    abbreviations, longest = _abbreviations()
    start = i = lo

    def emit(a: int, b: int) -> None:
        piece = text[a:b]
        if piece.strip():
            out.append(a + len(piece) - len(piece.lstrip()))

    def skip(k: int, chars: str) -> int:
        while k < hi and text[k] in chars:
            k += 1
        return k

    while (m := _SENT_END.search(text, i, hi)) is not None:
        i = m.start()
        if text[i] == ".":
            dot_end = skip(i, ".")
            if dot_end - i >= 3:  # an ellipsis ends a sentence only before a capital or the end
                after = skip(dot_end, " \t")
                if after >= hi or text[after].isupper():
                    emit(start, dot_end)
                    start = skip(dot_end, " \t\n\r")
                i = dot_end
                continue
            if lo < i < hi - 1 and text[i - 1].isdigit() and text[i + 1].isdigit():
                i += 1  # 1.500.000
                continue
            w = i - 1
            while w >= lo and i - w <= longest + 1 and (text[w].isalnum() or text[w] == "."):
                w -= 1
            word = text[w + 1 : i]
            if word and word.lower() in abbreviations:
                i += 1
                continue
        end = skip(i + 1, _SENT_END_CHARS)
        emit(start, end)
        start = i = skip(end, " \t\n\r")
    emit(start, hi)


@lru_cache(maxsize=1)
def _abbreviations() -> tuple[frozenset[str], int]:
    """underthesea's sentence-tokenizer abbreviations and the longest one's length."""
    words = underthesea_adapter.abbreviations()
    return words, max(map(len, words))


class Token(NamedTuple):
    """A tagged word and its span (a tuple: made for every word of every tagged window)."""

    text: str
    tag: str
    start: int
    end: int


def pos_window(doc: Doc, start: int, end: int) -> list[Token]:
    """POS-tagged words of doc.text[start:end] with their offsets (normalised text)."""
    window = doc.text[start:end]
    tokens: list[Token] = []
    cursor = 0
    for word, tag in _pos_tag_cached(window):
        syllables = word.split()
        at = window.find(syllables[0], cursor) if syllables else -1
        if at < 0:
            continue
        stop = at
        for syl in syllables:
            found = window.find(syl, stop)
            if found < 0:
                break
            stop = found + len(syl)
        tokens.append(Token(window[at:stop], tag, start + at, start + stop))
        cursor = stop
    return tokens


def is_word(words: str) -> bool | None:
    """Whether `words` (syllables) are one word of the tagger's dictionary; None when it cannot tell."""
    known = underthesea_adapter.dictionary()
    return None if known is None else words.lower() in known


NOUN_TAGS = frozenset({"N", "Nc", "Np", "Nu", "Ny"})
PHRASE_TAGS = NOUN_TAGS | {"A"}
# A noun phrase read after a number never runs past one of these.
CLAUSE_END = "\n\r.;:!?()[]\"',"
_CLAUSE_END = regex.compile("[" + regex.escape(CLAUSE_END) + "]")


def clause_end(text: str, pos: int, limit: int) -> int:
    """Where the first CLAUSE_END mark in text[pos:limit] stands, else `limit`."""
    m = _CLAUSE_END.search(text, pos, limit)
    return limit if m is None else m.start()


class PhraseSettings(Settings):
    """`[settings]` of the `phrases` pack."""

    max_chars: int = Field(gt=0, description="Longest phrase read, in characters.")
    max_words: int = Field(gt=0, description="Longest phrase read, in words.")


def _acronym_noun(text: str, tok: Token) -> bool:
    """An acronym of a common noun, which may open a phrase though tagged a proper name ("0,5% GDP", "2%
    CPI"; draw-41); not one opening a name ("CTCP Việt Nam Kỹ Nghệ")."""
    return _ACRONYM.fullmatch(tok.text) is not None and _NAME_AFTER.match(text, tok.end) is None


class PhraseReader:
    """Reads the noun phrase that starts at a position (counted noun, measured subject).

    Known multi-word phrases from the `phrases` pack win; otherwise POS-tagged words are taken while
    they are nouns/adjectives or listed modifiers, up to a stop word, punctuation or the limits.
    """

    def __init__(self, pack: RulePack) -> None:
        self.known = pack.compile(
            r"\G\s*+(?P<p>{known}|{list_nouns}(?:(?:,[ ]++|[ ]++(?:và|hoặc)[ ]++|[ ]?+/[ ]?+){list_nouns})++"
            r"(?![ ]*+(?-i:\p{Lu})))(?![\p{L}\p{N}])"
        )
        self.modifiers = {syl for w in pack.lexicon("modifiers") for syl in w.lower().split()}
        self.noun_parts = {w.lower() for w in pack.lexicon("noun_parts")}
        self.stop = {w.lower() for w in pack.lexicon("stopwords")}
        # a stop word ends a phrase; the word after it is the tagger's last context word
        self.stop_after = pack.compile(
            r"(?<![\p{L}\p{N}])(?:{stopwords})(?![\p{L}\p{N}])[ ]*+[\p{L}\p{N}]*+", case_sensitive=False
        )
        settings = read_settings(PhraseSettings, pack)
        self.max_chars, self.max_words = settings.max_chars, settings.max_words

    def read(self, doc: Doc, pos: int, *, verbs: bool = False, names: bool = False) -> tuple[int, int] | None:
        """Span (normalised offsets) of the phrase right after `pos`, or None.

        With `verbs`, verbs continue the phrase too ("người dân tham gia dịch vụ công"); with `names`, a
        proper name may open it (after "của", "ở": "vốn điều lệ của BHS", "công ty ở Nhật Bản").
        """
        text = doc.text
        if m := self.known.match(text, pos):
            return m.start("p"), m.end("p")
        end = clause_end(text, pos, min(len(text), pos + self.max_chars))
        if not text[pos:end].strip() or not text[pos:end].lstrip()[:1].isalpha():
            return None
        if stop := self.stop_after.search(text, pos, end):
            end = stop.end()

        def fits(tok: Token, low: str, first: bool) -> bool:
            listed = self.listed(low)
            tag_ok = tok.tag in PHRASE_TAGS or (verbs and not first and tok.tag == "V")
            return (
                (tag_ok or listed)
                and not (tok.tag == "M" and not listed)
                and not (first and tok.tag == "Np" and not names and not _acronym_noun(text, tok))
            )

        return self.take(pos_window(doc, pos, end), fits)

    def take(
        self, tokens: Iterable[Token], fits: Callable[[Token, str, bool], bool]
    ) -> tuple[int, int] | None:
        """Span of the leading `tokens` that make a phrase: each passes `fits(token, its lower-cased
        text, whether it is the first)`; a stop word or more than `max_words` words ends it."""
        span: tuple[int, int] | None = None
        words = 0
        for tok in tokens:
            low = tok.text.lower()
            if low in self.stop or not fits(tok, low, span is None):
                break
            words += len(low.split())
            if words > self.max_words:
                break
            span = (span[0] if span else tok.start, tok.end)
        return span

    def listed(self, low: str) -> bool:
        """Whether a lower-cased word is a listed noun part, or every syllable of it a listed modifier."""
        return low in self.noun_parts or all(syl in self.modifiers for syl in low.split())


@lru_cache(maxsize=4096)
def _pos_tag_cached(text: str) -> tuple[tuple[str, str], ...]:
    """Recognizers often tag the same window twice (a range and its number, a phrase)."""
    return tuple(underthesea_adapter.pos_tag(text))
