"""PDF text with pypdfium2, and lazy boxes for evidence ranges.

pdfium is the fastest text extractor we can call in-process (see docs/extraction.md), so the whole
text is read with it page by page, closing each page at once to bound memory. Geometry is the
expensive part, so it is not computed while reading: `PdfBoxes` keeps the document open and, when a
finding needs its evidence box, re-opens that one page and maps the normalised range back to pdfium
characters through the offset map kept by `normalize`.
"""

from __future__ import annotations

import io
from array import array
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from checkers.document import BBox, Document, DocumentError, Page, UnreadableDocument
from checkers.extract.normalize import OffsetMap, join_pages, normalize, remove_running_lines
from checkers.extract.pdfguard import check_pdf_structure

NO_TEXT = "no text layer (needs OCR)"


@dataclass
class PageGeometry:
    """What is needed to turn pdfium page-space boxes into top-left boxes of the visible page."""

    crop: tuple[float, float, float, float]
    rotation: int

    @property
    def size(self) -> tuple[float, float]:
        """Displayed (width, height): the CropBox, swapped for quarter-turn rotations."""
        w, h = self.crop[2] - self.crop[0], self.crop[3] - self.crop[1]
        return (h, w) if self.rotation in (90, 270) else (w, h)

    def to_top_left(self, l: float, b: float, r: float, t: float) -> BBox:
        """Page-space (left, bottom, right, top) -> (x0, top, x1, bottom) from the visible top-left."""
        cx0, cy0, cx1, cy1 = self.crop
        if self.rotation == 90:
            return (b - cy0, l - cx0, t - cy0, r - cx0)
        if self.rotation == 180:
            return (cx1 - r, b - cy0, cx1 - l, t - cy0)
        if self.rotation == 270:
            return (cy1 - t, cx1 - r, cy1 - b, cx1 - l)
        return (l - cx0, cy1 - t, r - cx0, cy1 - b)


@dataclass
class PageMap:
    """Per page: normalised offset -> raw offset, and raw offset -> pdfium text index if reordered.

    `ocr` pages have no pdfium characters behind their text, so they have no boxes.
    """

    offsets: OffsetMap
    order: array | None
    geometry: PageGeometry
    ocr: bool = False


def open_pdf(path: str, notes: list[str]) -> pdfium.PdfDocument:
    """Open with pdfium; on failure repair with pikepdf (note "repaired"); map errors to reasons."""
    try:
        pdf = pdfium.PdfDocument(path)
    except pdfium.PdfiumError as exc:
        if exc.err_code == pdfium_c.FPDF_ERR_PASSWORD:
            raise DocumentError("encrypted (password required)") from None
        return _repaired(path, notes, _PDFIUM_ERRORS.get(exc.err_code, "pdfium cannot open it"))
    if len(pdf) == 0:
        pdf.close()
        return _repaired(path, notes, "no pages")
    return pdf


_PDFIUM_ERRORS = {
    pdfium_c.FPDF_ERR_FORMAT: "not in PDF format or corrupted",
    pdfium_c.FPDF_ERR_FILE: "cannot open file",
    pdfium_c.FPDF_ERR_SECURITY: "unsupported security scheme",
    pdfium_c.FPDF_ERR_PAGE: "page not found or content error",
}
"""pdfium's error codes in words (its messages are fixed strings, but ours are shorter)."""


def _repaired(path: str, notes: list[str], why: str) -> pdfium.PdfDocument:
    """Rewrite the file with qpdf (through pikepdf), which rebuilds a broken xref, and open that."""
    import pikepdf

    try:
        with pikepdf.open(path) as src:
            buf = io.BytesIO()
            # Streams copied as they are: decoding them here would inflate a bomb in qpdf.
            src.save(buf, stream_decode_level=pikepdf.StreamDecodeLevel.none)
        pdf = pdfium.PdfDocument(buf.getvalue())
    except pikepdf.PasswordError:
        raise DocumentError("encrypted (password required)") from None
    except Exception:  # pikepdf and pdfium raise many types for damaged input
        raise DocumentError(f"damaged PDF: {why}; qpdf repair failed") from None
    if len(pdf) == 0:
        pdf.close()
        raise DocumentError(f"damaged PDF: {why}; no pages after repair")
    notes.append("repaired")
    return pdf


