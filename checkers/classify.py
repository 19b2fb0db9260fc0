"""Which document type a text is, from the weighted concept signals each type declares in the catalog.

Each type's `signals` maps concepts to weights. A document scores the weighted count of sentences
with an affirmed hit (capped, so one long section cannot swamp the rest); hits in its opening
sentences, where titles and subject lines are, count again. Sentences that open by supposing ("If
the appeal is denied, ...") do not vote, nor do a type's `quiet_in` sentences (deadline language
in a denial describes a later appeal, not a decision made); a type whose `support` concepts are too
few is passed over (a one-page emergency flyer titled "Member Guide" is no certificate). When
several types score close to the best, the one whose required elements the text carries most of
wins (`close_call_ratio`). The best type wins if it clears the floor. Plan paper that names itself
as a claims statement or directory has no type; other health-plan material is the catalog's fallback type (a brochure or manual, which
must carry the 911 statement); a text about no health coverage gets no type and says why. The
thresholds live in catalog.yaml under `classification`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from checkers.catalog import Catalog, DocumentType
from checkers.engine import Engine


@dataclass(frozen=True)
class Classification:
    """The chosen type (or None), why, and every type's score for diagnostics."""

    document_type: str | None
    reason: str | None
    scores: dict[str, float]


def _count(engine: Engine, concept: str, limit: int | None = None, ignore: frozenset[int] = frozenset()) -> int:
    """Sentences mentioning the concept; with `limit`, only the opening ones (and running titles)."""
    found = [s for s in engine.sentences_mentioning(concept) if s not in ignore]
    if limit is None:
        return len(found)
    titles = engine.a.title_sentences
    return sum(1 for s in found if s < limit or s in titles)


def _supposing_sentences(engine: Engine, concepts: list[str]) -> frozenset[int]:
    """Sentences that open by supposing an event ("If the appeal is denied, ...", "External review:
    if the appeal is denied, ...", "What if the appeal is denied?"): they describe what a document
    of another type would say, so they do not vote for a type."""
    starts, text = engine.a.sentences, engine.a.text
    return frozenset(s for c in concepts for s in engine.sentences_with(c)
                     if any(_opens(text[starts[s][0]:h.start]) for h in engine.hits(c, s)))


_LABEL_ONLY = re.compile(r"[^.:;?!\n]{1,40}:\s*")


def _opens(prefix: str) -> bool:
    """Whether a hit preceded by this text opens its sentence: nothing before it but a few
    characters or a short label ("External review: if ...")."""
    return len(prefix) <= 3 or bool(_LABEL_ONLY.fullmatch(prefix))


def _sentences_with_any(engine: Engine, concepts: tuple[str, ...]) -> frozenset[int]:
    return frozenset(s for c in concepts for s in engine.sentences_with(c))


OTHER_PAPER_REASON = ("plan or provider paper that is no notice of the catalog (a claims statement, directory, "
                      "appointment reminder, broker's chart, COBRA notice, rewards statement, premium invoice "
                      "or privacy notice)")


PERIODICAL_REASON = "a plan newsletter or press release that says nothing of emergencies: no notice of the catalog"


def classify(engine: Engine, catalog: Catalog) -> Classification:
    """Score every document type and pick one, the fallback, or none with a reason."""
    cfg = catalog.classification
    scores = _scores(engine, catalog)
    eligible = {t: v for t, v in scores.items() if _supported(engine, catalog.document_types[t])} or scores
    best = _settle_close_call(engine, catalog, eligible)
    strong = scores[best] >= 2 * cfg["min_score"]
    other = sum(_count(engine, c, cfg["opening_sentences"]) for c in cfg.get("other_paper", []))
    if other >= (2 if strong else 1):  # names itself twice ("Explanation of benefits", "Statement date")
        return Classification(None, OTHER_PAPER_REASON, scores)
    plan_sentences = _count(engine, "sig_health_plan")
    if scores[best] >= cfg["min_score"] and (plan_sentences or strong):
        return Classification(best, None, scores)
    if plan_sentences >= cfg["min_health_plan_sentences"] and any(
            _count(engine, c) for c in cfg.get("fallback_needs_any", [])):
        if _periodical(engine, cfg):
            return Classification(None, PERIODICAL_REASON, scores)
        return Classification(cfg["fallback_type"], None, scores)
    return Classification(None, "not a health-coverage document: no plan, coverage or member language", scores)


