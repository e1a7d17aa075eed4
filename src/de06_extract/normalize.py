"""Stage 2 — normalise text for matching while keeping a map back to the original offsets.

The normalised copy is NFC, uses modern tone-mark placement ("hoà" → "hòa", "Uỷ" → "Ủy",
underthesea's table), plain spaces, straight quotes and ASCII hyphens, and drops zero-width
characters. Rules match on the copy; `NormalizedText.span_to_original` turns a span of the copy
into a span of the original, so `original[start:end]` is always the text the fact came from.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_right
from collections.abc import Iterable, KeysView
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import lru_cache

import regex

from .rulepacks import kept_regex
from .underthesea_adapter import tone_marks

_CHAR_MAP = {
    **dict.fromkeys("\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a", " "),
    **dict.fromkeys("\u202f\u205f\u3000\t", " "),
    **dict.fromkeys("\u200b\u200c\u200d\u2060\ufeff\u00ad", ""),
    **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb", '"'),
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032", "'"),
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
    "\u00f0": "đ",
    "\u00d0": "Đ",
}
# HTML entities left in scraped text ("giá35,2&nbsp;triệu"): read as the character they stand for.
_ENTITIES = {
    "&nbsp;": " ",
    "&amp;": "&",
    "&quot;": '"',
    "&#39;": "'",
    "&apos;": "'",
    "&lt;": "<",
    "&gt;": ">",
    "&ndash;": "-",
    "&mdash;": "-",
    "&lsquo;": "'",
    "&rsquo;": "'",
    "&ldquo;": '"',
    "&rdquo;": '"',
}
# A mapped character, or a run of combining marks (rewritten with its base character, found below):
# a plain class scans fast, an optional base before the marks would be tried at every position.
_CHARS = r"\p{M}++|[" + regex.escape("".join(_CHAR_MAP)) + "]"
_REWRITE = kept_regex(_CHARS)
# ... or an entity: used only on a text holding "&", the entity alternative slows the scan.
_REWRITE_ENTITIES = kept_regex(r"&(?:nbsp|amp|quot|#39|apos|lt|gt|ndash|mdash|[lr]squo|[lr]dquo);|" + _CHARS)
_MARKS = kept_regex(r"\p{M}*+")
_WORD = kept_regex(r"\w{2,6}+")


def title_case(name: str) -> str:
    """A name written all in capitals or all in small letters, title-cased word by word ("NGUYỄN VĂN AN"
    → "Nguyễn Văn An", as bylines and bylined names are shown); any other name as written, single-spaced."""
    if name.isupper() or name.islower():
        return " ".join(w[:1].upper() + w[1:].lower() for w in name.split())
    return " ".join(name.split())


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower case without diacritics, đ → d ("Nguyễn" → "nguyen", "Nghị quyết QĐ" → "nghi quyet qd")."""
    return strip_marks(text.lower().replace("đ", "d"))


def strip_marks(text: str) -> str:
    """`text` without its combining marks, case kept ("Plíšková" → "Pliskova", "Jeļena" → "Jelena")."""
    nfd = unicodedata.normalize("NFD", text)
    return "".join(c for c in nfd if not unicodedata.combining(c))


def _match_case(template: str, word: str) -> str:
    return "".join(w.upper() if t.isupper() else w for t, w in zip(template, word, strict=True))


@dataclass(frozen=True)
class _Edit:
    """A piece of the normalised text whose length differs from the original piece it replaces."""

    norm_start: int
    norm_end: int
    orig_start: int
    orig_end: int


