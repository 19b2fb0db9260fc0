"""Write a long text-only PDF with reportlab, to measure time and peak memory of read_document.

Usage: python bench/make_big_pdf.py OUT.pdf [--pages 3000]
       python bench/make_big_pdf.py OUT.pdf --measure   (also reads it in a child process and
                                                         prints seconds and peak RSS in MB)
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas

WORDS = (
    "you have the right to request an internal appeal of this adverse determination and an "
    "external review by the office of patient protection within four months of this notice"
).split()
LINES_PER_PAGE = 48


def write(out: str, pages: int) -> None:
    """`pages` letter pages of 48 lines of notice-like words, with a running header and footer."""
    c = canvas.Canvas(out, pagesize=letter)
    for n in range(pages):
        c.setFont("Helvetica", 9)
        c.drawString(72, 760, "Example Health Plan - Evidence of Coverage")
        for i in range(LINES_PER_PAGE):
            k = (n * LINES_PER_PAGE + i) % len(WORDS)
            line = " ".join(WORDS[k:] + WORDS[:k])[:110]
            c.drawString(72, 740 - 14 * i, f"{n}.{i} {line}")
        c.drawString(72, 40, f"Page {n + 1} of {pages}")
        c.showPage()
    c.save()


CHILD = """
import sys, time
sys.path.insert(0, {root!r})
t = time.perf_counter()
from checkers.extract import read_document
doc = read_document({path!r})
i = doc.text.index("external review", len(doc.text) // 2)
page, box = doc.locate(i, i + 15)
doc.close()
from checkers.peak_memory import peak_rss_mb
print(f"{{time.perf_counter() - t:.2f}} {{peak_rss_mb():.0f}} {{len(doc.pages)}} {{len(doc.text)}} {{page}}")
"""


def measure(path: str) -> None:
    """Read the PDF in a fresh interpreter so the peak (VmHWM) is the reader's own."""
    root = str(Path(__file__).resolve().parent.parent)
    code = CHILD.format(root=root, path=str(Path(path).resolve()))
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    secs, mb, pages, chars, page = out.stdout.split()
    print(f"read_document: {pages} pages, {chars} chars, {secs} s, peak RSS {mb} MB, locate -> page {page}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out")
    ap.add_argument("--pages", type=int, default=3000)
    ap.add_argument("--measure", action="store_true")
    a = ap.parse_args()
    if not Path(a.out).exists() or not a.measure:
        write(a.out, a.pages)
    if a.measure:
        measure(a.out)


if __name__ == "__main__":
    main()
