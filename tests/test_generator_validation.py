"""Invalid case data is refused before anything is written, naming the field and the law."""

from __future__ import annotations

import copy
import csv
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from pydantic import BaseModel

from notices.cli import main
from notices.models import MODELS
from notices.samples import doc_type_of, load_sample, sample_files
from notices.validation import citation_for, field_rules, validate

SAMPLES = {doc_type_of(p): p for p in reversed(sample_files())}


def _is_required(model: type[BaseModel], dotted: str) -> bool:
    """True when the path has no default at every level (removing it must be refused)."""
    current: Any = model
    for part in dotted.split("."):
        field = current.model_fields[part]
        if not field.is_required():
            return False
        annotation = field.annotation
        current = next((a for a in (annotation, *getattr(annotation, "__args__", ())) if isinstance(a, type) and issubclass(a, BaseModel)), None)
    return True


def _required_fields() -> list[tuple[str, str]]:
    return [
        (doc_type, path)
        for doc_type in MODELS
        for path in field_rules(doc_type)
        if _is_required(MODELS[doc_type], path)
    ]


def _without(data: dict[str, Any], dotted: str) -> dict[str, Any]:
    trimmed = copy.deepcopy(data)
    *parents, leaf = dotted.split(".")
    target = trimmed
    for part in parents:
        target = target[part]
    del target[leaf]
    return trimmed


def test_every_sample_is_valid() -> None:
    for path in sample_files():
        case, refusals = validate(doc_type_of(path), load_sample(path))
        assert case is not None, [r.message() for r in refusals]


@pytest.mark.parametrize(("doc_type", "path"), _required_fields(), ids=lambda v: v)
def test_removing_a_required_field_is_refused_with_its_citation(doc_type: str, path: str) -> None:
    case, refusals = validate(doc_type, _without(load_sample(SAMPLES[doc_type]), path))
    assert case is None
    expected = f"{path}: required by {citation_for(doc_type, path)}"
    assert expected in [r.message() for r in refusals]


def test_message_names_field_and_statute() -> None:
    data = _without(load_sample(SAMPLES["adverse_determination"]), "determination.failed_criteria")
    _, refusals = validate("adverse_determination", data)
    assert [r.message() for r in refusals] == ["determination.failed_criteria: required by M.G.L. c.176O §12(d)(2)"]


@pytest.mark.parametrize(
    ("doc_type", "change", "path", "cites"),
    [
        ("adverse_determination", {"carrier": {"toll_free": "617-555-1212"}}, "carrier.toll_free", "c.176O §13(a)(3)"),
        ("adverse_determination", {"determination": {"criteria": {"name": "MCG", "text": None, "enclosed": False}}}, "determination.criteria", "§12(d)(4)"),
        ("adverse_determination", {"determination": {"information_relied_on": []}}, "determination.information_relied_on", "§12(d)(1)"),
        ("adverse_determination", {"determination": {"failed_criteria": "   "}}, "determination.failed_criteria", "§12(d)(2)"),
        ("grievance_decision", {"attestation": {"no_prior_involvement": False}}, "attestation.no_prior_involvement", "3.306(1)"),
        ("grievance_decision", {"determination": {"alternative_providers": []}}, "determination.alternative_providers", "3.307"),
        ("pcp_disenrollment_notice", {"change": {"departure_date": "2026-05-20"}}, "change.departure_date", "c.176O §15(a)"),
        ("pcp_disenrollment_notice", {"change": {"reason": "quality"}}, "change.reason", "§15(a)"),
        ("concurrent_approval", {"extended_days": None, "next_review_date": None}, "extended_days", "§12(c)"),
    ],
)
def test_invalid_values_are_refused(doc_type: str, change: dict[str, Any], path: str, cites: str) -> None:
    data = load_sample(SAMPLES[doc_type])
    _merge(data, change)
    case, refusals = validate(doc_type, data)
    assert case is None
    hits = [r for r in refusals if r.path == path]
    assert hits and cites in hits[0].message(), [r.message() for r in refusals]


def test_unknown_field_is_refused() -> None:
    data = load_sample(SAMPLES["adverse_determination"])
    data["determination"]["failed_criterion"] = "typo"
    case, refusals = validate("adverse_determination", data)
    assert case is None and refusals[0].path == "determination.failed_criterion"


def _merge(target: dict[str, Any], change: dict[str, Any]) -> None:
    for key, value in change.items():
        if isinstance(value, dict) and isinstance(target.get(key), dict):
            _merge(target[key], value)
        else:
            target[key] = value


def test_cli_refuses_batch_with_one_bad_case_and_writes_nothing(tmp_path: Path) -> None:
    good = load_sample(SAMPLES["adverse_determination"])
    bad = _without(good, "determination.information_relied_on")
    bad["case_id"] = "AD-BAD-1"
    data = tmp_path / "cases.json"
    data.write_text(json.dumps([good, bad], default=str))
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["render", "adverse_determination", "--data", str(data), "-o", str(out), "--format", "docx"])
    assert result.exit_code == 2
    assert "determination.information_relied_on: required by M.G.L. c.176O §12(d)(1)" in result.output
    assert not out.exists() or not any(out.iterdir())


def test_cli_refuses_duplicate_case_ids(tmp_path: Path) -> None:
    good = load_sample(SAMPLES["emergency_911_statement"])
    data = tmp_path / "cases.yaml"
    data.write_text(yaml.safe_dump([good, good]))
    result = CliRunner().invoke(main, ["render", "emergency_911_statement", "--data", str(data), "-o", str(tmp_path / "o"), "--format", "docx"])
    assert result.exit_code == 2 and "more than once" in result.output


def _flatten(data: dict[str, Any], prefix: str = "") -> dict[str, str]:
    flat: dict[str, str] = {}
    for key, value in data.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, name + "."))
        elif isinstance(value, list):
            flat[name] = json.dumps(value, default=str)
        else:
            flat[name] = "" if value is None else str(value)
    return flat


def test_csv_and_jsonl_inputs_render_many_cases(tmp_path: Path) -> None:
    base = load_sample(SAMPLES["adverse_determination"])
    rows = []
    for n in range(3):
        case = copy.deepcopy(base)
        case["case_id"] = f"AD-CSV-{n}"
        rows.append(_flatten(case))
    csv_path = tmp_path / "cases.csv"
    with csv_path.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    jsonl_path = tmp_path / "cases.jsonl"
    jsonl_path.write_text("\n".join(json.dumps({**base, "case_id": f"AD-JL-{n}"}, default=str) for n in range(2)))
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["render", "adverse_determination", "--data", str(csv_path), "--data", str(jsonl_path), "-o", str(out), "--format", "docx"])
    assert result.exit_code == 0, result.output
    assert len(list(out.glob("*.docx"))) == 5
    assert not [p for p in out.iterdir() if p.name.startswith(".")]
