"""Stability, measured on the outlier sweep's fits: how much each fitted curve moves.

Two numbers per outlier position, each a mean over the prediction grid:
- shift: how far the outlier moved the fit, |fit with the outlier - fit without it|;
- jump: how much the fit changes between two neighbouring outlier positions, |change|. A tree fit
  is discontinuous in the outlier's position, so the jump is not divided by the step: that would
  make its spikes scale with 1 / step, i.e. with n_frames.
"""

from collections.abc import Callable

import numpy as np

from l1l2figures.maths.rounding import rounded_up

LOSSES = ("l1", "l2")


def stability(fits: dict[str, np.ndarray]) -> dict[str, list[float]]:
    """Shift per outlier position and jump between neighbouring positions, per loss, and the x
    range of the prediction grid the means are taken over."""
    outlier_x = fits["outlier_x"]
    grid = fits["prediction_x"]
    result = {
        "outlier_x": outlier_x.tolist(),
        "midpoint_x": _midpoints(outlier_x).tolist(),
        "mean_over_x": [float(grid.min()), float(grid.max())],
    }
    for loss in LOSSES:
        with_outlier = fits[f"{loss}_with"]
        shift = np.abs(with_outlier - fits[f"{loss}_without"]).mean(axis=1)
        jump = np.abs(np.diff(with_outlier, axis=0)).mean(axis=1)
        result[f"{loss}_shift"] = shift.tolist()
        result[f"{loss}_jump"] = jump.tolist()
    return result


def crossing_steps(outlier_x: list[float], x: float) -> range | None:
    """The steps (indices into the jumps) over which the outlier first passes ``x``: from the last
    position on one side of it to the first on the other. One step, or two when a position lands
    exactly on ``x`` (the fit's jump is then split between them); None if it never passes."""
    last = None  # the last position not on x
    for j, position in enumerate(outlier_x):
        if position == x:
            continue
        if last is not None and (outlier_x[last] < x) != (position < x):
            return range(last, j)
        last = j
    return None


def crossing_jump(jumps: list[float], steps: range) -> float:
    """A fit's jump as the outlier crosses a point: the sum of its jumps over the steps spanned."""
    return float(sum(jumps[i] for i in steps))


def _midpoints(x: np.ndarray) -> np.ndarray:
    return (x[1:] + x[:-1]) / 2


# Two moves within this factor of each other are "about as far": a reader cannot tell them apart
# on the gauge, and a ratio of 1.0x would claim more than the measure supports.
SAME_MOVE_FACTOR = 1.1
# A jump this many times the sweep's median jump is a change of the fit's shape (a tree split
# moving), not the small drift of a leaf value as the outlier slides.
SHAPE_CHANGE_FACTOR = 5.0
# On a figure that draws moves as bars on one scale without printing them (the grid's panels), a
# move under this share of the largest is about a pixel of bar: no ratio to it can be read there.
MOVE_FLOOR_SHARE = 0.02
# Two jumps (or sums of jumps) within this factor of each other are "about as much".
ABOUT_AS_MUCH = 1.1
NAMES = {"l1": "L1", "l2": "L2"}


def move_floor(largest: float) -> float:
    """The move under which a bar drawn on a scale up to ``largest`` is too short to compare:
    MOVE_FLOOR_SHARE of it, rounded up to one digit so that "under 0.05" holds as printed."""
    return rounded_up(MOVE_FLOOR_SHARE * largest, 1) if largest > 0 else 0.0


def under_floor(l1_shifts, l2_shifts, floor: float) -> bool:
    """Whether any position's ``move_sentence`` says a move is under ``floor`` (a move that is
    not 0, with no ratio given)."""
    for l1, l2 in zip(l1_shifts, l2_shifts, strict=True):
        compared = moved_further(l1, l2, floor) is not None
        if 0 < (min(l1, l2) if compared else max(l1, l2)) < floor:
            return True
    return False


def moved_further(l1_shift: float, l2_shift: float, floor: float = 0.0) -> str | None:
    """The loss whose fit the outlier moves visibly further ("l1" or "l2"), or None when neither
    is (both within SAME_MOVE_FACTOR of each other, neither moved at all, or both moved less than
    ``floor``, see ``move_floor``)."""
    moves = {"l1": l1_shift, "l2": l2_shift}
    far, near = sorted(moves, key=moves.get, reverse=True)
    if moves[far] == 0 or moves[far] < floor:
        return None
    if moves[near] == 0 or moves[far] / moves[near] >= SAME_MOVE_FACTOR:
        return far
    return None


