"""The recognizer contract: a rule pack in, scored candidates with explanations out."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import Any, ClassVar

import regex

from ..document import Doc
from ..rulepacks import CompiledPattern, RulePack

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
            found.extend(islice(pattern.finditer(doc.text, doc.lower), MAX_MATCHES + 1))
        except TimeoutError:
            doc.warn(
                "regex_timeout", f"pattern {self.pack.name}.{pattern.name} timed out; its matches are partial"
            )
        if len(found) > MAX_MATCHES:
            del found[MAX_MATCHES:]
            doc.warn(
                "too_many_facts",
                f"pattern {self.pack.name}.{pattern.name} matched more than {MAX_MATCHES} times; "
                "the rest of the text was not searched with it",
            )
        for m in found:
            yield pattern, m
