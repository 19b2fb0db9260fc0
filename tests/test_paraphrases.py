"""Each element and violation said in other words than the corpus and the rule fixtures use.

tests/fixtures/paraphrases.txt: element | expected status | text (checked with its type forced);
tests/fixtures/violation_paraphrases.txt: violation | found or absent | text (checked as an EOC).
"""

from pathlib import Path

import pytest

from conftest import element

TYPES = {"ad": "adverse_determination", "gd": "grievance_decision", "eoc": "evidence_of_coverage",
         "e911": "emergency_911_statement", "ca": "concurrent_approval", "pcp": "pcp_disenrollment_notice"}


def _cases(name: str) -> list:
    """The file's lines as (id, expected, text) parameters, each named after its id."""
    lines = (Path(__file__).parent / "fixtures" / name).read_text(encoding="utf-8").splitlines()
    rows = [tuple(part.strip() for part in line.split("|", 2)) for line in lines
            if line.strip() and not line.startswith("#")]
    return [pytest.param(*row, id=f"{row[0]}-{i}") for i, row in enumerate(rows)]


@pytest.mark.parametrize("eid,status,text", _cases("paraphrases.txt"))
def test_paraphrase(check_text, eid: str, status: str, text: str) -> None:
    report = check_text(text, TYPES[eid.split(".")[0]])
    assert element(report, eid)["status"] == status


@pytest.mark.parametrize("vid,expected,text", _cases("violation_paraphrases.txt"))
def test_violation_paraphrase(check_text, vid: str, expected: str, text: str) -> None:
    found = vid in [v["id"] for v in check_text(text, "evidence_of_coverage")["violations"]]
    assert found is (expected == "found")
