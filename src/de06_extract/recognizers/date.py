"""Date recognizer: calendar expressions at their stated grain; years of day-months are left to resolve."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

import regex

from ..dates import days_in, from_groups, is_valid
from ..document import Doc
from ..rulepacks import RulePack
from .base import Candidate, Recognizer

_RANGE_JOIN = regex.compile(r"\s*+(?:-|đến|tới|cho\s+đến)\s*+", regex.IGNORECASE)
_FROM_BEFORE = regex.compile(r"(?r)(?:\btừ|\bkể\s+từ)\s*$", regex.IGNORECASE)
_CONTEXT = 32
# A bare day-month followed by another one ("2/2 và 3/2", "26/1 - 1/2") is a date like its neighbour.
_DATE_AFTER = regex.compile(
    r"\s*+(?:và|,|-|đến|tới)\s*+(?:ngày\s+)?\d{1,2}[/.-]\d{1,2}(?!\d)", regex.IGNORECASE
)


class DateRecognizer(Recognizer):
    kind = "date"

    def __init__(self, pack: RulePack, packs: dict[str, RulePack]) -> None:
        super().__init__(pack, packs)
        s = pack.spec.settings
        self.min_year, self.max_year = int(s["min_year"]), int(s["max_year"])
        self.scores = {k: float(v) for k, v in s.items() if k.startswith("score_")}
        self.strong = pack.word_before("strong_triggers", r"[\s,(]*+")
        self.weak = pack.word_before("weak_triggers")
        self.ngay = regex.compile(r"(?r)\bngày\s+$", regex.IGNORECASE)
        self.modifiers = {k.lower(): v for k, v in pack.table("year_modifiers").items()}
        self.roman = pack.table("roman")

    def recognize(self, doc: Doc) -> Iterator[Candidate]:
        self._blocked: list[Candidate] = []
        found: list[Candidate] = []
        for pattern, m in self.matches(doc):
            handler = getattr(self, f"_{pattern.name}")
            for cand in handler(doc, m, pattern.score):
                cand.rule = cand.rule or pattern.name
                cand.explanation = cand.explanation or pattern.explanation
                found.append(cand)
        yield from _mark_ranges(doc, found)
        yield from self._blocked

    # -- one handler per pattern name -------------------------------------------------------------

    def _datetime(self, doc: Doc, m: regex.Match[str], score: float) -> Iterator[Candidate]:
        day = self._valid_day(doc, m, int(m["y"]))
        stamp = from_groups(m.groupdict()) if day else None  # the clock time read as the zones read it
        if day and stamp:
            hh, mi = int(stamp[11:13]), int(stamp[14:16])
            yield self._cand(m, score, "datetime", year=int(m["y"]), month=day[1], day=day[0], hh=hh, mi=mi)

    def _dmy(self, doc: Doc, m: regex.Match[str], score: float) -> Iterator[Candidate]:
        day = self._valid_day(doc, m, int(m["y"]))
        if day:
            yield self._cand(m, score, "day", year=int(m["y"]), month=day[1], day=day[0])

    def _dmy_words(self, doc: Doc, m: regex.Match[str], score: float) -> Iterator[Candidate]:
        year = int(m["y"]) if m["y"] else None
        day = self._valid_day(doc, m, year)
        if day:
            yield self._cand(m, score, "day", year=year, month=day[1], day=day[0])

    def _dm_range(self, doc: Doc, m: regex.Match[str], score: float) -> Iterator[Candidate]:
        year = int(m["y"]) if m["y"] else None
        d1, d2, month = int(m["d1"]), int(m["d"]), int(m["m"])
        if not (1 <= month <= 12 and 1 <= d1 < d2 <= days_in(month, year)):
            return
        lead_start = m.start("lead")
        lead_text = m["lead"].lower()
        first_start = lead_start + lead_text.rfind("ngày") if "ngày" in lead_text else m.start("d1")
        fields = {"year": year, "month": month, "grain": "day"}
        is_range = m["join"].lower() != "và"
        yield Candidate(
            "date",
            first_start,
            m.end("d1"),
            score,
            "",
            {**fields, "day": d1, "range": "start" if is_range else None},
        )
        yield Candidate(
            "date",
            m.start("d"),
            m.end(),
            score,
            "",
            {**fields, "day": d2, "range": "end" if is_range else None},
        )

    def _dm(self, doc: Doc, m: regex.Match[str], score: float) -> Iterator[Candidate]:
        d, month = int(m["d"]), int(m["m"])
        if not is_valid(d, month):
            return
        left = doc.text[max(0, m.start() - _CONTEXT) : m.start()]
        start = m.start()
        sep = m["sep"]
        if ngay := self.ngay.search(left):
            start -= len(left) - ngay.start()
            score = self.scores["score_strong"]
        elif self.strong.search(left):
            score = self.scores["score_strong"]
        elif sep != "/":
            return
        elif left.rstrip().endswith("("):
            score = self.scores["score_paren"]
        elif self.weak.search(left) or _DATE_AFTER.match(doc.text, m.end()):
            score = self.scores["score_weak"]
        else:
            score = self.scores["score_bare_day_gt_month" if d > month else "score_bare"]
        yield Candidate(
            "date", start, m.end(), score, "dm", {"year": None, "month": month, "day": d, "grain": "day"}
        )

    def _malformed_dmy(self, doc: Doc, m: regex.Match[str], score: float) -> Iterator[Candidate]:
        doc.warn("malformed_date", "a day followed by a run of digits is not a date", m.start(), m.end())
        yield Candidate("date", m.start(), m.end(), 1.0, "malformed_dmy", blocks=True)

    def _month_year(self, doc: Doc, m: regex.Match[str], score: float) -> Iterator[Candidate]:
        month, year = int(m["m"]), int(m["y"])
        if 1 <= month <= 12 and self._year_ok(year):
            yield self._cand(m, score, "month", year=year, month=month, modifier=self._modifier(m))

    def _month_range(self, doc: Doc, m: regex.Match[str], score: float) -> Iterator[Candidate]:
        m1, m2, year = int(m["m1"]), int(m["m"]), int(m["y"])
        if 1 <= m1 < m2 <= 12 and self._year_ok(year):
            fields = {"year": year, "grain": "month"}
            yield Candidate(
                "date",
                m.start(),
                m.end("m1"),
                score,
                "month_range",
                {**fields, "month": m1, "range": "start"},
            )
            yield Candidate(
                "date", m.start("m"), m.end(), score, "month_range", {**fields, "month": m2, "range": "end"}
            )

    def _month_year_bare(self, doc: Doc, m: regex.Match[str], score: float) -> Iterator[Candidate]:
        yield from self._month_year(doc, m, score)

    def _month(self, doc: Doc, m: regex.Match[str], score: float) -> Iterator[Candidate]:
        month = int(m["m"])
        if 1 <= month <= 12:
            yield self._cand(m, score, "month", year=None, month=month, modifier=self._modifier(m))

    def _quarter(self, doc: Doc, m: regex.Match[str], score: float) -> Iterator[Candidate]:
        q = int(self.roman.get(m["q"].upper(), m["q"]))
        year = int(m["y"]) if m["y"] else None
        if year is None or self._year_ok(year):
            yield self._cand(m, score, "quarter", year=year, quarter=q)

    def _part_of_year(self, doc: Doc, m: regex.Match[str], score: float) -> Iterator[Candidate]:
        n, year = int(m["n"]), int(m["y"])
        if not (1 <= n <= 11 and self._year_ok(year)):
            return
        part = m["part"].lower()
        modifier = {6: "first_half" if part == "đầu" else "second_half"}.get(
            n, f"{'first' if part == 'đầu' else 'last'}_{n}_months"
        )
        yield self._cand(m, score, "year", year=year, modifier=modifier)

    def _year_range(self, doc: Doc, m: regex.Match[str], score: float) -> Iterator[Candidate]:
        y1, y2 = int(m["y1"]), int(m["y"])
        if not (self._year_ok(y1) and self._year_ok(y2) and y1 < y2):
            return
        lead = m["lead"].lower()
        first_start = m.start("lead") + lead.rfind("năm") if "năm" in lead else m.start("y1")
        yield Candidate(
            "date",
            first_start,
            m.end("y1"),
            score,
            "year_range",
            {"year": y1, "grain": "year", "range": "start"},
        )
        yield Candidate(
            "date", m.start("y"), m.end(), score, "year_range", {"year": y2, "grain": "year", "range": "end"}
        )

    def _year(self, doc: Doc, m: regex.Match[str], score: float) -> Iterator[Candidate]:
        year = int(m["y"])
        if not self._year_ok(year):
            return
        yield self._cand(m, score, "year", year=year, modifier=self._modifier(m))

    # -- helpers ------------------------------------------------------------------------------------

    def _cand(self, m: regex.Match[str], score: float, grain: str, **fields: Any) -> Candidate:
        return Candidate("date", m.start(), m.end(), score, "", {"grain": grain, **fields})

    def _modifier(self, m: regex.Match[str]) -> str | None:
        mod = m.groupdict().get("mod")
        return self.modifiers.get(" ".join(mod.lower().split())) or None if mod else None

    def _year_ok(self, year: int) -> bool:
        return self.min_year <= year <= self.max_year

    def _valid_day(self, doc: Doc, m: regex.Match[str], year: int | None) -> tuple[int, int] | None:
        d, month = int(m["d"]), int(m["m"])
        if is_valid(d, month, year):  # a full date keeps any four-digit year ("ngày 7/2/1855")
            return d, month
        doc.warn(
            "invalid_date", f"day {d}, month {month}, year {year} is not a calendar date", m.start(), m.end()
        )
        self._blocked.append(Candidate("date", m.start(), m.end(), 1.0, "invalid_date", blocks=True))
        return None


def _mark_ranges(doc: Doc, found: list[Candidate]) -> list[Candidate]:
    """'từ tháng 9/2024 đến ngày 30/11/2025': two dates joined by đến/tới/- after 'từ' form a range."""
    outer: list[Candidate] = []
    for c in sorted(found, key=lambda c: (c.start, -c.end)):
        if not outer or c.end > outer[-1].end:  # skip readings nested in a longer one
            outer.append(c)
    for a, b in itertools.pairwise(outer):
        if a.fields.get("range") or b.fields.get("range") or b.start < a.end:
            continue
        if _RANGE_JOIN.fullmatch(doc.text, a.end, b.start) and _FROM_BEFORE.search(
            doc.text[max(0, a.start - 12) : a.start]
        ):
            a.fields["range"], b.fields["range"] = "start", "end"
    return found


RECOGNIZER = DateRecognizer
