"""de06 on Spark in local[2]: the same articles and facts as `de06 extract`, bad rows as error records."""

from __future__ import annotations

import shutil
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import orjson
import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest

from de06_extract.api import extract_paths
from de06_extract.parquet import row_article
from de06_extract.table import facts_table
from tests.conftest import SAMPLES

pytestmark = pytest.mark.spark

if shutil.which("java") is None:
    pytest.skip("Spark needs Java", allow_module_level=True)

from pyspark.sql import SparkSession  # noqa: E402

from de06_extract.spark import Columns, extract_articles, extract_facts  # noqa: E402
from de06_extract.spark.job import guess_format, read_input, run, session  # noqa: E402


@pytest.fixture(scope="module")
def spark() -> Iterator[SparkSession]:
    s = session("local[2]")
    yield s
    s.stop()


def _articles(spark: SparkSession, path: Path | str, fmt: str) -> list[object]:
    rows = extract_articles(read_input(spark, str(path), fmt, "text")).toArrow().to_pylist()
    return sorted((row_article(r) for r in rows), key=lambda a: a.source)


def test_samples_give_the_same_articles_as_de06_extract(spark: SparkSession) -> None:
    expected = sorted(extract_paths([str(SAMPLES)]), key=lambda a: a.source)
    assert _articles(spark, SAMPLES, "text") == expected  # a local folder: the workers read the files
    assert _articles(spark, SAMPLES.as_uri(), "text") == expected  # a URI: Spark reads them
    assert sum(len(a.facts) for a in expected) > 100


def test_jsonl_and_parquet_inputs_match_de06_extract(spark: SparkSession, tmp_path: Path) -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("0[1-4]*.txt"))]
    (tmp_path / "j" / "sub dir").mkdir(parents=True)  # Spark names files by URI: "sub%20dir"
    (tmp_path / "p").mkdir()
    (tmp_path / "j" / "sub dir" / "notes.txt").write_text("not JSONL", encoding="utf-8")
    lines = [orjson.dumps({"id": f"a{i}", "text": t}) for i, t in enumerate(texts)]
    (tmp_path / "j" / "sub dir" / "in.jsonl").write_bytes(b"\n".join([*lines, b"{not json"]) + b"\n")
    pq.write_table(
        pa.table({"id": [f"a{i}" for i in range(4)], "text": texts}), tmp_path / "p" / "in.parquet"
    )
    for folder, fmt in (("j", "jsonl"), ("p", "parquet")):
        got = _articles(spark, tmp_path / folder, fmt)
        expected = sorted(extract_paths([str(tmp_path / folder)]), key=lambda a: a.source)
        good = [a for a in expected if not a.errors and "#" in a.source]  # rows, not notes.txt
        assert [a for a in got if not a.errors] == good
        assert len(good) == 4
    jsonl_errors = [a for a in _articles(spark, tmp_path / "j", "jsonl") if a.errors]
    assert [e.code for a in jsonl_errors for e in a.errors] == ["bad_record"]


def test_bad_rows_become_error_records(spark: SparkSession) -> None:
    good = (SAMPLES / "03-thu-tuong-nghi-quyet-57.txt").read_text(encoding="utf-8")
    df = spark.createDataFrame(
        [
            ("ok", good.encode("utf-8"), "2025-03-14"),
            ("nul", None, None),
            ("utf16", b"\xff\xfe\x00\xd8", None),
            ("empty", b"", None),
        ],
        "id string, body binary, published string",
    )
    articles = extract_articles(df, Columns(text="body"))
    rows = {r["source"]: r for r in articles.toArrow().to_pylist()}
    assert rows["ok"]["facts"] and not rows["ok"]["errors"]
    assert [e["code"] for e in rows["nul"]["errors"]] == ["bad_record"]
    assert [e["code"] for e in rows["utf16"]["errors"]] == ["decode_error"]
    assert [w["code"] for w in rows["empty"]["warnings"]] == ["empty"]
    facts = extract_facts(articles).toArrow()
    assert facts.num_rows == len(rows["ok"]["facts"])
    assert set(facts.column("article_id").to_pylist()) == {rows["ok"]["id"]}


@pytest.mark.parametrize("uri", [False, True], ids=["workers-write-facts", "facts-job"])
def test_the_job_is_idempotent_and_partitions_by_month(
    spark: SparkSession, tmp_path: Path, uri: bool
) -> None:
    """A local OUTPUT gets its facts from the workers, a URI from a second Spark job: the same table."""
    src = tmp_path / "in"
    src.mkdir()
    for p in sorted(SAMPLES.glob("0[1-3]*.txt")):
        shutil.copy(p, src / p.name)
    (src / "undated.txt").write_text("Không có ngày tháng nào ở đây.\n", encoding="utf-8")
    out = tmp_path / "out"
    assert guess_format(str(src)) == "text"
    kept = (
        out / "facts" / "published_year=1999" / "published_month=01" / "_kept"
    )  # in a partition this run does not write
    kept.parent.mkdir(parents=True)
    kept.touch()
    for _ in range(2):
        counts = run(spark, str(src), out.as_uri() if uri else str(out), "text", "text")
        assert counts["articles"] == 4 and counts["partitions"] == 4
        articles = ds.dataset(out / "articles", partitioning="hive").to_table()
        assert articles.num_rows == 4
    published = ("published_year", "published_month")
    by_published = ds.partitioning(pa.schema([(name, pa.string()) for name in published]), flavor="hive")
    facts = ds.dataset(out / "facts", partitioning=by_published).to_table()
    assert facts.num_rows == sum(len(row_article(r).facts) for r in articles.to_pylist())
    columns = ("article_id", "start", "kind", "year", "date_start", "date_end")
    got = zip(*(facts.column(c).to_pylist() for c in columns + published), strict=True)
    expected = facts_table(articles).to_pylist()  # the partition columns ride along as the article's
    parents = [r for r in articles.to_pylist() for _ in r["facts"]]
    assert sorted(got) == sorted(
        (*(f[c] for c in columns), r["year"], r["month"]) for f, r in zip(expected, parents, strict=True)
    )
    assert kept.exists() and not list(out.glob(".staging-*"))
    by_kind = counts["facts"]
    assert isinstance(by_kind, dict) and by_kind == dict(
        sorted(Counter(facts.column("kind").to_pylist()).items())
    )
    assert (out / "articles" / "year=undated" / "month=undated").is_dir()
    assert (out / "articles" / "year=2023" / "month=12").is_dir()


