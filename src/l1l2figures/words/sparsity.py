"""The sparsity figure's words: where the constrained solutions lie frame by frame, and what the
lasso and ridge paths do, from the sparsity fits."""

from __future__ import annotations

import itertools
import math

import numpy as np

from l1l2figures.maths.sparsity import axis_crossings, zero_ends
from l1l2figures.rendering.style import decimals_to_tell_apart
from l1l2figures.words import ALT, DESCRIPTION, TITLE, Claim, count, fixed, given, measured, swept

CORNER, EDGE, INSIDE = "corner", "edge", "inside"


def l1_place(centre: list[float], solution: list[float], budget: float) -> str:
    """Where the L1 solution lies: inside the diamond (the centre itself), on a corner (a
    coefficient exactly 0), or on an edge (both non-zero)."""
    if abs(centre[0]) + abs(centre[1]) <= budget:
        return INSIDE
    return CORNER if 0.0 in solution else EDGE


def stretches(flags: list[bool]) -> list[int]:
    """The lengths of the runs of True in ``flags``."""
    return [len(list(run)) for flag, run in itertools.groupby(flags) if flag]


def measures(fits: dict, params: dict) -> dict:
    """``fits``: the sparsity fits (solutions per frame, lasso and ridge paths); ``params``: the
    config's ``budget``, ``centre_radius`` and ``centre_angles_deg``."""
    budget = params["budget"]
    solutions = fits["solutions"]
    places = [l1_place(s["centre"], s["l1"], budget) for s in solutions]
    corner_runs = stretches([p == CORNER for p in places])
    l1_zero_frames = sum(0.0 in s["l1"] for s in solutions)
    l2_zero_frames = sum(0.0 in s["l2"] for s in solutions)
    l2_on_circle = sum(math.hypot(*s["centre"]) > budget for s in solutions)
    # The angles where a solution passes through an axis between two frames, on no frame: one
    # tick each on the figure's strip.
    angles = np.linspace(*params["centre_angles_deg"], len(solutions))
    crossings = {
        name: len(axis_crossings([s[name] for s in solutions], angles)) for name in ("l1", "l2")
    }
    l2_crossings = crossings["l2"]
    lasso, ridge = fits["lasso"], fits["ridge"]
    n_features = len(fits["features"])
    lasso_zeros = [sum(b == 0.0 for b in row) for row in lasso]  # by lasso alpha, ascending
    lasso_zero_ends = len(zero_ends(np.asarray(lasso))[0])
    ridge_norms = [math.hypot(*row) for row in ridge]  # by ridge alpha, as configured (ascending)
    columns = list(zip(*ridge, strict=True))
    return {
        "budget": budget,
        "radius": params["centre_radius"],
        "angles": params["centre_angles_deg"],
        "n_frames": len(solutions),
        "places": {place: places.count(place) for place in (CORNER, EDGE, INSIDE)},
        "corner_stretches": corner_runs,
        "l1_zero_frames": l1_zero_frames,
        "l2_zero_frames": l2_zero_frames,
        "l2_on_circle": l2_on_circle,
        "l2_crossings": l2_crossings,
        "l1_crossings": crossings["l1"],
        # the strip under the figure: how near an axis the L2 solution comes on a frame where it
        # has no exact 0 (None: it has one on every frame)
        "l2_nearest_axis": min(
            (min(abs(v) for v in s["l2"]) for s in solutions if 0.0 not in s["l2"]), default=None
        ),
        # frames whose centre lies inside each region: there the solution is the centre itself
        "inside": {"l1": places.count(INSIDE), "l2": len(solutions) - l2_on_circle},
        "n_features": n_features,
        "lasso_alphas": [min(fits["lasso_alphas"]), max(fits["lasso_alphas"])],
        "lasso_zero_ends": lasso_zero_ends,
        "lasso_zeros": [
            lasso_zeros[fits["lasso_alphas"].index(min(fits["lasso_alphas"]))],
            lasso_zeros[fits["lasso_alphas"].index(max(fits["lasso_alphas"]))],
        ],
        "ridge_alphas": [min(fits["ridge_alphas"]), max(fits["ridge_alphas"])],
        "n_ridge_alphas": len(fits["ridge_alphas"]),
        "ridge_norm_falls": all(
            b < a for a, b in itertools.pairwise(_by_alpha(fits["ridge_alphas"], ridge_norms))
        ),
        "ridge_zeros": sum(b == 0.0 for row in ridge for b in row),
        "ridge_sign_changes": sum(
            any(a * b < 0 for a, b in itertools.pairwise(_by_alpha(fits["ridge_alphas"], c)))
            for c in columns
        ),
        "ridge_grows": sum(
            any(abs(b) > abs(a) for a, b in itertools.pairwise(_by_alpha(fits["ridge_alphas"], c)))
            for c in columns
        ),
        # frame by frame, for the player: the centre and each solution
        "frames": {
            "centre": [s["centre"] for s in solutions],
            "l1": [s["l1"] for s in solutions],
            "l2": [s["l2"] for s in solutions],
        },
    }


