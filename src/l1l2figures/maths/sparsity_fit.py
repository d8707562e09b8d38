"""The sparsity figure's fit: the constrained solutions of every frame and the lasso and ridge
paths, apart from ``sparsity``, which its scene draws with, and ``models``, which other fits use:
an edit to either reruns only the jobs that use it."""

from l1l2figures.maths.models import coefficient_paths
from l1l2figures.maths.sparsity import solutions


def sparsity_fits(data: dict, params: dict) -> dict:
    """The constrained solutions in every frame, and the lasso and ridge paths."""
    return {
        "solutions": solutions(params, data["centres"]),
        **coefficient_paths(data["lasso_alphas"], data["ridge_alphas"]),
    }
