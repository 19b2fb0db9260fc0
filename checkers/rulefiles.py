"""The rule files on disk (checkers/rules/*.yaml): where they are and how to read one.

Kept apart from the spaCy pipeline so that reading the catalog (`notices rules`, `explain`, the
CLI's --type choices) never imports spaCy.
"""

from __future__ import annotations

from pathlib import Path

import yaml

RULES_DIR = Path(__file__).parent / "rules"


def load_yaml(name: str) -> dict:
    """Load one of the data files in checkers/rules/."""
    with open(RULES_DIR / name, encoding="utf-8") as fh:
        return yaml.safe_load(fh)
