"""The recognizer contract is checked when the packs load: a pack that does not fit its code is a
load error naming the file and the pattern or setting, never an `internal_error` on every article."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import get_args

import pytest
from typer.testing import CliRunner

from de06_extract.cli import app
from de06_extract.models import ErrorCode, ErrorRecord, Warning_, WarningCode
from de06_extract.pipeline import Pipeline
from de06_extract.rulepacks import RulePackError, load_packs

from .conftest import patterns_copy, replace_once

YMD_DOTTED_PATTERN = """
[[patterns]]
name = "ymd_dotted"
handler = "dmy"
score = 0.95
regex = '(?<![\\p{N}.])(?P<y>\\d{4})\\.(?P<m>\\d\\d)\\.(?P<d>\\d\\d)(?![\\p{N}.])'
"""
NEW_DATE_PATTERN = "\n[[patterns]]\nname = \"{name}\"\n{handler}score = 0.9\nregex = '(?P<d>\\d\\d)\\.(?P<m>\\d\\d)\\.(?P<y>\\d{{4}})'\n"


@pytest.fixture
def packs(tmp_path: Path) -> Path:
    return patterns_copy(tmp_path)


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def test_a_pattern_without_a_handler_is_a_load_error(packs: Path) -> None:
    _append(packs / "date.toml", NEW_DATE_PATTERN.format(name="dotted", handler=""))
    with pytest.raises(
        RulePackError, match=r"date\.toml: pattern 'dotted': DateRecognizer has no handler 'dotted'"
    ):
        Pipeline(packs)


def test_an_unknown_handler_is_a_load_error(packs: Path) -> None:
    _append(packs / "money.toml", NEW_DATE_PATTERN.format(name="m2", handler='handler = "nope"\n'))
    with pytest.raises(
        RulePackError, match=r"money\.toml: pattern 'm2': MoneyRecognizer has no handler 'nope'"
    ):
        Pipeline(packs)


def test_a_pattern_naming_an_existing_handler_is_data_only(packs: Path) -> None:
    text = "Hạn chót là 2024.06.10 theo thông báo."
    assert not [f for f in Pipeline(packs).run(text).facts if f.text == "2024.06.10"]
    _append(packs / "date.toml", YMD_DOTTED_PATTERN)
    load_packs.cache_clear()
    article = Pipeline(packs).run(text)
    assert [(f.text, f.rule, f.value) for f in article.facts if f.kind == "date"] == [
        ("2024.06.10", "date.ymd_dotted", "2024-06-10")
    ]
    assert not article.errors


@pytest.mark.parametrize(
    ("pack", "old", "new", "message"),
    [
        (
            "date.toml",
            "min_year = 1000",
            "min_year = 1000\nmin_yaer = 900",
            r"date\.toml: \[settings\]: min_yaer: unknown setting",
        ),
        ("date.toml", "min_year = 1000\n", "", r"date\.toml: \[settings\]: min_year: Field required"),
        ("ratio.toml", "score_bare = 0.5", 'score_bare = "high"', r"ratio\.toml: \[settings\]: score_bare"),
        ("person.toml", "score_title = 0.9", "score_title = 1.5", r"person\.toml: \[settings\]: score_title"),
        (
            "phrases.toml",
            "max_words = 10",
            "max_words = 10\nmax_word = 3",
            r"phrases\.toml: \[settings\]: max_word: unknown",
        ),
        (
            "zones.toml",
            "para_words = 20\n",
            "para_words = 20\nx = 1\n",
            r"zones\.toml: \[settings\]: x: unknown",
        ),
        (
            "document.toml",
            'malformed_pattern = "malformed_dmy"',
            'malformed_pattern = "gone"',
            r"document\.toml: \[settings\]: .*'gone'",
        ),
    ],
)
def test_settings_are_typed_and_checked_at_load(
    packs: Path, pack: str, old: str, new: str, message: str
) -> None:
    replace_once(packs / pack, old, new)
    with pytest.raises(RulePackError, match=message):
        Pipeline(packs)


def test_a_missing_pack_is_a_load_error(packs: Path) -> None:
    (packs / "phrases.toml").unlink()
    with pytest.raises(RulePackError, match=r"(percent|quantity|ratio)\.toml: \w+ needs the pack 'phrases'"):
        Pipeline(packs)


def test_an_unknown_recognizer_module_is_a_load_error(packs: Path) -> None:
    replace_once(packs / "ratio.toml", 'recognizer = "ratio"', 'recognizer = "ratios"')
    with pytest.raises(RulePackError, match=r"ratio\.toml: no recognizer module 'ratios'"):
        Pipeline(packs)


def test_a_kind_the_recognizer_does_not_emit_is_a_load_error(packs: Path) -> None:
    replace_once(packs / "ratio.toml", 'kind = "ratio"', 'kind = "percent"')
    with pytest.raises(RulePackError, match=r"ratio\.toml: kind 'percent'"):
        Pipeline(packs)


def test_error_and_warning_codes_are_one_catalogue_in_the_schema() -> None:
    result = CliRunner().invoke(app, ["schema"])
    assert result.exit_code == 0
    defs = json.loads(result.output)["$defs"]
    assert "internal_error" in defs["ErrorRecord"]["properties"]["code"]["enum"]
    assert "regex_timeout" in defs["Warning_"]["properties"]["code"]["enum"]
    with pytest.raises(ValueError, match="code"):
        ErrorRecord(code="no_such_code", message="")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="code"):
        Warning_(code="no_such_code", message="")  # type: ignore[arg-type]


CODE_USES = [
    r'code\s*=\s*"(\w+)"',  # ErrorRecord(code="..."), Warning_(code="...")
    r'code\s*=\s*"\w+" if .* else "(\w+)"',
    r'\.warn\(\s*"(\w+)"',  # doc.warn("...", ...)
    r'DecodeError\(\s*"(\w+)"',
    r'\bfailed\([^,]+,\s*"(\w+)"',
    r'\(\("(\w+)", f?"',  # decoding warnings: (("code", "message"),)
]


def test_every_code_the_package_writes_is_in_the_catalogue() -> None:
    src = Path(__file__).resolve().parents[1] / "src" / "de06_extract"
    used = {
        code
        for path in src.rglob("*.py")
        for pattern in CODE_USES
        for code in re.findall(pattern, path.read_text(encoding="utf-8"))
    }
    assert {
        "internal_error",
        "regex_timeout",
        "too_large",
        "no_bom",
        "binary",
        "not_found",
        "read_error",
    } <= used
    assert used <= set(get_args(ErrorCode)) | set(get_args(WarningCode))


def test_de06_extract_stops_at_load_on_a_pattern_without_a_handler(packs: Path) -> None:
    """The issue's case: before, the pack loaded and every article lost its dates to internal_error."""
    _append(packs / "date.toml", NEW_DATE_PATTERN.format(name="dotted", handler=""))
    done = subprocess.run(
        [sys.executable, "-c", "from de06_extract.cli import main; main()", "extract", "-"],
        input="Ngày 10/6/2024, 45/50 nhiệm vụ.",
        capture_output=True,
        text=True,
        env={**os.environ, "DE06_PATTERNS": str(packs)},
        timeout=300,
    )
    assert done.returncode == 2
    assert "date.toml: pattern 'dotted'" in done.stderr
    assert done.stdout == ""
