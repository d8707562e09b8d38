"""The stability figure's words: the outlier's pull on each fit, and the jumps where it crosses a
point, from the stability measures of the outlier sweep's fits."""

from __future__ import annotations

from l1l2figures.words import ALT, DESCRIPTION, TITLE, Claim, count, given, listing, measured
from l1l2figures.words.outlier_sweep import pull, pull_claims

# Two jumps within this factor of each other are "about as much".
ABOUT_AS_MUCH = 1.1


def crossings(data: dict, stability: dict) -> list[dict]:
    """For each point the outlier passes: the jump of each fit between the two neighbouring outlier
    positions on either side of the point's x (the first such pair)."""
    outlier_x = stability["outlier_x"]
    found = []
    for x in sorted(set(data["base_x"])):
        pair = next(
            (i for i in range(len(outlier_x) - 1) if outlier_x[i] <= x <= outlier_x[i + 1]), None
        )
        if pair is not None:
            found.append(
                {"x": x, "l1": stability["l1_jump"][pair], "l2": stability["l2_jump"][pair]}
            )
    return found


def measures(data: dict, stability: dict) -> dict:
    """``data``: the outlier sweep's data.json; ``stability``: its stability measures."""
    return {
        "n_positions": len(stability["outlier_x"]),
        "mean_over_x": stability["mean_over_x"],
        "pull": pull(data, stability),
        "crossings": crossings(data, stability),
    }


def which_jumps_more(crossing: dict) -> str:
    """ "l1", "l2", "both" (within ABOUT_AS_MUCH of each other) or "neither"."""
    l1, l2 = crossing["l1"], crossing["l2"]
    if l1 == l2 == 0:
        return "neither"
    if min(l1, l2) > 0 and max(l1, l2) <= ABOUT_AS_MUCH * min(l1, l2):
        return "both"
    return "l1" if l1 > l2 else "l2"


def _crossing_text(crossing: dict) -> str:
    where = f"at x = {given(crossing['x'])}"
    l1, l2 = crossing["l1"], crossing["l2"]
    more = which_jumps_more(crossing)
    if more == "neither":
        return f"{where} neither"
    if more == "both":
        return f"{where} both about as much (L1 {measured(l1)}, L2 {measured(l2)})"
    big, small = (l1, l2) if more == "l1" else (l2, l1)
    name = more.upper()
    if small == 0:
        return f"{where} only the {name} fit (by {measured(big)})"
    return f"{where} the {name} fit {measured(big / small)} times as much ({measured(big)})"


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
        "far the outlier pulls each fit away from the fit without it; bottom, as stems, how much "
        "each fit jumps between two neighbouring outlier positions (the jump itself, not divided "
        "by the step, which would make the spikes grow with the number of frames). Both are means over "
        f"the prediction grid, x from {low} to {high}. The shaded band is the x range of the "
        "other points."
    )
    claims = [
        Claim(TITLE, "name", "Stability, quantified"),
        Claim(
            ALT,
            "measured_on",
            "Stability: how far the L1 and L2 fits of the outlier sweep move as the outlier moves.",
        ),
        *pull_claims(m["pull"], ALT),
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
        *pull_claims(m["pull"], DESCRIPTION),
    ]
    passed = m["crossings"]
    if passed:
        text = (
            f"Where the outlier crosses a point, the fits jump: "
            f"{listing([_crossing_text(c) for c in passed])}."
        )
        facts = {"crossings": passed, "more": [which_jumps_more(c) for c in passed]}
        claims.append(Claim(DESCRIPTION, "jumps.at_points", text, facts))
        pulled = m["pull"]
        more = set(facts["more"])
        if pulled["among"] and pulled["l1_pulled_more"] == pulled["among"] and {"l1", "l2"} <= more:
            claims.append(
                Claim(
                    DESCRIPTION,
                    "stability_in_the_pull",
                    "L2's stability here is in the pull, not in the jumps.",
                    {"more": facts["more"]},
                )
            )
    return claims
