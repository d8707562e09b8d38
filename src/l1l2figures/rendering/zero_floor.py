"""A log axis with exactly 0 on a floor of its own below it: a value at 0 sits clearly below one
that is only small, however small (the gradient's |w|, sparsity's smallest coefficient). The axis
line stops short of the floor, with a break mark: the log scale does not reach 0.
"""

import math

import numpy as np
from matplotlib.lines import Line2D
from matplotlib.ticker import FixedLocator

from l1l2figures.rendering.style import zero_line_look

# In fractions of the decades the values span: room above the largest value and below the floor
# (multiplicative headroom, so the markers there are whole), and the gap between the smallest
# value that is not 0 and the floor where exactly 0 is drawn.
LOG_MARGIN = 0.12
FLOOR_GAP = 0.14
MIN_DECADES = 1.0  # values that span less than tenfold still get a power of 10 to read
MAX_DECADE_TICKS = 5  # more decades than this are labelled every second, third, ... one
PLAIN_DECADES = 3  # 10^k for |k| up to this is written as a plain number (0.001, 1000)
MINOR_TICK_FACTORS = range(2, 10)  # minor ticks at 2, 3, ..., 9 times each power of 10
BREAK_MARK = [(-1, -0.5), (1, 0.5)]  # a slash across the spine's end (matplotlib's broken axis)
BREAK_MARK_SIZE = 10


def log_axis(
    distance: dict[str, np.ndarray], floor_gap: float = FLOOR_GAP, margin: float = LOG_MARGIN
) -> dict:
    """The log axis of ``distance`` ({series: values >= 0}), in powers of 10 (the axis runs over
    log10 of the values, so that one down in floating point's subnormal range still has room
    below it): its limits, the floor where exactly 0 is drawn, its ticks, and each value's height
    on it.

    The floor lies ``floor_gap`` of the decades below the smallest value that is not 0, so a value
    at 0 is drawn clearly below one that is only small; the margins are multiplicative (a log
    axis has no room "below 0"); a shorter axis needs a wider gap and margins (``margin``), in
    the same pixels."""
    nonzero = np.concatenate(list(distance.values()))
    nonzero = nonzero[nonzero > 0]
    if not nonzero.size:  # every value exactly 0: one decade above the floor, empty
        nonzero = np.ones(1)
    high = math.log10(nonzero.max())
    low = min(math.log10(nonzero.min()), high - MIN_DECADES)
    decades = high - low
    floor = low - floor_gap * decades
    top = high + margin * decades
    # A power of 10 a little below the smallest value is labelled too (the decade that value lies
    # in), as long as its label stays clear of the floor's "0".
    first, last = math.ceil(low - floor_gap * decades / 4), math.floor(high)
    stride = math.ceil((last - first + 1) / MAX_DECADE_TICKS)
    majors = [k for k in range(first, last + 1) if k % stride == 0]  # 1 among them, if in range
    # between labelled neighbouring powers of 10 only: more would be a grey smear
    minors = [
        k + math.log10(f)
        for k in range(first - 1, last + 1)
        for f in MINOR_TICK_FACTORS
        if stride == 1 and low <= k + math.log10(f) <= top
    ]
    heights = {}
    for loss, d in distance.items():
        heights[loss] = np.full(d.shape, floor)  # exactly 0: on the floor
        heights[loss][d > 0] = np.log10(d[d > 0])
    return {
        "floor": floor,
        "limits": (floor - margin * decades, top),
        # the axis line stops halfway to the floor: the floor is not one more power of 10
        "spine_bottom": floor + floor_gap * decades / 2,
        "majors": [floor, *majors],
        "labels": ["0"] + [decade_label(k) for k in majors],
        "minors": minors,
        "heights": heights,
    }


def decade_label(k: int) -> str:
    """10^k as a reader writes it: a plain number near 1, a power of 10 beyond."""
    if abs(k) > PLAIN_DECADES:
        return f"$10^{{{k}}}$"
    return f"{10.0**k:.{max(-k, 0)}f}"


def draw_floor_axis(ax, axis: dict, style: dict) -> Line2D:
    """Lay out ``ax``'s y axis as ``log_axis`` says: limits, labelled powers of 10 and "0" at the
    floor, the spine broken above the floor, and the floor drawn as the zero line. Returns the
    break mark, which text near the floor must keep clear of."""
    ax.set_ylim(axis["limits"])
    ax.yaxis.set_major_locator(FixedLocator(axis["majors"]))
    ax.yaxis.set_minor_locator(FixedLocator(axis["minors"]))
    ax.set_yticklabels(axis["labels"])
    ax.yaxis.set_minor_formatter("")
    ax.spines["left"].set_bounds(axis["spine_bottom"], axis["limits"][1])
    # A break mark where the spine stops: the log scale does not reach the floor at 0.
    (mark,) = ax.plot(
        [0],
        [axis["spine_bottom"]],
        transform=ax.get_yaxis_transform(),
        marker=BREAK_MARK,
        markersize=BREAK_MARK_SIZE,
        linestyle="none",
        color=style["axis_color"],
        clip_on=False,
    )
    ax.axhline(axis["floor"], **zero_line_look(style))
    return mark
