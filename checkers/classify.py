"""Which document type a text is, from the weighted concept signals each type declares in the catalog.

Each type's `signals` maps concepts to weights. A document scores the weighted count of affirmed
hits (capped, so one long section cannot swamp the rest), and hits in its opening sentences, where
titles and subject lines are, count twice. The best type wins if it clears a floor; a text about
no health coverage at all, or too weak to tell, gets no type and says why.
"""

from __future__ import annotations

from dataclasses import dataclass

from checkers.catalog import Catalog
from checkers.engine import Engine

CAP_PER_CONCEPT = 4
OPENING_SENTENCES = 8
MIN_SCORE = 6.0
MIN_HEALTH_PLAN_HITS = 3


@dataclass(frozen=True)
class Classification:
    """The chosen type (or None), why, and every type's score for diagnostics."""

    document_type: str | None
    reason: str | None
    scores: dict[str, float]


def _count(engine: Engine, concept: str, sentences: range | None = None) -> int:
    found = engine.sentences_with(concept)
    if sentences is not None:
        found = [s for s in found if s in sentences]
    return len(found)


def classify(engine: Engine, catalog: Catalog) -> Classification:
    """Score every document type and pick one, or none with a reason."""
    opening = range(0, OPENING_SENTENCES)
    scores: dict[str, float] = {}
    for tid, dtype in catalog.document_types.items():
        score = 0.0
        for concept, weight in dtype.signals.items():
            score += weight * (min(_count(engine, concept), CAP_PER_CONCEPT) + min(_count(engine, concept, opening), 2))
        scores[tid] = round(score, 2)
    if _count(engine, "sig_health_plan") < MIN_HEALTH_PLAN_HITS:
        return Classification(None, "not a health-coverage document: no plan, coverage or member language", scores)
    best = max(scores, key=scores.get)
    if scores[best] < MIN_SCORE:
        return Classification(None, "no document type of the catalog recognised (signals too weak)", scores)
    return Classification(best, None, scores)
