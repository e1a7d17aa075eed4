"""Ratio recognizer: 'a/b' with the counted noun after it, or a ranking 'xếp hạng 71/193'; decimal terms
("40,8/50 điểm") and fraction characters ("½ khung") too."""

from __future__ import annotations

from collections.abc import Iterator

import regex
from pydantic import Field

from ..document import Doc
from ..models import whole_number
from ..numbers import parse_decimal
from ..rulepacks import CompiledPattern, RulePack, Settings
from ..segment import NAME_NEXT
from .base import Candidate, Recognizer, handles
from .services import Services


class RatioSettings(Settings):
    score_with_unit: float = Field(ge=0, le=1, description="a ≤ b with a counted noun after it.")
    score_ranking: float = Field(ge=0, le=1, description="After a ranking word ('xếp hạng 71/193').")
    score_bare: float = Field(ge=0, le=1, description="a ≤ b without a noun, or a > b with one.")
    score_bare_inverted: float = Field(ge=0, le=1, description="a > b without a noun.")
    score_odds: float = Field(
        ge=0, le=1, description="Betting odds: a word of `odds_cues` earlier in the sentence."
    )
    score_share_cue: float = Field(ge=0, le=1, description="A fraction right after a word of `share_cues`.")
    odds_window: int = Field(
        ge=1,
        description="How many characters before an a/b, in its sentence, a word of `odds_cues` is looked for.",
    )
    year_like_min: int = Field(
        description="A denominator in [year_like_min, year_like_max] looks like a year."
    )
    year_like_max: int
    score_year_like: float = Field(ge=0, le=1)
    score_label: float = Field(ge=0, le=1, description="An a/b after a label word: claimed, never emitted.")
    map_scale_min: int = Field(description="Least denominator of a map scale '1/500' (a label).")
    grade_scale: int = Field(description="Denominator of a school grade 'trình độ 11/12' (a label).")
    decimal_min_denominator: int = Field(
        description="A decimal a/b with a smaller denominator ('ngày 6,7/12') needs a counted noun after it"
        " and no day word before it."
    )


def _term(s: str) -> float | None:
    """A ratio's term: '1.084' → 1084, '6,5' → 6.5."""
    value = parse_decimal(s)
    return None if value is None else whole_number(float(value))


class RatioRecognizer(Recognizer):
    kind = "ratio"
    settings_model = RatioSettings
    settings: RatioSettings
    needs = ("phrases",)

    def __init__(self, pack: RulePack, services: Services) -> None:
        super().__init__(pack, services)
        self.phrases = services.phrases
        self.ranking = pack.compile(r"(?r)(?:{ranking_triggers})\s*+(?:thứ\s+)?$", case_sensitive=False)
        self.label = pack.word_before("label_before|grade_before")
        self.share, self.day = pack.word_before("share_before"), pack.word_before("day_words")
        self.fractions = {
            k: (int(v.split("/")[0]), int(v.split("/")[1])) for k, v in pack.table("fractions").items()
        }
        # a grade word earlier in the sentence: "trình độ 11/12, ... lại 12/12"; a bet: "tỷ lệ cược ... 7/4"
        self.graded, self.odds = (
            pack.compile(r"(?:^|[^\p{L}])(?:{" + lexicon + r"})(?!\p{L})[^.!?;\n]*+$", case_sensitive=False)
            for lexicon in ("grade_before", "odds_cues")
        )
        self.map_scale = pack.word_before("map_scale_before")
        self.share_cue = pack.word_before("share_cues")
        self.size = pack.word_before("size_before")
        self.size_unit = pack.compile(r"\G\s*+(?:{size_units})(?![\p{L}\p{N}])", case_sensitive=True)
        self.fixed_labels = frozenset(pack.lexicon("fixed_labels"))
        self.address = pack.compile(r"\G[ ]++(?:{address_after})[ ]++\p{Lu}", case_sensitive=True)
        # a metric unit spaced after the denominator ("3 km/5 ha")
        self.spaced_unit = pack.compile(r"\G[ ]++(?P<u>(?-i:{glued_units}))(?![\p{L}\p{N}])")
        # "5/9 các thành viên": a determiner opens the span, the noun after it is the unit
        self.determiner = services.packs["phrases"].compile(
            r"\G\s*+(?:{subject_determiners})\s+", case_sensitive=False
        )

    @handles("ratio")
    def _ratio(self, doc: Doc, m: regex.Match[str], pattern: CompiledPattern) -> Iterator[Candidate]:
        s = self.settings
        fraction = m.groupdict().get("f")  # the "fraction" pattern has no `a`, `b` nor glued `u`
        a, b = self.fractions[fraction] if fraction else (_term(m["a"]), _term(m["b"]))
        if a is None or b is None or b == 0:
            return
        left = doc.text[max(0, m.start() - 24) : m.start()]
        # "Mega 6/45", "lớp 10/2", "số 7/1": a code, not a share or a date; "12/5 phố Hàng Bông": a house
        # number; "tỷ lệ 1/500": a map's scale; "24/24": around the clock; "trình độ 11/12": a grade
        if (
            (self.label.search(left) and not self.share.search(left))
            or self.address.match(doc.text, m.end())
            or (a == 1 and b >= s.map_scale_min and self.map_scale.search(left))
            or f"{a}/{b}" in self.fixed_labels
            or (self.size.search(left) and self.size_unit.match(doc.text, m.end()))
            or (
                b == s.grade_scale
                and a <= b
                and self.graded.search(doc.text, max(0, m.start() - 80), m.start())
            )
        ):
            yield Candidate("ratio", m.start(), m.end(), s.score_label, "ratio_label", blocks=True)
            return
        ranking = bool(self.ranking.search(left))
        det = self.determiner.match(doc.text, m.end())
        glued, lead = m.groupdict().get("u"), m.groupdict().get("ua")
        if lead:
            spaced = self.spaced_unit.match(doc.text, m.end())
            if a >= b or (glued or (spaced["u"] if spaced else lead)) != lead:
                return  # "250 ha/4.250": a part of a larger total in the same unit; "3 km/5 ha": no share
            unit: tuple[int, int] | None = m.span("ua")
        else:
            unit = m.span("u") if glued else self.phrases.read(doc, det.end() if det else m.end())
        if unit and doc.text[unit[0]].isupper():  # a name ("1/500 Bãi ..."), not a counted noun
            unit = None
        if unit and (name := NAME_NEXT.search(doc.text, unit[0], unit[1])):
            unit = unit[0], name.start()  # "8/18 chặng đường MotoGP": the noun stops before a name
        end = max(unit[1], m.end()) if unit else m.end()
        if (
            b < s.decimal_min_denominator
            and (isinstance(a, float) or isinstance(b, float))
            and (not unit or self.day.search(left))
        ):
            return
        if ranking:
            score = s.score_ranking
        elif s.year_like_min <= b <= s.year_like_max:
            score = s.score_year_like
        elif self.odds.search(doc.text, max(0, m.start() - s.odds_window), m.start()):
            score = s.score_odds
        elif a < b and self.share_cue.search(left):
            score = s.score_share_cue
        elif unit:
            score = s.score_with_unit if a <= b else s.score_bare
        else:
            score = s.score_bare if a <= b else s.score_bare_inverted
        fields = {
            "numerator": a,
            "denominator": b,
            "unit": doc.text[unit[0] : unit[1]] if unit else None,
            "ranking": ranking,
        }
        yield Candidate("ratio", m.start(), end, score, pattern.name, fields, pattern.explanation)


RECOGNIZER = RatioRecognizer
