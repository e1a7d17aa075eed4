"""Sports teams shaped like names ("Thái Sơn Nam", "Gangwon"): the article's team names, read from
score lines ("A - B: 2-3", "A 1-0 B"), a club suffix after a run ("Gangwon FC") or a club word before
one ("CLB Hải Phương Nam"), so that no mention of them, nor of their first words, is a person."""

from __future__ import annotations

import regex

from ...rulepacks import RulePack


class Teams:
    """The `person` pack's team cues: `team_before`, `team_suffixes` and the score pieces."""

    def __init__(self, pack: RulePack) -> None:
        self.places = frozenset(pack.lexicon("places"))
        self.before = tuple(f"{w} " for w in pack.lexicon("team_before"))
        self.suffix = pack.compile(r"\G[ ](?:{team_suffixes})(?![\p{L}\p{M}\p{N}])", case_sensitive=True)
        self.join = pack.compile("{team_join}", case_sensitive=True)
        self.join_before = pack.compile(r"[^\s]{team_join}$", case_sensitive=True)
        self.score_after = pack.compile(r"\G{team_score_after}", case_sensitive=True)
        self.between = pack.compile("{team_score_between}", case_sensitive=True)
        # cheap tests first (most articles have no cue): a club word or suffix, or a score; the score
        # shapes are necessary parts of the score pieces that open with ":" or a digit, which the regex
        # engine scans for fast (the pieces searched anywhere cost ~80 µs per article, these ~6 µs)
        self.words = self.before + tuple(f" {w}" for w in pack.lexicon("team_suffixes"))
        self.scores = (
            pack.compile(r":[ ]?+\d{1,2}[ ]?+-[ ]?+\d", case_sensitive=True),
            pack.compile(r"\d[ ]?+-[ ]?+\d{1,2}[ ]\p{Lu}", case_sensitive=True),
        )

    def names(self, text: str, runs: list[regex.Match[str]]) -> frozenset[str]:
        """The runs the article writes as a team."""
        if not any(w in text for w in self.words) and not any(r.search(text) for r in self.scores):
            return frozenset()
        out: set[str] = set()
        for k, m in enumerate(runs):
            after = text[m.end() : m.end() + 2]
            if after[:1] == " " and after[1:].islower():  # most runs: no cue after ("đội bóng Hoàng gia")
                continue
            if self.suffix.match(text, m.end()) or text.endswith(
                self.before, max(0, m.start() - 12), m.start()
            ):
                out.add(m.group())
            if self.score_after.match(text, m.end()) and self.join_before.search(
                text, max(0, m.start() - 4), m.start()
            ):
                out.add(m.group())  # the second side ("Sanna.KH - Hải Phương Nam Phú Nhuận: 2-3")
            if k + 1 < len(runs):
                b = runs[k + 1]
                if self.between.fullmatch(text, m.end(), b.start()) or (
                    self.join.fullmatch(text, m.end(), b.start()) and self.score_after.match(text, b.end())
                ):
                    out.update((m.group(), b.group()))
        return frozenset(out - self.places)  # "đội tuyển Đức": the country, not a name

    @staticmethod
    def holds(teams: frozenset[str], name: str) -> bool:
        """Whether `name` is a team of `teams` or its first words ("Hải Phương Nam" of "Hải Phương Nam
        Phú Nhuận")."""
        return name in teams or any(t.startswith(name + " ") for t in teams)
