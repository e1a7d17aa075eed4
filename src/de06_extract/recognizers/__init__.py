"""Recognizers, one module per fact kind; a pack's `recognizer` field names its module here."""

from __future__ import annotations

import importlib

from ..rulepacks import RulePack, RulePackError, Settings, read_settings
from .base import Candidate, Recognizer
from .services import SUPPORT_SETTINGS, Services


def build_recognizers(services: Services) -> list[Recognizer]:
    """Check every pack against the code that runs it and build the recognizers, in run order.

    A pack that names no recognizer may only hold settings its reader declares (`SUPPORT_SETTINGS`).
    Anything that does not fit is a RulePackError naming the pack file.
    """
    ordered = sorted(services.packs.values(), key=lambda p: (p.spec.pack.order, p.name))
    for pack in ordered:  # first: the readers built from them are shared by the recognizers
        if not pack.spec.pack.recognizer:
            read_settings(SUPPORT_SETTINGS.get(pack.name, Settings), pack)
    return [recognizer_class(pack)(pack, services) for pack in ordered if pack.spec.pack.recognizer]


def recognizer_class(pack: RulePack) -> type[Recognizer]:
    """The `RECOGNIZER` of the module the pack names."""
    name = pack.spec.pack.recognizer
    try:
        module = importlib.import_module(f"{__name__}.{name}")
    except ModuleNotFoundError as exc:
        if exc.name != f"{__name__}.{name}":
            raise
        raise RulePackError(f"{pack.path}: no recognizer module {name!r} in {__name__}") from exc
    cls = getattr(module, "RECOGNIZER", None)
    if not (isinstance(cls, type) and issubclass(cls, Recognizer)):
        raise RulePackError(f"{pack.path}: module {name!r} has no RECOGNIZER class")
    return cls


__all__ = ["Candidate", "Recognizer", "Services", "build_recognizers"]
