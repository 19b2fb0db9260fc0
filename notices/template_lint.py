"""Static checks of the Word templates, before any case is rendered.

Why: docxtpl's classic failures (tags Word split across runs, smart quotes inside tags, `{%p %}`
misuse) and a template that no longer prints a required element are both found here, in CI, with
the rule ids and citations they would break, instead of in a letter already mailed.

Lint rules (ids printed with each finding):
- lint.template_missing   a document type has no template file
- lint.jinja_syntax       the template does not parse (after docxtpl's own XML clean-up)
- lint.split_tag          a Jinja tag spans several Word runs (docxtpl may not join it)
- lint.smart_quote        typographic quotes inside a tag (Word's autocorrect): Jinja cannot parse them
- lint.undefined_name     a name or attribute the case model / context does not define
- lint.clause_not_used    a clause requirements.yaml lists for this type is not used
- lint.clause_funding_gap a clause has text for some funding types but not for all
- lint.element_missing    a catalog element of the type no field or clause in the template provides
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, get_args, get_origin

from docxtpl import DocxTemplate
from jinja2 import TemplateSyntaxError, nodes
from lxml import etree
from pydantic import BaseModel

from notices.clauses import Library, load_library
from notices.models import MODELS, Funding
from notices.rendering import jinja_environment
from notices.validation import field_rules, requirements

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)
SMART_QUOTES = "\u201c\u201d\u2018\u2019"
CONTEXT_EXTRAS = {"clauses", "deadlines", "agencies", "document"}
DOCUMENT_KEYS = {"type", "title", "funding"}


@dataclass(frozen=True)
class Finding:
    """One lint problem."""

    rule: str
    template: str
    message: str
    cites: str = ""

    def line(self) -> str:
        tail = f" ({self.cites})" if self.cites else ""
        return f"{self.template}: [{self.rule}] {self.message}{tail}"

    def as_dict(self) -> dict[str, str]:
        return {"rule": self.rule, "template": self.template, "message": self.message, "cites": self.cites}


def lint_directory(directory: Path) -> list[Finding]:
    """Every finding for every document type's template in `directory`."""
    findings: list[Finding] = []
    library = load_library(directory / "clauses")
    findings += lint_clause_library(library)
    for doc_type in requirements()["document_types"]:
        path = directory / f"{doc_type}.docx"
        if not path.exists():
            findings.append(Finding("lint.template_missing", path.name, f"no template for document type {doc_type}"))
            continue
        findings += lint_template(path, doc_type, library)
    return findings


def lint_clause_library(library: Library) -> list[Finding]:
    """Clauses that vary by funding must cover every funding type."""
    findings = []
    for clause in library.clauses.values():
        if "all" in clause.text:
            continue
        for funding in Funding:
            if funding.value not in clause.text:
                findings.append(Finding("lint.clause_funding_gap", f"clauses/{clause.id}.yaml", f"no text for {funding.value} plans", clause.cites))
    return findings


def lint_template(path: Path, doc_type: str, library: Library) -> list[Finding]:
    """All checks for one template file."""
    name = path.name
    findings = list(run_findings(path))
    try:
        ast = jinja_environment().parse(patched_xml(path))
    except TemplateSyntaxError as error:
        return findings + [Finding("lint.jinja_syntax", name, f"line {error.lineno}: {error.message}")]
    used = referenced_paths(ast)
    findings += undefined_names(name, doc_type, used, library)
    findings += closed_loop(name, doc_type, used, library)
    return findings


def patched_xml(path: Path) -> str:
    """The body XML after docxtpl's clean-up passes: what Jinja really parses."""
    template = DocxTemplate(str(path))
    template.init_docx()
    return template.patch_xml(template.get_xml())


def run_findings(path: Path) -> list[Finding]:
    """Tags split across runs and smart quotes inside tags, paragraph by paragraph."""
    with zipfile.ZipFile(path) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    findings = []
    for paragraph in root.iter(f"{{{W_NS}}}p"):
        pieces = [t.text or "" for t in paragraph.iter(f"{{{W_NS}}}t")]
        joined = "".join(pieces)
        bounds, offset = [], 0
        for piece in pieces:
            bounds.append((offset, offset + len(piece)))
            offset += len(piece)
        for match in TAG.finditer(joined):
            if not any(start <= match.start() and match.end() <= end for start, end in bounds):
                findings.append(Finding("lint.split_tag", path.name, f"tag split across Word runs: {match.group(0)[:60]!r}"))
            if any(q in match.group(0) for q in SMART_QUOTES):
                findings.append(Finding("lint.smart_quote", path.name, f"typographic quotes inside tag: {match.group(0)[:60]!r}"))
    return findings


