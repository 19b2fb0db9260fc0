"""The Dask path (a LocalCluster on loopback, over TCP) gives the same results as a local audit."""

from __future__ import annotations

import os
import shutil
import sqlite3
import time
from pathlib import Path

import pytest

from checkers.audit.batch import AuditSettings, audit
from checkers.options import CheckOptions
from checkers.runner import default_check

distributed = pytest.importorskip("distributed")

REPO = Path(__file__).resolve().parent.parent
COMPARED = "path, sha256, size, pages, status, reason, document_type, verdict, catalog_version, report"


def hanging_check(path: str, options: CheckOptions) -> dict:
    """Hangs on hang*, the real check otherwise: limits must hold on the cluster too."""
    if os.path.basename(path).startswith("hang"):
        time.sleep(3600)
    return default_check(path, options)


def rows(path: Path) -> list[tuple]:
    with sqlite3.connect(path) as conn:
        return conn.execute(f"SELECT {COMPARED} FROM results ORDER BY sha256").fetchall()


def test_dask_gives_the_same_results_as_local(tmp_path, monkeypatch):
    filing = tmp_path / "filing"
    filing.mkdir()
    for name in sorted(os.listdir(REPO / "corpus" / "dev"))[20:30]:
        shutil.copy(REPO / "corpus" / "dev" / name, filing / name)
    (filing / "hang.txt").write_text("Evidence of Coverage.", encoding="utf-8")
    monkeypatch.chdir(tmp_path)  # relative paths, as a reviewer types them
    options = CheckOptions(timeout=3)
    local, remote = tmp_path / "local.sqlite", tmp_path / "dask.sqlite"
    audit(["filing"], str(local), AuditSettings(options), check=hanging_check)
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False, protocol="tcp",
                                  host="127.0.0.1", dashboard_address=None) as cluster:
        assert cluster.scheduler_address.startswith("tcp://127.0.0.1:")
        settings = AuditSettings(options, scheduler=cluster.scheduler_address)
        summary = audit(["filing"], str(remote), settings, check=hanging_check)
    assert summary.audited == 11 and summary.errors == 1
    assert rows(remote) == rows(local)
    with sqlite3.connect(remote) as conn:
        assert conn.execute("SELECT reason FROM results WHERE path LIKE '%hang.txt'").fetchone()[0] == "timed out after 3 s"
