"""Stage 1 — find the inputs (files, folders, globs, stdin) and read each into raw articles.

Readers are chosen by file suffix (`READERS`); a new input format is a new reader function that
takes an `InputRef` and yields `RawArticle`s. Nothing here raises for a bad input: a file that
cannot be read or decoded becomes a `RawArticle` carrying an error record.
"""

from __future__ import annotations

import errno
import glob
import os
import stat
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

import orjson
import regex

from .decoding import Decoded, DecodeError, decode_bytes
from .html import NoMainText, PageMeta, extract_page, read_page
from .models import ErrorRecord, Warning_

MAX_BYTES = 4 * 1024 * 1024  # default of `ReadOptions.max_bytes` (`--max-bytes`)
JSONL_BLOCK_BYTES = 256 * 1024  # a JSONL file is cut into blocks of whole lines of about this size
_GLOB_CHARS = frozenset("*?[")
_HTML_START = regex.compile(
    rb"\s*+(?:<!--(?:[^-]|-(?!->)){0,500}+-->\s*+)?+<(?:!doctype\s++html|html)\b", regex.IGNORECASE
)


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


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """How inputs are read and extracted, passed explicitly to every reader and worker.

    `max_bytes`: larger articles (and JSONL lines) get a `too_large` error record. `skip`: sources
    already in the output (`--resume`); JSONL records named there are not extracted again.
    `patterns_dir`: own rule packs (`--patterns`); `with_text`: every article carries its text
    (`--with-text`); `published`: the run's published date for articles that state none
    (`--published`).
    """

    max_bytes: int = MAX_BYTES
    skip: frozenset[str] = frozenset()
    patterns_dir: Path | None = None
    with_text: bool = False
    published: str | None = None
    text_column: str = "text"


DEFAULT_READ = ReadOptions()


@dataclass(frozen=True)
class RawArticle:
    """Decoded text of one article (or the error that kept it from being read).

    `page` is set for an HTML page: its metadata, and `text` is the text extracted from it.
    """

    source: str
    text: str
    encoding: str | None = None
    published: str | None = None
    title: str | None = None
    error: ErrorRecord | None = None
    warnings: tuple[Warning_, ...] = field(default=())
    page: PageMeta | None = None


def failed(source: str, code: str, message: str) -> RawArticle:
    """A raw article that could not be read: only its error record."""
    return RawArticle(source, "", error=ErrorRecord(code=code, message=message))


class NotRegularFile(OSError):
    """The path is a FIFO, a device, a socket or a folder: it is not opened for reading."""


def _os_error(source: str, exc: OSError) -> RawArticle:
    if isinstance(exc, NotRegularFile):
        return failed(source, "not_regular", str(exc))
    code = "not_found" if isinstance(exc, FileNotFoundError) else "read_error"
    return failed(source, code, f"{type(exc).__name__}: {exc.strerror or exc}")


_FILE_TYPES = ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a device"))


def open_regular(path: str) -> BinaryIO:
    """Open a regular file for reading; a FIFO, device or socket raises `NotRegularFile` without
    blocking, a folder `IsADirectoryError`.

    The file is opened with O_NONBLOCK (a FIFO without a writer would block `open` forever) and
    checked with `fstat` on the open descriptor, so it cannot be swapped between check and read.
    """
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), path)
        if not stat.S_ISREG(mode):
            what = next((name for test, name in _FILE_TYPES if test(mode)), "a special file")
            raise NotRegularFile(f"{what}, not a regular file: not read")
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def _read_text_file(ref: InputRef, opts: ReadOptions) -> Iterator[RawArticle]:
    return _read_file(ref, opts, decode_raw)


def _read_html(ref: InputRef, opts: ReadOptions) -> Iterator[RawArticle]:
    return _read_file(ref, opts, html_raw)


def _read_other(ref: InputRef, opts: ReadOptions) -> Iterator[RawArticle]:
    return _read_file(ref, opts, sniff_raw)


