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
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from l1l2figures.arrays import frame_name, save_png

LOG_EVERY = 10  # frames between progress lines in the job's log
# Moving artists are layered above every static one (spines 2.5, texts 3, legends 5), so drawing
# them last over the kept background is exactly what a full redraw would do.
MOVING_ZORDER = 10
SHEET_COLUMNS = 3  # frames in a row of a preview's contact sheet
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
    recomputing it per frame would more than double the drawing time. A figure made with
    ``Figure()`` rather than pyplot (which costs most of a second to import) gets Agg's canvas here.
    """
    if not isinstance(fig.canvas, FigureCanvasAgg):
        FigureCanvasAgg(fig)
    fig.canvas.draw()
    fig.set_layout_engine("none")


def layer_above(moving: Sequence[Artist]) -> list[Artist]:
    """Layer the moving artists above every static one, in the order given (bottom to top)."""
    moving = list(moving)
    for layer, artist in enumerate(moving):
        artist.set_zorder(MOVING_ZORDER + layer / len(moving))
    return moving


class FrameDrawer:
    """A scene laid out once, its static background kept: ``draw(i)`` gives frame i's pixels,
    redrawing only the artists that ``update`` moves. Frames may be drawn in any order, again."""

    def __init__(self, fig: Figure, update: Update):
        self.fig, self.update = fig, update
        self.moving = layer_above(update(LAYOUT_FRAME))
        for artist in self.moving:
            artist.set_animated(True)  # left out of the full draw: the static background
        freeze_layout(fig)
        self.background = fig.canvas.copy_from_bbox(fig.bbox)

    def draw(self, index: int) -> np.ndarray:
        self.update(index)
        self.fig.canvas.restore_region(self.background)
        for artist in self.moving:
            self.fig.draw_artist(artist)
        return frame_pixels(self.fig)


def frames(fig: Figure, update: Update, indices: Iterable[int]) -> Iterable[tuple[int, np.ndarray]]:
    """Yield (index, pixels) of each frame, drawing only the artists that ``update`` moves."""
    drawer = FrameDrawer(fig, update)
    for index in indices:
        yield index, drawer.draw(index)


def render_frames(
    fig: Figure, update: Update, indices: Iterable[int], out_dir: str | os.PathLike
) -> None:
    """Write each frame of ``indices`` as ``out_dir/<index>.png``."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    indices = list(indices)
    for done, (index, pixels) in enumerate(frames(fig, update, indices), start=1):
        save_png(pixels, out_dir / frame_name(index))
        if done % LOG_EVERY == 0 or done == len(indices):
            log.info("frame %d of %d drawn (index %d)", done, len(indices), index)


def contact_sheet(tiles: Sequence[np.ndarray], columns: int) -> np.ndarray:
    """``tiles`` (equal-sized RGB frames) in rows of ``columns``, white where a row runs short."""
    height, width, depth = tiles[0].shape
    rows = -(-len(tiles) // columns)
    sheet = np.full((rows * height, columns * width, depth), 255, dtype=np.uint8)
    for i, tile in enumerate(tiles):
        row, column = divmod(i, columns)
        sheet[row * height : (row + 1) * height, column * width : (column + 1) * width] = tile
    return sheet


def write_contact_sheet(
    fig: Figure, update: Update, indices: Sequence[int], path: str | os.PathLike
) -> None:
    """The frames ``indices`` side by side in one PNG: a preview, nothing encoded."""
    tiles = [pixels for _, pixels in frames(fig, update, indices)]
    save_png(contact_sheet(tiles, SHEET_COLUMNS), path)


def write_frame(
    fig: Figure, update: Update, indices: Sequence[int], path: str | os.PathLike
) -> None:
    """The one frame of ``indices`` as a PNG."""
    [(_, pixels)] = frames(fig, update, indices)
    save_png(pixels, path)
