"""Every claim a figure's words make, checked on generated configs against an independent
computation of what it asserts (its own fits, solvers and counts; not the library's).

For each accepted config: the figure's data and fits as the DAG computes them, its measures and
words, then one check per claim key. A key without a check fails the test: a claim with no check
is a defect. Fast: nothing is built or rendered.
"""

from __future__ import annotations

import functools
import importlib.util
import itertools
import json
import math
import re
import subprocess
import sys
from decimal import Decimal

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, event, example, given, settings
from hypothesis import strategies as st
from hypothesis.control import currently_in_test_context
from sklearn.ensemble import GradientBoostingRegressor
from sklearn.linear_model import Lasso

from conftest import REPO, city_override, colours, merged, validate, yaml_config
from l1l2figures.catalogue import CATALOGUE, CONFIG, stage_config
from l1l2figures.errors import ConfigError
from l1l2figures.maths.datasets import outlier_sweep_data, robustness_data, sparsity_data
from l1l2figures.maths.models import (
    coefficient_paths,
    diabetes,
    min_learning_rate,
    outlier_fits,
    robustness_fits,
)
from l1l2figures.maths.regularization import gradient_descent
from l1l2figures.maths.rounding import rounded_up
from l1l2figures.maths.solvers import solver_comparison
from l1l2figures.maths.sparsity import solutions
from l1l2figures.maths.stability import (
    ABOUT_AS_MUCH,
    DRAWN_JUMP_SHARE,
    SAME_MOVE_FACTOR,
    crossing_lesson,
    move_floor,
    move_sentence,
    stability,
    strongest_contrast,
    sweep_lesson,
)
from l1l2figures.maths.taxicab import city
from l1l2figures.pipeline import inprocess
from l1l2figures.pipeline.build import run
from l1l2figures.rendering.theme import COLOR_SCHEMES, figure_style
from l1l2figures.scenes.solvers import solvers_lesson
from l1l2figures.words import (
    ALT,
    DESCRIPTION,
    SVG_DESC,
    SVG_TITLE,
    TITLE,
    Claim,
    l1_l2_gradient,
    manhattan_distance,
    robustness,
    sparsity,
    texts,
    told_apart,
    value_of,
)
from l1l2figures.words import solvers as solver_words
from l1l2figures.words import stability as stability_words
from l1l2figures.words.colours import colour_name, colour_names, false_colour_words, role_colours
from l1l2figures.words.figures import caption, figure_words, no_measures, words_module
from l1l2figures.words.readme import table as readme_table
from l1l2figures.words.readme import table_in as readme_table_in

WORDS_SETTINGS = settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
README = REPO / "README.md"
RELATIVE = 1e-9  # two computations of one value agree to this (relative), past round-off


def close(a: float, b: float, rel: float = RELATIVE) -> bool:
    return math.isclose(a, b, rel_tol=rel, abs_tol=rel)


@st.composite
def palette(draw) -> dict:
    """House palette and dark-theme overrides for the roles the captions may name."""
    roles = ("l1", "l2", "outlier")
    light = {role: draw(colours) for role in roles if draw(st.booleans())}
    dark = {role: draw(colours) for role in roles if draw(st.booleans())}
    return {"style": {"palette": light, "themes": {"dark": {"palette": dark}}}}


def accepted(default_config: dict, override: dict) -> dict:
    try:
        return validate(merged(default_config, override))
    except ConfigError:
        assume(False)


def shared_names(config: dict, figure: str) -> dict:
    return colour_names(
        role_colours(figure_style(config, figure, theme)) for theme in COLOR_SCHEMES
    )


def check_claims(figure: str, claims, checks: dict, context) -> dict:
    """Run each claim's check; return the words' texts."""
    unchecked = {claim.key for claim in claims} - set(checks)
    assert not unchecked, f"{figure}: claims with no check: {sorted(unchecked)}"
    for claim in claims:
        if currently_in_test_context():  # pytest --hypothesis-show-statistics: keys reached
            event(f"{figure}: {claim.key}")
        assert checks[claim.key](context, claim), (figure, claim)
    words = texts(claims)
    assert {TITLE, ALT, DESCRIPTION} <= set(words)
    return words


def words_of(config: dict, figure: str, inputs: dict) -> dict:
    """The figure's words as its words stage makes them, from the products it reads."""
    entry = CATALOGUE[figure]
    call = entry.words
    measures = run(
        call.function, call.args, inputs | {CONFIG: stage_config(config, figure, "words")}
    )
    styles = {t: figure_style(config, entry.section, t) for t in COLOR_SCHEMES}
    return figure_words(call.function, measures, styles, entry.category)


def check_words(config: dict, figure: str, inputs: dict, checks: dict, context) -> None:
    """The figure's words (colours named as every theme draws them), each claim checked."""
    claims = [Claim(**claim) for claim in words_of(config, figure, inputs)["claims"]]
    check_claims(figure, claims, checks, context)
    check_colours_named(config, CATALOGUE[figure].section, claims)


def check_colours_named(config: dict, figure: str, claims) -> None:
    """A colour word in the shared words names the colour drawn in every theme."""
    text = " ".join(claim.text for claim in claims)
    for theme in COLOR_SCHEMES:
        drawn = role_colours(figure_style(config, figure, theme)).values()
        assert false_colour_words(text, drawn) == [], (figure, theme, text)
    names = shared_names(config, figure)
    for claim in claims:
        for role, name in claim.facts.get("colours", {}).items():
            assert name == names[role], (claim, role)


# ---- what the default scenes draw, for the words that describe a figure's layout ----


def _scene_lines(ax) -> list[tuple[np.ndarray, np.ndarray]]:
    return [
        (np.asarray(line.get_xdata(), float), np.asarray(line.get_ydata(), float))
        for line in ax.get_lines()
    ]


def _draws(ax, curve) -> bool:
    """Does ``ax`` draw a line whose y is curve(x)?"""
    return any(x.size > 2 and np.allclose(y, curve(x), equal_nan=True) for x, y in _scene_lines(ax))


def _tick_value(text: str) -> float:
    """A tick label's number: plain (0.01) or a power of 10 in mathtext ($10^{-5}$)."""
    power = re.fullmatch(r"\$10\^\{(-?\d+)\}\$", text)
    return 10.0 ** int(power[1]) if power else float(text)


@functools.cache
def default_layout(figure: str) -> bool:
    """Does the default scene lay out its panels as the figure's words say?"""
    import matplotlib.pyplot as plt

    config = validate(yaml_config())
    drawn = inprocess.scene(figure, config)
    fig = drawn[0] if isinstance(drawn, tuple) else drawn
    if isinstance(drawn, tuple):
        drawn[1](0)
    if figure == "stability":
        measures = inprocess.product(config, "stability", "fit")
        base_x = inprocess.product(config, "outlier_sweep", "data")["base_x"]
        fits = inprocess.product(config, "outlier_sweep", "fit")
        top, bottom, *fits_row = fig.axes
        band = [(min(base_x), max(base_x))]
        # a move and the largest jump drawn on the fits with the outlier, at the words' positions
        largest = stability_words.biggest_step(measures, base_x)
        drawn_at = [
            [
                i
                for i, x in enumerate(fits["outlier_x"])
                if any(np.array_equal(y, fits["l1_with"][i]) for _, y in _scene_lines(ax))
            ]
            for ax in fits_row
        ]
        stem_heights = [
            [segment[1, 1] - segment[0, 1] for segment in stems.get_segments()]
            for stems in bottom.collections
        ]
        # a stem for each L1 jump of at least DRAWN_JUMP_SHARE of the sweep's largest
        largest_jump = max(measures["l1_jump"] + measures["l2_jump"])
        stemmed = [j for j in measures["l1_jump"] if j >= DRAWN_JUMP_SHARE * largest_jump]
        laid_out = (
            any(np.array_equal(y, measures["l1_shift"]) for _, y in _scene_lines(top))
            and any(len(h) == len(stemmed) and np.allclose(h, stemmed) for h in stem_heights)
            and all(
                [(p.get_x(), p.get_x() + p.get_width()) for p in ax.patches] == band
                for ax in (top, bottom)
            )
            and [[fits["outlier_x"][i] for i in at] for at in drawn_at]
            == [[stability_words.drawn_move(measures)["x"]], largest["x"]]
        )
    elif figure == "solvers":
        laid_out = len(fig.axes) == 2 and fig.axes[0].get_yscale() == "log"
    elif figure == "l1_l2_gradient":
        slopes, weights = fig.axes
        segments = [line.get_xydata().tolist() for line in slopes.get_lines()]
        # the line at 0 on the log axis: horizontal, its tick labelled "0", below the log range
        ticks = dict(zip(weights.get_yticks(), weights.get_yticklabels(), strict=True))
        [zero] = [y for y, label in ticks.items() if label.get_text() == "0"]
        w0 = config["l1_l2_gradient"]["w0"]
        levels = {tuple(line.get_ydata()) for line in weights.get_lines()}
        laid_out = (
            _draws(slopes, lambda w: np.where(w == 0, np.nan, np.sign(w)))
            and _draws(slopes, lambda w: 2 * w)
            and [[0, -1], [0, 1]] in segments  # the subgradient of |w| at 0
            and weights.get_xlabel().startswith("step")
            and {line.get_drawstyle() for line in weights.get_lines()} >= {"steps-post"}
            and all(  # a log scale: each labelled height k reads 10^k
                math.isclose(_tick_value(label.get_text()), 10.0**y)
                for y, label in ticks.items()
                if label.get_text() != "0"
            )
            and any(np.allclose(ys, [math.log10(abs(w0))]) for ys in levels)  # the start, frame 0
            and (zero, zero) in levels
            and all(zero < y for y, label in ticks.items() if label.get_text() != "0")
        )
    else:  # sparsity: the diamond and the disc, coefficient paths beside, the strip under both
        region, *paths, strip = fig.axes
        kinds = {type(p).__name__ for p in region.patches}
        laid_out = (
            {"Polygon", "Circle"} <= kinds
            and all(len(ax.get_lines()) >= 10 for ax in paths)
            and strip.get_xlabel() == "centre's angle (°)"
        )
    plt.close(fig)
    return laid_out


# ---- the outlier sweep, its grid and the stability figure ----


def independent_sweep(section: dict, data: dict, positions=None) -> dict:
    """Shift per outlier position (the sweep's, or ``positions``) and jump between neighbours, by
    fits made here."""
    grid = np.c_[data["prediction_x"]]
    names = {"l1": "absolute_error", "l2": "squared_error"}

    def predict(loss, x, y):
        model = GradientBoostingRegressor(loss=names[loss], random_state=0, **section["gbr"])
        return model.fit(np.c_[x], y).predict(grid)

    x, y = data["base_x"], data["base_y"]
    found = {
        "outlier_x": np.linspace(*section["outlier_x_range"], section["n_frames"])
        if positions is None
        else np.asarray(positions)
    }
    for loss in names:
        without = predict(loss, x, y)
        curves = np.array(
            [predict(loss, [*x, ox], [*y, section["outlier_y"]]) for ox in found["outlier_x"]]
        )
        found[f"{loss}_shift"] = np.abs(curves - without).mean(axis=1)
        found[f"{loss}_jump"] = np.abs(np.diff(curves, axis=0)).mean(axis=1)
    return found


class Sweep:
    def __init__(self, config):
        self.config = config
        self.section = config["outlier_sweep"]
        self.data = outlier_sweep_data(self.section)
        self.fits, self.grid_fits = outlier_fits(
            self.data, self.section["gbr"], "sweep_outlier_x", "grid_outlier_x"
        )
        self.found = independent_sweep(self.section, self.data)
        # the grid's positions, refitted here once for the claims that read them
        self.grid_found = independent_sweep(self.section, self.data, self.data["grid_outlier_x"])
        low, high = min(self.section["base_x"]), max(self.section["base_x"])
        xs = self.found["outlier_x"]
        self.among = [i for i, x in enumerate(xs) if low < x < high]
        self.outside = [i for i, x in enumerate(xs) if x < low or x > high]


