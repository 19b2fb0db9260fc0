"""Build the Word templates in templates/*.docx from code.

Why a script: templates typed in Word get Jinja tags split across runs, smart quotes inside tags and
styles that drift. Built here, every tag sits in one run, headings use Word's heading styles (so the
PDF has a structure), and a change to a template is a reviewable diff of this file. The built
.docx files are committed too, so users can open and restyle them in Word; `notices lint-templates`
checks whatever is in templates/ either way.

Shared wording never appears here: it comes from the clause library (templates/clauses/*.yaml) via
`clauses.<id>`. This script only lays out the letter and places the case's own facts.

Run: python scripts/build_templates.py [OUT_DIR]
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentType
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.shared import Pt, RGBColor

Builder = Callable[[DocumentType], None]


# ---- building blocks -------------------------------------------------------------------------


def new_document(title: str) -> DocumentType:
    """A letter-sized document with readable 11-point body text and fixed metadata."""
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Liberation Sans"
    normal.font.size = Pt(11)
    for name in ("Heading 1", "Heading 2", "Title"):
        doc.styles[name].font.color.rgb = RGBColor(0x1F, 0x2D, 0x4D)
        doc.styles[name].font.name = "Liberation Sans"
    props = doc.core_properties
    props.title, props.author, props.comments = title, "ma-notices", "Built by scripts/build_templates.py"
    return doc


def para(doc: DocumentType, text: str, label: str | None = None, style: str | None = None) -> None:
    """One paragraph; an optional bold label run, then the text (tags included) in a single run."""
    paragraph = doc.add_paragraph(style=style)
    if label:
        paragraph.add_run(label + " ").bold = True
    paragraph.add_run(text)


def tag(doc: DocumentType, statement: str) -> None:
    """A paragraph-level Jinja statement (`{%p ... %}`): docxtpl removes the paragraph itself."""
    doc.add_paragraph(f"{{%p {statement} %}}")


def bullets(doc: DocumentType, iterable: str, item: str = "item") -> None:
    """A bulleted list from a list in the case."""
    tag(doc, f"for {item} in {iterable}")
    doc.add_paragraph(f"{{{{ {item} }}}}", style="List Bullet")
    tag(doc, "endfor")


def clause(doc: DocumentType, clause_id: str, style: str | None = None) -> None:
    """Every paragraph of a library clause for this case's funding type."""
    tag(doc, f"for paragraph in clauses.{clause_id}")
    para(doc, "{{ paragraph }}", style=style)
    tag(doc, "endfor")


def table(doc: DocumentType, headers: list[str], loop: str, cells: list[str]) -> None:
    """A table with a header row and one row per item of `loop` (docxtpl `{%tr %}` rows)."""
    grid = doc.add_table(rows=4, cols=len(headers))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, header in zip(grid.rows[0].cells, headers):
        cell.paragraphs[0].add_run(header).bold = True
    grid.rows[1].cells[0].paragraphs[0].add_run(f"{{%tr for row in {loop} %}}")
    for cell, value in zip(grid.rows[2].cells, cells):
        cell.paragraphs[0].add_run(value)
    grid.rows[3].cells[0].paragraphs[0].add_run("{%tr endfor %}")


def facts(doc: DocumentType, rows: list[tuple[str, str]]) -> None:
    """A two-column table of labelled facts (claim identification, approval details)."""
    grid = doc.add_table(rows=len(rows), cols=2)
    grid.style = "Table Grid"
    for row, (label, value) in zip(grid.rows, rows):
        row.cells[0].paragraphs[0].add_run(label).bold = True
        row.cells[1].paragraphs[0].add_run(value)


