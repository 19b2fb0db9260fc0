"""Renderers of the corpus producers: DOCX (python-docx), HTML (also the WeasyPrint input), ReportLab
PDF, plain text, and the image-only "scanned" PDF."""
from __future__ import annotations

import html
import io
import re
from datetime import datetime

from corpus_model import INLINE, LANG_NAMES, Block, Doc, block_text, strip_marks

FIXED_TIME = datetime(2025, 1, 2, 9, 0, 0)


def _tag_label(lang: str, style: str) -> str:
    if style == "plain":
        return ""
    en, native = LANG_NAMES[lang]
    return (native if style == "native" else en) + ": "


def _title(doc: Doc) -> str:
    return doc.meta.get("title") or next((str(b.value) for b in doc.blocks if b.kind in ("h", "h2")), doc.sid)


# ---------------------------------------------------------------------------------------------- DOCX
def render_docx(doc: Doc, path) -> None:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    d = Document()
    cp = d.core_properties
    cp.created = cp.modified = FIXED_TIME
    cp.author = doc.meta.get("author", "Member Communications")
    cp.title = _title(doc)
    cp.last_modified_by = cp.author
    cp.revision = 1
    normal = d.styles["Normal"]
    normal.font.name = doc.meta.get("font", "Liberation Serif" if doc.voice in ("legal", "formal") else "Liberation Sans")
    normal.font.size = Pt(10.5 if doc.layout in ("two-column", "brochure") else 11)
    sec = d.sections[0]
    if doc.layout in ("two-column", "brochure"):
        cols = OxmlElement("w:cols")
        cols.set(qn("w:num"), "2")
        cols.set(qn("w:space"), "432")
        sec._sectPr.append(cols)
    header_text = doc.meta.get("header")
    if header_text:
        sec.header.paragraphs[0].text = header_text
    footer_text = doc.meta.get("footer")
    if footer_text:
        sec.footer.paragraphs[0].text = footer_text

    def runs(par, text, bold=False, size=None):
        parts = INLINE.split(text)
        for i, part in enumerate(parts):
            if not part:
                continue
            r = par.add_run(part)
            r.bold = bold or (i % 2 == 1)
            if size:
                r.font.size = Pt(size)

    for b in doc.blocks:
        v = b.value
        if b.kind == "h":
            d.add_heading(strip_marks(v), level=1)
        elif b.kind == "h2":
            d.add_heading(strip_marks(v), level=2)
        elif b.kind in ("p", "small", "box"):
            p = d.add_paragraph()
            runs(p, v, size=8.5 if b.kind == "small" else None, bold=b.kind == "box")
            if doc.voice in ("legal", "formal") and b.kind == "p":
                p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        elif b.kind in ("ul", "ol"):
            style = "List Bullet" if b.kind == "ul" else "List Number"
            for item in v:
                runs(d.add_paragraph(style=style), item)
        elif b.kind == "table":
            rows = v
            t = d.add_table(rows=len(rows), cols=max(len(r) for r in rows))
            t.style = "Table Grid"
            for i, row in enumerate(rows):
                for j, cell in enumerate(row):
                    c = t.cell(i, j)
                    c.text = ""
                    runs(c.paragraphs[0], str(cell), bold=(i == 0 and b.opts.get("header", True)))
            d.add_paragraph()
        elif b.kind == "qa":
            runs(d.add_paragraph(), v[0], bold=True)
            runs(d.add_paragraph(), v[1])
        elif b.kind == "lines":
            p = d.add_paragraph()
            for i, line in enumerate(v):
                if i:
                    p.add_run().add_break()
                runs(p, line)
        elif b.kind == "tag":
            style = b.opts.get("style", "labeled")
            if b.opts.get("intro"):
                runs(d.add_paragraph(), b.opts["intro"], bold=True)
            for lang, text in b.opts["lines"]:
                p = d.add_paragraph()
                lab = _tag_label(lang, style)
                if lab:
                    p.add_run(lab).bold = True
                r = p.add_run(text)
                r.font.size = Pt(9)
                if lang == "arabic":
                    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        elif b.kind == "hr":
            d.add_paragraph("_" * 40)
    d.save(str(path))


