"""Case -> DOCX with docxtpl: sandboxed, autoescaped, strict about undefined names.

Why these settings: docxtpl's default (autoescape off) turns an `&` or `<` in case data into a
corrupt DOCX; an undefined name rendered as "" would silently drop a required element; and the
templates are edited by people outside engineering, so Jinja runs sandboxed.

A `Renderer` is built once per batch: it reads each template file once, loads the clause library
once, and keeps one Jinja environment, so per-case work is only the rendering itself.
"""

from __future__ import annotations

import io
import os
from datetime import date, datetime
from pathlib import Path
from typing import Any

from docxtpl import DocxTemplate
from jinja2 import StrictUndefined

from notices import deadlines
from notices.clauses import Library, load_library, render_clauses
from notices.models import Case
from notices.sandbox import NoticeSandbox
from notices.validation import requirements

TEMPLATES_ENV = "NOTICES_TEMPLATES"


def templates_dir() -> Path:
    """The templates folder: $NOTICES_TEMPLATES, else `templates/` at the repository root."""
    override = os.environ.get(TEMPLATES_ENV)
    return Path(override) if override else Path(__file__).resolve().parent.parent / "templates"


def long_date(value: date | datetime) -> str:
    """Jinja filter: dates the way a letter prints them."""
    if isinstance(value, datetime):
        return deadlines.format_datetime(value)
    return deadlines.format_date(value)


def jinja_environment() -> NoticeSandbox:
    """The one environment docxtpl renders with (sandboxed, size-limited: see notices.sandbox)."""
    env = NoticeSandbox(autoescape=True, undefined=StrictUndefined)
    env.filters["longdate"] = long_date
    return env


def _lookup(case: Case, dotted: str) -> Any:
    """case.a.b.c by a dotted path (used for the start of each printed deadline)."""
    value: Any = case
    for part in dotted.split("."):
        value = getattr(value, part)
    return value


def deadline_context(doc_type: str, case: Case, cal: deadlines.MassachusettsCalendar) -> dict[str, str]:
    """name -> printed deadline, for the deadlines this document type prints."""
    specs = requirements()["document_types"][doc_type].get("deadlines", {})
    printed: dict[str, str] = {}
    for name, spec in specs.items():
        due = deadlines.compute(spec["rule"], _lookup(case, spec["from"]), cal)
        printed[name] = due.describe()
    return printed


def build_context(doc_type: str, case: Case, library: Library, cal: deadlines.MassachusettsCalendar) -> dict[str, Any]:
    """Everything a template may name: the case's parts, clauses, deadlines, document facts."""
    context: dict[str, Any] = {name: getattr(case, name) for name in type(case).model_fields}
    context["clauses"] = render_clauses(case, library)
    context["deadlines"] = deadline_context(doc_type, case, cal)
    context["agencies"] = library.agencies
    context["document"] = {
        "type": doc_type,
        "title": requirements()["document_types"][doc_type]["title"],
        "funding": case.plan.funding.value,
    }
    return context


class Renderer:
    """Renders cases of any type; holds what is shared across a batch."""

    def __init__(self, template_root: Path | None = None, cal: deadlines.MassachusettsCalendar | None = None) -> None:
        self.root = template_root or templates_dir()
        self.calendar = cal or deadlines.MassachusettsCalendar()
        self.library = load_library(self.root / "clauses")
        self.env = jinja_environment()
        self._template_bytes: dict[str, bytes] = {}

    def template_bytes(self, doc_type: str) -> bytes:
        """The .docx template, read from disk once."""
        if doc_type not in self._template_bytes:
            self._template_bytes[doc_type] = (self.root / f"{doc_type}.docx").read_bytes()
        return self._template_bytes[doc_type]

    def render(self, doc_type: str, case: Case) -> bytes:
        """The finished DOCX as bytes."""
        template = DocxTemplate(io.BytesIO(self.template_bytes(doc_type)))
        template.render(build_context(doc_type, case, self.library, self.calendar), jinja_env=self.env, autoescape=True)
        out = io.BytesIO()
        template.save(out)
        return out.getvalue()


def docx_text(data: bytes) -> str:
    """Paragraph text of a DOCX, tables included, one paragraph a line; breaks and tabs kept
    (docxtpl turns newlines and tabs in case data into them)."""
    from docx import Document
    from docx.oxml.ns import qn

    pieces = {qn("w:br"): "\n", qn("w:tab"): "\t"}
    body = Document(io.BytesIO(data)).element.body
    lines = (
        "".join((node.text or "") if node.tag == qn("w:t") else pieces[node.tag] for node in p.iter(qn("w:t"), *pieces))
        for p in body.iter(qn("w:p"))
    )
    return "\n".join(line for line in lines if line)
