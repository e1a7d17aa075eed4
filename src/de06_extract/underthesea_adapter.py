"""The one module that touches underthesea.

What de06 takes from underthesea:

- its sentence-tokenizer abbreviations and its old→modern tone-mark spellings, copied as package data
  (`de06_extract/data/`, provenance in its README.md) so that normalising and splitting sentences
  never import underthesea;
- POS tags (`pos_tag`): underthesea's `pos_tag` (its word segmentation, then its POS model) computed
  without importing underthesea: its two CRF models and its text-normalisation table are read from
  the installed package's files with `underthesea_core` (the Rust CRF library underthesea itself
  calls), its tokenizer regex and POS feature templates are copied package data, and the POS
  features are computed once per sentence instead of once per token and template (the word-
  segmentation features in Python too, see `_GroupFeatures`). Importing
  underthesea (numpy, joblib, requests, its NER and chunking models) took longer than the models.

Only the version tested (`TESTED`, the pin in pyproject.toml) is trusted with the model files and
the copied data: with another version installed, or with files that are not where they were,
`pos_tag` falls back to underthesea's public `pos_tag` and `segment.split_sentences` to its public
`sent_tokenize` (`public_sentence_starts`): slower, same results. The tone-mark table is de06's own
data once copied (normalisation does not change with underthesea). The models are loaded on the
first POS tag, not before.
"""

from __future__ import annotations

import importlib.util
import pickle
import re
import threading
import unicodedata
from collections.abc import Callable, Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import metadata, resources
from itertools import chain
from operator import add, itemgetter
from pathlib import Path
from typing import Any

from .rulepacks import KeptData

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


# -- underthesea.pos_tag without importing underthesea -----------------------------------------
# underthesea.pos_tag(text) = word_tokenize(text) (regex tokens, each normalised, joined into words
# by the word-segmentation CRF) then the POS CRF over features of the words. underthesea builds the
# POS features in pure Python, re-parsing each feature template with a regex and rebuilding the
# sentence's columns for every token and template; `_features` computes the same strings once per
# sentence. tests/test_fuzz.py checks the tags against underthesea's `pos_tag`.

# The files read from the installed underthesea (paths as its 9.5 code names them).
_WORD_MODEL = ("pipeline", "word_tokenize", "models", "ws_crf_vlsp2013_20230727")
_POS_MODEL = ("pipeline", "pos_tag", "pos_crf_2017_10_11.bin")
_TEXT_RULES = ("pipeline", "text_normalize", "tn_rules_2023_07_14.bin")
_MAX_MAPPED = 6  # underthesea's token_normalize leaves longer tokens alone


@dataclass(frozen=True)
class _Template:
    prefix: str
    index1: int
    index2: int | None
    column: int
    func: str | None


# -- underthesea_core's word-segmentation featurizer, in Python --------------------------------
# `CRFFeaturizer.process` (its Rust `featurizers.rs`) gives each token one "T[...]=value" string per
# feature template: a template reads a token or a group of consecutive tokens joined by a space
# ("BOS" before the window, "EOS" past its end) and applies lower, isdigit (a 32-bit integer),
# istitle (upper-casing leaves the first character of every part as it is) or is_in_dict (lower-cased,
# in the dictionary). Computed here with each token's and group's values kept across windows (news
# text repeats its words), it costs half as much as the Rust featurizer and the trip of its ~40
# strings per token into Python; `_SAME_CASING` keeps it to text whose letters Python and Rust case
# alike (Latin and Vietnamese letters, marks, punctuation), the Rust featurizer runs on the rest.

_SAME_CASING_RANGES = ((0x0, 0x24F), (0x300, 0x36F), (0x1E00, 0x1EFF), (0x2000, 0x206F))
_SAME_CASING = re.compile(
    "[" + "".join(f"{re.escape(chr(lo))}-{re.escape(chr(hi))}" for lo, hi in _SAME_CASING_RANGES) + "]*+"
)
# A space-separated part opening with a character that upper-casing changes: not `istitle` (one regex
# search instead of a Python step per part; exact on the `_SAME_CASING` text this featurizer reads).
_UNTITLED = re.compile(
    "(?:^|(?<= ))["
    + "".join(
        re.escape(c) for lo, hi in _SAME_CASING_RANGES for c in map(chr, range(lo, hi + 1)) if c.upper() != c
    )
    + "]"
)
_I32 = re.compile(r"[+-]?[0-9]+")
_MAX_KEPT_TOKENS = 2048  # tokens whose feature strings are kept, per featurizer (~2.5 MB each)


