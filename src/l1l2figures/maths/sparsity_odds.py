"""Why L1 gives zeros, by the odds: Terence Parr's simulation of random quadratic losses
(explained.ai, "The difference between L1 and L2 regularization"; setup in
parrt/ml-articles, regularization/code/loss2d.py), reproduced and then solved exactly.

Each loss is a(b1 - c1)^2 + b(b2 - c2)^2 + tilt (b1 - c1)(b2 - c2): a bowl round its
unconstrained minimum (c1, c2), drawn uniformly in [-limit, limit]^2 but outside the region. Its
minimum inside the L1 diamond |b1| + |b2| <= t and inside the L2 disc |b| <= t is found twice:

- as the article does: the loss at ``boundary_points`` points of the region's edge (a quarter of
  them on each side of the diamond, or on each quarter of the circle, both ends included), the
  lowest wins. The diamond's walk contains its corners, so an L1 zero there is exactly 0.0; the
  circle's axis points are t cos(pi/2), about 1e-16 t in floating point, so an L2 coefficient
  counts as zero when it is within ``ROUND_OFF`` t of 0, far below the walk's next point off an
  axis (t sin(2 pi / boundary_points), 0.13 for t = 2).
- exactly (``maths.sparsity`` has the scalar solvers; these are the same conditions, vectorised
  over the losses): the diamond's corners and the best interior point of each edge; the disc's
  boundary point from the Lagrange condition (A + mu I) b = A c, mu by bisection.

How close to zero counts for L2 is not in the article's code: its text calls a coefficient
"close to zero" within 10% of the largest coefficient (its orange dots), but that rule gives L2
shares near 9%, 16% and 66%, not the published 3%, 5% and 45%, which the walk's axis points alone
reproduce. We count those, and measure the 10% rule beside them (``near_fraction``).

Each family draws its losses as the article's code does: a and b uniform in ``stretch``, the tilt
uniform in ``tilt``; ``round`` sets b = a; ``weak`` sets one of a, b (either, with equal odds) to
that small value. A draw that is not a bowl (a, b > 0 and 4ab > tilt^2, the exact form of the
article's check that no point of a grid lies below the minimum) is drawn again, as the article's
repeat-until loop does.
"""

from __future__ import annotations

import numpy as np

from l1l2figures.errors import ConfigError

FAMILIES = ("symmetric", "general", "one_weak")
NORMS = ("l1", "l2")
SIDES = (
    4  # the diamond's sides, or the circle's quarters: the walk puts boundary_points / 4 on each
)
# An L2 walk coefficient this close to 0 (relative to t) is the walk's axis point: cos(pi/2) in
# floating point is about 6e-17, every other point of the walk is at least t sin(2 pi / 100) away.
ROUND_OFF = 1e-12
BISECTION_STEPS = 200  # halvings of the Lagrange multiplier's bracket: past float precision
MAX_DRAW_ROUNDS = (
    1000  # redraws of the non-bowls before a family is refused as (nearly) never a bowl
)
# The article's shares, in percent of its 5,000 losses per family (its text, section "L1 vs L2
# regularization: by the odds"): a coefficient at zero in the constrained minimum.
PUBLISHED = {
    "symmetric": {"l1": 66, "l2": 3},
    "general": {"l1": 72, "l2": 5},
    "one_weak": {"l1": 80, "l2": 45},
}
REPRODUCED_WITHIN = 4  # percentage points: the bar for "reproduced"
PERCENT = 100
# The square of minima is at least this many region sizes wide each way, so the region covers at
# most pi / 16 of it and the redraws of minima inside it end quickly.
MIN_LIMIT_PER_SIZE = 2


def is_bowl(a: np.ndarray, b: np.ndarray, tilt: np.ndarray) -> np.ndarray:
    """Whether each loss has one minimum (its matrix [[a, tilt/2], [tilt/2, b]] positive definite)."""
    return (a > 0) & (b > 0) & (4 * a * b > tilt**2)


def draw_losses(rng: np.random.Generator, family: dict, n: int) -> np.ndarray:
    """``n`` bowls of the family, as rows (a, b, tilt)."""
    kept: list[np.ndarray] = []
    found = 0
    for _ in range(MAX_DRAW_ROUNDS):
        a = rng.uniform(*family["stretch"], n)
        b = a.copy() if family["round"] else rng.uniform(*family["stretch"], n)
        tilt = rng.uniform(*family["tilt"], n)
        if family["weak"] is not None:
            first_weak = rng.random(n) < 0.5
            a, b = np.where(first_weak, family["weak"], a), np.where(first_weak, b, family["weak"])
        rows = np.column_stack([a, b, tilt])[is_bowl(a, b, tilt)]
        kept.append(rows)
        found += len(rows)
        if found >= n:
            return np.vstack(kept)[:n]
    raise ConfigError(
        f"a family draws a bowl too rarely: {found} of {n} after {MAX_DRAW_ROUNDS} rounds"
    )


