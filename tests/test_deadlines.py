"""Massachusetts working-day arithmetic and the deadline rules every notice prints."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest
from click.testing import CliRunner

from notices import deadlines
from notices.cli import main

MA = deadlines.MassachusettsCalendar()


@pytest.mark.parametrize(
    "day",
    [date(2026, 4, 20), date(2025, 4, 21), date(2026, 6, 19), date(2026, 11, 26), date(2026, 1, 19), date(2026, 10, 12)],
)
def test_state_holidays_are_not_working_days(day: date) -> None:
    # Patriots' Day, Juneteenth, Thanksgiving, MLK Day, Columbus Day
    assert not MA.is_business_day(day)


def test_saturday_holiday_observed_on_friday_and_sunday_on_monday() -> None:
    assert date(2026, 7, 4).weekday() == 5
    assert not MA.is_business_day(date(2026, 7, 3))
    assert deadlines.MassachusettsCalendar(saturday_on_friday=False).is_business_day(date(2026, 7, 3))
    assert not MA.is_business_day(date(2027, 7, 5))  # Sunday 4 July 2027 -> Monday


def test_saturday_new_year_observed_on_last_day_of_previous_year() -> None:
    assert date(2022, 1, 1).weekday() == 5
    assert MA.holiday_name(date(2021, 12, 31))


def test_suffolk_days_only_when_asked() -> None:
    evacuation, bunker_hill = date(2026, 3, 17), date(2026, 6, 17)
    assert MA.is_business_day(evacuation) and MA.is_business_day(bunker_hill)
    suffolk = deadlines.MassachusettsCalendar(suffolk=True)
    assert not suffolk.is_business_day(evacuation) and not suffolk.is_business_day(bunker_hill)


def test_business_days_skip_weekends_and_patriots_day() -> None:
    # Thursday 16 April 2026 + 2 business days: Friday 17, (weekend, Patriots' Day 20) Tuesday 21.
    assert MA.add_business_days(date(2026, 4, 16), 2) == date(2026, 4, 21)
    assert MA.add_business_days(date(2026, 4, 21), -2) == date(2026, 4, 16)


def test_every_rule_stores_a_known_unit() -> None:
    rules = deadlines.load_rules()
    assert {"grievance_acknowledgement", "grievance_resolution", "expedited_grievance_resolution", "continuation_request", "external_review_request", "pcp_notice", "pcp_continued_coverage", "ur_written_confirmation_adverse"} <= set(rules)
    assert all(rule.unit in deadlines.UNITS for rule in rules.values())
    assert rules["grievance_acknowledgement"].unit_unspecified


def test_grievance_resolution_is_30_business_days() -> None:
    due = deadlines.compute("grievance_resolution", date(2026, 3, 5))
    assert due.due_date == date(2026, 4, 16)


def test_grievance_resolution_skips_patriots_day() -> None:
    due = deadlines.compute("grievance_resolution", date(2026, 3, 20))
    # 30 business days after Fri 20 March 2026 with Patriots' Day (20 April) excluded.
    assert due.due_date == date(2026, 5, 4)


def test_expedited_is_72_hours_and_acknowledgement_15_days() -> None:
    start = datetime(2026, 3, 5, 16, 0)
    assert deadlines.compute("expedited_grievance_resolution", start).due_at == datetime(2026, 3, 8, 16, 0)
    assert deadlines.compute("grievance_acknowledgement", start).due_date == date(2026, 3, 20)


def test_continuation_request_end_of_second_business_day() -> None:
    # Final decision received Thursday 2 July 2026; Friday 3 July is the observed Independence Day.
    due = deadlines.compute("continuation_request", date(2026, 7, 2))
    assert due.due_date == date(2026, 7, 7)
    assert due.describe().startswith("by end of day")


def test_external_review_four_months_clips_to_month_end() -> None:
    assert deadlines.compute("external_review_request", date(2025, 10, 31)).due_date == date(2026, 2, 28)
    assert deadlines.compute("external_review_request", date(2026, 4, 9)).due_date == date(2026, 8, 9)


def test_pcp_notice_and_continued_coverage() -> None:
    departure = date(2026, 6, 30)
    assert deadlines.compute("pcp_notice", departure).due_date == date(2026, 5, 31)
    assert deadlines.compute("pcp_continued_coverage", departure).due_date == date(2026, 7, 30)


def test_written_confirmation_one_working_day_after_phone_notice() -> None:
    # Phone notice Friday 17 April 2026; Monday 20 April is Patriots' Day.
    assert deadlines.compute("ur_written_confirmation_adverse", datetime(2026, 4, 17, 15, 0)).due_date == date(2026, 4, 21)


def test_cli_prints_deadlines_and_refuses_unknown_event() -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["deadlines", "final_decision_received", "2026-04-09", "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = {row["rule"]: row for row in json.loads(result.output)["deadlines"]}
    assert rows["continuation_request"]["due"] == "2026-04-13"
    assert rows["external_review_request"]["due"] == "2026-08-09"
    text = runner.invoke(main, ["deadlines", "grievance-received", "2026-03-05"])
    assert "grievance_resolution" in text.output and "calendar days" in text.output
    assert runner.invoke(main, ["deadlines", "no_such_event", "2026-03-05"]).exit_code == 2
