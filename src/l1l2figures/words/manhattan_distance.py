"""The Manhattan figure's words: path lengths, the straight line and the count of shortest taxicab
paths, from the geometry (``taxicab.city``); also the SVG's <title> and <desc>."""

from __future__ import annotations

from l1l2figures.words import (
    ALT,
    DESCRIPTION,
    SVG_DESC,
    SVG_TITLE,
    TITLE,
    Claim,
    agree,
    count,
    listing,
    measured,
)

STRAIGHT = "straight"  # the colour role of the straight line; the paths' roles are their names


def measures(city: dict) -> dict:
    """``city``: the geometry (city.json)."""
    return {
        "blocks": city["blocks"],
        "apart": [city["moves_right"], city["moves_up"]],
        "paths": {name: path["length"] for name, path in city["paths"].items()},
        # the config's colour of each path: a colour word (a key of the palette's hues) or a colour
        "path_colours": {name: path["color"] for name, path in city["paths"].items()},
        "manhattan": city["manhattan_distance"],
        "euclidean": city["euclidean_length"],
        "euclidean_text": city["euclidean_text"],
        "shortest_paths": city["shortest_path_count"],
    }


def drawn_colours(m: dict, style: dict) -> dict[str, str]:
    """The colour each path and the straight line is drawn in, by role: a colour word of the
    config means its colour in ``style['hues']``."""
    hues = style["hues"]
    drawn = {name: hues.get(colour, colour) for name, colour in m["path_colours"].items()}
    return drawn | {STRAIGHT: hues.get(style["euclidean_color"], style["euclidean_color"])}


def apart(right: int, up: int) -> str:
    """How far apart the dots are: "6 blocks apart horizontally and 6 vertically"."""
    if right and up:
        return f"{count(right, 'block')} apart horizontally and {up} vertically"
    if right:
        return f"{count(right, 'block')} apart horizontally, on one street"
    return f"{count(up, 'block')} apart vertically, on one street"


def words(m: dict, colours: dict) -> list[Claim]:
    """``colours``: a name per path (by its name) and for ``straight``, or None for any the
    words must not name (drawn in colours of different names in different themes)."""
    n_paths = len(m["paths"])
    many = m["shortest_paths"] > 1
    right, up = m["apart"]
    length_text = f"{m['euclidean_text']}"
    if m["euclidean_text"] != f"{m['manhattan']}":
        length_text += f" ≈ {measured(m['euclidean'], 3)}"
    title = (
        Claim(
            TITLE,
            "many_paths_one_line",
            "Manhattan distance: one shortest line, many shortest taxicab paths",
            {"shortest_paths": m["shortest_paths"]},
        )
        if many
        else Claim(
            TITLE,
            "one_street",
            "Manhattan distance: on one street, the straight line is the taxicab path",
            {"shortest_paths": m["shortest_paths"]},
        )
    )
    lengths = {
        "n_paths": n_paths,
        "manhattan": m["manhattan"],
        "euclidean_text": m["euclidean_text"],
        "euclidean": m["euclidean"],
    }
    claims = [
        title,
        Claim(
            ALT,
            "lengths",
            f"Manhattan distance: {count(n_paths, 'taxicab path')} of length {m['manhattan']} and "
            f"the straight line of length {length_text} between two points.",
            lengths,
        ),
        Claim(
            SVG_TITLE,
            "lengths",
            f"Manhattan distance: {count(n_paths, 'taxicab path')} of length {m['manhattan']} and "
            f"a straight line of length {m['euclidean_text']}",
            lengths,
        ),
    ]
    grid = (
        f"A city grid of {m['blocks'][0]} by {m['blocks'][1]} blocks. Two dots lie "
        f"{apart(right, up)}."
    )
    claims.append(Claim(SVG_DESC, "geometry", grid, {"blocks": m["blocks"], "apart": m["apart"]}))
    path_colours = [colours.get(name) for name in m["paths"]]
    named = [f"{measured(length, 3)} blocks" for length in m["paths"].values()]
    if all(path_colours):  # else drawn in colours of different names in different themes
        named = [f"{colour} {length}" for colour, length in zip(path_colours, named, strict=True)]
    paths = (
        f"{agree(n_paths, 'The taxicab path', 'Taxicab paths')} along the streets: "
        f"{listing(named)}; {agree(n_paths, 'it', 'each')} is as short as a path along the "
        f"streets can be, and {count(m['shortest_paths'], 'such path')} "
        f"{agree(m['shortest_paths'], 'exists', 'exist')}."
    )
    facts = {
        "paths": m["paths"],
        "colours": {name: colours.get(name) for name in m["paths"]},
        "shortest_paths": m["shortest_paths"],
    }
    straight_colour = f"{colours[STRAIGHT]} " if colours.get(STRAIGHT) else ""
    if many:
        key = "straight_shorter"
        line = (
            f"The {straight_colour}straight line between the dots, across the blocks, has length "
            f"{m['euclidean_text']}, about {measured(m['euclidean'], 3)} blocks: the one shortest "
            "path as the crow flies."
        )
    else:
        key = "straight_on_street"
        line = (
            f"The {straight_colour}straight line between the dots runs along a street: its "
            f"length, {m['manhattan']} blocks, is the taxicab distance, and it is the one "
            "shortest taxicab path."
        )
    line_facts = lengths | {"colour": colours.get(STRAIGHT), "shortest_paths": m["shortest_paths"]}
    claims += [
        Claim(SVG_DESC, "paths", paths, facts),
        Claim(SVG_DESC, key, line, line_facts),
    ]
    in_colours = f" ({listing(path_colours)})" if all(path_colours) else ""
    caption = (
        f"On a city grid of {m['blocks'][0]} by {m['blocks'][1]} blocks, "
        f"{count(n_paths, 'taxicab path')}{in_colours} of length {m['manhattan']} "
        f"{agree(n_paths, 'joins', 'join')} two dots {apart(right, up)}; "
        f"{count(m['shortest_paths'], 'shortest taxicab path')} "
        f"{agree(m['shortest_paths'], 'exists', 'exist')} in all, C({right + up}, {right})."
    )
    claims += [
        Claim(DESCRIPTION, "caption_paths", caption, lengths | facts | {"apart": m["apart"]}),
        Claim(DESCRIPTION, key, line, line_facts),
    ]
    return claims
