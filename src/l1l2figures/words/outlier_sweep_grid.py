"""The outlier sweep's static grid's words: one panel per outlier position."""

from __future__ import annotations

from l1l2figures.maths.stability import (
    MOVE_FLOOR_SHARE,
    move_floor,
    stability,
    sweep_lesson,
    under_floor,
)
from l1l2figures.words import ALT, DESCRIPTION, TITLE, Claim, count, given, listing
from l1l2figures.words.outlier_sweep import LINE_STYLES, further_counts, ticks_text


def measures(data: dict, fits: dict, columns: int) -> dict:
    """The static grid's outlier positions (data.json's ``grid_outlier_x``), its columns, and how
    far the outlier moves each loss's fit in each panel (its fits: ``stability``)."""
    moves = stability(fits)
    return {
        # left to right, as the panels are laid out
        "grid_x": sorted(data["grid_outlier_x"]),
        "columns": min(columns, len(data["grid_outlier_x"])),
        "l1_shift": moves["l1_shift"],
        "l2_shift": moves["l2_shift"],
        "mean_over_x": moves["mean_over_x"],
    }


def words(m: dict, colours: dict) -> list[Claim]:
    """The static grid's words: the same experiment, one panel per outlier position (it names no
    colour: ``colours`` is taken for a call alike for every figure)."""
    n = len(m["grid_x"])
    low, high = (given(x) for x in m["mean_over_x"])
    text = (
        "The outlier sweep animation's experiment, refitted at fixed outlier positions, one "
        f"panel each ({count(n, 'panel')} in {count(m['columns'], 'column')}), the outlier at "
        f"x = {listing([given(x) for x in m['grid_x']])}. Each panel compares how far the outlier "
        "moves each loss's fit, a fit's move being the mean of "
        f"|with − without the outlier| over x from {low} to {high}; the band hatched in a loss's "
        "colour is its move."
    )
    # the figure's own title, as the alt's finding
    floor = move_floor(max(*m["l1_shift"], *m["l2_shift"]))
    lesson = sweep_lesson(m["l1_shift"], m["l2_shift"], shown="panel", floor=floor)
    alt = (
        f"The outlier sweep as a static grid: {count(n, 'panel')}, one per outlier position, "
        f"each with the L1 and L2 fits; {lesson[0].lower()}{lesson[1:]}."
    )
    facts = {"grid_x": m["grid_x"], "columns": m["columns"], "mean_over_x": m["mean_over_x"]}
    moves = {"l1_shift": m["l1_shift"], "l2_shift": m["l2_shift"]}
    drawn = (
        "In each panel's top-left corner, its two moves stand as bars, L1's left of L2's, on one "
        f"scale for every panel{floor_text(moves, floor)}. Under the panels, each panel's two moves are "
        "drawn against its outlier's x, L1's as a diamond and L2's as a disc, over a shaded band "
        "of the points' x range" + ticks_text(further_counts(moves)["neither"], "them")
    )
    return [
        Claim(TITLE, "grid", f"Outlier sweep, {count(n, 'position')} side by side", facts),
        Claim(ALT, "lesson", alt, moves),
        Claim(DESCRIPTION, "grid", text, facts),
        Claim(DESCRIPTION, "drawing.panel_moves", drawn + ".", moves),
        LINE_STYLES,
    ]


def floor_text(moves: dict, floor: float) -> str:
    """What a panel says of a move under ``floor`` (``move_floor``), if any panel has one."""
    if not under_floor(moves["l1_shift"], moves["l2_shift"], floor):
        return ""
    return (
        f"; a move under {floor:g} ({MOVE_FLOOR_SHARE:.0%} of the largest, rounded up) is a bar too "
        "short to compare, and a panel says the move is under it rather than give a ratio"
    )