# ---------------------------------------------------------------------------------------------- HTML
def _inline_html(s: str) -> str:
    s = html.escape(str(s), quote=False)
    return re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", s)


CSS_BASE = """
@page { size: Letter; margin: 0.8in 0.75in; @bottom-center { content: "%(footer)s Page " counter(page) " of " counter(pages); font-size: 8pt; color: #555; } %(top)s }
body { font-family: %(family)s, "Noto Sans", "Noto Sans Arabic", "Noto Sans Khmer", "Noto Sans Lao", "Noto Sans CJK SC", sans-serif; font-size: %(size)s; line-height: 1.35; color: #111; }
h1 { font-size: 15pt; color: %(accent)s; margin: 0.6em 0 0.3em; }
h2 { font-size: 12pt; color: %(accent)s; margin: 0.8em 0 0.2em; }
table { border-collapse: collapse; width: 100%%; margin: 0.4em 0 0.8em; font-size: 0.95em; }
td, th { border: 1px solid #999; padding: 3pt 5pt; vertical-align: top; text-align: left; }
th { background: #e8eef4; }
.small { font-size: 8pt; color: #333; }
.box { border: 1.5pt solid %(accent)s; padding: 6pt; margin: 6pt 0; }
.lines { margin: 0.2em 0 0.8em; }
.q { font-weight: bold; margin-bottom: 0.1em; }
.tag p { margin: 0.15em 0; font-size: 8.5pt; }
.rtl { direction: rtl; text-align: right; }
.cols { column-count: 2; column-gap: 0.35in; hyphens: auto; text-align: justify; }
.brochure { column-count: 3; column-gap: 0.3in; font-size: 9pt; }
"""


def render_html(doc: Doc) -> str:
    accent = doc.meta.get("accent", "#1d4e89")
    family = doc.meta.get("css_font", '"Noto Serif"' if doc.voice in ("legal", "formal") else '"Noto Sans"')
    footer = html.escape(doc.meta.get("footer", ""), quote=True).replace('"', "")
    top = ""
    if doc.meta.get("header"):
        top = '@top-right { content: "%s"; font-size: 8pt; color: #555; }' % doc.meta["header"].replace('"', "")
    css = CSS_BASE % {"footer": footer, "top": top, "family": family, "accent": accent,
                      "size": "10pt" if doc.layout in ("two-column", "brochure") else "10.5pt"}
    out = []
    for b in doc.blocks:
        v = b.value
        if b.kind == "h":
            out.append(f"<h1>{_inline_html(v)}</h1>")
        elif b.kind == "h2":
            out.append(f"<h2>{_inline_html(v)}</h2>")
        elif b.kind == "p":
            out.append(f"<p>{_inline_html(v)}</p>")
        elif b.kind == "small":
            out.append(f'<p class="small">{_inline_html(v)}</p>')
        elif b.kind == "box":
            out.append(f'<div class="box">{_inline_html(v)}</div>')
        elif b.kind in ("ul", "ol"):
            items = "".join(f"<li>{_inline_html(x)}</li>" for x in v)
            out.append(f"<{b.kind}>{items}</{b.kind}>")
        elif b.kind == "table":
            rows = []
            for i, row in enumerate(v):
                tagname = "th" if i == 0 and b.opts.get("header", True) else "td"
                rows.append("<tr>" + "".join(f"<{tagname}>{_inline_html(c)}</{tagname}>" for c in row) + "</tr>")
            out.append("<table>" + "".join(rows) + "</table>")
        elif b.kind == "qa":
            out.append(f'<p class="q">{_inline_html(v[0])}</p><p>{_inline_html(v[1])}</p>')
        elif b.kind == "lines":
            out.append('<p class="lines">' + "<br>".join(_inline_html(x) for x in v) + "</p>")
        elif b.kind == "tag":
            style = b.opts.get("style", "labeled")
            ps = []
            if b.opts.get("intro"):
                ps.append(f"<p><strong>{_inline_html(b.opts['intro'])}</strong></p>")
            for lang, text in b.opts["lines"]:
                lab = _tag_label(lang, style)
                cls = ' class="rtl" dir="rtl"' if lang == "arabic" else ""
                labhtml = f"<strong>{html.escape(lab)}</strong>" if lab else ""
                ps.append(f'<p{cls} lang="{lang[:2]}">{labhtml}{html.escape(text)}</p>')
            out.append('<div class="tag">' + "".join(ps) + "</div>")
        elif b.kind == "hr":
            out.append("<hr>")
    body = "\n".join(out)
    if doc.layout == "two-column":
        body = f'<div class="cols">{body}</div>'
    elif doc.layout == "brochure":
        body = f'<div class="brochure">{body}</div>'
    title = html.escape(_title(doc))
    style = f"<style>{css}</style>"
    return (f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>{title}</title>\n'
            f"{style}\n</head>\n<body>\n{body}\n</body>\n</html>\n")


