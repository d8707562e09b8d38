"""How a stage is called: the one place that knows the protocol.

A stage is a catalogue ``Call`` (``module:function`` and its arguments): ``compute`` runs a data,
fit, words or moments stage on the products it reads and its config slice; ``draw`` applies the
house style of a theme and runs a figure's draw function (an animation's returns (figure,
update(i)), a still's the figure). A job reads its products from the files ``read_products``
names and writes them with ``write_product``; the in-process builds (``inprocess``: notebooks, the
benchmark's baseline, the tests, the live preview) pass them through the same file formats in
memory (``as_stored``), so a scene draws the same pixels either way.

Imports only what it calls, when it calls it: the Snakefile's config check uses it on every run.
"""

import importlib
import io
import json
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from l1l2figures.catalogue import CONFIG, STYLE
from l1l2figures.files import read_json, write_json

PACKAGE = "l1l2figures"
ARRAYS = ".npz"  # a product stored as arrays (l1l2figures.arrays); any other, as JSON


def function_of(name: str):
    """The library function named ``module:function`` (the module under l1l2figures)."""
    module, _, function = name.partition(":")
    return getattr(importlib.import_module(f"{PACKAGE}.{module}"), function)


def _argument(spec: str, values: dict):
    """``values[spec]``, or for ``name.key`` the item ``key`` of ``values[name]``."""
    name, _, key = spec.partition(".")
    return values[name][key] if key else values[name]


def run(function: str, args: Sequence[str], values: dict):
    """Call ``function`` with ``args`` bound from ``values`` (see catalogue.Call)."""
    return function_of(function)(*(_argument(spec, values) for spec in args))


def compute(call: Mapping, products: dict, config: dict | None = None):
    """What a stage's ``call`` ({"function", "args"}) makes from its products and config slice."""
    return run(call["function"], call["args"], {**products, CONFIG: config})


def styled(style: dict) -> None:
    """Apply the house style of one theme (``style``, resolved): ``draw`` does; the live preview
    again before it draws a frame of a scene drawn earlier."""
    from l1l2figures.rendering.style import apply_house_style  # matplotlib: drawing jobs only

    apply_house_style(style)


def draw(call: Mapping, products: dict, config: dict, style: dict):
    """A figure drawn by its draw ``call`` in the resolved ``style`` of one theme."""
    styled(style)
    return run(call["function"], call["args"], {**products, CONFIG: config, STYLE: style})


def read_products(paths: Mapping[str, str], names: Iterable[str]) -> dict:
    """The products a stage reads, by name, from ``paths`` ({name: path}; a job's other inputs,
    such as library modules, are not read)."""
    return {name: read_product(paths[name]) for name in names}


# arrays (numpy) is imported by the jobs that read or write arrays only, and named in an import
# statement: editing it reruns those jobs (pipeline.dependencies reads the imports).
def read_product(path: str):
    if Path(path).suffix == ARRAYS:
        from l1l2figures.arrays import load_arrays

        return load_arrays(path)
    return read_json(path)


def write_product(path: str, product) -> None:
    if Path(path).suffix == ARRAYS:
        from l1l2figures.arrays import save_arrays

        save_arrays(path, product)
    else:
        write_json(path, product)


def as_stored(product, suffix: str):
    """``product`` as a job reads it back from its file (JSON: lists, not tuples or arrays; .npz:
    arrays of the dtypes saved)."""
    if suffix == "json":
        return json.loads(json.dumps(product))
    import numpy as np

    buffer = io.BytesIO()
    np.savez(buffer, **product)
    buffer.seek(0)
    with np.load(buffer) as npz:
        return {key: npz[key] for key in npz.files}


def call_spec(entry) -> dict:
    """A catalogue Call as a job's spec holds it."""
    return {"function": entry.function, "args": list(entry.args), "reads": sorted(entry.reads)}
