"""A slot matcher: spaCy PhraseMatchers find the words of every slot, Python joins them into patterns.

spaCy's Matcher tries every pattern at every token, so a lexicon of ~1,000 patterns costs about
60 microseconds a token (measured on a 123-page plan document: 7 s of matching for 66k tokens).
Here each distinct word or phrase of the lexicon is matched once, by hash, with a PhraseMatcher on
LOWER; prefixes (``refer*``) by a second PhraseMatcher on NORM, which the `ma_stems` component has
set to the longest lexicon prefix of each vocabulary entry. Patterns are then assembled only from
the slot hits, so the work grows with the hits, not with tokens times patterns.

A gap (``...3``) never skips a negation word ("is ... available" must not match "is not
available", which the ConText cues then read as negated), a line break between blocks, or a
sentence's end.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from typing import Iterable

from spacy.attrs import LIKE_NUM
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from checkers.patterns import Pattern, Slot, stem_key

Labelled = tuple[str, str, Pattern]
"""(label, span id, pattern)."""

NEGATIONS = ("not", "n't", "no", "never", "cannot", "neither", "nor", "without", "none")
BLOCK_BREAKS = tuple("\n" * k for k in range(1, 9))
SENTENCE_ENDS = (".", "?", "!")
GAP_STOPS = NEGATIONS + BLOCK_BREAKS + SENTENCE_ENDS
"""A gap never skips these: a negation, a line break between blocks, a sentence's end ("Specialist
referrals. A referral ... is required" is two sentences, not one "referrals ... is required")."""
GAP_STOP_KEY = "STOP|"


def _without_optionals(pattern: Pattern) -> list[tuple[Slot | int, ...]]:
    """Every variant of a pattern with its optional slots either present or absent."""
    choices = [[step, None] if isinstance(step, Slot) and step.optional else [step] for step in pattern]
    variants = []
    for combo in itertools.product(*choices):
        steps = [s for s in combo if s is not None]
        while steps and isinstance(steps[0], int):
            steps.pop(0)
        while steps and isinstance(steps[-1], int):
            steps.pop()
        if steps:
            variants.append(tuple(steps))
    return variants


class SlotMatcher:
    """Matches labelled patterns; returns (label, span id, start, end) token spans, longest per start."""

    def __init__(self, vocab: Vocab, patterns: list[Labelled], prefixes: set[str]) -> None:
        self.vocab = vocab
        self.slot_ids: dict[Slot, int] = {}
        self.by_first: dict[int, _Node] = {}
        for label, span_id, pattern in patterns:
            for steps in _without_optionals(pattern):
                compiled = [self._slot_id(s) if isinstance(s, Slot) else -s - 1 for s in steps]
                node = self.by_first.setdefault(compiled[0], _Node())
                for step in compiled[1:]:
                    node = node.children.setdefault(step, _Node())
                node.labels.append((label, span_id))
        for root in self.by_first.values():
            root.freeze()
        self._build_phrase_matchers(prefixes)

    def _slot_id(self, slot: Slot) -> int:
        key = Slot(slot.phrases, slot.prefixes, slot.number)  # optional flag already expanded
        return self.slot_ids.setdefault(key, len(self.slot_ids))

    def _build_phrase_matchers(self, prefixes: set[str]) -> None:
        self.lower = PhraseMatcher(self.vocab, attr="LOWER")
        self.norm = PhraseMatcher(self.vocab, attr="NORM")
        self.phrase_slots: dict[int, set[int]] = defaultdict(set)
        self.number_slots: set[int] = set()
        self.stop_id = self.vocab.strings.add(GAP_STOP_KEY)
        self.lower.add(GAP_STOP_KEY, [Doc(self.vocab, words=[w]) for w in GAP_STOPS])
        for slot, sid in self.slot_ids.items():
            for phrase in slot.phrases:
                key = "L|" + " ".join(phrase)
                if self.vocab.strings.add(key) not in self.phrase_slots:
                    self.lower.add(key, [Doc(self.vocab, words=list(phrase))])
                self.phrase_slots[self.vocab.strings[key]].add(sid)
            for prefix in slot.prefixes:
                for registered in prefixes:
                    if registered.startswith(prefix):
                        key = "N|" + registered
                        if self.vocab.strings.add(key) not in self.phrase_slots:
                            self.norm.add(key, [Doc(self.vocab, words=[stem_key(registered)])])
                        self.phrase_slots[self.vocab.strings[key]].add(sid)
            if slot.number:
                self.number_slots.add(sid)
        inverse: dict[int, list[int]] = defaultdict(list)
        for phrase, sids in self.phrase_slots.items():
            for sid in sids:
                inverse[sid].append(phrase)
        self.slot_phrases: dict[int, frozenset[int]] = {sid: frozenset(phrases) for sid, phrases in inverse.items()}
        self.single_phrase = {sid: next(iter(phrases)) for sid, phrases in self.slot_phrases.items()
                              if len(phrases) == 1 and sid not in self.number_slots}
        # Which patterns can start where a phrase matched: only those roots are tried on a document.
        self.phrase_roots: dict[int, tuple[int, ...]] = {
            phrase: tuple(sid for sid in sids if sid in self.by_first) for phrase, sids in self.phrase_slots.items()}
        self.number_roots = tuple(sid for sid in self.number_slots if sid in self.by_first)
        self.all_slots = frozenset(self.slot_ids.values())

    def slot_hits(self, doc: Doc) -> tuple["_SlotTables", set[int]]:
        """For each slot, start token -> end tokens of its matches (built on first use); and the
        gap-stop tokens. Phrase matches are kept per phrase: a common word ("the", "is") belongs to
        many slots, and most of those slots are never reached by a pattern at that token."""
        by_phrase: dict[int, dict[int, list[int]]] = {}
        stops: set[int] = set()
        stop_id = self.stop_id
        for matcher in (self.lower, self.norm):
            for match_id, start, end in matcher(doc):
                if match_id == stop_id:
                    stops.add(start)
                    continue
                table = by_phrase.get(match_id)
                if table is None:
                    by_phrase[match_id] = {start: [end]}
                elif start in table:
                    table[start].append(end)
                else:
                    table[start] = [end]
        numbers = doc.to_array(LIKE_NUM).nonzero()[0].tolist() if self.number_slots else []
        # Slots none of whose phrases matched are None from the start (set operations in C), so
        # a pattern step into them costs one dict look-up and no Python call.
        live = frozenset().union(*(self.phrase_slots.get(p, ()) for p in by_phrase))
        if numbers:
            live |= self.number_slots
        tables = _SlotTables(self, by_phrase, numbers)
        tables.update(dict.fromkeys(self.all_slots - live))
        return tables, stops

    def __call__(self, doc: Doc) -> list[tuple[str, str, int, int]]:
        tables, stops = self.slot_hits(doc)
        found: dict[tuple[str, str, int], int] = {}
        n = len(doc)
        roots = {sid for phrase in tables.by_phrase for sid in self.phrase_roots.get(phrase, ())}
        if tables.numbers:
            roots.update(self.number_roots)
        for first in roots:
            root = self.by_first[first]
            for start, ends in (tables[first] or {}).items():
                _walk(root, set(ends), start, found, tables, n, stops)
        return _outermost(found)


