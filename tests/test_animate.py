"""The frame loop: redrawing only the moving artists gives the same pixels as a full redraw."""

import matplotlib.pyplot as plt
import numpy as np
import pytest

from l1l2figures.animate import frame_pixels, frames, render_frames
from l1l2figures.grids import outlier_sweep_data, robustness_data, sparsity_data
from l1l2figures.models import coefficient_paths, outlier_fits, robustness_fits
from l1l2figures.regularization import gradient_descent
from l1l2figures.scenes import l1_l2_gradient, outlier_sweep, robustness, sparsity
from l1l2figures.sparsity import solutions
from l1l2figures.style import apply_house_style


def sweep_scene(config):
    section = config["outlier_sweep"]
    data = outlier_sweep_data(section)
    fits = outlier_fits(data, section["gbr"], "sweep_outlier_x")
    scene = outlier_sweep.animation_scene(
        data, fits, section["style"], (section["x_limits"], section["y_limits"])
    )
    return scene, section["n_frames"]


def gradient_scene(config):
    section = config["l1_l2_gradient"]
    scene = l1_l2_gradient.animation_scene(
        gradient_descent(section), section["w_limits"], section["style"]
    )
    return scene, section["n_frames"]


def robustness_scene(config):
    section = config["robustness"]
    data = robustness_data(section)
    scene = robustness.animation_scene(
        data, robustness_fits(data), section["style"], (section["x_limits"], section["y_limits"])
    )
    return scene, section["n_frames"]


def sparsity_scene(config):
    section = config["sparsity"]
    grid = sparsity_data(section)
    fits = {
        "solutions": solutions(section, grid["centres"]),
        **coefficient_paths(grid["lasso_alphas"], grid["ridge_alphas"]),
    }
    return sparsity.animation_scene(fits, section, section["style"]), section["n_frames"]


@pytest.mark.parametrize("build", [sweep_scene, gradient_scene, robustness_scene, sparsity_scene])
def test_blitted_frames_equal_full_redraws(default_config, build):
    apply_house_style(default_config["style"])
    (fig, update), n_frames = build(default_config)
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
    apply_house_style(default_config["style"])
    (fig, update), _ = gradient_scene(default_config)
    render_frames(fig, update, [3, 4, 5], tmp_path / "frames")
    assert sorted(p.name for p in (tmp_path / "frames").iterdir()) == [
        "0003.png",
        "0004.png",
        "0005.png",
    ]
    plt.close(fig)
