"""`notices check`: check documents against the catalog and print a report per file."""

from __future__ import annotations

import os
import sys

import click

from checkers.catalog import load_catalog
from checkers.commands.files import iter_files
from checkers.formatters import FORMATS, STREAMING, formatter
from checkers.options import CheckOptions


def type_choice() -> click.Choice:
    return click.Choice(sorted(load_catalog().document_types))


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--type", "doc_type", type=type_choice(), help="Document type (skips detection).")
@click.option("--format", "fmt", type=click.Choice(sorted(FORMATS)), default="text", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), help="Write here, not stdout.")
@click.option("--summary", is_flag=True, help="Text format: one line per file and the totals.")
@click.option("--ocr", is_flag=True, help="Run OCR on pages without a text layer (scans).")
@click.option("--timeout", type=float, default=CheckOptions.timeout, show_default=True, help="Seconds per file.")
@click.option("--max-memory", type=int, default=CheckOptions.max_memory_mb, show_default=True, help="MB per file.")
@click.option("--max-pages", type=int, default=CheckOptions.max_pages, show_default=True)
@click.option("--jobs", "-j", type=int, default=min(2, os.cpu_count() or 1), show_default=True,
              help="Worker processes for several files.")
def check(paths: tuple[str, ...], doc_type: str | None, fmt: str, output: str | None, summary: bool,
          ocr: bool, timeout: float, max_memory: int, max_pages: int, jobs: int) -> None:
    """Check documents (PDF, DOCX, HTML, text; directories are walked) against the catalog.

    Exit status: 0 when every file is compliant, 1 when any is noncompliant or could not be
    checked, 2 for usage errors.
    """
    from checkers.runner import prestart, run_checks

    prestart()  # the workers' start-up overlaps walking the paths
    files = list(iter_files(paths))
    if not files:
        raise click.UsageError("no document files found in the given paths")
    options = CheckOptions(doc_type=doc_type, ocr=ocr, timeout=timeout, max_memory_mb=max_memory,
                           max_pages=max_pages)
    reports = []
    stream = fmt in STREAMING and output is None
    for report in run_checks(files, options, jobs):
        reports.append(report)
        if stream:
            click.echo(_render(fmt, [report], summary, last=False), nl=False)
    if stream:
        if fmt == "text" and (summary or len(reports) > 1):
            from checkers.formatters.text import summary as totals
            click.echo(totals(reports))
    else:
        _write(_render(fmt, reports, summary, last=True), output)
    sys.exit(0 if all(r["verdict"] == "compliant" for r in reports) else 1)


def _render(fmt: str, reports: list[dict], summary: bool, last: bool) -> str | bytes:
    if fmt == "text":
        from checkers.formatters import text
        if not last:
            return "\n".join(text.headline(r) if summary else text.render(r) for r in reports) + "\n"
        return text.render_reports(reports, summary_only=summary)
    return formatter(fmt)(reports)


def _write(content: str | bytes, output: str | None) -> None:
    if output is None:
        if isinstance(content, bytes):
            sys.stdout.buffer.write(content)
        else:
            click.echo(content, nl=False)
        return
    mode = "wb" if isinstance(content, bytes) else "w"
    with open(output, mode, **({} if mode == "wb" else {"encoding": "utf-8"})) as fh:
        fh.write(content)