def sniff_raw(source: str, data: bytes, max_bytes: int = MAX_BYTES) -> RawArticle:
    """Bytes of stdin or of a file named with another suffix: an HTML page if they start like one
    (`<!DOCTYPE html`, `<html`, after a BOM, blanks or a comment), else a text article."""
    head = data[:1024].removeprefix(b"\xef\xbb\xbf")
    return (
        html_raw(source, data, max_bytes) if _HTML_START.match(head) else decode_raw(source, data, max_bytes)
    )


def _read_file(
    ref: InputRef, opts: ReadOptions, convert: Callable[[str, bytes, int], RawArticle]
) -> Iterator[RawArticle]:
    try:
        data = _read_bytes(ref, opts.max_bytes)
    except OSError as exc:
        yield _os_error(ref.source, exc)
        return
    yield convert(ref.source, data, opts.max_bytes)


def _too_large(source: str, max_bytes: int) -> RawArticle:
    return failed(source, "too_large", f"more than {max_bytes} bytes (see --max-bytes)")


def decode_raw(source: str, data: bytes, max_bytes: int = MAX_BYTES) -> RawArticle:
    """Bytes of one text article → a raw article (or its error record)."""
    if len(data) > max_bytes:
        return _too_large(source, max_bytes)
    try:
        decoded = decode_bytes(data)
    except DecodeError as exc:
        return failed(source, exc.code, str(exc))
    return RawArticle(source, decoded.text, encoding=decoded.encoding, warnings=_warnings(decoded))


def _warnings(decoded: Decoded) -> tuple[Warning_, ...]:
    return tuple(Warning_(code=code, message=message) for code, message in decoded.warnings)


def html_raw(
    source: str,
    markup: bytes | str,
    max_bytes: int = MAX_BYTES,
    *,
    url: str | None = None,
    published: str | None = None,
    title: str | None = None,
) -> RawArticle:
    """An HTML page (bytes of a file, or text of a JSONL record) → a raw article of its main text.

    `published` and `title` given by the input win over the page's; a page without main text gets a
    `no_main_text` error record.
    """
    if len(markup) > max_bytes:
        return _too_large(source, max_bytes)
    try:
        if isinstance(markup, bytes):
            page, decoded = read_page(markup, url)
        else:
            page, decoded = extract_page(markup, url), Decoded(markup, "utf-8")
    except DecodeError as exc:
        return failed(source, exc.code, str(exc))
    except NoMainText as exc:
        return failed(source, "no_main_text", str(exc))
    return RawArticle(
        source,
        page.text,
        encoding=decoded.encoding,
        published=published or page.meta.published,
        title=title,
        warnings=_warnings(decoded),
        page=page.meta,
    )


def _read_bytes(ref: InputRef, max_bytes: int) -> bytes:
    if ref.path is None:
        return sys.stdin.buffer.read(max_bytes + 1)
    with open_regular(ref.path) as fh:
        # read(max_bytes + 1) would allocate that much first: ask for the file's size (+ 1 to see
        # its end), and for the rest of the bound only when it has grown since
        want = min(max_bytes + 1, os.fstat(fh.fileno()).st_size + 1)
        data = fh.read(want)
        if len(data) == want <= max_bytes:
            data += fh.read(max_bytes + 1 - want)
        return data


def read_stdin(max_bytes: int, stream: BinaryIO | None = None) -> RawArticle:
    """The article on stdin, read with a bound: past `max_bytes` the rest is drained, not kept."""
    stream = stream if stream is not None else sys.stdin.buffer
    try:
        data = stream.read(max_bytes + 1)
        if len(data) <= max_bytes:
            return sniff_raw("-", data, max_bytes)
        while stream.read(1 << 20):  # let the writer finish; memory stays at one chunk
            pass
    except OSError as exc:
        return _os_error("-", exc)
    return _too_large("-", max_bytes)


