"""`de06 diff`: alignment on hand-made articles, and end to end through the CLI on samples/diff."""

from __future__ import annotations

import json
import random
import unicodedata
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from typer.testing import CliRunner

from de06_extract.cli import app
from de06_extract.diff import (
    SubjectNormalizer,
    bucket_name,
    change_schema,
    diff_articles,
    diff_by_period,
    diff_files,
    figure_rows,
    figure_summary,
    load_articles,
    render_jsonl,
    render_markdown,
    render_table,
    render_timeline_markdown,
    timeline,
)
from de06_extract.diff.model import DIFF_RECORD
from de06_extract.models import Article

from .conftest import SAMPLES

DIFF_SAMPLES = SAMPLES / "diff"
EXPECTED = DIFF_SAMPLES / "expected.ndjson"


# --------------------------------------------------------------------------- hand-made articles


def fact(kind: str, text: str, start: int = 0, **fields: Any) -> dict[str, Any]:
    return {"kind": kind, "text": text, "start": start, "end": start + len(text), **fields}


def doc(number: str, start: int = 0) -> dict[str, Any]:
    key = f"quyet-dinh:{number.lower()}"
    return fact("document", f"Quyết định số {number}", start, doc_type="Quyết định", number=number, key=key)


def person(name: str, titles: list[str], start: int = 0) -> dict[str, Any]:
    return fact("person", name, start, name=name, titles=titles, key=name.lower())


def ratio(n: int, d: int, unit: str | None, start: int = 0) -> dict[str, Any]:
    text = f"{n}/{d} {unit}" if unit else f"{n}/{d}"
    return fact("ratio", text, start, numerator=n, denominator=d, unit=unit)


def percent(
    value: float, subject: str | None, start: int = 0, qualifier: str | None = None
) -> dict[str, Any]:
    return fact("percent", f"{value:g}%", start, value=value, subject=subject, qualifier=qualifier)


def article(source: str, published: str | None, *facts: dict[str, Any]) -> Article:
    return Article.model_validate(
        {"id": "id-" + source, "source": source, "published": published, "facts": list(facts)}
    )


OLD = [
    article(
        "a2023.txt",
        "2023-12-28T15:20",
        doc("06/QĐ-TTg", 10),
        doc("05/CT-TTg", 40),
        person("Tô Lâm", ["Đại tướng", "Bộ trưởng Bộ Công an"], 70),
        person("Phạm Minh Chính", ["Thủ tướng"], 90),
        ratio(23, 35, "dịch vụ công thiết yếu", 120),
        percent(32.5, "Tỷ lệ hồ sơ trực tuyến", 160),
        percent(12.0, None, 200),
        fact("money", "500 tỷ đồng", 220, value=5e11, currency="VND"),
    ),
    article(
        "b2023.txt", "2023-06-05", person("Nguyễn Văn A", ["Giám đốc"], 5), percent(42, "người cao tuổi", 30)
    ),
]
NEW = [
    article(
        "a2024.txt",
        "2024-12-27T14:10",
        doc("06/QĐ-TTg", 10),
        doc("57-NQ/TW", 40),
        person("Tô Lâm", ["Tổng Bí thư"], 70),
        person("Phạm Minh Chính", [], 90),
        ratio(54, 76, "dịch vụ công trực tuyến thiết yếu", 120),
        percent(45.8, "hồ sơ trực tuyến", 160),
        fact("money", "1.000 tỷ đồng", 220, value=1e12, currency="VND"),
    ),
    article("b2024.txt", "2024-06-10", percent(42, "người cao tuổi", 30)),
]


def by_key(changes: list[Any]) -> dict[tuple[str, str], Any]:
    return {(c.kind, c.key): c for c in changes}


def test_normalizer_aligns_filler_words_case_marks_and_leads() -> None:
    norm = SubjectNormalizer()
    assert norm("dịch vụ công thiết yếu") == norm("dịch vụ công trực tuyến thiết yếu")
    assert norm("Tỷ lệ hồ sơ  trực tuyến toàn trình") == norm("hồ sơ") == "hồ sơ"
    assert norm(unicodedata.normalize("NFD", "Người dân")) == "người dân"
    assert norm("hoà giải") == norm("hòa giải")  # old-style tone mark placement
    assert norm("tỉnh, thành") == norm("tỉnh, thành phố")  # a synonym from patterns/diff.toml
    assert norm("trực tuyến") == "trực tuyến"  # a subject made only of fillers is kept


