"""Values in running text: phone numbers, durations, money, dates, medical codes, web and mail addresses.

Values are found with regular expressions over the whole text (they are cheap, exact, and spaCy's
tokenizer splits "1-800-436-7757" into seven tokens). Each becomes a `ValueHit`, which the analysis
turns into a concept hit named after its kind ("@phone", "@duration", ...), so catalog rules can
ask for "a toll-free number in the same sentence as a grievance" without knowing any regex.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, field

NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "twenty-one": 21,
    "twenty-four": 24, "twenty-eight": 28, "thirty": 30, "thirty-one": 31, "forty": 40,
    "forty-two": 42, "forty-five": 45, "forty-eight": 48, "fifty": 50, "sixty": 60,
    "seventy-two": 72, "ninety": 90, "one hundred eighty": 180, "one hundred and eighty": 180,
    "one hundred twenty": 120, "one hundred and twenty": 120, "a": 1, "an": 1,
}
_NUM_WORD = "|".join(sorted((re.escape(w) for w in NUMBER_WORDS if len(w) > 2), key=len, reverse=True))

PHONE_RE = re.compile(
    r"(?<![\d\w])(?:\+?1[\s.\-]?)?(?:\((?P<a1>[2-9]\d\d)\)|(?P<a2>[2-9]\d\d))[\s.\-]?(?P<b>\d{3})[\s.\-](?P<c>\d{4})(?![\d])"
)
DURATION_RE = re.compile(
    r"(?<![\w$])(?:(?P<pre>additional|addl|more|extra|further|another)\s+)?"
    r"(?P<n>\d{1,3}|" + _NUM_WORD + r")(?:\s*\(\s*(?P<n2>\d{1,3})\s*\))?"
    r"(?:[\s\-]+(?P<q>calendar|business|bus|working|work|consecutive|full|additional|addl|more|extra|further|regular|tx))*"
    r"[\s\-]+(?P<unit>hours?|hrs?|days?|weeks?|wks?|months?|mos?|years?|yrs?|visits?|sessions?|treatments?)\b",
    re.IGNORECASE,
)
# A timeline's day ("By Day 60 we mail our decision") counts days from the start, as "within 60 days" does.
TIMELINE_DAY_RE = re.compile(r"(?<![\w-])(?:by|on|before|until|through)\s+day\s+(?P<n>\d{1,3})(?![\w-])",
                             re.IGNORECASE)
MONEY_RE = re.compile(r"\$\s?(?P<v>\d{1,3}(?:,\d{3})*(?:\.\d{1,2})?)(?!\d)|(?P<w>\d{1,5})\s+dollars\b", re.IGNORECASE)
MONTHS = {m: i + 1 for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"])}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9
_MONTH = r"(?P<mon>jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
DATE_RES = [
    re.compile(_MONTH + r"\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>\d{4})", re.IGNORECASE),
    re.compile(r"(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+(?P<y>\d{4})", re.IGNORECASE),
    # "the 10 of March of 2025": English written after Spanish or Portuguese ("10 de marzo de 2025")
    re.compile(r"(?P<d>\d{1,2})\s+of\s+" + _MONTH + r",?\s+of\s+(?P<y>\d{4})", re.IGNORECASE),
    re.compile(r"(?<![\d/])(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{4}|\d{2})(?![\d/])"),
    re.compile(r"(?<![\d-])(?P<y>20\d\d)-(?P<m>\d{2})-(?P<d>\d{2})(?![\d])"),
]
# "May 15", "JUNE 2ND": a date without its year, which a letter takes from the dates around it.
# Capitalised only, so "you may 2" is not a date.
YEARLESS_RE = re.compile(
    r"(?<![\w/])(?P<mon>(?:September|SEPTEMBER|NOVEMBER|February|FEBRUARY|December|November|DECEMBER|January|October|OCTOBER|JANUARY|August|AUGUST|March|APRIL|April|MARCH|July|Sept|JULY|June|JUNE|SEPT|OCT|MAR|Jul|May|Sep|FEB|Feb|Jun|Mar|NOV|JAN|SEP|Nov|APR|Dec|JUN|Jan|Aug|Oct|Apr|AUG|MAY|JUL|DEC)\.?)\s+(?P<d>\d{1,2})(?:st|nd|rd|th|ST|ND|RD|TH)?(?![\d,]*\s*\d{4})(?![\d:/\w])"
)
# "06/02", "06/08-06/13": a numeric month/day, zero-padded so "3/4" (a fraction, a ratio) is not one.
NUMERIC_YEARLESS_RE = re.compile(r"(?<![\w/.$-])(?P<m>0[1-9]|1[0-2])/(?P<d>0[1-9]|[12]\d|3[01])(?![\d/])")
CODE_RE = re.compile(
    r"(?<![\w.-])(?:[A-TV-Z]\d[0-9AB](?:\.[0-9A-Z]{1,4})?|\d{5}(?:-[0-9A-Z]{2})?|[A-V]\d{4}|\d{4}[0-9A-Z]T?)(?![\w-])"
)
# A path may go on past a line break right after a slash ("www.mass.gov/" then "hpc/opp" on the next
# line of a PDF), but only into a lower-case word: a capital there opens the next sentence.
URL_RE = re.compile(r"(?:https?://)?(?:www\.)?[a-z0-9\-]+(?:\.[a-z0-9\-]+)*\.(?:gov|com|org|net|us)"
                    r"(?:/(?:[\w\-./%?=&#]|(?<=/)\n(?=(?-i:[a-z0-9])))*)?", re.IGNORECASE)
EMAIL_RE = re.compile(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+")


@dataclass(frozen=True)
class Duration:
    """A length of time as written: amount and unit (business_day, calendar_day, day, hour, ...)."""

    amount: int
    unit: str

    def as_business_days(self) -> float:
        """Upper estimate in business days, for comparing with a limit stated in business days."""
        factor = {"business_day": 1, "calendar_day": 5 / 7, "day": 5 / 7, "week": 5, "month": 22,
                  "year": 260, "hour": 1 / 24 * 5 / 7}.get(self.unit)
        return self.amount * factor if factor is not None else float("nan")

    def as_calendar_days(self) -> float:
        """Lower estimate in calendar days, for comparing with a minimum window."""
        factor = {"business_day": 1, "calendar_day": 1, "day": 1, "week": 7, "month": 30,
                  "year": 365, "hour": 1 / 24}.get(self.unit)
        return self.amount * factor if factor is not None else float("nan")

    def __str__(self) -> str:
        return f"{self.amount} {self.unit.replace('_', ' ')}{'s' if self.amount != 1 else ''}"


@dataclass(frozen=True)
class ValueHit:
    """One value found in the text: its kind, where it is, and its parsed value."""

    kind: str
    start: int
    end: int
    value: object
    tags: frozenset[str] = field(default_factory=frozenset)


def find_phones(text: str, toll_free_prefixes: set[str]) -> list[ValueHit]:
    """Every North American phone number, normalised to NXX-NXX-XXXX, tagged toll_free or local."""
    hits = []
    for m in PHONE_RE.finditer(text):
        area = m.group("a1") or m.group("a2")
        number = f"{area}-{m.group('b')}-{m.group('c')}"
        tag = "toll_free" if area in toll_free_prefixes else "local"
        hits.append(ValueHit("phone", m.start(), m.end(), number, frozenset({tag})))
    return hits


def _unit(word: str, qualifiers: list[str]) -> str:
    base = word.lower().rstrip("s")
    base = {"hr": "hour", "wk": "week", "mo": "month", "yr": "year"}.get(base, base)
    if base == "day":
        if any(q in ("business", "bus", "working", "work") for q in qualifiers):
            return "business_day"
        if "calendar" in qualifiers:
            return "calendar_day"
    if base in ("visit", "session", "treatment"):
        return "count"
    return base


def find_durations(text: str) -> list[ValueHit]:
    """Durations ("30 business days", "thirty (30) days", "72-hour", "4 months"), counts of visits, and
    a timeline's days ("By Day 60"), tagged "timeline" since the event they time is named after them."""
    hits = []
    for m in DURATION_RE.finditer(text):
        raw = (m.group("n2") or m.group("n")).lower()
        amount = int(raw) if raw.isdigit() else NUMBER_WORDS.get(raw)
        if amount is None:
            continue
        qualifiers = [q.lower() for q in re.findall(
            r"calendar|business|bus|working|work|consecutive|full|additional|addl|more|extra|further|another",
            m.group(0), re.IGNORECASE)]
        duration = Duration(amount, _unit(m.group("unit"), qualifiers))
        extra = {"additional", "addl", "more", "extra", "further", "another"} & set(qualifiers)
        tags = {"additional"} if extra else set()
        if duration.unit != "count":
            tags.add("time")  # a span of time, not a number of visits
            if duration.unit not in ("hour", "minute"):
                tags.add("days")  # a standard appeal's clock, not an expedited one's hours
        hits.append(ValueHit("duration", m.start(), m.end(), duration, frozenset(tags)))
    timeline_tags = frozenset({"time", "days", "timeline"})
    hits += [ValueHit("duration", m.start(), m.end(), Duration(int(m.group("n")), "day"), timeline_tags)
             for m in TIMELINE_DAY_RE.finditer(text)]
    return sorted(hits, key=lambda h: h.start)


