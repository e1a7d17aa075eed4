"""The one date reader: calendar validity, ISO values, published timestamps and years of day-months.

Every place that turns digits into a date goes through here: the zones' timestamp lines, the
published metadata given with an input (and the date in its path), the issue date after a document
reference and the date recognizer. "31/04/2024 08:15" is invalid everywhere; a full date keeps any
four-digit year ("ngày 7/2/1855").
"""

from __future__ import annotations

import calendar
import datetime as dt
from bisect import bisect_left
from collections.abc import Mapping
from typing import TYPE_CHECKING

import regex
from pydantic import Field

from .rulepacks import RulePack, RulePackError, Settings, kept_regex, lexicon_alternation, read_settings

if TYPE_CHECKING:
    from .document import Doc, Line
    from .recognizers.base import Candidate


def days_in(month: int, year: int | None = None) -> int:
    """Days in `month` of `year` (0 for a month out of range); without a year February has 29."""
    if not 1 <= month <= 12:
        return 0
    return calendar.monthrange(year if year is not None else 2024, month)[1]


def is_valid(day: int, month: int, year: int | None = None) -> bool:
    """A calendar day: 31/4 never is, 29/2 only in a leap year (or when the year is unknown)."""
    return 1 <= day <= days_in(month, year)


def iso(
    year: int | None,
    month: int,
    day: int | None = None,
    hh: int | None = None,
    mi: int | None = None,
) -> str | None:
    """ISO 8601 at the grain given ('2024-06-11', '2024-06-11T08:15', '--06-11', '2024-06'); None if invalid."""
    if day is not None and not is_valid(day, month, year):
        return None
    if day is None and not 1 <= month <= 12:
        return None
    y = f"{year:04d}" if year is not None else "-"
    if day is None:
        return f"{y}-{month:02d}"
    value = f"{y}-{month:02d}-{day:02d}"
    if hh is not None and mi is not None:
        if not (0 <= hh < 24 and 0 <= mi < 60):
            return None
        value += f"T{hh:02d}:{mi:02d}"
    return value


def from_groups(groups: Mapping[str, str | None]) -> str | None:
    """ISO date or date-time from a match's named groups d, m, y (and hh, mi, ap for 'PM')."""
    d, m, y = groups.get("d"), groups.get("m"), groups.get("y")
    if not (d and m and y):
        return None
    hh, mi = groups.get("hh"), groups.get("mi")
    hour = int(hh) if hh else None
    if hour is not None and (ap := (groups.get("ap") or "").upper()):
        if not 0 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if ap.startswith("P") or ap == "CH" else 0)
    return iso(int(y), int(m), int(d), hour, int(mi) if mi else None)


_ISO_INPUT = kept_regex(
    r"(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})"
    r"(?:[T ](?P<hh>\d{1,2}):(?P<mi>\d{2})(?::\d{2}(?:\.\d+)?)?)?\s*(?:Z|[+-]\d{2}:?\d{2})?"
)
_DMY_INPUT = kept_regex(
    r"(?:(?:Thứ\s+\w+|Chủ\s+nhật)\s*+,?\s*+)?(?:(?P<hh>\d{1,2}):(?P<mi>\d{2})\s*,?\s*)?"
    r"(?P<d>\d{1,2})[-/.](?P<m>\d{1,2})[-/.](?P<y>\d{4})"
    r"(?:\s*,?\s*(?P<hh2>\d{1,2}):(?P<mi2>\d{2})(?::\d{2})?)?\s*+(?:\(?(?:GMT|UTC)\s*[+-]\d{1,2}(?::?\d{2})?\)?)?",
    regex.IGNORECASE,
)


def normalise_published(value: str) -> str | None:
    """A published value given with an input → ISO date or date-time (minutes); None when unusable.

    Accepts ISO 8601 ('2024-06-11', '2024-06-11T08:15:00+07:00', '2024-06-11 08:15', '20240611') and
    the Vietnamese day-first forms ('11/06/2024', '11/06/2024 08:15', '08:15, 11/06/2024',
    'Thứ Ba, 05/11/2024 16:40 (GMT+7)').
    """
    text = value.strip()
    if m := _ISO_INPUT.fullmatch(text) or _PATH_DATE.fullmatch(text):
        return from_groups(m.groupdict())
    if m := _DMY_INPUT.fullmatch(text):
        g = m.groupdict()
        if g["hh2"]:
            g["hh"], g["mi"] = g["hh2"], g["mi2"]
        return from_groups(g)
    return None


_PATH_DATE = kept_regex(
    r"(?<!\d)(?P<y>(?:19|20)\d{2})(?P<sep>[/_-]?)(?P<m>0[1-9]|1[0-2])(?P=sep)(?P<d>0[1-9]|[12]\d|3[01])(?!\d)"
)


def path_date(source: str) -> str | None:
    """The last date written in an input's path: '.../2024/06/11/slug.txt', '20240611-slug.txt'."""
    found = [from_groups(m.groupdict()) for m in _PATH_DATE.finditer(source.replace("\\", "/"))]
    valid = [f for f in found if f]
    return valid[-1] if valid else None


def iso_value(f: Mapping[str, object]) -> str:
    """ISO 8601 of a date fact's fields at its grain; '--MM-DD' / '--MM' when the year is unknown."""
    year, month, day, grain = f.get("year"), f.get("month"), f.get("day"), f["grain"]
    y = f"{year:04d}" if isinstance(year, int) else "-"
    if grain == "year":
        return y
    if grain == "quarter":
        return f"{y}-Q{f['quarter']}"
    if grain == "month":
        return f"{y}-{month:02d}"
    value = f"{y}-{month:02d}-{day:02d}"
    if grain == "datetime":
        value += f"T{f['hh']:02d}:{f['mi']:02d}"
    return value