def _geometry(page: pdfium.PdfPage) -> PageGeometry:
    """CropBox and rotation of a page (pdfium already clips the CropBox to the MediaBox)."""
    return PageGeometry(tuple(page.get_cropbox()), page.get_rotation() % 360)


def read_page(page: pdfium.PdfPage, textpage: pdfium.PdfTextPage) -> tuple[str, OffsetMap, array | None, PageGeometry, bool]:
    """Normalised text of one page, its offset map, the column reorder map (or None), geometry,
    and whether pdfium's text indices equal its char indices (no generated characters)."""
    raw = textpage.get_text_range()
    exact = len(raw) == textpage.count_chars()
    order = None
    gutter = find_interleaved_gutter(textpage, page.get_width())
    if gutter is not None:
        raw, order = split_columns(textpage, raw, gutter)
    text, offsets = normalize(raw)
    return text, offsets, order, _geometry(page), exact


def read_pdf(path: str, max_pages: int, notes: list[str], ocr: bool = False) -> Document:
    """Read every page of a PDF into a Document whose boxes are computed on demand.

    The structure is checked first (decompression bombs, looping page trees: see `pdfguard`),
    because pdfium has no limits of its own. With `ocr`, pages without text go through Tesseract.
    """
    real_pages = check_pdf_structure(path)
    pdf = open_pdf(path, notes)
    boxes = PdfBoxes(pdf, [])
    try:
        return _read_open(boxes, path, _page_limit(pdf, real_pages, max_pages), notes, ocr)
    except UnreadableDocument:
        boxes.close()
        if _truncated(path):  # pdfium opened what was left, but fonts and text were cut off
            raise DocumentError("damaged PDF: truncated, no text recovered") from None
        raise
    except BaseException:
        boxes.close()
        raise


def _truncated(path: str) -> bool:
    """No ``%%EOF`` marker near the end: the file was cut short (a scan would still end well)."""
    with open(path, "rb") as f:
        f.seek(0, 2)
        f.seek(max(0, f.tell() - 2048))
        return b"%%EOF" not in f.read()


def _page_limit(pdf: pdfium.PdfDocument, real_pages: int | None, max_pages: int) -> int:
    """Pages to read: pdfium trusts the tree's /Count, which a damaged file can inflate, so the
    count qpdf found by walking the tree wins when it is smaller. Refused above `max_pages`."""
    n = len(pdf) if real_pages is None else min(len(pdf), real_pages)
    if n > max_pages:
        raise DocumentError(f"too many pages ({n} > {max_pages})")
    return n


def _read_open(boxes: PdfBoxes, path: str, n: int, notes: list[str], ocr: bool) -> Document:
    """Body of `read_pdf` once the document is open (the caller closes it on error)."""
    pdf = boxes.pdf
    pages: list[tuple[str, OffsetMap]] = []
    maps = boxes.maps
    broken = 0
    for i in range(n):
        try:
            page = pdf[i]
        except pdfium.PdfiumError:  # a damaged page object: read the others, say how many
            broken += 1
            pages.append(("", array("i")))
            maps.append(PageMap(array("i"), None, PageGeometry((0, 0, 0, 0), 0)))
            continue
        textpage = page.get_textpage()
        try:
            text, offsets, order, geom, exact = read_page(page, textpage)
        except BaseException:
            textpage.close()
            page.close()
            raise
        boxes.keep_open(i, page, textpage, exact)
        pages.append((text, offsets))
        maps.append(PageMap(offsets, order, geom))
    _check_broken(broken, n, notes)
    if ocr:
        _ocr_empty_pages(pdf, pages, maps, notes)
    _check_text(pages, notes)
    if sum(1 for m in maps if m.order is not None):
        notes.append("columns reordered")
    kept: list[tuple[int, str]] = []
    pages = remove_running_lines(pages, notes, kept)
    for m, (_, offsets) in zip(maps, pages):
        m.offsets = offsets
    text, spans = join_pages([t for t, _ in pages])
    doc_pages = [Page(i + 1, a, b, *maps[i].geometry.size) for i, (a, b) in enumerate(spans)]
    doc = Document(path, "pdf", text, doc_pages, notes, boxes, boxes.close)
    doc.running_spans = _spans_of(text, spans, kept)
    return doc


