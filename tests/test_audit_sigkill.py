"""An audit killed with SIGKILL mid-run and run again ends with every file exactly once."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from checkers.audit.files import digest

REPO = Path(__file__).resolve().parent.parent
FILES = 48
CLI = [sys.executable, "-c", "from notices.cli import main; main()", "audit"]


def written(database: Path) -> int:
    try:
        with sqlite3.connect(database, timeout=5) as conn:
            return conn.execute("SELECT count(*) FROM results").fetchone()[0]
    except sqlite3.OperationalError:  # not created yet
        return 0


def kill_after(proc: subprocess.Popen, database: Path, rows: int, limit: float = 60) -> int:
    """SIGKILL the audit once `rows` results are committed; the count seen at the kill."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline and proc.poll() is None:
        count = written(database)
        if count >= rows:
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait(10)
            return count
        time.sleep(0.02)
    raise AssertionError(f"audit ended or stalled before {rows} results (exit {proc.poll()})")


def test_sigkill_then_rerun_gives_every_file_once(tmp_path):
    filing, database = tmp_path / "filing", tmp_path / "results.sqlite"
    filing.mkdir()
    for name in sorted(os.listdir(REPO / "corpus" / "dev"))[:FILES]:
        shutil.copy(REPO / "corpus" / "dev" / name, filing / name)
    expected = {digest(str(p)) for p in filing.iterdir()}
    args = CLI + [str(filing), "--db", str(database), "--workers", "2"]
    proc = subprocess.Popen(args, cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    seen = kill_after(proc, database, rows=5)
    assert proc.returncode == -signal.SIGKILL
    after_kill = written(database)
    assert seen <= after_kill < len(expected)

    rerun = subprocess.run(args, cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert rerun.returncode == 0, rerun.stderr
    with sqlite3.connect(database) as conn:
        digests = [r[0] for r in conn.execute("SELECT sha256 FROM results")]
        runs = conn.execute("SELECT state, files_found, files_skipped, files_audited FROM runs ORDER BY id").fetchall()
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert sorted(digests) == sorted(expected)  # every file, each exactly once
    assert runs[0][0] == "running"  # the killed run never got to write its end
    state, found, skipped, audited = runs[1]
    assert (state, found) == ("finished", len(expected))
    assert skipped >= after_kill and skipped + audited == found
