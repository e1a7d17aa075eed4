"""The recognizer contract: a rule pack in, scored candidates with explanations out."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, ClassVar

import regex

from ..document import Doc
from ..rulepacks import CompiledPattern, RulePack


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


class Recognizer:
    """Base for one fact kind. Subclasses set `kind` and implement `recognize`.

    `matches` runs the pack's patterns (or a chosen subset) with the timeout guard: a pattern that
    times out on an article leaves a warning on it and yields no more matches.
    """

    kind: ClassVar[str]

    def __init__(self, pack: RulePack, packs: dict[str, RulePack]) -> None:
        self.pack = pack
        self.packs = packs

    def recognize(self, doc: Doc) -> Iterable[Candidate]:
        raise NotImplementedError

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
        try:
            found.extend(pattern.finditer(doc.text, doc.lower))
        except TimeoutError:
            doc.warn(
                "regex_timeout", f"pattern {self.pack.name}.{pattern.name} timed out; its matches are partial"
            )
        for m in found:
            yield pattern, m
