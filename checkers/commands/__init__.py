"""Checking commands of the `notices` CLI, one module per command (see notices/cli.py)."""
