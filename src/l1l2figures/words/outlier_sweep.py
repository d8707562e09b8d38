"""The outlier sweep's words: how far the outlier moves each fit.

Measured on the stability measures (``stability.stability`` of the sweep's fits: each fit's mean
shift from its fit without the outlier, and its mean jump between neighbouring positions).
"""

from __future__ import annotations

import statistics

from l1l2figures.maths.stability import (
    SAME_MOVE_FACTOR,
    moved_further,
    outlier_height,
    sweep_lesson,
)
from l1l2figures.rendering.style import decimals_to_tell_apart
from l1l2figures.words import (
    ALT,
    DESCRIPTION,
    TITLE,
    Claim,
    count,
    fixed,
    given,
    listing,
    measured,
    measured_up,
    swept,
    told_apart,
    with_colour,
)

LOSS_NAMES = {"l1": "L1", "l2": "L2"}
# The rule by which two moves are "about as far", said exactly ("within 10%" reads either way).
ABOUT_AS_FAR_RULE = f"the larger under {SAME_MOVE_FACTOR:g} times the smaller"
# What the scene draws (scenes/outlier_sweep.py): checked against its lines by the tests.
LINE_STYLES = Claim(
    DESCRIPTION,
    "drawing.line_styles",
    "Solid curves are fitted without the outlier, dashed ones with it.",
    {"without": "-", "with": "--"},
)


def move(data: dict, stability: dict) -> dict:
    """How the outlier moves the fits: among the points (its x strictly inside theirs), and outside
    their x range (both neighbouring positions on the same side, for the jumps)."""
    base_x = data["base_x"]
    low, high = min(base_x), max(base_x)
    outlier_x = stability["outlier_x"]
    among = [i for i, x in enumerate(outlier_x) if low < x < high]
    l1, l2 = stability["l1_shift"], stability["l2_shift"]
    ratios = [l1[i] / l2[i] for i in among if l1[i] > 0 and l2[i] > 0]
    outside = [i for i, x in enumerate(outlier_x) if not low <= x <= high]
    outside_pairs = [
        i
        for i in range(len(outlier_x) - 1)
        if (outlier_x[i] < low and outlier_x[i + 1] < low)
        or (outlier_x[i] > high and outlier_x[i + 1] > high)
    ]
    shifts_outside = [s[i] for s in (l1, l2) for i in outside]
    jumps_outside = [stability[f"{loss}_jump"][i] for loss in LOSS_NAMES for i in outside_pairs]
    # by the rule of each frame's sentence and of the move curves' ticks (ABOUT_AS_FAR_RULE)
    further = [moved_further(l1[i], l2[i]) for i in among]
    return {
        "points_x": [low, high],
        "among": len(among),
        "l1_moved_more": further.count("l1"),
        "l2_moved_more": further.count("l2"),
        # L1 shift over L2 shift: None unless both fits are moved at every position among them
        "ratio": [min(ratios), max(ratios)] if among and len(ratios) == len(among) else None,
        "outside": len(outside),
        "shift_outside": [min(shifts_outside), max(shifts_outside)] if outside else None,
        "jump_outside": max(jumps_outside) if outside_pairs else None,
    }


def position_decimals(outlier_x, points_x) -> int:
    """Decimals for the outlier's x on the sweep's figures and in its words: enough to tell each
    position from its neighbours and from every point's x, so that a position beside a point
    never prints as the point's own x (−0.017 as "0.0", beside the point at 0)."""
    return decimals_to_tell_apart([*outlier_x, *points_x])


def further_counts(stability: dict) -> dict:
    """How many positions move each loss's fit further, by the rule of each frame's sentence, and
    how many neither ("about as far"): the move curves (scenes/outlier_sweep.py) draw them."""
    further = [
        moved_further(l1, l2)
        for l1, l2 in zip(stability["l1_shift"], stability["l2_shift"], strict=True)
    ]
    return {"l1": further.count("l1"), "l2": further.count("l2"), "neither": further.count(None)}


def curve_facts(stability: dict) -> dict:
    """What the move curves draw: at how many positions each loss's curve lies above the other's,
    and the positions where both are moved about as far (``further_counts``), each ticked."""
    pairs = list(zip(stability["l1_shift"], stability["l2_shift"], strict=True))
    return {
        "l1_above": sum(l1 > l2 for l1, l2 in pairs),
        "l2_above": sum(l2 > l1 for l1, l2 in pairs),
        "ticked": further_counts(stability)["neither"],
    }


