"""DOCX text with python-docx: body paragraphs and tables in document order, headers, footers.

python-docx's `Document.paragraphs` skips tables and text boxes, and a notice often puts its
required statements in a table or a footer, so this walks the body XML itself. Each table cell ends
with a line break so that the text of adjacent cells never merges into one sentence.
"""

from __future__ import annotations

import zipfile

import docx
from docx.oxml.ns import qn

from checkers.document import Document, DocumentError, Page
from checkers.extract.normalize import LIST_MARK, join_pages, normalize

PAGE_BREAK = "\f"
_T, _TAB, _BR, _CR, _P, _TC = (qn(t) for t in ("w:t", "w:tab", "w:br", "w:cr", "w:p", "w:tc"))
_NB_HYPHEN, _PPR, _PB_BEFORE = qn("w:noBreakHyphen"), qn("w:pPr"), qn("w:pageBreakBefore")
_NUMPR, _PSTYLE, _VAL = qn("w:numPr"), qn("w:pStyle"), qn("w:val")
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
# Never document text: field codes, deleted revisions, properties.
_SKIP = {qn("w:instrText"), qn("w:delText"), qn("w:rPr"), qn("w:sectPr"), _MC_FALLBACK}


def _walk(el, out: list[str]) -> None:
    """Append the text of an element and its children, in document order, to `out`."""
    tag = el.tag
    if tag in _SKIP:
        return
    if tag == _T:
        out.append(el.text or "")
    elif tag == _TAB:
        out.append("\t")
    elif tag == _BR:
        out.append(PAGE_BREAK if el.get(qn("w:type")) == "page" else "\n")
    elif tag == _CR:
        out.append("\n")
    elif tag == _NB_HYPHEN:
        out.append("-")
    elif tag == _P:
        _walk_paragraph(el, out)
    else:
        for child in el:
            _walk(child, out)
        if tag == _TC and out and not out[-1].endswith("\n"):
            out.append("\n")


def _walk_paragraph(p, out: list[str]) -> None:
    """A paragraph ends with a line break; `pageBreakBefore` starts a new page; a list item keeps a
    bullet, as the printed page shows it, so that a short item is not read as a heading."""
    ppr = p.find(_PPR)
    if ppr is not None and ppr.find(_PB_BEFORE) is not None:
        out.append(PAGE_BREAK)
    if ppr is not None and _is_list_item(ppr):
        out.append(LIST_MARK)
    for child in p:
        _walk(child, out)
    out.append("\n")


def _is_list_item(ppr) -> bool:
    """Numbered or bulleted: direct numbering, or a "List ..." paragraph style."""
    if ppr.find(_NUMPR) is not None:
        return True
    style = ppr.find(_PSTYLE)
    return style is not None and (style.get(_VAL) or "").lower().startswith("list")


def _part_texts(document: docx.document.Document) -> tuple[list[str], list[str]]:
    """Texts of the distinct header parts and footer parts (shared by sections: once each)."""
    headers: dict[str, str] = {}
    footers: dict[str, str] = {}
    for rel in document.part.rels.values():
        kind = rel.reltype.rsplit("/", 1)[-1]
        if kind not in ("header", "footer") or rel.is_external:
            continue
        out: list[str] = []
        _walk(rel.target_part.element, out)
        text = "".join(out).replace(PAGE_BREAK, "\n").strip()
        target = headers if kind == "header" else footers
        target.setdefault(str(rel.target_part.partname), text)
    order = lambda d: list(dict.fromkeys(t for _, t in sorted(d.items()) if t))  # noqa: E731
    return order(headers), order(footers)


def _check_size(path: str, max_bytes: int) -> None:
    """Refuse a DOCX whose XML would inflate beyond `max_bytes` (zip bomb)."""
    with zipfile.ZipFile(path) as z:
        size = sum(i.file_size for i in z.infolist() if i.filename.startswith("word/"))
    if size > max_bytes:
        raise DocumentError(f"file too large when unpacked ({size} bytes > {max_bytes})")


def read_docx(path: str, max_pages: int, max_bytes: int, notes: list[str]) -> Document:
    """Read a DOCX: headers first, then the body in order, then footers; pages at explicit breaks."""
    _check_size(path, max_bytes)
    try:
        document = docx.Document(path)
    except Exception as exc:  # python-docx raises KeyError, lxml errors, ValueError...
        raise DocumentError(f"damaged DOCX ({type(exc).__name__})") from None
    out: list[str] = []
    _walk(document.element.body, out)
    headers, footers = _part_texts(document)
    body = "".join(out)
    raw_pages = body.split(PAGE_BREAK)
    if headers:
        raw_pages[0] = "\n".join(headers) + "\n" + raw_pages[0]
    if footers:
        raw_pages[-1] = raw_pages[-1] + "\n" + "\n".join(footers)
    if len(raw_pages) > max_pages:
        raise DocumentError(f"too many pages ({len(raw_pages)} > {max_pages})")
    texts = [normalize(p)[0] for p in raw_pages]
    text, spans = join_pages(texts)
    pages = [Page(i + 1, a, b) for i, (a, b) in enumerate(spans)]
    return Document(path, "docx", text, pages, notes)
