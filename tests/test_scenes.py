"""Scenes built directly, without Snakemake: what the reader is told."""

import itertools
import math
import re
from decimal import Decimal

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from matplotlib.colors import to_hex
from matplotlib.lines import Line2D
from matplotlib.text import Text

from conftest import merged, validate
from l1l2figures.maths.datasets import outlier_sweep_data, robustness_data
from l1l2figures.maths.models import outlier_fits, robustness_fits
from l1l2figures.maths.regularization import gradient_descent
from l1l2figures.maths.stability import (
    DRAWN_JUMP_SHARE,
    SAME_MOVE_FACTOR,
    SHAPE_CHANGE_FACTOR,
    ratio_text,
)
from l1l2figures.pipeline.inprocess import scene as animation_scene_of
from l1l2figures.rendering.quality import animation_problems
from l1l2figures.rendering.style import AHEAD_ALPHA, MARKERS
from l1l2figures.rendering.theme import figure_style
from l1l2figures.scenes import outlier_sweep, robustness, stability
from l1l2figures.scenes.l1_l2_gradient import animation_scene
from l1l2figures.words import value_of

NAMES = {"l1": "L1", "l2": "L2"}


@pytest.mark.parametrize("l1_step", ["proximal", "subgradient"])
def test_gradient_readouts_print_0_only_for_an_exact_zero(default_config, l1_step):
    section = default_config["l1_l2_gradient"] | {"l1_step": l1_step}
    descent = gradient_descent(section)
    fig, update = animation_scene(
        descent, section["w_limits"], figure_style(default_config, "l1_l2_gradient")
    )
    last = len(descent["frames"]) - 1
    method = {"proximal": "(proximal) steps stop at 0", "subgradient": "can cross 0"}[l1_step]
    assert method in fig.axes[1].get_title()  # which L1 step is shown
    texts = [t.get_text() for t in update(last) if isinstance(t, matplotlib.text.Text)]
    l1 = descent["frames"][last]["l1"]
    assert ("L1 0" in texts) == (l1 == 0.0)
    assert "L2 0.011" in texts  # small, never "0"
    assert (descent["frames"][last]["l2"] != 0.0) and "L2 0" not in texts
    plt.close(fig)


def test_gradient_shades_the_ws_where_l1_pulls_harder_than_l2(default_config):
    section = default_config["l1_l2_gradient"]
    fig, _ = animation_scene(
        gradient_descent(section),
        section["w_limits"],
        figure_style(default_config, "l1_l2_gradient"),
    )
    slope_ax = fig.axes[0]
    [shade] = [patch for patch in slope_ax.patches if patch.get_width() > 0]
    low, high = shade.get_x(), shade.get_x() + shade.get_width()
    # independent: the penalties' slopes, |d/dw lam|w|| = lam and |d/dw lam w^2| = 2 lam |w|
    for w in np.linspace(*section["w_limits"], 101):
        if abs(abs(w) - 0.5) > 1e-9:
            assert (low < w < high) == (2 * abs(w) < 1), w
    plt.close(fig)


@pytest.mark.parametrize("override", [{}, {"learning_rate": 0.3, "lam": 1.0}, {"lam": 0.5}])
def test_gradient_steps_axis_gives_each_penalty_s_step_as_the_run_takes_it(
    default_config, override
):
    """What one step does, read off the run itself: L1's largest move, L2's factor."""
    section = {**default_config["l1_l2_gradient"], **override}
    descent = gradient_descent(section)
    fig, _ = animation_scene(
        descent, section["w_limits"], figure_style(default_config, "l1_l2_gradient")
    )
    label = fig.axes[1].get_xlabel()
    said = re.search(r"L1 moves w by ≤ (\S+), L2 multiplies it by (\S+)\n", label)
    l1 = [frame["l1"] for frame in descent["frames"]]
    l2 = [frame["l2"] for frame in descent["frames"]]
    assert value_of(said[1]) == pytest.approx(max(abs(np.diff(l1))))
    assert value_of(said[2]) == pytest.approx(l2[1] / l2[0])
    plt.close(fig)


# The issue's bar: once L1 is at 0, its marker and L2's are at least this far apart at 1x.
MIN_APART_PX = 8


@pytest.mark.parametrize(
    "override",
    [{}, {"learning_rate": 0.45, "n_frames": 20}],  # L2 ends at 0.011, and at about 1e-19
)
def test_gradient_draws_l1_at_0_below_l2_on_every_frame_after_it_lands(default_config, override):
    from l1l2figures.rendering.animate import frames

    config = default_config | {"l1_l2_gradient": default_config["l1_l2_gradient"] | override}
    descent = gradient_descent(config["l1_l2_gradient"])
    landed = [k for k, f in enumerate(descent["frames"]) if f["l1"] == 0.0]
    assert landed  # the run shows L1 at 0
    fig, update = animation_scene_of("l1_l2_gradient", config)
    weights = fig.axes[1]
    markers = {
        marker: line
        for line in weights.get_lines()
        if (marker := line.get_marker()) in ("D", "o")  # L1's diamond, L2's disc
    }
    [zero] = [
        y for y, t in zip(weights.get_yticks(), weights.get_yticklabels()) if t.get_text() == "0"
    ]
    for _ in frames(fig, update, landed):
        l1, l2 = (weights.transData.transform(markers[m].get_xydata())[0] for m in ("D", "o"))
        zero_px = weights.transData.transform([(0, zero)])[0, 1]
        assert l1[1] == pytest.approx(zero_px)  # on the line labelled 0
        assert l2[1] - l1[1] >= MIN_APART_PX  # above it, clearly apart
    plt.close(fig)


@pytest.mark.parametrize(
    "override",
    [{}, {"learning_rate": 0.45, "n_frames": 20}],  # L2 ends at 0.011, and at about 1e-19
)
def test_gradient_s_slopes_panel_shows_l2_s_last_weight_apart_from_l1_s_0(default_config, override):
    """Where L1 lands on 0 (the frame held), L2's dot and L1's diamond are apart by their own
    sizes on the slopes panel, or else in the inset that magnifies 0, L2's dot on its side of 0."""
    from l1l2figures.rendering.animate import frames

    config = default_config | {"l1_l2_gradient": default_config["l1_l2_gradient"] | override}
    descent = gradient_descent(config["l1_l2_gradient"])
    landed = next(k for k, f in enumerate(descent["frames"]) if f["l1"] == 0.0)
    fig, update = animation_scene_of("l1_l2_gradient", config)
    slopes = fig.axes[0]
    for _ in frames(fig, update, [landed]):
        apart = []
        for ax in [slopes, *slopes.child_axes]:
            markers = {
                line.get_marker(): line for line in ax.get_lines() if line.get_marker() in "Do"
            }
            l1, l2 = (ax.transData.transform(markers[m].get_xydata())[0] for m in ("D", "o"))
            reach = sum(markers[m].get_markersize() for m in ("D", "o")) / 2 * fig.dpi / 72
            on_its_side = np.sign(l2[0] - l1[0]) == np.sign(markers["o"].get_xdata()[0])
            apart.append(np.hypot(*(l2 - l1)) >= reach and on_its_side)
        assert any(apart), apart
    plt.close(fig)


