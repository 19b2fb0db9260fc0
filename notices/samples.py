"""The sample cases in templates/samples/: one or more per template, named TYPE.VARIANT.yaml.

Why a module: tests, the benchmark and the docs all iterate over the same samples, and the file
name is what says which document type a sample is for.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from notices.case_files import read_cases
from notices.rendering import templates_dir


def sample_files(root: Path | None = None) -> list[Path]:
    """Every sample file, sorted."""
    return sorted(((root or templates_dir()) / "samples").glob("*.yaml"))


def doc_type_of(path: Path) -> str:
    """'adverse_determination.concurrent.yaml' -> 'adverse_determination'."""
    return path.name.split(".", 1)[0]


def load_sample(path: Path) -> dict[str, Any]:
    """The single case a sample file holds."""
    (case,) = read_cases(path)
    return case
