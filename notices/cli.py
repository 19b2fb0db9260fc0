"""The `notices` command line: one group, commands loaded only when invoked.

Commands live next to the code they drive (checking commands in `checkers.commands`, generation
commands in `notices.commands`); this module only names them. Loading lazily keeps `notices rules`
or `notices deadlines` fast: they never import spaCy or the PDF readers.
"""

from __future__ import annotations

import importlib

import click

COMMANDS: dict[str, str] = {
    "check": "checkers.commands.check:check",
    "audit": "checkers.commands.audit:audit",
    "audit-report": "checkers.commands.audit:audit_report",
    "audit-merge": "checkers.commands.audit:audit_merge",
    "annotate": "checkers.commands.annotate:annotate",
    "serve": "checkers.commands.serve:serve",
    "rules": "checkers.commands.catalog:rules",
    "explain": "checkers.commands.catalog:explain",
    "eval": "checkers.commands.evaluate:evaluate",
    "render": "notices.commands:render",
    "deadlines": "notices.commands:deadlines",
    "lint-templates": "notices.commands:lint_templates",
}


class LazyGroup(click.Group):
    """A click group whose subcommands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        target = COMMANDS.get(name)
        if target is None:
            return None
        module_name, attr = target.split(":")
        return getattr(importlib.import_module(module_name), attr)

    def invoke(self, ctx: click.Context) -> object:
        """Run the command; a checker that cannot start at all is one clear line, not a traceback."""
        try:
            return super().invoke(ctx)
        except RuntimeError as exc:
            from checkers.runner import WorkersUnavailable

            if not isinstance(exc, WorkersUnavailable):
                raise
            click.echo(f"error: {exc}", err=True)
            ctx.exit(1)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="ma-notices")
def main() -> None:
    """Check and generate Massachusetts health-insurance notices (M.G.L. c.176O, 958 CMR 3.000)."""


if __name__ == "__main__":
    main()