def letterhead(doc: DocumentType, title: str) -> None:
    """Carrier block, date, addressee and title shared by every letter."""
    para(doc, "{{ carrier.name }}", style="Title")
    para(doc, "{{ carrier.grievance_address.one_line }} · Toll-free {{ carrier.toll_free }} (TTY {{ carrier.tty }})")
    para(doc, "{{ notice_date|longdate }}")
    para(doc, "{{ member.name }}")
    para(doc, "{{ member.address.street }}")
    para(doc, "{{ member.address.city }}, {{ member.address.state }} {{ member.address.zip }}")
    para(doc, "{{ member.member_id }}", label="Member ID:")
    para(doc, "{{ plan.name }}{% if plan.group_number %} (group {{ plan.group_number }}){% endif %}", label="Plan:")
    doc.add_heading(title, level=1)


def language_help(doc: DocumentType) -> None:
    """958 CMR 3.700: interpreter services and the 12-language statement, on every notice."""
    doc.add_heading("Free language help", level=2)
    interpreter_and_languages(doc)


def interpreter_and_languages(doc: DocumentType) -> None:
    """The interpreter clause, then one line per language, each led by the language's own name."""
    clause(doc, "interpreter_services")
    tag(doc, "for row in clauses.language_statement")
    para(doc, "{{ row.text }}", label="{{ row.native }}{% if row.native != row.language %} ({{ row.language }}){% endif %}:")
    tag(doc, "endfor")


def emergency(doc: DocumentType) -> None:
    """The 911 statement: c.176G §5(e) and parallels require it on all printed materials."""
    doc.add_heading("In an emergency, call 911", level=2)
    clause(doc, "emergency_911")


def claim_table(doc: DocumentType) -> None:
    """DOI Bulletin 2016-02: the claim or request, its dates, and the codes with their meanings."""
    facts(
        doc,
        [
            ("Member", "{{ member.name }} (ID {{ member.member_id }})"),
            ("Provider", "{{ provider.name }}{% if provider.npi %} (NPI {{ provider.npi }}){% endif %}"),
            ("Service requested", "{{ request.service }}"),
            ("Request received", "{{ request.received_date|longdate }}"),
            ("Date(s) of service", "{{ request.service_start|longdate }}{% if request.service_end %} to {{ request.service_end|longdate }}{% endif %}"),
            ("Claim or reference number", "{% if request.claim_number %}{{ request.claim_number }}{% else %}{{ case_id }}{% endif %}"),
        ],
    )
    para(doc, "Diagnosis and treatment codes and their meanings:")
    table(doc, ["Code system", "Code", "Meaning"], "request.codes", ["{{ row.system }}", "{{ row.code }}", "{{ row.meaning }}"])
    para(doc, "You may ask us for these codes and their meanings, and for any other information about this claim, free of charge. Asking for them is not a grievance.")


def clinical_rationale(doc: DocumentType) -> None:
    """c.176O §12(d)(1)-(2) and 958 CMR 3.307(2)(b)-(d): information, condition, specific reasons."""
    doc.add_heading("Information we relied on", level=2)
    para(doc, "We based this decision on the following specific information:")
    bullets(doc, "determination.information_relied_on")
    doc.add_heading("Clinical justification for our decision", level=2)
    para(doc, "{{ determination.presenting_condition }}", label="Your presenting symptoms or condition:")
    para(doc, "{{ determination.diagnosis }}", label="Diagnosis:")
    para(doc, "{{ determination.treatments }}", label="Treatment interventions:")
    para(doc, "{{ determination.failed_criteria }}", label="Why the medical evidence does not meet the review criteria:")


def criteria(doc: DocumentType) -> None:
    """c.176O §12(d)(4): reference AND include the criteria."""
    doc.add_heading("Clinical review criteria we applied", level=2)
    para(doc, "We applied these clinical review criteria: {{ determination.criteria.name }}.")
    tag(doc, "if determination.criteria.enclosed")
    para(doc, "A copy of these criteria is enclosed with this letter. You may also ask for another copy free of charge by calling {{ carrier.toll_free }}.")
    tag(doc, "endif")
    tag(doc, "if determination.criteria.text")
    para(doc, "{{ determination.criteria.text }}", label="Text of the criteria:")
    tag(doc, "endif")