def _spans_of(text: str, spans: list[tuple[int, int]], lines: list[tuple[int, str]]) -> list[tuple[int, int]]:
    """Where each (page index, line) stands in the joined text."""
    found = []
    for i, line in lines:
        at = text.find(line, *spans[i]) if line else -1
        if at >= 0:
            found.append((at, at + len(line)))
    return found


def _check_broken(broken: int, n: int, notes: list[str]) -> None:
    """Pages pdfium could not load: all of them is an error, some of them a note."""
    if broken and broken == n:
        raise DocumentError("damaged PDF: no page could be loaded")
    if broken:
        notes.append(f"damaged PDF: {broken} of {n} pages could not be loaded")


def _ocr_empty_pages(pdf: pdfium.PdfDocument, pages: list[tuple[str, OffsetMap]], maps: list[PageMap],
                     notes: list[str]) -> None:
    """Replace the text of pages without a text layer by Tesseract's, and say so in `notes`."""
    from checkers.extract.ocr import OcrStats, OcrUnavailable, ocr_notes, ocr_page

    empty = [i for i, (t, _) in enumerate(pages) if not t.strip() and maps[i].geometry.crop != (0, 0, 0, 0)]
    if not empty:
        return
    stats = OcrStats()
    for i in empty:
        page = pdf[i]
        try:
            text, offsets = normalize(ocr_page(page, stats))
        except OcrUnavailable:
            raise UnreadableDocument(f"{NO_TEXT}; OCR unavailable: tesseract is not installed") from None
        finally:
            page.close()
        pages[i] = (text, offsets)
        maps[i] = PageMap(offsets, None, maps[i].geometry, ocr=True)
    if all(not t.strip() for t, _ in pages):
        detail = "; ".join(n.removeprefix("ocr: ") for n in ocr_notes(stats, len(pages))[1:])
        raise UnreadableDocument("no text layer, and OCR recognised no text" + (f" ({detail})" if detail else ""))
    notes.extend(ocr_notes(stats, len(pages)))


def _check_text(pages: list[tuple[str, OffsetMap]], notes: list[str]) -> None:
    """A PDF with no text on any page is a scan: refuse it; note pages without text otherwise."""
    empty = sum(1 for t, _ in pages if not t.strip())
    if empty == len(pages):
        raise UnreadableDocument(NO_TEXT)
    if empty:
        notes.append(f"{empty} of {len(pages)} pages without text")


# --- columns ----------------------------------------------------------------------------------

MIN_RECTS = 8
"""Below this many text rectangles a page has too little text for column order to matter."""


def _rects(textpage: pdfium.PdfTextPage) -> list[tuple[float, float, float, float]]:
    """pdfium's text rectangles (one per run of text on a line), in pdfium's reading order."""
    return [textpage.get_rect(i) for i in range(textpage.count_rects())]


def find_interleaved_gutter(textpage: pdfium.PdfTextPage, width: float) -> float | None:
    """x of a column gutter when pdfium reads two text columns row by row, else None.

    pdfium follows the content stream, which is column order for most producers (reportlab frames,
    LibreOffice sections: see the tests). Only when the stream draws both columns row by row does
    it merge each row; the rectangles then alternate left/right across a clear vertical gutter.
    Tables also alternate, so both sides must look like text columns: wide and of similar width.
    """
    rects = _rects(textpage)
    if len(rects) < MIN_RECTS:
        return None
    gutter = _gutter(rects, width)
    if gutter is None:
        return None
    sides = [0 if r[2] <= gutter else 1 for r in rects if r[2] <= gutter or r[0] >= gutter]
    switches = sum(1 for a, b in zip(sides, sides[1:]) if a != b)
    smaller = min(sides.count(0), sides.count(1))
    return gutter if switches >= 4 and switches >= 0.5 * smaller else None


