"""The annotated PDF: it opens, holds one highlight per evidence box where the box is, carries the
first-page note, and the document's own text is unchanged."""

from __future__ import annotations

import json
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
import pytest
from click.testing import CliRunner

from checkers.annotate import AnnotateError, Geometry, annotate, highlights
from notices.cli import main

GOLDEN = Path(__file__).resolve().parent / "golden"


@pytest.fixture
def report(monkeypatch):
    monkeypatch.chdir(GOLDEN.parent.parent)
    return json.loads((GOLDEN / "reports.json").read_text("utf-8"))[1]  # has a violation


def page_texts(path: Path) -> list[str]:
    pdf = pdfium.PdfDocument(str(path))
    try:
        return [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]
    finally:
        pdf.close()


def annots(path: Path, subtype: str) -> list[pikepdf.Dictionary]:
    with pikepdf.open(path) as pdf:
        return [dict(a.items()) for page in pdf.pages for a in page.obj.get("/Annots", [])
                if a.get("/Subtype") == pikepdf.Name(subtype)]


def test_one_highlight_per_evidence_box_and_text_untouched(report, tmp_path):
    out = tmp_path / "annotated.pdf"
    count = annotate(report["path"], report, str(out))
    boxes = list(highlights(report))
    assert count == len(boxes) > 0
    found = annots(out, "/Highlight")
    assert len(found) == len(boxes)
    assert {str(a["/T"]) for a in found} == {entry["id"] for entry, _, _ in boxes}
    assert any("St. 2012 c.224" in str(a["/Contents"]) for a in found)  # the violation's citation
    assert page_texts(out) == page_texts(Path(report["path"]))


def test_highlight_sits_on_its_evidence(report, tmp_path):
    """The words under the highlight's rectangle are the evidence quote's words."""
    out = tmp_path / "annotated.pdf"
    annotate(report["path"], report, str(out))
    entry, _, item = next(h for h in highlights(report) if h[1] == "violation")
    with pikepdf.open(out) as pdf:
        annot = next(a for a in pdf.pages[item["page"] - 1].obj.Annots if a.get("/T") == entry["id"])
        left, bottom, right, top = (float(v) for v in annot.Rect)
    doc = pdfium.PdfDocument(str(out))
    under = doc[item["page"] - 1].get_textpage().get_text_bounded(left, bottom, right, top)
    doc.close()
    first_words = " ".join(item["text"].split()[:4])
    assert first_words in " ".join(under.split())


def test_first_page_note_lists_what_is_wrong(report, tmp_path):
    out = tmp_path / "annotated.pdf"
    annotate(report["path"], report, str(out))
    with pikepdf.open(out) as pdf:
        notes = [a for a in pdf.pages[0].obj.Annots if a.get("/Subtype") == pikepdf.Name.Text]
        assert len(notes) == 1
        text = str(notes[0].Contents)
    missing = [e["id"] for e in report["elements"] if e["status"] in ("missing", "incorrect")]
    assert all(m in text for m in missing) and "v.outdated_opp_agency" in text


def test_refuses_a_file_the_report_was_not_made_from(report, tmp_path):
    other = json.loads((GOLDEN / "reports.json").read_text("utf-8"))[0]["path"]
    with pytest.raises(AnnotateError):
        annotate(other, report, str(tmp_path / "x.pdf"))


@pytest.mark.parametrize("rotation", [0, 90, 180, 270])
def test_user_space_inverts_the_extractor(rotation):
    from checkers.extract.pdf import PageGeometry

    crop = (10.0, 20.0, 622.0, 812.0)
    box = (100.0, 200.0, 300.0, 215.0)
    there = Geometry(crop, rotation).to_user_space(*box)
    back = PageGeometry(crop, rotation).to_top_left(*there)
    assert back == pytest.approx(box)


def test_cli_with_a_stored_report(report, tmp_path):
    stored = tmp_path / "r.json"
    stored.write_text(json.dumps(report), "utf-8")
    out = tmp_path / "a.pdf"
    result = CliRunner().invoke(main, ["annotate", report["path"], "-o", str(out), "--report", str(stored)])
    assert result.exit_code == 0, result.output
    assert len(annots(out, "/Highlight")) == len(list(highlights(report)))


def test_cli_refuses_non_pdf(tmp_path):
    text = tmp_path / "n.txt"
    text.write_text("hello", "utf-8")
    result = CliRunner().invoke(main, ["annotate", str(text), "-o", str(tmp_path / "a.pdf")])
    assert result.exit_code == 2
