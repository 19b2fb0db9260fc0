"""Views of the JSON report. Each output format is a module with one function:

    render_reports(reports: list[dict]) -> str | bytes

registered in FORMATS by name. The check command streams the formats in STREAMING (one report at
a time, as files finish) and hands the others the whole list at the end.
"""

from __future__ import annotations

import importlib
from typing import Any, Callable

FORMATS: dict[str, str] = {
    "text": "checkers.formatters.text",
    "json": "checkers.formatters.jsonl",
    "html": "checkers.formatters.html",
    "sarif": "checkers.formatters.sarif",
    "junit": "checkers.formatters.junit",
}
STREAMING = {"text", "json"}


def formatter(name: str) -> Callable[[list[dict[str, Any]]], str | bytes]:
    """The render_reports function of a format (imported on first use)."""
    return importlib.import_module(FORMATS[name]).render_reports
