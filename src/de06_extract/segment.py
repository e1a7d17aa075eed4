"""Stage 4 — sentences (underthesea `sent_tokenize`) and, on demand, words with POS tags.

Sentence splitting runs on every line; word tokenisation is slow, so recognizers ask for the POS
tags of a short window only where a rule needs words (`pos_window`).
"""

from __future__ import annotations

from dataclasses import dataclass

from .document import Doc
from .rulepacks import RulePack

MAX_SENTENCE_LINE = (
    20_000  # longer lines are split by a plain full-stop rule (sent_tokenize is quadratic-ish)
)


def split_sentences(doc: Doc) -> None:
    """Set `doc.sentence_starts`: one entry per sentence, in text order."""
    from underthesea import sent_tokenize

    text = doc.text
    starts: list[int] = []
    for line in doc.lines:
        chunk = text[line.start : line.end]
        if not chunk.strip():
            continue
        pieces = sent_tokenize(chunk) if len(chunk) <= MAX_SENTENCE_LINE else chunk.split(". ")
        cursor = 0
        for piece in pieces:
            piece = piece.strip()
            if not piece:
                continue
            at = chunk.find(piece[: min(len(piece), 40)], cursor)
            if at < 0:
                continue
            starts.append(line.start + at)
            cursor = at + len(piece)
        if not pieces or not starts or starts[-1] < line.start:
            starts.append(line.start + len(chunk) - len(chunk.lstrip()))
    doc.sentence_starts = sorted(set(starts))


@dataclass(frozen=True)
class Token:
    text: str
    tag: str
    start: int
    end: int


def pos_window(doc: Doc, start: int, end: int) -> list[Token]:
    """POS-tagged words of doc.text[start:end] with their offsets (normalised text)."""
    from underthesea import pos_tag

    window = doc.text[start:end]
    tokens: list[Token] = []
    cursor = 0
    for word, tag in pos_tag(window):
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


_PHRASE_TAGS = frozenset({"N", "Nc", "Np", "Nu", "Ny", "A"})
_CLAUSE_END = "\n\r.;:!?()[]\"'"


class PhraseReader:
    """Reads the noun phrase that starts at a position (counted noun, measured subject).

    Known multi-word phrases from the `phrases` pack win; otherwise POS-tagged words are taken while
    they are nouns/adjectives or listed modifiers, up to a stop word, punctuation or the limits.
    """

    def __init__(self, pack: RulePack) -> None:
        self.known = pack.compile(r"\G\s*+(?P<p>{known})(?![\p{L}\p{N}])")
        self.modifiers = {syl for w in pack.lexicon("modifiers") for syl in w.lower().split()}
        self.stop = {w.lower() for w in pack.lexicon("stopwords")}
        self.max_chars = int(pack.spec.settings["max_chars"])
        self.max_words = int(pack.spec.settings["max_words"])

    def read(self, doc: Doc, pos: int, *, verbs: bool = False) -> tuple[int, int] | None:
        """Span (normalised offsets) of the phrase right after `pos`, or None.

        With `verbs`, verbs continue the phrase too ("người dân tham gia dịch vụ công").
        """
        text = doc.text
        if m := self.known.match(text, pos):
            return m.start("p"), m.end("p")
        end = pos
        limit = min(len(text), pos + self.max_chars)
        while end < limit and text[end] not in _CLAUSE_END and text[end] != ",":
            end += 1
        if not text[pos:end].strip() or not text[pos:end].lstrip()[:1].isalpha():
            return None
        span: tuple[int, int] | None = None
        words = 0
        for tok in pos_window(doc, pos, end):
            low = tok.text.lower()
            listed = all(syl in self.modifiers for syl in low.split())
            tag_ok = tok.tag in _PHRASE_TAGS or (verbs and span is not None and tok.tag == "V")
            if low in self.stop or not (tag_ok or listed) or (tok.tag == "M" and not listed):
                break
            if tok.tag == "Np" and span is None:
                break
            words += len(low.split())
            if words > self.max_words:
                break
            span = (span[0] if span else tok.start, tok.end)
        return span
