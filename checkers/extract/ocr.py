"""OCR of image-only PDF pages with Tesseract, through pytesseract.

Faxed and scanned filings have no text layer. With `--ocr` each page without text is rendered by
pdfium at 300 dpi and read by the `tesseract` program (Debian's tesseract-ocr, English data).
pytesseract is a thin, maintained wrapper around that program: it writes the image to a private
temporary file, runs tesseract with a timeout and deletes the file; nothing is kept or logged.

Bounds, because a scan can be hostile too: the rendered bitmap is capped in pixels (a page that
claims to be 200 inches wide is rendered smaller, not at 60,000 px), each page has a timeout, and
tesseract runs single-threaded so that two audit workers on two cores do not fight over them.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field

import pypdfium2 as pdfium

DPI = 300
MAX_PIXELS = 40_000_000
"""A letter page at 300 dpi is 8.4 Mpx; anything larger is rendered at a lower resolution."""
PAGE_TIMEOUT = 60.0
"""Seconds for one page (a dense letter page takes about 2 s on this machine)."""
LANG = "eng"

# One thread per tesseract: OpenMP threads cost more than they bring on a busy 2-core machine.
os.environ.setdefault("OMP_THREAD_LIMIT", "1")


class OcrUnavailable(Exception):
    """Tesseract (or pytesseract) is not installed."""


@dataclass
class OcrStats:
    """What OCR did to a document, for the notes: pages recognised, pages that timed out or failed."""

    done: int = 0
    failed: int = 0
    timed_out: int = 0
    scales: list[float] = field(default_factory=list)


def available() -> bool:
    """Whether OCR can run here (the tesseract program and the Python wrapper)."""
    try:
        import pytesseract  # noqa: F401
    except ImportError:
        return False
    return shutil.which("tesseract") is not None


def render_scale(width_pt: float, height_pt: float, dpi: int = DPI, max_pixels: int = MAX_PIXELS) -> float:
    """pdfium scale for `dpi`, lowered so the bitmap stays under `max_pixels`."""
    scale = dpi / 72
    area = max(width_pt, 1.0) * max(height_pt, 1.0)
    if area * scale * scale > max_pixels:
        scale = (max_pixels / area) ** 0.5
    return scale


def ocr_page(page: pdfium.PdfPage, stats: OcrStats, timeout: float = PAGE_TIMEOUT) -> str:
    """Recognised text of one page ("" when tesseract fails or times out; counted in `stats`)."""
    import pytesseract

    if not available():
        raise OcrUnavailable("tesseract is not installed")
    scale = render_scale(page.get_width(), page.get_height())
    bitmap = page.render(scale=scale, grayscale=True)
    try:
        image = bitmap.to_pil()
        text = pytesseract.image_to_string(image, lang=LANG, config="--psm 3", timeout=timeout)
    except pytesseract.TesseractError:  # its message is tesseract's stderr, never page text
        stats.failed += 1
        return ""
    except pytesseract.TesseractNotFoundError:
        raise OcrUnavailable("tesseract is not installed") from None
    except RuntimeError as exc:  # pytesseract signals its timeout with a plain RuntimeError
        if "timeout" not in str(exc).lower():
            raise
        stats.timed_out += 1
        return ""
    finally:
        bitmap.close()
    stats.done += 1
    stats.scales.append(scale)
    return text


def ocr_notes(stats: OcrStats, pages: int) -> list[str]:
    """Notes for the report: always starting with "ocr", never quoting text."""
    notes = [f"ocr: text recognised by OCR on {stats.done} of {pages} pages"]
    if stats.timed_out:
        notes.append(f"ocr: timed out on {stats.timed_out} pages")
    if stats.failed:
        notes.append(f"ocr: failed on {stats.failed} pages")
    if any(s < DPI / 72 for s in stats.scales):
        notes.append("ocr: oversized pages recognised below 300 dpi")
    return notes
