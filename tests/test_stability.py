"""Stability measures against independent fits, and the lesson the figure teaches."""

import itertools
import re

import numpy as np
import pytest
from sklearn.ensemble import GradientBoostingRegressor

from conftest import merged
from l1l2figures.catalogue import CATALOGUE
from l1l2figures.maths.datasets import outlier_sweep_data
from l1l2figures.maths.models import outlier_fits
from l1l2figures.maths.stability import (
    SAME_MOVE_FACTOR,
    contrast_note,
    crossing_jump,
    crossing_lesson,
    crossing_steps,
    experiment_note,
    move_floor,
    move_sentence,
    outlier_height,
    ratio_text,
    shape_changes,
    stability,
    strongest_contrast,
    sweep_lesson,
    under_floor,
    which_jumps_more,
)
from l1l2figures.pipeline.dependencies import library_modules

LOSS_NAMES = {"l1": "absolute_error", "l2": "squared_error"}


@pytest.fixture(scope="module")
def sweep(default_config):
    section = default_config["outlier_sweep"]
    data = outlier_sweep_data(section)
    return data, section["gbr"], stability(outlier_fits(data, section["gbr"], "sweep_outlier_x")[0])


def predict(data, gbr, loss, outlier_x=None):
    x, y = list(data["base_x"]), list(data["base_y"])
    if outlier_x is not None:
        x, y = [*x, outlier_x], [*y, data["outlier_y"]]
    model = GradientBoostingRegressor(loss=LOSS_NAMES[loss], random_state=0, **gbr)
    return model.fit(np.c_[x], y).predict(np.c_[data["prediction_x"]])


@pytest.mark.parametrize("loss", ["l1", "l2"])
@pytest.mark.parametrize("i", [0, 17, 30, 58])
def test_measures_equal_a_recomputation_from_independent_fits(sweep, loss, i):
    data, gbr, measures = sweep
    xs = data["sweep_outlier_x"]
    without = predict(data, gbr, loss)
    here, there = predict(data, gbr, loss, xs[i]), predict(data, gbr, loss, xs[i + 1])
    assert measures[f"{loss}_shift"][i] == pytest.approx(np.abs(here - without).mean(), rel=1e-12)
    change = np.abs(there - here).mean()
    assert measures[f"{loss}_jump"][i] == pytest.approx(change, rel=1e-12)


def test_among_the_points_l2_is_moved_less_than_l1(sweep):
    data, _, measures = sweep
    inside = [
        i
        for i, x in enumerate(measures["outlier_x"])
        if min(data["base_x"]) < x < max(data["base_x"])
    ]
    assert len(inside) > 10
    assert all(measures["l2_shift"][i] < measures["l1_shift"][i] for i in inside)
    # README.md and report/outlier_sweep.rst: "moved two to five times as far" by default.
    ratios = [measures["l1_shift"][i] / measures["l2_shift"][i] for i in inside]
    assert 2 <= min(ratios) and max(ratios) <= 5


def test_far_from_the_points_both_fits_are_moved_and_barely_change(sweep):
    data, _, measures = sweep
    outside = [
        i
        for i, x in enumerate(measures["outlier_x"][:-1])
        if x + 1 < min(data["base_x"]) or x - 1 > max(data["base_x"])
    ]
    assert outside
    for loss in ("l1", "l2"):
        assert all(measures[f"{loss}_shift"][i] > 0.5 for i in outside)
        assert all(measures[f"{loss}_jump"][i] < 0.05 for i in outside)


def test_the_jumps_where_the_outlier_crosses_each_point_are_as_the_captions_say(sweep):
    # README.md and report/stability.rst: with the default settings, both fits jump about as much
    # at the first point, the L1 fit more at the inner points, and the L2 fit more at the last.
    data, _, measures = sweep
    midpoints = np.array(measures["midpoint_x"])
    l1, l2 = np.array(measures["l1_jump"]), np.array(measures["l2_jump"])
    crossings = [int(np.abs(midpoints - x).argmin()) for x in data["base_x"]]
    first, *inner, last = crossings
    assert l1[first] == pytest.approx(l2[first], rel=0.1)
    assert all(l1[i] > 1.5 * l2[i] for i in inner)
    assert l2[last] > 1.1 * l1[last]
    assert l1[crossings[2]] > 3 * l2[crossings[2]]  # "over three times as much at 6"