def _read_jsonl(ref: InputRef, opts: ReadOptions) -> Iterator[RawArticle]:
    """One article per line: {"id", "text" or "html", optional "published", "title", "url"}; source
    `file.jsonl#id`."""
    max_bytes = opts.max_bytes
    try:
        fh = open_regular(ref.path) if ref.path is not None else sys.stdin.buffer
    except OSError as exc:
        yield _os_error(ref.source, exc)
        return
    try:
        if ref.start:
            fh.seek(ref.start)
        pos, lineno = ref.start, ref.line
        while ref.stop < 0 or pos < ref.stop:
            try:
                data = fh.readline(max_bytes + 1)
            except OSError as exc:
                yield _os_error(f"{ref.source}#L{lineno}", exc)
                return
            if not data:
                break
            pos += len(data)
            if len(data) > max_bytes and not data.endswith(b"\n"):
                yield failed(
                    f"{ref.source}#L{lineno}",
                    "too_large",
                    f"line longer than {max_bytes} bytes (see --max-bytes)",
                )
                while data and not data.endswith(b"\n"):  # skip the rest of the line
                    data = fh.readline(max_bytes)
                    pos += len(data)
            elif data.strip():
                yield jsonl_record(ref.source, lineno, data, max_bytes)
            lineno += 1
    finally:
        if ref.path is not None:
            fh.close()


def jsonl_record(source: str, lineno: int, data: bytes, max_bytes: int = MAX_BYTES) -> RawArticle:
    """One JSONL line → a raw article named `source#id` (`source#L<line>` when it has no usable id)."""
    where = f"{source}#L{lineno}"
    if lineno == 1 and data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        record = orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        return failed(where, "bad_record", f"line {lineno}: not JSON: {exc}")
    if not isinstance(record, dict):
        return failed(where, "bad_record", f"line {lineno}: a JSON object is expected")
    return mapped_record(source, where, f"line {lineno}", record, max_bytes)


def mapped_record(
    source: str, where: str, label: str, record: dict[str, object], max_bytes: int = MAX_BYTES
) -> RawArticle:
    """A JSONL line's or a table row's {"id", "text" or "html", "published", "title", "url"} → a raw article named
    `source#id` (`where` when it has no usable id); `label` says where it is in error messages."""
    rid = record.get("id")
    if isinstance(rid, str | int) and not isinstance(rid, bool) and str(rid):
        where = f"{source}#{rid}"
    text = record.get("text")
    markup = record.get("html")
    if not isinstance(text, str) and not (text is None and isinstance(markup, str)):
        return failed(where, "bad_record", f"{label}: 'text' (or 'html') must be a string")
    if isinstance(text, str) and len(text) > max_bytes:
        return failed(where, "too_large", f"{label}: text longer than {max_bytes} (see --max-bytes)")
    meta: dict[str, str | None] = {}
    for key in ("published", "title", "url"):
        value = record.get(key)
        if value is not None and not isinstance(value, str):
            return failed(where, "bad_record", f"{label}: {key!r} must be a string or null")
        meta[key] = value or None
    if text is None:
        assert isinstance(markup, str)
        return html_raw(
            where, markup, max_bytes, url=meta["url"], published=meta["published"], title=meta["title"]
        )
    warnings: tuple[Warning_, ...] = ()
    if "\x00" in text:
        warnings = (Warning_(code="nul_chars", message=f"{text.count(chr(0))} NUL character(s) in the text"),)
    return RawArticle(where, text, published=meta["published"], title=meta["title"], warnings=warnings)


def _read_parquet(ref: InputRef, opts: ReadOptions) -> Iterator[RawArticle]:
    """One article per row of a Parquet file (see `parquet.read_parquet`); needs pyarrow."""
    try:
        from .parquet import read_parquet
    except ImportError:
        yield failed(ref.source, "missing_dependency", "reading Parquet needs pyarrow: de06-extract[parquet]")
        return
    yield from read_parquet(ref, opts)


