"""The figure-quality gate: every frame of every figure, light and dark, and the gate itself."""

import copy
import re
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.colors import to_hex
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from matplotlib.patheffects import withStroke

from conftest import copy_workflow, merged, run_snakemake, validate
from l1l2figures.catalogue import CATALOGUE, STILLS
from l1l2figures.errors import ConfigError
from l1l2figures.pipeline.inprocess import scene
from l1l2figures.rendering.encode import write_svg
from l1l2figures.rendering.formats import HIGH_DENSITY_SCALE
from l1l2figures.rendering.quality import (
    animation_problems,
    cut_texts,
    figure_problems,
    palette_problems,
)
from l1l2figures.rendering.style import apply_house_style, decimals_to_tell_apart, number
from l1l2figures.rendering.theme import COLOR_SCHEMES, check_theme, figure_style, theme_names

THEMES = COLOR_SCHEMES


def test_the_default_config_defines_both_themes(default_config):
    assert set(THEMES) <= set(theme_names(default_config))


@pytest.fixture(scope="module")
def gated(tmp_path_factory) -> Path:
    """`snakemake quality` on the default config: the gate on every frame, in every theme."""
    workdir = copy_workflow(tmp_path_factory.mktemp("gated"), overrides={})
    run_snakemake(workdir, "quality", "--keep-going")
    return workdir


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("figure", CATALOGUE)
def test_every_figure_passes_the_gate_of_snakemake_quality(gated, figure, theme):
    report = gated / "quality" / figure / f"{theme}.txt"
    log = gated / "logs" / figure / f"quality_{theme}.log"
    assert report.is_file(), log.read_text() if log.is_file() else f"no gate ran on {figure}"
    assert report.read_text() == ""


@pytest.mark.slow
def test_a_still_laid_out_for_a_narrower_figure_fails_quality_naming_what_is_cut(tmp_path):
    # 6.5 in, a tenth under the 7.2 in the figure is laid out for: its key no longer fits
    workdir = copy_workflow(tmp_path, overrides={"stability": {"style": {"size_in": [6.5, 7.6]}}})
    report = Path("quality", "stability", "light.txt")
    result = run_snakemake(workdir, report.as_posix())
    assert result.returncode != 0
    said = result.stdout + result.stderr
    assert "quality/stability/light: text 'the 4 points' is cut by the figure's edge" in said
    # no report left to pass for a clean one; the log keeps every problem
    assert not (workdir / report).exists()
    log = workdir / "logs" / "stability" / "quality_light.log"
    assert "is cut by the figure's edge" in log.read_text()


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("figure", STILLS)
def test_every_static_figure_passes_the_gate(default_config, default_words, figure, theme):
    from l1l2figures.words.colours import figure_colour_word_problems

    fig = scene(figure, default_config, theme)
    problems = figure_problems(fig, f"{figure} ({theme})")
    said = default_words[figure]
    problems += figure_colour_word_problems(fig, [said["title"], said["alt"], said["description"]])
    plt.close(fig)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    ("figure", "sweep"),
    [
        # grids the config accepts in the default size: one panel, a row short of its columns,
        # a last row of one, 4 rows, one column; positions where L1's fit with the outlier
        # comes close to L2's without
        ("outlier_sweep_grid", {"grid_panels": 1}),
        ("outlier_sweep_grid", {"grid_panels": 2}),
        ("outlier_sweep_grid", {"grid_panels": 7}),
        ("outlier_sweep_grid", {"grid_panels": 12}),
        ("outlier_sweep_grid", {"grid_panels": 4, "grid_columns": 1}),
        # 100 trees: both fits moved as far for long stretches of the sweep
        ("outlier_sweep_grid", {"gbr": {"n_estimators": 100}}),
        ("stability", {"gbr": {"n_estimators": 100}}),
        # a falling line left of 0: the jump panel's title printed 4-character jumps
        (
            "stability",
            {
                "base_x": [-9, -6, -3, 0],
                "line_slope": -2,
                "outlier_x_range": [-13, 3],
                "x_limits": [-15, 5],
                "n_frames": 90,
            },
        ),
    ],
)
def test_a_still_passes_the_gate_where_l1_and_l2_come_close(default_config, figure, sweep):
    config = validate(merged(default_config, {"outlier_sweep": sweep}))
    fig = scene(figure, config)
    problems = figure_problems(fig, figure)
    plt.close(fig)
    assert not problems, "\n".join(problems)