def move_check(kind):
    def check(s: Sweep, claim) -> bool:
        l1, l2 = s.found["l1_shift"], s.found["l2_shift"]
        f = claim.facts
        # further: by at least the factor the frames' sentences and the move curves call a difference
        factor = SAME_MOVE_FACTOR
        more = (
            sum(l1[i] >= factor * l2[i] and l1[i] > 0 for i in s.among),
            sum(l2[i] >= factor * l1[i] and l2[i] > 0 for i in s.among),
        )
        # a shift on the edge of round-off, or of that factor, is no evidence either way
        assume(
            all(
                abs(a - factor * b) > RELATIVE * max(a, b)
                for i in s.among
                for a, b in ((l1[i], l2[i]), (l2[i], l1[i]))
            )
        )
        if (f["among"], f["l1_moved_more"], f["l2_moved_more"]) != (len(s.among), *more):
            return False
        if kind == "counted":
            return any(min(l1[i], l2[i]) == 0 for i in s.among)
        ratios = [l1[i] / l2[i] for i in s.among]
        if not (
            close(min(ratios), f["ratio"][0], 1e-6) and close(max(ratios), f["ratio"][1], 1e-6)
        ):
            return False
        return {
            "l1_more": more[0] == len(s.among),
            "l2_more": more[1] == len(s.among),
            "mixed": len(s.among) not in more,
        }[kind]

    return check


def outside_check(s: Sweep, claim) -> bool:
    shifts = [s.found[f"{loss}_shift"][i] for loss in ("l1", "l2") for i in s.outside]
    low, high = claim.facts["shift_outside"]
    if not (close(min(shifts), low, 1e-6) and close(max(shifts), high, 1e-6)):
        return False
    xs, (lo, hi) = s.found["outlier_x"], (min(s.section["base_x"]), max(s.section["base_x"]))
    pairs = [
        i for i in range(len(xs) - 1) if max(xs[i], xs[i + 1]) < lo or min(xs[i], xs[i + 1]) > hi
    ]
    if not pairs:
        return "jump_outside" not in claim.facts
    jumps = [s.found[f"{loss}_jump"][i] for loss in ("l1", "l2") for i in pairs]
    # a bound as printed still holds: rounded up, never down
    bound = value_of(claim.text.split("moves more than ")[1].split()[0])
    return close(max(jumps), claim.facts["jump_outside"], 1e-6) and bound >= max(jumps)


def outlier_y_check(side):
    def check(s: Sweep, claim) -> bool:
        y, ys = s.section["outlier_y"], s.data["base_y"]
        return {"among": min(ys) <= y <= max(ys), "above": y > max(ys), "below": y < min(ys)}[side]

    return check


def sweep_setup_check(s: Sweep, claim) -> bool:
    f, sec = claim.facts, s.section
    offsets = [
        abs(y - (sec["line_slope"] * x + sec["line_intercept"]))
        for x, y in zip(sec["base_x"], s.data["base_y"], strict=True)
    ]
    return (
        f["n_points"] == len(sec["base_x"])
        and f["line"] == [sec["line_slope"], sec["line_intercept"]]
        and close(f["largest_offset"], max(offsets))
        and max(offsets) < sec["noise_half_width"]
        and f["outlier_y"] == sec["outlier_y"]
        and f["sweep"] == list(map(float, sec["outlier_x_range"]))
        and f["n_frames"] == sec["n_frames"]
    )


@functools.cache
def drawn_line_styles() -> dict[str, str]:
    """{"without": style, "with": style} of the outlier sweep's fits as its scene draws them."""
    import matplotlib.pyplot as plt

    fig, update = inprocess.scene("outlier_sweep", validate(yaml_config()))
    update(0)
    styles = {}
    for line in fig.axes[0].get_lines():
        label = line.get_label()
        if label.startswith("L1"):
            styles["without" if "without" in label else "with"] = line.get_linestyle()
    plt.close(fig)
    return styles


def line_styles_check(s, claim) -> bool:
    return claim.facts == drawn_line_styles()


def told_crossings(s: Sweep, claim) -> list | None:
    """Each point the outlier passes (the sweep runs either way): the fits' change from the last
    position before it to the first beyond it, summed over the steps between (two when a
    position lands on the point), from the fits made here; None unless the claim's facts tell
    each crossing and which fit jumps more there."""
    xs = s.found["outlier_x"]
    direction = np.sign(xs[-1] - xs[0])
    expected = []
    for x in sorted(set(s.section["base_x"])):
        before = [i for i, p in enumerate(xs) if (p - x) * direction < 0]
        beyond = [i for i, p in enumerate(xs) if (p - x) * direction > 0]
        if before and beyond:
            i, j = max(before), min(beyond)
            jumps = [s.found[f"{loss}_jump"][i:j].sum() for loss in ("l1", "l2")]
            expected.append((x, [i, j], *jumps))
    if len(expected) != len(claim.facts["crossings"]):
        return None
    for (x, steps, l1, l2), told, more in zip(
        expected, claim.facts["crossings"], claim.facts["more"], strict=True
    ):
        if told["x"] != x or told["steps"] != steps:
            return None
        if not close(told["l1"], l1, 1e-6) or not close(told["l2"], l2, 1e-6):
            return None
        low, high = sorted((l1, l2))
        # within a hair of the "about as much" bound, or of the stems' floor, either word is fair
        assume(abs(high - ABOUT_AS_MUCH * low) > 1e-6 * high)
        floor = DRAWN_JUMP_SHARE * max(s.found["l1_jump"].max(), s.found["l2_jump"].max())
        assume(abs(high - floor) > 1e-6 * high)
        truth = (
            "neither"
            if high == 0 or high < floor  # no stem drawn for either
            else "both"
            if low > 0 and high <= ABOUT_AS_MUCH * low
            else "l1"
            if l1 > l2
            else "l2"
        )
        if more != truth:
            return None
    return expected


def jump_tally_check(s: Sweep, claim) -> bool:
    """The alt's tally of which fit jumps more where the outlier passes a point, counted from
    crossings told as the fits made here have them."""
    if told_crossings(s, claim) is None:
        return False
    lesson = crossing_lesson(claim.facts["crossings"])
    return claim.text == f"{lesson[0].upper()}{lesson[1:]}."


def crossing_check(s: Sweep, claim) -> bool:
    expected = told_crossings(s, claim)
    if expected is None:
        return False
    if ("steps either side" in claim.text) != any(b - a > 1 for _, (a, b), *_ in expected):
        return False
    # a jump beside one under the stems' share of it is said so, not as a ratio in the hundreds
    for _, _, *j in expected:
        assume(abs(min(j) - DRAWN_JUMP_SHARE * max(j)) > 1e-6 * max(j))  # a hair from the bound
    tiny = [0 < min(j) < DRAWN_JUMP_SHARE * max(j) for _, _, *j in expected]
    return ("by under" in claim.text) == any(
        t and m not in ("both", "neither") for t, m in zip(tiny, claim.facts["more"], strict=True)
    )


def in_the_move_check(s: Sweep, claim) -> bool:
    """L2 moved less at every position among the points, but not jumping less: more at some
    crossing, and at least as much over the sweep."""
    l1, l2 = s.found["l1_shift"], s.found["l2_shift"]
    totals = {loss: s.found[f"{loss}_jump"].sum() for loss in ("l1", "l2")}
    assume(not close(totals["l1"], totals["l2"], 1e-6))  # a tie at round-off is no evidence
    return (
        bool(s.among)
        and all(l1[i] > l2[i] for i in s.among)
        and {"l1", "l2"} <= set(claim.facts["more"])
        and totals["l2"] >= totals["l1"]
        and all(close(claim.facts["total_jump"][k], totals[k], 1e-6) for k in totals)
    )


def total_jump_check(s: Sweep, claim) -> bool:
    """Each loss's jumps summed over the sweep, from fits made here."""
    return all(
        close(claim.facts["total_jump"][loss], s.found[f"{loss}_jump"].sum(), 1e-6)
        for loss in ("l1", "l2")
    )


def largest_jump_check(s: Sweep, claim) -> bool:
    """The step the figure draws either side of: one where either fit's jump, from fits made here,
    is the sweep's largest (a tie may go either way), with both fits' jumps there."""
    told = claim.facts["largest_jump"]
    xs = list(s.found["outlier_x"])
    jumps = {loss: s.found[f"{loss}_jump"] for loss in ("l1", "l2")}
    step = int(np.argmin(np.abs(np.asarray(xs[:-1]) - told["x"][0])))
    largest = max(jumps["l1"].max(), jumps["l2"].max())
    return (
        np.allclose(told["x"], xs[step : step + 2])
        and close(max(jumps["l1"][step], jumps["l2"][step]), largest, 1e-6)
        and all(close(told[loss], jumps[loss][step], 1e-6) for loss in ("l1", "l2"))
    )


def drawn_move_check(s: Sweep, claim) -> bool:
    """The move drawn on the fits: at the position the sweep's poster shows (computed from fits
    made here), with the sentence its frame says there."""
    at = strongest_contrast(s.found)
    told = claim.facts["drawn_move"]
    shifts = [s.found[f"{loss}_shift"][at] for loss in ("l1", "l2")]
    return (
        close(told["x"], s.found["outlier_x"][at], 1e-9)
        and all(close(told[loss], shift, 1e-6) for loss, shift in zip(("l1", "l2"), shifts))
        and claim.text.endswith(f": {move_sentence(*shifts)}.")
    )


def grid_check(s: Sweep, claim) -> bool:
    sec = s.section
    return (
        np.allclose(
            claim.facts["grid_x"], np.sort(np.linspace(*sec["outlier_x_range"], sec["grid_panels"]))
        )
        and claim.facts["columns"] == min(sec["grid_columns"], sec["grid_panels"])
        # the moves are means over the prediction grid, which spans the plot's x limits
        and claim.facts.get("mean_over_x", sec["x_limits"]) == list(map(float, sec["x_limits"]))
    )


def moved_further_counts(s: Sweep) -> dict[str, int]:
    """Positions where each loss's fit is moved further, from fits made here: where its shift is
    at least SAME_MOVE_FACTOR times the other's (or the other is not moved at all)."""
    l1, l2 = np.asarray(s.found["l1_shift"]), np.asarray(s.found["l2_shift"])
    high, low = np.maximum(l1, l2), np.minimum(l1, l2)
    # a ratio within a hair of the factor is no evidence either way
    assume(not np.any(np.isclose(high, SAME_MOVE_FACTOR * low, rtol=1e-6) & (low > 0)))
    further = (high > 0) & ((low == 0) | (high >= SAME_MOVE_FACTOR * low))
    return {
        "l1": int(np.sum(further & (l1 > l2))),
        "l2": int(np.sum(further & (l2 > l1))),
        "neither": int(np.sum(~further)),
    }


def move_curves_check(s: Sweep, claim) -> bool:
    """The move curves: at how many positions each lies above the other, from fits made here, and
    a tick (said only then) at each position where neither is moved SAME_MOVE_FACTOR times as
    far."""
    l1, l2 = np.asarray(s.found["l1_shift"]), np.asarray(s.found["l2_shift"])
    expected = {
        "l1_above": int(np.sum(l1 > l2)),
        "l2_above": int(np.sum(l2 > l1)),
        "ticked": moved_further_counts(s)["neither"],
    }
    if claim.facts != expected:
        return False
    if claim.where != DESCRIPTION:
        return True
    return ("about as far" in claim.text) == (expected["ticked"] > 0)