def inside(norm: str, points: np.ndarray, t: float) -> np.ndarray:
    """Whether each point lies in the region (the article redraws minima inside it)."""
    if norm == "l1":
        return np.abs(points).sum(axis=1) <= t
    return np.hypot(points[:, 0], points[:, 1]) <= t


def draw_centres(rng: np.random.Generator, norm: str, n: int, t: float, limit: float):
    """``n`` unconstrained minima, uniform in [-limit, limit]^2 outside the region."""
    kept: list[np.ndarray] = []
    found = 0
    while found < n:  # the region covers at most pi t^2 / (2 limit)^2 < 1 of the square (schema)
        points = rng.uniform(-limit, limit, (n, 2))
        kept.append(points[~inside(norm, points, t)])
        found += len(kept[-1])
    return np.vstack(kept)[:n]


def boundary_walk(norm: str, t: float, n_points: int) -> np.ndarray:
    """The article's points of the region's edge: n_points / 4 on each side of the diamond (corner
    to corner) or each quarter of the circle, both ends included."""
    per_side = n_points // SIDES
    if norm == "l1":
        s = np.linspace(0.0, 1.0, per_side)[:, None]
        corners = t * np.array([[0, 1], [1, 0], [0, -1], [-1, 0], [0, 1]], float)
        return np.vstack([(1 - s) * corners[k] + s * corners[k + 1] for k in range(SIDES)])
    angles = np.concatenate(
        [np.linspace(k * np.pi / 2, (k + 1) * np.pi / 2, per_side) for k in range(SIDES)]
    )
    return t * np.column_stack([np.cos(angles), np.sin(angles)])


def losses_at(losses: np.ndarray, centres: np.ndarray, points: np.ndarray) -> np.ndarray:
    """Each loss (row) at each point (column): a d1^2 + b d2^2 + tilt d1 d2, d = point - centre."""
    d1 = points[None, :, 0] - centres[:, 0, None]
    d2 = points[None, :, 1] - centres[:, 1, None]
    a, b, tilt = (losses[:, k, None] for k in range(3))
    return a * d1**2 + b * d2**2 + tilt * d1 * d2


def walk_minima(norm: str, losses, centres, t: float, n_points: int) -> np.ndarray:
    """The article's minimum: the walk's point with the lowest loss."""
    points = boundary_walk(norm, t, n_points)
    return points[np.argmin(losses_at(losses, centres, points), axis=1)]


def exact_l1(losses: np.ndarray, centres: np.ndarray, t: float) -> np.ndarray:
    """argmin over the diamond for centres outside it: a corner, or the best point of an edge."""
    corners = t * np.array([[1, 0], [0, 1], [-1, 0], [0, -1]], float)
    candidates = [np.broadcast_to(corner, centres.shape) for corner in corners]
    a, b, tilt = losses.T
    for k in range(SIDES):
        start, direction = corners[k], corners[(k + 1) % SIDES] - corners[k]
        # the loss along start + s * direction is a parabola in s; its vertex, where inside (0, 1)
        r = centres - start
        curvature = (
            a * direction[0] ** 2 + b * direction[1] ** 2 + tilt * direction[0] * direction[1]
        )
        slope = (
            2 * a * direction[0] * r[:, 0]
            + 2 * b * direction[1] * r[:, 1]
            + tilt * (direction[0] * r[:, 1] + direction[1] * r[:, 0])
        )
        s = slope / (2 * curvature)
        # strictly inside the edge; otherwise the corner, already a candidate
        s = np.where((s > 0) & (s < 1), s, 0.0)
        candidates.append(start + s[:, None] * direction)
    stacked = np.stack(candidates, axis=1)  # (n, candidates, 2)
    values = np.stack(
        [_loss_rows(losses, centres, stacked[:, j]) for j in range(stacked.shape[1])], axis=1
    )
    return stacked[np.arange(len(centres)), np.argmin(values, axis=1)]


def _loss_rows(losses: np.ndarray, centres: np.ndarray, points: np.ndarray) -> np.ndarray:
    """Loss i at point i."""
    d = points - centres
    return (
        losses[:, 0] * d[:, 0] ** 2 + losses[:, 1] * d[:, 1] ** 2 + losses[:, 2] * d[:, 0] * d[:, 1]
    )