def test_the_about_as_far_ticks_lie_under_the_move_curves_near_0(default_config):
    # at 100 trees the moves run along 0.1-0.3 for x in [0, 6], through the ticks' 12 pt
    config = validate(merged(default_config, {"outlier_sweep": {"gbr": {"n_estimators": 100}}}))
    fig = scene("stability", config)
    lines = {line.get_label(): line for line in fig.axes[0].get_lines()}
    [ticks] = [line for line in lines.values() if line.get_marker() == "|"]
    plt.close(fig)
    assert len(ticks.get_xdata()) > 0
    assert ticks.get_zorder() < min(lines[f"{n} move"].get_zorder() for n in ("L1", "L2"))


@pytest.mark.parametrize(
    "figure", ["outlier_sweep", "outlier_sweep_grid", "stability", "robustness"]
)
def test_a_key_s_hatch_swatch_is_large_enough_to_show_its_lean(default_config, figure):
    # each half of the pair at least 15 x 11 px, half again the 10 x 9 px it had, where its hatch
    # showed a single stroke: room for a reader to tell / from \
    drawn = scene(figure, default_config)
    fig = drawn[0] if isinstance(drawn, tuple) else drawn
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    swatches = [
        rect.get_window_extent(renderer)
        for legend in fig.legends + [ax.get_legend() for ax in fig.axes if ax.get_legend()]
        for rect in legend.findobj(Rectangle)
        if rect.get_hatch()
    ]
    plt.close(fig)
    assert len(swatches) == 2
    assert all(box.width >= 15 and box.height >= 11 for box in swatches), swatches


@pytest.mark.parametrize(
    "figure", ["outlier_sweep", "outlier_sweep_grid", "stability", "robustness"]
)
def test_a_key_s_hatch_swatch_lies_between_a_solid_and_a_dashed_edge_as_its_band(
    default_config, figure
):
    # on the plot a band lies between a loss's solid line and its dashed one: so does its swatch
    drawn = scene(figure, default_config)
    fig = drawn[0] if isinstance(drawn, tuple) else drawn
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    keys = fig.legends + [ax.get_legend() for ax in fig.axes if ax.get_legend()]
    hatches = [rect for key in keys for rect in key.findobj(Rectangle) if rect.get_hatch()]
    edges = [line for key in keys for line in key.findobj(Line2D) if len(line.get_xdata()) == 2]
    assert len(hatches) == 2
    for hatch in hatches:
        box = hatch.get_window_extent(renderer)
        color = to_hex(hatch.get_edgecolor())
        found = {}
        for line in edges:
            ends = line.get_window_extent(renderer)
            if (
                to_hex(line.get_color()) == color
                and ends.x0 <= box.x0 + 1
                and box.x1 - 1 <= ends.x1
            ):
                y = (ends.y0 + ends.y1) / 2
                side = "top" if abs(y - box.y1) < 1 else "bottom" if abs(y - box.y0) < 1 else None
                found[side] = "dashed" if line.is_dashed() else "solid"
        assert found.get("top") == "solid" and found.get("bottom") == "dashed", (color, found)
    plt.close(fig)


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("figure", STILLS)
def test_no_text_of_a_static_figure_is_cut_at_its_high_density_dpi(default_config, figure, theme):
    # The site's @2x files: text is hinted at each dpi, a line that fits at 1x can be wider at 2x.
    fig = scene(figure, default_config, theme)
    fig.set_dpi(fig.dpi * HIGH_DENSITY_SCALE)
    fig.canvas.draw()
    cut = cut_texts(fig)
    plt.close(fig)
    assert not cut, "\n".join(cut)


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("figure", CATALOGUE)
def test_every_palette_passes_the_colour_vision_and_contrast_bounds(default_config, figure, theme):
    style = figure_style(default_config, CATALOGUE[figure].section, theme)
    paths = [p["color"] for p in default_config["manhattan_distance"]["paths"].values()]
    compared = []
    if figure == "manhattan_distance":
        words = [*paths, style["euclidean_color"]]
        compared = [(a, b) for i, a in enumerate(words) for b in words[i + 1 :]]
    assert not palette_problems(style, compared)


def test_one_key_recolours_l1_in_every_figure_and_a_figure_can_override_it(default_config):
    config = {**default_config, "style": {**default_config["style"]}}
    config["style"]["palette"] = {**config["style"]["palette"], "l1": "#0072B2"}
    config["robustness"] = {**config["robustness"], "style": {"l1_color": "#123456"}}
    for figure in ("outlier_sweep", "l1_l2_gradient", "sparsity", "stability", "solvers"):
        assert figure_style(config, figure)["l1_color"] == "#0072B2"
    assert figure_style(config, "robustness")["l1_color"] == "#123456"


