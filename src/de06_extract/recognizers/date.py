"""Date recognizer: calendar expressions at their stated grain; years of day-months are left to `dates.YearRules`."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import regex

from ..dates import DateSettings, days_in, from_groups, is_valid
from ..document import Doc
from ..rulepacks import CompiledPattern, RulePack, RulePackError, kept_regex
from .base import Candidate, RangeJoin, Recognizer, handles
from .services import Services

# 'từ tháng 9/2024 đến ngày 30/11/2025': two dates joined by đến/tới/- after 'từ' form a range, also
# up to the end of a day and between clock times ('từ ngày 1/10 đến hết ngày 31/12', 'từ 8 giờ ngày
# 18/7 đến 10 giờ ngày 8/8').
_CLOCK = r"(?:\d{1,2}+\s*+(?:giờ|h|:)(?:\s*+\d{2})?+(?:\s*+phút)?+\s++)"
_RANGES = RangeJoin(
    kept_regex(rf"\s*+(?:-|đến|tới|cho\s+đến)\s*+(?:hết\s++)?{_CLOCK}?", regex.IGNORECASE),
    kept_regex(rf"(?r)(?:\btừ|\bkể\s+từ)\s*+{_CLOCK}?$", regex.IGNORECASE),
    28,
)
# ... and two dates of one grain alone in brackets joined by a dash: '(13/5/1955 - 13/5/2017)', '(30/5-31/5)'
# (not a month and its quarter: '(tháng 9/2017 - quý 3/2017)').
_SPANS = RangeJoin(kept_regex(r"[ ]*+-[ ]*+"), kept_regex(r"\([ ]*+$"), 2)
_CLOSE = kept_regex(r"[ ]*+\)")
# ... and two full dates (days with their years, the second later) joined by a dash, whatever comes before:
# 'giai đoạn 1/2/2016 – 31/1/2017' (an en dash is normalised to '-').
_DASHED = RangeJoin(kept_regex(r"[ ]*+-[ ]*+"), kept_regex(r"(?!)"), 0, dash_alone=True)
# A closing quotation mark: a range of years before it ends a title (quotes are normalised to '"').
_TITLE_END = kept_regex(r'[ ]*+"')
_CLOSE_REACH = 8  # (an end position keeps each match short: without one `regex` costs the text's length)
_CONTEXT = 32
# A bare day-month followed by another one ("2/2 và 3/2", "26/1 - 1/2", "từ 1-1 đến hết 30-4-2017") is a
# date like its neighbour.
_DATE_AFTER = kept_regex(
    r"\s*+(?:và|,|-|đến|tới)\s*+(?:hết\s++)?(?:ngày\s+)?\d{1,2}[/.-]\d{1,2}(?!\d)", regex.IGNORECASE
)
# ... and one right after a date found before it, any separator: the trigger is said once for a
# sequence or a range ("ngày 12-4, đến 15-4", "các ngày 5-6, 9-6 và 14-6", "(4/6-5/6)"). Group 1 is
# the previous date's last character.
_JOINED_TO = kept_regex(
    r"(?r)(\d)(?:\s*+(?:,|;|và|-|đến|tới|cho\s+đến|rồi|hoặc)\s*+)++(?:ngày\s+)?$", regex.IGNORECASE
)
# A day-month opening a line before a colon: a timeline entry ("20-5: chuyển sang ...").
_TIMELINE = kept_regex(r"\s*+:")
# After a weak trigger a dashed or dotted day-month ends its clause or opens a range ("Từ 15.8, ...").
_CLAUSE_END = kept_regex(r"\s*+(?:[,;)]|\.(?!\d)|$)")
_DIGITS = kept_regex(r"\d++")


@dataclass
class _Scratch:
    """One article's state: its text and the invalid dates that block their span."""

    doc: Doc
    blocked: list[Candidate] = field(default_factory=list)
    ends: set[int] = field(default_factory=set)  # where the dates found so far end
    guessed: set[int] = field(default_factory=set)  # where those read with no trigger end ("1/3")
    lunar_calendar: bool | None = None  # the article speaks of the lunar calendar (`lunar_month_cues`)