def constant(text):
    return lambda context, claim: claim.text == text


@pytest.mark.parametrize(
    ("base_y", "outlier_y", "lines"),
    [
        (
            [1, 2, 3, 4],
            10,
            [
                "each fit starts from a constant,",
                "without → with the outlier:",
                "L1 the y median, 2.5 → 3",
                "L2 the y mean, 2.5 → 4",
            ],
        ),
        # an outlier at the points' median and mean moves neither start
        (
            [1, 3],
            2,
            [
                "each fit starts from a constant:",
                "L1 the y median, 2 either way",
                "L2 the y mean, 2 either way",
            ],
        ),
        # the median alone stays
        (
            [0, 2, 3, 10],
            2.5,
            [
                "each fit starts from a constant,",
                "without → with the outlier:",
                "L1 the y median, 2.5 either way",
                "L2 the y mean, 3.75 → 3.5",
            ],
        ),
        # a start moved less than its third digit shows: printed to the digit that tells it apart
        (
            [12, 12.5, 13, 13.5],
            13,
            [
                "each fit starts from a constant,",
                "without → with the outlier:",
                "L1 the y median, 12.8 → 13",
                "L2 the y mean, 12.75 → 12.8",
            ],
        ),
    ],
)
def test_the_starts_note_gives_each_start_with_and_without_the_outlier(base_y, outlier_y, lines):
    from l1l2figures.words.outlier_sweep import starts_note

    *lead, l1, l2 = lines
    assert starts_note(base_y, outlier_y) == (lead, [l1, l2])


MOVE_CHECKS = {
    f"move.{kind}": move_check(kind) for kind in ("l1_more", "l2_more", "mixed", "counted")
}


def starts_check(s: Sweep, claim) -> bool:
    """Each loss's first constant, without and with the outlier, as scikit-learn's boosting sets
    it (its init estimator), at an outlier x of the sweep: the same at any."""
    x, y = list(s.section["base_x"]), list(s.data["base_y"])
    outlier = [s.section["outlier_x_range"][0]], [s.section["outlier_y"]]
    for loss, name in (("l1", "absolute_error"), ("l2", "squared_error")):
        for said, (xs, ys) in zip(claim.facts[loss], [(x, y), (x + outlier[0], y + outlier[1])]):
            model = GradientBoostingRegressor(loss=name, n_estimators=1).fit(np.c_[xs], ys)
            if not close(said, float(model.init_.constant_.ravel()[0])):
                return False
    # then the trees that move each fit from there, as configured
    gbr = s.section["gbr"]
    ok = (claim.facts["n_estimators"], claim.facts["learning_rate"]) == (
        gbr["n_estimators"],
        gbr["learning_rate"],
    )
    # one tree moves, five trees move
    n = gbr["n_estimators"]
    trees, verb = ("1 tree", "moves") if n == 1 else (f"{n} trees", "move")
    return (
        ok and f"Then {trees} (learning rate " in claim.text and f") {verb} each fit" in claim.text
    )


def sweep_title_check(s: Sweep, claim) -> bool:
    """The title names the loss moved further everywhere, or counts the positions of each."""
    counts = moved_further_counts(s)
    n = sum(counts.values())
    for further, nearer in (("L1", "L2"), ("L2", "L1")):
        if counts[further.lower()] == n:
            everywhere = "Outlier sweep: wherever the outlier sits along x, it moves the"
            return claim.text == f"{everywhere} {further} fit further than the {nearer} fit"
    if counts["neither"] == n:
        return (
            claim.text
            == "Outlier sweep: wherever the outlier sits along x, it moves both fits about as far"
        )
    # the loss moved further at more positions first, then the other's count; never "the L2 fit
    # at none", which reads as "not moved": then the comparison is named
    more, less = ("l1", "l2") if counts["l1"] >= counts["l2"] else ("l2", "l1")
    where = f"at {counts[more]} of {n} positions"
    shifts = {loss: np.asarray(s.found[f"{loss}_shift"]) for loss in ("l1", "l2")}
    if not counts[less] and np.all(shifts[more] > shifts[less]):
        # further at every position, by the factor only at some: the title says both
        assume(not np.any(np.isclose(shifts[more], shifts[less], rtol=1e-9)))
        return claim.text == (
            f"Outlier sweep: wherever the outlier sits along x, it moves the {more.upper()} fit "
            f"further than the {less.upper()} fit, by {SAME_MOVE_FACTOR:g}× or more {where}"
        )
    rest = (
        f" {where}, the {less.upper()} fit at {counts[less]}"
        if counts[less]
        else f" than the {less.upper()} fit {where}"
    )
    return claim.text == f"Outlier sweep: the outlier moves the {more.upper()} fit further{rest}"


SWEEP_CHECKS = {
    "lesson": sweep_title_check,
    "starts": starts_check,
    "sweep": lambda s, c: c.facts["sweep"] == list(map(float, s.section["outlier_x_range"])),
    "setup": sweep_setup_check,
    "drawing.line_styles": line_styles_check,
    **MOVE_CHECKS,
    "move.outside": outside_check,
    "drawing.move_curves": move_curves_check,
    **{f"outlier.{side}_values": outlier_y_check(side) for side in ("among", "above", "below")},
}


def grid_moves_told(s: Sweep, claim) -> bool:
    """The claim's moves in each panel are those of fits made here at the grid's positions."""
    return all(
        close(told, made, 1e-6)
        for loss in ("l1", "l2")
        for told, made in zip(
            claim.facts[f"{loss}_shift"], s.grid_found[f"{loss}_shift"], strict=True
        )
    )


def grid_lesson_check(s: Sweep, claim) -> bool:
    """The alt's finding: the grid's moves against fits made here at its positions, and the
    sentence the figure's title makes of them."""
    if not grid_moves_told(s, claim):
        return False
    moves = {loss: s.grid_found[f"{loss}_shift"] for loss in ("l1", "l2")}
    floor = move_floor(max(*moves["l1"], *moves["l2"]))
    lesson = sweep_lesson(moves["l1"], moves["l2"], shown="panel", floor=floor)
    return claim.text.endswith(f"; {lesson[0].lower()}{lesson[1:]}.")


def grid_moves_check(s: Sweep, claim) -> bool:
    """The panels' moves drawn under them: against fits made here at the grid's positions, and a
    tick (named with its count) where neither is moved SAME_MOVE_FACTOR times as far. The floor
    under which a panel gives no ratio is said when a panel has a move under it (a fiftieth of
    the grid's largest, rounded up to one digit)."""
    if not grid_moves_told(s, claim):
        return False
    l1, l2 = np.asarray(s.grid_found["l1_shift"]), np.asarray(s.grid_found["l2_shift"])
    high, low = np.maximum(l1, l2), np.minimum(l1, l2)
    neither = int(np.sum(~((high >= SAME_MOVE_FACTOR * low) & (high > 0))))
    ticked = re.search(r"marks the (\d+) positions? where both are moved about as far", claim.text)
    floor = move_floor(high.max())  # its rounding: tests/test_stability.py
    said = re.search(r"a move under ([\d.e-]+) \(2% of the largest, rounded up\)", claim.text)
    # a panel compares two moves when one is SAME_MOVE_FACTOR times the other and not under the
    # floor; it then says the smaller is under the floor, if it is; otherwise, the larger
    compared = (high >= SAME_MOVE_FACTOR * low) & (high >= floor) & (high > 0)
    said_under = np.where(compared, low, high)
    under = (said_under > 0) & (said_under < floor)
    return (int(ticked.group(1)) if ticked else 0) == neither and (
        (said is not None and math.isclose(float(said.group(1)), floor))
        if under.any()
        else said is None
    )


GRID_CHECKS = {
    "grid": grid_check,
    "lesson": grid_lesson_check,
    "drawing.panel_moves": grid_moves_check,
    "drawing.line_styles": line_styles_check,
}
STABILITY_CHECKS = {
    "name": constant("Stability: how far, and how suddenly, the outlier moves each fit"),
    "measured_on": lambda s, c: (
        not c.facts
        or c.facts["n_positions"] == s.section["n_frames"]
        and c.facts["mean_over_x"] == list(map(float, s.section["x_limits"]))
        and default_layout("stability")
    ),
    **MOVE_CHECKS,
    "jumps.at_points": crossing_check,
    "jumps.tally": jump_tally_check,
    "jumps.total": total_jump_check,
    "jumps.largest": largest_jump_check,
    "move.drawn": drawn_move_check,
    "stability_in_the_move": in_the_move_check,
    "drawing.move_curves": move_curves_check,
    **{f"outlier.{side}_values": outlier_y_check(side) for side in ("among", "above", "below")},
}


@st.composite
def sweep_override(draw) -> dict:
    start = draw(st.integers(-8, 10))
    span = draw(st.integers(1, 12))
    n_points = draw(st.integers(2, 6))
    return {
        "outlier_sweep": {
            "seed": draw(st.integers(0, 2**32 - 1)),
            "base_x": sorted(
                draw(st.sets(st.integers(-5, 12), min_size=n_points, max_size=n_points))
            ),
            # also positions on whole numbers, where the points are: a crossing over two steps
            "n_frames": draw(st.integers(2, 14) | st.sampled_from([span + 1, 2 * span + 1])),
            "outlier_y": draw(st.floats(-5, 30)),
            # either way: a sweep's direction is the author's choice
            "outlier_x_range": draw(st.permutations([start, start + span])),
            # axes that hold every position and height drawn (the config check refuses others)
            "x_limits": [-10, 25],
            "y_limits": [-10, 35],
            "grid_columns": (columns := draw(st.integers(1, 3))),  # 720 px: 3 at most
            "grid_panels": draw(st.integers(1, 4 * columns)),  # 840 px: 4 rows at most
            "prediction_points": 101,
            "gbr": {
                "n_estimators": (trees := draw(st.integers(1, 8))),
                "learning_rate": draw(st.floats(rounded_up(min_learning_rate(trees)), 1.0)),
                "max_depth": draw(st.integers(1, 4)),
            },
        },
        **draw(palette()),
    }


@WORDS_SETTINGS
@given(override=sweep_override())
# The issue's seed: among the points the L1 fit is moved 0.92 to 2.4 times as far as L2 (mixed).
@example(override={"outlier_sweep": {"seed": 1, "n_frames": 20}})
# Positions one apart from −3 to 13: the outlier lands on every point, each crossing spans two steps.
@example(override={"outlier_sweep": {"n_frames": 17}})
# 100 trees: most positions among the points move both fits about as far (within 10%)
@example(override={"outlier_sweep": {"gbr": {"n_estimators": 100}}})
# At x = 9 the L2 fit jumps 0.43 and the L1 fit under 5% of that: no ratio in the hundreds.
@example(override={"outlier_sweep": {"outlier_y": 18}})
# One tree, which "moves" each fit
@example(override={"outlier_sweep": {"gbr": {"n_estimators": 1, "learning_rate": 0.5}}})
def test_every_claim_of_the_outlier_sweep_grid_and_stability_is_true(default_config, override):
    config = accepted(default_config, override)
    s = Sweep(config)
    inputs = {"data": s.data, "stability": stability(s.fits), "fits": s.grid_fits}
    check_words(config, "outlier_sweep", inputs, SWEEP_CHECKS, s)
    check_words(config, "outlier_sweep_grid", inputs, GRID_CHECKS, s)
    check_words(config, "stability", inputs, STABILITY_CHECKS, s)


# ---- robustness ----


def lad_objective(slope: float, intercept: float, x, y) -> float:
    return float(np.abs(np.asarray(y) - slope * np.asarray(x) - intercept).sum())


