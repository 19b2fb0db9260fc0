"""The clause library: one source for the wording every template shares.

Why data and not Word subdocuments: the same right (external review, the 911 statement, the
12-language statement) must read the same in every notice, change in one place, and vary with the
plan's funding. Each `templates/clauses/*.yaml` holds a clause's id, the catalog elements it makes
present, its citation, and its text per funding type (`fully_insured`, `self_funded`, `one_care`,
or `all`). Clause text is Jinja, rendered in a sandbox against the case before docxtpl runs; the
resulting plain strings are escaped by docxtpl like any other case value.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from jinja2 import StrictUndefined, Template

from notices.models import Case
from notices.sandbox import NoticeSandbox


@dataclass(frozen=True)
class Clause:
    """One shared piece of wording and what it satisfies."""

    id: str
    cites: str
    elements: tuple[str, ...]
    text: dict[str, tuple[str, ...]]
    extra: dict[str, Any] = field(default_factory=dict)

    def paragraphs_for(self, funding: str) -> tuple[str, ...]:
        """The paragraphs for this funding type; a clause with no text for it prints nothing."""
        return self.text.get(funding, self.text.get("all", ()))


@dataclass(frozen=True)
class Library:
    """All clauses and agency facts, with their Jinja sources compiled once."""

    clauses: dict[str, Clause]
    agencies: dict[str, Any]
    compiled: dict[str, Template]

    def elements_of(self, clause_ids: set[str]) -> set[str]:
        """Catalog elements made present by these clauses (for the template lint)."""
        return {e for cid in clause_ids if cid in self.clauses for e in self.clauses[cid].elements}


def _environment() -> NoticeSandbox:
    """Sandboxed: clause text may be edited by compliance staff, it must not reach Python."""
    return NoticeSandbox(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=False)


@functools.lru_cache(maxsize=8)
def load_library(clause_dir: Path) -> Library:
    """Read every clause file once per process."""
    clauses: dict[str, Clause] = {}
    agencies: dict[str, Any] = {}
    for path in sorted(clause_dir.glob("*.yaml")):
        raw = yaml.safe_load(path.read_text("utf-8"))
        if "agencies" in raw:
            agencies.update(raw["agencies"])
            continue
        clauses[raw["id"]] = _clause_from(raw)
    env = _environment()
    compiled = {
        source: env.from_string(source)
        for clause in clauses.values()
        for paragraphs in clause.text.values()
        for source in paragraphs
    }
    return Library(clauses, agencies, compiled)


def _clause_from(raw: dict[str, Any]) -> Clause:
    """A Clause from its YAML; the language statement keeps its rows in `extra`."""
    text = {key: tuple(value) for key, value in (raw.get("text") or {}).items()}
    if "languages" in raw:
        text = {"all": tuple(row["text"] for row in raw["languages"])}
    extra = {k: v for k, v in raw.items() if k not in {"id", "cites", "elements", "text"}}
    return Clause(raw["id"], raw["cites"], tuple(raw["elements"]), text, extra)


def render_clauses(case: Case, library: Library) -> dict[str, Any]:
    """Every clause rendered for this case: id -> list of paragraphs (language rows for 3.700(2))."""
    funding = case.plan.funding.value
    scope = _scope(case, library)
    rendered: dict[str, Any] = {}
    for clause in library.clauses.values():
        paragraphs = [library.compiled[src].render(scope) for src in clause.paragraphs_for(funding)]
        if clause.id == "language_statement":
            rendered[clause.id] = [
                {"language": row["language"], "native": row["native"], "text": text}
                for row, text in zip(clause.extra["languages"], paragraphs)
            ]
        else:
            rendered[clause.id] = paragraphs
    return rendered


def _scope(case: Case, library: Library) -> dict[str, Any]:
    """What clause text may refer to: the case's top-level parts, agencies, the 911 chapter."""
    scope: dict[str, Any] = {name: getattr(case, name) for name in type(case).model_fields}
    scope["agencies"] = library.agencies
    scope["phone"] = case.carrier.toll_free
    chapters = library.clauses["emergency_911"].extra.get("chapters", {}) if "emergency_911" in library.clauses else {}
    scope["chapter"] = chapters.get(case.carrier.licence_chapter.value, {})
    return scope
