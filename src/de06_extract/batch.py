"""Running the pipeline over many inputs: reading, extracting, error records, ordered output.

The unit of work is an `InputRef` (a path, or a block of a JSONL file), never its contents, so
that worker processes read their own inputs. `run_units` keeps the input order whatever the number
of workers, and keeps only a bounded window of work in flight, so memory does not grow with the
size of the corpus. Workers return each article already serialised (`Result.line`), so the
parent only writes bytes and counts. Workers are supervised (`_Workers`): one that dies is
noticed at once, its input is tried once more in a fresh worker, and none outlives the parent.
"""

from __future__ import annotations

import contextlib
import gc
import os
import signal
import sys
import time
from collections import Counter, deque
from collections.abc import Generator, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

import orjson

from .models import Article, ErrorRecord
from .output import Result, to_result
from .pipeline import content_id, empty_article, get_pipeline
from .rulepacks import cpu_timer
from .sources import (
    DEFAULT_READ,
    MAX_BYTES,
    InputRef,
    RawArticle,
    ReadOptions,
    input_size,
    is_jsonl,
    read,
    read_stdin,
    split_jsonl,
)

if TYPE_CHECKING:  # multiprocessing is imported when workers start: a run in one process needs none of it
    from multiprocessing.connection import Connection
    from multiprocessing.context import BaseContext
    from multiprocessing.process import BaseProcess

Unit = InputRef | RawArticle


def failed_id(source: str) -> str:
    """Stable id of an input that could not be read: a hash of its source name (not of "")."""
    return content_id("de06:failed:" + source)