def _gutter(rects: list[tuple[float, float, float, float]], width: float) -> float | None:
    """Middle x of an empty vertical band in the central part of the page, with wide columns."""
    lo, hi = 0.3 * width, 0.7 * width
    for x in sorted({r[0] for r in rects if lo < r[0] < hi}):
        g = x - 1.0
        crossing = sum(1 for r in rects if r[0] < g < r[2])
        left = [r[2] - r[0] for r in rects if r[2] <= g]
        right = [r[2] - r[0] for r in rects if r[0] >= g]
        if crossing > 0.05 * len(rects) or len(left) < 4 or len(right) < 4:
            continue
        wl, wr = _median(left), _median(right)
        if min(wl, wr) >= 0.25 * width and min(wl, wr) >= 0.6 * max(wl, wr):
            return g
    return None


def _median(values: list[float]) -> float:
    """Median of a non-empty list."""
    s = sorted(values)
    return s[len(s) // 2]


def split_columns(textpage: pdfium.PdfTextPage, raw: str, gutter: float) -> tuple[str, array]:
    """Raw text with the left column first, and a map from that text to pdfium text indices.

    Each character goes to the side of the gutter its box centre is on; spaces and line breaks
    follow the character before them. A line break is added wherever a column's run is cut.
    """
    side = _char_sides(textpage, raw, gutter)
    out: list[list[str]] = [[], []]
    idx = [array("i"), array("i")]
    for i, ch in enumerate(raw):
        s = side[i]
        if idx[s] and idx[s][-1] != i - 1 and out[s][-1] not in "\r\n":
            out[s].append("\n")
            idx[s].append(idx[s][-1])
        out[s].append(ch)
        idx[s].append(i)
    sep_at = idx[0][-1] if idx[0] else 0
    return "".join(out[0]) + "\n" + "".join(out[1]), idx[0] + array("i", [sep_at]) + idx[1]


def _char_sides(textpage: pdfium.PdfTextPage, raw: str, gutter: float) -> list[int]:
    """0 (left) or 1 (right) for each raw character, by the centre of its box."""
    sides: list[int] = []
    current = 0
    exact = len(raw) == textpage.count_chars()
    for i, ch in enumerate(raw):
        if not ch.isspace():
            ci = i if exact else pdfium_c.FPDFText_GetCharIndexFromTextIndex(textpage, i)
            try:
                l, _, r, _ = textpage.get_charbox(ci)
                current = 0 if (l + r) / 2 < gutter else 1
            except pdfium.PdfiumError:
                pass
        sides.append(current)
    return sides


# --- boxes ------------------------------------------------------------------------------------


class PdfBoxes:
    """Box locator for a read PDF: keeps the pdfium document open until `close`."""

    OPEN_PAGES = 8
    """Text pages kept open between calls: evidence clusters on few pages, and reopening a page
    (and measuring its text) cost more than the boxes themselves."""

    def __init__(self, pdf: pdfium.PdfDocument, maps: list[PageMap]) -> None:
        self.pdf: pdfium.PdfDocument | None = pdf
        self.maps = maps
        self._open: dict[int, tuple[pdfium.PdfPage, pdfium.PdfTextPage, bool]] = {}

    def __call__(self, page_index: int, start: int, end: int) -> list[BBox]:
        """One box per line of the page-local normalised range [start, end)."""
        if self.pdf is None or end <= start:
            return []
        m = self.maps[page_index]
        if m.ocr:
            return []
        raw_idx = sorted(set(m.offsets[max(0, start) : end]))
        if m.order is not None:
            raw_idx = sorted({m.order[i] for i in raw_idx})
        textpage, exact = self._textpage(page_index)
        chars = _char_boxes(textpage, raw_idx, exact)
        return _merge_lines([m.geometry.to_top_left(*c) for c in chars])

    def keep_open(self, page_index: int, page: pdfium.PdfPage, textpage: pdfium.PdfTextPage, exact: bool) -> None:
        """Hold a page the reader has just read (the last few stay open: short documents, the
        common case, then never reopen a page to box their evidence)."""
        if len(self._open) >= self.OPEN_PAGES:
            self._close_page(next(iter(self._open)))
        self._open[page_index] = (page, textpage, exact)

    def _textpage(self, page_index: int) -> tuple[pdfium.PdfTextPage, bool]:
        """The open text page (and whether text indices equal char indices), opened on demand."""
        if page_index not in self._open:
            page = self.pdf[page_index]
            textpage = page.get_textpage()
            self.keep_open(page_index, page, textpage, len(textpage.get_text_range()) == textpage.count_chars())
        _, textpage, exact = self._open[page_index]
        return textpage, exact

    def _close_page(self, page_index: int) -> None:
        page, textpage, _ = self._open.pop(page_index)
        textpage.close()
        page.close()

    def close(self) -> None:
        """Close the open pages and the pdfium document (idempotent)."""
        for index in list(self._open):
            self._close_page(index)
        if self.pdf is not None:
            self.pdf.close()
            self.pdf = None


def _char_boxes(textpage: pdfium.PdfTextPage, text_idx: list[int], exact: bool) -> list[tuple[float, ...]]:
    """Page-space line rectangles covering the characters at the given pdfium text indices.

    pdfium measures a run of characters and merges it into line rectangles in C
    (FPDFText_CountRects), which costs a fraction of asking for every character's box from Python.
    """
    n = textpage.count_chars()
    boxes = []
    for first, last in _runs(text_idx):
        start, stop = _char_index(textpage, first, last, exact, n), _char_index(textpage, last, first, exact, n)
        if start < 0 or stop < start:
            continue
        for i in range(pdfium_c.FPDFText_CountRects(textpage, start, stop - start + 1)):
            box = _loose_height(textpage, textpage.get_rect(i))
            if box[2] > box[0] or box[3] > box[1]:
                boxes.append(box)
    return boxes


def _loose_height(textpage: pdfium.PdfTextPage, rect: tuple[float, ...]) -> tuple[float, ...]:
    """A glyph-tight rectangle grown to the font's ascent and descent (as pdfplumber's boxes are),
    taken from the loose box of the character at its left edge, so highlights cover whole lines."""
    left, bottom, right, top = rect
    ci = pdfium_c.FPDFText_GetCharIndexAtPos(textpage, left + 0.5, (bottom + top) / 2, 1.0, 1.0)
    if ci < 0:
        return rect
    try:
        _, lb, _, lt = textpage.get_charbox(ci, loose=True)
    except pdfium.PdfiumError:
        return rect
    return left, min(bottom, lb), right, max(top, lt)


def _runs(indices: list[int]) -> list[tuple[int, int]]:
    """Sorted indices as (first, last) runs of consecutive values."""
    runs: list[tuple[int, int]] = []
    for i in indices:
        if runs and i == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], i)
        else:
            runs.append((i, i))
    return runs


