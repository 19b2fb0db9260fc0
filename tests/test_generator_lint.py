"""`notices lint-templates`: the shipped templates are clean; broken ones fail with rule ids and citations."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document
from docx.oxml.ns import qn

from notices.cli import main
from notices.rendering import templates_dir
from notices.template_lint import lint_directory


@pytest.fixture()
def template_copy(tmp_path: Path) -> Path:
    target = tmp_path / "templates"
    shutil.copytree(templates_dir(), target)
    return target


def _edit(path: Path, old: str, new: str) -> None:
    """Replace text inside one run of a template (keeps the document otherwise intact)."""
    doc = Document(str(path))
    for text in doc.element.body.iter(qn("w:t")):
        if text.text and old in text.text:
            text.text = text.text.replace(old, new)
            doc.save(str(path))
            return
    raise AssertionError(f"{old!r} not found in {path.name}")


def test_shipped_templates_are_clean() -> None:
    assert lint_directory(templates_dir()) == []
    result = CliRunner().invoke(main, ["lint-templates"])
    assert result.exit_code == 0 and "templates OK" in result.output


def test_removed_clause_breaks_the_closed_loop_with_citations(template_copy: Path) -> None:
    _edit(template_copy / "adverse_determination.docx", "for paragraph in clauses.external_review", "for paragraph in clauses.representative")
    result = CliRunner().invoke(main, ["lint-templates", str(template_copy)])
    assert result.exit_code == 1
    assert "[lint.element_missing] ad.external_review (required)" in result.output
    assert "c.176O s.13(a)(2), s.14; 958 CMR 3.400" in result.output
    assert "[lint.clause_not_used] clause external_review" in result.output


def test_undefined_name_and_syntax_error(template_copy: Path) -> None:
    _edit(template_copy / "concurrent_approval.docx", "{{ total_approved }}", "{{ total_aproved }} {{ member.middle_name }}")
    _edit(template_copy / "pcp_disenrollment_notice.docx", "{{ change.new_pcp_instructions }}", "{{ change.new_pcp_instructions }")
    rules = {(f.template, f.rule, f.message.split(" ")[0]) for f in lint_directory(template_copy)}
    assert ("concurrent_approval.docx", "lint.undefined_name", "total_aproved") in rules
    assert ("concurrent_approval.docx", "lint.undefined_name", "member.middle_name") in rules
    assert ("concurrent_approval.docx", "lint.element_missing", "ca.total_approved") in rules
    assert any(t == "pcp_disenrollment_notice.docx" and r == "lint.jinja_syntax" for t, r, _ in rules)


def test_split_run_and_smart_quotes_are_found(template_copy: Path) -> None:
    path = template_copy / "emergency_911_statement.docx"
    doc = Document(str(path))
    paragraph = doc.add_paragraph()
    paragraph.add_run("{{ carrier.")
    paragraph.add_run("name }}")
    doc.add_paragraph("{% if plan.funding == \u201cone_care\u201d %}x{% endif %}")
    doc.save(str(path))
    rules = {f.rule for f in lint_directory(template_copy) if f.template == path.name}
    assert {"lint.split_tag", "lint.smart_quote"} <= rules


def test_missing_template_and_clause_funding_gap(template_copy: Path) -> None:
    (template_copy / "concurrent_approval.docx").unlink()
    clause = template_copy / "clauses" / "external_review.yaml"
    clause.write_text(clause.read_text().replace("  one_care:", "  one_care_removed:"))
    rules = {(f.template, f.rule) for f in lint_directory(template_copy)}
    assert ("concurrent_approval.docx", "lint.template_missing") in rules
    assert ("clauses/external_review.yaml", "lint.clause_funding_gap") in rules
