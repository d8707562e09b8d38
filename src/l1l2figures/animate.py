"""The frame loop: a figure is built once, then each frame only redraws the artists that move.

A scene's ``update(i)`` shows frame i and returns the artists it moves, bottom to top (matplotlib's
FuncAnimation convention). The loop layers them above every static artist, in that order; the static
rest of the figure is drawn once, and each frame restores its pixels and draws the moving artists on
top. That is several times faster than redrawing the whole figure, with the same pixels.
"""

import logging
import os
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import numpy as np
from matplotlib.artist import Artist
from matplotlib.figure import Figure
from PIL import Image

from l1l2figures.files import atomic_path, frame_name

# Frames are intermediate files read back once by the encoder: favour speed over size.
PNG_COMPRESS_LEVEL = 1
LOG_EVERY = 10  # frames between progress lines in the job's log
# Moving artists are layered above every static one (spines 2.5, texts 3, legends 5), so drawing
# them last over the kept background is exactly what a full redraw would do.
MOVING_ZORDER = 10
# The layout depends on what the moving texts say: every render job lays the figure out with this
# frame shown, so that frames look the same however the animation is split into jobs.
LAYOUT_FRAME = 0

log = logging.getLogger("l1l2figures")


Update = Callable[[int], Sequence[Artist]]


def frame_pixels(fig: Figure) -> np.ndarray:
    """The figure's current pixels as an (height, width, 3) uint8 array."""
    return np.asarray(fig.canvas.buffer_rgba())[..., :3].copy()


def freeze_layout(fig: Figure) -> None:
    """Lay ``fig`` out once, then switch the layout engine off.

    Frames only move artists inside fixed axes limits, so the first layout holds for every frame;
    recomputing it per frame would more than double the drawing time.
    """
    fig.canvas.draw()
    fig.set_layout_engine("none")


def frames(fig: Figure, update: Update, indices: Iterable[int]) -> Iterable[tuple[int, np.ndarray]]:
    """Yield (index, pixels) of each frame, drawing only the artists that ``update`` moves."""
    moving = list(update(LAYOUT_FRAME))
    for layer, artist in enumerate(moving):
        artist.set_zorder(MOVING_ZORDER + layer / len(moving))
        artist.set_animated(True)  # left out of the full draw, which becomes the static background
    freeze_layout(fig)
    background = fig.canvas.copy_from_bbox(fig.bbox)
    for index in indices:
        update(index)
        fig.canvas.restore_region(background)
        for artist in moving:
            fig.draw_artist(artist)
        yield index, frame_pixels(fig)


def render_frames(
    fig: Figure, update: Update, indices: Iterable[int], out_dir: str | os.PathLike
) -> None:
    """Write each frame of ``indices`` as ``out_dir/<index>.png``."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    indices = list(indices)
    for done, (index, pixels) in enumerate(frames(fig, update, indices), start=1):
        with atomic_path(out_dir / frame_name(index)) as tmp:
            Image.fromarray(pixels).save(tmp, format="PNG", compress_level=PNG_COMPRESS_LEVEL)
        if done % LOG_EVERY == 0 or done == len(indices):
            log.info("frame %d of %d drawn (index %d)", done, len(indices), index)
