"""Money recognizer: an amount in Vietnamese notation with scale words and a currency, ranges, bounds.

`Amounts` reads the number notation of the `money` pack (scale words, spelled-out numbers,
qualifiers, currencies); the quantity recognizer reuses it so both kinds read numbers alike.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise
from typing import Any

import regex

from ..document import Doc
from ..numbers import decimal_table, parse_amount
from ..rulepacks import RulePack, RulePackError, lexicon_alternation
from .base import Candidate, Recognizer

_CONTEXT = 28
_RANGE_JOIN = regex.compile(r"\s*+(?:-|–|—|~|đến|tới|cho\s+đến)\s*+", regex.IGNORECASE)
_FROM_BEFORE = regex.compile(r"(?r)(?:^|[^\p{L}])(?:từ|kể\s+từ|khoảng\s+từ)\s*+$", regex.IGNORECASE)
_TOKEN = regex.compile(r"\d[\d.,]*+|\p{L}++")
_WORD = regex.compile(r"\p{L}++")


class Amounts:
    """Number notation shared by money and quantity: values, scale words, qualifiers, currencies."""

    def __init__(self, pack: RulePack) -> None:
        self.scales = pack.table("scales")
        self.decimal_scales = decimal_table(self.scales)
        self.decimal_words = decimal_table(pack.table("number_values"))
        self.codes = pack.table("currency_codes")
        missing = [w for w in pack.lexicon("currency") if w not in self.codes]
        if missing:
            raise RulePackError(f"{pack.path}: currencies without a code in currency_codes: {missing}")
        self.scale_words = {w.lower() for w in pack.lexicon("scale")}
        self.number_words = self.scale_words | {w.lower() for w in pack.lexicon("number_words")}
        self.weak = set(pack.lexicon("weak_currency"))
        self.weak_min = float(pack.spec.settings["weak_min_value"])
        self.amount = pack.compile(r"\G{amount}")
        self.currency = pack.compile(r"\G\s*+{cur}")
        self.not_after = regex.compile(
            r"\G\s++" + lexicon_alternation(pack.lexicon("not_after_currency")) + r"(?![\p{L}\p{N}])"
        )
        self.not_after_small = regex.compile(
            r"\G\s++" + lexicon_alternation(pack.lexicon("not_after_small")) + r"(?![\p{L}\p{N}])"
        )
        self.qualifier_re = pack.word_before("qualifiers")

    def value(self, text: str) -> float | None:
        return parse_amount(text, self.decimal_scales, self.decimal_words)

    def has_scale(self, text: str) -> bool:
        return any(w in self.scale_words for w in _WORD.findall(text.lower()))

    def leading_scale(self, text: str) -> float:
        """Product of the scale words right after the first number ('7 tỷ' → 1e9, '50tỷ' → 1e9, '7' → 1)."""
        factor = 1.0
        for tok in _TOKEN.findall(text.lower())[1:]:
            if tok not in self.scale_words:
                break
            factor *= float(self.scales[tok])
        return factor

    def qualifier(self, doc: Doc, start: int) -> str | None:
        q = self.qualifier_re.search(doc.text[max(0, start - _CONTEXT) : start])
        return " ".join(q["word"].lower().split()) if q else None

    def currency_at(
        self, doc: Doc, pos: int, *, scaled: bool = False, value: float | None = None
    ) -> tuple[str, int] | None:
        """ISO code and end of a currency word right after `pos`, unless it starts another word.

        Without a scale word before it, "đồng" followed by "chí", "thời", ... is not money (nor
        "đồng tiền" after a small number).
        """
        m = self.currency.match(doc.text, pos)
        if not m:
            return None
        cur = m["cur"]
        if not scaled and cur[0].islower():
            if self.not_after.match(doc.text, m.end()):
                return None
            # endpos: with one literal word, `regex` would scan the whole rest of the text for it
            small = value is None or value < self.weak_min
            if small and self.not_after_small.match(doc.text, m.end(), m.end() + _CONTEXT):
                return None
        return self.codes[cur], m.end()

    def weak_ok(self, cur_text: str, value: float, amount_text: str) -> bool:
        return cur_text not in self.weak or value >= self.weak_min or self.has_scale(amount_text)


class MoneyRecognizer(Recognizer):
    kind = "money"

    def __init__(self, pack: RulePack, packs: dict[str, RulePack]) -> None:
        super().__init__(pack, packs)
        self.amounts = Amounts(pack)
        self.cues = pack.compile(r"(?:^|[^\p{L}])(?:{money_cues})(?![\p{L}])", case_sensitive=False)
        self.implied_window = int(pack.spec.settings["implied_window"])
        self.implied_currency = str(pack.spec.settings["implied_currency"])

    def recognize(self, doc: Doc) -> Iterator[Candidate]:
        found: list[Candidate] = []
        implied: list[tuple[regex.Match[str], float, str, str]] = []
        for pattern, m in self.matches(doc):
            if pattern.name == "money_implied":
                implied.append((m, pattern.score, pattern.name, pattern.explanation))
                continue
            last = m["b"] if pattern.name == "money_range" else m["a"]
            scaled = self.amounts.has_scale(last)
            cur = self.amounts.currency_at(doc, m.start("cur"), scaled=scaled, value=self.amounts.value(last))
            if cur is None or (not scaled and doc.text[m.start() - 1 : m.start()] == "/"):
                continue
            code = cur[0]
            if pattern.name == "money_range":
                found.extend(self._range(doc, m, code, pattern.score, pattern.name, pattern.explanation))
                continue
            value = self.amounts.value(m["a"])
            if value is None or not self.amounts.weak_ok(m["cur"], value, m["a"]):
                continue
            found.append(
                self._cand(
                    doc, m.start("a"), m.end(), value, code, pattern.score, pattern.name, pattern.explanation
                )
            )
        found.extend(self._implied(doc, implied, found))
        yield from _mark_ranges(doc, found)

    def _implied(
        self, doc: Doc, matches: list[tuple[regex.Match[str], float, str, str]], found: list[Candidate]
    ) -> Iterator[Candidate]:
        """Amounts in tỷ without a currency, after a money word or another amount on the line: VND.

        (The currency of an amount before it is not taken: "65.000 USD (khoảng 1,4 tỷ)" converts to VND.)
        """
        text = doc.text
        for m, score, rule, why in matches:
            start = m.start("a")
            if any(c.start < m.end() and start < c.end for c in found):
                continue
            line_start = text.rfind("\n", 0, start) + 1
            before = [c for c in found if line_start <= c.start < start]
            cue = self.cues.search(text[max(line_start, start - self.implied_window) : start])
            if not before and not cue:
                continue
            value = self.amounts.value(m["a"])
            if value is None:
                continue
            yield self._cand(doc, start, m.end("a"), value, self.implied_currency, score, rule, why)

    def _range(
        self, doc: Doc, m: regex.Match[str], code: str, score: float, rule: str, why: str
    ) -> list[Candidate]:
        a_text, b_text = m["a"], m["b"]
        b = self.amounts.value(b_text)
        if b is None or not self.amounts.weak_ok(m["cur"], b, b_text):
            return []
        second = self._cand(doc, m.start("b"), m.end(), b, code, score, rule, why)
        a = self.amounts.value(a_text)
        if a is not None and not self.amounts.has_scale(a_text):
            inherited = a * self.amounts.leading_scale(b_text)
            if inherited <= b:
                a = inherited
        if a is None or a >= b:
            return [second]  # "2020 - 5 tỷ đồng" is not a range: keep the amount that has a currency
        first = self._cand(doc, m.start("a"), m.end("a"), a, code, score, rule, why)
        first.fields["range"], second.fields["range"] = "start", "end"
        if first.fields["qualifier"]:
            second.fields["qualifier"], second.fields["approx"] = first.fields["qualifier"], True
        return [first, second]

    def _cand(
        self, doc: Doc, start: int, end: int, value: float, code: str, score: float, rule: str, why: str
    ) -> Candidate:
        q = self.amounts.qualifier(doc, start)
        fields: dict[str, Any] = {"value": value, "currency": code, "approx": q is not None, "qualifier": q}
        return Candidate("money", start, end, score, rule, fields, why)


def _mark_ranges(doc: Doc, found: list[Candidate]) -> list[Candidate]:
    """'từ 5 tỷ đồng đến 7 tỷ đồng', '5 tỷ đồng - 7 tỷ đồng': two amounts of one currency form a range."""
    ordered = sorted(found, key=lambda c: (c.start, -c.end))
    for a, b in pairwise(ordered):
        if a.fields.get("range") or b.fields.get("range") or b.start < a.end:
            continue
        if a.fields["currency"] != b.fields["currency"] or a.fields["value"] >= b.fields["value"]:
            continue
        join = _RANGE_JOIN.fullmatch(doc.text, a.end, b.start)
        if join and (
            join.group().strip() in "-–—~" or _FROM_BEFORE.search(doc.text[max(0, a.start - 16) : a.start])
        ):
            a.fields["range"], b.fields["range"] = "start", "end"
    return found


RECOGNIZER = MoneyRecognizer
