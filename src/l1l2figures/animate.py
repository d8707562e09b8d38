"""The frame loop: a figure is built once, then each frame only moves its artists."""

import logging
import os
from collections.abc import Callable, Iterable
from pathlib import Path

import numpy as np
from matplotlib.figure import Figure
from PIL import Image

from l1l2figures.files import atomic_path

# Frames are intermediate files read back once by the encoder: favour speed over size.
PNG_COMPRESS_LEVEL = 1
LOG_EVERY = 10  # frames between progress lines in the job's log

log = logging.getLogger("l1l2figures")


def frame_pixels(fig: Figure) -> np.ndarray:
    """Draw ``fig`` and return its pixels as an (height, width, 3) uint8 array."""
    fig.canvas.draw()
    return np.asarray(fig.canvas.buffer_rgba())[..., :3].copy()


def freeze_layout(fig: Figure) -> None:
    """Lay ``fig`` out once, then switch the layout engine off.

    Frames only move artists inside fixed axes limits, so the first layout holds for every frame;
    recomputing it per frame would more than double the drawing time.
    """
    fig.canvas.draw()
    fig.set_layout_engine("none")


def frame_name(index: int) -> str:
    return f"{index:04d}.png"


def render_frames(
    fig: Figure, update: Callable[[int], None], indices: Iterable[int], out_dir: str | os.PathLike
) -> None:
    """For each frame index: ``update(index)``, draw, and write ``out_dir/<index>.png``."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    freeze_layout(fig)
    indices = list(indices)
    for done, index in enumerate(indices, start=1):
        update(index)
        with atomic_path(out_dir / frame_name(index)) as tmp:
            Image.fromarray(frame_pixels(fig)).save(
                tmp, format="PNG", compress_level=PNG_COMPRESS_LEVEL
            )
        if done % LOG_EVERY == 0 or done == len(indices):
            log.info("frame %d of %d drawn (index %d)", done, len(indices), index)
