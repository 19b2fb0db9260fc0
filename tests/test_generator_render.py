"""Rendering: valid DOCX for every sample and for hostile data, rights text by funding, stable text."""

from __future__ import annotations

import copy
import io
import zipfile
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from docx import Document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from notices.models import AdverseDetermination, xml_safe
from notices.rendering import Renderer, docx_text
from notices.samples import doc_type_of, load_sample, sample_files
from notices.validation import validate

RENDERER = Renderer()
LANGUAGES = ["Arabic", "Khmer", "Chinese", "French", "Greek", "Haitian Creole", "Italian", "Lao", "Portuguese", "Russian", "Spanish"]


def _render(doc_type: str, data: dict[str, Any]) -> str:
    case, refusals = validate(doc_type, data)
    assert case is not None, [r.message() for r in refusals]
    blob = RENDERER.render(doc_type, case)
    Document(io.BytesIO(blob))  # opens as a Word document
    with zipfile.ZipFile(io.BytesIO(blob)) as archive:
        assert archive.testzip() is None
    return docx_text(blob)


def _sample(name: str) -> dict[str, Any]:
    return load_sample(next(p for p in sample_files() if p.name == name))


@pytest.mark.parametrize("path", sample_files(), ids=lambda p: p.name)
def test_every_sample_renders_without_leftover_tags(path) -> None:
    text = _render(doc_type_of(path), load_sample(path))
    assert "{{" not in text and "{%" not in text
    assert "911" in text


@pytest.mark.parametrize("path", [p for p in sample_files() if doc_type_of(p) not in {"emergency_911_statement"}], ids=lambda p: p.name)
def test_language_statement_in_english_and_eleven_languages(path) -> None:
    text = _render(doc_type_of(path), load_sample(path))
    for language in LANGUAGES:
        assert f"({language}):" in text
    assert "Free language help" in text


def test_fully_insured_prints_opp_external_review() -> None:
    text = _render("adverse_determination", _sample("adverse_determination.prospective.yaml"))
    assert "Office of Patient Protection" in text and "1-800-436-7757" in text
    assert "$25" in text and "4 months" in text and "30 business days" in text and "72 hours" in text
    assert "50 Milk Street, 8th Floor" in text and "617-624-5046" in text and "www.mass.gov/hpc/opp" in text
    assert "Department of Public Health" not in text and "Continuation of services" not in text


def test_self_funded_has_federal_route_and_no_opp_review() -> None:
    text = _render("adverse_determination", _sample("adverse_determination.self_funded.yaml"))
    assert "1-800-436-7757" not in text and "$25" not in text
    assert "federal law" in text and "1-866-444-3272" in text and "502(a)" in text


def test_one_care_has_ombudsman_block() -> None:
    text = _render("adverse_determination", _sample("adverse_determination.one_care.yaml"))
    assert "One Care Ombudsman" in text and "(855) 781-9898" in text and "11 Dartmouth Street, Suite 301" in text
    assert "1-800-436-7757" not in text


def test_concurrent_denial_prints_continuation_of_services() -> None:
    text = _render("adverse_determination", _sample("adverse_determination.concurrent.yaml"))
    assert "Continuation of services" in text and "second business day" in text


def test_grievance_decision_prints_computed_dates() -> None:
    text = _render("grievance_decision", _sample("grievance_decision.fully_insured.yaml"))
    assert "Thursday, April 16, 2026" in text  # 30 business days from 5 March 2026
    assert "Sunday, August 9, 2026" in text  # 4 months from 9 April 2026
    assert "Monday, April 13, 2026" in text  # end of the 2nd business day
    assert "I attest" in text


def test_pcp_notice_prints_continued_coverage_date() -> None:
    text = _render("pcp_disenrollment_notice", _sample("pcp_disenrollment_notice.involuntary.yaml"))
    assert "Thursday, July 30, 2026" in text and "first postpartum visit" in text


