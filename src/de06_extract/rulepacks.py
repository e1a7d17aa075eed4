"""Stage 5a — load, validate and compile the rule packs in `patterns/*.toml`.

A pack is data: word lists (`lexicon`), lookup tables (`tables`), reusable regex fragments
(`pieces`) and named patterns. A pattern or piece may refer to a piece or a lexicon list as
`{name}`; a lexicon list expands to an alternation of its entries, longest first, with any run of
spaces in an entry matching any run of whitespace. A pattern whose matches always begin with one of
a few words declares them in `starts_with`: it is then tried only where they occur.
"""

from __future__ import annotations

import hashlib
import math
import os
import pickle
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Generic, TypeVar

import regex
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

_REF = regex.compile(r"(?<!\\[pPN])\{([A-Za-z_][A-Za-z0-9_]*+)\}")
_MAX_DEPTH = 20
# Seconds a single pattern may spend on one text, plus this much per MB of text.
TIMEOUT_BASE = 2.0
TIMEOUT_PER_MB = 4.0
# A pattern tried at its start words only sees this many characters from there: without a bound, the
# engine's search for a literal the pattern needs ("/") would scan the rest of the text on each try.
MAX_ANCHORED_MATCH = 1000


class PatternSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str
    regex: str
    score: float = Field(0.9, ge=0, le=1)
    explanation: str = ""
    case_sensitive: bool | None = None
    handler: str | None = Field(
        None,
        description="The recognizer's handler that reads this pattern's matches (default: the pattern's name); "
        "a pattern added as data names an existing handler.",
    )
    starts_with: list[str] = Field(
        default_factory=list,
        description="Words (case-insensitive) every match begins with; `{lexicon}` stands for the first "
        "words of a lexicon's entries. The pattern is then only tried where one occurs, and its matches "
        "are at most MAX_ANCHORED_MATCH characters long.",
    )


class PackMeta(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str
    kind: str | None = Field(
        None, description="Fact kind the pack's recognizer emits (none for support packs)."
    )
    recognizer: str | None = Field(None, description="Module under de06_extract.recognizers that runs it.")
    description: str = ""
    case_sensitive: bool = False
    order: int = Field(100, description="Run order among recognizers (lower first).")


class PackSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")

    pack: PackMeta
    lexicon: dict[str, list[str]] = Field(default_factory=dict)
    tables: dict[str, dict[str, str]] = Field(default_factory=dict)
    pieces: dict[str, str] = Field(default_factory=dict)
    patterns: list[PatternSpec] = Field(default_factory=list)
    settings: dict[str, Any] = Field(default_factory=dict)

    @field_validator("lexicon")
    @classmethod
    def _no_empty_entries(cls, v: dict[str, list[str]]) -> dict[str, list[str]]:
        for name, words in v.items():
            if not all(map(str.strip, words)):
                raise ValueError(f"lexicon {name!r} has an empty entry")
        return v


class RulePackError(ValueError):
    """A pack file is malformed: bad TOML, an unknown field, a dangling {ref}, a bad regex, or it does
    not fit the code that runs it (a setting, a pattern without a handler, a missing pack)."""


class Settings(BaseModel):
    """Base of the typed model of a pack's `[settings]`: unknown keys are errors, values read-only."""

    model_config = ConfigDict(extra="forbid", frozen=True)


_S = TypeVar("_S", bound=Settings)


def read_settings(model: type[_S], pack: RulePack) -> _S:
    """A pack's `[settings]` validated into `model`; a bad, missing or unknown key is a RulePackError."""
    try:
        return model.model_validate(pack.spec.settings)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(map(str, e['loc'])) or '(all)'}: "
            + ("unknown setting" if e["type"] == "extra_forbidden" else e["msg"])
            for e in exc.errors()
        )
        raise RulePackError(f"{pack.path}: [settings]: {problems}") from exc