def move_sentence(
    l1_shift: float,
    l2_shift: float,
    printed: Callable[[float], float] | None = None,
    floor: float = 0.0,
) -> str:
    """What the two moves at one outlier position say, e.g. "L1 moved 4.3× as far as L2".

    ``printed``: a move as the figure prints it beside the sentence. The ratio is then that of the
    printed values, which a reader can check (1.48 and 0.43 give 3.4, where the moves give 3.5),
    unless they print a zero or fall within SAME_MOVE_FACTOR, against the measured moves.
    ``floor``: on a figure that draws the moves without printing them, the move under which a bar
    is too short to compare (``move_floor``): a move under it is said to be, with no ratio."""
    moves = {"l1": l1_shift, "l2": l2_shift}
    far = moved_further(l1_shift, l2_shift, floor)
    if far is None:
        if max(moves.values()) == 0:
            return "neither fit moved"
        if max(moves.values()) < floor:
            return f"both moved under {floor:g}"
        return "L1 and L2 moved about as far"
    near = "l2" if far == "l1" else "l1"
    if moves[near] == 0:
        return f"only {NAMES[far]} moved"
    if moves[near] < floor:
        return f"{NAMES[far]} moved, {NAMES[near]} under {floor:g}"
    ratio = moves[far] / moves[near]
    if printed is not None and printed(moves[near]) > 0:
        shown = printed(moves[far]) / printed(moves[near])
        ratio = shown if shown >= SAME_MOVE_FACTOR else ratio
    return f"{NAMES[far]} moved {ratio_text(ratio)}× as far as {NAMES[near]}"


WHOLE_RATIO = 10  # from here on a ratio's decimal says nothing a reader can see


def ratio_text(ratio: float) -> str:
    """A ratio of two moves, at least SAME_MOVE_FACTOR, to one decimal; to two where one would
    print the factor itself (1.13 as "1.13", not "1.1"): "moved 1.1× as far" would read as the
    very margin within which moves are "about as far"; whole from WHOLE_RATIO on (571, not 571.0)."""
    if ratio >= WHOLE_RATIO:
        return f"{ratio:.0f}"
    one = f"{ratio:.1f}"
    return f"{ratio:.2f}" if one == f"{SAME_MOVE_FACTOR:.1f}" else one


def sweep_lesson(
    l1_shift, l2_shift, shown: str | None = None, line_break: str = " ", floor: float = 0.0
) -> str:
    """The sweep's finding over every position, as a title: which fit the outlier moves further,
    by the same rule as each position's ``move_sentence`` (with its ``floor``). ``shown`` names
    the positions when they are a sample of the sweep (the grid's panels): "Wherever the outlier
    sits" would then speak of positions the figure does not show. ``line_break`` goes before a
    second clause (a figure's title breaks the line there)."""
    shifts = {"l1": l1_shift, "l2": l2_shift}
    further = [moved_further(a, b, floor) for a, b in zip(l1_shift, l2_shift, strict=True)]
    under = sum(0 < max(pair) < floor for pair in zip(l1_shift, l2_shift, strict=True))
    n, l1_further, l2_further = len(further), further.count("l1"), further.count("l2")
    everywhere = (
        "Wherever the outlier sits along x, it"
        if shown is None
        else f"In {'the one' if n == 1 else 'every'} {shown}, the outlier"
    )
    if l1_further == n:
        return f"{everywhere} moves the L1 fit further than the L2 fit"
    if l2_further == n:
        return f"{everywhere} moves the L2 fit further than the L1 fit"
    if l1_further == l2_further == 0:
        if under:  # not "about as far" where both moved too little to compare
            at = "in" if shown else "at"
            return (
                f"The outlier moves both fits about as far {at} {n - under} of {n} "
                f"{shown or 'position'}s, neither by {floor:g} or more {at} the rest"
            )
        return f"{everywhere} moves both fits about as far"
    more, less = ("l1", "l2") if l1_further >= l2_further else ("l2", "l1")
    counts = {"l1": l1_further, "l2": l2_further}
    at = "in" if shown else "at"  # in 5 of 9 panels, at 58 of 60 positions
    where = f"{at} {counts[more]} of {n} {shown or 'position'}s"
    lead = f"The outlier moves the {NAMES[more]} fit further"
    if counts[less]:
        return f"{lead} {where}, the {NAMES[less]} fit {at} {counts[less]}"
    if all(a > b for a, b in zip(shifts[more], shifts[less], strict=True)):
        # further everywhere, but at some positions only "about as far" (the frames' sentence):
        # "at 58 of 60" alone would read as if the other fit were moved further at the rest
        return (
            f"{everywhere} moves the {NAMES[more]} fit further than the {NAMES[less]} fit,"
            f"{line_break}by {SAME_MOVE_FACTOR:g}× or more {where}"
        )
    # not "the L2 fit at none", which reads as "the L2 fit is not moved"
    return f"{lead} than the {NAMES[less]} fit {where}"


