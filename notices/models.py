"""Case data: one pydantic model per document type, built from shared parts.

Why strict models: a notice that leaves out what the law requires must be impossible to produce, so
every field a required element needs is required here (no defaults), free text must be non-blank,
and values the law fixes (a toll-free number, a criteria text or enclosure) are checked. The
messages users see do not come from here: `notices.validation` maps each error location to the
citation in `requirements.yaml`.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from enum import StrEnum
from typing import Any, Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, model_validator

XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(value: str) -> str:
    """Replace characters XML 1.0 cannot hold (control codes from spreadsheets, lone surrogates);
    carriage returns become newlines, as an XML parser would make them anyway.

    Why here: they would make docxtpl write a corrupt DOCX; a space keeps every other character."""
    return XML_ILLEGAL.sub(" ", value.replace("\r\n", "\n").replace("\r", "\n"))


def clean_text(value: str) -> str:
    """Free text: XML-safe, trimmed, and not blank (a blank rationale is a missing rationale)."""
    cleaned = xml_safe(value).strip()
    if not cleaned:
        raise ValueError("must not be blank")
    return cleaned


Text = Annotated[str, AfterValidator(clean_text)]
TOLL_FREE_PREFIXES = ("800", "888", "877", "866", "855", "844", "833")


class Strict(BaseModel):
    """Unknown keys are refused: a misspelt field must not silently drop a required element."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class LicenceChapter(StrEnum):
    """The chapter the carrier is licensed under: it decides the 911 statement's citation."""

    c175 = "c.175"
    c176A = "c.176A"
    c176B = "c.176B"
    c176G = "c.176G"
    c176I = "c.176I"
    c118E = "c.118E"


class Funding(StrEnum):
    """Which external review route the member has (OPP, federal, or One Care)."""

    fully_insured = "fully_insured"
    self_funded = "self_funded"
    one_care = "one_care"


class ReviewType(StrEnum):
    prospective = "prospective"
    concurrent = "concurrent"
    retrospective = "retrospective"


def toll_free(value: str) -> str:
    """A US toll-free number (c.176O §13(a)(3)): a local-only number does not satisfy the law."""
    digits = re.sub(r"\D", "", value)
    if digits.startswith("1"):
        digits = digits[1:]
    if len(digits) != 10 or not digits.startswith(TOLL_FREE_PREFIXES):
        raise ValueError(f"{value!r} is not a toll-free number ({', '.join(TOLL_FREE_PREFIXES)})")
    return f"1-{digits[:3]}-{digits[3:6]}-{digits[6:]}"


TollFree = Annotated[str, AfterValidator(toll_free)]


class Address(Strict):
    street: Text
    city: Text
    state: Annotated[str, StringConstraints(strip_whitespace=True, min_length=2, max_length=2)]
    zip: Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^\d{5}(-\d{4})?$")]

    @property
    def one_line(self) -> str:
        return f"{self.street}, {self.city}, {self.state} {self.zip}"


class Carrier(Strict):
    name: Text
    licence_chapter: LicenceChapter
    toll_free: TollFree
    tty: Text = "711"
    grievance_address: Address
    website: Text | None = None
    grievance_fax: Text | None = None
    grievance_email: Text | None = None


class Plan(Strict):
    name: Text
    funding: Funding
    group_number: Text | None = None


class Member(Strict):
    name: Text
    member_id: Text
    address: Address


class Provider(Strict):
    name: Text
    address: Address | None = None
    npi: Annotated[str, StringConstraints(pattern=r"^\d{10}$")] | None = None


class Code(Strict):
    """A diagnosis or treatment code with its meaning (DOI Bulletin 2016-02)."""

    system: Literal["ICD-10-CM", "ICD-10-PCS", "CPT", "HCPCS", "NDC", "Revenue"]
    code: Text
    meaning: Text


class Request(Strict):
    service: Text
    review_type: ReviewType
    received_date: date
    service_start: date
    service_end: date | None = None
    claim_number: Text | None = None
    codes: list[Code] = Field(min_length=1)
    ongoing_services: bool = False
    inpatient: bool = False

    @model_validator(mode="before")
    @classmethod
    def _concurrent_means_ongoing(cls, data: Any) -> Any:
        """A concurrent review is of care already under way: its denial must carry the
        continuation-of-services rights (c.176O §12(c), 958 CMR 3.312) whatever the flag says."""
        if isinstance(data, dict) and str(data.get("review_type")) == "concurrent":
            data = {**data, "ongoing_services": True}
        return data


class Criteria(Strict):
    """c.176O §12(d)(4): the criteria must be referenced AND included (text here, or enclosed)."""

    name: Text
    text: Text | None = None
    enclosed: bool = False

    @model_validator(mode="after")
    def _included(self) -> "Criteria":
        if not self.text and not self.enclosed:
            raise ValueError("give the criteria text or set enclosed: true")
        return self