def test_stability_reuses_the_sweep_fits_and_never_refits():
    entry = CATALOGUE["stability"]
    assert entry.fit.reads == {"fits": ("outlier_sweep", "fit")}
    for call in (entry.fit, entry.draw):
        assert "models" not in library_modules(functions=(call.function,))


MOVED = re.compile(r"(L1|L2) moved ([\d.]+)× as far as (L1|L2)")


@pytest.mark.parametrize("i", [0, 11, 22, 40, 59])
def test_the_sentence_on_a_frame_is_the_ratio_of_independently_measured_moves(sweep, i):
    data, gbr, measures = sweep
    x = data["sweep_outlier_x"][i]
    without = {loss: predict(data, gbr, loss) for loss in LOSS_NAMES}
    move = {loss: np.abs(predict(data, gbr, loss, x) - without[loss]).mean() for loss in LOSS_NAMES}
    sentence = move_sentence(measures["l1_shift"][i], measures["l2_shift"][i])
    if sentence == "L1 and L2 moved about as far":
        assert max(move.values()) / min(move.values()) < SAME_MOVE_FACTOR
        return
    far, ratio, near = MOVED.fullmatch(sentence).groups()
    assert move[far.lower()] > move[near.lower()]
    assert float(ratio) == pytest.approx(move[far.lower()] / move[near.lower()], abs=0.05)


@pytest.mark.parametrize(
    "l1, l2, floor, sentence",
    [
        (2.0, 1.0, 0, "L1 moved 2.0× as far as L2"),
        # one decimal would print the "about as far" margin itself: two
        (1.13, 1.0, 0, "L1 moved 1.13× as far as L2"),
        (1.0, 1.16, 0, "L2 moved 1.2× as far as L1"),
        (1.0, 3.0, 0, "L2 moved 3.0× as far as L1"),
        (1.0, 1.05, 0, "L1 and L2 moved about as far"),
        (0.0, 0.5, 0, "only L2 moved"),
        (0.0, 0.0, 0, "neither fit moved"),
        # a figure without printed moves (the grid) gives no ratio to a move too small to see on
        # its bars: both under the floor, 571x apart
        (0.00007, 0.04, 0.05, "both moved under 0.05"),
        (0.001, 2.0, 0.05, "L2 moved, L1 under 0.05"),
        (0.0, 0.01, 0.05, "both moved under 0.05"),
        (0.0, 2.0, 0.05, "only L2 moved"),
        (0.04, 0.042, 0.05, "both moved under 0.05"),
        (0.06, 2.0, 0.05, "L2 moved 33× as far as L1"),  # both over the floor: the ratio
        (0.5, 0.52, 0.05, "L1 and L2 moved about as far"),
    ],
)
def test_the_move_sentence_says_only_what_the_two_moves_support(l1, l2, floor, sentence):
    assert move_sentence(l1, l2, floor=floor) == sentence


@pytest.mark.parametrize(
    ("largest", "floor"), [(2.4, 0.05), (2.5, 0.05), (2.6, 0.06), (0.3, 0.006), (0.0, 0.0)]
)
def test_the_floor_is_a_fiftieth_of_the_largest_move_rounded_up_to_one_digit(largest, floor):
    # rounded up: a move said to be "under 0.05" is under a fiftieth of the largest too
    assert move_floor(largest) == floor


@pytest.mark.parametrize(
    ("l1", "l2", "said"),
    [
        ([2.0, 0.04], [1.0, 0.001], True),  # both under: "both moved under 0.05"
        ([2.0, 2.0], [1.0, 0.001], True),  # "L1 moved, L2 under 0.05"
        ([2.0, 0.052], [1.0, 0.049], False),  # about as far, though one is under: no bound said
        ([2.0, 2.0], [1.0, 0.0], False),  # "only L1 moved"
    ],
)
def test_whether_a_panel_says_a_move_is_under_the_floor(l1, l2, said):
    sentences = [move_sentence(a, b, floor=0.05) for a, b in zip(l1, l2, strict=True)]
    assert any("under 0.05" in sentence for sentence in sentences) == said
    assert under_floor(l1, l2, 0.05) == said


