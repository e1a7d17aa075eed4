"""Stage 1 — find the inputs (files, folders, globs, stdin) and read each into raw articles.

Readers are chosen by file suffix (`READERS`); a new input format is a new reader function that
takes an `InputRef` and yields `RawArticle`s. Nothing here raises for a bad input: a file that
cannot be read or decoded becomes a `RawArticle` carrying an error record.
"""

from __future__ import annotations

import glob
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import orjson

from .decoding import DecodeError, decode_bytes
from .models import ErrorRecord, Warning_

MAX_BYTES = 4 * 1024 * 1024  # larger articles get a too_large error record (`--max-bytes`)
TEXT_COLUMN = "text"  # the column a Parquet input's text is read from (`--text-column`)
JSONL_BLOCK_BYTES = 256 * 1024  # a JSONL file is cut into blocks of whole lines of about this size
_GLOB_CHARS = frozenset("*?[")


@dataclass(frozen=True, slots=True)
class InputRef:
    """One input to read: `source` is the name shown in the output, `path` is None for stdin.

    A block of a JSONL file is the byte range [start, stop) (stop -1: to the end) whose first line
    is line number `line` of the file.
    """

    source: str
    path: str | None
    start: int = 0
    stop: int = -1
    line: int = 1


@dataclass(frozen=True)
class RawArticle:
    """Decoded text of one article (or the error that kept it from being read)."""

    source: str
    text: str
    encoding: str | None = None
    published: str | None = None
    title: str | None = None
    error: ErrorRecord | None = None
    warnings: tuple[Warning_, ...] = field(default=())


def _failed(source: str, code: str, message: str) -> RawArticle:
    return RawArticle(source, "", error=ErrorRecord(code=code, message=message))


def _os_error(source: str, exc: OSError) -> RawArticle:
    code = "not_found" if isinstance(exc, FileNotFoundError) else "read_error"
    return _failed(source, code, f"{type(exc).__name__}: {exc.strerror or exc}")


def _read_text_file(ref: InputRef) -> Iterator[RawArticle]:
    try:
        data = _read_bytes(ref)
    except OSError as exc:
        yield _os_error(ref.source, exc)
        return
    yield decode_raw(ref.source, data)


def decode_raw(source: str, data: bytes) -> RawArticle:
    """Bytes of one text article → a raw article (or its error record)."""
    if len(data) > MAX_BYTES:
        return _failed(source, "too_large", f"more than {MAX_BYTES} bytes (see --max-bytes)")
    try:
        decoded = decode_bytes(data)
    except DecodeError as exc:
        return _failed(source, exc.code, str(exc))
    warnings = tuple(Warning_(code=code, message=message) for code, message in decoded.warnings)
    return RawArticle(source, decoded.text, encoding=decoded.encoding, warnings=warnings)


def _read_bytes(ref: InputRef) -> bytes:
    if ref.path is None:
        return sys.stdin.buffer.read(MAX_BYTES + 1)
    with open(ref.path, "rb") as fh:
        return fh.read(MAX_BYTES + 1)


def _read_jsonl(ref: InputRef) -> Iterator[RawArticle]:
    """One article per line: {"id", "text", optional "published", "title"}; source `file.jsonl#id`."""
    try:
        fh = open(ref.path, "rb") if ref.path is not None else sys.stdin.buffer  # noqa: SIM115
    except OSError as exc:
        yield _os_error(ref.source, exc)
        return
    try:
        if ref.start:
            fh.seek(ref.start)
        pos, lineno = ref.start, ref.line
        while ref.stop < 0 or pos < ref.stop:
            try:
                data = fh.readline(MAX_BYTES + 1)
            except OSError as exc:
                yield _os_error(f"{ref.source}#L{lineno}", exc)
                return
            if not data:
                break
            pos += len(data)
            if len(data) > MAX_BYTES and not data.endswith(b"\n"):
                yield _failed(
                    f"{ref.source}#L{lineno}",
                    "too_large",
                    f"line longer than {MAX_BYTES} bytes (see --max-bytes)",
                )
                while data and not data.endswith(b"\n"):  # skip the rest of the line
                    data = fh.readline(MAX_BYTES)
                    pos += len(data)
            elif data.strip():
                yield jsonl_record(ref.source, lineno, data)
            lineno += 1
    finally:
        if ref.path is not None:
            fh.close()


def jsonl_record(source: str, lineno: int, data: bytes) -> RawArticle:
    """One JSONL line → a raw article named `source#id` (`source#L<line>` when it has no usable id)."""
    where = f"{source}#L{lineno}"
    if lineno == 1 and data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        record = orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        return _failed(where, "bad_record", f"line {lineno}: not JSON: {exc}")
    if not isinstance(record, dict):
        return _failed(where, "bad_record", f"line {lineno}: a JSON object is expected")
    return mapped_record(source, where, f"line {lineno}", record)


