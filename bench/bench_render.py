"""Generator benchmark: DOCX notices per second and PDFs per second on this machine.

Targets (issue): at least 20 DOCX/s and 2 PDF/s. DOCX time is the Renderer alone (validation
excluded, as it is done once per batch); PDF time is one LibreOffice run over the whole batch,
start-up included. Run: python bench/bench_render.py [N]
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from notices.pdf_conversion import convert
from notices.rendering import Renderer
from notices.samples import doc_type_of, load_sample, sample_files
from notices.validation import validate


def main(count: int = 60) -> None:
    samples = [(doc_type_of(p), validate(doc_type_of(p), load_sample(p))[0]) for p in sample_files()]
    renderer = Renderer()
    renderer.render(*samples[0])  # warm the template and clause caches
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        start = time.perf_counter()
        paths = []
        for n in range(count):
            doc_type, case = samples[n % len(samples)]
            path = out / f"{n:04d}-{doc_type}.docx"
            path.write_bytes(renderer.render(doc_type, case))
            paths.append(path)
        docx_seconds = time.perf_counter() - start
        start = time.perf_counter()
        convert(paths, out / "pdf")
        pdf_seconds = time.perf_counter() - start
    print(f"DOCX: {count} notices in {docx_seconds:.2f}s = {count / docx_seconds:.1f}/s (target 20/s)")
    print(f"PDF:  {count} notices in {pdf_seconds:.2f}s = {count / pdf_seconds:.1f}/s (target 2/s, one soffice run)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 60)
