"""Running the pipeline over many inputs: reading, extracting, error records, ordered output.

The unit of work is an `InputRef` (a path, or a block of a JSONL file), never its contents, so
that worker processes read their own inputs. `run_units` keeps the input order whatever the number
of workers, and keeps only a bounded window of work in flight, so memory does not grow with the
size of the corpus. Workers return each article already serialised (`Result.line`), so the
parent only writes bytes and counts.
"""

from __future__ import annotations

import contextlib
import gc
import os
import signal
import sys
from collections import Counter, deque
from collections.abc import Generator, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from multiprocessing.pool import AsyncResult
from pathlib import Path
from typing import BinaryIO

import orjson

from . import sources
from .models import Article, ErrorRecord, Warning_
from .output import article_line
from .pipeline import content_id, get_pipeline
from .sources import InputRef, RawArticle, decode_raw, input_size, is_jsonl, read, split_jsonl

Unit = InputRef | RawArticle


def failed_id(source: str) -> str:
    """Stable id of an input that could not be read: a hash of its source name (not of "")."""
    return content_id("de06:failed:" + source)


def process_raw(raw: RawArticle) -> Article:
    """One raw article → one Article; a read/decode failure or a crash becomes an error record."""
    if raw.error is not None:
        return Article(id=failed_id(raw.source), source=raw.source, errors=[raw.error])
    try:
        if not raw.text.strip():
            empty = Warning_(
                code="empty", message="the input holds no text" if not raw.text else "whitespace only"
            )
            return Article(
                id=content_id(raw.text),
                source=raw.source,
                encoding=raw.encoding,
                warnings=[*raw.warnings, empty],
            )
        article = get_pipeline().run(
            raw.text, raw.source, published=raw.published, title=raw.title, encoding=raw.encoding
        )
        if raw.warnings:
            article.warnings[:0] = raw.warnings
        return article
    except Exception as exc:  # never let one article sink the run
        return Article(
            id=content_id(raw.text),
            source=raw.source,
            encoding=raw.encoding,
            warnings=list(raw.warnings),
            errors=[ErrorRecord(code="internal_error", message=f"{type(exc).__name__}: {exc}")],
        )


def process_ref(ref: InputRef) -> list[Article]:
    """All articles of one input (a file, stdin, a JSONL file or block)."""
    return [process_raw(raw) for raw in read(ref)]


def extract_refs(refs: Iterable[InputRef]) -> Iterator[Article]:
    """Articles of every input, in input order, one input at a time (streaming)."""
    for ref in refs:
        for raw in read(ref):
            yield process_raw(raw)


@dataclass(frozen=True, slots=True)
class Result:
    """One article as the parent needs it: its output line and what the summary counts."""

    source: str
    line: bytes
    kinds: tuple[str, ...]
    warnings: tuple[str, ...]
    errors: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class UnitResult:
    """Results of one unit of work, `size` bytes of input read, `resumed` articles skipped."""

    size: int
    results: list[Result]
    resumed: int = 0


def to_result(article: Article) -> Result:
    return Result(
        article.source,
        article_line(article),
        tuple(f.kind for f in article.facts),
        tuple(w.code for w in article.warnings),
        tuple(e.code for e in article.errors),
    )


_SKIP: frozenset[str] = frozenset()


def process_unit(unit: Unit, skip: frozenset[str] | None = None) -> UnitResult:
    """Process one unit; JSONL records whose source is in `skip` (already written) are left out."""
    if isinstance(unit, RawArticle):
        return UnitResult(len(unit.text), [to_result(process_raw(unit))])
    skip = _SKIP if skip is None else skip
    results: list[Result] = []
    resumed = 0
    jsonl = bool(skip) and is_jsonl(unit)
    for raw in read(unit):
        if jsonl and raw.source in skip:
            resumed += 1
            continue
        results.append(to_result(process_raw(raw)))
    return UnitResult(input_size(unit), results, resumed)