def _by_alpha(alphas: list[float], values) -> list[float]:
    """``values`` in the order of ascending alpha."""
    return [v for _, v in sorted(zip(alphas, values, strict=True))]


def _where_solved(inside: dict, n: int) -> str:
    """Where each solution lies: where the smallest contour touches its region, unless the
    centre lies inside the region, where the solution is the centre itself."""
    touches = "where the smallest contour touches its region"
    l1, l2 = inside["l1"], inside["l2"]
    if l2 == 0:  # the diamond lies inside the disc: a centre outside the disc is outside both
        return touches
    if l1 == n:
        return "the centre itself: the centre lies inside both regions in every frame"
    regions = [
        f"the {region} in {count(k, 'frame')}" for region, k in (("diamond", l1), ("disc", l2)) if k
    ]
    return (
        f"{touches}, or the centre itself while the centre lies inside the region "
        f"(inside {' and '.join(regions)})"
    )


def _stretch_lengths(runs: list[int]) -> str:
    """ "the longest 21 frames", or "each 21 frames" when every stretch is as long (one: "21
    frames")."""
    if len(set(runs)) > 1:
        return f"the longest {count(max(runs), 'frame')}"
    return count(runs[0], "frame") if len(runs) == 1 else f"each {count(runs[0], 'frame')}"


