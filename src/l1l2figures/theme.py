"""Placeholder until the house-style work lands: the resolved look of a figure in a theme."""

THEMES = ("light", "dark")


def figure_style(config: dict, figure: str, theme: str) -> dict:
    return {**config["style"], **config[figure]["style"]}
