"""The recognizer contract: a rule pack in, scored candidates with explanations out.

A recognizer class declares what `check` verifies when the packs load (see docs/recognizers.md):

- `kind`: the fact kind it emits (its pack's `kind`);
- `settings_model`: a pydantic model of its pack's `[settings]`, read into `self.settings`;
- `needs`: the other packs it reads (through `Services` or `services.packs`);
- a handler for every pattern of its pack: methods marked `@handles("name", ...)`; a pattern runs
  the handler its `handler` field names, by default its own name.

A recognizer is immutable once built: what one article needs while it is read lives in the scratch
object `recognize` makes for that call, so one instance serves any number of threads.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice, pairwise
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

import regex

from ..document import Doc
from ..models import FACT_KINDS
from ..rulepacks import (
    CompiledPattern,
    RulePack,
    RulePackError,
    Settings,
    end_allowance,
    read_settings,
    timer_allowance,
)

if TYPE_CHECKING:
    from .services import Services

# Matches kept per pattern and article: on text dense with facts (hostile input) the rest of the
# text is not searched with that pattern, so that memory stays bounded (the pipeline keeps at
# most half as many facts of a kind).
MAX_MATCHES = 40_000


@dataclass
class Candidate:
    """A possible fact: normalised-text span, kind-specific fields, a score and why it was found."""

    kind: str
    start: int
    end: int
    score: float
    rule: str
    fields: dict[str, Any] = field(default_factory=dict)
    explanation: str = ""
    blocks: bool = False  # claims its span in resolution but is never emitted (e.g. a malformed date)


Handler = Callable[..., Iterable[Candidate]]
_F = TypeVar("_F", bound=Handler)


def handles(*names: str) -> Callable[[_F], _F]:
    """Register a method as the handler of the patterns (or `handler` names) `names`.

    A handler is called as `handler(self, scratch, match, pattern)` and yields candidates.
    """

    def mark(fn: _F) -> _F:
        fn.__dict__["handles"] = names
        return fn

    return mark


class Recognizer:
    """Base for one fact kind. Subclasses set `kind`, `settings_model`, `needs`, register handlers and
    implement `recognize`.

    `matches` runs the pack's patterns (or a chosen subset) with the timeout guard: a pattern that
    times out on an article leaves a warning on it and yields no more matches.
    """

    kind: ClassVar[str]
    settings_model: ClassVar[type[Settings]] = Settings
    needs: ClassVar[tuple[str, ...]] = ()
    handlers: ClassVar[dict[str, Handler]] = {}

    settings: Settings

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls.handlers = {
            name: fn
            for klass in reversed(cls.__mro__)
            for fn in vars(klass).values()
            for name in getattr(fn, "handles", ())
        }

    def __init__(self, pack: RulePack, services: Services) -> None:
        self.settings = self.check(pack, services.packs)
        self.pack = pack
        self._dispatch = {p.name: self.handlers[p.handler] for p in pack.patterns}

    @classmethod
    def check(cls, pack: RulePack, packs: dict[str, RulePack]) -> Settings:
        """The pack fits this recognizer (kind, settings, a handler per pattern, the packs it needs):
        its settings, else a RulePackError naming the file and the pattern or setting."""
        where = str(pack.path)
        if pack.spec.pack.kind != cls.kind or cls.kind not in FACT_KINDS:
            raise RulePackError(f"{where}: kind {pack.spec.pack.kind!r}: {cls.__name__} emits {cls.kind!r}")
        settings = read_settings(cls.settings_model, pack)
        for p in pack.patterns:
            if p.handler not in cls.handlers:
                known = ", ".join(sorted(cls.handlers))
                raise RulePackError(
                    f"{where}: pattern {p.name!r}: {cls.__name__} has no handler {p.handler!r} (it has: {known})"
                )
        for need in cls.needs:
            if need not in packs:
                raise RulePackError(f"{where}: {cls.__name__} needs the pack {need!r}, which is not loaded")
        return settings

    def recognize(self, doc: Doc) -> Iterable[Candidate]:
        """Every candidate of the article; by default each match's handler, given `doc` as scratch."""
        for pattern, m in self.matches(doc):
            yield from self.handle(doc, pattern, m)

    def handle(self, scratch: Any, pattern: CompiledPattern, m: regex.Match[str]) -> Iterable[Candidate]:
        """Run the handler of `pattern` on one of its matches."""
        return self._dispatch[pattern.name](self, scratch, m, pattern)

    def matches(
        self, doc: Doc, names: Iterable[str] | None = None
    ) -> Iterator[tuple[CompiledPattern, regex.Match[str]]]:
        wanted = None if names is None else set(names)
        for pattern in self.pack.patterns:
            if wanted is not None and pattern.name not in wanted:
                continue
            yield from self.run(doc, pattern)

    def run(self, doc: Doc, pattern: CompiledPattern) -> Iterator[tuple[CompiledPattern, regex.Match[str]]]:
        # Collect first: the timeout must time the regex alone, not the recognizer's work per match.
        found: list[regex.Match[str]] = []
        bounded = timer_allowance(doc.text)  # the CPU timer bounds the run: no timeout given to regex
        try:
            found.extend(islice(pattern.finditer(doc.text, doc.words, timed=not bounded), MAX_MATCHES + 1))
        except TimeoutError:
            doc.warn(
                "regex_timeout", f"pattern {self.pack.name}.{pattern.name} timed out; its matches are partial"
            )
        finally:
            if bounded:
                end_allowance()
        if len(found) > MAX_MATCHES:
            del found[MAX_MATCHES:]
            doc.warn(
                "too_many_facts",
                f"pattern {self.pack.name}.{pattern.name} matched more than {MAX_MATCHES} times; "
                "the rest of the text was not searched with it",
            )
        for m in found:
            yield pattern, m


@dataclass(frozen=True)
class RangeJoin:
    """Two adjacent candidates joined by a range word ("đến", "-") after a lead ("từ") form a range."""

    join: regex.Pattern[str]  # must fill the gap between the two
    lead: regex.Pattern[str]  # searched in the `window` characters before the first
    window: int
    dash_alone: bool = False  # a join of "-" or "~" alone needs no lead ("5 tỷ đồng - 7 tỷ đồng")

    def mark(
        self, text: str, ordered: Iterable[Candidate], fits: Callable[[Candidate, Candidate], bool]
    ) -> None:
        """Set `range` start/end on each pair of neighbours in `ordered` that `fits` and is joined."""
        for a, b in pairwise(ordered):
            if a.fields.get("range") or b.fields.get("range") or b.start < a.end or not fits(a, b):
                continue
            join = self.join.fullmatch(text, a.end, b.start)
            if join and (
                (self.dash_alone and join.group().strip() in ("-", "~"))
                or self.lead.search(text[max(0, a.start - self.window) : a.start])
            ):
                a.fields["range"], b.fields["range"] = "start", "end"