def best_lad(x, y) -> float:
    """The least sum of absolute deviations of any line: an L1 line passes through two points."""
    return min(
        lad_objective(
            (y[j] - y[i]) / (x[j] - x[i]), y[i] - (y[j] - y[i]) / (x[j] - x[i]) * x[i], x, y
        )
        for i, j in itertools.combinations(range(len(x)), 2)
        if x[i] != x[j]
    )


class Robust:
    def __init__(self, config):
        self.section = config["robustness"]
        self.data = robustness_data(self.section)
        self.fits = robustness_fits(self.data)
        x = [*self.data["base_x"], self.data["outlier_x"]]
        self.frames = [(x, [*self.data["base_y"], y]) for y in self.data["outlier_y"]]
        # least squares by numpy's own polyfit: [slope, intercept] per frame
        self.l2 = [np.polyfit(fx, fy, 1) for fx, fy in self.frames]
        self.rise = np.linspace(*self.section["outlier_rise"], self.section["n_frames"])


def independent_follows(r: Robust) -> tuple[bool, list[float]]:
    """Does the L2 line's height at the point's x move the point's way in every frame; and its
    first and last heights."""
    ox = r.section["outlier_x"]
    heights = [slope * ox + intercept for slope, intercept in r.l2]
    return _moves_with_rise(r, heights), [heights[0], heights[-1]]


def _moves_with_rise(r: Robust, values: list[float]) -> bool:
    """Does each step of ``values`` have the sign of the point's rise? A step at round-off has no
    sign worth checking (the words call it no move; here it could go either way): such a config
    is left out."""
    steps = np.diff(values)
    assume(not np.any((steps != 0) & (np.abs(steps) < 1e-9 * max(1.0, *np.abs(values)))))
    direction = np.sign(r.rise[-1] - r.rise[0])
    return bool(direction) and all(np.sign(steps) == direction)


def l2_follows_check(r: Robust, claim) -> bool:
    follows, (first, last) = independent_follows(r)
    low, high = claim.facts["l2_height"]
    return follows and close(first, low, 1e-6) and close(last, high, 1e-6)


def l1_stays_check(r: Robust, claim) -> bool:
    """The drawn L1 lines are L1 lines (least absolute deviations, by brute force), equal from
    the claimed frame on and not just before it, over at least two frames."""
    still = claim.facts["l1_still_from"]
    drawn = [record["l1"] for record in r.fits]
    for (fx, fy), line in zip(r.frames, drawn, strict=True):
        assert close(lad_objective(*line, fx, fy), best_lad(fx, fy), 1e-7)
    gaps = [
        np.max(np.abs(np.subtract(line, drawn[-1])) / np.maximum(1, np.abs(line))) for line in drawn
    ]
    # a line that moved by about the words' tolerance is no evidence either way
    assume(not any(robustness.SAME_LINE / 10 < gap < robustness.SAME_LINE * 100 for gap in gaps))
    same = [gap <= robustness.SAME_LINE * 10 for gap in gaps]
    return all(same[still:]) and (still == 0 or not same[still - 1]) and still <= len(drawn) - 2


def one_side_check(r: Robust, claim) -> bool:
    still, ox = claim.facts["l1_still_from"], r.section["outlier_x"]
    sides = {
        np.sign(y - (record["l1"][0] * ox + record["l1"][1]))
        for record, y in zip(r.fits[still:], r.data["outlier_y"][still:], strict=True)
    }
    return sides == set(claim.facts["side_still"]) and len(sides) == 1 and 0 not in sides


def robust_setup_check(r: Robust, claim) -> bool:
    f, sec = claim.facts, r.section
    return (
        f["n_points"] == sec["n_points"]
        and f["line"] == [sec["line_slope"], sec["line_intercept"]]
        and f["outlier_x"] == sec["outlier_x"]
        and f["rise"] == list(map(float, sec["outlier_rise"]))
        and f["n_frames"] == sec["n_frames"]
    )


def slopes_check(r: Robust, claim) -> bool:
    l1, l2 = claim.facts["slopes"]["l1"], claim.facts["slopes"]["l2"]
    return (
        close(l2[0], r.l2[0][0], 1e-6)
        and close(l2[1], r.l2[-1][0], 1e-6)
        and l1 == [r.fits[0]["l1"][0], r.fits[-1]["l1"][0]]
    )


def robust_alt_check(r: Robust, claim) -> bool:
    follows = independent_follows(r)[0]
    return (
        claim.facts["rise"] == list(map(float, r.section["outlier_rise"]))
        and claim.facts["l2_follows"] == follows
        and ("follows it" in claim.text) == follows
        and ("stays put" not in claim.text or (follows and l1_stays_check(r, claim)))
        and (
            "a column per line" not in claim.text
            or (l1_fixed_check(r, claim) and independent_residual_follows(r)[0])
        )
    )


def independent_residuals(r: Robust) -> tuple[list[float], list[float]]:
    """Per frame, the side of the drawn L1 line the point is on (1 above, −1 below, 0 on it: the
    L1 fit passes through points, up to round-off), and its residual to the least-squares line
    (numpy's polyfit)."""
    ox = r.section["outlier_x"]
    ys = r.data["outlier_y"]
    sides = []
    for f, y in zip(r.fits, ys, strict=True):
        residual = y - np.polyval(f["l1"], ox)
        scale = np.ptp([*r.data["base_y"], y]) or 1.0
        # a residual between round-off and a real distance is no evidence either way
        assume(not 1e-11 * scale < abs(residual) < 1e-7 * scale)
        sides.append(0.0 if abs(residual) <= 1e-7 * scale else float(np.sign(residual)))
    return sides, [y - np.polyval(line, ox) for line, y in zip(r.l2, ys, strict=True)]


def independent_residual_follows(r: Robust) -> tuple[bool, list[float]]:
    """Does the point's residual to the L2 line move the point's way in every frame; and its
    first and last values."""
    residuals = independent_residuals(r)[1]
    return _moves_with_rise(r, residuals), [residuals[0], residuals[-1]]


def l1_fixed_check(r: Robust, claim) -> bool:
    sides = independent_residuals(r)[0]
    value, start = claim.facts["l1_influence"], claim.facts["l1_influence_from"]
    return (
        value != 0
        and all(side == value for side in sides[start:])
        and (start == 0 or sides[start - 1] != value)
        and start <= len(sides) - 2
    )


def l1_through_check(r: Robust, claim) -> bool:
    sides, start = independent_residuals(r)[0], claim.facts["l1_through_from"]
    return (
        all(side == 0 for side in sides[start:])
        and (start == 0 or sides[start - 1] != 0)
        and start <= len(sides) - 2
        and r.rise[0] != r.rise[-1]
    )


def l2_residual_follows_check(r: Robust, claim) -> bool:
    follows, (first, last) = independent_residual_follows(r)
    low, high = claim.facts["l2_influence"]
    return follows and close(first, low, 1e-6) and close(last, high, 1e-6)


def lesson_stays_check(r: Robust, claim) -> bool:
    return independent_follows(r)[0] and l1_stays_check(r, claim)


ROBUSTNESS_CHECKS = {
    "name": lambda r, c: c.text == "Robustness: L1 and L2 lines as one point moves",
    "lesson.l1_stays": lesson_stays_check,
    "alt": robust_alt_check,
    "setup": robust_setup_check,
    "l2_follows": l2_follows_check,
    "l1_stays": l1_stays_check,
    "l1_stays.one_side": one_side_check,
    "slopes": slopes_check,
    "influence": lambda r, c: c.facts["outlier_x"] == r.section["outlier_x"],
    "influence.l1_fixed": l1_fixed_check,
    "influence.l1_through": l1_through_check,
    "influence.l2_follows": l2_residual_follows_check,
}


@st.composite
def robustness_override(draw) -> dict:
    low = draw(st.floats(-5, 5))
    return {
        "robustness": {
            "seed": draw(st.integers(0, 2**32 - 1)),
            "n_points": draw(st.integers(3, 20)),
            "x_range": draw(st.permutations([low, low + draw(st.floats(1, 20))])),
            "noise_half_width": draw(st.floats(0.1, 5)),
            "outlier_x": draw(st.floats(-5, 25)),
            "outlier_rise": [draw(st.floats(-50, 50)), draw(st.floats(-50, 50))],
            "n_frames": draw(st.integers(2, 30)),
        },
        **draw(palette()),
    }


@WORDS_SETTINGS
@given(override=robustness_override())
@example(override={"robustness": {"outlier_rise": [10, -30]}})  # falls across the lines
@example(override={"robustness": {"outlier_rise": [-5, -45], "outlier_x": 20}})  # falls, far right
@example(override={"robustness": {"outlier_x": 40}})  # on the L1 line, which follows it
def test_every_claim_of_robustness_is_true(default_config, override):
    config = accepted(default_config, override)
    r = Robust(config)
    check_words(config, "robustness", {"data": r.data, "fits": r.fits}, ROBUSTNESS_CHECKS, r)


# ---- the L1-L2 gradient ----


class Descent:
    """Both runs, by steps written out here."""

    def __init__(self, config):
        self.section = sec = config["l1_l2_gradient"]
        rate = sec["learning_rate"] * sec["lam"]
        self.rate = rate
        # L1 in decimal arithmetic on the config's numbers as written: its equal steps leave no
        # round-off where w0 is a whole number of them
        step = Decimal(repr(sec["learning_rate"])) * Decimal(repr(sec["lam"]))
        l1, l2 = [Decimal(repr(sec["w0"]))], [float(sec["w0"])]
        for _ in range(sec["n_frames"] - 1):
            w = l1[-1]
            if sec["l1_step"] == "proximal":
                l1.append((abs(w) - step).copy_sign(w) if abs(w) > step else Decimal(0))
            else:
                l1.append(w - step * (w > 0) + step * (w < 0))
            l2.append(l2[-1] - rate * 2 * l2[-1])
        self.l1, self.l2 = [float(w) for w in l1], l2


def first_zero_and_stays(d: Descent) -> int | None:
    zero = next((k for k, w in enumerate(d.l1) if w == 0.0), None)
    return zero if zero is not None and not any(d.l1[zero:]) else None


def lands_check(d: Descent, claim) -> bool:
    return (
        claim.facts["l1_first_zero"] == first_zero_and_stays(d)
        and claim.facts["l1_step"] == d.section["l1_step"]
        and claim.facts["l1_first_zero"] is not None
    )


def oscillates_check(d: Descent, claim) -> bool:
    crossing = next(k for k in range(1, len(d.l1)) if d.l1[k - 1] * d.l1[k] < 0)
    after = d.l1[crossing:]
    closest, farthest = claim.facts["l1_after_crossing"]
    return (
        claim.facts["l1_crossing"] == crossing
        and all(a * b < 0 for a, b in itertools.pairwise(after))
        and close(min(map(abs, after)), closest)
        and close(max(map(abs, after)), farthest)
    )


def constant_step_check(d: Descent, claim) -> bool:
    """The L1 step keeps the size learning_rate * lam, at least once, while w is a step from 0."""
    moves = [abs(b - a) for a, b in itertools.pairwise(d.l1) if abs(a) >= d.rate]
    return (
        close(claim.facts["step_size"], d.rate)
        and bool(moves)
        and all(close(m, d.rate, 1e-9) for m in moves)
    )


def within_a_step_check(d: Descent, claim) -> bool:
    return (
        close(claim.facts["step_size"], d.rate)
        and claim.facts["w0"] == d.l1[0]
        and abs(d.l1[0]) < d.rate
    )


def l2_check(d: Descent, claim) -> bool:
    factor = 1 - 2 * d.rate
    return (
        0 < factor < 1
        and all(w != 0 and w * d.l2[0] > 0 for w in d.l2)
        and all(close(b / a, factor, 1e-9) for a, b in itertools.pairwise(d.l2))
        and close(claim.facts["l2_factor"], factor)
        and close(claim.facts["l2_last"], d.l2[-1])
        and claim.facts["n_steps"] == len(d.l2) - 1
    )