def _periodical(engine: Engine, cfg: dict) -> bool:
    """A newsletter or press release (named so in its opening) that says nothing of emergencies."""
    return any(_count(engine, c, cfg["opening_sentences"]) for c in cfg.get("fallback_refused_for", [])) and \
        not any(_count(engine, c) for c in cfg.get("fallback_kept_by", []))


def _settle_close_call(engine: Engine, catalog: Catalog, scores: dict[str, float]) -> str:
    """The best-scoring type, unless others score nearly as well: then the type whose required
    elements the text carries most of. A plan-year mailing that holds a whole denial among premium
    and drug-list news is a denial notice, though its vocabulary is half certificate."""
    best = max(scores, key=scores.get)
    ratio = catalog.classification.get("close_call_ratio")
    if not ratio or scores[best] <= 0:
        return best
    close = [t for t, v in scores.items() if v >= ratio * scores[best]]
    if len(close) < 2:
        return best
    named = [t for t in close if _titled(engine, catalog.document_types[t], catalog.classification["title_sentences"])]
    winner = named[0] if len(named) == 1 else \
        max(close, key=lambda t: (_carried(engine, catalog.document_types[t]), scores[t]))
    alike = any({best, winner} == set(pair) for pair in catalog.classification.get("close_call_alike", []))
    return best if alike else winner


def _titled(engine: Engine, dtype: DocumentType, first: int) -> bool:
    """Whether the first sentence (a letterhead or page title), a heading among the first sentences,
    or a running header or footer names the type."""
    titles = {s for s in engine.a.headings if s < first} | engine.a.title_sentences | {0}
    return any(s in titles for c in dtype.title for s in engine.sentences_mentioning(c))


def _carried(engine: Engine, dtype: DocumentType) -> float:
    """Share of the type's required elements the text carries (present or with a wrong value);
    nothing if one of its core elements is absent."""
    carried = {r.id for r in dtype.elements if engine.evaluate(r).status in ("present", "incorrect")}
    if not carried.issuperset(dtype.core):
        return 0.0
    required = [r.id for r in dtype.elements if r.level == "required"]
    return sum(1 for r in required if r in carried) / len(required) if required else 0.0


def _supported(engine: Engine, dtype: DocumentType) -> bool:
    """Whether enough of the type's supporting concepts occur (see DocumentType.support)."""
    concepts, needed = dtype.support
    return sum(1 for c in concepts if engine.sentences_with(c)) >= needed


def _scores(engine: Engine, catalog: Catalog) -> dict[str, float]:
    """Each type's weighted, capped count of sentences with its signals (opening sentences twice)."""
    cfg = catalog.classification
    cap, opening = cfg["cap_per_concept"], cfg["opening_sentences"]
    supposed = _supposing_sentences(engine, cfg.get("ignore_sentences_with", []))
    keeps = set(cfg.get("supposition_keeps", []))
    scores: dict[str, float] = {}
    for tid, dtype in catalog.document_types.items():
        total = 0.0
        quiet = _sentences_with_any(engine, dtype.quiet_in)
        for concept, weight in dtype.signals.items():
            ignore = quiet | (frozenset() if concept in keeps else supposed)
            total += weight * (min(_count(engine, concept, ignore=ignore), cap)
                               + min(_count(engine, concept, opening, ignore), 2))
        scores[tid] = round(total, 2)
    return scores
