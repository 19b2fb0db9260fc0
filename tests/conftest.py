"""Shared test helpers: check a text as a document without going through the CLI."""

from __future__ import annotations

from pathlib import Path

import pytest

from checkers.check import check_file

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def check_text(tmp_path):
    """Write `text` to a .txt file and return its report (document type forced when given)."""
    counter = iter(range(10_000))

    def run(text: str, doc_type: str | None = None) -> dict:
        path = tmp_path / f"doc{next(counter)}.txt"
        path.write_text(text, encoding="utf-8")
        return check_file(str(path), doc_type=doc_type)

    return run


def element(report: dict, element_id: str) -> dict:
    """The entry of one element in a report."""
    return next(e for e in report["elements"] if e["id"] == element_id)
