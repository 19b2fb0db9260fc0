"""One self-contained HTML page per batch of reports: what a reviewer reads instead of JSON.

A finding is shown, not described: each evidence box is drawn on an image of its page, cropped
around the box, and a missing or incorrect element comes with what the law asks and the wording
from the generator's clause library that would satisfy it. Everything is read from the report (and
from the original file for page images); nothing is recomputed.

Page images are inlined once per page (an SVG <image> in a hidden <defs>) and every crop refers to
them with <use>, so a page cited by ten elements costs its PNG once. Images are drawn only when the
file on disk still has the report's sha256; otherwise (and for DOCX, HTML and text) the quote alone
is shown.
"""

from __future__ import annotations

import base64
import functools
import html
import os
import re
from pathlib import Path
from typing import Any, Iterable

from checkers.pages import PageImage, is_pdf, matches, render_pages

STATUS_LABEL = {"present": "present", "missing": "missing", "incorrect": "incorrect",
                "not_applicable": "not applicable"}
FUNDING_LABEL = {"fully_insured": "Fully insured plan", "self_funded": "Self-funded (ERISA) plan",
                 "one_care": "One Care plan", "all": "All plans"}
CROP_MARGIN = 18.0  # points of page shown above and below an evidence box


def esc(value: Any) -> str:
    return html.escape("" if value is None else str(value), quote=True)


# --- catalog and clause library: what the law asks, and wording that satisfies it ---------------

@functools.lru_cache(maxsize=1)
def rule_descriptions() -> dict[str, str]:
    """Catalog id -> description. A catalog that does not load costs the explanation, not the page."""
    from checkers.catalog import load_catalog

    try:
        return {rid: rule.description for rid, rule in load_catalog().rules.items()}
    except Exception:  # the view must still render the findings it was given
        return {}


def clause_dir() -> Path:
    """The generator's clause library: $NOTICES_TEMPLATES/clauses, else templates/clauses in the repo."""
    override = os.environ.get("NOTICES_TEMPLATES")
    root = Path(override) if override else Path(__file__).resolve().parents[2] / "templates"
    return root / "clauses"


@functools.lru_cache(maxsize=1)
def clauses_by_element() -> dict[str, list[Any]]:
    """Element id -> clauses of the library that make it present (empty without the templates)."""
    directory = clause_dir()
    if not directory.is_dir():
        return {}
    from notices.clauses import load_library

    index: dict[str, list[Any]] = {}
    for clause in load_library(directory).clauses.values():
        for element_id in clause.elements:
            index.setdefault(element_id, []).append(clause)
    return index


def readable(source: str) -> str:
    """Clause Jinja as a reviewer reads it: `{{ carrier.name }}` -> [carrier name], tags dropped."""
    def slot(match: re.Match) -> str:
        name = match.group(1).split("|")[0].strip().split(".")
        return "[" + " ".join(part.replace("_", " ") for part in name[-2:]) + "]"

    text = re.sub(r"\{\{\s*(.*?)\s*\}\}", slot, source)
    return re.sub(r"\s{2,}", " ", re.sub(r"\{%.*?%\}", "", text)).strip()


# --- page images ---------------------------------------------------------------------------------

def page_images(report: dict[str, Any], source: str | None) -> dict[int, PageImage]:
    """Images of the pages that hold evidence, when the original PDF is at hand and unchanged."""
    path = source or report.get("path")
    if not path or not is_pdf(path) or not matches(path, report.get("sha256")):
        return {}
    pages = {item["page"] for entry in _entries(report) for item in entry["evidence"] if item.get("bbox")}
    try:
        return render_pages(path, pages) if pages else {}
    except Exception:  # a page that renders badly must not cost the report
        return {}


def _entries(report: dict[str, Any]) -> Iterable[dict[str, Any]]:
    yield from report.get("elements", [])
    yield from report.get("violations", [])


def image_defs(prefix: str, images: dict[int, PageImage]) -> str:
    """The hidden SVG that holds each page image once, in PDF-point units."""
    if not images:
        return ""
    items = "".join(
        f'<image id="{prefix}-p{n}" width="{im.width:g}" height="{im.height:g}" preserveAspectRatio="none" '
        f'href="data:image/png;base64,{base64.b64encode(im.png).decode("ascii")}"/>'
        for n, im in sorted(images.items()))
    return f'<svg class="defs" aria-hidden="true" width="0" height="0"><defs>{items}</defs></svg>'