def test_documents_added_removed_and_unchanged() -> None:
    pair, changes = diff_articles(OLD, NEW, unchanged=True)
    got = by_key(changes)
    assert got[("document", "quyet-dinh:57-nq/tw")].change == "added"
    assert got[("document", "quyet-dinh:05/ct-ttg")].change == "removed"
    assert got[("document", "quyet-dinh:06/qđ-ttg")].change == "unchanged"
    assert pair.counts["document"].model_dump() == {
        "added": 1,
        "removed": 1,
        "changed": 0,
        "unchanged": 1,
        "unaligned_old": 0,
        "unaligned_new": 0,
    }


def test_person_title_change_is_reported_and_missing_titles_are_no_change() -> None:
    _, changes = diff_articles(OLD, NEW)
    got = by_key(changes)
    to_lam = got[("person", "tô lâm")]
    assert to_lam.change == "changed"
    assert to_lam.titles_added == ["Tổng Bí thư"]
    assert to_lam.titles_removed == ["Bộ trưởng Bộ Công an", "Đại tướng"]
    assert to_lam.old.titles == ["Bộ trưởng Bộ Công an", "Đại tướng"]
    assert ("person", "phạm minh chính") not in got  # no title stated in the new year: not a change
    assert got[("person", "nguyễn văn a")].change == "removed"


def test_indicators_align_on_normalised_subject_with_provenance() -> None:
    pair, changes = diff_articles(OLD, NEW)
    got = by_key(changes)
    r = got[("ratio", "dịch vụ công thiết yếu")]
    assert r.change == "changed"
    assert (r.old.values, r.new.values) == (["23/35"], ["54/76"])
    assert r.label == "dịch vụ công trực tuyến thiết yếu"
    assert r.old.mentions[0].model_dump() == {
        "source": "a2023.txt",
        "article": "id-a2023.txt",
        "published": "2023-12-28T15:20",
        "start": 120,
        "end": 148,
        "text": "23/35 dịch vụ công thiết yếu",
    }
    p = got[("percent", "hồ sơ")]
    assert p.change == "changed" and p.delta == pytest.approx(13.3)
    assert ("percent", "người cao tuổi") not in got  # same value both years
    assert pair.counts["percent"].unchanged == 1
    assert (pair.counts["percent"].unaligned_old, pair.counts["percent"].unaligned_new) == (1, 0)
    # money carries no subject: counted, never aligned
    assert (pair.counts["money"].unaligned_old, pair.counts["money"].unaligned_new) == (1, 1)
    assert not [c for c in changes if c.kind == "money"]


def test_order_is_deterministic_whatever_the_input_order() -> None:
    first = render_jsonl(diff_files("o", "n", OLD, NEW))
    rng = random.Random(7)
    for _ in range(5):
        old = [a.model_copy(update={"facts": rng.sample(a.facts, len(a.facts))}) for a in OLD]
        new = [a.model_copy(update={"facts": rng.sample(a.facts, len(a.facts))}) for a in NEW]
        assert render_jsonl(diff_files("o", "n", rng.sample(old, 2), rng.sample(new, 2))) == first
    records = [json.loads(line) for line in first.splitlines()]
    kinds = [r["kind"] for r in records if r["record"] == "change"]
    assert kinds == sorted(kinds, key=["document", "person", "ratio", "percent", "quantity", "money"].index)


def test_identical_inputs_have_no_changes() -> None:
    report = diff_files("a", "b", OLD, OLD)
    assert not report.changed and report.changes == []
    assert "No changes." in render_markdown(report)


def test_bucket_names() -> None:
    assert bucket_name("2024-12-27T14:10", "year") == "2024"
    assert bucket_name("2024-12-27", "quarter") == "2024-Q4"
    assert bucket_name("2024-02", "month") == "2024-02"
    assert bucket_name("2024", "month") == "undated"  # not precise enough for the period
    assert bucket_name(None, "year") == "undated"


