"""`notices audit`, `notices audit-report` and `notices audit-merge`: batch audits of filings."""

from __future__ import annotations

import os

import click

from checkers.options import CheckOptions


def _shard(ctx: click.Context, param: click.Parameter, value: str | None):
    from checkers.audit.files import Shard

    try:
        return Shard.parse(value) if value else Shard()
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--db", "db_path", required=True, type=click.Path(dir_okay=False), help="SQLite results database.")
@click.option("--workers", "-j", type=click.IntRange(min=1), default=min(2, os.cpu_count() or 1), show_default=True,
              help="Worker processes (local runs).")
@click.option("--timeout", type=float, default=CheckOptions.timeout, show_default=True, help="Seconds per file.")
@click.option("--max-memory", type=int, default=CheckOptions.max_memory_mb, show_default=True,
              help="MB of address space per worker.")
@click.option("--max-pages", type=int, default=CheckOptions.max_pages, show_default=True)
@click.option("--ocr", is_flag=True, help="Run OCR on pages without a text layer (scans).")
@click.option("--shard", callback=_shard, metavar="I/N", help="Audit only shard I of N (1-based), by file digest.")
@click.option("--scheduler", metavar="ADDRESS", help="Dask scheduler address (tcp://host:8786): run on that cluster.")
@click.option("--force", is_flag=True, help="Re-audit files already audited with this catalog version.")
def audit(paths: tuple[str, ...], db_path: str, workers: int, timeout: float, max_memory: int, max_pages: int,
          ocr: bool, shard, scheduler: str | None, force: bool) -> None:
    """Audit folders, files or globs of notices into a results database; rerun to resume.

    Each distinct file (by SHA-256) is checked once, in a worker process under the time and memory
    limits; a file that fails gets status "error" with the reason and the batch goes on. Every
    result is committed as soon as it is done. Exit status 0 when the run completed (whatever the
    verdicts: see `notices audit-report`), 2 for usage errors.
    """
    from checkers.audit.batch import AuditSettings
    from checkers.audit.batch import audit as run_audit

    options = CheckOptions(ocr=ocr, timeout=timeout, max_memory_mb=max_memory, max_pages=max_pages)
    settings = AuditSettings(options, workers, shard, scheduler, force)
    summary = run_audit(paths, db_path, settings)
    if summary.found == 0 and not summary.unreadable_inputs:
        raise click.UsageError("no document files found in the given paths" + (f" for shard {shard}"
                                                                               if shard.count > 1 else ""))
    for path in summary.unreadable_inputs:
        click.echo(f"cannot read {path}: skipped", err=True)
    click.echo(f"{summary.found} file(s) in scope, {summary.skipped} already audited, {summary.audited} audited now, "
               f"{summary.errors} error(s); results in {db_path}", err=True)


@click.command("audit-report")
@click.option("--db", "db_path", required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["text", "csv", "jsonl", "html"]), default="text", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), help="Write here, not stdout.")
@click.option("--worst", type=int, default=20, show_default=True, help="How many of the worst files to list.")
def audit_report(db_path: str, fmt: str, output: str | None, worst: int) -> None:
    """Summarise an audit database: statuses, verdicts, element failure rates, worst files."""
    from checkers.audit import db
    from checkers.audit.report import render, summarise

    conn = db.open_existing(db_path)
    try:
        text = render(summarise(conn, worst=worst), fmt)
    finally:
        conn.close()
    if output is None:
        click.echo(text, nl=False)
        return
    directory = os.path.dirname(output)
    if directory:
        os.makedirs(directory, exist_ok=True)
    with open(output, "w", encoding="utf-8", newline="") as fh:
        fh.write(text)


@click.command("audit-merge")
@click.argument("target", type=click.Path(dir_okay=False))
@click.argument("shards", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
def audit_merge(target: str, shards: tuple[str, ...]) -> None:
    """Join shard databases into TARGET (created if needed); a file in two keeps the newer row."""
    from checkers.audit import db

    if any(os.path.abspath(s) == os.path.abspath(target) for s in shards):
        raise click.UsageError("the target cannot also be a shard")
    conn = db.connect(target)
    try:
        total = db.merge(conn, shards)
    finally:
        conn.close()
    click.echo(f"merged {len(shards)} database(s) into {target}: {total} result(s)", err=True)