def measures(data: dict, stability: dict, config: dict) -> dict:
    """``data``: the sweep's data.json; ``stability``: its stability measures; ``config``: the
    config's ``line_slope`` and ``line_intercept``, which the points lie near, and ``gbr``, the
    boosting that moves each fit from its start."""
    slope, intercept = config["line_slope"], config["line_intercept"]
    base_x, base_y = data["base_x"], data["base_y"]
    offsets = [abs(y - (slope * x + intercept)) for x, y in zip(base_x, base_y)]
    sweep = stability["outlier_x"]
    return {
        "n_points": len(base_x),
        "line": [slope, intercept],
        "largest_offset": max(offsets),
        "points_y": [min(base_y), max(base_y)],
        "outlier_y": data["outlier_y"],
        "sweep": [sweep[0], sweep[-1]],
        "n_frames": len(sweep),
        "move": move(data, stability),
        # the constant each boosted fit starts from (L1: the median, L2: the mean of the points'
        # y), without the outlier and with it: it depends on the outlier's y alone, not its x
        "starts": starts(data["base_y"], data["outlier_y"]),
        "boosting": boosting(config["gbr"]),
        "further": further_counts(stability),
        "curves": curve_facts(stability),
        # frame by frame, for the player: where the outlier is and how far it moves each fit
        "frames": {
            "outlier_x": sweep,
            "x_decimals": position_decimals(sweep, base_x),
            "l1_shift": stability["l1_shift"],
            "l2_shift": stability["l2_shift"],
        },
    }


STARTS = {"l1": "median", "l2": "mean"}  # what each loss's boosting starts from


def starts(base_y: list[float], outlier_y: float) -> dict[str, list[float]]:
    """{loss: [start without the outlier, start with it]}: gradient boosting's initial constant,
    the median of the targets for absolute error and their mean for squared error."""
    with_outlier = [*base_y, outlier_y]
    return {
        "l1": [statistics.median(base_y), statistics.median(with_outlier)],
        "l2": [statistics.fmean(base_y), statistics.fmean(with_outlier)],
    }


def _start_values(before: float, after: float) -> tuple[str, str]:
    """A start without and with the outlier, printed alike only if equal: a mean moved by 0.05
    is not "12.8 either way"."""
    first, last = told_apart([before, after], 3)
    return first, last


def boosting(gbr: dict) -> dict:
    """How far from its start the boosting takes each fit: its number of trees and the learning
    rate each tree's step is scaled by (few trees, small steps: a fit stays near its start)."""
    return {"n_estimators": gbr["n_estimators"], "learning_rate": gbr["learning_rate"]}


def boosting_text(b: dict, fit: str = "it") -> str:
    """e.g. "then 5 trees (learning rate 0.1) move it toward the points" ("1 tree ... moves")."""
    moves = "moves" if b["n_estimators"] == 1 else "move"
    return (
        f"then {count(b['n_estimators'], 'tree')} (learning rate {given(b['learning_rate'])}) "
        f"{moves} {fit} toward the points"
    )


def starts_note(base_y: list[float], outlier_y: float) -> tuple[list[str], list[str]]:
    """The starts on the sweep's figures, in short lines: the lead
    (["each fit starts from a constant,", "without → with the outlier:"]) and a line per loss
    (["L1 the y median, 12.8 → 10", "L2 the y mean, 12.8 → 12.2"])."""
    begun = starts(base_y, outlier_y)
    parts, moved = [], False
    for loss, name in STARTS.items():
        first, last = _start_values(*begun[loss])
        moved |= first != last
        change = f"{first} either way" if first == last else f"{first} → {last}"
        parts.append(f"{LOSS_NAMES[loss]} the y {name}, {change}")
    if moved:
        return ["each fit starts from a constant,", "without → with the outlier:"], parts
    return ["each fit starts from a constant:"], parts


def starts_claim(m: dict) -> Claim:
    """Why the L1 fit can move more: the outlier moves the median more than the mean."""

    def change(name: str, before: float, after: float) -> str:
        first, last = _start_values(before, after)
        return (
            f"the {name} stays at {first}"
            if first == last
            else f"the {name} goes from {first} to {last}"
        )

    median, mean = (change(name, *m["starts"][loss]) for loss, name in STARTS.items())
    text = (
        "Each fit starts from one constant, whatever the outlier's x: L1's is the points' median, "
        f"L2's their mean. With the outlier added, {median} and {mean}. "
        f"T{boosting_text(m['boosting'], 'each fit')[1:]}: each tree's step is scaled by the "
        "learning rate."
    )
    return Claim(DESCRIPTION, "starts", text, m["starts"] | m["boosting"])


