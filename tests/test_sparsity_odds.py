"""Sparsity by the odds: the article's shares recomputed by code of this test's own (plain numpy,
its own boundary walk and sampling), the exact minima against the scalar solvers, the config's
refusals."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.colors import to_rgba
from matplotlib.lines import Line2D

from conftest import merged, validate
from l1l2figures.catalogue import stage_config
from l1l2figures.errors import ConfigError
from l1l2figures.maths.sparsity import l1_constrained, l2_constrained
from l1l2figures.maths.sparsity_odds import FAMILIES, NORMS, PUBLISHED, odds, shares
from l1l2figures.rendering.theme import figure_style
from l1l2figures.scenes.sparsity_odds import odds_figure

WITHIN = 4  # percentage points: the bar for reproducing the article
# Two independent samples of 5,000 losses: their shares differ by a few standard errors at most
# (sqrt(2 p (1 - p) / 5000) is under 1 point).
SAMPLES_AGREE = 3
ZERO = 1e-9  # an L2 walk coefficient this small (relative to t) is an axis point, cos(pi/2) t


def params_of(config: dict) -> dict:
    return stage_config(config, "sparsity_odds", "fit")


def walk_points(norm: str, t: float, n: int) -> np.ndarray:
    """The article's walk, written afresh: per quarter, n/4 points from one axis to the next."""
    q = n // 4
    points = []
    for quarter in range(4):
        for j in range(q):
            u = j / (q - 1)
            if norm == "l1":  # from (t, 0) turned by quarter * 90 degrees, along the side
                x, y = t * (1 - u), t * u
            else:
                x, y = t * np.cos(u * np.pi / 2), t * np.sin(u * np.pi / 2)
            for _ in range(quarter):
                x, y = -y, x
            points.append((x, y))
    return np.array(points)


def walk_zero_share(losses, centres, norm: str, t: float, n_points: int) -> float:
    points = walk_points(norm, t, n_points)
    a, b, c = losses[:, :1], losses[:, 1:2], losses[:, 2:]
    dx = points[:, 0][None] - centres[:, :1]
    dy = points[:, 1][None] - centres[:, 1:]
    best = points[np.argmin(a * dx * dx + b * dy * dy + c * dx * dy, axis=1)]
    zero = np.abs(best) <= (0.0 if norm == "l1" else ZERO * t)
    return 100 * float(np.mean(zero.any(axis=1)))


def own_sample(rng, family: str, norm: str, n: int, t: float = 2.0, limit: float = 10.0):
    """The article's draws, by rejection one at a time (not the library's batches)."""
    losses, centres = [], []
    while len(losses) < n:
        a, b, c = rng.random() * 10, rng.random() * 10, rng.random() * 4 - 1.5
        if family == "symmetric":
            b, c = a, 0.0
        elif family == "one_weak":
            strong = rng.random() * 15 - 5
            a, b = (strong, 0.1) if rng.random() > 0.5 else (0.1, strong)
            c = 0.0
        if not (a > 0 and b > 0 and 4 * a * b > c * c):
            continue
        while True:
            x, y = rng.random() * 2 * limit - limit, rng.random() * 2 * limit - limit
            if (abs(x) + abs(y) if norm == "l1" else np.hypot(x, y)) > t:
                break
        losses.append((a, b, c))
        centres.append((x, y))
    return np.array(losses), np.array(centres)


@pytest.fixture(scope="module")
def default_odds(default_config):
    params = params_of(validate(default_config))
    return params, odds(params)


def test_the_figure_s_shares_are_the_article_walk_recomputed_here(default_odds):
    params, found = default_odds
    walk = shares(found, "walk_zero")
    t, n_points = params["region_size"], params["boundary_points"]
    for name in FAMILIES:
        for norm in NORMS:
            prefix = f"{name}_{norm}"
            mine = walk_zero_share(
                found[f"{prefix}_losses"], found[f"{prefix}_centres"], norm, t, n_points
            )
            assert mine == walk[name][norm], (name, norm)
            assert abs(mine - PUBLISHED[name][norm]) <= WITHIN, (name, norm, mine)


def test_an_independent_simulation_lands_within_4_points_of_the_article(default_odds):
    _, found = default_odds
    walk = shares(found, "walk_zero")
    rng = np.random.default_rng(2018)  # the article's year: any seed but the figure's
    for name in FAMILIES:
        for norm in NORMS:
            losses, centres = own_sample(rng, name, norm, 5000)
            mine = walk_zero_share(losses, centres, norm, 2.0, 100)
            assert abs(mine - PUBLISHED[name][norm]) <= WITHIN, (name, norm, mine)
            assert abs(mine - walk[name][norm]) <= SAMPLES_AGREE, (name, norm, mine)