class ClinicalBasis(Strict):
    """What c.176O §12(d) and 958 CMR 3.307(2) require of any adverse decision: the information
    relied on, the member's condition, diagnosis and treatments, why they fail the criteria, the
    alternative offered, and the criteria themselves."""

    information_relied_on: list[Text] = Field(min_length=1)
    presenting_condition: Text
    diagnosis: Text
    treatments: Text
    failed_criteria: Text
    alternative_treatment: Text | None
    criteria: Criteria


class Determination(ClinicalBasis):
    """The four parts of c.176O §12(d) plus the decision itself."""

    decision: Literal["denied", "reduced", "modified", "terminated"]
    decision_date: date
    phone_notice: datetime


class Reviewer(Strict):
    name: Text
    credentials: Text
    licence: Text
    specialty: Text


class Case(Strict):
    """Fields every notice has."""

    case_id: Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^[A-Za-z0-9._-]{1,64}$")]
    notice_date: date
    carrier: Carrier
    plan: Plan


class AdverseDetermination(Case):
    member: Member
    provider: Provider
    request: Request
    determination: Determination
    reviewer: Reviewer


class Grievance(Strict):
    received_date: date
    expedited: bool = False
    filed_by: Text


class Attestation(Strict):
    """958 CMR 3.306: each statement must be true for the decision to be lawful."""

    no_prior_involvement: Literal[True]
    not_subordinate: Literal[True]
    no_conflict_of_interest: Literal[True]
    same_or_similar_specialty: Literal[True]
    signed_by: Text
    signed_date: date


class GrievanceDetermination(ClinicalBasis):
    """The decision on the grievance (958 CMR 3.307) on the same clinical basis."""

    decision: Literal["upheld", "partially upheld"]
    decision_date: date
    reasons: Text
    alternative_providers: list[Text] = Field(default_factory=list)

    @model_validator(mode="after")
    def _providers_with_alternative(self) -> "GrievanceDetermination":
        if self.alternative_treatment and not self.alternative_providers:
            raise ValueError("alternative_providers: name providers taking new patients (958 CMR 3.307(2)(f))")
        return self


class GrievanceDecision(Case):
    member: Member
    provider: Provider
    request: Request
    grievance: Grievance
    determination: GrievanceDetermination
    reviewer: Reviewer
    attestation: Attestation


class CostShare(Strict):
    service: Text
    in_network: Text
    out_of_network: Text


class Coverage(Strict):
    """The plan-specific content of c.176O §6(a); the rest comes from the clause library."""

    effective_date: date
    covered_services: list[Text] = Field(min_length=1)
    premium: Text
    grace_period: Text
    cost_sharing: list[CostShare] = Field(min_length=1)
    limitations: list[Text] = Field(min_length=1)
    preexisting_condition_limits: Text | None
    service_area: Text
    how_to_get_care: Text
    disenrollment_criteria: list[Text] = Field(min_length=1)
    involuntary_disenrollment_rate: Annotated[float, Field(ge=0, le=100)]
    out_of_network_referrals: Text
    out_of_network_charges: Text
    utilization_review: Text
    quality_assurance: Text
    formulary_exclusions: list[Text]
    formulary_toll_free: TollFree
    experimental_treatment: Text


class EvidenceOfCoverage(Case):
    coverage: Coverage


class PrintedMaterial(Strict):
    title: Text
    kind: Literal["brochure", "contract", "policy manual", "member handbook", "printed material"]


class EmergencyStatement(Case):
    material: PrintedMaterial


class ConcurrentApproval(Case):
    member: Member
    provider: Provider
    service: Text
    admission_date: date
    phone_notice: datetime
    extended_days: Annotated[int, Field(ge=1)] | None = None
    next_review_date: date | None = None
    total_approved: Annotated[int, Field(ge=1)]
    approved_unit: Literal["days", "visits", "services", "units"]

    @model_validator(mode="after")
    def _extension_given(self) -> "ConcurrentApproval":
        if self.extended_days is None and self.next_review_date is None:
            raise ValueError("extended_days: give extended_days or next_review_date")
        return self


class PcpChange(Strict):
    pcp: Provider
    departure_date: date
    reason: Literal["voluntary", "involuntary"]
    new_pcp_instructions: Text
    suggested_pcps: list[Text] = Field(default_factory=list)


class PcpDisenrollmentNotice(Case):
    member: Member
    change: PcpChange


MODELS: dict[str, type[Case]] = {
    "adverse_determination": AdverseDetermination,
    "grievance_decision": GrievanceDecision,
    "evidence_of_coverage": EvidenceOfCoverage,
    "emergency_911_statement": EmergencyStatement,
    "concurrent_approval": ConcurrentApproval,
    "pcp_disenrollment_notice": PcpDisenrollmentNotice,
}
"""Document type (the catalog's id, and the template's file name) -> case model."""