def test_stability_draws_jumps_as_stems_and_counts_them_at_the_points(default_config):
    style = figure_style(default_config, "stability")
    xs = [-1.0, 0.5, 2.0, 3.5]
    measures = {
        "outlier_x": xs,
        "midpoint_x": [-0.25, 1.25, 2.75],
        "mean_over_x": [-10, 15],
        "l1_shift": [1.0, 2.0, 2.0, 1.0],
        "l2_shift": [0.5, 0.5, 0.6, 0.5],
        "l1_jump": [0.1, 1.0, 0.12],
        "l2_jump": [0.1, 0.6, 0.03],
    }
    data = {"base_x": [0.0, 3.0], "base_y": [1.0, 20.0], "outlier_y": 10.0}
    grid = np.linspace(-10, 15, 6)
    without = np.full_like(grid, 5.0)
    # the fits at each position, the largest jump (L1's, 1.0) from the second to the third
    with_outlier = np.array([without + shift for shift in (1.0, 2.0, 3.0, 3.0)])
    fits = {
        "prediction_x": grid,
        "outlier_x": np.asarray(xs),
        **{f"{loss}_without": without for loss in ("l1", "l2")},
        **{f"{loss}_with": with_outlier for loss in ("l1", "l2")},
    }
    fig = stability.stability_figure(measures, data, fits, style)
    shift_ax, jump_ax, move_fits, jump_fits = fig.axes
    # every position's moves, L1 above L2 by over the factor: no tick, so no key for one
    assert shift_ax.get_legend() is None
    # drawn on the fits: the move where L1's is furthest beyond L2's (4 times, at the second
    # position), and the largest jump, L1's, with the fits one position earlier faint
    assert move_fits.get_title() == "a move: outlier at x = 0.5\nL1 moved 4.0× as far as L2"
    assert jump_fits.get_title().startswith(
        "a jump: outlier from x = 0.5 to 2.0\nfaint: the fits at 0.5\n"
    )
    dashed = {
        (tuple(line.get_ydata()), line.get_alpha())
        for line in jump_fits.get_lines()
        if line.get_linestyle() == "--" and line.get_visible()
    }
    assert dashed == {(tuple(with_outlier[2]), None), (tuple(with_outlier[1]), AHEAD_ALPHA)}
    # the title's count drawn: each fit's move curve at every position
    curves = {line.get_label(): list(line.get_ydata()) for line in shift_ax.get_lines()}
    assert curves["L1 move"] == measures["l1_shift"]
    assert curves["L2 move"] == measures["l2_shift"]
    # The headline is the figure's own lesson, the jumps where the outlier passes each point:
    # at 0 (the first step) both 0.1, at 3 (the third) L1 0.12 against L2 0.03, which is under
    # the stems' floor (5% of the largest, 1.0). How far it moves each fit heads the moves'
    # panel; the jumps' panel sums them (L1 1.22, L2 0.73).
    assert fig.get_suptitle() == (
        "Where the outlier passes a point, L1 jumps more at 1 of the 2 it passes,\n"
        "both jump about as much at 1 point"
    )
    heading, definition = shift_ax.get_title(loc="left").rsplit("\n", 1)
    assert " ".join(heading.splitlines()) == (
        "wherever the outlier sits along x, it moves the L1 fit further than the L2 fit"
    )
    assert definition.startswith("(a move: ")
    summed = jump_ax.get_title(loc="left").splitlines()[-1]
    l1, l2 = (float(v) for v in re.findall(r"L[12] ([\d.]+)", summed))
    assert summed.startswith("summed over the sweep: L1 ")
    assert l1 == pytest.approx(1.22, rel=0.05) and l2 == pytest.approx(0.73, rel=0.05)
    # each fit's large jumps are tipped with its marker; the key says what a tip means
    key = jump_ax.get_legend()
    assert [t.get_text() for t in key.get_texts()] == [
        f"a fit changes shape (jump over {SHAPE_CHANGE_FACTOR:g}× the median)",
        "a point's x",
    ]
    # under the jumps, a dot in the points' colour at each point's x
    [dots] = [
        line
        for line in jump_ax.get_lines()
        if line.get_marker() == "o" and line.get_color() == style["point_color"]
    ]
    assert list(dots.get_xdata()) == data["base_x"]
    tipped = {
        (line.get_marker(), tuple(line.get_xdata()))
        for line in jump_ax.get_lines()
        if line.get_marker() in (MARKERS["l1"], MARKERS["l2"])
        and line.get_color() != style["point_color"]
    }
    # the median jump is 0.11: L1's 1.0 and L2's 0.6 are over 5 times it, at the middle step
    assert tipped == {(MARKERS["l1"], (1.25,)), (MARKERS["l2"], (1.25,))}
    tips = {
        (line.get_marker(), to_hex(line.get_color()))
        for line in key.findobj(Line2D)
        if line.get_marker() not in (None, "None", "")
    }
    assert tips == {(MARKERS[loss], to_hex(style[f"{loss}_color"])) for loss in ("l1", "l2")} | {
        ("o", to_hex(style["point_color"]))
    }
    stems = [c for c in jump_ax.collections if c.get_segments()]
    tops = sorted(max(seg[:, 1]) for c in stems for seg in c.get_segments())
    # every jump of at least DRAWN_JUMP_SHARE of the largest has its stem; no shorter one is drawn
    jumps = measures["l1_jump"] + measures["l2_jump"]
    visible = [j for j in jumps if j >= DRAWN_JUMP_SHARE * max(jumps)]
    assert tops == sorted(visible) and 0 < len(visible) < len(jumps)
    # The grey band is named on the figure, inside the band and clear of the curves; no other grey
    # fill (a shaded gap between the curves) is drawn.
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    [name] = [t for t in shift_ax.texts if t.get_text().startswith("x range of")]
    name_box = name.get_window_extent(renderer)
    [band] = shift_ax.patches
    band_box = band.get_window_extent(renderer)
    assert band_box.x0 <= name_box.x0 and name_box.x1 <= band_box.x1
    assert len(shift_ax.collections) == 0
    for line in shift_ax.get_lines():
        line_box = line.get_window_extent(renderer)
        if len(line.get_xdata()) > 2:  # the curves, not the line at 0
            assert line_box.y1 < name_box.y0
    plt.close(fig)


def test_outlier_sweep_names_each_loss_in_its_colour_and_gauges_the_measured_move(default_config):
    fig, update = animation_scene_of("outlier_sweep", default_config)
    style = figure_style(default_config, "outlier_sweep")
    section = default_config["outlier_sweep"]
    data = outlier_sweep_data(section)
    [fits] = outlier_fits(data, section["gbr"], "sweep_outlier_x")
    i = 30
    update(i)
    plot, gauge, _moves = fig.axes
    assert plot.get_legend() is None and not any(legend.get_frame_on() for legend in fig.legends)
    names = {
        t.get_text(): to_hex(t.get_color()) for t in plot.texts if t.get_text() in NAMES.values()
    }
    assert names == {"L1": to_hex(style["l1_color"]), "L2": to_hex(style["l2_color"])}
    heights = [bar.get_height() for bar in gauge.patches]
    moves = [np.abs(fits[f"{loss}_with"][i] - fits[f"{loss}_without"]).mean() for loss in NAMES]
    assert heights == pytest.approx(moves, rel=1e-12)
    plt.close(fig)


