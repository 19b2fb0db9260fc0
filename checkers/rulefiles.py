"""The rule files on disk (checkers/rules/*.yaml): where they are and how to read one.

Kept apart from the spaCy pipeline so that reading the catalog (`notices rules`, `explain`, the
CLI's --type choices) never imports spaCy.
"""

from __future__ import annotations

from pathlib import Path

import yaml

# libyaml's loader reads the rule files about ten times faster; every worker reads them at start-up.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
RULES_DIR = Path(__file__).parent / "rules"


def load_yaml(name: str) -> dict:
    """Load one of the data files in checkers/rules/."""
    with open(RULES_DIR / name, encoding="utf-8") as fh:
        return yaml.load(fh, Loader=_LOADER)  # noqa: S506 - a safe loader