def alternative(doc: DocumentType, with_providers: bool) -> None:
    """c.176O §12(d)(3); for grievance decisions also 958 CMR 3.307(2)(f)."""
    doc.add_heading("Alternative treatment", level=2)
    tag(doc, "if determination.alternative_treatment")
    para(doc, "We are offering this alternative treatment option: {{ determination.alternative_treatment }}.")
    if with_providers:
        para(doc, "These providers offer it and are currently accepting new patients:")
        bullets(doc, "determination.alternative_providers", "provider_name")
    tag(doc, "else")
    para(doc, "We are not offering an alternative treatment option.")
    tag(doc, "endif")


def help_contacts(doc: DocumentType) -> None:
    """c.176O §13(a)(3): the carrier's toll-free number and the state's (or federal / One Care) help."""
    doc.add_heading("Questions and help", level=2)
    para(doc, "Call {{ carrier.name }} toll-free at {{ carrier.toll_free }} (TTY {{ carrier.tty }}) for help with this notice or with a grievance.")
    clause(doc, "opp_contact")


# ---- the templates ---------------------------------------------------------------------------


def adverse_determination(doc: DocumentType) -> None:
    """Prospective, concurrent (with continuation of services) and retrospective denials."""
    letterhead(doc, "Notice of Adverse Determination")
    para(doc, "Dear {{ member.name }},")
    para(
        doc,
        "We reviewed the request from {{ provider.name }} for {{ request.service }}. "
        "We have {{ determination.decision }} coverage of this service because, based on the information we have, "
        "it does not meet our criteria for medical necessity, appropriateness of health care setting and level of care, or effectiveness. "
        "This is an adverse determination of our utilization review, made on {{ determination.decision_date|longdate }}.",
    )
    tag(doc, "if request.review_type == 'concurrent'")
    para(doc, "This was a concurrent utilization review of care you are receiving now. The care continues without cost to you until you have been told of this decision.")
    tag(doc, "elif request.review_type == 'retrospective'")
    para(doc, "This was a retrospective utilization review of care you received starting {{ request.service_start|longdate }}.")
    tag(doc, "else")
    para(doc, "This was a prospective utilization review, made before the service was provided.")
    tag(doc, "endif")
    para(
        doc,
        "We told your provider of this decision by telephone on {{ determination.phone_notice|longdate }}. "
        "This letter is the written confirmation required {{ deadlines.written_confirmation }} (M.G.L. c.176O §12(b)-(c)).",
    )
    doc.add_heading("The request we reviewed", level=2)
    claim_table(doc)
    clinical_rationale(doc)
    alternative(doc, with_providers=False)
    criteria(doc)
    doc.add_heading("Who made this decision", level=2)
    para(doc, "This decision was made by {{ reviewer.name }}, {{ reviewer.credentials }}, licensed as {{ reviewer.licence }}, specialty: {{ reviewer.specialty }}.")
    doc.add_heading("Reconsideration by your provider", level=2)
    clause(doc, "reconsideration")
    doc.add_heading("Your right to file a grievance", level=2)
    clause(doc, "grievance_rights")
    clause(doc, "expedited_grievance")
    tag(doc, "if request.ongoing_services")
    doc.add_heading("Continuation of services", level=2)
    clause(doc, "continuation_of_services")
    tag(doc, "endif")
    doc.add_heading("External review", level=2)
    clause(doc, "external_review")
    doc.add_heading("Someone to act for you", level=2)
    clause(doc, "representative")
    help_contacts(doc)
    language_help(doc)
    emergency(doc)