@dataclass(frozen=True)
class NormalizedText:
    """The original text, its normalised copy and the offset map between them."""

    original: str
    text: str
    edits: tuple[_Edit, ...]
    words: frozenset[str]  # the distinct whitespace-separated words of `text`, lower-cased
    odd_words: tuple[str, ...]  # those of `words` not all letters or longer than 6 (`_odd_words`)
    lower: str  # `text` lower-cased (made for `words`; `Doc.lower` reads it)
    _edit_starts: tuple[int, ...] = ()

    def _orig_pos(self, i: int) -> tuple[int, _Edit | None]:
        k = bisect_right(self._edit_starts, i) - 1
        if k < 0:
            return i, None
        e = self.edits[k]
        if i < e.norm_end:
            return e.orig_start, e
        return e.orig_end + (i - e.norm_end), None

    def span_to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalised span [start, end) to the original span it came from."""
        o_start, _ = self._orig_pos(start)
        if end <= start:
            return o_start, o_start
        last, inside = self._orig_pos(end - 1)
        return o_start, (inside.orig_end if inside is not None else last + 1)


def normalize(original: str) -> NormalizedText:
    """Build the matching copy of `original` with its offset map."""
    pieces: list[str] = []
    edits: list[_Edit] = []
    norm_len = pos = scan = 0
    rewrite = _REWRITE_ENTITIES if "&" in original else _REWRITE
    while (m := rewrite.search(original, scan)) is not None:
        start, end = m.span()
        table = _ENTITIES if m.group() in _ENTITIES else _CHAR_MAP
        if table is _CHAR_MAP and original[start] not in _CHAR_MAP:  # marks: rewritten with their base
            start -= start > scan  # ... if not taken already
        elif table is _CHAR_MAP:  # a mapped character is the base of any marks after it
            end = _MARKS.match(original, end).end()
        scan = end
        group = original[start:end]
        repl = table[group] if group in table else unicodedata.normalize("NFC", group)
        if repl == group:
            continue
        pieces.append(original[pos:start])
        norm_len += start - pos
        if len(repl) != len(group):
            edits.append(_Edit(norm_len, norm_len + len(repl), start, end))
        pieces.append(repl)
        norm_len += len(repl)
        pos = end
    pieces.append(original[pos:])
    text = "".join(pieces)
    if not unicodedata.is_normalized("NFC", text):  # exotic compositions: map the text as one piece
        text = unicodedata.normalize("NFC", text)
        edits = [_Edit(0, len(text), 0, len(original))]
    text, lower, words, odd = _apply_tone_map(text)
    return NormalizedText(original, text, tuple(edits), words, odd, lower, tuple(e.norm_start for e in edits))


def _apply_tone_map(text: str) -> tuple[str, str, frozenset[str], tuple[str, ...]]:
    """Modern tone placement, word by word (every rewrite keeps the word's length); with the result
    lower-cased, its distinct lower-case words (`NormalizedText.words`) and the odd ones among them."""
    table = tone_marks()
    lower = text.lower()
    words = frozenset(lower.split())
    odd = _odd_words(words)
    if not _has_tone_word(lower, table.keys(), words, odd):
        # the common case: C-level scans only (Vietnamese letters keep their length)
        return text, lower, words, odd

    def fix(m: regex.Match[str]) -> str:
        word = m.group()
        new = table.get(word.lower())
        return _match_case(word, new) if new is not None else word

    fixed = str(_WORD.sub(fix, text))
    lower = fixed.lower()
    words = frozenset(lower.split())
    return fixed, lower, words, _odd_words(words)


def _has_tone_word(
    lower: str, keys: KeysView[str], words: AbstractSet[str] | None = None, odd: Iterable[str] | None = None
) -> bool:
    """Whether a piece `_WORD` finds in `lower` is one of `keys` (words of 2-6 letters). Only the
    distinct whitespace-separated words are read (`words`, and `_odd_words` of them, when the caller
    has them): one of letters alone, up to 6, is its only piece."""
    words = set(lower.split()) if words is None else words
    if not keys.isdisjoint(words):
        return True
    return not keys.isdisjoint(_WORD.findall(" ".join(_odd_words(words) if odd is None else odd)))


def _odd_words(words: Iterable[str]) -> tuple[str, ...]:
    """The words `_WORD` may cut into other pieces than themselves: longer than 6 characters or not all
    letters. Made once per article, also read by the title-head scan (`NormalizedText.odd_words`)."""
    return tuple(w for w in words if len(w) > 6 or not w.isalpha())