def test_the_sweep_s_ratio_is_the_ratio_of_the_values_its_gauge_prints(default_config):
    """A reader who divides the two bars' values gets the sentence's ratio, on every frame."""
    import re

    fig, update = animation_scene_of("outlier_sweep", default_config)
    plot, gauge, _moves = fig.axes
    checked = 0
    for i in range(default_config["outlier_sweep"]["n_frames"]):
        update(i)
        values = [float(t.get_text()) for t in gauge.texts if t.get_text()]
        said = re.findall(r"(L1|L2) moved ([\d.]+)×", plot.get_title(loc="left"))
        if not said:
            continue
        [(far, ratio)] = said
        shown = values[0] / values[1] if far == "L1" else values[1] / values[0]
        assert ratio == ratio_text(shown), i
        checked += 1
    assert checked > 0
    plt.close(fig)


@pytest.mark.parametrize("trees", [None, 100])  # the default 5, and a sweep of mixed moves
def test_the_outlier_sweep_says_why_it_holds_where_it_holds(default_config, trees):
    """Every frame the animation holds on says why (the poster, that its ratio is the largest):
    which fit has just changed shape (the one whose fit, refitted here, differs most from the frame
    before's, or both when both changed) and the point it has passed, or that the two moves come
    closest there (the smallest ratio of the larger to the smaller); no other frame says either."""
    from sklearn.ensemble import GradientBoostingRegressor

    from l1l2figures.scenes.outlier_sweep import key_moments

    config = default_config
    if trees:
        sweep = default_config["outlier_sweep"]
        config = default_config | {
            "outlier_sweep": sweep | {"gbr": sweep["gbr"] | {"n_estimators": trees}}
        }
    section = config["outlier_sweep"]
    data = outlier_sweep_data(section)
    [fits] = outlier_fits(data, section["gbr"], "sweep_outlier_x")
    moments, _ = key_moments(fits, data)
    reshaped = {i for i, what in moments if "changes shape" in what}
    held_closest = {i for i, what in moments if "the closest the two moves come" in what}
    fig, update = animation_scene_of("outlier_sweep", config)
    said, closest = {}, set()
    for i in range(section["n_frames"]):
        update(i)
        title = fig.axes[0].get_title(loc="left")
        first_line = title.split("\n")[0]
        if "changed shape" in first_line:
            said[i] = first_line.split(": ")[1].split(" fit")[0]
            # the point the outlier has just passed, if it has: one lies between the two
            # positions, or under the outlier, where its jump is split between two steps
            before, now = data["sweep_outlier_x"][i - 1], data["sweep_outlier_x"][i]
            between = [x for x in data["base_x"] if min(before, now) < x < max(before, now)]
            if ", past a point:" in first_line:
                assert len(between) == 1 and now not in data["base_x"], first_line
            elif ", on a point's x:" in first_line:
                assert now in data["base_x"], first_line
            else:
                assert not between and now not in data["base_x"], first_line
        if "the closest the two moves come" in title:
            closest.add(i)
    assert set(said) == reshaped and said and closest == held_closest
    l1, l2 = (
        np.mean(np.abs(fits[f"{loss}_with"] - fits[f"{loss}_without"]), axis=1) for loss in NAMES
    )
    assert closest == {int(np.argmin(np.maximum(l1, l2) / np.minimum(l1, l2)))}

    def fit(loss, outlier_x):
        x, y = [*data["base_x"], outlier_x], [*data["base_y"], data["outlier_y"]]
        model = GradientBoostingRegressor(loss=loss, random_state=0, **section["gbr"])
        return model.fit(np.c_[x], y).predict(np.c_[data["prediction_x"]])

    losses = {"the L1": "absolute_error", "the L2": "squared_error"}
    for i, which in said.items():
        before, now = data["sweep_outlier_x"][i - 1], data["sweep_outlier_x"][i]
        change = {
            name: np.abs(fit(loss, now) - fit(loss, before)).mean() for name, loss in losses.items()
        }
        if which == "both":
            assert min(change.values()) > 0
        else:
            assert which == max(change, key=change.get)
    plt.close(fig)


def test_outlier_sweep_gives_each_loss_s_starting_constant_as_the_model_fits_it(
    default_config,
):
    """Why the L1 fit moves more: boosting starts from one constant, which the outlier moves. The
    key says it with the constants scikit-learn's own fits start from, with and without it."""
    from sklearn.ensemble import GradientBoostingRegressor

    fig, update = animation_scene_of("outlier_sweep", default_config)
    update(0)
    # the key's title, under the experiment's note
    [key] = fig.legends
    title = key.get_title().get_text().replace("\n", " ")
    plt.close(fig)
    data = outlier_sweep_data(default_config["outlier_sweep"])
    x, y = np.array(data["base_x"]), np.array(data["base_y"])
    starts = {}
    for loss in ("absolute_error", "squared_error"):
        constants = []
        for xs, ys in ((x, y), (np.append(x, 0.0), np.append(y, data["outlier_y"]))):
            model = GradientBoostingRegressor(loss=loss, n_estimators=1).fit(xs[:, None], ys)
            constants.append(f"{float(model.init_.predict(xs[:1, None])[0]):.3g}")
        starts[loss] = constants
    (l1_before, l1_after), (l2_before, l2_after) = starts.values()
    assert l1_before != l1_after and l2_before != l2_after  # the default outlier moves both
    assert "without → with the outlier:" in title
    assert f"L1 the y median, {l1_before} → {l1_after}" in title
    assert f"L2 the y mean, {l2_before} → {l2_after}" in title


def test_outlier_sweep_draws_each_fit_s_move_up_to_the_outlier_and_ticks_where_neither_is_further(
    default_config,
):
    """Under the plot, each loss's mean move at every outlier position, drawn up to the current
    one with its marker there, and a grey tick (the contour colour) under each position where the
    larger move is under SAME_MOVE_FACTOR times the other, up to the current one."""
    fig, update = animation_scene_of("outlier_sweep", default_config)
    style = figure_style(default_config, "outlier_sweep")
    section = default_config["outlier_sweep"]
    [fits] = outlier_fits(outlier_sweep_data(section), section["gbr"], "sweep_outlier_x")
    x = fits["outlier_x"]
    shift = {
        loss: np.abs(fits[f"{loss}_with"] - fits[f"{loss}_without"]).mean(axis=1) for loss in NAMES
    }
    same = [max(a, b) < SAME_MOVE_FACTOR * min(a, b) for a, b in zip(*shift.values(), strict=True)]
    # the default sweep has both kinds of position, so the ticks are a real test of the rule
    assert 0 < sum(same) < len(x)
    _plot, _gauge, moves = fig.axes
    for i in (0, 10, 11, 37, len(x) - 1):
        update(i)
        lines = moves.get_lines()
        for loss, name in NAMES.items():
            [drawn] = [line for line in lines if line.get_label() == f"{name} move"]
            np.testing.assert_allclose(drawn.get_xdata(), x[: i + 1], atol=1e-12)
            np.testing.assert_allclose(drawn.get_ydata(), shift[loss][: i + 1], rtol=1e-12)
            [marker] = [
                line
                for line in lines
                if line.get_marker() == MARKERS[loss] and line.get_linestyle() == "None"
            ]
            np.testing.assert_allclose(marker.get_xydata(), [[x[i], shift[loss][i]]], rtol=1e-12)
            assert to_hex(marker.get_color()) == to_hex(style[f"{loss}_color"])
        [ticks] = [line for line in lines if line.get_marker() == "|"]
        assert to_hex(ticks.get_color()) == to_hex(style["contour_color"])
        ticked = [k for k in range(i + 1) if same[k]]
        np.testing.assert_allclose(ticks.get_xdata(), x[ticked], atol=1e-12)
    plt.close(fig)


