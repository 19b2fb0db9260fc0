"""Page images of a checked PDF, for views that show evidence where it sits on the page.

A report holds boxes, not pixels: the views that draw them (the HTML report, the web app) render
the pages again from the original file. They do so only when the file still has the hash recorded
in the report, so a box is never drawn on a page it was not measured on.
"""

from __future__ import annotations

from checkers.fingerprint import sha256_or_empty
import io
from dataclasses import dataclass
from pathlib import Path

PDF_MAGIC = b"%PDF-"


@dataclass(frozen=True)
class PageImage:
    """One rendered page: PNG bytes and the displayed page size in PDF points."""

    number: int
    png: bytes
    width: float
    height: float

    @property
    def aspect(self) -> float:
        return self.height / self.width if self.width else 1.0


def is_pdf(path: str | Path) -> bool:
    """Whether the file starts like a PDF (the extension may lie; the magic bytes do not)."""
    try:
        with open(path, "rb") as fh:
            return PDF_MAGIC in fh.read(1024)
    except OSError:
        return False


def matches(path: str | Path, sha256: str | None) -> bool:
    """Whether the file on disk is the one the report was made from."""
    if not sha256:
        return False
    return sha256_or_empty(path) == sha256


def render_pages(path: str | Path, numbers: set[int], dpi: int = 110, limit: int = 40) -> dict[int, PageImage]:
    """PNG images of the given 1-based pages (at most `limit` of them, to bound the output size).

    pdfium renders the CropBox in its displayed rotation: the same frame the extractor measured
    boxes in, so a box in points times (dpi / 72) lands on the right pixels.
    """
    import pypdfium2 as pdfium

    images: dict[int, PageImage] = {}
    pdf = pdfium.PdfDocument(str(path))
    try:
        for number in sorted(n for n in numbers if 1 <= n <= len(pdf))[:limit]:
            page = pdf[number - 1]
            x0, y0, x1, y1 = page.get_cropbox()
            width, height = x1 - x0, y1 - y0
            if page.get_rotation() % 180:
                width, height = height, width
            images[number] = PageImage(number, _png(page, dpi / 72), width, height)
            page.close()
    finally:
        pdf.close()
    return images


def _png(page, scale: float) -> bytes:
    """The page as an optimised PNG (a palette image: text pages compress well in 256 colours)."""
    image = page.render(scale=scale, may_draw_forms=True).to_pil().convert("RGB")
    image = image.quantize(colors=256)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()
