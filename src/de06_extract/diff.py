"""`de06 diff`: what changed between two extractions, or between the periods of one.

Facts are aligned by canonical keys, never by raw text:

- documents by `key`: cited only on one side → added / removed;
- people by `key`: added / removed, and changed when both sides state titles and one side states a
  title the other does not (titles compared normalised; "Thủ tướng" and "Thủ tướng Chính phủ" are
  the same title; a side that states no title is no evidence of a change);
- indicators by kind + a normalised subject (ratio and quantity: `unit`; percent: `subject`; money:
  a `subject` field if the fact has one): changed when the sets of values differ. Facts with no
  subject cannot be aligned and are only counted ("unaligned"). Dates are not compared.

The subject normalisation is data: the `diff` support pack (patterns/diff.toml).
Output records (schema de06.diff/1) are pydantic models: a `bucket` record per input side or
period, then per compared pair a `pair` record with counts followed by its `change` records, in a
deterministic order (kind, change type, key).
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from io import StringIO
from pathlib import Path
from typing import IO, Annotated, Final, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

from .models import Article
from .normalize import normalize
from .rulepacks import RulePack, lexicon_alternation, load_packs

DIFF_SCHEMA: Final = "de06.diff/1"
ALIGNED_KINDS: tuple[str, ...] = ("document", "person", "ratio", "percent", "quantity", "money")
INDICATOR_KINDS = frozenset({"ratio", "percent", "quantity", "money"})
CHANGE_TYPES: tuple[str, ...] = ("added", "removed", "changed", "unchanged")
PERIODS: tuple[str, ...] = ("month", "quarter", "year")
ChangeType = Literal["added", "removed", "changed", "unchanged"]
UNDATED = "undated"


class DiffInputError(ValueError):
    """An input file that cannot be read as a de06 extraction."""


# --------------------------------------------------------------------------- records


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    schema_: Literal["de06.diff/1"] = Field(DIFF_SCHEMA, alias="schema")


class Mention(BaseModel):
    """Provenance of one fact: the article it came from and its span in that article."""

    model_config = ConfigDict(extra="forbid")

    source: str = Field(description="The article's `source`.")
    article: str = Field(description="The article's `id`.")
    published: str | None = None
    start: int
    end: int
    text: str = Field(description="The fact's text, original[start:end].")


class Side(BaseModel):
    """What one side (bucket) says about an aligned item."""

    model_config = ConfigDict(extra="forbid")

    values: list[str] = Field(
        default_factory=list,
        description="Indicators: distinct values ('54/76', 'hơn 90%', '1200', '500000000000 VND'), ascending.",
    )
    titles: list[str] = Field(default_factory=list, description="People: distinct titles stated.")
    labels: list[str] = Field(
        default_factory=list, description="Distinct texts as written (document mentions, subjects, names)."
    )
    mentions: list[Mention] = Field(default_factory=list, description="Every fact, by (source, start).")


class Change(_Record):
    """One aligned item that was added, removed, changed (or, on request, unchanged)."""

    record: Literal["change"] = "change"
    old_bucket: str
    new_bucket: str
    kind: str = Field(description="document, person, ratio, percent, quantity or money.")
    change: ChangeType
    key: str = Field(description="Alignment key: document/person `key`, or the normalised subject.")
    label: str = Field(description="Human-readable name: the most frequent text as written.")
    old: Side | None = None
    new: Side | None = None
    titles_added: list[str] = Field(default_factory=list)
    titles_removed: list[str] = Field(default_factory=list)
    delta: float | None = Field(None, description="new − old when each side has one numeric value.")


class KindCounts(BaseModel):
    model_config = ConfigDict(extra="forbid")

    added: int = 0
    removed: int = 0
    changed: int = 0
    unchanged: int = 0
    unaligned_old: int = Field(0, description="Indicator facts of the old side with no subject.")
    unaligned_new: int = Field(0, description="Indicator facts of the new side with no subject.")


class Pair(_Record):
    """Two buckets compared, with counts per kind; its change records follow it."""

    record: Literal["pair"] = "pair"
    old_bucket: str
    new_bucket: str
    changes: int = Field(description="Number of added + removed + changed items.")
    counts: dict[str, KindCounts]


class Bucket(_Record):
    """One side of the comparison: an input file, or the articles of one period."""

    record: Literal["bucket"] = "bucket"
    name: str = Field(description="'old' / 'new' for two files; '2024', '2024-Q3', '2024-07' or 'undated'.")
    path: str | None = Field(None, description="The input file (two-file mode).")
    dated: bool = Field(True, description="False for the 'undated' bucket: reported, never compared.")
    articles: int
    sources: list[str]
    facts: dict[str, int] = Field(description="Facts per kind.")


DiffRecord = Annotated[Bucket | Pair | Change, Field(discriminator="record")]
DIFF_RECORD: TypeAdapter[Bucket | Pair | Change] = TypeAdapter(DiffRecord)


def change_schema() -> dict[str, object]:
    """JSON Schema of a `de06 diff --format jsonl` line."""
    schema = DIFF_RECORD.json_schema(by_alias=True)
    schema["title"] = "de06 diff record (" + DIFF_SCHEMA + ")"
    return schema


class DiffReport(BaseModel):
    buckets: list[Bucket]
    pairs: list[Pair]
    changes: list[Change]

    @property
    def changed(self) -> bool:
        return any(p.changes for p in self.pairs)

    def records(self) -> Iterator[Bucket | Pair | Change]:
        yield from self.buckets
        for pair in self.pairs:
            yield pair
            yield from self.changes_of(pair)

    def changes_of(self, pair: Pair) -> list[Change]:
        return [c for c in self.changes if (c.old_bucket, c.new_bucket) == (pair.old_bucket, pair.new_bucket)]


# --------------------------------------------------------------------------- normalisation


class SubjectNormalizer:
    """Normalises indicator subjects (and titles) for alignment, driven by the `diff` pack."""

    def __init__(self, pack: RulePack | None = None) -> None:
        if pack is None:
            pack = load_packs()["diff"]
        lex = pack.spec.lexicon
        tables = pack.spec.tables
        self.leading = self._alternation(lex.get("leading", []), anchored=True)
        self.fillers = self._alternation(lex.get("fillers", []), anchored=False)
        self.synonyms = {self.basic(k): self.basic(v) for k, v in tables.get("synonyms", {}).items()}

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


def _fmt_number(v: float) -> str:
    if v == int(v) and abs(v) < 1e18:
        return str(int(v))
    return f"{v:.6g}"


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


def _clean(text: str) -> str:
    return " ".join(text.split())


def _index(articles: Iterable[Article], norm: SubjectNormalizer, kinds: frozenset[str]) -> _Index:
    idx = _Index()
    for art in articles:
        for fact in art.facts:
            if fact.kind not in kinds:
                continue
            mention = Mention(
                source=art.source,
                article=art.id,
                published=art.published,
                start=fact.start,
                end=fact.end,
                text=fact.text,
            )
            if fact.kind in ("document", "person"):
                key = getattr(fact, "key", "")
                if not key:
                    continue
                item = idx.items.setdefault((fact.kind, key), _Item())
                if fact.kind == "person":
                    item.labels[_clean(getattr(fact, "name", fact.text))] += 1
                    for title in getattr(fact, "titles", []):
                        t, written = norm.basic(title), _clean(title)
                        item.titles[t] = min(item.titles.get(t, written), written)  # order-independent
                else:
                    item.labels[_clean(fact.text)] += 1
                item.mentions.append(mention)
                continue
            subject = getattr(fact, "subject" if fact.kind == "percent" else "unit", None)
            if fact.kind == "money":
                subject = getattr(fact, "subject", None)
            key = norm(subject) if subject else ""
            if not key:
                idx.unaligned[fact.kind] += 1
                continue
            item = idx.items.setdefault((fact.kind, key), _Item())
            item.labels[_clean(subject or "")] += 1
            label, number = _value(fact)
            item.values.setdefault(label, (number, label))
            item.numbers.add(number)
            item.mentions.append(mention)
    return idx


def _value(fact: object) -> tuple[str, float]:
    """A fact's value as a label and a number to order and subtract by."""
    kind = getattr(fact, "kind", "")
    qualifier = getattr(fact, "qualifier", None)
    prefix = f"{qualifier} " if qualifier else ""
    if kind == "ratio":
        n, d = int(getattr(fact, "numerator", 0)), int(getattr(fact, "denominator", 0))
        return f"{n}/{d}", (n / d if d else float(n))
    value = float(getattr(fact, "value", 0.0))
    if kind == "percent":
        return f"{prefix}{_fmt_number(value)}%", value
    if kind == "money":
        return f"{prefix}{_fmt_number(value)} {getattr(fact, 'currency', '')}", value
    return f"{prefix}{_fmt_number(value)}", value  # quantity: the unit is the alignment key


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
) -> tuple[Pair, list[Change]]:
    """Compare two sets of articles; the pair's counts and its change records in order."""
    norm = normalizer or SubjectNormalizer()
    wanted = frozenset(kinds) & frozenset(ALIGNED_KINDS)
    a, b = _index(old, norm, wanted), _index(new, norm, wanted)
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
) -> DiffReport:
    """Two extractions: buckets 'old' and 'new' (or `names`), one pair."""
    if names[0] == names[1]:
        raise ValueError("the two buckets need different names")
    pair, changes = diff_articles(old, new, names, normalizer=normalizer, kinds=kinds, unchanged=unchanged)
    buckets = [_bucket_record(names[0], old, old_path), _bucket_record(names[1], new, new_path)]
    return DiffReport(buckets=buckets, pairs=[pair], changes=changes)


