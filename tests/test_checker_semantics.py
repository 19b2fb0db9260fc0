"""Meaning, not strings: negation scope, values, composites, applicability, evidence location."""

from __future__ import annotations

import pytest
import yaml

from checkers.values import Duration, find_dates, find_durations, find_money, find_phones, find_urls
from conftest import REPO, element

AD = "adverse_determination"


@pytest.mark.parametrize("text,eid", [
    ("We did not review any criteria.", "ad.criteria_referenced"),
    ("External review is not available for this decision.", "ad.external_review"),
    ("No interpreter services are offered for this notice.", "ad.interpreter_services"),
    ("Your doctor cannot ask for a peer-to-peer discussion with our reviewer.", "ad.reconsideration"),
    ("An outside review by the Office of Patient Protection is open only to decisions about surgery; "
     "a hearing aid does not qualify.", "ad.external_review"),
    ("Urgent appeals are not accepted by our pharmacy unit. Questions? Pharmacy line 1-888-555-0140, "
     "toll-free, 24 hours.", "ad.expedited_grievance"),
])
def test_negated_mentions_do_not_count(check_text, text, eid):
    assert element(check_text(text, AD), eid)["status"] == "missing"


def test_do_not_call_911_for_routine_care_is_neither_element_nor_violation(check_text):
    report = check_text("Do not call 911 for routine care or prescription refills.", "emergency_911_statement")
    assert element(report, "e911.option_to_call_911")["status"] == "missing"
    assert report["violations"] == []


@pytest.mark.parametrize("text", [
    "If you do not agree with this decision, you can file an appeal by calling 1-888-555-0100 or writing to P.O. Box 12.",
    "You don't have to pay anything to appeal: call 1-888-555-0100 or write to P.O. Box 12, Boston.",
])
def test_conditions_and_pseudo_negations_do_not_negate(check_text, text):
    text += " We will decide your appeal within 30 business days."
    assert element(check_text(text, AD), "ad.internal_grievance_process")["status"] == "present"


def test_how_to_appeal_without_the_time_to_decide_is_missing(check_text):
    text = ("If you disagree, appeal by calling 1-888-555-0100 or writing to P.O. Box 12, Boston. "
            "We will review your appeal promptly. We approved 4 of the 12 visits.")
    found = element(check_text(text, AD), "ad.internal_grievance_process")
    assert found["status"] == "missing"
    assert "time to resolve" in found["message"]


def test_bare_medical_necessity_is_not_a_rationale(check_text):
    found = element(check_text("This service is not medically necessary. We reviewed the request.", AD),
                    "ad.clinical_rationale")
    assert found["status"] == "missing"
    assert "clinical picture" in found["message"]


def test_rationale_needs_both_the_clinical_picture_and_the_failed_criterion(check_text):
    only_facts = "Your records show knee pain for three weeks and swelling after a fall."
    assert element(check_text(only_facts, AD), "ad.clinical_rationale")["status"] == "missing"
    both = only_facts + " Our guideline requires six weeks of physical therapy first, which you have not tried."
    assert element(check_text(both, AD), "ad.clinical_rationale")["status"] == "present"


@pytest.mark.parametrize("text,status", [
    ("File a grievance by calling 1-888-555-0100. We will decide within 30 business days.", "present"),
    ("File a grievance by calling 1-888-555-0100. We will decide within 45 business days.", "incorrect"),
    ("File a grievance by calling 1-888-555-0100. We will answer you within 60 days.", "incorrect"),
    ("File a grievance by calling 1-888-555-0100 within 180 days. We decide within 30 days.", "present"),
    # a timeline's day names its event after it
    ("To appeal, call 1-888-555-0100.\nBy Day 10 | We confirm we have your appeal.\n"
     "By Day 30 | We send you our written appeal decision.", "present"),
    ("To appeal, call 1-888-555-0100.\nBy Day 10 | We confirm we have your appeal.\n"
     "By Day 60 | We send you our written appeal decision.", "incorrect"),
])
def test_grievance_resolution_time(check_text, text, status):
    assert element(check_text(text, AD), "ad.internal_grievance_process")["status"] == status


