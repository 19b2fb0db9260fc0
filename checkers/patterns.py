"""A small, readable pattern language for the concept lexicon, compiled to spaCy token patterns.

The lexicon (`rules/concepts.yaml`) is written by people who know the law, not spaCy, so each
pattern is a line of words:

    appeal*|grievance* ...3 file|submit|request
    no|without referral
    call|dial|phone 911

- ``word``        matches that word, case-insensitive (hyphenated words are split as spaCy does)
- ``a|b|c``       any of the alternatives
- ``word*``       any word starting with ``word`` (``refer*`` matches refer, referral, referred)
- ``word?``       an optional word (``the?``)
- ``...`` / ``...5``  a gap of up to 3 (or 5) words of any kind
- ``NUM``         any number-like token
- ``/regex/``     a token whose lower-case text matches the regular expression
- ``(a b|c d)``   a group of multi-word alternatives; ``(...)?`` makes the group optional

Compilation expands alternatives that span several tokens (``out-of-network|non-network``) into
separate spaCy patterns, so matching itself stays entirely inside spaCy's Matcher.
"""

from __future__ import annotations

import itertools
import re
from typing import Callable

TokenPattern = list[dict]
Tokenize = Callable[[str], list[str]]

_GAP = re.compile(r"^\.\.\.(\d*)$")


class PatternError(ValueError):
    """A lexicon line that cannot be compiled; the message names the line."""


_GROUP = re.compile(r"\(([^()]*)\)(\??)")


def expand_groups(line: str) -> list[str]:
    """Expand ``(a b|c)`` groups (innermost first) into plain lines, one per alternative."""
    match = _GROUP.search(line)
    if match is None:
        return [" ".join(line.split())]
    optional = bool(match.group(2))
    alternatives = [a.strip() for a in match.group(1).split("|")]
    singles = [a for a in alternatives if a and " " not in a]
    # Single words stay one token slot (a|b|c), so groups do not multiply the pattern count.
    choices = ["|".join(singles) + ("?" if optional else "")] if singles else []
    choices += [a for a in alternatives if " " in a]
    if optional and not singles:
        choices.append("")
    lines: list[str] = []
    for alt in choices:
        lines.extend(expand_groups(line[: match.start()] + " " + alt + " " + line[match.end() :]))
    return lines


def compile_pattern(line: str, tokenize: Tokenize) -> list[TokenPattern]:
    """Compile one lexicon line into one or more spaCy token patterns."""
    patterns: list[TokenPattern] = []
    for plain in dict.fromkeys(expand_groups(line)):
        patterns.extend(p for p in _compile_plain(plain, tokenize) if p)
    if len(patterns) > 256:
        raise PatternError(f"pattern {line!r} expands to {len(patterns)} variants; split it")
    return patterns


def _compile_plain(line: str, tokenize: Tokenize) -> list[TokenPattern]:
    """Compile a line without groups."""
    choices: list[list[TokenPattern]] = []
    for item in line.split():
        try:
            choices.append(_compile_item(item, tokenize))
        except re.error as exc:
            raise PatternError(f"bad pattern {line!r}: {exc}") from exc
    if not choices:
        raise PatternError("empty pattern")
    return [sum(combo, []) for combo in itertools.product(*choices)]


def _compile_item(item: str, tokenize: Tokenize) -> list[TokenPattern]:
    """Compile one space-separated item into its alternative token sequences."""
    gap = _GAP.match(item)
    if gap:
        return [[{"OP": "{0,%s}" % (gap.group(1) or "3")}]]
    if item == "NUM":
        return [[{"LIKE_NUM": True}]]
    if item.startswith("/") and item.endswith("/") and len(item) > 2:
        re.compile(item[1:-1])
        return [[{"LOWER": {"REGEX": item[1:-1]}}]]
    optional = item.endswith("?") and len(item) > 1
    if optional:
        item = item[:-1]
    alternatives = [alt for alt in item.split("|") if alt]
    prefixes = [alt[:-1].lower() for alt in alternatives if alt.endswith("*")]
    words = [alt.lower() for alt in alternatives if not alt.endswith("*")]
    sequences: list[TokenPattern] = []
    # Every word is tried as one token too: the text may keep together what the tokenizer splits
    # when the word stands alone (spaCy keeps "Dr." whole but splits "dr.").
    single = list(dict.fromkeys(words))
    if single:
        sequences.append([{"LOWER": {"IN": single}} if len(single) > 1 else {"LOWER": single[0]}])
    if prefixes:
        regex = "^(" + "|".join(re.escape(p) for p in prefixes) + ")"
        sequences.append([{"LOWER": {"REGEX": regex}}])
    for word in words:
        pieces = tokenize(word)
        if len(pieces) > 1:
            sequences.append([{"LOWER": p} for p in pieces])
    if optional and any(len(seq) != 1 for seq in sequences):
        return sequences + [[]]  # multi-token alternatives: the empty choice is its own variant
    if optional:
        for seq in sequences:
            seq[0] = {**seq[0], "OP": "?"}
    return sequences
