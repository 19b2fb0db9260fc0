"""A small, readable pattern language for the concept lexicon, compiled to slot sequences.

The lexicon (`rules/concepts.yaml`) is written by people who know the law, not spaCy, so each
pattern is a line of words:

    appeal*|grievance* ...3 file|submit|request
    (no|without) referral
    call|dial|phone 911

- ``word``        that word, case-insensitive (hyphenated words are split as spaCy splits them)
- ``a|b|c``       any of the alternatives (one slot)
- ``word*``       any word starting with ``word`` (``refer*`` matches refer, referral, referred)
- ``word?``       an optional slot (``the?``)
- ``...`` / ``...5``  a gap of up to 3 (or 5) words of any kind
- ``NUM``         any number-like token
- ``(a b|c d)``   a group of multi-word alternatives; ``(...)?`` makes the group optional

A compiled pattern is a tuple of steps: `Slot`s (sets of words, token sequences and prefixes, with
an optional flag) and gaps (`int`). `checkers.matcher` matches the slots with spaCy's PhraseMatcher
and joins them in Python, which is far cheaper than handing a thousand patterns to the Matcher.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Iterable

Tokenize = Callable[[str], list[str]]

_GAP = re.compile(r"^\.\.\.(\d*)$")
_GROUP = re.compile(r"\(([^()]*)\)(\??)")
MAX_VARIANTS = 256


class PatternError(ValueError):
    """A lexicon line that cannot be compiled; the message names the line."""


@dataclass(frozen=True)
class Slot:
    """One position of a pattern: any of these token sequences, prefixes, or a number."""

    phrases: frozenset[tuple[str, ...]]
    prefixes: frozenset[str] = frozenset()
    number: bool = False
    optional: bool = False


Step = Slot | int
Pattern = tuple[Step, ...]


def expand_groups(line: str) -> list[str]:
    """Expand ``(a b|c)`` groups into plain lines; single-word alternatives stay one ``a|b`` slot."""
    match = _GROUP.search(line)
    if match is None:
        return [" ".join(line.split())]
    optional = bool(match.group(2))
    alternatives = [a.strip() for a in match.group(1).split("|")]
    singles = [a for a in alternatives if a and " " not in a]
    choices = ["|".join(singles) + ("?" if optional else "")] if singles else []
    choices += [a for a in alternatives if " " in a]
    if optional and not singles:
        choices.append("")
    lines: list[str] = []
    for alt in choices:
        lines.extend(expand_groups(line[: match.start()] + " " + alt + " " + line[match.end():]))
    return list(dict.fromkeys(lines))


def compile_pattern(line: str, tokenize: Tokenize) -> list[Pattern]:
    """Compile one lexicon line into its patterns (one per expanded group alternative)."""
    if not isinstance(line, str) or line.startswith("{"):
        raise PatternError(f"not a pattern: {line!r} (quote a line that contains ': ')")
    _refuse_bare_phrase_alternatives(line)
    patterns = [_compile_plain(plain, tokenize) for plain in expand_groups(line)]
    patterns = [p for p in patterns if any(isinstance(s, Slot) for s in p)]
    if not patterns:
        raise PatternError(f"empty pattern {line!r}")
    if len(patterns) > MAX_VARIANTS:
        raise PatternError(f"pattern {line!r} expands to {len(patterns)} variants; split it")
    return patterns


def _refuse_bare_phrase_alternatives(line: str) -> None:
    """`a|b c` reads as "a or b, then c"; nearly always "a or (b c)" was meant. Ask for parentheses."""
    items, depth, current = [], 0, ""
    for ch in line:
        depth += (ch == "(") - (ch == ")")
        if ch == " " and depth == 0:
            items.append(current)
            current = ""
        else:
            current += ch
    items = [i for i in items + [current] if i]
    if len(items) > 1 and any("|" in i and not i.startswith("(") for i in items):
        raise PatternError(f"ambiguous {line!r}: put an alternation that is part of a sequence, or any "
                           "alternative of several words, in parentheses")


def _compile_plain(line: str, tokenize: Tokenize) -> Pattern:
    return tuple(_compile_item(item, tokenize) for item in line.split())


def _compile_item(item: str, tokenize: Tokenize) -> Step:
    gap = _GAP.match(item)
    if gap:
        return int(gap.group(1) or 3)
    optional = item.endswith("?") and len(item) > 1
    item = item[:-1] if optional else item
    if item == "NUM":
        return Slot(frozenset(), number=True, optional=optional)
    alternatives = [alt.lower() for alt in item.split("|")]
    if not all(alternatives):
        raise PatternError(f"empty alternative in {item!r}")
    if any(alt.endswith("*") and "-" in alt for alt in alternatives):
        raise PatternError(f"prefix with a hyphen in {item!r}: the tokenizer splits at hyphens, "
                           "so write it as a group of words, e.g. '(pre - certif*)'")
    prefixes = frozenset(alt[:-1] for alt in alternatives if alt.endswith("*") and len(alt) > 1)
    phrases: set[tuple[str, ...]] = set()
    for word in (alt for alt in alternatives if not alt.endswith("*")):
        phrases.add((word,))  # the text may keep whole what the tokenizer splits alone ("Dr.")
        pieces = tuple(tokenize(word))
        if len(pieces) > 1:
            phrases.add(pieces)
    return Slot(frozenset(phrases), prefixes, optional=optional)


def prefixes_in(patterns: Iterable[Pattern]) -> set[str]:
    """Every prefix used by the given patterns."""
    return {p for pattern in patterns for step in pattern if isinstance(step, Slot) for p in step.prefixes}


def stem_key(prefix: str) -> str:
    """The NORM value that marks words starting with `prefix` (set by the pipeline's ma_stems)."""
    return f"<{prefix}*>"
