"""The rule engine: interprets the `detect` entries of the catalog against an `Analysis`.

A handful of shapes, each implemented once (the Vale model): clauses (concepts co-occurring in a
scope), composite parts, applicability, and value checks. Nothing here knows any element by name;
a new requirement is a catalog entry, not a function.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Callable, Iterable

from checkers.analysis import ALIAS_TAG, Analysis, Hit
from checkers.catalog import Catalog, Rule
from checkers.languages import detect_languages, unreadable_lines
from checkers.pipeline import OUTLINE_NUMBER
from checkers.values import PHONE_RE, Duration

PRESENT, MISSING, INCORRECT, NOT_APPLICABLE = "present", "missing", "incorrect", "not_applicable"
MAX_EVIDENCE = 3
NEAR_CHARS = 250
"""In one sentence, the concepts of a clause must stand within this many characters of the anchor:
a 900-character legal sentence (or a table of contents read as one) mentions everything."""
_LETTERS = re.compile(r"[\W_]+")  # what is not a letter or digit, ignored when a line is compared to a label
_NUMBERED = re.compile(rf"^\W*{OUTLINE_NUMBER}[.)]\s+")  # "1. Request." is the label "Request"


@dataclass
class Finding:
    """The outcome of one rule: status, a message, and the character ranges that prove it."""

    rule: Rule
    status: str
    message: str
    evidence: list[tuple[int, int]] = field(default_factory=list)


@dataclass(frozen=True)
class Match:
    """A clause satisfied around `anchor`, using these sentences."""

    anchor: int
    sentences: tuple[int, ...]


class Engine:
    """Evaluates rules over one analysed document."""

    def __init__(self, analysis: Analysis, catalog: Catalog) -> None:
        self.a = analysis
        self.catalog = catalog
        self._languages: set[str] | None = None
        self._unreadable: int | None = None
        _tag_values(analysis, catalog.constants)

    # ------------------------------------------------------------------ hits
    def hits(self, concept: str, sentence: int, any_polarity: bool = False) -> list[Hit]:
        """Hits of a concept (or "@kind:tag" value) in one sentence, affirmed unless asked."""
        found = self._tagged(concept, sentence)
        return [h for h in found if not h.referenced] if any_polarity else [h for h in found if h.affirmed]

    def _tagged(self, concept: str, sentence: int) -> list[Hit]:
        """All hits of a concept in a sentence, whatever their polarity; "@kind:tag" keeps the tagged."""
        name, _, tag = concept.partition(":")
        found = self.a.in_sentence(name, sentence)
        return [h for h in found if tag in h.tags] if tag else found

    def sentences_with(self, concept: str, any_polarity: bool = False) -> list[int]:
        name = concept.partition(":")[0]
        return [s for s in self.a.sentences_with(name) if self.hits(concept, s, any_polarity)]

    def sentences_mentioning(self, concept: str) -> list[int]:
        """Sentences with a hit neither negated nor hypothetical; a referenced one counts, since a
        pointer ("premiums are in Part I") still tells what kind of document this is. A repeated
        code ("MP-118 is attached") tells no more than its first mention did."""
        return [s for s in self.a.sentences_with(concept.partition(":")[0])
                if any(not (h.negated or h.hypothetical or ALIAS_TAG <= h.tags) for h in self._tagged(concept, s))]

    # ------------------------------------------------------------------ clauses
    def scope(self, sentence: int, within: int | str) -> list[int]:
        """Sentences around `sentence` that a clause may draw on, nearest first."""
        if within == "section":
            section = self.a.sections[self.a.sentence_section[sentence]]
            members = list(range(section.first, section.last + 1))
        else:
            n = int(within) - 1
            members = list(range(max(0, sentence - n), min(len(self.a.sentences), sentence + n + 1)))
        return sorted(members, key=lambda s: abs(s - sentence))

    def match_clause(self, clause: dict) -> list[Match]:
        """Every anchor sentence at which the clause holds."""
        concepts: list[str] = list(clause["all"])
        any_pol = clause.get("negation") == "any"
        within = clause.get("within", 1)
        matches = []
        for anchor in self.sentences_with(concepts[0], any_pol):
            if any(self.hits(c, anchor, any_pol) for c in clause.get("none", [])):
                continue
            if clause.get("heading") and not self._heading_has(anchor, clause["heading"], all):
                continue
            if clause.get("heading_none") and self._heading_has(anchor, clause["heading_none"], any):
                continue
            if clause.get("anchor_is_heading") and anchor not in self.a.headings:
                continue
            if clause.get("anchor_is_label") and not self._is_label(anchor, concepts[0], any_pol):
                continue
            used = self._cover(anchor, concepts, within, any_pol, beside=bool(clause.get("anchor_is_label")))
            if used is None or not self._enough(anchor, clause.get("min_hits", {}), within, any_pol):
                continue
            matches.append(Match(anchor, tuple(sorted({anchor, *used}))))
        return matches

    def _is_label(self, sentence: int, concept: str, any_pol: bool) -> bool:
        """The sentence is the concept's words alone, as a form's or a table's label is ("Request",
        "Service requested:"); the same words inside a longer line ("Member Services") label nothing."""
        line = _LETTERS.sub("", _NUMBERED.sub("", self.a.sentence_text(sentence)))
        return any(_LETTERS.sub("", self.a.text[h.start:h.end]) == line for h in self.hits(concept, sentence, any_pol))

    def _cover(self, anchor: int, concepts: list[str], within: int | str, any_pol: bool,
               beside: bool = False) -> list[int] | None:
        """Sentences holding each concept after the first (the anchor's), or None if one lacks;
        `beside` looks only past the anchor, whose words are a label ("Service" names no service)."""
        used = []
        scope = [s for s in self.scope(anchor, within) if not (beside and s == anchor)]
        anchor_hits = self.hits(concepts[0], anchor, any_pol)
        for concept in concepts[1:]:
            where = next((s for s in scope if self._usable(concept, s, anchor, anchor_hits, any_pol)), None)
            if where is None:
                return None
            used.append(where)
        return used

    def _usable(self, concept: str, sentence: int, anchor: int, anchor_hits: list[Hit], any_pol: bool) -> bool:
        hits = self.hits(concept, sentence, any_pol)
        if sentence != anchor:
            return bool(hits)
        return any(_gap(h, a) <= NEAR_CHARS for h in hits for a in anchor_hits)

    def _enough(self, anchor: int, minimum: dict[str, int], within: int | str, any_pol: bool) -> bool:
        scope = self.scope(anchor, within)
        for concept, n in minimum.items():
            distinct = {self.a.text[h.start:h.end].lower() for s in scope for h in self.hits(concept, s, any_pol)}
            if len(distinct) < n:
                return False
        return True

    def _heading_has(self, sentence: int, concepts: list[str], quantifier=all) -> bool:
        """Whether the heading of the sentence's section carries all (or `any`) of the concepts."""
        heading = self.a.sections[self.a.sentence_section[sentence]].heading
        return heading is not None and quantifier(self.hits(c, heading) for c in concepts)

    def match_any(self, clauses: Iterable[dict]) -> list[Match]:
        matches: list[Match] = []
        for clause in clauses:
            matches.extend(self.match_clause(clause))
        return matches

    # ------------------------------------------------------------------ rules
    def evaluate(self, rule: Rule) -> Finding:
        """Status of one element: not_applicable, incorrect, present or missing."""
        detect = rule.detect
        if "applies_if" in detect and not self.match_any(detect["applies_if"]):
            return Finding(rule, NOT_APPLICABLE, "does not apply to this document: its condition is not met")
        if "applies_unless" in detect:
            exempt = self.match_any(detect["applies_unless"])
            if exempt:
                return Finding(rule, NOT_APPLICABLE, detect.get("unless_message", "does not apply to this plan"),
                               self._ranges(exempt[0]))
        parts = detect.get("parts") or [{"name": None, "any": detect["any"]}]
        found, lacking, evidence = [], [], []
        for part in parts:
            matches = self.match_any(part["any"])
            (found if matches else lacking).append(part.get("name"))
            if matches:
                evidence.extend(self._ranges(matches[0]))
        for check in detect.get("incorrect", []):
            verdict = CHECKS[check["check"]](self, check)
            if verdict is not None:
                status, ranges, value = verdict
                return Finding(rule, status, _message(check, value), ranges[:MAX_EVIDENCE] or evidence)
        if not lacking:
            against = self.match_any(detect.get("contradicted_by", []))
            if against:  # the document also says the opposite ("no referral needed ... we ask for a referral")
                return Finding(rule, MISSING, detect.get("contradicted_message", "contradicted elsewhere in the document"),
                               _dedupe(self._ranges(against[0]) + evidence)[:MAX_EVIDENCE])
            return Finding(rule, PRESENT, "found", _dedupe(evidence)[:MAX_EVIDENCE])
        named = [n for n in lacking if n]
        message = ("not found: " + "; ".join(named)) if named else "not found"
        return Finding(rule, MISSING, message, _dedupe(evidence)[:MAX_EVIDENCE])

    def violation(self, rule: Rule) -> Finding | None:
        """A violation found in the document, or None."""
        matches = self.match_any(rule.detect["any"])
        if not matches:
            return None
        ranges = _dedupe([r for m in matches for r in self._ranges(m)])
        return Finding(rule, "found", rule.description, ranges[:MAX_EVIDENCE])

    def _ranges(self, match: Match) -> list[tuple[int, int]]:
        return [self.a.sentences[s] for s in match.sentences]

    # ------------------------------------------------------------------ value checks
    def where_sentences(self, check: dict) -> list[int]:
        within = check.get("within", 1)
        clause = {"all": check["where"], "within": within, "heading": check.get("heading")}
        # Every sentence in reach of a match: a value may sit beside the words that frame it.
        return sorted({s for m in self.match_clause(clause) for s in self.scope(m.anchor, within)})

    def attributed(self, value: Hit, anchor: str, rivals: list[str], preceding_only: bool = False) -> bool:
        """True when the concept nearest to `value` in its sentence is `anchor`, not a rival.

        `preceding_only`: only what is named before the value counts ("we decide within 30 days"
        is a decision time; "within 120 days of our decision" is a window that starts at one).
        """
        before: list[tuple[int, bool]] = []
        after: list[tuple[int, bool]] = []
        for concept in [anchor, *rivals]:
            for hit in self.hits(concept, value.sentence):
                if hit.end <= value.start:
                    before.append((value.start - hit.end, concept == anchor))
                elif hit.start >= value.end:
                    after.append((hit.start - value.end, concept == anchor))
                elif not (value.start <= hit.start and hit.end <= value.end):  # "$" of "$150" is the value's own
                    before.append((0, concept == anchor))
        # We read left to right: a value belongs to what was named before it, unless nothing was.
        candidates = before if (before or preceding_only) else after
        # On a tie (one word, two concepts: "APPEAL" is a request and an appeal) the rival wins.
        return bool(candidates) and min(candidates, key=lambda c: (c[0], c[1]))[1]

    def followed_by(self, value: Hit, concepts: list[str], reach: int = 12) -> bool:
        """Whether one of the concepts starts within `reach` characters after the value."""
        return any(0 <= h.start - value.end <= reach
                   for c in concepts for h in self.hits(c, value.sentence, any_polarity=True))

    def unreadable_lines(self) -> int:
        if self._unreadable is None:
            self._unreadable = unreadable_lines(self.a.text)
        return self._unreadable

    def languages(self) -> set[str]:
        if self._languages is None:
            self._languages = detect_languages(self.a.text)
        return self._languages


Verdict = tuple[str, list[tuple[int, int]], object] | None


def _duration_check(engine: Engine, check: dict, too_far: Callable[[Duration], bool],
                    timelines: bool = False) -> Verdict:
    """`timelines`: a timeline's day ("By Day 60: we mail our decision") is when its event, named
    after it, happens; it says when something is done, never how long a window stays open."""
    for s in engine.where_sentences(check):
        if any(engine.hits(c, s, any_polarity=True) for c in check.get("skip", [])):
            continue
        for hit in engine.hits("@duration", s):
            duration: Duration = hit.value
            timeline = "timeline" in hit.tags
            if duration.unit == "count" or (timeline and not timelines):
                continue
            if not engine.attributed(hit, check["anchor"], check.get("unless", []), preceding_only=not timeline):
                continue
            if engine.followed_by(hit, check.get("not_followed_by", [])):
                continue  # "within 180 days after you receive this notice" is a window, not a time limit
            if too_far(duration):
                return INCORRECT, [engine.a.sentences[s]], duration
    return None


def check_duration_max(engine: Engine, check: dict) -> Verdict:
    """A stated time limit longer than the law allows (e.g. 60 days to resolve a grievance)."""
    limit = check["max_business_days"]
    # Calendar days are allowed up to the calendar length of the business-day limit (30 BD = 6 weeks).
    return _duration_check(engine, check, lambda d: (d.amount > limit) if d.unit == "business_day"
                           else d.as_calendar_days() > limit * 7 / 5, timelines=True)


def check_duration_min(engine: Engine, check: dict) -> Verdict:
    """A window shorter than the law gives (e.g. 60 days to ask for external review, not 4 months)."""
    limit = check["min_calendar_days"]
    return _duration_check(engine, check, lambda d: d.unit != "hour" and d.as_calendar_days() < limit - 3)


def check_money_allowed(engine: Engine, check: dict) -> Verdict:
    """A fee other than the statutory amounts. With an `anchor`, only an amount that belongs to it
    counts ("observation cost sharing ($150 copayment)" near the fee sentence is not the fee)."""
    allowed = {float(v) for v in check["allowed"]}
    for s in engine.where_sentences(check):
        for hit in engine.hits("@money", s):
            if engine.followed_by(hit, check.get("unless", []), reach=2):
                continue  # "a $50 copay": the amount names the word after it
            if "anchor" in check and not engine.attributed(hit, check["anchor"], check.get("unless", [])):
                continue
            if hit.value not in allowed:
                return INCORRECT, [engine.a.sentences[s]], f"{hit.value:g}"
    return None


def check_wrong_phone(engine: Engine, check: dict) -> Verdict:
    """A phone number given for the entity (OPP) that is not one of its numbers."""
    allowed = set(check["allowed"])
    rivals = check.get("rivals", ["party_ref", "ombudsman", "fax_label", "appeal", "contact_label"])
    for s in engine.sentences_with(check["entity"], any_polarity=True):
        phones = engine.hits("@phone", s)
        # With the entity's own number in the sentence, a number named before the entity is
        # someone else's ("call us at X or OPP at 1-800-436-7757"), and so is one after its own
        # number (a table row run into the next: "OPP; 1-800-436-7757; ... Questions: 1-888-...").
        own = [h for h in phones if _own_number(engine, h, allowed, check.get("fax_only", []))]
        for hit in phones:
            if hit in own or any(o.end <= hit.start for o in own):
                continue
            if engine.attributed(hit, check["entity"], rivals, preceding_only=bool(own)):
                return INCORRECT, [engine.a.sentences[s]], _format_phone(str(hit.value))
        follow = _phone_line_after(engine, s, check["entity"], rivals)
        if follow is not None and not follow.tags & allowed:
            evidence = [engine.a.sentences[s], engine.a.sentences[follow.sentence]]
            return INCORRECT, evidence, _format_phone(str(follow.value))
    return None


def _own_number(engine: Engine, phone: Hit, allowed: set[str], fax_only: list[str]) -> bool:
    """One of the entity's numbers; a fax number only where a fax label introduces it ("call
    617-624-5046" gives OPP's fax line as its phone)."""
    tags = phone.tags & allowed
    if not tags:
        return False
    if tags - set(fax_only):
        return True
    return any(0 <= phone.start - h.end <= FAX_LABEL_REACH
               for h in engine.hits("fax_label", phone.sentence, any_polarity=True))


FAX_LABEL_REACH = 15
"""Characters between a fax label and its number ("Fax: (617) 624-5046")."""

_PHONE_LABEL = re.compile(r"^\W*(?:telephone|phone|tel|call|toll[- ]free|hotline)\b", re.IGNORECASE)
_CALL_LABEL = re.compile(r"^\W*call\b", re.IGNORECASE)
_PHONE_ASKED = re.compile(r"^\W*(?:request|ask|order|reach|contact)\s+(?:it|them|one|a copy|us|the office)?\s*"
                          r"(?:by|at|on)\s+(?:phone|telephone)\b", re.IGNORECASE)  # "Request it by phone at ..."


def _is_phone_line(line: str, adjacent: bool = True) -> bool:
    """A line that opens with a phone label, or with the number itself (the line under a label
    such as "Office of Patient Protection:"). A line further on must be a bare label ("Telephone
    1-800-..."): "Call Member Care at ..." two sentences after OPP is the carrier's."""
    if not adjacent and _CALL_LABEL.match(line):
        return False
    return bool(_PHONE_LABEL.match(line) or _PHONE_ASKED.match(line) or PHONE_RE.match(line.lstrip(" \t-:")))


PHONE_LINE_REACH = 2
"""Sentences after the entity's a bare phone line may stand: "... from the Office of Patient
Protection. The fee is $25. Telephone 1-800-..." (the one between names no one and no number)."""


def _phone_line_after(engine: Engine, s: int, entity: str, rivals: list[str]) -> Hit | None:
    """The number on a bare phone line ("Telephone: 1-800-...") just after a sentence that names the
    entity without a number of its own; None when anyone else is named on the way."""
    if engine.hits("@phone", s):
        return None
    for nxt in range(s + 1, min(s + 1 + PHONE_LINE_REACH, len(engine.a.sentences))):
        phones = engine.hits("@phone", nxt)
        urls = engine.hits("@url", nxt, True)
        # the entity's web address on the line ("Call X, fax Y, or visit www.mass.gov/hpc/opp") names no one else
        if any(not any(u.start <= h.start < u.end for u in urls) for h in engine.hits(entity, nxt, True)):
            return None
        first = phones[0].start if phones else engine.a.sentences[nxt][1]
        if any(h.start < first for r in rivals for h in engine.hits(r, nxt, True)):
            return None  # someone else named before the number; a fax label after it labels the next one
        if "\n\n" in engine.a.text[engine.a.sentences[s][1]:engine.a.sentences[nxt][0]]:
            return None  # a new paragraph is about something else
        if phones:
            return phones[0] if _is_phone_line(engine.a.sentence_text(nxt), adjacent=nxt == s + 1) else None
    return None


def check_languages(engine: Engine, check: dict) -> Verdict:
    """The 958 CMR 3.700(2) statement: all required languages, some (incorrect) or none (missing)."""
    required = check["required"]
    found = engine.languages()
    lacking = [lang for lang in required if lang not in found]
    if not lacking:
        return None
    if len(found & set(required)) >= check["min_found_for_unreadable"] and \
            len(lacking) <= engine.unreadable_lines():
        return None  # the missing few are there, set in a font whose text cannot be extracted
    if len(lacking) == len(required):
        return MISSING, [], "all"
    return INCORRECT, [], ", ".join(lang.replace("_", " ").title() for lang in lacking)


def check_date_gap(engine: Engine, check: dict) -> Verdict:
    """An event dated too soon after the notice (a PCP leaving fewer than 30 days after notice)."""
    dates = engine.a.hits.get("@date", [])
    if len(dates) < 2:
        return None
    notice = dates[0]
    gaps = [((hit.value - notice.value).days, s) for s in engine.where_sentences(check)
            for hit in engine.hits("@date", s) if hit is not notice]
    # A date before the notice counts only when no later one is near: a PCP who died or left before
    # the letter was written got no notice at all; "we learned of it on July 31" is no departure.
    ahead = [(g, s) for g, s in gaps if g >= 0] or [(g, s) for g, s in gaps if g > -366]
    for gap, s in ahead:
        if gap < check["min_days"]:
            return INCORRECT, [engine.a.sentences[s]], gap
    return None


def _message(check: dict, value: object) -> str:
    """The check's message for a value; a negative count may have its own wording ("left 8 days before")."""
    if isinstance(value, int) and value < 0 and "message_if_negative" in check:
        return check["message_if_negative"].format(value=value, magnitude=-value)
    return check["message"].format(value=value)


CHECKS: dict[str, Callable[[Engine, dict], Verdict]] = {
    "duration_max": check_duration_max,
    "duration_min": check_duration_min,
    "money_allowed": check_money_allowed,
    "wrong_phone": check_wrong_phone,
    "languages": check_languages,
    "date_gap": check_date_gap,
}


def _format_phone(number: str) -> str:
    return "1-" + number if number[:3] in ("800", "888", "877", "866", "855", "844", "833") else number


def _dedupe(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    return list(dict.fromkeys(ranges))


def _tag_values(analysis: Analysis, constants: dict) -> None:
    """Tag phones and web addresses with whose they are: OPP's, a third party's, or the carrier's own."""
    opp, fax = set(constants["opp_phone"]), set(constants["opp_fax"])
    third = set(constants["third_party_phones"])
    web = [w.lower() for w in constants["opp_web"]]

    def phone_tags(hit: Hit) -> frozenset[str]:
        number = str(hit.value)
        tags = set(hit.tags)
        if number in opp:
            tags.add("opp")
        elif number in fax:
            tags.add("opp_fax")
        elif number in third:
            tags.add("third_party")
        elif "toll_free" in tags:
            tags.add("own_toll_free")
        return frozenset(tags)

    def web_tags(hit: Hit) -> frozenset[str]:
        return frozenset({"opp"}) if any(w in str(hit.value) for w in web) else frozenset()

    for kind, tagger in (("@phone", phone_tags), ("@url", web_tags), ("@email", web_tags)):
        analysis.hits[kind] = [replace(h, tags=tagger(h)) for h in analysis.hits.get(kind, [])]
    # The first date of a letter is usually its own date; an event date ("leaves on ...") is a later one.
    dates = sorted(analysis.hits.get("@date", []), key=lambda h: h.start)
    analysis.hits["@date"] = dates[:1] + [replace(h, tags=h.tags | {"later"}) for h in dates[1:]]
    analysis.index()


def _gap(a: Hit, b: Hit) -> int:
    """Characters between two hits (0 when they overlap)."""
    return max(0, max(a.start, b.start) - min(a.end, b.end))
