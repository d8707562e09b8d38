"""Constrained least squares and coefficient paths against independent computations."""

import re

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.colors import to_hex
from matplotlib.lines import Line2D
from sklearn.linear_model import Lasso, Ridge

from conftest import merged
from l1l2figures.errors import ConfigError
from l1l2figures.maths.datasets import sparsity_data
from l1l2figures.maths.models import coefficient_paths, diabetes
from l1l2figures.maths.sparsity import (
    axis_crossings,
    corner_contrast,
    l1_constrained,
    l2_constrained,
    loss,
    solutions,
    sparsity_lesson,
    zero_changes,
)
from l1l2figures.pipeline.configuration import check_config
from l1l2figures.pipeline.inprocess import scene
from l1l2figures.rendering.theme import figure_style
from l1l2figures.scenes.sparsity import readout

BOUNDARY_POINTS = 400_001  # samples of each region's boundary for the brute-force search
MATRICES = [[[1.0, 0.5], [0.5, 1.0]], [[2.0, -0.7], [-0.7, 0.5]], [[1.0, 0.0], [0.0, 3.0]]]


def diamond(t):
    s = np.linspace(0, 4, BOUNDARY_POINTS)
    corner = np.floor(s).astype(int) % 4
    frac = s - np.floor(s)
    starts = np.array([(t, 0), (0, t), (-t, 0), (0, -t)])
    return starts[corner] + frac[:, None] * (starts[(corner + 1) % 4] - starts[corner])


def disc(t):
    angle = np.linspace(0, 2 * np.pi, BOUNDARY_POINTS)
    return t * np.c_[np.cos(angle), np.sin(angle)]


def brute_force(boundary, centre, matrix):
    r = boundary - np.asarray(centre)
    values = np.einsum("ij,jk,ik->i", r, np.asarray(matrix), r)
    return boundary[np.argmin(values)]


@pytest.mark.parametrize("matrix", MATRICES)
@pytest.mark.parametrize("angle", np.linspace(-30, 120, 16))
def test_constrained_solutions_match_a_brute_force_search(matrix, angle):
    t = 1.0
    centre = 2.2 * np.array([np.cos(np.radians(angle)), np.sin(np.radians(angle))])
    for solve, region in ((l1_constrained, diamond(t)), (l2_constrained, disc(t))):
        exact = solve(centre, matrix, t)
        searched = brute_force(region, centre, matrix)
        assert loss(exact, centre, matrix) <= loss(searched, centre, matrix) + 1e-12
        np.testing.assert_allclose(exact, searched, atol=1e-3)
    l1 = l1_constrained(centre, matrix, t)
    at_corner = np.min(np.abs(brute_force(diamond(t), centre, matrix))) < 1e-4
    assert (0.0 in l1) == at_corner  # exact zeros exactly where the search finds a corner
    if 0.0 not in centre:  # a centre on an axis can put the disc's solution there too
        assert 0.0 not in l2_constrained(centre, matrix, t)


def test_each_coefficient_that_changes_sign_between_two_frames_is_one_crossing():
    # both coefficients change sign between the first two frames, at different angles; an exact
    # 0 on a frame is no crossing between frames
    solutions = [[1.0, -3.0], [-1.0, 1.0], [0.0, 2.0], [1.0, 2.0]]
    found = axis_crossings(solutions, np.array([0.0, 10.0, 20.0, 30.0]))
    np.testing.assert_allclose(found, [5.0, 7.5])


def test_inside_the_region_the_centre_is_the_solution():
    centre = [0.2, -0.3]
    assert l1_constrained(centre, MATRICES[0], 1.0) == centre
    assert l2_constrained(centre, MATRICES[0], 1.0) == centre


def test_default_animation_shows_l1_on_an_axis_often_and_l2_never(default_config):
    params = default_config["sparsity"]
    records = solutions(params, sparsity_data(params)["centres"])
    on_axis = [0.0 in r["l1"] for r in records]
    assert 0.3 < np.mean(on_axis) < 1  # stretches on a corner, and stretches on an edge
    assert not any(0.0 in r["l2"] for r in records)


@pytest.fixture(scope="module")
def paths(default_config):
    grid = sparsity_data(default_config["sparsity"])
    return coefficient_paths(grid["lasso_alphas"], grid["ridge_alphas"])