@pytest.mark.parametrize("text,status", [
    ("You may request an external review from the Office of Patient Protection within 4 months. The fee is $25.", "present"),
    ("You may request an external review from the Office of Patient Protection within 4 months. The fee is $40.", "incorrect"),
    ("You may request an external review from the Office of Patient Protection within 45 days.", "incorrect"),
    # a timeline's day says when something is done, not how long a window stays open
    ("External review\nYou may ask the Office of Patient Protection for an external review within 4 months.\n"
     "By Day 15 | We send a letter confirming your request.", "present"),
])
def test_external_review_fee_and_window(check_text, text, status):
    assert element(check_text(text, AD), "ad.external_review")["status"] == status


def test_opp_number_wrong_when_given_to_opp_and_right_elsewhere(check_text):
    text = "Call us at 1-888-555-0100 or the Office of Patient Protection at 1-800-436-7757."
    assert element(check_text(text, AD), "ad.opp_contact")["status"] == "present"
    wrong = "Call us at 1-888-555-0100 or the Office of Patient Protection at (617) 555-0120."
    found = element(check_text(wrong, AD), "ad.opp_contact")
    assert found["status"] == "incorrect" and "617-555-0120" in found["message"]


@pytest.mark.parametrize("text,status", [
    *((f"You may ask for an external review within 4 months.\nOffice of Patient Protection:\n{number}; "
       "www.mass.gov/hpc/opp.\nQuestions? Call us at 1-888-555-0101.", status)
      for number, status in (("1-800-436-7575", "incorrect"), ("1-800-436-7757", "present"))),
    ("External review: ask the Office of Patient Protection within 4 months. The fee is $25. Telephone 1-800-436-7575.",
     "incorrect"),
    ("External review: ask the Office of Patient Protection within 4 months. The fee is $25.\n\n"
     "Free interpreters are available. Call 1-833-555-0107.", "missing"),
    ("The Office of Patient Protection publishes a report on grievances.\nRequest it by phone at 1-800-463-7757, by fax "
     "at 617-624-5046, or at www.mass.gov/hpc/opp.", "incorrect"),
    ("External review: ask the Office of Patient Protection within 4 months. The fee is $25 and OPP can waive it.\n"
     "Call Member Care at 1-833-555-0109 (toll-free; TTY 711).", "missing"),
])
def test_opp_number_on_the_phone_line_after_its_name_but_not_past_a_paragraph_or_another_party(check_text, text, status):
    assert element(check_text(text, AD), "ad.opp_contact")["status"] == status


def test_carrier_number_must_be_toll_free_and_not_a_third_party(check_text):
    assert element(check_text("Call the Office of Patient Protection at 1-800-436-7757.", AD),
                   "ad.carrier_toll_free")["status"] == "missing"
    assert element(check_text("Call us at 781-555-0100.", AD), "ad.carrier_toll_free")["status"] == "missing"
    assert element(check_text("Call us at 1-844-555-0100.", AD), "ad.carrier_toll_free")["status"] == "present"


def test_self_funded_plan_has_no_opp_elements(check_text):
    report = check_text("Your plan is self-funded by your employer and governed by ERISA. You may appeal.", AD)
    assert element(report, "ad.opp_contact")["status"] == "not_applicable"
    assert element(report, "ad.external_review")["status"] == "not_applicable"
    conditional = check_text("If your plan is self-funded, other rules apply.", AD)
    assert element(conditional, "ad.opp_contact")["status"] == "missing"


def test_pcp_leaving_too_soon_is_incorrect(check_text):
    text = "Date: March 1, 2026. Dr. Ruiz will leave our network on March 20, 2026."
    found = element(check_text(text, "pcp_disenrollment_notice"), "pcp.departure_date")
    assert found["status"] == "incorrect" and "19 days" in found["message"]


def test_outdated_opp_agency(check_text):
    report = check_text("Send external review requests to the Office of Patient Protection, "
                        "Department of Public Health.", AD)
    assert "v.outdated_opp_agency" in {v["id"] for v in report["violations"]}


def test_values():
    assert [h.value for h in find_phones("Call (800) 436-7757 or 617.624.5046.", {"800"})] == [
        "800-436-7757", "617-624-5046"]
    durations = [h.value for h in find_durations("thirty (30) business days, 72-hour, 4 months, 2 weeks")]
    assert durations == [Duration(30, "business_day"), Duration(72, "hour"), Duration(4, "month"), Duration(2, "week")]
    timeline = find_durations("Day 1 | you call us. By Day 60 | we mail our decision within 2 weeks.")
    assert [(h.value, "timeline" in h.tags) for h in timeline] == [(Duration(60, "day"), True), (Duration(2, "week"), False)]
    assert [h.value for h in find_money("a $25 fee, at most $75.00")] == [25.0, 75.0]
    assert [str(h.value) for h in find_dates("On March 2, 2026 and 4/15/2026 and 2026-05-01")] == [
        "2026-03-02", "2026-04-15", "2026-05-01"]


