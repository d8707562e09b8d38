"""Any figure built in one process from the whole config, without Snakemake, by the protocol of
``build``: for notebooks, the benchmark's baseline, the tests and the live preview. Each product
passes through its file format in memory, so a scene gets what a job reads from results/.
"""

from l1l2figures.catalogue import CATALOGUE, stage_config
from l1l2figures.pipeline.build import as_stored, call_spec, compute, draw
from l1l2figures.rendering.theme import LIGHT, figure_style, theme_names


def product(config: dict, figure: str, stage: str, made: dict | None = None):
    """What ``stage`` (data or fit) of ``figure`` makes, as its file holds it, with every stage it
    reads made first. ``made`` keeps what is already made, {(figure, stage): product}."""
    made = {} if made is None else made
    if (figure, stage) not in made:
        call = CATALOGUE[figure].stage(stage)
        computed = compute(
            call_spec(call), _read(config, call.reads, made), stage_config(config, figure, stage)
        )
        made[figure, stage] = as_stored(computed, call.suffix)
    return made[figure, stage]


def _read(config: dict, reads: dict, made: dict) -> dict:
    return {name: product(config, *source, made) for name, source in reads.items()}


def scene(figure: str, config: dict, theme: str = LIGHT, made: dict | None = None):
    """A figure drawn in a theme from the whole (validated) config."""
    entry = CATALOGUE[figure]
    style = figure_style(config, entry.section, theme)
    products = _read(config, entry.draw.reads, {} if made is None else made)
    return draw(call_spec(entry.draw), products, stage_config(config, figure, "draw"), style)


def words(figure: str, config: dict) -> dict:
    """A figure's words (as its words stage writes them in words.json) from the whole config."""
    from l1l2figures.words.figures import figure_words

    entry = CATALOGUE[figure]
    measures = compute(
        call_spec(entry.words),
        _read(config, entry.words.reads, {}),
        stage_config(config, figure, "words"),
    )
    styles = {theme: figure_style(config, entry.section, theme) for theme in theme_names(config)}
    return figure_words(entry.words.function, as_stored(measures, "json"), styles, entry.category)
