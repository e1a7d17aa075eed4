"""The Python API for pipelines: pure functions returning pydantic models.

    from de06_extract import extract_text, extract_paths

    article = extract_text(text, source="doc-17", published="2024-03-02", title=None)
    article = extract_html(page_bytes, source="page-3", url="https://…")  # article.text: extracted text
    for article in extract_paths(["articles/", "more/*.txt", "batch.jsonl"], jobs=4):
        ...

`extract_text` depends only on its arguments (and the rule packs, loaded once per process on
first use: `patterns_dir=`, else `$DE06_PATTERNS`, else the packs shipped in the package); it and the `Article` it returns pickle, so a Spark `mapPartitions` or a Dask
`map_partitions` can ship it to workers as it is. Nothing raises for a bad input in
`extract_paths`: failures are `Article`s with `errors`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from .batch import extract_refs, plan, process_raw, run_units
from .models import Article
from .pipeline import extract_text
from .sources import ReadOptions, discover, html_raw


def extract_paths(
    paths: Iterable[str], *, jobs: int = 1, patterns_dir: Path | None = None
) -> Iterator[Article]:
    """Articles from files, folders (recursive), globs and `.jsonl` files, in a stable order.

    With `jobs` > 1 the work is spread over that many processes; the articles come back in the
    same order and are the same as with `jobs=1`. `patterns_dir` as for `extract_text`.
    """
    refs = discover(paths)
    opts = ReadOptions(patterns_dir=patterns_dir)
    if jobs <= 1:
        yield from extract_refs(refs, opts)
        return
    for unit in run_units(plan(refs, opts), jobs, opts):
        for result in unit.results:
            yield Article.model_validate_json(result.line)


def extract_html(
    markup: bytes | str,
    *,
    source: str = "-",
    url: str | None = None,
    published: str | None = None,
    title: str | None = None,
) -> Article:
    """Extract every fact from one HTML page (bytes: decoded by the page's charset; str: decoded).

    The offsets point into `article.text`, the text taken from the page; `url` is never fetched. A
    page without main text gives an Article with a `no_main_text` error (see docs/html.md).
    """
    return process_raw(html_raw(source, markup, url=url, published=published, title=title))


__all__ = ["extract_html", "extract_paths", "extract_text"]