def _segment_functions(dictionary: AbstractSet[str]) -> dict[str | None, Callable[[str], str]]:
    """The Rust featurizer's functions, by template name."""
    return {
        None: str,
        "lower": str.lower,
        "isdigit": lambda text: str(_is_i32(text)),
        "istitle": lambda text: str(_UNTITLED.search(text) is None),
        "is_in_dict": lambda text: str(text.lower() in dictionary),
    }


def _is_i32(text: str) -> bool:
    """Whether Rust's `text.parse::<i32>()` succeeds: an optional sign, ASCII digits, in range."""
    if _I32.fullmatch(text) is None:
        return False
    digits = text.lstrip("+-").lstrip("0")
    value = int(digits) if 0 < len(digits) <= 10 else 0 if not digits else 2**32
    return value <= 2**31 - (not text.startswith("-"))


@dataclass(frozen=True)
class _GroupFeatures:
    """The features of a window's tokens over templates that read the tokens alone (no tag column):
    the word-segmentation features as `CRFFeaturizer.process` gives them, and the word part of the
    POS features.

    Each token or token group is turned into the finished feature strings of every template that reads
    a group of its width (prefix + value); a single token's are kept across windows (news text
    repeats its words; groups of two or three tokens seldom recur: not kept). A window's strings are
    laid out in one list, position after position (the groups starting there, width after width), and
    each token's features are picked from it in the templates' order by one `itemgetter`: no Python
    step is taken per feature.
    """

    picks: list[int]  # per template: its string's index in the list, counted from the token's first position
    size: int  # strings per position
    functions: dict[int, tuple[Callable[[str], str], ...]]  # per group width: the functions it applies
    # per group width: its templates' prefixes ("T[-1,0].lower=") and function slots
    strings: dict[int, tuple[tuple[str, ...], tuple[int, ...]]]
    pad: int  # the farthest any template reads before or after a token
    edges: dict[int, tuple[tuple[str, ...], tuple[str, ...]]]  # per group width: its "BOS" and "EOS" strings
    kept: dict[str, tuple[str, ...]]  # a token → its feature strings (width 0)
    getters: dict[int, itemgetter[Any]] = field(default_factory=dict)  # per token index: its picks, shifted

    @classmethod
    def of(
        cls, templates: list[_Template], known: dict[str | None, Callable[[str], str]], model: str
    ) -> _GroupFeatures:
        names: dict[int, list[str | None]] = {}
        strings: dict[int, list[tuple[str, int]]] = {}
        order = []
        for t in templates:
            width = 0 if t.index2 is None else t.index2 - t.index1
            if t.column or width < 0:
                raise ValueError(f"unknown {model} feature template {t.prefix[:-1]!r}")
            slots = names.setdefault(width, [])
            if t.func not in slots:
                slots.append(t.func)
            own = strings.setdefault(width, [])
            order.append((width, t.index1, len(own)))
            own.append((t.prefix, slots.index(t.func)))
        if len(order) < 2:  # one pick would give a string, not a tuple: not a model underthesea ships
            raise ValueError(f"{model}: fewer than two feature templates")
        pad = max(max(abs(lo), abs(lo + width)) for width, lo, _ in order)
        before, size = {}, 0  # per group width: the strings of a position before its own; in all
        for width, own in strings.items():
            before[width], size = size, size + len(own)
        picks = [(lo + pad) * size + before[width] + k for width, lo, k in order]
        functions = {width: tuple(known[name] for name in names[width]) for width in strings}
        edges = {
            width: (tuple(p + "BOS" for p, _ in own), tuple(p + "EOS" for p, _ in own))
            for width, own in strings.items()
        }
        columns = {
            width: (tuple(p for p, _ in own), tuple(k for _, k in own)) for width, own in strings.items()
        }
        return cls(picks, size, functions, columns, pad, edges, {})

    def __call__(self, tokens: list[str]) -> list[tuple[str, ...]]:
        n, pad = len(tokens), self.pad
        rows: list[list[tuple[str, ...]]] = []
        kept = self.kept
        for width in self.functions:
            bos, eos = self.edges[width]
            row = [bos] * pad
            if width:
                row += [self._strings(" ".join(tokens[a : a + width + 1]), width) for a in range(n - width)]
            else:
                for token in tokens:
                    done = kept.get(token)
                    if done is None:
                        done = self._strings(token, 0)
                        if len(kept) < _MAX_KEPT_TOKENS:
                            kept[token] = done
                    row.append(done)
            row += [eos] * (n + 2 * pad - len(row))
            rows.append(row)
        laid_out = list(chain.from_iterable(chain.from_iterable(zip(*rows, strict=True))))
        return [self._getter(i)(laid_out) for i in range(n)]

    def _strings(self, group: str, width: int) -> tuple[str, ...]:
        """The feature strings of the templates reading groups of `width` tokens, for `group`."""
        values = [f(group) for f in self.functions[width]]
        prefixes, slots = self.strings[width]
        return tuple(map(add, prefixes, map(values.__getitem__, slots)))

    def _getter(self, i: int) -> itemgetter[Any]:
        """The picks of the `i`-th token of a window (made once per index; threads may both make it)."""
        got = self.getters.get(i)
        if got is None:
            got = self.getters[i] = itemgetter(*(k + i * self.size for k in self.picks))
        return got