def total_jumps(measures: dict) -> dict[str, float]:
    """{loss: its fit's jumps summed over the whole sweep}, from the ``stability`` measures."""
    return {loss: float(sum(measures[f"{loss}_jump"])) for loss in NAMES}


def crossings(points_x, measures: dict) -> list[dict]:
    """For each point the outlier passes, by x: the jump of each fit from the last outlier position
    on one side of the point's x to the first on the other (the first pass), summed over the steps
    between them: two when a position lands on the point and the jump is split between them."""
    found = []
    floor = stem_floor(measures)
    for x in sorted(set(points_x)):
        steps = crossing_steps(measures["outlier_x"], x)
        if steps is not None:
            found.append(
                {
                    "x": x,
                    "steps": [steps.start, steps.stop],
                    **{loss: crossing_jump(measures[f"{loss}_jump"], steps) for loss in NAMES},
                    "floor": floor,
                }
            )
    return found


def passed_point(points_x, measures: dict, i: int) -> float | None:
    """The x of the point the outlier has just passed at position ``i`` (its first pass, as
    ``crossings`` measures it: the step into position ``i`` is one of the crossing's), or None."""
    for crossing in crossings(points_x, measures):
        start, stop = crossing["steps"]
        if start <= i - 1 < stop:
            return crossing["x"]
    return None


def which_jumps_more(crossing: dict) -> str:
    """ "l1", "l2", "both" (within ABOUT_AS_MUCH of each other) or "neither": both jumps under the
    crossing's floor (the stems', ``stem_floor``), or 0, where no stem is drawn."""
    l1, l2 = crossing["l1"], crossing["l2"]
    if max(l1, l2) < crossing.get("floor", 0.0) or l1 == l2 == 0:
        return "neither"
    if min(l1, l2) > 0 and max(l1, l2) <= ABOUT_AS_MUCH * min(l1, l2):
        return "both"
    return "l1" if l1 > l2 else "l2"


JUMPS_MORE = {
    "l1": "L1 jumps more",
    "l2": "L2 jumps more",
    "both": "both jump about as much",
    "neither": "neither jumps visibly",
}


def _points(k: int) -> str:
    """ "1 point", "3 points": a count of points, never a bare number (read as an x)."""
    return f"{k} point{'' if k == 1 else 's'}"


def _share(k: int, n: int) -> str:
    """ " at 3 of the 4 it passes", " at each it passes", or nothing for the only one: of the
    points passed, which may be fewer than the points."""
    if n == 1:
        return ""
    return " at each it passes" if k == n else f" at {k} of the {n} it passes"


def crossing_lesson(passed: list[dict], line_break: str = " ") -> str:
    """Which fit jumps more where the outlier passes a point (``crossings``), counted, e.g.
    "where the outlier passes a point, L1 jumps more at 3 of the 4 it passes, L2 at 1 point";
    nothing when it passes none. ``line_break`` goes before the counts after the first (a
    figure's title breaks the line there)."""
    kinds = [which_jumps_more(crossing) for crossing in passed]
    if not kinds:
        return ""
    n = len(kinds)
    # the most common first (ties in JUMPS_MORE's order), each with its count
    first, *rest = sorted(
        set(kinds), key=lambda kind: (-kinds.count(kind), list(JUMPS_MORE).index(kind))
    )
    k = kinds.count(first)
    said = [JUMPS_MORE[first] + _share(k, n)]
    for kind in rest:
        # "L1 jumps more at 3 of the 4 it passes, L2 at 1 point": the first loss's verb
        both_losses = {first, kind} == set(NAMES)
        said.append(
            f"{NAMES[kind] if both_losses else JUMPS_MORE[kind]} at {_points(kinds.count(kind))}"
        )
    others = f",{line_break}{', '.join(said[1:])}" if said[1:] else ""
    return f"where the outlier passes a point, {said[0]}{others}"


def outlier_height(outlier_y: float, points_y) -> str:
    """Where the outlier's y lies against the points' y: "among", "above" or "below" them."""
    if min(points_y) <= outlier_y <= max(points_y):
        return "among"
    return "above" if outlier_y > max(points_y) else "below"


