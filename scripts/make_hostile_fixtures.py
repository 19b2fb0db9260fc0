#!/usr/bin/env python3
"""Build the hostile and broken inputs of the robustness tests.

    python scripts/make_hostile_fixtures.py OUT_DIR          # every fixture
    python scripts/make_hostile_fixtures.py OUT_DIR bomb.pdf # only some

They are generated rather than committed: the inflating stream and the 3,000-page file would
weigh megabytes in git, and building all of them takes a few seconds. Every builder is
deterministic (seeded), so a failure seen once is seen again. The tests import `build` from here.
"""

from __future__ import annotations

import io
import random
import sys
import zipfile
import zlib
from pathlib import Path
from typing import Callable

SECRET = "Member Jane Q Public"
"""Planted in every text fixture: reasons and logs must never contain it."""

GIGABYTE = 1 << 30


# --- raw PDF writing --------------------------------------------------------------------------


def raw_pdf(objects: list[bytes], root: int = 1) -> bytes:
    """A PDF file from numbered object bodies (object i+1 is objects[i]) with a correct xref."""
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % i + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for off in offsets:
        out.write(b"%010d 00000 n \n" % off)
    out.write(b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, root, xref))
    return out.getvalue()


def stream(data: bytes, extra: bytes = b"") -> bytes:
    """A stream object body."""
    return b"<< /Length %d %s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"


FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def text_ops(lines: list[str]) -> bytes:
    """A content stream drawing `lines` in Helvetica, top to bottom."""
    ops = [b"BT /F1 11 Tf 72 720 Td 14 TL"]
    for line in lines:
        safe = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        ops.append(b"(" + safe.encode("latin-1") + b") '")
    ops.append(b"ET")
    return b"\n".join(ops)


def flate_of_repeated(chunk: bytes, total: int) -> bytes:
    """zlib data that inflates to `chunk` repeated up to `total` bytes, built without holding it.

    After a full flush deflate forgets its window, so every later copy of the chunk compresses to
    the same bytes: compress twice, then repeat the second block. Costs milliseconds, not seconds.
    """
    count = total // len(chunk)
    comp = zlib.compressobj(9)
    first = comp.compress(chunk) + comp.flush(zlib.Z_FULL_FLUSH)
    block = comp.compress(chunk) + comp.flush(zlib.Z_FULL_FLUSH)
    tail = comp.flush(zlib.Z_FINISH)[:-4]  # empty final block; adler32 appended below
    adler = 1
    for _ in range(count):
        adler = zlib.adler32(chunk, adler)
    return first + block * (count - 1) + tail + adler.to_bytes(4, "big")


# --- fixtures ---------------------------------------------------------------------------------


def text_pdf(pages: int = 3, lines: int = 30, compress: int = 1) -> bytes:
    """A plain text PDF (reportlab) with the secret on every line."""
    from reportlab.lib.pagesizes import letter
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter, pageCompression=compress, invariant=1)
    for n in range(pages):
        c.setFont("Helvetica", 11)
        for i in range(lines):
            c.drawString(72, 720 - 14 * i, f"{SECRET} page {n} line {i} of this notice.")
        c.showPage()
    c.save()
    return buf.getvalue()


def empty() -> bytes:
    return b""


def random_bytes() -> bytes:
    return random.Random(1).randbytes(1 << 16)


def truncated(compress: int = 0) -> bytes:
    """The first third of a 20-page PDF (uncompressed: qpdf recovers the pages that remain)."""
    data = text_pdf(pages=20, compress=compress)
    return data[: len(data) // 3]


def truncated_compressed() -> bytes:
    """The first third of a compressed PDF: objects cut mid-stream, nothing to recover."""
    return truncated(compress=1)


def flipped(count: int = 300, compress: int = 0) -> bytes:
    """A 20-page text PDF with `count` bits past the header flipped (seeded)."""
    data = bytearray(text_pdf(pages=20, compress=compress))
    rnd = random.Random(7)
    for _ in range(count):
        i = rnd.randrange(16, len(data))
        data[i] ^= 1 << rnd.randrange(8)
    return bytes(data)


def flipped_compressed() -> bytes:
    return flipped(compress=1)


def _encrypted(user: str) -> bytes:
    import pikepdf

    with pikepdf.open(io.BytesIO(text_pdf())) as pdf:
        out = io.BytesIO()
        pdf.save(out, encryption=pikepdf.Encryption(user=user, owner="owner-secret", R=6))
    return out.getvalue()


def user_password() -> bytes:
    return _encrypted("user-secret")


def owner_password() -> bytes:
    return _encrypted("")


def html_as_pdf() -> bytes:
    return (f"<!DOCTYPE html><html><body><h1>Notice</h1><p>{SECRET}: your appeal rights.</p>"
            "</body></html>").encode()


def png(width: int = 64, height: int = 32) -> bytes:
    """A small grey PNG (stdlib only)."""
    raw = b"".join(b"\x00" + b"\x80" * width for _ in range(height))

    def chunk(kind: bytes, body: bytes) -> bytes:
        return len(body).to_bytes(4, "big") + kind + body + zlib.crc32(kind + body).to_bytes(4, "big")

    head = width.to_bytes(4, "big") + height.to_bytes(4, "big") + b"\x08\x00\x00\x00\x00"
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", head) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


def ole_doc() -> bytes:
    """The start of a Word 97-2003 file (OLE2 compound document) saved under a .docx name."""
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + random.Random(3).randbytes(4096)


def zip_not_docx() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("readme.txt", SECRET)
        z.writestr("word/other.xml", "<x/>")
    return buf.getvalue()


def bomb(total: int = GIGABYTE) -> bytes:
    """One page whose FlateDecode content stream inflates to `total` bytes (about 1 MB on disk).

    The inflated bytes are a text operator repeated, so a reader that inflates everything would
    also build millions of text objects: the worst case, not just a big buffer of blanks.
    """
    head = text_ops([f"{SECRET} bomb page."])
    body = flate_of_repeated(b"BT /F1 11 Tf 72 700 Td (A) Tj ET\n" * 31775, total)
    contents = stream(body, b"/Filter /FlateDecode")
    return raw_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents [4 0 R 5 0 R]"
        b" /Resources << /Font << /F1 6 0 R >> >> >>",
        stream(head),
        contents,
        FONT,
    ])


