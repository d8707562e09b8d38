"""Gradient descent on a penalty alone: why L1 drives a weight to exactly 0 and L2 does not.

With learning rate ``lr`` and strength ``lam``, a step is w <- w - lr * lam * slope(w):
- L2, norm w**2, slope 2w: each step multiplies w by (1 - 2 * lr * lam), so w shrinks
  geometrically and never reaches 0.
- L1, norm |w|, slope sign(w): each step has the same size lr * lam. The proximal step
  (soft-thresholding) stops at 0 instead of crossing it, so w lands on exactly 0 after finitely many
  steps and stays there. The plain subgradient step crosses 0 and oscillates around it, unless
  a step lands on 0 exactly (w0 a whole number of steps), where sign(0) = 0 keeps it.
"""

import itertools
from collections.abc import Callable
from fractions import Fraction

import numpy as np

from l1l2figures.errors import ConfigError
from l1l2figures.limits import MAX_FRAMES

SMALLEST_NORMAL = float(np.finfo(float).tiny)  # below it, floats lose precision on the way to 0.0
NORMS = {"l1": np.abs, "l2": np.square}
SLOPES = {"l1": np.sign, "l2": lambda w: 2 * w}  # sign(0) = 0, a subgradient of |w| at 0


def l2_step(w: float, lr: float, lam: float) -> float:
    return w - lr * lam * SLOPES["l2"](w)


def l1_subgradient_step(w, lr, lam):
    """w minus one step of lam * sign(w) (floats or fractions alike)."""
    return w - lr * lam * ((w > 0) - (w < 0))


def soft_threshold(value, threshold):
    """Move ``value`` toward 0 by ``threshold`` but never past it: exactly 0.0 (never -0.0) there
    (floats or fractions alike)."""
    shrunk = abs(value) - threshold
    if shrunk <= 0:
        return 0.0
    return shrunk if value > 0 else -shrunk


def l1_proximal_step(w, lr, lam):
    """The proximal step of lam * |w|: soft-thresholding by the step size lr * lam (floats or
    fractions alike)."""
    return soft_threshold(w, lr * lam)


L1_STEP_FUNCTIONS = {"proximal": l1_proximal_step, "subgradient": l1_subgradient_step}


def trajectory(step: Callable, w0, lr, lam, n: int) -> list[float]:
    """w_0 .. w_{n-1} of gradient descent from w0, each step taken on the one before as it is
    (a float, or an exact fraction), then each weight as a float."""
    ws = [w0]
    while len(ws) < n:
        ws.append(step(ws[-1], lr, lam))
    return [float(w) for w in ws]


def as_written(value: float) -> Fraction:
    """A config number as the decimal it is written as: 0.05 is 1/20, not the float nearest it."""
    return Fraction(repr(value))


def l1_trajectory(kind: str, w0: float, lr: float, lam: float, n: int) -> list[float]:
    """L1's weights, stepped in exact arithmetic on the config's decimals: its steps all have one
    size, and where the decimals say w0 is a whole number of them, w lands on exactly 0 at that
    step. Float steps would leave round-off there (0.3 - 6 * 0.05 is 1.4e-17 in floats), a
    weight "near 0, not 0" that is no fact about L1."""
    return trajectory(L1_STEP_FUNCTIONS[kind], *map(as_written, (w0, lr, lam)), n)


def gradient_descent(params: dict) -> dict:
    """The run's settings and one record per frame: the step number and both weights after it."""
    args = (params["w0"], params["learning_rate"], params["lam"], params["n_frames"])
    l1 = l1_trajectory(params["l1_step"], *args)
    l2 = trajectory(l2_step, *args)
    return {
        "learning_rate": params["learning_rate"],
        "lam": params["lam"],
        "l1_step": params["l1_step"],
        "frames": [{"step": k, "l1": w1, "l2": w2} for k, (w1, w2) in enumerate(zip(l1, l2))],
    }


def first_zero(ws: list[float]) -> int | None:
    """The first step at which w is exactly 0, or None."""
    return next((k for k, w in enumerate(ws) if w == 0.0), None)


def lands_on_zero(ws: list[float]) -> bool:
    """Whether w reaches exactly 0 and stays there to the end of the run."""
    zero = first_zero(ws)
    return zero is not None and all(w == 0.0 for w in ws[zero:])


def flips_sign_from(ws: list[float]) -> int | None:
    """The step from which w changes sign at every step to the end of the run, never exactly 0
    (the subgradient step's oscillation around 0), or None."""
    flips = [k + 1 for k, (a, b) in enumerate(itertools.pairwise(ws)) if a * b < 0]
    if not flips or 0.0 in ws[flips[0] :] or flips != list(range(flips[0], len(ws))):
        return None
    return flips[0]


def shrinking_steps(ws: list[float]) -> bool:
    """Whether every step is shorter than the one before (and none is zero)."""
    steps = np.abs(np.diff(ws))
    return bool(np.all(steps > 0) and np.all(np.diff(steps) < 0))