def box_rect(bbox: list[float], kind: str, label: str) -> str:
    x0, top, x1, bottom = bbox
    return (f'<rect class="box {kind}" x="{x0 - 1.5:g}" y="{top - 1.5:g}" width="{x1 - x0 + 3:g}" '
            f'height="{bottom - top + 3:g}"><title>{esc(label)}</title></rect>')


def crop(prefix: str, image: PageImage, bbox: list[float], kind: str, label: str) -> str:
    """The page band around one box, full page width, the box drawn on it."""
    top = max(0.0, bbox[1] - CROP_MARGIN)
    bottom = min(image.height, bbox[3] + CROP_MARGIN)
    return (f'<svg class="crop" viewBox="0 {top:g} {image.width:g} {bottom - top:g}" role="img" '
            f'aria-label="{esc(label)} on page {image.number}">'
            f'<use href="#{prefix}-p{image.number}"/>{box_rect(bbox, kind, label)}</svg>')


def full_pages(prefix: str, report: dict[str, Any], images: dict[int, PageImage]) -> str:
    """Every rendered page with all of its boxes: the overview a reviewer scrolls through."""
    parts = []
    for number, image in sorted(images.items()):
        rects = "".join(box_rect(item["bbox"], kind, f"{entry['id']} ({kind})")
                        for entry, kind in _kinds(report)
                        for item in entry["evidence"] if item["page"] == number and item.get("bbox"))
        parts.append(f'<figure class="page"><figcaption>Page {number}</figcaption>'
                     f'<svg viewBox="0 0 {image.width:g} {image.height:g}" role="img" aria-label="page {number}">'
                     f'<use href="#{prefix}-p{number}"/>{rects}</svg></figure>')
    if not parts:
        return ""
    return '<section class="pages"><h3>Pages with evidence</h3>' + "".join(parts) + "</section>"


def _kinds(report: dict[str, Any]) -> Iterable[tuple[dict[str, Any], str]]:
    for element in report.get("elements", []):
        yield element, element["status"]
    for violation in report.get("violations", []):
        yield violation, "violation"


# --- sections ------------------------------------------------------------------------------------

def evidence_block(prefix: str, entry: dict[str, Any], kind: str, images: dict[int, PageImage]) -> str:
    """Each evidence item: the quote, and the page band with the box when there is an image."""
    items = []
    for item in entry["evidence"]:
        image = images.get(item["page"])
        picture = crop(prefix, image, item["bbox"], kind, entry["id"]) if image and item.get("bbox") else ""
        items.append(f'<li><blockquote><span class="pg">p.{esc(item["page"])}</span> '
                     f'{esc(item["text"])}</blockquote>{picture}</li>')
    return f'<ul class="evidence">{"".join(items)}</ul>' if items else ""


def law_block(entry: dict[str, Any], heading: str = "What the law asks") -> str:
    """What the law asks of a missing or incorrect element, and the library clause that satisfies it."""
    asks = rule_descriptions().get(entry["id"])
    parts = [f'<p class="law"><strong>{esc(heading)}</strong> ({esc(entry["citation"])}): '
             f'{esc(asks or "see the citation")}</p>']
    suffix = entry["id"].split(".", 1)[-1]
    clauses = sorted(clauses_by_element().get(entry["id"], []), key=lambda c: (c.id != suffix, c.id))
    parts.extend(clause_block(clause) for clause in clauses)
    return "".join(parts)


def clause_block(clause: Any) -> str:
    """The clause's wording per funding type; the first variant open."""
    variants = []
    for index, (funding, paragraphs) in enumerate(clause.text.items()):
        body = "".join(f"<p>{esc(readable(p))}</p>" for p in paragraphs)
        label = FUNDING_LABEL.get(funding, funding)
        variants.append(f'<details{" open" if index == 0 else ""}><summary>{esc(label)}</summary>{body}</details>')
    return (f'<div class="clause"><p><strong>Clause that would satisfy it</strong>: '
            f'<code>{esc(clause.id)}</code> ({esc(clause.cites)})</p>{"".join(variants)}</div>')


