"""`notices rules` and `notices explain`: the catalog, listed and explained."""

from __future__ import annotations

import click
import yaml

from checkers.catalog import CatalogError, load_catalog
from checkers.commands.check import type_choice


@click.command()
@click.option("--type", "doc_type", type=type_choice(), help="Only this document type's elements.")
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
    catalog = load_catalog()
    try:
        rule = catalog.get(rule_id)
    except CatalogError as exc:
        raise click.UsageError(str(exc)) from None
    click.echo(rule.id + (f"  ({rule.document_type}, {rule.level})" if rule.level else "  (violation)"))
    click.echo(f"citation: {rule.citation}")
    click.echo(f"definition: {rule.description}")
    click.echo("detection:")
    click.echo("  " + yaml.safe_dump(rule.detect, sort_keys=False, width=100).replace("\n", "\n  ").rstrip())
