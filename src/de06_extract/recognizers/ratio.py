"""Ratio recognizer: 'a/b' with the counted noun after it, or a ranking 'xếp hạng 71/193'."""

from __future__ import annotations

from collections.abc import Iterator

from ..document import Doc
from ..numbers import parse_int
from ..rulepacks import RulePack
from ..segment import PhraseReader
from .base import Candidate, Recognizer


class RatioRecognizer(Recognizer):
    kind = "ratio"

    def __init__(self, pack: RulePack, packs: dict[str, RulePack]) -> None:
        super().__init__(pack, packs)
        self.phrases = PhraseReader(packs["phrases"])
        self.ranking = pack.compile(r"(?r)(?:{ranking_triggers})\s*+(?:thứ\s+)?$", case_sensitive=False)
        settings = pack.spec.settings
        self.scores = {k: float(v) for k, v in settings.items() if k.startswith("score_")}
        self.year_min, self.year_max = int(settings["year_like_min"]), int(settings["year_like_max"])

    def recognize(self, doc: Doc) -> Iterator[Candidate]:
        for pattern, m in self.matches(doc):
            a, b = parse_int(m["a"]), parse_int(m["b"])
            if a is None or b is None or b == 0:
                continue
            ranking = bool(self.ranking.search(doc.text[max(0, m.start() - 24) : m.start()]))
            unit = self.phrases.read(doc, m.end())
            if unit and doc.text[unit[0]].isupper():  # a name ("1/500 Bãi ..."), not a counted noun
                unit = None
            end = unit[1] if unit else m.end()
            if ranking:
                score = self.scores["score_ranking"]
            elif self.year_min <= b <= self.year_max:
                score = self.scores["score_year_like"]
            elif unit:
                score = self.scores["score_with_unit"] if a <= b else self.scores["score_bare"]
            else:
                score = self.scores["score_bare" if a <= b else "score_bare_inverted"]
            fields = {
                "numerator": a,
                "denominator": b,
                "unit": doc.text[unit[0] : unit[1]] if unit else None,
                "ranking": ranking,
            }
            yield Candidate("ratio", m.start(), end, score, pattern.name, fields, pattern.explanation)


RECOGNIZER = RatioRecognizer