@dataclass(frozen=True)
class _Tagger:
    tokens: re.Pattern[str]  # underthesea's tokenizer regex
    characters: dict[str, str]  # character replacements after NFC
    token_map: dict[str, str]  # spelling of a short token
    syntaxes: list[str]  # the word-segmentation model's feature templates
    dictionary: AbstractSet[str]  # the word-segmentation model's dictionary (lower-cased words)
    segment_features: _GroupFeatures  # the same features computed in Python (see there)
    segmenter: Any  # underthesea_core.CRFTagger: B-W / I-W per token
    model: Any  # underthesea_core.CRFTagger: the POS tag per word
    templates: list[_Template]  # the POS templates: the words' first, then the tag column's ("X")
    word_features: _GroupFeatures  # the POS features of the words (the templates before the tag ones)
    split: int  # where the templates of the tag column begin
    pad: int  # the farthest any tag template reads before or after a word
    tag_rows: dict[int, list[tuple[str, ...]]] = field(default_factory=dict)  # per sentence length
    token_cache: dict[str, str] = field(default_factory=dict)  # see _token

    @cached_property
    def featurizer(self) -> Any:
        """underthesea_core's CRFFeaturizer of the word-segmentation model, built on first need (text
        Python may case otherwise than Rust): building it is a quarter of the models' load."""
        from underthesea_core import CRFFeaturizer

        return CRFFeaturizer(self.syntaxes, self.dictionary)

    def pos_features(self, words: list[str]) -> list[tuple[str, ...]]:
        """underthesea's POS features of a sentence's words (`_features` over the words and the "X"
        tag column, the word part from `word_features`, the tag part kept per sentence length)."""
        n = len(words)
        tags = self.tag_rows.get(n)
        if tags is None:
            tags = _features([words], 1, self.templates[self.split :], self.pad, {})
            if n <= _KEEP_TAG_COLUMNS:
                self.tag_rows[n] = tags
        return [w + t for w, t in zip(self.word_features(words), tags, strict=True)]


_TEMPLATE = re.compile(
    r"T\[(?P<index1>\-?\d+)(\,(?P<index2>\-?\d+))?\](\[(?P<column>.*)\])?(\.(?P<function>.*))?"
)
_FUNCS = (None, "lower", "istitle", "isdigit")
_KEEP_TAG_COLUMNS = 64  # sentences up to this many words keep their tag-template columns
_MAX_CACHED_TOKENS = 65536  # normalised tokens kept (`_token`)


def _templates(
    lines: list[str], funcs: tuple[str | None, ...] = _FUNCS, model: str = "POS"
) -> list[_Template]:
    """underthesea's feature templates ("T[-1,0].lower", "T[0][1]"), each with a function of `funcs`."""
    templates = []
    for token_syntax in lines:
        m = _TEMPLATE.fullmatch(token_syntax)
        if m is None or m["function"] not in funcs:
            raise ValueError(f"unknown {model} feature template {token_syntax!r}")
        templates.append(
            _Template(
                f"{token_syntax}=",
                int(m["index1"]),
                int(m["index2"]) if m["index2"] else None,
                int(m["column"]) if m["column"] else 0,
                m["function"],
            )
        )
    return templates


