"""`notices annotate`: the checked PDF with its findings as highlights and a first-page note."""

from __future__ import annotations

import json
import sys

import click

from checkers.commands.check import type_choice
from checkers.options import CheckOptions


@click.command()
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, writable=True),
              help="Where to write the annotated PDF.")
@click.option("--report", "report_path", type=click.Path(exists=True, dir_okay=False),
              help="Use this JSON report of `notices check` instead of checking again.")
@click.option("--type", "doc_type", type=type_choice(), help="Document type (skips detection).")
@click.option("--ocr", is_flag=True, help="Run OCR on pages without a text layer (scans).")
def annotate(path: str, output: str, report_path: str | None, doc_type: str | None, ocr: bool) -> None:
    """Write a copy of the PDF at PATH with the evidence highlighted and a note listing what is
    missing or wrong. The document's own text is not changed.

    Exit status: 0 when the annotated PDF was written, 1 when the file could not be checked or
    annotated, 2 for usage errors.
    """
    from checkers.annotate import AnnotateError, annotate as write_annotated
    from checkers.pages import is_pdf

    if not is_pdf(path):
        raise click.UsageError("annotate needs a PDF; use `notices check --format html` for other formats")
    report = _load_report(report_path) if report_path else _check(path, doc_type, ocr)
    if report["status"] != "ok":
        click.echo(f"{path}: {report['status']}: {report['reason']}", err=True)
        sys.exit(1)
    try:
        count = write_annotated(path, report, output)
    except AnnotateError as exc:
        click.echo(f"{path}: {exc}", err=True)
        sys.exit(1)
    click.echo(f"{output}: {count} highlight(s); verdict {report['verdict'] or 'not determined'}", err=True)


def _check(path: str, doc_type: str | None, ocr: bool) -> dict:
    from checkers.check import check_file

    return check_file(path, options=CheckOptions(doc_type=doc_type, ocr=ocr))


def _load_report(report_path: str) -> dict:
    """A report file from `--format json`: the first line if several files were checked."""
    with open(report_path, encoding="utf-8") as fh:
        first = fh.readline().strip()
    try:
        return json.loads(first)
    except json.JSONDecodeError:
        with open(report_path, encoding="utf-8") as fh:
            return json.load(fh)