def page_loop() -> bytes:
    """A page tree whose Pages node lists itself as a kid (and claims a huge count)."""
    return raw_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [2 0 R 3 0 R 2 0 R] /Count 1000000 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        stream(text_ops([f"{SECRET}: the only real page."])),
        FONT,
    ])


def many_pages(pages: int = 3000) -> bytes:
    """`pages` pages sharing one font, each with two short lines of text (a few hundred kB)."""
    n = pages
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"", FONT]
    kids = []
    for i in range(n):
        page_no, content_no = len(objects) + 1, len(objects) + 2
        kids.append(b"%d 0 R" % page_no)
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents %d 0 R"
                       b" /Resources << /Font << /F1 3 0 R >> >> >>" % content_no)
        objects.append(stream(text_ops([f"Page {i + 1} of the plan document.", "Benefits continue."])))
    objects[1] = b"<< /Type /Pages /Kids [" + b" ".join(kids) + b"] /Count %d >>" % n
    return raw_pdf(objects)


def scan(text: list[str] | None = None, dpi: int = 200) -> bytes:
    """An image-only PDF: a rendered text page, rasterised at `dpi`, embedded as a PNG picture."""
    import pypdfium2 as pdfium
    from reportlab.lib.pagesizes import letter
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    lines = text or SCAN_TEXT
    src = io.BytesIO()
    c = canvas.Canvas(src, pagesize=letter, invariant=1)
    c.setFont("Helvetica", 14)
    for i, line in enumerate(lines):
        c.drawString(72, 700 - 22 * i, line)
    c.save()
    pdf = pdfium.PdfDocument(src.getvalue())
    img = pdf[0].render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
    pdf.close()
    png_buf = io.BytesIO()
    img.save(png_buf, format="PNG")
    png_buf.seek(0)
    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=letter, invariant=1)
    c.drawImage(ImageReader(png_buf), 0, 0, width=letter[0], height=letter[1])
    c.showPage()
    c.save()
    return out.getvalue()


SCAN_TEXT = [
    "NOTICE OF ADVERSE DETERMINATION",
    "You have the right to appeal this decision.",
    "Call Member Services at 1-800-555-0199.",
    "Scanned page for the OCR test.",
]

FIXTURES: dict[str, Callable[[], bytes]] = {
    "empty.pdf": empty,
    "random.pdf": random_bytes,
    "truncated.pdf": truncated,
    "truncated_compressed.pdf": truncated_compressed,
    "flipped.pdf": flipped,
    "flipped_compressed.pdf": flipped_compressed,
    "user_password.pdf": user_password,
    "owner_password.pdf": owner_password,
    "html_named.pdf": html_as_pdf,
    "png_named.pdf": png,
    "not_a_zip.docx": ole_doc,
    "zip_not_docx.docx": zip_not_docx,
    "bomb.pdf": bomb,
    "page_loop.pdf": page_loop,
    "pages_3000.pdf": many_pages,
    "scan.pdf": scan,
}


def build(out_dir: Path, names: list[str] | None = None) -> dict[str, Path]:
    """Write the named fixtures (all by default) into `out_dir`; name -> path."""
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = {}
    for name in names or list(FIXTURES):
        path = out_dir / name
        path.write_bytes(FIXTURES[name]())
        paths[name] = path
    return paths


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    for name, path in build(Path(sys.argv[1]), sys.argv[2:] or None).items():
        print(f"{path.stat().st_size:>10}  {name}")