def gradient_setup_check(d: Descent, claim) -> bool:
    sec = d.section
    return claim.facts == {
        "w0": sec["w0"],
        "learning_rate": sec["learning_rate"],
        "lam": sec["lam"],
    }


def zero_not_l2_check(d: Descent, claim) -> bool:
    zero = first_zero_and_stays(d)
    told = claim.facts.get("l1_first_zero", zero)
    # the alt names the L1 step: a plain subgradient step would not land on 0
    step = claim.facts.get("l1_step", d.section["l1_step"])
    return zero is not None and told == zero and 0.0 not in d.l2 and step == d.section["l1_step"]


GRADIENT_CHECKS = {
    "drawing.panels": lambda d, c: default_layout("l1_l2_gradient"),
    "name": lambda d, c: c.text.startswith(
        ("Gradient descent on", "The L1-L2 gradient: the slopes")
    ),
    "lesson.l1_zero_l2_not": zero_not_l2_check,
    "setup": gradient_setup_check,
    "l1_constant_step": constant_step_check,
    "l1_starts_within_a_step": within_a_step_check,
    "l1_lands_on_zero": lands_check,
    "l1_oscillates": oscillates_check,
    "l1_not_zero": lambda d, c: d.l1[-1] != 0.0 and close(c.facts["l1_last"], d.l1[-1]),
    "l2_shrinks_never_zero": l2_check,
}


@WORDS_SETTINGS
@given(
    w0=st.floats(-3, 3).filter(lambda w: abs(w) > 0.05)
    | st.sampled_from([1.0, 2.0, -0.5, 0.1, -0.2]),  # also within one step of 0
    rate=st.floats(0.005, 0.45) | st.sampled_from([0.05, 0.25, 0.125]),  # learning_rate * lam
    lam=st.floats(0.1, 5) | st.just(1.0),
    l1_step=st.sampled_from(["proximal", "subgradient"]),
    n_frames=st.integers(2, 400),
)
# The issue's: the subgradient lands on 0 at step 4 and stays; by default it jumps across 0.
@example(w0=1.0, rate=0.25, lam=1.0, l1_step="subgradient", n_frames=50)
@example(w0=2.0, rate=0.05, lam=1.0, l1_step="subgradient", n_frames=50)
# a whole number of steps in decimals that float steps miss: 0.3 - 6 * 0.05 is 1.4e-17 in floats
@example(w0=0.3, rate=0.05, lam=1.0, l1_step="proximal", n_frames=20)
@example(w0=-0.7, rate=0.1, lam=1.0, l1_step="subgradient", n_frames=20)
# w0 within one step of 0: no step is taken at full size before the weight is near 0
@example(w0=0.3, rate=0.4, lam=1.0, l1_step="proximal", n_frames=10)
@example(w0=-0.1, rate=0.3, lam=2.0, l1_step="subgradient", n_frames=10)
def test_every_claim_of_the_gradient_is_true(default_config, w0, rate, lam, l1_step, n_frames):
    override = {"w0": w0, "lam": lam, "learning_rate": rate / lam, "l1_step": l1_step}
    config = accepted(default_config, {"l1_l2_gradient": override | {"n_frames": n_frames}})
    d = Descent(config)
    descent = gradient_descent(config["l1_l2_gradient"])
    check_words(config, "l1_l2_gradient", {"fits": descent}, GRADIENT_CHECKS, d)


@pytest.mark.parametrize(
    "override, key",
    [
        ({}, "l1_lands_on_zero"),
        # 2.0 is 40 steps of 0.05: exactly 0 at step 40, where sign(0) = 0 keeps it (float steps
        # left -1.2e-15 there, and jumped across 0 from it)
        ({"l1_step": "subgradient"}, "l1_lands_on_zero"),
        ({"w0": 1.98, "l1_step": "subgradient"}, "l1_oscillates"),
        ({"w0": 1.0, "learning_rate": 0.25, "l1_step": "subgradient"}, "l1_lands_on_zero"),
    ],
)
def test_the_issue_s_gradient_configs_get_the_words_their_runs_support(
    default_config, override, key
):
    config = accepted(default_config, {"l1_l2_gradient": override})
    m = l1_l2_gradient.measures(gradient_descent(config["l1_l2_gradient"]))
    words = texts(l1_l2_gradient.words(m, {}))
    assert key in {claim["key"] for claim in words["claims"]}
    if key == "l1_oscillates":
        # 1.98 is 39.6 steps of 0.05: w jumps between 0.03 and -0.02
        assert "between 0.02 and 0.03 from it, never exactly 0" in words[DESCRIPTION]
        assert words[TITLE] != "Why L1 regularization makes weights exactly zero"
    else:
        assert "oscillat" not in words[DESCRIPTION]


# ---- sparsity ----


class Sparse:
    def __init__(self, config):
        self.section = sec = config["sparsity"]
        self.data = sparsity_data(sec)
        self.fits = {
            "solutions": solutions(sec, self.data["centres"]),
            **coefficient_paths(self.data["lasso_alphas"], self.data["ridge_alphas"]),
        }
        angles = np.radians(np.linspace(*sec["centre_angles_deg"], sec["n_frames"]))
        self.centres = sec["centre_radius"] * np.c_[np.cos(angles), np.sin(angles)]
        a, t = np.asarray(sec["loss_matrix"], float), sec["budget"]
        self.places, self.ambiguous = [], 0
        for c in self.centres:
            if abs(c[0]) + abs(c[1]) <= t:
                self.places.append(sparsity.INSIDE)
                continue
            # A corner s * t * e_k minimises the loss over the diamond iff minus the loss's
            # gradient there lies in the corner's normal cone: -s * g_k >= |g_other|.
            margins = []
            for k, sign in itertools.product((0, 1), (1, -1)):
                corner = np.zeros(2)
                corner[k] = sign * t
                g = 2 * a @ (corner - c)
                margins.append(-sign * g[k] - abs(g[1 - k]))
            best = max(margins)
            self.ambiguous += abs(best) < 1e-9 * (1 + np.abs(a).max() * (t + np.abs(c).max()))
            self.places.append(sparsity.CORNER if best >= 0 else sparsity.EDGE)


def places_check(s: Sparse, claim) -> bool:
    assume(s.ambiguous == 0)
    runs = [
        len(list(g))
        for flag, g in itertools.groupby(p == sparsity.CORNER for p in s.places)
        if flag
    ]
    told = claim.facts
    counted = {p: s.places.count(p) for p in (sparsity.CORNER, sparsity.EDGE, sparsity.INSIDE)}
    corner_key = claim.key in ("l1_corners", "lesson.l1_corners")
    return (
        told.get("places", counted) == counted
        and told.get("corner_stretches", runs) == runs
        and told.get("corner", counted[sparsity.CORNER]) == counted[sparsity.CORNER]
        and (counted[sparsity.CORNER] > 0)
        == (corner_key or claim.key == "alt" and "corner" in claim.text)
    )


def independent_l2(s: Sparse) -> list[np.ndarray]:
    """The L2 solution of each frame, from the Lagrange condition solved here (by the eigenbasis
    and a root search)."""
    from scipy.optimize import brentq

    a, t = np.asarray(s.section["loss_matrix"], float), s.section["budget"]
    values, vectors = np.linalg.eigh(a)
    solved = []
    for c in s.centres:
        if math.hypot(*c) <= t:
            solved.append(c)
            continue
        z = vectors.T @ (a @ c)
        gap = lambda m, z=z: np.hypot(*(z / (values + m))) - t
        # a centre on the circle (to round-off) is its own solution: mu = 0
        mu = brentq(gap, 0, 1e12) if gap(0) > 0 else 0.0
        solved.append(vectors @ (z / (values + mu)))
    return solved


def l2_solutions_check(s: Sparse, claim) -> bool:
    """The drawn L2 solutions against the Lagrange condition solved here, and their zeros."""
    t = s.section["budget"]
    zero_frames, on_circle, solved = 0, 0, []
    for c, record, b in zip(s.centres, s.fits["solutions"], independent_l2(s), strict=True):
        on_circle += math.hypot(*c) > t
        assert np.allclose(record["l2"], b, atol=1e-7)
        # a coefficient at round-off of the budget is 0 (a centre configured on an axis); one
        # near that bound is no evidence either way
        assume(not np.any((1e-14 * t < np.abs(b)) & (np.abs(b) < 1e-8 * t)))
        zero_frames += bool(np.any(np.abs(b) <= 1e-8 * t))
        solved.append(b)
    facts = claim.facts
    # an axis crossed between two frames: each coefficient of opposite signs in the two
    solved = np.array(solved)
    crossings = int(np.sum(solved[1:] * solved[:-1] < 0))
    return (
        facts["l2_zero_frames"] == zero_frames
        and facts.get("l2_crossings", crossings) == crossings
        and facts.get("l2_on_circle", on_circle) == on_circle
        and ("slides round the circle" not in claim.text or on_circle == len(s.centres))
    )


def zero_strip_check(s: Sparse, claim) -> bool:
    """The strip's L2 sentence: its smallest |coefficient| on the frames without an exact 0, from
    the L2 solutions solved here (round-off of the budget is 0, as in l2_solutions_check)."""
    t = s.section["budget"]
    smallest = [float(np.min(np.abs(b))) for b in independent_l2(s)]
    assume(not any(1e-14 * t < v < 1e-8 * t for v in smallest))
    nonzero = [v for v in smallest if v > 1e-8 * t]
    told = claim.facts["l2_nearest_axis"]
    said = "stays above it" in claim.text
    # an axis crossed between two frames, by either solution: each coefficient of opposite signs
    # in the two (one at round-off of the budget is 0, on the axis, and has no sign)
    l1 = np.array([record["l1"] for record in s.fits["solutions"]])
    l2 = np.array(independent_l2(s))
    l2[np.abs(l2) <= 1e-8 * t] = 0.0
    crossed = sum(int(np.sum(b[1:] * b[:-1] < 0)) for b in (l1, l2))
    if claim.facts["crossings"] != crossed or ("a tick" in claim.text) != (crossed > 0):
        return False
    if told is None:
        return not nonzero and not said
    return (
        close(told, min(nonzero), 1e-6)
        and said == (len(nonzero) == len(smallest))
        and ("lies on that line" in claim.text) == (claim.facts["l1_zero_frames"] > 0)
    )


def lasso_zeros_check(s: Sparse, claim) -> bool:
    x, y = diabetes()
    low, high = (10.0**e for e in s.section["lasso_alphas_log10"])
    zeros = [
        int(
            np.sum(
                Lasso(alpha=alpha, fit_intercept=False, tol=1e-12, max_iter=10**6).fit(x, y).coef_
                == 0
            )
        )
        for alpha in (low, high)
    ]
    # where a coefficient reaches or leaves exactly 0, along the path of n_alphas penalties
    path = [
        Lasso(alpha=alpha, fit_intercept=False, tol=1e-12, max_iter=10**6).fit(x, y).coef_ == 0
        for alpha in np.logspace(*s.section["lasso_alphas_log10"], s.section["n_alphas"])
    ]
    ends = sum(
        int(here and (before is not None and not before or after is not None and not after))
        for column in zip(*path, strict=True)
        for before, here, after in zip((None, *column[:-1]), column, (*column[1:], None))
    )
    return (
        default_layout("sparsity")
        and claim.facts["lasso_zero_ends"] == ends
        and np.allclose(claim.facts["lasso_alphas"], [low, high])
        and claim.facts["lasso_zeros"] == zeros
        and claim.facts["n_features"] == x.shape[1]
    )


