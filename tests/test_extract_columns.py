"""Two-column reading order: pdfium follows the content stream; row-by-row streams are reordered."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from reportlab.lib.pagesizes import letter
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.pdfgen import canvas
from reportlab.platypus import BaseDocTemplate, Frame, FrameBreak, PageTemplate, Paragraph

from checkers.extract import read_document

LEFT = " ".join(f"Left sentence {i} speaks of appeals." for i in range(25))
RIGHT = " ".join(f"Right sentence {i} speaks of reviews." for i in range(25))


def assert_column_order(text: str) -> None:
    """Every left sentence comes before every right sentence, each column in its own order."""
    left = [re.search(rf"Left\ssentence\s{i}\s", text).start() for i in range(25)]
    right = [re.search(rf"Right\ssentence\s{i}\s", text).start() for i in range(25)]
    assert left == sorted(left) and right == sorted(right)
    assert max(left) < min(right)


def test_reportlab_frames_in_column_order(tmp_path: Path) -> None:
    path = tmp_path / "frames.pdf"
    w, h = letter
    col = (w - 120) / 2
    doc = BaseDocTemplate(str(path), pagesize=letter)
    frames = [Frame(50, 50, col, h - 100), Frame(70 + col, 50, col, h - 100)]
    doc.addPageTemplates([PageTemplate(frames=frames)])
    style = getSampleStyleSheet()["Normal"]
    doc.build([Paragraph(LEFT, style), FrameBreak(), Paragraph(RIGHT, style)])
    with read_document(str(path)) as d:
        assert_column_order(d.text)
        assert "columns reordered" not in d.notes


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_libreoffice_two_column_section_in_column_order(tmp_path: Path) -> None:
    src = tmp_path / "cols.docx"
    d = docx.Document()
    d.add_paragraph(LEFT)
    d.add_paragraph(RIGHT)
    cols = d.sections[0]._sectPr.find(qn("w:cols"))
    if cols is None:
        cols = OxmlElement("w:cols")
        d.sections[0]._sectPr.append(cols)
    cols.set(qn("w:num"), "2")
    d.save(str(src))
    profile = f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}"
    subprocess.run(
        ["soffice", profile, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(src)],
        check=True, capture_output=True, timeout=120,
    )
    with read_document(str(tmp_path / "cols.pdf")) as doc:
        assert len(doc.pages) == 1
        # the right column starts mid-paragraph; both columns' sentences stay in order
        assert_column_order(doc.text)
        assert "columns reordered" not in doc.notes


def test_row_by_row_stream_is_reordered(tmp_path: Path) -> None:
    path = tmp_path / "rows.pdf"
    c = canvas.Canvas(str(path), pagesize=letter)
    c.setFont("Helvetica", 10)
    for i in range(25):
        y = 740 - 14 * i
        c.drawString(50, y, f"Left sentence {i} speaks of appeals.")
        c.drawString(320, y, f"Right sentence {i} speaks of reviews.")
    c.showPage()
    c.save()
    with read_document(str(path)) as doc:
        assert "columns reordered" in doc.notes
        assert_column_order(doc.text)
        assert "appeals.\nLeft sentence 1 " in doc.text
        i = doc.text.index("Right sentence 3 ")
        _, box = doc.locate(i, i + 5)
    assert box is not None and 315 < box[0] < 325 and 80 < box[1] < 92


def test_table_rows_not_reordered(tmp_path: Path) -> None:
    """A benefits grid (narrow, unequal columns) reads row by row, which is what a rule wants."""
    path = tmp_path / "grid.pdf"
    c = canvas.Canvas(str(path), pagesize=letter)
    c.setFont("Helvetica", 9)
    for i in range(20):
        y = 740 - 14 * i
        c.drawString(40, y, f"Service {i}")
        c.drawString(200, y, f"$ {i}0 copay")
        c.drawString(330, y, f"Limit {i} visits")
        c.drawString(470, y, "none")
    c.showPage()
    c.save()
    with read_document(str(path)) as doc:
        assert "columns reordered" not in doc.notes
        assert "Service 3 $ 30 copay Limit 3 visits none" in doc.text
