"""Format detection from the bytes of a file, never from its extension.

Carriers and scanners mislabel files (an HTML export saved as ``.pdf``, a ``.doc`` that is really
DOCX), so the reader trusts magic numbers and reports a mismatch in `Document.notes`.
"""

from __future__ import annotations

import os
import re
import zipfile

PDF, DOCX, HTML, TEXT = "pdf", "docx", "html", "text"
HEAD_BYTES = 4096
_HTML_START = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)[\s>]", re.I | re.S)
_HTML_NEAR = re.compile(rb"<(?:html|body)[\s>]", re.I)
_EXTENSIONS = {".pdf": PDF, ".docx": DOCX, ".htm": HTML, ".html": HTML, ".txt": TEXT, ".text": TEXT}


class NotADocx(Exception):
    """A zip archive without word/document.xml."""


def sniff(path: str) -> str | None:
    """The real format of `path` (PDF, DOCX, HTML, TEXT) or None when it is none of them.

    Raises NotADocx for a zip archive that is not a Word document, so the caller can say so.
    """
    with open(path, "rb") as f:
        head = f.read(HEAD_BYTES)
    if b"%PDF-" in head[:1024]:
        return PDF
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _sniff_zip(path)
    if _looks_html(head):
        return HTML
    if looks_text(head):
        return TEXT
    return None


_FOREIGN = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "legacy Office file (e.g. Word 97-2003 .doc)"),
    (b"{\\rtf", "RTF file"),
)


def foreign_kind(path: str) -> str | None:
    """What a file we cannot read is, when its magic number says (for a clearer reason)."""
    with open(path, "rb") as f:
        head = f.read(16)
    return next((kind for magic, kind in _FOREIGN if head.startswith(magic)), None)


def _sniff_zip(path: str) -> str:
    """DOCX when the archive holds the main Word part; a damaged zip is not a DOCX either."""
    try:
        with zipfile.ZipFile(path) as z:
            names = set(z.namelist())
    except (zipfile.BadZipFile, OSError) as exc:
        raise NotADocx("damaged zip archive") from exc
    if "word/document.xml" in names:
        return DOCX
    raise NotADocx("zip archive is not a DOCX")


def _strip_bom(head: bytes) -> bytes:
    """The head without a UTF-8 BOM, and as UTF-8 bytes if it was UTF-16 with BOM."""
    if head.startswith(b"\xef\xbb\xbf"):
        return head[3:]
    if head[:2] in (b"\xff\xfe", b"\xfe\xff"):
        enc = "utf-16-le" if head[:2] == b"\xff\xfe" else "utf-16-be"
        return head[2:].decode(enc, errors="ignore").encode("utf-8")
    return head


def _looks_html(head: bytes) -> bool:
    """HTML markup at the start, or an <html>/<body> tag within the first kilobyte."""
    head = _strip_bom(head)
    return bool(_HTML_START.match(head) or _HTML_NEAR.search(head[:1024]))


def decode_text(data: bytes) -> str | None:
    """Decode bytes as UTF-8 (BOM-aware, also UTF-16 with BOM), else cp1252; None if neither."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if exc.start >= len(data) - 3:  # a multi-byte char cut by our read window
            return data[: exc.start].decode("utf-8-sig")
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return None


def looks_text(head: bytes) -> bool:
    """Plain text: decodes, and has almost no control characters (binary data has many)."""
    if not head:
        return False
    text = decode_text(head)
    if text is None:
        return False
    controls = sum(1 for c in text if ord(c) < 32 and c not in "\t\n\r\f")
    return controls <= max(1, len(text) // 200)


def mislabel_note(path: str, fmt: str) -> str | None:
    """``"format: html (named .pdf)"`` when the extension claims another known format."""
    ext = os.path.splitext(path)[1].lower()
    claimed = _EXTENSIONS.get(ext)
    if claimed is None or claimed == fmt:
        return None
    return f"format: {fmt} (named {ext})"