def ridge_check(s: Sparse, claim) -> bool:
    x, y = diabetes()
    alphas = np.logspace(*s.section["ridge_alphas_log10"], s.section["n_alphas"])
    p = x.shape[1]
    paths = np.array(
        [
            np.linalg.lstsq(
                np.vstack([x, np.sqrt(a) * np.eye(p)]), np.r_[y, np.zeros(p)], rcond=None
            )[0]
            for a in alphas
        ]
    )
    norms = np.linalg.norm(paths, axis=1)
    f = claim.facts
    return (
        f["ridge_norm_falls"] == bool(np.all(np.diff(norms) < 0))
        and f["ridge_zeros"] == int(np.sum(paths == 0))
        and f["n_ridge_alphas"] == len(alphas)
        and f["ridge_sign_changes"] == int(np.sum(np.any(paths[1:] * paths[:-1] < 0, axis=0)))
        and f["ridge_grows"] == int(np.sum(np.any(np.abs(paths[1:]) > np.abs(paths[:-1]), axis=0)))
    )


def sparse_setup_check(s: Sparse, claim) -> bool:
    """Each solution is the centre itself where the centre lies inside its region, else on the
    region's edge; the sentence says "the smallest contour touches" only of frames where it does."""
    t = s.section["budget"]
    inside = {"l1": 0, "l2": 0}
    for c, record in zip(s.centres, s.fits["solutions"], strict=True):
        for name, size in (("l1", np.abs(c).sum()), ("l2", math.hypot(*c))):
            b = np.asarray(record[name])
            if size <= t:
                inside[name] += 1
                assert np.allclose(b, c, rtol=0, atol=1e-12)
            else:  # on the region's edge
                norm = np.abs(b).sum() if name == "l1" else math.hypot(*b)
                assert math.isclose(norm, t, rel_tol=1e-7)
    n = len(s.centres)
    touches = "where the smallest contour touches its region" in claim.text
    centre = "the centre itself" in claim.text
    return (
        claim.facts["budget"] == t
        and claim.facts["inside"] == inside
        and touches == (inside["l1"] < n)
        and centre == (inside["l2"] > 0)
        and default_layout("sparsity")
    )


def sparse_track_check(s: Sparse, claim) -> bool:
    """The dots in L1's colour: the frames whose L1 solution has an exact 0, a corner of the
    diamond or, inside it, a centre on an axis (an edge's inside has none)."""
    assume(s.ambiguous == 0)
    t = s.section["budget"]
    # a centre within round-off of an axis is on it (configured at 90°, say); one near that
    # bound is no evidence either way
    assume(not np.any((1e-14 * t < np.abs(s.centres)) & (np.abs(s.centres) < 1e-8 * t)))
    inside_on_axis = sum(
        place == sparsity.INSIDE and bool(np.any(np.abs(centre) <= 1e-8 * t))
        for place, centre in zip(s.places, s.centres, strict=True)
    )
    l1_zeros = s.places.count(sparsity.CORNER) + inside_on_axis
    return claim.facts["l1_zero_frames"] == l1_zeros and (
        ("ringed" in claim.text) == (claim.facts["l2_zero_frames"] > 0)
    )


SPARSITY_CHECKS = {
    "drawing.track": sparse_track_check,
    "drawing.zero_strip": zero_strip_check,
    "name": lambda s, c: (
        c.text == "Sparsity: least squares in the L1 diamond and the L2 disc"
        and sparsity.CORNER not in s.places
    ),
    "lesson.l1_corners": places_check,
    "setup": sparse_setup_check,
    "l1_corners": places_check,
    "l1_no_corner": places_check,
    "l2_no_zero": l2_solutions_check,
    "l2_zeros": l2_solutions_check,
    "lasso_zeros": lasso_zeros_check,
    "ridge": ridge_check,
    "alt": lambda s, c: (
        places_check(s, c)
        and ("L2 solution in no frame" not in c.text or c.facts["l2_zero_frames"] == 0)
    ),
}


@st.composite
def sparsity_override(draw) -> dict:
    start = draw(st.floats(-360, 300))
    off = draw(st.floats(-0.9, 0.9))
    t = draw(st.floats(0.1, 3))
    # inside both regions, inside the disc only, or outside both, as often as not
    radius = draw(st.floats(0.05, 5) | st.floats(0.02, 0.98).map(lambda r: r * t))
    reach = max(radius, t) * 1.1  # axes that hold the centre's arc and both regions
    return {
        "sparsity": {
            "budget": t,
            "loss_matrix": [[draw(st.floats(0.2, 3)), off], [off, draw(st.floats(0.2, 3))]],
            "beta_limits": [-reach, reach],
            "centre_radius": radius,
            "centre_angles_deg": [start, min(360, start + draw(st.floats(1, 200)))],
            "n_frames": draw(st.integers(2, 40)),
            "n_alphas": draw(st.integers(2, 20)),
        },
        **draw(palette()),
    }


@WORDS_SETTINGS
@given(override=sparsity_override())
@example(override={"sparsity": {"centre_angles_deg": [30, 60]}})  # the issue's: never a corner
# The centre inside the disc (radius 0.9), then also inside the diamond (0.5): the solutions are
# the centre itself, not where a contour touches the region.
@example(override={"sparsity": {"centre_radius": 0.9, "centre_angles_deg": [0, 90]}})
@example(override={"sparsity": {"centre_radius": 0.5}})
# Round contours from 0° to 90°: both ends on an axis, the last only up to cos 90°'s round-off.
@example(override={"sparsity": {"loss_matrix": [[1, 0], [0, 1]], "centre_angles_deg": [0, 90]}})
# A centre on the disc's edge and, to round-off, on the b1 axis: its L2 solution is 0 there, no
# crossing to the next frame (the CI run that found it)
@example(
    override={
        "sparsity": {
            "loss_matrix": [[1, 0], [0, 1]],
            "centre_radius": 1.0,
            "centre_angles_deg": [-1.0937152123964035e-170, 1.0],
            "n_frames": 2,
            "n_alphas": 2,
        }
    }
)
def test_every_claim_of_sparsity_is_true(default_config, override):
    config = accepted(default_config, override)
    s = Sparse(config)
    check_words(config, "sparsity", {"fits": s.fits}, SPARSITY_CHECKS, s)


def test_no_frame_on_a_corner_means_no_sparsity_lesson(default_config):
    # The issue's example: centre_angles_deg [30, 60] puts the L1 solution on an edge throughout.
    config = accepted(default_config, {"sparsity": {"centre_angles_deg": [30, 60]}})
    s = Sparse(config)
    words = texts(sparsity.words(sparsity.measures(s.fits, s.section), {}))
    assert "corner" not in words[TITLE] and "exact zeros" not in words[TITLE]
    assert "never reaches a corner" in words[DESCRIPTION]


# ---- solvers ----


class Solved:
    def __init__(self, config):
        self.section = sec = config["solvers"]
        keys = ("lasso_alpha", "ridge_alpha", "tolerance", "max_sweeps")
        self.result = solver_comparison({key: sec[key] for key in keys})
        x, y = diabetes()
        self.reference = (
            Lasso(alpha=sec["lasso_alpha"], fit_intercept=False, tol=1e-14, max_iter=10**6)
            .fit(x, y)
            .coef_
        )
        history = np.array(self.result["lasso_history"])  # what the figure draws
        self.history = history
        self.moves = np.abs(np.diff(history, axis=0)).max(axis=1)
        # The work, in passes over the data (n * p multiply-adds), counted coefficient by
        # coefficient: n to scale each column, n per dot product, n per update of a moved one.
        n, p = x.shape
        done = n * p
        self.work = [1.0]  # the start, once the columns are scaled
        for before, after in itertools.pairwise(history):
            for j in range(p):
                done += n * (2 if after[j] != before[j] else 1)
            self.work.append(done / (n * p))
        # ridge: X'X's one triangle, X'y, then an LU solve and its two triangular solves
        self.ridge_work = (n * p * (p + 1) / 2 + n * p + p**3 / 3 + p**2) / (n * p)
        # the same sweeps on X'X: forming it and X'y, then p * p per sweep
        self.gram_work = (n * p * (p + 1) / 2 + n * p + (len(history) - 1) * p * p) / (n * p)


def work_check(s: Solved, claim) -> bool:
    f, sweeps = claim.facts, len(s.history) - 1
    x, _ = diabetes()
    n, p = x.shape
    each_sweep = np.diff(s.work)
    return (
        (f["samples"], f["n_coefficients"], f["sweeps"]) == (n, p, sweeps)
        and close(f["ridge_work"], s.ridge_work)
        and close(f["lasso_work"], s.work[-1])
        and close(f["gram_lasso_work"], s.gram_work)
        and np.allclose(f["sweep_work"], [each_sweep.min(), each_sweep.max()])
    )


def settles_check(s: Solved, claim) -> bool:
    f, sweeps = claim.facts, len(s.history) - 1
    if "lasso_work" in f and not (
        close(f["lasso_work"], s.work[-1])
        and close(f["ridge_work"], s.ridge_work)
        and close(f["gram_lasso_work"], s.gram_work)
    ):
        return False
    settled_at = next(
        (k + 1 for k, move in enumerate(s.moves) if move < s.section["tolerance"]), None
    )
    zeros = int(np.sum(s.history[-1] == 0))
    common = f["sweeps"] == sweeps and f["zeros"] == zeros and close(f["last_move"], s.moves[-1])
    if claim.key == "lasso_settles":
        # settled where the moves first fall below the tolerance; zeros where the reference has them
        reference_zeros = int(np.sum(s.reference == 0))
        assume(np.all(np.abs(s.reference[s.reference != 0]) > 1e-6))
        close_enough = np.linalg.norm(s.history[-1] - s.reference) < 1e-3 * max(
            1, np.linalg.norm(s.reference)
        )
        return common and settled_at == sweeps and (not close_enough or zeros == reference_zeros)
    return common and settled_at is None and sweeps == s.section["max_sweeps"]


def distances_check(s: Solved, claim) -> bool:
    f = claim.facts
    x, y = diabetes()
    p = x.shape[1]
    alpha = s.section["ridge_alpha"]
    ridge_ref = np.linalg.lstsq(
        np.vstack([x, np.sqrt(alpha) * np.eye(p)]), np.r_[y, np.zeros(p)], rcond=None
    )[0]
    ridge = np.linalg.solve(x.T @ x + alpha * np.eye(p), x.T @ y)
    ridge_ok = default_layout("solvers") and (
        close(
            f["ridge_distance"], np.linalg.norm(ridge - ridge_ref) / np.linalg.norm(ridge_ref), 1e-3
        )
        or max(f["ridge_distance"], 0) < 1e-10
    )
    if claim.key == "distances.lasso_reference_zero":
        return ridge_ok and not np.any(s.reference)
    norm = np.linalg.norm(s.reference)
    first = np.linalg.norm(s.history[1] - s.reference) / norm
    last = np.linalg.norm(s.history[-1] - s.reference) / norm
    return (
        ridge_ok
        and close(f["first_distance"], first, 1e-3)
        and (close(f["last_distance"], last, 1e-3) or max(f["last_distance"], last) < 1e-10)
    )


SOLVERS_CHECKS = {
    "name": lambda s, c: len(s.history) - 1 == 1,
    "lesson.lasso_iterates": lambda s, c: c.facts["sweeps"] == len(s.history) - 1 > 1,
    "lasso_settles": settles_check,
    "lasso_stops_unsettled": settles_check,
    "distances": distances_check,
    "distances.lasso_reference_zero": distances_check,
    "work": work_check,
}