def grievance_decision(doc: DocumentType) -> None:
    """958 CMR 3.307: the written resolution that upholds a denial (final adverse determination)."""
    letterhead(doc, "Final Adverse Determination: Our Decision on Your Grievance")
    para(doc, "Dear {{ member.name }},")
    para(
        doc,
        "We received the grievance filed by {{ grievance.filed_by }} on {{ grievance.received_date|longdate }} about our decision on {{ request.service }}. "
        "After review, we have {{ determination.decision }} the denial. This letter is our final adverse determination: "
        "there is only one level of internal review, and you may now ask for external review.",
    )
    para(doc, "The decision was made on {{ determination.decision_date|longdate }}; our written resolution was due {{ deadlines.resolution_due }}, 30 business days after we received your grievance.")
    doc.add_heading("Our decision and the reasons for it", level=2)
    para(doc, "{{ determination.reasons }}")
    doc.add_heading("The request and claim", level=2)
    claim_table(doc)
    clinical_rationale(doc)
    criteria(doc)
    alternative(doc, with_providers=True)
    doc.add_heading("The reviewer", level=2)
    para(doc, "Your grievance was decided by {{ reviewer.name }}, {{ reviewer.credentials }}, licensed as {{ reviewer.licence }}, who practises in {{ reviewer.specialty }}.")
    para(
        doc,
        "I attest that I did not take part in the earlier decision on this matter, that I am not a subordinate of anyone who did, "
        "that I have no conflict of interest in this grievance, and that I am actively practising in the same or a similar specialty "
        "as the one that typically treats the condition at issue (958 CMR 3.306).",
        label="Reviewer's statement:",
    )
    para(doc, "Signed: {{ attestation.signed_by }}, {{ attestation.signed_date|longdate }}")
    doc.add_heading("Your right to an external review", level=2)
    clause(doc, "external_review")
    tag(doc, "if plan.funding != 'one_care'")
    para(doc, "Your deadline: if you receive this letter on {{ notice_date|longdate }}, send your external review request {{ deadlines.external_review_request }} (4 months after you receive this letter).")
    tag(doc, "endif")
    clause(doc, "expedited_external_review")
    tag(doc, "if request.ongoing_services")
    doc.add_heading("Continuation of services during external review", level=2)
    clause(doc, "continuation_of_services")
    tag(doc, "if plan.funding == 'fully_insured'")
    para(doc, "If you receive this letter on {{ notice_date|longdate }}, ask for continued services {{ deadlines.continuation_request }}.")
    tag(doc, "endif")
    tag(doc, "endif")
    doc.add_heading("Someone to act for you", level=2)
    clause(doc, "representative")
    help_contacts(doc)
    language_help(doc)
    emergency(doc)


EOC_SECTIONS: list[tuple[str, Builder]] = []


def eoc_section(title: str) -> Callable[[Builder], Builder]:
    """Register one Evidence of Coverage section; the EOC is these sections in order."""

    def register(builder: Builder) -> Builder:
        EOC_SECTIONS.append((title, builder))
        return builder

    return register


@eoc_section("1. Your covered services")
def _covered(doc: DocumentType) -> None:
    para(doc, "You are entitled to these health care services and benefits, on a nondiscriminatory basis:")
    bullets(doc, "coverage.covered_services")


@eoc_section("2. Your premium")
def _premium(doc: DocumentType) -> None:
    para(doc, "{{ coverage.premium }}", label="Premium (prepaid fee):")
    para(doc, "{{ coverage.grace_period }}", label="Grace period:")


@eoc_section("3. Limitations, deductibles and copayments")
def _limits(doc: DocumentType) -> None:
    para(doc, "Your deductibles, copayments and coinsurance:")
    table(doc, ["Service", "In network", "Out of network"], "coverage.cost_sharing", ["{{ row.service }}", "{{ row.in_network }}", "{{ row.out_of_network }}"])
    para(doc, "Limitations on the scope of services and benefits:")
    bullets(doc, "coverage.limitations")
    tag(doc, "if coverage.preexisting_condition_limits")
    para(doc, "{{ coverage.preexisting_condition_limits }}", label="Preexisting conditions:")
    tag(doc, "else")
    para(doc, "There are no preexisting-condition restrictions or exclusions in this plan.", label="Preexisting conditions:")
    tag(doc, "endif")


