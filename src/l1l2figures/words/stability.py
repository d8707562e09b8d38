"""The stability figure's words: how far the outlier moves each fit, and the jumps where it crosses
a point, from the stability measures of the outlier sweep's fits."""

from __future__ import annotations

from l1l2figures.maths.stability import (
    DRAWN_JUMP_SHARE,
    SHAPE_CHANGE_FACTOR,
    crossing_lesson,
    crossings,
    largest_jump,
    move_sentence,
    strongest_contrast,
    total_jumps,
    which_jumps_more,
)
from l1l2figures.rendering.style import number
from l1l2figures.words import (
    ALT,
    DESCRIPTION,
    TITLE,
    Claim,
    count,
    given,
    listing,
    measured,
    told_apart,
)
from l1l2figures.words.outlier_sweep import (
    curve_facts,
    move,
    move_claims,
    move_curve_claims,
    outlier_height_claim,
    position_decimals,
)

LOSSES = ("l1", "l2")


def measures(data: dict, stability: dict) -> dict:
    """``data``: the outlier sweep's data.json; ``stability``: its stability measures."""
    return {
        "n_positions": len(stability["outlier_x"]),
        "mean_over_x": stability["mean_over_x"],
        "move": move(data, stability),
        "curves": curve_facts(stability),
        "points_y": [min(data["base_y"]), max(data["base_y"])],
        "outlier_y": data["outlier_y"],
        "crossings": crossings(data["base_x"], stability),
        "total_jump": total_jumps(stability),
        "largest_jump": biggest_step(stability, data["base_x"]),
        "drawn_move": drawn_move(stability),
    }


def drawn_move(stability: dict) -> dict:
    """The position whose move the figure draws on the fits, and each fit's move there."""
    at = strongest_contrast(stability)
    return {
        "x": stability["outlier_x"][at],
        **{loss: stability[f"{loss}_shift"][at] for loss in LOSSES},
    }


def biggest_step(stability: dict, points_x: list[float]) -> dict:
    """The step the figure draws the fits either side of: its two positions (and the decimals the
    figure prints them with) and each fit's jump."""
    step = largest_jump(stability)
    return {
        "x": stability["outlier_x"][step : step + 2],
        "decimals": position_decimals(stability["outlier_x"], points_x),
        **{loss: stability[f"{loss}_jump"][step] for loss in LOSSES},
    }


def _split(crossing: dict) -> bool:
    """Does a position land on the point, splitting the fit's jump over the steps either side?"""
    first, stop = crossing["steps"]
    return stop - first > 1


def _crossing_text(crossing: dict, note_split: bool = True) -> str:
    where = f"at x = {given(crossing['x'])}"
    if note_split and _split(crossing):
        where += " (over the 2 steps either side of it)"
    l1, l2 = crossing["l1"], crossing["l2"]
    more = which_jumps_more(crossing)
    if more == "neither":
        if l1 == l2 == 0:
            return f"{where} neither"
        return (
            f"{where} neither by {DRAWN_JUMP_SHARE:.0%} of the sweep's largest jump or more "
            "(no stem)"
        )
    if more == "both":
        return f"{where} both about as much (L1 {measured(l1)}, L2 {measured(l2)})"
    big, small = (l1, l2) if more == "l1" else (l2, l1)
    name = more.upper()
    if small == 0:
        return f"{where} only the {name} fit (by {measured(big)})"
    if small < DRAWN_JUMP_SHARE * big:
        # a ratio of a jump to a hair of one would print hundreds: say how small the other is
        other = "L2" if more == "l1" else "L1"
        return (
            f"{where} the {name} fit by {measured(big)}, the {other} fit by under "
            f"{DRAWN_JUMP_SHARE:.0%} of that"
        )
    return f"{where} the {name} fit {measured(big / small)} times as much ({measured(big)})"


def jump_tally(passed: list[dict]) -> list[Claim]:
    """The figure's headline, for the alt: which fit jumps more where the outlier passes a point
    (none when it passes none)."""
    if not passed:
        return []
    lesson = crossing_lesson(passed)
    facts = {"crossings": passed, "more": [which_jumps_more(c) for c in passed]}
    return [Claim(ALT, "jumps.tally", f"{lesson[0].upper()}{lesson[1:]}.", facts)]