def _underthesea_dir() -> Path | None:
    """The installed underthesea package's folder, found without importing it."""
    spec = importlib.util.find_spec("underthesea")
    return Path(spec.origin).parent if spec is not None and spec.origin else None


def _unpickle(path: Path) -> Any:
    with path.open("rb") as fh:
        return pickle.load(fh)  # underthesea's own files, read as its joblib.load reads them


@lru_cache(maxsize=1)
def _tagger() -> _Tagger | None:
    """underthesea's models and tables, or None when they cannot be trusted or found."""
    root = _underthesea_dir()
    if not version_tested() or root is None:
        return None
    try:
        from underthesea_core import CRFTagger

        words = root.joinpath(*_WORD_MODEL)
        segmenter, model = CRFTagger(), CRFTagger()
        segmenter.load(str(words / "models.bin"))
        syntaxes, dictionary = _unpickle(words / "features.bin"), _unpickle(words / "dictionary.bin")
        model.load(str(root.joinpath(*_POS_MODEL)))
        rules = _unpickle(root.joinpath(*_TEXT_RULES))
        templates = _templates(_data("underthesea-pos-template.txt"))
        split = next((k for k, t in enumerate(templates) if t.column), len(templates))
        tag_templates = templates[split:]
        if not tag_templates or any(t.column != 1 for t in tag_templates):
            raise ValueError("the POS templates of the words do not all come before those of the tags")
        known = _segment_functions(dictionary)
        pattern = resources.files("de06_extract.data").joinpath("underthesea-word-pattern.txt")
        return _Tagger(
            re.compile(pattern.read_text(encoding="utf-8"), re.VERBOSE | re.UNICODE),
            dict(rules["character"]),
            dict(rules["token"]),
            syntaxes,
            dictionary,
            _GroupFeatures.of(
                _templates(syntaxes, tuple(known), "word-segmentation"), known, "word-segmentation"
            ),
            segmenter,
            model,
            templates,
            _GroupFeatures.of(templates[:split], _POS_FUNCTIONS, "POS"),
            split,
            max(max(abs(t.index1), abs(t.index2 or 0)) for t in tag_templates),
        )
    except Exception:  # anything not as it was (a file, its format, the library): the public path
        return None


def dictionary() -> AbstractSet[str] | None:
    """underthesea's word-segmentation dictionary (lower-cased words), None without the fast path."""
    if not _LOADED.is_set():
        _load_models()
    tagger = _tagger()
    return None if tagger is None else tagger.dictionary


def uses_internals() -> bool:
    """Whether `pos_tag` runs the fast path (False: underthesea's public `pos_tag`)."""
    return _tagger() is not None


def _characters(text: str, tagger: _Tagger) -> str:
    """underthesea's `normalize_characters_in_text`: NFC, then its character replacements."""
    text = unicodedata.normalize("NFC", text)
    for old, new in tagger.characters.items():
        text = text.replace(old, new)
    return text


def _token(token: str, tagger: _Tagger) -> str:
    """underthesea's `token_normalize` of one token, looked up once per process: the same few
    thousand tokens recur in every window."""
    if len(token) > _MAX_MAPPED:
        return token
    found = tagger.token_cache.get(token)
    if found is None:
        spelled = _characters(token, tagger)
        found = tagger.token_map.get(spelled, spelled)
        if len(tagger.token_cache) < _MAX_CACHED_TOKENS:
            tagger.token_cache[token] = found
    return found


def _word_tokenize(text: str, tagger: _Tagger) -> list[str]:
    """underthesea's `word_tokenize(text)`."""
    tokens = []
    # Every alternative of the pattern is one named group spanning it: the token is the whole match.
    for m in tagger.tokens.finditer(_characters(text, tagger)):
        tokens.append(_token(m[0], tagger))
    if not tokens:
        return []
    if all(tokens) and _SAME_CASING.fullmatch("".join(tokens)):
        features = tagger.segment_features(tokens)
    else:  # letters Python may case otherwise than Rust (or an empty token, on which Rust stops)
        features = tagger.featurizer.process([[[t] for t in tokens]])[0]
    tags = tagger.segmenter.tag(features)
    words: list[str] = []
    for tag, token in zip(tags, tokens, strict=True):
        if tag == "I-W" and words:
            words[-1] += " " + token
        else:
            words.append(token)
    return words


