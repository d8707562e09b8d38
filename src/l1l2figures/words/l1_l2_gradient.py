"""The L1-L2 gradient's words: what each step rule does to the weight, from the two runs."""

from __future__ import annotations

import itertools

from l1l2figures.maths.regularization import weight_readout
from l1l2figures.words import ALT, DESCRIPTION, TITLE, Claim, count, given, measured, swept

# Two step sizes that differ by less than this (relative) are equal: floating-point round-off.
SAME_STEP = 1e-9
# What the scene draws in its two panels (scenes/l1_l2_gradient.py): the tests check it there.
PANELS = Claim(
    DESCRIPTION,
    "drawing.panels",
    "Left: the slopes of the penalties |w| and w², sign(w) and 2w, which set the size of each "
    "gradient step; at w = 0, where |w| has a corner, the L1 slope is any value from −1 to 1. "
    "Right: each weight's distance |w| from 0 after each step, as a staircase on a log scale, "
    "with exactly 0 on a line of its own below it. Each staircase is drawn faint in full from "
    "the first frame, and drawn over in its colour step by step.",
)
METHODS = {
    "proximal": "proximal steps (soft-thresholding)",
    "subgradient": "plain subgradient steps",
}


def measures(descent: dict) -> dict:
    """``descent``: the gradient-descent runs (``regularization.gradient_descent``)."""
    frames = descent["frames"]
    l1 = [f["l1"] for f in frames]
    l2 = [f["l2"] for f in frames]
    rate = descent["learning_rate"] * descent["lam"]
    first_zero = next((k for k, w in enumerate(l1) if w == 0.0), None)
    crossing = next((k for k, (a, b) in enumerate(itertools.pairwise(l1), 1) if a * b < 0), None)
    after = l1[crossing:] if crossing is not None else []
    # L1 moves by the same step, learning_rate * lam, while the weight is at least a step from 0.
    far_moves = [abs(b - a) for a, b in itertools.pairwise(l1) if abs(a) >= rate]
    return {
        "w0": l1[0],
        "learning_rate": descent["learning_rate"],
        "lam": descent["lam"],
        "l1_step": descent["l1_step"],
        "n_steps": len(frames) - 1,
        "step_size": rate,
        # a step at least as large as learning_rate * lam is taken, and every such step has that
        # size (when w0 is within one step of 0, no step is taken at full size)
        "l1_constant_step": bool(far_moves)
        and all(abs(m - rate) <= SAME_STEP * rate for m in far_moves),
        "l1_starts_within_a_step": abs(l1[0]) < rate,
        "l1_first_zero": first_zero,
        "l1_stays_zero": first_zero is not None and all(w == 0.0 for w in l1[first_zero:]),
        "l1_crossing": crossing,
        # after the first crossing: does w change sides at every step, never exactly 0?
        "l1_alternates": bool(after)
        and all(a * b < 0 for a, b in itertools.pairwise(after))
        and 0.0 not in after,
        "l1_after_crossing": [min(map(abs, after)), max(map(abs, after))] if after else None,
        "l1_last": l1[-1],
        "l2_factor": 1 - 2 * rate,
        "l2_last": l2[-1],
        "l2_never_zero": 0.0 not in l2,
        "l2_same_sign": all(w * l2[0] > 0 for w in l2),
        # frame by frame, for the player: each weight after each step
        "frames": {"l1": l1, "l2": l2},
    }


