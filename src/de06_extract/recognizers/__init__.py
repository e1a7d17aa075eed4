"""Recognizers, one module per fact kind; a pack's `recognizer` field names its module here."""

from __future__ import annotations

import importlib

from ..rulepacks import RulePack
from .base import Candidate, Recognizer


def build_recognizers(packs: dict[str, RulePack]) -> list[Recognizer]:
    """Instantiate the recognizer of every pack that names one, in the packs' run order."""
    out: list[Recognizer] = []
    for pack in sorted(packs.values(), key=lambda p: (p.spec.pack.order, p.name)):
        module_name = pack.spec.pack.recognizer
        if not module_name:
            continue
        module = importlib.import_module(f"{__name__}.{module_name}")
        cls: type[Recognizer] = module.RECOGNIZER
        out.append(cls(pack, packs))
    return out


__all__ = ["Candidate", "Recognizer", "build_recognizers"]