@dataclass(frozen=True)
class CompiledPattern:
    name: str
    regex: regex.Pattern[str]
    score: float
    explanation: str
    starts: tuple[str, ...] = ()  # lower-case words every match begins with; empty: try everywhere
    handler: str = ""  # the recognizer's handler for the matches (load_pack sets the default: the name)

    def finditer(
        self, text: str, lower: str | WordPositions | None = None, *, timed: bool = True
    ) -> Iterator[regex.Match[str]]:
        """The matches `regex.finditer` gives, under a timeout scaled to the text (TimeoutError past it).

        With `starts` and `lower` (the text lower-cased, same offsets: `Doc.lower`, or the positions of
        its words: `Doc.words`) the pattern is only tried where one of its start words occurs, found
        with `str.find`: the regex engine's own scan tries every position and is several times slower
        for a pattern that opens with a list of words. `timed=False`: no timeout given to `regex`, for
        a caller that bounds the run itself (`timer_allowance`).
        """
        timeout = time_allowed(text) if timed else None
        if not self.starts or lower is None:
            # (pos, endpos, overlapped, concurrent, partial, timeout) by position: see matches_at
            scan: Iterator[regex.Match[str]] = self.regex.finditer(
                text, None, None, False, None, False, timeout
            )
            return scan
        words = WordPositions(lower) if isinstance(lower, str) else lower
        return _tries(self.regex, text, words.starts(self.starts), timeout)


@dataclass(frozen=True)
class RulePack:
    """A validated pack with its patterns compiled."""

    spec: PackSpec
    path: Path
    patterns: tuple[CompiledPattern, ...]

    @property
    def name(self) -> str:
        return self.spec.pack.name

    def lexicon(self, name: str) -> list[str]:
        return self.spec.lexicon[name]

    def table(self, name: str) -> dict[str, str]:
        return self.spec.tables[name]

    def compile(self, source: str, case_sensitive: bool | None = None) -> regex.Pattern[str]:
        """Compile an ad-hoc regex with this pack's pieces and lexicons available as {name}."""
        return _compile(self.spec, source, case_sensitive, self.path)

    def word_before(self, lexicon: str, trailing: str = r"\s*+") -> regex.Pattern[str]:
        """Matches text that ends with a word of `lexicon` (a lexicon's name, or several joined by "|":
        "roles|one_word_name_roles") then `trailing` (group `word`): the left context test of a
        recognizer ("tối thiểu" before "80%"); case-insensitive. Searched right to left (`(?r)`): only
        the end can match, so a forward scan would fail at every other word (read backwards, a possessive
        `trailing` must not take letters: it would take the word's own)."""
        words = "|".join("{" + name + "}" for name in lexicon.split("|"))
        return self.compile(r"(?r)(?:^|[^\p{L}\p{N}])(?P<word>" + words + ")" + trailing + "$", False)

    def ends_with_word(self, lexicon: str, trailing: str = r"\s*+") -> WordBefore:
        """`word_before(lexicon, trailing)` behind a cheap test of the letters ending the text (`trailing`:
        spaces or nothing)."""
        if trailing not in (r"\s*+", ""):
            raise ValueError(f"ends_with_word: trailing {trailing!r} is not spaces")
        ends = frozenset(tail_letters(w) for name in lexicon.split("|") for w in self.lexicon(name))
        return WordBefore(self.word_before(lexicon, trailing), ends)

    def pattern(self, name: str) -> CompiledPattern:
        for p in self.patterns:
            if p.name == name:
                return p
        raise KeyError(f"pack {self.name!r} has no pattern {name!r}")


@dataclass(frozen=True)
class WordBefore:
    """A `RulePack.word_before` pattern (a word of a lexicon, then spaces, at the end) tried only when the
    letters ending the text (`tail_letters`) end one of the lexicon's words: its calls are many, its
    alternation slow, and most texts end with another word."""

    pattern: regex.Pattern[str]
    ends: frozenset[str]  # `tail_letters` of each word of the lexicon

    def match(self, text: str, pos: int = 0, endpos: int | None = None) -> regex.Match[str] | None:
        return self.pattern.match(text, pos, endpos) if tail_letters(text, pos, endpos) in self.ends else None

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> regex.Match[str] | None:
        return (
            self.pattern.search(text, pos, endpos) if tail_letters(text, pos, endpos) in self.ends else None
        )


def tail_letters(text: str, pos: int = 0, endpos: int | None = None) -> str:
    """The letters (case-folded) ending `text[pos:endpos]` before its trailing spaces; empty after a digit or
    a mark. Where a word then spaces match at the end, the word's own `tail_letters` are these."""
    end = len(text) if endpos is None else min(endpos, len(text))
    while end > pos and text[end - 1].isspace():
        end -= 1
    start = end
    while start > pos and text[start - 1].isalpha():
        start -= 1
    return text[start:end].casefold()