def element_card(prefix: str, element: dict[str, Any], images: dict[int, PageImage]) -> str:
    status = element["status"]
    explain = law_block(element) if status in ("missing", "incorrect") else ""
    return (f'<article class="card {status}" id="{prefix}-{esc(element["id"])}">'
            f'<h4><span class="badge {status}">{esc(STATUS_LABEL.get(status, status))}</span> '
            f'<code>{esc(element["id"])}</code> <span class="level">{esc(element["level"])}</span></h4>'
            f'<p class="cite">{esc(element["citation"])}</p><p>{esc(element["message"])}</p>'
            f'{explain}{evidence_block(prefix, element, status, images)}</article>')


def violation_card(prefix: str, violation: dict[str, Any], images: dict[int, PageImage]) -> str:
    return (f'<article class="card violation" id="{prefix}-{esc(violation["id"])}">'
            f'<h4><span class="badge violation">violation</span> <code>{esc(violation["id"])}</code></h4>'
            f'<p class="cite">{esc(violation["citation"])}</p><p>{esc(violation["message"])}</p>'
            f'{law_block(violation, "What the law forbids")}{evidence_block(prefix, violation, "violation", images)}</article>')


def element_table(prefix: str, report: dict[str, Any]) -> str:
    rows = [f'<tr class="{e["status"]}"><td><span class="badge {e["status"]}">'
            f'{esc(STATUS_LABEL.get(e["status"], e["status"]))}</span></td>'
            f'<td><a href="#{prefix}-{esc(e["id"])}"><code>{esc(e["id"])}</code></a></td>'
            f'<td>{esc(e["level"])}</td><td>{esc(e["citation"])}</td><td>{esc(e["message"])}</td></tr>'
            for e in report.get("elements", [])]
    rows += [f'<tr class="violation"><td><span class="badge violation">violation</span></td>'
             f'<td><a href="#{prefix}-{esc(v["id"])}"><code>{esc(v["id"])}</code></a></td>'
             f'<td>forbidden</td><td>{esc(v["citation"])}</td><td>{esc(v["message"])}</td></tr>'
             for v in report.get("violations", [])]
    if not rows:
        return ""
    return ('<table class="elements"><thead><tr><th>Status</th><th>Element</th><th>Level</th>'
            f'<th>Citation</th><th>Message</th></tr></thead><tbody>{"".join(rows)}</tbody></table>')


def header(report: dict[str, Any]) -> str:
    """Verdict first: it is the answer; the rest is the reason for it."""
    verdict = report.get("verdict") or ("unknown type" if report.get("status") == "ok" else report.get("status"))
    failing = [e for e in report.get("elements", [])
               if e["status"] in ("missing", "incorrect") and e["level"] == "required"]
    facts = [("Document type", report.get("document_type") or "not recognised"), ("Pages", report.get("pages")),
             ("Required elements failing", len(failing)), ("Violations", len(report.get("violations", []))),
             ("Catalog", report.get("catalog_version")), ("SHA-256", report.get("sha256")),
             ("Note", report.get("reason"))]
    rows = "".join(f"<dt>{esc(k)}</dt><dd>{esc(v)}</dd>" for k, v in facts if v not in (None, ""))
    name = Path(str(report.get("path", ""))).name
    return (f'<header><h2>{esc(name)} <span class="verdict {esc(verdict).replace(" ", "-")}">{esc(verdict)}</span></h2>'
            f'<p class="path">{esc(report.get("path"))}</p><dl>{rows}</dl></header>')


