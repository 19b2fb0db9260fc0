"""The audit summary as one self-contained HTML file, with charts drawn as inline SVG.

A reviewer sends this file on by e-mail: no script, no stylesheet or font from the network, no
document text (evidence quotes are left out). Every string from the database is escaped.
"""

from __future__ import annotations

from html import escape

from checkers.audit.report import ElementRate, FileLine, Summary, percent

COLOURS = {"compliant": "#2e7d32", "noncompliant": "#c62828", "(none)": "#9e9e9e",
           "missing": "#c62828", "incorrect": "#ef9a9a"}
MAX_ELEMENTS = 30
STYLE = """
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:2em auto;max-width:1100px;color:#222;padding:0 1em}
h1{font-size:1.5em}h2{font-size:1.15em;margin-top:2em;border-bottom:1px solid #ddd}
table{border-collapse:collapse;margin:.5em 0}td,th{padding:.2em .7em;border-bottom:1px solid #eee;text-align:left}
td.n{text-align:right;font-variant-numeric:tabular-nums}.cards{display:flex;gap:1em;flex-wrap:wrap}
.card{border:1px solid #ddd;border-radius:6px;padding:.6em 1em;min-width:8em}.card b{display:block;font-size:1.6em}
svg text{font:12px system-ui,sans-serif}code{font-size:.95em}.muted{color:#666}
"""


def render_html(s: Summary) -> str:
    """The whole page."""
    parts = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
             '<meta name="viewport" content="width=device-width,initial-scale=1">',
             "<title>Notice audit summary</title>", f"<style>{STYLE}</style></head><body>",
             "<h1>Notice audit summary</h1>", _cards(s),
             "<h2>Element failure rates</h2>",
             '<p class="muted">Share of the documents an element applies to where it is missing or incorrect.</p>',
             _element_chart(s.elements[:MAX_ELEMENTS]),
             "<h2>Verdicts by document type</h2>", _verdict_chart(s), _counts_table(s),
             "<h2>Elements</h2>", _elements_table(s.elements),
             "<h2>Violations</h2>", _pairs_table(s.violations.most_common(), "violation", "documents"),
             f"<h2>Worst files ({len(s.worst)})</h2>", _files_table(s.worst, worst=True),
             f"<h2>Unreadable files: send for OCR ({len(s.unreadable)})</h2>", _files_table(s.unreadable),
             f"<h2>Errors ({len(s.errors)})</h2>", _files_table(s.errors),
             "</body></html>"]
    return "\n".join(parts) + "\n"


def _cards(s: Summary) -> str:
    cards = [("files", s.files), ("pages", s.pages), ("compliant", s.by_verdict.get("compliant", 0)),
             ("noncompliant", s.by_verdict.get("noncompliant", 0)), ("unreadable", s.by_status.get("unreadable", 0)),
             ("errors", s.by_status.get("error", 0))]
    versions = ", ".join(f"{escape(v)} ({n})" for v, n in sorted(s.catalog_versions.items()))
    return ('<div class="cards">' + "".join(f'<div class="card"><b>{n}</b>{label}</div>' for label, n in cards)
            + f'</div><p class="muted">catalog {versions or "-"}; {s.runs} run(s); {s.seconds:.0f} s of checking</p>')


def _bar(x: float, y: float, width: float, height: float, colour: str, title: str) -> str:
    return (f'<rect x="{x:.1f}" y="{y:.1f}" width="{max(width, 0):.1f}" height="{height:.1f}" fill="{colour}">'
            f"<title>{escape(title)}</title></rect>")


def _element_chart(rates: list[ElementRate]) -> str:
    """Horizontal bars, one per element: missing then incorrect, as a share of its documents."""
    if not rates:
        return '<p class="muted">No document of a known type was read.</p>'
    label_w, bar_w, row_h = 330, 520, 20
    height = row_h * len(rates) + 30
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{label_w + bar_w + 60}" height="{height}" '
           f'role="img" aria-label="Element failure rates">']
    for i, r in enumerate(rates):
        y = 20 + i * row_h
        missing = bar_w * (r.missing / r.documents if r.documents else 0)
        incorrect = bar_w * (r.incorrect / r.documents if r.documents else 0)
        out.append(f'<text x="{label_w - 6}" y="{y + 13}" text-anchor="end">{escape(r.id)}</text>')
        out.append(_bar(label_w, y + 2, bar_w, row_h - 5, "#f3f3f3", ""))
        out.append(_bar(label_w, y + 2, missing, row_h - 5, COLOURS["missing"], f"{r.id}: {r.missing} missing"))
        out.append(_bar(label_w + missing, y + 2, incorrect, row_h - 5, COLOURS["incorrect"],
                        f"{r.id}: {r.incorrect} incorrect"))
        out.append(f'<text x="{label_w + bar_w + 6}" y="{y + 13}">{percent(r.share)}</text>')
    out.append(_legend(label_w, 12, ["missing", "incorrect"]))
    return "".join(out) + "</svg>"


