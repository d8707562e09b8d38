"""Reading and writing the pipeline's files, always atomically.

Every output is written to a temporary file in ``STAGING_DIR`` first and renamed into place, so a
killed job never leaves a truncated file where a finished one is expected, nor a half-written
temporary beside it. The rename is atomic because the staging directory sits in the working
directory of the pipeline's jobs, on the same filesystem as ``results/`` and ``figures/``.
"""

import contextlib
import json
import os
import tempfile
from collections.abc import Iterable, Iterator
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


FRAME_SUFFIX = ".png"


def frame_name(index: int) -> str:
    """The file name of an animation's frame ``index``: its index, zero-padded, then the suffix."""
    return f"{index:04d}{FRAME_SUFFIX}"


def animation_frames(frame_dirs: Iterable[str | os.PathLike], n_frames: int) -> list[Path]:
    """The frames of an animation's render jobs, ordered by the frame index in each file's name.

    Never by path: as strings, ``frames/10/`` sorts between ``frames/1/`` and ``frames/2/``.
    Refuses, naming the directories at fault, a frame that is missing, found twice, or beyond the
    last of ``n_frames``.
    """
    found: dict[int, Path] = {}
    problems = []
    for frame_dir in map(Path, frame_dirs):
        paths = sorted(frame_dir.glob(f"*{FRAME_SUFFIX}"))
        if not paths:
            problems.append(f"{frame_dir} holds no frames")
        for path in paths:
            if not path.stem.isdigit():
                problems.append(f"{path} is not named after a frame index")
                continue
            index = int(path.stem)
            if index >= n_frames:
                problems.append(f"{path}: frame {index} is beyond the last frame, {n_frames - 1}")
            elif index in found:
                problems.append(f"{path}: frame {index} is also in {found[index].parent}")
            else:
                found[index] = path
    problems += _missing_frames(found, n_frames)
    if problems:
        raise ValueError("; ".join(problems))
    return [found[index] for index in range(n_frames)]


def _missing_frames(found: dict[int, Path], n_frames: int) -> list[str]:
    """A sentence per run of missing frames, naming the directories of the frames either side.

    Render jobs write consecutive frames, so a missing frame belongs to a neighbour's directory.
    """
    missing = sorted(set(range(n_frames)) - found.keys())
    runs = []
    for index in missing:
        if runs and runs[-1][1] == index - 1:
            runs[-1][1] = index
        else:
            runs.append([index, index])
    sentences = []
    for first, last in runs:
        neighbours = sorted({str(found[i].parent) for i in (first - 1, last + 1) if i in found})
        frames = f"frame {first}" if first == last else f"frames {first}-{last}"
        where = f" (next to the frames in {' and '.join(neighbours)})" if neighbours else ""
        sentences.append(f"{frames} missing{where}")
    return sentences