def test_the_dark_theme_overrides_only_what_it_names(default_config):
    light, dark = (figure_style(default_config, "outlier_sweep", t) for t in THEMES)
    assert light["l1_color"] == dark["l1_color"]
    assert light["background_color"] != dark["background_color"]


def test_a_dark_only_change_leaves_every_light_style_alone(default_config):
    config = copy.deepcopy(default_config)
    config["style"]["themes"]["dark"]["palette"]["l1"] = "#44AA99"
    for figure in ("outlier_sweep", "l1_l2_gradient", "manhattan_distance", "solvers"):
        assert figure_style(config, figure) == figure_style(default_config, figure)
        assert figure_style(config, figure, "dark") != figure_style(default_config, figure, "dark")


def test_an_unknown_theme_is_refused_naming_the_key(default_config):
    with pytest.raises(ConfigError, match=r"style\.themes\.sepia"):
        check_theme(default_config, "sepia")
    with pytest.raises(ConfigError, match="sepia"):
        figure_style(default_config, "outlier_sweep", "sepia")


# The gate itself: each defect, built on purpose, is caught and named.


@pytest.fixture
def canvas(default_config):
    apply_house_style(figure_style(default_config, "robustness"))
    fig, ax = plt.subplots(figsize=(4, 3), dpi=100)
    ax.set(xlim=(0, 10), ylim=(0, 10))
    yield fig, ax
    plt.close(fig)


def test_the_gate_names_a_collection_of_several_colours_under_a_legend(canvas):
    # a collection's colours are an array, one row per item: naming it raised a ValueError
    fig, ax = canvas
    ax.vlines([0.5, 1.0, 1.5], 8, 10, colors=["#009E84", "#D64700", "#000000"])
    ax.vlines([0.7], 8, 10, colors=["#D64700"])
    ax.plot([], [], label="a key")
    ax.legend(loc="upper left")
    problems = figure_problems(fig, "f")
    assert problems.count("f: legend overlaps linecollection") == 1, problems
    assert "f: legend overlaps linecollection (#d64700)" in problems  # one colour: named


def test_the_gate_catches_text_on_a_line(canvas):
    fig, ax = canvas
    ax.plot([0, 10], [5, 5], label="the line")
    ax.text(5, 5, "a label")
    assert any("text 'a label' overlaps line2d 'the line'" in p for p in figure_problems(fig, "f"))


def test_the_gate_catches_text_on_text(canvas):
    fig, ax = canvas
    ax.text(2, 2, "first label")
    ax.text(2.5, 2, "second label")
    problems = figure_problems(fig, "f")
    assert "f: text 'first label' overlaps text 'second label'" in problems


def test_the_gate_catches_a_clipped_label_and_a_clipped_marker(canvas):
    fig, ax = canvas
    ax.text(9.5, 8, "a label that runs off the figure")
    ax.plot([0], [3], "o", markersize=10, label="edge point")
    problems = figure_problems(fig, "f")
    assert "f: text 'a label that runs off the figure' is cut by the figure's edge" in problems
    assert any("'edge point' marker at (0, 3) is cut" in p for p in problems)


def test_the_gate_measures_a_diamond_by_its_corners(canvas):
    # Both centres 0.6 marker sizes below the top: the disc (half a size) is whole, the diamond's
    # corner (0.71 of a size) is cut.
    fig, ax = canvas
    size_px = 20 * fig.dpi / 72
    top_px = ax.transData.transform((0, 10))[1]
    y = ax.transData.inverted().transform((0, top_px - 0.6 * size_px))[1]
    ax.plot([3], [y], "o", markersize=20, markeredgewidth=0, label="disc")
    ax.plot([7], [y], "D", markersize=20, markeredgewidth=0, label="diamond")
    problems = " ".join(figure_problems(fig, "f"))
    assert "'diamond' marker" in problems and "cut by the axes' edge" in problems
    assert "'disc'" not in problems


def test_the_gate_catches_a_hidden_marker_but_not_one_under_a_ring(canvas):
    fig, ax = canvas
    ax.plot([3], [3], "o", markersize=6, label="point")
    ax.plot([3], [3], "o", markersize=12, label="cover")
    ax.plot([7], [7], "o", markersize=6, label="visible point")
    ax.plot([7], [7], "o", markersize=12, fillstyle="none", label="ring")
    problems = figure_problems(fig, "f")
    assert any("'point' marker at (3, 3) is hidden under line2d 'cover'" in p for p in problems)
    assert not any("visible point" in p for p in problems)