def words(m: dict, colours: dict) -> list[Claim]:
    """``colours``: names of the ``l1`` and ``l2`` roles."""
    corners = m["places"][CORNER]
    n = m["n_frames"]
    claims = [
        Claim(TITLE, "lesson.l1_corners", "Sparsity: why L1 gives exact zeros", {"corner": corners})
        if corners
        else Claim(TITLE, "name", "Sparsity: least squares in the L1 diamond and the L2 disc")
    ]
    diamond, disc = (f" ({colours[r]})" if colours.get(r) else "" for r in ("l1", "l2"))
    t = given(m["budget"])
    setup = (
        "Left, after Hastie, Tibshirani and Friedman's Figure 3.11: least squares restricted to "
        f"the L1 diamond |b1| + |b2| ≤ {t}{diamond} and to the "
        f"L2 disc of the same radius{disc}. The loss's contours are ellipses round its centre "
        f"(×); each solution, solved exactly, is {_where_solved(m['inside'], n)}."
    )
    claims.append(
        Claim(
            DESCRIPTION,
            "setup",
            setup,
            {
                "budget": m["budget"],
                "inside": m["inside"],
                "colours": {r: colours.get(r) for r in ("l1", "l2")},
            },
        )
    )
    low, high = (given(a) for a in m["angles"])
    arc = f"As the centre moves along an arc of radius {given(m['radius'])} from {low}° to {high}°"
    others = [
        f"{where} in {count(k, 'frame')}"
        for k, where in (
            (m["places"][EDGE], "on an edge, both coefficients non-zero,"),
            (m["places"][INSIDE], "inside the diamond, on the centre itself,"),
        )
        if k
    ]
    places = {"places": m["places"], "corner_stretches": m["corner_stretches"]}
    if corners:
        runs = m["corner_stretches"]
        text = (
            f"{arc}, the L1 solution sits on a corner of the diamond, where a coefficient is "
            f"exactly 0, in {corners} of {count(n, 'frame')} "
            f"({count(len(runs), 'stretch', 'stretches')}, {_stretch_lengths(runs)})"
        )
        text += f"; it lies {' and '.join(others)}." if others else "."
        claims.append(Claim(DESCRIPTION, "l1_corners", text, places))
    else:
        text = f"{arc}, the L1 solution never reaches a corner: it lies {' and '.join(others)}."
        claims.append(Claim(DESCRIPTION, "l1_no_corner", text, places))
    if m["l2_zero_frames"] == 0:
        text = "The L2 solution has both coefficients non-zero in every frame"
        if m["l2_on_circle"] == n:
            text += ": it slides round the circle"
        if m["l2_crossings"]:
            text += (
                f"; it crosses an axis {count(m['l2_crossings'], 'time')}, each time between two "
                "frames: a coefficient is 0 there at a single point of the arc"
            )
        facts = {
            "l2_zero_frames": 0,
            "l2_on_circle": m["l2_on_circle"],
            "l2_crossings": m["l2_crossings"],
        }
        claims.append(Claim(DESCRIPTION, "l2_no_zero", text + ".", facts))
    else:
        text = (
            f"The L2 solution has a coefficient exactly 0 in {count(m['l2_zero_frames'], 'frame')}."
        )
        claims.append(Claim(DESCRIPTION, "l2_zeros", text, {"l2_zero_frames": m["l2_zero_frames"]}))
    # The title's count, drawn (scenes/sparsity.py): the centre's path, a dot per frame.
    text = (
        "The centre's path is drawn as a dot per frame, in L1's colour in the "
        f"{count(m['l1_zero_frames'], 'frame')} where the L1 solution has a coefficient exactly 0"
        ", in a neutral colour in the others"
    )
    if m["l2_zero_frames"]:
        text += ", and ringed in L2's colour where the L2 solution has one"
    facts = {"l1_zero_frames": m["l1_zero_frames"], "l2_zero_frames": m["l2_zero_frames"]}
    claims.append(Claim(DESCRIPTION, "drawing.track", text + ".", facts))
    # The strip under the figure (scenes/sparsity.py): what the picture cannot show where L2's
    # disc sits on L1's diamond.
    text = (
        "Along the bottom, a strip draws each solution's smaller |coefficient| against the "
        "centre's angle, on a log scale with exactly 0 on a line of its own below it"
    )
    if m["l1_zero_frames"]:
        text += f": the L1 solution's lies on that line in {count(m['l1_zero_frames'], 'frame')}"
    nearest = m["l2_nearest_axis"]
    if nearest is not None and not m["l2_zero_frames"]:
        text += (
            f"{';' if m['l1_zero_frames'] else ':'} the L2 solution's stays above it on every frame, coming "
            f"within {measured(nearest)} of 0"
        )
    crossings = m["l1_crossings"] + m["l2_crossings"]
    if crossings:
        text += (
            f"; a tick on the line marks each of the {count(crossings, 'angle')} where a "
            "solution passes through an axis between two frames"
        )
    facts = {
        "l1_zero_frames": m["l1_zero_frames"],
        "l2_zero_frames": m["l2_zero_frames"],
        "l2_nearest_axis": nearest,
        "crossings": crossings,
    }
    claims.append(Claim(DESCRIPTION, "drawing.zero_strip", text + ".", facts))
    a_low, a_high = (measured(a, 2) for a in m["lasso_alphas"])
    z_low, z_high = m["lasso_zeros"]
    text = (
        "Right: lasso and ridge coefficient paths on scikit-learn's diabetes data. As the lasso "
        f"penalty grows from α = {a_low} to {a_high}, the number of its coefficients at exactly 0 "
        f"goes from {z_low} to {z_high} of {m['n_features']}."
    )
    if m["lasso_zero_ends"]:
        text += (
            " A diamond on its zero line marks each point where a coefficient reaches or leaves "
            "exactly 0."
        )
    facts = {
        "lasso_zero_ends": m["lasso_zero_ends"],
        "lasso_alphas": m["lasso_alphas"],
        "lasso_zeros": m["lasso_zeros"],
        "n_features": m["n_features"],
    }
    claims.append(Claim(DESCRIPTION, "lasso_zeros", text, facts))
    ridge = []
    if m["ridge_norm_falls"]:
        ridge.append(
            "Ridge shrinks the coefficient vector as a whole: its norm falls at every step of "
            "the penalty"
        )
    changes = [
        f"{count(k, 'coefficient')} {verb}"
        for k, verb in (
            (m["ridge_sign_changes"], "change sign"),
            (m["ridge_grows"], "grow over part of the range"),
        )
        if k
    ]
    if changes:
        ridge.append(f"single coefficients still move their own way ({'; '.join(changes)})")
    if m["ridge_zeros"] == 0:
        # Sampled penalties: a coefficient that changes sign is 0 at one penalty between two.
        ridge.append(f"none is exactly 0 at any of the {m['n_ridge_alphas']} penalties drawn")
    if ridge:
        text = "; ".join(ridge)
        text = text[0].upper() + text[1:] + "."
        facts = {
            key: m[key]
            for key in (
                "ridge_norm_falls",
                "ridge_sign_changes",
                "ridge_grows",
                "ridge_zeros",
                "n_ridge_alphas",
            )
        }
        claims.append(Claim(DESCRIPTION, "ridge", text, facts))
    alt = "Sparsity: least squares in the L1 diamond and in the L2 disc"
    if corners:
        alt += (
            f"; the L1 solution sits on a corner, with a coefficient exactly 0, in {corners} of "
            f"{n} frames"
        )
        if m["l2_zero_frames"] == 0:
            alt += ", the L2 solution in no frame"
    claims.append(
        Claim(
            ALT,
            "alt",
            alt + "; lasso and ridge paths.",
            {"corner": corners, "l2_zero_frames": m["l2_zero_frames"]},
        )
    )
    return claims


