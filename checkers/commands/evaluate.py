"""`notices eval`: score the checker on a labelled corpus."""

from __future__ import annotations

import json
import os

import click


@click.command(name="eval")
@click.argument("directory", default="corpus", type=click.Path(exists=True, file_okay=False))
@click.option("--split", default="all", show_default=True,
              help="A split of the manifest (dev, heldout, ...) or all.")
@click.option("--jobs", "-j", type=int, default=min(2, os.cpu_count() or 1), show_default=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def evaluate(directory: str, split: str, jobs: int, fmt: str) -> None:
    """Score the checker on a labelled corpus (DIRECTORY/manifest.jsonl), per split."""
    from checkers.evaluate import evaluate_corpus, format_scores

    scores = evaluate_corpus(directory, split, jobs)
    click.echo(json.dumps(scores, indent=2) if fmt == "json" else format_scores(scores))