def line_text(slope: float, intercept: float) -> str:
    """y = 2x + 5, y = −x − 1."""
    sign = "−" if intercept < 0 else "+"
    return f"y = {given(slope)}x {sign} {given(abs(intercept))}"


def move_claims(move: dict, where: str) -> list[Claim]:
    """What the move among the points says about stability, as the measures support it: in full
    for the description, in short for the alt text."""
    if not move["among"]:
        return []
    low, high = (given(x) for x in move["points_x"])
    among = (
        f"With the outlier among the points (x between {low} and {high})"
        if where == DESCRIPTION
        else "Among the points"
    )
    from_fit = " from its fit without the outlier" if where == DESCRIPTION else ""
    n, l1_more, l2_more = move["among"], move["l1_moved_more"], move["l2_moved_more"]
    facts = {"among": n, "l1_moved_more": l1_more, "l2_moved_more": l2_more}
    about = n - l1_more - l2_more
    counts = [f"further at {l1_more} of {count(n, 'position')}"]
    if about:
        counts.append(f"about as far ({ABOUT_AS_FAR_RULE}) at {about}")
    if l2_more:
        counts.append(f"less far at {l2_more}")
    ratio = move["ratio"]
    if ratio is None:
        text = f"{among}, the L1 fit is moved{from_fit}, against the L2 fit, {listing(counts)}."
        return [Claim(where, "move.counted", text, facts)]
    facts |= {"ratio": ratio}
    if l2_more == n:
        key, more, less, (lowest, highest) = (
            "move.l2_more",
            "L2",
            "L1",
            (1 / r for r in ratio[::-1]),
        )
    else:
        key, more, less, (lowest, highest) = "move.l1_more", "L1", "L2", ratio
    text = (
        f"{among}, the {more} fit is moved {measured(lowest)} to {measured(highest)} times as "
        f"far{from_fit} as the {less} fit"
    )
    if n not in (l1_more, l2_more):
        key = "move.mixed"
        text += f": {listing(counts)}."
    elif where == DESCRIPTION:
        text += (
            f", on average over x: by how far the outlier moves its fit while among the points, "
            f"{less} is the more stable loss."
        )
    else:
        text += "."
    return [Claim(where, key, text, facts)]


def ticks_text(ticked: int, under: str) -> str:
    """The move curves' ticks, if any (``under``: what they are drawn under), as a clause to
    follow a sentence: "; a neutral tick under the curves marks the 2 positions where ..."."""
    if not ticked:
        return ""
    return (
        f"; a neutral tick under {under} marks the {count(ticked, 'position')} where both are "
        f"moved about as far ({ABOUT_AS_FAR_RULE})"
    )


def move_curve_claims(facts: dict, place: str = "Under the plot", animated: bool = True) -> list:
    """What the move curves show (``facts``: ``curve_facts``; ``place``: where they are drawn;
    ``animated``: drawn up to the current position, as in the animation)."""
    alt = (
        "Under the plot, each fit's mean move is drawn against the outlier's x, so which fit is "
        "moved further, and by how much, shows at every position."
    )
    text = (
        f"{place}, each fit's mean move is a step curve against the outlier's x, over a shaded "
        f"band of the points' x range: the L1 curve lies above the L2 curve at "
        f"{count(facts['l1_above'], 'position')}, the L2 curve above the L1 curve at "
        f"{facts['l2_above'] or 'none'}"
    )
    text += f"{ticks_text(facts['ticked'], 'the curves')}."
    if animated:
        text += (
            " The curves are drawn up to the outlier's current position, the rest faint, each "
            "with its loss's marker there."
        )
    return [
        Claim(ALT, "drawing.move_curves", alt, facts),
        Claim(DESCRIPTION, "drawing.move_curves", text, facts),
    ]


