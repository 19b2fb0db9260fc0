"""Files that cannot be read fail with DocumentError/UnreadableDocument and a text-free reason."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pikepdf
import pytest
from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas

from checkers.document import DocumentError, UnreadableDocument
from checkers.extract import read_document

SECRET = "Member Jane Q Public"
WORDS = ["first", "second", "third"]


def make_pdf(path: Path, pages: int = 3, compress: int = 1) -> Path:
    c = canvas.Canvas(str(path), pagesize=letter, pageCompression=compress)
    for n in range(pages):
        c.setFont("Helvetica", 11)
        for i in range(30):
            c.drawString(72, 720 - 14 * i, f"{SECRET} page {n} line {i} of the {WORDS[n % 3]} notice.")
        c.showPage()
    c.save()
    return path


def reason(exc: pytest.ExceptionInfo) -> str:
    text = str(exc.value)
    assert SECRET not in text and "Jane" not in text
    return text


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.pdf"
    path.write_bytes(b"")
    with pytest.raises(DocumentError) as exc:
        read_document(str(path))
    assert reason(exc) == "empty file"


def test_random_bytes(tmp_path: Path) -> None:
    path = tmp_path / "random.pdf"
    path.write_bytes(os.urandom(1 << 16))
    with pytest.raises(DocumentError) as exc:
        read_document(str(path))
    assert reason(exc) == "not a PDF, DOCX, HTML or text file"


def test_zip_that_is_not_docx(tmp_path: Path) -> None:
    path = tmp_path / "fake.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("hello.txt", "hi")
    with pytest.raises(DocumentError) as exc:
        read_document(str(path))
    assert reason(exc) == "zip archive is not a DOCX"


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(DocumentError):
        read_document(str(tmp_path / "nope.pdf"))


@pytest.mark.parametrize("compress", [0, 1])
def test_truncated_pdf_repaired_or_refused(tmp_path: Path, compress: int) -> None:
    data = make_pdf(tmp_path / "full.pdf", compress=compress).read_bytes()
    path = tmp_path / "cut.pdf"
    path.write_bytes(data[: len(data) // 3])
    try:
        doc = read_document(str(path))
    except DocumentError as exc:
        assert str(exc).startswith("damaged PDF") and SECRET not in str(exc)
    else:
        with doc:
            assert "page 0 line 0" in doc.text
            assert "repaired" in doc.notes or len(doc.pages) >= 1


def test_repair_path_when_pdfium_refuses(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """pdfium is lenient, so a file only qpdf can open is simulated: pdfium refuses the path."""
    import pypdfium2

    from checkers.extract import pdf as pdf_reader

    real = pypdfium2.PdfDocument

    def refuse_paths(source, *args, **kwargs):
        if isinstance(source, (str, Path)):
            raise pypdfium2.PdfiumError("Failed to load document (PDFium: Data format error).", 3)
        return real(source, *args, **kwargs)

    monkeypatch.setattr(pdf_reader.pdfium, "PdfDocument", refuse_paths)
    path = make_pdf(tmp_path / "p.pdf")
    with read_document(str(path)) as doc:
        assert doc.notes == ["repaired"]
        assert "page 2 line 29 of the third notice." in doc.text
        i = doc.text.index("page 1 line 3")
        assert doc.locate(i, i + 4)[1] is not None


def test_hopeless_pdf(tmp_path: Path) -> None:
    path = tmp_path / "junk.pdf"
    path.write_bytes(b"%PDF-1.7\n" + os.urandom(4096))
    with pytest.raises(DocumentError) as exc:
        read_document(str(path))
    assert reason(exc).startswith("damaged PDF: ")


def test_image_only_pdf_needs_ocr(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(path), pagesize=letter)
    for _ in range(2):
        c.setFillGray(0.3)
        c.rect(72, 72, 400, 600, fill=1)
        c.showPage()
    c.save()
    with pytest.raises(UnreadableDocument) as exc:
        read_document(str(path))
    assert str(exc.value) == "no text layer (needs OCR)"


def _encrypt(src: Path, dst: Path, user: str) -> Path:
    with pikepdf.open(src) as pdf:
        pdf.save(dst, encryption=pikepdf.Encryption(user=user, owner="owner-secret", R=6))
    return dst


def test_user_password_pdf(tmp_path: Path) -> None:
    path = _encrypt(make_pdf(tmp_path / "p.pdf"), tmp_path / "locked.pdf", user="user-secret")
    with pytest.raises(DocumentError) as exc:
        read_document(str(path))
    assert "encrypted" in reason(exc)


def test_owner_password_only_pdf_reads(tmp_path: Path) -> None:
    path = _encrypt(make_pdf(tmp_path / "p.pdf"), tmp_path / "owner.pdf", user="")
    with read_document(str(path)) as doc:
        assert len(doc.pages) == 3 and "page 2 line 29 of the third notice." in doc.text
        i = doc.text.index("page 1 line 3")
        assert doc.locate(i, i + 4)[1] is not None


def test_limits(tmp_path: Path) -> None:
    path = make_pdf(tmp_path / "p.pdf")
    with pytest.raises(DocumentError) as exc:
        read_document(str(path), max_pages=2)
    assert reason(exc) == "too many pages (3 > 2)"
    with pytest.raises(DocumentError) as exc:
        read_document(str(path), max_bytes=100)
    assert reason(exc).startswith("file too large")