def default_patterns_dir() -> Path:
    """`$DE06_PATTERNS`, else the packs shipped in the package (`de06_extract.patterns`: the
    checkout's `patterns/` folder in an editable install). An explicit folder (`--patterns`,
    `patterns_dir=`) goes before both."""
    env = os.environ.get("DE06_PATTERNS")
    if env:
        return Path(env)
    return Path(str(resources.files("de06_extract.patterns")))


def _expand(spec: PackSpec, source: str, where: str, depth: int = 0) -> str:
    if depth > _MAX_DEPTH:
        raise RulePackError(f"{where}: piece references nest too deep (a cycle?)")

    def sub(m: regex.Match[str]) -> str:
        ref = m.group(1)
        if ref in spec.pieces:
            return "(?:" + _expand(spec, spec.pieces[ref], where, depth + 1) + ")"
        if ref in spec.lexicon:
            return lexicon_alternation(spec.lexicon[ref])
        raise RulePackError(f"{where}: unknown reference {{{ref}}}")

    return str(_REF.sub(sub, source))


# `regex.escape`'s special characters (it also escapes whitespace, which `str.split` leaves out of a
# word's parts): one `str.translate` per word instead of a Python loop over its characters
_ESCAPES = str.maketrans({c: "\\" + c for c in "()[]{}?*+|^$\\.-#&~"})


def lexicon_alternation(words: Iterable[str]) -> str:
    """A regex alternation matching any of `words` (longest first, flexible inner whitespace)."""
    return _alternation(tuple(words))


@lru_cache(maxsize=512)
def _alternation(words: tuple[str, ...]) -> str:
    """`lexicon_alternation`, kept: patterns share lexicons."""
    alts = sorted({w.strip() for w in words}, key=lambda w: (-len(w), w))
    return "(?:" + "|".join(r"\s+".join(w.translate(_ESCAPES).split()) for w in alts) + ")"


def _compile(spec: PackSpec, source: str, case_sensitive: bool | None, path: Path) -> regex.Pattern[str]:
    cs = spec.pack.case_sensitive if case_sensitive is None else case_sensitive
    expanded = _expand(spec, source, str(path))
    try:
        return COMPILED.compile(expanded, int(regex.V0 | (0 if cs else regex.IGNORECASE)))
    except regex.error as exc:
        raise RulePackError(f"{path}: bad regex {source!r}: {exc}") from exc


def load_pack(path: Path) -> RulePack:
    """Parse, validate and compile one pack file."""
    try:
        raw = PARSED_PACKS.get(path.read_bytes(), _parse_toml)
        spec = PackSpec.model_validate(raw)
    except ValueError as exc:  # tomllib.TOMLDecodeError is one
        raise RulePackError(f"{path}: {exc}") from exc
    compiled = tuple(
        CompiledPattern(
            p.name,
            _compile(spec, p.regex, p.case_sensitive, path),
            p.score,
            p.explanation,
            start_words(spec, p.starts_with, f"{path}: pattern {p.name!r}"),
            p.handler or p.name,
        )
        for p in spec.patterns
    )
    names = [p.name for p in spec.patterns]
    if len(names) != len(set(names)):
        raise RulePackError(f"{path}: duplicate pattern names")
    return RulePack(spec, path, compiled)