def test_the_gate_catches_a_series_hidden_under_another_but_not_under_a_narrower_one(canvas):
    fig, ax = canvas
    ax.plot([0, 10], [3, 3], linewidth=2, label="green")
    ax.plot([0, 10], [3, 3], linewidth=2, label="red over green")
    ax.plot([0, 10], [7, 7], linewidth=4, label="wide green")
    ax.plot([0, 10], [7, 7], linewidth=2, label="narrow red")
    problems = " ".join(figure_problems(fig, "f"))
    assert "line2d 'green' is hidden under line2d 'red over green'" in problems
    assert "wide green" not in problems


def test_the_gate_catches_a_series_left_as_anti_aliased_fringes_under_a_narrower_one(canvas):
    # Issue 27: a 1.5 px Huber line exactly on a 2.5 px L2 line left L2 as 0.5 px fringes.
    fig, ax = canvas
    px = 72 / fig.dpi  # points per pixel
    ax.plot([0, 10], [3, 3], linewidth=2.5 * px, label="L2")
    ax.plot([0, 10], [3, 3], linewidth=1.5 * px, label="Huber")
    ax.plot([0, 10], [7, 7], linewidth=6 * px, label="wide L1")
    ax.plot([0, 10], [7, 7], linewidth=2 * px, label="narrow L2")
    ax.plot([0, 10], [5, 5], linewidth=5 * px, label="L1 under a halo")
    ax.plot(
        [0, 10],
        [5, 5],
        linewidth=2 * px,
        path_effects=[withStroke(linewidth=5 * px, foreground="white")],
        label="haloed L2",
    )
    problems = " ".join(figure_problems(fig, "f"))
    assert "line2d 'L2' is hidden under line2d 'Huber'" in problems
    assert "line2d 'L1 under a halo' is hidden under line2d 'haloed L2'" in problems
    assert "wide L1" not in problems


def test_the_gate_measures_colour_vision_on_the_colours_drawn(canvas):
    # Issue 27: a horizontal 2 pt line at dpi 100 is drawn mostly in its lighter edge pixels,
    # (217, 111, 27) for #D55E00: 18 dE from #009E73 under protanopia where the two give 22.
    fig, ax = canvas
    ax.plot([0, 10], [2.5, 2.5], color="#009E73", linewidth=5, label="L1")
    ax.plot([0, 10], [7.5, 7.5], color="#D55E00", linewidth=2, label="narrow L2")
    problems = figure_problems(fig, "f")
    assert any("'narrow L2' drawn as #d96f1b" in p and "dE 18.0" in p for p in problems)
    ax.lines[-1].set_linewidth(2.5)
    assert not any("drawn as" in p for p in figure_problems(fig, "f"))


def test_the_gate_catches_a_zero_line_over_a_curve_but_not_one_under_it(canvas):
    fig, ax = canvas
    ax.plot([0, 5, 10], [4, 0, 0], label="reaches 0")
    ax.axhline(0, label="zero line")
    ax.axvline(5, zorder=1.6, label="line under")
    problems = figure_problems(fig, "f")
    assert any("line2d 'zero line' is drawn over line2d 'reaches 0'" in p for p in problems)
    assert not any("line under" in p for p in problems)


def test_the_gate_catches_a_red_green_pair_and_low_contrast(default_config):
    style = figure_style(default_config, "outlier_sweep") | {
        "l1_color": "green",
        "l2_color": "red",
        "text_color": "#999999",
    }
    problems = palette_problems(style)
    assert any(p.startswith("l1_color green and l2_color red") for p in problems)
    assert any(p.startswith("text_color #999999") for p in problems)


def test_the_gate_refuses_text_under_12_px_at_1x_and_a_figure_wider_than_a_column(canvas):
    fig, ax = canvas
    ax.text(1, 1, "small print", fontsize=8)  # 8 pt at dpi 100: 11.1 px
    ax.text(1, 5, "readable", fontsize=9)  # 12.5 px
    problems = figure_problems(fig, "f")
    assert "f: text 'small print' is 11.1 px high at 1x, under 12" in problems
    assert not any("'readable'" in p for p in problems)
    assert not any("wide at 1x" in p for p in problems)
    fig.set_figwidth(8.2)
    assert "f: the figure is 820 px wide at 1x, over 800" in figure_problems(fig, "f")


