"""`de06 diff`: what changed between two extractions, or between the periods of one.

Facts are aligned by canonical keys, never by raw text:

- documents by `key`: cited only on one side → added / removed;
- people by `key`: added / removed, and changed when both sides state titles and one side states a
  title the other does not (titles compared normalised; "Thủ tướng" and "Thủ tướng Chính phủ" are
  the same title; a side that states no title is no evidence of a change);
- indicators by kind + a normalised subject (ratio and quantity: `unit`; percent: `subject`; money:
  a `subject` field if the fact has one): changed when the sets of values differ. Facts with no
  subject cannot be aligned and are only counted ("unaligned"). Dates are not compared.

The subject normalisation is data: the `diff` support pack (patterns/diff.toml).
Output records (schema de06.diff/1) are pydantic models: a `bucket` record per input side or
period, then per compared pair a `pair` record with counts followed by its `change` records, in a
deterministic order (kind, change type, key).

Modules: `model` (the records), `align` (loading, bucketing, alignment), `render` (output).
"""

from .align import SubjectNormalizer, bucket_name, diff_articles, diff_by_period, diff_files, load_articles
from .model import ALIGNED_KINDS, DIFF_SCHEMA, DiffInputError, DiffReport, change_schema
from .render import render_jsonl, render_markdown, render_table

__all__ = [
    "ALIGNED_KINDS",
    "DIFF_SCHEMA",
    "DiffInputError",
    "DiffReport",
    "SubjectNormalizer",
    "bucket_name",
    "change_schema",
    "diff_articles",
    "diff_by_period",
    "diff_files",
    "load_articles",
    "render_jsonl",
    "render_markdown",
    "render_table",
]