def _parse_toml(data: bytes) -> dict[str, Any]:
    """A pack file's TOML, its line ends read as `Path.read_text` reads them."""
    import tomllib  # only when a pack is not in the cache

    return tomllib.loads(data.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n"))


@lru_cache(maxsize=8)
def load_packs(directory: Path | None = None) -> dict[str, RulePack]:
    """All packs of a folder (None: `default_patterns_dir()`) by name, loaded once per process."""
    directory = directory or default_patterns_dir()
    if not directory.is_dir():
        raise RulePackError(f"rule-pack folder not found: {directory}")
    packs: dict[str, RulePack] = {}
    for path in sorted(directory.glob("*.toml")):
        pack = load_pack(path)
        if pack.name in packs:
            raise RulePackError(f"{path}: pack name {pack.name!r} used twice")
        packs[pack.name] = pack
    PARSED_PACKS.save()
    return packs


def start_words(spec: PackSpec, entries: list[str], where: str) -> tuple[str, ...]:
    words: set[str] = set()
    for entry in entries:
        ref = _REF.fullmatch(entry)
        if ref is None:
            words.add(entry.lower())
        elif ref[1] in spec.lexicon:
            words.update(w.split()[0].lower() for w in spec.lexicon[ref[1]])
        else:
            raise RulePackError(f"{where}: starts_with refers to unknown lexicon {entry!r}")
    return tuple(sorted(words))


def occurrences(lower: str, words: Iterable[str]) -> Iterator[tuple[int, str]]:
    """Every position of each of `words` in `lower` (a lower-cased text) with the word, unordered."""
    for word in words:
        for at in _positions(lower, word):
            yield at, word


def _positions(lower: str, word: str) -> list[int]:
    """Every position of `word` in `lower`, ascending."""
    found = []
    at = lower.find(word)
    while at >= 0:
        found.append(at)
        at = lower.find(word, at + 1)
    return found


class WordPositions:
    """Where words occur in one lower-cased text (`Doc.words`): each word is looked for once, then its
    positions are shared by every pattern and reader that starts with it."""

    def __init__(self, lower: str) -> None:
        self.lower = lower
        self._found: dict[str, list[int]] = {}
        self._starts: dict[tuple[str, ...], list[int]] = {}

    def of(self, word: str) -> list[int]:
        """Every position of `word` (lower case) in the text, ascending."""
        found = self._found.get(word)
        if found is None:
            found = self._found[word] = _positions(self.lower, word)
        return found

    def union(self, words: Iterable[str]) -> set[int]:
        """Every position of any of `words`."""
        found: set[int] = set()
        for word in words:
            found.update(self.of(word))
        return found

    def starts(self, words: tuple[str, ...]) -> list[int]:
        """Every position of any of `words`, ascending, kept per tuple: patterns share start words."""
        found = self._starts.get(words)
        if found is None:
            found = self._starts[words] = sorted(self.union(words))
        return found


def time_allowed(text: str) -> float:
    """Seconds of CPU a pattern may spend on `text`."""
    return TIMEOUT_BASE + TIMEOUT_PER_MB * len(text) / 1e6


# -- a CPU timer instead of `regex`'s timeouts ---------------------------------------------------
# `regex` reads the process CPU clock (a system call) twice per match attempt given a timeout and
# once per match found: about 570 reads per article, 3 % of a run. While an article's patterns run in
# the main thread, a profiling timer (SIGPROF every TICK seconds of CPU) counts down the running
# pattern's allowance instead and raises TimeoutError in it when it is spent: `regex` checks for
# signals while it matches, so a runaway match stops there. Elsewhere (other threads, a SIGPROF
# handler or timer of someone else's, no setitimer) the patterns keep `regex`'s own timeouts.

TICK = 0.01  # CPU seconds between two SIGPROF while an article is read


class _CpuTimer:
    """The timer's state: the thread it is armed for, and the running pattern's allowance in ticks."""

    thread: int | None = None
    ticks_left: int | None = None


_TIMER = _CpuTimer()


def _on_tick(signum: int, frame: object) -> None:
    left = _TIMER.ticks_left
    if left is not None:
        _TIMER.ticks_left = left - 1
        if left <= 1:
            _TIMER.ticks_left = None
            raise TimeoutError("pattern timed out")


@contextmanager
def cpu_timer() -> Iterator[None]:
    """Run the block with the CPU timer ticking when this is the main thread and nobody else uses
    SIGPROF or the profiling timer; `timer_allowance` then bounds each pattern run inside it."""
    usable = (
        hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
        and _TIMER.thread is None
        and signal.getsignal(signal.SIGPROF) in (signal.SIG_DFL, _on_tick)
        and signal.getitimer(signal.ITIMER_PROF) == (0.0, 0.0)
    )
    if not usable:
        yield
        return
    signal.signal(signal.SIGPROF, _on_tick)
    signal.setitimer(signal.ITIMER_PROF, TICK, TICK)
    _TIMER.thread = threading.get_ident()
    try:
        yield
    finally:
        _TIMER.thread = _TIMER.ticks_left = None
        signal.setitimer(signal.ITIMER_PROF, 0, 0)
        # the handler stays: a stray tick runs it (nothing to do) instead of SIGPROF's default
        # action, which ends the process


def timer_allowance(text: str) -> bool:
    """Before one pattern's run over `text`: True when the CPU timer bounds it (its allowance is set:
    run the pattern with `timed=False`, then `end_allowance`), False when the pattern must bring its
    own timeout (outside `cpu_timer`, or in another thread)."""
    if _TIMER.thread != threading.get_ident():
        return False
    _TIMER.ticks_left = max(1, math.ceil(time_allowed(text) / TICK))
    return True


def end_allowance() -> None:
    _TIMER.ticks_left = None


def matches_at(
    pattern: regex.Pattern[str],
    text: str,
    starts: Iterable[int],
    timeout: float | None = None,
    overlapped: bool = False,
) -> Iterator[regex.Match[str]]:
    """What `pattern.finditer(text)` finds (`overlapped`: `finditer(text, overlapped=True)`), given (a
    superset of) the positions where a match may start; each try sees MAX_ANCHORED_MATCH characters;
    TimeoutError once `timeout` seconds are spent."""
    return _tries(pattern, text, sorted(set(starts)), timeout, overlapped)


def _tries(
    pattern: regex.Pattern[str],
    text: str,
    ordered: list[int],
    timeout: float | None,
    overlapped: bool = False,
) -> Iterator[regex.Match[str]]:
    """`matches_at` over positions already ascending and distinct."""
    deadline = None if timeout is None else time.monotonic() + timeout
    end = 0
    for at in ordered:
        if at < end:
            continue
        if deadline is not None and time.monotonic() > deadline:
            raise TimeoutError(f"pattern {pattern.pattern[:40]!r}… timed out")
        # (pos, endpos, concurrent, partial, timeout) given by position: `regex` parses keyword
        # arguments slowly (a third of a try that fails at once)
        if m := pattern.match(text, at, at + MAX_ANCHORED_MATCH, None, False, timeout):
            yield m
            if not overlapped:
                end = max(m.end(), at + 1)


# -- compiled patterns kept between runs ---------------------------------------------------------
# `regex` parses a pattern in Python: compiling the packs was a third of the time a one-article run
# took to give its first fact. A compiled pattern pickles as its compiled code and unpickles without
# being parsed again, so the patterns a run compiles are kept in a file for the next run, by pattern
# text and flags, per version of `regex` and of Python. Best effort: a cache that cannot be read or
# written is ignored (and replaced when it cannot be read).

CACHE_ENV = "DE06_CACHE_DIR"


def cache_dir() -> Path | None:
    """Where compiled patterns are kept: `$DE06_CACHE_DIR` (set but empty: nowhere), else
    `$XDG_CACHE_HOME/de06-extract`, else `~/.cache/de06-extract`."""
    env = os.environ.get(CACHE_ENV)
    if env is not None:
        return Path(env) if env else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "de06-extract"


class _PatternUnpickler(pickle.Unpickler):
    """Unpickles compiled patterns and nothing else: no other callable can be named in the file."""

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) == ("regex._regex", "compile"):
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not a compiled pattern")