@pytest.mark.parametrize("text,urls", [
    ("fax 617-624-5046, www.mass.gov/\nhpc/opp. OPP publishes", ["www.mass.gov/hpc/opp"]),
    ("Visit www.mass.gov/\nThe next section", ["www.mass.gov/"]),
    ("see https://www.mass.gov/hpc/opp.", ["https://www.mass.gov/hpc/opp"]),
    ("write to HPC-OPP@mass.gov today", ["hpc-opp@mass.gov"]),
])
def test_a_web_address_broken_after_a_slash_goes_on_into_a_lower_case_line(text, urls):
    assert [h.value for h in find_urls(text)] == urls


@pytest.mark.parametrize("text", [
    "We are not offering a different test.",
    "Approved in its place: an exercise stress echocardiogram.",
    "Covered first-step drugs: topiramate, propranolol or amitriptyline.",
])
def test_an_alternative_or_the_statement_that_none_is_offered(check_text, text):
    assert element(check_text(text, AD), "ad.alternative_treatment")["status"] == "present"


@pytest.mark.parametrize("text,status", [
    ("You may file an Appeal of this Adverse Determination within 180 days after receiving this Notice. "
     "Call 1-888-555-0100 or write to P.O. Box 12. We decide within 30 business days.", "present"),
    ("To appeal, call 1-888-555-0100 or write to P.O. Box 12. "
     "We will decide your appeal within 60 days after we receive it.", "incorrect"),
])
def test_a_filing_window_is_not_a_time_to_resolve(check_text, text, status):
    assert element(check_text(text, AD), "ad.internal_grievance_process")["status"] == status


def test_a_question_answered_no_does_not_carry_its_element(check_text):
    faq = "Should I call 911 for a cold? No. Call your doctor or use a virtual visit."
    assert element(check_text(faq, "emergency_911_statement"), "e911.option_to_call_911")["status"] == "missing"
    faq = "Can I call 911 in an emergency? Yes. Call 911 or go to the nearest emergency room."
    assert element(check_text(faq, "emergency_911_statement"), "e911.option_to_call_911")["status"] == "present"


def test_direct_access_contradicted_by_a_referral_rule_is_missing(check_text):
    text = ("You can see an OB/GYN without a referral. For your yearly gynecological exam, "
            "we ask that you get a referral from your PCP first.")
    report = check_text(text, "evidence_of_coverage")
    found = element(report, "eoc.obgyn_direct_access")
    assert found["status"] == "missing" and "referral" in found["message"]
    assert [v["id"] for v in report["violations"]] == ["v.obgyn_referral_required"]


@pytest.mark.parametrize("text,violation,found", [
    ("To see a specialist, you need a referral from your PCP first. This includes a gynecologist for your "
     "yearly well-woman exam.", "v.obgyn_referral_required", True),
    ("To see a specialist, you need a referral from your PCP first. You do not need a referral for your "
     "yearly gynecological exam or for maternity care.", "v.obgyn_referral_required", False),
    ("The plan may also end your coverage for any other reason by giving you 31 days' written notice.",
     "v.extra_cancellation_grounds", True),
    ("You do not need approval before calling 911 or riding in an ambulance in an emergency.",
     "v.discourages_911", False),
])
def test_violations_by_meaning(check_text, text, violation, found):
    report = check_text(text, "evidence_of_coverage")
    assert (violation in [v["id"] for v in report["violations"]]) is found


def test_the_letter_date_is_not_the_date_the_pcp_leaves(check_text):
    text = "November 3, 2025. Your primary care provider, Dr. Nakashima, will be leaving our network in the coming weeks."
    assert element(check_text(text, "pcp_disenrollment_notice"), "pcp.departure_date")["status"] == "missing"


@pytest.mark.parametrize("text,eid,status", [
    ("If you still disagree, you can request a Level 2 appeal within 60 days. After that you may ask the Office "
     "of Patient Protection for an external review within 4 months; the fee is $25.", "ad.external_review", "present"),
    ("External review: Office of Patient Protection; 1-800-436-7757; within 4 months; $25 Questions: 1-888-555-0186",
     "ad.opp_contact", "present"),
    ("Call the Office of Patient Protection at 617-555-0100 for an external review.", "ad.opp_contact", "incorrect"),
])
def test_a_value_belongs_to_what_it_follows(check_text, text, eid, status):
    assert element(check_text(text, AD), eid)["status"] == status