class DateRecognizer(Recognizer):
    kind = "date"
    settings_model = DateSettings
    settings: DateSettings

    def __init__(self, pack: RulePack, services: Services) -> None:
        super().__init__(pack, services)
        self.min_year, self.max_year = self.settings.min_year, self.settings.max_year
        self.strong = pack.word_before("strong_triggers", r"[\s,(]*+")
        self.weak = pack.word_before("weak_triggers")
        self.share = pack.word_before("share_before")
        # "ngày" before a day-month, and a modifier before it ("hết ngày 12/3": until_end)
        self.ngay = pack.compile(r"(?r)(?:(?<!\p{L})(?P<mod>{day_modifier_words})\s++)?\bngày\s+$", False)
        self.name_lead = pack.word_before("dm_name_leads", r"\s++")
        self.lunar = pack.compile(r"\s*+\(?+\s*+(?:{lunar_words})(?!\p{L})", False)
        self.lunar_day = pack.word_before("lunar_day_words", r"\s++")
        self.idioms = frozenset(pack.lexicon("dm_idioms"))
        # the years an anniversary counts before a bracketed span of years, in the same sentence ("Kỷ niệm
        # 1.000 năm Thăng Long - Hà Nội (1010 - 2010)")
        self.years_counted = pack.compile(
            r"(?<![\p{N}.,])(?P<n>\d{1,4}+(?:\.\d{3}+)?+)[ ]++năm(?!\p{L})[^.;!?\n()]{0,80}+\([ ]*+$", False
        )
        self.modifiers = {k.lower(): v for k, v in pack.table("year_modifiers").items()}
        self.roman = pack.table("roman")
        self.quarter_words = {" ".join(k.split()): v for k, v in pack.table("quarter_values").items()}
        self.month_words = {" ".join(k.split()): int(v) for k, v in pack.table("month_words").items()}
        self.lunar_months = {k: int(v) for k, v in pack.table("lunar_month_words").items()}
        self.part_counts = {" ".join(k.split()): v for k, v in pack.table("part_counts").items()}
        if (
            missing := {" ".join(w.lower().split()) for w in pack.lexicon("part_count_words")}
            - self.part_counts.keys()
        ):
            raise RulePackError(f"{pack.path}: [tables] part_counts: no number for {sorted(missing)}")
        self.lunar_cue = pack.compile(r"(?<!\p{L})(?:{lunar_month_cues})(?!\p{L})", False)

    def recognize(self, doc: Doc) -> Iterator[Candidate]:
        scratch = _Scratch(doc)
        found: list[Candidate] = []
        for pattern, m in self.matches(doc):
            for cand in self.handle(scratch, pattern, m):
                cand.rule = cand.rule or pattern.name
                cand.explanation = cand.explanation or pattern.explanation
                found.append(cand)
                scratch.ends.add(cand.end)
        outer: list[Candidate] = []
        for c in sorted(found, key=lambda c: (c.start, -c.end)):
            if not outer or c.end > outer[-1].end:  # skip readings nested in a longer one
                outer.append(c)
        _RANGES.mark(doc.text, outer, lambda a, b: True)
        _SPANS.mark(
            doc.text,
            outer,
            lambda a, b: (
                a.fields.get("grain") == b.fields.get("grain")
                and bool(_CLOSE.match(doc.text, b.end, b.end + _CLOSE_REACH))
            ),
        )
        _DASHED.mark(doc.text, outer, _full_dates_in_order)
        yield from found
        yield from scratch.blocked

    # -- handlers: (scratch, match, pattern) → candidates -------------------------------------------

    @handles("datetime")
    def _datetime(
        self, scratch: _Scratch, m: regex.Match[str], pattern: CompiledPattern
    ) -> Iterator[Candidate]:
        day = self._valid_day(scratch, m, int(m["y"]))
        stamp = from_groups(m.groupdict()) if day else None  # the clock time read as the zones read it
        if day and stamp:
            hh, mi = int(stamp[11:13]), int(stamp[14:16])
            yield self._cand(
                m, pattern.score, "datetime", year=int(m["y"]), month=day[1], day=day[0], hh=hh, mi=mi
            )

    @handles("dmy")
    def _dmy(self, scratch: _Scratch, m: regex.Match[str], pattern: CompiledPattern) -> Iterator[Candidate]:
        day = self._valid_day(scratch, m, int(m["y"]))
        if day:
            fields = {"year": int(m["y"]), "month": day[1], "day": day[0], "modifier": self._modifier(m)}
            yield self._cand(m, pattern.score, "day", **fields)

    @handles("dmy_year_span")
    def _dmy_year_span(
        self, scratch: _Scratch, m: regex.Match[str], pattern: CompiledPattern
    ) -> Iterator[Candidate]:
        first, last = int(m["y1"]), int(m["y"])
        day = self._valid_day(scratch, m, first)
        if day and first < last and self._year_ok(last):
            fields = {"month": day[1], "day": day[0], "grain": "day", "range": "start"}
            yield Candidate("date", m.start(), m.end("y1"), pattern.score, "", {"year": first, **fields})
            yield Candidate(
                "date",
                m.start("y"),
                m.end(),
                pattern.score,
                "",
                {"year": last, "grain": "year", "range": "end"},
            )

    @handles("dmy_words")
    def _dmy_words(
        self, scratch: _Scratch, m: regex.Match[str], pattern: CompiledPattern
    ) -> Iterator[Candidate]:
        year = int(m["y"]) if m["y"] else None
        day = self._valid_day(scratch, m, year)
        if day:
            yield self._cand(m, pattern.score, "day", year=year, month=day[1], day=day[0])

    @handles("dm_range")
    def _dm_range(
        self, scratch: _Scratch, m: regex.Match[str], pattern: CompiledPattern
    ) -> Iterator[Candidate]:
        year = int(m["y"]) if m["y"] else None
        month = int(m["m"])
        lead_text = (m.groupdict().get("lead") or "").lower()  # none in 'hội nghị 21-22/10'
        first_start = m.start("lead") + lead_text.rfind("ngày") if "ngày" in lead_text else m.start("d1")
        listed = "dn" in m.re.groupindex  # the days between the first and the last: 'ngày 20, 21 và 22/3'
        inner = list(zip(m.starts("dn"), m.ends("dn"), m.captures("dn"), strict=True)) if listed else []
        spans = [(first_start, m.end("d1")), *((s, e) for s, e, _ in inner), (m.start("d"), m.end())]
        days = [int(m["d1"]), *(int(d) for _, _, d in inner), int(m["d"])]
        if not (
            1 <= month <= 12
            and days == sorted(set(days))
            and days[0] >= 1
            and days[-1] <= days_in(month, year)
        ):
            return
        if self._lunar(scratch, first_start, m.end()):
            return
        is_range = len(days) == 2 and not m.groupdict().get("list")  # "ngày 10 và 11-5": a list
        fields = {"year": year, "month": month, "grain": "day"}
        for k, ((start, end), day) in enumerate(zip(spans, days, strict=True)):
            rng = ("start" if k == 0 else "end") if is_range else None
            yield Candidate("date", start, end, pattern.score, "", {**fields, "day": day, "range": rng})

    @handles("dm")
    def _dm(self, scratch: _Scratch, m: regex.Match[str], pattern: CompiledPattern) -> Iterator[Candidate]:
        doc, score = scratch.doc, pattern.score
        d, month = int(m["d"]), int(m["m"])
        if not is_valid(d, month) or m.end() in scratch.ends:
            return  # (a range or list read before ends here: "(29 - 30/6)")
        left = doc.text[max(0, m.start() - _CONTEXT) : m.start()]
        start = m.start()
        sep = m["sep"]
        modifier = None
        if ngay := self.ngay.search(left):
            start -= len(left) - ngay.start()
            modifier = self._modifier(ngay)
        if self._lunar(scratch, start, m.end()):
            return
        if self.name_lead.search(left):  # a street named after a date: 'đường 3/2'
            scratch.blocked.append(Candidate("date", start, m.end(), 1.0, "street_name", blocks=True))
            return
        if (
            ngay
            or self.strong.search(left)
            or self._chained(scratch, m.start(), left)
            or self._timeline(doc.text, m)
        ):
            score = self.settings.score_strong
        elif self.share.search(left):
            return  # "chỉ bằng 1/3, 1/4": a share, no day-month
        elif sep != "/":
            if not (
                self.weak.search(left)
                and (_CLAUSE_END.match(doc.text, m.end()) or _DATE_AFTER.match(doc.text, m.end()))
            ):
                return
            score = self.settings.score_weak
        elif left.rstrip().endswith("("):
            score = self.settings.score_paren
        elif self.weak.search(left) or _DATE_AFTER.match(doc.text, m.end()):
            score = self.settings.score_weak
        elif m.group() in self.idioms:
            return  # "dịch vụ 24/7": round the clock, no day-month
        else:
            score = self.settings.score_bare_day_gt_month if d > month else self.settings.score_bare
            scratch.guessed.add(m.end())
        yield Candidate(
            "date",
            start,
            m.end(),
            score,
            "dm",
            {"year": None, "month": month, "day": d, "grain": "day", "modifier": modifier},
        )

    @handles("malformed_dmy")
    def _malformed_dmy(
        self, scratch: _Scratch, m: regex.Match[str], pattern: CompiledPattern
    ) -> Iterator[Candidate]:
        doc = scratch.doc
        doc.warn("malformed_date", "a day followed by a run of digits is not a date", m.start(), m.end())
        yield Candidate("date", m.start(), m.end(), 1.0, "malformed_dmy", blocks=True)

    @handles("month_year")
    def _month_year(
        self, scratch: _Scratch, m: regex.Match[str], pattern: CompiledPattern
    ) -> Iterator[Candidate]:
        month, year = self._month_number(m["m"], scratch), int(m["y"])
        if 1 <= month <= 12 and self._year_ok(year):
            yield self._cand(m, pattern.score, "month", year=year, month=month, modifier=self._modifier(m))

    @handles("month_range")
    def _month_range(
        self, scratch: _Scratch, m: regex.Match[str], pattern: CompiledPattern
    ) -> Iterator[Candidate]:
        """'tháng 9 - 10/2016': a range of two months, its year written or (no year) inferred later."""
        m1, m2, written = int(m["m1"]), int(m["m"]), m.groupdict().get("y")
        year = int(written) if written else None
        if 1 <= m1 < m2 <= 12 and (year is None or self._year_ok(year)):
            fields = {"year": year, "grain": "month"}
            yield Candidate(
                "date",
                m.start(),
                m.end("m1"),
                pattern.score,
                "month_range",
                {**fields, "month": m1, "range": "start"},
            )
            yield Candidate(
                "date",
                m.start("m"),
                m.end(),
                pattern.score,
                "month_range",
                {**fields, "month": m2, "range": "end"},
            )

    @handles("month_list")
    def _month_list(
        self, scratch: _Scratch, m: regex.Match[str], pattern: CompiledPattern
    ) -> Iterator[Candidate]:
        """'tháng 7, 8, 9': one date per month, the first spanning 'tháng', the last its year if written."""
        if m["y"] and "," not in m["rest"]:
            return  # 'tháng 9 và 10/2016' is a range (month_range)
        year = int(m["y"]) if m["y"] else None
        spans = [(m.start(), m.end("m1"), m["m1"])]
        spans += [
            (m.start("rest") + d.start(), m.start("rest") + d.end(), d[0])
            for d in _DIGITS.finditer(m["rest"])
        ]
        months = [int(written) for _, _, written in spans]
        if not all(1 <= month <= 12 for month in months) or len(set(months)) < len(months):
            return
        if year is not None and not self._year_ok(year):
            return
        spans[-1] = (spans[-1][0], m.end(), spans[-1][2])
        for start, end, written in spans:
            fields = {"grain": "month", "year": year, "month": int(written)}
            yield Candidate("date", start, end, pattern.score, "", fields)

    @handles("month")
    def _month(self, scratch: _Scratch, m: regex.Match[str], pattern: CompiledPattern) -> Iterator[Candidate]:
        month = self._month_number(m["m"], scratch)
        if self._lunar(scratch, m.start(), m.end()) or self.lunar_day.search(
            scratch.doc.text, max(0, m.start() - 10), m.start()
        ):
            return  # "tháng 7 âm lịch", "rằm tháng 7": a lunar month
        if 1 <= month <= 12:
            yield self._cand(m, pattern.score, "month", year=None, month=month, modifier=self._modifier(m))

    @handles("quarter")
    def _quarter(
        self, scratch: _Scratch, m: regex.Match[str], pattern: CompiledPattern
    ) -> Iterator[Candidate]:
        q = self._quarter_number(m["q"])
        year = int(m["y"]) if m["y"] else None
        if year is None or self._year_ok(year):
            yield self._cand(m, pattern.score, "quarter", year=year, quarter=q, modifier=self._modifier(m))

    @handles("quarter_pair")
    def _quarter_pair(
        self, scratch: _Scratch, m: regex.Match[str], pattern: CompiledPattern
    ) -> Iterator[Candidate]:
        """'quý II và III/2017': both quarters of the written year, a range when joined by a dash or
        'và', else a list."""
        q1, q2 = self._quarter_number(m["q1"]), self._quarter_number(m["q"])
        year = int(m["y"])
        if not (q1 < q2 and self._year_ok(year)):
            return
        first = self._cand(m, pattern.score, "quarter", year=year, quarter=q1, modifier=self._modifier(m))
        first.end = m.end("q1")
        second = {"grain": "quarter", "year": year, "quarter": q2}
        if m["join"] is not None:
            first.fields["range"], second["range"] = "start", "end"
        yield first
        yield Candidate(
            "date", m.start("second") if m["second"] else m.start("q"), m.end(), pattern.score, "", second
        )

    def _quarter_number(self, written: str) -> int:
        """A quarter's number written as a word ("bốn"), a Roman numeral ("IV") or digits ("4")."""
        words = " ".join(written.lower().split())
        return int(self.quarter_words.get(words) or self.roman.get(words.upper(), words))

    @handles("part_of_year")
    def _part_of_year(
        self, scratch: _Scratch, m: regex.Match[str], pattern: CompiledPattern
    ) -> Iterator[Candidate]:
        year = int(m["y"])
        words = "nw" in m.re.groupindex  # pattern part_of_year_words: "bốn tháng đầu năm 2017"
        if words and m["part"] is None:  # in words the part must be written
            return
        n = int(self.part_counts[" ".join(m["nw"].lower().split())] if words else m["n"])
        if m["unit"] == "quý":  # "2 quý đầu năm 2016": six months; the part must be written
            if m["part"] is None:
                return
            n *= 3
        if not (1 <= n <= 11 and self._year_ok(year)):
            return
        part = (m["part"] or "đầu").lower()  # "8 tháng năm 2016": the first eight months
        modifier = {6: "first_half" if part == "đầu" else "second_half"}.get(
            n, f"{'first' if part == 'đầu' else 'last'}_{n}_months"
        )
        yield self._cand(m, pattern.score, "year", year=year, modifier=modifier)

    @handles("year_range")
    def _year_range(
        self, scratch: _Scratch, m: regex.Match[str], pattern: CompiledPattern
    ) -> Iterator[Candidate]:
        """A range of years; one ending a quoted title may span as long as one in brackets ('"Tên lửa
        và bệ phóng 1955-2005"', a book's history)."""
        titled = _TITLE_END.match(scratch.doc.text, m.end()) is not None
        settings = self.settings
        yield from self._years(
            m, pattern, settings.year_range_bracket_max_span if titled else settings.year_range_max_span
        )

    @handles("year_range_paren")
    def _year_range_paren(
        self, scratch: _Scratch, m: regex.Match[str], pattern: CompiledPattern
    ) -> Iterator[Candidate]:
        """Two years alone in brackets: a life or an anniversary may span longer ('(1907 - 1988)'), and an
        anniversary as long as the years it counts before ('1000 năm Thăng Long - Hà Nội (1010 - 2010)')."""
        span = self.settings.year_range_bracket_max_span
        counted = self.years_counted.search(m.string, max(0, m.start() - 120), m.start())
        if counted is not None and int(counted["n"].replace(".", "")) == int(m["y"]) - int(m["y1"]):
            span = int(m["y"]) - int(m["y1"])
        yield from self._years(m, pattern, span)

    def _years(self, m: regex.Match[str], pattern: CompiledPattern, max_span: int) -> Iterator[Candidate]:
        """A range of two years, the second later and, without a lead word, at most `max_span` after."""
        y1, y2 = int(m["y1"]), int(m["y"])
        lead = (m.groupdict().get("lead") or "").lower()  # none in 'trung hạn 2016 – 2020'
        if not (self._year_ok(y1) and self._year_ok(y2) and y1 < y2):
            return
        if not lead and y2 - y1 > max_span:
            return
        first_start = m.start("lead") + lead.rfind("năm") if "năm" in lead else m.start("y1")
        yield from self._year_pair(m, first_start, y1, y2, pattern.score)

    @handles("season")
    def _season(
        self, scratch: _Scratch, m: regex.Match[str], pattern: CompiledPattern
    ) -> Iterator[Candidate]:
        """'2016/17', '2006/2007', '2008–09': a season of two consecutive years, the second maybe cut to
        two digits."""
        y1 = int(m["y1"])
        y2 = y1 // 100 * 100 + int(m["y"]) if len(m["y"]) == 2 else int(m["y"])
        if y2 == y1 + 1 and self._year_ok(y1) and self._year_ok(y2):
            yield from self._year_pair(m, m.start("y1"), y1, y2, pattern.score)

    @staticmethod
    def _year_pair(
        m: regex.Match[str], first_start: int, y1: int, y2: int, score: float
    ) -> Iterator[Candidate]:
        """The start and end dates of a range of years (the end spans from group `y`, or the "năm" written
        before it, group `yn`: "từ năm 2016 đến năm 2018", to the match's end)."""
        end_start = m.start("yn") if m.groupdict().get("yn") else m.start("y")
        for start, end, year, side in (
            (first_start, m.end("y1"), y1, "start"),
            (end_start, m.end(), y2, "end"),
        ):
            yield Candidate(
                "date", start, end, score, "year_range", {"year": year, "grain": "year", "range": side}
            )

    @handles("year")
    def _year(self, scratch: _Scratch, m: regex.Match[str], pattern: CompiledPattern) -> Iterator[Candidate]:
        year = int(m["y"])
        if not self._year_ok(year):
            return
        yield self._cand(m, pattern.score, "year", year=year, modifier=self._modifier(m))

    def _lunar(self, scratch: _Scratch, start: int, end: int) -> bool:
        """'ngày 13/1 âm lịch', 'từ 14 đến 16/3 âm lịch', 'tháng 7 âm lịch': not calendar dates, nor ratios (the
        span is claimed)."""
        if not self.lunar.match(scratch.doc.text, end):
            return False
        scratch.blocked.append(Candidate("date", start, end, 1.0, "lunar", blocks=True))
        return True

    @staticmethod
    def _chained(scratch: _Scratch, start: int, left: str) -> bool:
        """Joined to a date found just before it, not to a bare a/b read with no trigger: 'ngày 12-4,
        đến 15-4' (not the share '1/4' of 'có thể là 1/3 hoặc 1/4')."""
        j = _JOINED_TO.search(left)
        if j is None:
            return False
        before = start - len(left) + j.end(1)
        return before in scratch.ends and before not in scratch.guessed

    @staticmethod
    def _timeline(text: str, m: regex.Match[str]) -> bool:
        """Opens a line and a colon follows: '20-5: chuyển sang ...'."""
        line_start = m.start() == 0 or text[m.start() - 1] == "\n"
        return line_start and _TIMELINE.match(text, m.end()) is not None

    # -- helpers ------------------------------------------------------------------------------------

    def _cand(self, m: regex.Match[str], score: float, grain: str, **fields: Any) -> Candidate:
        """A date over the match, from its modifier when the pattern read one behind it ("cuối quý II")."""
        start = m.start("mod") if m.groupdict().get("mod") else m.start()
        return Candidate("date", min(start, m.start()), m.end(), score, "", {"grain": grain, **fields})

    def _modifier(self, m: regex.Match[str]) -> str | None:
        mod = m.groupdict().get("mod")
        return self.modifiers.get(" ".join(mod.lower().split())) or None if mod else None

    def _month_number(self, written: str, scratch: _Scratch) -> int:
        """A month written in digits or in words ("Tám", "Mười Một"); 0 when it is neither. "Giêng" and
        "Chạp" are January and December in an article with no word of the lunar calendar
        (`lunar_month_cues`): in one with such a word they are lunar months (0)."""
        written = " ".join(written.split())
        if written.isdigit():
            return int(written)
        if written in self.lunar_months:
            if scratch.lunar_calendar is None:
                scratch.lunar_calendar = self.lunar_cue.search(scratch.doc.text) is not None
            return 0 if scratch.lunar_calendar else self.lunar_months[written]
        return self.month_words.get(written, 0)

    def _year_ok(self, year: int) -> bool:
        return self.min_year <= year <= self.max_year

    def _valid_day(self, scratch: _Scratch, m: regex.Match[str], year: int | None) -> tuple[int, int] | None:
        d, month = int(m["d"]), int(m["m"])
        if is_valid(d, month, year):  # a full date keeps any four-digit year ("ngày 7/2/1855")
            return d, month
        scratch.doc.warn(
            "invalid_date", f"day {d}, month {month}, year {year} is not a calendar date", m.start(), m.end()
        )
        scratch.blocked.append(Candidate("date", m.start(), m.end(), 1.0, "invalid_date", blocks=True))
        return None


RECOGNIZER = DateRecognizer


def _full_dates_in_order(a: Candidate, b: Candidate) -> bool:
    """`a` and `b` are days written with their years, `b` the later: a range's ends."""
    fa, fb = a.fields, b.fields
    if (
        fa.get("grain") != "day"
        or fb.get("grain") != "day"
        or fa.get("year") is None
        or fb.get("year") is None
    ):
        return False
    return (fa["year"], fa["month"], fa["day"]) < (fb["year"], fb["month"], fb["day"])
