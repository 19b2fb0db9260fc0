"""Which of the 958 CMR 3.700(2) languages a document's translation statement is written in.

Script languages (Arabic, Khmer, Chinese, Lao, Greek, Russian) are recognised by their letters;
Latin-script ones (Spanish, French, Italian, Portuguese, Haitian Creole) by marker words, line by
line, so one tagline block with eleven languages is told apart language by language.
"""

from __future__ import annotations

import functools
import unicodedata
from collections import Counter
import re

from checkers.rulefiles import load_yaml

WORD_RE = re.compile(r"[^\W\d_]+", re.UNICODE)


@functools.lru_cache(maxsize=1)
def _profiles() -> tuple[dict, dict[str, re.Pattern], dict[str, frozenset[str]]]:
    data = load_yaml("languages.yaml")
    scripts = {name: re.compile(f"[{spec['script']}]") for name, spec in data["languages"].items() if "script" in spec}
    markers = {name: frozenset(spec["markers"]) for name, spec in data["languages"].items() if "markers" in spec}
    return data, scripts, markers


@functools.lru_cache(maxsize=1)
def _label_line() -> tuple[re.Pattern, dict[str, str]]:
    """A regex for "<language name>: <statement>" at a line start, and name -> language."""
    data = _profiles()[0]
    owner = {name.lower(): lang for lang, names in data["labels"].items() for name in names}
    names = "|".join(re.escape(n) for n in sorted(owner, key=len, reverse=True))
    regex = re.compile(rf"^[^\w\n]*({names})[ \t]*[:\-\u2013\u2014][ \t]*(\S.*)$", re.IGNORECASE | re.MULTILINE)
    return regex, owner


def labelled_languages(text: str) -> set[str]:
    """Languages whose name labels a line followed by a statement ("Arabic: ...")."""
    regex, owner = _label_line()
    minimum = _profiles()[0]["min_label_text"]
    return {owner[m.group(1).lower()] for m in regex.finditer(text)
            if len(m.group(2).strip()) >= minimum and not regex.match(m.group(2))}


def detect_languages(text: str) -> set[str]:
    """The set of catalog language names found in the text."""
    data, scripts, markers = _profiles()
    english = frozenset(data["english_markers"])  # "language assistance services" is no French line
    found = {name for name, regex in scripts.items() if len(regex.findall(text)) >= data["min_script_chars"]}
    found |= labelled_languages(text)
    for line in text.splitlines():
        words = {w.lower() for w in WORD_RE.findall(line)}
        if len(words) < 3:
            continue
        scores = {name: len(words & vocab) for name, vocab in markers.items()}
        best = max(scores, key=scores.get)
        if scores[best] >= data["min_markers"] and list(scores.values()).count(scores[best]) == 1 \
                and scores[best] > len(words & english):
            found.add(best)
    return found


def unreadable_lines(text: str) -> int:
    """Lines that came out of extraction as stray symbols from several scripts: a complex-script
    statement (Arabic, Khmer, Lao) set in a font without a Unicode map. Their language cannot be
    read, but they are not nothing."""
    count = 0
    after_script = False  # the lines since the last readable line follow one in a recognised script
    for line in text.splitlines():
        kind = _line_kind(line)
        if kind == "symbols":
            # Symbols wrapping on from a line in a recognised script are the rest of that statement
            # (an Arabic line whose second half lost its font map), not another language.
            count += not after_script
        else:
            after_script = kind == "script"
    return count


def _line_kind(line: str) -> str:
    """"symbols" (stray signs of several scripts), "script" (one non-Latin script) or "readable"."""
    chars = [c for c in line if not c.isspace()]
    foreign = [c for c in chars if ord(c) > 127]
    if len(chars) < 8 or len(foreign) < 0.5 * len(chars):
        return "readable"
    scripts = Counter(unicodedata.name(c, "UNKNOWN").split(" ")[0] for c in foreign)
    return "symbols" if scripts.most_common(1)[0][1] < 0.7 * len(foreign) else "script"