@settings(WORDS_SETTINGS, max_examples=8)
@given(
    lasso_alpha=st.floats(-3, 0.5).map(lambda e: 10**e) | st.sampled_from([0.1, 500.0]),
    tolerance=st.floats(-10, -2).map(lambda e: 10**e),
    max_sweeps=st.integers(1, 300),
)
def test_every_claim_of_solvers_is_true(default_config, lasso_alpha, tolerance, max_sweeps):
    override = {"lasso_alpha": lasso_alpha, "tolerance": tolerance, "max_sweeps": max_sweeps}
    config = accepted(default_config, {"solvers": override})
    s = Solved(config)
    check_words(config, "solvers", {"fits": s.result}, SOLVERS_CHECKS, s)


# ---- Manhattan distance ----


def lattice_paths(dx: int, dy: int) -> int:
    """Shortest taxicab paths between corners dx and dy blocks apart, counted step by step."""
    row = [1] * (dy + 1)
    for _ in range(dx):
        for j in range(1, dy + 1):
            row[j] += row[j - 1]
    return row[-1]


class City:
    def __init__(self, config, names: dict):
        self.section = sec = config["manhattan_distance"]
        self.names = names
        (x0, y0), (x1, y1) = sec["start"], sec["end"]
        self.dx, self.dy = abs(x1 - x0), abs(y1 - y0)
        self.count = lattice_paths(self.dx, self.dy)
        self.straight = math.hypot(self.dx, self.dy)
        self.lengths = {name: len(path["moves"]) for name, path in sec["paths"].items()}


def lengths_check(c: City, claim) -> bool:
    f = claim.facts
    return (
        f["n_paths"] == len(c.lengths)
        and f["manhattan"] == c.dx + c.dy
        and close(f["euclidean"], c.straight)
        and close(_radical(f["euclidean_text"]), c.straight)
    )


def _radical(text: str) -> float:
    outside, _, inside = text.partition("√")
    return (float(outside) if outside else 1.0) * (math.sqrt(float(inside)) if inside else 1.0)


def paths_check(c: City, claim) -> bool:
    f = claim.facts
    return (
        f["paths"] == c.lengths
        and f["colours"] == {name: c.names.get(name) for name in c.lengths}
        and f["shortest_paths"] == c.count
        and all(length == c.dx + c.dy for length in c.lengths.values())
    )


def straight_check(c: City, claim) -> bool:
    shorter = c.straight < c.dx + c.dy
    return (
        lengths_check(c, claim)
        and claim.facts["colour"] == c.names.get(manhattan_distance.STRAIGHT)
        and claim.facts["shortest_paths"] == c.count
        and shorter == (claim.key == "straight_shorter")
        and (c.count > 1) == shorter
    )


MANHATTAN_CHECKS = {
    "many_paths_one_line": lambda c, claim: c.count > 1 and c.dx and c.dy,
    "one_street": lambda c, claim: c.count == 1 and not (c.dx and c.dy),
    "lengths": lengths_check,
    "geometry": lambda c, claim: (
        claim.facts == {"blocks": c.section["blocks"], "apart": [c.dx, c.dy]}
    ),
    "paths": paths_check,
    "caption_paths": lambda c, claim: (
        lengths_check(c, claim) and paths_check(c, claim) and claim.facts["apart"] == [c.dx, c.dy]
    ),
    "straight_shorter": straight_check,
    "straight_on_street": straight_check,
}


@st.composite
def city_and_hues(draw) -> dict:
    """A city whose paths take colour words or colours, and what the words draw in each theme."""
    words = ["red", "blue", "yellow", "green"]
    hues = {word: draw(colours) for word in words if draw(st.booleans())}
    return {
        "manhattan_distance": draw(city_override(st.sampled_from(words) | colours)),
        "style": {
            "palette": {"hues": hues, "euclidean": draw(st.sampled_from(words) | colours)},
            "themes": {"dark": {"palette": {"hues": {w: draw(colours) for w in words[:2]}}}},
        },
    }


def manhattan_names(config, geometry, themes) -> dict:
    return colour_names(
        manhattan_distance.drawn_colours(
            manhattan_distance.measures(geometry), figure_style(config, "manhattan_distance", t)
        )
        for t in themes
    )


@WORDS_SETTINGS
@given(override=city_and_hues())
def test_every_claim_of_the_manhattan_figure_is_true(default_config, override):
    paths = override["manhattan_distance"].pop("paths")
    config = merged(default_config, override)
    config["manhattan_distance"]["paths"] = paths  # replaced, not merged
    config = accepted(config, {})
    geometry = city(config["manhattan_distance"])
    m = manhattan_distance.measures(geometry)
    names = manhattan_names(config, geometry, COLOR_SCHEMES)
    shared = manhattan_distance.words(m, names)
    check_claims("manhattan_distance", shared, MANHATTAN_CHECKS, City(config, names))
    # A path the themes draw in colours of different names is not called by its config name,
    # which the figure shows nowhere.
    assert not any(
        f"{name} {length:g} blocks" in texts(shared)[SVG_DESC]
        for name, length in m["paths"].items()
    )
    for theme in COLOR_SCHEMES:  # the SVG's <title> and <desc> name the theme's own colours
        names = manhattan_names(config, geometry, [theme])
        claims = manhattan_distance.words(m, names)
        check_claims("manhattan_distance", claims, MANHATTAN_CHECKS, City(config, names))
        style = figure_style(config, "manhattan_distance", theme)
        desc = texts(claims)[SVG_DESC]
        drawn = manhattan_distance.drawn_colours(m, style).values()
        assert false_colour_words(desc, drawn) == []


def test_the_default_dark_manhattan_path_is_called_what_it_draws(default_config):
    geometry = city(default_config["manhattan_distance"])
    m = manhattan_distance.measures(geometry)
    desc = {
        theme: texts(
            manhattan_distance.words(m, manhattan_names(default_config, geometry, [theme]))
        )[SVG_DESC]
        for theme in COLOR_SCHEMES
    }
    assert "teal 12 blocks, blue 12 blocks and yellow 12 blocks" in desc["light"]
    assert "teal 12 blocks, light blue 12 blocks and yellow 12 blocks" in desc["dark"]
    assert all("The orange straight line" in text for text in desc.values())


# ---- colour words ----


@pytest.mark.parametrize(
    "colour, name",
    [
        ("#D55E00", "orange"),  # Okabe-Ito vermillion: not "red"
        ("#D64700", "orange"),  # L2's colour, 6° redder: a dark orange, still orange
        ("#CC3311", "red"),
        ("#009E73", "teal"),  # Okabe-Ito bluish green
        ("#009E84", "teal"),  # L1's colour
        ("#15B01A", "green"),
        ("#8050F0", "violet"),
        ("#332288", "blue"),
        ("#F0E442", "yellow"),
        ("#56B4E9", "light blue"),
        ("#0072B2", "blue"),
        ("#CC79A7", "pink"),
        ("red", "red"),
        ("black", "black"),
        ("#888888", "grey"),
        ("white", "white"),
    ],
)
def test_a_colour_is_named_by_its_nearest_plain_name(colour, name):
    assert colour_name(colour) == name


def test_a_role_drawn_in_differently_named_colours_per_theme_has_no_shared_name():
    assert colour_names([{"l1": "#009E73", "x": "#332288"}, {"l1": "#1b9e77", "x": "#8050F0"}]) == {
        "l1": "teal",
        "x": None,
    }


def test_words_naming_a_colour_not_drawn_are_found():
    drawn = ["#D55E00", "#56B4E9"]
    assert false_colour_words("L2 loss (orange) and a light blue line", drawn) == []
    assert false_colour_words("L2 loss (red)", ["#D55E00"]) == ["red"]
    # "light blue" is one colour word, not "blue"
    assert false_colour_words("a light blue line", ["#56B4E9"]) == []
    assert false_colour_words("a light blue line", ["#0072B2"]) == ["light blue"]


# ---- the README: the default build's words ----


def test_the_readme_table_is_the_default_build_s_words(default_words):
    # Written by `python -m l1l2figures.words.readme` from the build's words.json files, which
    # hold what inprocess.words gives; no value at round-off is printed, so on every machine.
    assert readme_table_in(README.read_text()) == readme_table(default_words)


def test_the_readme_table_is_written_from_a_build_s_words(default_words, tmp_path):
    results = tmp_path / "results"
    for figure, words in default_words.items():
        (results / figure).mkdir(parents=True)
        (results / figure / "words.json").write_text(json.dumps(words))
    readme = tmp_path / "README.md"
    stale = README.read_text().replace("40 sweeps", "41 sweeps", 1)
    readme.write_text(stale)
    module = [sys.executable, "-m", "l1l2figures.words.readme"]
    check = subprocess.run(
        [*module, "--check", readme, results], capture_output=True, text=True, check=False
    )
    assert check.returncode == 1 and "differs from the build's words" in check.stderr
    subprocess.run([*module, readme, results], check=True, capture_output=True)
    assert readme.read_text() == README.read_text()
    (results / "solvers" / "words.json").unlink()
    missing = subprocess.run(
        [*module, readme, results], capture_output=True, text=True, check=False
    )
    assert missing.returncode == 1
    assert missing.stderr == (
        f"{readme}: cannot read {results}/solvers/words.json (No such file or directory): build "
        "the figures first (`snakemake --cores 4`)\n"
    )


def test_a_distance_at_round_off_is_said_as_such_never_by_its_digits(default_config):
    # Two machines' BLAS land the default ridge at 1.3e−15 and 1.7e−15: the same words and title.
    result = solver_comparison(default_config["solvers"])
    said = set()
    for ridge_distance in [1.3e-15, 1.7e-15, 0.0, 9.9e-13]:
        at = result | {"ridge_distance": ridge_distance}
        description = texts(solver_words.words(solver_words.measures(at), {}))[DESCRIPTION]
        assert "which lands at round-off (under 1e−12)." in description
        assert solvers_lesson(at).startswith("Ridge: one linear solve, at round-off (6.6 passes")
        said.add((description, solvers_lesson(at)))
    assert len(said) == 1
    above = result | {"ridge_distance": 3.1e-9}
    description = texts(solver_words.words(solver_words.measures(above), {}))[DESCRIPTION]
    assert "which lands at 3.1e−9." in description
    assert solvers_lesson(above).startswith(
        "Ridge: one linear solve, off by $3 \\times 10^{-9}$ (6.6 passes"
    )


def test_the_default_words_state_the_lessons_with_their_measured_numbers(default_words):
    # What the figures teach with the default settings, as the words now say it.
    assert "moved 2.2 to 4.9 times as far" in default_words["outlier_sweep"]["description"]
    assert "L2 is the more stable loss" in default_words["stability"]["description"]
    # the stability figure's own headline, in its alt too
    assert default_words["stability"]["alt"].endswith(
        "Where the outlier passes a point, L1 jumps more at 2 of the 4 it passes, L2 at 1 "
        "point, both jump about as much at 1 point."
    )
    assert "exactly 0 at step 40" in default_words["l1_l2_gradient"]["description"]
    assert "in 42 of 60 frames" in default_words["sparsity"]["description"]
    assert "40 sweeps, with 3 of its 10 coefficients" in default_words["solvers"]["description"]
    assert "The L1 line stays put in every frame" in default_words["robustness"]["description"]
    assert "924 shortest taxicab paths" in default_words["manhattan_distance"]["description"]
    # The default palette's L1 #009E84 reads teal and L2 #D64700 orange (nearest survey names)
    assert (
        "(absolute error, teal) and L2 loss (squared error, orange)"
        in (default_words["outlier_sweep"]["description"])
    )


def test_the_gate_refuses_words_naming_a_colour_the_frame_does_not_draw():
    import matplotlib.pyplot as plt

    from l1l2figures.words.colours import colour_word_problems

    fig, ax = plt.subplots()
    ax.plot([0, 1], [0, 1], color="#D55E00")
    ax.plot([], [], color="#8050F0")  # an empty line draws nothing
    assert colour_word_problems(fig, ["the orange line"]) == []
    problems = colour_word_problems(fig, ["the red line", "a violet ring"])
    plt.close(fig)
    assert len(problems) == 2
    assert "'the red line' say 'red'" in problems[0] and "orange" in problems[0]
    assert "'a violet ring' say 'violet'" in problems[1]


