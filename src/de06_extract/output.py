"""Stage 7 — serialise Articles as JSON Lines (orjson), one complete line per write.

`LineWriter` is what `de06 extract` writes with: whole lines, flushed one by one, and a SIGINT or
SIGTERM that arrives while a line is being written only takes effect once the line is out, so an
interrupted run never leaves half a line behind. `resume_sources` reads what an earlier run wrote.
"""

from __future__ import annotations

import signal
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import BinaryIO, cast

import orjson

from .models import Article


def article_line(article: Article) -> bytes:
    """The article as one JSON line (with its newline); field order follows the schema."""
    return orjson.dumps(article.model_dump(mode="json", by_alias=True), option=orjson.OPT_APPEND_NEWLINE)


class Interrupted(BaseException):
    """SIGINT or SIGTERM asked the run to stop (a BaseException, so `except Exception` lets it pass)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


class LineWriter:
    """Writes whole lines to `out` and turns SIGINT/SIGTERM into `Interrupted` between lines."""

    def __init__(self, out: BinaryIO) -> None:
        self.out = out
        self.signum: int | None = None
        self._critical = False
        self.lines = 0

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        self.signum = signum
        if not self._critical:
            raise Interrupted(signum)

    @contextmanager
    def signals(self) -> Iterator[None]:
        """Install the SIGINT/SIGTERM handlers for the duration of the block."""
        old = {s: signal.signal(s, self._handle) for s in (signal.SIGINT, signal.SIGTERM)}
        try:
            yield
        finally:
            for s, handler in old.items():
                signal.signal(s, handler)

    def write(self, line: bytes) -> None:
        self._critical = True
        try:
            self.out.write(line)
            self.out.flush()
            self.lines += 1
        finally:
            self._critical = False
        if self.signum is not None:
            raise Interrupted(self.signum)


def open_output(path: Path, append: bool = False) -> BinaryIO:
    """Where `de06 extract -o` writes its lines: the JSONL file, or for `.parquet` a `ParquetSink`."""
    if path.suffix.lower() == ".parquet":
        try:
            from .parquet import ParquetSink
        except ImportError as exc:  # reported as "cannot write out.parquet: ..."
            raise OSError("writing Parquet needs pyarrow: pip install 'de06-extract[parquet]'") from exc

        return cast(BinaryIO, ParquetSink(path))
    return open(path, "ab" if append else "wb")


def resume_sources(path: Path) -> Counter[str]:
    """Sources already written to `path` (how many times each), after cutting off a partial last line.

    A run killed with SIGKILL may have left a last line without its newline: it is truncated here,
    and that article is done again.
    """
    done: Counter[str] = Counter()
    if not path.exists():
        return done
    with open(path, "r+b") as fh:
        fh.seek(0, 2)
        size = fh.tell()
        keep = size
        step = 1 << 16
        while keep > 0:  # find the last newline from the end
            at = max(keep - step, 0)
            fh.seek(at)
            nl = fh.read(keep - at).rfind(b"\n")
            if nl >= 0:
                keep = at + nl + 1
                break
            keep = at
        if keep != size:
            fh.truncate(keep)
        fh.seek(0)
        for line in fh:
            try:
                record = orjson.loads(line)
            except orjson.JSONDecodeError:
                continue
            if isinstance(record, dict) and isinstance(record.get("source"), str):
                done[record["source"]] += 1
    return done
