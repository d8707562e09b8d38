"""Reading and writing the pipeline's files, always atomically.

Every output is written to a temporary file in ``STAGING_DIR`` first and renamed into place, so a
killed job never leaves a truncated file where a finished one is expected, nor a half-written
temporary beside it. The rename is atomic because the staging directory sits in the working
directory of the pipeline's jobs, on the same filesystem as ``results/`` and ``figures/``.
"""

import contextlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import numpy as np

# In the current (the jobs') working directory; the Snakefile clears it when a run starts.
STAGING_DIR = Path(".staging")

# mkstemp creates files readable by their owner only; outputs get the usual umask-based mode.
_UMASK = os.umask(0)
os.umask(_UMASK)
FILE_MODE = 0o666 & ~_UMASK


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike) -> Iterator[Path]:
    """Yield a fresh temporary path; rename it to ``path`` if the block succeeds."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    STAGING_DIR.mkdir(exist_ok=True)
    # A unique name per writer: concurrent jobs never share a temporary file.
    fd, tmp = tempfile.mkstemp(dir=STAGING_DIR, prefix=f"{path.stem}.", suffix=path.suffix)
    os.close(fd)
    tmp = Path(tmp)
    try:
        yield tmp
        os.chmod(tmp, FILE_MODE)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def frame_name(index: int) -> str:
    """The file name of an animation's frame ``index`` in its render job's directory."""
    return f"{index:04d}.png"


def write_json(path: str | os.PathLike, obj) -> None:
    with atomic_path(path) as tmp:
        tmp.write_text(json.dumps(obj, indent=1) + "\n")


def read_json(path: str | os.PathLike):
    return json.loads(Path(path).read_text())


def save_arrays(path: str | os.PathLike, arrays: dict[str, np.ndarray]) -> None:
    with atomic_path(path) as tmp, open(tmp, "wb") as f:
        np.savez(f, **arrays)


def load_arrays(path: str | os.PathLike) -> dict[str, np.ndarray]:
    with np.load(path) as npz:
        return {key: npz[key] for key in npz.files}


def publish(source: str | os.PathLike, target: str | os.PathLike) -> None:
    """Put ``source`` at ``target`` in one rename: ``target`` is the old file or the new, never less.

    The new file is hard-linked beside the target (no bytes copied, nothing to run out of), or
    copied there when ``source`` is on another filesystem.
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    staged = target.with_name(f".{target.name}.publishing")
    staged.unlink(missing_ok=True)
    try:
        os.link(source, staged)
    except OSError:
        shutil.copyfile(source, staged)
    os.replace(staged, target)
