"""Massachusetts deadline arithmetic: every clock a notice prints, computed on working days.

Why a module of its own: the same dates appear in notices, in validation (a PCP notice less than
30 days before departure is refused) and in `notices deadlines`. Rules are data
(`deadline_rules.yaml`), each with its unit, so a rule whose statute says only "days" is flagged
instead of silently guessed.

Holidays come from the `holidays` package (US, subdivision MA, public category: it has Patriots' Day
and Juneteenth and moves Sunday holidays to Monday). Two local choices are layered on top:
- Saturday holidays observed on the Friday before (configurable; see docs/generator.md for why
  this is a choice and not a fact),
- Evacuation Day (17 March) and Bunker Hill Day (17 June), closed only in Suffolk County offices,
  off by default and switched on with `suffolk=True`.
"""

from __future__ import annotations

import calendar as _calendar
import functools
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from importlib import resources
from typing import Iterable

import holidays
import yaml

UNITS = ("hours", "business_days", "calendar_days", "months", "days_unspecified")
SUFFOLK_DAYS = {(3, 17): "Evacuation Day (Suffolk County)", (6, 17): "Bunker Hill Day (Suffolk County)"}


@dataclass(frozen=True)
class Rule:
    """One statutory clock: `amount` `unit`s after (or before) `event`."""

    id: str
    event: str
    amount: int
    unit: str
    cites: str
    what: str
    direction: str = "after"
    end_of_day: bool = False

    @property
    def unit_unspecified(self) -> bool:
        """True when the law says "days" without saying which: printed with a flag."""
        return self.unit == "days_unspecified"


@dataclass(frozen=True)
class Deadline:
    """A rule applied to a start moment. `due_at` is set only for hour-based rules."""

    rule: Rule
    start: datetime
    due_date: date
    due_at: datetime | None = None

    def describe(self) -> str:
        """One human line, e.g. 'by end of day Tuesday, March 3, 2026'."""
        if self.due_at is not None:
            return f"by {format_datetime(self.due_at)}"
        prefix = "no later than " if self.rule.direction == "before" else "by end of day "
        return prefix + format_date(self.due_date)


class MassachusettsCalendar:
    """Working days in Massachusetts: weekdays that are not state legal holidays."""

    def __init__(self, suffolk: bool = False, saturday_on_friday: bool = True) -> None:
        self.suffolk = suffolk
        self.saturday_on_friday = saturday_on_friday

    @functools.lru_cache(maxsize=64)
    def _year(self, year: int) -> dict[date, str]:
        base = holidays.country_holidays("US", subdiv="MA", years=year, categories=("public",))
        days: dict[date, str] = dict(base.items())
        if self.suffolk:
            for (month, day), name in SUFFOLK_DAYS.items():
                days.setdefault(date(year, month, day), name)
        if self.saturday_on_friday:
            for day, name in list(days.items()):
                if day.weekday() == 5:
                    days.setdefault(day - timedelta(days=1), f"{name} (observed)")
        return days

    def holiday_name(self, day: date) -> str | None:
        """The holiday's name, or None on an ordinary day."""
        # A Saturday 1 January is observed on Friday 31 December of the year before.
        return self._year(day.year).get(day) or self._year(day.year + 1).get(day)

    def is_business_day(self, day: date) -> bool:
        """Monday to Friday and not a holiday."""
        return day.weekday() < 5 and self.holiday_name(day) is None

    def add_business_days(self, day: date, count: int) -> date:
        """The `count`-th working day after `day` (before, if negative); `day` itself never counts."""
        step = 1 if count >= 0 else -1
        remaining = abs(count)
        while remaining:
            day += timedelta(days=step)
            if self.is_business_day(day):
                remaining -= 1
        return day

    def holidays_between(self, start: date, end: date) -> list[tuple[date, str]]:
        """Holidays in [start, end], for explaining a computed date."""
        found = []
        day = start
        while day <= end:
            name = self.holiday_name(day)
            if name:
                found.append((day, name))
            day += timedelta(days=1)
        return found


@functools.lru_cache(maxsize=1)
def load_rules() -> dict[str, Rule]:
    """All rules from deadline_rules.yaml, checked for a known unit."""
    raw = yaml.safe_load(resources.files("notices").joinpath("deadline_rules.yaml").read_text("utf-8"))
    rules = {rule_id: Rule(id=rule_id, **spec) for rule_id, spec in raw.items()}
    for rule in rules.values():
        if rule.unit not in UNITS:
            raise ValueError(f"deadline rule {rule.id}: unknown unit {rule.unit!r}")
    return rules


def events() -> list[str]:
    """The events rules count from (what `notices deadlines EVENT` accepts)."""
    return sorted({rule.event for rule in load_rules().values()})


def add_months(day: date, months: int) -> date:
    """Same day number `months` later, clipped to the month's last day (31 Oct + 4 months = 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, _calendar.monthrange(year, month)[1]))


def as_datetime(moment: date | datetime) -> datetime:
    """A date alone counts from the start of that day: the earliest, safest reading."""
    return moment if isinstance(moment, datetime) else datetime.combine(moment, time(0, 0))


def compute(rule: Rule | str, start: date | datetime, cal: MassachusettsCalendar | None = None) -> Deadline:
    """Apply one rule to a start date or moment."""
    rule = load_rules()[rule] if isinstance(rule, str) else rule
    cal = cal or MassachusettsCalendar()
    begin = as_datetime(start)
    sign = -1 if rule.direction == "before" else 1
    if rule.unit == "hours":
        due_at = begin + sign * timedelta(hours=rule.amount)
        return Deadline(rule, begin, due_at.date(), due_at)
    if rule.unit == "business_days":
        due = cal.add_business_days(begin.date(), sign * rule.amount)
    elif rule.unit == "months":
        due = add_months(begin.date(), sign * rule.amount)
    else:  # calendar_days and days_unspecified (counted as calendar days: the earlier date)
        due = begin.date() + sign * timedelta(days=rule.amount)
    return Deadline(rule, begin, due)


def deadlines_for(event: str, start: date | datetime, cal: MassachusettsCalendar | None = None) -> list[Deadline]:
    """Every rule that counts from `event`, applied to `start`."""
    matching = [rule for rule in load_rules().values() if rule.event == event]
    if not matching:
        raise KeyError(f"unknown event {event!r}; known: {', '.join(events())}")
    return [compute(rule, start, cal) for rule in matching]


def format_date(day: date) -> str:
    """'Tuesday, March 3, 2026': the weekday helps a reader check a working-day count."""
    return f"{day:%A}, {day:%B} {day.day}, {day.year}"


def format_datetime(moment: datetime) -> str:
    """'Tuesday, March 3, 2026 at 2:30 PM'."""
    hour = moment.hour % 12 or 12
    return f"{format_date(moment.date())} at {hour}:{moment:%M} {'AM' if moment.hour < 12 else 'PM'}"


def table(items: Iterable[Deadline]) -> list[dict[str, str]]:
    """Plain rows for the CLI and JSON output."""
    return [
        {
            "rule": d.rule.id,
            "due": (d.due_at.isoformat(timespec="minutes") if d.due_at else d.due_date.isoformat()),
            "when": d.describe(),
            "unit": d.rule.unit,
            "amount": str(d.rule.amount),
            "cites": d.rule.cites,
            "what": d.rule.what,
        }
        for d in items
    ]