@eoc_section("4. Where and how to get care")
def _where(doc: DocumentType) -> None:
    para(doc, "{{ coverage.service_area }}", label="Service area:")
    para(doc, "{{ coverage.how_to_get_care }}")
    clause(doc, "obgyn_direct_access")


@eoc_section("5. Enrollment and disenrollment")
def _disenrollment(doc: DocumentType) -> None:
    para(doc, "You may be disenrolled, or denied enrollment, on these grounds:")
    bullets(doc, "coverage.disenrollment_criteria")
    para(doc, "Our involuntary disenrollment rate among members was {{ coverage.involuntary_disenrollment_rate }}%.")


@eoc_section("6. Grievances and external review")
def _grievances(doc: DocumentType) -> None:
    clause(doc, "grievance_rights")
    clause(doc, "expedited_grievance")
    clause(doc, "external_review")
    clause(doc, "representative")


@eoc_section("7. When coverage may be cancelled or not renewed")
def _cancellation(doc: DocumentType) -> None:
    clause(doc, "cancellation_grounds")


@eoc_section("8. Out-of-network referrals")
def _out_of_network(doc: DocumentType) -> None:
    para(doc, "{{ coverage.out_of_network_referrals }}")
    para(doc, "{{ coverage.out_of_network_charges }}", label="Additional charges:")


@eoc_section("9. Utilization review and quality assurance")
def _utilization(doc: DocumentType) -> None:
    para(doc, "{{ coverage.utilization_review }}")
    para(doc, "{{ coverage.quality_assurance }}")
    para(doc, "To learn the status or outcome of a utilization review decision, call our toll-free number {{ carrier.toll_free }}.")


@eoc_section("10. Interpreter and translation services")
def _translation(doc: DocumentType) -> None:
    interpreter_and_languages(doc)


@eoc_section("11. Prescription drug formulary")
def _formulary(doc: DocumentType) -> None:
    tag(doc, "if coverage.formulary_exclusions")
    para(doc, "These prescription drugs are excluded from our formulary:")
    bullets(doc, "coverage.formulary_exclusions", "drug")
    tag(doc, "else")
    para(doc, "No prescription drugs are excluded from our formulary.")
    tag(doc, "endif")
    para(doc, "We tell you each year about changes to the formulary. To find out whether a particular drug is on the formulary, call toll-free {{ coverage.formulary_toll_free }}.")


@eoc_section("12. Experimental and investigational treatment")
def _experimental(doc: DocumentType) -> None:
    para(doc, "{{ coverage.experimental_treatment }}")


@eoc_section("13. Grievance report from the Office of Patient Protection")
def _opp_report(doc: DocumentType) -> None:
    clause(doc, "opp_grievance_report")


@eoc_section("14. Office of Patient Protection")
def _opp(doc: DocumentType) -> None:
    clause(doc, "opp_contact")


@eoc_section("15. Emergency care and 911")
def _emergency(doc: DocumentType) -> None:
    clause(doc, "emergency_911")


@eoc_section("16. Continuity of care")
def _continuity(doc: DocumentType) -> None:
    clause(doc, "continuity_of_care")


def evidence_of_coverage(doc: DocumentType) -> None:
    """c.176O §6(a)(1)-(14) and the §15 rights, one section each, in statute order."""
    para(doc, "{{ carrier.name }}", style="Title")
    doc.add_heading("Evidence of Coverage: {{ plan.name }}", level=1)
    para(doc, "Effective {{ coverage.effective_date|longdate }}. Member services toll-free: {{ carrier.toll_free }} (TTY {{ carrier.tty }}).")
    for title, builder in EOC_SECTIONS:
        doc.add_heading(title, level=2)
        builder(doc)


