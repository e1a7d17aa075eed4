"""The document object every stage reads and annotates: text, offset map, zones, sentences, warnings."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property

from .models import Warning_, WarningCode, Zone
from .normalize import NormalizedText
from .numbers import english_style
from .rulepacks import WordPositions


@dataclass(frozen=True)
class Line:
    """A line of the normalised text (end excludes the newline) and the zone it was put in."""

    start: int
    end: int
    zone: Zone


@dataclass
class Doc:
    """One article on its way through the pipeline. Offsets are into `norm.text` unless said otherwise."""

    source: str
    norm: NormalizedText
    lines: list[Line] = field(default_factory=list)
    sentence_starts: list[int] = field(default_factory=list)
    title: str | None = None
    published: str | None = None
    authors: list[str] = field(default_factory=list)
    warnings: list[Warning_] = field(default_factory=list)
    text: str = field(init=False)  # norm.text, read hundreds of times per article: an attribute

    def __post_init__(self) -> None:
        self.text = self.norm.text

    @cached_property
    def lower(self) -> str | None:
        """`text` lower-cased, for case-insensitive word look-ups with `str.find` at the same offsets;
        None in the rare text where lower-casing changes the length ("İ" becomes two characters)."""
        lower = self.norm.lower
        return lower if len(lower) == len(self.text) else None

    @cached_property
    def words(self) -> WordPositions | None:
        """Where the start words of patterns occur in `lower` (None with it), shared by the recognizers."""
        return None if self.lower is None else WordPositions(self.lower)

    @cached_property
    def english_numbers(self) -> bool:
        """The article writes numbers the English way ("7.25%", "1,234.5"): "2,500" is 2500 here."""
        return english_style(self.text)

    @cached_property
    def _line_starts(self) -> list[int]:
        return [ln.start for ln in self.lines]

    def zone_at(self, pos: int) -> Zone:
        """Zone of the line holding `pos` (query only after the zones stage has set `lines`)."""
        k = bisect_right(self._line_starts, pos) - 1
        return self.lines[k].zone if k >= 0 else "body"

    def sentence_at(self, pos: int) -> int:
        return max(bisect_right(self.sentence_starts, pos) - 1, 0)

    def sentence_bounds(self, k: int) -> tuple[int, int]:
        """Start and end of sentence `k` (`sentence_at`); the whole text before the sentences are set."""
        starts = self.sentence_starts
        return (starts[k] if starts else 0, starts[k + 1] if k + 1 < len(starts) else len(self.text))

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        return self.norm.span_to_original(start, end)

    def warn(self, code: WarningCode, message: str, start: int | None = None, end: int | None = None) -> None:
        """Record a warning; a span is given in normalised offsets and stored in original ones."""
        if start is None or end is None:
            self.warnings.append(Warning_(code=code, message=message))
            return
        o_start, o_end = self.original_span(start, end)
        self.warnings.append(
            Warning_(
                code=code, message=message, start=o_start, end=o_end, text=self.norm.original[o_start:o_end]
            )
        )
