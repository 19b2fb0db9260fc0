"""The catalog of document types, elements and violations, loaded from rules/catalog.yaml.

Small explicit objects (like pdfplumber's): `Catalog` holds `DocumentType`s, which hold `Rule`s for
their elements; violations are `Rule`s too. `detect` stays the raw mapping from the YAML: only
`checkers.engine` interprets it.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from checkers.pipeline import load_yaml


class CatalogError(ValueError):
    """The catalog data is inconsistent (an unknown concept, a `same_as` to nowhere...)."""


@dataclass(frozen=True)
class Rule:
    """One element of a document type, or one violation (level is None for violations)."""

    id: str
    citation: str
    description: str
    detect: dict
    level: str | None = None
    document_type: str | None = None

    @property
    def is_violation(self) -> bool:
        return self.id.startswith("v.")


@dataclass(frozen=True)
class DocumentType:
    """A kind of document the law regulates, with its elements and the signals that identify it."""

    id: str
    description: str
    citation: str
    signals: dict[str, float]
    elements: tuple[Rule, ...]


@dataclass(frozen=True)
class Catalog:
    """All rules, with the constants (numbers, prefixes) the value checks use."""

    version: str
    constants: dict
    classification: dict
    document_types: dict[str, DocumentType]
    violations: tuple[Rule, ...]
    rules: dict[str, Rule] = field(default_factory=dict)

    def get(self, rule_id: str) -> Rule:
        try:
            return self.rules[rule_id]
        except KeyError:
            raise CatalogError(f"unknown rule id {rule_id!r}") from None


def _resolve(detect: dict, raw: dict[str, dict], seen: tuple[str, ...] = ()) -> dict:
    """Follow `same_as` references so every rule carries its own full detection."""
    target = detect.get("same_as")
    if target is None:
        return detect
    if target in seen or target not in raw:
        raise CatalogError(f"same_as {target!r} is unknown or circular")
    return _resolve(raw[target], raw, seen + (target,))


@functools.lru_cache(maxsize=1)
def load_catalog() -> Catalog:
    """Load and cross-link the catalog once per process."""
    data = load_yaml("catalog.yaml")
    raw_detect = {eid: e["detect"] for t in data["document_types"].values() for eid, e in t["elements"].items()}
    raw_detect.update({vid: v["detect"] for vid, v in data["violations"].items()})
    rules: dict[str, Rule] = {}
    types: dict[str, DocumentType] = {}
    for tid, tspec in data["document_types"].items():
        elements = []
        for eid, espec in tspec["elements"].items():
            rule = Rule(eid, espec["citation"], espec["description"], _resolve(espec["detect"], raw_detect),
                        espec["level"], tid)
            rules[eid] = rule
            elements.append(rule)
        types[tid] = DocumentType(tid, tspec["description"], tspec["citation"], tspec["signals"], tuple(elements))
    violations = []
    for vid, vspec in data["violations"].items():
        rule = Rule(vid, vspec["citation"], vspec["description"], _resolve(vspec["detect"], raw_detect))
        rules[vid] = rule
        violations.append(rule)
    return Catalog(str(data["catalog_version"]), data["constants"], data["classification"], types,
                   tuple(violations), rules)
