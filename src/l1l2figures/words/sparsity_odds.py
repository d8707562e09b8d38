"""The words of the sparsity-by-the-odds figure: the shares of random losses whose constrained
minimum has a zero coefficient, by the article's boundary walk and exactly, against the article's
published shares."""

from __future__ import annotations

import math

import numpy as np

from l1l2figures.maths.sparsity_odds import FAMILIES, NORMS, PUBLISHED, REPRODUCED_WITHIN, shares
from l1l2figures.words import ALT, DESCRIPTION, TITLE, Claim, count, given, listing, measured

FAMILY_WORDS = {
    "symmetric": "symmetric (round) losses",
    "general": "general (stretched, tilted) losses",
    "one_weak": "losses with one weak feature",
}


def percent(value: float) -> str:
    """A share as the article gives it, in whole percent; under 1 but not 0, to 2 digits (0.04)."""
    if value == 0 or value >= 1:
        return f"{value:.0f}"
    return measured(value)


def measures(found: dict, params: dict) -> dict:
    """``found``: the figure's fit (``maths.sparsity_odds.odds``); ``params``: its config keys."""
    walk = shares(found, "walk_zero")
    return {
        "n_losses": params["n_losses"],
        "region_size": params["region_size"],
        "boundary_points": params["boundary_points"],
        "near_fraction": params["near_fraction"],
        # percent of losses with a zero coefficient, the article's setup (its walk)
        "shares": walk,
        "exact_shares": shares(found, "exact_zero"),
        "near_shares": shares(found, "walk_near"),
        "published": PUBLISHED,
        "largest_gap": max(
            abs(walk[name][norm] - PUBLISHED[name][norm]) for name in FAMILIES for norm in NORMS
        ),
        # L1 minima the walk puts on a corner and the exact solution does not (the maps' faint dots)
        "snapped": {
            name: int(np.sum(found[f"{name}_l1_walk_zero"] & ~found[f"{name}_l1_exact_zero"]))
            for name in FAMILIES
        },
    }


def by_family(values: dict, norm: str) -> str:
    """ "67%, 74% and 81%", in the order of FAMILIES."""
    return listing([f"{percent(values[name][norm])}%" for name in FAMILIES])


def span(values: dict, norm: str) -> str:
    ordered = sorted(values[name][norm] for name in FAMILIES)
    if percent(ordered[0]) == percent(ordered[-1]):
        return f"{percent(ordered[0])}%"
    return f"{percent(ordered[0])}–{percent(ordered[-1])}%"


def points_within(gap: float) -> int:
    """The largest gap to the article, in whole percentage points, rounded up (at least 1)."""
    return max(1, math.ceil(gap))


def headline(walk: dict, exact: dict) -> str | None:
    """The title, exact shares first: "L1 puts a coefficient at exactly 0 in 65–80% of these
    losses, L2 never; Parr's walk reports L2 3–45%" (short: its first line fits the picture at
    twice the dpi too). None when L1 does not give more zeros than L2, exactly, in every family."""
    if not all(exact[name]["l1"] > exact[name]["l2"] for name in FAMILIES):
        return None
    l2_never = all(exact[name]["l2"] == 0 for name in FAMILIES)
    l2 = "never" if l2_never else f"in {span(exact, 'l2')}"
    return (
        f"L1 puts a coefficient at exactly 0 in {span(exact, 'l1')} of these losses, "
        f"L2 {l2}; Parr's walk reports L2 {span(walk, 'l2')}"
    )


