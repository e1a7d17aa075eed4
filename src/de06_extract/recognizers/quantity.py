"""Quantity recognizer: a digit number (scale words allowed) and the noun phrase it counts or measures.

Which numbers are quantities is decided here and in `patterns/quantity.toml`: the number must be
written with digits, must not be a label ("lần thứ 10", "Công văn 452", "mức 2", "năm 2024", a
number after a capitalised word mid-sentence), must be followed by a noun phrase that is not a
duration, age, time or multiplier ("6 tháng", "3 tuổi", "2 lần"), and must not be money (a
currency follows). Dates, ratios and percentages score higher and win any overlap in resolution.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import regex
from pydantic import Field

from ..document import Doc
from ..rulepacks import CompiledPattern, RulePack, Settings, kept_regex, lead_letters
from ..segment import NAME_NEXT, PHRASE_TAGS, Token, clause_end, is_word, pos_window
from .base import Candidate, Recognizer, handles
from .services import Services

_LOOKBACK = 60
# The left-context tests read backwards (`(?r)`, `word_before`) end in whitespace (`\s*+`, `\s++`) and `$`:
# `match`, which starts them at the end, finds what `search` does without trying every other position.
_SENTENCE_OPENERS = ".!?:;\"'(-…•*"  # after normalisation: straight quotes, ASCII hyphen
_PREV_WORD = kept_regex(r"(?r)(?P<w>[\p{L}\p{N}]++)\s*+$")
_SPACES = kept_regex(r"\s*+")
# A number joined by "và"/"hoặc" or a comma to the number before it: labelled when that one is ("Phường 3
# và 4", "quận 4, 7, 8").
_LISTED = kept_regex(r"(?r)(?<![\p{L}\p{N}.,])(?P<n>\d++)(?:\s++(?:và|hoặc)|,)\s++$")
_DIGITS = kept_regex(r"\d++(?![.,]\d)")
_NAME_BEFORE = kept_regex(r"(?r)(?<![\p{L}\p{N}])\p{Lu}\p{L}*[ ]$")  # a capitalised word, then a space
_THOUSANDS = kept_regex(r"\d{1,3}+(?:\.\d{3})++(?![.,]?\d)")  # "39.938": grouped thousands, no label
# A number with a separator: a decimal comma, a decimal point and one or two digits ("15,63", "2.5") or
# thousands points ("1.700"); a label is written bare ("tuyến 15")
_SEPARATED = kept_regex(r"\d++(?:,\d++|\.\d{1,2}+|(?:\.\d{3})++)(?![\p{N}.,])")
_LIST_STEPS = 8  # numbers walked back at most
_CODE = kept_regex(r"0\d{2,}+")  # "0912", "001": a code or phone number, not a count
_ONE = kept_regex(r"0?+1[ \t]*+")  # the number one, "1" or "01", and the spaces after it
# Tags that cannot head a counted noun: prepositions, conjunctions, pronouns, adverbs, particles, ...
_NOT_HEAD = frozenset({"E", "C", "CC", "P", "R", "L", "T", "X", "CH", "Np", "I", "Y"})
_WORD_START = kept_regex(r"(?<![\p{L}\p{N}])\p{L}")
_FIRST_WORD = kept_regex(r"[ \t]*+(\p{L}++)(?![\p{L}\p{M}])")
# Syllables alone (a letter, then letters or digits: "m2") up to a boundary, the window's end or a rate's
# "/" ("doanh nghiệp ", "km/h")
_SYLLABLES = kept_regex(r"(\p{L}[\p{L}\p{N}]*+(?:[ ]\p{L}[\p{L}\p{N}]*+)*+)[ \t]*+(?:/|\Z)")
# Two capitalised words inside the counted noun read, after its head: where a name starts ("2 cô giáo trường
# mầm non Sen Vàng"), unless a listed noun part or a capitalised unit; one word alone may be part of the noun
# ("giải Tư", "quân Mỹ" in the gold)
_INNER_NAME = kept_regex(r"(?<=\p{L})[ ]++(\p{Lu}\p{Ll}++)(?=[ ]\p{Lu}\p{Ll})")
# A counted noun in quotes, double or single, up to six words: '8 "xế hộp"', "18 'mắt thần'" (unit: the
# words; curly quotes are straight once normalised)
_QUOTED = kept_regex(r"""(?P<q>["'])(?P<u>\p{L}++(?:[ ]\p{L}++){0,5}+)(?P=q)""")
# A quoted phrase opening with a number, three to ten words (`_Scratch.quoted_titles`)
_QUOTED_TITLE = kept_regex(
    r"""(?<![\p{L}\p{N}])(?P<q>["'])(?P<w>\d++[ ]\p{L}++(?:[ ][\p{L}\p{N}]++){2,9}+)(?P=q)"""
)
# A number and one or two words alone in quotes name a slogan, a title or a figure of speech, which counts
# nothing, quoted or not: '"4 an"' and "thành phố "4 an"" (the city's campaign), '"5 rõ"', '"49 ngày yêu"',
# '"180 độ"' (a change of mind); so do such items listed in one pair of quotes ('"5 xây, 3 chống"') and one
# after a capitalised word, a name's ('"Big 4 tennis"')
_CATCHWORD_ITEM = r"\d++[ ]\p{L}++(?:[ ]\p{L}++)?+"
_CATCHWORD = kept_regex(
    rf"""(?<![\p{{L}}\p{{N}}])(?P<q>["'])(?:\p{{Lu}}\p{{L}}*+[ ])?+(?P<w>{_CATCHWORD_ITEM}(?:,[ ]{_CATCHWORD_ITEM})*+)"""
    r"""(?P=q)(?![\p{L}\p{N}])"""
)


class QuantitySettings(Settings):
    year_min: int = Field(
        description="A bare four-digit number in [year_min, year_max] is a year, not a count."
    )
    year_max: int


@dataclass
class _Scratch:
    """One article's state: the number starts a range match has already read."""

    doc: Doc
    covered: set[int] = field(default_factory=set)

    @cached_property
    def catchwords(self) -> frozenset[str]:
        """The article's quoted catchwords: a number and one or two words alone in quotes."""
        return frozenset(item for m in _CATCHWORD.finditer(self.doc.text) for item in m["w"].split(", "))

    @cached_property
    def quoted_titles(self) -> tuple[str, ...]:
        """Quoted phrases of the headline that open with a number and that the text repeats: the title of
        what the article is about ("Gặp lại ... với '20 điều làm anh Tư buồn'", then quoted in the body)."""
        doc = self.doc
        heads = [ln for ln in doc.lines if ln.zone == "title"]
        return tuple(
            m["w"]
            for ln in heads
            for m in _QUOTED_TITLE.finditer(doc.text, ln.start, ln.end)
            if doc.text.count(m["w"]) > 1
        )

    def names(self, start: int, end: int) -> bool:
        """Whether the number and unit at `start`-`end` are a catchword or open a quoted title."""
        text = self.doc.text
        return text[start:end] in self.catchwords or any(
            text.startswith(t, start) for t in self.quoted_titles
        )


class QuantityRecognizer(Recognizer):
    kind = "quantity"
    settings_model = QuantitySettings
    settings: QuantitySettings
    needs = ("money", "phrases")

    def __init__(self, pack: RulePack, services: Services) -> None:
        super().__init__(pack, services)
        self.amounts = services.amounts
        self.phrases = services.phrases
        # the letters opening the first word of each entry of the phrases pack's `known` and `list_nouns`
        # (which `phrases.known` matches): a word opening with other letters opens no known phrase
        phrases = services.packs["phrases"]
        self.known_heads = frozenset(
            lead_letters(entry) for name in ("known", "list_nouns") for entry in phrases.lexicon(name)
        )
        self.label = pack.ends_with_word("label_before")
        self.unit_end = pack.ends_with_word("unit_end_words", "")
        # where a unit stops inside the phrase read: a superlative ("nền kinh tế hàng đầu thế giới", "vòng
        # gần nhất"), a price class ("7 chỗ tầm giá"), a bloc's acronym ("lính NATO") or a stock code after
        # its noun ("cổ phiếu SBT")
        self.unit_break = pack.compile(
            r"[ ]++(?:(?:{unit_breaks})(?![\p{L}\p{N}])(?![ ]++tiên(?![\p{L}\p{N}]))"
            r"|(?-i:{name_acronyms})(?![\p{L}\p{N}]))"
            r"|(?<=(?<![\p{L}\p{N}])(?:{ticker_leads}))[ ]++(?-i:\p{Lu}[\p{Lu}\p{N}]{1,4}+)(?![\p{L}\p{N}])",
            case_sensitive=False,
        )
        # a model's code: capitals with a digit or a hyphen after any unit ("300 mã lực V-8", "2 chiếc T-90"),
        # capitals alone after a metric unit ("14,5mm PKM"; the tagger may join it to the unit)
        self.model_code = pack.compile(
            r"[ ]++(?:\p{Lu}++(?:-?+\p{N}|-)[\p{Lu}\p{N}-]*+|(?<=(?<!\p{L})(?:{glued_units})[ ])\p{Lu}{2,}+)"
            r"(?![\p{L}\p{N}/])",  # not a substance in a rate: "1 triệu tấn CO2/năm"
            case_sensitive=True,
        )
        # "X nhất" (a superlative: "lớn nhất", "xuất sắc nhất", "duy nhất"): the unit ends before X, the word
        # the tagger reads there, unless "nhất" makes a rank ("hạng nhất") or a compound ("thống nhất")
        self.superlative_mark = pack.compile(r"(?<=\p{L})[ ]++nhất(?![\p{L}\p{N}])", False)
        self.not_superlatives = frozenset(w.lower() for w in pack.lexicon("not_superlatives"))
        # between a unit and a superlative mark after it: a word of `superlative_joins` and one or two words
        self.joined_superlative = pack.compile(
            r"[ ]++(?:{superlative_joins})[ ]++\p{L}++(?:[ ]\p{L}++)?+", case_sensitive=True
        )
        self.metric_tails = frozenset(w.lower() for w in pack.lexicon("metric_tails"))
        self.metric_ends = frozenset(w.lower() for w in pack.lexicon("metric_ends"))
        self.label_words = frozenset(
            w.lower() for w in pack.lexicon("label_before") + pack.lexicon("unit_labels")
        )
        self.counting = pack.ends_with_word("counting_before")
        # read backwards: no possessive quantifier (it would take the number's own digits)
        self.duration = pack.compile(r"(?r)(?<![\p{L}\p{N}.,/])\d+[ ]+(?:{duration_labels})[ ]*$", False)
        self.sent_label = pack.compile(r"(?r)(?<!\p{L})(?:{sent_labels})[ ]++$", case_sensitive=True)
        self.sent = pack.compile(r"\G[\d.,]++[ ]++(?:{sent_units})(?![\p{L}\p{N}])", case_sensitive=False)
        self.quoted_name = pack.compile(
            r'(?r)(?<!\p{L})(?:{quoted_name_leads})\s++"(?!\s)[^"\n]{0,40}+$', False
        )
        self.model_name = pack.compile(
            r"(?<!\p{L})(?:{model_name_leads})\s++\d(?:[^,;:.()\n]|\.\d)*+$", False
        )
        self.not_unit = pack.compile(r"{not_units}(?![\p{L}\p{N}])", case_sensitive=False)
        self.not_unit_after_one = pack.compile(r"{not_units_after_one}(?![\p{L}\p{N}])", case_sensitive=False)
        self.not_unit_compound = pack.compile(r"{not_unit_compounds}(?![\p{L}\p{N}])", case_sensitive=False)
        self.stop_head = pack.compile(r"{stop_heads}(?![\p{L}\p{N}])", case_sensitive=False)
        self.after_one_unit = pack.compile(
            r"\G[ ]++(?:{after_one_unit})(?![\p{L}\p{N}])(?![ ]++(?:{after_one_unit_some})(?![\p{L}\p{N}]))",
            case_sensitive=False,
        )
        self.title_modifiers = frozenset(w.lower() for w in pack.lexicon("title_modifiers"))
        self.proportion = pack.compile(r"{proportions}(?![\p{L}\p{N}])", case_sensitive=False)
        # another count of a proportion word in the sentence ("1 phần nước với 1 phần giấm")
        self.proportion_count = pack.compile(
            r"(?<![\p{L}\p{N}.,])\d++[ ]++(?:{proportions})(?![\p{L}\p{N}])", case_sensitive=False
        )
        self.opener = pack.compile(r"(?r)(?<![\p{L}\p{N}])(?:{sentence_openers})\s*+$", case_sensitive=True)
        # a credit's lead and colon, then capitalised words up to the number ("Ảnh: EPA/TTXVN ")
        self.credit = pack.compile(
            r"(?r)(?<![\p{L}\p{N}])(?:{credit_leads})[ ]*:[ ]*(?:\p{Lu}[\p{L}\p{N}&.-]*(?:[ ]+|[ ]*[/,][ ]*)){1,3}$",
            case_sensitive=True,
        )
        self.cap_units = pack.compile(
            r"\G\s++(?!(?:{capitalised_unit_names})(?![\p{L}\p{N}]))(?P<u>(?:{capitalised_units}|{capitalised_heads})(?:(?<=\p{Ll})[ ]\p{Lu}{2,}+(?![\p{L}\p{N}.-]))?+)"
            r"(?![\p{L}\p{N}]|\s++(?:{capitalised_unit_tails})(?![\p{L}\p{N}]))"
            # a name's abbreviation or a title before a name; not a title after a count that follows a
            # lower-case word ("của 4 HLV Thu Minh, Đông Nhi": the coaches are counted, then named)
            r"(?<!(?<![\p{L}\p{N}])(?:{named_units})"
            r"(?=\.?\p{Lu}|[ ]*+:[ ]*+\p{Lu}|[ ]++\p{Lu}(?<!\p{Ll}[ ][\d.,]{1,12}[ ]{1,3}(?:{named_units})[ ]{1,3}\p{Lu})))",
            case_sensitive=True,
        )
        # a word of `name_leads` ending the noun read before a name, or inside it before a name the tagger
        # joined to it ("nước châu Âu" one token)
        self.name_lead = pack.compile(
            r"(?<=\p{L})\s++(?:{name_leads})(?:$|[ ]++(?=(?-i:\p{Lu}(?!\p{Lu}))))", case_sensitive=False
        )
        self.cap_unit_at = pack.compile(r"\G(?:{capitalised_units})(?![\p{L}\p{N}])", case_sensitive=True)
        self.address = pack.compile(r"{address_words}\s++\p{Lu}", case_sensitive=False)
        self.dashed = pack.compile(r"\G(?={dashed})-", case_sensitive=True)
        # the third side of a size after the second ("4.630 x 1799 x 1.416 mm"), read alone
        self.third_side = pack.compile(r"\G{by}{num}(?=\s|\p{L})", case_sensitive=True)
        self.glued = pack.compile(r"{glued_units}(?![\p{L}\p{N}])", case_sensitive=True)
        self.metric = pack.compile(
            r"(?:{glued_units}|{spaced_measures})(?![\p{L}\p{N}])", case_sensitive=True
        )
        self.size_units = frozenset(pack.lexicon("size_units"))
        self.symbols = frozenset(pack.lexicon("lowercase_symbols"))
        self.name_measures = frozenset(pack.lexicon("name_measure_symbols"))
        self.name_models = frozenset(pack.lexicon("name_model_symbols"))
        self.function_words = frozenset(pack.lexicon("function_words"))
        self.class_units = frozenset(pack.lexicon("class_units"))
        self.class_nouns = frozenset(pack.lexicon("class_nouns"))
        self.one_of = pack.ends_with_word("one_of_before")
        self.compared = pack.compile(
            r"(?<!\p{L})(?:{compared_before})(?:\s++\p{Lu}[\p{L}\p{N}.-]*+){1,5}\s*+$", case_sensitive=True
        )
        # at most three words after the unit, or ending it ("3 trường đại học hàng đầu")
        self.superlative = pack.compile(
            r"\G(?:[ ]++\p{L}++){0,3}?[ ]++(?:{superlatives})(?![\p{L}\p{N}])", False
        )
        self.superlative_end = pack.ends_with_word("superlatives", "")
        self.digit_count = pack.compile(
            r"\G(?:{digit_counts})(?![\p{L}\p{N}])(?![ ]++(?:{digit_count_pointers})(?![\p{L}\p{N}]))", False
        )
        # a part and up to four words of its make or model before the number ("hộp số tự động ZF ")
        self.named_part = pack.compile(
            r"(?<![\p{L}\p{N}])(?:{named_part_heads})(?:[ ]++[\p{L}\p{N}-]++){1,4}+[ ]++$",
            case_sensitive=False,
        )
        self.measured = pack.ends_with_word("measured_before")
        self.held = pack.compile(r"\G\d++[ ]++(?:{held_places})(?![\p{L}\p{N}])(?![ ]++\p{Lu})", True)
        self.bodies = pack.ends_with_word("place_bodies")
        self.powered = pack.compile(
            r"\G\s*+(?:{powered_units})[ ](?P<p>[23])(?![\p{N}]|[.,]\p{N})", case_sensitive=True
        )
        self.years = range(self.settings.year_min, self.settings.year_max + 1)
        self.context_units = {
            unit: pack.compile(r"(?<![\p{L}\p{N}])(?:{" + words + r"})(?![\p{L}\p{N}])", case_sensitive=False)
            for unit, words in pack.table("context_units").items()
        }

    def recognize(self, doc: Doc) -> Iterator[Candidate]:
        scratch = _Scratch(doc)
        for pattern, m in self.matches(doc):
            if m.start() not in scratch.covered:
                yield from self.handle(scratch, pattern, m)

    # -- handlers: (scratch, match, pattern) → candidates -------------------------------------------

    @handles("quantity")
    def _single(
        self, scratch: _Scratch, m: regex.Match[str], pattern: CompiledPattern
    ) -> Iterator[Candidate]:
        doc, start = scratch.doc, m.start("a")
        read = self._amount(doc, start)
        if read is None:
            return
        if self._is_label(doc, start, self._name_labels(doc, start, read[0])):
            return
        end, value = read
        unit = self._unit(doc, start, end)
        if unit is None or self._ranked_list(doc, start, unit) or self._digit_size(doc, unit):
            return
        if scratch.names(start, unit[1]):
            return
        if _ONE.fullmatch(doc.text, start, end) and self.after_one_unit.match(doc.text, unit[1]):
            return  # "không nhắc 1 câu nào": not a single one, no count
        self._cover_power(scratch, end)
        q = self.amounts.qualifier(doc, m.start())
        fields: dict[str, Any] = {
            "value": -value if m.groupdict().get("neg") else value,  # "-18 độ C", "âm 10 gậy"
            "unit": self._unit_text(doc, unit),
            "approx": q is not None,
            "qualifier": q,
        }
        end = _fact_end(doc, unit)
        yield Candidate("quantity", m.start(), end, pattern.score, pattern.name, fields, pattern.explanation)

    @handles("bracketed_count")
    def _bracketed(
        self, scratch: _Scratch, m: regex.Match[str], pattern: CompiledPattern
    ) -> Iterator[Candidate]:
        """'73% (58.587) ý kiến': the count in brackets takes the noun after the bracket; the fact is the
        number alone."""
        doc, value = scratch.doc, self.amounts.value(m["a"], scratch.doc)
        unit = self._unit(doc, m.start("a"), m.end("a") + 1)
        if value is None or unit is None:
            return
        fields = {"value": value, "unit": self._unit_text(doc, unit), "approx": False, "qualifier": None}
        yield Candidate(
            "quantity", m.start("a"), m.end("a"), pattern.score, pattern.name, fields, pattern.explanation
        )

    @handles("height")
    def _height(
        self, scratch: _Scratch, m: regex.Match[str], pattern: CompiledPattern
    ) -> Iterator[Candidate]:
        """'cao 1m67': 1.67 metres; 'gần 1m7': 1.7 metres, qualified."""
        value = float(f"{m['a']}.{m['cm']}")
        q = self.amounts.qualifier(scratch.doc, m.start())
        fields = {"value": value, "unit": m["u"], "approx": q is not None, "qualifier": q}
        yield Candidate(
            "quantity", m.start(), m.end(), pattern.score, pattern.name, fields, pattern.explanation
        )

    @handles("quantity_range")
    def _range(self, scratch: _Scratch, m: regex.Match[str], pattern: CompiledPattern) -> list[Candidate]:
        found = list(self._read_range(scratch.doc, m, pattern))
        pair = m["list"] is m["sides"] is m["change"] is None
        # a pair that is no range, or a bounded range of labels ("độ tuổi 14 đến dưới 16"): neither counts;
        # nor do "a x b" that are no size ("3x4 loại cửa", "8x8")
        no_range = pair and (
            self._bounded_labels(scratch.doc, m) if m["bound"] else self._number_pair_is_not_range(m)
        )
        if found or no_range or m["sides"] is not None:
            scratch.covered.update((m.start("a"), m.start("b")))
        if found:
            self._cover_power(scratch, m.end("b"))
        return found

    def _cover_power(self, scratch: _Scratch, end: int) -> None:
        """'30 m 2 nhà ở': the exponent after the number ending at `end` counts no 'nhà'."""
        if power := self.powered.match(scratch.doc.text, end):
            scratch.covered.add(power.start("p"))

    def _read_range(self, doc: Doc, m: regex.Match[str], pattern: CompiledPattern) -> Iterator[Candidate]:
        """Two facts: a range ("5 - 7 trạm"), a list ("4, 5 chuyến": no `range`), a change ("từ 2 lên 3
        tầng", "từ 12 xuống 9 người": no `range`, either order) or the sides of a size ("1556 x 2550
        pixel": in any order, no scale taken)."""
        score, why, name = pattern.score, pattern.explanation, pattern.name
        sides, listed, change = m["sides"] is not None, m["list"] is not None, m["change"] is not None
        read = self._amount(doc, m.start("b"), years=not sides)  # "1080 x 1920 pixel": no year
        a = self.amounts.value(m["a"], doc)
        if read is None or a is None or _CODE.fullmatch(m["a"]):
            return
        end, b = read
        third = self.third_side.match(doc.text, end) if sides else None
        if third:
            end = third.end()  # the first two sides take the unit after the third, read alone
        if self._is_label(doc, m.start("a"), self._name_labels(doc, m.start("a"), end)):
            return
        unit = self._unit(doc, m.start("b"), end)
        if unit is None or self._digit_size(doc, unit):
            return
        if sides and a == b:
            return  # "8x8", "4x4": a drive layout, not a size
        inherited = a * self.amounts.leading_scale(doc.text[m.start("b") : end])
        if inherited <= b and not sides:
            a = inherited
        if a >= b and not (sides or change):
            return
        unit_text = self._unit_text(doc, unit)
        # "a x b" before no unit of length is no size: a label ("3x4 loại cửa"), or a count times the
        # measure that b alone is ("1x380ml")
        measure_only = sides and unit_text not in self.size_units
        if measure_only and not self.glued.fullmatch(unit_text):
            return
        q = self.amounts.qualifier(doc, m.start("a"))
        common: dict[str, Any] = {"unit": unit_text, "approx": q is not None, "qualifier": q}
        ends = (None, None) if sides or listed or change else ("start", "end")
        if not ((change and a == 0) or measure_only):  # "từ 0 lên 100 km/h": no first amount of nothing
            yield Candidate(
                "quantity",
                m.start("a"),
                m.end("au") if m["au"] else m.end("a"),  # "80kg-120kg/con": the first with its unit
                score,
                name,
                {"value": a, "range": ends[0], **common},
                why,
            )
        second: dict[str, Any] = {"value": b, "range": ends[1], **common}
        if m["bound"]:  # "từ 80 đến hơn 100 bệnh nhân": the bound qualifies the second number
            second |= {"approx": True, "qualifier": " ".join(m["bound"].lower().split())}
        b_end = m.end("b") if third else _fact_end(doc, unit)
        yield Candidate("quantity", m.start("b"), b_end, score, name, second, why)

    def _bounded_labels(self, doc: Doc, m: regex.Match[str]) -> bool:
        """A bounded pair whose first number is a label, not a year: 'độ tuổi 14 đến dưới 16'."""
        if m["a"].isdigit() and int(m["a"]) in self.years:
            return False
        return self._is_label(doc, m.start("a"))

    def _number_pair_is_not_range(self, m: regex.Match[str]) -> bool:
        """'3 - 1 đội': a pair that cannot be a range must not be read as the count '1 đội'."""
        a, b = self.amounts.value(m["a"]), self.amounts.value(m["b"])
        return a is not None and b is not None and a >= b

    # -- pieces -----------------------------------------------------------------------------------

    def _amount(self, doc: Doc, start: int, years: bool = True) -> tuple[int, float] | None:
        """End and value of the number at `start`; None for a code, or a year when `years`."""
        am = self.amounts.amount.match(doc.text, start)
        if (
            not am
            or _CODE.match(am.group())
            or (years and am.group().isdigit() and int(am.group()) in self.years)
        ):
            return None
        end = am.end()
        if dash := self.dashed.match(doc.text, end):
            end = dash.end()  # "7-inch": read as "7 inch"
        if end >= len(doc.text) or not (doc.text[end].isspace() or self.glued.match(doc.text, end)):
            return None
        value = self.amounts.value(am.group(), doc)
        return None if value is None else (end, value)

    def _unit(self, doc: Doc, num_start: int, pos: int) -> tuple[int, int] | None:
        """Span of the unit after the number, without a last word of `unit_end_words`; a rate goes on
        through "/" ("45 tấn/ha", "4 chuyến/ngày")."""
        unit = self._head_unit(doc, num_start, pos)
        if (
            unit is not None
            and doc.text[unit[0] : unit[1]].lower() in self.title_modifiers
            and NAME_NEXT.match(doc.text, unit[1])
        ):
            return None  # "2 cựu Ngoại trưởng": a capitalised title, no count
        if unit is not None:
            unit = self._through_known(doc, unit)
        if unit is not None and (tail := self.unit_end.search(doc.text, unit[0], unit[1])):
            cut = doc.text[unit[0] : tail.start("word")].rstrip()  # "12 dự án hơn": "dự án"
            unit = (unit[0], unit[0] + len(cut)) if cut else unit
        if unit is not None:
            unit = self._before_superlative(doc, unit)
        if unit is not None and (rate := self.amounts.rate.match(doc.text, unit[1])):
            return unit[0], rate.end()
        return unit

    def _through_known(self, doc: Doc, unit: tuple[int, int]) -> tuple[int, int]:
        """The unit run on through a known phrase of the phrases pack that starts in it, on its line: the
        tagger cuts compounds whose last part it calls a verb or a preposition ("85 dự án nhà ở xã hội",
        "1.150 tấn thép xây dựng", "4 triệu m2 sàn nhà ở"; draw-39), not to a rank ("30 người trúng giải
        nhất" stays "người trúng giải", as the superlatives do)."""
        text, (lo, hi) = doc.text, unit
        for word in _WORD_START.finditer(text, lo, hi):
            known = self._known(text, word.start())
            if known is None or (end := known.end("p")) <= hi:
                continue
            if "\n" not in text[hi:end] and not self.superlative_end.search(text, hi, end):
                return lo, end
            break
        return unit

    def _known(self, text: str, pos: int) -> regex.Match[str] | None:
        """`phrases.known.match(text, pos)`, tried only when the next word opens with a known phrase's letters
        (a third of the tries; the pattern is slow: tens of µs a try in the run)."""
        if lead_letters(text, pos) not in self.known_heads:
            return None
        return self.phrases.known.match(text, pos)

    def _before_superlative(self, doc: Doc, unit: tuple[int, int]) -> tuple[int, int]:
        """The unit without what describes the counted things after it: a superlative ("10 nền kinh tế
        hàng đầu thế giới", "2 thành phố lớn nhất", "47 tác phẩm xuất sắc nhất"), a price class ("7 chỗ
        tầm giá"), a bloc's acronym ("1.000 lính NATO"), a stock's ticker ("300 triệu cổ phiếu VJC") or a
        model's code ("2 chiếc T-90")."""
        text, (lo, hi) = doc.text, unit
        limit = min(len(text), hi + 16)  # "nhất" may stand right after the phrase read
        cut = hi
        if (m := self.unit_break.search(text, lo, limit)) and m.start() < hi:
            cut = m.start()
        if (m := self.model_code.search(text, lo, limit)) and m.start() < cut:
            cut = m.start()
        if (m := self.superlative_mark.search(text, lo, limit)) and m.start() <= hi:
            # the word before "nhất" as the tagger reads it: "xuất sắc", "quan trọng", "duy nhất" (one
            # token), "lớn" of "công ty xổ số lớn nhất"
            before = _PREV_WORD.match(text, lo, m.start())  # the syllable before "nhất": not "giải nhất"
            if before is not None and before["w"].lower() not in self.not_superlatives:
                tokens = pos_window(doc, lo, m.end())
                word = next((t for t in reversed(tokens) if t.start < m.start()), None)
                if word is not None and word.start > lo:
                    cut = min(cut, word.start - 1)
        elif (
            m
            and self.joined_superlative.fullmatch(text, hi, m.start())
            and str(_PREV_WORD.match(text, hi, m.start())["w"]).lower() not in self.not_superlatives
        ):
            # an adjective ending the unit is joined to the superlative after it: "10 mẫu xe mạnh mẽ và đẹp
            # nhất" → "mẫu xe"
            last = next((t for t in reversed(pos_window(doc, lo, hi)) if t.end <= hi), None)
            if last is not None and last.tag == "A" and last.start > lo:
                cut = min(cut, last.start - 1)
        if cut >= hi:
            return unit
        kept = text[lo:cut].rstrip()
        return (lo, lo + len(kept)) if kept else unit

    def _unit_text(self, doc: Doc, unit: tuple[int, int]) -> str:
        """The unit as written, a spaced exponent joined to its unit and to a rate's "/" after it ('m 2' →
        'm2', 'm 3 /ngày đêm' → 'm3/ngày đêm')."""
        text = doc.text[unit[0] : unit[1]]
        if power := self.powered.match(doc.text, unit[0]):
            p = power.end("p") - unit[0]
            rest = text[p:]
            if (rate := rest.lstrip(" ")).startswith("/"):
                rest = rate
            return text[: power.start("p") - unit[0] - 1] + text[power.start("p") - unit[0] : p] + rest
        return text

    def _head_unit(self, doc: Doc, num_start: int, pos: int) -> tuple[int, int] | None:
        if (cur := self.amounts.currency_at(doc, pos)) and self._money(doc, num_start, pos, cur[1]):
            return None  # money
        if power := self.powered.match(doc.text, pos):  # "407 m 2": m² with its exponent spaced
            return _SPACES.match(doc.text, pos).end(), power.end()
        # Every reading below starts its span at the first word after the number: refuse durations,
        # ages and addresses before reading (the tagger is the slow part).
        text = doc.text
        first = _SPACES.match(text, pos).end()
        one = _ONE.fullmatch(text, num_start, pos) is not None
        not_unit = (
            self.not_unit.match(text, first)
            or (one and self.not_unit_after_one.match(text, first))
            or (one and self._part_of(doc, num_start, first))
        )
        if (not_unit and not self.not_unit_compound.match(text, first)) or self._address(doc, first):
            return None
        if unit := self._context_unit(doc, num_start, first):
            return unit
        if (quoted := _QUOTED.match(text, first)) and not self.not_unit.match(text, quoted.start("u")):
            return quoted.start("u"), quoted.end("u")
        if m := self.cap_units.match(text, pos) or self._known(text, pos):
            return m.start(m.lastgroup or 0), m.end(m.lastgroup or 0)
        if symbol := self._symbol(doc, pos):
            return None if self._names_class(doc, num_start, symbol) else symbol
        return self._read_noun(doc, num_start, pos)

    def _context_unit(self, doc: Doc, num_start: int, first: int) -> tuple[int, int] | None:
        """Span of a `context_units` word ("chỉ", "thì") opening the unit at `first`, when it is no
        compound's first syllable ("chỉ tiêu") and a word of its context stands near it in the sentence:
        "2 chỉ vàng", "động cơ 4 thì"; else None (the noun is read as any other)."""
        text = doc.text
        word = _FIRST_WORD.match(text, first)
        context = self.context_units.get(word[1]) if word else None
        if word is None or context is None:
            return None
        if (nxt := _FIRST_WORD.match(text, word.end())) and is_word(f"{word[1]} {nxt[1]}"):
            return None
        lo, hi = max(0, num_start - _LOOKBACK), min(len(text), word.end() + _LOOKBACK)
        sentence = doc.sentence_at(num_start)
        near = any(doc.sentence_at(m.start()) == sentence for m in context.finditer(text, lo, hi))
        return word.span(1) if near else None

    def _money(self, doc: Doc, num_start: int, pos: int, cur_end: int) -> bool:
        """Whether the currency word ending at `cur_end` makes money of the number: a weak one ("bảng", "đô")
        does not after a small whole number ("chia cho 2 bảng": groups of a draw)."""
        amount = doc.text[num_start:pos]
        value = self.amounts.value(amount.split()[0], doc) if amount.strip() else None
        cur = doc.text[_SPACES.match(doc.text, pos).end() : cur_end]
        return value is None or self.amounts.weak_ok(cur, value, amount)

    def _part_of(self, doc: Doc, num_start: int, first: int) -> bool:
        """'dành 1 phần quỹ đất': one of `proportions` after the number one is "a part of", unless another
        count of it stands in the sentence ('1 phần nước với 1 phần giấm': a recipe's proportion)."""
        if not self.proportion.match(doc.text, first):
            return False
        lo, hi = max(0, num_start - _LOOKBACK), min(len(doc.text), first + _LOOKBACK)
        sentence = doc.sentence_at(num_start)
        return not any(
            m.start() != num_start and doc.sentence_at(m.start()) == sentence
            for m in self.proportion_count.finditer(doc.text, lo, hi)
        )

    def _ranked_list(self, doc: Doc, start: int, unit: tuple[int, int]) -> bool:
        """'một trong 10 tựa game hay nhất': the number names a ranked list (a label), it counts nothing."""
        text = doc.text
        return bool(
            self.one_of.match(text, max(0, start - _LOOKBACK), start)
            and (self.superlative.match(text, unit[1]) or self.superlative_end.search(text, unit[0], unit[1]))
        )

    def _digit_size(self, doc: Doc, unit: tuple[int, int]) -> bool:
        """'tăng trưởng 2 con số': a count of digits names a size, it counts nothing."""
        return self.digit_count.match(doc.text, unit[0]) is not None

    def _names_class(self, doc: Doc, num_start: int, symbol: tuple[int, int]) -> bool:
        """True for a number with a `class_units` symbol ('đường dây 500kV': the line's class) that no
        `measured_before` word makes a reading."""
        if doc.text[symbol[0] : symbol[1]] not in self.class_units:
            return False
        return not self.measured.match(doc.text, max(0, num_start - _LOOKBACK), num_start)

    def _symbol(self, doc: Doc, pos: int) -> tuple[int, int] | None:
        """Span of a unit symbol right after a number, opening with a capital or in `lowercase_symbols`
        ('6GB', '128 GB', '470 Nm', '12V', '8.0 inch'); others ('2.100m2 đất', '5 kWh điện') are
        read with the noun after them."""
        m = self.glued.match(doc.text, _SPACES.match(doc.text, pos).end())
        return (m.start(), m.end()) if m and (m.group()[0].isupper() or m.group() in self.symbols) else None

    def _address(self, doc: Doc, pos: int) -> bool:
        m = self.address.match(doc.text, pos)
        return bool(m) and m.group()[-1].isupper()

    def _read_noun(self, doc: Doc, num_start: int, pos: int) -> tuple[int, int] | None:
        """The counted noun phrase after a number, POS-tagged together with the number.

        Tagged alone, a short phrase is often called a numeral ("chốt", "cổ phiếu"); with the number
        before it the tagger sees a count. The word right after the number is the head noun whatever
        its tag unless it is a function word, a stop word or a proper name; later words continue the
        phrase like PhraseReader's (nouns, adjectives, listed modifiers). A word alone before the
        clause's end or a stop word is the phrase without the tagger, unless it is a `function_words`
        entry or the dictionary joins it to the stop word ("thiết bị", "lý do").
        """
        text, reader = doc.text, self.phrases
        first = _FIRST_WORD.match(text, pos)
        if (
            first is None
            or first[1][0].isupper()
            or (first[1].lower() in reader.stop and not self.stop_head.match(text, first.start(1)))
        ):
            return None  # no head noun can follow: skip the (slow) tagger
        end = clause_end(text, pos, min(len(text), pos + reader.max_chars))
        # The phrase ends at a stop word: the tagger sees up to it and the word after it (context for
        # the phrase's last word), else up to the clause's closing mark (without it the last word is
        # often called a numeral). Words are slow to tag: the shorter window matters.
        stop = reader.stop_after.search(text, first.end(), end)
        if (word := self._one_word(text, first, stop, end)) is not None:
            return word
        window = pos_window(doc, num_start, stop.end() if stop else min(end + 1, len(text)))

        metric = False  # whether the head is a metric unit

        def fits(tok: Token, low: str, head: bool) -> bool:
            nonlocal metric
            if not tok.text[:1].isalpha():
                return False
            if head:  # capitalised: a name ("Quận 1 Hà Nội"); listed capitalised units are read before
                metric = self.glued.fullmatch(tok.text) is not None
                return tok.tag not in _NOT_HEAD and not tok.text[0].isupper()
            if reader.listed(low):
                return True
            if metric and ((tok.tag == "A" and low not in self.metric_tails) or low in self.metric_ends):
                return False  # "4 km ngầm", "800m nữ": the measure alone ("2.100m2 đất" goes on)
            metric = False
            if tok.text[0].isupper() and any(c.islower() for c in tok.text):
                # a proper name ends the noun ("3 nước Đông Nam Á"), an acronym ("thẻ BHYT") or a
                # capitalised common noun ("3 dự thảo Nghị quyết") does not
                return self.cap_unit_at.match(text, tok.start) is not None
            return tok.tag in PHRASE_TAGS or (tok.tag == "M" and low not in self.amounts.number_words)

        span = reader.take(_before_label(_after(window, text, pos), self.label_words), fits)
        if (
            span
            and (name := _INNER_NAME.search(text, span[0], span[1]))
            and not reader.listed(name[1].lower())
            and not self.cap_unit_at.match(text, name.start(1))
        ):
            # a name the tagger joined to a common noun ("mầm non Sen Vàng" one token): the noun ends before it
            span = span[0], span[0] + len(text[span[0] : name.start()].rstrip())
        if (
            span
            and (lead := self.name_lead.search(text, span[0], span[1]))
            and (lead.end() < span[1] or NAME_NEXT.match(text, span[1]))
        ):
            return span[0], lead.start()  # "4 tỉnh miền Trung", "3 nước châu Âu": the name and its lead go
        return span

    def _one_word(
        self, text: str, first: regex.Match[str], stop: regex.Match[str] | None, end: int
    ) -> tuple[int, int] | None:
        """The counted noun read without the tagger: the lower-case syllables from the first word to the
        clause's end, a stop word or a "/" when they are one word (one syllable, or a word of the
        tagger's dictionary: "12 tấn.", "40 doanh nghiệp đã", "100 km/h"), not a `function_words`
        entry, and the dictionary does not join their last syllable to the stop word ("thiết bị")."""
        words = _SYLLABLES.match(text, first.start(1), stop.start() if stop else end)
        if words is None or first[1].lower() in self.function_words:
            return None
        head = words[1]
        if " " in head and not (head.islower() and is_word(head)):
            return None
        if stop is not None and is_word(f"{head.rsplit(' ', 1)[-1]} {stop.group().split()[0]}") is not False:
            return None
        return words.start(1), words.end(1)

    def _after_span(self, line: str, text: str, start: int) -> bool:
        """A time span of `duration_labels` ends `line`: the number at `start` after it counts ("5 ngày 3 vụ
        cháy"), unless it is one, a frequency ("cứ 3 ngày 1 trận")."""
        number = _DIGITS.match(text, start)
        return self.duration.search(line) is not None and (number is None or number[0].lstrip("0") != "1")

    def _name_labels(self, doc: Doc, start: int, end: int) -> bool:
        """Whether a name before the number from `start` to `end` labels it: not when its thousands are
        grouped (a name's number is bare: "Nhật Bản 39.938 LĐ" counts, "Hạm đội 7"), nor when a metric unit
        follows, which measures ("cách thủ đô Kuwait 32 km", "Cà Mau 32-34 độ C"), but a one-letter capital
        symbol or one of `name_model_symbols` is part of a model name ("Corolla 2.0V", "LS 460L", "Mali
        400MP") unless it is a litre after one decimal
        ("Ecotec 1.4L": a displacement)."""
        if _THOUSANDS.fullmatch(doc.text, start, end):
            return False
        metric = self._metric_after(doc, end)
        if metric is None:
            return True
        symbol = metric.group()
        displacement = symbol in self.name_measures and doc.text[end - 2 : end - 1] in (".", ",")
        model = (symbol[0].isupper() and len(symbol) < 2) or symbol in self.name_models
        return model and not displacement

    def _separated_measure(self, doc: Doc, start: int) -> bool:
        """A number written with a separator before a metric unit measures, whatever word is before it:
        labels are bare whole numbers ("toàn tuyến 15,63 km", "mặt đường 22,2 m", "chiều dài tuyến
        1.700m"; but "tuyến 15")."""
        number = _SEPARATED.match(doc.text, start)
        return number is not None and self._metric_after(doc, number.end()) is not None

    def _metric_after(self, doc: Doc, end: int) -> regex.Match[str] | None:
        """The metric unit (glued or spaced) right after the number ending at `end`, if any."""
        return self.metric.match(doc.text, _SPACES.match(doc.text, end).end())

    def _is_label(self, doc: Doc, start: int, names: bool = True) -> bool:
        """True when the number labels or identifies something ('mức 2', 'Đề án 06', 'Quận 1', the
        second number of 'mô hình 2 vụ lúa 1 vụ cá', a list after a label 'Phường 3 và 4', 'quận 4, 7, 8', a
        name quoted after a word of `quoted_name_leads` 'chương trình "1 hộp sữa, 1 viên gạch"'); with
        `names`, also after a capitalised word mid-sentence or an acronym anywhere ('HTC 11'), unless
        the name follows a word of `compared_before` ('hơn Hà Nội FC 6 điểm') or a part of `named_part_heads`
        ('hộp số ZF 8 cấp'), or is one of `place_bodies` before a count of `held_places` ('UBND 4 tỉnh')."""
        for _ in range(_LIST_STEPS):  # "Phường 3 và 4 thành phố": the label of the list's first number
            listed = _LISTED.match(doc.text, max(0, start - 20), start)
            number = _DIGITS.match(doc.text, start)
            if listed is None or number is None or not _in_sequence(listed["n"], number[0]):
                break  # "lớp 1 và 109.300 học sinh" is no list of labels
            start, names = listed.start(), False  # a label word, not a name ("Thủ Thiêm 2 và 9 lô")
        lo = max(0, start - _LOOKBACK)
        left = doc.text[lo:start]
        # a label stands on the number's line ("... vì 1 văn bản\n60 khu đất": a headline, then a count)
        line = left[left.rfind("\n") + 1 :]
        if (
            (
                (label := self.label.match(line))
                and not _name_ends_in(line, label.start("word"), doc.text, start)
                and not self.counting.match(left)
                and not self._after_span(line, doc.text, start)
                and not self._separated_measure(doc, start)
                and not (self.sent_label.search(left) and self.sent.match(doc.text, start))
            )
            or self.model_name.search(left)
            or self.quoted_name.match(left)
        ):
            return True
        pw = _PREV_WORD.match(left)
        if pw is None:
            return False
        word = pw["w"]
        if word[0].isdigit():
            return True  # "1 200 người", "2024 500 ...": spaced digits are not read
        if self.credit.match(left):
            return False  # "Ảnh: EPA/TTXVN 3 ứng cử viên": a photo credit, then a sentence
        if word in self.class_nouns:
            return False  # "mẫu SUV 7 chỗ", "Crossover 5 chỗ": a class of thing written capitalised, no name
        # an acronym or a brand ("HTC", "iPhone"), not a unit symbol ("500 kV 2 mạch")
        brand = any(c.isupper() for c in word[1:]) and not (word[0].islower() and self.glued.fullmatch(word))
        if (
            not names
            or not (brand or word[0].isupper())
            or self.amounts.qualifier(doc, start)
            or self.compared.search(left)
            or self.named_part.search(left)
            or (self.held.match(doc.text, start) and self.bodies.match(left))
        ):
            return False
        if brand:
            return True  # a brand or acronym names the thing ("HTC 11", "iPhone 8"), even opening a sentence
        before = left[: pw.start()].rstrip(" \t\u00a0")
        if self.opener.match(left):
            return False  # "15 huy chương Với 8 HCV": a capitalised function word opens a sentence
        if not before:
            return lo > 0  # the word reaches back past the window: not at a sentence start
        return before[-1] not in _SENTENCE_OPENERS and before[-1] not in "\n\r"


def _before_label(tokens: Iterable[Token], labels: frozenset[str]) -> Iterator[Token]:
    """The tokens up to a label word (`label_before`, `unit_labels`) with a number after it ('4 trường cấp 2':
    'trường'); the head, the first token, is always kept ('45 m 2')."""
    held: Token | None = None
    for k, tok in enumerate(tokens):
        if held is not None:
            if k > 1 and tok.text[:1].isdigit() and held.text.lower() in labels:
                return
            yield held
        held = tok
    if held is not None:
        yield held


def _after(tokens: list[Token], text: str, pos: int) -> Iterator[Token]:
    """The tokens after `pos`; a token the tagger joined across it ("20.000 viên") is cut there."""
    for tok in tokens:
        if tok.start >= pos:
            yield tok
        elif tok.end > pos and (rest := text[pos : tok.end]).strip():
            yield Token(rest.strip(), tok.tag, tok.end - len(rest.lstrip()), tok.end)


def _name_ends_in(line: str, word: int, text: str, start: int) -> bool:
    """The label word at `word` of `line` ends a capitalised name ("Nhật Bản", "Ba Lan"), before a number at
    `start` of `text` with grouped thousands, which no label has: "kế đến Nhật Bản 39.938 LĐ" counts."""
    return (
        line[word].isupper()
        and _NAME_BEFORE.search(line, 0, word) is not None
        and _THOUSANDS.match(text, start) is not None
    )


def _fact_end(doc: Doc, unit: tuple[int, int]) -> int:
    """Where a quantity ends: after its unit, and its closing quote when the unit is quoted."""
    quote = doc.text[unit[0] - 1 : unit[0]]
    return unit[1] + (quote in ("'", '"') and quote == doc.text[unit[1] : unit[1] + 1])


RECOGNIZER = QuantityRecognizer


def _in_sequence(first: str, second: str) -> bool:
    """Two numbers of one list of labels: as many digits, the second the larger ("3 và 4", "68 và 69")."""
    return len(first) == len(second) and int(first) < int(second)
