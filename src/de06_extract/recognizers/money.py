"""Money recognizer: an amount in Vietnamese notation with scale words and a currency, ranges, bounds.

`Amounts` reads the number notation of the `money` pack (scale words, spelled-out numbers,
qualifiers, currencies); the quantity recognizer reuses it so both kinds read numbers alike.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import regex
from pydantic import Field

from ..document import Doc
from ..numbers import decimal_table, is_ambiguous, parse_amount
from ..rulepacks import (
    CompiledPattern,
    RulePack,
    RulePackError,
    Settings,
    kept_regex,
    lead_letters,
    lexicon_alternation,
    read_settings,
)
from ..segment import NOUN_TAGS, pos_window
from .base import Candidate, RangeJoin, Recognizer, handles

if TYPE_CHECKING:
    from .services import Services

_CONTEXT = 28
_RANGE_CONTEXT = 60  # how far back "từ" opens a range whose end "tới" leads to
_BRACKET = 80  # how far a bracket after a bare amount is read for an amount with its currency
# 'từ 5 tỷ đồng đến 7 tỷ đồng', '5 tỷ đồng - 7 tỷ đồng': two amounts of one currency form a range.
_RANGES = RangeJoin(
    kept_regex(r"\s*+(?:-|~|đến|tới|cho\s+đến)\s*+", regex.IGNORECASE),
    kept_regex(r"(?r)(?:^|[^\p{L}])(?:từ|kể\s+từ|khoảng\s+từ)\s*+$", regex.IGNORECASE),
    16,
    dash_alone=True,
)
_TOKEN = kept_regex(r"\d[\d.,]*+|\p{L}++")
_WORD = kept_regex(r"\p{L}++")
_NEXT_WORD = kept_regex(r"\s++(\p{L}++)")
_NAME_NEXT = kept_regex(r"[ ]++\p{Lu}")
_SENTENCE_END = kept_regex(r"[.!?;]\s")
_MARK_AFTER = kept_regex(r"[ \t]*+(?:[,.;:)!?\n…]|$)")  # a mark (not a word) ends the clause


class MoneySettings(Settings):
    weak_min_value: float = Field(
        description="A weak currency word ('đồng') needs an amount this large, or a scale word."
    )
    implied_window: int = Field(description="Characters before an amount searched for a money word.")
    implied_currency: str = Field(description="Currency of an amount in tỷ without one (after a money word).")
    foreign_ratio: float = Field(
        gt=1,
        description="An amount without a currency after one in another currency in its sentence takes "
        "that currency when the two differ by at most this factor (a conversion differs by far more).",
    )
    elided_scale: str = Field(
        description="Scale word left out after 'nghìn' in 'cần 12 nghìn tỷ, ... 18 nghìn,'."
    )


class Amounts:
    """Number notation shared by money and quantity: values, scale words, qualifiers, currencies."""

    def __init__(self, pack: RulePack) -> None:
        self.scales = pack.table("scales")
        self.decimal_scales = decimal_table(self.scales)
        self.decimal_words = decimal_table(pack.table("number_values"))
        self.tens = frozenset(w.lower() for w in pack.lexicon("spelled_tens"))
        self.codes = pack.table("currency_codes")
        self.subunits = {k: Decimal(v) for k, v in pack.table("subunit_factors").items()}
        missing = [w for w in pack.lexicon("currency") if w not in self.codes]
        if missing:
            raise RulePackError(f"{pack.path}: currencies without a code in currency_codes: {missing}")
        self.scale_words = {w.lower() for w in pack.lexicon("scale")}
        self.number_words = self.scale_words | {w.lower() for w in pack.lexicon("number_words")}
        self.weak = set(pack.lexicon("weak_currency"))
        # each anchored sub-unit → the other spellings of its currency, one of which its sentence must hold
        self.anchors = {
            word: kept_regex(
                r"(?<![\p{L}\p{N}])"
                + lexicon_alternation(
                    w for w, code in self.codes.items() if code == self.codes[word] and w != word
                )
                + r"(?![\p{L}\p{N}])"
            )
            for word in pack.lexicon("anchored_subunits")
        }
        self.padded_thousands = kept_regex(
            r"(?<![\d.,])\d{1,3}+,\d00(?![\d.,])\s*+"
            + lexicon_alternation(pack.lexicon("thousands_scales"))
            + r"(?![\p{L}\p{N}])"
        )
        self.weak_min = read_settings(MoneySettings, pack).weak_min_value
        self.rate = kept_regex(
            r"\G[ ]?/\s*+(?:\d++[ ]?+"
            + lexicon_alternation(pack.lexicon("numbered_rate_units"))
            + "|"
            + lexicon_alternation(pack.lexicon("rate_units"))
            + r")(?![\p{L}\p{N}])"
        )
        self.amount = pack.compile(r"\G{amount}")
        self.currency = pack.compile(r"\G\s*+{cur}")
        self.currency_heads = frozenset(map(lead_letters, pack.lexicon("currency")))
        self.not_after = kept_regex(
            r"\G\s++" + lexicon_alternation(pack.lexicon("not_after_currency")) + r"(?![\p{L}\p{N}])"
        )
        self.never_after = kept_regex(
            r"\G\s++" + lexicon_alternation(pack.lexicon("never_after_currency")) + r"(?![\p{L}\p{N}])"
        )
        self.not_after_small = kept_regex(
            r"\G\s++" + lexicon_alternation(pack.lexicon("not_after_small")) + r"(?![\p{L}\p{N}])"
        )
        self.qualifier_re = pack.ends_with_word("qualifiers")
        # "tối đa là 1 tỷ", "khoảng từ 7 đến 10": a hedge before a copula or a range's "từ"
        self.linked_qualifier = pack.word_before("linked_qualifiers", r"\s++(?:{qualifier_links})\s*+")
        # "tới", "đến" are prepositions, no bound, at the end of a range ("từ 17 tỷ đồng ... tới 64 tỷ đồng", "từ
        # trên 1 tỷ đồng đến 10 tỷ đồng", "910 tới 930 triệu USD", "399 USD (9 triệu đồng) đến 529 USD": an
        # amount right before it, its currency and a bracket allowed) or after a verb that takes them ("liên quan
        # tới 12 dự án")
        self.preposition_qualifiers = frozenset(w.lower() for w in pack.lexicon("preposition_qualifiers"))
        self.preposition_before = pack.compile(
            r"(?r)(?:(?<![\p{L}\p{N}])từ[ ]++(?:(?:{qualifiers})[ ]++)?\d(?:[^,;:.!?()\n]|[.,]\d)*"
            r"|(?<![\p{L}\p{N}])[\d.,]*\d(?:[ ]*+(?:{currency})(?![\p{L}\p{N}]))?+(?:[ ]*+\([^()\n]{0,40}+\))?+"
            r"|(?<![\p{L}\p{N}])(?:{preposition_verbs}))[ ]++$",
            case_sensitive=False,
        )
        # the same few amounts ("1", "2", "10 triệu") recur in every article
        self._parsed = lru_cache(maxsize=4096)(self._parse)

    def value(self, text: str, doc: Doc | None = None) -> float | None:
        """The amount `text`; in an article of `doc` that writes English numbers "2,500" is 2500, and in
        any "9,800 tỷ" (`thousands_scales`) is 9800 tỷ."""
        english = is_ambiguous(text) and (
            (doc is not None and doc.english_numbers) or self.padded_thousands.match(text) is not None
        )
        return self._parsed(text, english)

    def _parse(self, text: str, english: bool) -> float | None:
        return parse_amount(text, self.decimal_scales, self.decimal_words, english, self.tens)

    def in_units(self, value: float, cur_text: str) -> float:
        """A sub-unit amount in units of its currency: 8.5 (US cent) → 0.085."""
        factor = self.subunits.get(cur_text)
        return value if factor is None else float(Decimal(str(value)) * factor)

    def scale_words_of(self, factor: float) -> list[str]:
        """The scale words of the pack worth `factor` ("tỷ", "tỉ" for 1e9)."""
        return sorted(w for w, f in self.scales.items() if float(f) == factor)

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
        left = doc.text[max(0, start - _CONTEXT) : start]
        q = self.qualifier_re.search(left) or self.linked_qualifier.search(left)
        if q is None:
            return None
        word = " ".join(q["word"].lower().split())
        if word in self.preposition_qualifiers:
            if q["word"][0].isupper():
                return None  # "Đến 30 Tết ...": a time ("by", "until") opening the sentence, no bound
            at = max(0, start - _CONTEXT) + q.start("word")
            if self.preposition_before.search(doc.text, max(0, at - _RANGE_CONTEXT), at):
                return None
        return word

    def currency_match(self, text: str, pos: int) -> regex.Match[str] | None:
        """`currency.match(text, pos)`, tried only when the next word opens with a currency word's letters
        (a quarter of the tries after a number; the pattern is slow: tens of µs a try in the run)."""
        if lead_letters(text, pos) not in self.currency_heads:
            return None
        return self.currency.match(text, pos)

    def currency_at(
        self, doc: Doc, pos: int, *, scaled: bool = False, value: float | None = None
    ) -> tuple[str, int] | None:
        """ISO code and end of a currency word right after `pos`, unless it starts another word.

        Without a scale word before it, "đồng" followed by "chí", "thời", ... is not money (nor
        "đồng tiền" after a small number).
        """
        m = self.currency_match(doc.text, pos)
        if not m:
            return None
        cur = m["cur"]
        if cur[0].islower() and self.never_after.match(doc.text, m.end()):
            return None
        if cur[0].isupper() and cur in self.weak and _NAME_NEXT.match(doc.text, m.end()):
            return None  # a place's name: "299 Yên Hòa"
        if (anchor := self.anchors.get(cur)) and not anchor.search(
            doc.text, *doc.sentence_bounds(doc.sentence_at(pos))
        ):
            return None  # "1 xu hay 1 đồng": a sub-unit of no currency named in its sentence
        if not scaled and cur[0].islower():
            if self.not_after.match(doc.text, m.end()):
                return None
            # endpos: with one literal word, `regex` would scan the whole rest of the text for it
            small = value is None or value < self.weak_min
            if small and self.not_after_small.match(doc.text, m.end(), m.end() + _CONTEXT):
                return None
        return self.codes[cur], m.end()

    def weak_ok(self, cur_text: str, value: float, amount_text: str, rate: bool = False) -> bool:
        """A weak currency word ('bảng') is money with a large, decimal or scaled amount, or in a rate."""
        return (
            cur_text not in self.weak
            or rate
            or value >= self.weak_min
            or not value.is_integer()
            or self.has_scale(amount_text)
        )


class _Spans:
    """The spans of the amounts found so far, sorted by start, for questions asked once per amount
    (overlap, amounts between two offsets, an equal value) in O(log n + k), not O(n): an article
    dense with amounts stays linear (bench/hostile.py)."""

    def __init__(self, found: Iterable[Candidate]) -> None:
        self.starts: list[int] = []
        self.found: list[Candidate] = []
        self.longest = 0
        self.values: set[tuple[Any, Any]] = set()
        for c in found:
            self.add(c)

    def add(self, c: Candidate) -> None:
        at = bisect.bisect_right(self.starts, c.start)
        self.starts.insert(at, c.start)
        self.found.insert(at, c)
        self.longest = max(self.longest, c.end - c.start)
        self.values.add((c.fields.get("value"), c.fields.get("currency")))

    def between(self, lo: int, hi: int) -> list[Candidate]:
        """The amounts starting in [lo, hi)."""
        return self.found[bisect.bisect_left(self.starts, lo) : bisect.bisect_left(self.starts, hi)]

    def overlaps(self, start: int, end: int) -> bool:
        return any(c.end > start for c in self.between(start - self.longest, end))


@dataclass
class _Scratch:
    """One article's state: its text, the amounts found, the implied-currency matches kept for last."""

    doc: Doc
    found: list[Candidate] = field(default_factory=list)
    implied: list[tuple[regex.Match[str], CompiledPattern]] = field(default_factory=list)
    elided: list[tuple[regex.Match[str], CompiledPattern]] = field(default_factory=list)