_Key = tuple[str, int]
_K = TypeVar("_K")
_V = TypeVar("_V")


class _KeptFile(Generic[_K, _V]):
    """Entries of one cache file by key, read on first use; `save` writes back the entries this
    process used when it had to make any."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._stored: dict[_K, _V] | None = None
        self._used: dict[_K, _V] = {}
        self._made = False

    def path(self) -> Path | None:
        raise NotImplementedError

    def _read(self) -> dict[_K, _V]:
        raise NotImplementedError

    def _get(self, key: _K, make: Callable[[], _V]) -> _V:
        """The entry for `key`, from the file when it holds it, else `make()`."""
        with self._lock:
            if self._stored is None:
                self._stored = self._read()
            if key in self._stored:
                self._used.setdefault(key, self._stored[key])
            if key in self._used:
                return self._used[key]
        value = make()
        with self._lock:
            self._used[key] = value
            self._made = True
        return value

    def save(self) -> None:
        """Write the entries used so far to the cache file if any had to be made."""
        with self._lock:
            if not self._made:
                return
            used, self._made = dict(self._used), False
        _write_kept(self.path(), used)


class CompiledCache(_KeptFile[_Key, "regex.Pattern[str]"]):
    """Compiled regexes by (pattern, flags)."""

    @staticmethod
    def path() -> Path | None:
        folder = cache_dir()
        if folder is None:
            return None
        return folder / f"regex-{regex.__version__}-{sys.implementation.cache_tag}.pickle"

    def compile(self, source: str, flags: int) -> regex.Pattern[str]:
        """`regex.compile(source, flags=flags)`, from the cache when it holds it."""
        return self._get((source, flags), lambda: regex.compile(source, flags=flags))

    def _read(self) -> dict[_Key, regex.Pattern[str]]:
        stored = _read_kept(self.path(), _PatternUnpickler)
        return {
            key: pattern
            for key, pattern in stored.items()
            if isinstance(key, tuple) and isinstance(pattern, regex.Pattern) and pattern.pattern == key[0]
        }


def _read_kept(path: Path | None, unpickler: type[pickle.Unpickler]) -> dict[Any, Any]:
    """The dict a cache file holds; empty when there is none or it cannot be read."""
    if path is None:
        return {}
    try:
        with path.open("rb") as fh:
            stored = unpickler(fh).load()
    except Exception:  # a missing, truncated or foreign file: build anew, then replace it
        return {}
    return stored if isinstance(stored, dict) else {}


def _write_kept(path: Path | None, stored: dict[Any, Any]) -> None:
    """Replace a cache file with `stored`, best effort."""
    if path is None:
        return
    tmp = None
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(stored, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)  # whole files only: runs in parallel may save at once
    except OSError:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)


class _DataUnpickler(pickle.Unpickler):
    """Unpickles plain data (dicts, lists, sets, strings, numbers, TOML's dates) and nothing else."""

    def find_class(self, module: str, name: str) -> Any:
        if module == "datetime" and name in ("date", "time", "datetime", "timedelta", "timezone"):
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not plain data")


_T = TypeVar("_T")


class KeptData(_KeptFile[str, Any]):
    """Plain data built from a file's bytes (parsed TOML, a word list), kept in the cache folder beside
    the compiled patterns by the bytes' SHA-256: a changed file misses and is built again. With `code`
    (the source file of the module that builds the data) its bytes key the entries too: data an
    earlier version of the builder left, perhaps in another layout, is never read."""

    def __init__(self, kind: str, code: str | None = None) -> None:
        super().__init__()
        self.kind = kind
        self.code = code

    @cached_property
    def stamp(self) -> bytes:
        """The builder's source bytes digested (empty without `code`; unreadable: a key never kept)."""
        if self.code is None:
            return b""
        try:
            return hashlib.sha256(Path(self.code).read_bytes()).digest()
        except OSError:
            return os.urandom(32)

    def path(self) -> Path | None:
        folder = cache_dir()
        return None if folder is None else folder / f"{self.kind}-{sys.implementation.cache_tag}.pickle"

    def get(self, data: bytes, build: Callable[[bytes], _T]) -> _T:
        """`build(data)`, from the cache when it holds the result for these bytes."""
        kept: _T = self._get(hashlib.sha256(self.stamp + data).hexdigest(), lambda: build(data))
        return kept

    def _read(self) -> dict[str, Any]:
        return _read_kept(self.path(), _DataUnpickler)


COMPILED = CompiledCache()
PARSED_PACKS = KeptData("packs", __file__)  # each pack file's TOML, parsed


def kept_regex(source: str, flags: int = 0) -> regex.Pattern[str]:
    """`regex.compile(source, flags)` through the compiled-pattern cache: for a module's own patterns."""
    return COMPILED.compile(source, int(flags))


_LEAD_LETTERS = kept_regex(r"\s*+(\p{L}*+)")


def lead_letters(text: str, pos: int = 0) -> str:
    """The letters (case-folded) opening the word after the spaces at `pos`; empty before a digit or a mark.

    A cheap test in front of a pattern that opens with a lexicon's words: where it matches, an entry's
    own `lead_letters` are these (the entry ends there, or goes on with a space or a non-letter)."""
    return str(_LEAD_LETTERS.match(text, pos)[1]).casefold()


def save_compiled() -> None:
    """Keep the patterns compiled so far for the next run (`CompiledCache.save`)."""
    COMPILED.save()
