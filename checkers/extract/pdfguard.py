"""Checks on a PDF's structure before pdfium parses its pages: decompression bombs, page-tree loops.

pdfium inflates a page's content streams in full and builds an object for every operator; a
1 MB file whose stream inflates to 1 GiB of text operators took 73 s and 15.7 GB of memory in
pdfium (measured, see docs/hostile-input.md). pdfium has no decompression limit, so this module
walks the streams with pikepdf (qpdf) and inflates each FlateDecode stream incrementally, counting
bytes and never holding more than one chunk, and stops as soon as a limit is passed.

Images are skipped: text extraction never decodes them, and OCR bounds them by rendered size.
qpdf also flattens the page tree, which is how a tree that points to itself is found.
"""

from __future__ import annotations

import logging
import zlib
from dataclasses import dataclass

from checkers.document import DocumentError

MAX_STREAM_INFLATED = 64 * 1024 * 1024
"""One content stream, font or form inflating beyond this is refused (dense text pages: ~50 kB)."""

MAX_TOTAL_INFLATED = 512 * 1024 * 1024
"""All non-image streams together (a 3,000-page text PDF inflates to ~30 MB)."""

_CHUNK = 1 << 20

# qpdf's warnings about damaged files go to this logger; they describe objects and offsets, but
# may quote a token of the file, and logs must stay free of document content.
logging.getLogger("pikepdf._core").setLevel(logging.CRITICAL)
_SKIP_SUBTYPES = ("/Image",)


@dataclass(frozen=True)
class GuardLimits:
    """Decompressed-size limits: per stream and for the whole file."""

    per_stream: int = MAX_STREAM_INFLATED
    total: int = MAX_TOTAL_INFLATED


def check_pdf_structure(source, limits: GuardLimits = GuardLimits()) -> int | None:
    """Refuse bombs and looping page trees; the real page count, or None if qpdf cannot tell.

    `source` is a path or bytes. A file qpdf cannot open at all is left to pdfium and the repair
    path (None): this guard refuses only what it has positively measured.
    """
    import pikepdf

    try:
        pdf = pikepdf.open(source) if isinstance(source, str) else pikepdf.open(_bytes_io(source))
    except pikepdf.PasswordError:
        raise DocumentError("encrypted (password required)") from None
    except Exception as exc:  # damaged beyond qpdf's reach: pdfium and the repair path decide
        _refuse_loop(exc)
        return None
    with pdf:
        pages = _page_count(pdf)
        _check_streams(pdf, limits)
        return pages


def _bytes_io(data: bytes):
    import io

    return io.BytesIO(data)


def _page_count(pdf) -> int | None:
    """Pages after qpdf flattens the tree; a loop in the tree is refused."""
    import pikepdf

    try:
        return len(pdf.pages)
    except pikepdf.PdfError as exc:
        _refuse_loop(exc)
        return None


def _refuse_loop(exc: Exception) -> None:
    """qpdf's "Loop detected in /Pages structure" (its message is about objects, not text)."""
    if "loop detected" in str(exc).lower():
        raise DocumentError("damaged PDF: page tree loops back on itself") from None


def _check_streams(pdf, limits: GuardLimits) -> None:
    """Inflate every non-image FlateDecode stream with a cap; DocumentError past a limit."""
    total = 0
    for obj in pdf.objects:
        if not _is_candidate(obj):
            continue
        try:
            raw = obj.read_raw_bytes()
        except Exception:  # unreadable stream: pdfium will skip it too
            continue
        budget = min(limits.per_stream, limits.total - total)
        size = inflated_size(raw, budget + 1)
        if size > limits.per_stream:
            raise DocumentError(f"decompression bomb: a stream inflates beyond {limits.per_stream >> 20} MB")
        total += size
        if total > limits.total:
            raise DocumentError(f"decompression bomb: streams inflate beyond {limits.total >> 20} MB")


def _is_candidate(obj) -> bool:
    """A stream with a single FlateDecode filter that is not an image."""
    import pikepdf

    if not isinstance(obj, pikepdf.Stream):
        return False
    try:
        if obj.get("/Subtype") in _SKIP_SUBTYPES:
            return False
        filt = obj.get("/Filter")
    except Exception:
        return False
    if isinstance(filt, pikepdf.Array):
        filt = filt[0] if len(filt) == 1 else None
    return filt == pikepdf.Name.FlateDecode


def inflated_size(data: bytes, limit: int) -> int:
    """Bytes `data` inflates to, counting at most `limit` (damaged data counts what came out)."""
    inflater = zlib.decompressobj()
    size = 0
    pending = data
    try:
        while size < limit and not inflater.eof:
            out = inflater.decompress(pending, _CHUNK)
            pending = inflater.unconsumed_tail
            size += len(out)
            if not out and not pending:
                break
    except zlib.error:
        pass
    return size
