"""The files a figure's data and fit stages write, and how they are read back, by file format."""

from l1l2figures.pipeline.files import load_arrays, read_json, save_arrays, write_json

# How a data or fit stage's product is written and read back, by the file's suffix.
WRITERS = {".json": write_json, ".npz": save_arrays}
READERS = {".json": read_json, ".npz": load_arrays}