def _verdict_chart(s: Summary) -> str:
    """One stacked bar per document type: compliant, noncompliant, no verdict."""
    types = sorted(s.verdict_by_type, key=lambda t: -sum(s.verdict_by_type[t].values()))
    if not types:
        return '<p class="muted">No document was read.</p>'
    label_w, bar_w, row_h = 230, 560, 24
    most = max(sum(s.verdict_by_type[t].values()) for t in types)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{label_w + bar_w + 60}" height="{row_h * len(types) + 30}" '
           f'role="img" aria-label="Verdicts by document type">']
    for i, dtype in enumerate(types):
        y, x = 20 + i * row_h, float(label_w)
        counts = s.verdict_by_type[dtype]
        out.append(f'<text x="{label_w - 6}" y="{y + 15}" text-anchor="end">{escape(dtype)}</text>')
        for verdict in ("compliant", "noncompliant", "(none)"):
            width = bar_w * counts.get(verdict, 0) / most
            out.append(_bar(x, y + 2, width, row_h - 6, COLOURS[verdict], f"{dtype}: {counts.get(verdict, 0)} {verdict}"))
            x += width
        out.append(f'<text x="{x + 6:.1f}" y="{y + 15}">{sum(counts.values())}</text>')
    out.append(_legend(label_w, 12, ["compliant", "noncompliant", "(none)"]))
    return "".join(out) + "</svg>"


def _legend(x: float, y: float, keys: list[str]) -> str:
    out = []
    for key in keys:
        out.append(f'<rect x="{x}" y="{y - 9}" width="10" height="10" fill="{COLOURS[key]}"/>'
                   f'<text x="{x + 14}" y="{y}">{escape(key)}</text>')
        x += 30 + 7 * len(key)
    return "".join(out)


def _pairs_table(pairs, key_title: str, count_title: str) -> str:
    if not pairs:
        return '<p class="muted">None.</p>'
    rows = "".join(f"<tr><td><code>{escape(str(k))}</code></td><td class=n>{n}</td></tr>" for k, n in pairs)
    return f"<table><tr><th>{key_title}</th><th>{count_title}</th></tr>{rows}</table>"


def _counts_table(s: Summary) -> str:
    return ("<table><tr><th>status</th><th>files</th></tr>"
            + "".join(f"<tr><td>{escape(k)}</td><td class=n>{n}</td></tr>" for k, n in s.by_status.most_common())
            + "</table>")


def _elements_table(rates: list[ElementRate]) -> str:
    if not rates:
        return '<p class="muted">None.</p>'
    head = "<tr><th>element</th><th>type</th><th>level</th><th>documents</th><th>missing</th><th>incorrect</th><th>share</th></tr>"
    rows = "".join(f"<tr><td><code>{escape(r.id)}</code></td><td>{escape(r.document_type)}</td><td>{escape(r.level)}</td>"
                   f"<td class=n>{r.documents}</td><td class=n>{r.missing}</td><td class=n>{r.incorrect}</td>"
                   f"<td class=n>{percent(r.share)}</td></tr>" for r in rates)
    return f"<table>{head}{rows}</table>"


def _files_table(files: list[FileLine], worst: bool = False) -> str:
    if not files:
        return '<p class="muted">None.</p>'
    if worst:
        head = "<tr><th>file</th><th>type</th><th>failing required elements and violations</th></tr>"
        rows = "".join(f"<tr><td>{escape(f.path)}</td><td>{escape(f.document_type or '')}</td>"
                       f"<td>{escape(', '.join(f.failing + f.violations))}</td></tr>" for f in files)
    else:
        head = "<tr><th>file</th><th>reason</th></tr>"
        rows = "".join(f"<tr><td>{escape(f.path)}</td><td>{escape(f.reason or '')}</td></tr>" for f in files)
    return f"<table>{head}{rows}</table>"