def referenced_paths(ast: nodes.Template) -> set[str]:
    """Dotted paths the template reads from the context (loop variables and their attributes excluded)."""
    local = {n.name for n in ast.find_all(nodes.Name) if n.ctx in ("store", "param")}
    paths: set[str] = set()
    for node in ast.find_all((nodes.Getattr, nodes.Name)):
        chain = _chain(node)
        if chain and chain[0] not in local:
            paths.add(".".join(chain))
    return {p for p in paths if not any(other.startswith(p + ".") for other in paths)}


def _chain(node: nodes.Node) -> list[str] | None:
    """['a', 'b', 'c'] for a.b.c; None for anything that is not a plain attribute chain."""
    parts: list[str] = []
    while isinstance(node, nodes.Getattr):
        parts.append(node.attr)
        node = node.node
    if isinstance(node, nodes.Name) and node.ctx == "load":
        return [node.name, *reversed(parts)]
    return None


def undefined_names(name: str, doc_type: str, used: set[str], library: Library) -> list[Finding]:
    """Every referenced path must exist in the model or in the computed context."""
    model = MODELS[doc_type]
    known_deadlines = set(requirements()["document_types"][doc_type].get("deadlines", {}))
    findings = []
    for dotted in sorted(used):
        head, *rest = dotted.split(".")
        if head == "clauses":
            ok = bool(rest) and rest[0] in library.clauses
        elif head == "deadlines":
            ok = bool(rest) and rest[0] in known_deadlines
        elif head == "agencies":
            ok = _in_mapping(library.agencies, rest)
        elif head == "document":
            ok = bool(rest) and rest[0] in DOCUMENT_KEYS
        else:
            ok = _model_has(model, [head, *rest])
        if not ok:
            findings.append(Finding("lint.undefined_name", name, f"{dotted} is not defined by {model.__name__} or the notice context"))
    return findings


def _in_mapping(mapping: Any, parts: list[str]) -> bool:
    for part in parts:
        if not isinstance(mapping, dict) or part not in mapping:
            return False
        mapping = mapping[part]
    return True


def _model_has(model: type[BaseModel], parts: list[str]) -> bool:
    """Walk model fields (through Optional), stopping at lists and plain values; properties count."""
    current: Any = model
    for part in parts:
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return False
        if part in current.model_fields:
            current = _inner_model(current.model_fields[part].annotation)
        elif isinstance(getattr(current, part, None), property):
            current = None
        else:
            return False
    return True


def _inner_model(annotation: Any) -> Any:
    """The BaseModel inside `X | None` or `Annotated[...]`, else the annotation itself."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        inner = _inner_model(arg)
        if isinstance(inner, type) and issubclass(inner, BaseModel):
            return inner
    return annotation if get_origin(annotation) is None else None


def closed_loop(name: str, doc_type: str, used: set[str], library: Library) -> list[Finding]:
    """Every catalog element of the type (required and recommended) must be provided."""
    spec = requirements()["document_types"][doc_type]
    clauses_used = {p.split(".")[1] for p in used if p.startswith("clauses.") and "." in p}
    findings = [
        Finding("lint.clause_not_used", name, f"clause {cid} is listed for {doc_type} but the template does not use it", library.clauses[cid].cites if cid in library.clauses else "")
        for cid in spec.get("clauses", [])
        if cid not in clauses_used
    ]
    provided = library.elements_of(clauses_used)
    for path, rule in field_rules(doc_type).items():
        if any(u == path or u.startswith(path + ".") for u in used):
            provided.update(rule.get("elements", []))
    for element_id, element in spec["elements"].items():
        if element_id not in provided:
            findings.append(Finding("lint.element_missing", name, f"{element_id} ({element['level']}) is not provided by any field or clause in the template", element["cites"]))
    return findings