def words(m: dict, colours: dict) -> list[Claim]:
    """``colours``: names of the ``l1`` and ``l2`` roles."""
    walk, exact, near = m["shares"], m["exact_shares"], m["near_shares"]
    t = given(m["region_size"])
    lesson = headline(walk, exact)
    claims = [
        Claim(
            TITLE,
            "lesson.exact",
            f"Sparsity by the odds: {lesson}",
            {"shares": walk, "exact_shares": exact},
        )
        if lesson
        else Claim(TITLE, "name", "Sparsity by the odds")
    ]
    named = {role: f" ({colours[role]})" if colours.get(role) else "" for role in NORMS}
    setup = (
        f"After Terence Parr's simulation (explained.ai): {m['n_losses']} random quadratic "
        f"losses per family and region ({listing(list(FAMILY_WORDS.values()))}; each region "
        f"draws its own), minimised inside the L1 diamond |b1| + |b2| ≤ {t}{named['l1']} or "
        f"inside the L2 disc of radius {t}{named['l2']}, as the article does, at the lowest of "
        f"{m['boundary_points']} points walked along the boundary, and exactly. As in the "
        "article, every loss's unconstrained minimum lies outside the region (one inside would be "
        "its own solution). Each map shows every loss's unconstrained minimum as a dot: large, in the region's colour, where the "
        "exact constrained minimum has a zero coefficient; small and faint where only the walk's "
        "has one; small and muted where neither has. Each map draws its row's region (the top "
        "row L1's, the bottom row L2's) and the other one faint. Outlined on the symmetric maps "
        "only (round "
        "losses, where the shapes are exact): the cones beyond the diamond's corners, where a "
        "round loss's L1 minimum is a corner, and the thin wedges round the axes where the walk "
        "lands a round loss's L2 minimum on an axis."
    )
    claims.append(
        Claim(
            DESCRIPTION,
            "setup",
            setup,
            {
                "n_losses": m["n_losses"],
                "region_size": m["region_size"],
                "boundary_points": m["boundary_points"],
                "colours": {role: colours.get(role) for role in NORMS},
            },
        )
    )
    article = (
        f"the article's {by_family(m['published'], 'l1')} and {by_family(m['published'], 'l2')}"
    )
    found = (
        f"By the walk, a coefficient is zero for L1 in {by_family(walk, 'l1')} of the "
        f"symmetric, general and one-weak losses, for L2 in {by_family(walk, 'l2')}"
    )
    within = points_within(m["largest_gap"])
    facts = {
        "shares": walk,
        "published": m["published"],
        "largest_gap": m["largest_gap"],
        "within": within,
    }
    if m["largest_gap"] <= REPRODUCED_WITHIN:
        text = f"{found}: within {count(within, 'point')} of {article}."
        claims.append(Claim(DESCRIPTION, "shares.reproduced", text, facts))
    else:
        text = f"{found} ({article}; up to {percent(m['largest_gap'])} points apart)."
        claims.append(Claim(DESCRIPTION, "shares.apart", text, facts))
    snapped = m["snapped"]
    ring = (
        f" (the walk also puts {listing([str(snapped[n]) for n in FAMILIES])} minima just "
        "off a corner onto it)"
        if any(snapped.values())
        else ""
    )
    l2_none = all(exact[name]["l2"] == 0 for name in FAMILIES)
    l2_exact = (
        "L2 in none: an exact L2 minimum has a zero only when the unconstrained one lies on one "
        "of four half-lines out of the disc's points on the axes (along the axes when the loss is "
        "not tilted), which random losses miss. The walk's L2 zeros are its points on an axis, "
        "where it lands whenever the exact minimum is within half a step of one"
        if l2_none
        else f"L2 in {by_family(exact, 'l2')}"
    )
    claims.append(
        Claim(
            DESCRIPTION,
            "exact.l2_none" if l2_none else "exact",
            "Solved exactly, the same losses as the walk's give a zero for L1 in "
            f"{by_family(exact, 'l1')}"
            f"{ring}, {l2_exact}.",
            {"exact_shares": exact, "snapped": snapped},
        )
    )
    claims.append(
        Claim(
            DESCRIPTION,
            "near_rule",
            "The article's rule for its near-zero dots, a coefficient within "
            f"{given(PERCENT_OF * m['near_fraction'])}% of the region size, would give L2 "
            f"{by_family(near, 'l2')}; its published shares count only the walk's axis points, "
            "and so do ours.",
            {"near_shares": near, "near_fraction": m["near_fraction"]},
        )
    )
    claims.append(
        Claim(
            ALT,
            "alt",
            f"Sparsity by the odds: maps of {m['n_losses']} random losses' minima per family "
            "and region,"
            f" and the shares whose constrained minimum has a zero coefficient: by the article's "
            f"walk L1 {span(walk, 'l1')}, L2 {span(walk, 'l2')}; exactly, L1 "
            f"{span(exact, 'l1')}, L2 {span(exact, 'l2')}.",
            {"shares": walk, "exact_shares": exact},
        )
    )
    return claims


PERCENT_OF = 100  # a fraction as a percentage