def plan(
    refs: Iterable[InputRef], done: Counter[str] | None = None, stats: Counter[str] | None = None
) -> Iterator[Unit]:
    """Units of work for `refs`: JSONL files cut into blocks, stdin read here (workers have no stdin).

    `done` counts sources already in the output (`--resume`): a file whose source is there is left
    out, as many times as it is there; `stats["resumed"]` counts them.
    """
    for ref in refs:
        if ref.path is None:
            yield decode_raw(ref.source, sys.stdin.buffer.read())
        elif is_jsonl(ref):
            yield from split_jsonl(ref)
        elif done and done[ref.source] > 0:
            done[ref.source] -= 1
            if stats is not None:
                stats["resumed"] += 1
        else:
            yield ref


_WARM_UP = "Ngày 23/5/2023, ông Nguyễn Văn An cho biết 1.200 hồ sơ đạt 90% kế hoạch, 45/50 nhiệm vụ."


def warm_up() -> None:
    """Build the pipeline and load the lazily loaded tagger models by running one short text."""
    with contextlib.suppress(Exception):  # a broken pipeline shows up as error records, article by article
        get_pipeline().run(_WARM_UP, "warm-up")


def default_jobs() -> int:
    try:
        return max(len(os.sched_getaffinity(0)), 1)
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _init_worker(skip: frozenset[str], max_bytes: int, text_column: str) -> None:
    """Workers leave Ctrl-C to the parent and die quietly on SIGTERM (pool.terminate)."""
    global _SKIP
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _SKIP = skip
    sources.MAX_BYTES = max_bytes
    sources.TEXT_COLUMN = text_column
    get_pipeline()


def _work(units: list[Unit]) -> list[UnitResult]:
    return [process_unit(u) for u in units]


def run_units(
    units: Iterable[Unit], jobs: int = 1, skip: frozenset[str] = frozenset(), chunk: int = 8, window: int = 4
) -> Generator[UnitResult, None, None]:
    """Results of `units` in their order, on `jobs` processes.

    Units go to the workers in chunks of `chunk`; at most `window` chunks per worker are in flight,
    so the inputs are streamed and finished results never pile up.
    """
    if jobs <= 1:
        warm_up()
        gc.freeze()  # the pipeline's objects live as long as the process: keep the collector off them
        try:
            for unit in units:
                yield process_unit(unit, skip)
        finally:
            gc.unfreeze()
        return
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    if ctx.get_start_method() == "fork":
        warm_up()  # rule packs and underthesea models loaded once here, shared copy-on-write by the workers
        gc.freeze()
    pool = ctx.Pool(jobs, initializer=_init_worker, initargs=(skip, sources.MAX_BYTES, sources.TEXT_COLUMN))
    try:
        pending: deque[AsyncResult[list[UnitResult]]] = deque()
        it = iter(units)
        while group := list(islice(it, chunk)):
            pending.append(pool.apply_async(_work, (group,)))
            while len(pending) >= window * jobs:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()
        pool.close()
    except BaseException:
        pool.terminate()
        raise
    finally:
        pool.join()
        if ctx.get_start_method() == "fork":
            gc.unfreeze()


@dataclass
class RunOptions:
    """What `de06 extract` was asked to do."""

    paths: list[str]
    output: Path | None = None
    jobs: int = 0
    resume: bool = False
    quiet: bool = False
    stats_json: Path | None = None
    max_bytes: int = 0
    text_column: str = "text"


EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_PIPE = 0, 1, 2, 141


