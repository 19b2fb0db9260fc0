"""The original PDF with the report's findings as annotations: highlights and a first-page note.

Only annotations are added; page content streams are not touched, so the text of the notice (what
was checked, what a carrier filed) stays exactly as it was. A highlight per evidence box carries the
rule id, status and citation in its popup; a note on the first page lists what is missing, incorrect
or forbidden, since a missing element has nothing on the page to highlight.

Boxes in the report are in points from the top-left of the displayed page (CropBox, after /Rotate);
annotations live in PDF user space, so each box is mapped back with the inverse of the extractor's
transform, using the same pdfium view of CropBox and rotation.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable

import pikepdf

from checkers.pages import matches

COLOURS = {"present": (1.0, 0.85, 0.0), "missing": (1.0, 0.55, 0.1), "incorrect": (1.0, 0.55, 0.1),
           "not_applicable": (0.7, 0.7, 0.7), "violation": (0.9, 0.15, 0.15)}
OPACITY = 0.4
AUTHOR = "notices check"


class AnnotateError(ValueError):
    """The report cannot be drawn on this file (not a PDF, or not the file the report was made from)."""


@dataclass(frozen=True)
class Geometry:
    """CropBox (left, bottom, right, top) and rotation of a page, as pdfium reports them."""

    crop: tuple[float, float, float, float]
    rotation: int

    def to_user_space(self, x0: float, top: float, x1: float, bottom: float) -> tuple[float, float, float, float]:
        """Displayed top-left box -> (left, bottom, right, top) in user space (inverse of the extractor)."""
        cx0, cy0, cx1, cy1 = self.crop
        if self.rotation == 90:
            return (top + cx0, x0 + cy0, bottom + cx0, x1 + cy0)
        if self.rotation == 180:
            return (cx1 - x1, top + cy0, cx1 - x0, bottom + cy0)
        if self.rotation == 270:
            return (cx1 - bottom, cy1 - x1, cx1 - top, cy1 - x0)
        return (x0 + cx0, cy1 - bottom, x1 + cx0, cy1 - top)


def page_geometries(path: str) -> list[Geometry]:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(path)
    try:
        return [Geometry(tuple(pdf[i].get_cropbox()), pdf[i].get_rotation() % 360) for i in range(len(pdf))]
    finally:
        pdf.close()


def highlights(report: dict[str, Any]) -> Iterable[tuple[dict[str, Any], str, dict[str, Any]]]:
    """(entry, kind, evidence item) for every evidence item that has a box."""
    for element in report.get("elements", []):
        for item in element["evidence"]:
            if item.get("bbox"):
                yield element, element["status"], item
    for violation in report.get("violations", []):
        for item in violation["evidence"]:
            if item.get("bbox"):
                yield violation, "violation", item


def appearance(pdf: pikepdf.Pdf, rect: tuple[float, float, float, float], colour: tuple[float, ...]) -> pikepdf.Stream:
    """A translucent multiply-blended box, so viewers that do not synthesise highlights still show it."""
    l, b, r, t = rect
    gs = pikepdf.Dictionary(Type=pikepdf.Name.ExtGState, BM=pikepdf.Name.Multiply, ca=OPACITY, CA=OPACITY)
    content = f"/GS0 gs {colour[0]:g} {colour[1]:g} {colour[2]:g} rg {l:.2f} {b:.2f} {r - l:.2f} {t - b:.2f} re f"
    return pikepdf.Stream(pdf, content.encode("ascii"), Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Form,
                          BBox=pikepdf.Array([l, b, r, t]),
                          Resources=pikepdf.Dictionary(ExtGState=pikepdf.Dictionary(GS0=gs)))


def with_popup(pdf: pikepdf.Pdf, page: pikepdf.Page, annot: pikepdf.Dictionary,
               rect: tuple[float, float, float, float]) -> None:
    """Add the annotation and its (closed) popup to the page."""
    annot_ref = pdf.make_indirect(annot)
    l, b, r, t = rect
    popup = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Popup,
                                                 Rect=pikepdf.Array([r, t - 120, r + 220, t]), Open=False,
                                                 Parent=annot_ref))
    annot_ref.Popup = popup
    if "/Annots" not in page.obj:
        page.obj.Annots = pikepdf.Array()
    page.obj.Annots.append(annot_ref)
    page.obj.Annots.append(popup)


def highlight(pdf: pikepdf.Pdf, page: pikepdf.Page, geometry: Geometry, entry: dict[str, Any], kind: str,
              item: dict[str, Any], serial: int) -> None:
    """One highlight annotation over one evidence box."""
    l, b, r, t = geometry.to_user_space(*item["bbox"])
    colour = COLOURS.get(kind, COLOURS["present"])
    popup_text = f"{entry['id']} - {kind}\n{entry['citation']}\n{entry['message']}"
    annot = pikepdf.Dictionary(
        Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Highlight, Rect=pikepdf.Array([l, b, r, t]),
        QuadPoints=pikepdf.Array([l, t, r, t, l, b, r, b]), C=pikepdf.Array(list(colour)), CA=OPACITY, F=4,
        T=pikepdf.String(entry["id"]), Contents=pikepdf.String(popup_text),
        Subj=pikepdf.String(f"{kind}: {entry['citation']}"), NM=pikepdf.String(f"notices-{serial}"),
        AP=pikepdf.Dictionary(N=appearance(pdf, (l, b, r, t), colour)))
    with_popup(pdf, page, annot, (l, b, r, t))


def summary_text(report: dict[str, Any]) -> str:
    """What the first-page note says: the verdict, then each failing element and violation."""
    lines = [f"Verdict: {report.get('verdict') or 'not determined'} "
             f"({report.get('document_type') or 'type not recognised'}, catalog {report.get('catalog_version')})"]
    for element in report.get("elements", []):
        if element["status"] in ("missing", "incorrect"):
            lines.append(f"{element['status'].upper()} [{element['level']}] {element['id']} "
                         f"({element['citation']}): {element['message']}")
    for violation in report.get("violations", []):
        lines.append(f"VIOLATION {violation['id']} ({violation['citation']}): {violation['message']}")
    if len(lines) == 1:
        lines.append("Nothing missing, incorrect or forbidden was found.")
    return "\n".join(lines)


def first_page_note(pdf: pikepdf.Pdf, geometry: Geometry, report: dict[str, Any]) -> None:
    """A sticky note in the displayed top-left corner of page 1."""
    rect = geometry.to_user_space(8, 8, 28, 28)
    annot = pikepdf.Dictionary(Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Text, Rect=pikepdf.Array(list(rect)),
                               Name=pikepdf.Name.Comment, Open=False, F=4, C=pikepdf.Array([0.9, 0.15, 0.15]),
                               T=pikepdf.String(AUTHOR), Contents=pikepdf.String(summary_text(report)),
                               NM=pikepdf.String("notices-summary"))
    with_popup(pdf, pdf.pages[0], annot, rect)


def annotate(path: str, report: dict[str, Any], output: str) -> int:
    """Write the annotated copy of `path` to `output`; returns the number of highlights."""
    if not matches(path, report.get("sha256")):
        raise AnnotateError("the file is not the one the report was made from (sha256 differs)")
    try:
        geometries = page_geometries(path)
        pdf = pikepdf.open(path)
    except Exception as exc:  # pdfium and qpdf raise their own types for a non-PDF
        raise AnnotateError(f"cannot open as PDF ({type(exc).__name__})") from None
    count = 0
    with pdf:
        for serial, (entry, kind, item) in enumerate(highlights(report)):
            index = item["page"] - 1
            if 0 <= index < len(pdf.pages):
                highlight(pdf, pdf.pages[index], geometries[index], entry, kind, item, serial)
                count += 1
        if len(pdf.pages):
            first_page_note(pdf, geometries[0], report)
        pdf.save(output)
    return count
