"""A pass and a fail fixture for every element and violation (tests/fixtures/elements.yaml)."""

from __future__ import annotations

import yaml
import pytest

from checkers.catalog import load_catalog
from conftest import REPO, element

FIXTURES = yaml.safe_load((REPO / "tests/fixtures/elements.yaml").read_text(encoding="utf-8"))
ELEMENT_CASES = [(dtype, eid, spec) for dtype, entries in FIXTURES.items() if dtype != "violations"
                 for eid, spec in entries.items()]
VIOLATION_CASES = list(FIXTURES["violations"].items())


def test_every_rule_has_fixtures():
    catalog = load_catalog()
    have = {eid for _, eid, _ in ELEMENT_CASES} | {vid for vid, _ in VIOLATION_CASES}
    assert have == set(catalog.rules)
    for _, eid, spec in ELEMENT_CASES:
        assert spec.get("pass") and spec.get("fail"), eid
    for vid, spec in VIOLATION_CASES:
        assert spec.get("pass") and spec.get("fail"), vid


@pytest.mark.parametrize("dtype,eid,spec", ELEMENT_CASES, ids=[c[1] + "-pass" for c in ELEMENT_CASES])
def test_element_pass(check_text, dtype, eid, spec):
    found = element(check_text(spec["pass"], dtype), eid)
    assert found["status"] == "present", found["message"]
    assert found["evidence"] and found["evidence"][0]["page"] == 1


@pytest.mark.parametrize("dtype,eid,spec", ELEMENT_CASES, ids=[c[1] + "-fail" for c in ELEMENT_CASES])
def test_element_fail(check_text, dtype, eid, spec):
    found = element(check_text(spec["fail"], dtype), eid)
    assert found["status"] == spec.get("fail_status", "missing"), found["message"]


INCORRECT_CASES = [c for c in ELEMENT_CASES if "fail_incorrect" in c[2]]


@pytest.mark.parametrize("dtype,eid,spec", INCORRECT_CASES, ids=[c[1] + "-incorrect" for c in INCORRECT_CASES])
def test_element_incorrect(check_text, dtype, eid, spec):
    found = element(check_text(spec["fail_incorrect"], dtype), eid)
    assert found["status"] == "incorrect", found["message"]


NA_CASES = [c for c in ELEMENT_CASES if "not_applicable" in c[2]]


@pytest.mark.parametrize("dtype,eid,spec", NA_CASES, ids=[c[1] + "-na" for c in NA_CASES])
def test_element_not_applicable(check_text, dtype, eid, spec):
    assert element(check_text(spec["not_applicable"], dtype), eid)["status"] == "not_applicable"


@pytest.mark.parametrize("vid,spec", VIOLATION_CASES, ids=[v + "-pass" for v, _ in VIOLATION_CASES])
def test_violation_found(check_text, vid, spec):
    report = check_text(spec["pass"], spec["type"])
    assert vid in {v["id"] for v in report["violations"]}
    assert report["verdict"] == "noncompliant"


@pytest.mark.parametrize("vid,spec", VIOLATION_CASES, ids=[v + "-fail" for v, _ in VIOLATION_CASES])
def test_violation_not_found(check_text, vid, spec):
    assert vid not in {v["id"] for v in check_text(spec["fail"], spec["type"])["violations"]}


def test_a_type_whose_core_names_a_stranger_element_is_refused():
    import dataclasses
    from checkers.catalog import CatalogError, validate
    catalog = load_catalog()
    ad = catalog.document_types["adverse_determination"]
    broken = dataclasses.replace(catalog, document_types={**catalog.document_types,
                                                          "adverse_determination": dataclasses.replace(ad, core=("gd.decision_reason",))})
    with pytest.raises(CatalogError, match="core names element"):
        validate(broken)
    validate(catalog)
