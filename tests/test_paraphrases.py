"""Each element said in other words than the corpus and the rule fixtures use (tests/fixtures/paraphrases.txt)."""

from pathlib import Path

import pytest

from conftest import element

TYPES = {"ad": "adverse_determination", "gd": "grievance_decision", "eoc": "evidence_of_coverage",
         "e911": "emergency_911_statement", "ca": "concurrent_approval", "pcp": "pcp_disenrollment_notice"}
LINES = [line.split("|", 2) for line in
         (Path(__file__).parent / "fixtures" / "paraphrases.txt").read_text(encoding="utf-8").splitlines()
         if line.strip() and not line.startswith("#")]


@pytest.mark.parametrize("eid,status,text", [tuple(x.strip() for x in line) for line in LINES],
                         ids=[f"{line[0].strip()}-{i}" for i, line in enumerate(LINES)])
def test_paraphrase(check_text, eid: str, status: str, text: str) -> None:
    report = check_text(text, TYPES[eid.split(".")[0]])
    assert element(report, eid)["status"] == status


VIOLATIONS = [line.split("|", 2) for line in
              (Path(__file__).parent / "fixtures" / "violation_paraphrases.txt").read_text(encoding="utf-8").splitlines()
              if line.strip() and not line.startswith("#")]


@pytest.mark.parametrize("vid,expected,text", [tuple(x.strip() for x in line) for line in VIOLATIONS],
                         ids=[f"{line[0].strip()}-{i}" for i, line in enumerate(VIOLATIONS)])
def test_violation_paraphrase(check_text, vid: str, expected: str, text: str) -> None:
    found = vid in [v["id"] for v in check_text(text, "evidence_of_coverage")["violations"]]
    assert found is (expected == "found")
