"""The spaCy pipeline: a blank English tokenizer, rule components, no statistical model.

    nlp = build_pipeline()
    doc = nlp("External review is not available for this decision.")
    doc.spans["concepts"]   # SpanRuler hits, label = concept name
    span._.negated          # set by the ma_context component

Components, in order:
  sentencizer    punctuation sentences (newline boundaries are decided before spaCy, per block)
  ma_concepts    SpanRuler over rules/concepts.yaml, written to doc.spans["concepts"]
  ma_cues        SpanRuler over rules/context.yaml, written to doc.spans["cues"]
  ma_context     ConText-style scopes: marks each concept span negated / hypothetical
Build it once per process (it compiles a few thousand patterns) and reuse it.
"""

from __future__ import annotations

import functools
from pathlib import Path

import spacy
import yaml
from spacy.language import Language
from spacy.tokens import Doc, Span

from checkers.patterns import compile_pattern

RULES_DIR = Path(__file__).parent / "rules"

if not Span.has_extension("negated"):
    Span.set_extension("negated", default=False)
    Span.set_extension("hypothetical", default=False)


def load_yaml(name: str) -> dict:
    """Load one of the data files in checkers/rules/."""
    with open(RULES_DIR / name, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def _tokenizer_of(nlp: Language):
    return lambda text: [t.text for t in nlp.tokenizer(text)]


def concept_patterns(nlp: Language) -> list[dict]:
    """SpanRuler patterns for every concept of the lexicon."""
    tokenize = _tokenizer_of(nlp)
    patterns = []
    for concept, lines in load_yaml("concepts.yaml")["concepts"].items():
        for line in lines:
            for pattern in compile_pattern(str(line), tokenize):
                patterns.append({"label": concept, "pattern": pattern})
    return patterns


def cue_patterns(nlp: Language) -> list[dict]:
    """SpanRuler patterns for the ConText cues; the id carries direction and scope."""
    tokenize = _tokenizer_of(nlp)
    patterns = []
    for cue in load_yaml("context.yaml")["cues"]:
        ident = f"{cue.get('direction', 'none')}:{cue.get('scope', 0)}"
        for line in cue["patterns"]:
            for pattern in compile_pattern(str(line), tokenize):
                patterns.append({"label": cue["category"], "pattern": pattern, "id": ident})
    return patterns


@Language.component("ma_context")
def context_component(doc: Doc) -> Doc:
    """Mark concept spans that fall in the scope of a negation or hypothetical cue."""
    cues = [c for c in doc.spans.get("cues", []) if c.label_ != "terminate"]
    if not cues:
        return doc
    pseudo = [c for c in cues if c.label_ == "pseudo"]
    active = [c for c in cues if c.label_ in ("negated", "hypothetical")
              and not any(p.start <= c.start and c.end <= p.end for p in pseudo)]
    if not active:
        return doc
    stops = {c.start for c in doc.spans.get("cues", []) if c.label_ == "terminate"}
    for span in doc.spans["concepts"]:
        for cue in active:
            if _in_scope(doc, span, cue, stops):
                setattr(span._, cue.label_, True)
    return doc


def _in_scope(doc: Doc, target: Span, cue: Span, stops: set[int]) -> bool:
    """True when `target` lies in `cue`'s scope: same sentence, no terminator between, within reach."""
    if cue.start >= target.start and cue.end <= target.end:
        return False  # the cue is part of the concept's own wording
    direction, reach = cue.id_.split(":")
    reach_n = int(reach)
    sent = doc[cue.start].sent
    if not (sent.start <= target.start < sent.end):
        return False
    if direction in ("forward", "both") and target.start >= cue.end:
        if target.start - cue.end <= reach_n and not any(cue.end <= i < target.start for i in stops):
            return True
    if direction in ("backward", "both") and target.end <= cue.start:
        if cue.start - target.end <= reach_n and not any(target.end <= i < cue.start for i in stops):
            return True
    return False


@functools.lru_cache(maxsize=1)
def build_pipeline() -> Language:
    """The shared pipeline, built once per process."""
    nlp = spacy.blank("en")
    nlp.max_length = 2_000_000
    nlp.add_pipe("sentencizer")
    concepts = nlp.add_pipe("span_ruler", name="ma_concepts",
                            config={"spans_key": "concepts", "phrase_matcher_attr": "LOWER",
                                    "validate": False, "overwrite": True})
    concepts.add_patterns(concept_patterns(nlp))
    cues = nlp.add_pipe("span_ruler", name="ma_cues",
                        config={"spans_key": "cues", "validate": False, "overwrite": True})
    cues.add_patterns(cue_patterns(nlp))
    nlp.add_pipe("ma_context")
    return nlp