def test_coloured_words_need_4_5_to_1_unless_large_and_bold(canvas):
    fig, ax = canvas
    # #009E73 on white: 3.4, enough for large bold text (3:1), not for normal text (4.5:1)
    ax.text(1, 1, "normal", color="#009E73")
    ax.text(1, 5, "large bold", color="#009E73", fontsize=14, fontweight="bold")
    problems = figure_problems(fig, "f")
    assert any(p.startswith("f: text 'normal': contrast 3.42") for p in problems)
    assert not any("'large bold'" in p for p in problems)


def test_the_gate_refuses_a_line_colour_under_3_to_1_against_the_background(default_config):
    style = figure_style(default_config, "outlier_sweep") | {"l2_color": "#F0E442"}
    problems = palette_problems(style)
    assert any(
        p.startswith("l2_color #F0E442 on background_color white: contrast 1.") for p in problems
    )


def test_the_gate_catches_negative_zero_and_absurd_precision(canvas):
    fig, ax = canvas
    ax.set_title("x = −0.0, y = 0.123456789")
    problems = " ".join(figure_problems(fig, "f"))
    assert "negative zero" in problems and "more digits" in problems


def test_the_gate_names_the_frame(canvas):
    fig, ax = canvas
    label = ax.text(1, 1, "")

    def update(i):
        label.set_text(f"x = {-0.0 if i == 2 else 1.0}")
        return [label]

    problems = animation_problems(fig, update, range(3), "demo")
    assert problems == ["demo frame 2: text 'x = -0.0' shows a negative zero"]


def colour_words(words: list[str]):
    """The gate's check of the words' colour names, as the gate job passes it."""
    from l1l2figures.words.colours import figure_colour_word_problems

    return lambda fig: figure_colour_word_problems(fig, words)


def test_the_gate_refuses_words_or_frame_text_naming_a_colour_not_drawn(canvas, tmp_path):
    from l1l2figures.errors import QualityError
    from l1l2figures.rendering.quality import check_quality

    fig, ax = canvas
    ax.plot([0, 10], [0, 1], color="#D64700")
    label = ax.text(1, 9, "")

    def update(i):
        label.set_text("the orange line" if i == 0 else "the teal line")
        return [label]

    report = tmp_path / "demo.txt"
    check_quality(fig, update, [0], report, colour_words(["L2 loss (squared error, orange)"]))
    assert report.read_text() == ""
    with pytest.raises(QualityError, match="'L1 loss \\(teal\\)' say 'teal'"):
        check_quality(fig, update, [0], report, colour_words(["L1 loss (teal)"]))
    with pytest.raises(QualityError, match="'the teal line' say 'teal'"):
        check_quality(fig, update, [1], report, colour_words([]))
    assert "draws only" in report.read_text()


def test_the_gate_s_error_names_every_problem_it_found(canvas, tmp_path):
    from l1l2figures.errors import QualityError
    from l1l2figures.rendering.quality import check_quality

    fig, ax = canvas
    ax.plot([0, 10], [0, 1], color="#D64700")
    label = ax.text(1, 9, "")

    def update(i):
        label.set_text(f"the teal line {i}")
        return [label]

    with pytest.raises(QualityError) as refused:
        check_quality(
            fig, update, [0, 1, 2], tmp_path / "demo.txt", colour_words(["L1 loss (teal)"])
        )
    reported = (tmp_path / "demo.txt").read_text().splitlines()
    assert len(reported) == 2  # the words' teal, and the drawn text's
    assert str(refused.value).splitlines() == ["2 problems:", *reported]


def test_svg_text_names_a_generic_font_family_after_the_house_font(default_config, tmp_path):
    fig = scene("manhattan_distance", default_config, "light")
    write_svg(fig, tmp_path / "city.svg", "title", "description")
    plt.close(fig)
    families = re.findall(r"font-family: ([^;\"]+)", (tmp_path / "city.svg").read_text())
    assert families and all(
        f.startswith("'DejaVu Sans'") and f.rstrip().endswith("sans-serif") for f in families
    ), families


def test_labels_never_print_a_negative_zero_and_tell_neighbouring_frames_apart():
    assert number(-0.04, ".1f") == "0.0" and number(-0.06, ".1f") == "−0.1"
    positions = np.linspace(-3, 13, 600)
    digits = decimals_to_tell_apart(positions.tolist())
    labels = [number(x, f".{digits}f") for x in positions]
    assert digits == 2 and len(set(labels)) == len(labels)
    assert decimals_to_tell_apart(np.linspace(-3, 13, 60).tolist()) == 1