def process_raw(raw: RawArticle, opts: ReadOptions = DEFAULT_READ) -> Article:
    """One raw article → one Article; a read/decode failure or a crash becomes an error record."""
    if raw.error is not None:
        return Article(id=failed_id(raw.source), source=raw.source, errors=[raw.error])
    try:
        blank = empty_article(raw.text, raw.source, encoding=raw.encoding, warnings=raw.warnings)
        if blank is not None:
            return blank
        article = get_pipeline(opts.patterns_dir).run(
            raw.text,
            raw.source,
            published=raw.published,
            title=raw.title,
            encoding=raw.encoding,
            default_published=opts.published,
            page=raw.page,
            with_text=opts.with_text,
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


def process_ref(ref: InputRef, opts: ReadOptions = DEFAULT_READ) -> list[Article]:
    """All articles of one input (a file, stdin, a JSONL file or block)."""
    return [process_raw(raw, opts) for raw in read(ref, opts)]


def extract_refs(refs: Iterable[InputRef], opts: ReadOptions = DEFAULT_READ) -> Iterator[Article]:
    """Articles of every input, in input order, one input at a time (streaming)."""
    for ref in refs:
        for raw in read(ref, opts):
            yield process_raw(raw, opts)


@dataclass(frozen=True, slots=True)
class UnitResult:
    """Results of one unit of work, `size` bytes of input read, `resumed` articles skipped."""

    size: int
    results: list[Result]
    resumed: int = 0


def process_unit(unit: Unit, opts: ReadOptions) -> UnitResult:
    """Process one unit; JSONL records whose source is in `opts.skip` (already written) are left out."""
    if isinstance(unit, RawArticle):
        return UnitResult(len(unit.text), [to_result(process_raw(unit, opts))])
    results: list[Result] = []
    resumed = 0
    jsonl = bool(opts.skip) and is_jsonl(unit)
    for raw in read(unit, opts):
        if jsonl and raw.source in opts.skip:
            resumed += 1
            continue
        results.append(to_result(process_raw(raw, opts)))
    return UnitResult(input_size(unit), results, resumed)


def plan(
    refs: Iterable[InputRef],
    opts: ReadOptions = DEFAULT_READ,
    done: Counter[str] | None = None,
    stats: Counter[str] | None = None,
) -> Iterator[Unit]:
    """Units of work for `refs`: JSONL files cut into blocks, stdin read here (workers have no stdin).

    `done` counts sources already in the output (`--resume`): a file whose source is there is left
    out, as many times as it is there; `stats["resumed"]` counts them.
    """
    for ref in refs:
        if ref.path is None:
            yield read_stdin(opts.max_bytes)
        elif is_jsonl(ref):
            yield from split_jsonl(ref)
        elif done and done[ref.source] > 0:
            done[ref.source] -= 1
            if stats is not None:
                stats["resumed"] += 1
        else:
            yield ref


_WARM_UP = "Ngày 23/5/2023, ông Nguyễn Văn An cho biết 1.200 hồ sơ đạt 90% kế hoạch, 45/50 nhiệm vụ."


def warm_up(patterns_dir: Path | None = None) -> None:
    """Build the pipeline and load the lazily loaded tagger models by running one short text."""
    with contextlib.suppress(Exception):  # a broken pipeline shows up as error records, article by article
        get_pipeline(patterns_dir).run(_WARM_UP, "warm-up")


def default_jobs() -> int:
    try:
        return max(len(os.sched_getaffinity(0)), 1)
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def run_units(
    units: Iterable[Unit],
    jobs: int = 1,
    opts: ReadOptions = DEFAULT_READ,
    chunk: int = 8,
    window: int = 4,
) -> Generator[UnitResult, None, None]:
    """Results of `units` in their order, on `jobs` processes.

    Units go to the workers in chunks of `chunk`; at most `window` chunks per worker are in flight
    or waiting for their turn, so the inputs are streamed and finished results never pile up.
    Closing the generator (or an exception in the consumer) stops the workers.
    """
    if jobs <= 1:
        # No warm-up text here: a single article loads only what it needs (no tagger for a text
        # without numbers). The pipeline's objects live as long as the process: keep the collector
        # off them, and off the models the first unit loaded.
        get_pipeline(opts.patterns_dir)
        gc.freeze()
        try:
            for n, unit in enumerate(units):
                # Armed per article, never across a yield: the consumer's own code runs between them.
                with cpu_timer():
                    result = process_unit(unit, opts)
                yield result
                if n == 0:
                    gc.freeze()
        finally:
            gc.unfreeze()
        return
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    fork = ctx.get_start_method() == "fork"
    if fork:
        warm_up(
            opts.patterns_dir
        )  # rule packs and underthesea models loaded once here, shared copy-on-write by the workers
        gc.freeze()
    workers = _Workers(ctx, jobs, opts)
    try:
        yield from workers.results(units, chunk, window)
    finally:
        workers.stop()
        if fork:
            gc.unfreeze()


# How long a stopping worker gets to exit on SIGTERM before it is killed, and how often an idle
# worker checks that its parent is still there.
_STOP_SECONDS = 2.0
_POLL_SECONDS = 1.0
_PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:
    """Linux: have the kernel SIGKILL this worker when its parent dies (elsewhere: the poll below)."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(Exception):
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)


def _worker_main(conn: Connection, opts: ReadOptions, parent: int, inherited: list[int]) -> None:
    """A worker: receive lists of units, send back one `UnitResult` per unit, in order.

    It leaves Ctrl-C to the parent, dies on SIGTERM, and exits quietly (no traceback) when the
    parent is gone, whether the pipe breaks or the parent's pid changes.
    """
    _die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    for fd in inherited:  # the parent's ends of the pipes: else its death would not close them
        with contextlib.suppress(OSError):
            os.close(fd)
    try:
        get_pipeline(opts.patterns_dir)
        with cpu_timer():
            while True:
                while not conn.poll(_POLL_SECONDS):
                    if os.getppid() != parent:
                        return
                for unit in conn.recv():
                    conn.send(process_unit(unit, opts))
    except BaseException:  # the pipe broke: the parent is gone or stopping us
        return
    finally:
        os._exit(0)


@dataclass(eq=False)
class _Chunk:
    """Units sent together; `results` fills as they are done; `deaths` of workers on the next unit."""

    seq: int
    units: list[Unit]
    results: list[UnitResult] = field(default_factory=list)
    deaths: int = 0

    @property
    def done(self) -> bool:
        return len(self.results) == len(self.units)


@dataclass(eq=False)
class _Worker:
    process: BaseProcess
    conn: Connection
    chunk: _Chunk | None = None


class _Workers:
    """`jobs` worker processes, each working on one chunk at a time; a dead one is replaced.

    A worker is only sent work while it waits for it, so neither side can block the other on a
    full pipe. When a worker dies (SIGKILL, out of memory), the unit it was on is given to a fresh
    worker once more; if that one dies too, the unit gets a `worker_died` error record and the
    rest of the chunk goes on.
    """

    def __init__(self, ctx: BaseContext, jobs: int, opts: ReadOptions) -> None:
        self.ctx = ctx
        self.opts = opts
        self.jobs = jobs
        self.slots: list[_Worker | None] = [None] * jobs

    def _start(self) -> _Worker:
        ours, theirs = self.ctx.Pipe()
        inherited: list[int] = []
        if self.ctx.get_start_method() == "fork":
            inherited = [ours.fileno(), *(w.conn.fileno() for w in self.slots if w is not None)]
        process = self.ctx.Process(  # type: ignore[attr-defined]
            target=_worker_main, args=(theirs, self.opts, os.getpid(), inherited), daemon=True
        )
        process.start()
        theirs.close()
        return _Worker(process, ours)

    def _give(self, index: int, chunk: _Chunk) -> None:
        worker = self.slots[index]
        if worker is None:
            worker = self.slots[index] = self._start()
        worker.chunk = chunk
        with contextlib.suppress(OSError):  # a dead worker: its sentinel tells, the chunk is retried
            worker.conn.send(chunk.units[len(chunk.results) :])

    def _died(self, index: int, retry: deque[_Chunk]) -> None:
        worker = self.slots[index]
        assert worker is not None
        self.slots[index] = None
        worker.conn.close()
        worker.process.join(_STOP_SECONDS)
        chunk = worker.chunk
        if chunk is None:
            return
        chunk.deaths += 1
        if chunk.deaths >= 2:  # the same unit killed two workers: give up on it
            chunk.results.append(_worker_died(chunk.units[len(chunk.results)], worker.process.exitcode))
            chunk.deaths = 0
        if not chunk.done:
            retry.appendleft(chunk)

    def _receive(self, index: int, retry: deque[_Chunk]) -> None:
        worker = self.slots[index]
        assert worker is not None and worker.chunk is not None
        try:
            result = worker.conn.recv()
        except (EOFError, OSError):
            self._died(index, retry)
            return
        worker.chunk.results.append(result)
        worker.chunk.deaths = 0
        if worker.chunk.done:
            worker.chunk = None

    def results(self, units: Iterable[Unit], size: int, window: int) -> Iterator[UnitResult]:
        """Results of `units` in their order, `size` units to a chunk, `window` chunks per worker."""
        from multiprocessing.connection import wait

        pending = iter(units)
        retry: deque[_Chunk] = deque()  # chunks whose worker died, to give again first
        chunks: dict[int, _Chunk] = {}  # every chunk made and not yet yielded, by sequence number
        made = next_out = 0
        exhausted = False
        while True:
            for index, worker in enumerate(self.slots):
                if worker is not None and worker.chunk is not None:
                    continue
                if not retry and not exhausted and made - next_out < window * self.jobs:
                    if group := list(islice(pending, size)):
                        chunks[made] = _Chunk(made, group)
                        retry.append(chunks[made])
                        made += 1
                    else:
                        exhausted = True
                if retry:
                    self._give(index, retry.popleft())
            while next_out in chunks and chunks[next_out].done:
                yield from chunks.pop(next_out).results
                next_out += 1
            if exhausted and not chunks:
                return
            busy = {i: w for i, w in enumerate(self.slots) if w is not None and w.chunk is not None}
            if not busy:  # the window was full until the chunks above were yielded: hand out more
                continue
            ready = wait([w.conn for w in busy.values()] + [w.process.sentinel for w in busy.values()])
            for index, worker in busy.items():
                if worker.conn in ready:
                    self._receive(index, retry)
                elif worker.process.sentinel in ready:
                    self._died(index, retry)

    def stop(self) -> None:
        """SIGTERM every worker, SIGKILL those still there after `_STOP_SECONDS`; signals wait."""
        old = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
        try:
            live = [w for w in self.slots if w is not None]
            self.slots = [None] * self.jobs
            for worker in live:
                worker.conn.close()
                if worker.process.is_alive():
                    worker.process.terminate()
            deadline = time.monotonic() + _STOP_SECONDS
            for worker in live:
                worker.process.join(max(deadline - time.monotonic(), 0.0))
                if worker.process.is_alive():
                    worker.process.kill()
                    worker.process.join(_STOP_SECONDS)
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, old)


def _worker_died(unit: Unit, exitcode: int | None) -> UnitResult:
    """The error record of a unit that killed two workers (a JSONL block: named by its first line)."""
    source = unit.source
    if isinstance(unit, InputRef) and is_jsonl(unit):
        source = f"{unit.source}#L{unit.line}"
    how = f"signal {-exitcode}" if exitcode is not None and exitcode < 0 else f"exit code {exitcode}"
    error = ErrorRecord(
        code="worker_died",
        message=f"the worker process died twice on this input ({how}; out of memory?)",
    )
    article = Article(id=failed_id(source), source=source, errors=[error])
    size = len(unit.text) if isinstance(unit, RawArticle) else input_size(unit)
    return UnitResult(size, [to_result(article)])


@dataclass
class RunOptions:
    """What `de06 extract` was asked to do (`output` None: stdout)."""

    paths: list[str]
    output: Path | None = None
    jobs: int = 0
    resume: bool = False
    quiet: bool = False
    stats_json: Path | None = None
    max_bytes: int = MAX_BYTES
    with_text: bool = False
    patterns_dir: Path | None = None
    published: str | None = None
    text_column: str = "text"


EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_WRITE, EXIT_PIPE = 0, 1, 2, 3, 141


def run_extract(opts: RunOptions) -> int:
    """The `de06 extract` run; returns the exit code.

    0: every input gave an article without error records; 1: some inputs failed (each has an error
    record in the output); 2: usage error (including a glob without a match, an output locked by
    another run); 3: the output could not be written (disk full, I/O error), after a one-line
    message; 128+signal when stopped by SIGINT (130) or SIGTERM (143), after a one-line summary on
    stderr; 141 when the reader of stdout went away (quietly).
    """
    from .output import Interrupted, LineWriter, OutputBusy, OutputError, open_output, resume_sources
    from .report import Summary
    from .sources import Discovery, discover

    started = time.perf_counter()
    found = Discovery()
    summary = Summary()
    out: BinaryIO = sys.stdout.buffer
    writer = LineWriter(out)
    exit_code = EXIT_OK
    interrupted: str | None = None
    write_error: OutputError | None = None
    jobs = opts.jobs if opts.jobs > 0 else default_jobs()
    results: Generator[UnitResult, None, None] | None = None
    stats: Counter[str] = Counter()
    with writer.signals():
        try:
            try:
                get_pipeline(opts.patterns_dir)  # a broken rule pack stops the run here, not once per article
            except Exception as exc:
                _say(f"de06: cannot load the rule packs: {type(exc).__name__}: {exc}")
                return EXIT_USAGE
            writer.check()
            refs = list(discover(opts.paths, found))
            if found.unmatched:
                _say(f"de06: no file matches {', '.join(found.unmatched)}")
                return EXIT_USAGE
            if opts.output is not None:  # never read our own output back as an input
                own = os.path.realpath(opts.output)
                refs = [r for r in refs if r.path is None or os.path.realpath(r.path) != own]
            summary.skipped = found.skipped
            done: Counter[str] = Counter()
            if opts.output is not None:
                try:
                    out = open_output(opts.output, resume=opts.resume)
                except OutputBusy as exc:
                    _say(f"de06: {exc}")
                    return EXIT_USAGE
                except OSError as exc:
                    _say(f"de06: cannot write {opts.output}: {exc.strerror or exc}")
                    return EXIT_USAGE
                if opts.resume:
                    bad: list[int] = []
                    done = resume_sources(opts.output, bad)
                    summary.bad_lines = len(bad)
                    if bad:
                        where = ", ".join(map(str, bad[:5])) + (", ..." if len(bad) > 5 else "")
                        _say(
                            f"de06: warning: {opts.output}: {len(bad)} line(s) are not article records "
                            f"(line {where}); kept as they are"
                        )
                writer.attach(out)  # after resume_sources, which may cut off a partial last line
            if not any(is_jsonl(r) for r in refs):
                jobs = max(min(jobs, len(refs)), 1)
            show = not opts.quiet and sys.stderr.isatty()
            total = sum(input_size(r) for r in refs) if show else 0
            read_opts = ReadOptions(
                max_bytes=opts.max_bytes,
                skip=frozenset(done),
                patterns_dir=opts.patterns_dir,
                with_text=opts.with_text,
                published=opts.published,
                text_column=opts.text_column,
            )
            units = plan(refs, read_opts, done, stats)
            results = run_units(units, jobs, read_opts)
            with summary.progress(total, enabled=show) as advance:
                for unit in results:
                    writer.check()
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
        except OutputError as exc:
            _ignore_signals()
            if out is sys.stdout.buffer:
                _silence_stdout()
            write_error = exc
            exit_code = EXIT_WRITE
        finally:
            if results is not None:
                results.close()  # stops the workers if the loop did not finish
            if out is not sys.stdout.buffer:
                with contextlib.suppress(OSError):
                    out.close()
            summary.resumed += stats["resumed"]
    where = f" to {opts.output}" if opts.output is not None else ""
    hint = "; run again with --resume to finish" if opts.output is not None else ""
    if interrupted is not None:
        _say(f"de06: stopped by {interrupted}: {summary.one_line()} written{where}{hint}")
    elif write_error is not None:
        _say(f"de06: cannot write{where or ' to stdout'}: {write_error}: {summary.one_line()} written{hint}")
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