def test_lasso_path_matches_coordinate_descent_and_its_exact_zeros(paths):
    x, y = diabetes()
    for alpha, coefs in zip(paths["lasso_alphas"], paths["lasso"], strict=True):
        # independent: scikit-learn's coordinate descent, converged tightly
        fit = Lasso(alpha=alpha, fit_intercept=False, tol=1e-12, max_iter=1_000_000).fit(x, y)
        expected = fit.coef_
        np.testing.assert_allclose(coefs, expected, atol=1e-3)  # on a scale of hundreds
        clearly_zero = np.abs(expected) < 1e-9
        clearly_not = np.abs(expected) > 1.0
        assert all(c == 0.0 for c in np.array(coefs)[clearly_zero])
        assert all(c != 0.0 for c in np.array(coefs)[clearly_not])
    assert paths["lasso"][0] == [0.0] * 10  # the strongest penalty zeros every coefficient


def test_ridge_path_matches_sklearn_and_never_reaches_zero(paths):
    x, y = diabetes()
    for alpha, coefs in zip(paths["ridge_alphas"], paths["ridge"], strict=True):
        np.testing.assert_allclose(coefs, Ridge(alpha=alpha).fit(x, y).coef_, rtol=1e-6)
        assert 0.0 not in coefs


@pytest.mark.parametrize("matrix", [[[1, 2], [2, 1]], [[1, 0.5], [0.4, 1]], [[-1, 0], [0, -1]]])
def test_loss_matrices_without_a_single_minimum_are_refused(default_config, matrix):
    config = merged(default_config, {"sparsity": {"loss_matrix": matrix}})
    with pytest.raises(ConfigError, match=r"sparsity\.loss_matrix"):
        check_config(config)


@pytest.mark.parametrize("angles", [[-20, 110], [30, 60], [200, 250]])
def test_the_title_counts_the_centre_positions_with_an_exact_zero(default_config, angles):
    params = default_config["sparsity"] | {"centre_angles_deg": angles}
    records = solutions(params, sparsity_data(params)["centres"])
    counts = {name: sum(0.0 in r[name] for r in records) for name in ("l1", "l2")}
    words = {name: str(count) if count else "none" for name, count in counts.items()}
    assert sparsity_lesson(records) == (
        f"L1 puts a coefficient at exactly 0 at {words['l1']} of {len(records)} centre positions, "
        f"L2 at {words['l2']}"
    )


def test_key_moments_are_where_l1_reaches_or_leaves_a_corner_and_the_poster_is_on_one(
    default_config,
):
    params = default_config["sparsity"]
    records = solutions(params, sparsity_data(params)["centres"])
    on_corner = [0.0 in r["l1"] for r in records]
    changes = [i for i in range(1, len(records)) if on_corner[i] != on_corner[i - 1]]
    assert zero_changes(records) == changes and changes
    poster = corner_contrast(records)
    assert on_corner[poster] and 0.0 not in records[poster]["l2"]
    assert min(map(abs, records[poster]["l2"])) == max(
        min(map(abs, r["l2"])) for r, corner in zip(records, on_corner, strict=True) if corner
    )


@pytest.mark.parametrize(
    "b, text",
    [
        ([0.0, 1.0], "L1: b = (+0.00, +1.00), b1 exactly 0"),
        ([-0.0, -1.0], "L1: b = (+0.00, −1.00), b1 exactly 0"),
        ([0.47, 0.53], "L1: b = (+0.47, +0.53), no exact 0"),
    ],
)
def test_the_readout_keeps_one_layout_and_names_only_exact_zeros(b, text):
    assert readout("L1", b) == text


@pytest.mark.parametrize("angles", [[-20, 110], [30, 60]])
def test_the_centre_s_path_draws_the_title_s_count_a_dot_per_frame(default_config, angles):
    config = merged(default_config, {"sparsity": {"centre_angles_deg": angles}})
    params = config["sparsity"]
    records = solutions(params, sparsity_data(params)["centres"])
    on_corner = [np.asarray(r["centre"]) for r in records if 0.0 in r["l1"]]
    off_corner = [np.asarray(r["centre"]) for r in records if 0.0 not in r["l1"]]
    style = figure_style(config, "sparsity")
    fig, _ = scene("sparsity", config)
    region_ax = fig.axes[0]
    dots = {
        to_hex(line.get_color()): line.get_xydata()
        for line in region_ax.get_lines()
        if line.get_marker() == "o" and len(line.get_xdata()) > 1
    }
    for colour, centres in ((style["l1_color"], on_corner), (style["contour_color"], off_corner)):
        drawn = dots.get(to_hex(colour), np.empty((0, 2)))
        assert len(drawn) == len(centres)
        assert np.allclose(drawn, np.reshape(centres, (-1, 2)))
    plt.close(fig)


