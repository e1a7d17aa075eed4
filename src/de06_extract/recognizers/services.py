"""Readers several recognizers share, built once per pipeline and handed to each recognizer."""

from __future__ import annotations

from functools import cached_property

from ..rulepacks import RulePack, Settings
from ..segment import PhraseReader, PhraseSettings
from ..stance import StanceSettings
from ..zones import ZoneSettings
from .money import Amounts

# Settings of packs no recognizer runs, by pack name: the reader that owns each pack declares them.
SUPPORT_SETTINGS: dict[str, type[Settings]] = {
    "phrases": PhraseSettings,
    "zones": ZoneSettings,
    "stance": StanceSettings,
}


class Services:
    """The loaded packs and the readers built from them on first use (during pipeline construction).

    `phrases` reads the noun phrase after a number (the `phrases` pack); `amounts` reads Vietnamese
    number notation with scale words and currencies (the `money` pack). A recognizer that uses one
    lists its pack in `needs`.
    """

    def __init__(self, packs: dict[str, RulePack]) -> None:
        self.packs = packs

    @cached_property
    def phrases(self) -> PhraseReader:
        return PhraseReader(self.packs["phrases"])

    @cached_property
    def amounts(self) -> Amounts:
        return Amounts(self.packs["money"])