def test_robustness_draws_the_l2_line_at_the_first_frame_above_the_moving_l1_line(
    default_config,
):
    """Frames redraw only what moves, above the still background: the first frame's L2 line must
    be redrawn with them, or the moving L1 line covers it where the two coincide (the L1 fit
    hardly moves). On the last frame, the centre of the first frame's L2 line is never in L1's
    colour."""
    from l1l2figures.rendering.animate import frames

    config = default_config
    style = figure_style(config, "robustness")
    fig, update = animation_scene_of("robustness", config)
    plot = fig.axes[0]
    # the points' own line, dotted over every fit near it, is not what this looks at
    [truth] = [line for line in plot.lines if line.get_label() == "the points' line"]
    truth.set_visible(False)
    [(_, pixels)] = frames(fig, update, [config["robustness"]["n_frames"] - 1])
    [start] = [line for line in plot.lines if line.get_label() == "L2 line at the first frame"]
    (x0, x1), (y0, y1) = start.get_data()[0], start.get_data()[1]
    xs = np.linspace(x0, x1, 60)[5:-5]
    points = plot.transData.transform(np.c_[xs, y0 + (y1 - y0) * (xs - x0) / (x1 - x0)])
    height = pixels.shape[0]
    colours = [to_hex(pixels[round(height - y), round(x)] / 255) for x, y in points]
    plt.close(fig)
    # L2's colour all along, but where a point (drawn above every line) sits on it: never L1's
    assert to_hex(style["l1_color"]) not in colours
    assert colours.count(to_hex(style["l2_color"])) > len(colours) / 2


def test_robustness_draws_both_pull_columns_on_one_scale(default_config):
    """On one scale, L2's stack is drawn growing with the point while L1's stays as tall: on scales
    of their own the columns would look alike on the first frame (both total 6)."""
    fig, update = animation_scene_of("robustness", default_config)
    _, l2_column, l1_column = fig.axes
    fig.canvas.draw()
    assert l2_column.get_ylim() == l1_column.get_ylim()

    def stack_px(column, i: int) -> float:
        update(i)
        tops = [p.get_y() + p.get_height() for p in column.patches]
        to_px = column.transData.transform
        return to_px((0, max(tops)))[1] - to_px((0, 0))[1]

    last = default_config["robustness"]["n_frames"] - 1
    # the first frame: the same height up (6 points above each line, or their pulls' sum)
    assert stack_px(l2_column, 0) == pytest.approx(stack_px(l1_column, 0), rel=0.05)
    # the last: L2's over five times L1's
    assert stack_px(l2_column, last) > 5 * stack_px(l1_column, last)
    plt.close(fig)


def robustness_heights(config) -> list[str]:
    """The outlier's height as each frame of the robustness figure writes it."""
    fig, update = animation_scene_of("robustness", config)
    heights = []
    for i in range(config["robustness"]["n_frames"]):
        update(i)
        heights.append(fig.axes[0].get_title(loc="left").splitlines()[0])
    plt.close(fig)
    return heights


def test_robustness_shows_a_different_rise_on_every_frame(default_config):
    heights = robustness_heights(default_config)
    assert heights[0] == "outlier 3.0 above y = 1.5x + 2"  # the default starts 3 above it
    assert len(set(heights)) == len(heights) == default_config["robustness"]["n_frames"]


@pytest.mark.parametrize("rise", [[0, 40], [10, -30], [-5, -45], [20, 0]])
def test_robustness_says_on_each_frame_which_side_of_the_line_the_point_is(default_config, rise):
    config = default_config | {"robustness": default_config["robustness"] | {"outlier_rise": rise}}
    section = config["robustness"]
    data = robustness_data(section)
    fits = robustness_fits(data)
    # independent: the point's height over the points' line, from its y and the line
    over = [
        y - (section["line_slope"] * section["outlier_x"] + section["line_intercept"])
        for y in data["outlier_y"]
    ]
    for height, text in zip(over, robustness_heights(config), strict=True):
        size = f"{abs(height):.1f}"
        if size == "0.0":
            assert text.startswith("outlier on "), text
        else:
            side = "above" if height > 0 else "below"
            assert text.startswith(f"outlier {size} {side} y = "), text
    title = robustness.robustness_lesson(fits, section["outlier_x"])
    way = "rises" if rise[1] > rise[0] else "falls"
    assert title.startswith(f"As the outlier {way} {abs(rise[1] - rise[0])},"), title


def test_robustness_title_gives_each_line_s_measured_move(default_config):
    section = default_config["robustness"]
    data = robustness_data(section)
    fits = robustness_fits(data)
    x = data["outlier_x"]
    # independent: the lines' heights at the outlier's x, from their slopes and intercepts
    first, last = (np.polyval(fits[k]["l2"], x) for k in (0, -1))
    l1_first, l1_last = (np.polyval(fits[k]["l1"], x) for k in (0, -1))
    start, end = section["outlier_rise"]
    title = robustness.robustness_lesson(fits, x)
    said = f"As the outlier rises {end - start:g}, L2 moves up {last - first:.1f} at x = {x:g}"
    assert said in title
    assert ("and L1 stays put" in title) == (l1_first == l1_last)
    assert robustness.key_moments(fits)[1] == len(fits) - 1  # the poster: the point at its highest


@st.composite
def robustness_override(draw) -> dict:
    """Accepted robustness sections: the point rising or falling, anywhere in x."""
    low = draw(st.floats(-5, 5))
    return {
        "seed": draw(st.integers(0, 2**32 - 1)),
        "n_points": draw(st.integers(3, 20)),
        "x_range": draw(st.permutations([low, low + draw(st.floats(1, 20))])),
        "line_slope": draw(st.floats(-5, 5)),
        "noise_half_width": draw(st.floats(0, 5)),
        "outlier_x": draw(st.floats(-10, 30)),
        "outlier_rise": [draw(st.floats(-60, 60)), draw(st.floats(-60, 60))],
        "n_frames": draw(st.integers(2, 12)),
    }


def robustness_drawn(config: dict):
    """The robustness figure, its plot, its pull columns ({loss: axes}), and its data and fits."""
    fig, update = animation_scene_of("robustness", config)
    data = robustness_data(config["robustness"])
    plot, l2_column, l1_column = fig.axes
    return fig, update, plot, {"l1": l1_column, "l2": l2_column}, data, robustness_fits(data)


def inside(values, limits) -> bool:
    low, high = limits
    return all(low <= v <= high for v in values)


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(override=robustness_override())
@example(override={"outlier_rise": [10, -30]})
@example(override={"outlier_rise": [-5, -45], "outlier_x": 20})
def test_robustness_axes_hold_the_points_the_point_and_both_lines_on_every_frame(
    default_config, override
):
    config = validate(merged(default_config, {"robustness": override}))
    fig, update, ax, _, data, fits = robustness_drawn(config)
    drawn = {line.get_label(): line for line in ax.get_lines()}
    [ring] = [line for line in ax.get_lines() if line.get_fillstyle() == "none"]
    for i in range(len(fits)):
        update(i)
        for line in [drawn["L1 line"], drawn["L2 line"], ring]:
            assert inside(line.get_xdata(), ax.get_xlim()), (i, line.get_label())
            assert inside(line.get_ydata(), ax.get_ylim()), (i, line.get_label())
        assert list(ring.get_ydata()) == [data["outlier_y"][i]]
    # the lines span the axes: each is drawn across the whole x range
    assert list(drawn["L1 line"].get_xdata()) == list(ax.get_xlim())
    assert inside(data["base_x"], ax.get_xlim()) and inside(data["base_y"], ax.get_ylim())
    plt.close(fig)