def test_the_strip_draws_l1_s_exact_zeros_on_its_floor_and_l2_apart_above_it(default_config):
    """Where L2's solution is a hundredth from an axis, its disc sits on L1's diamond in the
    picture; in the strip under the figure, every frame's L2 marker stands clear of the floor
    (its marker's size and more) unless L2 has an exact 0, and L1's is on the floor exactly where
    L1 has one."""
    params = default_config["sparsity"]
    records = solutions(params, sparsity_data(params)["centres"])
    fig, update = scene("sparsity", default_config)
    strip = fig.axes[-1]
    floor = min(strip.get_yticks())  # "0", the lowest tick
    assert strip.get_yticklabels()[list(strip.get_yticks()).index(floor)].get_text() == "0"
    fig.canvas.draw()
    for i, record in enumerate(records):
        update(i)
        markers = {
            to_hex(line.get_color()): line
            for line in strip.get_lines()
            if line.get_marker() not in (None, "None", "") and len(line.get_xdata()) == 1
        }
        for name in ("l1", "l2"):
            marker = markers[to_hex(default_config["style"]["palette"][name])]
            height = marker.get_ydata()[0]
            if 0.0 in record[name]:
                assert height == floor, (i, name)
            else:
                gap_px = strip.transData.transform((0, height))[1]
                gap_px -= strip.transData.transform((0, floor))[1]
                assert gap_px > marker.get_markersize() * fig.dpi / 72, (i, name, gap_px)
    plt.close(fig)


@pytest.mark.parametrize(
    ("override", "named"),
    [
        ({"centre_angles_deg": [160, 290]}, "the loss's centre (centre_radius, centre_angles_deg)"),
        ({"centre_radius": 4.0}, "the loss's centre"),
        ({"budget": 2.0}, "the regions (budget)"),
    ],
)
def test_axes_that_leave_out_the_centre_or_the_regions_are_refused(default_config, override, named):
    config = merged(default_config, {"sparsity": override})
    with pytest.raises(ConfigError, match=re.escape(named)) as refused:
        check_config(config)
    assert "widen beta_limits" in str(refused.value)
    # the same arc with axes that hold it is accepted
    check_config(merged(config, {"sparsity": {"beta_limits": [-4.5, 4.5]}}))


def test_the_regions_are_named_away_from_the_solutions_wherever_the_arc_runs(default_config):
    config = merged(
        default_config,
        {"sparsity": {"centre_angles_deg": [160, 290], "beta_limits": [-3.6, 1.75]}},
    )
    fig, update = scene("sparsity", config)
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    region = fig.axes[0]
    names = [t for t in region.texts if t.get_text() in ("L1", "L2")]
    assert len(names) == 2
    for i in range(config["sparsity"]["n_frames"]):
        moved = update(i)
        solutions = [a for a in moved if isinstance(a, Line2D) and a.get_marker() in ("D", "o")]
        for solution in solutions:
            box = solution.get_window_extent(renderer)
            for name in names:
                assert not box.overlaps(name.get_window_extent(renderer)), (i, name.get_text())
    plt.close(fig)


@pytest.mark.parametrize(("angles", "ticked"), [([-20, 110], True), ([30, 60], False)])
def test_the_strip_says_what_its_ticks_mean_when_it_draws_one(default_config, angles, ticked):
    from l1l2figures.scenes.sparsity import CROSSING_NOTE

    config = merged(default_config, {"sparsity": {"centre_angles_deg": angles}})
    fig, _ = scene("sparsity", config)
    strip = next(ax for ax in fig.axes if ax.get_title(loc="left").startswith("each solution"))
    ticks = [line for line in strip.get_lines() if line.get_marker() == "|"]
    drawn = sum(len(line.get_xdata()) for line in ticks)
    plt.close(fig)
    # the default arc takes L2's solution across both axes, between frames; [30, 60] across none
    assert (drawn > 0) == ticked
    assert strip.get_title(loc="left").endswith(CROSSING_NOTE) == ticked
