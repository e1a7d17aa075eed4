"""`de06 diff` alignment: loading extractions, bucketing by period, canonical keys, comparison."""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, cast

from pydantic import ValidationError

from ..models import Article, Fact
from ..normalize import normalize
from ..rulepacks import RulePack, lexicon_alternation, load_packs
from .model import (
    ALIGNED_KINDS,
    CHANGE_TYPES,
    INDICATOR_KINDS,
    NO_STANCE,
    PERIODS,
    UNDATED,
    Bound,
    Bucket,
    Change,
    DiffInputError,
    DiffReport,
    FigureRow,
    KindCounts,
    Mention,
    Pair,
    Side,
    fmt_number,
)

# --------------------------------------------------------------------------- normalisation


class SubjectNormalizer:
    """Normalises indicator subjects (and titles) for alignment, driven by the `diff` pack."""

    def __init__(self, pack: RulePack | None = None) -> None:
        if pack is None:
            pack = load_packs()["diff"]
        lex = pack.spec.lexicon
        tables = pack.spec.tables
        self.abbreviations = {
            self.basic(k): self.basic(v) for k, v in tables.get("abbreviations", {}).items()
        }
        self.abbreviated = self._alternation(list(self.abbreviations), anchored=False)
        self.leading = self._alternation(lex.get("leading", []), anchored=True)
        self.fillers = self._alternation(lex.get("fillers", []), anchored=False)
        self.synonyms = {self.basic(k): self.basic(v) for k, v in tables.get("synonyms", {}).items()}
        bounds = {self.basic(k): v for k, v in tables.get("target_bounds", {}).items()}
        if bad := sorted(v for v in bounds.values() if v not in (">=", "<=")):
            raise ValueError(f"diff pack: target_bounds values must be '>=' or '<=', not {bad}")
        self.bounds = cast(dict[str, Bound], bounds)

    def bound(self, qualifier: str | None) -> Bound | None:
        """The bound a target's qualifier states ("tối thiểu" → '>='), None when it states none."""
        return self.bounds.get(self.basic(qualifier)) if qualifier else None

    def _alternation(self, words: list[str], *, anchored: bool) -> re.Pattern[str] | None:
        words = [self.basic(w) for w in words if self.basic(w)]
        if not words:
            return None
        alt = lexicon_alternation(words)
        return re.compile(("^" if anchored else r"(?<!\S)") + alt + r"(?!\S)")

    @staticmethod
    def basic(text: str) -> str:
        """NFC, modern tone marks, lower case, punctuation as spaces, single spaces."""
        text = normalize(unicodedata.normalize("NFC", text)).text.lower()
        text = "".join(c if c.isalnum() or c.isspace() else " " for c in text)
        return " ".join(text.split())

    def __call__(self, text: str) -> str:
        out = self.basic(text)
        if self.abbreviated is not None:
            out = self.abbreviated.sub(lambda m: self.abbreviations[m[0]], out)
        if self.leading is not None:
            while (m := self.leading.match(out)) and m.end() < len(out):
                out = out[m.end() :].lstrip()
        if self.fillers is not None:
            stripped = " ".join(self.fillers.sub(" ", out).split())
            out = stripped or out
        return self.synonyms.get(out, out)


# --------------------------------------------------------------------------- loading and bucketing


def load_articles(path: Path | str, stdin: IO[bytes] | None = None) -> list[Article]:
    """Articles of a `de06 extract` JSONL file ('-' reads `stdin`)."""
    if str(path) == "-":
        if stdin is None:
            raise DiffInputError("-: no standard input")
        lines = stdin.read().splitlines()
    else:
        try:
            lines = Path(path).read_bytes().splitlines()
        except OSError as exc:
            raise DiffInputError(f"{path}: {exc.strerror or exc}") from exc
    out: list[Article] = []
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            out.append(Article.model_validate_json(line))
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"])
            raise DiffInputError(f"{path}:{n}: not a de06 article line ({where}: {first['msg']})") from exc
    return out


