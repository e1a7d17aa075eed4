"""Stage 6b — what a figure claims and for which period (rules: `patterns/stance.toml`, docs/stance.md).

Runs after resolution on the chosen candidates. Every percent, ratio, money and quantity candidate gets
`stance` (target|result|forecast|baseline, or None when no cue says), `stance_cue` (the cue as
written), `period` (start offset in the original text of the date fact the figure refers to) and
`period_value` (that date's ISO value; "start/end" for a date range). The stage keeps no state
between calls: one instance may serve many threads.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from itertools import pairwise
from typing import Literal

import regex
from pydantic import BaseModel, ConfigDict, Field

from .document import Doc
from .recognizers import Candidate
from .rulepacks import RulePack, RulePackError

FIGURE_KINDS = frozenset({"percent", "ratio", "money", "quantity"})
Stance = Literal["target", "result", "forecast", "baseline"]


class CueSpec(BaseModel):
    """One cue of the pack's `[[settings.cues]]`."""

    model_config = ConfigDict(extra="forbid")

    name: str
    stance: Literal["target", "result", "forecast", "baseline", "none"]
    regex: str
    scope: Literal["adjacent", "phrase", "clause", "sentence"]
    side: Literal["before", "after"] = "before"
    priority: int = Field(ge=0)
    then: str | None = Field(None, description="Must match right after the figure.")


class StanceSettings(BaseModel):
    """The pack's `[settings]`."""

    model_config = ConfigDict(extra="forbid")

    clause_break: str
    phrase_break: str
    adjacent_gap: str
    period_after_gap: str
    comparison_before_date: str
    document_date_gap: str
    dateline_before: str
    window_before: int = Field(400, ge=0, description="Characters before a figure the cues may reach.")
    window_after: int = Field(200, ge=0, description="Characters after a figure the cues may reach.")
    cues: list[CueSpec]


@dataclass(frozen=True)
class _Cue:
    spec: CueSpec
    regex: regex.Pattern[str]
    then: regex.Pattern[str] | None


@dataclass(frozen=True)
class _Span:
    """The figure's sentence, clause and the start of its phrase, in normalised offsets."""

    sent_start: int
    sent_end: int
    clause_start: int
    clause_end: int
    phrase_start: int


