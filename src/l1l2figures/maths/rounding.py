"""Rounding a measured value for print, where the direction matters: a printed bound must still
hold. Here, below words/, so that the config's checks (maths.models) can say a bound too."""

import math


def rounded_up(value: float, digits: int = 2) -> float:
    """``value`` > 0 rounded up to ``digits`` significant digits (0.020852 -> 0.021)."""
    scale = 10.0 ** (digits - 1 - math.floor(math.log10(value)))
    return math.ceil(round(value * scale, 9)) / scale
