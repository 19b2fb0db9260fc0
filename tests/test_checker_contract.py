"""The public contract: catalog ids, the JSON report schema, exit codes, rules/explain commands."""

from __future__ import annotations

import json
import subprocess
import sys

import yaml

from checkers.catalog import load_catalog
from conftest import REPO

CONTRACT = yaml.safe_load((REPO / "checkers/rules/contract-elements.yaml").read_text(encoding="utf-8"))
NOTICES = [sys.executable, "-m", "notices.cli"]
REPORT_KEYS = {"schema", "path", "sha256", "catalog_version", "status", "reason", "document_type", "verdict",
               "pages", "elements", "violations"}
ELEMENT_KEYS = {"id", "status", "level", "citation", "message", "evidence"}
EVIDENCE_KEYS = {"page", "text", "bbox"}


def notices(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*NOTICES, *args], capture_output=True, text=True, cwd=REPO, timeout=300)


def test_catalog_keeps_every_contract_id_level_and_citation():
    catalog = load_catalog()
    assert set(catalog.document_types) == set(CONTRACT["document_types"])
    for tid, spec in CONTRACT["document_types"].items():
        ours = {r.id: r for r in catalog.document_types[tid].elements}
        assert list(ours) == list(spec["elements"])
        for eid, element in spec["elements"].items():
            assert ours[eid].level == element["level"]
            assert ours[eid].citation == element["cites"]
    assert [v.id for v in catalog.violations] == list(CONTRACT["violations"])


def test_json_report_has_exactly_the_contract_keys(tmp_path):
    doc = tmp_path / "denial.txt"
    doc.write_text("Harbor Health Plan. We have denied your request for an MRI of the knee. "
                   "You may appeal by calling 1-800-555-0101.", encoding="utf-8")
    result = notices("check", str(doc), "--format", "json")
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1
    report = json.loads(lines[0])
    assert set(report) == REPORT_KEYS
    assert report["schema"] == "notices.check/1" and report["status"] == "ok"
    assert report["document_type"] == "adverse_determination" and report["verdict"] == "noncompliant"
    contract_ids = list(CONTRACT["document_types"]["adverse_determination"]["elements"])
    assert [e["id"] for e in report["elements"]] == contract_ids
    for element in report["elements"]:
        assert set(element) == ELEMENT_KEYS
        assert element["status"] in {"present", "missing", "incorrect", "not_applicable"}
        for item in element["evidence"]:
            assert set(item) == EVIDENCE_KEYS and item["page"] == 1
    assert result.returncode == 1


def test_exit_codes(tmp_path):
    assert notices("check", str(tmp_path / "nowhere.pdf")).returncode == 2
    assert notices("check", "--type", "no_such_type", str(REPO / "README.md")).returncode == 2
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    result = notices("check", str(empty), "--format", "json")
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert report["status"] == "error" and report["reason"] == "empty file" and report["verdict"] is None


def test_unrelated_document_has_no_type_and_says_why(tmp_path):
    doc = tmp_path / "menu.txt"
    doc.write_text("Lincoln Elementary lunch menu. Monday: pasta. Tuesday: tacos. Wednesday: soup.", encoding="utf-8")
    report = json.loads(notices("check", str(doc), "--format", "json").stdout)
    assert report["document_type"] is None and report["verdict"] is None
    assert report["elements"] == [] and "not a health-coverage document" in report["reason"]


def test_type_override(tmp_path):
    doc = tmp_path / "letter.txt"
    doc.write_text("We have denied your request for physical therapy.", encoding="utf-8")
    report = json.loads(notices("check", str(doc), "--format", "json", "--type", "pcp_disenrollment_notice").stdout)
    assert report["document_type"] == "pcp_disenrollment_notice"
    assert [e["id"] for e in report["elements"]][0] == "pcp.departure_date"


def test_rules_and_explain():
    listing = notices("rules", "--type", "concurrent_approval").stdout
    assert "ca.total_approved" in listing and "ad." not in listing
    explained = notices("explain", "ad.opp_contact")
    assert explained.returncode == 0
    assert "c.176O s.13(a)(3)" in explained.stdout and "wrong_phone" in explained.stdout
    assert notices("explain", "ad.nothing").returncode == 2