class MoneyRecognizer(Recognizer):
    kind = "money"
    settings_model = MoneySettings
    settings: MoneySettings
    needs = ("money",)

    def __init__(self, pack: RulePack, services: Services) -> None:
        super().__init__(pack, services)
        self.amounts = services.amounts
        self.cues = pack.compile(r"(?:^|[^\p{L}])(?:{money_cues})(?![\p{L}])", case_sensitive=False)
        self.cue_right_before = pack.word_before("money_cues", r"\s*+(?:(?:{qualifiers})\s*+)?")
        # a handing-over verb earlier in the amount's clause ("chuyển cho người đó gần 30 triệu")
        self.transfer = pack.compile(
            r"(?:^|[^\p{L}])(?:{transfer_cues})(?![\p{L}])[^,;:.!?\n]*+$", case_sensitive=False
        )
        self.price_for = pack.compile(
            r"\G\s++(?:{price_for})(?![\p{L}\p{N}])(?!\s++(?:{price_for_not})(?![\p{L}\p{N}]))", False
        )
        self.prize_before = pack.word_before("prize_cues", r"\s*+(?:(?:{qualifiers})\s*+)?")
        self.purpose = pack.compile(r"\G\s++(?:{purpose_words})(?![\p{L}\p{N}])", False)
        self.list_label = pack.word_before("list_not_after")
        self.respective = pack.word_before("respective_cues")
        self.range_start = pack.compile(r"(?r){nb}(?P<a>{num}){join}$")  # "từ 150 - " before a price
        self.not_before = {w.lower() for w in pack.lexicon("implied_not_before")}
        self.billions = frozenset(self.amounts.scale_words_of(1e9))  # an amount "in tỷ"
        # a stated amount in thousands of the elided scale: "12 nghìn tỷ"
        self.elided_tail = kept_regex(
            lexicon_alternation(self.amounts.scale_words_of(1e3))
            + r"\s++"
            + lexicon_alternation(
                self.amounts.scale_words_of(float(self.amounts.scales[self.settings.elided_scale]))
            )
        )
        self.not_elided = tuple(p.name for p in pack.patterns if p.handler != "money_elided")

    def recognize(self, doc: Doc) -> list[Candidate]:
        scratch = _Scratch(doc)
        # an elided amount needs one in nghìn tỷ on its line: without any in the text, no need to look
        names = None if self.elided_tail.search(doc.text) else self.not_elided
        for pattern, m in self.matches(doc, names):
            scratch.found.extend(self.handle(scratch, pattern, m))
        self._add_implied(scratch)
        self._add_elided(scratch)
        ordered = sorted(scratch.found, key=lambda c: (c.start, -c.end))
        _RANGES.mark(doc.text, ordered, _same_currency_rising)
        return scratch.found

    # -- handlers: (scratch, match, pattern) → candidates -------------------------------------------

    @handles("money", "money_words")
    def _amount(
        self, scratch: _Scratch, m: regex.Match[str], pattern: CompiledPattern
    ) -> Iterable[Candidate]:
        code = self._currency(scratch.doc, m, m["a"])
        value = self.amounts.value(m["a"], scratch.doc)
        rate = self.amounts.rate.match(scratch.doc.text, m.end()) is not None
        if code is None or value is None or not self.amounts.weak_ok(m["cur"], value, m["a"], rate):
            return ()
        value = self.amounts.in_units(value, m["cur"])
        if m.groupdict().get("neg") is not None:  # a loss or a negative balance: "(-21 tỷ đồng)"
            value = -value
        return (self._cand(scratch.doc, m.start(), m.end(), value, code, pattern),)

    @handles("money_sign")
    def _signed(
        self, scratch: _Scratch, m: regex.Match[str], pattern: CompiledPattern
    ) -> Iterable[Candidate]:
        """'£6', 'US$3 triệu': the sign names the currency; the span starts at the sign."""
        value = self.amounts.value(m["a"], scratch.doc)
        if value is None:
            return ()
        return (self._cand(scratch.doc, m.start(), m.end(), value, self.amounts.codes[m["cur"]], pattern),)

    @handles("money_implied")
    def _keep_implied(
        self, scratch: _Scratch, m: regex.Match[str], pattern: CompiledPattern
    ) -> Iterable[Candidate]:
        scratch.implied.append((m, pattern))  # read once every amount with a currency is known
        return ()

    @handles("money_elided")
    def _keep_elided(
        self, scratch: _Scratch, m: regex.Match[str], pattern: CompiledPattern
    ) -> Iterable[Candidate]:
        scratch.elided.append((m, pattern))  # read once every amount in nghìn tỷ is known
        return ()

    def _currency(self, doc: Doc, m: regex.Match[str], last: str) -> str | None:
        """ISO code of the currency after the amount whose last number is `last`, if it is money."""
        scaled = self.amounts.has_scale(last)
        cur = self.amounts.currency_at(
            doc, m.start("cur"), scaled=scaled, value=self.amounts.value(last, doc)
        )
        if cur is None or (not scaled and doc.text[m.start() - 1 : m.start()] == "/"):
            return None
        return cur[0]

    def _add_implied(self, scratch: _Scratch) -> None:
        """Amounts in tỷ without a currency, after a money word or another amount on the line
        (one found before it counts too), or the same amount as a money fact of the article: VND;
        in triệu, the last only in the headline ("tối thiểu 100 triệu" over "100 triệu đồng").

        At a clause end any of these will do; before another word (not a noun: "trị giá 8 tỷ chạy")
        only a money word right before it or the same amount stated as money. (The currency of an
        amount before it is not taken: "65.000 USD (khoảng 1,4 tỷ)" converts to VND.)
        """
        spans = _Spans(scratch.found)
        left_over = []
        for m, pattern in scratch.implied:
            value = self.amounts.value(m["a"], scratch.doc)
            if value is not None and not self._add(scratch, spans, m, pattern, value, echo=False):
                left_over.append((m, pattern, value))
        # then an amount the article states as money elsewhere, before or after
        for m, pattern, value in left_over:
            self._add(scratch, spans, m, pattern, value, echo=True)

    def _add(
        self,
        scratch: _Scratch,
        spans: _Spans,
        m: regex.Match[str],
        pattern: CompiledPattern,
        value: float,
        *,
        echo: bool,
    ) -> bool:
        """Add the implied amount `m` (of `value`) when `_implied_ok`, in the currency of the amount
        `_foreign_before` it if any, else `implied_currency`; whether it was added."""
        foreign = self._foreign_before(spans, m, value)
        if not self._implied_ok(scratch, spans, m, value, foreign, echo=echo):
            return False
        doc = scratch.doc
        code = self.settings.implied_currency if foreign is None else foreign.fields["currency"]
        signed = -value if m["neg"] is not None else value  # a net sale: "SSI -11,9 tỷ"
        cands = [self._cand(doc, m.start(), m.end("a"), signed, code, pattern)]
        # a price per unit after a bare number and a range word: "từ 150 - 200 triệu/tháng", or a range glued by
        # its dash: "26-33 triệu khi" (marked later)
        lo = max(0, m.start("a") - _CONTEXT)
        ranged = m["rate"] is not None or m["glued"] is not None
        first = self.range_start.search(doc.text, lo, m.start("a")) if ranged else None
        start = (
            0.0
            if first is None
            else (self.amounts.value(first["a"], doc) or 0) * self.amounts.leading_scale(m["a"])
        )
        if first is not None and 0 < start < value and not spans.overlaps(first.start("a"), first.end("a")):
            cands.insert(0, self._cand(doc, first.start("a"), first.end("a"), start, code, pattern))
        elif m["glued"] is not None:  # "10-12 triệu/m2" is read as a range or not at all
            return False
        scratch.found.extend(cands)
        for cand in cands:
            spans.add(cand)
        return True

    def _implied_ok(
        self,
        scratch: _Scratch,
        spans: _Spans,
        m: regex.Match[str],
        value: float,
        foreign: Candidate | None,
        *,
        echo: bool,
    ) -> bool:
        """Whether the implied amount `m` (of `value`, after the `_foreign_before` amount `foreign`) is
        money; with `echo`, by the same amount found as money."""
        doc = scratch.doc
        text = doc.text
        start = m.start("a")
        if spans.overlaps(start, m.end()):
            return False
        line_start = text.rfind("\n", 0, start) + 1
        left = text[max(line_start, start - self.settings.implied_window) : start]
        if m["thousands"] is not None:
            return not echo and self._thousands_ok(spans, m, line_start, left)
        billions = not self.billions.isdisjoint(_WORD.findall(m["a"].lower()))
        if self.prize_before.search(left):
            return True  # a prize won, whatever noun follows: "trúng 82 tỉ vé số" (the ticket won it)
        if billions and doc.zone_at(start) == "title" and self._states_money(spans):
            # a headline's amount, the article stating money: "Xây tháp 300 tỷ không phải để chơi"
            return m["open"] is None or self._not_counting(doc, m)
        if billions and m["noun"] is not None:
            return True  # a money noun names it: "30.000 tỉ vốn ODA", "60 nghìn tỷ kỳ hạn 14 ngày"
        if echo:
            same = (value, self.settings.implied_currency) in spans.values
            if not billions:  # "triệu": a headline's amount that the article states as money
                return same and m["open"] is None and doc.zone_at(start) == "title"
            return same and (m["open"] is None or self._not_counting(doc, m))
        if m["bracket"] is not None:  # "giảm 210 triệu (từ 8,02 tỷ đồng xuống còn 7,81 tỷ đồng)"
            return self._bracket_states_money(spans, m)
        if m["rate"] is not None:
            return True  # a price per unit: "nhà ở xã hội 15 triệu/m2", "học phí 2,7 triệu/ tháng"
        if self._next_is(self.price_for, m) and self._states_money(spans):
            return True  # a price or a sum for something: "29 triệu cho set đồ", "nhà 100 triệu cho người"
        if billions and self._next_is(self.purpose, m):
            return True  # a sum spent on an aim, no noun counted: "đề xuất hơn 50 tỷ để sửa chữa sân"
        if m["open"] is not None:  # a money word, then no noun: "trị giá 8 tỷ chạy", "phạt 6 triệu do"
            return bool(self.cue_right_before.search(left)) and self._not_counting(doc, m)
        if not billions:  # "triệu": after a money word, an amount in its currency or a like foreign one
            # ... a foreign one only when bare itself: "chân trắng đạt 2 tỷ, ... tôm sú đạt 900 triệu,"
            return (
                bool(self.cue_right_before.search(left))
                or self._after_amount(spans, m, line_start)
                or (foreign is not None and foreign.rule == "money_implied")
                or (m["noun"] is None and self._states_money(spans) and self._cue_in_sentence(left))
                or (m["noun"] is None and self.transfer.search(left) is not None)
            )
        return bool(self.cues.search(left)) or bool(spans.between(line_start, start))

    @staticmethod
    def _next_is(words: regex.Pattern[str], m: regex.Match[str]) -> bool:
        """`words` match right after the amount `m`; in a bounded window, as a required literal would
        otherwise be searched to the text's end."""
        end = m.end("a")
        return words.match(m.string, end, end + _CONTEXT) is not None

    def _thousands_ok(self, spans: _Spans, m: regex.Match[str], line_start: int, left: str) -> bool:
        """A bare amount in thousands (no scale word) is a price per unit or a sum for something after an
        amount in `implied_currency` of its sentence ("20.000 đồng/lượt, ... 30.000/lượt"), or in a
        sentence with a money word when the article states such money ("tính tiền ..., giảm 30.000 cho 3
        chuyến"); `line_start` and `left` as `_implied_ok` reads them."""
        if m["rate"] is None and not self._next_is(self.price_for, m):
            return False
        return self._after_amount(spans, m, line_start) or (
            self._states_money(spans) and self._cue_in_sentence(left)
        )

    def _bracket_states_money(self, spans: _Spans, m: regex.Match[str]) -> bool:
        """The bracket right after the bare amount `m` holds an amount in `implied_currency` written with
        its currency: the bracket explains the figure ("giảm 210 triệu (từ 8,02 tỷ đồng xuống còn 7,81 tỷ
        đồng)", "lãi 300 tỷ (năm trước 250 tỷ đồng)")."""
        text = m.string
        opening = text.find("(", m.end("a"))
        closing = text.find(")", opening, opening + _BRACKET)
        hi = closing if closing >= 0 else min(len(text), opening + _BRACKET)
        return any(
            c.fields["currency"] == self.settings.implied_currency and c.end <= hi
            for c in spans.between(opening, hi)
        )

    def _cue_in_sentence(self, left: str) -> bool:
        """A money word in the sentence that `left` (the text before an amount) ends: "trả lại cho vợ
        130 triệu mà", "chi phí thuê địa điểm sẽ rơi vào khoảng 300 triệu."."""
        opening = max((end.end() for end in _SENTENCE_END.finditer(left)), default=0)
        return self.cues.search(left, opening) is not None

    def _states_money(self, spans: _Spans) -> bool:
        """The article states an amount in `implied_currency` (with its currency word)."""
        return any(code == self.settings.implied_currency for _, code in spans.values)

    def _after_amount(self, spans: _Spans, m: regex.Match[str], line_start: int) -> bool:
        """An amount in `implied_currency` ends in the same sentence shortly before `m`'s: "được nhận
        38 triệu đồng nhưng mới nhận gần 13 triệu"; or, when a mark ends `m`'s clause, anywhere before
        it in its paragraph: "mua vào 36,2 triệu đồng. Giá bán ra là 36,4 triệu,"."""
        text, start = m.string, m.start("a")
        marked = _MARK_AFTER.match(text, m.end("a")) is not None
        lo = line_start if marked else max(line_start, start - self.settings.implied_window)
        return any(
            c.fields["currency"] == self.settings.implied_currency
            and c.end <= start
            and (marked or not _SENTENCE_END.search(text, c.end, start))
            for c in spans.between(lo, start)
        )

    def _foreign_before(self, spans: _Spans, m: regex.Match[str], value: float) -> Candidate | None:
        """The amount in another currency than `implied_currency` that the bare amount `m` (of `value`)
        follows in its sentence, of like size and not converted in brackets: "xuất khẩu đạt 3,3 tỷ USD,
        trong đó tôm chân trắng đạt 2 tỷ" (USD; "31.600 USD, ... khoảng hơn 2 tỷ" and "410.000 NDT
        (1,4 tỷ)" convert to VND). With no amount before it in its sentence, the first one after it
        there, which it is compared with: "vốn hóa khoảng 90 tỷ trong khi dư nợ là 250 tỷ USD" (USD)."""
        text, start = m.string, m.start("a")
        window = 4 * self.settings.implied_window
        lo = max(text.rfind("\n", 0, start) + 1, start - window)
        before = [c for c in spans.between(lo, start) if c.end <= start]
        last = max(before, key=lambda c: c.end, default=None)
        if last is not None and _SENTENCE_END.search(text, last.end, start):
            last = None
        if last is None:  # the first amount after it in its sentence
            end = m.end("a")
            hi = text.find("\n", end, end + window)
            last = next(iter(spans.between(end, end + window if hi < 0 else hi)), None)
            if last is not None and (
                _SENTENCE_END.search(text, end, last.start) or "(" in text[end : last.start]
            ):
                return None
        elif "(" in text[last.end : start]:
            return None
        if last is None or last.fields["currency"] == self.settings.implied_currency:
            return None
        ratio = self.settings.foreign_ratio
        return last if last.fields["value"] / ratio <= value <= last.fields["value"] * ratio else None

    def _not_counting(self, doc: Doc, m: regex.Match[str]) -> bool:
        """The word after an amount in tỷ is not a counted noun, a currency or 'rưỡi' (POS-tagged)."""
        nxt = _NEXT_WORD.match(doc.text, m.end("a"))
        if (
            nxt is None
            or nxt[1].lower() in self.not_before
            or self.amounts.currency_match(doc.text, m.end("a"))
        ):
            return False
        return all(
            tok.tag not in NOUN_TAGS  # a counted noun: "1,3 tỷ yêu cầu"
            for tok in pos_window(doc, m.start("a"), nxt.end())
            if tok.start >= nxt.start()
        )

    def _add_elided(self, scratch: _Scratch) -> None:
        """'cần 12 nghìn tỷ, ... 18 nghìn,': an amount in nghìn after one in nghìn tỷ on its line
        lacks the scale word `elided_scale`; it takes that scale and the first one's currency."""
        doc, found = scratch.doc, scratch.found
        factor = float(self.amounts.scales[self.settings.elided_scale])
        spans = _Spans(found)
        for m, pattern in scratch.elided:
            start = m.start("a")
            line_start = doc.text.rfind("\n", 0, start) + 1
            stated = [
                c
                for c in spans.between(line_start, start)
                if self.elided_tail.search(doc.text, c.start, c.end)
            ]
            value = self.amounts.value(m["a"], doc)
            if stated and value is not None and not spans.overlaps(start, m.end()):
                code = stated[-1].fields["currency"]
                cand = self._cand(doc, start, m.end("a"), value * factor, code, pattern)
                found.append(cand)
                spans.add(cand)

    @handles("money_range")
    def _range(self, scratch: _Scratch, m: regex.Match[str], pattern: CompiledPattern) -> list[Candidate]:
        doc = scratch.doc
        code = self._currency(doc, m, m["b"])
        if code is None:
            return []
        a_text, b_text = m["a"], m["b"]
        b = self.amounts.value(b_text, doc)
        if b is None or not self.amounts.weak_ok(m["cur"], b, b_text):
            return []
        second = self._cand(doc, m.start("b"), m.end(), self.amounts.in_units(b, m["cur"]), code, pattern)
        a = self.amounts.value(a_text, doc)
        change = m["change"] is not None  # "từ 70 lên 75 triệu đồng": in either direction
        listed = m["list"] is not None  # "44 và 47 triệu đồng": a list, not a range
        lo = max(0, m.start() - _CONTEXT)
        if listed and (a is None or self.list_label.search(doc.text, lo, m.start())):
            return [second]
        # "lần lượt 140 và 100 triệu đồng": a respective list, in any order
        respective = change or (listed and self.respective.search(doc.text, lo, m.start()) is not None)
        if a is not None and not self.amounts.has_scale(a_text):
            inherited = a * self.amounts.leading_scale(b_text)
            if inherited <= b or respective:
                a = inherited
            elif listed:
                a = None
        if a is None or (a >= b and not respective) or (change and not a):  # "từ 0 lên 5 tỷ": from nothing
            return [second]  # "2020 - 5 tỷ đồng" is not a range: keep the amount that has a currency
        first = self._cand(doc, m.start("a"), m.end("a"), self.amounts.in_units(a, m["cur"]), code, pattern)
        if not (listed or change):
            first.fields["range"], second.fields["range"] = "start", "end"
        if first.fields["qualifier"]:
            second.fields["qualifier"], second.fields["approx"] = first.fields["qualifier"], True
        return [first, second]

    def _cand(
        self, doc: Doc, start: int, end: int, value: float, code: str, pattern: CompiledPattern
    ) -> Candidate:
        q = self.amounts.qualifier(doc, start)
        fields: dict[str, Any] = {"value": value, "currency": code, "approx": q is not None, "qualifier": q}
        return Candidate("money", start, end, pattern.score, pattern.name, fields, pattern.explanation)


def _same_currency_rising(a: Candidate, b: Candidate) -> bool:
    return bool(a.fields["currency"] == b.fields["currency"] and a.fields["value"] < b.fields["value"])


RECOGNIZER = MoneyRecognizer
