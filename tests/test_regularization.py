"""Gradient descent on the penalties against closed forms."""

import math

import numpy as np
import pytest

from l1l2figures.maths.regularization import (
    NEAR_ZERO,
    descent_lesson,
    first_zero,
    gradient_descent,
    weight_readout,
)

RUNS = [
    {"w0": 2.0, "learning_rate": 0.05, "lam": 1.0, "n_frames": 50},
    {"w0": -1.3, "learning_rate": 0.1, "lam": 0.7, "n_frames": 40},
    {"w0": 0.5, "learning_rate": 0.01, "lam": 3.0, "n_frames": 30},
]


def weights(params: dict, l1_step: str, loss: str) -> np.ndarray:
    frames = gradient_descent({**params, "l1_step": l1_step})["frames"]
    return np.array([f[loss] for f in frames])


@pytest.mark.parametrize("params", RUNS)
def test_l2_shrinks_by_a_constant_factor_and_never_reaches_zero(params):
    k = np.arange(params["n_frames"])
    factor = 1 - 2 * params["learning_rate"] * params["lam"]
    l2 = weights(params, "proximal", "l2")
    np.testing.assert_allclose(l2, params["w0"] * factor**k, rtol=1e-12)
    assert np.all(l2 != 0) and np.all(np.sign(l2) == np.sign(params["w0"]))


@pytest.mark.parametrize("params", RUNS)
def test_proximal_l1_moves_by_constant_steps_then_stays_at_exactly_zero(params):
    k = np.arange(params["n_frames"])
    step = params["learning_rate"] * params["lam"]
    w0 = params["w0"]
    expected = np.maximum(abs(w0) - k * step, 0) * math.copysign(1, w0)
    l1 = weights(params, "proximal", "l1")
    np.testing.assert_allclose(l1, expected, rtol=0, atol=1e-12)
    zero_at = first_zero(list(l1))
    if abs(w0) / step < params["n_frames"] - 2:
        assert zero_at is not None
        assert zero_at in (math.ceil(abs(w0) / step), math.ceil(abs(w0) / step) + 1)
        assert np.all(l1[zero_at:] == 0.0)
        assert not any(math.copysign(1, w) < 0 for w in l1[zero_at:])  # no -0.0 either
    else:
        assert zero_at is None


@pytest.mark.parametrize(
    ("w0", "learning_rate", "lam", "l1_step", "steps"),
    [
        # whole numbers of steps in decimals, whose float steps leave round-off at the last one:
        # both steps land there (the subgradient's sign(0) = 0 keeps it)
        (0.3, 0.05, 1.0, "proximal", 6),  # 0.3 - 6 * 0.05 is 1.4e-17 in floats
        (0.3, 0.05, 1.0, "subgradient", 6),
        (-0.7, 0.1, 1.0, "proximal", 7),
        (-0.7, 0.1, 1.0, "subgradient", 7),
        (2.0, 0.05, 1.0, "subgradient", 40),  # the default's numbers
        (1.0, 0.3, 0.5, "proximal", 7),  # 0.15 a step: 6.67 steps, so 0 at the 7th
    ],
)
def test_l1_lands_on_exactly_0_at_the_step_the_config_s_decimals_give(
    w0, learning_rate, lam, l1_step, steps
):
    params = {"w0": w0, "learning_rate": learning_rate, "lam": lam, "n_frames": steps + 5}
    l1 = list(weights(params, l1_step, "l1"))
    assert first_zero(l1) == steps
    assert l1[steps:] == [0.0] * 5 and abs(l1[steps - 1]) > 0


def test_subgradient_l1_oscillates_around_zero_instead_of_landing():
    params = RUNS[0] | {"w0": 1.98}
    step = params["learning_rate"] * params["lam"]
    l1 = weights(params, "subgradient", "l1")
    tail = l1[-10:]
    assert first_zero(list(l1)) is None
    assert np.any(tail > 0) and np.any(tail < 0)  # it crosses 0 back and forth
    assert np.all(np.abs(tail) <= step)  # within one step of 0
    np.testing.assert_allclose(np.abs(np.diff(l1)), step)  # every step has the same size


def test_records_are_one_per_frame_and_carry_the_settings():
    descent = gradient_descent(RUNS[0] | {"l1_step": "proximal"})
    assert [f["step"] for f in descent["frames"]] == list(range(RUNS[0]["n_frames"]))
    assert (descent["learning_rate"], descent["lam"], descent["l1_step"]) == (0.05, 1.0, "proximal")


@pytest.mark.parametrize("params", RUNS)
@pytest.mark.parametrize("l1_step", ["proximal", "subgradient"])
def test_the_title_says_l1_lands_on_0_only_when_every_later_step_is_exactly_0(params, l1_step):
    l1 = list(weights(params, l1_step, "l1"))
    l2 = list(weights(params, l1_step, "l2"))
    title = descent_lesson(l1, l2)
    zeros = [k for k, w in enumerate(l1) if w == 0.0]
    lands = bool(zeros) and zeros == list(range(zeros[0], len(l1)))
    assert title.startswith("L1's steps land w on exactly 0") == lands
    # L2 shrinks geometrically (the closed form above) and is never exactly 0: its steps do not
    # stop short of 0, they keep shrinking
    assert title.endswith("L2's shrink and never reach it") == lands


def test_a_subgradient_run_that_hits_0_and_leaves_it_is_not_said_to_land():
    l1 = [0.1, 0.05, 0.0, 0.05, 0.0]
    assert descent_lesson(l1, [1.0, 0.5, 0.25, 0.125, 0.0625]).startswith(
        "L1's steps reach 0 and leave it"
    )


@pytest.mark.parametrize(
    "w, text", [(0.0, "0"), (0.75, "0.750"), (-0.0496, "−0.050"), (0.0004, NEAR_ZERO)]
)
def test_readouts_keep_one_precision_and_print_0_only_for_exactly_0(w, text):
    assert weight_readout(w) == text
