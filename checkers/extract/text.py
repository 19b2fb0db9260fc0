"""Plain-text input: UTF-8 (with or without BOM, or UTF-16 with BOM), else cp1252.

Form feeds, which text exports of paged documents keep, start a new page.
"""

from __future__ import annotations

from checkers.document import Document, DocumentError, Page
from checkers.extract.normalize import join_pages, normalize
from checkers.extract.sniff import decode_text


def read_text(path: str, max_pages: int, notes: list[str]) -> Document:
    """Read a text file; each form-feed-separated part is a page."""
    with open(path, "rb") as f:
        data = f.read()
    decoded = decode_text(data)
    if decoded is None:
        raise DocumentError("not a PDF, DOCX, HTML or text file")
    parts = decoded.replace("\r\n", "\n").split("\f")
    if len(parts) > max_pages:
        raise DocumentError(f"too many pages ({len(parts)} > {max_pages})")
    text, spans = join_pages([normalize(p)[0] for p in parts])
    return Document(path, "text", text, [Page(i + 1, a, b) for i, (a, b) in enumerate(spans)], notes)
