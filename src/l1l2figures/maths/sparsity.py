"""Why the L1 constraint gives exact zeros: least squares inside a diamond and inside a disc.

The loss is a quadratic bowl, (b - c)' A (b - c), centred on the unconstrained solution c. Inside
the L1 diamond |b1| + |b2| <= t, the best b is often a corner, where one coefficient is exactly 0;
inside the L2 disc |b| <= t it is a point of the circle, where both coefficients are non-zero.
Both minimizers are computed exactly: the diamond's by checking its corners and the best point of
each edge; the disc's from the Lagrange condition (A + mu I) b = A c with |b| = t.
"""

import math

import numpy as np

from l1l2figures.errors import ConfigError
from l1l2figures.maths.datasets import centre_arc

BISECTION_STEPS = 200  # halvings of the Lagrange multiplier's bracket: past float precision
# A coefficient within this fraction of the budget from 0 is 0: a centre configured on an axis (at
# 90°, say) lies there only up to its cosine's round-off, and so does its solution.
ROUND_OFF = 1e-12


def loss(b, centre, matrix) -> float:
    r = np.asarray(b, float) - np.asarray(centre, float)
    return float(r @ np.asarray(matrix, float) @ r)


def l1_constrained(centre, matrix, budget: float) -> list[float]:
    """argmin loss over the diamond |b1| + |b2| <= budget (a corner when one is best: exact 0s)."""
    c = np.asarray(centre, float)
    if abs(c[0]) + abs(c[1]) <= budget:
        return c.tolist()
    a = np.asarray(matrix, float)
    corners = [np.array(p, float) for p in ((budget, 0), (0, budget), (-budget, 0), (0, -budget))]
    candidates = list(corners)
    for start, end in zip(corners, corners[1:] + corners[:1], strict=True):
        d = end - start
        s = d @ a @ (c - start) / (d @ a @ d)  # best point of the edge's line
        if 0 < s < 1:  # strictly inside the edge; otherwise a corner, already a candidate
            candidates.append(start + s * d)
    best = min(candidates, key=lambda b: loss(b, c, a))
    return [float(v) for v in best]


def l2_constrained(centre, matrix, budget: float) -> list[float]:
    """argmin loss over the disc |b| <= budget."""
    c = np.asarray(centre, float)
    if math.hypot(*c) <= budget:
        return c.tolist()
    a = np.asarray(matrix, float)
    target = a @ c

    def solution(mu: float) -> np.ndarray:
        return np.linalg.solve(a + mu * np.eye(2), target)

    low, high = 0.0, 1.0
    while math.hypot(*solution(high)) > budget:  # |b(mu)| falls as mu grows
        high *= 2
    for _ in range(BISECTION_STEPS):
        mid = (low + high) / 2
        low, high = (mid, high) if math.hypot(*solution(mid)) > budget else (low, mid)
    return solution(high).tolist()


def solutions(params: dict, centres: list[list[float]]) -> list[dict]:
    """One record per frame: the loss's centre and the L1 and L2 constrained solutions."""
    a, t = params["loss_matrix"], params["budget"]

    def exact(b: list[float]) -> list[float]:
        return [0.0 if abs(v) <= ROUND_OFF * t else v for v in b]

    return [
        {"centre": c, "l1": exact(l1_constrained(c, a, t)), "l2": exact(l2_constrained(c, a, t))}
        for c in centres
    ]


def zero_coefficients(b) -> list[int]:
    """The indices of the coefficients that are exactly 0 (a corner of the diamond, or an axis)."""
    return [k for k, v in enumerate(b) if v == 0.0]


def zero_ends(coefficients: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(row, column) of each path point at exactly 0 whose neighbour along the path is not: where
    a coefficient reaches or leaves exactly 0."""
    zero = coefficients == 0.0
    before = np.zeros_like(zero)
    before[1:] = zero[1:] & ~zero[:-1]
    after = np.zeros_like(zero)
    after[:-1] = zero[:-1] & ~zero[1:]
    return np.nonzero(before | after)


def sparsity_lesson(records: list[dict]) -> str:
    """The sweep's finding as a title: at how many of the centre's positions each solution has an
    exact 0 (a position, not a frame: the reader sees a moving loss, not a film)."""
    counts = {name: sum(bool(zero_coefficients(r[name])) for r in records) for name in ("l1", "l2")}
    n = len(records)
    l1 = "none" if counts["l1"] == 0 else f"{counts['l1']}"
    l2 = "none" if counts["l2"] == 0 else f"{counts['l2']}"
    return f"L1 puts a coefficient at exactly 0 at {l1} of {n} centre positions, L2 at {l2}"


def zero_changes(records: list[dict]) -> list[int]:
    """The frames where the L1 solution reaches or leaves a corner (its exact zeros change)."""
    zeros = [zero_coefficients(r["l1"]) for r in records]
    return [i for i in range(1, len(zeros)) if zeros[i] != zeros[i - 1]]


def corner_contrast(records: list[dict]) -> int:
    """The frame that shows the lesson best: the L1 solution with an exact 0 while the L2 one is
    furthest from any axis (its smaller coefficient largest); without a corner, the frame where
    the L1 solution is nearest one."""

    def off_axis(b) -> float:
        return min(abs(v) for v in b)

    corners = [i for i, r in enumerate(records) if zero_coefficients(r["l1"])]
    if corners:
        return max(corners, key=lambda i: off_axis(records[i]["l2"]))
    return min(range(len(records)), key=lambda i: off_axis(records[i]["l1"]))


def check_loss_matrix(matrix: list[list[float]], path: str) -> None:
    """The loss (b - c)' A (b - c) is a bowl only for a symmetric positive definite A."""
    (a, b), (c, d) = matrix
    if b != c or not (a > 0 and a * d - b * c > 0):
        raise ConfigError(
            f"{path} = {matrix}: must be symmetric with a positive first entry and determinant, "
            "so that the loss has one minimum"
        )


def check_sparsity(section: dict, path: str) -> None:
    check_loss_matrix(section["loss_matrix"], f"{path}.loss_matrix")
    check_beta_limits(section, path)


def check_beta_limits(section: dict, path: str) -> None:
    """Refuse axes that leave out what the picture draws: the loss's centre on every frame, and
    the two regions (|b1|, |b2| up to the budget)."""
    low, high = section["beta_limits"]
    drawn = {
        "the loss's centre (centre_radius, centre_angles_deg)": centre_arc(section),
        "the regions (budget)": np.array([-1.0, 1.0]) * section["budget"],
    }
    problems = [
        f"{path}: {name} reaches from {values.min():.3g} to {values.max():.3g}, beyond "
        f"beta_limits [{low:g}, {high:g}]: it would be drawn off the plot; widen beta_limits"
        for name, values in drawn.items()
        if values.min() < low or values.max() > high
    ]
    if problems:
        raise ConfigError("\n".join(problems))


def axis_crossings(solutions: list[list[float]], angles: np.ndarray) -> np.ndarray:
    """The angles where a solution passes through an axis between two frames (a coefficient of
    opposite signs in the two), each by linear interpolation of that coefficient."""
    b = np.asarray(solutions, float)
    found = []
    for i, k in zip(*np.nonzero(b[1:] * b[:-1] < 0), strict=True):
        share = b[i, k] / (b[i, k] - b[i + 1, k])
        found.append(angles[i] + share * (angles[i + 1] - angles[i]))
    return np.asarray(sorted(found))