def test_by_period_diffs_consecutive_buckets_and_reports_undated() -> None:
    undated = article("undated.txt", None, doc("69/2024/NĐ-CP"))
    mid = article("q.txt", "2024-03-01", doc("99/QĐ-TTg"))
    report = diff_by_period([*NEW, undated, *OLD, mid], "year")
    assert [b.name for b in report.buckets] == ["2023", "2024", "undated"]
    assert report.buckets[-1].dated is False and report.buckets[-1].sources == ["undated.txt"]
    assert [(p.old_bucket, p.new_bucket) for p in report.pairs] == [("2023", "2024")]
    quarters = diff_by_period([*NEW, undated, *OLD, mid], "quarter")
    assert [b.name for b in quarters.buckets] == [
        "2023-Q2",
        "2023-Q4",
        "2024-Q1",
        "2024-Q2",
        "2024-Q4",
        "undated",
    ]
    assert len(quarters.pairs) == 4
    with pytest.raises(ValueError):
        diff_by_period(OLD, "week")


def test_renderers_and_schema() -> None:
    report = diff_files("o.jsonl", "n.jsonl", OLD, NEW)
    lines = render_jsonl(report).splitlines()
    assert [json.loads(x)["record"] for x in lines[:3]] == ["bucket", "bucket", "pair"]
    assert all(json.loads(x)["schema"] == "de06.diff/1" for x in lines)
    md = render_markdown(report)
    assert "## old → new" in md and "dịch vụ công trực tuyến thiết yếu (old: dịch vụ công thiết yếu)" in md
    from io import StringIO

    buf = StringIO()
    render_table(report, buf)
    assert "old → new" in buf.getvalue() and "Tổng Bí thư" in buf.getvalue()
    schema = change_schema()
    assert {"Bucket", "Pair", "Change"} <= set(schema["$defs"])  # type: ignore[arg-type]


# --------------------------------------------------------------------------- through the CLI

runner = CliRunner()


