"""The summary of an audit database, and its text, CSV and JSONL views (HTML lives in `html`).

What a reviewer asks of a filing: how many files were read, which verdicts by document type,
which required elements are most often missing or wrong, which files are worst, and which files
could not be read (to send for OCR). Everything is computed from the stored JSON reports; no
finding is recomputed and no document text is printed (evidence quotes are left out on purpose:
the summary is meant to be sent on).
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from typing import Any, Iterator

from checkers.audit import db

FAILING = ("missing", "incorrect")
NO_TYPE = "(no type)"
NO_VERDICT = "(none)"


@dataclass
class ElementRate:
    """How often one element fails among the documents it applies to."""

    id: str
    document_type: str
    level: str
    documents: int = 0
    missing: int = 0
    incorrect: int = 0

    @property
    def share(self) -> float:
        return (self.missing + self.incorrect) / self.documents if self.documents else 0.0


@dataclass
class FileLine:
    """One file in a list: the worst ones, or those that could not be read."""

    path: str
    sha256: str
    document_type: str | None
    verdict: str | None
    status: str
    reason: str | None = None
    failing: list[str] = field(default_factory=list)
    violations: list[str] = field(default_factory=list)

    @property
    def score(self) -> int:
        return len(self.failing) + len(self.violations)


@dataclass
class Summary:
    """Every figure of the audit report."""

    files: int = 0
    pages: int = 0
    seconds: float = 0.0
    catalog_versions: Counter = field(default_factory=Counter)
    by_status: Counter = field(default_factory=Counter)
    by_verdict: Counter = field(default_factory=Counter)
    by_type: Counter = field(default_factory=Counter)
    verdict_by_type: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    elements: list[ElementRate] = field(default_factory=list)
    violations: Counter = field(default_factory=Counter)
    worst: list[FileLine] = field(default_factory=list)
    unreadable: list[FileLine] = field(default_factory=list)
    errors: list[FileLine] = field(default_factory=list)
    runs: int = 0


def summarise(conn: sqlite3.Connection, worst: int = 20) -> Summary:
    """Read every result row once and total it."""
    summary = Summary(runs=int(conn.execute("SELECT count(*) FROM runs").fetchone()[0]))
    rates: dict[str, ElementRate] = {}
    candidates: list[FileLine] = []
    for row in db.results(conn):
        _count(summary, row)
        report = json.loads(row["report"])
        line = _line(row, report)
        if row["status"] == "unreadable":
            summary.unreadable.append(line)
        elif row["status"] == "error":
            summary.errors.append(line)
        else:
            _rate(rates, report)
            summary.violations.update(line.violations)
            if line.score:
                candidates.append(line)
    summary.elements = sorted(rates.values(), key=lambda r: (-r.share, r.document_type, r.id))
    summary.worst = sorted(candidates, key=lambda f: (-f.score, f.path))[:worst]
    return summary


def _count(summary: Summary, row: sqlite3.Row) -> None:
    summary.files += 1
    summary.pages += row["pages"]
    summary.seconds += row["seconds"]
    summary.catalog_versions[row["catalog_version"]] += 1
    summary.by_status[row["status"]] += 1
    if row["status"] == "ok":
        dtype, verdict = row["document_type"] or NO_TYPE, row["verdict"] or NO_VERDICT
        summary.by_verdict[verdict] += 1
        summary.by_type[dtype] += 1
        summary.verdict_by_type[dtype][verdict] += 1


def _line(row: sqlite3.Row, report: dict[str, Any]) -> FileLine:
    failing = [e["id"] for e in report.get("elements", [])
               if e.get("level") == "required" and e.get("status") in FAILING]
    return FileLine(row["path"], row["sha256"], row["document_type"], row["verdict"], row["status"],
                    row["reason"], failing, [v["id"] for v in report.get("violations", [])])


def _rate(rates: dict[str, ElementRate], report: dict[str, Any]) -> None:
    for entry in report.get("elements", []):
        if entry.get("status") == "not_applicable":
            continue
        rate = rates.setdefault(entry["id"], ElementRate(entry["id"], report["document_type"], entry.get("level", "")))
        rate.documents += 1
        rate.missing += entry.get("status") == "missing"
        rate.incorrect += entry.get("status") == "incorrect"


# ---------------------------------------------------------------- views

def render(summary: Summary, fmt: str) -> str:
    """The summary as text, csv, jsonl or html."""
    if fmt == "html":
        from checkers.audit.html import render_html

        return render_html(summary)
    return {"text": render_text, "csv": render_csv, "jsonl": render_jsonl}[fmt](summary)


def percent(share: float) -> str:
    return f"{100 * share:.0f}%"


def render_text(s: Summary) -> str:
    out = [f"{s.files} file(s), {s.pages} page(s), {s.seconds:.1f} s of checking, {s.runs} run(s); "
           f"catalog {', '.join(f'{v} ({n})' for v, n in sorted(s.catalog_versions.items())) or '-'}", ""]
    for title, counts in (("status", s.by_status), ("verdict", s.by_verdict), ("document type", s.by_type)):
        out.append(f"by {title}:")
        out += [f"  {key:34} {n:6}" for key, n in counts.most_common()]
        out.append("")
    out.append("elements (share of documents missing it or getting it wrong):")
    out += [f"  {r.id:40} {r.level:11} {percent(r.share):>5}  {r.missing} missing, {r.incorrect} incorrect"
            f" of {r.documents}" for r in s.elements]
    out += ["", "violations:"] + [f"  {vid:40} {n:6}" for vid, n in s.violations.most_common()]
    out += ["", f"worst files (required elements failing + violations, top {len(s.worst)}):"]
    out += [f"  {f.score:3}  {f.path} [{f.document_type}] {', '.join(f.failing + f.violations)}" for f in s.worst]
    out += ["", f"unreadable files (send for OCR: notices audit --ocr --force), {len(s.unreadable)}:"]
    out += [f"  {f.path}: {f.reason}" for f in s.unreadable]
    out += ["", f"errors, {len(s.errors)}:"] + [f"  {f.path}: {f.reason}" for f in s.errors]
    return "\n".join(out) + "\n"


def records(s: Summary) -> Iterator[dict[str, Any]]:
    """The summary as flat records: one shape for CSV rows and JSONL lines."""
    yield {"kind": "totals", "files": s.files, "pages": s.pages, "seconds": round(s.seconds, 3), "runs": s.runs,
           "catalog_versions": dict(s.catalog_versions)}
    for kind, counts in (("status", s.by_status), ("verdict", s.by_verdict), ("document_type", s.by_type)):
        for key, n in counts.most_common():
            yield {"kind": kind, "key": key, "count": n, "share": round(n / s.files, 4) if s.files else 0.0}
    for dtype, counts in sorted(s.verdict_by_type.items()):
        for verdict, n in sorted(counts.items()):
            yield {"kind": "verdict_by_type", "document_type": dtype, "key": verdict, "count": n}
    for r in s.elements:
        yield {"kind": "element", "key": r.id, "document_type": r.document_type, "level": r.level,
               "documents": r.documents, "missing": r.missing, "incorrect": r.incorrect, "share": round(r.share, 4)}
    for vid, n in s.violations.most_common():
        yield {"kind": "violation", "key": vid, "count": n}
    for group, lines in (("worst", s.worst), ("unreadable", s.unreadable), ("error", s.errors)):
        for f in lines:
            yield {"kind": group, **{k: v for k, v in asdict(f).items()}}


def render_jsonl(s: Summary) -> str:
    return "".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in records(s))


CSV_COLUMNS = ("kind", "key", "document_type", "level", "count", "documents", "missing", "incorrect", "share",
               "path", "sha256", "verdict", "status", "reason", "failing", "violations")


def render_csv(s: Summary) -> str:
    """One long table (a `kind` column says what each row is): opens as is in a spreadsheet."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, CSV_COLUMNS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for record in records(s):
        if record["kind"] == "totals":
            writer.writerows({"kind": "totals", "key": key, "count": record[key]} for key in ("files", "pages"))
            continue
        writer.writerow({k: " ".join(v) if isinstance(v, list) else v for k, v in record.items()})
    return buffer.getvalue()
