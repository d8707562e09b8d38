"""Coordinate descent against scikit-learn's lasso, and ridge's single solve."""

import matplotlib.pyplot as plt
import numpy as np
import pytest
from sklearn.linear_model import Lasso, Ridge

from l1l2figures.maths.models import diabetes, ridge_closed_form
from l1l2figures.maths.regularization import soft_threshold
from l1l2figures.maths.solvers import lasso_coordinate_descent, solver_comparison
from l1l2figures.pipeline.inprocess import scene
from l1l2figures.rendering.quality import figure_problems
from l1l2figures.rendering.style import apply_house_style
from l1l2figures.rendering.theme import figure_style
from l1l2figures.scenes.solvers import solvers_figure, solvers_lesson, zero_landings
from l1l2figures.words import ROUND_OFF


@pytest.mark.parametrize(
    "value, threshold, expected",
    [(3.0, 1.0, 2.0), (-3.0, 1.0, -2.0), (0.5, 1.0, 0.0), (-1.0, 1.0, 0.0)],
)
def test_soft_threshold_lands_on_exactly_zero(value, threshold, expected):
    result = soft_threshold(value, threshold)
    assert result == expected and str(result) != "-0.0"


@pytest.mark.parametrize("alpha", [0.05, 0.1, 0.3, 1.0])
def test_coordinate_descent_matches_sklearn_lasso_and_its_zeros(alpha):
    x, y = diabetes()
    ours = np.array(lasso_coordinate_descent(x, y, alpha, 1e-10, 100_000)[-1])
    reference = Lasso(alpha=alpha, fit_intercept=False, tol=1e-14, max_iter=10**6).fit(x, y).coef_
    np.testing.assert_allclose(ours, reference, atol=1e-6)
    assert list(ours == 0.0) == list(reference == 0.0)


def test_history_starts_at_zero_and_stops_once_nothing_moves(default_config):
    params = default_config["solvers"]
    history = np.array(solver_comparison(params)["lasso_history"])
    assert not history[0].any()
    assert np.abs(history[-1] - history[-2]).max() < params["tolerance"]
    assert np.abs(history[-2] - history[-3]).max() >= params["tolerance"]
    tighter = lasso_coordinate_descent(*diabetes(), params["lasso_alpha"], 1e-12, 100_000)
    assert len(tighter) > len(history)  # a tighter tolerance takes more sweeps


def test_ridge_is_one_exact_solve(default_config):
    params = default_config["solvers"]
    result = solver_comparison(params)
    x, y = diabetes()
    reference = Ridge(alpha=params["ridge_alpha"], fit_intercept=False).fit(x, y).coef_
    np.testing.assert_allclose(result["ridge"], reference, rtol=1e-10)
    np.testing.assert_allclose(
        ridge_closed_form(x, y, params["ridge_alpha"]), reference, rtol=1e-10
    )
    np.testing.assert_allclose(result["ridge_reference"], reference, rtol=1e-10)
    ridge, ridge_reference = np.array(result["ridge"]), np.array(result["ridge_reference"])
    distance = np.linalg.norm(ridge - ridge_reference) / np.linalg.norm(ridge_reference)
    assert result["ridge_distance"] == pytest.approx(distance, rel=1e-12)
    assert result["ridge_distance"] < 1e-12


def test_the_lasso_reference_is_independent_and_agrees(default_config):
    params = default_config["solvers"]
    result = solver_comparison(params)
    history, reference = np.array(result["lasso_history"]), np.array(result["lasso_reference"])
    gaps = np.linalg.norm(history - reference, axis=1) / np.linalg.norm(reference)
    assert result["lasso_distance"] == pytest.approx(gaps.tolist(), rel=1e-12)
    assert gaps[0] == pytest.approx(1.0)  # the start, all zeros
    assert gaps[-1] < 1e-8 and gaps[-1] > 0  # close to, but not, the reference's own numbers


def counted_coordinate_descent(x, y, alpha, tolerance, max_sweeps):
    """Coordinate descent written again, counting its multiply-adds as it does them: n for the
    columns' squared norms, n per dot product with the residual, n per residual update."""
    n, p = x.shape
    b, residual = np.zeros(p), y.astype(float).copy()
    scale, adds = (x**2).sum(axis=0) / n, n * p
    history, work = [b.copy()], [adds / (n * p)]  # the start, once the columns are scaled
    for _ in range(max_sweeps):
        largest = 0.0
        for j in range(p):
            rho, adds = x[:, j] @ residual / n + scale[j] * b[j], adds + n
            new = np.sign(rho) * max(abs(rho) - alpha, 0.0) / scale[j]
            if new != b[j]:
                residual, adds = residual - x[:, j] * (new - b[j]), adds + n
                largest, b[j] = max(largest, abs(new - b[j])), new
        history.append(b.copy())
        work.append(adds / (n * p))
        if largest < tolerance:
            break
    return np.array(history), work