def words(m: dict, colours: dict) -> list[Claim]:
    """``colours``: names of the ``l1`` and ``l2`` roles."""
    lands = m["l1_stays_zero"]
    l2_not = m["l2_never_zero"]
    title = (
        Claim(TITLE, "lesson.l1_zero_l2_not", "Why L1 regularization makes weights exactly zero")
        if lands and l2_not
        else Claim(TITLE, "name", "Gradient descent on the L1 and L2 penalties")
    )
    setup = (
        f"Both weights start at w0 = {given(m['w0'])} and are updated with learning rate "
        f"{given(m['learning_rate'])} and strength λ = {given(m['lam'])}."
    )
    facts = {"w0": m["w0"], "learning_rate": m["learning_rate"], "lam": m["lam"]}
    claims = [title, PANELS, Claim(DESCRIPTION, "setup", setup, facts)]
    step = measured(m["step_size"], 3)
    l1_text = ""
    if m["l1_constant_step"]:
        l1_text = (
            f"The L1 step keeps its size, learning rate × λ = {step}, until the weight is within "
            "one step of 0"
        )
        claims.append(
            Claim(DESCRIPTION, "l1_constant_step", l1_text + ".", {"step_size": m["step_size"]})
        )
    elif m["l1_starts_within_a_step"]:
        text = f"The weight starts within one L1 step, learning rate × λ = {step}, of 0."
        facts = {"step_size": m["step_size"], "w0": m["w0"]}
        claims.append(Claim(DESCRIPTION, "l1_starts_within_a_step", text, facts))
    method = METHODS[m["l1_step"]]
    if lands:
        key, ending = (
            "l1_lands_on_zero",
            (
                f"With {method}, the L1 steps land the weight on exactly 0 at step "
                f"{m['l1_first_zero']}, where it stays."
            ),
        )
        facts = {"l1_first_zero": m["l1_first_zero"], "l1_step": m["l1_step"]}
    elif m["l1_alternates"]:
        closest, farthest = m["l1_after_crossing"]
        key, ending = (
            "l1_oscillates",
            (
                f"With {method}, the L1 weight overshoots 0 at step {m['l1_crossing']} and then "
                "jumps across 0 at every step, between "
                f"{measured(closest)} and {measured(farthest)} from it, never exactly 0."
            ),
        )
        facts = {
            "l1_crossing": m["l1_crossing"],
            "l1_after_crossing": m["l1_after_crossing"],
            "l1_step": m["l1_step"],
        }
    else:
        key, ending = (
            "l1_not_zero",
            (
                f"With {method}, the L1 weight is {measured(m['l1_last'], 3)} after "
                f"{count(m['n_steps'], 'step')}, not exactly 0."
            ),
        )
        facts = {"l1_last": m["l1_last"], "n_steps": m["n_steps"], "l1_step": m["l1_step"]}
    claims.append(Claim(DESCRIPTION, key, ending, facts))
    if l2_not and m["l2_same_sign"] and 0 < m["l2_factor"] < 1:
        text = (
            "The L2 step shrinks with w: each step multiplies w by 1 − 2 × learning rate × λ = "
            f"{measured(m['l2_factor'], 3)}, so after {count(m['n_steps'], 'step')} the L2 weight "
            f"is {weight_readout(m['l2_last'])}, as the figure prints it: it approaches 0 but "
            "never reaches it."
        )
        facts = {"l2_factor": m["l2_factor"], "l2_last": m["l2_last"], "n_steps": m["n_steps"]}
        claims.append(Claim(DESCRIPTION, "l2_shrinks_never_zero", text, facts))
    alt = (
        "The L1-L2 gradient: the slopes of the L1 and L2 penalties, and each weight's distance "
        "from 0 under gradient descent, on a log scale with exactly 0 on a line below it"
    )
    if lands and l2_not:
        alt += (
            f"; with {METHODS[m['l1_step']]} for L1, the L1 weight reaches exactly 0 at step "
            f"{m['l1_first_zero']}, the L2 weight never"
        )
        claims.append(
            Claim(
                ALT,
                "lesson.l1_zero_l2_not",
                alt + ".",
                {"l1_first_zero": m["l1_first_zero"], "l1_step": m["l1_step"]},
            )
        )
    else:
        claims.append(Claim(ALT, "name", alt + "."))
    return claims


def _weight(w: float) -> str:
    return "exactly 0" if w == 0.0 else measured(w, 3)


def frame_words(m: dict) -> dict:
    """Each frame: the step, and each weight after it."""
    l1, l2 = m["frames"]["l1"], m["frames"]["l2"]
    labels = [f"step {k}" for k in range(len(l1))]
    sentences = [
        f"Step {k}: the L1 weight is {_weight(w1)}, the L2 weight {_weight(w2)}."
        for k, (w1, w2) in enumerate(zip(l1, l2, strict=True))
    ]
    return swept("gradient step", labels, sentences)
