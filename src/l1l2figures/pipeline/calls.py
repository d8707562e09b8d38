"""A catalogue entry's function called by name: the stages of a figure, in a job or in one process.

Imports only what it calls, when it calls it: the Snakefile's config check uses it on every run.
"""

import importlib
from collections.abc import Sequence

PACKAGE = "l1l2figures"


def function_of(name: str):
    """The library function named ``module:function`` (the module under l1l2figures)."""
    module, _, function = name.partition(":")
    return getattr(importlib.import_module(f"{PACKAGE}.{module}"), function)


def argument(spec: str, values: dict):
    """``values[spec]``, or for ``name.key`` the item ``key`` of ``values[name]``."""
    name, _, key = spec.partition(".")
    return values[name][key] if key else values[name]


def run(function: str, args: Sequence[str], values: dict):
    """Call ``function`` with ``args`` bound from ``values`` (see catalogue.Call)."""
    return function_of(function)(*(argument(spec, values) for spec in args))