def diff_by_period(
    articles: list[Article],
    period: str = "year",
    *,
    normalizer: SubjectNormalizer | None = None,
    kinds: Iterable[str] = ALIGNED_KINDS,
    unchanged: bool = False,
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
            groups[a], groups[b], (a, b), normalizer=norm, kinds=kinds, unchanged=unchanged
        )
        pairs.append(pair)
        changes.extend(ch)
    return DiffReport(buckets=buckets, pairs=pairs, changes=changes)


# --------------------------------------------------------------------------- rendering


def render_jsonl(report: DiffReport) -> str:
    return "".join(r.model_dump_json(by_alias=True) + "\n" for r in report.records())


def _side_text(change: Change, side: Side | None) -> str:
    if side is None:
        return "—"
    if change.kind == "person":
        return "; ".join(side.titles) or "(no title)"
    if change.kind == "document":
        n = len(side.mentions)
        return f"{n} mention" + ("" if n == 1 else "s")
    return ", ".join(side.values)


def _sources(side: Side | None) -> list[str]:
    return sorted({m.source for m in side.mentions}) if side else []


def _describe(change: Change) -> str:
    """The 'what' cell: the label, plus the added/removed titles or the delta."""
    parts = [change.label]
    if change.kind in INDICATOR_KINDS and change.old and change.new:
        was = [t for t in change.old.labels if t not in change.new.labels]
        if was:
            parts[0] += f" ({change.old_bucket}: {'; '.join(was)})"
    if change.titles_added:
        parts.append("+ " + "; ".join(change.titles_added))
    if change.titles_removed:
        parts.append("− " + "; ".join(change.titles_removed))
    if change.delta is not None:
        sign = "+" if change.delta >= 0 else "−"
        parts.append(f"Δ {sign}{_fmt_number(abs(change.delta))}")
    return " ".join(parts) if len(parts) == 1 else parts[0] + " (" + ", ".join(parts[1:]) + ")"