def test_the_grid_title_counts_no_panel_whose_moves_are_both_under_the_floor():
    # the third panel's moves are 0.04 and 0.00007: neither fit counts as moved further there
    l1, l2 = [2.4, 0.5, 0.00007], [1.0, 1.5, 0.04]
    assert sweep_lesson(l1, l2, shown="panel") == (
        "The outlier moves the L2 fit further in 2 of 3 panels, the L1 fit in 1"
    )
    assert sweep_lesson(l1, l2, shown="panel", floor=move_floor(2.4)) == (
        "The outlier moves the L1 fit further in 1 of 3 panels, the L2 fit in 1"
    )
    assert sweep_lesson([1.0, 0.001], [1.05, 0.0001], shown="panel", floor=0.05) == (
        "The outlier moves both fits about as far in 1 of 2 panels, neither by 0.05 or more in "
        "the rest"
    )


def test_the_title_claims_every_position_only_when_every_position_shows_it():
    assert sweep_lesson([2, 3, 4], [1, 1, 1]).startswith(
        "Wherever the outlier sits along x, it moves the L1"
    )
    assert sweep_lesson([1, 1, 1], [2, 3, 4]).startswith(
        "Wherever the outlier sits along x, it moves the L2"
    )
    mixed = sweep_lesson([2, 1, 4], [1, 3, 1])
    assert "at 2 of 3 positions" in mixed and "the L2 fit at 1" in mixed
    # A position where the moves are within SAME_MOVE_FACTOR is "about as far" on the frame, so
    # the title does not claim it either way.
    # "the L2 fit at none" would read as "L2 is not moved": the title names the comparison.
    close = sweep_lesson([2, 1.05, 0], [1, 1, 0])
    assert close == "The outlier moves the L1 fit further than the L2 fit at 1 of 3 positions"
    assert sweep_lesson([1, 1.05, 0], [2, 1, 0]).startswith("The outlier moves the L2 fit further")
    assert (
        sweep_lesson([1, 0], [1.05, 0])
        == "Wherever the outlier sits along x, it moves both fits about as far"
    )
    # a grid of one panel has no "every" panel
    assert sweep_lesson([2], [1], shown="panel") == (
        "In the one panel, the outlier moves the L1 fit further than the L2 fit"
    )
    assert sweep_lesson([2, 3], [1, 1], shown="panel").startswith("In every panel, ")


def test_the_title_says_every_position_when_the_fit_is_moved_further_at_each_if_by_a_hair():
    # At the third position L1 is moved 1.05x as far as L2: "about as far" on its frame, yet still
    # further. "at 2 of 3 positions" alone would read as if L2 were moved further at the third.
    assert sweep_lesson([2, 3, 1.05], [1, 1, 1], line_break="\n") == (
        "Wherever the outlier sits along x, it moves the L1 fit further than the L2 fit,\n"
        "by 1.1× or more at 2 of 3 positions"
    )
    assert sweep_lesson([1, 1, 1], [2, 3, 1.05], shown="panel").endswith(
        "the L2 fit further than the L1 fit, by 1.1× or more in 2 of 3 panels"
    )
    # equal at one position: not further everywhere, so only the count
    assert sweep_lesson([2, 3, 1], [1, 1, 1]) == (
        "The outlier moves the L1 fit further than the L2 fit at 2 of 3 positions"
    )


def _crossing(kind: str) -> dict:
    return {
        "l1": {"l1": 2.0, "l2": 1.0, "both": 1.0, "neither": 0.0}[kind],
        "l2": {"l1": 1.0, "l2": 2.0, "both": 1.05, "neither": 0.0}[kind],
    }


@pytest.mark.parametrize(
    ("kinds", "lesson"),
    [
        (
            ["l1", "both", "l2", "l1"],
            (
                "L1 jumps more at 2 of the 4 it passes, L2 at 1 point, "
                "both jump about as much at 1 point"
            ),
        ),
        (
            ["l2", "l2", "neither"],
            "L2 jumps more at 2 of the 3 it passes, neither jumps visibly at 1 point",
        ),
        (["l1", "l1"], "L1 jumps more at each it passes"),
        (["both"] * 3, "both jump about as much at each it passes"),
        (["l2"], "L2 jumps more"),
    ],
)
def test_the_jumps_at_the_points_are_counted_by_which_fit_jumps_more(kinds, lesson):
    said = crossing_lesson([_crossing(kind) for kind in kinds])
    assert said == f"where the outlier passes a point, {lesson}"