class StanceReader:
    """Sets stance and period fields on the figure candidates of one article (`apply`)."""

    def __init__(self, pack: RulePack) -> None:
        try:
            settings = StanceSettings.model_validate(pack.spec.settings)
        except ValueError as exc:
            raise RulePackError(f"{pack.path}: {exc}") from exc
        self.window_before = settings.window_before
        self.window_after = settings.window_after
        self.clause_break = pack.compile(settings.clause_break, False)
        self.phrase_break = pack.compile(settings.phrase_break, False)
        self.adjacent_gap = pack.compile(settings.adjacent_gap, False)
        self.period_after_gap = pack.compile(settings.period_after_gap, False)
        self.comparison_before = pack.compile(settings.comparison_before_date, False)
        self.dateline_before = pack.compile(settings.dateline_before, False)
        self.document_date_gap = pack.compile(settings.document_date_gap, False)
        self.cues = tuple(
            _Cue(c, pack.compile(c.regex, False), pack.compile(c.then, False) if c.then else None)
            for c in settings.cues
        )

    def apply(self, doc: Doc, chosen: list[Candidate]) -> None:
        """Fill `stance`, `stance_cue`, `period`, `period_value` on the figures of `chosen` (text order)."""
        dates = [c for c in chosen if c.kind == "date"]
        issued = self._issue_dates(doc.text, chosen)
        bounds = [*doc.sentence_starts[1:], len(doc.text)]
        for fig in chosen:
            if fig.kind not in FIGURE_KINDS:
                continue
            k = doc.sentence_at(fig.start)
            span = self._span(doc.text, doc.sentence_starts[k] if doc.sentence_starts else 0, bounds[k], fig)
            stance, cue = self._stance(doc, fig, span)
            fig.fields["stance"] = stance
            fig.fields["stance_cue"] = cue
            date = self._period(doc.text, fig, span, [d for d in dates if id(d) not in issued], stance)
            fig.fields["period"] = doc.original_span(date.start, date.end)[0] if date else None
            fig.fields["period_value"] = _period_value(date, dates) if date else None

    def _issue_dates(self, text: str, chosen: list[Candidate]) -> set[int]:
        """Ids of the date candidates that give the issue date of the document fact just before them."""
        return {
            id(b)
            for a, b in pairwise(chosen)
            if a.kind == "document"
            and b.kind == "date"
            and self.document_date_gap.match(text[a.end : b.start])
        }

    def _span(self, text: str, sent_start: int, sent_end: int, fig: Candidate) -> _Span:
        sent_start = max(sent_start, fig.start - self.window_before)
        sent_end = min(sent_end, fig.end + self.window_after)
        clause_start, clause_end = sent_start, sent_end
        for m in self.clause_break.finditer(text, sent_start, sent_end):
            if m.end() <= fig.start:
                clause_start = m.end()
            elif m.start() >= fig.end:
                clause_end = m.start()
                break
        phrase_start = clause_start
        for m in self.phrase_break.finditer(text, clause_start, fig.start):
            phrase_start = m.end()
        return _Span(sent_start, sent_end, clause_start, clause_end, phrase_start)

    def _stance(self, doc: Doc, fig: Candidate, span: _Span) -> tuple[Stance | None, str | None]:
        best: tuple[int, int, CueSpec, int, int] | None = None  # priority, -distance, cue, start, end
        for cue, start, end in self._cue_matches(doc.text, fig, span):
            distance = fig.start - end if cue.side == "before" else start - fig.end
            key = (cue.priority, -distance)
            if best is None or key > best[:2]:
                best = (cue.priority, -distance, cue, start, end)
        if best is None or best[2].stance == "none":
            return None, None
        o_start, o_end = doc.original_span(best[3], best[4])
        return best[2].stance, doc.norm.original[o_start:o_end]

    def _cue_matches(self, text: str, fig: Candidate, span: _Span) -> Iterator[tuple[CueSpec, int, int]]:
        for cue in self.cues:
            spec = cue.spec
            if cue.then is not None and not cue.then.match(text, fig.end, span.clause_end):
                continue
            m = (
                cue.regex.search(text, fig.end, span.clause_end)
                if spec.side == "after"
                else self._last_before(cue, text, fig, span)
            )
            if m is not None:
                start, end = m.span("cue") if "cue" in cue.regex.groupindex else m.span()
                yield spec, start, end

    def _last_before(self, cue: _Cue, text: str, fig: Candidate, span: _Span) -> regex.Match[str] | None:
        """The match of `cue` nearest before the figure within its scope (None if none or not adjacent)."""
        scope = cue.spec.scope
        lo = {"sentence": span.sent_start, "phrase": span.phrase_start}.get(scope, span.clause_start)
        last = None
        for last in cue.regex.finditer(text, lo, fig.start):  # noqa: B007 - the last match is wanted
            pass
        if (
            last is not None
            and scope == "adjacent"
            and not self.adjacent_gap.match(text[last.end() : fig.start])
        ):
            return None
        return last

    def _period(
        self, text: str, fig: Candidate, span: _Span, dates: list[Candidate], stance: Stance | None
    ) -> Candidate | None:
        near = [
            d
            for d in dates
            if span.sent_start <= d.start
            and d.end <= span.sent_end
            and not (
                d.fields["grain"] in ("day", "datetime")
                and self.dateline_before.match(text[span.sent_start : d.start])
            )
            and (stance == "baseline" or not self.comparison_before.search(text, span.sent_start, d.start))
        ]
        after = [d for d in near if d.start >= fig.end]
        if after and self.period_after_gap.match(text[fig.end : after[0].start]):
            return after[0]
        in_clause = [d for d in near if span.clause_start <= d.start and d.end <= span.clause_end]
        for pool in (
            [d for d in in_clause if d.end <= fig.start][::-1],
            [d for d in in_clause if d.start >= fig.end],
            [d for d in near if d.end <= fig.start][::-1],
        ):
            if pool:
                return pool[0]
        return None


def _period_value(date: Candidate, dates: list[Candidate]) -> str:
    """The date's ISO value, or "start/end" (ISO 8601 interval) when it is one end of a stated range."""
    value: str = date.fields["value"]
    role = date.fields.get("range")
    k = dates.index(date)
    if role == "start" and k + 1 < len(dates) and dates[k + 1].fields.get("range") == "end":
        return f"{value}/{dates[k + 1].fields['value']}"
    if role == "end" and k > 0 and dates[k - 1].fields.get("range") == "start":
        return f"{dates[k - 1].fields['value']}/{value}"
    return value