def parse_day(value: str | None) -> dt.date | None:
    """The calendar day an ISO date or date-time starts with (None for '--MM-DD' or garbage)."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def nearest_year(ref: dt.date, month: int, day: int) -> int:
    """Of the years around `ref`, the one that puts day/month nearest to it."""

    def distance(year: int) -> int:
        try:
            return abs((dt.date(year, month, day) - ref).days)
        except ValueError:  # 29/2 in a common year
            return abs((dt.date(year, month, 28) - ref).days) + 1

    return min((ref.year, ref.year - 1, ref.year + 1), key=distance)


class DateSettings(Settings):
    """`[settings]` of date.toml: read by the date recognizer and by `YearRules`."""

    min_year: int = Field(description="Years outside [min_year, max_year] are not dates.")
    max_year: int
    year_window_days: int = Field(
        description="Without a published date, a full date at most this many days away in the same "
        "sentence gives a day-month its year (`YearRules`)."
    )
    lunar_year_last_month: int = Field(
        ge=1,
        le=12,
        description="A day-month up to this month takes the year of the lunar year its sentence names "
        "without a number ('trong năm Đinh Dậu hôm 3/2'; `YearRules`).",
    )
    year_plan_last_month: int = Field(
        ge=1,
        le=12,
        description="A month up to this month takes the year of a plan or task its "
        "sentence names after it ('tháng 4 ... thông qua kế hoạch năm 2017'; later in the year a "
        "plan is often the next year's; `YearRules`).",
    )
    year_range_max_span: int = Field(
        description="A year range without a lead word ('trung hạn 2016 – 2020') spans at most this many years."
    )
    year_range_bracket_max_span: int = Field(
        description="A year range alone in brackets (a life '(1904 - 1997)', an anniversary "
        "'(1977-2017)') spans at most this many years."
    )
    event_year_patterns: list[str] = Field(
        description="Patterns whose year may name an edition after an acronym, lunar year's name or "
        "edition word ('APEC 2017'), and so date its sentence's day-months (`YearRules`)."
    )
    # Scores of a bare day-month by its left context.
    score_strong: float = Field(ge=0, le=1, description="After 'ngày' or a strong trigger word.")
    score_paren: float = Field(ge=0, le=1, description="Right after '('.")
    score_weak: float = Field(ge=0, le=1, description="After a weak trigger, or before another day-month.")
    score_bare_day_gt_month: float = Field(ge=0, le=1, description="No context, day > month ('26/1').")
    score_bare: float = Field(ge=0, le=1, description="No context.")


# A sentence with more dates than this fixes no day-month's year beyond doubt.
_MAX_SENTENCE_DATES = 40
# An event's name ends with its edition year at most this many characters after the name's first word.
_MAX_EVENT_NAME = 60
# A year names the event of a day-month at most this many characters after it.
_MAX_EVENT_GAP = 160


class YearRules:
    """How a day-month without a year gets one (settings and cue words of the `date` rule pack).

    With a published date: the year that puts the date nearest it. Without: only a year the text
    fixes beyond doubt, else none ('--MM-DD', `year_inferred` false):
    - the start of a range takes the year of its end ("từ 1/7 đến 31/12/2024", "từ tháng 3 đến
      hết 31-12-2016");
    - a month or quarter joined to a whole year takes it ("quý IV và cả năm 2016", `year_joined_whole`);
    - one followed by "cùng năm" (`year_same_words`) takes the year of the paragraph's last date
      written with its year before it; a month or quarter in apposition to a full date inside it
      takes that date's year ("31/3/2016 (quý I)", "quý IV (từ ngày 1/10/2016 ...)");
    - else the full dates and months-with-year of the same sentence at most `year_window_days`
      away, and the years it states before the day-month ("Awards 2017 diễn ra ngày 21/5") or after
      it past an event verb ("sáng 20/5, ... tổ chức Lễ trao giải ... năm 2017"; none older
      than the article's latest full date or month), all giving the same year (full
      dates and months older than the article's latest are skipped); a history or anniversary
      mention, a document's issue date or a deadline ("đến ngày 30/6/2021") before a full date
      makes it abstain, and a year after a cue of `year_not_reference_cues` ("từ năm 2015", "SN
      1982") or any of those is no reference; every other year the sentence states must be that
      year too; without those, the sentence's one year, before or after the day-month, when it
      follows an acronym, a lunar year's name, an edition word or a word of `event_year_words`
      ("ngày 18/5, trong khuôn khổ APEC 2017", "Ủy ban APEC 2017 chọn ... từ 19-21/10");
      with no year stated in the sentence, a lunar year it names without a number after a word of
      `lunar_year_leads` ("trong năm Đinh Dậu hôm 3/2", "chiều 5-2 (nhằm mồng 9 Tết Đinh Dậu)");
    - else the same day-month dated so in the same paragraph (line): "G20 năm 2017 diễn ra trong
      hai ngày 7 và 8/7" dates "ở Hamburg ngày 7/7" of its paragraph;
    - else, for a day-month, month or quarter, the paragraph's one year: the line writes one year (in its
      dates and any other 19xx/20xx), once or more ("Sáng 6-2 ... trong tháng 1-2017"; written once,
      not with a history cue after it in its sentence: "Tháng 3/2018, đội được thành lập"), not older than the article's latest full date
      or month, never after a cue above, a `year_period_cues` word ("kế hoạch năm 2018") or a
      `year_not_reference_cues` word ("từ tháng 4/2014", "hồi tháng 5/2016"); a full date or a
      month or quarter of that year dates the line's events, unless it stands in a sentence opening
      with a `year_backstory_openers` word or the next ("Trước đó, ...": an earlier step's year; a
      bare year is often a past period, "trong năm 2016", unless called the present: "năm 2017
      này", or an edition: "kỳ thi THPT quốc gia 2017"); the day-month is not before any of those dates ("Ngày 8/7" beside "Tháng 10/2016" is
      not 2016) unless said ahead ("ngày 30/6 tới", `year_future_words`), and no history cue is
      before it: the timeline of a 2017 campaign
      ("tháng 2-2017 ... Ngày 28-2, ... Ngày 11-3");
    - else, for a day-month outside the headline and a lead naming no year, the article's one year
      when it names the reported event ("VĐQG 2017", "Năm du lịch Yên Bái 2017", "Hội nghị ... 2017"),
      later targets aside ("hướng tới năm 2020");
    - a quarter outside the headline, the year the lead gives the same quarter when it writes that
      year only: the quarter a report is about ("Quý I/2017, ..." then "trong quý I");
    - draw-41 (docs/facts/dates.md): a fronted "năm 2016," frames its clause; a month takes the year of a
      plan named after it; a day-month below the lead inside a range the lead dates takes its year, and one
      of the lead opening or closing a range written with its year below (draw-46); one of
      a sentence writing no year, the year of its month named in the sentence before; a prize's or an
      index's year and an edition year across a heading break date nothing.
    """

    def __init__(self, pack: RulePack) -> None:
        settings = read_settings(DateSettings, pack)
        self.window = settings.year_window_days
        self.lunar_last_month = settings.lunar_year_last_month
        self.plan_last_month = settings.year_plan_last_month
        lunar: list[dict[str, int]] = []
        for lexicon, table in (
            ("lunar_stems", "lunar_stem_numbers"),
            ("lunar_branches", "lunar_branch_numbers"),
        ):
            lunar.append({k: int(v) for k, v in pack.table(table).items()})
            if missing := set(pack.lexicon(lexicon)) - lunar[-1].keys():
                raise RulePackError(f"{pack.path}: [tables] {table}: no number for {sorted(missing)}")
        self.lunar_stems, self.lunar_branches = lunar
        # a lunar year named without its number ("năm Đinh Dậu", "Tết Bính Thân"; not "Đinh Dậu 2017")
        self.lunar_name = pack.compile(
            r"(?<!\p{L})(?i:{lunar_year_leads})[ ]++(?P<s>{lunar_stems})[ ]++(?P<b>{lunar_branches})"
            r"(?![\p{L}\p{N}])(?![ ]*+[(,-]?[ ]*+\d)",
            True,
        )
        self.event_years = frozenset(settings.event_year_patterns)
        if unknown := self.event_years - {p.name for p in pack.patterns}:
            raise RulePackError(f"{pack.path}: [settings] event_year_patterns: no pattern {sorted(unknown)}")
        # (not the "sinh" of a compound: "tuyển sinh ngày 15/7/2017" is no birth date)
        not_birth = r"(?<!(?<!\p{L})(?:{year_birth_compounds})(?:[ ]++ngày)?)"
        cues = (
            r"(?:{year_history_cues})"
            + not_birth
            + r"[^.;]{0,60}+$|(?<!\p{L})(?:{year_point_cues})[ ]*+(?:ngày[ ]*+)?$"
        )
        self.history = pack.compile(cues + r"|\(\s*+$", False)
        self.history_words = pack.compile(cues, False)  # without the bracket: "Tết ... (ngày 3-2)"
        # (a number may stand between: "kết luận số 270 ngày 13/2/2017")
        self.issued = pack.compile(
            r"(?:(?<!\p{L}){year_issue_cues}(?:[ ]++\d++)?|[\p{L}\p{N}]*+/\p{Lu}[\w/.-]*+)[\s,]*+(?:ngày[ ]++)?$",
            False,
        )
        self.deadline = pack.compile(r"(?<!\p{L})(?:{year_deadline_cues})\s*+(?:ngày\s*+)?$", False)
        self.joined = pack.compile(r"[ ]?+(?:-|đến|tới|hoặc)[ ]?+(?:hết[ ]++)?(?:ngày[ ]++)?", True)
        self.event_link = pack.compile(
            r"[^,;:()\n]*?(?<!\p{L})(?:{year_event_verbs})(?!\p{L})[^,;:()\n]*+\(?+|[ ]*+\(", False
        )
        # (a dot inside a word, "TP.Hà Nội", ends no sentence)
        self.event_held = pack.compile(
            r"(?:[^.;!?\n]|\.(?=\S))*?(?<!\p{L})(?:{year_event_verbs})(?!\p{L})(?:[^.;!?\n]|\.(?=\S))*+",
            False,
        )
        # an event verb right after the comma that follows an edition year ("Vietnam Mobile Day 2017,
        # khai mạc sáng 20-5")
        self.verb_next = pack.compile(
            r"[ ]*+(?:(?:{event_agent_words})[ ]++[^,;:()\n]{1,60}?[ ]++)?"
            r"(?:(?:{event_verb_aux})[ ]++){0,2}(?:{year_event_verbs})(?!\p{L})",
            False,
        )
        self.whole_year = pack.compile(r"[ ]++(?:{year_joined_whole})[ ]++", False)
        self.relative = pack.compile(r"[ ]*+(?:{year_relative_words})(?!\p{L})", False)
        # the present year ("quý I năm nay"): the year of the quarter the lead reports
        self.this_year = pack.compile(r"[ ]*+(?:{year_this_words})(?!\p{L})", False)
        self.present = pack.compile(r"[ ]++(?:{year_present_words})(?!\p{L})", False)
        # (not "cùng năm ngoái": a word and a relative year)
        self.same_year = pack.compile(
            r"[ ]*+(?!\p{L}++[ ]++(?:{year_relative_words})(?!\p{L}))(?:{year_same_words})(?!\p{L})", False
        )
        self.apposed = pack.compile(r"[ ]*+\([ ]*+(?:từ[ ]++)?", False)
        self.future = pack.compile(
            r"[ ]++(?:{year_future_words})(?!\p{L})(?![ ]*+(?:(?:ngày|tháng|hết|tận)(?!\p{L})|\d))", False
        )
        self.since = pack.compile(r"[ ]++(?:{year_since_words})(?!\p{L})", False)
        self.not_reference = pack.compile(
            r"(?r)(?<!\p{L})(?:{year_not_reference_cues}|{year_deadline_cues})"
            + not_birth
            + r"[\s(]*+(?:năm[ ]*+)?$",
            False,
        )
        self.history_after = pack.compile(
            r"[^.;!?\n]{0,80}?(?<!\p{L})(?:{year_history_cues})(?!\p{L})", False
        )
        self.event_name = pack.compile(
            r"(?r)(?<![\p{L}\p{N}])(?:(?!(?-i:{treaty_acronyms})\s)\p{Lu}{2,}+|(?:{lunar_stems})\s++(?:{lunar_branches})|{edition_words}|"
            r"(?i:{event_year_words}))\s++$",
            True,
        )
        # ... or the name of an event before it, "năm 2017" included ("Lễ hội chọi trâu Đồ Sơn năm 2017"),
        # or by an edition's ordinal ending it ("Hội nghị Thủ tướng với doanh nghiệp lần thứ hai năm 2017",
        # "Liên hoan ... lần thứ VIII, năm 2017")
        self.event_head = pack.compile(
            r"(?r)(?<![\p{L}\p{N}])(?:{event_name_heads})(?:(?:[ ]++[\p{L}\p{N}&'’-]++){0,6}"
            r"|(?:[ ]++[\p{L}\p{N}&'’-]++){0,8}[ ]++(?:{edition_ordinals})[ ]++[\p{L}\p{N}]++,?+(?:[ ]++năm)?)[ ]++$",
            False,
        )
        self.event_day = pack.word_before("event_day_nouns", r"\s+")
        self.backstory = pack.compile(r"(?<!\p{L})(?:{year_backstory_openers})(?!\p{L})", True)
        # a figure's cut-off date in brackets ("(tính đến ngày 31/12/2016)") dates no event of its line
        self.cutoff = pack.compile(
            r"(?r)\([^()\n]{0,30}?(?<!\p{L})(?:{year_cutoff_words})(?!\p{L})[^()\n]{0,20}?$", False
        )
        self.plan = pack.compile(r"(?r)(?<!\p{L})(?:{year_plan_cues})(?!\p{L})[^.;,:()\n]{0,40}$", False)
        self.covered = pack.compile(
            r"(?r)(?<!\p{L})(?:{year_covered_heads})(?!\p{L})[^.,;:()\n]{0,60}$", False
        )
        # a target ahead ("hướng tới năm 2020", "đến 2025"): no year of the article's events
        self.target = pack.compile(r"(?r)(?<!\p{L})(?:{year_deadline_cues})[ ]++(?:năm[ ]++)?$", False)
        self.period_word = pack.compile(r"(?<!\p{L})(?:{year_period_cues})(?!\p{L})", False)
        # a period reviewed, not a plan being carried out ("tổng kết", "kết quả"; not "kế hoạch", `year_plan_cues`)
        plans = {w.lower() for w in pack.lexicon("year_plan_cues")}
        reviews = [w for w in pack.lexicon("year_period_cues") if w.lower() not in plans]
        self.review_word = pack.compile(r"(?<!\p{L})" + lexicon_alternation(reviews) + r"(?!\p{L})", False)
        self.period = pack.compile(r"(?r)(?<!\p{L})(?:{year_period_cues})(?!\p{L})[^.;,:()\n]{0,40}$", False)

    def apply(self, doc: Doc, candidates: list[Candidate]) -> None:
        """Fill `year`/`year_inferred` of the date candidates without a year; set every ISO `value`."""
        every = sorted((c for c in candidates if c.kind == "date"), key=lambda c: c.start)
        named: list[Candidate] = []  # event days: "vụ khủng bố 11/9", "dịp 30-4 và 2-9" (the list's days too)
        for c in every:
            if self._event_day(doc.text, c) or (
                named
                and _LIST_JOIN.fullmatch(doc.text, named[-1].end, c.start)
                and c.fields.get("year") is None
                and c.fields["grain"] == "day"
            ):
                named.append(c)
        excluded = {id(n) for n in named}
        dates = [c for c in every if id(c) not in excluded]
        by_sentence: dict[int, list[Candidate]] = {}
        for d in dates:
            by_sentence.setdefault(doc.sentence_at(d.start), []).append(d)
        ref = parse_day(doc.published)
        breaks = [m.start() for m in _HEADING_BREAK.finditer(doc.text)]
        latest = max((int(c.fields["year"]) for c in dates if _full(c) or _month_year(c)), default=None)
        left: list[Candidate] = []
        for i, c in enumerate(dates):
            f = c.fields
            f["year_inferred"] = False
            if f.get("year") is None and f["grain"] in ("day", "month", "quarter"):
                month = f.get("month") or 3 * int(f.get("quarter", 1))
                day = f.get("day") or 15
                year = (
                    nearest_year(ref, month, day)
                    if ref is not None
                    else self._from_text(doc, dates, i, by_sentence, (month, day), latest, breaks)
                )
                if year is not None:
                    f["year"], f["year_inferred"] = year, True
                elif f["grain"] == "day":
                    left.append(c)
        if left:
            _from_paragraph(doc.text, left, dates)
            self._same_day(doc, left, dates, latest)
        self._paragraph_year(doc, dates, latest)
        self._lead_day(doc, dates)
        self._within_range(doc, dates)
        self._article_year(doc, dates, latest)
        self._headline_edition(doc, dates)
        self._lead_quarter(doc, dates)
        for c in every:
            c.fields.setdefault("year_inferred", False)
            c.fields["value"] = iso_value(c.fields)

    def _event_day(self, text: str, c: Candidate) -> bool:
        """A yearless day-month naming an event ("vụ khủng bố 11/9", a holiday "dịp 30-4"): it takes no year."""
        f = c.fields
        return (
            f.get("year") is None
            and f["grain"] == "day"
            and self.event_day.search(text, max(0, c.start - 30), c.start) is not None
        )

    def _from_text(
        self,
        doc: Doc,
        dates: list[Candidate],
        i: int,
        by_sentence: dict[int, list[Candidate]],
        md: tuple[int, int],
        latest: int | None,
        breaks: list[int],
    ) -> int | None:
        """The year rules 1 and 2 give `dates[i]` (`breaks`: where the text's heading breaks start)."""
        c, text = dates[i], doc.text
        if c.fields.get("range") == "start" and i + 1 < len(dates):
            end = dates[i + 1]  # a range's end is the date right after its start
            f = end.fields
            if f.get("range") == "end" and isinstance(f.get("year"), int) and f.get("month"):
                return _year_up_to(end, md)
        if c.fields.get("range") == "end" and i > 0 and (year := _year_from(dates[i - 1], md)) is not None:
            return year  # "từ đầu năm 2017 đến 8.5", "từ 20/12/2016 đến 5/1"
        if self.same_year.match(text, c.end, c.end + _SAME_YEAR_REACH):
            return _last_year(text, dates, i)
        neighbours = by_sentence[doc.sentence_at(c.start)]
        if (year := self._apposed_year(text, c, neighbours)) is not None:
            return year
        # "năm nay" is one of the relative years: read within the relative year's match (a pattern of one
        # literal alternative, unbounded, would make `regex` search the rest of the text for it)
        relative = self.relative.match(text, c.end)
        this_year = relative is not None and self.this_year.match(text, c.end, relative.end()) is not None
        if relative is not None and not this_year:
            return None  # "tháng Chín năm trước": a year before the text's, whichever it is
        if len(neighbours) > _MAX_SENTENCE_DATES:
            return None  # a list of dates, not a sentence that fixes one year (and linear on hostile text)
        years: set[int] = set()
        stated: set[int] = set()
        named: set[int] = set()  # edition years: "ngày 18/5, trong khuôn khổ APEC 2017"
        linked: set[int] = set()  # bare years naming the day's event ("Awards 2017 diễn ra ngày 21/5")
        for d in neighbours:
            f = d.fields
            if d is c or not isinstance(f.get("year"), int) or f.get("year_inferred"):
                continue
            y = int(f["year"])
            before = _before(text, d, 0)
            if (
                f["grain"] == "year"
                and c.fields["grain"] != "day"
                and self.whole_year.fullmatch(text, c.end, d.start)
            ):
                return y  # "quý IV và cả năm 2016": the quarter (month) of the year named with it
            if f["grain"] == "year" and self._frames(doc, d, c, before):
                return y  # "Với hãng X, năm 2016, hãng đến cuối tháng 6 mới họp"
            if f["grain"] == "year" and f.get("range") is not None:
                continue  # "25 năm thành lập (1992 - 2017)", "năm học 2016 - 2017": a span of years dates nothing
            if f["grain"] == "year" and self._covered(text, d):
                continue  # "Giải thưởng WIPO 2016 ... trao tối 16/5": the year judged, not the day's
            if f["grain"] == "year":  # a reference only when it names the day-month's event
                if (latest is None or y >= latest) and (
                    self._event_year(doc, d, c, before)
                    if d.end <= c.start
                    else self._event_held(text, c, d, before) or self._plan_year(text, c, d, md, before)
                ):
                    years.add(y)
                    linked.add(y)
                else:
                    stated.add(y)
                    lo, hi = min(c.end, d.end), max(c.start, d.start)
                    if self._names_event(text, d, latest) and bisect_left(breaks, lo) == bisect_left(
                        breaks, hi - 1
                    ):
                        named.add(y)
                continue
            if d.start > c.end and (
                self.joined.fullmatch(text, c.end, d.start)
                or (text[c.end : d.start] == ", " and f["grain"] == c.fields["grain"])
            ):
                return _year_up_to(d, md)  # "từ tháng 3 đến hết 31-12-2016", "cuối tháng 6, đầu tháng 7/2016"
            if latest is not None and y < latest and before.rstrip().endswith("("):
                continue  # an earlier step in an aside: "Sáng 6/2, ... tháng 1/2017, ... (cuối tháng 12/2016)"
            if (side := _anniversary(neighbours, d, md)) == "start":
                continue  # the day remembered: "Kỷ niệm ... ngày sinh (19/5/1890 - 19/5/2017), tối 19/5"
            if side is None and self._cued(before, deadline=not _ends_one_year_range(neighbours, d)):
                return None
            if f["grain"] == c.fields["grain"] == "quarter" and int(c.fields["quarter"]) <= int(f["quarter"]):
                years.add(y)  # an earlier quarter of the year reported: "quý IV/2016, ... (quý II lỗ ...)"
                continue
            if latest is not None and y < latest:
                continue
            month = int(f.get("month") or 3 * int(f["quarter"]) - 1)
            stated_day = dt.date(y, month, int(f.get("day") or 15))
            year = nearest_year(stated_day, *md)
            if abs((_day_of(year, md) - stated_day).days) > self.window:
                return None
            years.add(year)
        if this_year:
            # "năm nay": only the year of the event named with it ("APEC 2017 ... tháng 11 năm nay")
            return linked.pop() if len(linked) == 1 and years == linked and stated <= linked else None
        if not years and len(stated) == 1 and stated == named:
            return named.pop()
        if not years and not stated:
            lunar = self._lunar_year(doc, c, md[0])
            return lunar if lunar is not None else self._sentence_before(doc, c, md, by_sentence, latest)
        if len(years) != 1 or not stated <= years:
            return None
        return years.pop()

    def _sentence_before(
        self,
        doc: Doc,
        c: Candidate,
        md: tuple[int, int],
        by_sentence: dict[int, list[Candidate]],
        latest: int | None,
    ) -> int | None:
        """For day-month `c` in a sentence writing no year: the one year of the sentence before it in its
        line when that sentence names c's month with it, after no cue ("hồi tháng 5/2018" is an earlier
        step) and not older than the article's latest ("cuối tháng 1/2017 ... Nguồn tin nói ... vào hai ngày 30 và 31/1"). Not a full date there:
        that is mostly an earlier step ("ngày 21-1-2017, công ty ra thông báo ... Đỉnh điểm, sáng 6-2")."""
        text, k = doc.text, doc.sentence_at(c.start)
        if k == 0 or c.fields["grain"] != "day":
            return None
        lo, hi = doc.sentence_bounds(k)
        plo, phi = doc.sentence_bounds(k - 1)
        if _YEAR_WORD.search(text, lo, hi) or text.rfind("\n", plo, lo) >= 0:
            return None
        written = {int(y) for y in _YEAR_WORD.findall(text, plo, phi)}
        months = [
            d
            for d in by_sentence.get(k - 1, [])
            if _month_year(d) and not d.fields.get("year_inferred") and int(d.fields["month"]) == md[0]
        ]
        if (
            len(written) != 1
            or not months
            or any(self._cued(before := _before(text, d, 0)) or self._earlier(before) for d in months)
            or (latest is not None and min(written) < latest)
            or self.history.search(text, max(lo, c.start - 80), c.start)
        ):
            return None
        return written.pop()

    def _earlier(self, before: str) -> bool:
        """A `year_not_reference_cues` word ends `before`, other than the plain "vào" ("in"): "hồi tháng
        5/2018", "từ tháng 3/2017" tell an earlier step or a start; "vào cuối tháng 1/2017" does not."""
        m = self.not_reference.search(before)
        return m is not None and not m.group().lower().startswith("vào")

    def _apposed_year(self, text: str, c: Candidate, neighbours: list[Candidate]) -> int | None:
        """The year of a full date in apposition to month or quarter `c` and inside it: "31/3/2016 (quý
        I)", "quý IV (từ ngày 1/10/2016 ...)" (whatever other years, cues or later dates the sentence has)."""
        f = c.fields
        if f["grain"] == "day":
            return None
        for d in neighbours:
            g = d.fields
            if not _full(d) or g.get("year_inferred") or g["month"] not in _months_of(f):
                continue
            if (d.end <= c.start and self.apposed.fullmatch(text, d.end, c.start)) or (
                c.end <= d.start and self.apposed.fullmatch(text, c.end, d.start)
            ):
                return int(g["year"])
        return None

    def _lunar_year(self, doc: Doc, c: Candidate, month: int) -> int | None:
        """The Gregorian year in which the one lunar year named without its number in c's sentence
        opens ("trong năm Đinh Dậu hôm 3/2" → 2017): the last such year up to the year after the latest
        year the article writes ("Tết Mậu Thân" of a 2017 article is 1968). None for a month after
        `lunar_year_last_month`, without such a name or two of them, or when the article writes no year."""
        if c.fields["grain"] != "day" or month > self.lunar_last_month:
            return None
        text = doc.text
        lo, hi = doc.sentence_bounds(doc.sentence_at(c.start))
        cycle = {
            n
            for m in self.lunar_name.finditer(text, lo, hi)
            for n in range(60)
            if n % 10 == self.lunar_stems[m["s"]] and n % 12 == self.lunar_branches[m["b"]]
        }
        written = [int(y) for y in _YEAR_WORD.findall(text)] if len(cycle) == 1 else []
        if not written:
            return None
        after = max(written) + 1
        return after - (after - 4 - cycle.pop()) % 60

    def _names_event(self, text: str, year: Candidate, latest: int | None) -> bool:
        """`year` names an event of the article's time after an acronym, a lunar year's name or an
        edition word ("APEC 2017", "Đinh Dậu 2017", "Expo 2017", "mùa giải 2017"), or ends an event's
        name ("Lễ hội chọi trâu Đồ Sơn năm 2017", "Năm du lịch Yên Bái 2017"): the sentence's one year
        dates its day-months, before or after it, unless older than the article's latest or cued."""
        lo = max(0, year.start - _MAX_EVENT_NAME)
        return (
            (
                (year.rule in self.event_years and self.event_name.search(text, lo, year.start) is not None)
                or self._ends_event_name(text, lo, year)
            )
            and (latest is None or int(year.fields["year"]) >= latest)
            and not self.not_reference.search(text, max(0, year.start - 60), year.end - 4)
            and not self._cued(text[max(0, year.start - 80) : year.start])
            and not self._covered(text, year)
        )

    def _covered(self, text: str, year: Candidate) -> bool:
        """`year` ends the name of a prize or an index (`year_covered_heads`, at most 60 characters before it
        with no comma, bracket or stop between: "Giải thưởng WIPO 2016", "(PAR INDEX 2016)"): the year judged or
        measured, announced later, so no day-month's year."""
        return self.covered.search(text, max(0, year.start - 60), year.start) is not None

    def _plan_year(self, text: str, c: Candidate, year: Candidate, md: tuple[int, int], before: str) -> bool:
        """`year`, after month `c` in its sentence, is the year of a plan or task being reported, right
        after a word of `year_plan_cues` ("cao điểm là tháng 4 khi ... thông qua kế hoạch hành động năm
        2017"): the year of the month, up to `year_plan_last_month` (a plan of December is often the next
        year's), a meeting's day too ("Ngày 8/2, ... triển khai nhiệm vụ năm 2017", the ruling of
        2026-12-01 as the gold of draws 9, 28 and 2026 has it). Not after a cue."""
        return not (
            md[0] > self.plan_last_month
            or year.start - c.end > _MAX_EVENT_GAP
            or year.fields.get("range") is not None
            or year.fields.get("modifier") is not None
            or self.plan.search(text, max(c.end, year.start - 60), year.start) is None
            or self.history_after.search(text, c.end, year.start)
            or self._cued(before)
        )

    def _frames(self, doc: Doc, year: Candidate, c: Candidate, before: str) -> bool:
        """`year` ("năm 2016", no modifier) opens its sentence or follows a comma, a comma after it opens
        the clause holding `c`: the time frame of that clause ("Với hãng X, năm 2016, hãng đến cuối tháng 6
        mới họp"; whatever the article's latest year). Not after a cue ("Từ năm 2016, ...")."""
        text, f = doc.text, year.fields
        if f.get("modifier") is not None or f.get("range") is not None or c.start < year.end:
            return False
        head = text[doc.sentence_starts[doc.sentence_at(year.start)] : year.start].rstrip()
        return (
            text[year.start : year.start + 3].lower() == "năm"
            and (not head or head.endswith(","))
            and _FRAMED.fullmatch(text, year.end, c.start) is not None
            and not self.not_reference.search(text, max(0, year.start - 60), year.end - 4)
            and not self._cued(before)
        )

    def _event_held(self, text: str, c: Candidate, year: Candidate, before: str) -> bool:
        """`year` names the event held on `c` before it in its sentence, after an event verb: "sáng
        20/5, ... Bộ tổ chức Lễ trao tặng Giải thưởng ... năm 2017", "sáng 30/6, ... đã tổ chức ĐHĐCĐ
        thường niên 2017"; not a planned or reviewed period anywhere between ("tổ chức ... đánh giá kết
        quả ..., năm 2016"), a span's end ("nhiệm kỳ 2014-2019", "kỷ niệm 30 năm ... (1987 – 2017)")
        nor a year after a cue."""
        return not (
            year.start - c.end > _MAX_EVENT_GAP
            or year.fields.get("range") is not None
            or not self.event_held.fullmatch(text, c.end, year.start)
            or self.history_after.search(text, c.end, year.start)
            or self.review_word.search(text, c.end, year.start)
            or self.not_reference.search(text, max(0, year.start - 60), year.end - 4)
            or self._cued(before)
        )

    def _ends_event_name(self, text: str, lo: int, year: Candidate) -> bool:
        """`year` (no modifier) ends an event's name opened by a word of `event_name_heads` at most six
        words before it; not a reviewed period ("Hội nghị tổng kết năm 2016") nor an event after a cue
        ("Sau hội nghị lần một năm 2018": another edition)."""
        if year.fields.get("modifier") is not None:
            return False
        head = self.event_head.search(text, lo, year.start)
        return not (
            head is None
            or self.period.search(text, lo, year.start)
            or self.not_reference.search(text, max(0, head.start() - 60), head.start())
        )

    def _event_year(self, doc: Doc, year: Candidate, c: Candidate, before: str) -> bool:
        """`year` names the event dated by `c` after it in its clause: "Awards 2017 diễn ra ngày 21/5",
        "League 2017 (2/6)", "Năm 2017, lễ hội diễn ra từ ngày 7 đến 9/2" (a comma only after a year
        that opens the sentence), or right before it ("giao ban đầu năm 2017 sáng 7/2")."""
        text, link = doc.text, year.end
        if text.startswith(",", link) and (
            not text[doc.sentence_starts[doc.sentence_at(year.start)] : year.start].strip(" -")
            or self.verb_next.match(text, link + 1)
        ):
            link += 1
        if _DAY_NEXT.fullmatch(text, year.end, c.start) and c.fields["grain"] == "day":
            # the day right after the year of a meeting's name: "giao ban báo chí đầu năm 2017 sáng 7/2"
            # (not a period reviewed: "báo cáo tài chính năm 2016 ngày 30/3")
            link = c.start
            if self.period.search(text, max(0, year.start - 60), year.start):
                return False
        if c.start - link > _MAX_EVENT_GAP or not (
            link == c.start or self.event_link.fullmatch(text, link, c.start)
        ):
            return False
        return not (
            self._cued(before) or self.not_reference.search(text, max(0, year.start - 60), year.end - 4)
        )

    def _same_day(self, doc: Doc, left: list[Candidate], dates: list[Candidate], latest: int | None) -> None:
        """A day-month still without a year takes the year written before it for the same day-month in
        its line or in the lead ("từ ngày 11.2.2017" in the lead, "kể từ ngày 11.2 sắp tới" below; "sáng
        11/5/2017, ... Ngày 11/5, tại Hà Nội": once written, the year is dropped): one year for that
        day-month, not older than the article's latest full date or month, the full date after no history
        or issue cue (a deadline's day is that day too: "đến hết ngày 31/12/2016 ... vào ngày 31/12 vừa qua"); the day-month after no history cue, not before "năm nay" nor
        a word of `year_since_words` ("hôm 8/11 tới nay": an earlier step). A full day written after it in
        its own line dates it too ("phiên ngày 3/2 ... lũy kế đến ngày 3/2/2017", draw-44), not a
        timestamp nor for a day said ahead ("ngày 22.5 tới đây ... cuộc bầu cử ngày 22.5.2016"). A
        day-month before the full date in another line ("tối 10/6" in the lead, "20h tối 10/6/2017"
        below) or after one in the headline keeps no year."""
        text, lead = doc.text, _lead(doc)
        index = {id(d): k for k, d in enumerate(dates)}
        written: dict[tuple[int, tuple[int, int]], set[int]] = {}  # (line start, (month, day)) → years
        firsts: dict[tuple[int, tuple[int, int]], int] = {}
        days: set[tuple[int, tuple[int, int]]] = set()  # written as a day of its own line (not a timestamp)
        for d in dates:
            f = d.fields
            if (
                _full(d)
                and not f.get("year_inferred")
                and not self._cued(_before(text, d, 0), deadline=False)
            ):
                key = (text.rfind("\n", 0, d.start) + 1, (int(f["month"]), int(f["day"])))
                written.setdefault(key, set()).add(int(f["year"]))
                firsts.setdefault(key, d.start)
                if f["grain"] == "day":
                    days.add(key)
        for c in left:
            f = c.fields
            md = (int(f["month"]), int(f["day"]))
            years: set[int] = set()
            own = text.rfind("\n", 0, c.start) + 1
            lines = {own} | ({lead.start} if lead is not None else set())
            for line in lines:
                if firsts.get((line, md), len(text)) < c.start or (
                    line == own and (own, md) in days and not self.future.match(text, c.end)
                ):
                    years |= written[(line, md)]
            if (
                f.get("year") is None
                and len(years) == 1
                and (latest is None or min(years) >= latest)
                and not self.relative.match(text, c.end)
                and not self.since.match(text, c.end)
                and not self.history.search(text, max(0, c.start - 80), c.start)
            ):
                f["year"], f["year_inferred"] = min(years), True
                _start_of(dates, index[id(c)])

    def _paragraph_year(self, doc: Doc, dates: list[Candidate], latest: int | None) -> None:
        """Yearless day-months and quarters take the one year their paragraph (line) names, when it
        names one beyond doubt (the class docstring's last rule)."""
        text = doc.text
        starts = [d.start for d in dates]
        seen: set[int] = set()
        found: tuple[int, tuple[int, int]] | None = None
        for c in dates:  # in text order: the candidates of a line follow each other
            f = c.fields
            if f.get("year") is not None or f["grain"] not in ("day", "month", "quarter"):
                continue
            lo = text.rfind("\n", 0, c.start) + 1
            if lo not in seen:
                seen.add(lo)
                hi = text.find("\n", c.start)
                hi = hi if hi >= 0 else len(text)
                found = self._line_year(doc, lo, hi, dates[bisect_left(starts, lo) : bisect_left(starts, hi)])
                if found is not None and latest is not None and found[0] < latest:
                    found = None
            md = (int(f.get("month") or 3 * int(f["quarter"])), int(f.get("day") or 31))
            if (
                found is not None
                and (md >= found[1] or self._ahead(text, c, md, found))
                and not (
                    self.relative.match(text, c.end)
                    or self.history.search(text, max(0, c.start - 80), c.start)
                )
            ):
                f["year"], f["year_inferred"] = found[0], True

    def _lead_day(self, doc: Doc, dates: list[Candidate]) -> None:
        """A day-month below the lead still without a year takes the year inferred for the same day-month
        in the lead, one year for it: the lead's event told again ("lễ hội ... 2017 kéo dài từ ngày 29/4
        đến 24/6" in the lead, "(từ ngày 29/4 đến 24/6)" below); not before "năm nay" nor a word of
        `year_since_words`, nor after a history cue."""
        lead = _lead(doc)
        if lead is None:
            return
        text = doc.text
        years: dict[tuple[int, int], set[int]] = {}
        for d in dates:
            f = d.fields
            if lead.start <= d.start < lead.end and f["grain"] == "day" and f.get("year_inferred"):
                years.setdefault((int(f["month"]), int(f["day"])), set()).add(int(f["year"]))
        if not years:
            return
        for k, c in enumerate(dates):
            f = c.fields
            if c.start < lead.end or f.get("year") is not None or f["grain"] != "day":
                continue
            got = years.get((int(f["month"]), int(f["day"])), set())
            if len(got) == 1 and not self._out_of_period(text, c):
                f["year"], f["year_inferred"] = next(iter(got)), True
                _start_of(dates, k)

    def _within_range(self, doc: Doc, dates: list[Candidate]) -> None:
        """A day-month still without a year takes the year of a range of days whose end writes its year and
        which spans at most `_RANGE_DAYS`: below the lead, inside a range of the lead, a day of the period
        the story reports ("cuộc thi ... từ ngày 1-6 đến 30-10-2017" in the lead, "vòng bán kết ... vào ngày
        7-10" below); in the lead, the first or last day of a range below, the event the lead reports told
        with its span ("Chiều 11/5, ... Hội nghị ..." over "Hội nghị ... trong hai ngày từ 11-12/5/2017").
        One year from all such ranges, not before "năm nay" or a word of `year_since_words`, not after a
        history cue."""
        text, lead = doc.text, _lead(doc)
        if lead is None:
            return
        spans: list[tuple[dt.date, dt.date, bool]] = []  # (first day, last day, in the lead)
        for k in range(1, len(dates)):
            a, b = dates[k - 1].fields, dates[k].fields
            if (
                a.get("range") == "start"
                and b.get("range") == "end"
                and a["grain"] == b["grain"] == "day"
                and isinstance(a.get("year"), int)
                and isinstance(b.get("year"), int)
                and not b.get("year_inferred")
                and dates[k].start >= lead.start
            ):
                first = _day_of(int(a["year"]), (int(a["month"]), int(a["day"])))
                last = _day_of(int(b["year"]), (int(b["month"]), int(b["day"])))
                if 0 < (last - first).days <= _RANGE_DAYS:
                    spans.append((first, last, dates[k].start < lead.end))
        if not spans or len(spans) > _MAX_SENTENCE_DATES:
            return  # (a text listing more ranges is a schedule, and the loop below stays linear)
        for c in dates:
            f = c.fields
            if (
                f.get("year") is not None
                or f["grain"] != "day"
                or f.get("range") is not None
                or c.start < lead.start
            ):
                continue
            md, in_lead = (int(f["month"]), int(f["day"])), c.start < lead.end
            years = {
                y
                for first, last, ranged in spans
                for y in {first.year, last.year}
                if (first < _day_of(y, md) < last if ranged else _day_of(y, md) in (first, last))
                and ranged != in_lead
            }
            if len(years) == 1 and not self._out_of_period(text, c):
                f["year"], f["year_inferred"] = years.pop(), True

    def _out_of_period(self, text: str, c: Candidate) -> bool:
        """Day-month `c` is told as an earlier step of the story, not as a day of the lead's period: "năm
        nay" or a word of `year_since_words` right after it, a history cue before it."""
        return bool(
            self.relative.match(text, c.end, c.end + _SAME_YEAR_REACH)
            or self.since.match(text, c.end, c.end + _SAME_YEAR_REACH)
            or self.history.search(text, max(0, c.start - 80), c.start)
        )

    def _ahead(
        self, text: str, c: Candidate, md: tuple[int, int], found: tuple[int, tuple[int, int]]
    ) -> bool:
        """`c`, before the paragraph's latest date, is said ahead of the text's time ("ngày 30/6 tới",
        `year_future_words`) and at most `year_window_days` before that date: between now and it."""
        year, latest = found
        return (
            self.future.match(text, c.end) is not None
            and (_day_of(year, latest) - _day_of(year, md)).days <= self.window
        )

    def _article_year(self, doc: Doc, dates: list[Candidate], latest: int | None) -> None:
        """Yearless day-months and months take the article's one year when it names the event the article
        reports ("Giải futsal VĐQG 2017", "Tết Nguyên đán Đinh Dậu 2017", "German GP 2017"): the text
        writes no other year anywhere but later targets ("hướng tới năm 2020"); not after a history cue nor
        before "năm nay", nor in the headline or in a lead (the first body line, its own paragraph) when
        neither it nor the headline writes the year ("Tôn vinh ... năm 2017" over "Tối 13/5, ... tổ chức Lễ
        tuyên dương ...")."""
        text = doc.text
        left = [
            c
            for c in dates
            if c.fields.get("year") is None
            and c.fields["grain"] in ("day", "month")
            and doc.zone_at(c.start) != "title"
        ]
        if not left or not any(
            d.fields["grain"] == "year" and self._names_event(text, d, latest) for d in dates
        ):
            return
        years = [(int(m.group()), m.start()) for m in _YEAR_WORD.finditer(text)]
        written = {y for y, at in years if not self.target.search(text, max(0, at - 30), at)}
        if len(written) != 1:
            return
        year = written.pop()
        if any(y < year for y, _ in years):
            return
        lead = _lead(doc)
        titled = any(ln.zone == "title" and _YEAR_WORD.search(text, ln.start, ln.end) for ln in doc.lines)
        if lead is not None and not titled and not _YEAR_WORD.search(text, lead.start, lead.end):
            left = [c for c in left if not lead.start <= c.start < lead.end]
        self._date_unless_earlier(text, left, year)

    def _date_unless_earlier(self, text: str, left: list[Candidate], year: int) -> None:
        """Give `year` to each of `left` that is not told as an earlier step: "năm nay" right after it, a
        history cue before it (`_article_year`, `_headline_edition`)."""
        for c in left:
            if not (
                self.relative.match(text, c.end)
                or self.history_words.search(text, max(0, c.start - 80), c.start)
            ):
                c.fields["year"], c.fields["year_inferred"] = year, True

    def _headline_edition(self, doc: Doc, dates: list[Candidate]) -> None:
        """Yearless day-months of the lead take the year of the edition the headline names when the lead
        names the event again ("APEC 2017: ..." over "Ngày 13/5, ... các thành viên APEC ..."): the headline
        writes that year only, the lead none; not after a history cue nor before "năm nay"."""
        text, lead = doc.text, _lead(doc)
        if lead is None or _YEAR_WORD.search(text, lead.start, lead.end):
            return
        left = [
            c
            for c in dates
            if lead.start <= c.start < lead.end
            and c.fields.get("year") is None
            and c.fields["grain"] == "day"
        ]
        titles = [ln for ln in doc.lines if ln.zone == "title"]
        if not left or not titles:
            return
        written = {int(y) for ln in titles for y in _YEAR_WORD.findall(text, ln.start, ln.end)}
        names = {
            name.group().strip()
            for d in dates
            if doc.zone_at(d.start) == "title"
            and d.rule in self.event_years
            and d.fields.get("modifier") is None
            and (name := self.event_name.search(text, max(0, d.start - _MAX_EVENT_NAME), d.start)) is not None
        }
        if len(written) != 1 or len(names) != 1:
            return
        if _word_in(text, names.pop(), lead.start, lead.end):
            self._date_unless_earlier(text, left, written.pop())

    def _lead_quarter(self, doc: Doc, dates: list[Candidate]) -> None:
        """Yearless quarters outside the headline take the year the lead (the first body line) writes
        for the same quarter, the one year it writes: the quarter the article reports ("Quý I/2017, lãi
        ròng giảm ... trong quý I"); not before a relative word ("quý IV năm trước") nor after a
        history cue."""
        if not any(d.fields["grain"] == "quarter" and d.fields.get("year") is None for d in dates):
            return
        text, lead = doc.text, _lead(doc)
        if lead is None:
            return
        written = {int(y) for y in _YEAR_WORD.findall(text, lead.start, lead.end)}
        if len(written) != 1:
            return
        year = written.pop()
        reported = {
            int(f["quarter"])
            for d in dates
            if lead.start <= d.start < lead.end
            and (f := d.fields)["grain"] == "quarter"
            and f.get("year") == year
            and not f.get("year_inferred")
        }
        for c in dates:
            f = c.fields
            if (
                f.get("year") is None
                and f["grain"] == "quarter"
                and int(f["quarter"]) in reported
                and doc.zone_at(c.start) != "title"
                and (
                    (relative := self.relative.match(text, c.end)) is None
                    or self.this_year.match(text, c.end, relative.end()) is not None
                )
                and not self.history_words.search(text, max(0, c.start - 80), c.start)
            ):
                f["year"], f["year_inferred"] = year, True

    def _line_year(
        self, doc: Doc, lo: int, hi: int, line: list[Candidate]
    ) -> tuple[int, tuple[int, int]] | None:
        """The one year written in text[lo:hi] (once or more) and the last (month, day) its
        dates name, when a full date, a month or quarter with that year or the year called the
        present ("năm 2017 này", `year_present_words`) or naming an edition dates the line's events;
        no date after a cue (`year_not_reference_cues` too: "từ tháng 4/2014", "hồi tháng 5/2016"),
        none in a sentence opening with `year_backstory_openers` ("Trước đó, ...") or the next. Else None."""
        text = doc.text
        stated = [
            d
            for d in line
            if isinstance(d.fields.get("year"), int)
            and not d.fields.get("year_inferred")
            and not self.cutoff.search(text, max(lo, d.start - 60), d.start)
        ]
        years = {int(d.fields["year"]) for d in stated}
        months = [
            (int(f.get("month") or 3 * int(f["quarter"]) - 2), int(f.get("day") or 1))
            if f["grain"] != "year"
            else (1, 1)  # "năm 2017 này": the present year
            for d in stated
            if (f := d.fields)["grain"] != "year"
            or self.present.match(text, d.end)
            or self._names_event(text, d, None)
        ]
        if not months or len(years) != 1:
            return None
        written = _YEAR_WORD.findall(text, lo, hi)
        if not written or {int(y) for y in written} != years:
            return None
        if (opener := self.backstory.search(text, lo, hi)) is not None:
            after = doc.sentence_at(opener.start()) + 1  # the opener's sentence and the next
            upto = min(hi, doc.sentence_bounds(after)[1]) if after < len(doc.sentence_starts) else hi
            if any(opener.start() < d.start < upto for d in stated):
                return None  # an earlier step's year: "Ngày 16/5, ... Trước đó, ... Ngày 26/4/2017, ..."
        for d in stated:
            before = _before(text, d, lo)
            if (
                self._cued(before)
                or self.period.search(before)
                or self.not_reference.search(before)
                or self.not_reference.search(text, max(lo, d.start - 60), d.end - 4)
                or (len(written) == 1 and self.history_after.match(text, d.end, hi))
            ):
                return None
        return years.pop(), max(months)

    def _cued(self, before: str, deadline: bool = True) -> bool:
        """A history or anniversary mention, an issue date or (`deadline`) a deadline ends `before`."""
        return bool(
            self.history.search(before)
            or self.issued.search(before)
            or (deadline and self.deadline.search(before))
        )


# How far after a date "cùng năm" is looked for: an unbounded match would have the engine scan the rest of
# the text for the words it needs, on every date.
_SAME_YEAR_REACH = 40


# Two spaces or more between words: headings of a page run together into one line ("Tin bóng đá tối 6/2  Lịch
# thi đấu ...  Với 3 trận thắng ... V-League 2017"), no sentence mark between them.
_HEADING_BREAK = kept_regex(r"[ ]{2}")

# Between a year and a day-month right after it: a time of day at most ("đầu năm 2017 sáng 7/2").
_DAY_NEXT = kept_regex(r"[ ]++(?:(?:sáng|trưa|chiều|tối|đêm)[ ]++)?+")

# A range of days longer than this (about half a year) is no period whose days take its year.
_RANGE_DAYS = 183

# What joins the days of a list: "dịp 30-4 và 2-9".
_LIST_JOIN = kept_regex(r",?+[ ]++(?:và|hoặc)[ ]++|,[ ]++")

# The clause a fronted year frames, up to a date: a comma, then no punctuation ("năm 2016, hãng đến cuối ").
_FRAMED = kept_regex(r",[^,;:()\n.!?]{1,80}+")

# A year written anywhere (not part of a longer number): "2017", "tháng 2-2017", "/2016/".
_YEAR_WORD = kept_regex(r"(?<![\d]|\d[.,])(?:19|20)\d\d(?![\d]|[.,]\d)")


def _word_in(text: str, word: str, lo: int, hi: int) -> bool:
    """Whether `word` stands in `text[lo:hi]` as a word of its own (no letter or digit glued on a side)."""
    at = text.find(word, lo, hi)
    while at >= 0:
        end = at + len(word)
        if not (text[at - 1 : at].isalnum() or text[end : end + 1].isalnum()):
            return True
        at = text.find(word, at + 1, hi)
    return False


def _lead(doc: Doc) -> Line | None:
    """The lead: the first body line with text (its own paragraph)."""
    return next((ln for ln in doc.lines if ln.zone == "body" and doc.text[ln.start : ln.end].strip()), None)


def _before(text: str, d: Candidate, lo: int) -> str:
    """The 80 characters before `d` (from `lo` on) where its cues are looked for; a bracket right before
    a date written with "ngày" is no history cue: "Hà Nội (ngày 21-4) và TP HCM (ngày 27-4-2017)"."""
    before = text[max(lo, d.start - 80) : d.start]
    if text[d.start : d.start + 4].lower() == "ngày" and before.rstrip().endswith("("):
        return before.rstrip()[:-1]
    return before


def _from_paragraph(text: str, left: list[Candidate], dates: list[Candidate]) -> None:
    """A day-month left without a year takes the year inferred for the same day-month in its paragraph."""
    dated = {
        (text.rfind("\n", 0, d.start), d.fields["month"], d.fields["day"]): d.fields["year"]
        for d in dates
        if d.fields.get("year_inferred") and d.fields["grain"] == "day"
    }
    for c in left:
        f = c.fields
        year = dated.get((text.rfind("\n", 0, c.start), f["month"], f["day"]))
        if year is not None:
            f["year"], f["year_inferred"] = year, True


def _start_of(dates: list[Candidate], k: int) -> None:
    """The start of the range `dates[k]` closes, still without a year, takes the year that puts it at or
    before that end ("từ ngày 1/1 - 4/2" when "4/2" got its year)."""
    end = dates[k]
    if end.fields.get("range") != "end" or k == 0:
        return
    f = dates[k - 1].fields
    if f.get("range") == "start" and f.get("year") is None and f["grain"] == "day":
        f["year"], f["year_inferred"] = _year_up_to(end, (int(f["month"]), int(f["day"]))), True


def _last_year(text: str, dates: list[Candidate], i: int) -> int | None:
    """The year of the last date before `dates[i]` with its year written, when in the paragraph of
    `dates[i]` ("Tháng 2/2012, ... Tháng 4 cùng năm"); walks back without copying the list."""
    line = text.rfind("\n", 0, dates[i].start)
    for d in map(dates.__getitem__, range(i - 1, -1, -1)):
        f = d.fields
        if d.start < line:
            return None
        if isinstance(f.get("year"), int) and not f.get("year_inferred") and f.get("range") is None:
            return int(f["year"])
    return None


def _months_of(f: Mapping[str, object]) -> range:
    """The months of a month or quarter fact."""
    if f["grain"] == "quarter":
        q = int(str(f["quarter"]))
        return range(3 * q - 2, 3 * q + 1)
    m = int(str(f["month"]))
    return range(m, m + 1)


def _ends_one_year_range(neighbours: list[Candidate], d: Candidate) -> bool:
    """`d` ends a range within its own year: its "đến" joins the range ("từ 1.7 đến ngày 15.7.2017", "từ
    ngày 29 đến ngày 31-5-2017"), no deadline; a span of two years ("từ ngày 1/3/2016 đến ngày 1/3/2017") is one."""
    k = neighbours.index(d)
    if d.fields.get("range") != "end" or k == 0:
        return False
    start = neighbours[k - 1].fields
    return start.get("range") == "start" and (
        start.get("year") in (None, d.fields["year"]) or bool(start.get("year_inferred"))
    )


def _anniversary(neighbours: list[Candidate], d: Candidate, md: tuple[int, int]) -> str | None:
    """The side of full date `d` in the span of the anniversary held on day-month `md`, a range of two
    full dates of that day-month ("(19/5/1890 - 19/5/2017), tối 19/5"): its end is the day held (the
    gold leaves another day of the sentence, "sáng 18/5", undated); else None."""
    f = d.fields
    if f.get("range") not in ("start", "end") or f["grain"] != "day" or (f["month"], f["day"]) != md:
        return None
    k = neighbours.index(d) + (1 if f["range"] == "start" else -1)
    if not 0 <= k < len(neighbours):
        return None
    g = neighbours[k].fields
    same = g.get("range") not in (None, f["range"]) and g["grain"] == "day" and not g.get("year_inferred")
    if not (same and (g.get("month"), g.get("day")) == (f["month"], f["day"]) and g.get("year") != f["year"]):
        return None
    return str(f["range"])


def _full(c: Candidate) -> bool:
    return c.fields.get("grain") in ("day", "datetime") and isinstance(c.fields.get("year"), int)


def _day_of(year: int, md: tuple[int, int]) -> dt.date:
    month, day = md
    return dt.date(year, month, min(day, days_in(month, year)))


def _year_up_to(end: Candidate, md: tuple[int, int]) -> int:
    """The year that puts day/month at or before the range end `end`."""
    y = int(end.fields["year"])
    end_md = (int(end.fields["month"]), int(end.fields.get("day") or 31))
    return y if md <= end_md else y - 1


def _year_from(start: Candidate, md: tuple[int, int]) -> int | None:
    """The year that puts day/month at or after `start`, the range start written with its year right
    before it (a year not ending: "từ đầu năm 2017 đến 8.5"); None when `start` opens no such range."""
    f = start.fields
    if f.get("range") != "start" or not isinstance(f.get("year"), int) or f.get("year_inferred"):
        return None
    y = int(f["year"])
    if f["grain"] == "year":
        return y if f.get("modifier") in (None, "early") else None
    start_md = (int(f.get("month") or 3 * int(f.get("quarter", 1)) - 2), int(f.get("day") or 1))
    return y if md >= start_md else y + 1


def _month_year(c: Candidate) -> bool:
    return c.fields.get("grain") == "month" and isinstance(c.fields.get("year"), int)
