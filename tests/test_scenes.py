"""Scenes built directly, without Snakemake: what the reader is told."""

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pytest

from l1l2figures.maths.regularization import gradient_descent
from l1l2figures.pipeline.inprocess import scene as animation_scene_of
from l1l2figures.rendering.theme import figure_style
from l1l2figures.scenes import stability
from l1l2figures.scenes.l1_l2_gradient import animation_scene
from l1l2figures.scenes.outlier_sweep import DASH_PERIODS_IN_LEGEND


@pytest.mark.parametrize(
    "l1_step, words", [("proximal", "soft-thresholding"), ("subgradient", "subgradient")]
)
def test_gradient_title_names_the_l1_method(default_config, l1_step, words):
    section = default_config["l1_l2_gradient"]
    descent = gradient_descent(section | {"l1_step": l1_step})
    fig, update = animation_scene(
        descent, section["w_limits"], figure_style(default_config, "l1_l2_gradient")
    )
    update(len(descent["frames"]) - 1)
    assert words in fig.get_suptitle()
    texts = [t.get_text() for t in fig.axes[2].texts]
    if l1_step == "proximal":
        assert "L1: w = 0 exactly, moved 0" in texts
    assert any(t.startswith("L2: w = 0.0") for t in texts)  # small, never "0 exactly"
    plt.close(fig)


def test_stability_legend_names_both_losses_and_the_shaded_band(default_config):
    style = figure_style(default_config, "stability")
    xs = [-1.0, 0.5, 2.0, 3.5]
    measures = {
        "outlier_x": xs,
        "midpoint_x": xs[:-1],
        "mean_over_x": [-10, 15],
        **{f"{loss}_shift": [1.0] * len(xs) for loss in ("l1", "l2")},
        **{f"{loss}_jump": [0.5] * (len(xs) - 1) for loss in ("l1", "l2")},
    }
    fig = stability.stability_figure(measures, [0.0, 3.0], style)
    [legend] = fig.legends
    labels = [text.get_text() for text in legend.get_texts()]
    assert labels == ["L1 loss", "L2 loss", "x range of the points"]
    plt.close(fig)


def test_outlier_sweep_legend_shows_the_dashed_l1_key_as_dashes(default_config):
    fig, update = animation_scene_of("outlier_sweep", default_config)
    update(0)
    fig.canvas.draw()
    [legend] = [ax.get_legend() for ax in fig.axes if ax.get_legend()]
    handles = dict(zip([t.get_text() for t in legend.get_texts()], legend.legend_handles))
    key = handles["L1 loss, fitted with the outlier"]
    dash_period_px = (
        sum(matplotlib.rcParams["lines.dashed_pattern"]) * key.get_linewidth() * fig.dpi / 72
    )
    drawn_px = np.ptp(key.get_transform().transform(key.get_xydata())[:, 0])
    assert drawn_px >= DASH_PERIODS_IN_LEGEND * dash_period_px
    plt.close(fig)


def test_robustness_shows_a_different_rise_on_every_frame(default_config):
    fig, update = animation_scene_of("robustness", default_config)
    rises = []
    for i in range(default_config["robustness"]["n_frames"]):
        [label] = [t for t in update(i) if isinstance(t, matplotlib.text.Text)]
        rises.append(label.get_text().split(" above ")[0])
    assert len(set(rises)) == len(rises)
    plt.close(fig)
