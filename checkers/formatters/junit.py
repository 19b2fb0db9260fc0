"""JUnit XML view of check reports: one test suite per file, one test case per element.

CI systems that read nothing else read JUnit. A required element missing or incorrect, and a
violation found, is a failure; a recommended element missing passes with a warning in its output
(it does not make a notice noncompliant, and the CI verdict must agree with `notices check`); an
element that does not apply is skipped. Each catalog violation is a test case too, passing when it
was not found, so a dashboard shows that it was looked for. A file that could not be read is an
error.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Any

INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def clean(text: Any) -> str:
    """Text XML 1.0 can hold (a quote from a PDF may carry control characters)."""
    return INVALID_XML.sub("\ufffd", "" if text is None else str(text))


def catalog_violations() -> list[tuple[str, str]]:
    """(id, citation) of every catalog violation; none if the catalog does not load."""
    from checkers.catalog import load_catalog

    try:
        return [(v.id, v.citation) for v in load_catalog().violations]
    except Exception:  # found violations are still reported from the report itself
        return []


def evidence_text(entry: dict[str, Any]) -> str:
    return "\n".join(f'p.{item["page"]}: "{item["text"]}"' for item in entry["evidence"])


def case(suite: ET.Element, report: dict[str, Any], name: str) -> ET.Element:
    return ET.SubElement(suite, "testcase", {"classname": clean(report["path"]), "name": clean(name),
                                             "file": clean(report["path"]), "time": "0"})


def element_case(suite: ET.Element, report: dict[str, Any], element: dict[str, Any]) -> str:
    """One element as a test case; returns its outcome (passed, failure, skipped)."""
    test = case(suite, report, element["id"])
    status, level = element["status"], element["level"]
    summary = f"{status} ({element['citation']}): {element['message']}"
    if status == "not_applicable":
        ET.SubElement(test, "skipped", {"message": clean(summary)})
        return "skipped"
    if status in ("missing", "incorrect") and level == "required":
        failure = ET.SubElement(test, "failure", {"message": clean(summary), "type": status})
        failure.text = clean(evidence_text(element)) or None
        return "failure"
    if status in ("missing", "incorrect"):
        ET.SubElement(test, "system-out").text = clean(f"warning: recommended element {summary}")
    elif element["evidence"]:
        ET.SubElement(test, "system-out").text = clean(evidence_text(element))
    return "passed"


def violation_cases(suite: ET.Element, report: dict[str, Any]) -> int:
    """Found violations fail; catalog violations not found pass. Returns the number of failures."""
    found = {v["id"]: v for v in report["violations"]}
    for vid, _ in catalog_violations():
        if vid not in found:
            case(suite, report, vid)
    for violation in report["violations"]:
        test = case(suite, report, violation["id"])
        summary = f"violation ({violation['citation']}): {violation['message']}"
        failure = ET.SubElement(test, "failure", {"message": clean(summary), "type": "violation"})
        failure.text = clean(evidence_text(violation)) or None
    return len(found)


def suite_for(report: dict[str, Any]) -> ET.Element:
    """The suite of one file, with its counts and the report facts as properties."""
    suite = ET.Element("testsuite", {"name": clean(report["path"])})
    props = ET.SubElement(suite, "properties")
    for key in ("document_type", "verdict", "status", "catalog_version", "sha256"):
        ET.SubElement(props, "property", {"name": key, "value": clean(report.get(key) or "")})
    counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    if report["status"] != "ok" or report["document_type"] is None:
        test = case(suite, report, "document")
        tag = "error" if report["status"] != "ok" else "failure"
        what = report["status"] if report["status"] != "ok" else "document type not recognised"
        ET.SubElement(test, tag, {"message": clean(f"{what}: {report.get('reason') or ''}".rstrip(": ")),
                                  "type": what})
        counts.update(tests=1, **{"errors" if tag == "error" else "failures": 1})
    else:
        outcomes = [element_case(suite, report, e) for e in report["elements"]]
        counts["failures"] = outcomes.count("failure") + violation_cases(suite, report)
        counts["skipped"] = outcomes.count("skipped")
        counts["tests"] = len(suite.findall("testcase"))
    suite.attrib.update({k: str(v) for k, v in counts.items()})
    return suite


def render_reports(reports: list[dict[str, Any]]) -> str:
    """The FORMATS entry point: a <testsuites> document."""
    root = ET.Element("testsuites", {"name": "notices check"})
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for report in reports:
        suite = suite_for(report)
        root.append(suite)
        for key in totals:
            totals[key] += int(suite.get(key, "0"))
    root.attrib.update({k: str(v) for k, v in totals.items()})
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
