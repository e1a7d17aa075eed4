"""Stage 6b — what a figure claims and for which period (rules: `patterns/stance.toml`, docs/stance.md).

Runs after resolution on the chosen candidates. Every percent, ratio, money and quantity candidate gets
`stance` (target|result|forecast|baseline, or None when no cue says), `stance_cue` (the cue as
written), `period` (start offset in the original text of the date fact the figure refers to) and
`period_value` (that date's ISO value; "start/end" for a date range). The stage keeps no state
between calls: one instance may serve many threads.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import groupby, pairwise
from typing import TYPE_CHECKING, Literal

import regex
from pydantic import BaseModel, ConfigDict, Field

from .document import Doc
from .models import Stance
from .rulepacks import RulePack, Settings, read_settings, start_words

if TYPE_CHECKING:
    from .recognizers import Candidate

FIGURE_KINDS = frozenset({"percent", "ratio", "money", "quantity"})
_WORD = regex.compile(r"\w++")


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
    starts_with: list[str] = Field(
        default_factory=list,
        description="Words (or `{lexicon}`) every match begins with: the cue is then only tried where one "
        "of them stands (as for patterns); empty: tried everywhere.",
    )


class StanceSettings(Settings):
    """The pack's `[settings]`."""

    clause_break: str
    phrase_break: str
    adjacent_gap: str
    period_after_gap: str
    comparison_before_date: str
    not_period_before_date: str
    document_date_gap: str
    dateline_before: str
    window_before: int = Field(400, ge=0, description="Characters before a figure the cues may reach.")
    window_after: int = Field(200, ge=0, description="Characters after a figure the cues may reach.")
    adjacent_window: int = Field(
        80, ge=0, description="Characters before a figure an adjacent cue may start."
    )
    cues: list[CueSpec]


@dataclass(frozen=True)
class _Cue:
    spec: CueSpec
    regex: regex.Pattern[str]
    then: regex.Pattern[str] | None
    starts: frozenset[str]

    @property
    def anchored(self) -> bool:
        """The regex opens with \\G: it can match only where it is tried (`search` would try every
        position up to the clause's end to find that out)."""
        return self.spec.regex.startswith(r"\G")


@dataclass(frozen=True)
class _Span:
    """The figure's sentence (within the cue windows), clause and the start of its phrase."""

    sent_start: int
    sent_end: int
    clause_start: int
    clause_end: int
    phrase_start: int


# A cue's matches before the figures of one sentence: match start, end, evidence start, end.
_Hits = list[tuple[int, int, int, int]]


