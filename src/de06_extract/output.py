"""Stage 7 — serialise Articles as JSON Lines (orjson), one complete line per write."""

from __future__ import annotations

from typing import BinaryIO

import orjson

from .models import Article


def article_line(article: Article) -> bytes:
    """The article as one JSON line (with its newline); field order follows the schema."""
    return orjson.dumps(article.model_dump(mode="json", by_alias=True), option=orjson.OPT_APPEND_NEWLINE)


def write_article(out: BinaryIO, article: Article) -> None:
    """Write one whole line and flush, so an interrupted run never leaves half a line behind."""
    out.write(article_line(article))
    out.flush()
