"""The catalog of document types, elements and violations, loaded from rules/catalog.yaml.

Small explicit objects (like pdfplumber's): `Catalog` holds `DocumentType`s, which hold `Rule`s for
their elements; violations are `Rule`s too. `detect` stays the raw mapping from the YAML: only
`checkers.engine` interprets it.
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass, field

from checkers.rulefiles import RULES_DIR, load_yaml


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
    quiet_in: tuple[str, ...] = ()
    """Concepts marking sentences that do not vote for this type (deadline language describes
    rights, not a decision already made)."""
    support: tuple[tuple[str, ...], int] = ((), 0)
    """(concepts, n): the type is chosen only when at least n of these concepts occur (a title
    such as "Member Guide" on a one-page emergency flyer does not make it a certificate)."""
    core: tuple[str, ...] = ()
    """Elements without which a text is not this type, whatever else it carries (a denial names what
    it denies): a close call between types is only won by a type whose core elements are present."""
    title: tuple[str, ...] = ()
    """Concepts by which a document names itself this type in its title ("Evidence of Coverage -
    Section 11"): a close call goes to the one type the title names."""


@dataclass(frozen=True)
class Catalog:
    """All rules, with the constants (numbers, prefixes) the value checks use."""

    version: str
    constants: dict
    classification: dict
    document_types: dict[str, DocumentType]
    violations: tuple[Rule, ...]
    rules: dict[str, Rule] = field(default_factory=dict)

    @functools.cached_property
    def owner_concepts(self) -> frozenset[str]:
        """Concepts a value check attributes values to (`entity`, `anchor`): their repeated mentions
        in one sentence are kept, since a value belongs to the mention nearest before it."""
        return frozenset(check[key] for rule in self.rules.values() for check in rule.detect.get("incorrect", [])
                         for key in ("entity", "anchor") if key in check)

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


VALUE_KINDS = {"@phone", "@duration", "@money", "@date", "@code", "@url", "@email"}
CONCEPT_KEYS = ("all", "none", "heading", "heading_none", "where", "unless", "skip", "not_followed_by")


def _concepts_named(detect: object) -> set[str]:
    """Every concept name a detect entry refers to (clauses, checks, min_hits)."""
    names: set[str] = set()
    if isinstance(detect, dict):
        for key, value in detect.items():
            if key in CONCEPT_KEYS and isinstance(value, list):
                names.update(str(v).partition(":")[0] for v in value)
            elif key == "anchor" and value:
                names.add(str(value))
            elif key == "min_hits":
                names.update(value)
            else:
                names |= _concepts_named(value)
    elif isinstance(detect, list):
        for item in detect:
            names |= _concepts_named(item)
    return names


def validate(catalog: "Catalog") -> None:
    """Refuse a catalog whose rules name concepts the lexicon does not define."""
    known = set(load_yaml("concepts.yaml")["concepts"]) | VALUE_KINDS
    for rule in catalog.rules.values():
        unknown = _concepts_named(rule.detect) - known
        if unknown:
            raise CatalogError(f"{rule.id}: unknown concept(s) {sorted(unknown)}")
    for dtype in catalog.document_types.values():
        unknown = {name.partition(":")[0] for name in [*dtype.signals, *dtype.quiet_in, *dtype.support[0],
                                                         *dtype.title]} - known
        if unknown:
            raise CatalogError(f"{dtype.id}: unknown signal concept(s) {sorted(unknown)}")
        strangers = set(dtype.core) - {r.id for r in dtype.elements}
        if strangers:
            raise CatalogError(f"{dtype.id}: core names element(s) it does not have {sorted(strangers)}")


RULE_FILES = ("catalog.yaml", "concepts.yaml", "context.yaml", "languages.yaml")


def _version(declared: str) -> str:
    """The declared version plus a digest of every rule file, so any data change shows in reports
    (and an audit never resumes with results from other rules)."""
    digest = hashlib.sha256()
    for name in RULE_FILES:
        digest.update((RULES_DIR / name).read_bytes())
    return f"{declared}+{digest.hexdigest()[:8]}"


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
        support = tspec.get("support", {})
        types[tid] = DocumentType(tid, tspec["description"], tspec["citation"], tspec["signals"], tuple(elements),
                                  tuple(tspec.get("quiet_in", ())),
                                  (tuple(support.get("any_of", ())), int(support.get("at_least", 0))),
                                  tuple(tspec.get("core", ())), tuple(tspec.get("title", ())))
    violations = []
    for vid, vspec in data["violations"].items():
        rule = Rule(vid, vspec["citation"], vspec["description"], _resolve(vspec["detect"], raw_detect))
        rules[vid] = rule
        violations.append(rule)
    catalog = Catalog(_version(str(data["catalog_version"])), data["constants"], data["classification"], types,
                      tuple(violations), rules)
    validate(catalog)
    return catalog