def find_money(text: str) -> list[ValueHit]:
    """Dollar amounts, as floats."""
    hits = []
    for m in MONEY_RE.finditer(text):
        raw = m.group("v") or m.group("w")
        hits.append(ValueHit("money", m.start(), m.end(), float(raw.replace(",", ""))))
    return hits


def _make_date(y: str, m: int, d: str) -> dt.date | None:
    year = int(y) + (2000 if len(y) == 2 else 0)
    try:
        return dt.date(year, m, int(d))
    except ValueError:
        return None


def find_dates(text: str) -> list[ValueHit]:
    """Calendar dates in the common US forms, parsed; impossible dates are skipped."""
    hits: list[ValueHit] = []
    taken: list[tuple[int, int]] = []
    for regex in DATE_RES:
        for m in regex.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            groups = m.groupdict()
            if groups.get("mon"):
                month = MONTHS.get(groups["mon"].lower()[:3])
            else:
                month = int(groups["m"])
            if month is None or not 1 <= month <= 12:
                continue
            date = _make_date(groups["y"], month, groups["d"])
            if date is not None:
                hits.append(ValueHit("date", m.start(), m.end(), date))
                taken.append((m.start(), m.end()))
    hits.sort(key=lambda h: h.start)
    return sorted(hits + _yearless_dates(text, hits, taken), key=lambda h: h.start)


