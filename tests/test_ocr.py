"""OCR of scans: image-only pages read by Tesseract with --ocr, marked as OCR, bounded; without
--ocr a scan stays unreadable."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from checkers.check import check_file
from checkers.document import UnreadableDocument
from checkers.extract import ocr, read_document
from checkers.options import CheckOptions
from tests.conftest import REPO

sys.path.insert(0, str(REPO / "scripts"))
import make_hostile_fixtures as fx  # noqa: E402

pytestmark = pytest.mark.skipif(not ocr.available(), reason="tesseract is not installed")


@pytest.fixture(scope="module")
def scan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return fx.build(tmp_path_factory.mktemp("scan"), ["scan.pdf"])["scan.pdf"]


def test_scan_without_ocr_is_unreadable(scan: Path) -> None:
    report = check_file(str(scan))
    assert report["status"] == "unreadable" and report["reason"] == "no text layer (needs OCR)"
    assert report["verdict"] is None


def test_scan_with_ocr_reads_the_text(scan: Path) -> None:
    with read_document(str(scan), ocr=True) as doc:
        assert doc.notes == ["ocr: text recognised by OCR on 1 of 1 pages"]
        assert "right to appeal this decision" in doc.text
        assert "1-800-555-0199" in doc.text
        i = doc.text.index("appeal")
        assert doc.locate(i, i + 6) == (1, None)  # no pdfium characters behind OCR text


def test_report_says_ocr(scan: Path) -> None:
    report = check_file(str(scan), options=CheckOptions(ocr=True))
    assert report["status"] == "ok" and "ocr" in report["reason"]


def test_only_pages_without_text_are_ocrd(tmp_path: Path) -> None:
    """A text page followed by a scanned page: one page goes to Tesseract."""
    import pikepdf

    path = tmp_path / "mixed.pdf"
    with pikepdf.open(io.BytesIO(fx.text_pdf(pages=1))) as text, pikepdf.open(io.BytesIO(fx.scan())) as image:
        text.pages.extend(image.pages)
        text.save(path)
    with read_document(str(path), ocr=True) as doc:
        assert doc.notes == ["ocr: text recognised by OCR on 1 of 2 pages"]
        assert fx.SECRET in doc.text and "right to appeal" in doc.text
        assert doc.pages[1].start > doc.pages[0].end


def test_ocr_unavailable_is_a_clear_reason(scan: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ocr, "available", lambda: False)
    with pytest.raises(UnreadableDocument, match="OCR unavailable: tesseract is not installed"):
        read_document(str(scan), ocr=True)


def test_tesseract_timeout_is_counted(scan: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import pytesseract

    def slow(*args, **kwargs):
        raise RuntimeError("Tesseract process timeout")

    monkeypatch.setattr(pytesseract, "image_to_string", slow)
    with pytest.raises(UnreadableDocument) as exc:
        read_document(str(scan), ocr=True)
    assert str(exc.value) == "no text layer, and OCR recognised no text (timed out on 1 pages)"


def test_oversized_page_is_rendered_smaller() -> None:
    assert ocr.render_scale(612, 792) == pytest.approx(300 / 72)
    scale = ocr.render_scale(14_400, 14_400)  # a 200-inch square page
    assert (14_400 * scale) ** 2 <= ocr.MAX_PIXELS * 1.001


def test_notes_name_timeouts_and_failures() -> None:
    stats = ocr.OcrStats(done=2, failed=1, timed_out=1, scales=[1.0])
    assert ocr.ocr_notes(stats, 4) == [
        "ocr: text recognised by OCR on 2 of 4 pages",
        "ocr: timed out on 1 pages",
        "ocr: failed on 1 pages",
        "ocr: oversized pages recognised below 300 dpi",
    ]