class _SlotTables(dict):
    """Slot id -> {start: [ends]} (or None), merged from the per-phrase matches the first time a
    slot is looked up (``tables[sid]``; a dict, so repeated look-ups cost no Python call)."""

    def __init__(self, matcher: SlotMatcher, by_phrase: dict[int, dict[int, list[int]]], numbers: list[int]) -> None:
        super().__init__()
        self.matcher, self.by_phrase, self.numbers = matcher, by_phrase, numbers
        self.merged: dict[frozenset[int], dict[int, list[int]]] = {}

    def __missing__(self, sid: int) -> dict[int, list[int]] | None:
        single = self.matcher.single_phrase.get(sid)
        if single is not None:  # most slots are one word: a dict look-up, no set intersection
            result = self.by_phrase.get(single)
            self[sid] = result
            return result
        matched = self.matcher.slot_phrases.get(sid, frozenset()) & self.by_phrase.keys()
        if sid in self.matcher.number_slots:
            result = {i: [i + 1] for i in self.numbers} or None
        elif len(matched) == 1:
            result = self.by_phrase[next(iter(matched))]  # read-only from here on: shared, not copied
        elif matched:
            key = frozenset(matched)  # slots often share their matched words ("your|the|this", "your|the")
            result = self.merged.get(key)
            if result is None:
                result = self.merged[key] = _merge(self.by_phrase[p] for p in matched)
        else:
            result = None
        self[sid] = result
        return result


def _merge(tables: Iterable[dict[int, list[int]]]) -> dict[int, list[int]]:
    """One start -> ends table from several phrases' tables."""
    result: dict[int, list[int]] = {}
    for table in tables:
        for start, ends in table.items():
            if start in result:
                result[start] = result[start] + ends
            else:
                result[start] = ends
    return result


class _Node:
    """A step in the trie of compiled patterns: patterns sharing a prefix share its matching work."""

    __slots__ = ("children", "labels", "steps")

    def __init__(self) -> None:
        self.children: dict[int, _Node] = {}
        self.labels: list[tuple[str, str]] = []
        self.steps: tuple[tuple[int, _Node], ...] = ()

    def freeze(self) -> None:
        """Fix the children as a tuple: the walk iterates it millions of times."""
        self.steps = tuple(self.children.items())
        for child in self.children.values():
            child.freeze()


def _walk(node: _Node, positions: set[int], start: int, found: dict, hits, n: int, stops: set[int]) -> None:
    """Record every pattern ending at this node, then follow each next step (slot ids >= 0, gaps
    as -size-1) from the positions reached so far."""
    if node.labels:
        end = max(positions)
        for label, span_id in node.labels:
            if end > found.get((label, span_id, start), -1):
                found[(label, span_id, start)] = end
    for step, child in node.steps:
        if step < 0:
            reached = {q for p in positions for q in _skips(p, -step - 1, n, stops)}
        else:
            table = hits[step]
            if table is None:
                continue
            if len(positions) == 1:  # the common case: one position, one dict look-up
                (p,) = positions
                ends = table.get(p)
                if ends is None:
                    continue
                reached = set(ends)
            else:
                reached = {e for p in positions for e in table.get(p, ())}
        if reached:
            _walk(child, reached, start, found, hits, n, stops)


def _skips(position: int, gap: int, n: int, stops: set[int]) -> list[int]:
    """Positions reachable by skipping up to `gap` tokens, stopping before a gap stop."""
    reach = [position]
    for q in range(position, min(position + gap, n)):
        if q in stops:
            break
        reach.append(q + 1)
    return reach


def _outermost(found: dict[tuple[str, str, int], int]) -> list[tuple[str, str, int, int]]:
    """Matches not nested inside a longer match of the same label ("peer" inside "peer-to-peer")."""
    kept: list[tuple[str, str, int, int]] = []
    reach: dict[tuple[str, str], int] = {}
    for (label, span_id, start), end in sorted(found.items(), key=lambda kv: (kv[0][2], -kv[1])):
        if end <= reach.get((label, span_id), -1):
            continue
        reach[(label, span_id)] = end
        kept.append((label, span_id, start, end))
    return kept