def _yearless_dates(text: str, dated: list[ValueHit], taken: list[tuple[int, int]]) -> list[ValueHit]:
    """Month-and-day dates ("May 15", "06/02"), with the year of the nearest full date before them
    (or after, when none comes before); a date that would fall well before that one belongs to the
    next year."""
    if not dated:
        return []
    starts = [h.start for h in dated]  # `dated` is sorted by position
    spans = sorted(taken)
    found: list[ValueHit] = []
    matches = sorted([*YEARLESS_RE.finditer(text), *NUMERIC_YEARLESS_RE.finditer(text)], key=lambda m: m.start())
    for m in matches:
        named = m.groupdict().get("mon")
        month = MONTHS.get(named.lower().rstrip(".")[:3]) if named else int(m.group("m"))
        i = bisect.bisect_left(spans, (m.end(), 0)) - 1
        if month is None or (i >= 0 and spans[i][1] > m.start()):
            continue  # inside a full date
        k = bisect.bisect_left(starts, m.start())
        anchor = dated[k - 1] if k else dated[0]
        date = _make_date(str(anchor.value.year), month, m.group("d"))
        if date is not None and k and (anchor.value - date).days > 60:
            date = _make_date(str(anchor.value.year + 1), month, m.group("d"))
        if date is not None:
            found.append(ValueHit("date", m.start(), m.end(), date))
    return found


