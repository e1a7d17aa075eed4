"""`de06 eval`, `de06 schema`, `de06 patterns` through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from de06_extract.cli import app

from .conftest import SAMPLES

runner = CliRunner()


def _write(tmp: Path) -> tuple[Path, Path]:
    (tmp / "a.txt").write_text("Tiêu đề\nNgày 23/5/2023 đạt 58,2% và 67/77 nhiệm vụ.\n", encoding="utf-8")
    (tmp / "a.gold.toml").write_text(
        'annotated = ["date", "percent", "ratio"]\n'
        '[[facts]]\nkind = "date"\ntext = "Ngày 23/5/2023"\nvalue = "2023-05-23"\n'
        '[[facts]]\nkind = "percent"\ntext = "58,2%"\nvalue = 58.2\n'
        '[[facts]]\nkind = "ratio"\ntext = "67/77 nhiệm vụ"\nnumerator = 67\ndenominator = 77\nunit = "việc"\n',
        encoding="utf-8",
    )
    out = tmp / "out.jsonl"
    result = runner.invoke(app, ["extract", str(tmp / "a.txt"), "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    return tmp / "a.gold.toml", out


def test_eval_scores_kinds_and_fields(tmp_path: Path) -> None:
    gold, out = _write(tmp_path)
    result = runner.invoke(app, ["eval", str(gold), str(out), "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.output)["kinds"]
    assert scores["date"]["precision"] == scores["date"]["recall"] == 1.0
    assert scores["ratio"]["tp"] == 1
    assert scores["ratio"]["fields"]["unit"] == 0.0  # gold says "việc", extractor "nhiệm vụ"


def test_eval_counts_a_wrong_value_as_miss_and_spurious(tmp_path: Path) -> None:
    gold, out = _write(tmp_path)
    gold.write_text(gold.read_text(encoding="utf-8").replace("58.2", "58.3"), encoding="utf-8")
    scores = json.loads(runner.invoke(app, ["eval", str(gold), str(out), "--json"]).output)["kinds"]
    assert (scores["percent"]["tp"], scores["percent"]["fp"], scores["percent"]["fn"]) == (0, 1, 1)


def test_schema_is_json_schema_with_discriminated_facts() -> None:
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    schema = json.loads(result.output)
    assert schema["properties"]["schema"]["const"] == "de06.article/1"
    assert "discriminator" in json.dumps(schema)


def test_patterns_lists_packs() -> None:
    result = runner.invoke(app, ["patterns"])
    assert result.exit_code == 0
    assert "date" in result.output and "zones" in result.output
    assert runner.invoke(app, ["patterns", "date"]).exit_code == 0
    assert runner.invoke(app, ["patterns", "no-such-pack"]).exit_code == 2


def test_usage_error_exits_2() -> None:
    assert runner.invoke(app, ["extract"]).exit_code == 2
    assert runner.invoke(app, ["nope"]).exit_code == 2


def test_samples_are_ours_and_complete() -> None:
    for txt in SAMPLES.glob("*.txt"):
        assert (SAMPLES / (txt.stem + ".gold.toml")).exists()
