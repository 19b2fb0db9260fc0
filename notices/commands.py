"""Generation commands: `notices render`, `notices deadlines`, `notices lint-templates`.

Exit codes: 0 done; 1 the tool failed (LibreOffice, I/O); 2 the input was refused (invalid case
data, unknown type or event) and nothing was written.
"""

from __future__ import annotations

import contextlib
import json
import shutil
import sys
import tempfile
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import click

from notices import deadlines as clocks
from notices.case_files import CaseFileError, read_cases
from notices.models import MODELS, Case
from notices.validation import timeliness_warnings, validate

FORMATS = ("docx", "pdf")


def _parse_formats(value: str) -> tuple[str, ...]:
    """'docx,pdf' -> ('docx', 'pdf'), refusing anything else."""
    chosen = tuple(part.strip().lower() for part in value.split(",") if part.strip())
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown or not chosen:
        raise click.BadParameter(f"choose from {', '.join(FORMATS)}", param_hint="--format")
    return chosen


def load_and_validate(doc_type: str, files: tuple[Path, ...]) -> list[Case]:
    """Every case of every file, or exit 2 listing every refusal (nothing is written)."""
    cases: list[Case] = []
    refused: list[str] = []
    for path in files:
        try:
            raw_cases = read_cases(path)
        except (CaseFileError, OSError) as error:
            refused.append(str(error))
            continue
        for index, raw in enumerate(raw_cases, start=1):
            case, refusals = validate(doc_type, raw)
            label = f"{path.name} case {index}" + (f" ({raw.get('case_id')})" if isinstance(raw.get("case_id"), str) else "")
            refused.extend(f"{label}: {r.message()}" for r in refusals)
            if case is not None:
                cases.append(case)
    ids = [c.case_id for c in cases]
    refused.extend(f"case_id {i!r} appears more than once: output files would overwrite each other" for i in sorted({i for i in ids if ids.count(i) > 1}))
    if refused:
        for line in refused:
            click.echo(f"refused: {line}", err=True)
        click.echo(f"{len(refused)} problem(s); nothing written.", err=True)
        sys.exit(2)
    return cases


@contextlib.contextmanager
def _progress(items: list[Case], label: str) -> Iterator[Any]:
    """A progress bar on a terminal; silent when stderr is a pipe or file (CI, batch jobs)."""
    if sys.stderr.isatty():
        with click.progressbar(items, label=label, file=sys.stderr) as bar:
            yield bar
    else:
        yield items


@click.command()
@click.argument("doc_type", metavar="TYPE", type=click.Choice(sorted(MODELS)))
@click.option("--data", "data_files", multiple=True, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path), help="Case file(s): YAML, JSON, JSONL or CSV; one case or many.")
@click.option("-o", "--out", "out_dir", default="out", show_default=True, type=click.Path(file_okay=False, path_type=Path))
@click.option("--format", "formats", default="docx,pdf", show_default=True, help="docx, pdf or both (comma-separated).")
@click.option("--suffolk", is_flag=True, help="Count Evacuation Day and Bunker Hill Day as holidays (Suffolk County).")
@click.option("--templates", "template_root", type=click.Path(file_okay=False, exists=True, path_type=Path), help="Templates folder (default: the repository's templates/).")
@click.option("--timeout", type=float, default=None, help="Seconds allowed for each LibreOffice run (default scales with the batch).")
def render(doc_type: str, data_files: tuple[Path, ...], out_dir: Path, formats: str, suffolk: bool, template_root: Path | None, timeout: float | None) -> None:
    """Render TYPE notices from case data to DOCX and/or PDF.

    Every case is validated first; if any is refused, nothing is written (exit 2). Files are
    built in a staging folder and moved into the output folder only when all are done.
    """
    from notices.pdf_conversion import ConversionError, convert
    from notices.rendering import Renderer

    chosen = _parse_formats(formats)
    cases = load_and_validate(doc_type, data_files)
    calendar = clocks.MassachusettsCalendar(suffolk=suffolk)
    for case in cases:
        for warning in timeliness_warnings(case, calendar):
            click.echo(f"warning: {warning}", err=True)
    renderer = Renderer(template_root, calendar)
    out_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".notices-staging-", dir=out_dir))
    try:
        docx_paths = []
        with _progress(cases, f"Rendering {len(cases)} {doc_type}") as bar:
            for case in bar:
                path = staging / f"{doc_type}-{case.case_id}.docx"
                path.write_bytes(renderer.render(doc_type, case))
                docx_paths.append(path)
        outputs = list(docx_paths) if "docx" in chosen else []
        if "pdf" in chosen:
            outputs += convert(docx_paths, staging, timeout)
        for path in outputs:
            path.replace(out_dir / path.name)
    except ConversionError as error:
        click.echo(f"error: {error}; nothing written.", err=True)
        sys.exit(1)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    click.echo(f"wrote {len(outputs)} file(s) for {len(cases)} case(s) to {out_dir}")


def _parse_moment(value: str) -> date | datetime:
    """YYYY-MM-DD or YYYY-MM-DDTHH:MM (hours rules count from the time when given)."""
    try:
        return datetime.fromisoformat(value) if "T" in value or " " in value else date.fromisoformat(value)
    except ValueError as error:
        raise click.BadParameter("use YYYY-MM-DD or YYYY-MM-DDTHH:MM", param_hint="DATE") from error


@click.command()
@click.argument("event")
@click.argument("moment", metavar="DATE")
@click.option("--suffolk", is_flag=True, help="Count Evacuation Day and Bunker Hill Day as holidays (Suffolk County).")
@click.option("--no-saturday-friday", is_flag=True, help="Do not observe Saturday holidays on the Friday before.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def deadlines(event: str, moment: str, suffolk: bool, no_saturday_friday: bool, fmt: str) -> None:
    """Print every deadline that runs from EVENT on DATE.

    EVENT is one of: ur_decision, ur_phone_notice, grievance_received, physician_certification,
    final_decision_received, pcp_departure.
    """
    start = _parse_moment(moment)
    calendar = clocks.MassachusettsCalendar(suffolk=suffolk, saturday_on_friday=not no_saturday_friday)
    try:
        rows = clocks.table(clocks.deadlines_for(event.replace("-", "_"), start, calendar))
    except KeyError as error:
        click.echo(f"error: {error.args[0]}", err=True)
        sys.exit(2)
    if fmt == "json":
        click.echo(json.dumps({"event": event, "start": moment, "deadlines": rows}, indent=2))
        return
    for row in rows:
        flag = "  [law says 'days' without a unit: counted as calendar days]" if row["unit"] == "days_unspecified" else ""
        click.echo(f"{row['rule']}: {row['when']} ({row['amount']} {row['unit']}; {row['cites']}){flag}")


@click.command("lint-templates")
@click.argument("directory", required=False, type=click.Path(file_okay=False, exists=True, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def lint_templates(directory: Path | None, fmt: str) -> None:
    """Check templates: Jinja syntax, tags split across Word runs, undefined names, and that
    every catalog element of the document type is provided (exit 1 on any error)."""
    from notices.rendering import templates_dir
    from notices.template_lint import lint_directory

    findings = lint_directory(directory or templates_dir())
    if fmt == "json":
        click.echo(json.dumps([f.as_dict() for f in findings], indent=2))
    else:
        for finding in findings:
            click.echo(finding.line())
        click.echo(f"{len(findings)} problem(s)" if findings else "templates OK")
    sys.exit(1 if findings else 0)