def test_the_exact_minima_are_the_scalar_solvers_and_never_worse_than_the_walk(default_odds):
    params, found = default_odds
    t = params["region_size"]
    for name in FAMILIES:
        for norm, solve in (("l1", l1_constrained), ("l2", l2_constrained)):
            prefix = f"{name}_{norm}"
            losses, centres = found[f"{prefix}_losses"], found[f"{prefix}_centres"]
            exact, walk = found[f"{prefix}_exact"], found[f"{prefix}_walk"]
            for i in range(0, len(losses), 97):
                a, b, c = losses[i]
                matrix = [[a, c / 2], [c / 2, b]]
                assert np.allclose(solve(centres[i], matrix, t), exact[i], atol=1e-9)

            def loss(points, losses=losses, centres=centres):
                d = points - centres
                return (
                    losses[:, 0] * d[:, 0] ** 2
                    + losses[:, 1] * d[:, 1] ** 2
                    + losses[:, 2] * d[:, 0] * d[:, 1]
                )

            assert np.all(loss(exact) <= loss(walk) * (1 + 1e-12))


def test_exact_l1_zeros_are_the_corners_where_the_gradient_points_out(default_odds):
    # A corner v is the minimum over the diamond iff -grad(v) lies in its normal cone, the cone
    # between the normals of its two edges: for (t, 0), -g1 >= |g2|.
    params, found = default_odds
    t = params["region_size"]
    for name in FAMILIES:
        losses, centres = found[f"{name}_l1_losses"], found[f"{name}_l1_centres"]
        a, b, c = losses.T
        on_corner = np.zeros(len(a), bool)
        for v in t * np.array([[1, 0], [0, 1], [-1, 0], [0, -1]]):
            d = v - centres
            g = np.column_stack([2 * a * d[:, 0] + c * d[:, 1], 2 * b * d[:, 1] + c * d[:, 0]])
            outward = -g @ np.sign(v)  # along the corner's own axis
            across = np.abs(-g @ np.sign(v)[::-1])
            on_corner |= outward >= across
        assert np.array_equal(on_corner, found[f"{name}_l1_exact_zero"]), name
        assert not found[f"{name}_l2_exact_zero"].any()


def test_the_same_config_gives_the_same_losses_and_one_family_leaves_the_others_alone(
    default_odds,
):
    params, found = default_odds
    changed = merged(params, {"families": {"general": {"tilt": [0, 1]}}})
    again = odds(changed)
    for key, value in found.items():
        if not key.startswith("general_"):
            assert np.array_equal(value, again[key]), key
    assert not np.array_equal(found["general_l1_losses"], again["general_l1_losses"])
    assert all(np.array_equal(v, odds(params)[k]) for k, v in found.items())


@pytest.mark.parametrize(
    "override, message",
    [
        ({"n_losses": 0}, r"^config\.sparsity_odds\.n_losses = 0: .*"),
        ({"boundary_points": 30}, r"^config\.sparsity_odds\.boundary_points = 30: .*"),
        (
            {"families": {"general": {"stretch": [-5, -1]}}},
            r"^config\.sparsity_odds\.families\.general: .* never make a bowl",
        ),
        ({"centre_limit": 3}, r"^config\.sparsity_odds\.centre_limit = 3: must be at least 2 x"),
        ({"families": {"one_weak": {"weak": 0}}}, r"^config\.sparsity_odds\.families\.one_weak"),
        # a family keeps the kind of loss its name (and the symmetric maps' outlines) says
        (
            {"families": {"symmetric": {"tilt": [-2, 2]}}},
            r"^config\.sparsity_odds\.families\.symmetric: its losses are round bowls",
        ),
        (
            {"families": {"general": {"tilt": [0, 0]}}},
            r"^config\.sparsity_odds\.families\.general: its losses are stretched and tilted",
        ),
        (
            {"families": {"one_weak": {"weak": None}}},
            r"^config\.sparsity_odds\.families\.one_weak: its losses have one weak feature",
        ),
    ],
)
def test_a_bad_value_is_refused_in_one_line_naming_the_key(default_config, override, message):
    with pytest.raises(ConfigError, match=message) as refusal:
        validate(merged(default_config, {"sparsity_odds": override}))
    assert "\n" not in str(refusal.value)


