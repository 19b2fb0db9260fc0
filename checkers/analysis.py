"""Turn a document's text into what the rules reason over: sentences, sections, concept hits, values.

The text is first cut into blocks (paragraphs, list items, table cells, headings) from its line
layout, because PDF text breaks lines inside sentences and runs headings into body text. Blocks go
through the spaCy pipeline in batches; the result is flattened into plain Python objects
(`Analysis`) so the rule engine never touches spaCy and can be tested on its own.
"""

from __future__ import annotations

import bisect
import functools
import re
import statistics
from collections import defaultdict
from dataclasses import dataclass, field, replace
from typing import Iterator

from spacy.attrs import IDX, LENGTH, SENT_START

from checkers.context import CONCEPTS, MODIFIED
from checkers.pipeline import build_pipeline
from checkers.rulefiles import load_yaml
from checkers.values import (ValueHit, find_codes, find_dates, find_durations, find_money,
                             find_phones, find_urls)

FIELD_LABEL_RE = re.compile(r"^[A-Z][A-Z0-9 /&().#-]{1,30}:(?:\s|$)")
"""An upper-case field label opening a line ("DX:", "APPEAL NO:"), as system-printed forms have."""
BULLET_RE = re.compile(r"^\s*(?:[•◦▪▫●○■□►▶✓✔\-–—*]|\(?\d{1,2}[.)]|\(?[a-zA-Z][.)]|Q[:.]|A[:.])\s")
END_PUNCT = tuple(".:;?!")
CONNECTORS = {"and", "or", "the", "a", "an", "of", "to", "for", "in", "with", "by", "your", "our",
              "on", "at", "from", "that", "if", "is", "are", "be", "will", "may", "can", "not"}
# A line ending in one of these ends on a title or a Latin tag, not a sentence ("... ordered by Dr." / "Lowe").
ABBREVIATIONS = {"dr.", "mr.", "mrs.", "ms.", "mx.", "prof.", "no.", "nos.", "vs.", "e.g.", "i.e.", "approx.", "dept.",
                 "attn.", "ref.", "cf."}


MAX_HITS_PER_SENTENCE = 4
"""Hits kept per concept and sentence: rules ask whether a sentence has a concept (and, with
`min_hits`, how many different words of it), and dense legal text can repeat one concept dozens of
times in a sentence (memory grows with hits). A repeat of the same words with the same polarity is
dropped (it tells a rule nothing new), except once for the concepts values are attributed to, whose
place matters ("OPP publishes a report ...; call the Office of Patient Protection at 617-...")."""


@dataclass(frozen=True, slots=True)
class Hit:
    """One occurrence of a concept (or of a value, concept name "@kind") in the text."""

    concept: str
    start: int
    end: int
    sentence: int
    negated: bool = False
    hypothetical: bool = False
    value: object = None
    tags: frozenset[str] = frozenset()
    referenced: bool = False
    """Named as being in another document or a later mailing: counted by no rule."""

    @property
    def affirmed(self) -> bool:
        return not (self.negated or self.hypothetical or self.referenced)


@dataclass
class Section:
    """A heading sentence and the sentences under it (until the next heading)."""

    heading: int | None
    first: int
    last: int


@dataclass
class Analysis:
    """Everything the rule engine needs, in character offsets of the document text."""

    text: str
    sentences: list[tuple[int, int]]
    headings: set[int]
    sections: list[Section]
    sentence_section: list[int]
    hits: dict[str, list[Hit]] = field(default_factory=dict)
    title_sentences: frozenset[int] = frozenset()
    """Sentences holding a running header or footer: the document's name on every page."""
    _by_sentence: dict[str, dict[int, list[Hit]]] = field(default_factory=dict, repr=False)
    _starts: list[int] = field(default_factory=list, repr=False)

    def index(self) -> None:
        """Build the per-sentence lookup after all hits are in."""
        self._by_sentence = {}
        for concept, hits in self.hits.items():
            table: dict[int, list[Hit]] = defaultdict(list)
            for hit in hits:
                table[hit.sentence].append(hit)
            self._by_sentence[concept] = table

    def in_sentence(self, concept: str, sentence: int) -> list[Hit]:
        return self._by_sentence.get(concept, {}).get(sentence, [])

    def sentences_with(self, concept: str) -> list[int]:
        return sorted(self._by_sentence.get(concept, {}))

    def sentence_of(self, offset: int) -> int:
        if len(self._starts) != len(self.sentences):
            self._starts = [s for s, _ in self.sentences]
        return max(0, bisect.bisect_right(self._starts, offset) - 1)

    def sentence_text(self, sentence: int) -> str:
        start, end = self.sentences[sentence]
        return self.text[start:end]