@pytest.mark.parametrize(
    ("l1", "l2", "floor", "kind"),
    [
        (0.11, 0.11, 0.18, "neither"),  # 100 trees at x = 3: both under the stems' floor
        (0.25, 0.05, 0.07, "l1"),  # the default at x = 3: one stem, L1's
        (0.2, 0.2, 0.18, "both"),
        (0.0, 0.0, 0.0, "neither"),
    ],
)
def test_a_crossing_where_no_stem_is_drawn_is_one_where_neither_jumps(l1, l2, floor, kind):
    assert which_jumps_more({"l1": l1, "l2": l2, "floor": floor}) == kind


def test_a_sweep_that_passes_no_point_has_no_crossing_lesson():
    assert crossing_lesson([]) == ""


def test_the_title_agrees_with_every_position_s_sentence(sweep):
    _, _, measures = sweep
    moves = list(zip(measures["l1_shift"], measures["l2_shift"]))
    sentences = [move_sentence(*pair) for pair in moves]
    l1 = sum(s.startswith(("L1 moved", "only L1")) for s in sentences)
    title = sweep_lesson(measures["l1_shift"], measures["l2_shift"])
    if title.startswith("Wherever"):
        # L1 moved further at every position; by the frames' rule at those the title counts
        assert all(a > b for a, b in moves), title
        counted = re.search(r"at (\d+) of (\d+) positions", title)
        shown = int(counted[1]) if counted else len(sentences)
        assert l1 == shown and all(s.startswith(("L1", "L1 and L2 moved")) for s in sentences)
    else:
        assert title.startswith("The outlier moves the L1 fit further")
        assert f" at {l1} of {len(sentences)} positions" in title


def test_the_fits_change_shape_only_where_the_outlier_passes_a_point(sweep):
    # A tree fit changes shape when the order of the x values changes: as the outlier passes a
    # base point. With the default settings, at every one of the four.
    data, _, measures = sweep
    xs = np.array(data["sweep_outlier_x"])
    passes = {
        i for i in range(1, len(xs)) for p in data["base_x"] if (xs[i - 1] - p) * (xs[i] - p) <= 0
    }
    assert set(shape_changes(measures)) == passes


def test_the_poster_is_the_position_where_l1_is_moved_furthest_beyond_l2(sweep):
    data, _, measures = sweep
    ratios = np.array(measures["l1_shift"]) / np.array(measures["l2_shift"])
    poster = strongest_contrast(measures)
    assert ratios[poster] == ratios.max()
    assert min(data["base_x"]) < data["sweep_outlier_x"][poster] < max(data["base_x"])


@pytest.mark.parametrize(
    ("ratio", "text"),
    [(4.86, "4.9"), (1.13, "1.13"), (1.16, "1.2"), (9.94, "9.9"), (571.04, "571"), (10.4, "10")],
)
def test_a_ratio_prints_what_a_reader_can_tell_apart(ratio, text):
    # two decimals only where one would print the "about as far" factor; none from 10 on
    assert ratio_text(ratio) == text


def test_the_poster_shows_the_loss_the_title_counts_as_moved_further():
    # L1 is a hair above at four positions (about as far), L2 is moved further at the other two:
    # the title names L2, and so does the poster, where L2 is furthest beyond L1
    measures = {"l1_shift": [1.05, 1.05, 1.05, 1.05, 1.0, 1.0], "l2_shift": [1, 1, 1, 1, 2, 3]}
    assert sweep_lesson(measures["l1_shift"], measures["l2_shift"]).startswith(
        "The outlier moves the L2 fit further"
    )
    assert strongest_contrast(measures) == 5


@pytest.mark.parametrize(
    "positions, x, steps",
    [
        ([0.0, 1.0, 2.0], 0.5, range(1)),  # between two positions: one step
        ([0.0, 1.0, 2.0], 1.0, range(2)),  # a position on the point: the two steps either side
        ([0.0, 1.0, 2.0], 0.0, None),  # starts on the point and leaves it: not a crossing
        ([0.0, 1.0, 2.0], 2.0, None),  # ends on it
        ([0.0, 1.0, 2.0], 5.0, None),  # never reaches it
        ([2.0, 1.0, 0.0], 1.0, range(2)),  # right to left too
    ],
)
def test_a_crossing_spans_the_steps_from_one_side_of_the_point_to_the_other(positions, x, steps):
    found = crossing_steps(positions, x)
    assert found == steps
    if steps is not None:
        jumps = [0.25, 0.5]
        # the sum over the steps it spans: a jump split by a position on the point counts whole
        assert crossing_jump(jumps, found) == sum(jumps[steps.start : steps.stop])


