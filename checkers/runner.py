"""Running checks over many files in worker processes.

`run_checks` yields one report per file, in input order. Each worker process builds the spaCy
pipeline once and checks many files.
"""

from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor
from typing import Iterator

from checkers.options import CheckOptions


def _check_one(args: tuple[str, CheckOptions]) -> dict:
    from checkers.check import check_file

    path, options = args
    return check_file(path, options=options)


def run_checks(files: list[str], options: CheckOptions, jobs: int) -> Iterator[dict]:
    """Reports in input order; several files go to `jobs` worker processes."""
    if jobs <= 1 or len(files) <= 1:
        for f in files:
            yield _check_one((f, options))
        return
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        yield from pool.map(_check_one, [(f, options) for f in files], chunksize=1)
