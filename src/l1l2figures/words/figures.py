"""Every figure's words from its measures: one call per figure, for the pipeline's words stage,
the site, the report captions and the README.

A figure's words module is the module of its catalogue ``words`` call (``words/<figure>.py`` for the
shipped figures; a new figure's may be its scene's own module): it has ``measures(...)`` and
``words(measures, colours)``, and may have ``drawn_colours(measures, style)`` when its colours are
not the style's series roles (the Manhattan paths). ``figure_words`` names the colours drawn in
each theme and returns plain builtins, written as the figure's words.json; an animation's words
module may also have ``frame_words(measures)``, each frame's words for the blog player.
"""

from __future__ import annotations

import importlib

from l1l2figures.words import ALT, DESCRIPTION, SVG_DESC, SVG_TITLE, TITLE, Claim, rst_text, texts
from l1l2figures.words.colours import colour_names, role_colours

PACKAGE = "l1l2figures"
THEMED = (SVG_TITLE, SVG_DESC)  # words a theme's own files carry, beside those all themes share


def words_module(measures_function: str):
    """The module of ``measures_function`` (a catalogue Call's "module:function") when it has the
    figure's ``words``; None for a figure that has no words yet (``no_measures``)."""
    module = importlib.import_module(f"{PACKAGE}.{measures_function.split(':')[0]}")
    return module if hasattr(module, "words") else None


def no_measures() -> dict:
    """The measures of a figure without a words module: none."""
    return {}


def named_only(name: str) -> list[Claim]:
    """The words of a figure without a words module: its name, and no claim about it."""
    return [
        Claim(TITLE, "name", name),
        Claim(ALT, "name", f"{name}."),
        Claim(DESCRIPTION, "name", f"{name}."),
    ]


def drawn_colours(module, measures: dict, style: dict) -> dict[str, str]:
    """{role: colour} of what the figure draws in one theme, for the roles its words may name."""
    own = getattr(module, "drawn_colours", None)
    return own(measures, style) if own else role_colours(style)


def figure_words(
    measures_function: str, measures: dict, styles: dict[str, dict], name: str
) -> dict:
    """The figure's measures and words: title, alt, description and their claims in words every
    theme shares (a colour named only where all themes draw it alike), and per theme the words
    that theme's own files carry.
    ``measures_function``: its catalogue words Call's function, which made ``measures``;
    ``name``: the figure's name for readers, its only words while it has no words module."""
    module = words_module(measures_function)

    def said(colours: dict) -> dict:
        return texts(module.words(measures, colours) if module else named_only(name))

    drawn = {theme: drawn_colours(module, measures, style) for theme, style in styles.items()}
    shared = said(colour_names(drawn.values()))
    themes = {}
    for theme, colours in drawn.items():
        own = said(colour_names([colours]))
        themes[theme] = {key: own[key] for key in THEMED if key in own}
    frame_words = getattr(module, "frame_words", None)
    frames = {"frames": frame_words(measures)} if frame_words else {}
    return {"measures": measures, **shared, "themes": themes, **frames}


def caption(words: dict, rest: str) -> str:
    """The figure's report caption: its title in bold and its description (reStructuredText), then
    ``rest``, the paragraphs of report/<figure>.rst (which config keys change the figure)."""
    lead = f"**{rst_text(words['title'])}.** {rst_text(words['description'])}"
    return f"{lead}\n\n{rest.strip()}\n"
