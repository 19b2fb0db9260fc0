"""SARIF 2.1.0 view of check reports, for code-scanning dashboards in CI.

One rule per catalog entry (its citation is the help text: a reviewer's first question is "which
law?"), one result per missing or incorrect element and per violation. SARIF regions are lines or
bytes of a text file, which a PDF page is not, so a result's location names the file and carries
the evidence as its message, with page and box in the location's property bag. Files that could not
be checked become tool execution notifications, not results: they are not findings about the law.
"""

from __future__ import annotations

import json
from importlib import metadata
from pathlib import PurePath
from typing import Any
from urllib.parse import quote

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
FAILING = ("missing", "incorrect")


def tool_version() -> str:
    try:
        return metadata.version("ma-notices")
    except metadata.PackageNotFoundError:
        return "0"


def catalog_rules() -> list[dict[str, Any]]:
    """Every catalog entry as a SARIF reportingDescriptor (empty if the catalog does not load)."""
    from checkers.catalog import load_catalog

    try:
        rules = load_catalog().rules.values()
    except Exception:  # the findings in hand still deserve a log
        return []
    return [descriptor(r.id, r.citation, r.description, r.level, r.document_type) for r in rules]


def descriptor(rule_id: str, citation: str, description: str, level: str | None,
               document_type: str | None) -> dict[str, Any]:
    """A rule: its description, the citation as help, and the default level its catalog level implies."""
    kind = "violation" if rule_id.startswith("v.") else f"{level} element"
    return {"id": rule_id, "shortDescription": {"text": description.split(". ")[0].rstrip(".") + "."},
            "fullDescription": {"text": description},
            "help": {"text": f"{citation}: {description}", "markdown": f"**{citation}**: {description}"},
            "defaultConfiguration": {"level": "warning" if level == "recommended" else "error"},
            "properties": {"citation": citation, "kind": kind,
                           **({"documentType": document_type} if document_type else {})}}


def artifact_uri(path: str) -> str:
    """A relative path stays relative (CI maps it onto the repository); an absolute one is a file URI."""
    pure = PurePath(path)
    if pure.is_absolute():
        return "file://" + quote(pure.as_posix())
    return quote(pure.as_posix())


def locations(uri: str, index: int, evidence: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One location per evidence item; a finding without evidence points at the whole file."""
    artifact = {"uri": uri, "index": index}
    if not evidence:
        return [{"physicalLocation": {"artifactLocation": artifact}}]
    return [{"physicalLocation": {"artifactLocation": artifact},
             "message": {"text": f'p.{item["page"]}: "{item["text"]}"'},
             "properties": {"page": item["page"], **({"bbox": item["bbox"]} if item.get("bbox") else {})}}
            for item in evidence]


def result(entry: dict[str, Any], kind: str, level: str, uri: str, index: int,
           rule_index: dict[str, int]) -> dict[str, Any]:
    text = f"{entry['id']} {kind} ({entry['citation']}): {entry['message']}"
    found = {"ruleId": entry["id"], "kind": "fail", "level": level, "message": {"text": text},
             "locations": locations(uri, index, entry["evidence"]),
             "partialFingerprints": {"noticeFinding/v1": f"{entry['id']}:{kind}"}}
    if entry["id"] in rule_index:
        found["ruleIndex"] = rule_index[entry["id"]]
    return found


def report_results(report: dict[str, Any], index: int, rule_index: dict[str, int]) -> list[dict[str, Any]]:
    """The failing elements and the violations of one report."""
    uri = artifact_uri(report["path"])
    out = [result(v, "violation", "error", uri, index, rule_index) for v in report["violations"]]
    out += [result(e, e["status"], "error" if e["level"] == "required" else "warning", uri, index, rule_index)
            for e in report["elements"] if e["status"] in FAILING]
    return out


def notification(report: dict[str, Any], index: int) -> dict[str, Any] | None:
    """A file that was not checked, or whose type was not recognised, is said so, not hidden."""
    if report["status"] == "ok" and report["document_type"] is not None:
        return None
    level = "error" if report["status"] != "ok" else "warning"
    what = report["status"] if report["status"] != "ok" else "document type not recognised"
    return {"level": level, "message": {"text": f"{report['path']}: {what}: {report.get('reason') or ''}".rstrip(": ")},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": artifact_uri(report["path"]), "index": index}}}]}


def sarif_log(reports: list[dict[str, Any]]) -> dict[str, Any]:
    """The whole log: one run, one artifact per file."""
    rules = catalog_rules()
    known = {r["id"] for r in rules}
    for report in reports:  # entries of another catalog version still get a rule
        for entry in [*report["elements"], *report["violations"]]:
            if entry["id"] not in known:
                known.add(entry["id"])
                rules.append(descriptor(entry["id"], entry["citation"], entry["message"], entry.get("level"), None))
    rule_index = {r["id"]: i for i, r in enumerate(rules)}
    artifacts = [{"location": {"uri": artifact_uri(r["path"])},
                  **({"hashes": {"sha-256": r["sha256"]}} if r.get("sha256") else {})} for r in reports]
    results = [res for i, r in enumerate(reports) for res in report_results(r, i, rule_index)]
    notes = [n for n in (notification(r, i) for i, r in enumerate(reports)) if n]
    versions = sorted({r["catalog_version"] for r in reports if r.get("catalog_version")})
    driver = {"name": "notices", "version": tool_version(), "rules": rules,
              "properties": {"catalogVersions": versions}}
    invocation = {"executionSuccessful": all(r["status"] == "ok" for r in reports),
                  "toolExecutionNotifications": notes}
    return {"$schema": SCHEMA_URI, "version": "2.1.0",
            "runs": [{"tool": {"driver": driver}, "artifacts": artifacts, "invocations": [invocation],
                      "results": results, "columnKind": "unicodeCodePoints"}]}


def render_reports(reports: list[dict[str, Any]]) -> str:
    """The FORMATS entry point."""
    return json.dumps(sarif_log(reports), indent=2, ensure_ascii=False) + "\n"