def test_911_statement_cites_the_carriers_chapter() -> None:
    data = _sample("emergency_911_statement.brochure.yaml")
    assert "M.G.L. c.176B, §4U(e)" in _render("emergency_911_statement", data)
    data["carrier"]["licence_chapter"] = "c.176I"
    text = _render("emergency_911_statement", data)
    assert "M.G.L. c.176I, §3" in text and "covered person" in text


def test_markup_characters_and_unicode_give_a_valid_docx() -> None:
    data = _sample("adverse_determination.prospective.yaml")
    hostile = 'Smith & Sons <b>"quoted"</b> \'it\'s\' {{ x }} {% if %} ]]> \u202e Zoë 李 عربى 🩺 ' + "x" * 5000
    data["member"]["name"] = hostile
    data["determination"]["failed_criteria"] = hostile
    data["determination"]["information_relied_on"] = [hostile, "&amp;"]
    text = _render("adverse_determination", data)
    assert hostile in text and "&amp;" in text


def test_same_case_renders_to_the_same_text_twice() -> None:
    data = _sample("grievance_decision.fully_insured.yaml")
    assert _render("grievance_decision", data) == _render("grievance_decision", copy.deepcopy(data))


SAFE_TEXT = st.text(st.characters(), min_size=1, max_size=80).filter(lambda s: xml_safe(s).strip())


@st.composite
def adverse_cases(draw: st.DrawFn) -> dict[str, Any]:
    """Random valid adverse determinations: any text, any review type, funding and chapter."""
    data = _sample("adverse_determination.prospective.yaml")
    decided = draw(st.dates(date(2024, 1, 1), date(2030, 12, 1)))
    data["case_id"] = "AD-" + draw(st.from_regex(r"[A-Za-z0-9]{1,20}", fullmatch=True))
    data["notice_date"] = decided + timedelta(days=1)
    data["plan"]["funding"] = draw(st.sampled_from(["fully_insured", "self_funded", "one_care"]))
    data["carrier"]["licence_chapter"] = draw(st.sampled_from(["c.175", "c.176A", "c.176B", "c.176G", "c.176I", "c.118E"]))
    data["carrier"]["name"] = draw(SAFE_TEXT)
    data["member"]["name"] = draw(SAFE_TEXT)
    data["request"]["service"] = draw(SAFE_TEXT)
    data["request"]["review_type"] = draw(st.sampled_from(["prospective", "concurrent", "retrospective"]))
    data["request"]["ongoing_services"] = draw(st.booleans())
    det = data["determination"]
    det["decision"] = draw(st.sampled_from(["denied", "reduced", "modified", "terminated"]))
    det["decision_date"] = decided
    det["phone_notice"] = datetime.combine(decided, datetime.min.time()) + timedelta(hours=draw(st.integers(8, 17)))
    det["information_relied_on"] = draw(st.lists(SAFE_TEXT, min_size=1, max_size=4))
    for key in ("presenting_condition", "diagnosis", "treatments", "failed_criteria"):
        det[key] = draw(SAFE_TEXT)
    det["alternative_treatment"] = draw(st.none() | SAFE_TEXT)
    det["criteria"] = {"name": draw(SAFE_TEXT), "text": draw(st.none() | SAFE_TEXT), "enclosed": True}
    return data


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(adverse_cases())
def test_random_valid_cases_render_to_valid_docx(data: dict[str, Any]) -> None:
    case, refusals = validate("adverse_determination", data)
    assert isinstance(case, AdverseDetermination), [r.message() for r in refusals]
    text = _render("adverse_determination", data)
    assert case.determination.failed_criteria in text and case.carrier.toll_free in text


def test_control_characters_from_spreadsheets_are_replaced() -> None:
    data = _sample("adverse_determination.prospective.yaml")
    data["member"]["name"] = "Ann\x0bLee\x00"
    assert "Ann Lee" in _render("adverse_determination", data)
