"""Preparing the config for the schema, and the checks that JSON Schema cannot express."""

import yaml

from l1l2figures.errors import ConfigError
from l1l2figures.formats import VIDEO_BLOCK_PX
from l1l2figures.regularization import L1_STEP_FUNCTIONS, first_zero, l2_step, trajectory
from l1l2figures.taxicab import check_paths

# The figures that are animations: written in every format of config["formats"].
ANIMATIONS = ("outlier_sweep", "l1_l2_gradient", "robustness", "sparsity")


def check_config(config: dict) -> None:
    """Every check that needs more than one key; raises ConfigError naming the keys."""
    check_intervals(config)
    check_gradient_descent(config["l1_l2_gradient"])
    check_paths(config["manhattan_distance"])
    check_loss_matrix(config["sparsity"]["loss_matrix"], "config.sparsity.loss_matrix")
    if "mp4" in config["formats"]:
        for figure in ANIMATIONS:
            check_video_frame_size(config[figure]["style"], f"config.{figure}.style")


def check_loss_matrix(matrix: list[list[float]], path: str) -> None:
    """The loss (b - c)' A (b - c) is a bowl only for a symmetric positive definite A."""
    (a, b), (c, d) = matrix
    if b != c or not (a > 0 and a * d - b * c > 0):
        raise ConfigError(
            f"{path} = {matrix}: must be symmetric with a positive first entry and determinant, "
            "so that the loss has one minimum"
        )


def frame_size_px(style: dict) -> list[int]:
    """[width, height] of a figure in pixels, truncated as matplotlib does."""
    return [int(inches * style["dpi"]) for inches in style["size_in"]]


def check_video_frame_size(style: dict, path: str) -> None:
    """Refuse frame sizes that an MP4 encoder would have to rescale."""
    width, height = frame_size_px(style)
    if width % VIDEO_BLOCK_PX or height % VIDEO_BLOCK_PX:
        raise ConfigError(
            f"{path}: size_in {style['size_in']} at dpi {style['dpi']} gives {width} x {height} px; "
            f"MP4 (in config.formats) needs both to be multiples of {VIDEO_BLOCK_PX} px"
        )


# Keys holding [low, high] pairs end in one of these; low must be below high.
INTERVAL_SUFFIXES = ("_range", "_limits")


def check_intervals(config: dict, path: str = "config") -> None:
    """Refuse any ``*_range`` or ``*_limits`` pair whose first value is not below its second."""
    for key, value in config.items():
        where = f"{path}.{key}"
        if isinstance(value, dict):
            check_intervals(value, where)
        elif key.endswith(INTERVAL_SUFFIXES) and not value[0] < value[1]:
            raise ConfigError(f"{where} = {value}: the first value must be less than the second")


def check_gradient_descent(params: dict, path: str = "config.l1_l2_gradient") -> None:
    """Refuse settings under which the gradient figure would not show its lesson.

    L2 steps multiply w by 1 - 2 * learning_rate * lam: in (0, 1) w shrinks toward 0; at 0 it jumps
    to 0 in one step, below 0 it flips sign each step, and below -1 it diverges. The L1 weight must
    also reach 0 (proximal) or its neighbourhood (subgradient) within the frames, with a frame to spare.
    """
    lr, lam = params["learning_rate"], params["lam"]
    factor = 1 - 2 * lr * lam
    if not 0 < factor < 1:
        behaviour = (
            "diverges" if factor <= -1 else "flips sign every step" if factor < 0 else "jumps to 0"
        )
        raise ConfigError(
            f"{path}.learning_rate = {lr} with lam = {lam}: each L2 step multiplies w by "
            f"1 - 2 * learning_rate * lam = {factor:g}, so the L2 weight {behaviour}; "
            f"choose learning_rate * lam below 0.5"
        )
    l2 = trajectory(l2_step, params["w0"], lr, lam, params["n_frames"])
    underflow = first_zero(l2)
    if underflow is not None:
        raise ConfigError(
            f"{path}: the L2 weight shrinks below the smallest float and becomes 0.0 at step "
            f"{underflow}, which the figure would show as exactly 0; use fewer n_frames "
            f"(at most {underflow}) or a smaller learning_rate * lam"
        )
    proximal = trajectory(L1_STEP_FUNCTIONS["proximal"], params["w0"], lr, lam, params["n_frames"])
    zero_at = first_zero(proximal)
    if zero_at is None or zero_at > params["n_frames"] - 2:
        needed = abs(params["w0"]) / (lr * lam)
        raise ConfigError(
            f"{path}.n_frames = {params['n_frames']} is too few: the L1 weight needs about "
            f"|w0| / (learning_rate * lam) = {needed:.0f} steps to reach 0; "
            f"use n_frames >= {int(needed) + 3}, or a larger learning_rate or lam"
        )


def parse_numbers(value):
    """``value`` with every string that reads as a YAML number turned into that number.

    Snakemake parses nested ``--config`` values with YAML's BaseLoader, which keeps every scalar a
    string: ``--config outlier_sweep='{n_frames: 120}'`` arrives as ``{'n_frames': '120'}``.
    """
    if isinstance(value, dict):
        return {key: parse_numbers(item) for key, item in value.items()}
    if isinstance(value, list):
        return [parse_numbers(item) for item in value]
    if isinstance(value, str):
        try:
            number = yaml.safe_load(value)
        except yaml.YAMLError:
            return value
        if isinstance(number, (int, float)) and not isinstance(number, bool):
            return number
    return value