def outside_claims(move: dict) -> list[Claim]:
    if move["shift_outside"] is None:
        return []
    low, high = (measured(s) for s in move["shift_outside"])
    text = (
        "With the outlier outside the points' x range, it moves each fit by "
        f"{low} to {high} on average over x"
    )
    facts = {"shift_outside": move["shift_outside"]}
    if move["jump_outside"] is not None:
        text += (
            f", and neither fit moves more than {measured_up(move['jump_outside'])} between two "
            "neighbouring frames both outside it"
        )
        facts["jump_outside"] = move["jump_outside"]
    return [Claim(DESCRIPTION, "move.outside", text + ".", facts)]


def outlier_height_claim(m: dict) -> Claim:
    y = m["outlier_y"]
    facts = {"outlier_y": y, "points_y": m["points_y"]}
    side = outlier_height(y, m["points_y"])
    if side == "among":
        text = (
            "The outlier's y lies among the points' values and only its x moves: this tests "
            "stability, not robustness to a point far off in y (the robustness figure)."
        )
        return Claim(DESCRIPTION, "outlier.among_values", text, facts)
    text = f"The outlier's y = {given(y)} lies {side} every point's y; only its x moves."
    return Claim(DESCRIPTION, f"outlier.{side}_values", text, facts)


def words(m: dict, colours: dict) -> list[Claim]:
    """The animation's words; ``colours``: names of the ``l1``, ``l2`` and ``outlier`` roles."""
    start, stop = (given(x) for x in m["sweep"])
    ring = f" ({colours['outlier']})" if colours.get("outlier") else ""
    setup = (
        "Gradient boosting (GradientBoostingRegressor) fitted with L1 loss (absolute error"
        f"{with_colour(colours.get('l1'))}) and L2 loss (squared error"
        f"{with_colour(colours.get('l2'))}) on {count(m['n_points'], 'point')} within "
        f"{measured(m['largest_offset'])} of the line {line_text(*m['line'])}, while an outlier"
        f"{ring} at y = {given(m['outlier_y'])} moves from x = {start} to {stop} in "
        f"{count(m['n_frames'], 'frame')}."
    )
    alt = (
        "The outlier sweep: L1 and L2 gradient-boosting fits while an outlier moves from "
        f"x = {start} to {stop}."
    )
    alt_curves, description_curves = move_curve_claims(m["curves"])
    # The figure's own title: which fit the outlier moves further, over the sweep.
    lesson = sweep_lesson(m["frames"]["l1_shift"], m["frames"]["l2_shift"])
    return [
        Claim(TITLE, "lesson", f"Outlier sweep: {lesson[0].lower()}{lesson[1:]}", m["further"]),
        Claim(ALT, "sweep", alt, {"sweep": m["sweep"]}),
        *move_claims(m["move"], ALT),
        alt_curves,
        Claim(
            DESCRIPTION,
            "setup",
            setup,
            {
                "n_points": m["n_points"],
                "largest_offset": m["largest_offset"],
                "line": m["line"],
                "outlier_y": m["outlier_y"],
                "sweep": m["sweep"],
                "n_frames": m["n_frames"],
                "colours": _colours(colours, "l1", "l2", "outlier"),
            },
        ),
        LINE_STYLES,
        *move_claims(m["move"], DESCRIPTION),
        starts_claim(m),
        *outside_claims(m["move"]),
        description_curves,
        outlier_height_claim(m),
    ]


def _colours(colours: dict, *roles: str) -> dict:
    return {role: colours.get(role) for role in roles}


def _position(x: float, points_x: list[float], decimals: int) -> str:
    """Where the outlier is against the other points' x range, as the sentence prints x: an x
    that prints as an edge's value is at the edge."""
    low, high = points_x
    if fixed(x, decimals) in (fixed(low, decimals), fixed(high, decimals)):
        return "at the edge of the points' x range"
    return "among the points" if low < x < high else "outside the points' x range"


def frame_words(m: dict) -> dict:
    """Each frame: the outlier's x, and how far it moves each fit from its fit without it."""
    frames = m["frames"]
    xs, decimals = frames["outlier_x"], frames["x_decimals"]
    labels = [f"outlier at x = {fixed(x, decimals)}" for x in xs]
    sentences = [
        f"Outlier at x = {fixed(x, decimals)}, {_position(x, m['move']['points_x'], decimals)}: it moves "
        f"the L1 fit {measured(l1)} and the L2 fit {measured(l2)} from their fits without it, "
        "on average over x."
        for x, l1, l2 in zip(xs, frames["l1_shift"], frames["l2_shift"], strict=True)
    ]
    return swept("the outlier's x", labels, sentences)
