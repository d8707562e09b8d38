"""The robustness figure's words: how the L1 and L2 lines respond as one point rises (or falls)."""

from __future__ import annotations

import itertools

from l1l2figures.maths.influence import balanced_pulls
from l1l2figures.rendering.style import decimals_to_tell_apart
from l1l2figures.words import (
    ALT,
    DESCRIPTION,
    ROUND_OFF,
    TITLE,
    Claim,
    count,
    fixed,
    given,
    measured,
    swept,
    value_of,
    with_colour,
)
from l1l2figures.words.outlier_sweep import line_text

# Two fitted lines whose slopes and intercepts differ by less than this are the same line: the
# linear program's solutions differ by round-off only.
SAME_LINE = 1e-9
MOVE_DECIMALS = 1  # a line's move, as the figure's title prints it
# the digits of a line's two heights in the description: at least these, as many as add up
MIN_HEIGHT_DIGITS, MAX_HEIGHT_DIGITS = 3, 7


def _same(a: list[float], b: list[float]) -> bool:
    return all(
        abs(p - q) <= SAME_LINE * max(1.0, abs(p), abs(q)) for p, q in zip(a, b, strict=True)
    )


def _heights(fits: list[dict], loss: str, x: float) -> list[float]:
    return [record[loss][0] * x + record[loss][1] for record in fits]


def moves_with(values: list[float], rise: list[float]) -> bool:
    """Does ``values`` move the way the point rises (or falls) in every frame, each step beyond
    round-off? A step at round-off is no move: its sign differs between machines."""
    direction = rise[-1] - rise[0]
    scale = max(1.0, *(abs(value) for value in values))
    steps = [b - a for a, b in itertools.pairwise(values)]
    return bool(steps) and all(
        step * direction > 0 and abs(step) > ROUND_OFF * scale for step in steps
    )


def measures(data: dict, fits: list[dict], line: dict) -> dict:
    """``data``: robustness data.json; ``fits``: its fits (a record per frame); ``line``: the
    config's ``line_slope`` and ``line_intercept``."""
    x = data["outlier_x"]
    rise = data["outlier_rise"]
    l1 = [record["l1"] for record in fits]
    # The first frame from which the L1 line no longer moves (the last frame if it always moves).
    still_from = len(l1) - 1
    while still_from > 0 and _same(l1[still_from - 1], l1[-1]):
        still_from -= 1
    l1_height = _heights(fits, "l1", x)
    side = [(y > h) - (y < h) for y, h in zip(data["outlier_y"], l1_height, strict=True)]
    l2_height = _heights(fits, "l2", x)
    # The point's pull on each line, as the columns draw it (the point last among the points).
    xs = [*data["base_x"], x]
    pulls = [
        balanced_pulls(record, xs, [*data["base_y"], y])
        for record, y in zip(fits, data["outlier_y"], strict=True)
    ]
    # On L1, ±1 where the point is off the line; 0 where it lies on it, where its pull is whatever
    # balances the others' and is no longer set by its side.
    l1_influence = [
        0.0 if pull["l1"]["on_line"][-1] else float(pull["l1"]["pull"][-1]) for pull in pulls
    ]
    l2_influence = [float(pull["l2"]["pull"][-1]) for pull in pulls]
    # The first frame from which L1's influence no longer changes.
    l1_influence_from = len(fits) - 1
    while l1_influence_from > 0 and l1_influence[l1_influence_from - 1] == l1_influence[-1]:
        l1_influence_from -= 1
    # The first frame from which the point lies on the L1 line (None if it is off it at the end).
    on_l1 = [bool(pull["l1"]["on_line"][-1]) for pull in pulls]
    through_from = None
    if on_l1[-1]:
        through_from = len(fits) - 1
        while through_from > 0 and on_l1[through_from - 1]:
            through_from -= 1
    return {
        "n_points": len(data["base_x"]),
        "line": [line["line_slope"], line["line_intercept"]],
        "outlier_x": x,
        "rise": [rise[0], rise[-1]],
        "n_frames": len(rise),
        "l2_height": [l2_height[0], l2_height[-1]],
        # the L2 line's height at the point's x moves the way the point does, in every frame
        "l2_follows": moves_with(l2_height, rise),
        "l1_still_from": still_from,
        "rise_still_from": rise[still_from],
        # the sides of the L1 line the point is on from l1_still_from on (+1 above, -1 below, 0 on)
        "side_still": sorted(set(side[still_from:])),
        "slopes": {loss: [fits[0][loss][0], fits[-1][loss][0]] for loss in ("l1", "l2")},
        # the pull columns: the point's pull on L1 (0 on the line) and the frame it is fixed from;
        # L2's (the residual), first and last, and whether it moves the point's way in every frame
        "l1_influence": l1_influence[-1],
        "l1_influence_from": l1_influence_from,
        "l2_influence": [l2_influence[0], l2_influence[-1]],
        "l1_through_from": through_from,
        "l2_influence_follows": moves_with(l2_influence, rise),
        # frame by frame, for the player: the point's height and each line's at its x
        "frames": {"rise": list(rise), "l1_height": l1_height, "l2_height": l2_height},
    }


