"""Every figure's words from its measures: one call per figure, for the pipeline's words stage,
the site, the report captions and the README.

A figure's words module (``l1l2figures.words.<figure>``) has ``measures(...)`` and
``words(measures, colours)``, and may have ``drawn_colours(measures, style)`` when its colours are
not the style's series roles (the Manhattan paths). ``figure_words`` names the colours drawn in
each theme and returns plain builtins, written as the figure's words.json.
"""

from __future__ import annotations

import importlib

from l1l2figures.words import SVG_DESC, SVG_TITLE, texts
from l1l2figures.words.colours import colour_names, role_colours

PACKAGE = "l1l2figures.words"
THEMED = (SVG_TITLE, SVG_DESC)  # words a theme's own files carry, beside those all themes share


def words_module(figure: str):
    return importlib.import_module(f"{PACKAGE}.{figure}")


def drawn_colours(module, measures: dict, style: dict) -> dict[str, str]:
    """{role: colour} of what the figure draws in one theme, for the roles its words may name."""
    own = getattr(module, "drawn_colours", None)
    return own(measures, style) if own else role_colours(style)


def figure_words(figure: str, measures: dict, styles: dict[str, dict]) -> dict:
    """The figure's measures and words: title, alt, description and their claims in words every
    theme shares (a colour named only where all themes draw it alike), and per theme the words
    that theme's own files carry and the colours it draws (for the quality gate)."""
    module = words_module(figure)
    drawn = {theme: drawn_colours(module, measures, style) for theme, style in styles.items()}
    shared = texts(module.words(measures, colour_names(drawn.values())))
    themes = {}
    for theme, colours in drawn.items():
        own = texts(module.words(measures, colour_names([colours])))
        themes[theme] = {key: own[key] for key in THEMED if key in own}
        themes[theme]["drawn"] = list(colours.values())
    return {"measures": measures, **shared, "themes": themes}
