"""The extracted document: normalised text plus a way back to pages and boxes.

Every reader (PDF, DOCX, HTML, text) produces one `Document`. The checker works on `Document.text`
alone; findings carry character offsets into it, and `Document.locate` turns an offset range back
into the page number and the bounding boxes of the words on that page, so any finding can point at
its evidence. Boxes are computed only for the few ranges that become evidence, never for the whole
text: that is what keeps extraction close to `pdftotext` speed.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Callable, Protocol

PAGE_SEPARATOR = "\n\f\n"
"""Joins pages in `Document.text`; a sentence never crosses it."""

BBox = tuple[float, float, float, float]
"""(x0, top, x1, bottom) in PDF points, origin at the top-left of the page, like pdfplumber."""


class UnreadableDocument(Exception):
    """The file is a document but has no text we can check (e.g. a scan with no text layer)."""


class DocumentError(Exception):
    """The file could not be opened as a document at all (corrupt, encrypted, wrong format)."""


class BoxLocator(Protocol):
    """Maps a range of one page's text (page-local offsets) to boxes on that page."""

    def __call__(self, page_index: int, start: int, end: int) -> list[BBox]: ...


@dataclass
class Page:
    """One page (or, for formats without pages, the whole document as page 1)."""

    number: int
    start: int
    end: int
    width: float | None = None
    height: float | None = None


@dataclass
class Document:
    """Normalised text of a document, split in pages, with provenance notes.

    `notes` records what the reader had to do (``"repaired"``, ``"ocr"``, ``"headers removed"``)
    so the report can say it; it never contains document text.
    """

    path: str
    format: str
    text: str
    pages: list[Page]
    notes: list[str] = field(default_factory=list)
    box_locator: BoxLocator | None = None
    close_hook: Callable[[], None] | None = None
    running_spans: list[tuple[int, int]] = field(default_factory=list)
    """Running headers/footers kept once (the rest removed): a title printed on every page."""

    def page_index(self, offset: int) -> int:
        """Index in `pages` of the page holding character `offset`."""
        starts = [p.start for p in self.pages]
        return max(0, bisect.bisect_right(starts, offset) - 1)

    def locate(self, start: int, end: int) -> tuple[int, BBox | None]:
        """Page number (1-based) and the union box of text[start:end], when the format has boxes."""
        idx = self.page_index(start)
        page = self.pages[idx]
        if self.box_locator is None:
            return page.number, None
        local_end = min(end, page.end) - page.start
        boxes = self.box_locator(idx, start - page.start, local_end)
        if not boxes:
            return page.number, None
        return page.number, (
            min(b[0] for b in boxes),
            min(b[1] for b in boxes),
            max(b[2] for b in boxes),
            max(b[3] for b in boxes),
        )

    def line_boxes(self, start: int, end: int) -> tuple[int, list[BBox]]:
        """Page number and one box per line of text[start:end] (for highlights that follow lines)."""
        idx = self.page_index(start)
        page = self.pages[idx]
        if self.box_locator is None:
            return page.number, []
        return page.number, self.box_locator(idx, start - page.start, min(end, page.end) - page.start)

    def close(self) -> None:
        """Release the reader's resources (the open PDF kept for `locate`)."""
        if self.close_hook is not None:
            self.close_hook()
            self.close_hook = None

    def __enter__(self) -> "Document":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def single_page(path: str, fmt: str, text: str, notes: list[str] | None = None) -> Document:
    """A Document for formats without pages (text, HTML, DOCX): all text is page 1."""
    return Document(path=path, format=fmt, text=text, pages=[Page(1, 0, len(text))], notes=notes or [])