def _from_to(first: float, last: float) -> str:
    """A value's change as the words print it: "1.41 to 2.29", or "1.35 throughout" when the two
    print the same."""
    first, last = measured(first, 3), measured(last, 3)
    return f"{first} throughout" if first == last else f"{first} to {last}"


def _height(rise: float, line: str = "the line", digits: int | None = None) -> str:
    """ "the line", "40 above the line", "3 below the line" (``line``: how to call the line);
    a configured height as written, a sampled one to ``digits`` significant digits."""
    if rise == 0:
        return "the line"
    size = given(abs(rise)) if digits is None else measured(abs(rise), digits)
    return f"{size} {'above' if rise > 0 else 'below'} {line}"


def _from_frame(still: int, n: int) -> str:
    return "in every frame" if still == 0 else f"from frame {still + 1} of {n} on"


def heights_adding_up(start: float, end: float) -> tuple[str, str]:
    """Two heights of a line, to as many digits (3 at least) as make their printed difference the
    move the title prints (to MOVE_DECIMALS): 13.85 and 19.35 for a move of 5.5, never 13.8
    and 19.4, which read as 5.6."""
    move = round(end - start, MOVE_DECIMALS)
    for digits in range(MIN_HEIGHT_DIGITS, MAX_HEIGHT_DIGITS):
        low, high = measured(start, digits), measured(end, digits)
        if round(value_of(high) - value_of(low), MOVE_DECIMALS) == move:
            break
    return low, high


