"""Time PDF text extraction: our pypdfium2 reader vs pdfplumber vs pdftotext, same run.

Usage: python bench/bench_extract.py FILE_OR_FOLDER... [--repeat N] [--columns]

Prints one row per PDF (best of N runs, seconds) and the ratios to pdftotext. `--columns` also
times the column detection alone (the cost every page pays for `find_interleaved_gutter`).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from checkers.extract import read_document  # noqa: E402


def pdfs(args: list[str]) -> list[Path]:
    """PDF files named, or found (recursively) in the folders named."""
    out: list[Path] = []
    for a in map(Path, args):
        out.extend(sorted(a.rglob("*.pdf")) if a.is_dir() else [a])
    return out


def best(fn: Callable[[], object], repeat: int) -> float:
    """Best wall time of `repeat` runs of `fn` (first run included: the cold case matters too)."""
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def ours(path: Path) -> None:
    """The reader used at check time: text of every page, normalised, no boxes."""
    read_document(str(path)).close()


def plumber(path: Path) -> None:
    """pdfplumber's page.extract_text() on every page."""
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()
            page.close()


def pdftotext(path: Path) -> None:
    """poppler's pdftotext to stdout (process start included)."""
    subprocess.run(["pdftotext", str(path), "-"], check=True, stdout=subprocess.DEVNULL)


def columns_only(path: Path) -> float:
    """Seconds spent in the per-page column check alone (rectangles + gutter search)."""
    import pypdfium2 as pdfium

    from checkers.extract.pdf import find_interleaved_gutter

    spent = 0.0
    pdf = pdfium.PdfDocument(str(path))
    for i in range(len(pdf)):
        page = pdf[i]
        tp = page.get_textpage()
        t = time.perf_counter()
        find_interleaved_gutter(tp, page.get_width())
        spent += time.perf_counter() - t
        tp.close()
        page.close()
    pdf.close()
    return spent


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="+")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--columns", action="store_true")
    ap.add_argument("--no-plumber", action="store_true", help="skip pdfplumber (slow on big files)")
    a = ap.parse_args()
    has_poppler = shutil.which("pdftotext") is not None
    head = f"{'file':48} {'pages':>5} {'ours s':>8} {'plumber s':>10} {'pdftotext s':>11} {'plumb/ours':>10} {'ours/p2t':>8}"
    print(head + ("  cols s" if a.columns else ""))
    for path in pdfs(a.paths):
        with read_document(str(path)) as doc:
            n = len(doc.pages)
        t_ours = best(lambda: ours(path), a.repeat)
        t_pl = float("nan") if a.no_plumber else best(lambda: plumber(path), max(1, a.repeat // 3))
        t_pt = best(lambda: pdftotext(path), a.repeat) if has_poppler else float("nan")
        row = f"{path.name[:48]:48} {n:5d} {t_ours:8.3f} {t_pl:10.3f} {t_pt:11.3f} {t_pl / t_ours:10.1f} {t_ours / t_pt:8.2f}"
        if a.columns:
            row += f" {min(columns_only(path) for _ in range(a.repeat)):7.3f}"
        print(row, flush=True)


if __name__ == "__main__":
    main()
