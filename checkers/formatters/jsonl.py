"""JSON view: one report object per line (schema notices.check/1), exactly the result model."""

from __future__ import annotations

import json
from typing import Any


def render_reports(reports: list[dict[str, Any]]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in reports)