def split_blocks(text: str) -> list[tuple[int, int]]:
    """Cut text into blocks: paragraphs, list items, headings, table cells (character spans).

    A line break ends a block when the line before it is complete (ends a sentence, or is much
    shorter than the page's typical line and does not end on a connector) or the next line starts
    a list item; otherwise it is a soft wrap inside a sentence.
    """
    lines = _lines(text)
    widths = [e - s for s, e in lines if e - s > 25]
    typical = statistics.median(widths) if widths else 80
    # Page breaks inside a sentence ("If your doctor" / break / "certifies that ..."): read through.
    runs_on = {i for i, (s, e) in enumerate(lines) if text[s:e] == "\f" and _runs_over_page(text, lines, i)}
    blocks: list[tuple[int, int]] = []
    start = None
    for i, (s, e) in enumerate(lines):
        line = text[s:e].strip()
        if i in runs_on and start is not None:
            continue
        if not line:  # a blank line or a page break (strip() removes the form feed)
            if start is not None:
                blocks.append((start, lines[i - 1][1]))
                start = None
            continue
        if start is None:
            start = s
        nxt = text[lines[i + 1][0]:lines[i + 1][1]].strip() if i + 1 < len(lines) else ""
        if i + 1 in runs_on:
            nxt = text[lines[i + 2][0]:lines[i + 2][1]].strip()
        if _ends_block(line, nxt, e - s, typical):
            blocks.append((start, e))
            start = None
    if start is not None:
        blocks.append((start, lines[-1][1]))
    return blocks


def _runs_over_page(text: str, lines: list[tuple[int, int]], brk: int) -> bool:
    """Whether the sentence before the page break at line `brk` goes on after it: the line before
    ends without punctuation and the line after starts in lower case."""
    if brk == 0 or brk + 1 >= len(lines):
        return False
    before = text[slice(*lines[brk - 1])].strip()
    after = text[slice(*lines[brk + 1])].strip()
    return bool(before) and not before.endswith(END_PUNCT) and after[:1].islower()