def report_section(index: int, report: dict[str, Any], source: str | None = None) -> str:
    """One report: header, table, violations, explained elements, pages."""
    prefix = f"r{index}"
    if report.get("status") != "ok":
        return f'<section class="report" id="{prefix}">{header(report)}</section>'
    images = page_images(report, source)
    elements = [e for e in report.get("elements", []) if e["status"] != "not_applicable"]
    order = {"incorrect": 0, "missing": 1, "present": 2}
    elements.sort(key=lambda e: (order.get(e["status"], 3), e["level"] != "required"))
    violations = "".join(violation_card(prefix, v, images) for v in report.get("violations", []))
    cards = "".join(element_card(prefix, e, images) for e in elements)
    return (f'<section class="report" id="{prefix}">{image_defs(prefix, images)}{header(report)}'
            f'{element_table(prefix, report)}'
            + (f'<h3>Violations</h3>{violations}' if violations else "")
            + (f'<h3>Elements</h3>{cards}' if cards else "")
            + f'{full_pages(prefix, report, images)}</section>')


STYLE = """
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0 auto;max-width:1100px;padding:1em 1.5em;color:#1b1b1b}
svg.defs{position:absolute;width:0;height:0;overflow:hidden}
header h2{margin-bottom:.2em}.path{color:#555;margin-top:0;word-break:break-all}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.1em 1em}dt{font-weight:600}dd{margin:0;word-break:break-all}
.verdict{font-size:.7em;padding:.15em .5em;border-radius:.3em;vertical-align:middle;text-transform:uppercase}
.verdict.compliant{background:#1a7f37;color:#fff}.verdict.noncompliant{background:#b42318;color:#fff}
.verdict.unknown-type,.verdict.error,.verdict.unreadable{background:#6b6b6b;color:#fff}
table{border-collapse:collapse;width:100%;margin:1em 0}th,td{border-bottom:1px solid #ddd;padding:.3em .5em;text-align:left;vertical-align:top}
.badge{display:inline-block;min-width:6.5em;text-align:center;border-radius:.3em;padding:0 .4em;font-size:.85em;font-weight:600}
.badge.present{background:#fff3b0}.badge.missing{background:#ffd8a8}.badge.incorrect{background:#ffc078}
.badge.not_applicable{background:#eee;color:#555}.badge.violation{background:#b42318;color:#fff}
.card{border:1px solid #ddd;border-left:6px solid #f5c400;border-radius:.3em;padding:.2em 1em .6em;margin:1em 0}
.card.missing{border-left-color:#f08c00}.card.incorrect{border-left-color:#e8590c}.card.violation{border-left-color:#b42318;background:#fff5f5}
.card h4{margin:.5em 0 .2em}.level{color:#555;font-weight:400;font-size:.9em}.cite{color:#555;margin:.1em 0}
.clause{background:#f1f8ff;border-radius:.3em;padding:.2em .8em;margin:.5em 0}.clause summary{cursor:pointer;font-weight:600}
ul.evidence{list-style:none;padding:0}blockquote{margin:.4em 0;padding-left:.8em;border-left:3px solid #ccc}
.pg{color:#555;font-size:.85em}
svg.crop{display:block;width:100%;height:auto;border:1px solid #ccc;margin:.3em 0 .8em}
figure.page{margin:1em 0}figure.page svg{width:100%;height:auto;border:1px solid #ccc}
rect.box{fill-opacity:.28;stroke-width:1.2}
rect.present{fill:#f5c400;stroke:#b08d00}rect.missing,rect.incorrect{fill:#f76707;stroke:#c94f00}
rect.violation{fill:#e03131;stroke:#a51d1d;stroke-width:2}
@media print{svg.crop{max-height:40vh}.page{break-inside:avoid}}
"""


def render_document(reports: list[dict[str, Any]], sources: list[str | None] | None = None,
                    extra: str = "") -> str:
    """The page for these reports. `sources` overrides where each original file is (the web app
    keeps uploads under a temporary name); `extra` is trusted HTML placed before the reports."""
    sources = sources or [None] * len(reports)
    title = "Notice check" if len(reports) != 1 else f"Notice check: {Path(str(reports[0].get('path'))).name}"
    body = "".join(report_section(i, r, s) for i, (r, s) in enumerate(zip(reports, sources)))
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<title>{esc(title)}</title><style>{STYLE}</style></head><body>'
            f'<h1>{esc(title)}</h1>{extra}{body}</body></html>\n')


def render_reports(reports: list[dict[str, Any]]) -> str:
    """The FORMATS entry point: one self-contained HTML file."""
    return render_document(reports)