def _count_columns(c: KindCounts) -> list[str]:
    return [
        str(c.added),
        str(c.removed),
        str(c.changed),
        str(c.unchanged),
        f"{c.unaligned_old}/{c.unaligned_new}",
    ]


_COUNT_HEADERS = ["added", "removed", "changed", "unchanged", "unaligned old/new"]


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _md_mentions(side: Side | None) -> str:
    if side is None:
        return ""
    return "<br>".join(_md(f"{m.source} [{m.start}:{m.end}] “{m.text}”") for m in side.mentions)


def render_markdown(report: DiffReport) -> str:
    out = StringIO()
    w = out.write
    w("# de06 diff\n\n| bucket | articles | facts | file |\n|---|---:|---:|---|\n")
    for b in report.buckets:
        note = "" if b.dated else " (not compared)"
        w(f"| {b.name}{note} | {b.articles} | {sum(b.facts.values())} | {_md(b.path or '')} |\n")
    if not report.pairs:
        w("\nNothing to compare: fewer than two dated buckets.\n")
    for pair in report.pairs:
        w(f"\n## {pair.old_bucket} → {pair.new_bucket}\n\n")
        if not pair.changes:
            w("No changes.\n")
        w("| kind | " + " | ".join(_COUNT_HEADERS) + " |\n|---|" + "---:|" * len(_COUNT_HEADERS) + "\n")
        for kind, kc in pair.counts.items():
            w(f"| {kind} | " + " | ".join(_count_columns(kc)) + " |\n")
        mine = report.changes_of(pair)
        for kind in pair.counts:
            rows = [c for c in mine if c.kind == kind]
            if not rows:
                continue
            w(f"\n### {kind}\n\n| change | item | {pair.old_bucket} | {pair.new_bucket} | provenance |\n")
            w("|---|---|---|---|---|\n")
            for c in rows:
                prov = "<br>".join(x for x in (_md_mentions(c.old), _md_mentions(c.new)) if x)
                w(
                    f"| {c.change} | {_md(_describe(c))} | {_md(_side_text(c, c.old))} | "
                    f"{_md(_side_text(c, c.new))} | {prov} |\n"
                )
    return out.getvalue()


