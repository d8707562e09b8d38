"""Plain colour words from the colours a figure draws.

A colour is named by the nearest, in CAM02-UCS (a perceptually uniform space), of a small fixed
list of plain names. Each name's reference colours are those the xkcd colour survey's respondents
gave that name (matplotlib's XKCD_COLORS), not values tuned here; a name may stand for a survey
name's darker shade too ("dark orange" is still said "orange"). So #D55E00 and #D64700 (Okabe-Ito
vermillion and a redder one) read "orange", #CC3311 "red", #009E73 and #009E84 (bluish greens)
"teal", #332288 "blue" and #8050F0 "violet".
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import colorspacious
import numpy as np
from matplotlib.colors import XKCD_COLORS, to_hex, to_rgb, to_rgba

from l1l2figures.words import SERIES_ROLES

PLAIN_NAMES = (
    "red",
    "orange",
    "yellow",
    "green",
    "teal",
    "cyan",
    "light blue",
    "blue",
    "violet",
    "purple",
    "pink",
    "brown",
    "grey",
    "black",
    "white",
)
# The survey names each plain name also stands for: readers call a dark orange orange.
SHADES = {"orange": ("dark orange",)}
UNIFORM_SPACE = "CAM02-UCS"
_REFERENCE_NAMES = [
    (name, survey) for name in PLAIN_NAMES for survey in (name, *SHADES.get(name, ()))
]
_REFERENCES = np.array(
    [
        colorspacious.cspace_convert(to_rgb(XKCD_COLORS[f"xkcd:{survey}"]), "sRGB1", UNIFORM_SPACE)
        for _, survey in _REFERENCE_NAMES
    ]
)
# A colour word in a text: the longest names first, so "light blue" is not read as "blue".
_COLOUR_WORD = re.compile(
    r"\b(" + "|".join(sorted(PLAIN_NAMES, key=len, reverse=True)) + r")\b", re.IGNORECASE
)


def colour_name(colour) -> str:
    """The plain name of a matplotlib colour (a hex value or a colour name)."""
    point = colorspacious.cspace_convert(to_rgb(colour), "sRGB1", UNIFORM_SPACE)
    return _REFERENCE_NAMES[int(np.linalg.norm(_REFERENCES - point, axis=1).argmin())][0]


def colour_names(drawn_per_theme: Iterable[dict[str, str]]) -> dict[str, str | None]:
    """{role: plain name} over every theme's drawn colours ({role: colour}); None for a role the
    themes draw in colours of different names, so that a text shared by the themes names none."""
    names: dict[str, set[str]] = {}
    for drawn in drawn_per_theme:
        for role, colour in drawn.items():
            names.setdefault(role, set()).add(colour_name(colour))
    return {role: next(iter(found)) if len(found) == 1 else None for role, found in names.items()}


def colour_words(text: str) -> list[str]:
    """The plain colour names a text uses, in order."""
    return [match.lower() for match in _COLOUR_WORD.findall(text)]


def false_colour_words(text: str, drawn: Iterable[str]) -> list[str]:
    """The colour words of ``text`` that name none of the ``drawn`` colours."""
    drawn_names = {colour_name(colour) for colour in drawn}
    return [word for word in colour_words(text) if word not in drawn_names]


def role_colours(style: dict, roles: Iterable[str] = SERIES_ROLES) -> dict[str, str]:
    """{role: colour} of a figure's resolved style (``theme.figure_style``)."""
    return {role: style[f"{role}_color"] for role in roles}


def artist_colours(fig) -> set[str]:
    """The colours a matplotlib figure draws its data in: lines, markers, patches and
    collections that are visible and not fully transparent (its text colours are not counted)."""
    from matplotlib.collections import Collection
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    found = []
    for artist in fig.findobj(lambda a: a.get_visible()):
        if isinstance(artist, Line2D) and len(artist.get_xdata()):
            found += [
                artist.get_color(),
                artist.get_markerfacecolor(),
                artist.get_markeredgecolor(),
            ]
        elif isinstance(artist, Patch) and artist.axes is not None:
            found += [artist.get_edgecolor(), artist.get_facecolor() if artist.get_fill() else None]
        elif isinstance(artist, Collection):
            found += [*artist.get_facecolors(), *artist.get_edgecolors()]
    return {to_hex(c) for c in found if c is not None and not _transparent(c)}


def _transparent(colour) -> bool:
    return isinstance(colour, str) and colour == "none" or to_rgba(colour)[3] == 0


def colour_word_problems(fig, texts: Iterable[str]) -> list[str]:
    """For the quality gate: each colour word in ``texts`` (the figure's words, and those drawn on
    it) that names no colour the figure draws."""
    drawn = artist_colours(fig)
    names = sorted({colour_name(colour) for colour in drawn})
    problems = (
        f"the words {text!r} say {word!r}, but the figure draws only {', '.join(names)}"
        for text in texts
        for word in false_colour_words(text, drawn)
    )
    return list(dict.fromkeys(problems))  # each once, in order


def figure_colour_word_problems(fig, words: Iterable[str]) -> list[str]:
    """Each colour word of ``words`` (a figure's title, alt text, description) or of a text drawn
    on the figure that names no colour it draws."""
    # Imported here: only the quality gate reads a figure's texts, and words jobs draw none.
    from l1l2figures.rendering.quality import drawn_texts

    return colour_word_problems(fig, [*words, *(text.get_text() for text in drawn_texts(fig))])


def said_colour_word_problems(words_file: str):
    """The check of a figure's colour words that the quality gate runs after the figure's own:
    those of its words (``words_file``, its words.json) and of the texts drawn on it."""
    from l1l2figures.files import read_json
    from l1l2figures.words import ALT, DESCRIPTION, TITLE

    said = read_json(words_file)
    words = [said[TITLE], said[ALT], said[DESCRIPTION]]
    return lambda drawn: figure_colour_word_problems(drawn, words)