def _lines(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for line in text.split("\n"):
        spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def _ends_block(line: str, nxt: str, width: int, typical: float) -> bool:
    if not nxt or nxt == "\f" or BULLET_RE.match(nxt):
        return True
    if line.count("|") >= 2 or nxt.count("|") >= 2:
        return True  # a row of a text table ("Ambulance | $0 | no approval needed") stands alone
    if FIELD_LABEL_RE.match(nxt):
        return True  # "LETTER DATE: 08/14/2026" under "FINAL DETERMINATION LETTER": a form's next field
    if _all_caps(line) != _all_caps(nxt):
        return True  # "CLAIM DENIED" above "We reviewed ...": a caps line is its own block
    last_word = line.rsplit(None, 1)[-1].lower() if line.split() else ""
    if line.endswith(END_PUNCT) and last_word not in ABBREVIATIONS and (nxt[:1].isupper() or nxt[:1].isdigit() or not nxt[:1].isalpha()):
        return True
    short = width < 0.6 * typical
    # A short line whose next line starts in lower case is a wrap in a narrow column (a table
    # cell, a sidebar), not the end of a paragraph.
    if short and last_word not in CONNECTORS and not line.endswith((",", "-")) and not nxt[:1].islower():
        return True
    return False


def _all_caps(line: str) -> bool:
    letters = "".join(filter(str.isalpha, line))
    return len(letters) >= 4 and letters.isupper()


def is_heading(text: str) -> bool:
    """A block that reads like a heading: short, no full stop, or a question (Q&A layouts)."""
    words = text.split()
    if not words or len(words) > 14:
        return False
    stripped = text.strip()
    if stripped.count("|") >= 2:
        return False  # a row of a text table belongs to the section it stands in
    if stripped.endswith("?"):
        return True
    if stripped.endswith((".", ";", ",")):
        return False
    letters = [c for c in stripped if c.isalpha()]
    if not letters:
        return False
    # Short, unpunctuated and capitalised: "Utilization review", "YOUR RIGHTS", "Appeals:".
    return stripped.endswith(":") or (len(words) <= 10 and stripped[0].isupper())


CHUNK_CHARS = 2_000
"""Blocks are sent to spaCy in chunks of about this many characters, one Doc each: per-Doc
overhead (components, span groups) is paid per chunk, not per paragraph."""


def _chunks(blocks: list[tuple[int, int]]) -> Iterator[list[tuple[int, int]]]:
    group: list[tuple[int, int]] = []
    size = 0
    for block in blocks:
        group.append(block)
        size += block[1] - block[0]
        if size >= CHUNK_CHARS:
            yield group
            group, size = [], 0
    if group:
        yield group


def _payload(text: str, group: list[tuple[int, int]]) -> str:
    """The chunk's text, same length: soft line breaks inside blocks become spaces and every gap
    between blocks becomes newlines, which the ma_blocks component turns into sentence starts. A
    spaced hyphen is a dash ("without immediate care - you may call 911"), which ends a cue's scope."""
    start = group[0][0]
    parts = []
    cursor = start
    for b_start, b_end in group:
        parts.append("\n" * (b_start - cursor))
        parts.append(text[b_start:b_end].replace("\n", " ").replace("\f", " ").replace(" - ", " \u2013 "))
        cursor = b_end
    return "".join(parts)


def analyse(text: str, toll_free_prefixes: set[str], batch_size: int = 16,
            running_spans: list[tuple[int, int]] = (), keep_repeats: frozenset[str] = frozenset()) -> Analysis:
    """Run blocks through the pipeline and collect sentences, sections, concept and value hits."""
    nlp = build_pipeline()
    blocks = split_blocks(text)
    groups = list(_chunks(blocks))
    sentences: list[tuple[int, int]] = []
    headings: set[int] = set()
    hits: dict[str, list[Hit]] = defaultdict(list)
    payload = ((_payload(text, group), i) for i, group in enumerate(groups))
    for doc, i in nlp.pipe(payload, as_tuples=True, batch_size=batch_size):
        group = groups[i]
        first = len(sentences)
        token_starts = _collect_sentences(doc, group[0][0], sentences)
        _mark_headings(text, group, sentences, first, headings)
        _collect_hits(doc, group[0][0], first, token_starts, hits, keep_repeats)
    _suppress(hits)
    _read_answers(text, sentences, hits)
    _mute_blank_fields(text, hits)
    _mute_unticked(text, hits)
    _mute_navigation(text, hits)
    analysis = Analysis(text, sentences, headings, [], [])
    _add_values(analysis, hits, toll_free_prefixes)
    _add_aliases(analysis, hits)
    _add_names(analysis, hits)
    analysis.hits = dict(hits)
    _sectionise(analysis)
    analysis.index()
    analysis.title_sentences = frozenset(analysis.sentence_of(a) for a, _ in running_spans)
    return analysis


def _collect_sentences(doc, offset: int, sentences: list[tuple[int, int]]) -> list[int]:
    """Append the chunk's sentences that hold a word or number (document offsets); return their
    first tokens. Read from arrays: iterating doc.sents builds a Span and its tokens per sentence."""
    if not len(doc):
        return []
    arr = doc.to_array([SENT_START, IDX, LENGTH])
    starts = (arr[:, 0] == 1).nonzero()[0].tolist()
    idx, length = arr[:, 1].tolist(), arr[:, 2].tolist()
    if not starts or starts[0] != 0:
        starts.insert(0, 0)
    ends = starts[1:] + [len(doc)]
    text = doc.text
    token_starts = []
    for first, end in zip(starts, ends):
        start_char, end_char = idx[first], idx[end - 1] + length[end - 1]
        stripped = text[start_char:end_char].rstrip()
        lead = len(stripped) - len(stripped.lstrip())
        if not any(c.isalnum() for c in stripped):
            continue  # blank, or a table's rule line ("----+----"): no sentence to keep apart
        sentences.append((offset + start_char + lead, offset + start_char + len(stripped)))
        token_starts.append(first)
    return token_starts


def _mark_headings(text: str, group: list[tuple[int, int]], sentences: list[tuple[int, int]], first: int,
                   headings: set[int]) -> None:
    """A block that is one sentence and reads like a heading is a heading."""
    starts = [s for s, _ in sentences[first:]]
    for b_start, b_end in group:
        lo = bisect.bisect_left(starts, b_start)
        hi = bisect.bisect_left(starts, b_end)
        if hi - lo == 2 and _is_enumerator(text, sentences[first + lo]):
            lo += 1  # "2." then "What we considered": the numbered heading is the second sentence
        if hi - lo == 1 and is_heading(text[slice(*sentences[first + lo])]):
            headings.add(first + lo)


def _is_enumerator(text: str, sentence: tuple[int, int]) -> bool:
    """A section number standing alone: "2.", "A.", "IV.", "Section 3"."""
    words = text[slice(*sentence)].split()
    return 0 < len(words) <= 2 and len(words[-1]) <= 4 and not words[-1].rstrip(".)").isalpha() or \
        (len(words) == 1 and len(words[0]) <= 4 and words[0].endswith((".", ")")))


def _collect_hits(doc, offset: int, first: int, token_starts: list[int], hits: dict[str, list[Hit]],
                  keep_repeats: frozenset[str] = frozenset()) -> None:
    per_sentence: dict[tuple[str, int], int] = defaultdict(int)
    seen: set[tuple] = set()
    again: set[tuple] = set()
    text = doc.text
    modified = doc.user_data.get(MODIFIED, {})
    unmodified: frozenset[str] = frozenset()
    concepts = doc.user_data.get(CONCEPTS, [])
    if concepts:
        char_at = doc.to_array([IDX, LENGTH]).tolist()  # token -> [start character, length]
    for label, first_token, end_token in concepts:
        idx = first + max(0, bisect.bisect_right(token_starts, first_token) - 1)
        key = (label, idx)
        if per_sentence[key] >= MAX_HITS_PER_SENTENCE:
            continue
        start = char_at[first_token][0]
        end = char_at[end_token - 1][0] + char_at[end_token - 1][1]
        mods = modified.get((first_token, end_token, label), unmodified)
        negated, hypothetical, referenced = "negated" in mods, "hypothetical" in mods, "referenced" in mods
        same = (key, text[start:end].lower(), negated, hypothetical, referenced)
        if same in seen:
            if label not in keep_repeats or same in again:
                continue
            again.add(same)  # a second mention keeps its place (values go to what precedes them)
        else:
            seen.add(same)
            per_sentence[key] += 1
        hits[label].append(Hit(label, offset + start, offset + end, idx, negated, hypothetical,
                               referenced=referenced))


@functools.lru_cache(maxsize=1)
def _suppressions() -> dict[str, list[str]]:
    return load_yaml("concepts.yaml").get("suppress", {})


def _suppress(hits: dict[str, list[Hit]]) -> None:
    """Drop hits lying inside a hit of a concept that overrides them (concepts.yaml `suppress`)."""
    for concept, covers in _suppressions().items():
        if concept not in hits:
            continue
        blockers: dict[int, list[tuple[int, int]]] = defaultdict(list)
        for c in covers:
            for h in hits.get(c, []):
                blockers[h.sentence].append((h.start, h.end))
        if blockers:
            hits[concept] = [h for h in hits[concept]
                             if not any(s <= h.start and h.end <= e for s, e in blockers.get(h.sentence, ()))]


@functools.lru_cache(maxsize=1)
def _negative_answer() -> re.Pattern:
    context = load_yaml("context.yaml")
    words, openings, labels = ("|".join(re.escape(w) for w in context[key])
                               for key in ("negative_answers", "negative_answer_openings", "answer_labels"))
    return re.compile(rf"^\W*(?:(?:{labels})\s*[:.\u2014\u2013-]\s*)?"
                      rf"(?:(?:{words})\b\s*[.,!:;\u2014\u2013-]|(?:{openings})\b(?!\s+(?:worry|hesitate|wait|delay|panic)))",
                      re.IGNORECASE)


MERGE_FIELD = (r"(?:«[^»\n]{0,40}»|<<[^>\n]{0,40}>>|\[[A-Z0-9_ ]{2,40}\]|\{\{[^}\n]{0,40}\}\}|\[\[[^\]\n]{0,40}\]\]"
               r"|‹[^›\n]{0,40}›)")
"""A mail-merge field left unfilled: «NAME», <<NAME>>, [NAME], {{NAME}}, [[NAME]], ‹NAME›."""


@functools.lru_cache(maxsize=1)
def _empty_value() -> re.Pattern:
    words = "|".join(re.escape(w) for w in load_yaml("context.yaml")["empty_values"])
    return re.compile(rf"^\s*(?:(?:{words})\W*|{MERGE_FIELD}|_{{3,}}|[-\u2013\u2014]{{1,3}})\s*$", re.IGNORECASE)


def _read_answers(text: str, sentences: list[tuple[int, int]], hits: dict[str, list[Hit]]) -> None:
    """What the next sentence says of a short one. In question-and-answer text, "Should I call 911
    for a cold?" answered "No." says the opposite of its words: the question's hits are negated. A
    form's field label whose value is empty ("Alternative offered" / "N/A", a mail-merge field left
    as «REVIEWER_NAME») asserts nothing: its hits count for no rule, as a pointer's do."""
    answer, empty = _negative_answer(), _empty_value()
    negated, empty_fields = set(), set()
    for i in range(len(sentences) - 1):
        this, after = text[slice(*sentences[i])], text[slice(*sentences[i + 1])]
        if this.endswith("?") and answer.match(after):
            negated.add(i)
        elif len(this.split()) <= 8 and not this.endswith(".") and empty.match(after):  # a label, not a sentence over a rule
            empty_fields.add(i)
    if not negated and not empty_fields:
        return
    for concept, found in hits.items():
        hits[concept] = [replace(h, negated=True) if h.sentence in negated else
                         replace(h, referenced=True) if h.sentence in empty_fields else h for h in found]


# "Date of admission: ____/____/______", "Reviewer: «REVIEWER»": a field left blank on its label's line.
_BLANK_AFTER = re.compile(rf"[ \t]*:?[ \t]*(_{{3,}}[_/ .-]*|{MERGE_FIELD})")


def _mute_blank_fields(text: str, hits: dict[str, list[Hit]]) -> None:
    """A label whose field on the same line is blank asserts nothing, as a label before an empty
    line does (`_read_answers`): its hits are marked referenced."""
    label_ends = {end for m in _BLANK_AFTER.finditer(text) for end in range(m.start(), m.start(1) + 1)}
    if not label_ends:
        return
    for concept, found in hits.items():
        if any(h.end in label_ends for h in found):
            hits[concept] = [replace(h, referenced=True) if h.end in label_ends else h for h in found]


# A checkbox form: "☐ Peer-to-peer available" left unticked beside ticked boxes says it does not apply.
_TICKED = re.compile(r"[☑☒■✓✔✗✘◼]|\[[xX✓✔]\]|\([xX]\)")
_ANY_BOX = r"[☐☑☒□■✓✔✗✘❏◻◼]|\[[ xX✓✔]?\]|\([ xX]\)"
_UNTICKED = re.compile(rf"(?:[☐□❏◻]|\[ ?\]|\( \))(?:(?!{_ANY_BOX})[^\n])*")


def _mute_unticked(text: str, hits: dict[str, list[Hit]]) -> None:
    """Hits in the text of an unticked box (to the next box or the line's end) are marked referenced
    when a box in the same run of checkbox lines is ticked: the form was filled in, and what is left
    unticked does not apply. A form with no box ticked is a blank for the member: its options stand."""
    if not _TICKED.search(text):
        return  # no box ticked anywhere (most documents): nothing to read
    spans = []
    for start, end in _checkbox_runs(text):
        if _TICKED.search(text, start, end):
            spans += [m.span() for m in _UNTICKED.finditer(text, start, end) if m.end() - m.start() > 2]
    _mark_referenced_in(spans, hits)


def _checkbox_runs(text: str, bridge: int = 3) -> list[tuple[int, int]]:
    """Character spans of runs of checkbox lines; up to `bridge` lines without a box (an option's
    text wrapping, a heading) may stand between two boxes of one run."""
    runs: list[tuple[int, int]] = []
    pos, since_box = 0, bridge + 1
    for line in text.split("\n"):
        end = pos + len(line)
        if _TICKED.search(line) or _UNTICKED.search(line):
            if runs and since_box <= bridge:
                runs[-1] = (runs[-1][0], end)
            else:
                runs.append((pos, end))
            since_box = 0
        else:
            since_box += 1
        pos = end + 1
    return runs


def is_navigation(sentence: str) -> bool:
    """A web page's menu or footer ("About us | Careers | Language assistance | Site map"): link
    labels in a row, not statements. Table rows differ: their cells hold amounts and sentences."""
    items = [i.strip() for i in sentence.split("|") if i.strip()]
    return (len(items) >= 4 and all(len(i.split()) <= 5 for i in items)
            and sum(any(c.isdigit() for c in i) for i in items) <= 1)


_TABLE_RULE = re.compile(r"^[\s|+:=-]*-[\s|+:=-]*$")


def _heads_table(line: str, following: list[str]) -> bool:
    """A table's header row, not a menu: a rule line ("---+---") follows, or a row of as many cells
    that is no menu itself (a second menu line may have as many links)."""
    if not following:
        return False
    row = following[0]
    return bool(_TABLE_RULE.match(row)) or (row.count("|") == line.count("|") and not is_navigation(row))


def _mute_navigation(text: str, hits: dict[str, list[Hit]]) -> None:
    """Hits on a navigation line assert nothing: they are marked referenced. Lines, not sentences:
    a menu often runs into the breadcrumb and title below it without a full stop."""
    spans, pos = [], 0
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if "|" in line and is_navigation(line) and not _heads_table(line, lines[i + 1:i + 2]):
            spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    _mark_referenced_in(spans, hits)


def _mark_referenced_in(spans: list[tuple[int, int]], hits: dict[str, list[Hit]]) -> None:
    """Mark referenced (counted by no rule) every hit starting inside one of the sorted, disjoint
    character spans: a menu line, an unticked box's text."""
    if not spans:
        return
    starts = [s for s, _ in spans]

    def inside(hit: Hit) -> bool:
        k = bisect.bisect_right(starts, hit.start) - 1
        return k >= 0 and hit.start < spans[k][1]

    for concept, found in hits.items():
        hits[concept] = [replace(h, referenced=True) if inside(h) else h for h in found]


def _add_values(analysis: Analysis, hits: dict[str, list[Hit]], toll_free: set[str]) -> None:
    text = analysis.text
    found: list[ValueHit] = (find_phones(text, toll_free) + find_durations(text) + find_money(text)
                             + find_dates(text) + find_codes(text) + find_urls(text))
    for value in found:
        sentence = analysis.sentence_of(value.start)
        hits["@" + value.kind].append(
            Hit("@" + value.kind, value.start, value.end, sentence, value=value.value, tags=value.tags))


ALIAS_TAG = frozenset({"alias"})
"""Marks a hit that is a repeated code standing for a concept named earlier."""

# "MP-118", "CG-12", "BH.0042": letters, then parts joined by a hyphen or dot, with a digit.
_NAME_CODE = re.compile(r"\b[A-Z][A-Z0-9]*(?:[-.][A-Z0-9]+)+\b")


@functools.lru_cache(maxsize=1)
def _aliases() -> dict[str, int]:
    return load_yaml("concepts.yaml").get("aliases", {})


@functools.lru_cache(maxsize=1)
def _name_labels() -> dict[str, str]:
    return load_yaml("concepts.yaml").get("names", {})


# A first name, a last name or both after a label, past a courtesy title: "Ms. Okafor", "Lila Rivera".
_PERSON_NAME = re.compile(r"[ \t]*:?[ \t]*(?:(?:Mr|Ms|Mrs|Mx|Miss)\.?[ \t]+)?([A-Z][a-z]+(?:[-'][A-Z][a-z]+)*)"
                          r"(?:[ \t]+(?:[A-Z]\.[ \t]+)?([A-Z][a-z]+(?:[-'][A-Z][a-z]+)*))?")
_NOT_NAMES = {"dr", "member", "members", "patient", "customer", "friend", "friends", "sir", "madam", "parent",
              "parents", "guardian", "subscriber", "provider", "doctor", "team", "all", "valued", "there", "the",
              "plan", "enrollee", "family", "colleague", "colleagues", "name"}
"""Words a salutation or a label may hold that are not the member's name ("Dear Member", "Dear Dr. Lowe")."""


def _add_names(analysis: Analysis, hits: dict[str, list[Hit]]) -> None:
    """A person named after a label stands for the concept wherever the name recurs."""
    for concept, label in _name_labels().items():
        names = set()
        for hit in hits.get(label, ()):
            m = _PERSON_NAME.match(analysis.text, hit.end)
            if m:
                names.update(n for n in m.groups() if n and n.lower() not in _NOT_NAMES)
        for name in names:
            for m in re.finditer(rf"(?<![\w-]){re.escape(name)}(?:'s)?(?![\w-])", analysis.text):
                hits[concept].append(Hit(concept, m.start(), m.end(), analysis.sentence_of(m.start()), tags=ALIAS_TAG))
        if names:
            hits[concept].sort(key=lambda h: h.start)


def _add_aliases(analysis: Analysis, hits: dict[str, list[Hit]]) -> None:
    """A code given right after a concept's words stands for the concept where it is repeated."""
    for concept, reach in _aliases().items():
        named = {h.sentence for h in hits.get(concept, ())}
        for code in _codes_named(analysis, hits.get(concept, ()), reach):
            for m in re.finditer(rf"(?<![\w-]){re.escape(code)}(?![\w-])", analysis.text):
                sentence = analysis.sentence_of(m.start())
                if sentence not in named:
                    hits[concept].append(Hit(concept, m.start(), m.end(), sentence, tags=ALIAS_TAG))
        if hits.get(concept):
            hits[concept].sort(key=lambda h: h.start)


def _codes_named(analysis: Analysis, concept_hits: list[Hit], reach: int) -> set[str]:
    """Codes standing within `reach` characters after an affirmed hit, in its sentence."""
    codes = set()
    for hit in concept_hits:
        if hit.affirmed:
            end = min(hit.end + reach, analysis.sentences[hit.sentence][1])
            codes.update(m.group(0) for m in _NAME_CODE.finditer(analysis.text, hit.start, end)
                         if any(c.isdigit() for c in m.group(0)))
    return codes


def _sectionise(analysis: Analysis) -> None:
    """Group sentences under the nearest heading before them."""
    sections: list[Section] = []
    current = Section(None, 0, -1)
    owner = []
    for i in range(len(analysis.sentences)):
        if i in analysis.headings:
            if current.last >= current.first:
                sections.append(current)
            current = Section(i, i, i)
        else:
            current.last = i
        owner.append(len(sections))
    sections.append(current)
    analysis.sections = sections
    analysis.sentence_section = owner