# 100 trees: at x = 3 both fits move under the floor (0.04 and 0.00007): counted for neither
@pytest.mark.parametrize("trees", [None, 100])
def test_the_grid_title_speaks_of_its_panels_and_agrees_with_each_panel_s_sentence(
    default_config, trees
):
    import matplotlib.pyplot as plt

    from l1l2figures.pipeline.inprocess import scene

    section = default_config["outlier_sweep"]
    if trees:
        section = section | {"gbr": section["gbr"] | {"n_estimators": trees}}
    # The grid shows 9 of the sweep's positions: "Wherever the outlier sits" would also speak of
    # the sweep's frames between them, some of which say "about as far" (by default).
    fig = scene("outlier_sweep_grid", default_config | {"outlier_sweep": section})
    title = fig.get_suptitle().replace("\n", " ")
    sentences = [ax.get_title().splitlines()[1] for ax in fig.axes if ax.get_title()]
    plt.close(fig)
    assert not title.startswith("Wherever")
    further = {
        loss: sum(s.startswith((f"{loss} moved", f"only {loss}")) for s in sentences)
        for loss in ("L1", "L2")
    }
    # no panel gives a ratio of two moves both too small to see on its bars
    assert not any(re.search(r"\d{3,}×", s) for s in sentences), sentences
    if further["L1"] == len(sentences):
        assert title == "In every panel, the outlier moves the L1 fit further than the L2 fit"
    else:
        more, less = sorted(further, key=further.get, reverse=True)
        assert title.startswith(f"The outlier moves the {more} fit further")
        assert f" in {further[more]} of {len(sentences)} panels" in title
        if further[less]:
            assert title.endswith(f"the {less} fit in {further[less]}")
    if trees:
        assert "both moved under 0.05" in sentences
    assert sweep_lesson([2, 1], [1, 1], shown="panel").endswith(
        "further than the L2 fit in 1 of 2 panels"
    )


@pytest.mark.parametrize("trees", [None, 100])  # the default 5; 100 trees, a longer first clause
def test_the_stability_headings_break_at_a_clause_or_wrap_whole_into_even_lines(
    default_config, trees
):
    import matplotlib.pyplot as plt

    from l1l2figures.maths.stability import crossings
    from l1l2figures.pipeline.inprocess import scene
    from l1l2figures.rendering.style import TITLE_CHARS
    from l1l2figures.scenes.stability import MOVES_HEADING_CHARS

    section = default_config["outlier_sweep"]
    if trees:
        section = section | {"gbr": section["gbr"] | {"n_estimators": trees}}
    config = default_config | {"outlier_sweep": section}
    fig = scene("stability", config)
    headline = fig.get_suptitle().splitlines()
    # the moves' panel: its lesson, then what a move is on a line of its own
    *heading, defined = fig.axes[0].get_title(loc="left").splitlines()
    plt.close(fig)
    assert defined.startswith("(a move:")
    data = outlier_sweep_data(section)
    [fits] = outlier_fits(data, section["gbr"], "sweep_outlier_x")
    measures = stability(fits)
    passed = crossing_lesson(crossings(data["base_x"], measures))
    far = sweep_lesson(measures["l1_shift"], measures["l2_shift"])
    for lines, lesson, width in [
        (headline, f"{passed[0].upper()}{passed[1:]}", TITLE_CHARS),
        (heading, f"{far[0].lower()}{far[1:]}", MOVES_HEADING_CHARS),
    ]:
        # the lesson, whole, on lines that fit, none of them a scrap left over from the one above
        assert " ".join(lines) == lesson
        longest = max(len(line) for line in lines)
        assert longest <= width and all(3 * len(line) >= longest for line in lines), lines
    if not trees:  # by default each clause of the headline fits: the break falls after the first
        assert headline[0].endswith("it passes,")


