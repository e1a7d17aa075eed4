"""The pipeline: normalise → zones → sentences → recognizers → resolve → validated Article.

`extract_text` is a pure function of (text, metadata): rule packs are loaded, checked and compiled
once per process (under a lock), and neither the pipeline nor its recognizers keep anything of an
article once built, so it is safe to call from threads, worker processes and Spark/Dask partition maps.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterable
from functools import lru_cache
from itertools import islice
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from .dates import YearRules, normalise_published, path_date
from .decoding import replace_surrogates
from .document import Doc
from .html import PageMeta
from .models import FACT_MODELS, Article, ErrorRecord, Warning_
from .normalize import normalize
from .recognizers import Candidate, Recognizer, Services, build_recognizers
from .resolve import select
from .rulepacks import cpu_timer, load_packs, save_compiled
from .segment import split_sentences
from .stance import StanceReader
from .zones import ZoneClassifier, credited, dedupe

# At most this many candidates of one kind per article: a text dense with facts (hostile input)
# gets the first ones and a `too_many_facts` warning instead of gigabytes of facts.
MAX_FACTS = 20_000
_TOO_MANY = f"more than {MAX_FACTS} {{}} facts: only the first {MAX_FACTS} found are kept"

_FIELD_NAMES = {kind: frozenset(model.model_fields) for kind, model in FACT_MODELS.items()}


class Pipeline:
    """Compiled rule packs and recognizers; `run` turns one text into one Article."""

    def __init__(self, patterns_dir: Path | None = None) -> None:
        self.packs = load_packs(patterns_dir)
        self.zones = ZoneClassifier(self.packs["zones"], frozenset(self.packs["person"].lexicon("surnames")))
        html = self.packs["html"]
        self.author_prefix = html.compile(r"^\s*+(?:{author_prefixes})\s*+")
        self.domain_name = html.compile(r"\s(?:{domain_words})$", case_sensitive=True)
        self.stance = StanceReader(self.packs["stance"])
        self.years = YearRules(self.packs["date"])
        self.recognizers: list[Recognizer] = build_recognizers(Services(self.packs))
        save_compiled()

    def run(
        self,
        text: str,
        source: str = "-",
        *,
        published: str | None = None,
        title: str | None = None,
        encoding: str | None = None,
        authors: list[str] | None = None,
        default_published: str | None = None,
        page: PageMeta | None = None,
        with_text: bool = False,
    ) -> Article:
        """One article. `title`, `published` and `authors` given with the input win over the page's
        metadata (`page`, HTML input: `text` then starts with its headline), which wins over the text;
        a missing `published` comes from the page's timestamp line, then a date in `source` (the
        path), then `default_published` (a whole run's `--published`). See docs/articles.md. The
        article carries `text` when `with_text` or `page` is given."""
        doc = Doc(source=source, norm=normalize(text))
        given = normalise_published(published) if published else None
        if published and given is None:
            doc.warn("bad_published", f"the published value {published[:40]!r} is not a date; ignored")
        self.zones.apply(doc, title=title if page is None else None, published=given)
        fallback = normalise_published(default_published) if default_published else None
        doc.published = doc.published or path_date(source) or fallback
        if page is not None:
            doc.title = title or page.title or doc.title
            doc.authors = self.page_authors(page) or doc.authors
        if authors:
            doc.authors = list(authors)
        split_sentences(doc)
        errors: list[ErrorRecord] = []
        candidates: list[Candidate] = []
        with cpu_timer():  # bounds each pattern run (rulepacks.timer_allowance)
            for rec in self.recognizers:
                try:
                    found = list(islice(rec.recognize(doc), MAX_FACTS + 1))
                    if len(found) > MAX_FACTS:  # hostile input: memory must stay bounded per article
                        del found[MAX_FACTS:]
                        doc.warnings.append(
                            Warning_(code="too_many_facts", message=_TOO_MANY.format(rec.kind))
                        )
                    candidates.extend(found)
                except Exception as exc:  # one broken rule must not lose the article's other facts
                    errors.append(
                        ErrorRecord(code="internal_error", message=f"{rec.kind}: {type(exc).__name__}: {exc}")
                    )
        chosen = select(candidates)
        self.years.apply(doc, chosen)
        self.stance.apply(doc, chosen)
        facts = [self._fact(doc, c) for c in chosen]
        return Article(
            id=content_id(text),
            source=source,
            title=doc.title,
            published=doc.published,
            authors=doc.authors,
            site=page.site if page else None,
            url=page.url if page else None,
            encoding=encoding,
            facts=facts,
            warnings=doc.warnings,
            errors=errors,
            text=text if with_text or page else None,
        )

    def page_authors(self, page: PageMeta) -> list[str]:
        """Names in a page's author field: lead words cut ("Theo Hồ Hương"), domain names dropped
        ("VCCorp vn"), the rest read with the byline rules (outlets dropped, capitals title-cased)."""
        names: list[str] = []
        for who in page.authors:
            if not self.domain_name.search(who):
                names.extend(credited(self.author_prefix.sub("", who), self.zones.not_credited))
        return dedupe(names)

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


_BUILD_LOCK = threading.Lock()


def get_pipeline(patterns_dir: Path | None = None) -> Pipeline:
    """The process-wide pipeline for a rule-pack folder, built on first use by one thread (the models
    underthesea loads lazily are loaded under the adapter's own lock, on first need)."""
    with _BUILD_LOCK:
        return _pipeline(patterns_dir)


@lru_cache(maxsize=4)
def _pipeline(patterns_dir: Path | None) -> Pipeline:
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
    text: str,
    *,
    source: str = "-",
    published: str | None = None,
    title: str | None = None,
    authors: list[str] | None = None,
    patterns_dir: Path | None = None,
) -> Article:
    """Extract every fact from one article's text (the public Python API); given metadata wins
    over what the text says (docs/articles.md). `patterns_dir`: a folder of rule packs to use instead
    of `$DE06_PATTERNS` or the shipped ones.

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
    article = get_pipeline(patterns_dir).run(text, source, published=published, title=title, authors=authors)
    article.warnings[:0] = warnings
    return article
