"""Computational difficulty: the lasso needs an iterative solver, ridge one linear solve.

Coordinate descent for the lasso, minimising |y - Xb|^2 / (2n) + alpha |b|_1: each sweep updates one
coefficient at a time by soft-thresholding, holding the others fixed, until no coefficient moves
more than a tolerance. Ridge's minimiser has a closed form (models.ridge_closed_form).

Both are measured the same way: relative distance to a solution found independently, by other code
(scikit-learn's ``Lasso`` at a far tighter tolerance; for ridge, least squares on the augmented
system [X; sqrt(alpha) I] b = [y; 0], which never forms X'X). And both are costed the same way:
their multiply-adds, counted in passes over the data (n * p each), so that ridge's one solve is
placed against the lasso's sweeps by the work each takes, not as if it took none.
"""

import numpy as np

from l1l2figures.maths.models import diabetes, feature_names, ridge_closed_form
from l1l2figures.maths.regularization import soft_threshold

# The lasso reference: converged far beyond any tolerance the figure shows.
REFERENCE_TOLERANCE = 1e-14
REFERENCE_MAX_ITER = 10**6
SCALING_PASSES = 1  # coordinate descent's work before its first sweep: the columns' squared norms


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
    n, p = x.shape
    lasso_ref = lasso_reference(x, y, params["lasso_alpha"])
    ridge_ref = ridge_reference(x, y, params["ridge_alpha"])
    return {
        **params,
        "features": feature_names(),
        "lasso_history": history,
        "lasso_reference": lasso_ref.tolist(),
        "lasso_distance": relative_distance(history, lasso_ref).tolist(),
        "lasso_work": lasso_work(history),
        "settled": last_move(history) < params["tolerance"],
        "ridge": ridge.tolist(),
        "ridge_reference": ridge_ref.tolist(),
        "ridge_distance": float(relative_distance(ridge, ridge_ref)),
        "ridge_work": ridge_work(n, p),
        "gram_lasso_work": gram_lasso_work(n, p, len(history) - 1),
        "samples": n,
    }


def last_move(history: list[list[float]]) -> float:
    """How far the last sweep moved any coefficient: under the tolerance once the lasso settled."""
    return max(abs(a - b) for a, b in zip(history[-1], history[-2], strict=True))


def sweep_work(history: list[list[float]]) -> list[float]:
    """The work of each sweep of coordinate descent in ``history``, in passes over the data: one
    dot product with the residual per coefficient (n multiply-adds, 1 / p of a pass) and one
    residual update per coefficient that moved (n more); a coefficient held at 0 costs its dot
    product only."""
    history = np.asarray(history)
    p = history.shape[1]
    return ((p + np.count_nonzero(np.diff(history, axis=0), axis=1)) / p).tolist()


def lasso_work(history: list[list[float]]) -> list[float]:
    """The work done by each entry of ``history``, in passes over the data: the start (all zeros)
    after SCALING_PASSES, then each sweep's ``sweep_work`` on top."""
    return [SCALING_PASSES, *(SCALING_PASSES + np.cumsum(sweep_work(history))).tolist()]


def gram_lasso_work(n: int, p: int, sweeps: int) -> list[float]:
    """The work of the same sweeps done on X'X instead of the data ("covariance updates", glmnet's
    default for a Gaussian lasso of fewer than 500 coefficients), up to each entry of the history,
    in passes over the data: the start once X'X's one triangle and X'y are formed, as ridge forms
    them; then p^2 multiply-adds per sweep (a row of X'X times the coefficients, per coefficient)."""
    formed = (n * p * (p + 1) / 2 + n * p) / (n * p)
    return [formed + sweep * p**2 / (n * p) for sweep in range(sweeps + 1)]


def ridge_work(n: int, p: int) -> float:
    """The work of ridge's one solve (``models.ridge_closed_form``), in passes over the data:
    X'X (one triangle, by symmetry: n p (p + 1) / 2 multiply-adds), X'y (n p), then an LU solve of
    the p x p system (p^3 / 3, and p^2 for its two triangular solves)."""
    return (n * p * (p + 1) / 2 + n * p + p**3 / 3 + p**2) / (n * p)


def lasso_reference(x: np.ndarray, y: np.ndarray, alpha: float) -> np.ndarray:
    """The lasso by scikit-learn's own coordinate descent, converged to REFERENCE_TOLERANCE."""
    from sklearn.linear_model import Lasso  # here: only the fit job pays for scikit-learn

    model = Lasso(
        alpha=alpha, fit_intercept=False, tol=REFERENCE_TOLERANCE, max_iter=REFERENCE_MAX_ITER
    )
    return model.fit(x, y).coef_


def ridge_reference(x: np.ndarray, y: np.ndarray, alpha: float) -> np.ndarray:
    """Ridge as ordinary least squares on the augmented system (SVD-based, no normal equations)."""
    p = x.shape[1]
    augmented_x = np.vstack([x, np.sqrt(alpha) * np.eye(p)])
    augmented_y = np.concatenate([y, np.zeros(p)])
    return np.linalg.lstsq(augmented_x, augmented_y, rcond=None)[0]


def relative_distance(b: np.ndarray, reference: np.ndarray) -> np.ndarray:
    """|b - reference| / |reference| (per row if b holds several iterates); NaN when the reference
    is all zeros (a large alpha), where no relative distance exists."""
    with np.errstate(invalid="ignore", divide="ignore"):  # the NaN is the answer, not a fault
        return np.linalg.norm(np.asarray(b) - reference, axis=-1) / np.linalg.norm(reference)
