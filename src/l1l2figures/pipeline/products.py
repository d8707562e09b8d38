"""The files a figure's data and fit stages write, and how they are read back, by file format."""

from collections.abc import Iterable, Mapping
from pathlib import Path

from l1l2figures.pipeline.files import load_arrays, read_json, save_arrays, write_json

# How a data or fit stage's product is written and read back, by the file's suffix.
WRITERS = {".json": write_json, ".npz": save_arrays}
READERS = {".json": read_json, ".npz": load_arrays}


def read_products(inputs: Mapping[str, str], names: Iterable[str]) -> dict:
    """The products a stage reads, by name, from its ``inputs`` ({name: path}; a job's other
    inputs, such as library modules, are not read)."""
    return {name: READERS[Path(inputs[name]).suffix](inputs[name]) for name in names}
