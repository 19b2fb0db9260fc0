"""The audit's SQLite store: one row per distinct file in `results`, one row per run in `runs`.

WAL mode and one transaction per file: an audit killed at any moment keeps every result it had
written, loses only the files in flight, and readers (`audit-report`, a progress check from another
shell) never block the writer. `synchronous=NORMAL` is enough for that: in WAL mode a committed
transaction survives a killed process; only a power cut may lose the last few.
"""

from __future__ import annotations

import json
import os
import sqlite3
from datetime import datetime, timezone
from typing import Any, Iterable, Iterator

SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (
    id              INTEGER PRIMARY KEY,
    started_at      TEXT NOT NULL,
    finished_at     TEXT,
    state           TEXT NOT NULL,          -- running | finished | interrupted
    catalog_version TEXT NOT NULL,
    options         TEXT NOT NULL,          -- JSON: limits, workers, shard, scheduler, force, paths
    files_found     INTEGER,
    files_skipped   INTEGER,
    files_audited   INTEGER
);
CREATE TABLE IF NOT EXISTS results (
    sha256          TEXT PRIMARY KEY,
    path            TEXT NOT NULL,
    size            INTEGER NOT NULL,
    pages           INTEGER NOT NULL,
    status          TEXT NOT NULL,          -- ok | unreadable | error
    reason          TEXT,
    document_type   TEXT,
    verdict         TEXT,                   -- compliant | noncompliant | NULL
    catalog_version TEXT NOT NULL,
    seconds         REAL NOT NULL,
    report          TEXT NOT NULL,          -- JSON report of `notices check` (notices.check/1)
    audited_at      TEXT NOT NULL,
    run_id          INTEGER REFERENCES runs(id)
);
CREATE TABLE IF NOT EXISTS paths (
    path            TEXT PRIMARY KEY,       -- every path a file was found under (copies too)
    sha256          TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS results_catalog ON results(catalog_version);
CREATE INDEX IF NOT EXISTS paths_sha256 ON paths(sha256);
"""

RESULT_COLUMNS = ("sha256", "path", "size", "pages", "status", "reason", "document_type", "verdict",
                  "catalog_version", "seconds", "report", "audited_at", "run_id")


def now() -> str:
    """UTC time to the second, ISO 8601: sorts as text."""
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


def connect(path: str) -> sqlite3.Connection:
    """Open (creating if needed) an audit database in WAL mode."""
    conn = sqlite3.connect(path, timeout=30)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("PRAGMA foreign_keys=ON")
    conn.executescript(SCHEMA)
    conn.row_factory = sqlite3.Row
    return conn


def open_existing(path: str) -> sqlite3.Connection:
    """Open a database for reading; FileNotFoundError rather than creating an empty one."""
    if not os.path.exists(path):
        raise FileNotFoundError(path)
    return connect(path)


def done(conn: sqlite3.Connection, catalog_version: str) -> set[str]:
    """Digests already audited under this catalog version: a rerun skips them."""
    rows = conn.execute("SELECT sha256 FROM results WHERE catalog_version = ?", (catalog_version,))
    return {row[0] for row in rows}


def start_run(conn: sqlite3.Connection, catalog_version: str, options: dict[str, Any]) -> int:
    with conn:
        cur = conn.execute("INSERT INTO runs (started_at, state, catalog_version, options) VALUES (?, ?, ?, ?)",
                           (now(), "running", catalog_version, json.dumps(options, sort_keys=True)))
    return int(cur.lastrowid)


def count_run(conn: sqlite3.Connection, run_id: int, found: int, skipped: int) -> None:
    with conn:
        conn.execute("UPDATE runs SET files_found = ?, files_skipped = ? WHERE id = ?", (found, skipped, run_id))


def finish_run(conn: sqlite3.Connection, run_id: int, audited: int, state: str = "finished") -> None:
    with conn:
        conn.execute("UPDATE runs SET finished_at = ?, state = ?, files_audited = ? WHERE id = ?",
                     (now(), state, audited, run_id))


def record_paths(conn: sqlite3.Connection, seen: Iterable[tuple[str, str]]) -> None:
    with conn:
        conn.executemany("INSERT OR REPLACE INTO paths (path, sha256) VALUES (?, ?)", seen)


def write_result(conn: sqlite3.Connection, report: dict[str, Any], size: int, seconds: float,
                 run_id: int | None) -> None:
    """One file, one transaction: after this returns the result survives a crash."""
    row = (report["sha256"], report["path"], size, int(report.get("pages") or 0), report["status"],
           report.get("reason"), report.get("document_type"), report.get("verdict"),
           report["catalog_version"], round(seconds, 3), json.dumps(report, ensure_ascii=False), now(), run_id)
    with conn:
        conn.execute(f"INSERT OR REPLACE INTO results ({', '.join(RESULT_COLUMNS)}) "
                     f"VALUES ({', '.join('?' * len(RESULT_COLUMNS))})", row)


def results(conn: sqlite3.Connection, catalog_version: str | None = None) -> Iterator[sqlite3.Row]:
    """Result rows (all, or of one catalog version), by path."""
    if catalog_version is None:
        return iter(conn.execute("SELECT * FROM results ORDER BY path, sha256"))
    return iter(conn.execute("SELECT * FROM results WHERE catalog_version = ? ORDER BY path, sha256",
                             (catalog_version,)))


def merge(target: sqlite3.Connection, sources: Iterable[str]) -> int:
    """Join shard databases into `target`: runs are copied, a file audited twice keeps the newer row.

    Returns the number of result rows in the target afterwards.
    """
    for source in sources:
        _merge_one(target, source)
    return int(target.execute("SELECT count(*) FROM results").fetchone()[0])


def _merge_one(target: sqlite3.Connection, source: str) -> None:
    target.execute("ATTACH DATABASE ? AS shard", (source,))
    try:
        with target:
            run_ids = _copy_runs(target)
            columns = ", ".join(RESULT_COLUMNS)
            select = ", ".join("?" if c == "run_id" else c for c in RESULT_COLUMNS)
            updates = ", ".join(f"{c} = excluded.{c}" for c in RESULT_COLUMNS if c != "sha256")
            for old, new in run_ids.items():
                target.execute(
                    f"INSERT INTO results ({columns}) SELECT {select} "
                    f"FROM shard.results WHERE run_id IS ? "
                    f"ON CONFLICT(sha256) DO UPDATE SET {updates} WHERE excluded.audited_at > results.audited_at",
                    (new, old))
            target.execute("INSERT OR IGNORE INTO paths SELECT path, sha256 FROM shard.paths")
    finally:
        target.execute("DETACH DATABASE shard")


def _copy_runs(target: sqlite3.Connection) -> dict[int | None, int | None]:
    """Copy the shard's runs under new ids; {old id: new id} (results without a run keep none)."""
    mapping: dict[int | None, int | None] = {None: None}
    for row in target.execute("SELECT * FROM shard.runs ORDER BY id").fetchall():
        cur = target.execute(
            "INSERT INTO runs (started_at, finished_at, state, catalog_version, options, files_found, "
            "files_skipped, files_audited) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (row["started_at"], row["finished_at"], row["state"], row["catalog_version"], row["options"],
             row["files_found"], row["files_skipped"], row["files_audited"]))
        mapping[row["id"]] = int(cur.lastrowid)
    return mapping
