"""The spaCy pipeline: a blank English tokenizer, rule components, no statistical model.

    nlp = build_pipeline()
    doc = nlp("External review is not available for this decision.")
    doc.user_data["concepts"]   # concept hits: (concept name, start token, end token)
    doc.user_data["ma_modified"][(start, end, concept)]
                            # {"negated", "hypothetical", "referenced"}: set by ma_context

Components, in order:
  ma_stems       marks each vocabulary entry once with the lexicon prefix it starts with (NORM)
  ma_blocks      a sentence starts after every newline (blocks are decided before spaCy)
  ma_sentences   punctuation sentences inside blocks (spaCy's Sentencizer rule, on arrays)
  ma_concepts    the lexicon of rules/concepts.yaml -> doc.user_data["concepts"]
  ma_cues        the cues of rules/context.yaml -> doc.spans["cues"] (span id: direction:scope)
  ma_context     ConText-style scopes: records each concept span negated / hypothetical / referenced
ma_concepts and ma_cues are slot matchers (checkers/matcher.py) built on PhraseMatcher. Build the
pipeline once per process (it compiles the lexicon) and reuse it.
"""

from __future__ import annotations

import functools
import re
import weakref

import spacy
import numpy
from spacy.attrs import IS_PUNCT, ORTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span

from checkers.context import CONCEPTS, mark_modifiers
from checkers.matcher import Labelled, SlotMatcher
from checkers.patterns import compile_pattern, prefixes_in, stem_key
from checkers.rulefiles import load_yaml


def _tokenizer_of(nlp: Language):
    return lambda text: [t.text for t in nlp.tokenizer(text)]


def concept_patterns(nlp: Language) -> list[Labelled]:
    """(concept, "", pattern) for every line of the concept lexicon."""
    return _compiled(nlp)[0]


def cue_patterns(nlp: Language) -> list[Labelled]:
    """(category, "direction:scope", pattern) for every ConText cue."""
    return _compiled(nlp)[1]


_COMPILED: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _compiled(nlp: Language) -> tuple[list[Labelled], list[Labelled]]:
    """Concepts and cues compiled once per pipeline: three components need them."""
    if nlp not in _COMPILED:
        _COMPILED[nlp] = (_compile_concepts(nlp), _compile_cues(nlp))
    return _COMPILED[nlp]


def _compile_concepts(nlp: Language) -> list[Labelled]:
    tokenize = _tokenizer_of(nlp)
    return [(concept, "", pattern)
            for concept, lines in load_yaml("concepts.yaml")["concepts"].items()
            for line in lines for pattern in compile_pattern(str(line), tokenize)]


def _compile_cues(nlp: Language) -> list[Labelled]:
    tokenize = _tokenizer_of(nlp)
    return [(cue["category"], f"{cue.get('direction', 'none')}:{cue.get('scope', 0)}"
                              f"{':open' if cue.get('crosses_clauses') else ''}", pattern)
            for cue in load_yaml("context.yaml")["cues"]
            for line in cue["patterns"] for pattern in compile_pattern(str(line), tokenize)]


@Language.component("ma_blocks")
def block_boundaries(doc: Doc) -> Doc:
    """Start a sentence after each newline token: the analysis joins blocks with newlines.

    Only the newline tokens are visited (found by their ids), not every token."""
    orths = doc.to_array(ORTH)
    strings = doc.vocab.strings
    for orth in set(orths.tolist()):
        if "\n" in strings[orth]:
            for i in (orths == orth).nonzero()[0].tolist():
                if i + 1 < len(doc):
                    doc[i + 1].is_sent_start = True
    return doc


class PunctSentencizer:
    """spaCy's Sentencizer rule on whole-document arrays: a sentence starts at the first token that is
    not punctuation after a run of punctuation holding a sentence-final mark (".", "?", "!" ...).

    spaCy's own component walks every token as a Python object (about 5 % of check time); this
    computes the same starts with numpy and, like it with overwrite=False, keeps starts already set
    (the block boundaries of ma_blocks)."""

    def __init__(self, nlp: Language) -> None:
        from spacy.pipeline import Sentencizer

        self.final = [nlp.vocab.strings.add(c) for c in Sentencizer.default_punct_chars]

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if n == 0:
            return doc
        arr = doc.to_array([ORTH, IS_PUNCT, SENT_START])
        final = numpy.isin(arr[:, 0], self.final)
        word = ~(final | arr[:, 1].astype(bool))
        idx = numpy.arange(n)
        last_word = numpy.maximum.accumulate(numpy.where(word, idx, -1))
        last_final = numpy.maximum.accumulate(numpy.where(final, idx, -1))
        start = numpy.zeros(n, dtype=bool)
        start[0] = True
        start[1:] = word[1:] & (last_final[:-1] > last_word[:-1])
        current = arr[:, 2].astype(numpy.int64)
        _keep_outline_numbers(doc, arr[:, 0], start, current)
        guessed = numpy.where(start, 1, -1)
        doc.from_array([SENT_START], numpy.where(current == 0, guessed, current).astype(numpy.uint64).reshape(n, 1))
        return doc


