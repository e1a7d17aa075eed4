"""Stage 7 — serialise Articles as JSON Lines (orjson), one complete line per write.

`LineWriter` is what `de06 extract` writes with: whole lines, flushed one by one, and a SIGINT or
SIGTERM that arrives while a line is being written only takes effect once the line is out, so an
interrupted run never leaves half a line behind; a line that cannot be written whole (disk full)
is cut off again. `open_output` locks the output file against a second run; `resume_sources`
reads what an earlier run wrote.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import signal
import stat
import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import Any, BinaryIO, cast

import orjson

from .models import Article


def article_line(article: Article) -> bytes:
    """The article as one JSON line (with its newline); field order follows the schema."""
    return orjson.dumps(article.model_dump(mode="json", by_alias=True), option=orjson.OPT_APPEND_NEWLINE)


@dataclass(frozen=True, slots=True)
class Result:
    """One article as the writer and the summary need it: its output line and the codes counted."""

    source: str
    line: bytes
    kinds: tuple[str, ...]
    warnings: tuple[str, ...]
    errors: tuple[str, ...]


def to_result(article: Article) -> Result:
    return Result(
        article.source,
        article_line(article),
        tuple(f.kind for f in article.facts),
        tuple(w.code for w in article.warnings),
        tuple(e.code for e in article.errors),
    )


class OutputBusy(Exception):
    """Another run holds the lock on the output file."""


class OutputError(Exception):
    """Writing the output failed (disk full, I/O error); the lines written before are whole."""

    def __init__(self, exc: OSError) -> None:
        super().__init__(exc.strerror or str(exc))


def _locked(path: Path) -> int:
    """An fd of `path` (created if absent, never truncated here) under an exclusive `flock`."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND | os.O_CLOEXEC, 0o666)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        raise OutputBusy(
            f"{path} is being written by another de06 run (it holds a lock on it); "
            "wait for that run to end or write elsewhere"
        ) from None
    return fd


def open_output(path: Path, *, resume: bool) -> BinaryIO:
    """Open `-o` for appending under an exclusive `flock`, emptied first unless `resume` (a
    `.parquet` path: a `ParquetSink` under the same lock, written anew beside it and moved onto it
    when it closes).

    The lock is taken before anything is truncated, so a second run on the same file (with or
    without --resume) stops with `OutputBusy` and the first one's output is untouched. Writes are
    unbuffered: `LineWriter` writes a line with as few system calls as it can and flushes nothing.
    """
    parquet = path.suffix.lower() == ".parquet"  # a new file each run (the CLI refuses --resume)
    if parquet:
        try:
            from .parquet import ParquetSink
        except ImportError as exc:  # reported as "cannot write out.parquet: ..."
            raise OSError("writing Parquet needs pyarrow: pip install 'de06-extract[parquet]'") from exc
    fd = _locked(path)
    try:
        if parquet:
            return cast(BinaryIO, ParquetSink(path, lock=fd))
        if not resume and stat.S_ISREG(os.fstat(fd).st_mode):
            os.ftruncate(fd, 0)
        return os.fdopen(fd, "ab", buffering=0)
    except BaseException:
        os.close(fd)
        raise


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
        self._whole: int | None = None  # size of a regular output file up to its last whole line

    def attach(self, out: BinaryIO) -> None:
        """Write to `out` from now on (an output file: a failed line is cut off again)."""
        self.out = out
        fileno = getattr(out, "fileno", None)  # a ParquetSink has none: it writes row groups
        st = os.fstat(fileno()) if fileno is not None else None
        self._whole = st.st_size if st is not None and stat.S_ISREG(st.st_mode) else None

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        self.signum = signum
        if not self._critical:
            raise Interrupted(signum)

    @contextmanager
    def signals(self) -> Iterator[None]:
        """Install the SIGINT/SIGTERM handlers for the duration of the block.

        An `Interrupted` raised inside a `__del__` cannot propagate: Python would print it as an
        "Exception ignored" traceback; it is dropped quietly instead and `check` raises it again.
        """
        old = {s: signal.signal(s, self._handle) for s in (signal.SIGINT, signal.SIGTERM)}
        old_hook = sys.unraisablehook

        def hook(unraisable: Any) -> None:
            if not isinstance(unraisable.exc_value, Interrupted):
                old_hook(unraisable)

        sys.unraisablehook = hook
        try:
            yield
        finally:
            sys.unraisablehook = old_hook
            for s, handler in old.items():
                signal.signal(s, handler)

    def check(self) -> None:
        """Raise `Interrupted` for a signal whose exception was swallowed (raised inside a `__del__`)."""
        if self.signum is not None:
            raise Interrupted(self.signum)

    def write(self, line: bytes) -> None:
        """Write one line; BrokenPipeError passes, any other OSError becomes `OutputError`."""
        self._critical = True
        try:
            view = memoryview(line)
            while view:  # an unbuffered file may take part of the line
                view = view[self.out.write(view) or 0 :]
            self.out.flush()
            self.lines += 1
            if self._whole is not None:
                self._whole += len(line)
        except BrokenPipeError:
            raise
        except OSError as exc:
            if self._whole is not None:  # cut off the part of the line that got out
                with contextlib.suppress(OSError):
                    os.ftruncate(self.out.fileno(), self._whole)
            raise OutputError(exc) from exc
        finally:
            self._critical = False
        self.check()


def resume_sources(path: Path, bad: list[int] | None = None) -> Counter[str]:
    """Sources already written to `path` (how many times each), after cutting off a partial last line.

    A run killed with SIGKILL may have left a last line without its newline: it is truncated here,
    and that article is done again. The numbers of lines that are not article records (garbage
    written by something else) are appended to `bad`; those lines are left as they are.
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
        for lineno, line in enumerate(fh, 1):
            try:
                record = orjson.loads(line)
            except orjson.JSONDecodeError:
                record = None
            if isinstance(record, dict) and isinstance(record.get("source"), str):
                done[record["source"]] += 1
            elif bad is not None and line.strip():
                bad.append(lineno)
    return done
