"""Document reading layer: any supported file -> `checkers.document.Document`.

`read_document` decides the format from the bytes (see `sniff`), enforces size limits before any
parser sees the file, and turns every parser failure into `DocumentError` or `UnreadableDocument`
with a reason that never quotes document text, so reports and logs stay free of member data.
"""

from __future__ import annotations

import os

from checkers.document import Document, DocumentError, UnreadableDocument
from checkers.extract.sniff import DOCX, HTML, PDF, TEXT, NotADocx, foreign_kind, mislabel_note, sniff

__all__ = ["read_document", "DocumentError", "UnreadableDocument"]

MAX_PAGES = 5000
MAX_BYTES = 512 * 1024 * 1024
NOT_A_DOCUMENT = "not a PDF, DOCX, HTML or text file"


def read_document(path: str, *, max_pages: int = MAX_PAGES, max_bytes: int = MAX_BYTES,
                  ocr: bool = False) -> Document:
    """Read a PDF, DOCX, HTML or text file into a normalised Document.

    Raises DocumentError when the file cannot be opened (empty, unknown format, encrypted,
    damaged, too large, too many pages, decompression bomb) and UnreadableDocument for a PDF
    without a text layer. With `ocr`, PDF pages without text are read by Tesseract instead
    (notes starting with "ocr").
    The caller should `close()` the Document (or use it as a context manager): a PDF stays open
    so that evidence boxes can be computed later.
    """
    fmt = _format(path, max_bytes)
    notes: list[str] = []
    note = mislabel_note(path, fmt)
    if note:
        notes.append(note)
    try:
        return _read(path, fmt, max_pages, max_bytes, notes, ocr)
    except (DocumentError, UnreadableDocument):
        raise
    except MemoryError:
        raise DocumentError("too large to read in memory") from None
    except Exception as exc:  # a parser bug on hostile input must not escape as something else
        raise DocumentError(f"cannot read {fmt} ({type(exc).__name__})") from None


def _format(path: str, max_bytes: int) -> str:
    """Checked size, then sniffed format; DocumentError when there is nothing to read."""
    try:
        size = os.path.getsize(path)
    except OSError as exc:
        raise DocumentError(f"cannot open file ({exc.strerror or type(exc).__name__})") from None
    if size == 0:
        raise DocumentError("empty file")
    if size > max_bytes:
        raise DocumentError(f"file too large ({size} bytes > {max_bytes})")
    try:
        fmt = sniff(path)
    except NotADocx as exc:
        raise DocumentError(str(exc)) from None
    except OSError as exc:
        raise DocumentError(f"cannot open file ({exc.strerror or type(exc).__name__})") from None
    if fmt is None:
        kind = foreign_kind(path)
        raise DocumentError(f"{kind}, not a PDF, DOCX, HTML or text file" if kind else NOT_A_DOCUMENT)
    return fmt


def _read(path: str, fmt: str, max_pages: int, max_bytes: int, notes: list[str], ocr: bool) -> Document:
    """Dispatch to the reader of `fmt` (imported lazily: each pulls a heavy library)."""
    if fmt == PDF:
        from checkers.extract.pdf import read_pdf

        return read_pdf(path, max_pages, notes, ocr)
    if fmt == DOCX:
        from checkers.extract.docx import read_docx

        return read_docx(path, max_pages, max_bytes, notes)
    if fmt == HTML:
        from checkers.extract.html import read_html

        return read_html(path, notes)
    if fmt == TEXT:
        from checkers.extract.text import read_text

        return read_text(path, max_pages, notes)
    raise DocumentError("not a PDF, DOCX, HTML or text file")
