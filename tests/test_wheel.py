"""The wheel works outside the checkout: built here, installed into a fresh venv in a temporary folder.

No network: the wheel is built without build isolation and installed with `--no-index --no-deps`;
its dependencies come from this venv's site-packages through a `.pth` line (a plain path line: the
editable install's own `.pth` there is not processed, so it cannot shadow the wheel).
"""

from __future__ import annotations

import json
import os
import shutil
import site
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from de06_extract import extract_text

from .conftest import PATTERNS, ROOT, SAMPLES

SAMPLE = SAMPLES / "03-thu-tuong-nghi-quyet-57.txt"


def _run(*args: str | Path, cwd: Path, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(
        [str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, encoding="utf-8"
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """(the fresh venv's bin folder, an environment without overrides) with the wheel installed."""
    tmp = tmp_path_factory.mktemp("wheel")
    tree = tmp / "tree"  # built from a copy: the build leaves nothing in the checkout
    tree.mkdir()
    junk = shutil.ignore_patterns("__pycache__", "*.egg-info")
    for part in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / part, tree / part)
    for part in ("src", "patterns"):
        shutil.copytree(ROOT / part, tree / part, ignore=junk)
    env = {k: v for k, v in os.environ.items() if k not in ("DE06_PATTERNS", "PYTHONPATH")}
    env["COLUMNS"] = "200"  # `de06 patterns` prints a table
    pip = (sys.executable, "-m", "pip", "--disable-pip-version-check")
    _run(*pip, "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", tmp / "dist", tree, cwd=tmp, env=env)
    (wheel,) = (tmp / "dist").glob("de06_extract-*.whl")
    fresh = tmp / "venv"
    venv.create(fresh, with_pip=False)
    bin_dir = fresh / "bin"
    _run(
        *pip,
        "--python",
        bin_dir / "python",
        "install",
        "--no-index",
        "--no-deps",
        "-q",
        wheel,
        cwd=tmp,
        env=env,
    )
    purelib = _run(
        bin_dir / "python", "-c", "import sysconfig; print(sysconfig.get_path('purelib'))", cwd=tmp
    )
    (Path(purelib.strip()) / "de06-deps.pth").write_text(site.getsitepackages()[0] + "\n", encoding="utf-8")
    return bin_dir, env


def test_cli_from_the_wheel(installed: tuple[Path, dict[str, str]], tmp_path: Path) -> None:
    bin_dir, env = installed
    where = _run(bin_dir / "python", "-c", "import de06_extract; print(de06_extract.__file__)", cwd=tmp_path)
    assert Path(where.strip()).is_relative_to(bin_dir.parent)
    assert _run(bin_dir / "de06", "--version", cwd=tmp_path).split() == ["de06", "0.1.0"]
    shutil.copy(SAMPLE, tmp_path / "one.txt")
    line = json.loads(_run(bin_dir / "de06", "extract", "-q", "one.txt", cwd=tmp_path, env=env))
    expected = extract_text(SAMPLE.read_text(encoding="utf-8"), source="one.txt")
    assert line["facts"] == expected.model_dump(mode="json", by_alias=True)["facts"]
    assert line["facts"]


def test_api_and_patterns_override_from_the_wheel(
    installed: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    bin_dir, env = installed
    mine = tmp_path / "mine"
    shutil.copytree(PATTERNS, mine, ignore=shutil.ignore_patterns("__init__.py", "__pycache__"))
    (mine / "percent.toml").unlink()  # a user's own packs: here without percentages
    script = (
        "import json, sys; from pathlib import Path; from de06_extract import extract_text\n"
        "text = Path(sys.argv[1]).read_text(encoding='utf-8')\n"
        "for a in (extract_text(text), extract_text(text, patterns_dir=Path(sys.argv[2]))):\n"
        "    print(json.dumps(sorted({f.kind for f in a.facts})))\n"
    )
    out = _run(bin_dir / "python", "-c", script, SAMPLE, mine, cwd=tmp_path, env=env)
    shipped, own = (set(json.loads(line)) for line in out.splitlines())
    assert "percent" in shipped
    assert shipped - own == {"percent"}
    via_env = _run(bin_dir / "de06", "patterns", cwd=tmp_path, env={**env, "DE06_PATTERNS": str(mine)})
    via_flag = _run(bin_dir / "de06", "patterns", "--patterns", mine, cwd=tmp_path, env=env)
    assert "percent.toml" not in via_env
    assert "percent.toml" not in via_flag


def test_every_package_is_listed_for_the_wheel() -> None:
    """pyproject.toml lists the packages (a `find` cannot map `patterns/` in): a new one must be added."""
    import tomllib

    listed = set(
        tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"]
    )
    src = ROOT / "src"
    found = {".".join(p.parent.relative_to(src).parts) for p in src.rglob("__init__.py")}
    assert listed == found | {"de06_extract.patterns"}
