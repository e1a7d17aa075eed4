"""The one module that touches underthesea.

What de06 takes from underthesea:

- its sentence-tokenizer abbreviations and its old→modern tone-mark spellings, copied as package data
  (`de06_extract/data/`, provenance in its README.md) so that normalising and splitting sentences
  never import underthesea;
- POS tags (`pos_tag`): a faster computation of underthesea's CRF features fed to underthesea's own
  model, which reaches into underthesea internals.

Only the version tested (`TESTED`, the pin in pyproject.toml) is trusted with the internals and the
abbreviations: with another version installed, or with internals that are not where they were,
`pos_tag` falls back to underthesea's public `pos_tag` and `segment.split_sentences` to its public
`sent_tokenize` (`public_sentence_starts`): slower, same results. The tone-mark table is de06's own
data once copied (normalisation does not change with underthesea). underthesea itself is imported
on the first POS tag, not before.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import metadata, resources
from typing import Any

TESTED = "9.5"  # major.minor of the underthesea whose internals and data this module relies on


def _installed() -> str:
    try:
        return metadata.version("underthesea")
    except metadata.PackageNotFoundError:
        return ""


INSTALLED = _installed()


def version_tested() -> bool:
    """Whether the installed underthesea is the minor version the internals and data come from."""
    return INSTALLED == TESTED or INSTALLED.startswith(TESTED + ".")


def _data(name: str) -> list[str]:
    return resources.files("de06_extract.data").joinpath(name).read_text(encoding="utf-8").splitlines()


@lru_cache(maxsize=1)
def abbreviations() -> frozenset[str]:
    """underthesea's sentence-tokenizer abbreviations (lower case, without the final dot)."""
    return frozenset(_data("underthesea-abbreviations.txt"))


@lru_cache(maxsize=1)
def tone_marks() -> dict[str, str]:
    """underthesea's old→modern spellings that only move a tone mark (NFC, same length)."""
    return dict(line.split("\t") for line in _data("underthesea-tone-marks.tsv"))


def public_sentence_starts(chunk: str) -> list[int]:
    """Where underthesea's public `sent_tokenize` starts the sentences of `chunk`."""
    from underthesea import sent_tokenize

    starts: list[int] = []
    cursor = 0
    for piece in sent_tokenize(chunk):
        at = chunk.find(piece.strip(), cursor)
        starts.append(at)
        cursor = at + len(piece.strip())
    return starts


# -- a faster underthesea.pos_tag ----------------------------------------------------------------
# underthesea's CRF POS tagger builds its features in pure Python, re-parsing each feature template
# with a regex and rebuilding the sentence's columns for every token and template; that was most of
# de06's run time. `pos_tag` computes exactly the same feature strings once per sentence and calls
# the same model, so the tags are identical (tests/test_fuzz.py checks it against underthesea).


@dataclass(frozen=True)
class _Template:
    prefix: str
    index1: int
    index2: int | None
    column: int
    func: str | None


@dataclass(frozen=True)
class _Tagger:
    model: Any
    templates: list[_Template]
    istitle: Callable[[str], bool]
    pad: int  # the farthest any template reads before or after a word
    tag_columns: dict[tuple[int, int], list[str]] = field(default_factory=dict)  # see _features


_TEMPLATE = re.compile(
    r"T\[(?P<index1>\-?\d+)(\,(?P<index2>\-?\d+))?\](\[(?P<column>.*)\])?(\.(?P<function>.*))?"
)
_FUNCS = (None, "lower", "istitle", "isdigit")
_KEEP_TAG_COLUMNS = 64  # sentences up to this many words keep their tag-template columns


@lru_cache(maxsize=1)
def _tagger() -> _Tagger | None:
    """underthesea's CRF model and feature templates, or None when they cannot be trusted or found."""
    if not version_tested():
        return None
    try:
        from underthesea.pipeline.pos_tag.model_crf import CRFPOSTagPredictor
        from underthesea.pipeline.pos_tag.tagged_feature import text_istitle

        predictor = CRFPOSTagPredictor.Instance()
        templates = []
        for token_syntax in predictor.transformer.template:
            m = _TEMPLATE.fullmatch(token_syntax)
            if m is None or m["function"] not in _FUNCS:
                return None
            templates.append(
                _Template(
                    f"{token_syntax}=",
                    int(m["index1"]),
                    int(m["index2"]) if m["index2"] else None,
                    int(m["column"]) if m["column"] else 0,
                    m["function"],
                )
            )
        pad = max(max(abs(t.index1), abs(t.index2 or 0)) for t in templates)
        return _Tagger(predictor.model, templates, text_istitle, pad)
    except (ImportError, AttributeError, TypeError, ValueError):
        return None