def render_table(report: DiffReport, file: IO[str] | None = None) -> None:
    """Rich tables: buckets, then per pair the counts per kind and the changes per kind."""
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    console = Console(file=file, highlight=False)
    buckets = Table(title="buckets")
    for col in ("bucket", "articles", "facts", "file"):
        buckets.add_column(col, justify="right" if col in ("articles", "facts") else "left")
    for b in report.buckets:
        name = b.name if b.dated else f"{b.name} (not compared)"
        buckets.add_row(escape(name), str(b.articles), str(sum(b.facts.values())), escape(b.path or ""))
    console.print(buckets)
    if not report.pairs:
        console.print("Nothing to compare: fewer than two dated buckets.")
    for pair in report.pairs:
        head = f"{pair.old_bucket} → {pair.new_bucket}"
        counts = Table(title=f"{head}: {pair.changes} change(s)" if pair.changes else f"{head}: no changes")
        counts.add_column("kind")
        for col in _COUNT_HEADERS:
            counts.add_column(col, justify="right")
        for kind, kc in pair.counts.items():
            counts.add_row(kind, *_count_columns(kc))
        console.print(counts)
        mine = report.changes_of(pair)
        for kind in pair.counts:
            rows = [c for c in mine if c.kind == kind]
            if not rows:
                continue
            table = Table(title=f"{head}: {kind}")
            for col in ("change", "item", pair.old_bucket, pair.new_bucket, "sources"):
                table.add_column(col)
            style = {"added": "green", "removed": "red", "changed": "yellow", "unchanged": "dim"}
            for c in rows:
                srcs = ", ".join(sorted(set(_sources(c.old)) | set(_sources(c.new))))
                cells = (_describe(c), _side_text(c, c.old), _side_text(c, c.new), srcs)
                table.add_row(f"[{style[c.change]}]{c.change}[/]", *(escape(x) for x in cells))
            console.print(table)
