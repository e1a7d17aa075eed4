"""`de06 diff` records (schema de06.diff/1): buckets, pairs, changes, and the report holding them."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Final, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

DIFF_SCHEMA: Final = "de06.diff/1"
ALIGNED_KINDS: tuple[str, ...] = ("document", "person", "ratio", "percent", "quantity", "money")
INDICATOR_KINDS = frozenset({"ratio", "percent", "quantity", "money"})
CHANGE_TYPES: tuple[str, ...] = ("added", "removed", "changed", "unchanged")
PERIODS: tuple[str, ...] = ("month", "quarter", "year")
ChangeType = Literal["added", "removed", "changed", "unchanged"]
UNDATED = "undated"
STANCES: tuple[str, ...] = ("target", "result", "forecast", "baseline", "none")  # "none": text does not say
NO_STANCE = "none"
Bound = Literal[">=", "<="]


class DiffInputError(ValueError):
    """An input file that cannot be read as a de06 extraction."""


# --------------------------------------------------------------------------- records


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    schema_: Literal["de06.diff/1"] = Field(DIFF_SCHEMA, alias="schema")


class Mention(BaseModel):
    """Provenance of one fact: the article it came from and its span in that article."""

    model_config = ConfigDict(extra="forbid")

    source: str = Field(description="The article's `source`.")
    article: str = Field(description="The article's `id`.")
    published: str | None = None
    start: int
    end: int
    text: str = Field(description="The fact's text, original[start:end].")


class Side(BaseModel):
    """What one side (bucket) says about an aligned item."""

    model_config = ConfigDict(extra="forbid")

    values: list[str] = Field(
        default_factory=list,
        description="Indicators: distinct values ('54/76', 'hơn 90%', '1200', '500000000000 VND'), ascending.",
    )
    titles: list[str] = Field(default_factory=list, description="People: distinct titles stated.")
    labels: list[str] = Field(
        default_factory=list, description="Distinct texts as written (document mentions, subjects, names)."
    )
    mentions: list[Mention] = Field(default_factory=list, description="Every fact, by (source, start).")


class Change(_Record):
    """One aligned item that was added, removed, changed (or, on request, unchanged)."""

    record: Literal["change"] = "change"
    old_bucket: str
    new_bucket: str
    kind: str = Field(description="document, person, ratio, percent, quantity or money.")
    change: ChangeType
    key: str = Field(description="Alignment key: document/person `key`, or the normalised subject.")
    label: str = Field(description="Human-readable name: the most frequent text as written.")
    old: Side | None = None
    new: Side | None = None
    titles_added: list[str] = Field(default_factory=list)
    titles_removed: list[str] = Field(default_factory=list)
    delta: float | None = Field(None, description="new − old when each side has one numeric value.")


class FigureMention(Mention):
    """Provenance of one figure, with what it claims and how its period was found."""

    stance: str = Field(
        description="target, result, forecast, baseline, or 'none' when the text does not say."
    )
    stance_cue: str | None = None
    value: str = Field(description="The value as compared ('≥ 80%' for a target with a bound).")
    period_value: str | None = Field(
        None, description="The figure's own period (null: none in its sentence)."
    )
    period_inferred: bool = Field(
        False,
        description="True when the period is the year the article was published (no period of its own).",
    )


class FigureSide(BaseModel):
    """The figures of one stance in a figure row."""

    model_config = ConfigDict(extra="forbid")

    values: list[str] = Field(description="Distinct values, ascending.")
    mentions: list[FigureMention]


class FigureRow(_Record):
    """One subject in one period: its figures side by side by stance, and target met/missed."""

    record: Literal["figure"] = "figure"
    kind: str
    key: str = Field(description="The normalised subject (as for change records).")
    label: str = Field(description="The most frequent subject as written.")
    period: str = Field(
        description="The figures' `period_value`, the article's year when they have none, or 'undated'."
    )
    period_inferred: bool = Field(
        description="True when some figure's period is its article's published year."
    )
    stances: dict[str, FigureSide] = Field(
        description="By stance (target, result, forecast, baseline, none)."
    )
    bound: Bound | None = Field(None, description="How the target reads: '>=' (at least) or '<=' (at most).")
    bound_stated: bool = Field(
        False, description="False when the target has no qualifier and '>=' is assumed."
    )
    verdict: Literal["met", "missed"] | None = Field(
        None, description="When one target and one result compare."
    )
    gap: float | None = Field(
        None,
        description="result − target: points for percent, the currency for money, the unit for quantity.",
    )
    note: str | None = Field(None, description="Why a target and a result were not compared.")


class TimelinePoint(_Record):
    """One figure of the subject asked for by `--timeline`."""

    record: Literal["point"] = "point"
    kind: str
    key: str
    label: str = Field(description="The subject as written in this figure.")
    period: str
    mention: FigureMention


class KindCounts(BaseModel):
    model_config = ConfigDict(extra="forbid")

    added: int = 0
    removed: int = 0
    changed: int = 0
    unchanged: int = 0
    unaligned_old: int = Field(0, description="Indicator facts of the old side with no subject.")
    unaligned_new: int = Field(0, description="Indicator facts of the new side with no subject.")


class Pair(_Record):
    """Two buckets compared, with counts per kind; its change records follow it."""

    record: Literal["pair"] = "pair"
    old_bucket: str
    new_bucket: str
    changes: int = Field(description="Number of added + removed + changed items.")
    counts: dict[str, KindCounts]


class Bucket(_Record):
    """One side of the comparison: an input file, or the articles of one period."""

    record: Literal["bucket"] = "bucket"
    name: str = Field(description="'old' / 'new' for two files; '2024', '2024-Q3', '2024-07' or 'undated'.")
    path: str | None = Field(None, description="The input file (two-file mode).")
    dated: bool = Field(True, description="False for the 'undated' bucket: reported, never compared.")
    articles: int
    sources: list[str]
    facts: dict[str, int] = Field(description="Facts per kind.")


AnyRecord = Bucket | Pair | Change | FigureRow | TimelinePoint
DiffRecord = Annotated[AnyRecord, Field(discriminator="record")]
DIFF_RECORD: TypeAdapter[AnyRecord] = TypeAdapter(DiffRecord)


def change_schema() -> dict[str, object]:
    """JSON Schema of a `de06 diff --format jsonl` line."""
    schema = DIFF_RECORD.json_schema(by_alias=True)
    schema["title"] = "de06 diff record (" + DIFF_SCHEMA + ")"
    return schema


class DiffReport(BaseModel):
    buckets: list[Bucket]
    pairs: list[Pair]
    changes: list[Change]
    figures: list[FigureRow] = Field(default_factory=list)

    @property
    def changed(self) -> bool:
        return any(p.changes for p in self.pairs)

    def records(self) -> Iterator[AnyRecord]:
        yield from self.buckets
        for pair in self.pairs:
            yield pair
            yield from self.changes_of(pair)
        yield from self.figures

    def changes_of(self, pair: Pair) -> list[Change]:
        return [c for c in self.changes if (c.old_bucket, c.new_bucket) == (pair.old_bucket, pair.new_bucket)]


def fmt_number(v: float) -> str:
    if v == int(v) and abs(v) < 1e18:
        return str(int(v))
    return f"{v:.6g}"
