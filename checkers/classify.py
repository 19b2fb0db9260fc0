"""Which document type a text is, from the weighted concept signals each type declares in the catalog.

Each type's `signals` maps concepts to weights. A document scores the weighted count of sentences
with an affirmed hit (capped, so one long section cannot swamp the rest); hits in its opening
sentences, where titles and subject lines are, count again. The best type wins if it clears the
floor. Health-plan material that fits no specific type is the catalog's fallback type (a brochure
or manual, which must carry the 911 statement); a text about no health coverage gets no type and
says why. The thresholds live in catalog.yaml under `classification`.
"""

from __future__ import annotations

from dataclasses import dataclass

from checkers.catalog import Catalog
from checkers.engine import Engine


@dataclass(frozen=True)
class Classification:
    """The chosen type (or None), why, and every type's score for diagnostics."""

    document_type: str | None
    reason: str | None
    scores: dict[str, float]


def _count(engine: Engine, concept: str, limit: int | None = None) -> int:
    found = engine.sentences_with(concept)
    return len(found) if limit is None else sum(1 for s in found if s < limit)


def classify(engine: Engine, catalog: Catalog) -> Classification:
    """Score every document type and pick one, the fallback, or none with a reason."""
    cfg = catalog.classification
    cap, opening = cfg["cap_per_concept"], cfg["opening_sentences"]
    scores: dict[str, float] = {}
    for tid, dtype in catalog.document_types.items():
        scores[tid] = round(sum(weight * (min(_count(engine, c), cap) + min(_count(engine, c, opening), 2))
                                for c, weight in dtype.signals.items()), 2)
    best = max(scores, key=scores.get)
    plan_sentences = _count(engine, "sig_health_plan")
    if scores[best] >= cfg["min_score"] and (plan_sentences or scores[best] >= 2 * cfg["min_score"]):
        return Classification(best, None, scores)
    if plan_sentences >= cfg["min_health_plan_sentences"] and any(
            _count(engine, c) for c in cfg.get("fallback_needs_any", [])):
        return Classification(cfg["fallback_type"], None, scores)
    return Classification(None, "not a health-coverage document: no plan, coverage or member language", scores)