@pytest.fixture(scope="module")
def extractions(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Both sample sets extracted with `de06 extract`, as 2023.jsonl and 2024.jsonl."""
    out = tmp_path_factory.mktemp("diff")
    for year in ("2023", "2024"):
        res = runner.invoke(
            app, ["extract", str(DIFF_SAMPLES / year), "-o", str(out / f"{year}.jsonl"), "-q", "-j", "1"]
        )
        assert res.exit_code == 0, res.output
    return out


def _diff(cwd: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> Any:
    monkeypatch.chdir(cwd)
    return runner.invoke(app, ["diff", *args])


def test_sample_sets_diff_as_expected(extractions: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    res = _diff(extractions, monkeypatch, "2023.jsonl", "2024.jsonl", "--format", "jsonl")
    assert res.exit_code == 0, res.output
    got = [json.loads(line) for line in res.stdout.splitlines()]
    want = [json.loads(line) for line in EXPECTED.read_text(encoding="utf-8").splitlines()]
    assert got == want


def test_sample_sets_show_the_issue_examples(extractions: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    res = _diff(extractions, monkeypatch, "2023.jsonl", "2024.jsonl", "--format", "jsonl")
    changes = {
        (r["kind"], r["label"]): r
        for r in map(json.loads, res.stdout.splitlines())
        if r["record"] == "change"
    }
    r = changes[("ratio", "dịch vụ công trực tuyến thiết yếu")]
    assert (r["old"]["values"], r["new"]["values"]) == (["23/35"], ["54/76"])
    assert changes[("document", "Nghị quyết số 57-NQ/TW")]["change"] == "added"
    assert changes[("document", "Chỉ thị số 05/CT-TTg")]["change"] == "removed"
    p = changes[("percent", "người cao tuổi")]  # "tỷ lệ X sử dụng VNeID đạt 42%" aligned with "67% X sử dụng"
    assert (p["old"]["values"], p["new"]["values"]) == (["42%"], ["67%"])


def test_identical_inputs_through_cli(extractions: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    res = _diff(extractions, monkeypatch, "2024.jsonl", "2024.jsonl")
    assert res.exit_code == 0 and "no changes" in res.stdout
    res = _diff(extractions, monkeypatch, "2024.jsonl", "2024.jsonl", "--fail-on-change", "--format", "jsonl")
    assert res.exit_code == 0
    records = [json.loads(x)["record"] for x in res.stdout.splitlines()]
    assert records[:3] == ["bucket", "bucket", "pair"] and set(records[3:]) == {
        "figure"
    }  # figures: no change


def test_fail_on_change_exit_code(extractions: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert _diff(extractions, monkeypatch, "2023.jsonl", "2024.jsonl").exit_code == 0
    assert _diff(extractions, monkeypatch, "2023.jsonl", "2024.jsonl", "--fail-on-change").exit_code == 1


def test_by_year_on_a_concatenation(extractions: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    both = extractions / "both.jsonl"
    both.write_bytes((extractions / "2024.jsonl").read_bytes() + (extractions / "2023.jsonl").read_bytes())
    res = _diff(extractions, monkeypatch, "--by", "year", "both.jsonl", "--format", "jsonl")
    assert res.exit_code == 0, res.output
    records = [json.loads(x) for x in res.stdout.splitlines()]
    buckets = [r for r in records if r["record"] == "bucket"]
    assert [b["name"] for b in buckets] == ["2023", "2024", "undated"]
    assert buckets[-1]["sources"] == ["2024-06-hoi-dap-dinh-danh.txt"] and buckets[-1]["dated"] is False
    pairs = [r for r in records if r["record"] == "pair"]
    assert [(p["old_bucket"], p["new_bucket"]) for p in pairs] == [("2023", "2024")]
    md = _diff(extractions, monkeypatch, "--period", "year", "both.jsonl", "--format", "markdown")
    assert "| undated (not compared) | 1 |" in md.stdout


def test_cli_usage_errors(extractions: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert _diff(extractions, monkeypatch, "2023.jsonl").exit_code == 2
    assert _diff(extractions, monkeypatch, "2023.jsonl", "2024.jsonl", "--format", "xml").exit_code == 2
    assert _diff(extractions, monkeypatch, "--by", "week", "2023.jsonl").exit_code == 2
    bad = extractions / "bad.jsonl"
    bad.write_text('{"not": "an article"}\n', encoding="utf-8")
    res = _diff(extractions, monkeypatch, "bad.jsonl", "2024.jsonl")
    assert res.exit_code == 2 and "bad.jsonl:1" in res.output


def test_schema_change_option() -> None:
    res = runner.invoke(app, ["schema", "--change"])
    assert res.exit_code == 0
    assert "de06.diff/1" in res.stdout and "titles_added" in res.stdout


def test_load_articles_reads_extract_output(extractions: Path) -> None:
    arts = load_articles(extractions / "2023.jsonl")
    assert len(arts) >= 5 and all(a.published for a in arts)


def test_sample_sets_markdown_report(extractions: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    res = _diff(extractions, monkeypatch, "2023.jsonl", "2024.jsonl", "--format", "markdown")
    assert res.stdout == (DIFF_SAMPLES / "expected.md").read_text(encoding="utf-8")


def test_title_that_only_adds_a_qualifier_is_no_change() -> None:
    old = [article("x.txt", "2023-01-01", person("Phạm Minh Chính", ["Thủ tướng"]))]
    new = [
        article(
            "y.txt",
            "2024-01-01",
            person("Phạm Minh Chính", ["Thủ tướng Chính phủ"]),
            person("Phạm Minh Chính", ["Thủ tướng"], 40),
        )
    ]
    _, changes = diff_articles(old, new, unchanged=True)
    assert [c.change for c in changes] == ["unchanged"]
    assert changes[0].new.titles == ["Thủ tướng Chính phủ"]  # "Thủ tướng" is shown by the longer title


# --------------------------------------------------------------------------- percent subjects


@pytest.mark.parametrize(
    ("sentence", "number", "subject"),
    [
        (
            "Toàn tỉnh có 58,2% người dân tham gia dịch vụ công trực tuyến, tăng mạnh.",
            "58,2%",
            "người dân tham gia dịch vụ công trực tuyến",
        ),
        ("Kết quả giải ngân đạt 71,1% kế hoạch.", "71,1%", "kế hoạch"),
        ("Năm nay tỷ lệ hồ sơ trực tuyến đạt 58,2%.", "58,2%", "hồ sơ trực tuyến"),
        ("Theo báo cáo, tăng trưởng GDP quý III/2024 đạt 7,4%, cao hơn dự báo.", "7,4%", "tăng trưởng GDP"),
        (
            "Đến cuối năm, tỷ lệ hồ sơ trực tuyến toàn trình của tỉnh phải đạt tối thiểu 40%.",
            "40%",
            "hồ sơ trực tuyến toàn trình",
        ),
        (
            "Phấn đấu 100% hộ gia đình ở khu vực nông thôn có điện thoại thông minh.",
            "100%",
            "hộ gia đình ở khu vực nông thôn",
        ),
        ("Doanh thu tăng 10,9% so với cùng kỳ.", "10,9%", None),
        ("Tỷ lệ hồ sơ đạt 90%, số người dùng mới tăng 20%.", "20%", None),
    ],
)
def test_percent_subject(sentence: str, number: str, subject: str | None) -> None:
    from de06_extract.pipeline import extract_text

    art = extract_text("Tiêu đề bài viết\n" + sentence)
    found = [f for f in art.facts if f.kind == "percent" and f.text == number]
    assert len(found) == 1, art.facts
    assert getattr(found[0], "subject", None) == subject


def test_old_side_from_stdin(extractions: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(extractions)
    data = (extractions / "2023.jsonl").read_bytes()
    res = runner.invoke(app, ["diff", "-", "2024.jsonl", "--format", "jsonl"], input=data)
    assert res.exit_code == 0, res.output
    first = json.loads(res.stdout.splitlines()[0])
    assert first["path"] == "-" and first["articles"] == 5


def test_table_to_a_file(extractions: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    res = _diff(extractions, monkeypatch, "2023.jsonl", "2024.jsonl", "-o", "report.txt")
    assert res.exit_code == 0 and res.stdout == ""
    text = (extractions / "report.txt").read_text(encoding="utf-8")
    assert "old → new" in text and "Tổng Bí thư" in text


# --------------------------------------------------------------------------- stance and period


def figure(
    value: float,
    subject: str,
    stance: str | None,
    period: str | None,
    start: int = 0,
    qualifier: str | None = None,
) -> dict[str, Any]:
    return percent(value, subject, start, qualifier) | {"stance": stance, "period_value": period}


DVC = "người dân tham gia DVC trực tuyến"
PLAN_2023 = article(
    "plan2023.txt",
    "2023-12-28T15:20",
    figure(80, DVC, "target", "2024", 10, "tối thiểu"),
    figure(61.5, "Tỷ lệ người dân tham gia dịch vụ công trực tuyến", "result", None, 50),
    figure(5, "hộ nghèo", "target", "2024", 90, "tối đa"),
    figure(3, "hộ tái nghèo", "target", "2024", 120, "dưới"),
    figure(90, "hồ sơ trực tuyến", "target", "2024", 150),
)
RESULT_2024 = article(
    "result2024.txt",
    "2024-12-27",
    figure(74.8, DVC, "result", "2024", 10),
    figure(74.8, DVC, None, None, 0),  # the headline repeating it
    figure(4.2, "hộ nghèo", "result", "2024", 40),
    figure(3.5, "hộ tái nghèo", "result", "2024", 70),
    figure(92, "hồ sơ trực tuyến", "result", "2024", 100),
    figure(85, DVC, "forecast", "2025", 130),
)


def rows_by(rows: list[Any]) -> dict[tuple[str, str], Any]:
    return {(r.key, r.period): r for r in rows}


def test_target_and_result_align_on_subject_stance_and_period() -> None:
    rows = rows_by(figure_rows([PLAN_2023, RESULT_2024]))
    dvc = rows[("người dân tham gia dịch vụ công", "2024")]
    assert set(dvc.stances) == {"target", "result"}  # the headline's unstated 74.8% repeats the result
    assert (dvc.stances["target"].values, dvc.stances["result"].values) == (["≥ 80%"], ["74.8%"])
    assert (dvc.bound, dvc.bound_stated, dvc.verdict, dvc.gap) == (">=", True, "missed", -5.2)
    assert figure_summary(dvc) == f"{DVC}, 2024: target ≥ 80% · result 74.8% · missed by 5.2 points"
    assert [m.source for m in dvc.stances["target"].mentions] == ["plan2023.txt"]  # stated a year before
    assert rows[("người dân tham gia dịch vụ công", "2025")].stances["forecast"].values == ["85%"]
    assert rows[("người dân tham gia dịch vụ công", "2025")].verdict is None


def test_at_most_qualifiers_and_assumed_bound() -> None:
    rows = rows_by(figure_rows([PLAN_2023, RESULT_2024]))
    poor = rows[("hộ nghèo", "2024")]
    assert (poor.bound, poor.verdict, poor.gap) == ("<=", "met", -0.8)  # "tối đa 5%", 4.2%
    assert figure_summary(poor).endswith("target ≤ 5% · result 4.2% · met by 0.8 points")
    again = rows[("hộ tái nghèo", "2024")]
    assert (again.bound, again.verdict, again.gap) == ("<=", "missed", 0.5)  # "dưới 3%", 3.5%
    plain = rows[("hồ sơ", "2024")]  # "90%" with no qualifier: read as ≥, and said so
    assert (plain.bound, plain.bound_stated, plain.verdict) == (">=", False, "met")
    assert "≥ assumed" in figure_summary(plain)


def test_money_compares_within_one_currency_and_quantities_by_unit() -> None:
    def money(value: float, currency: str, stance: str, start: int) -> Any:
        # money facts carry no subject yet; a subject-bearing fact stands in for a future one
        text = f"{value:g} {currency}"
        return SimpleNamespace(
            kind="money",
            text=text,
            start=start,
            end=start + len(text),
            value=value,
            currency=currency,
            subject="doanh thu",
            qualifier=None,
            stance=stance,
            stance_cue=None,
            period_value="2024",
        )

    def rows_for(*facts: Any) -> Any:
        art = Article.model_construct(id="m", source="m.txt", published="2024-05-01", facts=list(facts))
        return figure_rows([art])[0]

    row = rows_for(money(1.2e12, "VND", "target", 0), money(1.5e12, "VND", "result", 30))
    assert (row.verdict, row.gap) == ("met", 3e11)
    assert figure_summary(row).endswith("met by 300000000000 VND (≥ assumed: no qualifier)")
    row = rows_for(money(1.2e12, "VND", "target", 0), money(50e6, "USD", "result", 30))
    assert row.verdict is None and row.note == "different currencies (VND, USD): not compared"
    q = [
        fact(
            "quantity",
            "45 triệu tài khoản",
            0,
            value=45e6,
            unit="tài khoản",
            stance="target",
            period_value="2024",
        ),
        fact(
            "quantity",
            "40 triệu tài khoản",
            40,
            value=40e6,
            unit="tài khoản",
            stance="result",
            period_value="2024",
        ),
    ]
    (row,) = figure_rows([article("q.txt", "2024-01-01", *q)])
    assert (row.verdict, row.gap) == ("missed", -5e6)


def test_period_falls_back_to_the_published_year_and_says_so() -> None:
    dated = article("d.txt", "2023-11-14T08:05", figure(61.5, DVC, "result", None, 5))
    undated = article("u.txt", None, figure(70, DVC, "result", None, 5))
    rows = figure_rows([dated, undated])
    assert [(r.period, r.period_inferred) for r in rows] == [("2023", True), ("undated", False)]
    plan = article("p.txt", None, figure(80, DVC, "target", None, 40))
    (_, undated_row) = figure_rows([dated, undated, plan])
    assert (undated_row.verdict, undated_row.note) == (None, "undated: not compared")  # two unknown years
    assert rows[0].stances["result"].mentions[0].period_inferred is True
    assert "2023 (inferred from article)" in figure_summary(rows[0])
    md = render_markdown(diff_files("a", "b", [dated], [undated]))
    assert "| 2023 (inferred from article) |" in md and "| undated |" in md


def test_stance_filter_compares_one_stance_only() -> None:
    _, changes = diff_articles([PLAN_2023], [RESULT_2024], stances=["result"])
    dvc = by_key(changes)[("percent", "người dân tham gia dịch vụ công")]
    assert (dvc.old.values, dvc.new.values, dvc.delta) == (["61.5%"], ["74.8%"], 13.3)
    report = diff_files("a", "b", [PLAN_2023], [RESULT_2024], stances=["result"])
    assert {s for r in report.figures for s in r.stances} == {"result"}
    assert all(r.verdict is None for r in report.figures)


def test_timeline_of_one_subject() -> None:
    points = timeline([RESULT_2024, PLAN_2023], "Tỷ lệ người dân tham gia DVC trực tuyến")
    got = [(p.period, p.mention.stance, p.mention.value, p.mention.source) for p in points]
    assert got == [
        ("2023", "result", "61.5%", "plan2023.txt"),
        ("2024", "target", "≥ 80%", "plan2023.txt"),
        ("2024", "result", "74.8%", "result2024.txt"),
        ("2024", "none", "74.8%", "result2024.txt"),
        ("2025", "forecast", "85%", "result2024.txt"),
    ]
    assert points[0].mention.period_inferred and not points[1].mention.period_inferred
    assert "No figures" in render_timeline_markdown("x", timeline([PLAN_2023], "nothing like this"))


def test_figure_and_point_records_follow_the_schema() -> None:
    report = diff_files("a", "b", [PLAN_2023], [RESULT_2024])
    lines = [json.loads(x) for x in render_jsonl(report).splitlines()]
    figures = [x for x in lines if x["record"] == "figure"]
    assert figures and lines[-len(figures) :] == figures  # after the pairs and their changes
    row = next(x for x in figures if x["key"] == "người dân tham gia dịch vụ công" and x["period"] == "2024")
    assert set(row) == {
        "schema",
        "record",
        "kind",
        "key",
        "label",
        "period",
        "period_inferred",
        "stances",
        "bound",
        "bound_stated",
        "verdict",
        "gap",
        "note",
    }
    mention = row["stances"]["target"]["mentions"][0]
    assert mention == {
        "source": "plan2023.txt",
        "article": "id-plan2023.txt",
        "published": "2023-12-28T15:20",
        "start": 10,
        "end": 13,
        "text": "80%",
        "stance": "target",
        "stance_cue": None,
        "value": "≥ 80%",
        "period_value": "2024",
        "period_inferred": False,
    }
    points = [json.loads(x) for x in render_jsonl(timeline([PLAN_2023], DVC)).splitlines()]
    assert {p["record"] for p in points} == {"point"}
    for rec in [*figures, *points]:
        assert DIFF_RECORD.validate_python(rec).model_dump(mode="json", by_alias=True) == rec
    assert {"FigureRow", "TimelinePoint"} <= set(change_schema()["$defs"])  # type: ignore[arg-type]


def test_sample_sets_show_targets_against_results(extractions: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    res = _diff(extractions, monkeypatch, "2023.jsonl", "2024.jsonl", "--format", "jsonl")
    rows = [DIFF_RECORD.validate_json(x) for x in res.stdout.splitlines()]
    lines = {figure_summary(r) for r in rows if r.record == "figure"}
    assert (
        "người dân tham gia dịch vụ công trực tuyến, 2024: target ≥ 80% · result 74.8% · missed by 5.2 points"
        in lines
    )
    assert (
        "hồ sơ trực tuyến toàn trình, 2023 (partly inferred from article): target ≥ 40% · result 32.5% "
        "· missed by 7.5 points" in lines
    )
    for r in rows:  # every figure's span is the article's text
        for side in getattr(r, "stances", {}).values():
            for m in side.mentions:
                original = next(DIFF_SAMPLES.glob(f"*/{m.source}")).read_text(encoding="utf-8")
                assert original[m.start : m.end] == m.text


def test_stance_and_timeline_through_cli(extractions: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    res = _diff(extractions, monkeypatch, "2023.jsonl", "2024.jsonl", "--stance", "result", "-f", "jsonl")
    records = [json.loads(x) for x in res.stdout.splitlines()]
    assert {s for r in records if r["record"] == "figure" for s in r["stances"]} == {"result"}
    res = _diff(
        extractions,
        monkeypatch,
        "--timeline",
        "tỷ lệ người dân tham gia DVC trực tuyến",
        "2023.jsonl",
        "2024.jsonl",
        "-f",
        "jsonl",
    )
    assert res.exit_code == 0, res.output
    points = [json.loads(x) for x in res.stdout.splitlines()]
    assert [(p["period"], p["mention"]["stance"]) for p in points] == [
        ("2023", "result"),
        ("2023", "none"),
        ("2024", "target"),
        ("2024", "result"),
        ("2024", "none"),
        ("2025", "target"),
    ]
    table = _diff(extractions, monkeypatch, "--timeline", "GDP", "2023.jsonl", "2024.jsonl")
    assert table.exit_code == 0 and "timeline: GDP" in table.stdout and "forecast" in table.stdout
    assert _diff(extractions, monkeypatch, "2023.jsonl", "2024.jsonl", "--stance", "plan").exit_code == 2
    assert _diff(extractions, monkeypatch, "--timeline", "GDP", "--by", "year", "2023.jsonl").exit_code == 2


def test_by_period_carries_the_stance_filter_and_pools_figures() -> None:
    report = diff_by_period([PLAN_2023, RESULT_2024], "year", stances=["target", "result"])
    assert [(p.old_bucket, p.new_bucket) for p in report.pairs] == [("2023", "2024")]
    dvc = rows_by(report.figures)[("người dân tham gia dịch vụ công", "2024")]
    assert dvc.verdict == "missed"  # the target of the 2023 bucket meets the result of the 2024 bucket
    assert not any("forecast" in r.stances for r in report.figures)