def test_an_explanation_of_benefits_is_not_a_notice(check_text):
    eob = ("MERRIMACK MUTUAL HEALTH INSURANCE COMPANY. EXPLANATION OF BENEFITS. THIS IS NOT A BILL. "
           "Your plan paid $103.40 for your office visit; your copay was $25. Your deductible: $0 of $1,500 met. "
           "Questions about this statement? Call Member Services.")
    report = check_text(eob, None)
    assert report["document_type"] is None and "claims statement" in report["reason"]


def test_dates_without_a_year_take_the_letters_year():
    text = "Letter date: December 12, 2025. Your stay is approved through January 5. Decision 5 is not a date."
    dates = [(text[h.start:h.end], h.value.isoformat()) for h in find_dates(text)]
    assert dates == [("December 12, 2025", "2025-12-12"), ("January 5", "2026-01-05")]


def test_repeated_words_do_not_crowd_out_the_rest_of_a_list(check_text):
    """Hits are capped per sentence; a word said three times must not hide the different ones after it."""
    eoc = ("Certificate of coverage. What you get. Primary care, specialty care, urgent care, hospital stays, "
           "surgery, lab tests and prescription drugs from network providers.")
    assert element(check_text(eoc, "evidence_of_coverage"), "eoc.covered_services")["status"] == "present"


def test_a_line_ending_on_a_title_does_not_end_the_sentence():
    from checkers.analysis import split_blocks
    text = "We will not cover the hospital bed that Dr.\nLowe ordered on March 2, 2026.\nCall us with questions."
    blocks = [text[s:e] for s, e in split_blocks(text)]
    assert blocks == ["We will not cover the hospital bed that Dr.\nLowe ordered on March 2, 2026.",
                      "Call us with questions."]


def test_an_outline_number_belongs_to_the_sentence_it_numbers():
    from checkers.analysis import analyse
    analysis = analyse("II.B.1. The member is 44. II.B.2. The records hold no program notes. We approved day 3. Then we stopped.",
                       set())
    assert [analysis.sentence_text(i) for i in range(len(analysis.sentences))] == [
        "II.B.1. The member is 44.", "II.B.2. The records hold no program notes.", "We approved day 3.", "Then we stopped."]


def test_a_member_named_after_a_label_is_the_member_where_the_name_recurs():
    from checkers.analysis import analyse
    analysis = analyse("Member: Lila Rivera\nDear Dr. Lowe,\nWe reviewed the request. Lila has been in the program since May. "
                       "Dr. Lowe sent notes.", set())
    named = {analysis.text[h.start:h.end] for h in analysis.hits["member_ref"]}
    assert {"Lila", "Rivera"} <= named and "Lowe" not in named


def test_a_rationale_about_a_member_called_by_name(check_text):
    letter = ("To: Dana Osei (parent of Jonah Osei, member)\nHi Dana,\nHere is why. Jonah was diagnosed with asthma in 2022 "
              "and has used one inhaled steroid since then. Our policy asks for a trial of two controller medicines "
              "before a biologic; no second controller is on file.")
    assert element(check_text(letter, AD), "ad.clinical_rationale")["status"] == "present"


def test_zero_padded_month_and_day_take_the_letters_year_but_fractions_do_not():
    text = "Letter date 06/20/2025. Team note 06/09; therapy notes 06/12. Half dose is 1/2 tablet; 3/4 of visits."
    dates = [(text[h.start:h.end], h.value.isoformat()) for h in find_dates(text)]
    assert dates == [("06/20/2025", "2025-06-20"), ("06/09", "2025-06-09"), ("06/12", "2025-06-12")]