def _char_index(textpage: pdfium.PdfTextPage, ti: int, towards: int, exact: bool, n: int) -> int:
    """The char index of text index `ti`, stepping towards `towards` past generated characters
    (line breaks pdfium adds to the text have no char); -1 when the run has none."""
    step = 1 if towards >= ti else -1
    for t in range(ti, towards + step, step):
        ci = t if exact else pdfium_c.FPDFText_GetCharIndexFromTextIndex(textpage, t)
        if 0 <= ci < n:
            return ci
    return -1


def _merge_lines(boxes: list[BBox]) -> list[BBox]:
    """Merge character boxes into one box per line (chars that overlap vertically, left to right)."""
    lines: list[list[float]] = []
    for x0, top, x1, bottom in boxes:
        cur = lines[-1] if lines else None
        if cur is not None and _same_line(cur, top, bottom) and x0 >= cur[0] - 1:
            cur[0], cur[1] = min(cur[0], x0), min(cur[1], top)
            cur[2], cur[3] = max(cur[2], x1), max(cur[3], bottom)
        else:
            lines.append([x0, top, x1, bottom])
    return [(a, b, c, d) for a, b, c, d in lines]


def _same_line(cur: list[float], top: float, bottom: float) -> bool:
    """Whether a char box overlaps the current line box by at least half its own height."""
    overlap = min(cur[3], bottom) - max(cur[1], top)
    return overlap >= 0.5 * max(bottom - top, 0.1)