def experiment_note(outlier_y: float, points_y) -> str:
    """What the sweep tests, on its figures: with the outlier's y among the points', a move of its
    x tests the fits' stability, not their robustness to a far-off point (the robustness figure).
    Without it, a reader would take "L1 moves further" as contradicting that figure."""
    where = outlier_height(outlier_y, points_y)
    if where == "among":
        return (
            "gradient-boosted trees; the outlier's y is inside the points' y range:\n"
            "this tests stability as its x moves, not robustness to a far-off y"
        )
    return (
        f"gradient-boosted trees; the outlier's y is {where} every point's y,\nand only its x moves"
    )


def large_jumps(measures: dict) -> dict[str, list[int]]:
    """{loss: the steps (indices into the jumps) where its fit changes shape}: where its jump is
    over ``SHAPE_CHANGE_FACTOR`` times the sweep's median jump (of both fits)."""
    both = np.r_[measures["l1_jump"], measures["l2_jump"]]
    threshold = SHAPE_CHANGE_FACTOR * np.median(both) if len(both) else 0.0
    return {
        loss: np.flatnonzero(np.asarray(measures[f"{loss}_jump"]) > threshold).tolist()
        for loss in NAMES
    }


# A jump under this share of the sweep's largest has no stem: a pixel or two tall, it would show as
# a dash along 0, which reads as a line style ("with the outlier"), not as a jump.
DRAWN_JUMP_SHARE = 0.05


def stem_floor(measures: dict) -> float:
    """The shortest jump drawn as a stem: ``DRAWN_JUMP_SHARE`` of the sweep's largest (of both
    fits); 0 when neither fit ever jumps."""
    return DRAWN_JUMP_SHARE * max(max(measures[f"{loss}_jump"], default=0.0) for loss in NAMES)


def drawn_jumps(measures: dict) -> dict[str, np.ndarray]:
    """{loss: whether each of its jumps is drawn as a stem} (``stem_floor``)."""
    floor = stem_floor(measures)
    return {
        loss: np.asarray(measures[f"{loss}_jump"]) >= floor
        if floor
        else np.zeros(len(measures[f"{loss}_jump"]), bool)
        for loss in NAMES
    }


def shape_changes(measures: dict) -> list[int]:
    """The positions (frame indices) where a fit has just changed shape (``large_jumps``)."""
    return sorted({step + 1 for steps in large_jumps(measures).values() for step in steps})


def largest_jump(measures: dict) -> int:
    """The step (index into the jumps) where either fit jumps most: from position k to k + 1."""
    return int(np.argmax(np.maximum(measures["l1_jump"], measures["l2_jump"])))


def moved_further_overall(measures: dict) -> str:
    """The loss whose fit the outlier moves further at more positions (L1 on a tie), by the rule
    the title counts with (``moved_further``): a position where both move about as far counts for
    neither, though one is a hair above."""
    further = [
        moved_further(l1, l2)
        for l1, l2 in zip(measures["l1_shift"], measures["l2_shift"], strict=True)
    ]
    return "l1" if further.count("l1") >= further.count("l2") else "l2"


def strongest_contrast(measures: dict) -> int:
    """The position where the loss moved further over the sweep is moved furthest beyond the
    other, relative to it: the frame that shows the sweep's lesson best."""
    far = moved_further_overall(measures)
    near = "l2" if far == "l1" else "l1"
    tiny = np.finfo(float).tiny
    ratio = (np.asarray(measures[f"{far}_shift"]) + tiny) / (
        np.asarray(measures[f"{near}_shift"]) + tiny
    )
    return int(np.argmax(ratio))


def closest_moves(measures: dict) -> int:
    """The position where the two moves come closest, relative to each other (the larger over the
    smaller at its least): where the sweep's lesson is hardest to see, and the reader needs a
    pause to see it."""
    tiny = np.finfo(float).tiny
    l1, l2 = (np.asarray(measures[f"{loss}_shift"]) + tiny for loss in NAMES)
    return int(np.argmin(np.maximum(l1, l2) / np.minimum(l1, l2)))


CLOSEST_NOTE = ", the closest the two moves come"


def contrast_note(measures: dict, i: int) -> str:
    """What the sentence of position ``i`` adds where the animation holds for the sweep's lesson:
    that no position shows a larger ratio of the two moves (the poster), or a smaller one; nothing
    where the poster's sentence does not name the loss moved further over the sweep."""
    poster = strongest_contrast(measures)
    at_poster = [measures[f"{loss}_shift"][poster] for loss in NAMES]
    if moved_further(*at_poster) != moved_further_overall(measures):
        return ""
    if i == poster:
        return ", the sweep's largest ratio"
    return CLOSEST_NOTE if i == closest_moves(measures) else ""
