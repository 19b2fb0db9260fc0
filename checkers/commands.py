"""Checking commands of the `notices` CLI: check, rules, explain, eval."""

from __future__ import annotations

import json
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Iterable, Iterator

import click

from checkers.catalog import CatalogError, load_catalog

DOCUMENT_SUFFIXES = {".pdf", ".docx", ".txt", ".html", ".htm"}


def iter_files(paths: Iterable[str]) -> Iterator[str]:
    """Files named, and document files found under directories (sorted, hidden ones skipped)."""
    for path in paths:
        if os.path.isdir(path):
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if not name.startswith(".") and Path(name).suffix.lower() in DOCUMENT_SUFFIXES:
                        yield os.path.join(root, name)
        else:
            yield path


def _check_one(args: tuple[str, str | None]) -> dict:
    from checkers.check import check_file
    return check_file(*args)


def run_checks(files: list[str], doc_type: str | None, jobs: int) -> Iterator[dict]:
    """Reports in input order; several files go to worker processes (one pipeline each)."""
    if jobs <= 1 or len(files) <= 1:
        for f in files:
            yield _check_one((f, doc_type))
        return
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        yield from pool.map(_check_one, [(f, doc_type) for f in files], chunksize=1)


def _type_choice() -> click.Choice:
    return click.Choice(sorted(load_catalog().document_types))


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--type", "doc_type", type=_type_choice(), help="Document type (skips detection).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--summary", is_flag=True, help="One line per file and the totals.")
@click.option("--jobs", "-j", type=int, default=min(2, os.cpu_count() or 1), show_default=True,
              help="Worker processes for several files.")
def check(paths: tuple[str, ...], doc_type: str | None, fmt: str, summary: bool, jobs: int) -> None:
    """Check documents (PDF, DOCX, HTML, text; directories are walked) against the catalog.

    Exit status: 0 when every file is compliant, 1 when any is noncompliant or could not be
    checked, 2 for usage errors.
    """
    from checkers.formatters import text as text_view

    files = list(iter_files(paths))
    if not files:
        raise click.UsageError("no document files found in the given paths")
    reports = []
    for report in run_checks(files, doc_type, jobs):
        reports.append(report)
        if fmt == "json":
            click.echo(json.dumps(report, ensure_ascii=False))
        else:
            click.echo(text_view.headline(report) if summary else text_view.render(report))
    if fmt == "text" and (summary or len(reports) > 1):
        click.echo(text_view.summary(reports))
    sys.exit(0 if all(r["verdict"] == "compliant" for r in reports) else 1)


@click.command()
@click.option("--type", "doc_type", type=_type_choice(), help="Only this document type's elements.")
def rules(doc_type: str | None) -> None:
    """List the catalog: document types, their elements, and the violations."""
    catalog = load_catalog()
    click.echo(f"catalog {catalog.version}")
    for tid, dtype in catalog.document_types.items():
        if doc_type and tid != doc_type:
            continue
        click.echo(f"\n{tid}  ({dtype.citation})")
        for rule in dtype.elements:
            click.echo(f"  {rule.id:36} {rule.level:11} {rule.citation}")
    if not doc_type:
        click.echo("\nviolations")
        for rule in catalog.violations:
            click.echo(f"  {rule.id:36} {'':11} {rule.citation}")


@click.command()
@click.argument("rule_id")
def explain(rule_id: str) -> None:
    """Print one rule: citation, level, definition and how it is detected."""
    import yaml

    catalog = load_catalog()
    try:
        rule = catalog.get(rule_id)
    except CatalogError as exc:
        raise click.UsageError(str(exc)) from None
    click.echo(f"{rule.id}" + (f"  ({rule.document_type}, {rule.level})" if rule.level else "  (violation)"))
    click.echo(f"citation: {rule.citation}")
    click.echo(f"definition: {rule.description}")
    click.echo("detection:")
    click.echo("  " + yaml.safe_dump(rule.detect, sort_keys=False, width=100).replace("\n", "\n  ").rstrip())


@click.command(name="eval")
@click.argument("directory", default="corpus", type=click.Path(exists=True, file_okay=False))
@click.option("--split", type=click.Choice(["dev", "heldout", "all"]), default="all", show_default=True)
@click.option("--jobs", "-j", type=int, default=min(2, os.cpu_count() or 1), show_default=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def evaluate(directory: str, split: str, jobs: int, fmt: str) -> None:
    """Score the checker on a labelled corpus (DIRECTORY/manifest.jsonl), per split."""
    from checkers.evaluate import evaluate_corpus, format_scores

    scores = evaluate_corpus(directory, split, jobs)
    click.echo(json.dumps(scores, indent=2) if fmt == "json" else format_scores(scores))
