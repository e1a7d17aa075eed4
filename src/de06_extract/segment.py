"""Stage 4 — sentences (underthesea's `sent_tokenize` rules) and, on demand, words with POS tags.

Sentence splitting runs on every line; word tokenisation is slow, so recognizers ask for the POS
tags of a short window only where a rule needs words (`pos_window`).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import regex
from pydantic import Field

from .document import Doc
from .rulepacks import RulePack, Settings, read_settings

_SENT_END_CHARS = ".?!"
_SENT_END = regex.compile("[" + regex.escape(_SENT_END_CHARS) + "]")


def split_sentences(doc: Doc) -> None:
    """Set `doc.sentence_starts`: one entry per sentence, in text order."""
    starts: list[int] = []
    for line in doc.lines:
        _sentence_starts(doc.text, line.start, line.end, starts)
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
    module = importlib.import_module("underthesea.pipeline.sent_tokenize")
    module._load_model()
    words = frozenset(module.sentence_tokenizer.abbrev_types)
    return words, max(map(len, words))


@dataclass(frozen=True)
class Token:
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


PHRASE_TAGS = frozenset({"N", "Nc", "Np", "Nu", "Ny", "A"})
# A noun phrase read after a number never runs past one of these.
CLAUSE_END = "\n\r.;:!?()[]\"',"


class PhraseSettings(Settings):
    """`[settings]` of the `phrases` pack."""

    max_chars: int = Field(gt=0, description="Longest phrase read, in characters.")
    max_words: int = Field(gt=0, description="Longest phrase read, in words.")


class PhraseReader:
    """Reads the noun phrase that starts at a position (counted noun, measured subject).

    Known multi-word phrases from the `phrases` pack win; otherwise POS-tagged words are taken while
    they are nouns/adjectives or listed modifiers, up to a stop word, punctuation or the limits.
    """

    def __init__(self, pack: RulePack) -> None:
        self.known = pack.compile(r"\G\s*+(?P<p>{known})(?![\p{L}\p{N}])")
        self.modifiers = {syl for w in pack.lexicon("modifiers") for syl in w.lower().split()}
        self.stop = {w.lower() for w in pack.lexicon("stopwords")}
        # a stop word ends a phrase; the word after it is the tagger's last context word
        self.stop_after = pack.compile(
            r"(?<![\p{L}\p{N}])(?:{stopwords})(?![\p{L}\p{N}])[ ]*+[\p{L}\p{N}]*+", case_sensitive=False
        )
        settings = read_settings(PhraseSettings, pack)
        self.max_chars, self.max_words = settings.max_chars, settings.max_words

    def read(self, doc: Doc, pos: int, *, verbs: bool = False) -> tuple[int, int] | None:
        """Span (normalised offsets) of the phrase right after `pos`, or None.

        With `verbs`, verbs continue the phrase too ("người dân tham gia dịch vụ công").
        """
        text = doc.text
        if m := self.known.match(text, pos):
            return m.start("p"), m.end("p")
        end = pos
        limit = min(len(text), pos + self.max_chars)
        while end < limit and text[end] not in CLAUSE_END:
            end += 1
        if not text[pos:end].strip() or not text[pos:end].lstrip()[:1].isalpha():
            return None
        if stop := self.stop_after.search(text, pos, end):
            end = stop.end()

        def fits(tok: Token, low: str, first: bool) -> bool:
            listed = self.listed(low)
            tag_ok = tok.tag in PHRASE_TAGS or (verbs and not first and tok.tag == "V")
            return (
                (tag_ok or listed) and not (tok.tag == "M" and not listed) and not (first and tok.tag == "Np")
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
        """Whether every syllable of a lower-cased word is a listed modifier."""
        return all(syl in self.modifiers for syl in low.split())


# -- a faster underthesea.pos_tag ----------------------------------------------------------------
# underthesea's CRF POS tagger (6.8) builds its features in pure Python, re-parsing each feature
# template with a regex and rebuilding the sentence's columns for every token and template; that was
# most of de06's run time. `pos_tag` computes exactly the same feature strings once per sentence and
# calls the same model, so the tags are identical (tests/test_fuzz.py checks it against underthesea).


@dataclass(frozen=True)
class _Template:
    prefix: str
    index1: int
    index2: int | None
    column: int
    func: str | None


_TAGGER: tuple[Any, list[_Template], Callable[[str], bool]] | None = None


def _tagger() -> tuple[Any, list[_Template], Callable[[str], bool]]:
    global _TAGGER
    if _TAGGER is None:
        import re

        from underthesea.pipeline.pos_tag.model_crf import CRFPOSTagPredictor
        from underthesea.pipeline.pos_tag.tagged_feature import text_istitle

        predictor = CRFPOSTagPredictor.Instance()
        syntax = re.compile(
            r"T\[(?P<index1>\-?\d+)(\,(?P<index2>\-?\d+))?\](\[(?P<column>.*)\])?(\.(?P<function>.*))?"
        )
        templates = []
        for token_syntax in predictor.transformer.template:
            m = syntax.match(token_syntax)
            assert m is not None
            templates.append(
                _Template(
                    f"{token_syntax}=",
                    int(m.group("index1")),
                    int(m.group("index2")) if m.group("index2") else None,
                    int(m.group("column")) if m.group("column") else 0,
                    m.group("function"),
                )
            )
        _TAGGER = (predictor.model, templates, text_istitle)
    return _TAGGER


def _features(
    words: list[str], templates: list[_Template], istitle: Callable[[str], bool]
) -> list[list[str]]:
    """underthesea's feature strings, one template (a column of features) at a time."""
    n = len(words)
    tags = ["X"] * n  # underthesea tags (word, "X") pairs: column 1 is always "X"
    cache: dict[tuple[int, str | None], list[str]] = {}
    columns: list[list[str]] = []
    for t in templates:
        base = words if t.column == 0 else tags
        if t.index2 is None:
            key = (t.column, t.func)
            values = cache.get(key)
            if values is None:
                values = cache[key] = [_apply(t.func, w, istitle) for w in base]
            lo, hi = t.index1, t.index1
        else:
            values = [
                _apply(t.func, " ".join(base[a : a + t.index2 - t.index1 + 1]), istitle) for a in range(n)
            ]
            lo, hi = t.index1, t.index2
        p = t.prefix
        columns.append(
            [
                p + "BOS" if i + lo < 0 else (p + "EOS" if i + lo >= n or i + hi >= n else p + values[i + lo])
                for i in range(n)
            ]
        )
    return [list(row) for row in zip(*columns, strict=True)]


def _apply(func: str | None, word: str, istitle: Callable[[str], bool]) -> str:
    if func is None:
        return word
    if func == "lower":
        return word.lower()
    if func == "istitle":
        return str(istitle(word))
    if func == "isdigit":
        return str(word.isdigit())
    raise ValueError(f"feature function {func!r} not supported")


def pos_tag(text: str) -> list[tuple[str, str]]:
    """Same result as `underthesea.pos_tag(text)`, several times faster."""
    from underthesea import word_tokenize

    words = word_tokenize(text)
    if not words:
        return []
    model, templates, istitle = _tagger()
    return list(zip(words, model.tag(_features(words, templates, istitle)), strict=True))


@lru_cache(maxsize=4096)
def _pos_tag_cached(text: str) -> tuple[tuple[str, str], ...]:
    """Recognizers often tag the same window twice (a range and its number, a phrase)."""
    return tuple(pos_tag(text))
