"""The pipeline: normalise → zones → sentences → recognizers → resolve → validated Article.

`extract_text` is a pure function of (text, metadata); rule packs are loaded and compiled once
per process, so it is safe to call from worker processes and from Spark/Dask partition maps.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from .document import Doc
from .models import (
    Article,
    DateFact,
    DocumentFact,
    ErrorRecord,
    MoneyFact,
    PercentFact,
    PersonFact,
    QuantityFact,
    RatioFact,
)
from .normalize import normalize
from .recognizers import Candidate, Recognizer, build_recognizers
from .resolve import infer_years, select
from .rulepacks import load_packs
from .segment import split_sentences
from .stance import StanceReader
from .zones import ZoneClassifier

FACT_MODELS: dict[str, type[BaseModel]] = {
    m.model_fields["kind"].default: m
    for m in (DateFact, RatioFact, PercentFact, MoneyFact, QuantityFact, DocumentFact, PersonFact)
}
_FIELD_NAMES = {kind: frozenset(model.model_fields) for kind, model in FACT_MODELS.items()}


class Pipeline:
    """Compiled rule packs and recognizers; `run` turns one text into one Article."""

    def __init__(self, patterns_dir: Path | None = None) -> None:
        self.packs = load_packs(patterns_dir)
        self.zones = ZoneClassifier(self.packs["zones"])
        self.stance = StanceReader(self.packs["stance"])
        self.recognizers: list[Recognizer] = build_recognizers(self.packs)

    def run(
        self,
        text: str,
        source: str = "-",
        *,
        published: str | None = None,
        title: str | None = None,
        encoding: str | None = None,
    ) -> Article:
        doc = Doc(source=source, norm=normalize(text))
        self.zones.apply(doc, title=title, published=published)
        split_sentences(doc)
        errors: list[ErrorRecord] = []
        candidates: list[Candidate] = []
        for rec in self.recognizers:
            try:
                candidates.extend(rec.recognize(doc))
            except Exception as exc:  # one broken rule must not lose the article's other facts
                errors.append(
                    ErrorRecord(code="internal_error", message=f"{rec.kind}: {type(exc).__name__}: {exc}")
                )
        chosen = select(candidates)
        infer_years(chosen, doc.published)
        self.stance.apply(doc, chosen)
        facts = [self._fact(doc, c) for c in chosen]
        return Article(
            id=content_id(text),
            source=source,
            title=doc.title,
            published=doc.published,
            authors=doc.authors,
            encoding=encoding,
            facts=facts,
            warnings=doc.warnings,
            errors=errors,
        )

    @staticmethod
    def _fact(doc: Doc, c: Candidate) -> BaseModel:
        model = FACT_MODELS[c.kind]
        start, end = doc.original_span(c.start, c.end)
        names = _FIELD_NAMES[c.kind]
        fields: dict[str, Any] = {k: v for k, v in c.fields.items() if k in names}
        return model(
            text=doc.norm.original[start:end],
            start=start,
            end=end,
            zone=doc.zone_at(c.start),
            sentence=doc.sentence_at(c.start),
            score=round(c.score, 4),
            rule=f"{c.kind}.{c.rule}",
            **fields,
        )


def content_id(text: str) -> str:
    """Stable id: the first 16 hex digits of the SHA-256 of the decoded text."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


@lru_cache(maxsize=4)
def get_pipeline(patterns_dir: Path | None = None) -> Pipeline:
    """The process-wide pipeline for a rule-pack folder (built on first use)."""
    return Pipeline(patterns_dir)


def extract_text(
    text: str, *, source: str = "-", published: str | None = None, title: str | None = None
) -> Article:
    """Extract every fact from one article's text (the public Python API)."""
    return get_pipeline().run(text, source, published=published, title=title)