_PUBLISHED = re.compile(r"^(\d{4})(?:-(\d{2}))?")


def bucket_name(published: str | None, period: str) -> str:
    """The period a published date falls in, or 'undated' (no date, or not precise enough)."""
    m = _PUBLISHED.match(published or "")
    if not m:
        return UNDATED
    year, month = m[1], m[2]
    if period == "year":
        return year
    if month is None:
        return UNDATED
    if period == "month":
        return f"{year}-{month}"
    return f"{year}-Q{(int(month) - 1) // 3 + 1}"


def _bucket_record(name: str, articles: list[Article], path: str | None = None) -> Bucket:
    facts = Counter(f.kind for a in articles for f in a.facts)
    return Bucket(
        name=name,
        path=path,
        dated=name != UNDATED,
        articles=len(articles),
        sources=sorted({a.source for a in articles}),
        facts={k: facts[k] for k in sorted(facts)},
    )


# --------------------------------------------------------------------------- alignment


@dataclass
class _Item:
    """Everything one side says about one aligned key."""

    labels: Counter[str] = field(default_factory=Counter)
    values: dict[str, tuple[float, str]] = field(default_factory=dict)
    numbers: set[float] = field(default_factory=set)
    titles: dict[str, str] = field(default_factory=dict)  # normalised → one spelling as written
    mentions: list[Mention] = field(default_factory=list)

    def side(self) -> Side:
        return Side(
            values=sorted(self.values, key=lambda v: self.values[v]),
            titles=sorted(self.main_titles().values()),
            labels=sorted(self.labels),
            mentions=sorted(self.mentions, key=lambda m: (m.source, m.start, m.end, m.article)),
        )

    def main_titles(self) -> dict[str, str]:
        """Titles without those a longer one extends ("Phó Chủ tịch" beside "Phó Chủ tịch UBND tỉnh")."""
        return {t: w for t, w in self.titles.items() if not any(u.startswith(t + " ") for u in self.titles)}

    def label(self) -> str:
        return min(self.labels.items(), key=lambda kv: (-kv[1], kv[0]))[0] if self.labels else ""


@dataclass
class _Index:
    items: dict[tuple[str, str], _Item] = field(default_factory=dict)
    unaligned: Counter[str] = field(default_factory=Counter)


def clean(text: str) -> str:
    return " ".join(text.split())


def mention_of(art: Article, fact: Fact) -> Mention:
    """Provenance of `fact` in `art`."""
    return Mention(
        source=art.source,
        article=art.id,
        published=art.published,
        start=fact.start,
        end=fact.end,
        text=fact.text,
    )


def indicator_subject(fact: Fact) -> str | None:
    """The wording an indicator aligns by: `subject` (percent, money) or `unit` (ratio, quantity)."""
    return getattr(fact, "subject" if fact.kind in ("percent", "money") else "unit", None)


def stance_name(fact: Fact) -> str:
    """A figure's stance, 'none' when the text does not say."""
    return getattr(fact, "stance", None) or NO_STANCE


def _index(
    articles: Iterable[Article],
    norm: SubjectNormalizer,
    kinds: frozenset[str],
    stances: frozenset[str] | None = None,
) -> _Index:
    idx = _Index()
    for art in articles:
        for fact in art.facts:
            if fact.kind not in kinds:
                continue
            if fact.kind in ("document", "person"):
                key = getattr(fact, "key", "")
                if not key:
                    continue
                item = idx.items.setdefault((fact.kind, key), _Item())
                if fact.kind == "person":
                    item.labels[clean(getattr(fact, "name", fact.text))] += 1
                    for title in getattr(fact, "titles", []):
                        t, written = norm.basic(title), clean(title)
                        item.titles[t] = min(item.titles.get(t, written), written)  # order-independent
                else:
                    item.labels[clean(fact.text)] += 1
                item.mentions.append(mention_of(art, fact))
                continue
            if stances is not None and stance_name(fact) not in stances:
                continue
            subject = indicator_subject(fact)
            key = norm(subject) if subject else ""
            if not key:
                idx.unaligned[fact.kind] += 1
                continue
            item = idx.items.setdefault((fact.kind, key), _Item())
            item.labels[clean(subject or "")] += 1
            label, number = value_of(fact)
            item.values.setdefault(label, (number, label))
            item.numbers.add(number)
            item.mentions.append(mention_of(art, fact))
    return idx