def mapped_record(source: str, where: str, label: str, record: dict[str, object]) -> RawArticle:
    """A JSONL line's or a table row's {"id", "text", "published", "title"} → a raw article named
    `source#id` (`where` when it has no usable id); `label` says where it is in error messages."""
    rid = record.get("id")
    if isinstance(rid, str | int) and not isinstance(rid, bool) and str(rid):
        where = f"{source}#{rid}"
    text = record.get("text")
    if not isinstance(text, str):
        return _failed(where, "bad_record", f"{label}: 'text' must be a string")
    if len(text) > MAX_BYTES:
        return _failed(where, "too_large", f"{label}: text longer than {MAX_BYTES} (see --max-bytes)")
    meta: dict[str, str | None] = {}
    for key in ("published", "title"):
        value = record.get(key)
        if value is not None and not isinstance(value, str):
            return _failed(where, "bad_record", f"{label}: {key!r} must be a string or null")
        meta[key] = value or None
    warnings: tuple[Warning_, ...] = ()
    if "\x00" in text:
        warnings = (Warning_(code="nul_chars", message=f"{text.count(chr(0))} NUL character(s) in the text"),)
    return RawArticle(
        where, text, encoding="utf-8", published=meta["published"], title=meta["title"], warnings=warnings
    )


def _read_parquet(ref: InputRef) -> Iterator[RawArticle]:
    """One article per row of a Parquet file (see `parquet.read_parquet`); needs pyarrow."""
    try:
        from .parquet import read_parquet
    except ImportError:
        yield _failed(
            ref.source, "missing_dependency", "reading Parquet needs pyarrow: de06-extract[parquet]"
        )
        return
    yield from read_parquet(ref)


READERS: dict[str, Callable[[InputRef], Iterator[RawArticle]]] = {
    ".txt": _read_text_file,
    ".md": _read_text_file,
    ".jsonl": _read_jsonl,
    ".parquet": _read_parquet,
}


@dataclass
class Discovery:
    """What discovery saw besides the inputs: files in folders skipped for their type."""

    skipped: int = 0


def discover(paths: Iterable[str], found: Discovery | None = None) -> Iterator[InputRef]:
    """Yield inputs in a stable order: the paths as given, folders walked recursively and sorted.

    A file named explicitly is read whatever its suffix (as text, JSONL for `.jsonl`); inside folders
    only files with a known suffix are read and the others are counted in `found.skipped`. A path
    that does not exist but holds `*`, `?` or `[` is expanded as a glob (`**` recursive); a path that
    does not exist at all is still yielded, so that it gets a `not_found` error record.
    """
    found = found if found is not None else Discovery()
    for given in paths:
        if given == "-":
            yield InputRef("-", None)
        elif os.path.isdir(given):
            yield from _walk(Path(given), found)
        elif not os.path.lexists(given) and _GLOB_CHARS & set(given):
            for match in sorted(glob.glob(given, recursive=True)):
                if os.path.isdir(match):
                    yield from _walk(Path(match), found)
                elif Path(match).suffix.lower() in READERS:
                    yield InputRef(match, match)
                else:
                    found.skipped += 1
        else:
            yield InputRef(given, given)


def read_list(lines: Iterable[str]) -> Iterator[str]:
    """Paths from a `--from-list` file: one per line; blank lines and `#` comments are ignored."""
    for line in lines:
        path = line.rstrip("\r\n")
        if path.strip() and not path.lstrip().startswith("#"):
            yield path


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
            except OSError:  # a symlink loop, a vanished entry: an input of ours gets its error record
                if Path(entry.name).suffix.lower() in READERS:
                    files.append(Path(entry.path))
                else:
                    found.skipped += 1
    for path in sorted(files, key=lambda p: p.relative_to(root).as_posix()):
        yield InputRef(path.relative_to(root).as_posix(), str(path))


def is_jsonl(ref: InputRef) -> bool:
    return ref.path is not None and Path(ref.path).suffix.lower() == ".jsonl"


def split_jsonl(ref: InputRef, block_bytes: int = JSONL_BLOCK_BYTES) -> Iterator[InputRef]:
    """Cut a JSONL input into blocks of whole lines, so that workers share a big file.

    Only newlines are looked for here (no parsing); an unreadable file is one block (whose reading
    gives the error record).
    """
    assert ref.path is not None
    try:
        fh = open(ref.path, "rb")  # noqa: SIM115
    except OSError:
        yield ref
        return
    with fh:
        start = pos = 0
        line = 1
        lines_in_block = 0
        while True:
            try:
                chunk = fh.read(1 << 20)
            except OSError:
                break
            if not chunk:
                break
            offset = 0
            while True:
                nl = chunk.find(b"\n", offset)
                if nl < 0:
                    break
                offset = nl + 1
                lines_in_block += 1
                if pos + offset - start >= block_bytes:
                    yield InputRef(ref.source, ref.path, start, pos + offset, line)
                    start, line, lines_in_block = pos + offset, line + lines_in_block, 0
            pos += len(chunk)
        if pos > start or start == 0:
            yield InputRef(ref.source, ref.path, start, -1, line)


def input_size(ref: InputRef) -> int:
    """Bytes this input will read (0 when unknown), for the progress bar."""
    if ref.path is None:
        return 0
    if ref.stop >= 0:
        return ref.stop - ref.start
    try:
        return max(os.path.getsize(ref.path) - ref.start, 0)
    except OSError:
        return 0


def read(ref: InputRef) -> Iterator[RawArticle]:
    """Read one input into raw articles (a JSONL input may hold many)."""
    suffix = Path(ref.path).suffix.lower() if ref.path else ".txt"
    return READERS.get(suffix, _read_text_file)(ref)
