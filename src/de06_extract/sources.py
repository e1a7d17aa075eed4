"""Stage 1 — find the inputs (files, folders, stdin) and read each into raw articles.

Readers are chosen by file suffix (`READERS`); a new input format is a new reader function.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .decoding import DecodeError, decode_bytes
from .models import ErrorRecord

MAX_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True)
class InputRef:
    """One input to read: `source` is the name shown in the output, `path` is None for stdin."""

    source: str
    path: str | None


@dataclass(frozen=True)
class RawArticle:
    """Decoded text of one article (or the error that kept it from being read)."""

    source: str
    text: str
    encoding: str | None = None
    published: str | None = None
    title: str | None = None
    error: ErrorRecord | None = None


def _read_text_file(ref: InputRef) -> Iterator[RawArticle]:
    try:
        data = _read_bytes(ref)
    except OSError as exc:
        code = "not_found" if isinstance(exc, FileNotFoundError) else "read_error"
        yield RawArticle(ref.source, "", error=ErrorRecord(code=code, message=f"{type(exc).__name__}: {exc}"))
        return
    if len(data) > MAX_BYTES:
        yield RawArticle(
            ref.source, "", error=ErrorRecord(code="too_large", message=f"{len(data)} bytes > {MAX_BYTES}")
        )
        return
    try:
        decoded = decode_bytes(data)
    except DecodeError as exc:
        yield RawArticle(ref.source, "", error=ErrorRecord(code=exc.code, message=str(exc)))
        return
    yield RawArticle(ref.source, decoded.text, encoding=decoded.encoding)


def _read_bytes(ref: InputRef) -> bytes:
    if ref.path is None:
        return sys.stdin.buffer.read()
    with open(ref.path, "rb") as fh:
        return fh.read(MAX_BYTES + 1)


READERS: dict[str, Callable[[InputRef], Iterator[RawArticle]]] = {
    ".txt": _read_text_file,
    ".md": _read_text_file,
}


@dataclass
class Discovery:
    """What discovery saw besides the inputs: files in folders skipped for their type."""

    skipped: int = 0


def discover(paths: Iterable[str], found: Discovery | None = None) -> Iterator[InputRef]:
    """Yield inputs in a stable order: the paths as given, folders walked recursively and sorted.

    A file named explicitly is read whatever its suffix (as text); inside folders only files with a
    known suffix are read and the others are counted in `found.skipped`.
    """
    found = found if found is not None else Discovery()
    for given in paths:
        if given == "-":
            yield InputRef("-", None)
        elif os.path.isdir(given):
            yield from _walk(Path(given), found)
        else:
            yield InputRef(given, given)


def _walk(root: Path, found: Discovery) -> Iterator[InputRef]:
    seen: set[tuple[int, int]] = set()
    stack = [root]
    files: list[Path] = []
    while stack:
        folder = stack.pop()
        try:
            st = folder.stat()
            if (st.st_dev, st.st_ino) in seen:
                continue
            seen.add((st.st_dev, st.st_ino))
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            try:
                if entry.is_dir():
                    stack.append(Path(entry.path))
                elif Path(entry.name).suffix.lower() in READERS:
                    files.append(Path(entry.path))
                else:
                    found.skipped += 1
            except OSError:
                found.skipped += 1
    for path in sorted(files, key=lambda p: p.relative_to(root).as_posix()):
        yield InputRef(path.relative_to(root).as_posix(), str(path))


def read(ref: InputRef) -> Iterator[RawArticle]:
    """Read one input into raw articles (a JSONL input may hold many)."""
    suffix = Path(ref.path).suffix.lower() if ref.path else ".txt"
    return READERS.get(suffix, _read_text_file)(ref)
