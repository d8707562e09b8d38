"""The frame loop: redrawing only the moving artists gives the same pixels as a full redraw."""

import matplotlib.pyplot as plt
import numpy as np
import pytest

from conftest import tiny_config, yaml_config
from l1l2figures.catalogue import ANIMATIONS
from l1l2figures.pipeline.inprocess import scene
from l1l2figures.rendering.animate import frame_pixels, frames, render_frames


def fewer_frames() -> dict:
    """The small build's frames and data at each animation's own size and dpi. (Squeezed to the
    small build's size, the sparsity figure's labels overlap its moving artists, which the frame
    loop layers above everything static: a few pixels then differ from a full redraw.)"""
    config, default = tiny_config(), yaml_config()
    for figure in ANIMATIONS:
        config[figure]["style"] = default[figure]["style"]
    return config


# A few frames, and (slow: every frame, with the default data) the default config.
CONFIGS = [
    pytest.param(fewer_frames, id="fewer_frames"),
    pytest.param(yaml_config, id="default", marks=pytest.mark.slow),
]


@pytest.mark.parametrize("config_of", CONFIGS)
@pytest.mark.parametrize("figure", ANIMATIONS)
def test_blitted_frames_equal_full_redraws(figure, config_of):
    config = config_of()
    fig, update = scene(figure, config)
    n_frames = config[figure]["n_frames"]
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
