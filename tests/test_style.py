"""The house style's pure helpers: labels spread apart at the ends of lines."""

import itertools

import pytest

from l1l2figures.rendering.style import spread


@pytest.mark.parametrize(
    "positions", [[0.0, 1.0, 50.0], [10.0, 10.0], [5.0, 3.0, 4.0, 40.0], [100.0]]
)
def test_spread_labels_keep_their_order_and_at_least_the_gap(positions):
    gap = 12.0
    placed = spread(positions, gap)
    by_position = sorted(range(len(positions)), key=lambda i: positions[i])
    for a, b in itertools.pairwise(by_position):
        assert placed[b] - placed[a] >= gap - 1e-9


def test_labels_already_apart_stay_where_their_lines_end():
    assert spread([0.0, 30.0, 60.0], 12.0) == [0.0, 30.0, 60.0]


def test_a_crowd_moves_as_little_up_as_down():
    placed = spread([10.0, 10.0], 12.0)
    assert placed == [4.0, 16.0]


@pytest.mark.parametrize("role", ["l1", "l2", "outlier"])
def test_a_faint_line_stands_clear_of_a_dark_background(default_config, role):
    """What an animation has still to draw is faint and thin: over the dark theme's background it
    keeps at least DARK_FAINT_LIGHTNESS of lightness from it (a thin line at low luminance reads
    fainter than the same step over white, where the light theme's alpha stays)."""
    import colorspacious
    import numpy as np
    from matplotlib.colors import to_rgb

    from l1l2figures.rendering.style import AHEAD_ALPHA, ahead_alpha
    from l1l2figures.rendering.theme import figure_style

    dark_faint_lightness = 20  # CIELAB L*: the light theme's faint lines stand 16-19 from white

    def lightness(rgb) -> float:
        return colorspacious.cspace_convert(rgb, "sRGB1", "CIELab")[0]

    light, dark = (figure_style(default_config, "outlier_sweep", t) for t in ("light", "dark"))
    assert ahead_alpha(light) == AHEAD_ALPHA
    background = np.array(to_rgb(dark["background_color"]))
    alpha = ahead_alpha(dark)
    faint = alpha * np.array(to_rgb(dark[f"{role}_color"])) + (1 - alpha) * background
    assert lightness(faint) - lightness(background) >= dark_faint_lightness
