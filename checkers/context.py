"""ConText-style scopes (after medspaCy's ConText): which concept hits a negation, a hypothetical
or a reference cue modifies. A referenced hit is named as being elsewhere ("your rights are
described in Section 8 of the EOC"): no rule counts it, whatever polarity the rule accepts.

A cue reaches forward (or backward) a number of tokens set in rules/context.yaml, never past its
sentence or (unless the cue `crosses_clauses`) a terminator (a comma, "but", "if", ...), and never modifies a hit that contains it:
"no referral is needed" is the concept no_referral, not a negated referral. Pseudo-cues ("no
later than", "at no cost", "if you do not agree") switch off the cues inside them.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from spacy.tokens import Doc, Span

MODIFIERS = ("negated", "hypothetical", "referenced")
CONCEPTS = "concepts"
"""Key in doc.user_data of the concept hits: (concept, start token, end token), by start."""
MODIFIED = "ma_modified"
"""Key in doc.user_data of {(start, end, concept): modifiers} for the concept hits."""


@dataclass(frozen=True)
class Scope:
    """Where one cue reaches: targets starting in [first_start, last_start] (forward) or ending in
    [first_end, last_end] (backward), in token indices."""

    label: str
    cue_start: int
    cue_end: int
    forward: tuple[int, int] | None
    backward: tuple[int, int] | None

    def covers(self, start: int, end: int) -> bool:
        """Whether a target at tokens [start, end) is in reach."""
        if self.cue_start >= start and self.cue_end <= end:
            return False
        if self.forward and self.forward[0] <= start <= self.forward[1]:
            return True
        return bool(self.backward and self.backward[0] <= end <= self.backward[1])


def scopes_of(doc: Doc) -> list[Scope]:
    """The scope of every active (non-pseudo) negation or hypothetical cue in the doc."""
    cues = list(doc.spans.get("cues", []))
    pseudo = sorted((c.start, c.end) for c in cues if c.label_ == "pseudo")
    pseudo_starts = [s for s, _ in pseudo]
    stops = sorted(c.start for c in cues if c.label_ == "terminate")
    sent_starts = [s.start for s in doc.sents] + [len(doc)]
    scopes = []
    for cue in cues:
        if cue.label_ not in MODIFIERS or _inside_pseudo(cue, pseudo, pseudo_starts):
            continue
        i = bisect.bisect_right(sent_starts, cue.start) - 1
        sent_start, sent_end = sent_starts[i], sent_starts[i + 1]
        direction, reach, *flags = cue.id_.split(":")
        reach_n = int(reach)
        cues_stops = [] if "open" in flags else stops  # a cue that crosses clauses stops only at the sentence end
        forward = backward = None
        if direction in ("forward", "both"):
            k = bisect.bisect_left(cues_stops, cue.end)
            next_stop = cues_stops[k] if k < len(cues_stops) else len(doc)
            forward = (cue.end, min(cue.end + reach_n, next_stop, sent_end - 1))
        if direction in ("backward", "both"):
            k = bisect.bisect_left(cues_stops, cue.start) - 1
            last_stop = cues_stops[k] if k >= 0 else -1
            backward = (max(cue.start - reach_n, last_stop + 1, sent_start), cue.start)
        scopes.append(Scope(cue.label_, cue.start, cue.end, forward, backward))
    return scopes


def _inside_pseudo(cue: Span, pseudo: list[tuple[int, int]], starts: list[int]) -> bool:
    """Whether a pseudo-cue ("no later than") contains this cue; pseudo-cues are a few tokens long."""
    k = bisect.bisect_right(starts, cue.start)
    return any(s <= cue.start and cue.end <= e for s, e in pseudo[max(0, k - 8):k])


def mark_modifiers(doc: Doc) -> Doc:
    """Record which modifiers reach each concept hit: doc.user_data[MODIFIED] maps (start, end,
    label) of a concept span to the set of its modifiers (plain data: reading span._ extensions for
    every hit costs more than the matching)."""
    modified: dict[tuple[int, int, str], set[str]] = {}
    doc.user_data[MODIFIED] = modified
    scopes = scopes_of(doc)
    if not scopes:
        return doc
    starts = [s.cue_start for s in scopes]
    for label, start, end in doc.user_data.get(CONCEPTS, ()):
        # Only cues within a sentence's reach of the hit can modify it.
        lo = bisect.bisect_left(starts, start - 64)
        hi = bisect.bisect_right(starts, end + 64)
        for scope in scopes[lo:hi]:
            if scope.covers(start, end):
                modified.setdefault((start, end, label), set()).add(scope.label)
    return doc