def value_of(fact: object) -> tuple[str, float]:
    """A fact's value as a label and a number to order and subtract by."""
    kind = getattr(fact, "kind", "")
    qualifier = getattr(fact, "qualifier", None)
    prefix = f"{qualifier} " if qualifier else ""
    if kind == "ratio":
        n, d = float(getattr(fact, "numerator", 0)), float(getattr(fact, "denominator", 0))
        return f"{fmt_number(n)}/{fmt_number(d)}", (n / d if d else n)
    value = float(getattr(fact, "value", 0.0))
    if kind == "percent":
        return f"{prefix}{fmt_number(value)}%", value
    if kind == "money":
        return f"{prefix}{fmt_number(value)} {getattr(fact, 'currency', '')}", value
    return f"{prefix}{fmt_number(value)}", value  # quantity: the unit is the alignment key


def _same_title(a: str, b: str) -> bool:
    """Equal, or one is the other plus a qualifier ("Thủ tướng" / "Thủ tướng Chính phủ")."""
    return a == b or a.startswith(b + " ") or b.startswith(a + " ")


def _title_changes(old: dict[str, str], new: dict[str, str]) -> tuple[list[str], list[str]]:
    """Titles (as written) only the new side states, and only the old side states."""
    added = sorted(w for t, w in new.items() if not any(_same_title(t, u) for u in old))
    removed = sorted(w for t, w in old.items() if not any(_same_title(t, u) for u in new))
    return added, removed


_KIND_ORDER = {k: i for i, k in enumerate(ALIGNED_KINDS)}
_CHANGE_ORDER = {c: i for i, c in enumerate(CHANGE_TYPES)}


def _compare(kind: str, key: str, old: _Item | None, new: _Item | None, names: tuple[str, str]) -> Change:
    base = {"old_bucket": names[0], "new_bucket": names[1], "kind": kind, "key": key}
    label = (new or old or _Item()).label()
    if old is None and new is not None:
        return Change(**base, change="added", label=label, new=new.side())
    if new is None and old is not None:
        return Change(**base, change="removed", label=label, old=old.side())
    assert old is not None and new is not None
    kw: dict[str, object] = {}
    if kind == "person":
        added, removed = _title_changes(old.main_titles(), new.main_titles())
        changed = bool(old.titles and new.titles and (added or removed))
        if changed:
            kw["titles_added"], kw["titles_removed"] = added, removed
    elif kind in INDICATOR_KINDS:
        changed = set(old.values) != set(new.values)
        if changed and len(old.numbers) == 1 and len(new.numbers) == 1 and kind != "ratio":
            kw["delta"] = round(next(iter(new.numbers)) - next(iter(old.numbers)), 6)
    else:
        changed = False
    return Change(
        **base,
        change="changed" if changed else "unchanged",
        label=label,
        old=old.side(),
        new=new.side(),
        **kw,
    )


