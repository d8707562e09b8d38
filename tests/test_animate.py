"""The frame loop: redrawing only the moving artists gives the same pixels as a full redraw."""

import matplotlib.pyplot as plt
import numpy as np
import pytest

from l1l2figures.catalogue import ANIMATIONS
from l1l2figures.pipeline.inprocess import scene
from l1l2figures.rendering.animate import frame_pixels, frames, render_frames


@pytest.mark.parametrize("figure", ANIMATIONS)
def test_blitted_frames_equal_full_redraws(default_config, figure):
    fig, update = scene(figure, default_config)
    n_frames = default_config[figure]["n_frames"]
    blitted = dict(frames(fig, update, range(n_frames)))
    assert len(blitted) == n_frames
    # The same figure, layout frozen by the loop above, drawn whole for a sample of frames.
    for artist in update(0):
        artist.set_animated(False)
    for i in np.linspace(0, n_frames - 1, 12).astype(int):
        update(i)
        fig.canvas.draw()
        full = frame_pixels(fig)
        differing = np.any(full != blitted[i], axis=-1)
        assert not differing.any(), f"frame {i}: {differing.sum()} pixels differ"
    plt.close(fig)


def test_render_frames_writes_one_png_per_requested_frame(default_config, tmp_path):
    fig, update = scene("l1_l2_gradient", default_config)
    render_frames(fig, update, [3, 4, 5], tmp_path / "frames")
    names = sorted(p.name for p in (tmp_path / "frames").iterdir())
    assert names == ["0003.png", "0004.png", "0005.png"]
    plt.close(fig)