class StanceReader:
    """Sets stance and period fields on the figure candidates of one article (`apply`)."""

    def __init__(self, pack: RulePack) -> None:
        settings = read_settings(StanceSettings, pack)
        self.window_before = settings.window_before
        self.window_after = settings.window_after
        self.adjacent_window = settings.adjacent_window
        self.clause_break = pack.compile(settings.clause_break, False)
        self.phrase_break = pack.compile(settings.phrase_break, False)
        self.adjacent_gap = pack.compile(settings.adjacent_gap, False)
        self.period_after_gap = pack.compile(settings.period_after_gap, False)
        self.comparison_before = pack.compile(settings.comparison_before_date, False)
        self.not_period_before = pack.compile(settings.not_period_before_date, False)
        self.dateline_before = pack.compile(settings.dateline_before, False)
        self.document_date_gap = pack.compile(settings.document_date_gap, False)
        self.cues = tuple(
            _Cue(
                c,
                pack.compile(c.regex, False),
                pack.compile(c.then, False) if c.then else None,
                frozenset(start_words(pack.spec, c.starts_with, f"{pack.path}: cue {c.name!r}")),
            )
            for c in settings.cues
        )
        self.start_words = frozenset().union(*(c.starts for c in self.cues))
        # the before-cues each start word may open, and the cues tried whatever the words (pack order)
        self.cues_of: dict[str, list[int]] = defaultdict(list)
        for k, cue in enumerate(self.cues):
            if cue.spec.side == "before":
                for word in cue.starts:
                    self.cues_of[word].append(k)
        self.always = frozenset(k for k, c in enumerate(self.cues) if c.spec.side == "after" or not c.starts)

    def apply(self, doc: Doc, chosen: list[Candidate]) -> None:
        """Fill `stance`, `stance_cue`, `period`, `period_value` on the figures of `chosen` (text order)."""
        text = doc.text
        dates = [c for c in chosen if c.kind == "date"]
        issued = self._issue_dates(text, chosen)
        periods = [d for d in dates if id(d) not in issued]
        period_starts = [d.start for d in periods]
        position = {id(d): k for k, d in enumerate(dates)}
        figures = [c for c in chosen if c.kind in FIGURE_KINDS]
        names = [(c.start, c.end) for c in chosen if c.kind == "document"]  # "Kế hoạch số 35/KH-UBND"
        seen: dict[tuple[int, int, int], bool] = {}
        for k, group in groupby(figures, key=lambda c: doc.sentence_at(c.start)):
            figs = list(group)
            sent_start, sent_end = doc.sentence_bounds(k)
            lo, hi = (
                max(sent_start, figs[0].start - self.window_before),
                min(sent_end, figs[-1].end + self.window_after),
            )
            clause_breaks = [m.span() for m in self.clause_break.finditer(text, lo, hi)]
            clause_ends = [end for _, end in clause_breaks]
            phrase_ends = [m.end() for m in self.phrase_break.finditer(text, lo, hi)]
            spans = [
                self._span(clause_breaks, clause_ends, phrase_ends, sent_start, sent_end, fig) for fig in figs
            ]
            words = _word_index(doc, lo, figs[-1].start, self.start_words, names)
            tried = self._tried(text, figs, spans, words)
            for fig, span in zip(figs, spans, strict=True):
                stance, cue = self._stance(doc, fig, span, tried)
                fig.fields["stance"] = stance
                fig.fields["stance_cue"] = cue
                near = periods[
                    bisect_left(period_starts, span.sent_start) : bisect_left(period_starts, span.sent_end)
                ]
                date = self._period(text, fig, span, near, stance, seen)
                fig.fields["period"] = doc.original_span(date.start, date.end)[0] if date else None
                fig.fields["period_value"] = _period_value(dates, position[id(date)]) if date else None

    def _issue_dates(self, text: str, chosen: list[Candidate]) -> set[int]:
        """Ids of the date candidates that give the issue date of the document fact just before them."""
        return {
            id(b)
            for a, b in pairwise(chosen)
            if a.kind == "document"
            and b.kind == "date"
            and self.document_date_gap.match(text[a.end : b.start])
        }

    def _span(
        self,
        clause_breaks: list[tuple[int, int]],
        clause_ends: list[int],
        phrase_ends: list[int],
        sent_start: int,
        sent_end: int,
        fig: Candidate,
    ) -> _Span:
        sent_start = max(sent_start, fig.start - self.window_before)
        sent_end = min(sent_end, fig.end + self.window_after)
        k = bisect_right(clause_ends, fig.start) - 1  # breaks do not overlap: ends ascend with starts
        clause_start = max(sent_start, clause_ends[k]) if k >= 0 else sent_start
        k = bisect_left(clause_breaks, (fig.end, -1))
        clause_end = min(clause_breaks[k][0], sent_end) if k < len(clause_breaks) else sent_end
        k = bisect_right(phrase_ends, fig.start) - 1
        phrase_start = max(clause_start, phrase_ends[k]) if k >= 0 else clause_start
        return _Span(sent_start, sent_end, clause_start, clause_end, phrase_start)

    def _scope_start(self, scope: str, fig: Candidate, span: _Span) -> int:
        if scope == "clause":
            return span.clause_start
        if scope == "phrase":
            return span.phrase_start
        if scope == "sentence":
            return span.sent_start
        return max(span.clause_start, fig.start - self.adjacent_window)

    def _tried(
        self, text: str, figs: list[Candidate], spans: list[_Span], words: dict[str, list[int]]
    ) -> list[tuple[_Cue, _Hits]]:
        """The cues that may match for the figures of a sentence, in pack order: each after-cue (no
        hits: it is searched per figure), each before-cue with its hits when it has some (one with
        start words only when one of them stands in the sentence: `words`)."""
        tried: list[tuple[_Cue, _Hits]] = []
        for k in sorted(self.always.union(*(self.cues_of[w] for w in words if w in self.cues_of))):
            cue = self.cues[k]
            if cue.spec.side == "after":
                tried.append((cue, []))
            elif found := self._hits(cue, text, figs, spans, words):
                tried.append((cue, found))
        return tried

    def _hits(
        self, cue: _Cue, text: str, figs: list[Candidate], spans: list[_Span], words: dict[str, list[int]]
    ) -> _Hits:
        """Matches of a before-cue within the reach of any figure of a sentence (each stretch read once),
        tried only at its start words when it has some (`words`: where each word of the sentence stands)."""
        present = cue.starts.intersection(words)
        stretches: list[list[int]] = []
        for fig, span in zip(figs, spans, strict=True):
            lo = self._scope_start(cue.spec.scope, fig, span)
            if stretches and lo <= stretches[-1][1]:
                stretches[-1][1] = fig.start
            else:
                stretches.append([lo, fig.start])
        evidence = "cue" if "cue" in cue.regex.groupindex else 0
        found: _Hits = []
        ats = sorted(at for word in present for at in words[word])
        for lo, hi in stretches:
            if not cue.starts:
                found.extend((*m.span(), *m.span(evidence)) for m in cue.regex.finditer(text, lo, hi))
                continue
            end = lo
            for at in ats[bisect_left(ats, lo) : bisect_left(ats, hi)]:
                if at >= end and (m := cue.regex.match(text, at, hi)):
                    found.append((*m.span(), *m.span(evidence)))
                    end = max(m.end(), at + 1)
        return found

    def _stance(
        self, doc: Doc, fig: Candidate, span: _Span, tried: list[tuple[_Cue, _Hits]]
    ) -> tuple[Stance | None, str | None]:
        best: tuple[int, int, CueSpec, int, int] | None = None  # priority, -distance, cue, start, end
        for cue, start, end in self._cue_matches(doc.text, fig, span, tried):
            distance = fig.start - end if cue.side == "before" else start - fig.end
            key = (cue.priority, -distance)
            if best is None or key > best[:2]:
                best = (cue.priority, -distance, cue, start, end)
        if best is None or best[2].stance == "none":
            return None, None
        o_start, o_end = doc.original_span(best[3], best[4])
        return best[2].stance, doc.norm.original[o_start:o_end]

    def _cue_matches(
        self, text: str, fig: Candidate, span: _Span, tried: list[tuple[_Cue, _Hits]]
    ) -> Iterator[tuple[CueSpec, int, int]]:
        for cue, found in tried:
            spec = cue.spec
            if spec.side == "after":
                m = (cue.regex.match if cue.anchored else cue.regex.search)(text, fig.end, span.clause_end)
                hit = m.span("cue" if "cue" in cue.regex.groupindex else 0) if m else None
            else:
                hit = self._last_before(spec.scope, found, text, fig, span)
            if hit and (cue.then is None or cue.then.match(text, fig.end, span.clause_end)):
                yield spec, *hit

    def _last_before(
        self, scope: str, found: _Hits, text: str, fig: Candidate, span: _Span
    ) -> tuple[int, int] | None:
        """Evidence span of the cue match nearest before the figure within its scope, if any."""
        lo = self._scope_start(scope, fig, span)
        k = bisect_right(found, fig.start, key=lambda f: f[1]) - 1  # matches do not overlap: ends ascend
        if k < 0 or found[k][0] < lo:
            return None
        _, m_end, e_start, e_end = found[k]
        if scope == "adjacent" and not self.adjacent_gap.match(text[m_end : fig.start]):
            return None
        return e_start, e_end

    def _period(
        self,
        text: str,
        fig: Candidate,
        span: _Span,
        dates: list[Candidate],
        stance: Stance | None,
        seen: dict[tuple[int, int, int], bool],
    ) -> Candidate | None:
        """The date fact (among `dates`, those starting in the figure's sentence) the figure refers to;
        `seen`: the article's answers of `_found` (the figures of a sentence ask about the same dates)."""
        near = [
            d
            for d in dates
            if d.end <= span.sent_end
            and not (
                d.fields["grain"] in ("day", "datetime")
                and self.dateline_before.match(text[span.sent_start : d.start])
            )
            and (
                stance == "baseline"
                or not _found(self.comparison_before, text, span.sent_start, d.start, seen)
            )
            and not _found(self.not_period_before, text, span.sent_start, d.start, seen)
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


def _word_index(
    doc: Doc, lo: int, hi: int, wanted: frozenset[str], names: list[tuple[int, int]]
) -> dict[str, list[int]]:
    """Where each of the `wanted` (lower-case) words begins in doc.text[lo:hi], outside the spans of
    `names` (document facts: the plan word of "Kế hoạch số 35/KH-UBND" names a document)."""
    words: dict[str, list[int]] = defaultdict(list)
    lower = doc.lower
    for m in _WORD.finditer(doc.text if lower is None else lower, lo, hi):
        word = m.group() if lower is not None else m.group().lower()
        if word in wanted:
            k = bisect_right(names, (m.start(), len(doc.text))) - 1
            if k < 0 or names[k][1] <= m.start():
                words[word].append(m.start())
    return words


def _found(
    pattern: regex.Pattern[str], text: str, lo: int, hi: int, seen: dict[tuple[int, int, int], bool]
) -> bool:
    """Whether `pattern` is found in text[lo:hi], searched once per article and stretch (`seen`)."""
    key = (id(pattern), lo, hi)
    found = seen.get(key)
    if found is None:
        found = seen[key] = pattern.search(text, lo, hi) is not None
    return found


def _period_value(dates: list[Candidate], k: int) -> str:
    """ISO value of `dates[k]`, or "start/end" (ISO 8601 interval) when it is one end of a stated range."""
    value: str = dates[k].fields["value"]
    role = dates[k].fields.get("range")
    if role == "start" and k + 1 < len(dates) and dates[k + 1].fields.get("range") == "end":
        return f"{value}/{dates[k + 1].fields['value']}"
    if role == "end" and k > 0 and dates[k - 1].fields.get("range") == "start":
        return f"{dates[k - 1].fields['value']}/{value}"
    return value
