"""Every hostile or broken input gets one JSON report line from the real CLI: a status, a reason,
exit code 1, no traceback, no document text on stderr. (Memory and time of the reader on the
large inputs are measured in test_hostile_limits.py: the CLI's worker is not our child process.)

The fixtures come from scripts/make_hostile_fixtures.py. The CLI runs are started together in a
small thread pool (each is a separate process: ~2 s of start-up, mostly spaCy), so the module
costs about as much as its slowest runs rather than their sum.
"""

from __future__ import annotations

import json
import subprocess
import sys
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import REPO

sys.path.insert(0, str(REPO / "scripts"))
import make_hostile_fixtures as fx  # noqa: E402

CLI = str(Path(sys.executable).with_name("notices"))

# name -> (status, a piece of the reason; "" when an ok report may have no reason)
EXPECTED: dict[str, tuple[str, str]] = {
    "empty.pdf": ("error", "empty file"),
    "random.pdf": ("error", "not a PDF, DOCX, HTML or text file"),
    "truncated.pdf": ("ok", "repaired"),
    "truncated_compressed.pdf": ("error", "damaged PDF: truncated"),
    "flipped.pdf": ("ok", "repaired"),
    "flipped_compressed.pdf": ("error", "damaged PDF"),
    "user_password.pdf": ("error", "encrypted"),
    "owner_password.pdf": ("ok", ""),
    "html_named.pdf": ("ok", "format: html (named .pdf)"),
    "png_named.pdf": ("error", "PNG image, not a PDF"),
    "not_a_zip.docx": ("error", "legacy Office file"),
    "zip_not_docx.docx": ("error", "zip archive is not a DOCX"),
    "bomb.pdf": ("error", "decompression bomb"),
    "page_loop.pdf": ("error", "page tree loops back on itself"),
    "pages_3000.pdf": ("ok", ""),
    "scan.pdf": ("unreadable", "no text layer (needs OCR)"),
}
RUNS = {name: [] for name in EXPECTED} | {"scan.pdf --ocr": ["--ocr"]}


@dataclass
class Run:
    """One CLI run: its report lines, stderr and exit code."""

    lines: list[str]
    stderr: str
    code: int


def _run(path: Path, extra: list[str]) -> Run:
    proc = subprocess.run([CLI, "check", str(path), "--format", "json", *extra],
                          capture_output=True, text=True, timeout=180)
    return Run(proc.stdout.splitlines(), proc.stderr, proc.returncode)


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Future[Run]]:
    paths = fx.build(tmp_path_factory.mktemp("hostile"))
    pool = ThreadPoolExecutor(max_workers=6)
    futures = {key: pool.submit(_run, paths[key.split()[0]], extra) for key, extra in RUNS.items()}
    yield futures
    pool.shutdown(wait=True)


def _report(run: Run) -> dict:
    """The one report line, after the checks every hostile input must pass."""
    assert run.code == 1, run.stderr[-2000:]
    assert "Traceback" not in run.stderr
    assert fx.SECRET not in run.stderr and "Jane" not in run.stderr
    assert len(run.lines) == 1, run.lines
    report = json.loads(run.lines[0])
    assert report["status"] in {"ok", "error", "unreadable"}
    assert "Jane" not in (report["reason"] or "")
    return report


@pytest.mark.parametrize("name", list(EXPECTED))
def test_hostile_input_gets_one_status_line(runs: dict[str, Future[Run]], name: str) -> None:
    run = runs[name].result()
    report = _report(run)
    status, reason = EXPECTED[name]
    assert report["status"] == status, report["reason"]
    assert reason in (report["reason"] or "")
    if status != "ok":
        assert report["reason"] and report["verdict"] is None


def test_scan_with_ocr_is_checked_and_marked(runs: dict[str, Future[Run]]) -> None:
    report = _report(runs["scan.pdf --ocr"].result())
    assert report["status"] == "ok"
    assert "ocr" in report["reason"].lower()
    assert report["verdict"] is not None


def test_three_thousand_pages_are_all_read(runs: dict[str, Future[Run]]) -> None:
    report = _report(runs["pages_3000.pdf"].result())
    assert report["status"] == "ok" and report["pages"] == 3000