READERS: dict[str, Callable[[InputRef, ReadOptions], Iterator[RawArticle]]] = {
    ".txt": _read_text_file,
    ".md": _read_text_file,
    ".jsonl": _read_jsonl,
    ".html": _read_html,
    ".htm": _read_html,
    ".parquet": _read_parquet,
}


@dataclass
class Discovery:
    """What discovery saw besides the inputs: files in folders skipped for their type, globs that
    matched nothing (each is still yielded, so that it gets a `not_found` record)."""

    skipped: int = 0
    unmatched: list[str] = field(default_factory=list)


def display_name(path: str) -> str:
    """`path` as a valid UTF-8 source name: bytes that are not UTF-8 (a name from an old archive,
    kept by Python as surrogate escapes) are written as `\\xe9`."""
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def discover(paths: Iterable[str], found: Discovery | None = None) -> Iterator[InputRef]:
    """Yield inputs in a stable order: the paths as given, folders walked recursively and sorted.

    A file named explicitly is read whatever its suffix (by its suffix's reader; with another suffix,
    as HTML if it starts like a page, else as text: `sniff_raw`); inside folders
    only files with a known suffix are read and the others are counted in `found.skipped`. A path
    that does not exist but holds `*`, `?` or `[` is expanded as a glob (`**` recursive); a path that
    does not exist at all (or a glob without a match) is still yielded, so that it gets a
    `not_found` error record. A folder that cannot be listed is yielded too (its `read_error` record
    says why). Sources are `display_name`s; paths are kept as the OS gave them.
    """
    found = found if found is not None else Discovery()
    for given in paths:
        if given == "-":
            yield InputRef("-", None)
        elif os.path.isdir(given):
            yield from _walk(Path(given), found, display_name(given))
        elif not os.path.lexists(given) and _GLOB_CHARS & set(given):
            matches = sorted(glob.glob(given, recursive=True))
            if not matches:
                found.unmatched.append(display_name(given))
                yield InputRef(display_name(given), given)
            for match in matches:
                if os.path.isdir(match):
                    yield from _walk(Path(match), found, display_name(match))
                elif Path(match).suffix.lower() in READERS:
                    yield InputRef(display_name(match), match)
                else:
                    found.skipped += 1
        else:
            yield InputRef(display_name(given), given)


def read_list(lines: Iterable[str]) -> Iterator[str]:
    """Paths from a `--from-list` file: one per line; blank lines and `#` comments are ignored."""
    for line in lines:
        path = line.rstrip("\r\n")
        if path.strip() and not path.lstrip().startswith("#"):
            yield path


def _walk(root: Path, found: Discovery, root_name: str) -> Iterator[InputRef]:
    """Files under `root` with a known suffix, sorted by relative path; a folder that cannot be
    listed (no permission, a path past the length limit) is yielded as an input of its own."""
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
            files.append(folder)  # reading it gives the error record
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
        relative = path.relative_to(root).as_posix()
        yield InputRef(root_name if relative == "." else display_name(relative), str(path))


def is_jsonl(ref: InputRef) -> bool:
    return ref.path is not None and Path(ref.path).suffix.lower() == ".jsonl"


def split_jsonl(ref: InputRef, block_bytes: int = JSONL_BLOCK_BYTES) -> Iterator[InputRef]:
    """Cut a JSONL input into blocks of whole lines, so that workers share a big file.

    Only newlines are looked for here (no parsing); an unreadable file is one block (whose reading
    gives the error record).
    """
    assert ref.path is not None
    try:
        fh = open_regular(ref.path)
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


def read(ref: InputRef, opts: ReadOptions = DEFAULT_READ) -> Iterator[RawArticle]:
    """Read one input into raw articles (a JSONL input may hold many)."""
    suffix = Path(ref.path).suffix.lower() if ref.path else ""
    return READERS.get(suffix, _read_other)(ref, opts)
