"""Check one file: read it, analyse it, evaluate the catalog, and return the JSON report.

Every outcome is a report: a file that cannot be read gets status "error" or "unreadable" with a
reason that names the problem and never quotes the document. Nothing here raises for bad input.
"""

from __future__ import annotations

import logging
from typing import Any

from checkers.analysis import analyse
from checkers.catalog import Catalog, load_catalog
from checkers.classify import classify
from checkers.document import DocumentError, UnreadableDocument
from checkers.engine import Engine
from checkers.extract import read_document
from checkers.fingerprint import sha256_of
from checkers.options import CheckOptions
from checkers.report import base_report, fill

log = logging.getLogger(__name__)


def check_file(path: str, doc_type: str | None = None, catalog: Catalog | None = None,
               options: CheckOptions | None = None) -> dict[str, Any]:
    """The report for one file. `doc_type` (or `options.doc_type`) overrides detection."""
    catalog = catalog or load_catalog()
    options = options or CheckOptions()
    doc_type = doc_type or options.doc_type
    try:
        report = base_report(path, sha256_of(path), catalog)
    except OSError as exc:
        report = base_report(path, "", catalog)
        report["reason"] = f"cannot open file: {exc.strerror or type(exc).__name__}"
        return report
    try:
        with read_document(path, max_pages=options.max_pages, max_bytes=options.max_bytes, ocr=options.ocr) as doc:
            return _check_document(report, doc, doc_type, catalog)
    except UnreadableDocument as exc:
        report.update(status="unreadable", reason=str(exc))
    except DocumentError as exc:
        report.update(status="error", reason=str(exc))
    except MemoryError:
        report.update(status="error", reason="out of memory while checking")
    except Exception as exc:  # a bug or a parser crash must not lose the batch
        log.exception("internal error while checking a file")
        report.update(status="error", reason=f"internal error ({type(exc).__name__})")
    return report


def _check_document(report: dict[str, Any], doc, doc_type: str | None, catalog: Catalog) -> dict[str, Any]:
    analysis = analyse(doc.text, set(catalog.constants["toll_free_prefixes"]), running_spans=doc.running_spans,
                       keep_repeats=catalog.owner_concepts)
    engine = Engine(analysis, catalog)
    reason = None
    if doc_type is None:
        result = classify(engine, catalog)
        doc_type, reason = result.document_type, result.reason
    dtype = catalog.document_types.get(doc_type) if doc_type else None
    elements = [engine.evaluate(rule) for rule in dtype.elements] if dtype else []
    violations = [f for f in (engine.violation(v) for v in catalog.violations) if f is not None]
    fill(report, doc, dtype, elements, violations)
    notes = [n for n in doc.notes if not n.startswith("running")]
    report["reason"] = "; ".join(filter(None, [reason, *notes])) or None
    return report