def test_each_grid_panel_draws_its_two_moves_as_bars_on_one_scale(default_config):
    import matplotlib.pyplot as plt
    from matplotlib.colors import to_hex

    from l1l2figures.pipeline.inprocess import scene
    from l1l2figures.rendering.theme import figure_style

    section = default_config["outlier_sweep"]
    data = outlier_sweep_data(section)
    [fits] = outlier_fits(data, section["gbr"], "grid_outlier_x")
    # each move, computed here from the fits: the mean |with - without| over the prediction grid
    moves = {
        loss: np.abs(fits[f"{loss}_with"] - fits[f"{loss}_without"]).mean(axis=1)
        for loss in ("l1", "l2")
    }
    style = figure_style(default_config, CATALOGUE["outlier_sweep_grid"].section)
    fig = scene("outlier_sweep_grid", default_config)
    # the bars have no words in a panel: the strip under the panels, which draws the same moves,
    # is their key
    [strip] = [ax for ax in fig.axes if ax.get_xlabel() == "the outlier's x"]
    assert "(the panels' bars)" in strip.get_title(loc="left")
    panels = [ax for ax in fig.axes if ax.get_title().startswith("outlier at x = ")]
    scales = set()
    for ax in panels:
        outlier_x = float(
            ax.get_title().splitlines()[0].removeprefix("outlier at x = ").replace("−", "-")
        )
        i = int(np.argmin(np.abs(fits["outlier_x"] - outlier_x)))
        [gauge] = ax.child_axes
        bars = gauge.patches
        assert [to_hex(bar.get_facecolor()) for bar in bars] == [
            to_hex(style["l1_color"]),
            to_hex(style["l2_color"]),
        ]
        np.testing.assert_allclose(
            [bar.get_height() for bar in bars], [moves["l1"][i], moves["l2"][i]], rtol=1e-9
        )
        scales.add(gauge.get_ylim())
    plt.close(fig)
    assert len(panels) == len(data["grid_outlier_x"])
    # one scale, reaching the grid's largest move: a taller bar is a larger move in any panel
    assert scales == {(0, max(moves["l1"].max(), moves["l2"].max()))}


@pytest.mark.parametrize(
    ("outlier_y", "where"),
    [(10.0, "among"), (4.0, "among"), (21.0, "among"), (30.0, "above"), (-1.0, "below")],
)
def test_the_figures_call_the_sweep_a_stability_test_only_with_the_outlier_among_the_points(
    outlier_y, where
):
    points_y = [4.0, 9.5, 16.0, 21.0]
    assert outlier_height(outlier_y, points_y) == where
    note = experiment_note(outlier_y, points_y)
    assert ("not robustness" in note) == (where == "among")
    assert {"among": "inside the points' y range", "above": "above", "below": "below"}[
        where
    ] in note


@pytest.mark.parametrize(
    ("l1", "l2", "largest", "closest"),
    [
        # L1 moved further at most positions; its largest ratio over L2 is at the second (4), the
        # smallest at the last (1.5)
        ([2.0, 4.0, 3.0], [1.0, 1.0, 2.0], 1, 2),
        # L2 moved further at most positions: its own largest ratio, at the last (4.5), the
        # smallest at the first (2)
        ([1.0, 1.0, 2.0], [2.0, 2.5, 9.0], 2, 0),
        # about as far everywhere: no position shows a ratio worth naming
        ([1.0, 1.0, 1.0], [1.0, 1.05, 1.0], None, None),
    ],
)
def test_only_the_positions_with_the_largest_and_smallest_ratio_say_so(l1, l2, largest, closest):
    measures = {"l1_shift": l1, "l2_shift": l2}
    notes = [contrast_note(measures, i) for i in range(len(l1))]
    expected = {largest: ", the sweep's largest ratio", closest: ", the closest the two moves come"}
    assert notes == [expected.get(i, "") for i in range(len(l1))]


GAP_PX = 10


# the default; 100 trees, whose sentences include "both moved under 0.05"; 2 columns
@pytest.mark.parametrize(
    "override", [{}, {"gbr": {"n_estimators": 100}}, {"grid_columns": 2, "grid_panels": 5}]
)
def test_each_grid_panel_s_title_stays_apart_from_the_others_and_within_the_figure(
    default_config, override
):
    import matplotlib.pyplot as plt

    from l1l2figures.pipeline.inprocess import scene

    config = merged(default_config, {"outlier_sweep": override})
    fig = scene("outlier_sweep_grid", config)
    fig.draw_without_rendering()
    panels = [ax for ax in fig.axes if ax.get_title().startswith("outlier at")]
    titles = [ax.title.get_window_extent() for ax in panels]
    plt.close(fig)
    width = fig.bbox.width
    assert all(0 <= title.x0 and title.x1 <= width for title in titles)
    # a word's width apart at least: the titles of neighbouring panels never read as one line
    apart = [title.padded(GAP_PX / 2) for title in titles]
    assert not any(a.overlaps(b) for a, b in itertools.combinations(apart, 2))
