"""Duckling-style corpus tests: tests/corpus/<kind>.toml, examples grouped by expected value, negatives."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from de06_extract import extract_text
from de06_extract.evaluate import values_equal

from .conftest import assert_offsets

CORPUS_FILES = sorted((Path(__file__).parent / "corpus").glob("*.toml"))
_META = {"texts", "expect"}


def _cases() -> list[Any]:
    cases = []
    for path in CORPUS_FILES:
        spec = tomllib.loads(path.read_text(encoding="utf-8"))
        published = spec.get("published")
        for ex in spec.get("examples", []):
            kind = ex.get("kind", spec["kind"])
            expect = ex.get("expect") or [{k: v for k, v in ex.items() if k not in _META}]
            for text in ex["texts"]:
                cases.append(pytest.param(kind, published, text, expect, id=f"{path.stem}:{text}"))
    return cases


def _negatives() -> list[Any]:
    cases = []
    for path in CORPUS_FILES:
        spec = tomllib.loads(path.read_text(encoding="utf-8"))
        for text in spec.get("negatives", {}).get("texts", []):
            cases.append(
                pytest.param(spec["kind"], spec.get("published"), text, id=f"{path.stem}:not:{text}")
            )
    return cases


@pytest.mark.parametrize(("kind", "published", "text", "expect"), _cases())
def test_example(kind: str, published: str | None, text: str, expect: list[dict[str, Any]]) -> None:
    article = extract_text(text, published=published)
    assert_offsets(article, text)
    facts = [f.model_dump() for f in article.facts if f.kind == kind]
    assert len(facts) == len(expect), facts
    for want, got in zip(expect, facts, strict=True):
        for field, value in want.items():
            assert values_equal(value, got[field]), (field, value, got)


@pytest.mark.parametrize(("kind", "published", "text"), _negatives())
def test_negative(kind: str, published: str | None, text: str) -> None:
    article = extract_text(text, published=published)
    assert [f.text for f in article.facts if f.kind == kind] == []
