"""Percent recognizer: values, ranges, stated bounds and the subject the percentage measures."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from ..document import Doc
from ..numbers import parse_number
from ..rulepacks import RulePack, lexicon_alternation
from ..segment import PhraseReader
from .base import Candidate, Recognizer


class PercentRecognizer(Recognizer):
    kind = "percent"

    def __init__(self, pack: RulePack, packs: dict[str, RulePack]) -> None:
        super().__init__(pack, packs)
        self.phrases = PhraseReader(packs["phrases"])
        self.qualifier = regex.compile(
            r"(?:^|[^\p{L}])(?P<q>" + lexicon_alternation(pack.lexicon("qualifiers")) + r")\s*+$", regex.IGNORECASE
        )

    def recognize(self, doc: Doc) -> Iterator[Candidate]:
        for pattern, m in self.matches(doc):
            a = parse_number(m["a"])
            if a is None:
                continue
            left = doc.text[max(0, m.start() - 20) : m.start()]
            q = self.qualifier.search(left)
            qualifier = q["q"].lower() if q else None
            if pattern.name == "percent_range":
                b = parse_number(m["b"])
                if b is None or b <= a:
                    continue
                subject = self._subject(doc, m.end())
                yield Candidate("percent", m.start("a"), m.end("asign") if m["asign"] else m.end("a"), pattern.score,
                                pattern.name, {"value": a, "range": "start", "qualifier": qualifier, "subject": subject})
                yield Candidate("percent", m.start("b"), m.end(), pattern.score, pattern.name,
                                {"value": b, "range": "end", "subject": subject})
            else:
                yield Candidate("percent", m.start(), m.end(), pattern.score, pattern.name,
                                {"value": a, "qualifier": qualifier, "subject": self._subject(doc, m.end())})

    def _subject(self, doc: Doc, pos: int) -> str | None:
        span = self.phrases.read(doc, pos, verbs=True)
        return doc.text[span[0] : span[1]] if span else None


RECOGNIZER = PercentRecognizer
