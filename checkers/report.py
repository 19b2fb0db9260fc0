"""The single result model: the JSON report of `notices check` (schema notices.check/1).

Every output format (text, and later HTML, SARIF, JUnit, annotated PDF) is a view of the dict built
here; none recomputes a finding. Evidence quotes are part of the report by design: they are what a
reviewer needs to see. They are never written to logs.
"""

from __future__ import annotations

import re
from typing import Any

from checkers.catalog import Catalog, DocumentType
from checkers.document import Document
from checkers.engine import INCORRECT, MISSING, Finding

SCHEMA = "notices.check/1"
QUOTE_LIMIT = 300


def base_report(path: str, sha256: str, catalog: Catalog) -> dict[str, Any]:
    """A report with every key of the contract, for a file not (yet) checked."""
    return {"schema": SCHEMA, "path": path, "sha256": sha256, "catalog_version": catalog.version,
            "status": "error", "reason": None, "document_type": None, "verdict": None, "pages": 0,
            "elements": [], "violations": []}


def quote(text: str) -> str:
    """Evidence text on one line, cut at a word boundary if long."""
    flat = re.sub(r"\s+", " ", text.replace("\f", " ")).strip()
    if len(flat) <= QUOTE_LIMIT:
        return flat
    return flat[:QUOTE_LIMIT].rsplit(" ", 1)[0] + " …"


def evidence(doc: Document, ranges: list[tuple[int, int]]) -> list[dict[str, Any]]:
    """Page, quote and box of each evidence range."""
    items = []
    for start, end in ranges:
        page, box = doc.locate(start, end)
        items.append({"page": page, "text": quote(doc.text[start:end]),
                      "bbox": [round(v, 1) for v in box] if box else None})
    return items


def element_entry(finding: Finding, doc: Document) -> dict[str, Any]:
    rule = finding.rule
    return {"id": rule.id, "status": finding.status, "level": rule.level, "citation": rule.citation,
            "message": finding.message, "evidence": evidence(doc, finding.evidence)}


def violation_entry(finding: Finding, doc: Document) -> dict[str, Any]:
    rule = finding.rule
    return {"id": rule.id, "citation": rule.citation, "message": finding.message,
            "evidence": evidence(doc, finding.evidence)}


def verdict(elements: list[Finding], violations: list[Finding]) -> str:
    """Compliant when no required element is missing or incorrect and nothing forbidden was found."""
    failing = [f for f in elements if f.rule.level == "required" and f.status in (MISSING, INCORRECT)]
    return "noncompliant" if failing or violations else "compliant"


def fill(report: dict[str, Any], doc: Document, dtype: DocumentType | None,
         elements: list[Finding], violations: list[Finding]) -> dict[str, Any]:
    """Complete a report for a document that was read."""
    report.update(status="ok", pages=len(doc.pages),
                  document_type=dtype.id if dtype else None,
                  elements=[element_entry(f, doc) for f in elements],
                  violations=[violation_entry(f, doc) for f in violations])
    report["verdict"] = verdict(elements, violations) if dtype else None
    return report
