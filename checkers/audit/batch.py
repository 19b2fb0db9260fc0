"""One audit run: find the files, skip what is done, check the rest, write each result at once.

Resuming needs no journal: the results table is the journal. A file is skipped when a row with
its digest and the current catalog version exists, so rerunning the same command after a crash
or a kill carries on where it stopped; `force` re-audits everything in the shard.
"""

from __future__ import annotations

import sqlite3
from dataclasses import asdict, dataclass, field
from typing import Iterator, Sequence

from checkers.audit import db
from checkers.audit.files import Input, Shard, identify
from checkers.audit.progress import Progress
from checkers.options import CheckOptions
from checkers.runner import CheckFn, Outcome, default_check, prestart, run_unordered


@dataclass
class AuditSummary:
    """What a run did, for the closing line and for tests."""

    run_id: int
    found: int
    skipped: int
    audited: int = 0
    errors: int = 0
    pages: int = 0
    peak_worker_rss_mb: float = 0.0
    unreadable_inputs: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class AuditSettings:
    """Everything that decides what an audit does, recorded in `runs.options`."""

    options: CheckOptions = CheckOptions()
    workers: int = 2
    shard: Shard = Shard()
    scheduler: str | None = None
    force: bool = False

    def record(self, paths: Sequence[str]) -> dict:
        return {**asdict(self.options), "workers": self.workers, "shard": str(self.shard),
                "scheduler": self.scheduler, "force": self.force, "paths": list(paths)}


def catalog_version() -> str:
    from checkers.catalog import load_catalog

    return load_catalog().version


def audit(paths: Sequence[str], db_path: str, settings: AuditSettings, *, progress: Progress | None = None,
          check: CheckFn = default_check) -> AuditSummary:
    """Audit `paths` into the database at `db_path`; safe to interrupt and rerun."""
    conn = db.connect(db_path)
    try:
        return _audit(conn, paths, settings, progress, check)
    finally:
        conn.close()


def _audit(conn: sqlite3.Connection, paths: Sequence[str], settings: AuditSettings,
           progress: Progress | None, check: CheckFn) -> AuditSummary:
    if not settings.scheduler:
        prestart()  # the workers' start-up overlaps hashing the inputs
    version = catalog_version()
    run_id = db.start_run(conn, version, settings.record(paths))
    inputs, seen, unreadable = identify(paths)
    mine = [i for i in inputs if settings.shard.holds(i.sha256)]
    db.record_paths(conn, [(p, s) for p, s in seen if settings.shard.holds(s)])
    already = set() if settings.force else db.done(conn, version)
    todo = [i for i in mine if i.sha256 not in already]
    summary = AuditSummary(run_id, len(mine), len(mine) - len(todo), unreadable_inputs=unreadable)
    db.count_run(conn, run_id, summary.found, summary.skipped)
    progress = progress or Progress(len(todo))
    state = "interrupted"
    try:
        for item, outcome in _outcomes(todo, settings, check):
            outcome.report["sha256"] = outcome.report["sha256"] or item.sha256
            db.write_result(conn, outcome.report, item.size, outcome.seconds, run_id)
            summary.audited += 1
            summary.errors += outcome.report["status"] == "error"
            summary.pages += int(outcome.report.get("pages") or 0)
            summary.peak_worker_rss_mb = max(summary.peak_worker_rss_mb, outcome.worker_rss_mb)
            progress.update(outcome.report)
        state = "finished"
    finally:
        progress.close()
        db.finish_run(conn, run_id, summary.audited, state)
    return summary


def _outcomes(todo: list[Input], settings: AuditSettings, check: CheckFn) -> Iterator[tuple[Input, Outcome]]:
    """Each input with its outcome, as they finish, locally or on the cluster."""
    files = [i.path for i in todo]
    if settings.scheduler:
        from checkers.audit.dask_backend import run_on_cluster

        stream = run_on_cluster(settings.scheduler, files, settings.options, check)
    else:
        stream = run_unordered(files, settings.options, settings.workers, check=check)
    for outcome in stream:
        yield todo[outcome.index], outcome