def test_an_html_column_is_read_as_pages(spark: SparkSession) -> None:
    """A row whose `text` is null and whose `html` holds a page is extracted as `extract_html` does."""
    from de06_extract.api import extract_html

    page = (Path(__file__).parent / "html" / "article.html").read_text(encoding="utf-8")
    df = spark.createDataFrame(
        [("page", None, page), ("nothing", None, "<html><body><nav>Trang chủ</nav></body></html>")],
        "id string, text string, html string",
    )
    rows = {r["source"]: r for r in extract_articles(df).toArrow().to_pylist()}
    expected = extract_html(page, source="page")
    assert rows["page"]["title"] == expected.title and rows["page"]["text"] == expected.text
    assert row_article(rows["page"]).facts == expected.facts
    assert [e["code"] for e in rows["nothing"]["errors"]] == ["no_main_text"]


def _worker_state(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    """Run in a Spark worker: the module it was forked from and whether the pipeline was already warm."""
    import sys

    from de06_extract.spark.extract import _warm_worker

    main = getattr(sys.modules["__main__"].__spec__, "name", "")
    warm = _warm_worker.cache_info().currsize
    for _ in batches:
        yield pa.RecordBatch.from_pylist([{"daemon": main, "warm": warm}])


def test_workers_are_forked_from_the_warm_de06_daemon(spark: SparkSession) -> None:
    from pyspark import cloudpickle

    cloudpickle.register_pickle_by_value(sys.modules[__name__])  # the workers cannot import tests/
    rows = spark.range(4, numPartitions=2).mapInArrow(_worker_state, "daemon string, warm long").collect()
    assert {(r.daemon, r.warm) for r in rows} == {("de06_extract.spark.daemon", 1)}


def test_the_daemon_starts_even_if_the_warm_up_fails(
    monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    """A failed warm-up leaves the workers to build the pipeline; stdout (the port's channel) stays clean."""
    import de06_extract.spark.extract as module
    from de06_extract.spark import daemon

    def broken() -> None:
        print("noise")
        raise RuntimeError("no models")

    monkeypatch.setattr(module, "_warm_worker", broken)
    daemon.prepare()
    out, err = capfd.readouterr()
    assert out == "" and "noise" in err


def test_the_job_writes_its_class_archive_once_then_maps_it(tmp_path: Path) -> None:
    """The first local run leaves the driver JVM's class-data archive in the cache; the next runs use it."""
    import subprocess

    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(next(SAMPLES.glob("01*.txt")), src)
    cache = tmp_path / "cache"
    job = [sys.executable, "-m", "de06_extract.spark", str(src), str(tmp_path / "o"), "--master", "local[1]"]
    printed, stamps = [], []
    for _ in range(2):
        done = subprocess.run([*job, "--class-cache", str(cache)], capture_output=True, text=True, check=True)
        printed.append(done.stdout.splitlines()[1:])
        stamps.append([(p.name, p.stat().st_mtime_ns) for p in cache.iterdir()])
    assert len(stamps[0]) == 1 and stamps[0][0][0].endswith(".jsa")
    assert stamps[1] == stamps[0]  # mapped, not written again; no partial archive left
    assert printed[0] == printed[1] and printed[0][0].startswith("  articles 1,")


def test_local_files_are_read_in_tasks_that_shrink_toward_the_end(
    spark: SparkSession, tmp_path: Path
) -> None:
    """One task per chunk of `shrinking` (not one per core), so neither core waits long at the end."""
    from de06_extract.spark.job import local_files, shrinking

    sizes = [
        b.num_rows for b in shrinking(pa.table({"n": range(5000)}), 2, 500).to_batches(max_chunksize=500)
    ]
    assert sum(sizes) == 5000 and sizes[0] == 500 and sizes == sorted(sizes, reverse=True) and sizes[-1] < 20
    for i in range(40):
        (tmp_path / f"{i:02d}.txt").write_text("Ngày 1/6/2024.\n", encoding="utf-8")
    files = local_files(spark, str(tmp_path))
    assert (
        files.rdd.getNumPartitions()
        == len(shrinking(files.toArrow(), 2, 500).to_batches(max_chunksize=500))
        > 2
    )
