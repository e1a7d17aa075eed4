"""`de06 diff`: what changed between two extractions, or between the periods of one.

Facts are aligned by canonical keys, never by raw text:

- documents by `key`: cited only on one side → added / removed;
- people by `key`: added / removed, and changed when both sides state titles and one side states a
  title the other does not (titles compared normalised; "Thủ tướng" and "Thủ tướng Chính phủ" are
  the same title; a side that states no title is no evidence of a change);
- indicators by kind + a normalised subject (ratio and quantity: `unit`; percent: `subject`; money:
  a `subject` field if the fact has one): changed when the sets of values differ. Facts with no
  subject cannot be aligned and are only counted ("unaligned"). Dates are not compared.

Indicator figures are also aligned on subject + stance + period across all inputs (`figures`):
a `figure` row per subject and period with its target, result, forecast, baseline and unstated
values side by side, and met/missed where one target and one result compare; `timeline` lists one
subject's figures over all periods.

The subject normalisation is data: the `diff` support pack (patterns/diff.toml).
Output records (schema de06.diff/1) are pydantic models: a `bucket` record per input side or
period, then per compared pair a `pair` record with counts followed by its `change` records, in a
deterministic order (kind, change type, key).

Modules: `model` (the records), `align` (loading, bucketing, alignment), `figures` (stance and
period), `render` (output).
"""

from .align import SubjectNormalizer, bucket_name, diff_articles, diff_by_period, diff_files, load_articles
from .figures import figure_rows, timeline
from .model import ALIGNED_KINDS, DIFF_SCHEMA, STANCES, DiffInputError, DiffReport, change_schema
from .render import (
    figure_summary,
    render_jsonl,
    render_markdown,
    render_table,
    render_timeline_markdown,
    render_timeline_table,
)

__all__ = [
    "ALIGNED_KINDS",
    "DIFF_SCHEMA",
    "STANCES",
    "DiffInputError",
    "DiffReport",
    "SubjectNormalizer",
    "bucket_name",
    "change_schema",
    "diff_articles",
    "diff_by_period",
    "diff_files",
    "figure_rows",
    "figure_summary",
    "load_articles",
    "render_jsonl",
    "render_markdown",
    "render_table",
    "render_timeline_markdown",
    "render_timeline_table",
    "timeline",
]
