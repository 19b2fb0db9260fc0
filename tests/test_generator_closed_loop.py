"""The closed loop: what the generator writes, the checker must call compliant.

Contract with the checker (checkers.commands:check): `notices check FILE... --format json` prints
one JSON object per file with "verdict" and "elements" [{id, status}]. Every sample is rendered to
DOCX and PDF (all PDFs in one LibreOffice run) and every file must be compliant with every element
of its type, required and recommended, present (or not_applicable). A hypothesis test does the
same for random valid adverse determinations.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from notices.cli import main
from notices.pdf_conversion import convert
from notices.rendering import Renderer
from notices.samples import doc_type_of, load_sample, sample_files
from notices.validation import validate

ACCEPTED = {"present", "not_applicable"}


def check(files: list[Path]) -> list[dict[str, Any]]:
    """Run the checker on the files; one report object per file, in order."""
    result = CliRunner().invoke(main, ["check", *map(str, files), "--format", "json"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    decoder, text, reports, position = json.JSONDecoder(), result.output, [], 0
    while position < len(text):
        if text[position].isspace():
            position += 1
            continue
        report, position = decoder.raw_decode(text, position)
        reports.extend(report if isinstance(report, list) else [report])
    assert len(reports) == len(files), result.output
    return reports


def assert_compliant(files: list[Path], reports: list[dict[str, Any]]) -> None:
    problems = []
    for path, report in zip(files, reports):
        if report.get("verdict") != "compliant":
            problems.append(f"{path.name}: verdict {report.get('verdict')}")
        problems += [f"{path.name}: {e['id']} {e['status']}" for e in report.get("elements", []) if e["status"] not in ACCEPTED]
    assert not problems, "\n".join(problems)


def test_every_sample_renders_to_docx_and_pdf_and_checks_compliant(tmp_path: Path) -> None:
    renderer = Renderer()
    docx_files = []
    for path in sample_files():
        case, refusals = validate(doc_type_of(path), load_sample(path))
        assert case is not None, refusals
        target = tmp_path / f"{path.stem}.docx"
        target.write_bytes(renderer.render(doc_type_of(path), case))
        docx_files.append(target)
    pdf_files = convert(docx_files, tmp_path / "pdf")
    files = docx_files + pdf_files
    assert_compliant(files, check(files))


DETAIL = st.text(st.characters(whitelist_categories=("L", "N", "Zs", "P")), min_size=20, max_size=120).filter(lambda s: s.strip())


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(
    funding=st.sampled_from(["fully_insured", "self_funded", "one_care"]),
    review_type=st.sampled_from(["prospective", "concurrent", "retrospective"]),
    ongoing=st.booleans(),
    decided=st.dates(date(2024, 1, 1), date(2030, 12, 1)),
    condition=DETAIL,
    failed=DETAIL,
    alternative=st.none() | DETAIL,
)
def test_random_valid_cases_check_compliant(tmp_path_factory: Any, funding: str, review_type: str, ongoing: bool, decided: date, condition: str, failed: str, alternative: str | None) -> None:
    data = load_sample(next(p for p in sample_files() if p.name == "adverse_determination.prospective.yaml"))
    data["plan"]["funding"] = funding
    data["request"].update(review_type=review_type, ongoing_services=ongoing)
    data["notice_date"] = decided + timedelta(days=1)
    data["determination"].update(decision_date=decided, phone_notice=f"{decided}T10:00:00", presenting_condition=condition, failed_criteria=failed, alternative_treatment=alternative)
    case, refusals = validate("adverse_determination", data)
    assert case is not None, refusals
    target = tmp_path_factory.mktemp("loop") / "notice.docx"
    target.write_bytes(Renderer().render("adverse_determination", case))
    assert_compliant([target], check([target]))