def _features(
    columns: list[list[str]],
    tag: int,
    templates: list[_Template],
    pad: int,
    kept: dict[tuple[int, int], list[str]],
) -> list[tuple[str, ...]]:
    """underthesea's feature strings over a sentence's `columns` (words, then tags), one template (a
    column of features) at a time; column `tag` is the model's own output column, always "X".

    Each (column, function, width) is computed once per word, in a list padded with "BOS" before the
    sentence and "EOS" after it, so that every feature is its template's prefix + one list item. The
    features of the "X" column depend on the sentence's length alone: `kept` per length.
    """
    n = len(columns[0])
    cache: dict[tuple[int, str | None, int], list[str]] = {}
    out: list[list[str]] = []
    for k, t in enumerate(templates):
        if t.column == tag and (done := kept.get((k, n))) is not None:
            out.append(done)
            continue
        lo = t.index1
        width = 0 if t.index2 is None else t.index2 - lo
        values = cache.get((t.column, t.func, width))
        if values is None:
            base = columns[t.column] if t.column != tag else ["X"] * n
            if width:  # a word group runs past the sentence's end from n - width on: EOS
                base = [" ".join(base[a : a + width + 1]) for a in range(n - width)]
            values = ["BOS"] * pad
            values += base if t.func is None else list(map(_POS_FUNCTIONS[t.func], base))
            values += ["EOS"] * (n + 2 * pad - len(values))
            cache[(t.column, t.func, width)] = values
        p = t.prefix
        out.append([p + v for v in values[pad + lo : pad + lo + n]])
        if t.column == tag and n <= _KEEP_TAG_COLUMNS:
            kept[(k, n)] = out[-1]
    return list(zip(*out, strict=True))


def _istitle(word: str) -> bool:
    """underthesea's `text_istitle`: every space-separated part begins with a title-case letter."""
    return bool(word) and all(part[:1].istitle() for part in word.split(" "))


_POS_FUNCTIONS: dict[str | None, Callable[[str], str]] = {
    None: str,
    "lower": str.lower,
    "istitle": lambda word: str(_istitle(word)),
    "isdigit": lambda word: str(word.isdigit()),
}


_LOAD_LOCK = threading.Lock()
_LOADED = threading.Event()


def _load_models() -> None:
    """Load the models once, under a lock (underthesea's own lazy loading is not thread-safe)."""
    with _LOAD_LOCK:
        if _LOADED.is_set():
            return
        if _tagger() is None:
            from underthesea import pos_tag as public_pos_tag

            public_pos_tag("Hà Nội")
        _LOADED.set()


def pos_tag(text: str) -> list[tuple[str, str]]:
    """Same result as `underthesea.pos_tag(text)`; several times faster on the tested version."""
    if not _LOADED.is_set():
        _load_models()
    tagger = _tagger()
    if tagger is None:
        from underthesea import pos_tag as public_pos_tag

        return [(word, tag) for word, tag in public_pos_tag(text)]
    words = _word_tokenize(text, tagger)
    if not words:
        return []
    return list(zip(words, tagger.model.tag(tagger.pos_features(words)), strict=True))


# -- underthesea.ner without importing underthesea ---------------------------------------------
# underthesea.ner(text) = pos_tag(text), then the chunking CRF over (word, POS), then the NER CRF over
# (word, POS, chunk), each with its own feature templates (copied package data). Loaded on the first
# call only: the person recognizer asks for it on a few sentences of a few articles.

_CHUNK_MODEL = ("pipeline", "chunking", "chunk_crf_2017_10_12.bin")
_NER_MODEL = ("pipeline", "ner", "ner_crf_2017_10_12.bin")


