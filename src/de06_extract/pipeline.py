"""The pipeline: normalise → zones → sentences → recognizers → resolve → validated Article.

`extract_text` is a pure function of (text, metadata); rule packs are loaded and compiled once
per process, so it is safe to call from worker processes and from Spark/Dask partition maps.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from functools import lru_cache
from itertools import islice
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from .decoding import replace_surrogates
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
    Warning_,
)
from .normalize import normalize
from .recognizers import Candidate, Recognizer, build_recognizers
from .resolve import infer_years, select
from .rulepacks import load_packs
from .segment import split_sentences
from .zones import ZoneClassifier

# At most this many candidates of one kind per article: a text dense with facts (hostile input)
# gets the first ones and a `too_many_facts` warning instead of gigabytes of facts.
MAX_FACTS = 20_000
_TOO_MANY = f"more than {MAX_FACTS} {{}} facts: only the first {MAX_FACTS} found are kept"

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
                found = list(islice(rec.recognize(doc), MAX_FACTS + 1))
                if len(found) > MAX_FACTS:  # hostile input: memory must stay bounded per article
                    del found[MAX_FACTS:]
                    doc.warnings.append(Warning_(code="too_many_facts", message=_TOO_MANY.format(rec.kind)))
                candidates.extend(found)
            except Exception as exc:  # one broken rule must not lose the article's other facts
                errors.append(
                    ErrorRecord(code="internal_error", message=f"{rec.kind}: {type(exc).__name__}: {exc}")
                )
        chosen = select(candidates)
        infer_years(chosen, doc.published)
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


def empty_article(
    text: str, source: str, *, encoding: str | None = None, warnings: Iterable[Warning_] = ()
) -> Article | None:
    """The article of a text that holds nothing but whitespace (warning `empty`); None otherwise."""
    if text.strip():
        return None
    empty = Warning_(code="empty", message="the input holds no text" if not text else "whitespace only")
    return Article(id=content_id(text), source=source, encoding=encoding, warnings=[*warnings, empty])


def extract_text(
    text: str, *, source: str = "-", published: str | None = None, title: str | None = None
) -> Article:
    """Extract every fact from one article's text (the public Python API).

    `encoding` is null: the text came as a string, no bytes were decoded. Lone surrogates (which
    UTF-8 cannot encode) are replaced by U+FFFD, one for one, with a `lone_surrogate` warning.
    """
    warnings: list[Warning_] = []
    text, n = replace_surrogates(text)
    if n:
        message = f"{n} lone surrogate(s) replaced by U+FFFD (offsets unchanged)"
        warnings.append(Warning_(code="lone_surrogate", message=message))
    source, title = replace_surrogates(source)[0], title and replace_surrogates(title)[0]
    blank = empty_article(text, source, warnings=warnings)
    if blank is not None:
        return blank
    article = get_pipeline().run(text, source, published=published, title=title)
    article.warnings[:0] = warnings
    return article
