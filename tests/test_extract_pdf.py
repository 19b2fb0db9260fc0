"""PDF reading: text and pages, evidence boxes against pdfplumber, normalisation through pdfium."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest
from reportlab.lib.pagesizes import letter
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from checkers.document import PAGE_SEPARATOR
from checkers.extract import read_document

DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def make_pdf(path: Path, pages: list[list[str]], font: str = "Helvetica") -> Path:
    """A letter-size PDF with the given lines on each page, 14 pt apart from the top."""
    c = canvas.Canvas(str(path), pagesize=letter)
    for lines in pages:
        c.setFont(font, 11)
        for i, line in enumerate(lines):
            c.drawString(72, 720 - 14 * i, line)
        c.showPage()
    c.save()
    return path


@pytest.fixture
def three_pages(tmp_path: Path) -> Path:
    return make_pdf(
        tmp_path / "three.pdf",
        [
            ["Notice of adverse determination.", "You may request an internal appeal."],
            ["You have the right to an external review", "by the Office of Patient Protection."],
            ["Call 911 in an emergency.", "Interpreter services are free."],
        ],
    )


def test_three_pages_text_and_page_numbers(three_pages: Path) -> None:
    with read_document(str(three_pages)) as doc:
        assert doc.format == "pdf"
        assert [p.number for p in doc.pages] == [1, 2, 3]
        assert doc.text.count(PAGE_SEPARATOR) == 2
        assert doc.pages[0].width == pytest.approx(612) and doc.pages[0].height == pytest.approx(792)
        for number, phrase in [(1, "internal appeal"), (2, "external review"), (3, "Call 911")]:
            i = doc.text.index(phrase)
            page, _ = doc.locate(i, i + len(phrase))
            assert page == number
            p = doc.pages[number - 1]
            assert p.start <= i and i + len(phrase) <= p.end
        assert doc.text.split(PAGE_SEPARATOR)[1] == (
            "You have the right to an external review\nby the Office of Patient Protection."
        )


def _close(a: tuple[float, ...], b: tuple[float, ...], tol: float) -> bool:
    return all(abs(x - y) <= tol for x, y in zip(a, b))


def test_locate_box_matches_pdfplumber(three_pages: Path) -> None:
    phrase = "Office of Patient Protection"
    with read_document(str(three_pages)) as doc:
        i = doc.text.index(phrase)
        page, box = doc.locate(i, i + len(phrase))
    with pdfplumber.open(three_pages) as pl:
        ref = pl.pages[page - 1].search(phrase)[0]
    assert box is not None
    assert _close(box, (ref["x0"], ref["top"], ref["x1"], ref["bottom"]), tol=2.0)


def test_line_boxes_one_per_line(three_pages: Path) -> None:
    with read_document(str(three_pages)) as doc:
        i = doc.text.index("external review")
        j = doc.text.index("Patient") + len("Patient")
        page, boxes = doc.line_boxes(i, j)
    assert page == 2 and len(boxes) == 2
    assert boxes[0][3] <= boxes[1][1] + 1  # first line above the second


def test_close_releases_boxes(three_pages: Path) -> None:
    doc = read_document(str(three_pages))
    doc.close()
    assert doc.locate(0, 5)[1] is None
    doc.close()  # idempotent


@pytest.mark.skipif(not DEJAVU.exists(), reason="DejaVu font not installed")
def test_ligatures_and_hyphenation_through_pdfium(tmp_path: Path) -> None:
    pdfmetrics.registerFont(TTFont("DejaVu", str(DEJAVU)))
    pdf = make_pdf(
        tmp_path / "lig.pdf",
        [["The \ufb01rst \u201cnotice\u201d: request an exter-", "nal review at 1-800-436-", "7757 today."]],
        font="DejaVu",
    )
    with read_document(str(pdf)) as doc:
        assert doc.text == 'The first "notice": request an external review at 1-800-436-7757 today.'
        i = doc.text.index("external")
        _, boxes = doc.line_boxes(i, i + len("external"))
        assert len(boxes) == 2  # "exter" on line 1 and "nal" on line 2
        assert boxes[0][1] < boxes[1][1]
        i = doc.text.index("first")
        _, box = doc.locate(i, i + 5)
    with pdfplumber.open(pdf) as pl:
        ref = pl.pages[0].chars[4]  # the ligature glyph
    assert box is not None and abs(box[0] - ref["x0"]) < 2.0


def test_running_header_and_footer_removed(tmp_path: Path) -> None:
    pages = [
        ["ACME Health Plan - Member Notice", f"Body text of the {word} page about appeals.",
         "More words here.", f"Page {n} of 5"]
        for n, word in enumerate(["first", "second", "third", "fourth", "fifth"], start=1)
    ]
    with read_document(str(make_pdf(tmp_path / "hf.pdf", pages))) as doc:
        assert "running headers/footers removed" in doc.notes
        assert doc.text.count("ACME Health Plan") == 1  # kept once, on the first page
        assert doc.text.count("of 5") == 1
        assert doc.text.count("about appeals") == 5
        second = doc.text.split(PAGE_SEPARATOR)[1]
        assert second == "Body text of the second page about appeals.\nMore words here."
        i = doc.text.index("fourth page")
        page, box = doc.locate(i, i + 6)
        assert page == 4 and box is not None


def test_rotated_page_box_inside_page(tmp_path: Path) -> None:
    import pikepdf

    src = make_pdf(tmp_path / "r.pdf", [["Rotated notice text for the member."]])
    out = tmp_path / "rot.pdf"
    with pikepdf.open(src) as pdf:
        pdf.pages[0].rotate(90, relative=False)
        pdf.save(out)
    with read_document(str(out)) as doc:
        assert doc.pages[0].width == pytest.approx(792)
        i = doc.text.index("notice")
        _, box = doc.locate(i, i + 6)
    with pdfplumber.open(out) as pl:
        ref = pl.pages[0].search("notice")[0]
    assert box is not None
    assert _close(box, (ref["x0"], ref["top"], ref["x1"], ref["bottom"]), tol=2.5)


def test_cropbox_offset_origin(tmp_path: Path) -> None:
    import pikepdf

    src = make_pdf(tmp_path / "c.pdf", [["Cropped notice text."]])
    out = tmp_path / "crop.pdf"
    with pikepdf.open(src) as pdf:
        pdf.pages[0].obj.CropBox = pikepdf.Array([50, 100, 562, 742])
        pdf.save(out)
    with read_document(str(out)) as doc:
        assert doc.pages[0].width == pytest.approx(512) and doc.pages[0].height == pytest.approx(642)
        i = doc.text.index("Cropped")
        _, box = doc.locate(i, i + 7)
    # drawn at x=72, baseline y=720 in page space: 22 pt from the crop's left, ~11-22 pt below its top
    assert box is not None and abs(box[0] - 22) < 1.5 and 8 < box[1] < 24