def words(m: dict, colours: dict) -> list[Claim]:
    """``colours``: names of the ``l1`` and ``l2`` roles."""
    low, high = (given(x) for x in m["mean_over_x"])
    named = [
        f"{name}{f' ({colours[role]})' if colours.get(role) else ''}"
        for role, name in (("l1", "L1"), ("l2", "L2"))
    ]
    what = (
        "Measured on the outlier sweep's own fits, never refitted "
        f"({count(m['n_positions'], 'outlier position')}), for {listing(named)} loss: top, how "
        "far the outlier moves each fit away from the fit without it; under it, as stems "
        "side by side at the middle of each step (L1's, wider, left of L2's), how much each fit "
        "jumps between two neighbouring outlier positions (the jump itself, not divided by the "
        "step, which would make the spikes grow with the number of frames); a jump under "
        f"{DRAWN_JUMP_SHARE:.0%} of the largest has no stem, being a pixel or two tall. Both are "
        "means over "
        f"the prediction grid, x from {low} to {high}. The shaded band is the x range of the "
        "sweep's points (all but the outlier), and dots on the jumps' axis mark the points' x. A "
        "stem ends in its loss's marker (a diamond for L1, a disc for L2) where that fit changes "
        "shape: where its jump is over "
        f"{SHAPE_CHANGE_FACTOR:g} times the sweep's median jump."
    )
    # the sweep's move curves, drawn whole at the top: their description only
    _, curves_description = move_curve_claims(m["curves"], place="At the top", animated=False)
    claims = [
        Claim(TITLE, "name", "Stability: how far, and how suddenly, the outlier moves each fit"),
        Claim(
            ALT,
            "measured_on",
            "Stability: how far the L1 and L2 fits of the outlier sweep move as the outlier moves.",
        ),
        *move_claims(m["move"], ALT),
        *jump_tally(m["crossings"]),
        Claim(
            DESCRIPTION,
            "measured_on",
            what,
            {
                "n_positions": m["n_positions"],
                "mean_over_x": m["mean_over_x"],
                "colours": {role: colours.get(role) for role in ("l1", "l2")},
            },
        ),
        *move_claims(m["move"], DESCRIPTION),
        curves_description,
        outlier_height_claim(m),
    ]
    total, largest = m["total_jump"], m["largest_jump"]
    shown = f".{largest['decimals']}f"
    before, after = (number(x, shown) for x in largest["x"])
    drawn = m["drawn_move"]
    largest_l1, largest_l2 = told_apart([largest["l1"], largest["l2"]])
    claims += [
        Claim(
            DESCRIPTION,
            "move.drawn",
            "Bottom left, a move drawn as the outlier sweep draws it, with the outlier at "
            f"x = {number(drawn['x'], shown)}: {move_sentence(drawn['l1'], drawn['l2'])}.",
            {"drawn_move": drawn},
        ),
        Claim(
            DESCRIPTION,
            "jumps.largest",
            f"Bottom right, the largest jump of either fit (L1 {largest_l1}, L2 {largest_l2}), "
            f"drawn on the fits with the outlier at x = {before}, "
            f"faint, and one position on, at x = {after}; the fits without the outlier are left "
            "out.",
            {"largest_jump": largest},
        ),
    ]
    claims.append(
        Claim(
            DESCRIPTION,
            "jumps.total",
            "Summed over the whole sweep, each loss's jumps (its stems and those too short for "
            f"one) come to: L1 {measured(total['l1'])}, L2 {measured(total['l2'])}.",
            {"total_jump": total},
        )
    )
    passed = m["crossings"]
    if passed:
        every_split = len(passed) > 1 and all(_split(c) for c in passed)
        text = (
            "Where the outlier crosses a point, the fits jump"
            + (
                " (over the 2 steps either side of the frame with the outlier on the point)"
                if every_split
                else ""
            )
            + f": {listing([_crossing_text(c, not every_split) for c in passed])}."
        )
        facts = {"crossings": passed, "more": [which_jumps_more(c) for c in passed]}
        claims.append(Claim(DESCRIPTION, "jumps.at_points", text, facts))
        moved = m["move"]
        more = set(facts["more"])
        # L2 is moved less everywhere among the points, yet jumps more at a crossing and at least
        # as much over the whole sweep: it is the more stable in how far it moves, not in its jumps.
        if (
            moved["among"]
            and moved["l1_moved_more"] == moved["among"]
            and {"l1", "l2"} <= more
            and total["l2"] >= total["l1"]
        ):
            text = (
                "L2 is the more stable here in how far its fit moves, not in its jumps: over the "
                f"whole sweep its fit jumps {measured(total['l2'])} in all, "
                f"the L1 fit {measured(total['l1'])}."
            )
            claims.append(
                Claim(
                    DESCRIPTION,
                    "stability_in_the_move",
                    text,
                    {"more": facts["more"], "total_jump": total},
                )
            )
    return claims
