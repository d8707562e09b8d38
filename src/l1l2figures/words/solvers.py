"""The solvers figure's words: how many sweeps the lasso took, its exact zeros, and how close each
solver gets to its independently converged solution."""

from __future__ import annotations

import math

from l1l2figures.maths.solvers import REFERENCE_TOLERANCE, last_move, sweep_work
from l1l2figures.words import (
    ALT,
    DESCRIPTION,
    TITLE,
    Claim,
    accuracy,
    count,
    given,
    measured,
    passes,
)


def measures(result: dict) -> dict:
    """``result``: the solver comparison (``solvers.solver_comparison``)."""
    history = result["lasso_history"]
    work, each_sweep = result["lasso_work"], sweep_work(history)
    distance = result["lasso_distance"]
    return {
        "lasso_alpha": result["lasso_alpha"],
        "ridge_alpha": result["ridge_alpha"],
        "tolerance": result["tolerance"],
        "max_sweeps": result["max_sweeps"],
        "sweeps": len(history) - 1,
        "last_move": last_move(history),
        "settled": result["settled"],
        "n_coefficients": len(history[-1]),
        "zeros": sum(b == 0.0 for b in history[-1]),
        # None where the reference is all zeros (a large alpha): no relative distance to it
        "first_distance": distance[1] if math.isfinite(distance[1]) else None,
        "last_distance": distance[-1] if math.isfinite(distance[-1]) else None,
        "ridge_distance": result["ridge_distance"],
        "samples": result["samples"],
        "ridge_work": result["ridge_work"],
        "lasso_work": work[-1],
        "sweep_work": [min(each_sweep), max(each_sweep)],
        "gram_lasso_work": result["gram_lasso_work"][-1],
    }


def words(m: dict, colours: dict) -> list[Claim]:
    """``colours``: names of the ``l1`` and ``l2`` roles."""
    sweeps, zeros, n = m["sweeps"], m["zeros"], m["n_coefficients"]
    settled = m["settled"]
    claims = [
        Claim(
            TITLE,
            "lesson.lasso_iterates",
            "Computational difficulty: ridge takes one linear solve, the lasso iterates",
            {"sweeps": sweeps},
        )
        if sweeps > 1
        else Claim(TITLE, "name", "Computational difficulty: ridge and the lasso")
    ]
    lead = (
        f"On scikit-learn's diabetes data, the lasso (α = {given(m['lasso_alpha'])}) is found by "
        "coordinate descent: one coefficient at a time, sweep after sweep"
    )
    zeros_text = f"{zeros} of its {count(n, 'coefficient')} at exactly 0"
    if settled:
        settling = "lasso_settles"
        text = (
            f"{lead}, until no coefficient moves more than {given(m['tolerance'])}: "
            f"{count(sweeps, 'sweep')}, with {zeros_text}."
        )
    else:
        settling = "lasso_stops_unsettled"
        text = (
            f"{lead}; it stops at max_sweeps = {sweeps} before settling (the last sweep still "
            f"moves a coefficient by {measured(m['last_move'])}), with {zeros_text}."
        )
    facts = {
        "lasso_alpha": m["lasso_alpha"],
        "tolerance": m["tolerance"],
        "sweeps": sweeps,
        "last_move": m["last_move"],
        "zeros": zeros,
        "n_coefficients": n,
    }
    claims.append(Claim(DESCRIPTION, settling, text, facts))
    measure = (
        "The top panel measures both the same way: the relative distance to a solution found "
        "independently (scikit-learn's Lasso run with tol = "
        f"{given(REFERENCE_TOLERANCE)}; ridge as least squares on the augmented system)."
    )
    ridge = (
        f"ridge (α = {given(m['ridge_alpha'])}) has a closed form, one linear solve, which lands "
        f"at {accuracy(m['ridge_distance'])}."
    )
    if m["last_distance"] is None:
        key = "distances.lasso_reference_zero"
        text = (
            f"{measure} The independent lasso solution is all zeros at this α, so the lasso has "
            f"no relative distance to it; {ridge}"
        )
    else:
        key = "distances"
        text = (
            f"{measure} The lasso's is 1 at the start, {accuracy(m['first_distance'])} after one "
            f"sweep and {accuracy(m['last_distance'])} after the last; {ridge}"
        )
    facts = {
        "first_distance": m["first_distance"],
        "last_distance": m["last_distance"],
        "ridge_alpha": m["ridge_alpha"],
        "ridge_distance": m["ridge_distance"],
    }
    claims.append(Claim(DESCRIPTION, key, text, facts))
    claims.append(work_claim(m))
    alt = (
        f"Computational difficulty: lasso coordinate descent takes {count(sweeps, 'sweep')}"
        f"{' to settle' if settled else ' without settling'} ({zeros_text}): "
        f"{passes(m['lasso_work'])} over the data, or {measured(m['gram_lasso_work'])} on X'X; "
        f"ridge takes one linear solve, {passes(m['ridge_work'])}."
    )
    facts = {
        "sweeps": sweeps,
        "zeros": zeros,
        "last_move": m["last_move"],
        "lasso_work": m["lasso_work"],
        "gram_lasso_work": m["gram_lasso_work"],
        "ridge_work": m["ridge_work"],
    }
    claims.append(Claim(ALT, settling, alt, facts))
    return claims


def work_claim(m: dict) -> Claim:
    """What the work axis counts, for each method; and what the same sweeps would cost on X'X,
    which ridge's solve forms too: the lasso's extra work depends on how it sweeps, its iterating
    does not."""
    n, p = m["samples"], m["n_coefficients"]
    low, high = (measured(work) for work in m["sweep_work"])
    each_sweep = f"{low} passes" if low == high else f"{low} to {high} passes"
    text = (
        f"Both panels' x axis is work, counted in passes over the data ({n} × {p} "
        "multiply-adds each): a lasso sweep takes a dot product per coefficient and a residual "
        f"update per coefficient that moves ({each_sweep} here, after one pass to scale the "
        f"columns), {passes(m['lasso_work'])} in all; ridge forms X'X and X'y and solves a "
        f"{p} × {p} system, {passes(m['ridge_work'])}, marked by a line up both panels. The "
        "lasso's extra work depends on how it sweeps: on X'X, formed as ridge forms it (covariance "
        "updates, glmnet's default for a Gaussian lasso of fewer than 500 coefficients), the same "
        f"{count(m['sweeps'], 'sweep')} would take {passes(m['gram_lasso_work'])}. What does not "
        "depend on it is that the lasso iterates, to a tolerance, where ridge solves once."
    )
    keys = ("samples", "n_coefficients", "sweep_work", "ridge_work", "lasso_work", "sweeps")
    return Claim(DESCRIPTION, "work", text, {key: m[key] for key in (*keys, "gram_lasso_work")})
