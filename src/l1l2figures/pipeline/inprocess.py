"""Any figure built in one process from the config, without Snakemake, from its catalogue entry.

For notebooks, the benchmark's baseline and the tests; the pipeline runs the same stages as jobs
that hand their products over in files.
"""

from l1l2figures.catalogue import CATALOGUE, CONFIG, STYLE, stage_config
from l1l2figures.pipeline.calls import run
from l1l2figures.rendering.style import apply_house_style
from l1l2figures.rendering.theme import LIGHT, figure_style, theme_names


def product(config: dict, figure: str, stage: str, made: dict | None = None):
    """What ``stage`` (data or fit) of ``figure`` makes, with every stage it reads made first.

    ``made`` keeps what is already made, {(figure, stage): product}, across calls.
    """
    made = {} if made is None else made
    if (figure, stage) not in made:
        call = CATALOGUE[figure].stage(stage)
        values = _read(config, call.reads, made)
        values[CONFIG] = stage_config(config, figure, stage)
        made[figure, stage] = run(call.function, call.args, values)
    return made[figure, stage]


def _read(config: dict, reads: dict, made: dict) -> dict:
    return {name: product(config, *source, made) for name, source in reads.items()}


def scene(figure: str, config: dict, theme: str = LIGHT):
    """A figure drawn in a theme from the whole (validated) config: an animation's (figure,
    update(i)), a still's figure."""
    entry = CATALOGUE[figure]
    style = figure_style(config, entry.section, theme)
    apply_house_style(style)
    values = _read(config, entry.draw.reads, {})
    values |= {CONFIG: stage_config(config, figure, "draw"), STYLE: style}
    return run(entry.draw.function, entry.draw.args, values)


def words(figure: str, config: dict) -> dict:
    """A figure's words (as its words stage writes them in words.json) from the whole config."""
    from l1l2figures.words.figures import figure_words

    entry = CATALOGUE[figure]
    styles = {theme: figure_style(config, entry.section, theme) for theme in theme_names(config)}
    return figure_words(figure, product(config, figure, "words"), styles, entry.category)
