"""The Python API for pipelines: pure functions returning pydantic models."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from .batch import extract_refs
from .models import Article
from .pipeline import extract_text
from .sources import discover


def extract_paths(paths: Iterable[str]) -> Iterator[Article]:
    """Articles from files and folders (recursive), in a stable order; failures are error records."""
    return extract_refs(discover(paths))


__all__ = ["extract_paths", "extract_text"]