@pytest.mark.parametrize("text,explained", [
    ("DX CD: M54.50 LOW BACK PAIN, UNSPECIFIED", True),
    ("diagnosis code Z80.3 (family history of breast cancer)", True),
    ("ground ambulance, non-emergency (HCPCS A0426), hospital to home", True),
    ("Diagnosis: F90.0,\nattention-deficit hyperactivity disorder", True),
    ("The code for your health problem is L40.0. That code means plaque psoriasis.", True),
    ("Your doctor used code J45.40. It means moderate asthma that keeps coming back.", True),
    ("The billing code is E0601. This stands for a CPAP machine.", True),
    ("The code is E0601. This letter explains our decision.", False),
    ("diagnosis code F50.01, for anorexia nervosa of the restricting type", True),
    ("DX CD: Z80.3\nTYPE OF REVIEW: PROSPECTIVE", False),
    ("CPT 72148 and 72149 were billed", False),
    ("2 | G0378    | Hospital observation, per hour | Approved", True),
    ("Procedure code | 72148 | M54.41 | Denied", False),
    ("Code\nMeaning\nCPT 97140\nManual therapy techniques, each 15 minutes", True),
    ("Code\nDecision\nCPT 97140\nDenied", False),
])
def test_a_code_is_explained_only_by_words_that_give_its_meaning(text, explained):
    from checkers.values import find_codes
    codes = find_codes(text)
    assert codes and all(("explained" in c.tags) == explained for c in codes)


def test_a_zip_code_is_not_a_procedure_code():
    from checkers.values import find_codes
    assert [c.value for c in find_codes("PO BOX 8812, LOWELL MA 01854. CPT 72148 lumbar MRI")] == ["72148"]


@pytest.mark.parametrize("line,navigation", [
    ("About us | Careers | Privacy | Language assistance | Site map | © 2025 Quabbin Mutual Health", True),
    ("Home | Members | Find a Provider | Member Handbook | Contact", True),
    ("Primary care visit | $25 copay | $50 copay | Deductible does not apply", False),
    ("Name | Date | Amount", False),
])
def test_a_menu_row_is_navigation_and_a_table_row_is_not(line, navigation):
    from checkers.analysis import is_navigation
    assert is_navigation(line) is navigation


def test_a_table_header_row_is_no_menu_and_its_rule_line_no_sentence(check_text):
    """A text table's header names the code columns; the rule line under it keeps the header and
    the row of codes neighbours, and the header, like a menu in shape, is not muted as one."""
    letter = ("Claim | Provider | Service date | Procedure (CPT) | Diagnosis (ICD-10) | Decision\n"
              "------+----------+--------------+-----------------+--------------------+---------\n"
              "CL-8812 | Nashua Street Imaging | 03/14/2026 | 72148 - MRI of the lower back without contrast | "
              "M54.50 - low back pain | Denied")
    assert element(check_text(letter, AD), "ad.claim_identification")["status"] == "present"


def test_a_label_with_a_blank_field_on_its_line_asserts_nothing(check_text):
    form = ("Concurrent review approval. Date of admission: ____/____/________\nAdditional days approved: 4\n"
            "Next review date: 04/02/2026\nTotal days approved: 11")
    assert element(check_text(form, "concurrent_approval"), "ca.admission_date")["status"] == "missing"


@pytest.mark.parametrize("blank", ["{{ADMIT_DATE}}", "[[ADMIT_DATE]]", "«AdmitDate»", "<<ADMIT_DT>>"])
def test_a_mail_merge_field_left_unfilled_asserts_nothing(check_text, blank):
    form = f"Concurrent review approval. ADMIT DATE: {blank}\nAdditional days approved: 4\nNext review date: 04/02/2026"
    assert element(check_text(form, "concurrent_approval"), "ca.admission_date")["status"] == "missing"


def test_a_service_label_over_an_unfilled_field_names_no_service(check_text):
    letter = "POST-SERVICE REVIEW RESULT: DENIED\nSERVICE: {{SVC_DESC_LONG}}\nCLAIM NUMBER: WM-26-0042"
    assert element(check_text(letter, AD), "ad.service_identified")["status"] == "missing"


@pytest.mark.parametrize("letter,status", [
    ("Outcome\nNot approved\nMember\nJonah Reyes\nRequest\nSleep study in a lab, two nights (CPT 95810)", "present"),
    ("Outcome\nNot approved\nMember\nJonah Reyes\nService\nSee the enclosed claim form", "missing"),
    ("Outcome\nNot approved\nMember\nJonah Reyes\nDrug / code\nEpiPen 0.3 mg auto-injector, NDC 49502-0102-02", "present"),
    ("From: Harbor Member Services\nOutcome\nNot approved. Call us with questions.", "missing"),
])
def test_a_table_cell_labels_the_service_only_when_the_label_is_the_whole_cell(check_text, letter, status):
    assert element(check_text(letter, AD), "ad.service_identified")["status"] == status