@pytest.mark.parametrize(
    "override",
    [
        {"outlier_rise": [0, 40]},
        {"outlier_rise": [0, -40]},  # starts on the lines near the plot's top, then falls
        {"outlier_rise": [-5, -45], "outlier_x": 20},
        {"outlier_rise": [10, -30]},  # falls across the lines
        {"outlier_rise": [0, 20], "outlier_x": 0.5},  # by the plot's left edge
        {"outlier_x": 0},  # on it
    ],
)
def test_robustness_names_the_outlier_clear_of_everything_drawn(default_config, override):
    config = validate(merged(default_config, {"robustness": override}))
    fig, update, *_, fits = robustness_drawn(config)
    frames = sorted({0, 1, len(fits) // 2, len(fits) - 1})
    problems = animation_problems(fig, update, frames, "robustness")
    assert [p for p in problems if "'outlier'" in p] == []
    plt.close(fig)


@pytest.mark.parametrize(
    "override",
    [
        {"outlier_rise": [0, 40]},
        {"outlier_rise": [10, -30]},
        {"n_points": 7, "outlier_x": 2},
        {"n_points": 6, "noise_half_width": 4},  # the L1 line passes through the outlier
        {"noise_half_width": 0, "outlier_rise": [0, 0]},  # every point on both lines
    ],
)
def test_robustness_columns_stack_every_point_s_pull_and_each_line_balances_them(
    default_config, override
):
    """Each column stacks a block per point: its pull on that line, up from 0 for a point above
    the line and down for one below, the outlier's block outermost and in its colour. Least
    squares makes L2's stacks equally tall with pulls r; on L1 every point off the line pulls ±1,
    the outlier no harder, and the points on it share out the rest. The totals printed are the
    stacks' heights."""
    config = validate(merged(default_config, {"robustness": override}))
    fig, update, _, columns, data, fits = robustness_drawn(config)
    style = figure_style(config, "robustness")
    x = np.array([*data["base_x"], data["outlier_x"]])
    for i, record in enumerate(fits):
        update(i)
        y = np.array([*data["base_y"], data["outlier_y"][i]])
        # independent: the least-squares line by numpy, the L1 line's residuals from its equation
        independent = {
            "l2": y - np.polyval(np.polyfit(x, y, 1), x),
            "l1": np.sign(y - np.polyval(record["l1"], x)),
        }
        for loss, column in columns.items():
            blocks = [p for p in column.patches if isinstance(p, matplotlib.patches.Rectangle)]
            heights = np.array([block.get_height() for block in blocks])
            off_the_line = np.abs(y - np.polyval(record["l1"], x)) > 1e-6
            if loss == "l2":
                np.testing.assert_allclose(heights, independent["l2"], atol=1e-6)
            else:
                np.testing.assert_array_equal(
                    heights[off_the_line], independent["l1"][off_the_line]
                )
                assert all(abs(h) <= 1 + 1e-9 for h in heights[~off_the_line])
            # the stacks balance, and each block starts where the one under it ends
            up, down = heights[heights > 0].sum(), -heights[heights < 0].sum()
            assert up == pytest.approx(down, abs=1e-6)
            ends = sorted(
                [(b.get_y(), b.get_y() + b.get_height()) for b in blocks if b.get_height() > 0]
            )
            assert not ends or ends[0][0] == 0
            assert all(a[1] == pytest.approx(b[0]) for a, b in itertools.pairwise(ends))
            outlier = blocks[-1]
            assert to_hex(outlier.get_facecolor()) == to_hex(style["outlier_color"])
            if outlier.get_height():  # on the L1 line, it may pull nothing
                outermost = max if outlier.get_height() > 0 else min
                assert outlier.get_y() + outlier.get_height() == pytest.approx(
                    outermost(b.get_y() + b.get_height() for b in blocks)
                )
            # both sums of a fitted line's pulls are 0: plain (the stacks balance) and times x
            assert (heights * x).sum() == pytest.approx(
                0, abs=1e-6 * max(1, np.abs(heights * x).sum())
            )
            said = {t.get_position()[1]: value_of(t.get_text()) for t in column.texts}
            # a sign only on a total that prints as more than 0; round-off is no pull
            assert all(
                t.get_text().startswith("+") == (value_of(t.get_text()) > 0) for t in column.texts
            )
            assert column.get_ylim()[1] >= 1 or up > 0.05
            assert said[1] == pytest.approx(up, abs=0.05 + 1e-9)  # at the top, the stack up
            assert said[0] == pytest.approx(-down, abs=0.05 + 1e-9)
            assert column.get_ylim()[1] >= up and column.get_ylim()[0] <= -down
    plt.close(fig)


@pytest.mark.parametrize("rise", [[0, 40], [10, -30]])
def test_robustness_says_on_each_frame_how_far_each_line_has_moved_under_the_point(
    default_config, rise
):
    """The moves the title measures over the whole sweep, up to each frame: L2's from
    independent least-squares fits, L1's "0" exactly where its line has not moved."""
    import re

    config = merged(default_config, {"robustness": {"outlier_rise": rise}})
    fig, update, plot, _, data, fits = robustness_drawn(config)
    x = data["outlier_x"]

    def l2_at(i):
        fy = [*data["base_y"], data["outlier_y"][i]]
        return np.polyval(np.polyfit([*data["base_x"], x], fy, 1), x)

    for i, record in enumerate(fits):
        update(i)
        said = re.search(rf"moved at x = {x:g} so far: L2 (\S+), L1 (\S+)$", plot.get_title("left"))
        l2, l1 = said.groups()
        assert float(l2.replace("−", "-")) == pytest.approx(l2_at(i) - l2_at(0), abs=0.05001)
        l1_move = np.polyval(record["l1"], x) - np.polyval(fits[0]["l1"], x)
        assert (l1 == "0") == (l1_move == 0)
    plt.close(fig)


def marker_loss(line: Line2D, style: dict) -> str | None:
    """The loss whose marker ``line`` draws (MARKERS' shape in its colour), or None."""
    for loss, marker in MARKERS.items():
        if line.get_marker() == marker and to_hex(line.get_color()) == to_hex(
            style[f"{loss}_color"]
        ):
            return loss
    return None


@pytest.mark.parametrize("rise", [[0, 40], [10, -30]])
def test_robustness_draws_each_line_s_move_from_the_first_frame_as_a_band(default_config, rise):
    """Solid is each line on the first frame, dashed the line now, and the hatched band between
    them its move, as in every figure: on the default L2's band grows and L1's stays empty."""
    config = merged(default_config, {"robustness": {"outlier_rise": rise}})
    fig, update, ax, _, data, fits = robustness_drawn(config)
    style = figure_style(config, "robustness")
    by_label = {line.get_label(): line for line in ax.get_lines()}
    bands = {to_hex(band.get_edgecolor()[0]): band for band in ax.collections}
    x = data["outlier_x"]
    for i, record in enumerate(fits):
        update(i)
        for loss, name in NAMES.items():
            start, now = by_label[f"{name} line at the first frame"], by_label[f"{name} line"]
            assert (start.get_linestyle(), now.get_linestyle()) == ("-", "--")
            xs = np.asarray(start.get_xdata())
            assert start.get_ydata() == pytest.approx(np.polyval(fits[0][loss], xs), rel=1e-12)
            assert now.get_ydata() == pytest.approx(np.polyval(record[loss], xs), rel=1e-12)
            band = bands[to_hex(style[f"{loss}_color"])]
            heights = band.get_paths()[0].vertices[:, 1]
            ends = [*np.polyval(fits[0][loss], xs), *np.polyval(record[loss], xs)]
            assert (heights.min(), heights.max()) == pytest.approx((min(ends), max(ends)))
    moved = {
        loss: abs(np.polyval(fits[-1][loss], x) - np.polyval(fits[0][loss], x)) for loss in NAMES
    }
    if rise == [0, 40]:
        assert moved["l1"] < robustness.SHOWN_MOVE < moved["l2"]  # L1's band is empty at the point
    plt.close(fig)


# The review's bar for the residual stems: each at least this wide at 1x, and this far apart.
MIN_STEM_PX = 3


def test_robustness_draws_each_residual_in_its_line_s_colour_apart_from_the_other(default_config):
    fig, update, ax, _, data, fits = robustness_drawn(default_config)
    style = figure_style(default_config, "robustness")
    last = len(fits) - 1
    update(last)
    fig.canvas.draw()
    x = data["outlier_x"]
    by_label = {line.get_label(): line for line in ax.get_lines()}
    stems = {loss: by_label[f"{name} residual"] for loss, name in NAMES.items()}
    centres = {}
    for loss, stem in stems.items():
        assert to_hex(stem.get_color()) == to_hex(style[f"{loss}_color"])
        # from the point to its line's height at the point's x
        ends = sorted([data["outlier_y"][last], np.polyval(fits[last][loss], x)])
        assert sorted(stem.get_ydata()) == pytest.approx(ends, rel=1e-12)
        centres[loss] = stem.get_transform().transform(stem.get_xydata())[:, 0]
    width_px = min(stem.get_linewidth() for stem in stems.values()) * fig.dpi / 72
    assert width_px >= MIN_STEM_PX
    # side by side, L1's left of L2's, with a strip of the background between them
    assert centres["l2"].min() - centres["l1"].max() - width_px >= MIN_STEM_PX
    plt.close(fig)


@pytest.mark.parametrize(
    "override",
    [
        {"learning_rate": 0.45, "n_frames": 20},  # L2 reads "≈0, not 0" from step 3 on
        {"w0": -2.4, "learning_rate": 0.3, "l1_step": "subgradient", "n_frames": 30},
        {},
    ],
)
def test_gradient_readouts_stay_inside_the_figure_on_every_frame(default_config, override):
    from l1l2figures.rendering.animate import frames

    config = default_config | {"l1_l2_gradient": default_config["l1_l2_gradient"] | override}
    fig, update = animation_scene_of("l1_l2_gradient", config)
    n = config["l1_l2_gradient"]["n_frames"]
    seen = set()
    for _ in frames(fig, update, range(n)):
        renderer = fig.canvas.get_renderer()
        for text in fig.axes[1].texts:
            if not (text.get_visible() and text.get_text()):
                continue
            seen.add(text.get_text())
            box = text.get_window_extent(renderer)
            assert fig.bbox.x0 <= box.x0 and box.x1 <= fig.bbox.x1, text.get_text()
    assert any(t.startswith("L2 ") for t in seen)
    plt.close(fig)


@pytest.mark.parametrize(
    "end, paths",
    [
        ([7, 7], None),  # the default: 924 shortest paths
        ([7, 1], {"street": {"moves": "RRRRRR", "color": "green"}}),  # one street: one path
        ([2, 2], {"a": {"moves": "RU", "color": "green"}, "b": {"moves": "UR", "color": "blue"}}),
    ],
)
def test_manhattan_titles_count_the_shortest_paths(default_config, end, paths):

    from l1l2figures.maths.taxicab import city
    from l1l2figures.scenes.manhattan_distance import city_figure

    section = default_config["manhattan_distance"] | {"end": end}
    if paths:
        section["paths"] = paths
    geometry = city(section)
    dx, dy = (abs(b - a) for a, b in zip(section["start"], end, strict=True))
    n = math.comb(dx + dy, dx)  # independent of taxicab.shortest_path_count
    fig = city_figure(geometry, figure_style(default_config, "manhattan_distance"))
    title, suptitle = fig.axes[0].get_title(), fig.get_suptitle()
    if n == 1:
        assert title.endswith(f"= 1 taxicab path of {dx + dy} blocks joins the two dots")
        assert "many" not in suptitle and "one street" in suptitle
        [straight] = [
            line
            for line in fig.axes[0].get_lines()
            if len(line.get_xdata()) == 2 and line.get_marker() in ("None", "none", "")
        ]
        assert straight.get_linestyle() != "-"  # dashed over the path it runs along
    else:
        assert title.endswith(
            f"= {n} different taxicab paths of {dx + dy} blocks join the two dots"
        )
        assert title.count(str(n)) == 1 or str(n) in str(dx + dy)  # the count written once
        assert "many taxicab paths" in suptitle
    plt.close(fig)


def test_sweep_bands_are_unfilled_hatches_of_each_loss_leaning_opposite_ways(default_config):
    """Two overlapping bands must not blend into a third colour: no fill, only each loss's own
    hatch in its own colour; and the outlier ring lies above every curve."""
    style = figure_style(default_config, "outlier_sweep")
    fig, update = animation_scene_of("outlier_sweep", default_config)
    update(0)
    plot = fig.axes[0]
    bands = [c for c in plot.collections if c.get_hatch()]
    assert len(bands) == 2
    assert all(not c.get_facecolor()[:, 3].any() for c in bands)  # nothing filled
    edges = {to_hex(c.get_edgecolor()[0]) for c in bands}
    assert edges == {to_hex(style[f"{loss}_color"]) for loss in ("l1", "l2")}
    leans = [set(c.get_hatch()) for c in bands]
    assert leans[0] != leans[1]
    ring = [line for line in plot.get_lines() if line.get_fillstyle() == "none"]
    curves = [line for line in plot.get_lines() if line.get_linestyle() in ("-", "--")]
    assert ring and min(r.get_zorder() for r in ring) > max(c.get_zorder() for c in curves)
    plt.close(fig)


def test_manhattan_writes_each_length_on_its_line_in_the_line_s_colour(default_config):
    from l1l2figures.maths.taxicab import city
    from l1l2figures.scenes.manhattan_distance import city_figure

    geometry = city(default_config["manhattan_distance"])
    fig = city_figure(geometry, figure_style(default_config, "manhattan_distance"))
    ax = fig.axes[0]
    written = {t.get_text(): to_hex(t.get_color()) for t in ax.texts}
    lines = {to_hex(line.get_color()) for line in ax.get_lines()}
    (x0, y0), (x1, y1) = geometry["start"], geometry["end"]
    taxicab = abs(x1 - x0) + abs(y1 - y0)  # every drawn path here is a shortest one
    straight = math.hypot(x1 - x0, y1 - y0)
    n_paths = len(geometry["paths"])
    assert f"all {n_paths} paths:\n{taxicab} blocks" in written  # one label, for every path
    [on_straight] = [t for t in written if "≈" in t]
    assert float(on_straight.split("≈")[1]) == pytest.approx(straight, abs=0.005)
    assert set(written.values()) <= lines  # each in the colour of a line drawn
    plt.close(fig)


@pytest.mark.parametrize(
    "blocks, end, moves",
    [
        (None, None, None),  # the default: square
        ([10, 4], [8, 2], ("RRRRRRRRUU", "UURRRRRRRR", "RRRRUURRRR")),  # wide
        ([3, 12], [3, 12], ("UUUUUUUUUUUURRR", "RRRUUUUUUUUUUUU", "URRRUUUUUUUUUUU")),  # tall
    ],
)
def test_manhattan_city_fills_the_width_or_the_largest_height(default_config, blocks, end, moves):
    """No band of background around the city: it spans the width the layout leaves it, or the
    figure is as tall as its style allows; and never a band above and below it."""
    from l1l2figures.maths.taxicab import city
    from l1l2figures.scenes.manhattan_distance import EDGE_PAD_PT, city_figure

    section = dict(default_config["manhattan_distance"])
    if blocks:
        paths = section["paths"]
        section |= {"blocks": blocks, "start": [0, 0], "end": end}
        section["paths"] = {
            name: paths[name] | {"moves": m} for name, m in zip(paths, moves, strict=True)
        }
    style = figure_style(default_config, "manhattan_distance")
    fig = city_figure(city(section), style)
    fig.draw_without_rendering()
    (width_px, height_px), ax = fig.get_size_inches() * fig.dpi, fig.axes[0]
    slot, drawn = ax.get_position(original=True), ax.get_position()
    assert width_px == style["size_in"][0] * style["dpi"]
    assert height_px <= style["size_in"][1] * style["dpi"]
    assert (slot.height - drawn.height) * height_px < 1  # no band above and below
    spare_width_px = (slot.width - drawn.width) * width_px
    # the height is in whole pixels: one pixel less of it is this much less of the width
    pixel_of_height = (drawn.width * width_px) / (drawn.height * height_px)
    assert spare_width_px <= pixel_of_height + 1 or height_px == style["size_in"][1] * style["dpi"]
    # and every label keeps clear of the left and right edges
    fig.canvas.draw()
    pad_px = EDGE_PAD_PT / 72 * fig.dpi - 1
    hidden = {*ax.xaxis.findobj(Text), *ax.yaxis.findobj(Text)}  # the axes are off
    drawn = [t for t in fig.findobj(Text) if t.get_text().strip() and t not in hidden]
    boxes = [t.get_window_extent() for t in drawn]
    assert all(pad_px <= box.x0 and box.x1 <= width_px - pad_px for box in boxes)
    plt.close(fig)


def faint_lines(ax) -> list:
    return [line for line in ax.get_lines() if line.get_alpha() == AHEAD_ALPHA]


def test_the_gradient_s_first_frame_already_draws_each_weight_s_whole_staircase(default_config):
    """Frame 0 teaches: each weight's |w| at every step is drawn faint, in its colour, before the
    bold staircase has taken one step; and |w| is the descent's own, computed here."""
    section = default_config["l1_l2_gradient"]
    descent = gradient_descent(section)
    style = figure_style(default_config, "l1_l2_gradient")
    fig, update = animation_scene(descent, section["w_limits"], style)
    update(0)
    path_ax = fig.axes[1]
    faint = {to_hex(line.get_color()): line for line in faint_lines(path_ax)}
    assert set(faint) == {to_hex(style["l1_color"]), to_hex(style["l2_color"])}
    for loss in NAMES:
        ys = faint[to_hex(style[f"{loss}_color"])].get_ydata()
        weights = np.array([frame[loss] for frame in descent["frames"]])
        assert len(ys) == len(weights)
        # the log axis is drawn as log10 |w| above the floor; exact zeros sit on the floor, lowest
        nonzero = weights != 0
        assert np.allclose(10 ** ys[nonzero], np.abs(weights[nonzero]))
        assert np.all(ys[~nonzero] < ys[nonzero].min())
    plt.close(fig)


@pytest.mark.parametrize("rise", [[0, 40], [10, -30]])
def test_robustness_s_first_frame_already_draws_the_point_s_whole_way(default_config, rise):
    config = default_config | {"robustness": default_config["robustness"] | {"outlier_rise": rise}}
    section = config["robustness"]
    heights = robustness_data(section)["outlier_y"]
    fig, update = animation_scene_of("robustness", config)
    update(0)
    [way] = faint_lines(fig.axes[0])
    assert to_hex(way.get_color()) == to_hex(figure_style(config, "robustness")["outlier_color"])
    assert list(way.get_xdata()) == [section["outlier_x"]] * 2
    assert sorted(way.get_ydata()) == pytest.approx([min(heights), max(heights)])
    plt.close(fig)


@pytest.mark.parametrize("figure", ["outlier_sweep", "outlier_sweep_grid", "stability"])
def test_the_move_curves_title_and_their_tick_s_key_share_a_line_apart(default_config, figure):
    # 20 trees: positions where L1's fit moves further, where L2's does, and where neither does
    sweep = default_config["outlier_sweep"]
    config = default_config | {
        "outlier_sweep": sweep | {"gbr": sweep["gbr"] | {"n_estimators": 20}}
    }
    drawn = animation_scene_of(figure, config)
    fig = drawn[0] if isinstance(drawn, tuple) else drawn
    if isinstance(drawn, tuple):
        drawn[1](0)
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    # the panel of the move curves: the one whose key names the tick
    [key] = [
        ax.get_legend()
        for ax in fig.axes
        if ax.get_legend()
        and [t.get_text() for t in ax.get_legend().get_texts()] == [outlier_sweep.SAME_MOVE_KEY]
    ]
    heading = key.axes.get_title(loc="left")
    assert heading.startswith(outlier_sweep.MOVES_TITLE if figure != "stability" else "the ")
    [name] = [t for t in key.axes.findobj(Text) if t.get_text() == heading]
    name_box, key_box = name.get_window_extent(renderer), key.get_window_extent(renderer)
    assert name_box.x1 < key_box.x0 and name_box.y0 < key_box.y1 and key_box.y0 < name_box.y1
    plt.close(fig)


def test_the_gauge_s_two_values_stand_apart_when_both_print_six_characters(default_config):
    # 100 trees: the two moves fall to about 0.05-0.1 (printed "0.0832" beside "0.0831")
    sweep = default_config["outlier_sweep"]
    config = default_config | {
        "outlier_sweep": sweep | {"gbr": sweep["gbr"] | {"n_estimators": 100}}
    }
    fig, update = animation_scene_of("outlier_sweep", config)
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    gauge = next(ax for ax in fig.axes if ax.get_title().startswith("mean move"))
    for i in range(config["outlier_sweep"]["n_frames"]):
        update(i)
        left, right = (t.get_window_extent(renderer) for t in gauge.texts)
        # a gap of about a character's width between them
        texts = [t.get_text() for t in gauge.texts]
        assert right.x0 - left.x1 >= renderer.points_to_pixels(4), (i, texts)
    plt.close(fig)


@pytest.mark.parametrize(("panels", "columns"), [(9, 3), (2, 3), (4, 2), (4, 3), (7, 3), (1, 1)])
def test_the_grid_names_its_axes_beside_and_under_the_panels_that_carry_their_ticks(
    default_config, panels, columns
):
    sweep = default_config["outlier_sweep"]
    config = default_config | {
        "outlier_sweep": sweep | {"grid_panels": panels, "grid_columns": columns}
    }
    fig = animation_scene_of("outlier_sweep_grid", config)
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    grid = [ax for ax in fig.axes if ax.get_visible() and ax.axison and ax.get_title()]
    assert len(grid) == panels
    names = [t for t in fig.findobj(Text) if t.get_visible() and t.get_text() in ("x", "y")]
    for ax in grid:
        box = ax.get_window_extent(renderer)
        shows_x = any(t.get_visible() and t.get_text() for t in ax.get_xticklabels())
        shows_y = any(t.get_visible() and t.get_text() for t in ax.get_yticklabels())
        # a name whose middle lies beside (y) or under (x) this panel, within a tick label's reach
        beside = [
            t
            for t in names
            if t.get_text() == "y"
            and box.y0 < (b := t.get_window_extent(renderer)).y0 + b.height / 2 < box.y1
            and box.x0 - 60 < b.x1 <= box.x0
        ]
        under = [
            t
            for t in names
            if t.get_text() == "x"
            and box.x0 < (b := t.get_window_extent(renderer)).x0 + b.width / 2 < box.x1
            and box.y0 - 60 < b.y1 <= box.y0
        ]
        assert bool(beside) == shows_y and bool(under) == shows_x
    plt.close(fig)


@pytest.mark.parametrize(
    "override",
    [
        {"l1_step": "subgradient"},  # 2.0 is 40 steps of 0.05: lands
        {"l1_step": "subgradient", "w0": 1.98},  # crosses 0 at step 40, then flips at every step
        {"l1_step": "subgradient", "w0": -2.28, "lam": 1.2, "w_limits": [-3, 3]},  # 38 × 0.06
        {"l1_step": "subgradient", "w0": 1.53, "learning_rate": 0.04},  # a remainder of 0.01
        {},  # proximal: lands, whatever w0
    ],
)
def test_gradient_says_on_the_floor_why_l1_lands_or_that_it_flips_sign(default_config, override):
    config = validate(merged(default_config, {"l1_l2_gradient": override}))
    section = config["l1_l2_gradient"]
    l1 = [frame["l1"] for frame in gradient_descent(section)["frames"]]
    fig, update = animation_scene_of("l1_l2_gradient", config)
    notes = [t.get_text() for t in update(len(l1) - 1) if isinstance(t, Text)]
    said = " ".join(n for n in notes if "step" in n and not n.startswith("step "))
    size = Decimal(str(section["learning_rate"])) * Decimal(str(section["lam"]))
    whole = Decimal(str(abs(section["w0"]))) % size == 0
    if 0.0 in l1:
        k = l1.index(0.0)
        assert f"exactly 0 from step {k}" in said
        # the plain subgradient step lands only on a whole number of steps, which is said
        assert ("steps of" in said) == (section["l1_step"] == "subgradient")
        if section["l1_step"] == "subgradient":
            assert whole and Decimal(str(abs(section["w0"]))) == k * size
            assert f"is {k} steps of {size.normalize()}" in said
    else:
        assert not whole
        k = next(i for i in range(1, len(l1)) if l1[i] * l1[0] < 0)
        assert all(a * b < 0 for a, b in itertools.pairwise(l1[k - 1 :]))
        assert f"flips sign at every\nstep from step {k}" in said
    # and the note is clear of everything drawn, on every frame
    assert not animation_problems(fig, update, range(len(l1)), "l1_l2_gradient")
    plt.close(fig)


@pytest.mark.parametrize("trees", [5, 100])
def test_stability_draws_no_outlier_ring_under_another(default_config, trees):
    # a ring one step of the sweep from another lies a few pixels from it, mostly hidden
    config = validate(merged(default_config, {"outlier_sweep": {"gbr": {"n_estimators": trees}}}))
    color = to_hex(figure_style(config, "stability")["outlier_color"])
    fig = animation_scene_of("stability", config)
    fig.canvas.draw()
    for ax in fig.axes:
        rings = [
            (ax.transData.transform(xy), line.get_markersize() * fig.dpi / 72)
            for line in ax.get_lines()
            if line.get_visible()
            and line.get_fillstyle() == "none"
            and to_hex(line.get_color()) == color
            for xy in line.get_xydata()
        ]
        for (a, size), (b, _) in itertools.combinations(rings, 2):
            assert np.hypot(*(a - b)) >= size, (ax.get_title(), a, b)
    plt.close(fig)


@pytest.mark.parametrize("rise", [[3, 40], [10, -30]])
def test_robustness_holds_its_last_frame_as_the_lesson(default_config, rise):
    # the last frame draws each line's whole move: held as a lesson, eased into, not only paused
    from l1l2figures.rendering.pacing import LESSON_HOLD_MS, plan

    section = default_config["robustness"] | {"outlier_rise": rise, "end_pause_ms": 0}
    fits = robustness_fits(robustness_data(section))
    moments, poster = robustness.key_moments(fits)
    frames = range(section["n_frames"])
    durations = plan(frames, section["frame_duration_ms"], 0, moments, poster)["durations_ms"]
    base = section["frame_duration_ms"]
    assert durations[-1] >= LESSON_HOLD_MS
    assert durations[-2] > base  # slowing into it


@pytest.mark.parametrize("w0", [0.32, 0.27])
def test_gradient_says_an_early_sign_flip_right_of_where_it_starts(default_config, w0):
    # w0 0.32: L1 crosses 0 at step 7, flipping between 0.02 and 0.03 from there: no room left
    # of step 7 on the floor, and right of it the floor is free (a flipping w never reaches it)
    config = validate(
        merged(default_config, {"l1_l2_gradient": {"l1_step": "subgradient", "w0": w0}})
    )
    l1 = [frame["l1"] for frame in gradient_descent(config["l1_l2_gradient"])["frames"]]
    k = next(i for i in range(1, len(l1)) if l1[i] * l1[0] < 0)
    fig, update = animation_scene_of("l1_l2_gradient", config)
    notes = [t for t in update(len(l1) - 1) if isinstance(t, Text) and "flips sign" in t.get_text()]
    assert [t.get_text() for t in notes] == [f"w flips sign at every\nstep from step {k}"]
    assert not animation_problems(fig, update, range(len(l1)), "l1_l2_gradient")
    plt.close(fig)


def test_robustness_keys_the_outlier_s_faint_way(default_config):
    # the faint violet line of the point's whole climb, drawn from the first frame, is keyed
    fig, update = animation_scene_of("robustness", default_config)
    update(0)
    [way] = faint_lines(fig.axes[0])
    [key] = fig.legends
    keyed = [
        (to_hex(handle.get_color()), handle.get_alpha(), text.get_text())
        for handle, text in zip(key.legend_handles, key.get_texts(), strict=True)
        if isinstance(handle, Line2D)
    ]
    assert (to_hex(way.get_color()), way.get_alpha(), robustness.OUTLIER_WAY) in keyed
    plt.close(fig)
