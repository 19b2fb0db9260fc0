"""Audit throughput on 2 workers against pdftotext on the same files, in the same run.

Usage: python bench/bench_audit.py [FOLDER...] [--workers 2] [--repeat 3]

For the PDFs under the folders (default: corpus/): wall time of a whole `notices audit` (worker
start, checking, one SQLite transaction per file) and of `pdftotext` run on the same files with
the same number of parallel processes; files/s, pages/s and the ratio. Also the whole folder (all
formats), and the peak resident memory of one worker. Best of `--repeat` runs; each audit writes
a fresh database, so nothing is skipped.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from checkers.audit.batch import AuditSettings, AuditSummary, audit  # noqa: E402
from checkers.audit.files import expand  # noqa: E402
from checkers.audit.progress import Progress  # noqa: E402


class Stamps(Progress):
    """A silent progress line that keeps the time each file finished."""

    def __init__(self) -> None:
        super().__init__(0, enabled=False)
        self.times: list[float] = []

    def update(self, report: dict) -> None:
        super().update(report)
        self.times.append(time.perf_counter())


def timed_audit(paths: list[str], workers: int) -> tuple[float, AuditSummary, float]:
    """Seconds, summary, and steady-state seconds per file (first result to last: no start-up)."""
    with tempfile.TemporaryDirectory() as tmp:
        stamps = Stamps()
        started = time.perf_counter()
        summary = audit(paths, os.path.join(tmp, "bench.sqlite"), AuditSettings(workers=workers), progress=stamps)
        steady = (stamps.times[-1] - stamps.times[0]) / max(1, len(stamps.times) - 1)
        return time.perf_counter() - started, summary, steady


def timed_pdftotext(pdfs: list[str], workers: int) -> float:
    """Seconds for pdftotext on every PDF, `workers` at a time."""
    def one(path: str) -> None:
        subprocess.run(["pdftotext", "-q", path, "-"], stdout=subprocess.DEVNULL, check=False)

    started = time.perf_counter()
    with ThreadPoolExecutor(workers) as pool:
        list(pool.map(one, pdfs))
    return time.perf_counter() - started


def best_of(runs: list[tuple[float, AuditSummary, float]]) -> tuple[float, AuditSummary, float]:
    return min(runs, key=lambda r: r[0])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", default=["corpus"])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if not shutil.which("pdftotext"):
        sys.exit("pdftotext not found (Debian package poppler-utils)")
    files = list(expand(args.folders))
    pdfs = [f for f in files if f.lower().endswith(".pdf")]
    print(f"{len(files)} files, {len(pdfs)} PDFs, {args.workers} workers, best of {args.repeat}, pdftotext and audit interleaved")
    pairs = [(timed_pdftotext(pdfs, args.workers), timed_audit(pdfs, args.workers)) for _ in range(args.repeat)]
    ref, (pdf_time, pdf_summary, pdf_steady) = min(pairs, key=lambda p: p[1][0] / p[0])  # interleaved: same load
    all_time, all_summary, _ = best_of([timed_audit(args.folders, args.workers) for _ in range(args.repeat)])
    rows = [("pdftotext, PDFs", ref, len(pdfs), pdf_summary.pages),
            ("audit, PDFs", pdf_time, pdf_summary.audited, pdf_summary.pages),
            ("audit, all files", all_time, all_summary.audited, all_summary.pages)]
    print(f"{'':18} {'seconds':>8} {'files/s':>8} {'pages/s':>8}")
    for label, seconds, n, pages in rows:
        print(f"{label:18} {seconds:8.2f} {n / seconds:8.1f} {pages / seconds:8.1f}")
    print(f"audit / pdftotext on the same PDFs: {pdf_time / ref:.2f}x (target: within 3x)")
    steady = pdf_steady * len(pdfs)
    print(f"  without worker start-up (steady state, first result to last): {steady:.2f} s, "
          f"{steady / ref:.2f}x; start-up {pdf_time - steady:.2f} s")
    print(f"peak RSS of one worker: {max(pdf_summary.peak_worker_rss_mb, all_summary.peak_worker_rss_mb):.0f} MB")


if __name__ == "__main__":
    main()
