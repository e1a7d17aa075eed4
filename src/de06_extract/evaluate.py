"""Scoring an extraction against gold: precision/recall/F1 per kind, per-field accuracy."""

from __future__ import annotations

import math
import tomllib
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from .decoding import decode_bytes
from .models import FACT_MODELS

IDENTITY: dict[str, tuple[str, ...]] = {kind: model.identity for kind, model in FACT_MODELS.items()}
_SPAN_KEYS = {"kind", "text", "nth", "zone", "start", "end"}
# A gold field given as "none" expects null (TOML has no null): `stance = "none"`.
NONE = "none"
# Fields also scored apart where the gold states a value ("stance (stated)") and where it is null.
SPLIT_NULL = ("stance", "period_value")


@dataclass
class GoldFact:
    kind: str
    start: int
    end: int
    zone: str
    fields: dict[str, Any]


@dataclass
class GoldArticle:
    name: str
    annotated: set[str]
    facts: list[GoldFact]
    article: dict[str, Any]


def _key(source: str) -> str:
    name = Path(source).name
    return name.split(".", 1)[0]


def load_gold(path: Path, texts: Path | None = None) -> dict[str, GoldArticle]:
    """Gold files (`*.gold.toml`) of a folder, or one file; spans found from `text` + `nth`.

    Each article `<name>.*` is read beside its gold file, or from the folder `texts` when given.
    """
    files = sorted(path.glob("*.gold.toml")) if path.is_dir() else [path]
    out: dict[str, GoldArticle] = {}
    for gold_path in files:
        name = gold_path.name.removesuffix(".gold.toml")
        folder = gold_path.parent if texts is None else texts
        article_path = next((p for p in folder.glob(name + ".*") if not p.name.endswith(".gold.toml")), None)
        if article_path is None:
            raise ValueError(f"{gold_path}: no article file {name}.* in {folder}")
        text = decode_bytes(article_path.read_bytes()).text
        data = tomllib.loads(gold_path.read_text(encoding="utf-8"))
        facts = [_locate(gold_path, text, raw) for raw in data.get("facts", [])]
        out[name] = GoldArticle(name, set(data.get("annotated", [])), facts, data.get("article", {}))
    return out


def _locate(gold_path: Path, text: str, raw: dict[str, Any]) -> GoldFact:
    needle, nth = raw["text"], int(raw.get("nth", 1))
    at = -1
    for _ in range(nth):
        at = text.find(needle, at + 1)
        if at < 0:
            raise ValueError(f"{gold_path}: {needle!r} does not occur {nth} time(s)")
    fields = {k: v for k, v in raw.items() if k not in _SPAN_KEYS}
    return GoldFact(raw["kind"], at, at + len(needle), raw.get("zone", "body"), fields)


def load_extraction(path: Path) -> dict[str, dict[str, Any]]:
    """Article lines of a JSONL extraction, keyed like the gold (file stem)."""
    out: dict[str, dict[str, Any]] = {}
    with open(path, "rb") as fh:
        for line in fh:
            if line.strip():
                art = orjson.loads(line)
                out[_key(art["source"])] = art
    return out


@dataclass
class KindScore:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    field_hits: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    field_total: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def field_accuracy(self, name: str) -> float:
        total = self.field_total.get(name, 0)
        return self.field_hits.get(name, 0) / total if total else 1.0


@dataclass
class EvalResult:
    kinds: dict[str, KindScore]
    article_fields: KindScore

    def as_dict(self) -> dict[str, Any]:
        def one(s: KindScore) -> dict[str, Any]:
            return {
                "tp": s.tp,
                "fp": s.fp,
                "fn": s.fn,
                "precision": round(s.precision, 4),
                "recall": round(s.recall, 4),
                "f1": round(s.f1, 4),
                "fields": {k: round(s.field_accuracy(k), 4) for k in sorted(s.field_total)},
                "errors": s.misses,
            }

        return {
            "kinds": {k: one(v) for k, v in sorted(self.kinds.items())},
            "article": one(self.article_fields),
        }