# ---------------------------------------------------------------------------------------------- text
def render_text(doc: Doc) -> str:
    out = []
    for b in doc.blocks:
        v = b.value
        if b.kind == "h":
            t = strip_marks(v).upper()
            out.append(t + "\n" + "=" * min(len(t), 72))
        elif b.kind == "h2":
            t = strip_marks(v)
            out.append(t + "\n" + "-" * min(len(t), 72))
        elif b.kind in ("p", "small", "box"):
            out.append(_wrap(strip_marks(v)))
        elif b.kind == "ul":
            out.append("\n".join(_wrap(strip_marks(x), "  * ", "    ") for x in v))
        elif b.kind == "ol":
            out.append("\n".join(_wrap(strip_marks(x), f"  {i}. ", "     ") for i, x in enumerate(v, 1)))
        elif b.kind == "table":
            rows = [[strip_marks(str(c)) for c in r] for r in v]
            widths = [min(34, max(len(r[j]) if j < len(r) else 0 for r in rows)) for j in range(max(map(len, rows)))]
            lines = []
            for i, r in enumerate(rows):
                lines.append(" | ".join(c.ljust(widths[j]) for j, c in enumerate(r)).rstrip())
                if i == 0:
                    lines.append("-+-".join("-" * w for w in widths))
            out.append("\n".join(lines))
        elif b.kind == "qa":
            out.append(strip_marks(v[0]) + "\n" + _wrap(strip_marks(v[1])))
        elif b.kind == "lines":
            out.append("\n".join(strip_marks(x) for x in v))
        elif b.kind == "tag":
            style = b.opts.get("style", "labeled")
            lines = [b.opts["intro"]] if b.opts.get("intro") else []
            lines += [_tag_label(lang, style) + text for lang, text in b.opts["lines"]]
            out.append("\n".join(lines))
        elif b.kind == "hr":
            out.append("-" * 60)
    return "\n\n".join(out) + "\n"


def _wrap(s: str, first: str = "", rest: str = "", width: int = 78) -> str:
    import textwrap
    return textwrap.fill(s, width=width, initial_indent=first, subsequent_indent=rest or first and " " * len(first),
                         break_long_words=False, break_on_hyphens=False)


# ---------------------------------------------------------------------------------------------- ReportLab
_FONTS_DONE = False
FONT_FILES = {
    "NotoSans": "NotoSans-Regular.ttf", "NotoSans-Bold": "NotoSans-Bold.ttf",
    "NotoSerif": "NotoSerif-Regular.ttf", "NotoSerif-Bold": "NotoSerif-Bold.ttf",
    "NotoArabic": "NotoSansArabic-Regular.ttf", "NotoKhmer": "NotoSansKhmer-Regular.ttf",
    "NotoLao": "NotoSansLao-Regular.ttf",
}
FONT_DIRS = ["/usr/share/fonts/truetype/noto", "/usr/share/fonts/truetype/dejavu"]
TAG_FONT = {"arabic": "NotoArabic", "khmer": "NotoKhmer", "lao": "NotoLao", "chinese": "STSong-Light"}