def diff_articles(
    old: list[Article],
    new: list[Article],
    names: tuple[str, str] = ("old", "new"),
    *,
    normalizer: SubjectNormalizer | None = None,
    kinds: Iterable[str] = ALIGNED_KINDS,
    unchanged: bool = False,
    stances: Iterable[str] | None = None,
) -> tuple[Pair, list[Change]]:
    """Compare two sets of articles; the pair's counts and its change records in order.

    `stances` keeps only indicator figures of these stances ('none': the text does not say)."""
    norm = normalizer or SubjectNormalizer()
    wanted = frozenset(kinds) & frozenset(ALIGNED_KINDS)
    only = frozenset(stances) if stances is not None else None
    a, b = _index(old, norm, wanted, only), _index(new, norm, wanted, only)
    changes: list[Change] = []
    counts = {k: KindCounts() for k in ALIGNED_KINDS if k in wanted}
    for kind, key in sorted(a.items.keys() | b.items.keys(), key=lambda kk: (_KIND_ORDER[kk[0]], kk[1])):
        change = _compare(kind, key, a.items.get((kind, key)), b.items.get((kind, key)), names)
        c = counts[kind]
        setattr(c, change.change, getattr(c, change.change) + 1)
        if change.change != "unchanged" or unchanged:
            changes.append(change)
    for kind, c in counts.items():
        c.unaligned_old, c.unaligned_new = a.unaligned[kind], b.unaligned[kind]
    changes.sort(key=lambda ch: (_KIND_ORDER[ch.kind], _CHANGE_ORDER[ch.change], ch.key))
    total = sum(c.added + c.removed + c.changed for c in counts.values())
    return Pair(old_bucket=names[0], new_bucket=names[1], changes=total, counts=counts), changes


def diff_files(
    old_path: str,
    new_path: str,
    old: list[Article],
    new: list[Article],
    *,
    normalizer: SubjectNormalizer | None = None,
    kinds: Iterable[str] = ALIGNED_KINDS,
    unchanged: bool = False,
    names: tuple[str, str] = ("old", "new"),
    stances: Iterable[str] | None = None,
) -> DiffReport:
    """Two extractions: buckets 'old' and 'new' (or `names`), one pair, and the figure rows of both."""
    if names[0] == names[1]:
        raise ValueError("the two buckets need different names")
    norm = normalizer or SubjectNormalizer()
    pair, changes = diff_articles(
        old, new, names, normalizer=norm, kinds=kinds, unchanged=unchanged, stances=stances
    )
    buckets = [_bucket_record(names[0], old, old_path), _bucket_record(names[1], new, new_path)]
    figures = _figure_rows([*old, *new], norm, kinds, stances)
    return DiffReport(buckets=buckets, pairs=[pair], changes=changes, figures=figures)


def diff_by_period(
    articles: list[Article],
    period: str = "year",
    *,
    normalizer: SubjectNormalizer | None = None,
    kinds: Iterable[str] = ALIGNED_KINDS,
    unchanged: bool = False,
    stances: Iterable[str] | None = None,
) -> DiffReport:
    """One extraction split by `published` period; consecutive dated buckets are compared.

    Articles without a date at the period's grain go to the 'undated' bucket, listed last and
    never compared.
    """
    if period not in PERIODS:
        raise ValueError(f"period must be one of {', '.join(PERIODS)}, not {period!r}")
    groups: dict[str, list[Article]] = {}
    for art in articles:
        groups.setdefault(bucket_name(art.published, period), []).append(art)
    dated = sorted(n for n in groups if n != UNDATED)
    buckets = [_bucket_record(n, groups[n]) for n in dated]
    if UNDATED in groups:
        buckets.append(_bucket_record(UNDATED, groups[UNDATED]))
    pairs: list[Pair] = []
    changes: list[Change] = []
    norm = normalizer or SubjectNormalizer()
    for a, b in itertools.pairwise(dated):
        pair, ch = diff_articles(
            groups[a], groups[b], (a, b), normalizer=norm, kinds=kinds, unchanged=unchanged, stances=stances
        )
        pairs.append(pair)
        changes.extend(ch)
    figures = _figure_rows(articles, norm, kinds, stances)
    return DiffReport(buckets=buckets, pairs=pairs, changes=changes, figures=figures)


def _figure_rows(
    articles: list[Article], norm: SubjectNormalizer, kinds: Iterable[str], stances: Iterable[str] | None
) -> list[FigureRow]:
    from .figures import figure_rows  # figures builds on this module's helpers

    return figure_rows(articles, normalizer=norm, kinds=kinds, stances=stances)
