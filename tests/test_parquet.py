"""Parquet in and out, the generated Arrow schema and the facts table (`de06 table`)."""

from __future__ import annotations

import csv
from collections import Counter
from datetime import date
from pathlib import Path

import orjson
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from de06_extract.api import extract_paths
from de06_extract.cli import app
from de06_extract.models import FACT_MODELS, Article
from de06_extract.parquet import ARTICLE_SCHEMA, FACT_TYPE, RENAMED, _union_struct, article_row, row_article
from de06_extract.table import FACTS_SCHEMA, date_span, facts_table
from tests.conftest import ROOT, SAMPLES, assert_offsets

runner = CliRunner()


@pytest.fixture(scope="module")
def samples_jsonl(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("x") / "samples.jsonl"
    result = runner.invoke(app, ["extract", "-q", str(SAMPLES), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


def test_fact_struct_is_generated_from_every_model_field() -> None:
    columns = {f.name for f in FACT_TYPE}
    for kind, model in FACT_MODELS.items():
        for name in model.model_fields:
            assert RENAMED.get(kind, {}).get(name, name) in columns, (kind, name)
    assert FACT_TYPE.field("date").type == pa.string()
    assert FACT_TYPE.field("value").type == pa.float64()
    assert FACT_TYPE.field("titles").type == pa.list_(pa.string())
    assert ARTICLE_SCHEMA.names[:3] == ["schema", "id", "source"]


def test_a_field_with_two_types_must_be_renamed() -> None:
    a = {"properties": {"kind": {"const": "a", "type": "string"}, "v": {"type": "string"}}}
    b = {"properties": {"kind": {"const": "b", "type": "string"}, "v": {"type": "number"}}}
    with pytest.raises(TypeError, match="RENAMED"):
        _union_struct([a, b], {})


def test_article_rows_round_trip(samples_jsonl: Path) -> None:
    for line in samples_jsonl.read_bytes().splitlines():
        article = Article.model_validate_json(line)
        assert row_article(article_row(article)) == article


def test_parquet_output_and_table_equal_jsonl(samples_jsonl: Path, tmp_path: Path) -> None:
    out = tmp_path / "samples.parquet"
    assert runner.invoke(app, ["extract", "-q", str(SAMPLES), "-o", str(out)]).exit_code == 0
    read_back = [row_article(r) for r in pq.read_table(out).to_pylist()]
    assert read_back == [Article.model_validate_json(x) for x in samples_jsonl.read_bytes().splitlines()]
    for source, target in ((samples_jsonl, "a.parquet"), (out, "b.parquet")):
        result = runner.invoke(app, ["table", str(source), "-o", str(tmp_path / target)])
        assert result.exit_code == 0, result.output
    a, b = pq.read_table(tmp_path / "a.parquet"), pq.read_table(tmp_path / "b.parquet")
    assert a.schema == FACTS_SCHEMA
    assert a.equals(b)
    total = sum(len(x.facts) for x in read_back)
    assert a.num_rows == total > 100


def test_csv_opens_with_the_csv_module(samples_jsonl: Path, tmp_path: Path) -> None:
    out = tmp_path / "facts.csv"
    assert runner.invoke(app, ["table", str(samples_jsonl), "-o", str(out)]).exit_code == 0
    with open(out, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    articles = [Article.model_validate_json(x) for x in samples_jsonl.read_bytes().splitlines()]
    facts = [(a, f) for a in articles for f in a.facts]
    assert len(rows) == len(facts)
    for row, (article, fact) in zip(rows, facts, strict=True):
        assert (row["article_id"], row["kind"], row["text"]) == (article.id, fact.kind, fact.text)
        assert int(row["start"]) == fact.start
        if fact.kind == "person":
            assert row["titles"] == "; ".join(fact.titles)  # type: ignore[union-attr]


def test_date_spans_follow_grain_and_ranges() -> None:
    assert date_span("2024-Q3") == (date(2024, 7, 1), date(2024, 9, 30))
    assert date_span("2024-02") == (date(2024, 2, 1), date(2024, 2, 29))
    assert date_span("2023-05-23") == (date(2023, 5, 23), date(2023, 5, 23))
    assert date_span("2023-12-22T03:17") == (date(2023, 12, 22), date(2023, 12, 22))
    assert date_span("2025") == (date(2025, 1, 1), date(2025, 12, 31))
    assert date_span("--06-01") == (None, None)
    assert date_span("2023-02-30") == (None, None)
    base = {"text": "x", "start": 0, "end": 1, "zone": "body", "sentence": 0, "score": 1.0, "rule": "r"}
    facts = [
        {**base, "kind": "date", "date": "2024-03", "grain": "month", "range": "start"},
        {**base, "kind": "date", "date": "2024-05", "grain": "month", "range": "end"},
    ]
    other = {**base, "kind": "percent", "value": 5.0}
    articles = pa.Table.from_pylist(
        [
            {"id": "a", "source": "s", "facts": [facts[0], other, facts[1]]},
            {"id": "b", "facts": facts[1:]},
        ],
        schema=ARTICLE_SCHEMA,
    )
    rows = facts_table(articles).to_pylist()
    assert [(r["article_id"], r["date_start"], r["date_end"]) for r in rows] == [
        ("a", date(2024, 3, 1), date(2024, 5, 31)),
        ("a", None, None),
        ("a", date(2024, 3, 1), date(2024, 5, 31)),
        ("b", date(2024, 5, 1), date(2024, 5, 31)),  # an end without its start, in another article
    ]


def test_extract_reads_parquet_inputs(tmp_path: Path) -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("0[1-3]*.txt"))]
    table = pa.table(
        {
            "doc_id": [11, 12, 13, 14],
            "body": [*texts, None],
            "id": [1, 2, 3, 4],
            "published": [date(2024, 1, 2), None, None, None],
            "title": ["Tiêu đề", None, None, None],
        }
    )
    (tmp_path / "in").mkdir()
    pq.write_table(table, tmp_path / "in" / "in.parquet")
    out = tmp_path / "out.jsonl"
    args = ["extract", "-q", str(tmp_path / "in"), "-o", str(out), "--text-column", "body"]
    result = runner.invoke(app, args)
    assert result.exit_code == 1  # the row without text
    got = [Article.model_validate_json(x) for x in out.read_bytes().splitlines()]
    assert [a.source for a in got] == [f"in.parquet#{i}" for i in (1, 2, 3, 4)]
    assert got[0].published == "2024-01-02" and got[0].title == "Tiêu đề"
    assert got[3].errors[0].code == "bad_record"
    for article, text in zip(got, texts, strict=False):
        assert article.facts
        assert_offsets(article, text)
    jsonl = tmp_path / "same.jsonl"
    jsonl.write_bytes(b"".join(orjson.dumps({"id": i, "text": t}) + b"\n" for i, t in enumerate(texts, 1)))
    same = list(extract_paths([str(jsonl)]))
    assert [a.facts for a in same[1:]] == [a.facts for a in got[1:3]]


def test_parquet_input_without_the_text_column(tmp_path: Path) -> None:
    pq.write_table(pa.table({"x": ["a"]}), tmp_path / "in.parquet")
    (article,) = extract_paths([str(tmp_path / "in.parquet")])
    assert article.errors[0].code == "bad_record" and "'text'" in article.errors[0].message


def test_docs_duckdb_queries_run_on_the_facts_table(
    samples_jsonl: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every SQL block of docs/tables.md runs in DuckDB over the samples' facts table, and the
    first one (facts per kind) gives the JSONL's counts."""
    duckdb = pytest.importorskip("duckdb")
    assert (
        runner.invoke(app, ["table", str(samples_jsonl), "-o", str(tmp_path / "facts.parquet")]).exit_code
        == 0
    )
    doc = (ROOT / "docs" / "tables.md").read_text(encoding="utf-8")
    queries = [block.split("```", 1)[0] for block in doc.split("```sql\n")[1:]]
    assert len(queries) >= 3
    monkeypatch.chdir(tmp_path)
    results = [duckdb.sql(query).fetchall() for query in queries]
    articles = [orjson.loads(line) for line in samples_jsonl.read_bytes().splitlines()]
    expected = Counter(fact["kind"] for article in articles for fact in article["facts"])
    assert dict(results[0]) == expected
    assert all(results)