def _fonts():
    global _FONTS_DONE
    if _FONTS_DONE:
        return
    import os
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfbase.ttfonts import TTFont
    for name, fn in FONT_FILES.items():
        for d in FONT_DIRS:
            p = os.path.join(d, fn)
            if os.path.exists(p):
                pdfmetrics.registerFont(TTFont(name, p))
                break
        else:
            raise FileNotFoundError(fn + " (install fonts-noto-core)")
    for fam in ("NotoSans", "NotoSerif"):
        addMapping(fam, 0, 0, fam)
        addMapping(fam, 1, 0, fam + "-Bold")
        addMapping(fam, 0, 1, fam)
        addMapping(fam, 1, 1, fam + "-Bold")
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    _FONTS_DONE = True


def _rl_inline(s: str) -> str:
    s = html.escape(str(s), quote=False)
    return re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", s)


def render_reportlab(doc: Doc, path) -> None:
    from reportlab import rl_config
    rl_config.invariant = 1
    _fonts()
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_JUSTIFY, TA_LEFT, TA_RIGHT
    from reportlab.lib.pagesizes import letter
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import inch
    from reportlab.platypus import (BaseDocTemplate, Frame, ListFlowable, ListItem, PageTemplate, Paragraph,
                                    Spacer, Table, TableStyle)

    serif = doc.voice in ("legal", "formal")
    base = "NotoSerif" if serif else "NotoSans"
    two = doc.layout in ("two-column", "brochure")
    hyph = dict(hyphenationLang="en_US", embeddedHyphenation=1, uriWasteReduce=0.3) if two or doc.meta.get("hyphenate") else {}
    body = ParagraphStyle("body", fontName=base, fontSize=9.5 if two else 10.5, leading=12 if two else 13.5,
                          alignment=TA_JUSTIFY if (two or serif) else TA_LEFT, spaceAfter=5, **hyph)
    small = ParagraphStyle("small", parent=body, fontSize=7.5, leading=9)
    h1 = ParagraphStyle("h1", parent=body, fontName=base + "-Bold", fontSize=13, leading=16, spaceBefore=6,
                        spaceAfter=4, alignment=TA_LEFT, hyphenationLang=None)
    h2 = ParagraphStyle("h2", parent=h1, fontSize=11, leading=13.5)
    boxed = ParagraphStyle("box", parent=body, borderColor=colors.HexColor("#1d4e89"), borderWidth=1, borderPadding=5,
                           spaceBefore=6, spaceAfter=9)
    cell = ParagraphStyle("cell", parent=body, fontSize=8.5, leading=10.5, alignment=TA_LEFT, hyphenationLang=None)

    header = doc.meta.get("header", "")
    footer = doc.meta.get("footer", "")

    def on_page(canvas, _doc):
        canvas.saveState()
        canvas.setFont(base, 7.5)
        if header:
            canvas.drawString(0.75 * inch, 10.55 * inch, header)
        canvas.drawRightString(7.75 * inch, 0.5 * inch, f"{footer}  Page {canvas.getPageNumber()}".strip())
        canvas.restoreState()

    W, H = letter
    if two:
        gap = 0.3 * inch
        fw = (W - 1.5 * inch - gap) / 2
        frames = [Frame(0.75 * inch, 0.8 * inch, fw, H - 1.7 * inch, id="c1"),
                  Frame(0.75 * inch + fw + gap, 0.8 * inch, fw, H - 1.7 * inch, id="c2")]
    else:
        frames = [Frame(0.85 * inch, 0.8 * inch, W - 1.7 * inch, H - 1.7 * inch, id="f")]
    tpl = BaseDocTemplate(str(path), pagesize=letter, title=_title(doc), author=doc.meta.get("author", ""),
                          creator="corpus builder", invariant=1)
    tpl.addPageTemplates([PageTemplate(id="main", frames=frames, onPage=on_page)])

    story = []
    for b in doc.blocks:
        v = b.value
        if b.kind == "h":
            story.append(Paragraph(_rl_inline(v), h1))
        elif b.kind == "h2":
            story.append(Paragraph(_rl_inline(v), h2))
        elif b.kind == "p":
            story.append(Paragraph(_rl_inline(v), body))
        elif b.kind == "small":
            story.append(Paragraph(_rl_inline(v), small))
        elif b.kind == "box":
            story.append(Paragraph(_rl_inline(v), boxed))
        elif b.kind in ("ul", "ol"):
            items = [ListItem(Paragraph(_rl_inline(x), body), leftIndent=12) for x in v]
            story.append(ListFlowable(items, bulletType="bullet" if b.kind == "ul" else "1",
                                      start="•" if b.kind == "ul" else None, leftIndent=12, bulletFontName=base))
        elif b.kind == "table":
            data = [[Paragraph(_rl_inline(c), cell) for c in row] for row in v]
            t = Table(data, repeatRows=1)
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                                   ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e6edf5")),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            story += [t, Spacer(1, 6)]
        elif b.kind == "qa":
            story.append(Paragraph("<b>" + _rl_inline(v[0]) + "</b>", body))
            story.append(Paragraph(_rl_inline(v[1]), body))
        elif b.kind == "lines":
            story.append(Paragraph("<br/>".join(_rl_inline(x) for x in v), ParagraphStyle("l", parent=body, alignment=TA_LEFT)))
        elif b.kind == "tag":
            style = b.opts.get("style", "labeled")
            if b.opts.get("intro"):
                story.append(Paragraph("<b>" + _rl_inline(b.opts["intro"]) + "</b>", body))
            for lang, text in b.opts["lines"]:
                lab = _tag_label(lang, style)
                font = TAG_FONT.get(lang)
                labf = ""
                if lab:
                    labfont = font if (font and style == "native") else base + "-Bold"
                    labf = f'<font name="{labfont}">{html.escape(lab)}</font>'
                txt = html.escape(text)
                if font:
                    txt = f'<font name="{font}">{txt}</font>'
                st = ParagraphStyle("t", parent=small, fontSize=8, leading=11,
                                    alignment=TA_RIGHT if lang == "arabic" else TA_LEFT, hyphenationLang=None)
                story.append(Paragraph(labf + txt, st))
        elif b.kind == "hr":
            story.append(Spacer(1, 8))
    tpl.build(story)


# ---------------------------------------------------------------------------------------------- scan
def render_scan(doc: Doc, path, tmp_pdf) -> None:
    """Render the text with ReportLab, rasterise page 1 and keep only the picture (no text layer)."""
    import pypdfium2 as pdfium
    from reportlab import rl_config
    from reportlab.lib.pagesizes import letter
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas as rlcanvas
    rl_config.invariant = 1
    render_reportlab(doc, tmp_pdf)
    pdf = pdfium.PdfDocument(str(tmp_pdf))
    img = pdf[0].render(scale=1.1, grayscale=True).to_pil().convert("L")
    img = img.rotate(float(doc.meta.get("skew", 0.6)), fillcolor=255, expand=False)
    buf = io.BytesIO()
    img.save(buf, format="JPEG", quality=int(doc.meta.get("quality", 35)))
    buf.seek(0)
    c = rlcanvas.Canvas(str(path), pagesize=letter, invariant=1)
    c.drawImage(ImageReader(buf), 0, 0, width=letter[0], height=letter[1])
    c.showPage()
    c.save()
    pdf.close()
