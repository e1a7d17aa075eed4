"""Many inputs: ordered parallel output, resume, JSONL, globs, file lists, the Python API."""

from __future__ import annotations

import multiprocessing
import pickle
import shutil
from collections import Counter
from pathlib import Path

import orjson
import pytest

from de06_extract import extract_paths, extract_text
from de06_extract.batch import RunOptions, plan, process_ref, run_extract, run_units
from de06_extract.models import Article
from de06_extract.output import article_line, resume_sources
from de06_extract.sources import Discovery, InputRef, discover, read, read_list, split_jsonl
from tests.conftest import SAMPLES, assert_offsets

TEXT = (
    "Tổ công tác họp tổng kết chuyển đổi số\n"
    "Ngày 23/5/2023, UBND tỉnh đã hoàn thành 45/50 nhiệm vụ, đạt 90% kế hoạch năm.\n"
    "Đến ngày 15/8/2024, tỷ lệ hồ sơ trực tuyến tăng lên 67,5%.\n"
)


@pytest.fixture
def mixed(tmp_path: Path) -> Path:
    """A folder of samples, bad files, a nested folder and a JSONL file."""
    root = tmp_path / "in"
    root.mkdir()
    for txt in sorted(SAMPLES.glob("*.txt")):
        shutil.copy(txt, root / txt.name)
    (root / "nested").mkdir()
    (root / "nested" / "a.txt").write_text(TEXT, encoding="utf-8")
    (root / "nested" / "empty.txt").write_bytes(b"")
    (root / "nested" / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    (root / "skip.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    lines = [
        orjson.dumps({"id": f"r{i}", "text": TEXT.replace("23/5", f"{i % 28 + 1}/5")}) for i in range(40)
    ]
    lines.insert(7, b"{broken")
    (root / "records.jsonl").write_bytes(b"\n".join(lines) + b"\n")
    return root


def lines_of(units: list[object]) -> list[bytes]:
    return [r.line for u in units for r in u.results]  # type: ignore[attr-defined]


def test_jobs_2_output_is_identical_to_jobs_1(mixed: Path) -> None:
    refs = list(discover([str(mixed)]))
    one = lines_of(list(run_units(plan(refs), jobs=1)))
    two = lines_of(list(run_units(plan(refs), jobs=2, chunk=2, window=1)))
    assert one == two
    sources = [orjson.loads(line)["source"] for line in one]
    assert sources[0] == "01-to-cong-tac-de-an-06-tong-ket-2023.txt"
    assert sum(1 for s in sources if s.startswith("records.jsonl#")) == 41
    assert sources.index("nested/a.txt") < sources.index("records.jsonl#r0")


def test_the_pool_streams_its_inputs(mixed: Path) -> None:
    """Units are pulled from the input as results come back, not all at once."""
    pulled = 0

    def units() -> object:
        nonlocal pulled
        for ref in discover([str(mixed)]):
            pulled += 1
            yield ref

    results = run_units(units(), jobs=2, chunk=1, window=1)  # type: ignore[arg-type]
    next(results)
    assert pulled <= 4
    results.close()  # type: ignore[attr-defined]


def test_process_ref_reads_paths(mixed: Path) -> None:
    articles = process_ref(InputRef("a.txt", str(mixed / "nested" / "a.txt")))
    assert len(articles) == 1 and articles[0].source == "a.txt"
    assert_offsets(articles[0], TEXT)


def test_jsonl_blocks_cover_every_line_once(mixed: Path) -> None:
    ref = InputRef("records.jsonl", str(mixed / "records.jsonl"))
    whole = [raw.source for raw in read(ref)]
    blocks = list(split_jsonl(ref, block_bytes=300))
    assert len(blocks) > 5
    assert [raw.source for b in blocks for raw in read(b)] == whole
    assert whole[7] == "records.jsonl#L8"  # the broken line, named by its line number


def test_jsonl_metadata_is_used(tmp_path: Path) -> None:
    path = tmp_path / "meta.jsonl"
    path.write_bytes(
        orjson.dumps({"id": 7, "text": "Ngày 1/6 đạt 80%.", "published": "2024-03-02", "title": "Tiêu đề"})
        + b"\n"
    )
    (article,) = extract_paths([str(path)])
    assert article.source.endswith("meta.jsonl#7")
    assert article.published == "2024-03-02" and article.title == "Tiêu đề"


def test_globs_are_expanded(mixed: Path) -> None:
    found = Discovery()
    refs = list(discover([str(mixed / "*.txt"), str(mixed / "**" / "a.txt")], found))
    names = [Path(r.source).name for r in refs]
    assert names[0].startswith("01-") and names[-1] == "a.txt"
    assert len(refs) == len(list(SAMPLES.glob("*.txt"))) + 1


def test_read_list_skips_blanks_and_comments() -> None:
    assert list(read_list(["a.txt\n", "\n", "# note\n", "dir/b.txt\r\n", "  \n"])) == ["a.txt", "dir/b.txt"]


def full_run(mixed: Path, out: Path, jobs: int = 1, resume: bool = False) -> int:
    return run_extract(RunOptions([str(mixed)], output=out, jobs=jobs, resume=resume, quiet=True))


def test_resume_after_a_kill_finishes_with_every_article_once(mixed: Path, tmp_path: Path) -> None:
    reference = tmp_path / "reference.jsonl"
    assert full_run(mixed, reference) == 1  # the binary file and the broken JSONL line failed
    data = reference.read_bytes()
    lines = data.splitlines(keepends=True)
    for cut in (0, 3, len(lines) - 30, len(lines) - 1):
        partial = tmp_path / f"partial{cut}.jsonl"
        partial.write_bytes(b"".join(lines[:cut]) + lines[cut][: len(lines[cut]) // 2])  # as after kill -9
        full_run(mixed, partial, jobs=2, resume=True)
        assert partial.read_bytes() == data, cut


def test_resume_of_a_complete_output_adds_nothing(mixed: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    full_run(mixed, out)
    before = out.read_bytes()
    stats = tmp_path / "stats.json"
    run_extract(RunOptions([str(mixed)], output=out, resume=True, quiet=True, stats_json=stats))
    assert out.read_bytes() == before
    summary = orjson.loads(stats.read_bytes())
    assert summary["articles"] == 0 and summary["resumed"] == len(before.splitlines())


def test_resume_with_the_same_name_twice(tmp_path: Path) -> None:
    """Two inputs may share a source name (two folders): resume counts them."""
    for name in ("x", "y"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "a.txt").write_text(TEXT.replace("90%", f"9{len(name)}%"), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    opts = RunOptions([str(tmp_path / "x"), str(tmp_path / "y")], output=out, quiet=True)
    run_extract(opts)
    full = out.read_bytes()
    out.write_bytes(full.splitlines(keepends=True)[0])
    opts.resume = True
    run_extract(opts)
    assert out.read_bytes() == full
    assert resume_sources(out) == Counter({"a.txt": 2})


def test_stats_json(mixed: Path, tmp_path: Path) -> None:
    stats = tmp_path / "stats.json"
    code = run_extract(
        RunOptions([str(mixed)], output=tmp_path / "o.jsonl", jobs=2, quiet=True, stats_json=stats)
    )
    summary = orjson.loads(stats.read_bytes())
    assert code == summary["exit_code"] == 1
    assert summary["articles"] == len(list(SAMPLES.glob("*.txt"))) + 3 + 41
    assert summary["failed"] == 2 and summary["errors"] == {"bad_record": 1, "binary": 1}
    assert summary["skipped"] == 1 and summary["jobs"] == 2
    assert summary["facts"]["date"] > 0 and summary["interrupted"] is None
    assert summary["warning_codes"]["empty"] == 1


def test_api_extract_text_and_paths(mixed: Path) -> None:
    article = extract_text(TEXT, source="x", published="2024-01-01")
    assert isinstance(article, Article)
    assert {f.kind for f in article.facts} >= {"date", "ratio", "percent"}
    assert_offsets(article, TEXT)
    articles = list(extract_paths([str(mixed / "nested")]))
    assert [a.source for a in articles] == ["a.txt", "binary.txt", "empty.txt"]


def test_articles_and_the_api_pickle() -> None:
    article = extract_text(TEXT)
    again = pickle.loads(pickle.dumps(article))
    assert again == article and article_line(again) == article_line(article)
    assert pickle.loads(pickle.dumps(extract_text)) is extract_text
    assert pickle.loads(pickle.dumps(extract_paths)) is extract_paths


def _worker_extract(text: str) -> bytes:
    return pickle.dumps(extract_text(text))


def test_extract_text_in_a_spawned_process_pool_matches() -> None:
    """What a Spark/Dask partition map does: a fresh interpreter, the function shipped by pickle."""
    texts = [TEXT, TEXT.replace("90%", "12%")]
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        remote = [pickle.loads(b) for b in pool.map(_worker_extract, texts)]
    assert remote == [extract_text(t) for t in texts]


def test_api_extract_paths_with_jobs_matches_sequential(mixed: Path) -> None:
    assert list(extract_paths([str(mixed)], jobs=2)) == list(extract_paths([str(mixed)]))


def test_the_output_file_is_not_read_as_an_input(mixed: Path) -> None:
    out = mixed / "out.jsonl"
    run_extract(RunOptions([str(mixed)], output=out, quiet=True))
    first = out.read_bytes()
    run_extract(RunOptions([str(mixed)], output=out, quiet=True))
    assert out.read_bytes() == first
    assert b'"source":"out.jsonl' not in first