def test_an_amount_naming_the_word_after_it_is_not_the_review_fee(check_text):
    letter = ("You may ask the Office of Patient Protection, 1-800-436-7757, for an external review within 4 "
              "months of our final decision. The filing fee is $25. You pay no deductible for scans; an MRI has a $60 copay.")
    assert element(check_text(letter, AD), "ad.external_review")["status"] == "present"


def test_a_certificate_section_on_appeals_is_told_from_a_denial_by_its_title(check_text):
    """A rights section of a certificate reads like a denial's rights; its title says what it is."""
    body = ("9.1 Filing an appeal. A member may appeal an adverse determination by calling 1-866-555-0171, by "
            "writing to Member Appeals, 40 Elm Street, Salem, MA 01970, or in person. We decide within 30 business "
            "days; when waiting could seriously harm your health, within 72 hours.\n\n9.2 External review. After "
            "our final adverse determination, you may ask the Office of Patient Protection, 1-800-436-7757, for an "
            "external review within 4 months; the fee is $25.\n\n9.3 Premiums and coverage. Premiums are due on "
            "the first day of each month. Covered services are listed in Section 3, with the copayments and "
            "deductible that apply to each.\n\n9.4 Interpreters. Interpreter services are free; call Member "
            "Services.")
    titled = "EVIDENCE OF COVERAGE - SECTION 9\nAPPEALS AND OUTSIDE REVIEW\n\n" + body
    assert check_text(titled)["document_type"] == "evidence_of_coverage"


def test_an_unticked_box_beside_ticked_ones_does_not_apply(check_text):
    form = ("Determination: [X] Denied [ ] Approved\nService: lumbar fusion (CPT 22612)\n"
            "[ ] Your doctor may call our reviewer to discuss this decision (peer-to-peer)\n"
            "[X] Reviewed by a board-certified orthopaedic surgeon")
    assert element(check_text(form, AD), "ad.reconsideration")["status"] == "missing"
    assert element(check_text(form.replace("[ ] Your", "[X] Your"), AD), "ad.reconsideration")["status"] == "present"


def test_a_blank_form_for_the_member_keeps_its_printed_options(check_text):
    """No box ticked anywhere: the form is for the member to fill in, and its options are offered."""
    form = ("APPEAL REQUEST FORM. Return this form to appeal our decision: call 1-866-555-0133 or mail it to "
            "Appeals, PO Box 12, Lowell MA 01852. We decide within 30 business days.\n"
            "[ ] Standard appeal\n[ ] Expedited appeal - my health could be seriously harmed by waiting; "
            "decided within 72 hours")
    assert element(check_text(form, AD), "ad.expedited_grievance")["status"] == "present"


def test_a_language_assistance_link_in_a_footer_offers_no_interpreter(check_text):
    page = ("Member Handbook, Section 7. Getting care. See your PCP first for most care.\n"
            "About us | Careers | Privacy | Language assistance | Site map | © 2025 Quabbin Mutual Health")
    assert element(check_text(page, "evidence_of_coverage"), "eoc.translator_services")["status"] == "missing"


def test_a_pointer_is_counted_by_no_rule_even_one_that_accepts_negation(check_text):
    """'The reasons are the same as in our denial letter' refers elsewhere: not a reason given here,
    though the reason clause accepts negated hits ('not covered because ...')."""
    letter = ("We finished reviewing your appeal about Xolair. Our appeals reviewer decided to keep our original "
              "decision, so Xolair is still not covered. The reasons are the same as those given in our denial "
              "letter of January 28, 2026.")
    report = check_text(letter, "grievance_decision")
    assert element(report, "gd.decision_reason")["status"] == "missing"


def _type_cases() -> list:
    cases = yaml.safe_load((REPO / "tests" / "fixtures" / "document_types.yaml").read_text(encoding="utf-8"))
    return [pytest.param(c["text"], c["type"], id=c["name"]) for c in cases]


@pytest.mark.parametrize("text,expected", _type_cases())
def test_document_type_of_a_short_text(check_text, text, expected):
    """Type detection cases written apart from the corpus (tests/fixtures/document_types.yaml)."""
    assert check_text(text)["document_type"] == expected


def test_each_row_of_a_text_table_is_its_own_block():
    from checkers.analysis import split_blocks
    text = ("Emergency room | $125 | Waived if admitted\nAmbulance | $0 | No approval needed\n"
            "Maternity | $0 | No referral needed")
    assert [text[s:e] for s, e in split_blocks(text)] == text.split("\n")
