"""Sending an audit's files to a Dask distributed cluster, through Dask's executor interface.

Each cluster task checks one file in an `IsolatedChecker` (one per Dask worker thread): the same
worker process, timeout and memory limit as a local audit, so a hostile file cannot take a Dask
worker down, and the results are the same rows. Paths go to the cluster absolute and come back
as given, so the workers must see the files at the same absolute paths (a shared filesystem).

Dask workers started under a nanny are daemonic by default and may not start child processes:
start them with `dask worker --no-nanny ADDRESS`, or with `distributed.worker.daemon: false`
(environment `DASK_DISTRIBUTED__WORKER__DAEMON=False`).
"""

from __future__ import annotations

import atexit
import os
import threading
from concurrent.futures import as_completed
from typing import Iterator, Sequence

from checkers.options import CheckOptions
from checkers.runner import CheckFn, IsolatedChecker, Outcome, default_check, error_report

_local = threading.local()
_checkers: list[IsolatedChecker] = []
_lock = threading.Lock()


def check_on_worker(path: str, options: CheckOptions, check: CheckFn = default_check) -> tuple[dict, float, float]:
    """The cluster task: (report, seconds, worker peak RSS in MB) for one file."""
    checker = _checker(options, check)
    outcome = checker(path)
    return outcome.report, outcome.seconds, outcome.worker_rss_mb


def _checker(options: CheckOptions, check: CheckFn) -> IsolatedChecker:
    """This thread's checker, rebuilt when the options change between audits."""
    current = getattr(_local, "checker", None)
    if current is not None and current.options == options and current.check is check:
        return current
    if current is not None:
        current.close()
    import multiprocessing

    if multiprocessing.current_process().daemon:
        raise RuntimeError("this Dask worker is daemonic and cannot start check processes: "
                           "run `dask worker --no-nanny` or set DASK_DISTRIBUTED__WORKER__DAEMON=False")
    _local.checker = IsolatedChecker(options, check)
    with _lock:
        _checkers.append(_local.checker)
    return _local.checker


def close_checkers() -> int:
    """Stop every check process this Dask worker started (run on all workers at the end)."""
    with _lock:
        for checker in _checkers:
            checker.close()
        count = len(_checkers)
        _checkers.clear()
    return count


atexit.register(close_checkers)


def run_on_cluster(address: str, files: Sequence[str], options: CheckOptions,
                   check: CheckFn = default_check) -> Iterator[Outcome]:
    """Outcomes as the cluster finishes them; a task that fails becomes an error report."""
    from distributed import Client

    with Client(address) as client:
        executor = client.get_executor(pure=False)
        futures = {executor.submit(check_on_worker, os.path.abspath(path), options, check): index
                   for index, path in enumerate(files)}
        try:
            for future in as_completed(futures):
                yield _outcome(futures[future], files[futures[future]], future)
        finally:
            for future in futures:
                future.cancel()
            client.run(close_checkers)


def _outcome(index: int, path: str, future) -> Outcome:
    """The task's report with the path as the user gave it, or an error report."""
    try:
        report, seconds, rss = future.result()
    except Exception as exc:
        return Outcome(index, error_report(path, f"cluster task failed ({type(exc).__name__})"), 0.0)
    report["path"] = path
    return Outcome(index, report, seconds, rss)
