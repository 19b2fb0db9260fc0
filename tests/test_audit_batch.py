"""`notices audit` in-process: resume, force, copies, limits, shards and merge, report formats."""

from __future__ import annotations

import json
import os
import sys
import shutil
import sqlite3
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from checkers.audit import db
from checkers.audit.batch import AuditSettings, audit
from checkers.audit.files import Shard
from checkers.audit.report import render, summarise
from checkers.options import CheckOptions
from checkers.runner import default_check
from notices.cli import main

REPO = Path(__file__).resolve().parent.parent
COMPARED = "path, sha256, size, pages, status, reason, document_type, verdict, catalog_version, report"


def slow_or_hanging_check(path: str, options: CheckOptions) -> dict:
    """Hangs on files named hang*, eats memory on hog*; the real check otherwise."""
    name = os.path.basename(path)
    if name.startswith("hang"):
        time.sleep(3600)
    if name.startswith("hog"):
        hoard = [bytearray(256 * 1024 * 1024) for _ in range(64)]
        return {"never": len(hoard)}
    return default_check(path, options)


@pytest.fixture
def filing(tmp_path) -> Path:
    """A small filing: a dozen corpus files of every format, in two folders."""
    folder = tmp_path / "filing"
    names = sorted(os.listdir(REPO / "corpus" / "dev"))[:12]
    for i, name in enumerate(names):
        target = folder / ("a" if i % 2 else "b") / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(REPO / "corpus" / "dev" / name, target)
    return folder


def rows(path: Path) -> list[tuple]:
    with sqlite3.connect(path) as conn:
        return conn.execute(f"SELECT {COMPARED} FROM results ORDER BY sha256").fetchall()


def test_audit_resumes_skips_copies_and_forces(filing, tmp_path):
    shutil.copy(next((filing / "a").iterdir()), filing / "copy-of-first.pdf")
    database = tmp_path / "r.sqlite"
    first = audit([str(filing)], str(database), AuditSettings())
    assert (first.found, first.skipped, first.audited) == (12, 0, 12)
    again = audit([str(filing)], str(database), AuditSettings())
    assert (again.skipped, again.audited) == (12, 0)
    forced = audit([str(filing / "a")], str(database), AuditSettings(force=True))
    assert (forced.skipped, forced.audited) == (0, 6)
    with sqlite3.connect(database) as conn:
        assert conn.execute("SELECT count(*) FROM results").fetchone()[0] == 12
        assert conn.execute("SELECT count(*) FROM paths").fetchone()[0] == 13
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        states = [r[0] for r in conn.execute("SELECT state FROM runs ORDER BY id")]
        options = json.loads(conn.execute("SELECT options FROM runs WHERE id = 1").fetchone()[0])
    assert states == ["finished"] * 3
    assert options["timeout"] == CheckOptions.timeout and options["shard"] == "1/1"


@pytest.mark.skipif(sys.platform != "linux", reason="RLIMIT_AS is enforced on Linux only")
def test_hang_and_memory_hog_do_not_stop_the_audit(filing, tmp_path):
    (filing / "hang.txt").write_text("Evidence of Coverage. Premium.", encoding="utf-8")
    (filing / "hog.txt").write_text("Evidence of Coverage. Deductible.", encoding="utf-8")
    database = tmp_path / "r.sqlite"
    settings = AuditSettings(CheckOptions(timeout=2, max_memory_mb=1024))
    summary = audit([str(filing)], str(database), settings, check=slow_or_hanging_check)
    assert (summary.audited, summary.errors) == (14, 2)
    with sqlite3.connect(database) as conn:
        reasons = dict(conn.execute("SELECT path, reason FROM results WHERE status = 'error'").fetchall())
        ok = conn.execute("SELECT count(*) FROM results WHERE status != 'error'").fetchone()[0]
    assert reasons == {str(filing / "hang.txt"): "timed out after 2 s",
                       str(filing / "hog.txt"): "exceeded memory limit (1024 MB)"}
    assert ok == 12


def test_shards_merge_to_the_same_table_as_one_run(filing, tmp_path):
    whole, merged = tmp_path / "whole.sqlite", tmp_path / "merged.sqlite"
    audit([str(filing)], str(whole), AuditSettings())
    parts = []
    for index in (1, 2, 3):
        part = tmp_path / f"shard{index}.sqlite"
        audit([str(filing)], str(part), AuditSettings(shard=Shard(index, 3), workers=1))
        parts.append(str(part))
    result = CliRunner().invoke(main, ["audit-merge", str(merged), *parts])
    assert result.exit_code == 0, result.output
    assert rows(merged) == rows(whole)
    assert sum(len(rows(Path(p))) for p in parts) == len(rows(whole))
    with sqlite3.connect(merged) as conn:
        assert conn.execute("SELECT count(*) FROM runs").fetchone()[0] == 3


def test_shard_parsing():
    assert Shard.parse("2/8") == Shard(2, 8)
    for bad in ("0/4", "5/4", "x", "1/0"):
        with pytest.raises(ValueError):
            Shard.parse(bad)


def test_cli_audit_and_report_formats(filing, tmp_path):
    database, html = tmp_path / "r.sqlite", tmp_path / "out" / "summary.html"
    runner = CliRunner()
    result = runner.invoke(main, ["audit", str(filing / "a"), str(filing / "b" / "*.pdf"), "--db", str(database)])
    assert result.exit_code == 0, result.output
    assert "audited now" in result.output
    for fmt in ("text", "csv", "jsonl"):
        out = runner.invoke(main, ["audit-report", "--db", str(database), "--format", fmt])
        assert out.exit_code == 0, out.output
    assert runner.invoke(main, ["audit-report", "--db", str(database), "--format", "html", "-o", str(html)]).exit_code == 0
    page = html.read_text(encoding="utf-8")
    assert page.count("<svg") == 2 and "<script" not in page
    assert "src=" not in page and "href=" not in page


def test_report_counts_and_never_quotes_documents(filing, tmp_path):
    database = tmp_path / "r.sqlite"
    audit([str(filing)], str(database), AuditSettings())
    conn = db.open_existing(str(database))
    summary = summarise(conn)
    quotes = {ev["text"] for row in db.results(conn) for item in json.loads(row["report"])["elements"]
              for ev in item["evidence"] if len(ev["text"]) > 20}
    conn.close()
    assert summary.files == 12 and sum(summary.by_status.values()) == 12
    assert all(0 <= r.share <= 1 and r.documents for r in summary.elements)
    lines = [json.loads(line) for line in render(summary, "jsonl").splitlines()]
    assert lines[0]["kind"] == "totals" and lines[0]["files"] == 12
    for fmt in ("text", "csv", "jsonl", "html"):
        text = render(summary, fmt)
        assert quotes and not any(q in text for q in quotes)


def test_progress_line_only_on_a_terminal():
    import io

    from checkers.audit.progress import Progress

    quiet, shown = io.StringIO(), io.StringIO()
    for stream, enabled in ((quiet, None), (shown, True)):
        progress = Progress(2, stream=stream, enabled=enabled)
        progress.update({"pages": 3, "status": "ok"})
        progress.update({"pages": 1, "status": "error"})
        progress.close()
    assert quiet.getvalue() == ""
    assert "2/2 files, 4 pages, 1 failed" in shown.getvalue()
