"""Running checks in isolated worker processes, each file under a time and a memory limit.

Used by `notices check` and `notices audit` alike. Why not `concurrent.futures`: a pool cannot kill
one task that hangs, and a worker that segfaults breaks the whole pool. Here the parent owns each
worker process, gives it one file at a time, and:

- builds the spaCy pipeline once per worker (before the worker says it is ready, so that start-up
  time never counts against a file's timeout);
- caps the worker's address space with RLIMIT_AS (`options.max_memory_mb`), so a file that takes
  all memory fails inside its worker instead of taking the machine down;
- kills a worker whose file overruns `options.timeout` and starts a fresh one;
- recycles workers after `recycle_after` files, which bounds memory held by parsers that leak;
- turns every failure into a report with status "error" and a reason, built with `base_report` so
  every key of the JSON contract is present. The batch always goes on.

`run_checks` yields reports in input order; `run_unordered` yields `Outcome`s as files finish (the
audit writes each one at once). `IsolatedChecker` checks one file at a time in one worker: the
Dask backend uses it inside cluster tasks.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import resource
import signal
import time
from collections import deque
from dataclasses import dataclass, field
from multiprocessing import forkserver
from multiprocessing.connection import Connection, wait
from typing import Any, Callable, Iterable, Iterator

from checkers.fingerprint import sha256_or_empty
from checkers.peak_memory import peak_rss_mb
from checkers.options import CheckOptions

CheckFn = Callable[[str, CheckOptions], dict]


class WorkersUnavailable(RuntimeError):
    """No worker can start (a broken installation or rule file): nothing can be checked."""


RECYCLE_AFTER = 200
START_ATTEMPTS = 3


@dataclass
class Outcome:
    """One finished file: its index in the input, its report, and what it cost."""

    index: int
    report: dict[str, Any]
    seconds: float
    worker_rss_mb: float = 0.0


def default_check(path: str, options: CheckOptions) -> dict:
    """The real check (imported in the worker, so the parent never loads spaCy)."""
    from checkers.check import check_file

    return check_file(path, options=options)


def warm_up() -> None:
    """Build the pipeline and the catalog once per worker, before any file is timed."""
    from checkers.catalog import load_catalog
    from checkers.pipeline import build_pipeline

    load_catalog()
    build_pipeline()


def warm_up_or_fail() -> None:
    """warm_up(), turning any failure (a broken rule file) into WorkersUnavailable with its reason."""
    try:
        warm_up()
    except Exception as exc:
        raise WorkersUnavailable(f"the checker cannot start: {type(exc).__name__}: {exc}") from None


def error_report(path: str, reason: str) -> dict[str, Any]:
    """A complete report for a file whose worker failed: status error, the reason, no findings."""
    from checkers.catalog import load_catalog
    from checkers.report import base_report

    report = base_report(path, sha256_or_empty(path), load_catalog())
    report["reason"] = reason
    return report





# ---------------------------------------------------------------- the worker process

def _limit_memory(max_memory_mb: int) -> None:
    """Cap the address space; allocations beyond it raise MemoryError in this worker only."""
    if max_memory_mb <= 0:
        return
    limit = max_memory_mb * 1024 * 1024
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _rss_mb() -> float:
    """Peak resident memory of this worker (not its parent's: see checkers.peak_memory)."""
    return peak_rss_mb()


def _worker_main(conn: Connection, max_memory_mb: int, check: CheckFn) -> None:
    """Loop: receive (index, path, options), send (index, report, seconds, rss). None stops.

    SIGINT is ignored: on Ctrl-C the parent decides what to stop. When the parent dies, recv()
    raises EOFError and the worker exits, so no orphan outlives an audit killed with SIGKILL.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        warm_up_or_fail()
    except WorkersUnavailable as exc:  # a broken rule file: every worker would fail the same way; say why once
        conn.send(("startup", str(exc)))
        return
    _limit_memory(max_memory_mb)
    conn.send("ready")
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        index, path, options = task
        started = time.perf_counter()
        try:
            report = check(path, options)
        except MemoryError:  # the parent writes the reason; this worker's heap is suspect: leave
            conn.send((index, "memory", time.perf_counter() - started, _rss_mb()))
            return
        except Exception as exc:  # a check that raises is a bug, reported, not fatal to the batch
            report = error_report(path, f"internal error ({type(exc).__name__})")
        conn.send((index, report, time.perf_counter() - started, _rss_mb()))


# ---------------------------------------------------------------- the parent's view of a worker

@dataclass(eq=False)
class _Worker:
    """A worker process and what it is doing now."""

    process: mp.process.BaseProcess
    conn: Connection
    ready: bool = False
    task: tuple[int, str] | None = None
    started: float = 0.0
    done: int = 0

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.conn.close()

    def stop(self) -> None:
        """Ask an idle worker to leave; kill it if it does not."""
        try:
            self.conn.send(None)
        except OSError:
            pass
        self.process.join(5)
        self.kill()


PRELOAD = ["checkers.check", "checkers.extract.pdf", "checkers.extract.docx", "checkers.extract.html",
           "checkers.warm"]


def _context() -> mp.context.BaseContext:
    """Forkserver: workers fork from a clean single-threaded server that has already imported
    spaCy and the readers, so starting or replacing a worker costs milliseconds, not seconds,
    and threads in the parent (Dask, tests) are never forked."""
    ctx = mp.get_context("forkserver")
    ctx.set_forkserver_preload(PRELOAD)
    return ctx


def prestart() -> None:
    """Start the forkserver now: it loads spaCy and builds the pipeline while the caller does other
    work (walking and hashing the files), so the first worker is ready sooner."""
    _context()
    forkserver.ensure_running()


def _start(options: CheckOptions, check: CheckFn) -> _Worker:
    parent_end, child_end = _context().Pipe()
    process = _context().Process(target=_worker_main, args=(child_end, options.max_memory_mb, check),
                                 name="notices-worker", daemon=True)
    process.start()
    child_end.close()
    return _Worker(process, parent_end)


def crash_reason(exitcode: int | None) -> str:
    """Why a worker died, in words a reviewer can act on."""
    if exitcode is not None and exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = "unknown"
        return f"worker crashed (signal {-exitcode}, {name})"
    return f"worker crashed (exit code {exitcode})"


def timeout_reason(options: CheckOptions) -> str:
    return f"timed out after {options.timeout:g} s"


def memory_reason(options: CheckOptions) -> str:
    return f"exceeded memory limit ({options.max_memory_mb} MB)"


@dataclass
class _Pool:
    """Workers driven by one loop: hand out files, collect results, enforce limits."""

    options: CheckOptions
    check: CheckFn
    size: int
    recycle_after: int
    workers: list[_Worker] = field(default_factory=list)
    failed_starts: int = 0

    def __post_init__(self) -> None:
        self.workers = [_start(self.options, self.check) for _ in range(self.size)]

    def close(self) -> None:
        for w in self.workers:
            if w.task is None and w.ready:
                w.stop()
            else:
                w.kill()
        self.workers = []

    def run(self, tasks: deque[tuple[int, str]]) -> Iterator[Outcome]:
        """Yield one Outcome per task as each finishes."""
        while tasks or any(w.task for w in self.workers):
            self._dispatch(tasks)
            for w in self._wait():
                outcome = self._collect(w)
                if outcome is not None:
                    yield outcome

    def _dispatch(self, tasks: deque[tuple[int, str]]) -> None:
        for w in self.workers:
            if w.ready and w.task is None and tasks:
                index, path = tasks.popleft()
                w.task, w.started = (index, path), time.monotonic()
                w.conn.send((index, path, self.options))

    def _wait(self) -> list[_Worker]:
        """Workers with something to say (a message or their death), or that overran."""
        now = time.monotonic()
        deadlines = [w.started + self.options.timeout - now for w in self.workers if w.task]
        handles: dict[Any, _Worker] = {w.conn: w for w in self.workers}
        handles.update({w.process.sentinel: w for w in self.workers})
        ready = wait(list(handles), max(0.0, min(deadlines)) if deadlines else None)
        chosen = list({id(handles[r]): handles[r] for r in ready}.values())
        now = time.monotonic()
        late = [w for w in self.workers if w.task and now - w.started >= self.options.timeout]
        return chosen + [w for w in late if w not in chosen]

    def _collect(self, w: _Worker) -> Outcome | None:
        """Read what a worker sent, or account for its death or overrun; replace it if needed."""
        message = self._receive(w)
        if message == "ready":
            w.ready = True
            self.failed_starts = 0
            return None
        if isinstance(message, tuple) and message[0] == "startup":
            w.kill()
            raise WorkersUnavailable(message[1])
        if message is not None and w.task is not None:
            index, report, seconds, rss = message
            path = w.task[1]
            w.task, w.done = None, w.done + 1
            if report == "memory":
                self._replace(w)
                return Outcome(index, error_report(path, memory_reason(self.options)), seconds, rss)
            if w.done >= self.recycle_after:
                self._replace(w, graceful=True)
            return Outcome(index, report, seconds, rss)
        return self._failed(w)

    def _receive(self, w: _Worker) -> Any:
        """The worker's message if one is waiting, else None (it died or overran)."""
        try:
            if w.conn.poll():
                return w.conn.recv()
        except (EOFError, OSError):
            pass
        return None

    def _failed(self, w: _Worker) -> Outcome | None:
        """A worker that died or overran: report its file (if any) and start another."""
        task, elapsed = w.task, time.monotonic() - w.started
        overran = task is not None and elapsed >= self.options.timeout and w.process.is_alive()
        if not overran and w.process.is_alive():
            return None  # woken by a message already consumed; nothing wrong
        w.kill()
        reason = timeout_reason(self.options) if overran else crash_reason(w.process.exitcode)
        if task is None:
            self.failed_starts += 1
            if self.failed_starts >= START_ATTEMPTS * self.size:
                raise WorkersUnavailable(f"worker processes cannot start ({reason})")
        self._replace(w, killed=True)
        if task is None:
            return None
        if w.process.exitcode == -signal.SIGKILL and not overran:
            reason = f"{reason}; the system may have run out of memory"
        return Outcome(task[0], error_report(task[1], reason), elapsed)

    def _replace(self, w: _Worker, graceful: bool = False, killed: bool = False) -> None:
        if graceful:
            w.stop()
        elif not killed:
            w.kill()
        self.workers[self.workers.index(w)] = _start(self.options, self.check)


def run_unordered(files: Iterable[str], options: CheckOptions, jobs: int, *,
                  check: CheckFn = default_check, recycle_after: int = RECYCLE_AFTER) -> Iterator[Outcome]:
    """Outcomes as files finish, from `jobs` isolated workers (at least one, at most one per file).

    `check` must be a module-level function (workers are spawned and receive it by name); tests
    pass one that hangs or eats memory.
    """
    # Largest files first: a long document started last would leave the other workers idle.
    tasks = deque(sorted(enumerate(files), key=lambda task: -_size(task[1])))
    if not tasks:
        return
    pool = _Pool(options, check, max(1, min(jobs, len(tasks))), recycle_after)
    try:
        yield from pool.run(tasks)
    finally:
        pool.close()


def run_checks(files: list[str], options: CheckOptions, jobs: int, *,
               check: CheckFn = default_check) -> Iterator[dict]:
    """Reports in input order, each file checked in an isolated worker."""
    pending: dict[int, dict] = {}
    following = 0
    for outcome in run_unordered(files, options, jobs, check=check):
        pending[outcome.index] = outcome.report
        while following in pending:
            yield pending.pop(following)
            following += 1


class IsolatedChecker:
    """One worker kept alive across calls: check one file at a time under the same limits.

    Not thread-safe: keep one per thread (the Dask backend does).
    """

    def __init__(self, options: CheckOptions, check: CheckFn = default_check,
                 recycle_after: int = RECYCLE_AFTER) -> None:
        self.options, self.check, self.recycle_after = options, check, recycle_after
        self._pool: _Pool | None = None

    def __call__(self, path: str) -> Outcome:
        if self._pool is None:
            self._pool = _Pool(self.options, self.check, 1, self.recycle_after)
        return next(self._pool.run(deque([(0, path)])))

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close()
            self._pool = None


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0
