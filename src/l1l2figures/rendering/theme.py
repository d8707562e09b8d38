"""The house style of every figure, resolved from the config: one palette, light and dark themes.

``figure_style(config, figure, theme)`` merges, in this order: the shared fonts and the light palette
(config ``style``), the theme's palette overrides (``style.themes.<theme>.palette``), and the
figure's own ``style`` section (its sizes, and optional colour overrides such as ``l1_color``). The
result is a flat dict of builtins: a rule passes it as its ``style`` param, so Snakemake reruns a
render exactly when something it draws with changes, and a dark-only change leaves light jobs alone.

Pure Python on purpose: the Snakefile calls it at parse time, on every run, where importing
matplotlib or numpy would cost a second each time.
"""

from l1l2figures.errors import ConfigError

LIGHT = "light"  # the palette in config ``style.palette``; every other theme overrides parts of it
# The blog bundle shows the theme named after the reader's prefers-color-scheme, light or dark, so
# the config must define both.
COLOR_SCHEMES = (LIGHT, "dark")
HUES = "hues"  # palette entry naming what a colour word in a figure means (the Manhattan paths)


def theme_names(config: dict) -> list[str]:
    """The themes the config defines: light, then those under ``style.themes``."""
    return [LIGHT, *config["style"].get("themes", {})]


def check_theme(config: dict, theme: str) -> None:
    """Refuse a theme the config does not define, naming the key where themes are defined."""
    if theme not in theme_names(config):
        raise ConfigError(
            f"config.style.themes.{theme}: unknown theme {theme!r}; "
            f"defined: {', '.join(theme_names(config))}"
        )


def palette(config: dict, theme: str = LIGHT) -> dict:
    """The theme's palette: the light one with the theme's overrides (hues merged by name)."""
    check_theme(config, theme)
    house = config["style"]
    colors = dict(house["palette"])
    colors[HUES] = dict(colors.get(HUES, {}))
    if theme != LIGHT:
        overrides = dict(house["themes"][theme].get("palette", {}))
        colors[HUES] |= overrides.pop(HUES, {})
        colors |= overrides
    return colors


def figure_style(config: dict, figure: str, theme: str = LIGHT) -> dict:
    """Everything a figure's scene and ``apply_house_style`` need, for one theme.

    Colour roles of the palette become ``<role>_color`` keys (``l1`` -> ``l1_color``); the
    figure's own ``style`` keys come last and win, in every theme.
    """
    house = config["style"]
    colors = palette(config, theme)
    hues = colors.pop(HUES)
    return {
        "theme": theme,
        "font_family": house["font_family"],
        "generic_font_family": house["generic_font_family"],
        "font_size": house["font_size"],
        **{f"{role}_color": value for role, value in colors.items()},
        HUES: hues,
        **config[figure].get("style", {}),
    }
