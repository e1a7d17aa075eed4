"""Running the pipeline over many inputs: reading, extracting, error records, ordered output."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from .models import Article, ErrorRecord
from .pipeline import content_id, get_pipeline
from .sources import InputRef, RawArticle, read


def process_raw(raw: RawArticle) -> Article:
    """One raw article → one Article; a read/decode failure or a crash becomes an error record."""
    if raw.error is not None:
        return Article(id=content_id(""), source=raw.source, errors=[raw.error])
    try:
        return get_pipeline().run(raw.text, raw.source, published=raw.published, title=raw.title, encoding=raw.encoding)
    except Exception as exc:  # never let one article sink the run
        return Article(
            id=content_id(raw.text),
            source=raw.source,
            errors=[ErrorRecord(code="internal_error", message=f"{type(exc).__name__}: {exc}")],
        )


def process_ref(ref: InputRef) -> list[Article]:
    """All articles of one input (a file, stdin)."""
    return [process_raw(raw) for raw in read(ref)]


def extract_refs(refs: Iterable[InputRef]) -> Iterator[Article]:
    """Articles of every input, in input order."""
    for ref in refs:
        yield from process_ref(ref)