OUTLINE_NUMBER = r"(?:[IVX]{1,4}|[A-Za-z]|\d{1,3})(?:\.(?:[IVX]{1,4}|[A-Za-z]|\d{1,3}))*"
"""A list or outline number: "3", "II", "B", "II.B.2", "4.1"."""
_OUTLINE_NUMBER = re.compile(f"^{OUTLINE_NUMBER}$")


def _keep_outline_numbers(doc: Doc, orths: numpy.ndarray, start: numpy.ndarray, current: numpy.ndarray) -> None:
    """An outline number opening a sentence ("II.B.2.", "3.") labels the sentence after it; its
    period ends nothing, or a rule's window would count the label as a sentence of its own."""
    period = doc.vocab.strings["."]
    opened = (current == 1) | ((current == 0) & start)
    candidates = (opened[:-2] & (orths[1:-1] == period) & start[2:] & (current[2:] == 0)).nonzero()[0]
    for i in candidates.tolist():
        if _OUTLINE_NUMBER.match(doc[i].text):
            start[i + 2] = False


@Language.factory("ma_sentences")
def make_sentencizer(nlp: Language, name: str) -> PunctSentencizer:
    return PunctSentencizer(nlp)


class StemMarker:
    """Sets each new vocabulary entry's NORM to the key of the longest lexicon prefix it starts with.

    Runs per document over its distinct words only (not its tokens), and remembers what it has
    seen, so the cost shrinks as the vocabulary of a batch stabilises.
    """

    def __init__(self, nlp: Language, prefixes: set[str]) -> None:
        self.vocab = nlp.vocab
        ordered = sorted(prefixes, key=len, reverse=True)
        self.regex = re.compile("|".join(re.escape(p) for p in ordered)) if ordered else None
        self.seen: set[int] = set()

    def __call__(self, doc: Doc) -> Doc:
        if self.regex is None:
            return doc
        for orth in set(doc.to_array(ORTH).tolist()) - self.seen:
            self.seen.add(orth)
            lexeme = self.vocab[orth]
            match = self.regex.match(lexeme.lower_)
            if match:
                lexeme.norm_ = stem_key(match.group(0))
        return doc


@Language.factory("ma_stems", default_config={"prefixes": []})
def make_stem_marker(nlp: Language, name: str, prefixes: list[str]) -> StemMarker:
    return StemMarker(nlp, set(prefixes))


class SpanWriter:
    """A pipeline component writing a SlotMatcher's matches, ordered by start: the cues to
    doc.spans[key] (spaCy spans, few), the concepts to doc.user_data[key] as plain
    (label, start, end) tuples (hundreds of thousands on a long document: a Span object each
    would cost more than finding them)."""

    def __init__(self, matcher: SlotMatcher, key: str) -> None:
        self.matcher = matcher
        self.key = key

    def __call__(self, doc: Doc) -> Doc:
        found = sorted(self.matcher(doc), key=lambda m: m[2])
        if self.key == CONCEPTS:
            doc.user_data[CONCEPTS] = [(label, start, end) for label, _, start, end in found]
        else:
            doc.spans[self.key] = [Span(doc, start, end, label=label, span_id=span_id)
                                   for label, span_id, start, end in found]
        return doc


@Language.component("ma_context")
def context_component(doc: Doc) -> Doc:
    """Mark concept spans in the scope of a negation or hypothetical cue (checkers/context.py)."""
    return mark_modifiers(doc)


@Language.factory("ma_spans", default_config={"key": "concepts", "source": "concepts"})
def make_span_writer(nlp: Language, name: str, key: str, source: str) -> SpanWriter:
    concepts, cues = concept_patterns(nlp), cue_patterns(nlp)
    prefixes = prefixes_in(p for _, _, p in concepts + cues)
    chosen = concepts if source == "concepts" else cues
    return SpanWriter(SlotMatcher(nlp.vocab, chosen, prefixes), key)


@functools.lru_cache(maxsize=1)
def build_pipeline() -> Language:
    """The shared pipeline, built once per process."""
    nlp = spacy.blank("en")
    nlp.max_length = 2_000_000
    prefixes = prefixes_in(p for _, _, p in concept_patterns(nlp) + cue_patterns(nlp))
    nlp.add_pipe("ma_stems", config={"prefixes": sorted(prefixes)})
    nlp.add_pipe("ma_blocks")
    nlp.add_pipe("ma_sentences")
    nlp.add_pipe("ma_spans", name="ma_concepts", config={"key": "concepts", "source": "concepts"})
    nlp.add_pipe("ma_spans", name="ma_cues", config={"key": "cues", "source": "cues"})
    nlp.add_pipe("ma_context")
    return nlp
