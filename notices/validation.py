"""Refusing invalid case data, with the law each missing or wrong field would break.

Why: a notice drafted from incomplete data is a noncompliant notice. Validation runs on every case
of a batch before anything is written; each refusal names the field and the requirement, taken
from `requirements.yaml` (rules are data), e.g.
"determination.failed_criteria: required by M.G.L. c.176O §12(d)(2)".
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml
from pydantic import ValidationError

from notices import deadlines
from notices.models import MODELS, Case, ConcurrentApproval, PcpDisenrollmentNotice

_PREFIXED = re.compile(r"^(?:Value error, )?([a-z_]+): (.*)$", re.S)


@dataclass(frozen=True)
class Refusal:
    """One reason a case cannot be rendered."""

    path: str
    problem: str
    cites: str

    def message(self) -> str:
        if self.problem == "missing":
            return f"{self.path}: required by {self.cites}"
        return f"{self.path}: {self.problem}; required by {self.cites}"


@functools.lru_cache(maxsize=1)
def requirements() -> dict[str, Any]:
    """requirements.yaml, parsed once."""
    return yaml.safe_load(resources.files("notices").joinpath("requirements.yaml").read_text("utf-8"))


def document_types() -> list[str]:
    """Every type the generator renders."""
    return list(requirements()["document_types"])


def field_rules(doc_type: str) -> dict[str, dict[str, Any]]:
    """Dotted path -> {cites, elements} for one document type (common fields included)."""
    spec = requirements()
    return {**spec["common"]["fields"], **spec["document_types"][doc_type]["fields"]}


def citation_for(doc_type: str, path: str) -> str:
    """The citation of the nearest listed path at or above `path` (list indices ignored)."""
    rules = field_rules(doc_type)
    parts = [p for p in path.split(".") if not p.isdigit()]
    while parts:
        rule = rules.get(".".join(parts))
        if rule:
            return rule["cites"]
        parts.pop()
    return requirements()["document_types"][doc_type].get("title", doc_type)


def _refusal(doc_type: str, loc: tuple[Any, ...], error_type: str, msg: str) -> Refusal:
    """Turn one pydantic error into a Refusal at the right path."""
    path_parts = [str(p) for p in loc]
    problem = "missing" if error_type == "missing" else msg
    prefixed = _PREFIXED.match(msg)
    if prefixed and error_type != "missing":
        path_parts.append(prefixed.group(1))
        problem = prefixed.group(2)
    problem = problem.removeprefix("Value error, ")
    path = ".".join(path_parts) or "(case)"
    return Refusal(path, problem, citation_for(doc_type, path))


def validate(doc_type: str, raw: dict[str, Any]) -> tuple[Case | None, list[Refusal]]:
    """Parse one case; return the model or every refusal (never both)."""
    if doc_type not in MODELS:
        return None, [Refusal("(type)", f"unknown document type {doc_type!r}", ", ".join(MODELS))]
    try:
        case = MODELS[doc_type].model_validate(raw)
    except ValidationError as error:
        return None, [_refusal(doc_type, e["loc"], e["type"], e["msg"]) for e in error.errors()]
    refusals = _legal_checks(doc_type, case)
    return (None, refusals) if refusals else (case, [])


def _legal_checks(doc_type: str, case: Case) -> list[Refusal]:
    """Rules across fields that no single field can check."""
    refusals: list[Refusal] = []
    if isinstance(case, PcpDisenrollmentNotice):
        latest = deadlines.compute("pcp_notice", case.change.departure_date).due_date
        if case.notice_date > latest:
            refusals.append(
                Refusal(
                    "change.departure_date",
                    f"must be at least 30 days after notice_date {case.notice_date} (notice due by {latest})",
                    citation_for(doc_type, "change.departure_date"),
                )
            )
    if isinstance(case, ConcurrentApproval) and case.admission_date > case.notice_date:
        refusals.append(Refusal("admission_date", "is after notice_date", citation_for(doc_type, "admission_date")))
    return refusals


def timeliness_warnings(case: Case, cal: deadlines.MassachusettsCalendar) -> list[str]:
    """Late notices are still sent (late is better than never) but the user is told."""
    warnings: list[str] = []
    phone = getattr(getattr(case, "determination", None), "phone_notice", None) or getattr(case, "phone_notice", None)
    if phone is not None:
        rule = "concurrent_written_confirmation" if isinstance(case, ConcurrentApproval) else "ur_written_confirmation_adverse"
        due = deadlines.compute(rule, phone, cal).due_date
        if case.notice_date > due:
            warnings.append(f"{case.case_id}: notice_date {case.notice_date} is after the written confirmation deadline {due} ({deadlines.load_rules()[rule].cites})")
    grievance = getattr(case, "grievance", None)
    if grievance is not None:
        rule = "expedited_grievance_resolution" if grievance.expedited else "grievance_resolution"
        due = deadlines.compute(rule, grievance.received_date, cal).due_date
        if case.determination.decision_date > due:
            warnings.append(f"{case.case_id}: decision after the {due} deadline: the grievance is resolved in the member's favour (958 CMR 3.311)")
    return warnings
