"""Every figure's words from what its jobs wrote: one call per figure, for the pipeline's words
stage, the site, the report captions and the README.

``figure_words(figure, inputs, section, styles)`` takes the figure's inputs already read (by the
names in ``INPUTS``: its data, fits or measures), its config section, and its resolved style per
theme (``theme.figure_style``); it returns plain builtins, written as the figure's words.json.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from l1l2figures.words import (
    l1_l2_gradient,
    manhattan_distance,
    outlier_sweep,
    robustness,
    solvers,
    sparsity,
    stability,
    texts,
)
from l1l2figures.words.colours import colour_names, role_colours


@dataclass(frozen=True)
class FigureWords:
    inputs: tuple[str, ...]  # what the figure's words are measured on, by name
    measures: Callable[[dict, dict], dict]  # (inputs read, config section) -> measures
    words: Callable[[dict, dict], list]  # (measures, colour names) -> claims


FIGURES = {
    "outlier_sweep": FigureWords(
        ("data", "stability"),
        lambda got, section: outlier_sweep.measures(got["data"], got["stability"], section),
        outlier_sweep.words,
    ),
    "outlier_sweep_grid": FigureWords(
        ("data",),
        lambda got, section: outlier_sweep.grid_measures(got["data"], section["grid_columns"]),
        outlier_sweep.grid_words,
    ),
    "stability": FigureWords(
        ("data", "stability"),
        lambda got, section: stability.measures(got["data"], got["stability"]),
        stability.words,
    ),
    "robustness": FigureWords(
        ("data", "fits"),
        lambda got, section: robustness.measures(got["data"], got["fits"], section),
        robustness.words,
    ),
    "l1_l2_gradient": FigureWords(
        ("fits",),
        lambda got, section: l1_l2_gradient.measures(got["fits"]),
        l1_l2_gradient.words,
    ),
    "sparsity": FigureWords(
        ("fits",),
        lambda got, section: sparsity.measures(got["fits"], section, section["centre_angles_deg"]),
        sparsity.words,
    ),
    "solvers": FigureWords(
        ("fits",),
        lambda got, section: solvers.measures(got["fits"]),
        solvers.words,
    ),
    "manhattan_distance": FigureWords(
        ("data",),
        lambda got, section: manhattan_distance.measures(got["data"]),
        manhattan_distance.words,
    ),
}


def drawn_colours(figure: str, inputs: dict, style: dict) -> dict[str, str]:
    """{role: colour} of what the figure draws in one theme, for the roles its words may name."""
    if figure == "manhattan_distance":
        return manhattan_distance.drawn_colours(inputs["data"], style)
    return role_colours(style)


def figure_words(figure: str, inputs: dict, section: dict, styles: dict[str, dict]) -> dict:
    """The figure's measures and words: title, alt, description and their claims in words every
    theme shares (a colour named only where all themes draw it alike), and per theme the words
    that theme's own files carry (the SVG's <title> and <desc>)."""
    spec = FIGURES[figure]
    measures = spec.measures(inputs, section)
    drawn = {theme: drawn_colours(figure, inputs, style) for theme, style in styles.items()}
    shared = texts(spec.words(measures, colour_names(drawn.values())))
    themed = {
        theme: texts(spec.words(measures, colour_names([colours])))
        for theme, colours in drawn.items()
    }
    own = (manhattan_distance.SVG_TITLE, manhattan_distance.SVG_DESC)
    return {
        "measures": measures,
        **shared,
        "themes": {
            theme: {key: words[key] for key in own if key in words}
            | {"drawn": list(drawn[theme].values())}
            for theme, words in themed.items()
        },
    }