def uses_internals() -> bool:
    """Whether `pos_tag` runs the fast path (False: underthesea's public `pos_tag`)."""
    return _tagger() is not None


def _features(words: list[str], tagger: _Tagger) -> list[tuple[str, ...]]:
    """underthesea's feature strings, one template (a column of features) at a time.

    Each (column, function, width) is computed once per word, in a list padded with "BOS" before the
    sentence and "EOS" after it, so that every feature is its template's prefix + one list item. The
    columns of the tag templates depend on the sentence's length alone: kept per length.
    """
    n, pad = len(words), tagger.pad
    tags = ["X"] * n  # underthesea tags (word, "X") pairs: column 1 is always "X"
    cache: dict[tuple[int, str | None, int], list[str]] = {}
    columns: list[list[str]] = []
    for k, t in enumerate(tagger.templates):
        if t.column == 1 and (kept := tagger.tag_columns.get((k, n))) is not None:
            columns.append(kept)
            continue
        lo = t.index1
        width = 0 if t.index2 is None else t.index2 - lo
        values = cache.get((t.column, t.func, width))
        if values is None:
            base = words if t.column == 0 else tags
            if width:  # a word group runs past the sentence's end from n - width on: EOS
                base = [" ".join(base[a : a + width + 1]) for a in range(n - width)]
            values = ["BOS"] * pad
            values += base if t.func is None else [_apply(t.func, w, tagger.istitle) for w in base]
            values += ["EOS"] * (n + 2 * pad - len(values))
            cache[(t.column, t.func, width)] = values
        p = t.prefix
        columns.append([p + v for v in values[pad + lo : pad + lo + n]])
        if t.column == 1 and n <= _KEEP_TAG_COLUMNS:
            tagger.tag_columns[(k, n)] = columns[-1]
    return list(zip(*columns, strict=True))


def _apply(func: str | None, word: str, istitle: Callable[[str], bool]) -> str:
    if func is None:
        return word
    if func == "lower":
        return word.lower()
    if func == "istitle":
        return str(istitle(word))
    return str(word.isdigit())  # "isdigit": _tagger admits no other function


_LOAD_LOCK = threading.Lock()
_LOADED = threading.Event()


def _load_models() -> None:
    """Load underthesea's lazily loaded models once, under a lock: its own loading is not thread-safe."""
    with _LOAD_LOCK:
        if _LOADED.is_set():
            return
        if _tagger() is None:
            from underthesea import pos_tag as public_pos_tag

            public_pos_tag("Hà Nội")
        else:
            from underthesea import word_tokenize

            word_tokenize("Hà Nội")
        _LOADED.set()


def pos_tag(text: str) -> list[tuple[str, str]]:
    """Same result as `underthesea.pos_tag(text)`; several times faster on the tested version."""
    if not _LOADED.is_set():
        _load_models()
    tagger = _tagger()
    if tagger is None:
        from underthesea import pos_tag as public_pos_tag

        return [(word, tag) for word, tag in public_pos_tag(text)]
    words = _words(text)
    if not words:
        return []
    return list(zip(words, tagger.model.tag(_features(words, tagger)), strict=True))


@dataclass(frozen=True)
class _Segmenter:
    module: Any  # underthesea.pipeline.word_tokenize: its model is loaded on its first call
    tokens: Any  # its regex tokenizer's module (`patterns`)
    normalize_text: Callable[[str], str]
    normalize_token: Callable[[str], str]


@lru_cache(maxsize=1)
def _segmenter() -> _Segmenter:
    from underthesea.pipeline import word_tokenize as module
    from underthesea.pipeline.text_normalize.character_normalize import normalize_characters_in_text
    from underthesea.pipeline.text_normalize.token_normalize import token_normalize
    from underthesea.pipeline.word_tokenize import regex_tokenize

    # a pure function of the token: the same few thousand tokens recur in every window
    return _Segmenter(module, regex_tokenize, normalize_characters_in_text, lru_cache(65536)(token_normalize))


def _words(text: str) -> list[str]:
    """`underthesea.word_tokenize(text)` (tested version) by its own steps: the regex tokens, each
    normalised (looked up once per process), joined into words by its CRF model."""
    seg = _segmenter()
    model = seg.module.word_tokenize_model
    if model is None:  # not loaded yet: underthesea loads it
        return list(seg.module.word_tokenize(text))
    tokens = [seg.normalize_token(m.group()) for m in seg.tokens.patterns.finditer(seg.normalize_text(text))]
    words: list[str] = []
    for tag, token in zip(model.predict([[t] for t in tokens]), tokens, strict=True):
        if tag == "I-W" and words:
            words[-1] += " " + token
        else:
            words.append(token)
    return words
