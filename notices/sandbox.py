"""The Jinja sandbox every template and clause renders in, with limits on size as well as reach.

Jinja's SandboxedEnvironment already refuses attribute tricks (`__class__`, `__globals__`,
`|attr('__dict__')`, `str.format` on dunders) with a SecurityError. Tests showed three holes it
leaves open for a template written by someone outside engineering, or crafted: `{{ 'x' * 10**10 }}`
or `{{ 'x'|center(10**10) }}` allocate gigabytes, `{{ lipsum(n=10**8) }}` runs for minutes, and
`{% import 'os' %}` fails with "no loader for this environment specified", which names nothing.
This environment caps repetition, numeric call arguments and exponents, drops `lipsum`, and refuses
imports and includes with a clear SecurityError.
"""

from __future__ import annotations

import functools
from typing import Any, Callable

from jinja2 import BaseLoader
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment

MAX_SIZE = 1_000_000
"""Largest repetition count, numeric argument to a call or filter, or result length allowed."""
MAX_EXPONENT = 64


class _NoLoader(BaseLoader):
    """Templates are single files: importing or including another one is refused by name."""

    def get_source(self, environment: Any, template: str) -> Any:
        raise SecurityError("templates may not import or include other templates or files")


def _check_args(args: tuple, kwargs: dict) -> None:
    """Refuse a numeric argument big enough to make a call allocate or loop without bound."""
    for value in (*args, *kwargs.values()):
        if isinstance(value, (int, float)) and not isinstance(value, bool) and abs(value) > MAX_SIZE:
            raise SecurityError(f"numeric argument above {MAX_SIZE} refused in a template")


def _guarded_filter(fn: Callable) -> Callable:
    """A filter whose extra arguments (not the value it filters) are size-checked."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        skip = 2 if getattr(fn, "jinja_pass_arg", None) is not None else 1
        _check_args(args[skip:], kwargs)
        return fn(*args, **kwargs)

    return wrapper


class NoticeSandbox(SandboxedEnvironment):
    """SandboxedEnvironment with size limits, no `lipsum`, and no imports or includes."""

    intercepted_binops = frozenset(["*", "**"])

    def __init__(self, **options: Any) -> None:
        super().__init__(loader=_NoLoader(), **options)
        self.globals.pop("lipsum", None)
        self.filters = {name: _guarded_filter(fn) for name, fn in self.filters.items()}

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "**" and isinstance(right, (int, float)) and abs(right) > MAX_EXPONENT:
            raise SecurityError(f"exponent above {MAX_EXPONENT} refused in a template")
        if operator == "*":
            for seq, count in ((left, right), (right, left)):
                if isinstance(seq, (str, list, tuple)) and isinstance(count, int) and len(seq) * count > MAX_SIZE:
                    raise SecurityError(f"repetition beyond {MAX_SIZE} items refused in a template")
        return super().call_binop(context, operator, left, right)

    def call(self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        _check_args(args, kwargs)
        return super().call(__context, __obj, *args, **kwargs)