@pytest.mark.parametrize("alpha, tolerance", [(0.1, 1e-8), (0.02, 1e-6), (1.5, 1e-4)])
def test_the_work_axis_counts_each_multiply_add_of_coordinate_descent(alpha, tolerance):
    x, y = diabetes()
    result = solver_comparison(
        {"lasso_alpha": alpha, "ridge_alpha": 1.0, "tolerance": tolerance, "max_sweeps": 10000}
    )
    history, work = counted_coordinate_descent(x, y, alpha, tolerance, 10000)
    np.testing.assert_allclose(result["lasso_history"], history, rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(result["lasso_work"], work, rtol=1e-12)
    # ridge for 442 x 10: X'X's one triangle 24,310, X'y 4,420, LU 1000/3 and 100, over 4,420
    assert result["ridge_work"] == pytest.approx((24_310 + 4_420 + 1000 / 3 + 100) / 4_420)


def test_the_title_places_ridge_s_solve_against_the_lasso_s_sweeps_by_their_work(default_config):
    result = solver_comparison(default_config["solvers"])
    _, work = counted_coordinate_descent(
        *diabetes(),
        alpha=result["lasso_alpha"],
        tolerance=result["tolerance"],
        max_sweeps=result["max_sweeps"],
    )
    # ridge's distance is round-off, whose digits differ between machines: said as such
    assert result["ridge_distance"] < ROUND_OFF
    # the same sweeps on X'X: its one triangle and X'y, 4420 * 6.5, then 10 * 10 per sweep
    sweeps = len(work) - 1
    on_gram = 6.5 + sweeps * 100 / 4420
    assert solvers_lesson(result) == (
        f"Ridge: one linear solve, at round-off ({result['ridge_work']:.1f} passes over the "
        f"data);\nthe lasso iterates: {sweeps} sweeps to a tolerance of 1e−8 "
        f"({work[-1]:.0f} passes, {on_gram:.1f} on X'X)"
    )
    # Drawn: a grey line at ridge's work through both panels, ridge's disc on it, and the lasso's
    # curve through its work after each sweep, from its start once the columns are scaled.
    style = figure_style(default_config, "solvers")
    apply_house_style(style)
    fig = solvers_figure(result, style)
    gap_ax, path_ax = fig.axes
    for ax in (gap_ax, path_ax):
        assert any(
            np.array_equal(line.get_xdata(), [result["ridge_work"]] * 2) for line in ax.get_lines()
        )
    (disc,) = [line for line in gap_ax.get_lines() if line.get_marker() == "o"]
    assert disc.get_xdata() == [result["ridge_work"]]
    # a tick per sweep on both lasso curves: on the data, and faint, on X'X
    lasso, faint = sorted(
        (line for line in gap_ax.get_lines() if line.get_marker() == "|"),
        key=lambda line: line.get_alpha() or 1,
        reverse=True,
    )
    np.testing.assert_allclose(lasso.get_xdata(), work)
    np.testing.assert_allclose(faint.get_xdata(), 6.5 + np.arange(sweeps + 1) * 100 / 4420)
    np.testing.assert_array_equal(faint.get_ydata(), lasso.get_ydata())
    assert faint.get_alpha() < 1
    plt.close(fig)


def test_the_title_states_no_distance_when_the_lasso_s_reference_is_all_zeros(default_config):
    # So large an alpha that every lasso coefficient is 0: no relative distance to that solution.
    result = solver_comparison(default_config["solvers"] | {"lasso_alpha": 1e6})
    assert not np.isfinite(result["lasso_distance"][-1])
    title = solvers_lesson(result)
    assert "nan" not in title.lower()
    assert title.endswith(
        "\nthe lasso iterates: 1 sweep to a tolerance of 1e−8 (2 passes, 6.5 on X'X)"
    )


def test_a_lasso_stopped_by_max_sweeps_is_said_unsettled(default_config):
    result = solver_comparison(default_config["solvers"] | {"max_sweeps": 5})
    assert solvers_lesson(result).endswith(
        ": stopped unsettled after 5 sweeps (10 passes, 6.6 on X'X)"
    )


def test_distances_at_round_off_draw_the_same_pixels_whatever_their_digits(default_config):
    # Two machines' BLAS give ridge 1.3e-15 and 1.7e-15 (or an exact 0): one picture for all.
    result = solver_comparison(default_config["solvers"])
    style = figure_style(default_config, "solvers")
    apply_house_style(style)
    pictures = []
    for ridge_distance in (1.3e-15, 1.7e-15, 0.0):
        fig = solvers_figure(result | {"ridge_distance": ridge_distance}, style)
        fig.canvas.draw()
        pictures.append(np.asarray(fig.canvas.buffer_rgba()).copy())
        plt.close(fig)
    assert all(np.array_equal(pictures[0], picture) for picture in pictures[1:])
    # ... while a distance above round-off is drawn where it is.
    fig = solvers_figure(result | {"ridge_distance": 1e-9}, style)
    fig.canvas.draw()
    assert not np.array_equal(pictures[0], np.asarray(fig.canvas.buffer_rgba()))
    plt.close(fig)


def test_a_diamond_marks_each_coefficient_that_ends_at_zero_where_it_stays_there(default_config):
    history = np.array(solver_comparison(default_config["solvers"])["lasso_history"])
    landings = zero_landings(history)
    ending_at_zero = np.flatnonzero(history[-1] == 0.0)
    assert len(landings) == len(ending_at_zero) > 0
    for sweep, coefficient in zip(landings, ending_at_zero, strict=True):
        path = history[:, coefficient]
        assert np.all(path[sweep:] == 0.0)  # from its diamond on, exactly 0 ...
        assert sweep == 0 or path[sweep - 1] != 0.0  # ... and not one sweep earlier
    # Drawn: one L1 diamond on the zero line per such coefficient, at its sweep.
    style = figure_style(default_config, "solvers")
    apply_house_style(style)
    result = solver_comparison(default_config["solvers"])
    fig = solvers_figure(result, style)
    path_ax = fig.axes[1]
    diamonds = [line for line in path_ax.get_lines() if line.get_marker() == "D"]
    assert len(diamonds) == 1
    np.testing.assert_array_equal(diamonds[0].get_xdata(), np.array(result["lasso_work"])[landings])
    np.testing.assert_array_equal(diamonds[0].get_ydata(), 0)
    plt.close(fig)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_a_long_descent_is_laid_out_whole_with_its_ticks_thinned(default_config, theme):
    # 1479 sweeps, 3000 passes: the title's cost takes a line of its own, a tick marks every 25
    # sweeps (one per sweep would merge into a band), and ridge's disc at 6.6 passes stays whole.
    override = {"lasso_alpha": 0.001, "tolerance": 1e-10}
    config = {**default_config, "solvers": {**default_config["solvers"], **override}}
    fig = scene("solvers", config, theme)
    problems = figure_problems(fig, f"solvers ({theme})")
    gap_ax = fig.axes[0]
    sweeps = len(solver_comparison(config["solvers"])["lasso_history"]) - 1
    lasso = max(
        (line for line in gap_ax.get_lines() if line.get_marker() == "|"),
        key=lambda line: line.get_alpha() or 1,
    )
    every = lasso.get_markevery().step
    assert len(range(every, sweeps + 1, every)) <= 60 < sweeps
    texts = [text.get_text() for text in gap_ax.texts]
    assert f"lasso: a tick every {every} sweeps" in texts
    assert f"faint: the same {sweeps} sweeps on X'X" in texts
    assert fig.get_suptitle().splitlines()[1:] == [
        f"the lasso iterates: {sweeps} sweeps to a tolerance of 1e−10",
        # the lasso's work at two significant digits, written out (3000, not 3e+03)
        f"({float(f'{lasso.get_xdata()[-1]:.2g}'):.0f} passes, 40 on X'X)",
    ]
    plt.close(fig)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    "override",
    [
        {"max_sweeps": 1},  # stopped after one sweep
        {"lasso_alpha": 2.0, "tolerance": 1e-3},  # one coefficient left, done in a few sweeps
        {"lasso_alpha": 0.02, "tolerance": 1e-6},
        {"ridge_alpha": 1e6},  # ridge nearly all zeros
    ],
)
def test_the_solvers_figure_is_laid_out_whole_for_other_configs(default_config, override):
    config = {**default_config, "solvers": {**default_config["solvers"], **override}}
    fig = scene("solvers", config, "light")
    problems = figure_problems(fig, f"solvers {override}")
    plt.close(fig)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_a_lasso_at_zero_from_the_start_is_laid_out_whole_on_a_plain_axis(default_config, theme):
    # An alpha above max|X'y|/n (2.15 here): coordinate descent has nothing to move.
    config = {**default_config, "solvers": {**default_config["solvers"], "lasso_alpha": 100}}
    fig = scene("solvers", config, theme)
    problems = figure_problems(fig, f"solvers ({theme})")  # ridge's words whole, as everything
    path_ax = fig.axes[1]
    assert "log scale" not in path_ax.get_title()  # nothing to draw on one: a linear axis
    assert path_ax.get_ylim() == (-1, 1)
    plt.close(fig)
    assert not problems, "\n".join(problems)
