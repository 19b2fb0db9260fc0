"""Benchmark `notices check` against pdftotext and an all-pdfplumber extraction, in one run.

Usage: python bench/bench_check.py [FILE_OR_FOLDER ...] [--repeat N] [--big-pages N] [--markdown OUT]

Defaults to the corpus PDFs and the real-world plan documents. Every measurement runs on the same
files in the same process tree, alternating, best of N:

- pdftotext       poppler's CLI on each file, one process per file, sequential and 2 at a time
- pdfplumber      page.extract_text() on every page (what an all-pdfplumber checker would pay)
- notices check   the CLI with --jobs 2 (worker start-up included), and in-process steady state
                  (pipeline built, one core): the cost a long audit pays per file

Then peak memory of checking a generated 3,000-page PDF in a fresh process (VmHWM).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
from bench.bench_extract import best  # noqa: E402  (one timing helper for every benchmark)

DEFAULT_INPUTS = [REPO / "corpus", REPO.parent / "shared" / "real-world"]
NOTICES = [sys.executable, "-m", "notices.cli"]


def pdfs(inputs: list[Path]) -> list[Path]:
    found: list[Path] = []
    for item in inputs:
        found.extend(sorted(item.rglob("*.pdf")) if item.is_dir() else [item])
    return [p for p in found if p.exists()]


def pdftotext_all(files: list[Path], workers: int) -> None:
    def one(path: Path) -> None:
        subprocess.run(["pdftotext", "-q", str(path), "-"], stdout=subprocess.DEVNULL, check=False)
    with ThreadPoolExecutor(workers) as pool:
        list(pool.map(one, files))


def pdfplumber_all(files: list[Path]) -> None:
    import pdfplumber
    for path in files:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                page.extract_text()
                page.close()


def notices_cli(files: list[Path], jobs: int) -> None:
    subprocess.run([*NOTICES, "check", "--summary", "--jobs", str(jobs), *map(str, files)],
                   stdout=subprocess.DEVNULL, cwd=REPO, check=False)


def notices_in_process(files: list[Path]) -> None:
    from checkers.check import check_file
    for path in files:
        check_file(str(path))


def pages_of(files: list[Path]) -> int:
    import pypdfium2
    total = 0
    for path in files:
        pdf = pypdfium2.PdfDocument(str(path))
        total += len(pdf)
        pdf.close()
    return total


def peak_memory_mb(pages: int) -> tuple[float, float, str]:
    """Seconds and peak RSS (MB) of checking a generated `pages`-page PDF in a fresh process."""
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "big.pdf"
        subprocess.run([sys.executable, str(REPO / "bench" / "make_big_pdf.py"), str(big), "--pages", str(pages)],
                       check=True, stdout=subprocess.DEVNULL)
        code = ("import resource,sys,time,json;sys.path.insert(0,%r);from checkers.check import check_file;"
                "t=time.perf_counter();r=check_file(%r);"
                "from checkers.peak_memory import peak_rss_mb;print(json.dumps([time.perf_counter()-t,peak_rss_mb(),"
                "r['status']]))") % (str(REPO), str(big))
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
        import json
        seconds, rss, status = json.loads(out.strip().splitlines()[-1])
        return seconds, rss, status


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="*", type=Path, default=DEFAULT_INPUTS)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--big-pages", type=int, default=3000)
    parser.add_argument("--markdown", type=Path, help="also write the table here")
    args = parser.parse_args()
    files = pdfs(args.inputs)
    n_pages = pages_of(files)
    from checkers.pipeline import build_pipeline
    build_pipeline()
    notices_in_process(files[:3])  # warm the caches the steady state has
    rows = {
        "pdftotext, 1 process at a time": best(lambda: pdftotext_all(files, 1), args.repeat),
        "pdftotext, 2 at a time": best(lambda: pdftotext_all(files, 2), args.repeat),
        "notices check --jobs 2 (CLI, start-up included)": best(lambda: notices_cli(files, 2), args.repeat),
        "notices check, in process, 1 core (steady state)": best(lambda: notices_in_process(files), args.repeat),
        "pdfplumber extract_text, 1 core": best(lambda: pdfplumber_all(files), 1),
    }
    base = rows["pdftotext, 1 process at a time"]
    lines = [f"{len(files)} PDFs, {n_pages} pages, {os.cpu_count()} cores, best of {args.repeat}", "",
             "| run | seconds | pages/s | × pdftotext |", "|---|---:|---:|---:|"]
    for name, seconds in rows.items():
        lines.append(f"| {name} | {seconds:.2f} | {n_pages / seconds:.0f} | {seconds / base:.2f} |")
    if args.big_pages:
        seconds, rss, status = peak_memory_mb(args.big_pages)
        lines += ["", f"{args.big_pages}-page PDF checked in one process: {seconds:.1f} s, "
                      f"peak RSS {rss:.0f} MB, status {status}"]
    text = "\n".join(lines)
    print(text)
    if args.markdown:
        args.markdown.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
