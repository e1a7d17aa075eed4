"""The docs cannot drift: every `de06` command and `--flag` they show exists, every `make` target they
name is in the Makefile, and every relative link points at a file."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
from typer.testing import CliRunner

from de06_extract.cli import app

from .conftest import ROOT

PAGES = sorted([ROOT / "README.md", ROOT / "bench" / "RESULTS.md", *(ROOT / "docs").rglob("*.md")])
# `de06 …` at the start of a line, after a shell prompt or pipe, or opening an inline code span
COMMAND = re.compile(r"(?:^|[|;&(`]\s*|\$\s+)de06((?:[ \t]+[^\s|;&`#)]+)*)", re.M)
FLAG = re.compile(r"(?<![\w-])--[a-z][a-z0-9-]*")
LINK = re.compile(r"\]\(([^)\s]+)\)")
MAKE = re.compile(r"`make ([a-z-]+)`|^make ([a-z-]+)", re.M)


def _code(text: str) -> tuple[str, list[str]]:
    """The code blocks of a Markdown page (joined) and its inline code spans."""
    blocks = re.findall(r"^```[^\n]*\n(.*?)^```", text, re.M | re.S)
    spans = re.findall(r"`([^`\n]+)`", re.sub(r"^```.*?^```", "", text, flags=re.M | re.S))
    return "\n".join([*blocks, *(f"`{s}`" for s in spans)]), spans


@cache
def _help(*command: str) -> str:
    result = CliRunner().invoke(app, [*command, "--help"], env={"COLUMNS": "240", "TERMINAL_WIDTH": "240"})
    assert result.exit_code == 0, (command, result.output)
    return result.output


def _subcommands() -> set[str]:
    return set(re.findall(r"^│ (\w+) ", _help(), re.M))


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_commands_and_flags_exist(page: Path) -> None:
    code, spans = _code(page.read_text(encoding="utf-8"))
    subcommands = _subcommands()
    for m in COMMAND.finditer(code):
        words = m.group(1).split()
        command = words[0] if words and not words[0].startswith("-") else None
        if command is not None and command not in subcommands:
            pytest.fail(f"{page.name}: `de06 {m.group(1).strip()}`: no command {command!r}")
        known = set(FLAG.findall(_help(command) if command else _help()))
        for flag in FLAG.findall(m.group(1)):
            assert flag in known, f"{page.name}: `de06 {m.group(1).strip()}`: no option {flag}"
    every_flag = {f for c in subcommands for f in FLAG.findall(_help(c))} | set(FLAG.findall(_help()))
    for span in spans:  # an option shown on its own (`--jobs 4`) belongs to some command
        if span.startswith("--"):
            for flag in FLAG.findall(span):
                assert flag in every_flag, f"{page.name}: `{span}`: {flag} is no option of any de06 command"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_relative_links_resolve(page: Path) -> None:
    for target in LINK.findall(page.read_text(encoding="utf-8")):
        if re.match(r"[a-z]+:", target) or target.startswith("#"):
            continue
        path = (page.parent / target.split("#")[0]).resolve()
        assert path.exists(), f"{page.relative_to(ROOT)}: link {target} points at nothing"


def test_make_targets_exist() -> None:
    targets = set(re.findall(r"^([a-z-]+):", (ROOT / "Makefile").read_text(encoding="utf-8"), re.M))
    for page in PAGES:
        for m in MAKE.finditer(page.read_text(encoding="utf-8")):
            assert (m[1] or m[2]) in targets, f"{page.name}: no make target {m[1] or m[2]!r}"


def test_readme_is_short_and_starts_with_the_two_commands() -> None:
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    assert len(lines) <= 150
    first_block = lines[lines.index("```sh") + 1 : lines.index("```")]
    assert [line.split("#")[0].strip() for line in first_block] == ["make demo", "make test"]


def test_every_rule_on_the_samples_is_explained() -> None:
    """A fact's `rule` is a pattern `de06 patterns` shows, or an anchor the docs name (people)."""
    from de06_extract.pipeline import get_pipeline
    from de06_extract.rulepacks import load_packs

    patterns = {f"{p.spec.pack.kind}.{t.name}" for p in load_packs().values() for t in p.spec.patterns}
    people = (ROOT / "docs" / "facts" / "people.md").read_text(encoding="utf-8")
    for sample in sorted((ROOT / "samples").glob("*.txt")):
        for fact in get_pipeline().run(sample.read_text(encoding="utf-8")).facts:
            assert fact.rule in patterns or f"`{fact.rule}`" in people, (sample.name, fact.rule)


def test_every_blind_draw_has_its_counts_and_section() -> None:
    """`bench/blind-counts.toml` (pooled into the README's blind columns) holds every held-out draw of
    docs/accuracy-log.md from seed 19 on, seven kinds each, under the section that scored it."""
    import tomllib

    counts = tomllib.loads((ROOT / "bench" / "blind-counts.toml").read_text(encoding="utf-8"))
    headings = re.findall(r"^## (.+)$", (ROOT / "docs" / "accuracy-log.md").read_text(encoding="utf-8"), re.M)
    held_out = {
        f"draw-{m}" for h in headings for m in re.findall(r"^Held-out draw \(seed (\d+)\)", h) if int(m) >= 19
    }
    assert held_out == set(counts)
    for name, table in counts.items():
        assert table["section"] in headings, name
        assert (ROOT / "tests" / "real" / name).is_dir(), name
        assert all(
            len(table[kind]) == 3
            for kind in ("date", "ratio", "percent", "money", "quantity", "document", "person")
        )