def descent_lesson(l1: list[float], l2: list[float]) -> str:
    """The run's finding as a title, claiming only what the two trajectories show."""
    if lands_on_zero(l1):
        l1_part = "L1's steps land w on exactly 0"
    elif first_zero(l1) is not None:
        l1_part = "L1's steps reach 0 and leave it"
    else:
        l1_part = "L1's steps keep their size"
    if lands_on_zero(l2):
        l2_part = "so do L2's"
    elif shrinking_steps(l2) and first_zero(l2) is None:
        l2_part = "L2's shrink and never reach it" if first_zero(l1) else "L2's shrink with w"
    else:
        l2_part = "L2's do not"
    return f"{l1_part}; {l2_part}"


def weight_readout(w: float) -> str:
    """A weight at one precision for every frame: "0" only when it is exactly 0."""
    if w == 0.0:
        return "0"
    if abs(w) < READOUT_RESOLUTION / 2:
        return NEAR_ZERO
    return f"{w:.{READOUT_DECIMALS}f}".replace("-", "−")  # a minus sign, not a hyphen


READOUT_DECIMALS = 3
READOUT_RESOLUTION = 10.0**-READOUT_DECIMALS
NEAR_ZERO = "≈0, not 0"  # a weight that would print as 0.000: never to be read as exactly 0


# The start's markers on the slope panel are whole when w0 lies this fraction of w_limits' span
# inside them (measured at the default size: -2.1 in [-2.5, 2.5] is whole, -2.16 is cut).
W0_ROOM = 0.08


def check_gradient_descent(params: dict, path: str) -> None:
    """Refuse settings under which the gradient figure would not show its lesson.

    L2 steps multiply w by 1 - 2 * learning_rate * lam: in (0, 1) w shrinks toward 0; at 0 it jumps
    to 0 in one step, below 0 it flips sign each step, and below -1 it diverges. The L1 weight must
    also reach 0 (proximal) or its neighbourhood (subgradient) within the frames, with a frame to spare;
    it moves learning_rate * lam per step, so a tiny rate needs more steps than any animation has.
    """
    lr, lam, w0 = params["learning_rate"], params["lam"], params["w0"]
    # in the decimals as written, so that a w0 on the bound is inside it
    low, high = (as_written(v) for v in params["w_limits"])
    room = as_written(W0_ROOM) * (high - low)
    if not low + room <= as_written(w0) <= high - room:
        raise ConfigError(
            f"{path}.w0 = {w0} is not inside w_limits [{float(low):g}, {float(high):g}] by "
            f"{float(room):g} ({W0_ROOM:g} of their span), which its markers need to be drawn "
            f"whole; choose w0 in [{float(low + room):g}, {float(high - room):g}] or wider w_limits"
        )
    rate = lr * lam
    factor = 1 - 2 * rate
    if factor <= 0:
        behaviour = (
            "diverges" if factor <= -1 else "flips sign every step" if factor < 0 else "jumps to 0"
        )
        raise ConfigError(
            f"{path}.learning_rate = {lr} with lam = {lam}: each L2 step multiplies w by "
            f"1 - 2 * learning_rate * lam = {factor:g}, so the L2 weight {behaviour}; "
            f"choose learning_rate * lam below 0.5"
        )
    steps_to_zero = abs(w0) / rate
    if steps_to_zero > MAX_FRAMES - 3:
        raise ConfigError(
            f"{path}.learning_rate = {lr} with lam = {lam} is too small: the L1 weight needs "
            f"|w0| / (learning_rate * lam) = {steps_to_zero:.3g} steps to reach 0, and an animation "
            f"has at most {MAX_FRAMES} frames; choose learning_rate * lam of at least "
            f"{abs(w0) / (MAX_FRAMES - 3):.2g}"
        )
    l2 = trajectory(l2_step, w0, lr, lam, params["n_frames"])
    # Below the smallest normal float a step no longer multiplies w by the factor exactly, and
    # soon makes it 0.0, which the figure would show as L2 reaching 0.
    underflow = next((k for k, w in enumerate(l2) if abs(w) < SMALLEST_NORMAL), None)
    if underflow is not None:
        raise ConfigError(
            f"{path}: the L2 weight shrinks below the smallest normal float ({SMALLEST_NORMAL:.2g})"
            f" at step {underflow}, where float steps lose precision and reach 0.0; use fewer "
            f"n_frames (at most {underflow}) or a smaller learning_rate * lam"
        )
    proximal = l1_trajectory("proximal", w0, lr, lam, params["n_frames"])
    zero_at = first_zero(proximal)
    if zero_at is None or zero_at > params["n_frames"] - 2:
        raise ConfigError(
            f"{path}.n_frames = {params['n_frames']} is too few: the L1 weight needs about "
            f"|w0| / (learning_rate * lam) = {steps_to_zero:.0f} steps to reach 0; "
            f"use n_frames >= {int(steps_to_zero) + 3}, or a larger learning_rate or lam"
        )
