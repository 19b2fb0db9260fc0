"""Plain-text view of check reports: a readable table per file, and a one-line summary per file."""

from __future__ import annotations

import shutil
import textwrap
from typing import Any

STATUS_MARK = {"present": "ok", "missing": "MISSING", "incorrect": "WRONG", "not_applicable": "n/a"}


def headline(report: dict[str, Any]) -> str:
    """One line: verdict (or status), type, counts, path."""
    if report["status"] != "ok":
        return f"{report['status'].upper():13} {report['path']}: {report['reason']}"
    if report["document_type"] is None:
        return f"{'UNKNOWN TYPE':13} {report['path']}: {report['reason']}"
    failing = [e for e in report["elements"] if e["status"] in ("missing", "incorrect") and e["level"] == "required"]
    return (f"{report['verdict'].upper():13} {report['path']} [{report['document_type']}, "
            f"{report['pages']} p.] {len(failing)} required element(s) failing, "
            f"{len(report['violations'])} violation(s)")


def render(report: dict[str, Any]) -> str:
    """The full table for one report."""
    width = max(80, min(shutil.get_terminal_size((110, 20)).columns, 140))
    lines = [headline(report)]
    if report["status"] != "ok":
        return "\n".join(lines)
    for element in report["elements"]:
        mark = STATUS_MARK[element["status"]]
        lines.append(f"  {mark:8} {element['id']:34} {element['level']:11} {element['citation']}")
        if element["status"] in ("missing", "incorrect"):
            lines.append(_wrap(element["message"], width, "           "))
        for item in element["evidence"][:1]:
            lines.append(_wrap(f"p.{item['page']}: \"{item['text']}\"", width, "           "))
    for violation in report["violations"]:
        lines.append(f"  {'VIOLATES':8} {violation['id']:34} {'':11} {violation['citation']}")
        for item in violation["evidence"][:2]:
            lines.append(_wrap(f"p.{item['page']}: \"{item['text']}\"", width, "           "))
    return "\n".join(lines)


def summary(reports: list[dict[str, Any]]) -> str:
    """Totals over a batch."""
    counts: dict[str, int] = {}
    for r in reports:
        key = r["verdict"] or (r["status"] if r["status"] != "ok" else "unknown type")
        counts[key] = counts.get(key, 0) + 1
    parts = ", ".join(f"{n} {k}" for k, n in sorted(counts.items()))
    return f"{len(reports)} file(s): {parts}"


def _wrap(text: str, width: int, indent: str) -> str:
    return textwrap.fill(text, width=width, initial_indent=indent, subsequent_indent=indent)


def render_reports(reports: list[dict[str, Any]], summary_only: bool = False) -> str:
    """The table of each report (or its headline), then the totals when there are several."""
    body = [headline(r) if summary_only else render(r) for r in reports]
    if summary_only or len(reports) > 1:
        body.append(summary(reports))
    return "\n".join(body) + "\n"
