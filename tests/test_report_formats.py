"""Golden tests of the HTML, SARIF and JUnit views, plus checks of their contracts.

The goldens render stored reports (tests/golden/reports.json), not fresh checks, with the catalog
and clause library replaced by a small frozen stand-in: a view's golden must change when the view
changes, not when the engine, the catalog wording or a clause does. Separate tests below run the
real catalog and library. Volatile parts (inlined page images, the tool version) are normalised.
Regenerate after an intended change with UPDATE_GOLDEN=1.
"""

from __future__ import annotations

import copy
import json
import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from checkers.formatters import FORMATS, formatter, html, junit, sarif
from notices.clauses import Clause

REPO = Path(__file__).resolve().parent.parent
GOLDEN = REPO / "tests" / "golden"
SCHEMA = GOLDEN / "sarif-2.1.0-rtm.5.schema.json"

DESCRIPTIONS = {
    "gd.external_review": "How to request external review through OPP, within 4 months, $25 fee.",
    "gd.criteria_referenced": "References and includes the criteria or other clinical basis.",
    "v.outdated_opp_agency": "Places the Office of Patient Protection in the Department of Public Health.",
}
CLAUSE = Clause("external_review", "M.G.L. c.176O s.14", ("gd.external_review", "ad.external_review"),
                {"fully_insured": ("Ask {{ carrier.name }} for review{% if carrier.fax %} by fax{% endif %}.",),
                 "self_funded": ("Your plan is administered by {{ carrier.name }}.",)})
RULES = [("gd.external_review", "c.176O s.14", "required", "grievance_decision"),
         ("gd.criteria_referenced", "958 CMR 3.307(2)(e)", "required", "grievance_decision"),
         ("v.outdated_opp_agency", "St. 2012 c.224", None, None)]


@pytest.fixture
def reports(monkeypatch):
    """The stored reports, read in the repository (their paths are relative to it)."""
    monkeypatch.chdir(REPO)
    return json.loads((GOLDEN / "reports.json").read_text("utf-8"))


@pytest.fixture
def frozen(reports, monkeypatch):
    """The stored reports, with the frozen catalog and library in place of the real ones."""
    monkeypatch.setattr(html, "rule_descriptions", lambda: DESCRIPTIONS)
    monkeypatch.setattr(html, "clauses_by_element", lambda: {"gd.external_review": [CLAUSE]})
    monkeypatch.setattr(sarif, "catalog_rules", lambda: [
        sarif.descriptor(rid, cite, DESCRIPTIONS[rid], level, dtype) for rid, cite, level, dtype in RULES])
    monkeypatch.setattr(sarif, "tool_version", lambda: "0.0.0")
    monkeypatch.setattr(junit, "catalog_violations", lambda: [("v.discourages_911", "c.176G s.5(e)"),
                                                              ("v.outdated_opp_agency", "St. 2012 c.224")])
    return reports


def normalise(text: str) -> str:
    return re.sub(r"data:image/png;base64,[A-Za-z0-9+/=]+", "data:image/png;base64,IMAGE", text)


def assert_golden(name: str, rendered: str) -> None:
    path = GOLDEN / name
    rendered = normalise(rendered)
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(rendered, "utf-8")
    assert path.exists(), f"no golden {name}: run with UPDATE_GOLDEN=1"
    assert rendered == path.read_text("utf-8")


@pytest.mark.parametrize("fmt, golden", [("html", "reports.html"), ("sarif", "reports.sarif.json"),
                                         ("junit", "reports.junit.xml")])
def test_golden(frozen, fmt, golden):
    assert_golden(golden, formatter(fmt)(frozen))


def test_formats_are_registered():
    assert {"html", "sarif", "junit"} <= set(FORMATS)


def test_sarif_is_valid_against_the_schema(frozen):
    log = json.loads(sarif.render_reports(frozen))
    jsonschema.Draft4Validator(json.loads(SCHEMA.read_text("utf-8"))).validate(log)


def test_sarif_one_result_per_failing_element_or_violation(frozen):
    run = json.loads(sarif.render_reports(frozen))["runs"][0]
    expected = sum(1 for r in frozen for e in r["elements"] if e["status"] in ("missing", "incorrect"))
    expected += sum(len(r["violations"]) for r in frozen)
    assert len(run["results"]) == expected
    assert {r["ruleId"] for r in run["results"]} <= {rule["id"] for rule in run["tool"]["driver"]["rules"]}
    assert all(r["locations"] for r in run["results"])
    assert run["invocations"][0]["executionSuccessful"] is False  # the unreadable file
    assert "tests/golden/missing.pdf" in run["invocations"][0]["toolExecutionNotifications"][0]["message"]["text"]


def test_sarif_real_catalog_one_rule_per_entry(reports):
    from checkers.catalog import load_catalog

    log = json.loads(sarif.render_reports(reports))
    jsonschema.Draft4Validator(json.loads(SCHEMA.read_text("utf-8"))).validate(log)
    by_id = {r["id"]: r for r in log["runs"][0]["tool"]["driver"]["rules"]}
    catalog = load_catalog()
    assert set(by_id) >= set(catalog.rules)
    assert all(catalog.rules[rid].citation in by_id[rid]["help"]["text"] for rid in catalog.rules)


def test_junit_one_case_per_element_per_file(frozen):
    root = ET.fromstring(junit.render_reports(frozen))
    suites = root.findall("testsuite")
    assert len(suites) == len(frozen)
    for suite, report in zip(suites, frozen):
        names = [c.get("name") for c in suite.findall("testcase")]
        for element in report["elements"]:
            assert names.count(element["id"]) == 1
        failing = sum(1 for e in report["elements"]
                      if e["status"] in ("missing", "incorrect") and e["level"] == "required")
        if report["status"] == "ok":
            assert int(suite.get("failures")) == failing + len(report["violations"])
        else:
            assert suite.get("errors") == "1"
    assert int(root.get("tests")) == sum(int(s.get("tests")) for s in suites)


def test_html_boxes_one_per_evidence_box_and_violation_colour(frozen):
    page = html.render_reports(frozen)
    shown = [e for r in frozen for e in [*r["elements"], *r["violations"]] if e.get("status") != "not_applicable"]
    boxes = sum(1 for e in shown for item in e["evidence"] if item["bbox"])
    assert page.count('<svg class="crop"') == boxes
    assert 'class="box violation"' in page and 'class="card violation"' in page
    assert "[carrier name]" in page and "{{" not in page  # clause wording made readable
    assert "What the law asks" in page and "What the law forbids" in page


def test_html_without_the_original_shows_quotes_only(frozen, tmp_path):
    report = copy.deepcopy(frozen[0])
    report["sha256"] = "0" * 64  # the file on disk is not the one checked: boxes would lie
    page = html.render_reports([report])
    assert "data:image/png" not in page and '<svg class="crop"' not in page
    assert report["elements"][0]["evidence"][0]["text"][:40] in page.replace("&#x27;", "'")


def test_html_real_library_offers_the_clause(reports):
    page = html.render_reports([reports[0]])
    assert "Clause that would satisfy it" in page and "<code>external_review</code>" in page


def test_fresh_check_renders_in_every_format(tmp_path):
    """End to end on the real engine: the views accept whatever check_file produces today."""
    from checkers.check import check_file

    report = check_file(str(GOLDEN / "grievance-decision.pdf"))
    for fmt in ("html", "sarif", "junit"):
        assert formatter(fmt)([report])
    jsonschema.Draft4Validator(json.loads(SCHEMA.read_text("utf-8"))).validate(
        json.loads(sarif.render_reports([report])))