# A code's meaning is the words right after it, on its line or wrapped ("M54.50 LOW BACK PAIN",
# "F50.01, which means anorexia nervosa", "G0151 = services of ...", "F33.2. It means ..."), or the
# words before the parenthesis it stands in ("advanced life support transport (HCPCS A0427)").
_MEANING_AFTER = re.compile(r"(?:[ \t=:(\-–—,]|\n(?=(?-i:[(a-z])))*(?:\.\s+(?:(?:that|this|the)\s+code|that|this|it)\s+(?=means\b|stands\s+for\b))?(?:(?:which|that|this|a|an)\s+)?"
                            r"(?:means|meaning|stands\s+for|is\s+for|for)?[ \t:,]*"
                            r"([A-Za-z][A-Za-z'/\-]{2,})", re.IGNORECASE)
_WORD_BEFORE_PAREN = re.compile(r"([A-Za-z][A-Za-z'/\-]{2,})[\s,]*\(")
_NOT_MEANING = {"and", "or", "the", "for", "is", "was", "to", "with", "on", "in", "of", "we", "you", "your", "our",
                "code", "codes", "cpt", "hcpcs", "icd", "dx", "diagnosis", "procedure", "from", "at", "by", "x",
                "ndc", "rev", "revenue", "drg", "ms-drg", "claim", "date", "dos", "units", "billed", "were", "are",
                "has", "have", "will", "be", "not", "per", "each", "this", "that", "which", "who", "as", "can",
                "under", "denied", "approved", "covered", "paid", "pending", "partial", "yes", "no"}
"""Words after a code that give no meaning (a table's next cell may hold a decision: "| Denied")."""


# A code alone on its line (or with only its label: "CPT 97110"), as in a table's "Code" column, is
# explained by the cell on the next line.
_CELL_MEANING = re.compile(r"[ \t]*[\n|][ \t]*([A-Za-z][A-Za-z'/\-]{2,})")
_CODE_LABEL_ONLY = re.compile(r"\s*(?:(?:cpt|hcpcs|icd-?10(?:-cm|-pcs)?|dx|ndc|rev(?:enue)?(?: code)?)\s*[:#]?\s*)?", re.IGNORECASE)


def _explained(text: str, start: int, end: int) -> bool:
    after = _MEANING_AFTER.match(text, end, min(len(text), end + 60))
    if after and after.group(1).lower() not in _NOT_MEANING:
        return True
    alone = max(text.rfind("\n", 0, start), text.rfind("|", 0, start)) + 1  # alone on its line or in its cell
    if _CODE_LABEL_ONLY.fullmatch(text, alone, start):
        cell = _CELL_MEANING.match(text, end, min(len(text), end + 60))
        if cell and cell.group(1).lower() not in _NOT_MEANING and not CODE_RE.match(cell.group(1)):
            return True
    window = text[max(0, start - 50):start]
    opening = window.rfind("(")
    if opening < 0 or ")" in window[opening:]:
        return False
    before = _WORD_BEFORE_PAREN.search(window, max(0, opening - 40), opening + 1)
    return bool(before) and before.group(1).lower() not in _NOT_MEANING


# "LOWELL MA 01854", "Boston, Massachusetts 02108": a ZIP code has the shape of a CPT code.
_STATE_BEFORE = re.compile(r"(?:\b[A-Z]{2}|Massachusetts|MASSACHUSETTS)[\s,]+$")


def find_codes(text: str) -> list[ValueHit]:
    """Strings shaped like ICD-10, CPT or HCPCS codes (rules pair them with a code label); a code
    given with its meaning is tagged "explained"."""
    return [ValueHit("code", m.start(), m.end(), m.group(0),
                     frozenset({"explained"}) if _explained(text, m.start(), m.end()) else frozenset())
            for m in CODE_RE.finditer(text)
            if not (m.group(0).isdigit() and _STATE_BEFORE.search(text, max(0, m.start() - 16), m.start()))]


def find_urls(text: str) -> list[ValueHit]:
    """Web sites and e-mail addresses, lower-cased."""
    hits = [ValueHit("email", m.start(), m.end(), m.group(0).lower()) for m in EMAIL_RE.finditer(text)]
    emails = [(h.start, h.end) for h in hits]
    for m in URL_RE.finditer(text):
        if not any(s <= m.start() < e for s, e in emails):
            hits.append(ValueHit("url", m.start(), m.end(), m.group(0).lower().replace("\n", "").rstrip(".")))
    return hits