def _zero_coefficient(solution: list[float]) -> str:
    """ "b1 exactly 0" (or b2, or both)."""
    zeros = [f"b{j}" for j, b in enumerate(solution, 1) if b == 0.0]
    return f"{' and '.join(zeros)} exactly 0"


def _l1_words(centre: list[float], solution: list[float], budget: float) -> str:
    place = l1_place(centre, solution, budget)
    if place == INSIDE:
        return "the L1 solution is the centre itself, inside the diamond"
    if place == CORNER:
        return f"the L1 solution is on a corner of the diamond, {_zero_coefficient(solution)}"
    return "the L1 solution is on an edge of the diamond, both coefficients non-zero"


def _l2_words(centre: list[float], solution: list[float], budget: float) -> str:
    if math.hypot(*centre) <= budget:
        return "the L2 solution is the centre itself, inside the disc"
    if 0.0 in solution:
        return f"the L2 solution is on the circle, {_zero_coefficient(solution)}"
    return "the L2 solution is on the circle, both coefficients non-zero"


def frame_words(m: dict) -> dict:
    """Each frame: the centre's angle, and where each constrained solution lies."""
    frames = m["frames"]
    angles = [math.degrees(math.atan2(c[1], c[0])) for c in frames["centre"]]
    decimals = decimals_to_tell_apart(angles)
    labels = [f"centre at {fixed(angle, decimals)}°" for angle in angles]
    sentences = [
        f"Centre at {fixed(angle, decimals)}°: {_l1_words(c, l1, m['budget'])}; "
        f"{_l2_words(c, l2, m['budget'])}."
        for angle, c, l1, l2 in zip(
            angles, frames["centre"], frames["l1"], frames["l2"], strict=True
        )
    ]
    return swept("the centre's angle", labels, sentences)
