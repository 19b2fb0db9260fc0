"""Imported by the worker forkserver: build the pipeline and read the catalog once, there, so every
worker forked from it starts with them ready (copy-on-write) instead of building its own.

A failure is left for the worker to report: `runner.warm_up` runs again in the worker, where a
broken rule file becomes one clear error instead of a dead forkserver.
"""

from checkers.runner import warm_up

try:
    warm_up()
except Exception:  # noqa: BLE001 - re-raised, with its reason, by warm_up() in the worker
    pass
