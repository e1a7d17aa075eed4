"""de06-extract: validated facts from Vietnamese government news, pinned to their spans.

Public API (imported lazily so `de06 --help` stays fast)::

    from de06_extract import extract_text, extract_html, extract_paths
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .api import extract_html, extract_paths, extract_text

__all__ = ["extract_html", "extract_paths", "extract_text"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from . import api

        return getattr(api, name)
    raise AttributeError(name)
