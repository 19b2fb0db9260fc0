"""The isolated runner: input order, and a file that hangs, eats memory or crashes its worker
becomes an error report while the batch goes on.

The misbehaving checks are module-level functions of this file, handed to the runner (spawned
workers import this module by name); nothing in the product honours a test switch.
"""

from __future__ import annotations

import os
import sys
import signal
import time

import pytest

from checkers.options import CheckOptions
from checkers.runner import IsolatedChecker, default_check, run_checks, run_unordered

KEYS = {"schema", "path", "sha256", "catalog_version", "status", "reason", "document_type", "verdict",
        "pages", "elements", "violations"}
TEXT = ("Evidence of Coverage. This plan covers members. Premium. Emergency: call 911. "
        "Office of Patient Protection 1-800-436-7757.")


def misbehaving_check(path: str, options: CheckOptions) -> dict:
    """Hangs, eats memory, crashes or raises when the file name says so; checks normally otherwise."""
    name = os.path.basename(path)
    if name.startswith("hang"):
        time.sleep(3600)
    if name.startswith("hog"):
        hoard = []
        while True:
            hoard.append(bytearray(64 * 1024 * 1024))
    if name.startswith("segv"):
        os.kill(os.getpid(), signal.SIGSEGV)
    if name.startswith("raise"):
        raise ValueError("bug")
    return default_check(path, options)


@pytest.fixture
def docs(tmp_path):
    def make(*names: str) -> list[str]:
        paths = []
        for i, name in enumerate(names):
            path = tmp_path / name
            path.write_text(f"{TEXT} Document {i}.", encoding="utf-8")
            paths.append(str(path))
        return paths
    return make


def test_reports_in_input_order(docs):
    files = docs(*(f"doc{i}.txt" for i in range(6)))
    reports = list(run_checks(files, CheckOptions(), jobs=2))
    assert [r["path"] for r in reports] == files
    assert all(r["status"] == "ok" and set(r) == KEYS for r in reports)


@pytest.mark.skipif(sys.platform != "linux", reason="RLIMIT_AS is enforced on Linux only")
def test_hang_memory_crash_and_bug_do_not_stop_the_batch(docs):
    files = docs("a.txt", "hang.txt", "b.txt", "hog.txt", "segv.txt", "raise.txt", "c.txt")
    options = CheckOptions(timeout=3, max_memory_mb=1024)
    started = time.monotonic()
    reports = list(run_checks(files, options, jobs=2, check=misbehaving_check))
    assert time.monotonic() - started < 30
    by_name = {os.path.basename(r["path"]): r for r in reports}
    assert [r["path"] for r in reports] == files
    assert all(set(r) == KEYS for r in reports)
    for name in ("a.txt", "b.txt", "c.txt"):
        assert by_name[name]["status"] == "ok"
    assert by_name["hang.txt"]["status"] == "error"
    assert by_name["hang.txt"]["reason"] == "timed out after 3 s"
    assert by_name["hog.txt"]["reason"] == "exceeded memory limit (1024 MB)"
    assert by_name["segv.txt"]["reason"].startswith("worker crashed (signal 11")
    assert by_name["raise.txt"]["reason"] == "internal error (ValueError)"
    assert by_name["hang.txt"]["sha256"] and by_name["hang.txt"]["catalog_version"]


def test_workers_are_recycled(docs):
    files = docs(*(f"doc{i}.txt" for i in range(5)))
    outcomes = list(run_unordered(files, CheckOptions(), jobs=1, recycle_after=2))
    assert sorted(o.index for o in outcomes) == list(range(5))
    assert all(o.report["status"] == "ok" and o.worker_rss_mb > 0 for o in outcomes)


def test_isolated_checker_survives_a_timeout(docs):
    good, hang = docs("good.txt", "hang.txt")
    checker = IsolatedChecker(CheckOptions(timeout=2), check=misbehaving_check)
    try:
        assert checker(hang).report["reason"] == "timed out after 2 s"
        assert checker(good).report["status"] == "ok"
    finally:
        checker.close()


def test_a_checker_that_cannot_start_is_one_clear_error(monkeypatch, tmp_path):
    """A broken rule file stops `notices eval` with one line and exit 1, not a traceback or a
    corpus of silent "error" reports."""
    from click.testing import CliRunner

    import checkers.runner
    from notices.cli import main

    def broken() -> None:
        raise ValueError("bad pattern")

    monkeypatch.setattr(checkers.runner, "warm_up", broken)
    (tmp_path / "manifest.jsonl").write_text("", encoding="utf-8")
    result = CliRunner().invoke(main, ["eval", str(tmp_path)])
    assert result.exit_code == 1
    assert "the checker cannot start: ValueError: bad pattern" in result.output
