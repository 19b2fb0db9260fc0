"""Reading case data: YAML, JSON, JSONL or CSV, one case or many per file.

Why one reader for four formats: compliance staff export from spreadsheets (CSV), case systems
(JSON/JSONL) and write samples by hand (YAML). All become the same list of nested dicts.
In CSV, column names are dotted paths (`determination.criteria.name`); a cell holding a JSON list
or object (`["record A", "record B"]`) is parsed as JSON; an empty cell means "not given".
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import yaml


class CaseFileError(Exception):
    """The file cannot be read as case data at all."""


def read_cases(path: Path) -> list[dict[str, Any]]:
    """Every case in the file, in order."""
    text = path.read_text("utf-8-sig")
    suffix = path.suffix.lower()
    try:
        if suffix == ".jsonl":
            data: Any = [json.loads(line) for line in text.splitlines() if line.strip()]
        elif suffix == ".json":
            data = json.loads(text)
        elif suffix == ".csv":
            data = [_nest(row) for row in csv.DictReader(io.StringIO(text))]
        elif suffix in {".yaml", ".yml"}:
            data = yaml.safe_load(text)
        else:
            raise CaseFileError(f"{path}: unknown case file type {suffix!r} (yaml, json, jsonl, csv)")
    except (json.JSONDecodeError, yaml.YAMLError, csv.Error) as error:
        raise CaseFileError(f"{path}: {error}") from error
    return _as_list(data, path)


def _as_list(data: Any, path: Path) -> list[dict[str, Any]]:
    """A single mapping, a list, or {cases: [...]}: always a list of mappings."""
    if isinstance(data, dict) and isinstance(data.get("cases"), list):
        data = data["cases"]
    if isinstance(data, dict):
        data = [data]
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        raise CaseFileError(f"{path}: expected a case (mapping) or a list of cases")
    return data


def _nest(row: dict[str, str]) -> dict[str, Any]:
    """{'a.b': '1'} -> {'a': {'b': '1'}}, skipping empty cells."""
    nested: dict[str, Any] = {}
    for key, cell in row.items():
        if key is None or cell is None or cell.strip() == "":
            continue
        target = nested
        *parents, leaf = key.strip().split(".")
        for part in parents:
            target = target.setdefault(part, {})
        target[leaf] = _cell_value(cell.strip())
    return nested


def _cell_value(cell: str) -> Any:
    """JSON lists/objects and null are parsed; everything else stays text for pydantic to coerce."""
    if cell[0] in "[{" or cell == "null":
        try:
            return json.loads(cell)
        except json.JSONDecodeError:
            return cell
    return cell