def exact_l2(losses: np.ndarray, centres: np.ndarray, t: float) -> np.ndarray:
    """argmin over the disc for centres outside it: b(mu) = (A + mu I)^-1 A c with |b(mu)| = t,
    mu > 0 found by bisection (|b(mu)| falls as mu grows), for every loss at once."""
    a, b, tilt = losses.T
    half = tilt / 2
    target = np.column_stack(
        [a * centres[:, 0] + half * centres[:, 1], half * centres[:, 0] + b * centres[:, 1]]
    )

    def solution(mu: np.ndarray) -> np.ndarray:
        p, q = a + mu, b + mu
        det = p * q - half**2
        return (
            np.column_stack(
                [q * target[:, 0] - half * target[:, 1], p * target[:, 1] - half * target[:, 0]]
            )
            / det[:, None]
        )

    def too_long(mu: np.ndarray) -> np.ndarray:
        return np.hypot(*solution(mu).T) > t

    low, high = np.zeros(len(a)), np.ones(len(a))
    while np.any(outside := too_long(high)):
        high = np.where(outside, 2 * high, high)
    for _ in range(BISECTION_STEPS):
        mid = (low + high) / 2
        longer = too_long(mid)
        low, high = np.where(longer, mid, low), np.where(longer, high, mid)
    return solution(high)


def has_zero(minima: np.ndarray, tolerance: float = 0.0) -> np.ndarray:
    """Whether each minimum has a coefficient within ``tolerance`` of 0."""
    return np.any(np.abs(minima) <= tolerance, axis=1)


def share(flags: np.ndarray) -> float:
    """The percentage of True."""
    return float(PERCENT * np.mean(flags))


def odds(params: dict) -> dict:
    """Every family's losses, their minima and which have a zero coefficient, for each region:
    arrays named ``<family>_<norm>_<what>``."""
    t, n = params["region_size"], params["n_losses"]
    found: dict[str, np.ndarray] = {}
    for f, name in enumerate(FAMILIES):
        family = params["families"][name]
        for k, norm in enumerate(NORMS):
            # One stream per family and region: a change to one family leaves the others alone.
            rng = np.random.default_rng([params["seed"], f, k])
            losses = draw_losses(rng, family, n)
            centres = draw_centres(rng, norm, n, t, params["centre_limit"])
            walk = walk_minima(norm, losses, centres, t, params["boundary_points"])
            exact = (exact_l1 if norm == "l1" else exact_l2)(losses, centres, t)
            zero = 0.0 if norm == "l1" else ROUND_OFF * t
            prefix = f"{name}_{norm}"
            found |= {
                f"{prefix}_losses": losses,
                f"{prefix}_centres": centres,
                f"{prefix}_walk": walk,
                f"{prefix}_exact": exact,
                f"{prefix}_walk_zero": has_zero(walk, zero),
                f"{prefix}_exact_zero": has_zero(exact),
                f"{prefix}_walk_near": has_zero(walk, params["near_fraction"] * t),
            }
    return found


def shares(found: dict, what: str) -> dict:
    """{family: {norm: percent}} of the minima with a zero (``what``: walk_zero, exact_zero,
    walk_near)."""
    return {
        name: {norm: share(found[f"{name}_{norm}_{what}"]) for norm in NORMS} for name in FAMILIES
    }


def check_sparsity_odds(section: dict, path: str) -> None:
    """Refuse a family that draws another kind of loss than its name says, one that can never draw
    a bowl (the draws would repeat for ever), and a square of minima that the region fills nearly
    whole."""
    if section["centre_limit"] < MIN_LIMIT_PER_SIZE * section["region_size"]:
        raise ConfigError(
            f"{path}.centre_limit = {section['centre_limit']}: must be at least "
            f"{MIN_LIMIT_PER_SIZE} x region_size ({section['region_size']}), so that most minima "
            "fall outside the region"
        )
    families = section["families"]
    # What each family's name says of its losses (and the symmetric maps' outlines, drawn for
    # round bowls alone): a config may change the ranges, not what kind of loss a family draws.
    kinds = {
        "symmetric": (
            families["symmetric"]["round"] and families["symmetric"]["tilt"] == [0, 0],
            "its losses are round bowls: set round: true and tilt: [0, 0]",
        ),
        "general": (
            not families["general"]["round"] and families["general"]["tilt"] != [0, 0],
            "its losses are stretched and tilted: set round: false and a tilt other than [0, 0]",
        ),
        "one_weak": (
            families["one_weak"]["weak"] is not None,
            "its losses have one weak feature: set weak to a number",
        ),
    }
    for name, (holds, kind) in kinds.items():
        if not holds:
            raise ConfigError(f"{path}.families.{name}: {kind}")
    for name in FAMILIES:
        family = families[name]
        low, high = family["stretch"]
        tilt_low, tilt_high = family["tilt"]
        where = f"{path}.families.{name}"
        if low > high or tilt_low > tilt_high:
            raise ConfigError(f"{where}: stretch and tilt must be [low, high] with low <= high")
        weak = family["weak"]
        other = high if family["round"] or weak is None else weak
        smallest_tilt = 0.0 if tilt_low <= 0 <= tilt_high else min(tilt_low**2, tilt_high**2)
        if not (high > 0 and 4 * high * other > smallest_tilt):
            raise ConfigError(
                f"{where}: stretch {family['stretch']} and tilt {family['tilt']} never make a "
                "bowl (a, b > 0 and 4ab > tilt^2): the draws would repeat for ever"
            )