def test_each_map_draws_exact_zeros_in_full_colour_and_the_walk_s_alone_lighter(
    default_config, default_odds
):
    """The maps speak the bars' language: a large dot in the region's full colour is a loss whose
    exact minimum has a 0, a small lighter one a loss whose 0 only the walk finds; on the L2 maps,
    where no exact minimum has a 0, no dot is in full colour. The dots are one layer in the
    losses' order, so that no kind covers the others where dots overlap."""
    params, found = default_odds
    style = figure_style(default_config, "sparsity_odds")
    fig = odds_figure(found, params, style)
    maps = [ax for ax in fig.axes if ax.collections][: len(NORMS) * len(FAMILIES)]
    for ax, (norm, name) in zip(maps, [(n, f) for n in NORMS for f in FAMILIES], strict=True):
        colour = to_rgba(style[f"{norm}_color"])[:3]
        drawn = {"full": 0, "light": 0}
        for dots in ax.collections:
            for rgba in dots.get_facecolor():
                if tuple(rgba[:3]) == pytest.approx(colour):
                    drawn["full" if rgba[3] == 1 else "light"] += 1
        exact = found[f"{name}_{norm}_exact_zero"]
        walk_only = found[f"{name}_{norm}_walk_zero"] & ~exact
        assert drawn == {"full": int(exact.sum()), "light": int(walk_only.sum())}, (norm, name)
        [layer] = [dots for dots in ax.collections if len(dots.get_offsets()) > 1]
        assert np.array_equal(layer.get_offsets(), found[f"{name}_{norm}_centres"])
        # only an exact zero is a large dot: the walk's zeros alone never outweigh them on a map
        sizes = layer.get_sizes()
        assert np.array_equal(sizes == sizes.max(), exact) or not exact.any(), (norm, name)
        assert np.all(sizes[walk_only] == sizes.min()), (norm, name)
        if norm == "l2":
            assert drawn["full"] == 0 and drawn["light"] > 0


def test_the_dots_key_shows_each_shade_in_the_colours_of_the_maps_that_draw_it(
    default_config, default_odds
):
    """The key promises no dot that is not on a map: by default no L2 exact minimum has a 0, so
    no full-colour orange dot is in the key; a walk whose zeros are all exact drops the faint
    entry."""
    params, found = default_odds
    style = figure_style(default_config, "sparsity_odds")
    l1, l2 = (to_rgba(style[f"{norm}_color"]) for norm in NORMS)

    def key(found: dict) -> tuple[list[str], set]:
        """The dot legend's labels, and the colours of the dots it draws."""
        fig = odds_figure(found, params, style)
        [legend] = [ax.get_legend() for ax in fig.axes if ax.get_legend() and not ax.patches]
        dots = {
            to_rgba(line.get_color(), line.get_alpha())
            for line in legend.findobj(Line2D)
            if line.get_marker() == "o"
        }
        labels = [text.get_text() for text in legend.get_texts()]
        plt.close(fig)
        return labels, dots

    labels, dots = key(found)
    assert "exact minimum has a 0" in labels and "only the walk's has a 0" in labels
    assert l1 in dots and l2 not in dots
    faint = {colour[:3] for colour in dots if colour[3] < 1}
    assert {l1[:3], l2[:3]} <= faint
    exact_only = dict(found)
    for name in FAMILIES:
        for norm in NORMS:
            exact_only[f"{name}_{norm}_walk_zero"] = found[f"{name}_{norm}_exact_zero"]
    labels, dots = key(exact_only)
    assert "only the walk's has a 0" not in labels
    assert l2[:3] not in {colour[:3] for colour in dots}


def test_the_thin_wedges_outlines_lie_under_the_dots_they_hold_and_the_cones_over_theirs(
    default_config, default_odds
):
    """The symmetric L2 map's walk-only dots lie inside wedges a hair wide: outlines over them
    would cover them. The cones are wide: their outlines go over the dots, where they show."""
    from matplotlib.collections import PathCollection
    from matplotlib.patches import Polygon

    params, found = default_odds
    fig = odds_figure(found, params, figure_style(default_config, "sparsity_odds"))
    maps = [ax for ax in fig.axes if ax.collections][: len(NORMS) * len(FAMILIES)]
    by_map = dict(zip([(n, f) for n in NORMS for f in FAMILIES], maps, strict=True))
    for norm in NORMS:
        ax = by_map[norm, "symmetric"]
        outlines = [p.get_zorder() for p in ax.patches if isinstance(p, Polygon)]
        dots = [c.get_zorder() for c in ax.collections if isinstance(c, PathCollection)]
        assert outlines and dots
        if norm == "l1":
            assert min(outlines) > max(dots)
        else:
            assert max(outlines) < min(dots)
    plt.close(fig)


def test_each_map_draws_its_row_s_region_in_full_and_the_other_faint(default_config, default_odds):
    """Which region a map is about is drawn, not only named by its row: the diamond in full on the
    L1 row, the disc faint there; the other way round on the L2 row."""
    from l1l2figures.rendering.style import AHEAD_ALPHA

    params, found = default_odds
    style = figure_style(default_config, "sparsity_odds")
    fig = odds_figure(found, params, style)
    maps = [ax for ax in fig.axes if ax.collections][: len(NORMS) * len(FAMILIES)]
    for ax, norm in zip(maps, [n for n in NORMS for _ in FAMILIES], strict=True):
        regions = {
            region: [
                line.get_alpha()
                for line in ax.lines
                if to_rgba(line.get_color())[:3] == to_rgba(style[f"{region}_color"])[:3]
            ]
            for region in NORMS
        }
        for region, alphas in regions.items():
            assert alphas == [None if region == norm else AHEAD_ALPHA], (norm, region)
    plt.close(fig)
