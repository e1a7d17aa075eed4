"""Stress: `timeout 3 de06 extract ... -j 2` again and again; no run may hang or leave a process.

Run: .venv/bin/python bench/stress.py [--runs 30] [--seconds 3] [--jobs 2]

Each run gets SIGTERM from `timeout` after `--seconds` (mid-run: the input is a few thousand
articles); it must end within `--seconds` + 10 s (else `timeout -k` SIGKILLs it and it counts as
a hang), and afterwards no process whose command line names the run's folder may be left.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def leftovers(marker: str) -> list[int]:
    """Pids of live processes whose command line holds `marker`."""
    found = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            cmdline = (proc / "cmdline").read_bytes().decode(errors="replace")
            state = (proc / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if marker in cmdline and state != "Z":
            found.append(int(proc.name))
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--seconds", type=float, default=3.0)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    de06 = str(Path(sys.executable).with_name("de06"))
    with tempfile.TemporaryDirectory(prefix="de06-stress-") as tmp:
        corpus = Path(tmp) / "in"
        corpus.mkdir()
        for i in range(150):
            for txt in sorted((ROOT / "samples").glob("*.txt")):
                shutil.copy(txt, corpus / f"{i:03d}-{txt.name}")
        hangs = left = 0
        codes: dict[int, int] = {}
        worst = 0.0
        for run in range(args.runs):
            out = Path(tmp) / "out.jsonl"
            started = time.monotonic()
            done = subprocess.run(
                [
                    "timeout",
                    "-k",
                    str(args.seconds + 10),
                    str(args.seconds),
                    de06,
                    "extract",
                    "-q",
                    str(corpus),
                    "-o",
                    str(out),
                    "-j",
                    str(args.jobs),
                ],
                capture_output=True,
                check=False,
            )
            took = time.monotonic() - started
            worst = max(worst, took)
            codes[done.returncode] = codes.get(done.returncode, 0) + 1
            if done.returncode == 137:  # SIGKILLed by `timeout -k`: it hung
                hangs += 1
            time.sleep(0.2)
            if pids := leftovers(tmp):
                left += 1
                print(f"run {run}: processes left behind: {pids}", flush=True)
            if b"Traceback" in done.stderr:
                print(f"run {run}: traceback on stderr:\n{done.stderr.decode()}", flush=True)
            print(f"run {run:2}: exit {done.returncode} in {took:.2f} s", flush=True)
    print(
        f"{args.runs} runs: {hangs} hung, {left} left processes behind; exit codes {codes}; slowest {worst:.2f} s"
    )
    return 0 if hangs == 0 and left == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