def emergency_911_statement(doc: DocumentType) -> None:
    """The statement for brochures, contracts and policy manuals, citing the carrier's chapter."""
    para(doc, "{{ carrier.name }}", style="Title")
    doc.add_heading("{{ material.title }}", level=1)
    doc.add_heading("Emergency services: you may always call 911", level=2)
    clause(doc, "emergency_911")
    para(doc, "Questions about your coverage: call {{ carrier.name }} toll-free at {{ carrier.toll_free }} (TTY {{ carrier.tty }}).")


def concurrent_approval(doc: DocumentType) -> None:
    """c.176O §12(c): written confirmation of an approved extended stay or additional services."""
    letterhead(doc, "Confirmation of Approved Extended Stay or Additional Services")
    para(doc, "Dear {{ member.name }},")
    para(doc, "We approved more {{ approved_unit }} of {{ service }} with {{ provider.name }} at concurrent review. We told your provider by telephone on {{ phone_notice|longdate }}; this written confirmation is required {{ deadlines.written_confirmation }} (M.G.L. c.176O §12(c)).")
    facts(
        doc,
        [
            ("Date of admission or start of services", "{{ admission_date|longdate }}"),
            ("Number of extended days", "{% if extended_days %}{{ extended_days }} additional days{% else %}See the next review date{% endif %}"),
            ("Next review date", "{% if next_review_date %}{{ next_review_date|longdate }}{% else %}None scheduled: no further review is planned for this approval{% endif %}"),
            ("New total approved", "{{ total_approved }} {{ approved_unit }}"),
        ],
    )
    para(doc, "Questions? Call {{ carrier.name }} toll-free at {{ carrier.toll_free }} (TTY {{ carrier.tty }}).")
    language_help(doc)
    emergency(doc)


def pcp_disenrollment_notice(doc: DocumentType) -> None:
    """c.176O §15(a): at least 30 days' notice, 30 days' continued coverage, how to choose a new PCP."""
    letterhead(doc, "Your Primary Care Physician Is Leaving Our Network")
    para(doc, "Dear {{ member.name }},")
    para(doc, "Your primary care physician, {{ change.pcp.name }}, will leave the {{ carrier.name }} network on {{ change.departure_date|longdate }}. We are telling you at least 30 days before that date, as the law requires (the latest date for this notice is {{ deadlines.latest_notice }}).")
    doc.add_heading("You can keep seeing your doctor for now", level=2)
    para(doc, "You may continue to see {{ change.pcp.name }} for covered services, under the terms of your evidence of coverage, for at least 30 days after the departure date: through {{ deadlines.continued_coverage }}.")
    doc.add_heading("How to choose a new primary care physician", level=2)
    para(doc, "{{ change.new_pcp_instructions }}")
    tag(doc, "if change.suggested_pcps")
    para(doc, "These primary care physicians near you are accepting new patients:")
    bullets(doc, "change.suggested_pcps", "doctor")
    tag(doc, "endif")
    para(doc, "For help choosing, call {{ carrier.name }} toll-free at {{ carrier.toll_free }} (TTY {{ carrier.tty }}).")
    doc.add_heading("Pregnancy, terminal illness and other continuing care", level=2)
    clause(doc, "continuity_of_care")
    language_help(doc)
    emergency(doc)


TEMPLATES: dict[str, Builder] = {
    "adverse_determination": adverse_determination,
    "grievance_decision": grievance_decision,
    "evidence_of_coverage": evidence_of_coverage,
    "emergency_911_statement": emergency_911_statement,
    "concurrent_approval": concurrent_approval,
    "pcp_disenrollment_notice": pcp_disenrollment_notice,
}


def build(out_dir: Path) -> list[Path]:
    """Write every template; returns the paths written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, builder in TEMPLATES.items():
        doc = new_document(name.replace("_", " ").capitalize())
        builder(doc)
        path = out_dir / f"{name}.docx"
        doc.save(str(path))
        written.append(path)
    return written


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent / "templates"
    for written_path in build(target):
        print(written_path)
