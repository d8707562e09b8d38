"""Computational difficulty: the lasso needs an iterative solver, ridge one linear solve.

Coordinate descent for the lasso, minimising |y - Xb|^2 / (2n) + alpha |b|_1: each sweep updates one
coefficient at a time by soft-thresholding, holding the others fixed, until no coefficient moves
more than a tolerance. Ridge's minimiser has a closed form (models.ridge_closed_form).
"""

import numpy as np

from l1l2figures.models import diabetes, feature_names, ridge_closed_form
from l1l2figures.regularization import soft_threshold


def lasso_coordinate_descent(
    x: np.ndarray, y: np.ndarray, alpha: float, tolerance: float, max_sweeps: int
) -> list[list[float]]:
    """The coefficients after each sweep (the start, all zeros, first) until they settle."""
    n, p = x.shape
    b = np.zeros(p)
    residual = y.astype(float).copy()
    column_scale = (x**2).sum(axis=0) / n
    history = [b.tolist()]
    for _ in range(max_sweeps):
        largest_move = 0.0
        for j in range(p):
            old = b[j]
            # Correlation of column j with the residual that ignores coefficient j.
            rho = x[:, j] @ residual / n + column_scale[j] * old
            b[j] = soft_threshold(rho, alpha) / column_scale[j]
            if b[j] != old:
                residual -= x[:, j] * (b[j] - old)
                largest_move = max(largest_move, abs(b[j] - old))
        history.append(b.tolist())
        if largest_move < tolerance:
            break
    return history


def solver_comparison(params: dict) -> dict:
    """Lasso by coordinate descent, sweep by sweep, and ridge by one solve, on the diabetes data."""
    x, y = diabetes()
    history = lasso_coordinate_descent(
        x, y, params["lasso_alpha"], params["tolerance"], params["max_sweeps"]
    )
    ridge = ridge_closed_form(x, y, params["ridge_alpha"])
    normal_equations = x.T @ x + params["ridge_alpha"] * np.eye(x.shape[1])
    residual = np.linalg.norm(normal_equations @ ridge - x.T @ y) / np.linalg.norm(x.T @ y)
    return {
        **params,
        "features": feature_names(),
        "lasso_history": history,
        "ridge": ridge.tolist(),
        "ridge_relative_residual": float(residual),
    }