def words(m: dict, colours: dict) -> list[Claim]:
    """``colours``: names of the ``l1``, ``l2`` and ``outlier`` roles."""
    first, last = m["rise"]
    moves = "rises" if last > first else "falls" if last < first else "stays"
    n = m["n_frames"]
    setup = (
        f"Straight lines fitted to {count(m['n_points'], 'point')} near the line "
        f"{line_text(*m['line'])} (dotted) with L1 loss (least absolute deviations, "
        f"QuantileRegressor at the median{with_colour(colours.get('l1'))}) and L2 loss "
        f"(least squares{with_colour(colours.get('l2'))}), while one extra point at x = {given(m['outlier_x'])} "
        f"{moves} from {_height(first)} to {_height(last, 'it')} in {count(n, 'frame')}."
    )
    if first != last:
        setup += " A faint line in the point's colour shows its whole path from the first frame."
    still = m["l1_still_from"]
    # The L1 line stays put over a stretch of at least two frames while the L2 line follows.
    l1_stays = still <= n - 2 and m["l2_follows"]
    claims = [
        Claim(
            TITLE,
            "lesson.l1_stays",
            "Robustness: L1 ignores how far off the line an outlier is, L2 does not",
            {"l1_still_from": still},
        )
        if l1_stays
        else Claim(TITLE, "name", "Robustness: L1 and L2 lines as one point moves")
    ]
    alt = f"Robustness: as one point {moves} from {_height(first)} to {_height(last, 'it')}"
    if m["l2_follows"]:
        alt += ", the least-squares (L2) line follows it"
    if l1_stays:
        alt += f" and the L1 line stays put {_from_frame(still, n)}"
    alt += "."
    # The pull panel's lesson, said when it holds: L1's influence fixed over a stretch (the point
    # on one side of its line), L2's moving with the point.
    l1_fixed = m["l1_influence"] != 0 and m["l1_influence_from"] <= n - 2
    panel_shows_why = l1_fixed and m["l2_influence_follows"]
    if panel_shows_why:
        alt += (
            " Beside it, a column per line stacks every point's pull on it, up and down, in "
            f"balance: the point's pull on L1 is {given(m['l1_influence'])} "
            f"{_from_frame(m['l1_influence_from'], n)}, the same as every point's off the line; on "
            "L2 it is its residual, which follows the point."
        )
    claims.append(
        Claim(
            ALT,
            "alt",
            alt,
            {
                "rise": m["rise"],
                "l2_follows": m["l2_follows"],
                "l1_still_from": still,
                "l1_influence": m["l1_influence"],
                "l1_influence_from": m["l1_influence_from"],
                "l2_influence_follows": m["l2_influence_follows"],
            },
        )
    )
    facts = {
        "n_points": m["n_points"],
        "line": m["line"],
        "outlier_x": m["outlier_x"],
        "rise": m["rise"],
        "n_frames": n,
        "colours": {role: colours.get(role) for role in ("l1", "l2")},
    }
    claims.append(Claim(DESCRIPTION, "setup", setup, facts))
    if m["l2_follows"]:
        low, high = heights_adding_up(*m["l2_height"])
        text = (
            f"The L2 line follows the point in every frame: at x = {given(m['outlier_x'])} it "
            f"goes from {low} to {high}."
        )
        claims.append(Claim(DESCRIPTION, "l2_follows", text, {"l2_height": m["l2_height"]}))
    if l1_stays:
        text = f"The L1 line stays put {_from_frame(still, n)}"
        if still:
            height = _height(m["rise_still_from"], "the points' line", 3)
            text += f", once the point is {height}"
        claims.append(Claim(DESCRIPTION, "l1_stays", text + ".", {"l1_still_from": still}))
        if m["side_still"] in ([1], [-1]):
            side = "above" if m["side_still"] == [1] else "below"
            text = (
                f"In those frames the point is {side} the L1 line, and only the sign of its error "
                "counts, not its size."
            )
            claims.append(
                Claim(
                    DESCRIPTION,
                    "l1_stays.one_side",
                    text,
                    {"l1_still_from": still, "side_still": m["side_still"]},
                )
            )
    text = (
        "Beside the plot, a column per line, both on one scale, stacks every point's pull on it: "
        "up from 0 for the points above the line, down for those below. A point's pull is the slope of the line's "
        "loss at its residual r (its height minus the line's): r itself for L2 (half the squared "
        "error, which the same line minimises) and sign(r), ±1, for L1 (absolute error); a point "
        "on the L1 line pulls anywhere from −1 to 1, as much as keeps the line where it is. Each "
        "line sits where its two stacks are equally tall (and where the pulls, each times its "
        "point's x, balance too, which sets its tilt). The moving point's block is outermost, in "
        "its colour."
    )
    claims.append(Claim(DESCRIPTION, "influence", text, {"outlier_x": m["outlier_x"]}))
    if l1_fixed:
        text = (
            f"Its pull on L1 is {given(m['l1_influence'])} "
            f"{_from_frame(m['l1_influence_from'], n)}, however far the point is: only the side of "
            "the line it is on counts."
        )
        facts = {"l1_influence": m["l1_influence"], "l1_influence_from": m["l1_influence_from"]}
        claims.append(Claim(DESCRIPTION, "influence.l1_fixed", text, facts))
    through = m["l1_through_from"]
    if through is not None and through <= n - 2 and first != last:
        text = (
            f"The L1 line passes through the point {_from_frame(through, n)}, and so moves with "
            "it: a point on the line pulls as much as balances the others, whatever its height."
        )
        claims.append(
            Claim(DESCRIPTION, "influence.l1_through", text, {"l1_through_from": through})
        )
    if m["l2_influence_follows"]:
        low, high = (measured(r, 3) for r in m["l2_influence"])
        text = f"Its pull on L2 follows the point in every frame, from {low} to {high}."
        facts = {"l2_influence": m["l2_influence"]}
        claims.append(Claim(DESCRIPTION, "influence.l2_follows", text, facts))
    slopes = m["slopes"]
    text = (
        "The fitted lines' own slopes (rise per unit of x), from the first frame to the last: "
        f"L1 {_from_to(*slopes['l1'])}, L2 {_from_to(*slopes['l2'])}."
    )
    claims.append(Claim(DESCRIPTION, "slopes", text, {"slopes": slopes}))
    return claims


def frame_words(m: dict) -> dict:
    """Each frame: the point's height over the line, and each fitted line's height at its x."""
    frames = m["frames"]
    decimals = decimals_to_tell_apart(frames["rise"])

    def height(rise: float) -> str:
        if value_of(fixed(rise, decimals)) == 0:  # "0.0 below" reads as off it
            return "on the line"
        side = "above" if rise > 0 else "below"
        return f"{fixed(abs(rise), decimals)} {side} the line"

    labels = [f"point {height(rise)}" for rise in frames["rise"]]
    sentences = [
        f"Point {height(rise)}: at x = {given(m['outlier_x'])} the L1 line is at "
        f"{measured(l1, 3)}, the L2 line at {measured(l2, 3)}."
        for rise, l1, l2 in zip(
            frames["rise"], frames["l1_height"], frames["l2_height"], strict=True
        )
    ]
    return swept("the point's height", labels, sentences)
