"""DOCX, HTML and text readers, and format sniffing from bytes."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_BREAK

from checkers.document import PAGE_SEPARATOR
from checkers.extract import read_document


def make_docx(path: Path) -> Path:
    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = "Carrier Header Line"
    d.sections[0].footer.paragraphs[0].text = "Carrier Footer Line"
    d.add_paragraph("Before the table.")
    table = d.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Appeals"
    table.cell(0, 1).text = "Call us"
    table.cell(1, 0).text = "External review"
    table.cell(1, 1).text = "\u201cOffice of Patient Protection\u201d"
    d.add_paragraph("After the table.")
    d.add_section()  # a second section shares (links to) the same header and footer
    d.add_paragraph("Second section text.")
    d.add_paragraph("Ends page.").add_run().add_break(WD_BREAK.PAGE)
    d.add_paragraph("Next page text.")
    d.save(str(path))
    return path


def test_docx_tables_in_order_headers_footers_once(tmp_path: Path) -> None:
    with read_document(str(make_docx(tmp_path / "n.docx"))) as doc:
        assert doc.format == "docx" and doc.notes == []
        text = doc.text
        assert text.count("Carrier Header Line") == 1 and text.count("Carrier Footer Line") == 1
        order = ["Carrier Header Line", "Before the table.", "Appeals\nCall us\nExternal review",
                 '"Office of Patient Protection"', "After the table.", "Second section text.",
                 "Next page text.", "Carrier Footer Line"]
        positions = [text.index(s) for s in order]
        assert positions == sorted(positions)
        assert len(doc.pages) == 2 and PAGE_SEPARATOR in text
        assert doc.locate(text.index("Next page"), text.index("Next page") + 4) == (2, None)


def test_docx_text_box(tmp_path: Path) -> None:
    """A text box (w:txbxContent) inside mc:AlternateContent is read once, not twice."""
    path = make_docx(tmp_path / "tb.docx")
    d = docx.Document(str(path))
    from lxml import etree

    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    mc = "http://schemas.openxmlformats.org/markup-compatibility/2006"
    box = (
        f'<w:r xmlns:w="{w}" xmlns:mc="{mc}"><mc:AlternateContent><mc:Choice Requires="wps">'
        f'<w:txbxContent><w:p><w:r><w:t>Boxed 911 statement.</w:t></w:r></w:p></w:txbxContent>'
        f'</mc:Choice><mc:Fallback><w:txbxContent><w:p><w:r><w:t>Boxed 911 statement.</w:t>'
        f'</w:r></w:p></w:txbxContent></mc:Fallback></mc:AlternateContent></w:r>'
    )
    d.paragraphs[0]._p.append(etree.fromstring(box))
    d.save(str(path))
    with read_document(str(path)) as doc:
        assert doc.text.count("Boxed 911 statement.") == 1


def test_docx_list_items_keep_a_bullet(tmp_path: Path) -> None:
    """A short list item under "Covered" is an item, not a heading of its own."""
    d = docx.Document()
    d.add_paragraph("Covered")
    d.add_paragraph("Hospital and surgery", style="List Bullet")
    d.add_paragraph("Lab, X-ray, scans", style="List Number")
    d.add_paragraph("Plain paragraph.")
    path = tmp_path / "list.docx"
    d.save(str(path))
    with read_document(str(path)) as doc:
        assert doc.text.split("\n")[:4] == ["Covered", "• Hospital and surgery", "• Lab, X-ray, scans", "Plain paragraph."]


def test_html_blocks_cells_scripts(tmp_path: Path) -> None:
    html = (
        "\ufeff<!DOCTYPE html><html><head><title>T</title><style>p{color:red}</style></head><body>"
        "<script>var secret = 1;</script><h1>Your rights</h1><p>You may\n   file an <b>appeal</b>."
        "</p><table><tr><td>Phone</td><td>1-800-436-7757</td></tr></table><ul><li>One</li>"
        "<li>Two</li></ul>Line<br>break &amp; more</body></html>"
    )
    path = tmp_path / "n.html"
    path.write_text(html, encoding="utf-8")
    with read_document(str(path)) as doc:
        assert doc.format == "html"
        assert doc.text == (
            "Your rights\nYou may file an appeal.\nPhone\n1-800-436-7757\n• One\n• Two\nLine\nbreak & more"
        )


def test_plain_text_utf8_and_cp1252(tmp_path: Path) -> None:
    a = tmp_path / "a.txt"
    a.write_text("Caf\u00e9 \u201cnotice\u201d\r\nsecond line\fpage two", encoding="utf-8")
    with read_document(str(a)) as doc:
        assert doc.format == "text"
        assert doc.text == 'Caf\u00e9 "notice"\nsecond line' + PAGE_SEPARATOR + "page two"
        assert [p.number for p in doc.pages] == [1, 2]
    b = tmp_path / "b.txt"
    b.write_bytes("Caf\u00e9 \u2013 r\u00e9sum\u00e9".encode("cp1252"))
    with read_document(str(b)) as doc:
        assert doc.text == "Caf\u00e9 \u2013 r\u00e9sum\u00e9"


def test_html_named_pdf_is_read_as_html(tmp_path: Path) -> None:
    path = tmp_path / "notice.pdf"
    path.write_text("<html><body><p>Mislabelled notice text.</p></body></html>")
    with read_document(str(path)) as doc:
        assert doc.format == "html"
        assert doc.text == "Mislabelled notice text."
        assert "format: html (named .pdf)" in doc.notes


def test_docx_named_doc_extension_unknown_no_note(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "n.docx").rename(tmp_path / "n.bin")
    with read_document(str(path)) as doc:
        assert doc.format == "docx" and doc.notes == []


def test_text_named_html_gets_note(tmp_path: Path) -> None:
    path = tmp_path / "x.html"
    path.write_text("just words, no markup")
    with read_document(str(path)) as doc:
        assert doc.format == "text" and doc.notes == ["format: text (named .html)"]