@pytest.mark.parametrize("theme", COLOR_SCHEMES)
def test_the_manhattan_svg_words_name_what_its_frame_draws(default_config, theme):
    import matplotlib.pyplot as plt

    from l1l2figures.rendering.style import apply_house_style
    from l1l2figures.scenes.manhattan_distance import city_figure
    from l1l2figures.words.colours import colour_word_problems

    config = validate(default_config)
    geometry = city(config["manhattan_distance"])
    style = figure_style(config, "manhattan_distance", theme)
    apply_house_style(style)
    fig = city_figure(geometry, style)
    m = manhattan_distance.measures(geometry)
    words = texts(manhattan_distance.words(m, manhattan_names(config, geometry, [theme])))
    ours = [words[SVG_TITLE], words[SVG_DESC]]
    # Words for other colours: the straight line called by its config word, red, and a teal path
    # called blue, as the dark theme draws it.
    before = ["The red straight line between the points", "teal 12 blocks, blue 12 blocks"]
    try:
        assert colour_word_problems(fig, ours) == []
        refused = colour_word_problems(fig, before)
    finally:
        plt.close(fig)
    assert len(refused) == (2 if theme == "dark" else 1)


def test_the_words_are_plain_json_and_the_same_for_the_same_inputs(default_words, default_config):
    import json

    config = validate(default_config)
    again = inprocess.words("sparsity", config)
    for words in default_words.values():
        json.dumps(words, allow_nan=False)  # words.json: builtins only, no NaN
    assert json.dumps(again) == json.dumps(default_words["sparsity"])


# ---- a new figure's claims, checked from its own file ----

# A figure's own claim checks (docs/adding-a-figure.md, section 4): tests/claims/<figure>.py.
CLAIMS = REPO / "tests" / "claims"
# The figures whose claims this file checks itself, above, on generated configs.
CHECKED_HERE = {
    "outlier_sweep",
    "outlier_sweep_grid",
    "stability",
    "robustness",
    "l1_l2_gradient",
    "sparsity",
    "solvers",
    "manhattan_distance",
    "sparsity_odds",
}


def own_checks(figure: str):
    """The module of tests/claims/<figure>.py: its CONFIGS and CHECKS."""
    path = CLAIMS / f"{figure}.py"
    spec = importlib.util.spec_from_file_location(f"claims_{figure}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def has_words(figure: str) -> bool:
    return words_module(CATALOGUE[figure].words.function) is not None


def test_every_figure_with_words_has_its_claims_checked():
    with_own = {path.stem for path in CLAIMS.glob("*.py")}
    for figure in CATALOGUE:
        if has_words(figure):
            assert figure in CHECKED_HERE | with_own, f"{figure}: no tests/claims/{figure}.py"
    assert with_own <= set(CATALOGUE), with_own - set(CATALOGUE)


@pytest.mark.parametrize("figure", sorted(path.stem for path in CLAIMS.glob("*.py")))
def test_every_claim_of_a_figure_with_its_own_checks_is_true(default_config, figure):
    """On each config of its checks file: each claim's key has a check, and the check holds."""
    checks = own_checks(figure)
    section = CATALOGUE[figure].section
    assert {} in checks.CONFIGS, f"{figure}: its CONFIGS leave out the default"
    for override in checks.CONFIGS:
        config = validate(merged(default_config, {section: override}))
        made = inprocess.words(figure, config)
        claims = [Claim(**claim) for claim in made["claims"]]
        check_claims(figure, claims, checks.CHECKS, config[section])
        check_colours_named(config, section, claims)


def test_a_figure_without_a_words_module_says_its_name_and_claims_nothing(default_config):
    styles = {t: figure_style(default_config, "outlier_sweep", t) for t in COLOR_SCHEMES}
    words = figure_words("words.figures:no_measures", no_measures(), styles, "Lp balls")
    assert (words[TITLE], words[ALT], words[DESCRIPTION]) == ("Lp balls", "Lp balls.", "Lp balls.")
    assert {claim["key"] for claim in words["claims"]} == {"name"}


def test_the_report_caption_shows_the_words_as_they_are(default_words):
    from docutils.core import publish_parts

    words = default_words["l1_l2_gradient"]  # |w| would be a substitution reference unescaped
    rst = caption(words, "Change it with ``l1_l2_gradient``.")
    html = publish_parts(rst, writer="html5")["fragment"]
    assert f"<strong>{words['title']}.</strong>" in html and "|w| and w²" in html
    assert 'Change it with <span class="docutils literal">l1_l2_gradient</span>.' in html


def test_the_words_read_only_the_colours_they_may_name(default_config):
    from l1l2figures.words import words_style

    style = figure_style(default_config, "sparsity")
    picked = words_style(style)
    assert picked == {key: style[key] for key in picked}
    assert {"l1_color", "l2_color", "hues"} <= set(picked)
    assert not {"contour_color", "dpi", "size_in"} & set(picked)  # a size or a contour: no words


# ---- sparsity by the odds ----


class Odds:
    """The figure's losses and minima, its zeros recounted here: the walk by this test's own
    walk (test_sparsity_odds), the exact L1 zeros by the corner condition on the gradient."""

    def __init__(self, config):
        from test_sparsity_odds import walk_zero_share

        from l1l2figures.maths.sparsity_odds import FAMILIES, odds

        self.section = sec = config["sparsity_odds"]
        self.fits = odds(stage_config(config, "sparsity_odds", "fit"))
        t, n_points = sec["region_size"], sec["boundary_points"]
        self.walk, self.exact = {}, {}
        for name in FAMILIES:
            self.walk[name], self.exact[name] = {}, {}
            for norm in ("l1", "l2"):
                losses = self.fits[f"{name}_{norm}_losses"]
                centres = self.fits[f"{name}_{norm}_centres"]
                self.walk[name][norm] = walk_zero_share(losses, centres, norm, t, n_points)
                self.exact[name][norm] = 100 * float(
                    np.mean(corner_is_best(losses, centres, t) if norm == "l1" else 0.0)
                )


def corner_is_best(losses, centres, t) -> np.ndarray:
    a, b, c = losses.T
    best = np.zeros(len(a), bool)
    for v in t * np.array([[1, 0], [0, 1], [-1, 0], [0, -1]]):
        d = v - centres
        g = np.column_stack([2 * a * d[:, 0] + c * d[:, 1], 2 * b * d[:, 1] + c * d[:, 0]])
        best |= -g @ np.sign(v) >= np.abs(g @ np.sign(v)[::-1])
    return best


def _same_shares(found: dict, ours: dict) -> bool:
    return all(close(found[f][n], ours[f][n]) for f in ours for n in ours[f])


def odds_apart(o: Odds) -> float:
    from l1l2figures.maths.sparsity_odds import PUBLISHED

    return max(abs(o.walk[f][n] - PUBLISHED[f][n]) for f in o.walk for n in o.walk[f])


ODDS_CHECKS = {
    "name": lambda o, c: not all(o.exact[f]["l1"] > o.exact[f]["l2"] for f in o.exact),
    "lesson.exact": lambda o, c: (
        _same_shares(c.facts["shares"], o.walk)
        and _same_shares(c.facts["exact_shares"], o.exact)
        and all(o.exact[f]["l1"] > o.exact[f]["l2"] for f in o.exact)
        # "L2 never" only when no family's exact L2 minimum has a zero
        and ("L2 never" in c.text) == all(o.exact[f]["l2"] == 0 for f in o.exact)
    ),
    "setup": lambda o, c: (
        c.facts["n_losses"] == o.section["n_losses"]
        and c.facts["region_size"] == o.section["region_size"]
        and c.facts["boundary_points"] == o.section["boundary_points"]
        and len(o.fits["general_l1_losses"]) == o.section["n_losses"]
    ),
    "shares.reproduced": lambda o, c: (
        _same_shares(c.facts["shares"], o.walk)
        and odds_apart(o) <= 4
        # "within N points": N the largest gap rounded up, so the gap is at most N, above N - 1
        and c.facts["within"] - 1 < max(odds_apart(o), 1e-9) <= c.facts["within"] + 1e-9
        and f"within {c.facts['within']} point" in c.text
    ),
    "shares.apart": lambda o, c: (
        _same_shares(c.facts["shares"], o.walk)
        and odds_apart(o) > 4
        and close(c.facts["largest_gap"], odds_apart(o))
    ),
    "exact.l2_none": lambda o, c: (
        _same_shares(c.facts["exact_shares"], o.exact)
        and all(o.exact[f]["l2"] == 0 for f in o.exact)
    ),
    "exact": lambda o, c: _same_shares(c.facts["exact_shares"], o.exact),
    "near_rule": lambda o, c: all(
        close(
            c.facts["near_shares"][f]["l2"],
            100
            * float(
                np.mean(
                    (
                        np.abs(o.fits[f"{f}_l2_walk"])
                        <= o.section["near_fraction"] * o.section["region_size"]
                    ).any(axis=1)
                )
            ),
        )
        for f in o.walk
    ),
    "alt": lambda o, c: (
        _same_shares(c.facts["shares"], o.walk) and _same_shares(c.facts["exact_shares"], o.exact)
    ),
}


@settings(WORDS_SETTINGS, max_examples=6)
@given(
    n_losses=st.integers(10, 600),
    region_size=st.sampled_from([0.5, 2.0, 3.0]),
    boundary_points=st.sampled_from([8, 40, 100]),
    seed=st.integers(0, 2**32 - 1),
    tilt=st.sampled_from([[-1.5, 2.5], [0, 0], [-3, 3]]),
)
@example(n_losses=5000, region_size=2.0, boundary_points=100, seed=5, tilt=[-1.5, 2.5])
def test_every_claim_of_sparsity_odds_is_true(
    default_config, n_losses, region_size, boundary_points, seed, tilt
):
    override = {
        "n_losses": n_losses,
        "region_size": region_size,
        "boundary_points": boundary_points,
        "seed": seed,
        "families": {"general": {"tilt": tilt}},
    }
    config = accepted(default_config, {"sparsity_odds": override})
    o = Odds(config)
    check_words(config, "sparsity_odds", {"fits": o.fits}, ODDS_CHECKS, o)


@pytest.mark.parametrize(
    ("values", "rise", "moves"),
    [
        ([13.85, 16.0, 19.35], [0, 40], True),
        ([13.85, 16.0, 19.35], [40, 0], False),  # the line rises while the point falls
        ([13.85, 13.85, 19.35], [0, 40], False),  # one frame the line stays
        # a point raised by 1e−14: the residual "moves" at round-off, by no amount a reader sees
        ([-0.11941931682426343, -0.11941931682426299], [0.0, 1e-14], False),
    ],
)
def test_a_line_follows_the_point_only_by_steps_beyond_round_off(values, rise, moves):
    from l1l2figures.words.robustness import moves_with

    assert moves_with(values, rise) is moves


@given(st.lists(st.floats(1e-3, 1e3), min_size=2, max_size=3))
def test_values_told_apart_print_apart_and_each_within_its_own_rounding(values):
    printed = told_apart(values)
    # different values print differently, unless they agree to MOST_DIGITS digits
    distinct = len({f"{v:.4g}" for v in values})
    assert len(set(printed)) >= min(distinct, len(set(values)))
    for value, text in zip(values, printed, strict=True):
        # at least 2 significant digits: within 5% of the value
        assert math.isclose(value_of(text), value, rel_tol=0.05)
    assert told_apart([7.05, 7.02]) == ["7.05", "7.02"]
    assert told_apart([1.3, 1.46]) == ["1.3", "1.5"]
