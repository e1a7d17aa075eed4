"""de06 on Spark: a DataFrame of articles in, DataFrames of articles and of facts out.

    from de06_extract.spark import extract_articles, extract_facts

    articles = extract_articles(df)                      # text, optional id/published/title/source
    articles = extract_articles(df, Columns(text="body", id="doc_id"))
    facts = extract_facts(articles)                      # one row per fact (the `de06 table` columns)

The maps are in `extract` (imported lazily, so that `python -m de06_extract.spark` starts the driver
JVM before it imports pyspark and de06), the job in `job` (`__main__` starts it), the driver JVM's
launch in `launch`, the warm Python daemon in `daemon`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .extract import Columns, extract_articles, extract_facts, write_tables

__all__ = ["Columns", "extract_articles", "extract_facts", "write_tables"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from . import extract

        return getattr(extract, name)
    raise AttributeError(name)