@dataclass(frozen=True)
class _Stage:
    """One CRF over the columns before it: its model, templates and kept "X" columns."""

    model: Any  # underthesea_core.CRFTagger
    templates: list[_Template]
    pad: int
    kept: dict[tuple[int, int], list[str]] = field(default_factory=dict)

    def tag(self, columns: list[list[str]]) -> list[str]:
        return list(self.model.tag(_features(columns, len(columns), self.templates, self.pad, self.kept)))


def _stage(model_path: tuple[str, ...], template: str, root: Path) -> _Stage:
    from underthesea_core import CRFTagger

    model = CRFTagger()
    model.load(str(root.joinpath(*model_path)))
    templates = _templates(_data(template))
    return _Stage(model, templates, max(max(abs(t.index1), abs(t.index2 or 0)) for t in templates))


@lru_cache(maxsize=1)
def _ner_stages() -> tuple[_Stage, _Stage] | None:
    """The chunking and NER models, or None when the POS route or their files cannot be trusted."""
    root = _underthesea_dir()
    if _tagger() is None or root is None:
        return None
    try:
        return (
            _stage(_CHUNK_MODEL, "underthesea-chunk-template.txt", root),
            _stage(_NER_MODEL, "underthesea-ner-template.txt", root),
        )
    except Exception:  # anything not as it was: the public path
        return None


_NER_LOCK = threading.Lock()
_NER_LOADED = threading.Event()


def ner(text: str) -> list[tuple[str, str, str, str]]:
    """Same result as `underthesea.ner(text)`: (word, POS, chunk, NER tag) per word."""
    if not _NER_LOADED.is_set():
        with _NER_LOCK:  # underthesea's own lazy loading is not thread-safe
            if _ner_stages() is None:
                from underthesea import ner as public_ner

                public_ner("Hà Nội")
            _NER_LOADED.set()
    stages = _ner_stages()
    if stages is None:
        from underthesea import ner as public_ner

        return [(w, p, c, t) for w, p, c, t in public_ner(text)]
    tagged = pos_tag(text)
    if not tagged:
        return []
    words, tags = [w for w, _ in tagged], [t for _, t in tagged]
    chunks = stages[0].tag([words, tags])
    return list(zip(words, tags, chunks, stages[1].tag([words, tags, chunks]), strict=True))


_DICTIONARY = ("corpus", "data", "Viet74K.txt")  # the word list underthesea's NER features read


# A word list as a few thousand strings, the words "\n"-joined by their first two letters: it unpickles
# from the cache folder in a few ms, where a set of its 73,000 words took 30 (the list is asked a few
# times an article)
_Groups = dict[str, str]


@lru_cache(maxsize=1)
def _dictionary() -> tuple[_Groups, _Groups]:
    """underthesea's Viet74K word list: its lower-case entries, and its capitalised ones lower-cased
    (proper names: "Tuấn Hưng"); empty when the installed underthesea is not the tested one."""
    root = _underthesea_dir()
    if not version_tested() or root is None:
        return {}, {}
    try:
        data = root.joinpath(*_DICTIONARY).read_bytes()
    except OSError:
        return {}, {}
    kept = KeptData("viet74k", __file__)
    common, proper = kept.get(data, _dictionary_words)
    kept.save()
    return common, proper


def _dictionary_words(data: bytes) -> tuple[_Groups, _Groups]:
    """`_dictionary` from the word list's bytes."""
    lines = data.decode("utf-8").splitlines()
    words = [unicodedata.normalize("NFC", w.strip()) for w in lines if w.strip()]
    return _grouped(w for w in words if w.islower()), _grouped(w.lower() for w in words if not w.islower())


def _grouped(words: Iterable[str]) -> _Groups:
    groups: dict[str, list[str]] = {}
    for word in sorted(set(words)):
        groups.setdefault(word[:2], []).append(word)
    return {first: "\n" + "\n".join(group) + "\n" for first, group in groups.items()}


def _listed(groups: _Groups, word: str) -> bool:
    return "\n" not in word and f"\n{word}\n" in groups.get(word[:2], "")


def common_word(text: str) -> bool:
    """Whether `text` (lower-cased) is a common word of underthesea's dictionary and no proper name in it
    ("dự luật", "tây nam"; not "Tuấn Hưng")."""
    common, proper = _dictionary()
    key = text.lower()
    return _listed(common, key) and not _listed(proper, key)