def run_extract(opts: RunOptions) -> int:
    """The `de06 extract` run; returns the exit code.

    0: every input gave an article without error records; 1: some inputs failed (each has an error
    record in the output); 128+signal when stopped by SIGINT (130) or SIGTERM (143), after a
    one-line summary on stderr; 141 when the reader of stdout went away (quietly).
    """
    import time

    from .output import Interrupted, LineWriter, open_output, resume_sources
    from .report import Summary
    from .sources import Discovery, discover

    started = time.perf_counter()
    if opts.max_bytes > 0:
        sources.MAX_BYTES = opts.max_bytes
    sources.TEXT_COLUMN = opts.text_column
    found = Discovery()
    summary = Summary()
    out: BinaryIO = sys.stdout.buffer
    writer = LineWriter(out)
    exit_code = EXIT_OK
    interrupted: str | None = None
    jobs = opts.jobs if opts.jobs > 0 else default_jobs()
    results: Generator[UnitResult, None, None] | None = None
    stats: Counter[str] = Counter()
    with writer.signals():
        try:
            try:
                get_pipeline()  # a broken rule pack stops the run here, not once per article
            except Exception as exc:
                _say(f"de06: cannot load the rule packs: {type(exc).__name__}: {exc}")
                return EXIT_USAGE
            refs = list(discover(opts.paths, found))
            if opts.output is not None:  # never read our own output back as an input
                own = os.path.realpath(opts.output)
                refs = [r for r in refs if r.path is None or os.path.realpath(r.path) != own]
            summary.skipped = found.skipped
            done: Counter[str] = Counter()
            if opts.output is not None:
                if opts.resume:
                    done = resume_sources(opts.output)
                try:
                    out = open_output(opts.output, opts.resume)
                except OSError as exc:
                    _say(f"de06: cannot write {opts.output}: {exc.strerror or exc}")
                    return EXIT_USAGE
                writer.out = out
            if not any(is_jsonl(r) for r in refs):
                jobs = max(min(jobs, len(refs)), 1)
            show = not opts.quiet and sys.stderr.isatty()
            total = sum(input_size(r) for r in refs) if show else 0
            units = plan(refs, done, stats)
            results = run_units(units, jobs, skip=frozenset(done))
            with summary.progress(total, enabled=show) as advance:
                for unit in results:
                    for result in unit.results:
                        writer.write(result.line)
                        summary.add_result(result)
                    summary.resumed += unit.resumed
                    advance(unit.size, len(unit.results))
            exit_code = EXIT_FAILED if summary.failed else EXIT_OK
        except Interrupted as exc:
            _ignore_signals()
            interrupted = signal.Signals(exc.signum).name
            exit_code = 128 + exc.signum
        except KeyboardInterrupt:  # a Ctrl-C before our handler was in place
            _ignore_signals()
            interrupted = "SIGINT"
            exit_code = 128 + signal.SIGINT
        except BrokenPipeError:
            _ignore_signals()
            _silence_stdout()
            exit_code = EXIT_PIPE
        finally:
            if results is not None:
                results.close()  # stops the workers if the loop did not finish
            if out is not sys.stdout.buffer:
                out.close()
            summary.resumed += stats["resumed"]
    if interrupted is not None:
        where = f" to {opts.output}" if opts.output is not None else ""
        hint = "; run again with --resume to finish" if opts.output is not None else ""
        _say(f"de06: stopped by {interrupted}: {summary.one_line()} written{where}{hint}")
    elif exit_code != EXIT_PIPE and not opts.quiet:
        summary.print_table()
    if opts.stats_json is not None:
        extra = {"jobs": jobs, "seconds": round(time.perf_counter() - started, 3), "exit_code": exit_code}
        stats_doc = summary.as_dict(**extra, interrupted=interrupted)
        try:
            opts.stats_json.write_bytes(orjson.dumps(stats_doc, option=orjson.OPT_INDENT_2) + b"\n")
        except OSError as exc:
            _say(f"de06: cannot write {opts.stats_json}: {exc.strerror or exc}")
    return exit_code


def _ignore_signals() -> None:
    """While the run winds down, a second Ctrl-C or SIGTERM must not interrupt the clean-up."""
    for s in (signal.SIGINT, signal.SIGTERM):
        signal.signal(s, signal.SIG_IGN)


def _silence_stdout() -> None:
    """After EPIPE: point stdout at /dev/null so that the exit-time flush stays quiet."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


def _say(message: str) -> None:
    """One plain line on stderr (no wrapping, no markup)."""
    try:
        sys.stderr.write(message + "\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        pass
