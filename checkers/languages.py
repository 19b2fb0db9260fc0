"""Which of the 958 CMR 3.700(2) languages a document's translation statement is written in.

Script languages (Arabic, Khmer, Chinese, Lao, Greek, Russian) are recognised by their letters;
Latin-script ones (Spanish, French, Italian, Portuguese, Haitian Creole) by marker words, line by
line, so one tagline block with eleven languages is told apart language by language.
"""

from __future__ import annotations

import functools
import re

from checkers.rulefiles import load_yaml

WORD_RE = re.compile(r"[^\W\d_]+", re.UNICODE)


@functools.lru_cache(maxsize=1)
def _profiles() -> tuple[dict, dict[str, re.Pattern], dict[str, frozenset[str]]]:
    data = load_yaml("languages.yaml")
    scripts = {name: re.compile(f"[{spec['script']}]") for name, spec in data["languages"].items() if "script" in spec}
    markers = {name: frozenset(spec["markers"]) for name, spec in data["languages"].items() if "markers" in spec}
    return data, scripts, markers


def detect_languages(text: str) -> set[str]:
    """The set of catalog language names found in the text."""
    data, scripts, markers = _profiles()
    found = {name for name, regex in scripts.items() if len(regex.findall(text)) >= data["min_script_chars"]}
    for line in text.splitlines():
        words = {w.lower() for w in WORD_RE.findall(line)}
        if len(words) < 3:
            continue
        scores = {name: len(words & vocab) for name, vocab in markers.items()}
        best = max(scores, key=scores.get)
        if scores[best] >= data["min_markers"] and list(scores.values()).count(scores[best]) == 1:
            found.add(best)
    return found