def values_equal(gold: Any, got: Any) -> bool:
    """Equality with floats compared to 1e-9 relative and lists compared element-wise; gold NONE is null."""
    if gold == NONE:
        return got is None
    if isinstance(gold, float) or isinstance(got, float):
        if not isinstance(gold, (int, float)) or not isinstance(got, (int, float)):
            return False
        return math.isclose(float(gold), float(got), rel_tol=1e-9, abs_tol=1e-12)
    return bool(gold == got)


def score(gold: dict[str, GoldArticle], extraction: dict[str, dict[str, Any]], zones: set[str]) -> EvalResult:
    """Greedy one-to-one matching per article and kind: same kind, overlapping spans, equal identity."""
    kinds: dict[str, KindScore] = defaultdict(KindScore)
    article_fields = KindScore()
    for name, g in gold.items():
        art = extraction.get(name, {"facts": []})
        for key in ("title", "published", "authors"):
            if key in g.article or key == "published":
                article_fields.field_total[key] += 1
                if values_equal(g.article.get(key), art.get(key)):
                    article_fields.field_hits[key] += 1
                else:
                    article_fields.misses.append(
                        f"{name}: {key} gold={g.article.get(key)!r} got={art.get(key)!r}"
                    )
        for kind in g.annotated:
            ks = kinds[kind]
            golds = [f for f in g.facts if f.kind == kind and f.zone in zones]
            preds = [f for f in art.get("facts", []) if f["kind"] == kind and f.get("zone", "body") in zones]
            used: set[int] = set()
            for gf in golds:
                match = next(
                    (
                        i
                        for i, p in enumerate(preds)
                        if i not in used
                        and p["start"] < gf.end
                        and gf.start < p["end"]
                        and all(
                            values_equal(gf.fields.get(k), p.get(k))
                            for k in IDENTITY[kind]
                            if k in gf.fields or p.get(k) is not None
                        )
                    ),
                    None,
                )
                if match is None:
                    ks.fn += 1
                    ks.misses.append(f"{name}: missed {kind} {gf.fields} at {gf.start}")
                    continue
                used.add(match)
                ks.tp += 1
                for k, v in gf.fields.items():
                    if k in IDENTITY[kind]:
                        continue
                    names = [k, f"{k} ({'null' if v == NONE else 'stated'})"] if k in SPLIT_NULL else [k]
                    hit = values_equal(v, preds[match].get(k))
                    for name_ in names:
                        ks.field_total[name_] += 1
                        ks.field_hits[name_] += hit
                    if not hit:
                        ks.misses.append(f"{name}: {kind} field {k} gold={v!r} got={preds[match].get(k)!r}")
            for i, p in enumerate(preds):
                if i not in used:
                    ks.fp += 1
                    ks.misses.append(f"{name}: spurious {kind} {p['text']!r} at {p['start']}")
    return EvalResult(dict(kinds), article_fields)


def print_scores(result: EvalResult) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title="de06 eval")
    for col in ("kind", "tp", "fp", "fn", "precision", "recall", "F1", "field accuracy"):
        table.add_column(col, justify="right" if col not in ("kind", "field accuracy") else "left")
    for kind, s in sorted(result.kinds.items()):
        fields = ", ".join(f"{k} {s.field_accuracy(k):.2f}" for k in sorted(s.field_total))
        table.add_row(
            kind,
            str(s.tp),
            str(s.fp),
            str(s.fn),
            f"{s.precision:.3f}",
            f"{s.recall:.3f}",
            f"{s.f1:.3f}",
            fields,
        )
    a = result.article_fields
    table.add_row(
        "article",
        "",
        "",
        "",
        "",
        "",
        "",
        ", ".join(f"{k} {a.field_accuracy(k):.2f}" for k in sorted(a.field_total)),
    )
    Console().print(table)
